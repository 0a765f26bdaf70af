"""Turn file bytes into clean text.

:func:`decode_text` rejects binary files (known signatures, NUL bytes, many
control characters) with :class:`NotTextError` and otherwise decodes by BOM,
the NUL pattern of BOM-less UTF-16, strict UTF-8, UTF-8 with stray cp1252
bytes, a declared or guessed single-byte encoding. :func:`clean_text`
normalises the decoded text (line ends, NFC, control characters, spaces) so
that every later stage sees the same text however the file was written.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

__all__ = ["NotTextError", "clean_text", "declared_charset", "decode_text", "stream_encoding"]


class NotTextError(ValueError):
    """Raised by :func:`decode_text` for bytes that are not text; ``str()`` says why."""


# ---------------------------------------------------------------- text basics

_NEWLINE_RE = re.compile("[\x0b\x0c\x85\u2028\u2029]")
# Lone surrogates can only come from JSON escapes; they would break UTF-8 output.
_CONTROL_RE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff\ufffe\uffff\ud800-\udfff]"
)
_SPACE_RE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LINE_EDGE_RE = re.compile(r"[ \t]*\n[ \t]*")
_MULTI_SPACE_RE = re.compile(r" {2,}")
_BLANK_LINES_RE = re.compile(r"\n{3,}")


def clean_text(raw: str) -> str:
    """Normalise text: ``\\n`` line ends, NFC, no control characters except ``\\t``.

    Exotic spaces (no-break, thin) become plain spaces and soft hyphens vanish
    so that later name matching sees "Leopard 2" however it was typed. Lines
    are stripped, runs of spaces collapsed, at most one blank line is kept.
    """
    # The substring tests skip regex passes that would change nothing; they
    # make cleaning several times faster on typical (already clean) text.
    text = raw.replace("\r\n", "\n").replace("\r", "\n") if "\r" in raw else raw
    text = _NEWLINE_RE.sub("\n", text)
    text = _CONTROL_RE.sub("", text)
    text = _SPACE_RE.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    if any(edge in text for edge in (" \n", "\n ", "\t\n", "\n\t")):
        text = _LINE_EDGE_RE.sub("\n", text)
    if "  " in text:
        text = _MULTI_SPACE_RE.sub(" ", text)
    if "\n\n\n" in text:
        text = _BLANK_LINES_RE.sub("\n\n", text)
    return text.strip(" \t\n")


# ---------------------------------------------------------------- decoding

_MAGIC = (
    (b"%PDF-", "PDF document"), (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0", "Office document"), (b"{\\rtf", "RTF document"),
    (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip archive"), (b"7z\xbc\xaf", "7-Zip archive"), (b"\x7fELF", "executable"),
)
_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)
_BINARY_CHAR_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_NON_ASCII_RE = re.compile("[^\x00-\x7f]")
# Non-ASCII characters expected in German or English cp1252 text. Cyrillic
# cp1251 bytes also decode under cp1252, but rarely to these characters.
_WESTERN_RE = re.compile("[äöüÄÖÜßéÉ„“”‚‘’–—…•€°§«»·×´\u00a0]")
_DECLARED_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)


def _guess_utf16(data: bytes) -> str | None:
    # German or English text in UTF-16 has a NUL in nearly every other byte.
    sample = data[:65536]
    units = len(sample) // 2
    if units < 4:  # too little evidence; a few bytes with a NUL are binary
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.3 * units and even < 0.05 * units:
        return "utf-16-le"
    if even > 0.3 * units and odd < 0.05 * units:
        return "utf-16-be"
    return None


def _decode_strict(data: bytes, codec: str, truncated: bool) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        # A cut at the size limit may split a multi-byte character: drop it.
        cut = err.reason in ("unexpected end of data", "truncated data")
        if truncated and cut and err.start >= len(data) - 4:
            return data[: err.start].decode(codec)
        raise


def _cp1252_byte(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in bad), error.end


codecs.register_error("aidgraph.cp1252", _cp1252_byte)
_UTF8_SEQUENCE_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _decode_mixed(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few stray cp1252 bytes (pasted or concatenated text), else None."""
    sample = data[: 1 << 20]
    valid = len(_UTF8_SEQUENCE_RE.findall(sample))
    if not valid:
        return None
    replaced = sample.decode("utf-8", "replace").count("\ufffd") - sample.count("\ufffd".encode())
    # cp1252 German almost never forms a valid UTF-8 sequence (a capital
    # umlaut or ß followed by a symbol), so a few of them already outvote
    # several bad bytes.
    if replaced > 4 * valid:
        return None
    return data.decode("utf-8", "aidgraph.cp1252"), "utf-8+cp1252"


def _decode_legacy(data: bytes, declared: str | None) -> tuple[str, str]:
    if declared:
        try:
            codec = codecs.lookup(declared).name
        except (LookupError, ValueError):
            codec = ""
        codec = "cp1252" if codec in ("iso8859-1", "ascii") else codec  # as browsers do
        if codec and not codec.startswith(("utf-16", "utf-32", "utf-8")):
            try:
                return data.decode(codec), codec
            except (UnicodeError, LookupError):  # wrong declaration, or not a text codec
                pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        sample = text[:1_000_000]
        non_ascii = len(_NON_ASCII_RE.findall(sample))
        if non_ascii == 0 or len(_WESTERN_RE.findall(sample)) >= 0.5 * non_ascii:
            return text, "cp1252"
    guess = _charset_normalizer_guess(data)
    if guess:
        return data.decode(guess, errors="replace"), guess
    # Latin-1 never fails; bytes cp1252 leaves undefined become C1 controls,
    # which clean_text removes.
    return (text, "cp1252") if text is not None else (data.decode("latin-1"), "latin-1")


def _charset_normalizer_guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional: the cp1252/latin-1 fallback still works
        return None
    best = from_bytes(data[:262_144]).best()
    return best.encoding if best is not None else None


def decode_text(
    data: bytes, *, declared: str | bytes | None = None, truncated: bool = False
) -> tuple[str, str]:
    """Decode file bytes to ``(text, encoding)``, or raise :class:`NotTextError`.

    Order: known binary signatures (PDF, ZIP, images) are rejected; a BOM
    decides (UTF-16/32; a UTF-8 BOM is dropped and the steps below still
    run); BOM-less UTF-16 is recognised by its NUL pattern; any other NUL
    byte means binary; strict UTF-8; UTF-8 with a few stray cp1252 bytes
    (``"utf-8+cp1252"``); then a single-byte encoding: ``declared`` (an HTML
    ``<meta charset>``) if it fits, cp1252 if the result looks like German or
    English, else charset-normalizer's guess, else cp1252/latin-1. Text with
    many control characters is rejected as binary. ``truncated`` tolerates a
    character cut in half at the end of ``data``.
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise NotTextError(kind)
    codec = next((name for bom, name in _BOMS if data.startswith(bom)), None) or _guess_utf16(data)
    if codec == "utf-8-sig":  # then like BOM-less UTF-8, legacy fallback included
        data, codec = data[3:], None
    if codec is not None:
        try:
            text = _decode_strict(data, codec, truncated)
        except UnicodeDecodeError:  # e.g. a lone surrogate: keep the rest of the text
            text = data.decode(codec, errors="replace")
    elif b"\x00" in data:
        raise NotTextError("binary?")
    else:
        try:
            text, codec = _decode_strict(data, "utf-8", truncated), "utf-8"
        except UnicodeDecodeError:
            if isinstance(declared, bytes):
                declared = declared.decode("ascii", "replace")
            text, codec = _decode_mixed(data) or _decode_legacy(data, declared)
    sample = text[:65536]
    if len(_BINARY_CHAR_RE.findall(sample)) > max(3, 0.03 * len(sample)):
        raise NotTextError("binary?")
    return text, codec


# ---------------------------------------------------------------- sniffing for readers


def declared_charset(data: bytes) -> bytes | None:
    """The charset an HTML ``<meta>`` tag in the first 4 KB of ``data`` declares, or None."""
    found = _DECLARED_CHARSET_RE.search(data[:4096])
    return found.group(1) if found else None


def stream_encoding(head: bytes) -> str | None:
    """Codec for reading a stream that starts with ``head`` line by line.

    A UTF-16/32 codec (by BOM or NUL pattern), or None for UTF-8 with a
    legacy fallback per line. Raises :class:`NotTextError` (``"binary?"``)
    for a known binary signature or a NUL byte outside UTF-16/32.
    """
    boms = [name for bom, name in _BOMS if head.startswith(bom) and name != "utf-8-sig"]
    codec = boms[0] if boms else _guess_utf16(head)
    magic = any(head.startswith(signature) for signature, _ in _MAGIC)
    if magic or (codec is None and b"\x00" in head):
        raise NotTextError("binary?")
    return codec
