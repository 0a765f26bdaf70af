"""Tests for graph.decoding: binary detection, encodings, text cleaning.

The texts are short sentences made up for these tests.
"""

from __future__ import annotations

import pytest
from article_samples import DE_ARTICLE, DE_TITLE
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.decoding import NotTextError, clean_text, decode_text

# ---------------------------------------------------------------- decoding


def test_decode_text_rejects_and_reports() -> None:
    with pytest.raises(NotTextError, match="PDF"):
        decode_text(b"%PDF-1.5 ...")
    assert decode_text(b"") == ("", "utf-8")


def test_cp1252_typographic_characters() -> None:
    text = "„Wir liefern“ – sagte er – für 5 € pro Stück… Straße"
    assert decode_text(text.encode("cp1252")) == (text, "cp1252")


def test_other_legacy_encoding_uses_charset_normalizer() -> None:
    text = (
        "Министр обороны заявил, что страна передаст партнёрам новые системы "
        "противовоздушной обороны до конца года. Поставки начнутся весной."
    )
    decoded, encoding = decode_text(text.encode("cp1251"))
    assert decoded == text and encoding == "cp1251"


@pytest.mark.parametrize("declared", ["rot13", "undefined", "no-such-codec", "utf-16", b"cp1250"])
def test_bogus_declared_charsets_fall_back(declared: str | bytes) -> None:
    data = DE_ARTICLE.encode("cp1252")
    text, _ = decode_text(data, declared=declared)
    assert DE_TITLE in text


def test_utf8_with_stray_cp1252_bytes() -> None:
    data = DE_ARTICLE.encode("utf-8") + b"Preis: 5 \x80 \x96 \x84gut\x93\n"
    text, encoding = decode_text(data)
    assert encoding == "utf-8+cp1252"
    assert text.startswith(DE_TITLE) and text.endswith("Preis: 5 € – „gut“\n")


def test_utf8_bom_then_legacy_bytes() -> None:
    text, encoding = decode_text(b"\xef\xbb\xbf" + DE_ARTICLE.encode("cp1252"))
    assert text == DE_ARTICLE and encoding == "cp1252"


def test_utf16_with_lone_surrogate_keeps_text() -> None:
    data = "Ä".encode("utf-16") + b"\x00\xd8" + "Panzer".encode("utf-16-le")
    text, _ = decode_text(data)
    assert text == "Ä\ufffdPanzer"


@settings(max_examples=100, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_decode_roundtrip(text: str, codec: str) -> None:
    # NUL is excluded: in UTF-8 it marks a file as binary, by design
    try:
        decoded, _ = decode_text(text.encode(codec))
    except NotTextError:
        return  # many control characters: rejected as binary, which is fine
    assert decoded == text


# ---------------------------------------------------------------- text cleaning


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_clean_text_properties(raw: str) -> None:
    import unicodedata

    cleaned = clean_text(raw)
    assert clean_text(cleaned) == cleaned
    assert unicodedata.is_normalized("NFC", cleaned)
    assert not any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in cleaned)
    assert "\r" not in cleaned and "\n\n\n" not in cleaned
