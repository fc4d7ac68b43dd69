"""The three catalogues of sources/reference/more/ (models.dev, genai-prices,
llm-prices) as reference facts: canonical ids with their dated snapshot,
price history as validity periods, a citation naming repository, commit and
file on every fact, and the traps these datasets hold (moving aliases like
`deepseek-chat`, a reseller's listing of another vendor's model, a snapshot
priced at its alias's current price). Also where the reference folder is,
and that a missing or empty one is said loudly."""
import json

import dagster as dg
import duckdb
import pytest

from pipeline.config import PROJECT_ROOT, reference_dir
from pipeline.defs.reference import reference_facts
from pipeline.defs.resources import warehouse_resource
from pipeline.reference.genai_prices import load_genai_prices
from pipeline.reference.llm_prices import load_llm_prices
from pipeline.reference.loaders import load_reference_dir
from pipeline.reference.models_dev import load_models_dev, month_of_cutoff
from tests.shared_paths import SHARED

MORE = PROJECT_ROOT / "sources" / "reference" / "more"
SHARED_MORE = SHARED / "reference" / "more"


def _facts(loader, name):
    facts, _ = loader(MORE / name, f"sources/reference/more/{name}")
    return facts


def _pick(facts, **where):
    return [f for f in facts if all(getattr(f, k) == v for k, v in where.items())]


def test_models_dev_facts_are_canonical_and_cited():
    facts = _facts(load_models_dev, "models_dev.json")
    oct_release = _pick(facts, model="claude-3.5-sonnet", snapshot="claude-3.5-sonnet-20241022",
                        metric="release_date")
    assert [f.value_text for f in oct_release] == ["2024-10-22"]
    assert oct_release[0].citation == ("anomalyco/models.dev@f3fc692299671838c7c65fd8126bf84d81a2e817 "
                                       "providers/anthropic/models/claude-3-5-sonnet-20241022.toml")
    assert [f.value for f in _pick(facts, model="gpt-4o", snapshot="gpt-4o-2024-05-13", metric="price_input")] == [5.0]
    assert [f.value_text for f in _pick(facts, model="claude-3.5-sonnet", snapshot="claude-3.5-sonnet-20240620",
                                        metric="knowledge_cutoff")] == ["2024-04"]
    assert {f.metric for f in _pick(facts, model="gpt-4o", snapshot=None)} >= {
        "release_date", "knowledge_cutoff", "context_window", "max_output", "price_input", "price_output"}
    # deepseek-chat now serves a newer model than deepseek-v3: its catalogue entry is not v3's
    assert not _pick(facts, model="deepseek-v3")
    assert all("@" in f.citation and ".toml" in f.citation for f in facts)


def test_genai_prices_history_chains_periods():
    facts = _facts(load_genai_prices, "genai_prices_data.json")
    o3 = sorted((str(f.valid_from), str(f.valid_to), f.value) for f in
                _pick(facts, model="o3", metric="price_input", tier="standard"))
    assert o3 == [("2025-06-10", "None", 2.0), ("None", "2025-06-10", 10.0)]
    # a reseller's listing of another vendor's model is not the list price
    assert not [f for f in facts if f.model == "claude-3.5-sonnet" and "provider=google" in f.citation]
    # the alias is priced, its dated snapshots are not given the alias's current price
    assert not _pick(facts, model="gpt-4o", snapshot="gpt-4o-2024-05-13")
    assert all(f.citation.startswith("pydantic/genai-prices@47df840a5ab10bbcffb8e5ac01b9899032245d1b prices/data.json")
               for f in facts)


def test_genai_prices_conditions_become_settings(tmp_path):
    data = [{"id": "deepseek", "models": [{"id": "deepseek-v3", "match": {}, "prices": [
        {"prices": {"input_mtok": 0.135}},
        {"constraint": {"start_time": "00:30:00Z", "end_time": "16:30:00Z"}, "prices": {"input_mtok": 0.27}}]}]},
        {"id": "openai", "models": [{"id": "gpt-4o", "match": {}, "prices": {
            "input_mtok": {"base": 2.5, "tiers": [{"start": 200000, "price": 5}]}}}]}]
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data))
    facts, _ = load_genai_prices(path, "x")
    assert sorted((f.model, f.value, f.setting) for f in facts) == [
        ("deepseek-v3", 0.135, "hours:other"), ("deepseek-v3", 0.27, "hours:00:30-16:30Z"),
        ("gpt-4o", 2.5, None), ("gpt-4o", 5.0, "context:>200k")]
    assert "(commit unknown)" in facts[0].citation


def test_llm_prices_history_and_length_tiers():
    facts = _facts(load_llm_prices, "llm_prices.json")
    gemini = {(f.setting, f.metric): f.value for f in _pick(facts, model="gemini-1.5-pro")}
    assert gemini[(None, "price_input")] == 1.25 and gemini[("context:>128k", "price_input")] == 2.5
    sonnet5 = sorted((str(f.valid_from), str(f.valid_to), f.value) for f in
                     _pick(facts, model="claude-sonnet-5", metric="price_input", tier="standard"))
    assert sonnet5 in ([("2026-09-01", "None", 3.0), ("None", "2026-09-01", 2.0)], [])  # if the vocabulary knows it
    assert all(f.citation.startswith("simonw/llm-prices@723ef0bd3a6254436e9fe8d7f05d4d787e99f4c5 data/")
               for f in facts)
    assert not _pick(facts, snapshot="chatgpt-4o-latest") and not _pick(facts, model="deepseek-v3")


@pytest.mark.parametrize("text, expected", [("2024-04-30", "2024-04"), ("2023-09", "2023-09"),
                                            ("2024-02-29", "2024-02"), ("2024-04-15", "2024-04-15")])
def test_cutoff_on_a_months_last_day_is_the_month(text, expected):
    assert month_of_cutoff(text) == expected


def test_every_snapshot_file_is_loaded_with_facts():
    files = {f.file_name: f for f in load_reference_dir(PROJECT_ROOT / "sources" / "reference")}
    for name in ("more/models_dev.json", "more/genai_prices_data.json", "more/llm_prices.json"):
        assert len(files[name].facts) > 50, name


@pytest.mark.skipif(not SHARED_MORE.is_dir(), reason="shared reference snapshots not on this machine")
@pytest.mark.parametrize("name", ["models_dev.json", "genai_prices_data.json", "llm_prices.json", "README.md"])
def test_snapshots_are_the_shared_bytes(name):
    assert (MORE / name).read_bytes() == (SHARED_MORE / name).read_bytes()


def test_reference_folder_does_not_follow_sources_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCES_DIR", str(tmp_path))
    monkeypatch.delenv("REFERENCE_DIR", raising=False)
    assert reference_dir() == PROJECT_ROOT / "sources" / "reference"
    monkeypatch.setenv("REFERENCE_DIR", str(tmp_path / "ref"))
    assert reference_dir() == tmp_path / "ref"


def _run(tmp_path, monkeypatch, folder):
    monkeypatch.setenv("REFERENCE_DIR", str(folder))
    db = tmp_path / "w.duckdb"
    result = dg.materialize([reference_facts], resources={"duckdb": warehouse_resource(str(db))})
    with duckdb.connect(str(db), read_only=True) as con:
        n = con.execute("select count(*) from reference_facts").fetchone()[0]
    return result.asset_materializations_for_node("reference_facts")[0].metadata, n


def test_missing_or_empty_reference_folder_is_a_loud_warning(tmp_path, monkeypatch):
    small = tmp_path / "small"
    (small / "more").mkdir(parents=True)
    (small / "more" / "llm_prices.json").write_bytes((MORE / "llm_prices.json").read_bytes())
    meta, loaded = _run(tmp_path, monkeypatch, small)
    assert loaded > 50 and "warning" not in meta
    meta, kept = _run(tmp_path, monkeypatch, tmp_path / "no-such-folder")
    assert "does not exist" in meta["warning"].value and kept == loaded  # the last good load stays
    (tmp_path / "empty").mkdir()
    meta, after = _run(tmp_path, monkeypatch, tmp_path / "empty")
    assert "holds none of the known snapshots" in meta["warning"].value and after == 0


def test_reference_command_prints_facts_and_seconds_per_file(tmp_path):
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-m", "pipeline", "reference"], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0 and done.stderr == ""
    rows = {line.split("|")[1].strip(): line.split("|")[3].strip() for line in done.stdout.splitlines()
            if line.startswith("| ") and "---" not in line and "file" not in line}
    assert set(rows) == {"litellm_model_prices.json", "simple_evals_scores.csv", "simple_evals_scores_history.csv",
                         "official_facts.csv", "more/models_dev.json", "more/genai_prices_data.json",
                         "more/llm_prices.json"}
    assert all(int(n) > 50 for n in rows.values())
    missing = subprocess.run([sys.executable, "-m", "pipeline", "reference", "--folder", str(tmp_path / "none")],
                             cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert "WARNING: reference folder" in missing.stderr
