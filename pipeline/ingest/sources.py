"""What the sources are: article files under the sources folder and URLs
listed in sources.yaml. Each source becomes a Document or an IngestError."""
from __future__ import annotations

import hashlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator, Mapping

import yaml

from pipeline.config import max_source_bytes, url_deadline_seconds, url_workers
from pipeline.ingest.budget import SourceRefused, read_bounded
from pipeline.ingest.decode import DecodeError, decode_bytes
from pipeline.ingest.fetch import FetchError, FetchPolicy, fetch, make_session
from pipeline.ingest.pagecheck import error_page_reason, sniff_content_type
from pipeline.ingest.parse import ParseError, build_document, doc_id_for
from pipeline.records import Document, IngestError

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
URL_LIST = "sources.yaml"
_CONTENT_TYPES = {".html": "text/html", ".htm": "text/html"}


@dataclass(frozen=True)
class SourceRef:
    kind: str  # file | url
    location: str  # path relative to the sources folder, or the URL
    source: str  # the contract's `source`: file name or URL


def list_sources(sources_dir: Path, exclude: Path | None = None, urls: bool = True) -> list[SourceRef]:
    """Every article file, walked without following linked folders. Links,
    devices and FIFOs with an article's name are listed too, so that reading
    them refuses them with a reason (an ingest error) instead of skipping them unseen."""
    if not sources_dir.is_dir():
        # refusing beats an empty listing, which would remove every stored document
        raise FileNotFoundError(f"sources folder {sources_dir} does not exist (SOURCES_DIR)")
    # reference snapshots (and their READMEs) are not articles
    skipped = {Path(os.path.realpath(f)) for f in (exclude, sources_dir / "reference") if f is not None}
    refs = []
    for folder, subfolders, files in os.walk(sources_dir):  # followlinks=False: a linked folder is an entry
        here = Path(folder)
        real = Path(os.path.realpath(here))
        if any(real == folder or folder in real.parents for folder in skipped):
            subfolders[:] = []
            continue
        subfolders.sort()
        linked = [name for name in subfolders if (here / name).is_symlink()
                  and Path(os.path.realpath(here / name)) not in skipped]
        for name in files + linked:
            path = here / name
            if name in linked or path.suffix.lower() in ARTICLE_SUFFIXES:
                refs.append(SourceRef("file", path.relative_to(sources_dir).as_posix(), name))
    refs.sort(key=lambda r: Path(r.location))
    if urls:
        refs.extend(SourceRef("url", url, url) for url in list_urls(sources_dir / URL_LIST))
    return refs


@dataclass(frozen=True)
class Unchanged:
    """A source whose bytes hash to its stored version: neither decoded nor parsed again."""
    ref: SourceRef
    sha256: str

    @property
    def source(self) -> str:
        return self.ref.source


class SourceListError(ValueError):
    """sources.yaml cannot be read: the URL sources it lists are unknown this run."""


def list_urls(url_file: Path) -> list[str]:
    if not url_file.exists():
        return []
    try:
        listed = yaml.safe_load(url_file.read_text(encoding="utf-8")) or {}
        entries = listed.get("urls", []) if isinstance(listed, dict) else listed
        if not isinstance(entries, list):
            raise SourceListError(f"{url_file}: expected a list under 'urls'")
        return [e["url"] if isinstance(e, dict) else str(e) for e in entries]
    except (yaml.YAMLError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise SourceListError(f"{url_file}: not a valid URL list: {str(exc).splitlines()[0]}") from exc


def default_policy() -> FetchPolicy:
    """The fetch policy with the limits of pipeline.config (environment)."""
    return FetchPolicy(max_bytes=max_source_bytes(), deadline=url_deadline_seconds(), workers=url_workers())


def read_source(ref: SourceRef, sources_dir: Path, policy: FetchPolicy | None = None,
                session=None, confine: bool = True, known: str | None = None) -> Document | IngestError | Unchanged:
    """Never raises for bad input: the reason comes back as an IngestError.
    With `confine`, a file that is a link must stay inside sources_dir (the
    command line passes False: a path the user names may link anywhere, but
    still only to a regular file within the size cap). `known` is the stored
    version's sha256: bytes that hash to it come back as Unchanged, unparsed."""
    raw = read_raw(ref, sources_dir, policy or default_policy(), session, confine, known)
    return parse_source(*raw) if isinstance(raw, tuple) else raw


def read_raw(ref: SourceRef, sources_dir: Path, policy: FetchPolicy, session=None, confine: bool = True,
             known: str | None = None) -> tuple[SourceRef, bytes, str] | IngestError | Unchanged:
    """The source's bytes and content type (or Unchanged when they hash to `known`, or the error)."""
    try:
        if ref.kind == "file":
            path = sources_dir / ref.location
            data = read_bounded(path, policy.max_bytes, sources_dir if confine else None)
            content_type = _CONTENT_TYPES.get(path.suffix.lower(), "text/markdown")
        else:
            fetched = fetch(ref.location, policy, session)
            data = fetched.data
            content_type = sniff_content_type(data, fetched.content_type, ref.location)
    except (OSError, FetchError, SourceRefused) as exc:
        return _error(ref, str(exc))
    except Exception as exc:  # noqa: BLE001 - no one document may take the ingest step down
        return _error(ref, f"could not be read: {type(exc).__name__}: {str(exc)[:300]}")
    if known is not None and hashlib.sha256(data).hexdigest() == known:
        return Unchanged(ref, known)
    return ref, data, content_type


def parse_source(ref: SourceRef, data: bytes, content_type: str) -> Document | IngestError:
    """Bytes to a Document: decoding, HTML, frontmatter, dates, language (any process may run it)."""
    try:
        text = decode_bytes(data)
        doc = build_document(kind=ref.kind, location=ref.location, source=ref.source,
                             data=data, text=text, content_type=content_type)
        if ref.kind == "url" and (reason := error_page_reason(doc.title, doc.text)):
            return _error(ref, f"not ingested: {reason}: {ref.location}")
        return doc
    except (OSError, DecodeError, ParseError) as exc:
        return _error(ref, str(exc))
    except Exception as exc:  # noqa: BLE001 - no one document may take the ingest step down
        return _error(ref, f"could not be read: {type(exc).__name__}: {str(exc)[:300]}")


def _error(ref: SourceRef, message: str) -> IngestError:
    return IngestError(source=ref.source, location=ref.location, error=message,
                       occurred_at=datetime.now(timezone.utc).replace(tzinfo=None))


def _read_urls(refs: list[SourceRef], sources_dir: Path, policy: FetchPolicy,
               known: Mapping[str, str]) -> dict[SourceRef, Document | IngestError | Unchanged]:
    """URLs fetched `policy.workers` at a time, one session per worker thread;
    each bounded by its own deadline, so the slowest URL costs one deadline."""
    local = threading.local()

    def one(ref: SourceRef) -> Document | IngestError | Unchanged:
        if not hasattr(local, "session"):
            local.session = make_session(policy)
        return read_source(ref, sources_dir, policy, local.session, known=known.get(doc_id_for(ref.kind, ref.location)))

    with ThreadPoolExecutor(max_workers=max(1, policy.workers), thread_name_prefix="fetch") as pool:
        return dict(zip(refs, pool.map(one, refs)))


def read_all(sources_dir: Path, exclude: Path | None = None, policy: FetchPolicy | None = None,
             known: Mapping[str, str] | None = None) -> tuple[list[SourceRef], list[Document | IngestError | Unchanged]]:
    """Every source read. A broken sources.yaml is itself an ingest error, and
    its URL sources count as still listed (kept as they were), not removed.
    `known` (doc_id -> stored sha256) turns sources whose bytes did not change
    into Unchanged values before any decoding or parsing."""
    refs, listing_error = listed_sources(sources_dir, exclude)
    results = [r for batch in read_batches(refs, sources_dir, policy, known) for r in batch]
    if listing_error:
        results.append(listing_error)
    return refs, results


def parse_serially(raws: list[tuple[SourceRef, bytes, str]]) -> list[Document | IngestError]:
    return [parse_source(*raw) for raw in raws]


def read_batches(refs: list[SourceRef], sources_dir: Path, policy: FetchPolicy | None = None,
                 known: Mapping[str, str] | None = None, size: int = 200,
                 parse: Callable[[list], list] = parse_serially) -> Iterator[list[Document | IngestError | Unchanged]]:
    """The sources read `size` at a time, in listing order (URLs fetched together first),
    so a caller can write each batch and let its texts go before the next is read. Files
    are read and hashed here; only those that changed are parsed, by `parse` (a pool may)."""
    policy, known = policy or default_policy(), known or {}
    fetched = _read_urls([r for r in refs if r.kind == "url"], sources_dir, policy, known)
    for start in range(0, len(refs), size):
        batch = [fetched.pop(ref) if ref.kind == "url"
                 else read_raw(ref, sources_dir, policy, known=known.get(doc_id_for(ref.kind, ref.location)))
                 for ref in refs[start:start + size]]
        raws = [r for r in batch if isinstance(r, tuple)]
        parsed = iter(parse(raws) if raws else [])
        yield [next(parsed) if isinstance(r, tuple) else r for r in batch]


def listed_sources(sources_dir: Path, exclude: Path | None) -> tuple[list[SourceRef], IngestError | None]:
    """The sources, and the ingest error of an unreadable sources.yaml (None if it reads)."""
    try:
        return list_sources(sources_dir, exclude), None
    except SourceListError as exc:
        error = IngestError(source=URL_LIST, location=URL_LIST, error=str(exc),
                            occurred_at=datetime.now(timezone.utc).replace(tzinfo=None))
        return list_sources_without_urls(sources_dir, exclude), error


def list_sources_without_urls(sources_dir: Path, exclude: Path | None = None) -> list[SourceRef]:
    return list_sources(sources_dir, exclude, urls=False)
