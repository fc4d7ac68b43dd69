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
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        return utf16
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


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text written without a byte-order mark (Windows tools do): its
    ASCII characters put a NUL in every other byte, on one side only. Returns
    the text if the sample shows that pattern and decodes cleanly, else None."""
    sample = data[:65536]
    if len(data) % 2 or len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2
    if max(even, odd) < 0.05 * pairs or min(even, odd) > 0.01 * pairs:
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for ch in text[:32768] if ord(ch) < 32 and ch not in "\t\n\r\f")
    return text if controls <= len(text[:32768]) * 0.01 else None
