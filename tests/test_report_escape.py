"""The report's own escaping and figure cache give exactly what markupsafe and the uncached formatting give."""
import random

from markupsafe import Markup, escape

from pipeline.report.render import _html
from pipeline.report.units import _figure, figure


def test_html_escaping_is_markupsafes_character_for_character():
    rng = random.Random(7)
    alphabet = "ab <>&\"'\n\u00e9\u4e2d|;#x"
    values = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40))) for _ in range(2000)]
    values += [None, 0, 17, -3.5, 1e21, True, "", "&amp;", Markup("<b>kept</b>")]
    for value in values:
        assert _html(value) == str(escape(value)), value
        assert isinstance(_html(value), str)


def test_a_remembered_figure_is_the_formatted_one():
    cases = [(1.0, None, "usd_per_mtok", "price_input", None, False, None, None),
             (1, None, "usd_per_mtok", "price_input", None, False, None, None),
             (128000, None, "tokens", None, "lte", False, None, None),
             (None, None, None, None, None, False, None, "open weights"),
             (2.5, 3.0, "percent", None, None, True, None, None)]
    for value, high, unit, metric, bound, approx, currency, text in cases * 2:
        expected = _figure.__wrapped__(value, high, unit, metric, bound, approx, currency, text)
        assert figure(value, high, unit=unit, metric=metric, bound=bound, approx=approx, currency=currency,
                      value_text=text) == expected
    assert figure([1.0][0], unit=["ms"][0]) == "1 ms"
    assert figure(value_text=["unhashable"]) == "['unhashable']"


def test_a_claims_row_escaped_in_one_pass_is_each_value_escaped():
    from pipeline.report.render import _html_all
    rng = random.Random(11)
    alphabet = "ab <>&\"'\n\u00e9|\x00"
    for _ in range(500):
        values = tuple("".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12))) for _ in range(5))
        values += (rng.randrange(10 ** 4), None, Markup("<i>x</i>"))
        for row in (values, values[:5], values[:6]):
            assert _html_all(row) == [str(escape(v)) for v in row]


def test_a_document_pages_key_follows_its_extraction_and_the_imported_files(tmp_path):
    """documents_list.sql: a document with extraction_state is keyed by it (and the claims files), one without
    by its claims' columns."""
    from pipeline.store.sqlfiles import fetch_dicts
    from tests.report_scale import build_scale_warehouse
    con = build_scale_warehouse(tmp_path, 2)

    def keys() -> dict[str, str]:
        return {r["doc_id"]: r["claims_digest"] for r in fetch_dicts(con, "publish/documents_list")}

    untracked = keys()
    tracked, other = sorted(untracked)[:2]
    con.execute("update claims set why = 'read again' where doc_id = ?", [other])
    assert keys()[other] != untracked[other]  # no extraction_state: its claims are hashed
    con.execute("insert into extraction_state values (?, 'h1', 'v1', 3, now())", [tracked])
    before = keys()
    assert before[tracked] != untracked[tracked]
    con.execute("update claims set why = 'by hand' where doc_id = ?", [tracked])
    assert keys()[tracked] == before[tracked]  # claims are written by extraction, which records it
    con.execute("update extraction_state set extractor = 'v2' where doc_id = ?", [tracked])
    assert keys()[tracked] != before[tracked]
    moved = keys()
    con.execute("insert into claim_imports values ('c.jsonl', 'import', 'f1', 'k1', 1, 1, 0, now())")
    assert keys()[tracked] != moved[tracked] and keys()[other] == moved[other]
