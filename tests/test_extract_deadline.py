"""A document that takes too long becomes one failure naming the time limit,
in any thread; number-dense junk finishes (or is refused) within the limit."""
import threading
import time

import pytest

from pipeline.extract import extract_isolated
from pipeline.extract.deadline import Deadline, DeadlineExceeded, configured_seconds
from pipeline.extract.extractor import extract_claims

ARTICLE = "GPT-4o costs $2.50 per million input tokens and scores 88.7% on MMLU.\n"


def test_a_breached_limit_is_a_failure_naming_the_limit():
    failure = extract_isolated(ARTICLE, "slow.md", seconds=1e-9)
    assert failure.source == "slow.md"
    assert failure.error.startswith("DeadlineExceeded") and "EXTRACT_DEADLINE_SECONDS" in failure.error


def test_the_limit_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("EXTRACT_DEADLINE_SECONDS", "0.000000001")
    assert extract_isolated(ARTICLE, "a.md").error.startswith("DeadlineExceeded")
    monkeypatch.setenv("EXTRACT_DEADLINE_SECONDS", "0")  # 0: no limit
    assert configured_seconds() == 0 and len(extract_isolated(ARTICLE, "a.md")) == 2
    monkeypatch.delenv("EXTRACT_DEADLINE_SECONDS")
    assert configured_seconds() == 20


def test_the_limit_holds_off_the_main_thread():
    out = []
    worker = threading.Thread(target=lambda: out.append(extract_isolated(ARTICLE * 50, "t.md", seconds=1e-9)))
    worker.start()
    worker.join(30)
    assert out and out[0].error.startswith("DeadlineExceeded")


def test_extract_claims_raises_past_its_deadline():
    with pytest.raises(DeadlineExceeded):
        extract_claims(ARTICLE, "x.md", Deadline(1e-9))


@pytest.mark.parametrize("junk", [
    "$1," * 40_000,  # a comma after every price: one clause per figure
    "1." * 100_000,  # one run of digits and dots
    "0123456789$.," * 20_000,
    "GPT-4o " + "[$1 (" * 4000 + "$2" + ")]" * 4000,  # nested brackets
    "GPT-4o costs $5 per 1M input tokens and scores 88.7% on MMLU with 128K context, " * 1200,  # one long line
])
def test_number_dense_junk_finishes_in_linear_time(junk):
    started = time.monotonic()
    found = extract_isolated(junk, "junk.md", seconds=60)
    assert isinstance(found, list), found  # within the limit, not refused by it
    assert time.monotonic() - started < 20  # quadratic before: 32 KB of digits and "$" took minutes
    assert all(junk[c.span[0]:c.span[1]] == c.quote for c in found)
