"""claimreview.jsonld in parts: each fact's reviews are kept in a file of
their own under PATH.parts/, named by the fact (md5 of its key) and by a
digest of what its reviews show and of the code that wrote them. A part whose
name is present is up to date by construction, so a run writes only the
parts it lacks, and a crash can leave a part missing or unused but never
stale. The file users open is assembled from the parts by pipeline/report/assembly.py."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


class PartStore:
    """The folder of parts for one file; `code` (the writing code's fingerprint) is in every part's name."""

    def __init__(self, folder: Path, code: str):
        self.folder, self.code = folder, code
        folder.mkdir(parents=True, exist_ok=True)

    def path(self, part: str, digest: str) -> Path:
        version = hashlib.sha256(f"{self.code}\0{digest}".encode()).hexdigest()[:20]
        return self.folder / f"{part}-{version}.jsonl"

    def has(self, part: str, digest: str) -> bool:
        return self.path(part, digest).exists()

    def write(self, parts: Iterable[tuple[str, str]], digests: dict[str, str]) -> None:
        """Writes each (part, text) through a temporary file and a rename; `digests` gives each part's digest
        (its name)."""
        for part, text in parts:
            temporary = self.folder / f"{part}.tmp"
            temporary.write_text(text, encoding="utf-8")
            temporary.replace(self.path(part, digests[part]))

    def keep_only(self, wanted: Iterable[tuple[str, str]]) -> int:
        """Removes every file of the folder but the parts `wanted` (part, digest); how many were removed."""
        keep = {self.path(part, digest).name for part, digest in wanted}
        stale = [p for p in self.folder.iterdir() if p.name not in keep]
        for path in stale:
            path.unlink(missing_ok=True)
        return len(stale)
