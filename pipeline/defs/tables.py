"""One helper for what every table asset says about its table: its column
schema (types and the schema's COMMENTs, read from DuckDB itself), name, row
count and an optional preview; plus the AssetSpecs of the tables an asset
writes beside its main one, so every table in the warehouse is an asset."""
from __future__ import annotations

import dagster as dg
import duckdb

from pipeline.store.schema import apply_schema
from pipeline.store.sqlfiles import run_sql

OWNERS = ["team:claims-warehouse"]


def column_schema(con: duckdb.DuckDBPyConnection, table: str) -> dg.TableSchema:
    rows = run_sql(con, "metadata/column_schema", {"table_name": table}).fetchall()
    return dg.TableSchema(columns=[
        dg.TableColumn(name, dtype, description=comment,
                       constraints=dg.TableColumnConstraints(nullable=bool(nullable)))
        for name, dtype, nullable, comment in rows])


def preview(con: duckdb.DuckDBPyConnection, table: str, order_by: str | None = None,
            limit: int = 10) -> dg.MetadataValue:
    """The first rows as a Dagster table (lists and dates as text)."""
    order = f" order by {order_by}" if order_by else ""  # identifiers cannot be bound; both are ours
    cursor = con.execute(f'select * from "{table}"{order} limit $n_rows', {"n_rows": int(limit)})
    names = [d[0] for d in cursor.description]
    records = [dg.TableRecord({n: _cell(v) for n, v in zip(names, row)}) for row in cursor.fetchall()]
    schema = dg.TableSchema(columns=[dg.TableColumn(n, "string") for n in names])
    return dg.MetadataValue.table(records, schema=schema)


def _cell(value):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def table_metadata(con: duckdb.DuckDBPyConnection, table: str, order_by: str | None = None,
                   with_preview: bool = False) -> dict:
    """dagster/table_name, dagster/column_schema, dagster/row_count (and a preview) for one table."""
    count = run_sql(con, "metadata/row_count", {"table_name": table}).fetchone()[0]
    metadata = {
        "dagster/table_name": f"claims.main.{table}",
        "dagster/column_schema": column_schema(con, table),
        "dagster/row_count": count,
    }
    if with_preview:
        metadata["preview_table"] = preview(con, table, order_by)
    return metadata


def table_spec(table: str, group: str, description: str, deps=()) -> dg.AssetSpec:
    """A spec for a table written as a side product of another asset."""
    return dg.AssetSpec(table, group_name=group, kinds={"duckdb"}, description=description, deps=list(deps),
                        owners=OWNERS, tags={"layer": "warehouse"})


def side_tables(con: duckdb.DuckDBPyConnection, tables: list[str]):
    """One MaterializeResult per side table, with its table metadata."""
    return [dg.MaterializeResult(asset_key=t, metadata=table_metadata(con, t)) for t in tables]


def schema_only_asset(table: str, group: str, description: str, deps=()) -> dg.AssetsDefinition:
    """A table written by asset checks (not by an asset), declared as a non-executable asset with its
    column schema read from the schema files."""
    with duckdb.connect() as con:  # an in-memory database: only the schema files are read
        apply_schema(con)
        schema = column_schema(con, table)
    return dg.AssetsDefinition(specs=[table_spec(table, group, description, deps).merge_attributes(
        metadata={"dagster/table_name": f"claims.main.{table}", "dagster/column_schema": schema})])


def only_selected(context: dg.AssetExecutionContext, results):
    """The results of the assets this run selected: a multi-asset that writes several tables in one go
    can be asked for one of them (`--select documents`) and still writes them all."""
    keys = context.selected_asset_keys
    return [r for r in results if dg.AssetKey.from_coercible(r.asset_key) in keys]
