"""The wheel is the product users install: build it, install it into a fresh
venv (dependencies resolved by pip, as a user's would be), and run the main
job from an empty directory holding one article. Runs in the README's test
command; marked `package` so it can be run alone (`pytest -m package`)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest

from pipeline.config import STORAGE_VERSION

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "tests" / "fixtures" / "articles" / "en_pricing_table.md"

pytestmark = pytest.mark.package


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True, text=True)
    (found,) = out.glob("claims_warehouse-*.whl")
    return found


def test_wheel_carries_every_data_file_once(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = ({f"pipeline/_data/sql/{p.relative_to(ROOT / 'sql').as_posix()}" for p in (ROOT / "sql").rglob("*.sql")}
                | {f"pipeline/_data/expectations/{p.name}" for p in (ROOT / "expectations").glob("*.json")}
                | {"pipeline/vocabulary.yaml", "pipeline/benchmarks.yaml", "pipeline/table_headers.yaml",
                   "pipeline/catalogue/catalogue.json", "pipeline/catalogue/rules.yaml",
                   "pipeline/report/templates/conflicts.html.j2",
                   "pipeline/_data/reference/litellm_model_prices.json",
                   "pipeline/_data/reference/more/models_dev.json"})
    assert not expected - names, sorted(expected - names)
    assert not [n for n in names if n.startswith(("sql/", "expectations/", "sources/"))]  # nothing at top level


def test_installed_wheel_runs_the_main_job_from_an_empty_directory(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {k: v for k, v in os.environ.items()
           if k not in ("WAREHOUSE_DIR", "SOURCES_DIR", "REFERENCE_DIR", "DAGSTER_HOME", "PYTHONPATH", "VIRTUAL_ENV")}
    env["COLUMNS"] = "80"
    installed = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "--no-compile", str(wheel)],
                               env=env, capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr[-2000:]
    script = venv / "bin" / "claims-warehouse"
    work = tmp_path / "elsewhere"
    (work / "sources").mkdir(parents=True)
    shutil.copy(ARTICLE, work / "sources" / ARTICLE.name)

    version = subprocess.run([str(script), "--version"], cwd=work, env=env, capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.strip() == "claims-warehouse 0.1.0"
    helped = subprocess.run([str(script), "--help"], cwd=work, env=env, capture_output=True, text=True)
    assert helped.returncode == 0 and "run" in helped.stdout
    assert max(len(line) for line in helped.stdout.splitlines()) <= 80, helped.stdout

    ran = subprocess.run([str(script), "run"], cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert ran.returncode == 0, ran.stderr[-3000:]
    database = work / "warehouse" / "claims.duckdb"
    assert database.is_file()  # in the working directory, not in site-packages
    assert not list((venv / "lib").rglob("claims.duckdb"))
    with duckdb.connect(str(database), read_only=True) as con:
        claims = con.execute("select count(*) from claims").fetchone()[0]
        documents = con.execute("select count(*) from documents").fetchone()[0]
        reference = con.execute("select count(*) from reference_facts").fetchone()[0]
        storage = con.execute("select tags['storage_version'] from duckdb_databases() "
                              "where database_name = current_database()").fetchone()[0]
    assert documents == 1 and claims >= 5
    assert reference > 1000  # the packaged reference snapshots were read
    assert storage.startswith(STORAGE_VERSION)

    queried = subprocess.run([str(script), "sql", "select count(*) as n from claims"], cwd=work, env=env,
                             capture_output=True, text=True)
    assert queried.returncode == 0 and str(claims) in queried.stdout
