"""The report's cards on the v2 grain: one card per conflict with its values
side by side (chosen marked, each other value's reason), the reviewer's
decision on it and the command to make one; stale decisions listed."""
from pathlib import Path

from pipeline.report.data import read_report_data
from pipeline.report.render import render_html, render_markdown
from tests.reconcile_helpers import build, claim, rerun, review


def test_cards_show_values_decisions_and_the_review_command(tmp_path):
    rows = [claim("a", "gpt-4o-mini", "throughput", 126.0, quote="it streams 126 tokens a second"),
            claim("b", "gpt-4o-mini", "throughput", 56.56, quote="measured 56.56 tok/s"),
            claim("c", "gpt-4o-mini", "throughput", 56.56, quote="our run: 56.56 tokens per second")]
    con = build(tmp_path, rows)
    conflict = con.execute("select conflict_id from conflicts").fetchone()[0]
    for r in (review(conflict, "accept_value", 56.56, note="independent runs"),
              review("a-claim-that-left", "reject_claim", review_id="left")):
        con.execute(f"insert into reviews by name select * from (select {', '.join('? as ' + k for k in r)})",
                    list(r.values()))
    rerun(con)
    data = read_report_data(con, Path(tmp_path))
    html, markdown = render_html(data, "w.duckdb"), render_markdown(data)
    assert html.count('class="card conflict-card') == 1
    card = html.split('class="card conflict-card', 1)[1].split("</article>", 1)[0]
    assert card.count('<div class="value">') == 1 and card.count('<div class="value chosen">') == 1
    assert "56.56" in card and "126" in card and "measurement" in card and "2 sources" in card
    assert "measured 56.56 tok/s" in card and "it streams 126 tokens a second" in card
    assert "accept_value" in card and f"python -m pipeline review {conflict} --accept VALUE" in card
    reviews = html.split('id="reviews"', 1)[1].split("</section>", 1)[0]
    assert "stale: not applied" in reviews and "a-claim-that-left" in reviews
    assert f"python -m pipeline review {conflict} --accept VALUE" in markdown and "- **56.56 tokens/s** (2 sources" in markdown
