"""Bytes to text. UTF-8 first; then the encodings Chinese and Windows
sources really use (BOM-marked UTF-16, GB18030); then charset-normalizer's
best guess. Empty and binary input are refused with a clear reason."""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes


class DecodeError(ValueError):
    pass


_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def decode_bytes(data: bytes) -> str:
    if not data.strip():
        raise DecodeError("empty file: no text to ingest")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"{encoding} byte-order mark but undecodable: {exc}") from exc
    if b"\x00" in data[:8192]:
        raise DecodeError("binary content (NUL bytes, no UTF-16 byte-order mark)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    guess = from_bytes(data).best()
    if guess is None or guess.chaos > 0.3:
        raise DecodeError("not text in any known encoding (tried UTF-8, UTF-16 BOM, GB18030, detection)")
    return str(guess)
