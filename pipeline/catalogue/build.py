"""`python -m pipeline build-catalogue`: the model catalogue generated from
the reference datasets (LiteLLM, models.dev, genai-prices, llm-prices) and
the vocabulary file, written as reviewed data (catalogue.json). The
vocabulary's ids and names win; every other model id in the data becomes a
model, and its ids as written and display names become its aliases."""
from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from pipeline.catalogue.rules import (alias_ok, canonical_id, display_alias, family_word, is_model_like,
                                      model_key, rules, spelling, strip_provider,
                                      strip_snapshot)
from pipeline.catalogue import CATALOGUE_FILE
from pipeline.catalogue.sources import Entry, read_entries




def written_base(raw_id: str) -> str:
    """An id as sources write it, routing and snapshot stamp removed (case kept)."""
    return strip_snapshot(strip_provider(raw_id))


def build_catalogue(vocab_models: dict, vocab_aliases: list[tuple[str, str]], entries: list[Entry]) -> dict:
    """The catalogue as plain data: models (id, vendor, family, origins) and
    aliases (written, model, origins): those prose may contain, and the
    exact ones (`Prompt Guard 2 86M`) matched only as a whole name, never
    looked for in running text. Pure: same inputs, same output."""
    taken = {model_key(alias): model for alias, model in vocab_aliases}
    taken.update({model_key(m): m for m in vocab_models})
    spellings: dict[str, Counter] = defaultdict(Counter)
    dates: dict[str, set] = defaultdict(set)  # model key -> dated snapshots (yyyymmdd) the data names
    model_origins: dict[str, set] = defaultdict(set)
    vendors: dict[str, Counter] = defaultdict(Counter)
    id_aliases: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))  # key -> written -> origins
    display_votes: dict[str, Counter] = defaultdict(Counter)  # alias key -> model key -> votes
    display_written: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for entry in entries:
        base, stamp = canonical_id(entry.raw_id)
        key = model_key(base)
        if not _nameable(base) and key not in taken:
            continue
        spellings[key][base] += 1
        if stamp and re.fullmatch(r"20\d{2}-?\d{2}-?\d{2}", stamp):
            dates[key].add(stamp.replace("-", ""))
        model_origins[key].add(entry.origin)
        if entry.vendor:
            vendors[key][entry.vendor] += 1
        written = written_base(entry.raw_id)
        if _nameable(written):
            id_aliases[model_key(written)][written].add(entry.origin)
            if model_key(written) != key:
                display_votes[model_key(written)][key] += 1
        if entry.display:
            alias = strip_snapshot(display_alias(entry.display))
            alias = strip_provider(alias) if "/" in alias else alias
            if _nameable(alias) and "/" not in alias:
                display_votes[model_key(alias)][key] += 1
                display_written[model_key(alias)][alias].add(entry.origin)
    ids = {key: taken.get(key) or _pick(spellings[key]) for key in spellings}
    ids = {key: model_id for key, model_id in ids.items() if not _ambiguous(model_id, vocab_models)}
    models = {}
    for key, model_id in ids.items():
        if model_id in vocab_models:
            continue
        family = _family(model_id, vocab_models)
        vendor = (vocab_models[family]["vendor"] if family else "") or rules().family_vendors.get(
            family_word(model_id), "")
        models[model_id] = [model_id, vendor, family, sorted(model_origins[key])]
    aliases = {}
    for alias_key, written in id_aliases.items():
        if alias_key in taken or alias_key not in ids:
            continue
        for name, origins in written.items():
            aliases[name] = [name, ids[alias_key], sorted(origins)]
    for alias_key, votes in display_votes.items():
        votes = Counter({key: n for key, n in votes.items() if key in ids})
        if alias_key in taken or alias_key in ids or not votes:
            continue
        winner = sorted(votes.items(), key=lambda kv: (-kv[1], len(ids[kv[0]]), ids[kv[0]]))[0][0]
        for name, origins in (display_written.get(alias_key) or id_aliases.get(alias_key, {})).items():
            aliases.setdefault(name, [name, ids[winner], sorted(origins)])
    snapshots = {ids[key]: sorted(found) for key, found in dates.items() if key in ids}
    for model_id in list(models):  # `llama-2-13b-chat` is also written `Llama 2 Chat 13B`
        moved = re.fullmatch(r"(.+)-(\d+(?:\.\d+)?[bm])-(chat|instruct)", model_id)
        if moved:
            name = f"{moved.group(1)}-{moved.group(3)}-{moved.group(2)}"
            if model_key(name) not in taken and model_key(name) not in ids:
                aliases.setdefault(name, [name, model_id, ["rule"]])
    loud = sorted(a for a in aliases.values() if alias_ok(a[0]))
    quiet = sorted(a for a in aliases.values() if not alias_ok(a[0]))
    return {"models": sorted(models.values()), "aliases": loud, "exact_aliases": quiet,
            "snapshots": dict(sorted(snapshots.items()))}


def _nameable(name: str) -> bool:
    """A name the catalogue keeps: model-like, or one word of three letters
    or more (`sonar`): such a word is an exact alias only, never sought in prose."""
    return is_model_like(name) or bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9]{2,}", name.strip()))


def _ambiguous(model_id: str, vocab_models: dict) -> bool:
    """`gemini-flash`, `claude-haiku`: a family and a variant with no version,
    where the vocabulary knows the variant at two versions or more; such a
    name stays to the document's context, like a bare family name."""
    if model_id in vocab_models or re.search(r"\d", model_id):
        return False
    family, *words = model_id.split("-")
    if not words:
        return False
    versions = [m for m in vocab_models if m.startswith(family) and re.search(r"\d", m)
                and all(w in m.split("-") for w in words)]
    return len(versions) >= 2


def _pick(spelled: Counter) -> str:
    """The id most datasets write; ties go to the shorter, then the first."""
    return sorted(spelled.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]


def _family(model_id: str, vocab_models: dict) -> str | None:
    """The vocabulary family an id extends (`llama-3.1-405b-instruct` ->
    llama-3.1), through a member when the id extends one (its family)."""
    spelled = spelling(model_id)
    best = None
    for other, entry in vocab_models.items():
        prefix = spelling(other)
        if spelled.startswith(prefix + "-") and (best is None or len(prefix) > len(spelling(best))):
            best = other
    if best is None:  # `grok-1.5` extends the family `grok`
        word = family_word(model_id)
        return word if word in vocab_models and vocab_models[word]["is_family"] else None
    return best if vocab_models[best]["is_family"] else vocab_models[best]["family"]


def write_catalogue(folder: Path, out: Path = CATALOGUE_FILE) -> dict:
    from pipeline.vocabulary import load_vocabulary

    vocab = load_vocabulary(catalogue=None)
    entries, files = read_entries(folder)
    if not files:
        raise FileNotFoundError(f"no reference dataset under {folder}")
    vocab_models = {m.id: {"vendor": m.vendor, "family": m.family, "is_family": m.is_family}
                    for m in vocab.models.values()}
    data = build_catalogue(vocab_models, vocab.aliases(), entries)
    data = {"built_from": {name: hashlib.sha256(path.read_bytes()).hexdigest()[:16]
                           for name, path in sorted(files.items())}, **data}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    out.write_text(text.replace('],["', '],\n["') + "\n", encoding="utf-8")
    return {"models": len(data["models"]), "aliases": len(data["aliases"]), "files": sorted(files)}


def main(folder: Path) -> int:
    summary = write_catalogue(folder)
    print(f"catalogue: {summary['models']} models, {summary['aliases']} aliases from {', '.join(summary['files'])}",
          file=sys.stderr)
    return 0
