"""claimreview.jsonld in parts: each fact's reviews are kept in a file of
their own under PATH.parts/, named by the fact (md5 of its key) and by a
digest of what its reviews show and of the code that wrote them. A part whose
name is present is up to date by construction, so a run writes only the
parts it lacks, and a crash can leave a part missing or unused but never
stale. The file users open is assembled from the parts by byte copies (the
kernel's, os.sendfile) into a temporary file renamed over the old one."""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

HEAD = b'{\n "@context": "https://schema.org",\n "@graph": ['


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


def _append(out: int, path: Path) -> None:
    """The bytes of `path` appended to the file descriptor `out` by the kernel."""
    with open(path, "rb") as source:
        size, sent = os.fstat(source.fileno()).st_size, 0
        while sent < size:
            sent += os.sendfile(out, source.fileno(), sent, size - sent)


def assemble(path: Path, parts: list[Path]) -> None:
    """`path` as a JSON-LD @graph of the parts' reviews in the order given, written to a temporary file that
    is then renamed over it (readers never see half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    with open(temporary, "wb", buffering=0) as out:
        out.write(HEAD)
        for index, part in enumerate(parts):
            out.write(b",\n  " if index else b"\n  ")
            _append(out.fileno(), part)
        out.write(b"\n ]\n}" if parts else b"]\n}")
    temporary.replace(path)
