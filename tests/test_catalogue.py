"""The model catalogue built from the reference datasets: every dataset id and
display name resolves, aliases follow the rules, unknown but clearly named
models get coined ids, ambiguous names stay ambiguous, and each alias says
where it came from."""
import json
import time
from pathlib import Path

import pytest

from pipeline.catalogue import CATALOGUE_FILE
from pipeline.catalogue.build import build_catalogue, write_catalogue
from pipeline.catalogue.resolve import resolve_name
from pipeline.catalogue.rules import canonical_id, model_key, spelling, split_snapshot
from pipeline.catalogue.sources import litellm_entries, models_dev_entries, read_entries
from pipeline.config import PROJECT_ROOT
from pipeline.extract import extract_claims
from pipeline.extract.lexicon import build_lexicon, lexicon
from pipeline.store.vocabulary_tables import vocabulary_frames
from pipeline.vocabulary import load_vocabulary, vocabulary

REFERENCE = PROJECT_ROOT / "sources" / "reference"


def _models(text: str) -> list[str]:
    return [m.snapshot or m.model for m in lexicon().mentions(text)]


def test_every_dataset_model_resolves_from_its_id_and_its_display_name():
    shares = {}
    for name, entries in (("litellm", litellm_entries(REFERENCE / "litellm_model_prices.json")),
                          ("models.dev", models_dev_entries(REFERENCE / "more" / "models_dev.json"))):
        resolved = sum(1 for e in entries if resolve_name(e.raw_id) and (not e.display or resolve_name(e.display)))
        shares[name] = (resolved, len(entries))
    for name, (resolved, total) in shares.items():
        print(f"{name}: {resolved}/{total} = {resolved / total:.3f} resolved from id and display name")
    resolved = sum(r for r, _ in shares.values())
    total = sum(t for _, t in shares.values())
    print(f"all: {resolved}/{total} = {resolved / total:.3f}")
    assert resolved / total >= 0.98
    assert all(r / t >= 0.97 for r, t in shares.values())


def test_the_committed_catalogue_is_what_the_datasets_build(tmp_path):
    out = tmp_path / "catalogue.json"
    write_catalogue(REFERENCE, out)
    assert json.loads(out.read_text()) == json.loads(CATALOGUE_FILE.read_text())


@pytest.mark.parametrize("written, model", [
    ("gpt-3.5-turbo", "gpt-3.5-turbo"),  # a serving name is not folded into gpt-3.5
    ("GPT-3.5", "gpt-3.5"),
    ("llama-2-13b-chat", "llama-2-13b-chat"),
    ("meta-llama/Llama-3.1-8B-Instruct", "llama-3.1-8b-instruct"),
    ("Llama 3.1 70B Instruct", "llama-3.1-70b-instruct"),
    ("deepseek-reasoner", "deepseek-reasoner"),
    ("deepseek-r1-distill-qwen-14b", "deepseek-r1-distill-qwen-14b"),
    ("qwen-turbo", "qwen-turbo"),
    ("Amazon Nova Micro", "nova-micro"),
    ("OpenAI GPT-4o", "gpt-4o"),
    ("openai/gpt-4o-mini", "gpt-4o-mini"),
    ("claude-3-5-haiku-20241022", "claude-3.5-haiku-2024-10-22"),  # a dated snapshot keeps its date
    ("claude-haiku-4-5@20251001", "claude-haiku-4.5-2025-10-01"),
    ("us.anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3.5-sonnet-2024-10-22"),
    ("mistral-large-2411", "mistral-large-2411"),  # a yymm version is a snapshot of its model
    ("accounts/fireworks/models/llama-v3p1-8b-instruct", "llama-3.1-8b-instruct"),  # a host's v and p
    ("meta-llama/Llama-2-13b-chat-hf", "llama-2-13b-chat"),
    ("gpt-4o-2024-08-06", "gpt-4o-2024-08-06"),
    ("Claude Sonnet 4.5", "claude-sonnet-4.5"),
    ("claude-sonnet-4-5", "claude-sonnet-4.5"),
])
def test_names_as_written_resolve(written, model):
    assert resolve_name(written) == model


@pytest.mark.parametrize("text, model", [
    ("gpt-4o-0806 answers", "gpt-4o-2024-08-06"),  # a month and day the data knows one dated snapshot for
    ("GPT-4o 0806 answers", "gpt-4o-2024-08-06"),
    ("GPT-4o 1200 tokens", "gpt-4o"),  # after a space, a number that is no known snapshot stays a number
    ("meta-llama/Llama-3.1-8B-Instruct", "llama-3.1-8b-instruct"),  # an organisation in a path is no mention
    ("GPT-3.5 Turbo (16k) costs", "gpt-3.5-turbo-16k"),  # a context size in brackets names a known variant
    ("Claude 3 (200K) costs", "claude-3"),  # and only then: a family stays the family
    ("Llama 2 Chat 70B answers", "llama-2-70b-chat"),  # a serving word before the size, by rule
])
def test_snapshot_stamps_and_paths(text, model):
    assert _models(text) == [model]


def test_a_served_variant_keeps_its_id_and_counts_as_its_base_for_the_family():
    (mention,) = lexicon().mentions("Qwen2.5-72B-Instruct leads")
    assert spelling(mention.snapshot) == "qwen2.5-72b-instruct" and mention.model == "qwen-2.5-72b"


def test_canonical_ids_follow_the_contract():
    assert canonical_id("anthropic/claude-3-5-sonnet-20240620") == ("claude-3.5-sonnet", "20240620")
    assert canonical_id("claude-opus-4-1") == ("claude-opus-4.1", None)
    assert canonical_id("mistral-large2") == ("mistral-large-2", None)
    assert canonical_id("qwen2.5-72b-instruct") == ("qwen2.5-72b-instruct", None)
    assert canonical_id("chatgpt-4o-latest") == ("chatgpt-4o", None)
    assert split_snapshot("gpt-4-0613") == ("gpt-4", "0613")
    assert model_key("Claude 3\\.5") == model_key("claude-3-5") != model_key("claude35")


@pytest.mark.parametrize("text, model", [
    ("Grok-9.5 is out", "grok-9.5"),
    ("we tried Qwen7.5-Max today", "qwen7.5-max"),
    ("Mistral Large 9 costs less", "mistral-large-9"),
    ("Gemini 9 Pro leads", "gemini-9-pro"),
    ("GPT-9.1 arrives", "gpt-9.1"),
])
def test_a_clearly_named_unknown_model_gets_a_coined_id(text, model):
    assert _models(text) == [model]
    entry = vocabulary().models[model]
    assert entry.origin == "coined" and model not in vocabulary().models


def test_a_coined_id_joins_its_family():
    assert vocabulary().models["grok-9.5"].family == "grok"
    assert vocabulary().models["qwen7.5-max"].vendor == "alibaba"


@pytest.mark.parametrize("text, models", [
    ("GPT-4 3 times faster", ["gpt-4"]),  # a count after a model is not its version
    ("DeepSeek-V3 671B parameters", ["deepseek-v3"]),  # nor is a parameter count after a space
    ("seed 42 and the nova of a sonar ping", []),  # ordinary words are never models
    ("type the command line, then auto save", []),
    ("GPT-4. 5 runs later", ["gpt-4"]),
    ("GPT-4o mini", ["gpt-4o-mini"]),
])
def test_coining_and_data_never_invent_models_from_prose(text, models):
    assert _models(text) == models


def test_ambiguous_names_stay_ambiguous():
    assert _models("Claude and Llama") == ["claude", "llama"]
    assert vocabulary().models["claude"].is_family
    # a variant with no version that the vocabulary knows at several versions
    assert "gemini-flash" not in vocabulary().models and "claude-haiku" not in vocabulary().models


def test_a_bare_family_name_still_takes_the_member_the_document_is_about():
    text = ("Claude 3.5 Sonnet is the model this note is about. Claude 3.5 Sonnet answers fast.\n\n"
            "Claude costs $3 per million input tokens.")
    assert {c.model for c in extract_claims(text, "note.md")} == {"claude-3.5-sonnet"}


def test_a_snapshot_in_a_table_header_stays_that_snapshot():
    text = ("| Metric | gpt-4o-2024-11-20 | claude-3-5-haiku-20241022 |\n|---|---|---|\n"
            "| Input price ($/1M tokens) | $2.40 | $0.90 |\n")
    assert {(c.model, c.value) for c in extract_claims(text, "t.md")} == {
        ("gpt-4o-2024-11-20", 2.4), ("claude-3.5-haiku-2024-10-22", 0.9)}


def test_each_alias_says_where_it_came_from():
    frames = vocabulary_frames(vocabulary())
    origins = set()
    for origin in frames["vocab_aliases"]["origin"]:
        origins.update(origin.split(","))
    assert {"vocabulary", "rule", "litellm", "models.dev", "genai-prices", "llm-prices"} <= origins
    aliases = frames["vocab_aliases"].set_index("alias")
    assert aliases.loc["Claude 3.5 Sonnet", "origin"] == "vocabulary"
    assert aliases.loc["克劳德 3.5", "origin"] == "rule"
    models = frames["vocab_models"].set_index("model")
    assert models.loc["gpt-4o", "origin"] == "vocabulary"
    assert "litellm" in models.loc["qwen-turbo", "origin"]


def test_the_vocabulary_file_still_wins_over_the_data(tmp_path):
    text = (PROJECT_ROOT / "pipeline" / "vocabulary.yaml").read_text(encoding="utf-8").replace(
        "models:\n", "models:\n  - {id: my-turbo, vendor: alibaba, names: [qwen-turbo]}\n", 1)
    path = tmp_path / "vocabulary.yaml"
    path.write_text(text, encoding="utf-8")
    lex = build_lexicon(load_vocabulary(path))
    assert [m.model for m in lex.mentions("qwen-turbo is cheap")] == ["my-turbo"]


def test_build_is_pure_and_keeps_vocabulary_ids():
    entries, _ = read_entries(REFERENCE)
    vocab = load_vocabulary(catalogue=None)
    models = {m.id: {"vendor": m.vendor, "family": m.family, "is_family": m.is_family}
              for m in vocab.models.values()}
    data = build_catalogue(models, vocab.aliases(), entries[:400])
    assert data == build_catalogue(models, vocab.aliases(), entries[:400])
    assert not {m[0] for m in data["models"]} & set(models)


def test_catalogue_loads_fast():
    started = time.perf_counter()
    lex = build_lexicon(load_vocabulary())
    seconds = time.perf_counter() - started
    print(f"catalogue + lexicon built in {seconds:.3f} s: {len(lex.vocab.models)} models, "
          f"{len(lex.models.by_key)} name keys")
    assert seconds < 5  # generous: the target (< 1 s) is reported, not asserted, on shared machines
    assert Path(CATALOGUE_FILE).stat().st_size < 2_000_000
