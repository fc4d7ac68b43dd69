"""One document's failure stays that document's: an exception raised while
extracting it becomes an `ExtractFailure` value naming the source, and the
caller (the CLI, the `claims` asset) records it and goes on with the rest."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract.deadline import Deadline, configured_seconds
from pipeline.extract.engines import extract_claims
from pipeline.records import Claim


@dataclass(frozen=True)
class ExtractFailure:
    source: str
    error: str  # one line: the exception's type and message

    def line(self) -> str:
        return f"{self.source}: extraction failed: {self.error}"


def extract_isolated(text: str, source: str, seconds: float | None = None,
                     engine: str | None = None) -> list[Claim] | ExtractFailure:
    """`extract_claims` within a time limit (`seconds`, else EXTRACT_DEADLINE_SECONDS,
    default 20 s), with any exception or breach of the limit turned into a failure value."""
    try:
        return extract_claims(text, source, Deadline(configured_seconds() if seconds is None else seconds), engine)
    except Exception as exc:  # noqa: BLE001 - any bug in one document must not stop the others
        message = " ".join(str(exc).split()) or "(no message)"
        return ExtractFailure(source, f"{type(exc).__name__}: {message}"[:500])
