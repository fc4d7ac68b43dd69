"""Reviewer decisions as data under version control: `reviews.yaml` in the
sources folder, written by hand or by `python -m pipeline review`. Each
entry names a conflict_id or claim_id and a decision (`accept_value` with
the right value, `reject_claim`, `dismiss`). Entries are validated one by
one: a bad entry is an error naming the file and the entry, the others
still count; a file YAML cannot read keeps the decisions loaded before.
Appending keeps the file's comments and entries and replaces it atomically."""
from __future__ import annotations

import hashlib
import io
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

REVIEWS_FILE = "reviews.yaml"
HEADER = ("# Reviewer decisions, applied by reconciliation on every run. One entry per decision:\n"
          "#   target: a conflict_id or claim_id; decision: accept_value (with value), reject_claim or dismiss.\n"
          "# Add one with: python -m pipeline review ID --accept VALUE | --reject | --dismiss --note \"...\"\n")


class ReviewsFileError(ValueError):
    """The reviews file cannot be read as YAML holding a list of decisions."""


class Review(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    target: str = Field(min_length=1)
    decision: Literal["accept_value", "reject_claim", "dismiss"]
    value: float | str | None = None
    note: str | None = None
    reviewer: str | None = None
    decided_at: datetime | None = None
    review_id: str | None = None

    @model_validator(mode="after")
    def _value_only_when_accepting(self) -> "Review":
        if self.decision == "accept_value" and self.value is None:
            raise ValueError("accept_value needs the accepted value")
        if self.decision != "accept_value" and self.value is not None:
            raise ValueError(f"{self.decision} takes no value")
        return self

    @property
    def id(self) -> str:
        """As written, else stable for the same target, decision and time."""
        if self.review_id:
            return self.review_id
        key = "|".join([self.target, self.decision, str(self.value), str(self.decided_at)])
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    def row(self) -> dict:
        """A `reviews` row; `stale` is reconciliation's to set (pipeline/reconcile/reviews.py)."""
        numeric = isinstance(self.value, float)
        return {"review_id": self.id, "target": self.target, "decision": self.decision,
                "value": self.value if numeric else None,
                "value_text": self.value if isinstance(self.value, str) else None,
                "note": self.note, "reviewer": self.reviewer, "decided_at": self.decided_at, "stale": None}


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
