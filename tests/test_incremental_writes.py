"""A run with nothing changed writes nothing for the ingest and extract steps: the vocabulary
tables are rewritten only when the vocabulary differs from them."""
import duckdb

import pipeline.store.vocabulary_tables as tables
from pipeline.store.schema import apply_schema
from pipeline.vocabulary import vocabulary


def test_vocabulary_tables_are_rewritten_only_when_they_differ(tmp_path, monkeypatch):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    apply_schema(con)
    rewrites = []
    real = tables.run_sql_with_frames
    monkeypatch.setattr(tables, "run_sql_with_frames", lambda *a, **k: rewrites.append(a[1]) or real(*a, **k))
    first = tables.publish_vocabulary(con, vocabulary())
    assert rewrites == ["extract/replace_vocabulary"] and first["models"] > 100
    tables.publish_vocabulary(con, vocabulary())
    assert len(rewrites) == 1
    con.execute("update metrics set label = 'edited by hand' where metric = 'latency'")
    tables.publish_vocabulary(con, vocabulary())
    assert len(rewrites) == 2
    assert con.execute("select label from metrics where metric = 'latency'").fetchone()[0] != "edited by hand"
