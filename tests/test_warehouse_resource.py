"""The warehouse resource: the schema is set up once per run however many
assets write, read-only connections cannot write, named SQL binds its
parameters, and the reports folder follows WAREHOUSE_DIR unless given."""
from __future__ import annotations

import dagster as dg
import duckdb
import pytest

import pipeline.defs.resources as resources
from pipeline.defs.extract import vocabulary_tables
from pipeline.defs.ingest import reviews
from pipeline.defs.resources import warehouse_resource


def test_the_schema_is_set_up_once_per_run(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCES_DIR", str(tmp_path / "sources"))
    monkeypatch.setenv("WAREHOUSE_DIR", str(tmp_path / "warehouse"))
    (tmp_path / "sources").mkdir()
    from pipeline.store import schema_state
    calls, applied = [], []
    real, real_apply = resources.ensure_schema, schema_state.apply_schema
    monkeypatch.setattr(resources, "ensure_schema", lambda con: (calls.append(1), real(con))[1])
    monkeypatch.setattr(schema_state, "apply_schema", lambda con: (applied.append(1), real_apply(con)))
    resource = warehouse_resource(str(tmp_path / "warehouse" / "claims.duckdb"))
    for run in (1, 2):
        result = dg.materialize([vocabulary_tables, reviews], resources={"duckdb": resource})
        assert result.success
        assert len(calls) == run  # two writing assets, one set-up per run
        assert len(applied) == 1  # and the schema files applied only while their digest is not recorded
    with duckdb.connect(str(tmp_path / "warehouse" / "claims.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from models").fetchone()[0] > 20


def test_read_only_cannot_write_and_named_sql_binds_parameters(tmp_path):
    resource = warehouse_resource(str(tmp_path / "claims.duckdb"))
    with resource.read_write() as con:
        con.execute("insert into ingest_errors (source, location, error, occurred_at) values "
                    "('b.md', 'b.md', 'empty', now()), ('a.md', 'a.md', 'unreadable', now())")
    assert resource.fetch("metadata/error_rows", {"table_name": "ingest_errors"}) == [
        {"source": "a.md", "error": "unreadable"}, {"source": "b.md", "error": "empty"}]
    with resource.read_only() as con:
        assert resource.sql(con, "metadata/row_count", {"table_name": "ingest_errors"}).fetchone() == (2,)
        with pytest.raises(duckdb.Error):
            con.execute("delete from ingest_errors")


def test_the_reports_folder_follows_warehouse_dir_unless_given(tmp_path, monkeypatch):
    monkeypatch.setenv("WAREHOUSE_DIR", str(tmp_path / "w"))
    assert warehouse_resource(str(tmp_path / "x.duckdb")).reports_folder == tmp_path / "w" / "reports"
    assert warehouse_resource(str(tmp_path / "x.duckdb"), reports=str(tmp_path / "r")).reports_folder == \
        tmp_path / "r"


def test_connections_take_the_memory_limit_and_spill_beside_the_database(tmp_path, monkeypatch):
    monkeypatch.setenv("DUCKDB_MEMORY_LIMIT", "300MB")
    resource = warehouse_resource(str(tmp_path / "claims.duckdb"))
    query = "select current_setting('memory_limit'), current_setting('temp_directory')"
    with resource.read_write() as con:
        written = con.execute(query).fetchone()
    with resource.read_only() as con:
        read = con.execute(query).fetchone()
    assert written == read and written[0].startswith("286") and written[1] == str(tmp_path / "claims.build.duckdb.tmp")
    monkeypatch.delenv("DUCKDB_MEMORY_LIMIT")
    with warehouse_resource(str(tmp_path / "claims.duckdb")).read_only() as con:
        assert con.execute(query).fetchone()[0].startswith("953")  # the 1GB default, not 80% of RAM
    monkeypatch.setenv("DUCKDB_MEMORY_LIMIT", "most of it")
    with pytest.raises(ValueError, match="DUCKDB_MEMORY_LIMIT"):
        warehouse_resource(str(tmp_path / "claims.duckdb"))


def test_a_failed_step_closes_its_connection(tmp_path):
    resource = warehouse_resource(str(tmp_path / "claims.duckdb"))
    with pytest.raises(RuntimeError), resource.read_write() as con:
        raise RuntimeError("the step failed")
    with pytest.raises(duckdb.ConnectionException):
        con.execute("select 1")
