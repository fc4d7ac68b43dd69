"""What the sources are: article files under the sources folder and URLs
listed in sources.yaml. Each source becomes a Document or an IngestError."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import yaml

from pipeline.ingest.decode import DecodeError, decode_bytes
from pipeline.ingest.fetch import FetchError, FetchPolicy, fetch, make_session
from pipeline.ingest.parse import ParseError, build_document
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
    if not sources_dir.is_dir():
        # refusing beats an empty listing, which would remove every stored document
        raise FileNotFoundError(f"sources folder {sources_dir} does not exist (SOURCES_DIR)")
    refs = []
    for path in sorted(sources_dir.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in ARTICLE_SUFFIXES:
            continue
        if any(folder.resolve() in path.resolve().parents
               for folder in (exclude, sources_dir / "reference") if folder is not None):
            continue  # reference snapshots (and their READMEs) are not articles
        refs.append(SourceRef("file", path.relative_to(sources_dir).as_posix(), path.name))
    if urls:
        refs.extend(SourceRef("url", url, url) for url in list_urls(sources_dir / URL_LIST))
    return refs


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


def read_source(ref: SourceRef, sources_dir: Path, policy: FetchPolicy = FetchPolicy(),
                session=None) -> Document | IngestError:
    """Never raises for bad input: the reason comes back as an IngestError."""
    try:
        if ref.kind == "file":
            path = sources_dir / ref.location
            data = path.read_bytes()
            content_type = _CONTENT_TYPES.get(path.suffix.lower(), "text/markdown")
        else:
            fetched = fetch(ref.location, policy, session)
            data, content_type = fetched.data, fetched.content_type
        text = decode_bytes(data)
        return build_document(kind=ref.kind, location=ref.location, source=ref.source,
                              data=data, text=text, content_type=content_type)
    except (OSError, DecodeError, ParseError, FetchError) as exc:
        return IngestError(source=ref.source, location=ref.location, error=str(exc),
                           occurred_at=datetime.now(timezone.utc).replace(tzinfo=None))


def read_all(sources_dir: Path, exclude: Path | None = None,
             policy: FetchPolicy = FetchPolicy()) -> tuple[list[SourceRef], list[Document | IngestError]]:
    """Every source read. A broken sources.yaml is itself an ingest error, and
    its URL sources count as still listed (kept as they were), not removed."""
    listing_error = None
    try:
        refs = list_sources(sources_dir, exclude)
    except SourceListError as exc:
        refs = list_sources_without_urls(sources_dir, exclude)
        listing_error = IngestError(source=URL_LIST, location=URL_LIST, error=str(exc),
                                    occurred_at=datetime.now(timezone.utc).replace(tzinfo=None))
    session = make_session(policy) if any(r.kind == "url" for r in refs) else None
    results = [read_source(ref, sources_dir, policy, session) for ref in refs]
    if listing_error:
        results.append(listing_error)
    return refs, results


def list_sources_without_urls(sources_dir: Path, exclude: Path | None = None) -> list[SourceRef]:
    return list_sources(sources_dir, exclude, urls=False)
