"""The one DuckDB resource every asset asks for by name."""

from dagster_duckdb import DuckDBResource

from pipeline.config import DUCKDB_CONFIG, database_path


def warehouse_resource(path: str | None = None) -> DuckDBResource:
    target = path or str(database_path())
    return DuckDBResource(database=target, connection_config=DUCKDB_CONFIG)
