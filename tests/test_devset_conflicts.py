"""Issue 11's acceptance on the dev set's 0xx articles (skipped where the dev
set is not present: it is not part of the project). Gold claims loaded
beside the articles: every conflict a careful reader lists is found, 80% or
more with the reader's kind, and no agreement the reader lists is flagged."""
import os
from pathlib import Path

import pytest

from pipeline.reconcile.devset import measure
from tests.shared_paths import SHARED

DEVSET = Path(os.environ["DEVSET_DIR"]) if os.environ.get("DEVSET_DIR") else SHARED / "devset"


@pytest.mark.skipif(not (DEVSET / "gold-part0.claims.jsonl").exists(), reason="dev set not present")
def test_gold_claims_reconcile_as_a_careful_reader_does():
    figures = measure(DEVSET, "gold")
    assert figures["found"] == figures["total"]
    assert figures["right"] >= 0.8 * figures["total"]
    assert figures["flagged"] == 0
