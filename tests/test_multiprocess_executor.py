"""The whole job on Dagster's multiprocess executor (each step its own process, extraction
with two workers writing Parquet shards) builds the same warehouse as the in-process run:
every table of the warehouse (every schema), row for row, leaving out only the columns that
record when or in which run."""
import os
import shutil

import dagster as dg
import duckdb

from pipeline.defs.resources import warehouse_resource
from tests.conftest import FIXTURES
from tests.multiprocess_job import multiprocess_job

ARTICLES = ["en_pricing_table.md", "en_launch_post.md", "zh_pricing_table.md", "zh_news.md", "en_specs_page.html",
            "en_leaderboard.md", "en_news_prose.md", "zh_mt_three_models.md"]
RUN_COLUMNS = ("run_id", "run_key")  # which run wrote a row


def _tables(database) -> dict[str, list[tuple]]:
    with duckdb.connect(str(database), read_only=True) as con:
        names = con.execute("select schema_name, table_name from duckdb_tables() order by all").fetchall()
        tables = {}
        for schema, name in names:
            columns = [c for c, t in con.execute(
                "select column_name, data_type from duckdb_columns() where schema_name = ? and table_name = ? "
                "order by column_index", [schema, name]).fetchall() if not t.startswith(("TIMESTAMP", "TIME"))
                and c not in RUN_COLUMNS]
            listed = ", ".join(f'"{c}"' for c in columns)
            tables[f"{schema}.{name}"] = con.execute(f'select {listed} from "{schema}"."{name}" order by all').fetchall()
    return tables


def _workspace(root, monkeypatch):
    sources = root / "sources"
    sources.mkdir(parents=True)
    for name in ARTICLES:
        shutil.copy(FIXTURES / "articles" / name, sources / name)
    (root / "home").mkdir()
    for key, value in {"SOURCES_DIR": sources, "WAREHOUSE_DIR": root / "warehouse", "DAGSTER_HOME": root / "home",
                       "EXTRACT_WORKERS": 2}.items():
        monkeypatch.setenv(key, str(value))


def test_multiprocess_and_in_process_runs_build_identical_tables(tmp_path, monkeypatch):
    _workspace(tmp_path / "in_process", monkeypatch)
    from pipeline.definitions import defs

    with dg.DagsterInstance.get() as instance:
        single = dg.materialize(list(defs.assets) + list(defs.asset_checks), instance=instance, resources={
            "duckdb": warehouse_resource(str(tmp_path / "in_process" / "warehouse" / "claims.duckdb"))})
    assert single.success
    expected = _tables(tmp_path / "in_process" / "warehouse" / "claims.duckdb")

    _workspace(tmp_path / "multiprocess", monkeypatch)
    with dg.DagsterInstance.get() as instance:
        result = dg.execute_job(dg.reconstructable(multiprocess_job), instance=instance)
        assert result.success
        pids = {e.pid for e in result.all_events if e.event_type_value == "STEP_START"}
    assert len(pids) > 5 and os.getpid() not in pids  # every step in a process of its own
    got = _tables(tmp_path / "multiprocess" / "warehouse" / "claims.duckdb")
    assert got.keys() == expected.keys()
    assert expected["main.claims"] and expected["main.documents"] and expected["main.conflicts"]
    for table in expected:
        assert got[table] == expected[table], table
