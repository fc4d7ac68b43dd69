"""Model names as sources write them resolve to canonical ids, and the
vocabulary file alone decides what is known: a new model is one line."""
import pytest

from pipeline.extract.lexicon import build_lexicon, lexicon
from pipeline.vocabulary import load_vocabulary, VOCABULARY_FILE


@pytest.mark.parametrize("written, model", [
    ("GPT-4o", "gpt-4o"),
    ("GPT\\-4o", "gpt-4o"),
    ("gpt4o", "gpt-4o"),
    ("GPT-4o mini", "gpt-4o-mini"),
    ("GPT-4 Turbo", "gpt-4-turbo"),
    ("GPT-4", "gpt-4"),
    ("Claude 3\\.5 Sonnet", "claude-3.5-sonnet"),
    ("Claude 3.5 诗歌", "claude-3.5-sonnet"),
    ("Claude 3\\.5 颂歌", "claude-3.5-sonnet"),
    ("克劳德 3.5", "claude-3.5"),
    ("Claude 3 Opus", "claude-3-opus"),
    ("Claude 3", "claude-3"),
    ("claude-3-5-sonnet", "claude-3.5-sonnet"),
    ("DeepSeek-V3", "deepseek-v3"),
    ("Llama 3.1 405B", "llama-3.1-405b"),
    ("o1", "o1"),
])
def test_written_names_resolve(written, model):
    found = lexicon().mentions(f"据说 {written} 很强")
    assert [m.model for m in found] == [model]


@pytest.mark.parametrize("text", ["GPT-4.5 is new", "GPT35 node", "v0.1 release", "FOO-4o"])
def test_near_misses_are_not_other_models(text):
    models = [m.model for m in lexicon().mentions(text)]
    assert "gpt-4" not in models and "gpt-3.5" not in models and "o1" not in models


def test_a_dated_snapshot_keeps_its_date():
    (mention,) = lexicon().mentions("gpt-4o-2024-08-06 costs less")
    assert mention.snapshot == "gpt-4o-2024-08-06"


def test_a_new_model_is_one_line_of_data(tmp_path):
    text = VOCABULARY_FILE.read_text(encoding="utf-8").replace(
        "models:\n", "models:\n  - {id: nova-pro, vendor: amazon, names: [Amazon Nova Pro, Nova Pro]}\n", 1)
    path = tmp_path / "vocabulary.yaml"
    path.write_text(text, encoding="utf-8")
    lex = build_lexicon(load_vocabulary(path))
    assert [m.model for m in lex.mentions("Amazon Nova Pro has a 300K context window")] == ["nova-pro"]
