"""A short string's model mentions are remembered per process: the same
answer every time, and a caller's edits of the list it got reach no one else."""
from pipeline.extract.lexicon import lexicon


def test_a_heading_is_scanned_once_and_answers_alike():
    lex = lexicon()
    heading = "GPT-4o and Claude 3.5 Sonnet: pricing"
    first = lex.mentions(heading)
    assert [m.model for m in first] and first == lex.scan(heading).mentions
    first.clear()  # the caller's own list
    again = lex.mentions(heading)
    assert again == lex.scan(heading).mentions and again is not first


def test_long_texts_and_offsets_are_scanned_each_time():
    lex = lexicon()
    text = "GPT-4o costs $5. " * 20
    assert lex.mentions(text) == lex.scan(text).mentions
    assert lex.mentions("GPT-4o", 100)[0].start == 100
    assert ("mentions", text) not in lex.memo
