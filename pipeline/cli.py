"""`python -m pipeline COMMAND`: extract claims from files (JSONL on stdout,
the contract's export), query the warehouse, record a reviewer's decision,
load the reference snapshots, benchmark extraction.
Stdout carries data only; progress and errors go to stderr."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tqdm import tqdm

from pipeline.extract import ENGINES, ExtractFailure, extract_isolated
from pipeline.ingest.sources import SourceRef, read_source
from pipeline.records import IngestError


def cmd_extract(args: argparse.Namespace) -> int:
    failed = 0
    paths = [Path(p) for p in args.paths]
    progress = tqdm(paths, desc="extract", unit="doc", file=sys.stderr, disable=None)
    for path in progress:
        ref = SourceRef("file", path.name, path.name)
        result = read_source(ref, path.parent, confine=False)  # a named path may link anywhere, still bounded
        if isinstance(result, IngestError):
            print(f"{path}: {result.error}", file=sys.stderr)
            failed += 1
            continue
        # an HTML page is read in place, so spans index the file itself (contract: quote == file text at span)
        claims = extract_isolated(result.raw_text or result.text, result.source, engine=args.engine)
        if isinstance(claims, ExtractFailure):  # one stderr line; the other paths go on
            print(f"{path}: extraction failed: {claims.error}", file=sys.stderr)
            failed += 1
            continue
        for claim in claims:
            sys.stdout.write(json.dumps(claim.export(), ensure_ascii=False) + "\n")
    return 1 if failed else 0


def _query_text(args: argparse.Namespace) -> str:
    """The query from the argument, `--file F`, or stdin when it is `-`."""
    if args.file:
        return Path(args.file).read_text(encoding="utf-8")
    if args.query == "-":
        return sys.stdin.read()
    return args.query or ""


def _as_json_text(value):
    """Lists, arrays and structs as JSON in CSV and markdown cells (not numpy's repr)."""
    import numpy as np

    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _markdown_cell(value):
    """A `|` inside a value would split the cell: escape it."""
    value = _as_json_text(value)
    return value.replace("|", "\\|") if isinstance(value, str) else value


def cmd_sql(args: argparse.Namespace) -> int:
    """Runs one query against the warehouse, read-only, and prints the result."""
    import csv

    import duckdb

    from pipeline.config import database_path

    if args.file and args.query is not None:
        print("give the query as an argument or with --file, not both", file=sys.stderr)
        return 2
    try:
        query = _query_text(args)
    except OSError as exc:
        print(f"{args.file}: cannot read the query: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if not query.strip() or not any(line.strip() and not line.lstrip().startswith("--")
                                    for line in query.splitlines()):
        where = args.file or ("stdin" if args.query == "-" else "the argument")
        print(f"empty query (from {where}): nothing to run", file=sys.stderr)
        return 2
    path = database_path()
    if not path.exists():
        print(f"{path}: no warehouse yet; run the main job first (see README)", file=sys.stderr)
        return 2
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            cursor = con.execute(query)
            if cursor.description is None:
                print("the query returned no result set", file=sys.stderr)
                return 0
            frame = cursor.fetchdf()
    except duckdb.Error as exc:
        print(f"query failed: {exc}", file=sys.stderr)
        return 1
    for column in frame.columns:  # DATE columns come back as midnight timestamps: show them as dates
        if str(frame[column].dtype).startswith("datetime64") and (frame[column].dropna().dt.normalize()
                                                                   == frame[column].dropna()).all():
            frame[column] = frame[column].map(lambda d: d.date().isoformat() if d == d and d is not None else None)
    if args.csv:
        for column in frame.columns:
            if frame[column].dtype == object:
                frame[column] = frame[column].map(_as_json_text)
        frame.to_csv(sys.stdout, index=False, quoting=csv.QUOTE_MINIMAL)
    elif args.json:
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, date_format="iso") + "\n")
    else:
        shown = frame.astype(object).where(frame.notna(), "")
        for column in shown.columns:
            shown[column] = shown[column].map(_markdown_cell)
        sys.stdout.write(shown.to_markdown(index=False) + "\n" if len(frame) else "(no rows)\n")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from pipeline.bench import DEFAULT_CORPORA, run

    return run(args.mb, [Path(p) for p in args.corpus] or DEFAULT_CORPORA, args.engine or None, args.rounds)


def cmd_train_extractor(args: argparse.Namespace) -> int:
    from pipeline.config import PROJECT_ROOT
    from pipeline.extract.v2.data import WEIGHTS_FILE
    from pipeline.extract.v2.train import default_corpora, find_devset, train

    try:
        devset = None if args.no_devset else find_devset(PROJECT_ROOT, args.devset)
        corpora = default_corpora(PROJECT_ROOT, devset)
    except (FileNotFoundError, ValueError) as exc:
        print(f"train-extractor: {exc}", file=sys.stderr)
        return 2
    train(corpora, Path(args.out) if args.out else WEIGHTS_FILE, loao=not args.no_loao)
    return 0


def cmd_bench_pipeline(args: argparse.Namespace) -> int:
    from pipeline.bench_pipeline import run

    try:
        scales = [int(n) for n in args.articles.split(",") if n.strip()]
    except ValueError:
        print(f"--articles {args.articles!r}: expected numbers separated by commas", file=sys.stderr)
        return 2
    if not scales or min(scales) < 1:
        print(f"--articles {args.articles!r}: expected positive numbers", file=sys.stderr)
        return 2
    if args.compare_workers:
        from pipeline.bench_pipeline import bench_workers

        rows = bench_workers(scales[0], [int(w) for w in args.compare_workers.split(",")], args.seed)
        base = rows[0]["seconds"]
        for row in rows[1:]:
            print(f"speed-up {rows[0]['workers']} -> {row['workers']} workers: {base / row['seconds']:.2f}x")
        return 0
    return run(scales, args.seed, args.workers)


def cmd_fuzz(args: argparse.Namespace) -> int:
    from pipeline.fuzz import run

    return run(args.n, args.seed, args.deadline, args.show)


def cmd_build_catalogue(args: argparse.Namespace) -> int:
    from pipeline.catalogue.build import main
    from pipeline.config import reference_dir

    return main(Path(args.reference) if args.reference else reference_dir())


def _accepted(text: str) -> float | str:
    """A number, or a date as written (`2024-06-20`)."""
    try:
        return float(text)
    except ValueError:
        return text


def _known_target(target: str) -> bool | None:
    """Whether the warehouse holds this conflict or claim (None: no warehouse to ask)."""
    import duckdb

    from pipeline.config import database_path

    if not database_path().exists():
        return None
    try:
        with duckdb.connect(str(database_path()), read_only=True) as con:
            tables = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
            found = con.execute("select count(*) from claims where claim_id = ?", [target]).fetchone()[0]
            if "conflicts" in tables:
                found += con.execute("select count(*) from conflicts where conflict_id = ?", [target]).fetchone()[0]
        return found > 0
    except duckdb.Error:
        return None


def cmd_review(args: argparse.Namespace) -> int:
    """Appends one decision to SOURCES_DIR/reviews.yaml; the next run applies it."""
    import getpass
    from datetime import datetime, timezone

    from pydantic import ValidationError

    from pipeline.config import sources_dir
    from pipeline.records import Review
    from pipeline.reviews import REVIEWS_FILE, ReviewsFileError, append_review

    decision = "accept_value" if args.accept is not None else "reject_claim" if args.reject else "dismiss"
    try:
        review = Review(target=args.target, decision=decision,
                        value=_accepted(args.accept) if args.accept is not None else None,
                        note=args.note, reviewer=args.reviewer or getpass.getuser(),
                        decided_at=datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0))
    except ValidationError as exc:
        print(f"not a valid decision: {exc.errors()[0]['msg']}", file=sys.stderr)
        return 2
    if _known_target(args.target) is False:
        print(f"warning: {args.target} is no current conflict_id or claim_id; the decision is kept "
              f"and will show as stale until it is", file=sys.stderr)
    path = sources_dir() / REVIEWS_FILE
    try:
        append_review(path, review)
    except (ReviewsFileError, OSError) as exc:
        print(f"{path}: not changed: {exc}", file=sys.stderr)
        return 1
    print(review.id)
    print(f"recorded {decision} for {args.target} in {path}", file=sys.stderr)
    return 0


def cmd_reference(args: argparse.Namespace) -> int:
    """Loads every reference snapshot (without writing) and prints facts, skipped ids and seconds per file."""
    import time

    from pipeline.config import reference_dir
    from pipeline.extract.lexicon import lexicon
    from pipeline.reference.loaders import LOADERS, load_reference_dir, reference_warning, snapshot_hashes

    folder = Path(args.folder) if args.folder else reference_dir()
    lexicon()  # built once per process; not a loader's cost
    rows = []
    started = time.perf_counter()
    for name in LOADERS:
        single = time.perf_counter()
        for f in load_reference_dir(folder, only=name):
            rows.append(f"| {f.file_name} | {f.ref_source} | {len(f.facts)} | {f.skipped} | "
                        f"{time.perf_counter() - single:.2f} |")
    total = time.perf_counter() - started
    warning = reference_warning(folder, snapshot_hashes(folder) if folder.is_dir() else {})
    if warning:
        print(f"WARNING: {warning}", file=sys.stderr)
    sys.stdout.write("\n".join(["| file | source | facts | skipped ids | seconds |", "|---|---|---:|---:|---:|"]
                               + rows) + f"\n\n{folder}: {total:.2f} s in all\n")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """The main job (`everything`: every asset and check) in this process, into
    WAREHOUSE_DIR; run history in DAGSTER_HOME if set, else kept in memory."""
    import os

    import dagster as dg

    from pipeline.config import database_path
    from pipeline.definitions import defs

    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    with instance:
        result = defs.resolve_job_def("everything").execute_in_process(instance=instance, raise_on_error=False)
    if not result.success:
        print("the main job failed; see the log above", file=sys.stderr)
        return 1
    print(f"the main job succeeded: {database_path()}", file=sys.stderr)
    return 0


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("claims-warehouse")
    except PackageNotFoundError:
        return "unknown (not installed)"


def _prog() -> str:
    name = Path(sys.argv[0]).name
    return "python -m pipeline" if name in ("__main__.py", "") else name


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=_prog(), description="The claims warehouse: run the main job, query "
                                     "the DuckDB file, extract claims, record reviewer decisions.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser("run", help="run the main job (every asset and check)")
    run.set_defaults(func=cmd_run)
    extract = commands.add_parser("extract", help="print the claims of files as JSONL")
    extract.add_argument("paths", nargs="+")
    extract.add_argument("--engine", choices=ENGINES, default=None,
                         help="extraction engine (default: EXTRACT_ENGINE, else v1)")
    extract.set_defaults(func=cmd_extract)
    sql = commands.add_parser("sql", help="run a read-only SQL query against the warehouse")
    sql.add_argument("query", nargs="?", help="the SQL; '-' reads it from stdin")
    sql.add_argument("--file", "-f", metavar="F", help="read the SQL from file F")
    form = sql.add_mutually_exclusive_group()
    form.add_argument("--csv", action="store_true", help="print CSV")
    form.add_argument("--json", action="store_true", help="print JSON records")
    sql.set_defaults(func=cmd_sql)
    review = commands.add_parser("review", help="record a reviewer's decision in SOURCES_DIR/reviews.yaml")
    review.add_argument("target", help="a conflict_id or claim_id")
    decision = review.add_mutually_exclusive_group(required=True)
    decision.add_argument("--accept", metavar="VALUE", help="this value is right (a number, or a date)")
    decision.add_argument("--reject", action="store_true", help="this claim is wrong")
    decision.add_argument("--dismiss", action="store_true", help="not a real conflict")
    review.add_argument("--note", help="why, for the next reviewer")
    review.add_argument("--reviewer", help="who decided (default: the login name)")
    review.set_defaults(func=cmd_review)
    reference = commands.add_parser("reference", help="load the reference snapshots and print facts and seconds per file")
    reference.add_argument("--folder", help="a reference folder (default: REFERENCE_DIR or sources/reference)")
    reference.set_defaults(func=cmd_reference)
    bench = commands.add_parser("bench-extract", help="measure extraction throughput (MB/s, claims/s)")
    bench.add_argument("--mb", type=float, default=50.0, help="corpus size per measurement (default 50)")
    bench.add_argument("--corpus", action="append", default=[], help="folder of articles (repeatable)")
    bench.add_argument("--engine", action="append", choices=ENGINES, default=[],
                       help="engine to measure (repeatable; default: v1 and v2 side by side)")
    bench.add_argument("--rounds", type=int, default=1,
                       help="measure each engine this many times, alternated, and report the median (default 1)")
    bench.set_defaults(func=cmd_bench)
    bench_pipeline = commands.add_parser(
        "bench-pipeline", help="run the whole graph on synthetic corpora: seconds, peak memory, rows per step")
    bench_pipeline.add_argument("--articles", default="1000,3000,10000",
                                help="corpus sizes, comma-separated (default 1000,3000,10000)")
    bench_pipeline.add_argument("--seed", type=int, default=13, help="corpus seed (default 13)")
    bench_pipeline.add_argument("--workers", type=int, help="extraction processes (default: every core)")
    bench_pipeline.add_argument("--compare-workers", metavar="1,2",
                                help="instead: time extraction alone on the first corpus size with these workers")
    bench_pipeline.set_defaults(func=cmd_bench_pipeline)
    train = commands.add_parser("train-extractor", help="train extraction v2's attribution from labelled articles; "
                                "print leave-one-article-out scores")
    train.add_argument("--devset", help="the dev set folder (default: SHARED_DIR/devset or ../shared/devset, when present)")
    train.add_argument("--no-devset", action="store_true", help="train on the project's own labelled articles only")
    train.add_argument("--out", help="weights file (default: pipeline/extract/v2/data/weights.json)")
    train.add_argument("--no-loao", action="store_true", help="skip the leave-one-article-out scores")
    train.set_defaults(func=cmd_train_extractor)
    fuzz = commands.add_parser("fuzz", help="extract mutated test articles; print crashes, span mismatches, slowest")
    fuzz.add_argument("--n", type=int, default=1000, help="how many mutated inputs (default 1000)")
    fuzz.add_argument("--seed", type=int, default=0, help="random seed, to replay a run (default 0)")
    fuzz.add_argument("--deadline", type=float, default=20.0, help="time limit per input in seconds (default 20)")
    fuzz.add_argument("--show", type=int, default=10, help="how many crashes and slow inputs to list (default 10)")
    fuzz.set_defaults(func=cmd_fuzz)
    catalogue = commands.add_parser("build-catalogue",
                                    help="regenerate pipeline/catalogue/catalogue.json from the reference datasets")
    catalogue.add_argument("--reference", help="folder of the datasets (default: REFERENCE_DIR)")
    catalogue.set_defaults(func=cmd_build_catalogue)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
