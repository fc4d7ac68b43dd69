"""Decoding cases: the encodings Chinese and Windows sources arrive in, and
the inputs that must be refused with a reason rather than ingested as junk."""
import codecs

import pytest

from pipeline.ingest.decode import DecodeError, decode_bytes

TEXT = "GPT-4o 的上下文窗口为 128K tokens。"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    TEXT.encode("gb18030"),
], ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "gb18030"])
def test_known_encodings_decode_to_the_same_text(data):
    assert decode_bytes(data) == TEXT


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"  \n\t ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
], ids=["empty", "whitespace", "png"])
def test_refused_inputs_name_the_reason(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)
