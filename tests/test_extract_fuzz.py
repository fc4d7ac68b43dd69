"""Property: however a test article is mutated (figures, money, pipes,
brackets, newlines, CJK inserted; spans deleted or doubled), extraction
raises nothing, every quote is the text at its span, and it stays fast."""
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract.deadline import Deadline
from pipeline.extract.extractor import extract_claims
from pipeline.bench import load_corpus
from pipeline.fuzz import CORPORA, KINDS, PIECES, Mutation, mutated

DOCS = load_corpus(CORPORA)
LIMIT = 10.0  # seconds per input; the whole test stays well under 30 s

mutation = st.builds(Mutation, st.sampled_from(KINDS), st.floats(0, 1), st.floats(0, 1),
                     st.sampled_from(PIECES) | st.text(min_size=1, max_size=8))


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(DOCS), st.lists(mutation, min_size=1, max_size=8))
def test_mutated_articles_extract_without_error_and_with_true_spans(doc, mutations):
    text = mutated(doc.raw_text or doc.text, mutations)
    started = time.monotonic()
    claims = extract_claims(text, doc.source, Deadline(LIMIT))  # DeadlineExceeded would fail the test
    assert time.monotonic() - started < LIMIT
    for claim in claims:
        assert text[claim.span[0]:claim.span[1]] == claim.quote


def test_fuzz_command_reports_no_crash_on_a_small_run(capsys):
    from pipeline.cli import main

    assert main(["fuzz", "--n", "30", "--seed", "3", "--show", "2"]) == 0
    out = capsys.readouterr().out
    assert "30 inputs" in out and "0 crashes" in out and "0 with span mismatches" in out and "slow " in out
