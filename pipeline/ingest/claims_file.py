"""Claims from elsewhere: a `NAME.claims.jsonl` file under the sources
folder holds claims in the export format of contract/claims.md (`span`
optional), made by another extractor (an LLM, a spreadsheet, hand-labelled
gold). Each line is checked against the document it cites (matched by file
name, path or URL): a quote must be the document's own text. Where `span`
is missing or does not hold the quote, the quote is looked up in the text
(the occurrence nearest the given span): other tools count offsets in bytes
or off by a few, and the quote is what a reviewer checks. A line that is no
JSON, no valid claim, cites no current document or quotes words the document
does not hold is an error naming its line, and the other lines go on."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from pipeline.records import Claim, ClaimLine, Qualifiers
from pipeline.store.claims import claim_row
from pipeline.vocabulary import vocabulary

SUFFIX = ".claims.jsonl"


@dataclass(frozen=True)
class CitedDocument:
    doc_id: str
    source: str
    location: str
    sha256: str
    text: str
    raw_text: str | None = None  # an HTML page before reduction to text


@dataclass
class ImportResult:
    file_name: str  # path under the sources folder
    extractor: str  # import:NAME
    sha256: str
    n_lines: int = 0
    rows: dict[str, dict] = field(default_factory=dict)  # claim_id -> claims row
    errors: list[str] = field(default_factory=list)  # "line N: why"
    cited: set[str] = field(default_factory=set)  # doc_ids of the documents its lines cite


def list_claims_files(sources_dir: Path) -> list[Path]:
    """Every NAME.claims.jsonl under the sources folder (not under reference/)."""
    reference = (sources_dir / "reference").resolve()
    return sorted(p for p in sources_dir.rglob(f"*{SUFFIX}")
                  if p.is_file() and reference not in p.resolve().parents)


def extractor_name(file_name: str) -> str:
    return f"import:{file_name[:-len(SUFFIX)]}"


def index_documents(docs: list[CitedDocument]) -> dict[str, list[CitedDocument]]:
    """Each document under the names a claims file may cite it by: its
    `source` (file name or URL) and its path under the sources folder."""
    index: dict[str, list[CitedDocument]] = {}
    for doc in docs:
        for key in {doc.source, doc.location}:
            index.setdefault(key, []).append(doc)
    return index


def locate(quote: str, text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """The span of `quote` in `text`: the given one if it holds the quote,
    else the occurrence nearest to it (the first if none was given)."""
    if span and text[span[0]:span[1]] == quote:
        return span
    starts, at = [], text.find(quote)
    while at >= 0 and quote:
        starts.append(at)
        at = text.find(quote, at + 1)
    if not starts:
        return None
    start = min(starts, key=lambda s: abs(s - span[0])) if span else starts[0]
    return start, start + len(quote)


def read_claims_file(path: Path, file_name: str, index: dict[str, list[CitedDocument]]) -> ImportResult:
    data = path.read_bytes()
    result = ImportResult(file_name, extractor_name(file_name), hashlib.sha256(data).hexdigest())
    try:
        lines = data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        result.errors.append(f"not UTF-8 text: {exc}")
        return result
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        result.n_lines += 1
        try:
            row = _read_line(text, index, result)
        except (ValueError, ValidationError) as exc:
            result.errors.append(f"line {number}: {_reason(exc)}")
            continue
        result.rows.setdefault(row["claim_id"], row)
    return result


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'line'}: {e['msg']}" for e in exc.errors())
    return str(exc).splitlines()[0]


def _read_line(text: str, index: dict[str, list[CitedDocument]], result: ImportResult) -> dict:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc.msg} at column {exc.colno}") from exc
    if not isinstance(raw, dict):
        raise ValueError("not a JSON object")
    line = ClaimLine.model_validate(raw)
    docs = index.get(line.source) or index.get(Path(line.source).name if "://" not in line.source else "")
    if not docs:
        raise ValueError(f"cites {line.source!r}, which is not among the documents "
                         f"(add it under the sources folder or to sources.yaml)")
    if len(docs) > 1:
        raise ValueError(f"cites {line.source!r}, which names {len(docs)} documents "
                         f"({', '.join(d.location for d in docs)}): cite the path")
    doc = docs[0]
    result.cited.add(doc.doc_id)
    span = locate(line.quote, doc.raw_text or doc.text, line.span)  # spans index the file, HTML included
    if span is None:
        raise ValueError(f"quote {line.quote[:60]!r} is not in {doc.source}")
    qualifiers = Qualifiers(**{"currency": line.currency, **line.qualifiers})
    currency = qualifiers.currency or "usd"
    _check_unit(line.metric, line.unit, currency)
    claim = Claim(source=doc.source, model=line.model, metric=line.metric, value=line.value,
                  value_high=line.value_high, unit=line.unit, qualifiers=qualifiers, quote=line.quote, span=span,
                  why=line.why)
    row = claim_row(claim, doc.doc_id, doc.sha256)
    row["claim_id"] = claim.claim_id(f"{result.extractor}:{doc.doc_id}:{doc.sha256}")
    return row | {"extractor": result.extractor, "currency": currency}


def _check_unit(metric: str, unit: str, currency: str) -> None:
    """The metric must be the vocabulary's, in its unit (a price in another
    currency in that currency's unit: `cny_per_mtok`), as the claims checks
    downstream require of every claim."""
    try:
        expected = vocabulary().unit_of(metric)
    except KeyError:
        raise ValueError(f"metric {metric!r} is not in the vocabulary") from None
    if currency != "usd" and expected.startswith("usd_"):
        expected = currency + expected[3:]
    if unit != expected:
        raise ValueError(f"unit {unit!r} is not the unit of {metric} ({expected})")
