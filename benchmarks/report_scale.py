"""The report at scale: builds the synthetic warehouse of tests/report_scale.py
(8 models × (3 × SETTINGS + 1) conflicts, from a real reconciliation), writes
the report (pipeline/report/pages.py: one page, or a summary page and pages
per model) and prints its pages' sizes, the write time, a re-run's (nothing
changed: pages are kept) and headless Chromium's load time of the summary and
the largest page at 1280 and 390 px.

    .venv/bin/python benchmarks/report_scale.py [SETTINGS]   # 22 → 536 conflicts
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.report.pages import publish_report  # noqa: E402
from tests.report_scale import build_scale_warehouse  # noqa: E402


def main(settings: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        con = build_scale_warehouse(root, settings)
        (root / "sources").mkdir()
        n = con.execute("select count(*) from conflicts").fetchone()[0]
        started = time.perf_counter()
        written = publish_report(con, root / "sources", root / "reports", "w.duckdb")
        rendered = time.perf_counter() - started
        started = time.perf_counter()
        again = publish_report(con, root / "sources", root / "reports", "w.duckdb")
        kept = time.perf_counter() - started
        pages = [p for p in (root / "reports").glob("*.html")]
        docs = list((root / "reports" / "docs").glob("*.html"))
        largest = max(pages, key=lambda p: p.stat().st_size)
        print(f"conflicts: {n}")
        print(f"read + render: {rendered:.2f} s ({written.rendered} pages); again, nothing changed: {kept:.2f} s "
              f"({again.rendered} page rendered)")
        print(f"{len(pages)} report pages, {sum(p.stat().st_size for p in pages) / 1e6:.2f} MB; conflicts.html "
              f"{written.paths['html'].stat().st_size / 1e6:.2f} MB; largest {largest.name} "
              f"{largest.stat().st_size / 1e6:.2f} MB; {len(docs)} document pages, "
              f"{sum(d.stat().st_size for d in docs) / 1e6:.2f} MB")
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if not chromium:
            print("chromium: not installed")
            return
        for page in sorted({written.paths["html"], largest}):
            for width in (1280, 390):
                started = time.perf_counter()
                subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                f"--user-data-dir={root / 'profile'}", f"--window-size={width},1800",
                                f"--screenshot={root / 'shot.png'}", page.as_uri()],
                               capture_output=True, timeout=300, check=True)
                print(f"chromium load + screenshot of {page.name} at {width} px: {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 22)
