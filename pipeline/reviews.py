"""Reviewer decisions as data under version control: `reviews.yaml` in the
sources folder, written by hand or by `python -m pipeline review`. Each
entry names a conflict_id or claim_id and a decision (`accept_value` with
the right value, `reject_claim`, `dismiss`). Entries are validated one by
one: a bad entry is an error naming the file and the entry, the others
still count; a file YAML cannot read keeps the decisions loaded before.
Appending keeps the file's comments and entries and replaces it atomically."""
from __future__ import annotations

import io
import os
import tempfile
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from pipeline.records import Review

REVIEWS_FILE = "reviews.yaml"
HEADER = ("# Reviewer decisions, applied by reconciliation on every run. One entry per decision:\n"
          "#   target: a conflict_id or claim_id; decision: accept_value (with value), reject_claim or dismiss.\n"
          "# Add one with: python -m pipeline review ID --accept VALUE | --reject | --dismiss --note \"...\"\n")


class ReviewsFileError(ValueError):
    """The reviews file cannot be read as YAML holding a list of decisions."""




def _yaml() -> YAML:
    yaml = YAML()  # round-trip: comments and key order survive an append
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _entries(path: Path):
    """The file's document and its list of entries (a top-level list, or one under `reviews:`)."""
    try:
        document = _yaml().load(path.read_text(encoding="utf-8")) if path.exists() else None
    except (YAMLError, UnicodeDecodeError) as exc:
        raise ReviewsFileError(f"{path.name}: not valid YAML: {str(exc).splitlines()[0]}") from exc
    if document is None:
        return None, []
    entries = document.get("reviews") if isinstance(document, dict) else document
    if entries is None:
        return document, []
    if not isinstance(entries, list):
        raise ReviewsFileError(f"{path.name}: expected a list of decisions under 'reviews'")
    return document, entries


def read_reviews(path: Path) -> tuple[list[Review], list[str]]:
    """Valid decisions, and one error per bad entry (`entry 3 (target abc): ...`)."""
    _, entries = _entries(path)
    reviews, errors, seen = [], [], set()
    for number, entry in enumerate(entries, start=1):
        target = entry.get("target") if isinstance(entry, dict) else None
        label = f"entry {number}" + (f" (target {target})" if target else "")
        try:
            review = Review.model_validate(dict(entry) if isinstance(entry, dict) else entry)
        except ValidationError as exc:
            reasons = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'entry'}: {e['msg']}" for e in exc.errors())
            errors.append(f"{label}: {reasons}")
            continue
        if review.id in seen:
            errors.append(f"{label}: review_id {review.id} is used by an earlier entry")
            continue
        seen.add(review.id)
        reviews.append(review)
    return reviews, errors


def append_review(path: Path, review: Review) -> None:
    """Adds one decision to the file, keeping what it holds (comments too);
    the file is replaced in one rename, so a crash leaves the old one whole."""
    document, entries = _entries(path)
    if document is None:
        document = CommentedMap()
    if isinstance(document, dict) and "reviews" not in document or (isinstance(document, dict)
                                                                      and document["reviews"] is None):
        document["reviews"] = entries = CommentedSeq()
    entry = CommentedMap()
    for key, value in review.model_dump(exclude_none=True).items():
        entry[key] = value.isoformat(timespec="seconds") if isinstance(value, datetime) else value
    entries.append(entry)
    buffer = io.StringIO()
    if not path.exists():
        buffer.write(HEADER)
    _yaml().dump(document, buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".reviews-", suffix=".yaml", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(buffer.getvalue())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
