"""The README's tools work on this project: `dg` reads pyproject's [tool.dg]
(tomlkit refuses a split [tool.dg] table) and finds the definitions; the
console script's help fits 80 columns."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@pytest.mark.skipif(not (BIN / "dg").exists(), reason="dg (dagster-dg-cli, the dev extra) is not installed")
def test_dg_lists_the_project_definitions_without_warnings():
    out = subprocess.run([str(BIN / "dg"), "list", "defs", "--json"], cwd=ROOT, capture_output=True, text=True,
                         env={k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    listed = json.loads(out.stdout)
    keys = {a["asset_key"] for a in listed["assets"]}
    assert {"documents", "claims", "conflicts", "reconciled_facts"} <= keys
    assert "warning" not in out.stderr.lower(), out.stderr


def test_help_fits_80_columns():
    out = subprocess.run([sys.executable, "-m", "pipeline", "--help"], cwd=ROOT, capture_output=True, text=True,
                         env=os.environ | {"COLUMNS": "80"}, timeout=60)
    assert out.returncode == 0
    assert max(map(len, out.stdout.splitlines())) <= 80, out.stdout
    assert "run" in out.stdout and "sql" in out.stdout
