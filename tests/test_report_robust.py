"""The report never fails on the data it is given: a warehouse damaged in the
ways a half-done or hand-edited build can be (a conflict whose claims are
gone, a span past the end of its text, a claim
without a value) still gives all three outputs, and each oddity a warning."""
import shutil

import duckdb

from pipeline.report.claimreview import write_claim_reviews
from pipeline.report.data import read_report_data
from pipeline.report.render import write_report


def test_the_report_renders_a_damaged_warehouse_with_warnings(seeded, tmp_path):
    warehouse, _ = seeded
    damaged = tmp_path / "damaged.duckdb"
    shutil.copy(warehouse / "claims.duckdb", damaged)
    with duckdb.connect(str(damaged)) as con:
        first, second = con.execute("select claim_ids[1], claim_ids[2] from conflicts order by conflict_id").fetchall()[0]
        con.execute("delete from claims where claim_id = ?", [first])
        con.execute("update claims set span_end = span_end + 1000000 where claim_id = ?", [second])
        last = con.execute("select claim_ids from conflicts order by conflict_id desc limit 1").fetchone()[0]
        con.execute("delete from claims where list_contains(?, claim_id) and claim_id <> ?", [last, second])
        con.execute("update claims set value = null, value_text = null "
                    "where claim_id in (select claim_id from claims where value is not null limit 5)")
        n_conflicts = con.execute("select count(*) from conflicts").fetchone()[0]
    with duckdb.connect(str(damaged), read_only=True) as con:
        data = read_report_data(con, tmp_path)
        paths = write_report(data, tmp_path / "reports", str(damaged))
        reviews = write_claim_reviews(con, tmp_path / "reports" / "claimreview.jsonld").count
    assert len(data.conflicts) == n_conflicts and reviews > 0
    assert paths["html"].stat().st_size > 10_000 and paths["markdown"].stat().st_size > 1_000
    assert any("outside its document's text" in w for w in data.warnings)
    assert any("refers to claims the warehouse does not hold" in w for w in data.warnings)
