"""`python -m pipeline COMMAND`: extract claims from files (JSONL on stdout,
the contract's export), query the warehouse, benchmark extraction.
Stdout carries data only; progress and errors go to stderr."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tqdm import tqdm

from pipeline.extract import ExtractFailure, extract_isolated
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
        claims = extract_isolated(result.text, result.source)
        if isinstance(claims, ExtractFailure):  # one stderr line; the other paths go on
            print(f"{path}: extraction failed: {claims.error}", file=sys.stderr)
            failed += 1
            continue
        for claim in claims:
            sys.stdout.write(json.dumps(claim.export(), ensure_ascii=False) + "\n")
    return 1 if failed else 0


def cmd_sql(args: argparse.Namespace) -> int:
    """Runs one query against the warehouse, read-only, and prints the result."""
    import csv

    import duckdb

    from pipeline.config import database_path

    path = database_path()
    if not path.exists():
        print(f"{path}: no warehouse yet; run the main job first (see README)", file=sys.stderr)
        return 2
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            frame = con.execute(args.query).fetchdf()
    except duckdb.Error as exc:
        print(f"query failed: {exc}", file=sys.stderr)
        return 1
    for column in frame.columns:  # DATE columns come back as midnight timestamps: show them as dates
        if str(frame[column].dtype).startswith("datetime64") and (frame[column].dropna().dt.normalize()
                                                                   == frame[column].dropna()).all():
            frame[column] = frame[column].map(lambda d: d.date().isoformat() if d == d and d is not None else None)
    if args.csv:
        frame.to_csv(sys.stdout, index=False, quoting=csv.QUOTE_MINIMAL)
    elif args.json:
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, date_format="iso") + "\n")
    else:
        shown = frame.astype(object).where(frame.notna(), "")
        sys.stdout.write(shown.to_markdown(index=False) + "\n" if len(frame) else "(no rows)\n")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from pipeline.bench import DEFAULT_CORPORA, run

    return run(args.mb, [Path(p) for p in args.corpus] or DEFAULT_CORPORA)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="print the claims of files as JSONL")
    extract.add_argument("paths", nargs="+")
    extract.set_defaults(func=cmd_extract)
    sql = commands.add_parser("sql", help="run a read-only SQL query against the warehouse")
    sql.add_argument("query")
    form = sql.add_mutually_exclusive_group()
    form.add_argument("--csv", action="store_true", help="print CSV")
    form.add_argument("--json", action="store_true", help="print JSON records")
    sql.set_defaults(func=cmd_sql)
    bench = commands.add_parser("bench-extract", help="measure extraction throughput (MB/s, claims/s)")
    bench.add_argument("--mb", type=float, default=50.0, help="corpus size per measurement (default 50)")
    bench.add_argument("--corpus", action="append", default=[], help="folder of articles (repeatable)")
    bench.set_defaults(func=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
