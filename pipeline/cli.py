"""`python -m pipeline COMMAND`: extract claims from files (JSONL on stdout,
the contract's export), query the warehouse, benchmark extraction.
Stdout carries data only; progress and errors go to stderr."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tqdm import tqdm

from pipeline.extract import extract_claims
from pipeline.ingest.sources import SourceRef, read_source
from pipeline.schemas import IngestError


def cmd_extract(args: argparse.Namespace) -> int:
    failed = 0
    paths = [Path(p) for p in args.paths]
    progress = tqdm(paths, desc="extract", unit="doc", file=sys.stderr, disable=None)
    for path in progress:
        ref = SourceRef("file", path.name, path.name)
        result = read_source(ref, path.parent)
        if isinstance(result, IngestError):
            print(f"{path}: {result.error}", file=sys.stderr)
            failed += 1
            continue
        for claim in extract_claims(result.text, result.source):
            sys.stdout.write(json.dumps(claim.export(), ensure_ascii=False) + "\n")
    return 1 if failed else 0


def cmd_bench(args: argparse.Namespace) -> int:
    from pipeline.bench import DEFAULT_CORPORA, run

    return run(args.mb, [Path(p) for p in args.corpus] or DEFAULT_CORPORA)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="print the claims of files as JSONL")
    extract.add_argument("paths", nargs="+")
    extract.set_defaults(func=cmd_extract)
    bench = commands.add_parser("bench-extract", help="measure extraction throughput (MB/s, claims/s)")
    bench.add_argument("--mb", type=float, default=50.0, help="corpus size per measurement (default 50)")
    bench.add_argument("--corpus", action="append", default=[], help="folder of articles (repeatable)")
    bench.set_defaults(func=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
