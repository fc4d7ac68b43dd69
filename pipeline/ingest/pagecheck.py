"""What a fetched page really is: the bytes are checked against the declared
content type (a PDF or image served as text/html is refused; HTML served as
text/plain is read as HTML), and error pages served with HTTP 200 ("Page not
found", "404") are recognised by a short text under an error-like title."""
from __future__ import annotations

import re

from pipeline.ingest.budget import SourceRefused

_MAGIC = [
    (b"%PDF-", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"PK\x03\x04", "a ZIP archive"), (b"\x1f\x8b", "gzip data"),
    (b"RIFF", "a RIFF (WebP/WAV) file"), (b"\x7fELF", "an executable"), (b"OggS", "an Ogg file"),
    (b"ID3", "an MP3 file"), (b"\x00\x00\x00\x18ftyp", "an MP4 file"), (b"\x00\x00\x00 ftyp", "an MP4 file"),
]
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head")
_ERROR_TITLE = re.compile(
    r"\b(?:404|403|410|451|500|502|503|not\s+found|page\s+not\s+found|file\s+not\s+found|no\s+longer\s+available|"
    r"access\s+denied|forbidden|error|page\s+unavailable|service\s+unavailable|does\s+not\s+exist)\b"
    r"|找不到|页面不存在|頁面不存在|无法找到|錯誤|错误", re.IGNORECASE)
ERROR_PAGE_MAX_CHARS = 1500


def sniff_content_type(data: bytes, declared: str, url: str) -> str:
    """The content type to read the bytes as, or SourceRefused when they are not text."""
    head = data[:1024]
    for magic, name in _MAGIC:
        if head.startswith(magic):
            raise SourceRefused(f"declared {declared or 'no content type'} but the bytes are {name}: {url}")
    if "html" not in declared and head.removeprefix(b"\xef\xbb\xbf").lstrip().lower().startswith(_HTML_STARTS):
        return "text/html"
    return declared


def error_page_reason(title: str | None, text: str) -> str | None:
    """Why a page that came with HTTP 200 is an error page, or None."""
    body = text.strip()
    if title and _ERROR_TITLE.search(title) and len(body) < ERROR_PAGE_MAX_CHARS:
        return f"an error page served with HTTP 200 (title {title[:80]!r}, {len(body)} characters of text)"
    first = body.splitlines()[0].lstrip("# ").strip() if body else ""
    if len(body) < 300 and _ERROR_TITLE.search(first):
        return f"an error page served with HTTP 200 ({first[:80]!r}, {len(body)} characters of text)"
    return None
