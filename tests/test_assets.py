"""Materialisations of the real asset graph against a temporary warehouse:
the graph loads, every asset runs, and a second run changes nothing."""
import dagster as dg
import duckdb

from pipeline.defs.resources import warehouse_resource


def _defs():
    from pipeline.definitions import defs
    return defs


def _materialize(warehouse):
    defs = _defs()
    result = dg.materialize(list(defs.assets) + list(defs.asset_checks),
                            resources={"duckdb": warehouse_resource(str(warehouse / "claims.duckdb"))})
    assert result.success
    return result


def test_definitions_load():
    defs = _defs()
    repo = defs.get_repository_def()
    keys = {k.to_user_string() for k in repo.asset_graph.get_all_asset_keys()}
    assert {"documents", "vocabulary", "claims", "reference_facts", "conflicts", "conflict_values", "reconciled_facts",
            "source_reliability", "fact_timeline", "source_dependence"} <= keys
    checks = {k.name for k in repo.asset_graph.asset_check_keys}
    assert {"gx_claims", "gx_reference_facts", "gx_reconciled_facts", "gx_cross_source_consistency",
            "gx_conflict_values", "gx_source_dependence", "gx_reviews"} <= checks


def test_main_job_builds_the_warehouse_and_reruns_idempotently(workspace):
    sources, warehouse = workspace
    _materialize(warehouse)
    db = warehouse / "claims.duckdb"
    with duckdb.connect(str(db), read_only=True) as con:
        docs = con.execute("select doc_id, source, title, published_at, lang, sha256, ingested_at "
                           "from documents order by source").fetchall()
        claims = con.execute("select claim_id from claims order by claim_id").fetchall()
        models = con.execute("select count(*) from models").fetchone()[0]
    assert [d[1] for d in docs] == ["000_5e08c9661b6e3145.txt", "004_f422d1c70ca436bc.txt"]
    assert docs[0][3].isoformat() == "2024-11-20" and all(d[4] == "zh" for d in docs)
    assert all(len(d[5]) == 64 for d in docs)
    assert len(claims) > 40 and models > 20
    result = _materialize(warehouse)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select doc_id, source, title, published_at, lang, sha256, ingested_at "
                           "from documents order by source").fetchall() == docs
        assert con.execute("select claim_id from claims order by claim_id").fetchall() == claims
    claims_meta = result.asset_materializations_for_node("claims")[0].metadata
    assert claims_meta["documents_extracted"].value == 0


def test_a_changed_source_is_reextracted_alone(workspace):
    sources, warehouse = workspace
    _materialize(warehouse)
    path = sources / "000_5e08c9661b6e3145.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n\nGPT-4o mini 的上下文窗口为 128K tokens。\n", encoding="utf-8")
    result = _materialize(warehouse)
    meta = result.asset_materializations_for_node("claims")[0].metadata
    assert meta["documents_extracted"].value == 1
    with duckdb.connect(str(warehouse / "claims.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from claims where model = 'gpt-4o-mini'").fetchone()[0] == 1
