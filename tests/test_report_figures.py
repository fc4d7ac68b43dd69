"""The report's figures, table headers, highlights and per-claim verdicts as
plain functions and on a real reconciled warehouse."""
from pathlib import Path

from pipeline.report.data import highlight_pieces, original_link, read_report_data, table_header
from pipeline.report.render import render_html
from pipeline.report.units import figure
from tests.reconcile_helpers import build, claim, rerun, review


def test_every_figure_has_its_unit_and_bound():
    assert figure(300.0, unit="ms", bound="lte") == "≤300 ms"
    assert figure(2.5, unit="usd_per_mtok", metric="price_input") == "$2.50 / 1M input tokens"
    assert figure(10.0, unit="usd_per_mtok", metric="price_output") == "$10 / 1M output tokens"
    assert figure(128000.0, unit="tokens") == "128K tokens"
    assert figure(2.0, unit="cny_per_mtok", currency="cny") == "¥2 / 1M tokens"
    assert figure(88.7, unit="percent", approx=True) == "~88.7%"
    assert figure(1.0, 2.0, unit="usd_per_mtok", currency="eur") == "€1–€2 / 1M tokens"
    assert figure(None, value_text="2024-05") == "2024-05"


def test_a_table_row_finds_its_header_and_prose_has_none():
    text = "Intro line.\n| model | input |\n|---|---|\n| gpt-4o | $2.50 |\nAfter."
    assert table_header(text, text.index("| gpt-4o")) == "| model | input |"
    assert table_header(text, text.index("After")) is None
    assert table_header(text, text.index("| model")) is None  # the header itself has no header


def test_overlapping_spans_are_each_marked_in_place():
    claims = [{"claim_id": "a", "span_start": 0, "span_end": 5}, {"claim_id": "b", "span_start": 3, "span_end": 8},
              {"claim_id": "out", "span_start": 5, "span_end": 99}]
    pieces = highlight_pieces("0123456789", claims)
    assert "".join(p["text"] for p in pieces) == "0123456789"
    assert [(p["text"], [c["claim_id"] for c in p["claims"]]) for p in pieces] == [
        ("012", ["a"]), ("34", ["a", "b"]), ("567", ["b"]), ("89", [])]


def test_links_to_files_are_relative_and_urls_stay(tmp_path):
    assert original_link("a/b.md", "file", tmp_path / "sources", tmp_path / "warehouse" / "reports") == \
        "../../sources/a/b.md"
    assert original_link("https://x.test/p", "url", tmp_path, tmp_path) == "https://x.test/p"


def test_each_claim_is_labelled_supports_dissents_or_rejected_by_review(tmp_path):
    rows = [claim("a", "gpt-4o", "latency", 300.0, bound="lte", quote="answers within 300 ms"),
            claim("b", "gpt-4o", "latency", 300.0, bound="lte", quote="under 300 ms here too"),
            claim("c", "gpt-4o", "latency", 900.0, quote="took 900 ms"),
            claim("d", "gpt-4o", "latency", 950.0, quote="took 950 ms")]
    con = build(tmp_path, rows)
    rejected = rows[3]["claim_id"]
    r = review(rejected, "reject_claim", note="typo")
    con.execute(f"insert into reviews by name select * from (select {', '.join('? as ' + k for k in r)})",
                list(r.values()))
    rerun(con)
    data = read_report_data(con, Path(tmp_path))
    labels = {m["claim_id"]: m["verdict"] for c in data.conflicts for v in c["values"] for m in v["members"]}
    assert labels[rows[0]["claim_id"]] == labels[rows[1]["claim_id"]] == "supports"
    assert labels[rows[2]["claim_id"]] == "dissents" and labels[rejected] == "rejected by review"
    html = render_html(data, "w.duckdb")
    assert "≤300 ms" in html and ">300.0<" not in html and "rejected by review</span>" in html
