"""A synthetic corpus for `bench-pipeline`, built deterministically from the
project's own test articles (tests/fixtures/articles, sources/*.txt): each
article joins bases of one language up to ~13 KB, with model names swapped
within a vendor and numbers perturbed by seeded variants, so that many
articles agree on a fact and a few disagree, as real ones do.

Article `i` depends only on (i, seed, revision), never on the corpus size:
the 1,000-article corpus is the first 1,000 of the 3,000 one.

Stable API (other branches measure with it): `article`, `build_corpus`,
`change_article`, `add_articles`, `base_articles`."""
from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from pipeline.config import PROJECT_ROOT
from pipeline.vocabulary import VOCABULARY_FILE

DEFAULT_SEED = 13
TARGET_BYTES = 13_000
BASE_FOLDERS = (PROJECT_ROOT / "tests" / "fixtures" / "articles", PROJECT_ROOT / "sources")
WORLDS = 6  # model-name mappings; world 0 keeps the names
FACTORS = (0.8, 0.9, 1.1, 1.25, 1.5, 2.0)  # a conflicting source misstates by one of these
CHANGE_SHARE = 0.35  # of the numbers in a perturbed article

_FRONTMATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n.*?\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
# a number standing alone (not inside a name like GPT-4o, a date, a URL), optionally 128K / 85% style
_NUMBER = re.compile(r"(?<![A-Za-z0-9_.\-/:=#?&])(\d+(?:,\d{3})*(?:\.\d+)?)(?=([KMBkm%]?)(?![A-Za-z0-9_\-/:]|\.\d))")
# a day of a date (`May 13`, `13日`) stays: a perturbed one may not exist
_MONTH_BEFORE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\Z")
# placeholders for names carry no digits, so the number perturbation cannot touch them
_DIGITS_AS_LETTERS = str.maketrans("0123456789", "abcdefghij")
_LETTERS_AS_DIGITS = str.maketrans("abcdefghij", "0123456789")


@dataclass(frozen=True)
class Base:
    name: str  # file name of the base article
    lang: str  # en | zh
    suffix: str  # .md | .txt | .html
    text: str


def _language(name: str, text: str) -> str:
    if name.startswith(("en_", "zh_")):
        return name[:2]
    cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
    return "zh" if cjk > len(text) * 0.05 else "en"


@lru_cache(maxsize=4)
def base_articles(folders: tuple[Path, ...] = BASE_FOLDERS) -> tuple[Base, ...]:
    """Every article file of the folders (not reference/ nor claims files), sorted by name."""
    bases = []
    for folder in folders:
        for path in sorted(folder.glob("*")):
            if path.is_file() and path.suffix in (".md", ".txt", ".html"):
                text = path.read_text(encoding="utf-8")
                bases.append(Base(path.name, _language(path.name, text), path.suffix, text))
    if not bases:
        raise FileNotFoundError(f"no base articles under {', '.join(map(str, folders))}")
    return tuple(bases)


@lru_cache(maxsize=1)
def _vendor_models() -> dict[str, list[tuple[str, str]]]:
    """vendor -> [(model id, first written name)] from pipeline/vocabulary.yaml."""
    entries = yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8"))["models"]
    vendors: dict[str, list[tuple[str, str]]] = {}
    for entry in entries:
        vendors.setdefault(entry.get("vendor", "?"), []).append((entry["id"], entry["names"][0]))
    return vendors


@lru_cache(maxsize=1)
def _name_index() -> tuple[re.Pattern, dict[str, str]]:
    """One pattern for every written name of the vocabulary's models (longest first) and name -> id."""
    entries = yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8"))["models"]
    by_name = {name: e["id"] for e in entries for name in e["names"] if len(name) >= 3}
    names = sorted(by_name, key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<![A-Za-z0-9_\-.])(?:{alternation})(?![A-Za-z0-9_\-]|\.\d)"), by_name


@lru_cache(maxsize=WORLDS)
def _world_mapping(world: int, seed: int) -> dict[str, str]:
    """Model id -> written name in this world: a seeded shuffle within each vendor (world 0: identity)."""
    mapping = {}
    rng = random.Random(f"{seed}:world:{world}")
    for models in _vendor_models().values():
        targets = list(models)
        if world:
            rng.shuffle(targets)
        mapping.update({model_id: name for (model_id, _), (_, name) in zip(models, targets)})
    return mapping


def _swap_models(text: str, world: int, seed: int) -> tuple[str, list[str]]:
    """Names replaced by placeholders (kept out of the number perturbation) and the names to put back."""
    pattern, by_name = _name_index()
    mapping = _world_mapping(world, seed)
    names: list[str] = []

    def swap(match: re.Match) -> str:
        names.append(mapping.get(by_name[match.group(0)], match.group(0)) if world else match.group(0))
        return f"\x00{str(len(names) - 1).translate(_DIGITS_AS_LETTERS)}\x00"

    return pattern.sub(swap, text), names


def _perturbed(number: str, factor: float) -> str:
    plain = number.replace(",", "")
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    value = round(float(plain) * factor, decimals)
    if value == float(plain):
        value = float(plain) + 10 ** -decimals
    text = f"{value:,.{decimals}f}" if "," in number else f"{value:.{decimals}f}"
    return text


def _stable(*parts) -> int:
    return int.from_bytes(hashlib.sha256(":".join(map(str, parts)).encode()).digest()[:8], "big")


def _is_date_part(match: re.Match, plain: str) -> bool:
    """A year, or a day or month of a written date."""
    if "." in plain:
        return False
    value, text = int(plain), match.string
    if 1900 <= value <= 2100:
        return True
    after = text[match.end():match.end() + 1]
    return value <= 31 and (after in ("月", "日", "号") or bool(_MONTH_BEFORE.search(text[max(0, match.start() - 12):match.start()])))


def _perturb_numbers(text: str, base: str, variant: int) -> str:
    """Variant 0 keeps every number; variant v changes a seeded share of them the same way in every
    article that uses this base with this variant (so wrong values recur, as copied errors do)."""
    if not variant:
        return text
    counter = iter(range(1 << 30))

    def change(match: re.Match) -> str:
        number, k = match.group(1), next(counter)
        plain = number.replace(",", "")
        if _is_date_part(match, plain):
            return number
        h = _stable(base, k, variant)
        if (h % 1000) / 1000 >= CHANGE_SHARE:
            return number
        factor = FACTORS[(h >> 12) % len(FACTORS)]
        if match.group(2) == "%" and float(plain) * factor > 100:
            factor = 0.9  # a share stays a share
        return _perturbed(number, factor)

    return _NUMBER.sub(change, text)


def _restore(text: str, names: list[str]) -> str:
    return re.sub("\x00([a-j]+)\x00", lambda m: names[int(m.group(1).translate(_LETTERS_AS_DIGITS))], text)


def _part(base: Base, world: int, variant: int, seed: int, keep_frontmatter: bool) -> str:
    text = base.text if keep_frontmatter else _FRONTMATTER.sub("", base.text, count=1)
    masked, names = _swap_models(text, world, seed)
    return _restore(_perturb_numbers(masked, base.name, variant), names)


def _choose_bases(rng: random.Random, bases: tuple[Base, ...], target_bytes: int) -> list[Base]:
    """An HTML page alone (about one article in ten), else text bases of one language up to target_bytes."""
    pages = [b for b in bases if b.suffix == ".html"]
    if pages and rng.random() < 0.1:
        return [rng.choice(pages)]
    lang = rng.choice(("en", "zh"))
    pool = [b for b in bases if b.lang == lang and b.suffix != ".html"]
    chosen, size = [], 0
    while size < target_bytes:
        base = rng.choice(pool)
        chosen.append(base)
        size += len(base.text.encode("utf-8"))
    return chosen


def article(index: int, seed: int = DEFAULT_SEED, revision: int = 0, target_bytes: int = TARGET_BYTES,
            bases: tuple[Base, ...] | None = None) -> tuple[str, str]:
    """(file name, text) of article `index`; a new `revision` re-perturbs its numbers only."""
    bases = bases or base_articles()
    rng = random.Random(f"{seed}:article:{index}")
    parts = _choose_bases(rng, bases, target_bytes)
    world = 0 if rng.random() < 0.4 else rng.randrange(1, WORLDS)
    variant = rng.choice((0, 0, 1, 2, 3)) if not revision else 3 + revision
    texts = [_part(b, world, variant, seed, keep_frontmatter=(i == 0)) for i, b in enumerate(parts)]
    suffix = parts[0].suffix
    if suffix == ".html":
        body = texts[0].replace("</body>", f"<p>Article {index}.</p></body>", 1)
    else:
        body = "\n\n".join(t.strip("\n") for t in texts) + f"\n\nArticle {index}.\n"
    stem = Path(parts[0].name).stem[:24]
    return f"a{index:05d}_{stem}{suffix}", body


def write_articles(folder: Path, indices: range, seed: int = DEFAULT_SEED,
                   target_bytes: int = TARGET_BYTES) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    bases = base_articles()
    paths = []
    for index in indices:
        name, text = article(index, seed, target_bytes=target_bytes, bases=bases)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def build_corpus(folder: Path, n: int, seed: int = DEFAULT_SEED, target_bytes: int = TARGET_BYTES) -> list[Path]:
    """Articles 0..n-1 written into `folder` (created); returns their paths."""
    return write_articles(Path(folder), range(n), seed, target_bytes)


def add_articles(folder: Path, start: int, count: int, seed: int = DEFAULT_SEED,
                 target_bytes: int = TARGET_BYTES) -> list[Path]:
    """Articles start..start+count-1 added to `folder` (the next ones of the same corpus)."""
    return write_articles(Path(folder), range(start, start + count), seed, target_bytes)


def change_article(folder: Path, index: int = 0, seed: int = DEFAULT_SEED, revision: int = 1,
                   target_bytes: int = TARGET_BYTES) -> Path:
    """Article `index` rewritten as revision `revision` (same bases and names, other numbers)."""
    name, text = article(index, seed, revision, target_bytes)
    path = Path(folder) / name
    path.write_text(text, encoding="utf-8")
    return path
