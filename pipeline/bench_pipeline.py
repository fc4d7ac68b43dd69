"""`python -m pipeline bench-pipeline --articles 1000,3000`: the whole graph
through Dagster on a synthetic corpus (pipeline/bench_corpus.py) in a temp
folder with a fresh DAGSTER_HOME and warehouse: a first run, a run with
nothing changed, one article changed, 100 articles added. Each run is its own
process (`python -m pipeline.bench_phase`), which reports per step its
seconds, its CPU seconds, its peak memory (the RSS of the process and its
children, sampled) and the rows it wrote; this module prints them and the
growth between scales. Building (or changing) the corpus is timed apart:
it is not part of any run."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline.config import CHECKOUT, PROJECT_ROOT
from pipeline.bench_corpus import DEFAULT_SEED, add_articles, build_corpus, change_article

PHASES = ("first", "no-change", "one-change", "add-100")
ADDED = 100


def _phase_env(root: Path, workers: int | None) -> dict[str, str]:
    env = dict(os.environ, SOURCES_DIR=str(root / "sources"), WAREHOUSE_DIR=str(root / "warehouse"),
               DAGSTER_HOME=str(root / "home"))
    if workers:
        env["EXTRACT_WORKERS"] = str(workers)
    return env


def _instance_config(home: Path) -> None:
    """The project's dagster.yaml in the benchmark's DAGSTER_HOME (its storage paths are relative to the run's
    folder, the benchmark's root): runs are measured with the storage users' runs have, not Dagster's default."""
    home.mkdir(exist_ok=True)
    if CHECKOUT and not (home / "dagster.yaml").exists():
        shutil.copyfile(PROJECT_ROOT / "dagster.yaml", home / "dagster.yaml")


def run_phase(root: Path, workers: int | None = None) -> dict:
    """One run of the job `everything` in a child process; its figures (see pipeline.bench_phase)."""
    _instance_config(root / "home")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pipeline.bench_phase"], env=_phase_env(root, workers),
                          capture_output=True, text=True, cwd=root)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"the benchmark run failed ({done.returncode}):\n{done.stderr[-3000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    database = root / "warehouse" / "claims.duckdb"
    figures |= {"wall_seconds": wall, "database_mb": database.stat().st_size / 1e6 if database.exists() else 0.0}
    return figures


def _prepare(phase: str, root: Path, n: int, seed: int) -> float:
    """The corpus made ready for the phase; the seconds that took."""
    started, sources = time.perf_counter(), root / "sources"
    if phase == "first":
        build_corpus(sources, n, seed)
    elif phase == "one-change":
        change_article(sources, index=n // 2, seed=seed)
    elif phase == "add-100":
        add_articles(sources, n, ADDED, seed)
    return time.perf_counter() - started


def bench_scale(n: int, seed: int = DEFAULT_SEED, workers: int | None = None, keep: Path | None = None,
                phases: tuple[str, ...] = PHASES) -> dict[str, dict]:
    """Figures of every phase at `n` articles, in a temp folder (or `keep`, left in place)."""
    root = Path(tempfile.mkdtemp(prefix=f"bench{n}_")) if keep is None else keep
    try:
        results = {}
        for phase in phases:
            prepared = _prepare(phase, root, n, seed)
            results[phase] = run_phase(root, workers) | {"corpus_seconds": prepared}
            print(phase_table(n, phase, results[phase]), flush=True)
        return results
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)


def phase_table(n: int, phase: str, figures: dict) -> str:
    cpu = figures.get("cpu_seconds")
    lines = [f"\n## {n} articles, {phase} run: {figures['job_seconds']:.1f} s in the job "
             f"({figures['wall_seconds']:.1f} s with start-up"
             + ("" if cpu is None else f"; {cpu:.1f} CPU-s") + f"), peak {figures['peak_mb']:.0f} MB, "
             f"warehouse {figures['database_mb']:.1f} MB, load {os.getloadavg()[0]:.2f}"
             + ("" if "corpus_seconds" not in figures else
                f"; corpus prepared in {figures['corpus_seconds']:.1f} s before the run (not counted)"), "",
             "| step | seconds | CPU s | peak MB | rows |", "|---|---:|---:|---:|---:|"]
    for step in figures["steps"]:
        rows = "" if step["rows"] is None else f"{step['rows']:,}"
        cpu_step = "" if step.get("cpu_seconds") is None else f"{step['cpu_seconds']:.2f}"
        lines.append(f"| {step['step']} | {step['seconds']:.2f} | {cpu_step} | {step['peak_mb']:.0f} | {rows} |")
    return "\n".join(lines + phase_lines(figures["steps"]))


def phase_lines(steps: list[dict]) -> list[str]:
    """Under the table, a publishing step's seconds by phase (wall / CPU of its process)."""
    return [f"\n{step['step']} by phase (wall / CPU s): " + ", ".join(
        f"{name} {wall:.2f} / {cpu:.2f}" for name, (wall, cpu) in step["phases"].items())
        for step in steps if step.get("phases")]


def growth_table(results: dict[int, dict[str, dict]], measure: str = "seconds", job: str = "job_seconds") -> str:
    """`measure` per step of the first run at each scale, and each step's growth against linear."""
    scales = sorted(results)
    if len(scales) < 2:
        return ""
    steps = [s["step"] for s in results[scales[0]]["first"]["steps"]]
    seconds = {n: {s["step"]: s.get(measure) for s in results[n]["first"]["steps"]} for n in scales}
    label = "s" if measure == "seconds" else "CPU s"
    head = " | ".join(f"{n} {label}" for n in scales)
    ratios = [f"{b}/{a} vs linear" for a, b in zip(scales, scales[1:])]
    title = "Growth of the first run" + ("" if measure == "seconds" else " in CPU seconds")
    lines = [f"\n## {title}", "", f"| step | {head} | {' | '.join(ratios)} |",
             "|---|" + "---:|" * (len(scales) + len(ratios))]
    for step in steps + ["(job)"]:
        row = [seconds[n].get(step) if step != "(job)" else results[n]["first"].get(job) for n in scales]
        growth = [_growth(row[i], row[i + 1], scales[i + 1] / scales[i]) for i in range(len(scales) - 1)]
        lines.append(f"| {step} | " + " | ".join("" if v is None else f"{v:.2f}" for v in row)
                     + " | " + " | ".join(growth) + " |")
    return "\n".join(lines)


def _growth(before: float | None, after: float | None, linear: float) -> str:
    if not before or after is None or before < 0.05:
        return "n/a"
    return f"{after / before / linear:.2f}x"


def run(scales: list[int], seed: int = DEFAULT_SEED, workers: int | None = None) -> int:
    print(f"bench-pipeline: {', '.join(map(str, scales))} articles, seed {seed}, "
          f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}", flush=True)
    results = {}
    for n in scales:
        results[n] = bench_scale(n, seed, workers)
    print(growth_table(results))
    print(growth_table(results, "cpu_seconds", "cpu_seconds"))
    return 0


def bench_workers(n: int, counts: list[int], seed: int = DEFAULT_SEED) -> list[dict]:
    """Seconds to extract `n` corpus articles into a fresh warehouse with each worker count (ingest untimed)."""
    import duckdb

    from pipeline.extract import extractor_version
    from pipeline.extract.parallel import extract_pending
    from pipeline.store.documents import ingest_sources
    from pipeline.store.schema import apply_schema

    root = Path(tempfile.mkdtemp(prefix=f"benchw{n}_"))
    try:
        build_corpus(root / "sources", n, seed)
        rows = []
        for workers in counts:
            with duckdb.connect(str(root / f"w{workers}.duckdb")) as con:
                apply_schema(con)
                ingest_sources(con, root / "sources")
                load, cpu = os.getloadavg()[0], _cpu_seconds()
                started = time.perf_counter()
                summary = extract_pending(con, extractor_version(), root / "shards", workers)
                seconds = time.perf_counter() - started
            rows.append({"workers": workers, "seconds": seconds, "documents": len(summary.extracted),
                         "claims": sum(summary.extracted.values()), "load_before": load,
                         "cpu_seconds": _cpu_seconds() - cpu})
            print(f"{workers} worker(s): {seconds:.1f} s for {rows[-1]['documents']} documents, "
                  f"{rows[-1]['claims']} claims, {rows[-1]['cpu_seconds']:.1f} CPU-s in all processes "
                  f"(load average {load:.2f} before)", flush=True)
        return rows
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _cpu_seconds() -> float:
    """User + system CPU of this process and its finished children."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
