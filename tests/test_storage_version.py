"""The DuckDB file is written in a storage format DuckDB 1.x reads (the 1.x
CLI, DBeaver, tools pinned to duckdb<2): DuckDB 2.0's own format is not."""
from __future__ import annotations

import duckdb

from pipeline.config import DUCKDB_CONFIG, STORAGE_VERSION


def _storage(path) -> str:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("select tags['storage_version'] from duckdb_databases() "
                           "where database_name = current_database()").fetchone()[0]


def test_the_main_job_writes_a_file_duckdb_1x_reads(seeded):
    warehouse, _ = seeded
    assert STORAGE_VERSION.startswith("v1.")
    assert _storage(warehouse / "claims.duckdb") == f"{STORAGE_VERSION}+"


def test_without_the_setting_duckdb_2_would_write_its_own_format(tmp_path):
    """Guards the test above: the default really is a format 1.x cannot read."""
    plain, pinned = tmp_path / "plain.duckdb", tmp_path / "pinned.duckdb"
    for path, config in ((plain, {}), (pinned, DUCKDB_CONFIG)):
        with duckdb.connect(str(path), config=config) as con:
            con.execute("create table t as select 1 as a")
    assert _storage(pinned) == f"{STORAGE_VERSION}+"
    assert not _storage(plain).startswith("v1.")
