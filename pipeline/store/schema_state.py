"""The schema is applied to a warehouse only when sql/schema/*.sql changed
since it was last applied there: re-applying it is harmless but not free (it
replaces every view and comment), and such writes made every run, also one
with nothing to do, rewrite and re-publish the warehouse file. The digest of
the schema files is kept in bookkeeping.schema_state, outside the published
schema."""
from __future__ import annotations

import hashlib
from functools import lru_cache

import duckdb

from pipeline.config import SQL_DIR
from pipeline.store.schema import apply_schema
from pipeline.store.sqlfiles import fetch_dicts, run_sql, transaction


@lru_cache(maxsize=1)
def schema_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted((SQL_DIR / "schema").glob("*.sql")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def ensure_schema(con: duckdb.DuckDBPyConnection) -> bool:
    """Applies the schema unless this digest is recorded as applied; True when it was applied."""
    if fetch_dicts(con, "warehouse/has_schema_state") and \
            fetch_dicts(con, "warehouse/schema_state", {"digest": schema_digest()}):
        return False
    apply_schema(con)
    with transaction(con):
        run_sql(con, "warehouse/record_schema_state", {"digest": schema_digest()})
    return True
