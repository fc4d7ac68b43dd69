"""Row labels of score tables read as benchmarks. In a table whose columns are
models, a row label that names no metric, unit or rate says what the row
measures: it is a benchmark whatever its name, known to the catalogue or not
("math_instruct", "IF-Eval (Prompt Strict)", a new leaderboard's name). The
label's longest leading words that spell a catalogue name give its slug;
otherwise the label itself, slugged, is the benchmark."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.extract.lexicon import lexicon
from pipeline.extract.v2.data import config

_BRACKETED = re.compile(r"[(（\[].*?[)）\]]")
_WORD = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]+")


def compact(text: str) -> str:
    return "".join(_WORD.findall(text.lower()))


@lru_cache(maxsize=1)
def _catalogue_forms() -> dict[str, str]:
    """Each catalogue benchmark's slug and names, written without separators, to its slug."""
    forms: dict[str, str] = {}
    for slug, entry in lexicon().vocab.benchmark_catalogue.items():
        for name in (slug, *entry.names):
            forms.setdefault(compact(name), slug)
    return forms


@lru_cache(maxsize=4096)
def label_benchmark(label: str) -> str | None:
    """The benchmark slug a score table's row label names, or None when the label names a metric."""
    from pipeline.extract.v2.rules import header_spans

    if any(s.type.startswith(tuple(config()["label_not_benchmark"])) for s in header_spans(label)):
        return None
    words = _WORD.findall(_BRACKETED.sub(" ", label.replace("_", " ")).lower())
    if not words or not any(ch.isalpha() for ch in "".join(words)):
        return None
    forms = _catalogue_forms()
    for n in range(len(words), 0, -1):
        slug = forms.get("".join(words[:n]))
        if slug:
            return slug
    return "-".join(words)


def is_known_benchmark(label: str) -> bool:
    """The label names a catalogue benchmark (the mark of a score table)."""
    return label_benchmark(label) in lexicon().vocab.benchmark_catalogue
