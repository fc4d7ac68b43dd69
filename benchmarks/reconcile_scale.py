"""Reconciliation and the report at scale, on warehouses that already hold
documents, claims and reference facts (built by `bench-pipeline`'s corpus or
any run of the pipeline). Each stage runs in a fresh process on a copy of the
warehouse, so its peak memory (ru_maxrss) is its own:

    .venv/bin/python benchmarks/reconcile_scale.py W300.duckdb W1000.duckdb ...

prints per warehouse: documents, claims, reconciliation seconds and peak MB,
truth-discovery iterations, a no-change re-run, the report's seconds, peak
MB, size and headless Chromium's open time, and the growth between scales.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGES = {
    "reconcile": """
from pipeline.reconcile.run import Vocab, run
try:
    from pipeline.reconcile.run import run_if_changed
except ImportError:  # before fingerprints: a no-change run recomputes
    run_if_changed = run
from pipeline.vocabulary import vocabulary
outcome, counts = (run_if_changed if again else run)(con, Vocab.from_vocabulary(vocabulary()))
if outcome is None:
    out.update(iterations="kept")
else:
    out.update(iterations=outcome.iterations, conflicts=counts.get("conflicts"), facts=counts.get("reconciled_facts"))
""",
    "report": """
con.close()
con = duckdb.connect(path, read_only=True)
try:
    from pipeline.report.pages import publish_report
    written = publish_report(con, folder / "sources", folder / "reports", "w.duckdb")
    out.update(html=str(written.paths["html"]), rendered=written.rendered, pages=written.pages)
except ImportError:  # before pages.py: one page
    from pipeline.report.data import read_report_data
    from pipeline.report.render import write_report
    out.update(html=str(write_report(read_report_data(con, folder / "sources", folder / "reports"),
                                     folder / "reports", "w.duckdb")["html"]))
""",
}
PRELUDE = """
import json, resource, sys, time
from pathlib import Path
import duckdb
sys.path.insert(0, {root!r})
path, folder, again = {path!r}, Path({folder!r}), {again!r}
con = duckdb.connect(path)
out = {{}}
started = time.perf_counter()
"""
CODA = """
out["seconds"] = time.perf_counter() - started
out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def stage(name: str, path: Path, folder: Path, again: bool = False) -> dict:
    """Runs a stage in a fresh process; `again`: as a pipeline run would (kept when nothing changed)."""
    code = PRELUDE.format(root=str(ROOT), path=str(path), folder=str(folder), again=again) + STAGES[name] + CODA
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1:] or ["failed"], "seconds": float("nan"),
                "peak_mb": float("nan")}
    return json.loads(done.stdout.strip().splitlines()[-1])


def chromium_open(html: Path, profile: Path) -> float | None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium or not html.exists():
        return None
    started = time.perf_counter()
    try:
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        f"--user-data-dir={profile}", "--window-size=1280,1800",
                        f"--screenshot={profile / 'shot.png'}", html.as_uri()],
                       capture_output=True, timeout=300, check=True)
    except (subprocess.TimeoutExpired, subprocess.CalledProcessError):
        return float("inf")
    return time.perf_counter() - started


def _opened(folder: Path) -> list[Path]:
    """The summary page and the largest other report page: the slowest a reader opens."""
    pages = [p for p in folder.glob("*.html")]
    return sorted({folder / "conflicts.html", max(pages, key=lambda p: p.stat().st_size)})


def report_size(folder: Path) -> tuple[float, int, float]:
    """MB of the report pages (all HTML but the per-source pages), their count, the largest page in MB."""
    pages = [p for p in folder.rglob("*.html") if "docs" not in p.relative_to(folder).parts]
    sizes = [p.stat().st_size / 1e6 for p in pages]
    return sum(sizes), len(pages), max(sizes, default=0.0)


def measure(warehouse: Path) -> dict:
    import duckdb
    with duckdb.connect(str(warehouse), read_only=True) as con:
        docs, claims = (con.execute(f"select count(*) from {t}").fetchone()[0] for t in ("documents", "claims"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "w.duckdb"
        shutil.copy(warehouse, path)
        (folder / "sources").mkdir()
        first = stage("reconcile", path, folder)
        again = stage("reconcile", path, folder, again=True)
        report = stage("report", path, folder)
        again_report = stage("report", path, folder)
        mb, pages, largest = report_size(folder / "reports")
        opened = max((chromium_open(page, folder / "profile") or 0.0 for page in _opened(folder / "reports")),
                     default=None) if "html" in report else None
    return {"documents": docs, "claims": claims, "reconcile": first, "no_change": again, "report": report,
            "report_again": again_report, "report_mb": mb, "pages": pages, "largest_page_mb": largest,
            "chromium_s": opened}


def line(m: dict) -> str:
    r, n, p, q = m["reconcile"], m["no_change"], m["report"], m["report_again"]
    opened = "-" if m["chromium_s"] is None else f"{m['chromium_s']:.1f}"
    return (f"{m['documents']:6d} {m['claims']:8d} | {r['seconds']:7.1f} {r['peak_mb']:7.0f} "
            f"{r.get('iterations', '-')!s:>5} {r.get('conflicts', '-')!s:>6} | {n['seconds']:6.1f} | "
            f"{p['seconds']:7.1f} {p['peak_mb']:7.0f} {q['seconds']:6.1f} | {m['report_mb']:7.1f} {m['pages']:5d} "
            f"{m['largest_page_mb']:6.2f} {opened:>6}" + (f"  ERROR {r.get('error') or p.get('error')}"
                                                         if "error" in r or "error" in p else ""))


def main(paths: list[str]) -> None:
    print("  docs   claims | reconcile s   peak MB  iter conflicts | again s | report s peak MB again s |"
          "  HTML MB pages  max MB chromium s")
    results = []
    for path in paths:
        results.append(measure(Path(path)))
        print(line(results[-1]), flush=True)
    for a, b in zip(results, results[1:]):
        scale = b["documents"] / a["documents"]
        print(f"{a['documents']} -> {b['documents']} documents (x{scale:.1f}): reconcile "
              f"x{b['reconcile']['seconds'] / a['reconcile']['seconds']:.1f} time, report "
              f"x{b['report']['seconds'] / a['report']['seconds']:.1f} time")


if __name__ == "__main__":
    main(sys.argv[1:])
