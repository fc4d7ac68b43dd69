"""Name rules of the model catalogue (word lists in rules.yaml): how a
dataset's id or display name becomes the words a source writes and the
canonical id the contract asks for. Pure functions, no data loaded here but
the rule file."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

RULES_FILE = Path(__file__).with_name("rules.yaml")
CJK = "\u3400-\u9fff\uf900-\ufaff"
# a matching key is built from these: letter runs, digit runs, one CJK
# character, separator runs, any other character
KEY_TOKEN = re.compile(rf"[a-z]+|[0-9]+|[{CJK}]|[-_.\\\s]+|.", re.DOTALL)
# a dated snapshot or a vendor's own yymm/mmdd version at the end of an id
SNAPSHOT_TAIL = re.compile(r"[-@](20\d{2}-\d{2}-\d{2}|20\d{6}|2[3-9](?:0[1-9]|1[0-2])[0-3]\d|0[1-9]\d{2}|1[0-2][0-3]\d|2[3-9](?:0[1-9]|1[0-2]))$")
DIGIT_PAIR = re.compile(r"(?<=[a-z-])(\d)-(\d)(?=-|$)")  # claude-3-5-sonnet -> claude-3.5-sonnet


@dataclass(frozen=True)
class Rules:
    dotted: re.Pattern
    dotted_words: frozenset[str]  # the words of dotted_prefixes that are plain words (`us`, `meta`)
    id_vendor_prefixes: tuple[str, ...]
    vendor_prefix: re.Pattern
    family_vendors: dict[str, str]
    coin_families: frozenset[str]
    coin_variants: frozenset[str]
    coin_suffixes: frozenset[str]
    versionless_families: frozenset[str]
    tier_words: frozenset[str]
    display_noise: tuple[str, ...]
    single_word_models: frozenset[str]
    ordinary_first_words: frozenset[str]
    unversioned_v_families: frozenset[str]


@lru_cache(maxsize=1)
def rules(path: Path = RULES_FILE) -> Rules:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    dotted = "|".join(map(re.escape, sorted(raw["dotted_prefixes"], key=len, reverse=True)))
    vendors = "|".join(map(re.escape, sorted(raw["vendor_words"], key=len, reverse=True)))
    return Rules(
        dotted=re.compile(rf"^(?:(?:{dotted})\.)+"),
        dotted_words=frozenset(re.match(r"[a-z]+", p).group(0) for p in raw["dotted_prefixes"]),
        id_vendor_prefixes=tuple(sorted(raw["id_vendor_prefixes"], key=len, reverse=True)),
        vendor_prefix=re.compile(rf"^(?:{vendors})(?:\s*[:/]\s*|\s+)", re.IGNORECASE),
        family_vendors=dict(raw["family_vendors"]),
        coin_families=frozenset(raw["coin_families"]),
        coin_variants=frozenset(raw["coin_variants"]),
        coin_suffixes=frozenset(raw["coin_suffixes"]),
        versionless_families=frozenset(raw.get("versionless_families", ())),
        tier_words=frozenset(raw.get("tier_words", ())),
        display_noise=tuple(raw["display_noise"]),
        single_word_models=frozenset(raw["single_word_models"]),
        ordinary_first_words=frozenset(raw["ordinary_first_words"]),
        unversioned_v_families=frozenset(raw["unversioned_v_families"]),
    )


def model_key(written: str) -> str:
    """How a written model name is looked up: case, markdown escapes and the
    separators between words do not count, but between two numbers a
    separator is a version dot (`3.5` = `3-5` = `3\\.5`, never `35`)."""
    out: list[str] = []
    digit_before = separated = False
    for token in KEY_TOKEN.findall(written.lower()):
        first = token[0]
        if first in "-_.\\" or first.isspace():
            separated = separated or token.strip("\\") != ""
            continue
        is_digit = first.isdigit() and token.isascii()
        if is_digit and digit_before and separated:
            out.append(".")
        out.append(token)
        digit_before, separated = is_digit, False
    return "".join(out)


def strip_provider(raw_id: str) -> str:
    """A dataset id without its routing: the last path segment, no dotted
    cloud prefix (`us.anthropic.`), no `:0`/`:free` tag, no Bedrock `-v1`."""
    parts = [p.strip() for p in raw_id.strip().rsplit("/", 1)[-1].split(":") if p.strip()] or [raw_id.strip()]
    if len(parts[0]) <= 3 and len(parts) > 1:  # `ft:gpt-3.5-turbo-0125`
        parts = parts[1:]
    name = parts[0]
    if len(parts) > 1 and re.fullmatch(r"\d+(?:\.\d+)?[bm]", parts[1], re.IGNORECASE):
        name = f"{name}-{parts[1]}"  # Ollama's `gpt-oss:20b`
    name = name.replace("@", "-")  # Vertex's `claude-3-5-haiku@20241022`
    stripped = rules().dotted.sub("", name)
    if stripped != name:
        vendor = name[:len(name) - len(stripped)].rstrip(".").rsplit(".", 1)[-1]
        stripped = re.sub(r"-v\d+$", "", stripped)  # Bedrock's `…-20240620-v1:0`
        if re.fullmatch(r"[a-z]?\d+(?:\.\d+)*", stripped.lower()) and _is_family(vendor.lower()):
            stripped = f"{vendor}-{stripped}"  # Bedrock's `deepseek.v3.2`, `deepseek.r1-v1:0`
    for prefix in rules().id_vendor_prefixes:
        hosted = re.sub(rf"^{re.escape(prefix)}-+", "", stripped.lower())
        if hosted != stripped.lower() and _is_family(family_word(hosted)):
            return stripped[len(stripped) - len(hosted):]
    return stripped


def strip_snapshot(written: str) -> str:
    """A written name without a trailing snapshot stamp (`-20241022`,
    ` 2407`, ` (2026-01-23)`, `-latest`): the extractor reads stamps itself."""
    name = re.sub(r"\s*\((?:20\d{2}-\d{2}-\d{2}|\d{4}|latest)\)$", "", written.strip())
    name = re.sub(r"[-\s]latest$", "", name, flags=re.IGNORECASE)
    found = SNAPSHOT_TAIL.search(name.replace(" ", "-"))
    return name[:found.start()] if found and found.start() else name


def _is_family(word: str) -> bool:
    return word in rules().coin_families or word in rules().family_vendors or word in rules().single_word_models


def split_snapshot(model_id: str) -> tuple[str, str | None]:
    """(base id, date or version stamp) of an id that ends in a snapshot."""
    base = re.sub(r"-latest$", "", model_id)
    found = SNAPSHOT_TAIL.search(base)
    if not found or found.start() == 0:
        return base, None
    return base[:found.start()], found.group(1)


def canonical_id(raw_id: str) -> tuple[str, str | None]:
    """The contract's id for a dataset id (lower case, version digits joined
    by a dot, routing stripped), and its snapshot stamp if it has one."""
    name = strip_provider(raw_id).lower().replace("_", "-").replace(" ", "-")
    name = re.sub(r"(?<=\d)p(?=\d)", ".", name)  # Fireworks' `llama-v3p1`, `glm-5p2`
    name = re.sub(r"-hf$", "", name)  # a Hugging Face repository's suffix
    head = re.match(r"([a-z]+)-v(?=\d)", name)  # Fireworks' `llama-v2-70b-chat` is llama-2-70b-chat
    if head and head.group(1) in rules().unversioned_v_families:
        name = f"{head.group(1)}-{name[head.end():]}"
    name = re.sub(r"-+", "-", name).strip("-")
    base, stamp = split_snapshot(name)
    while True:
        joined = DIGIT_PAIR.sub(r"\1.\2", base)
        if joined == base:
            break
        base = joined
    head, dash, rest = base.partition("-")  # `mistral-large2` -> mistral-large-2; `qwen2.5`, `deepseek-v3` stay
    return head + dash + re.sub(r"(-[a-z]{3,})(?=\d)", r"\1-", "-" + rest)[1:], stamp


def display_alias(display: str) -> str:
    """A display name as a source would write it: no `Vendor:` label, no
    vendor word before the model's own name, no serving note."""
    name = re.sub(r"^[^:]{1,30}:\s+", "", display.strip())  # models.dev's `Vendor: Model`
    for noise in rules().display_noise:
        if name.lower().endswith(noise):
            name = name[: -len(noise)].strip()
    while True:
        stripped = rules().vendor_prefix.sub("", name, count=1).strip()
        if stripped == name or not stripped:
            return name
        name = stripped


def is_model_like(alias: str) -> bool:
    """A name from data is kept as an alias only if it cannot be an ordinary
    word: it has a digit, or two words of which one is a family word, or
    is one word no shorter than 3 characters joined with a hyphen."""
    key = model_key(alias)
    if len(key) < 2 or not re.search("[a-z]", key):
        return False
    if re.fullmatch(r"[a-z]?\d+(?:\.\d+)*[a-z]?", key):  # `v3`, `r1`, `4o`: a version, no name
        return False
    if re.search(r"\d", alias):
        return True
    words = [w for w in re.split(r"[-_\s.]+", alias.lower()) if w]
    if words and words[0] in rules().single_word_models:
        return True
    return len(words) >= 2 and (words[0] in rules().coin_families or words[0] in rules().family_vendors
                                 or "-" in alias)


def alias_ok(alias: str) -> bool:
    """A data alias the extractor may look for in prose: model-like, not
    starting with a number or a lone letter, and, when its first word is an
    ordinary word (`The …`, `Pro …`, `code-llama-…`), written as an id."""
    if not is_model_like(alias) or "/" in alias or re.match(r"\d|[a-z](?![a-z0-9])", alias.lower()):
        return False
    first = re.match(r"[a-z]+", alias.lower())
    if first and first.group(0) in rules().ordinary_first_words:
        return " " not in alias and "-" in alias and bool(re.search(r"\d", alias))
    # no number: only under a family word (`qwen-plus`, `nova-pro`), since
    # `computer-use` would match the words `computer use`
    return bool(re.search(r"\d", alias)) or bool(first) and _is_family(first.group(0))


def family_word(model_id: str) -> str:
    """The leading letters of an id (`qwen2.5-72b` -> qwen)."""
    found = re.match(r"[a-z]+", model_id)
    return found.group(0) if found else ""


def spelling(model_id: str) -> str:
    """One spelling for ids that differ only by a hyphen between the family
    word and its version (`llama-3.1` / `llama3.1`)."""
    return re.sub(r"^([a-z]+)-(?=\d)", r"\1", model_id)
