"""Input cleaning that keeps offsets: the cleaned text has exactly the original's length.

Whatever spaCy should not see (HTML tags, the tail of an HTML entity, script bodies) is replaced
by spaces; block-level tags become a newline so sentences do not run together. Template
placeholders are masked by a plain word padded with spaces, so the parser sees "Sam" where the
macro says ``{{ticket.requester.first_name}}`` while every finding still points at the original.
Because lengths never change, a character offset in the cleaned text is the offset in the
original, except inside a word that held an HTML entity (``can&#39;t``), where
:class:`OffsetMap` gives the original positions.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Literal

from replylint.errors import InputError

_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "hr",
    "section",
    "article",
    "header",
    "footer",
    "dd",
    "dt",
}
#: What a block-level tag (``</p><p>``, ``<br>``, ``<li>``) becomes: a line break and U+2029
#: PARAGRAPH SEPARATOR (whitespace to spaCy), which the Checker reads as "a sentence starts here".
BLOCK_BREAK = "\n\u2029"
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>|<!--.*?-->", re.S)
_RAW_RE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_HTML_HINT = re.compile(r"</?(?:p|div|br|span|a|b|i|strong|em|li|ul|ol|table|tr|td|h[1-6]|html|body)\b[^<>]*>", re.I)

PlaceholderKind = Literal["liquid", "liquid-tag", "brace", "bracket", "percent", "angle", "marker", "unbalanced"]


@dataclass(frozen=True, slots=True)
class Placeholder:
    start: int
    end: int
    text: str
    kind: PlaceholderKind


# (the lookahead: every shape starts with one of these characters; testing it first makes the
# scan several times faster than trying each alternative at every position)
_PLACEHOLDER_RE = re.compile(
    r"(?=[{\[%<TFX])(?:"
    r"(?P<liquid>\{\{-?\s*[^{}\n]{1,120}?\s*-?\}\})"
    r"|(?P<liquidtag>\{%-?[^{}\n]{0,200}?-?%\})"
    r"|(?P<brace>(?<![{\w])\{\s*[A-Za-z_][\w. \-]{0,60}\}(?!\}))"
    r"|(?P<bracket>\[\s*(?:[A-Z][A-Z0-9_ \-]{1,40}|(?:customer|agent|first|last|your|insert|order|ticket|company)[\w \-.]{0,40})\s*\](?!\())"
    r"|(?P<percent>%[A-Z][A-Z0-9_]{1,40}%)"
    r"|(?P<angle><\s*(?:insert|add|enter|your|customer|name|agent)\b[^<>\n]{0,60}>)"
    r"|(?P<marker>\b(?:TODO|TBD|FIXME|XX+)\b))",
)
_OPEN_RE = re.compile(r"\{\{|\{%")
_CLOSE_RE = re.compile(r"\}\}|%\}")


def _may_hold_placeholder(text: str) -> bool:
    """Whether ``_PLACEHOLDER_RE``, ``_OPEN_RE`` or ``_CLOSE_RE`` can match at all: every shape
    holds one of these (substring tests are much faster than scanning with the alternation)."""
    return (
        "{" in text
        or "}" in text
        or "[" in text
        or "%" in text
        or "<" in text
        or "TODO" in text
        or "TBD" in text
        or "FIXME" in text
        or "XX" in text
    )


def find_placeholders(text: str) -> list[Placeholder]:
    """Template variables and fill-me-in markers, plus unbalanced ``{{``/``{%`` openers."""
    if not _may_hold_placeholder(text):
        return []  # most replies: no character any placeholder shape starts with
    found: list[Placeholder] = []
    taken: list[tuple[int, int]] = []
    for m in _PLACEHOLDER_RE.finditer(text):
        group = m.lastgroup or "marker"
        kind: PlaceholderKind = "liquid-tag" if group == "liquidtag" else group  # type: ignore[assignment]
        found.append(Placeholder(m.start(), m.end(), m.group(), kind))
        taken.append((m.start(), m.end()))

    def inside(pos: int) -> bool:
        return any(a <= pos < b for a, b in taken)

    for m in _OPEN_RE.finditer(text):
        if not inside(m.start()):
            line_end = text.find("\n", m.start())
            line_end = len(text) if line_end < 0 else line_end
            end = min(line_end, m.start() + 60)
            found.append(Placeholder(m.start(), end, text[m.start() : end], "unbalanced"))
            taken.append((m.start(), end))
    for m in _CLOSE_RE.finditer(text):
        if not inside(m.start()):
            start = max(text.rfind("\n", 0, m.start()) + 1, m.start() - 60)
            found.append(Placeholder(start, m.end(), text[start : m.end()], "unbalanced"))
    return sorted(found, key=lambda p: (p.start, p.end))


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text))


def _pad(replacement: str, length: int) -> str:
    if len(replacement) > length:
        return " " * length
    return replacement + " " * (length - len(replacement))


def _mask_word(ph: Placeholder) -> str:
    inner = ph.text.lower()
    if ph.kind in ("liquid-tag", "unbalanced"):
        return ""
    if ph.kind == "marker":
        return ph.text  # TODO / XXX stay visible words
    if "name" in inner or "agent" in inner or "customer" in inner:
        return "Sam"
    if any(k in inner for k in ("number", "id", "order", "ticket", "code")):
        return "12345"
    if "date" in inner or "time" in inner:
        return "today"
    return "it"


def _blank_html(text: str) -> str:
    chars = list(text)

    def blank(a: int, b: int, first: str = " ") -> None:
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "
        chars[a : a + len(first)] = first[: b - a]

    for m in _RAW_RE.finditer(text):
        blank(m.start(), m.end())
    cleaned = "".join(chars)
    for m in _TAG_RE.finditer(cleaned):
        name = (m.group(2) or "").lower()
        blank(m.start(), m.end(), BLOCK_BREAK if name in _BLOCK_TAGS else " ")
    return "".join(chars)


class OffsetMap:
    """Maps offsets of the cleaned text back to the original where they differ.

    Cleaning keeps the length, and almost every character in place. The one exception is an
    HTML entity inside a word (``can&#39;t``): its decoded character and the rest of the word move
    left so spaCy sees ``can't`` followed by padding. For those few characters this map gives the
    original position; everywhere else it is the identity.
    """

    __slots__ = ("_orig",)

    def __init__(self, orig: list[int] | None = None) -> None:
        self._orig = orig

    @property
    def identity(self) -> bool:
        return self._orig is None

    def start(self, offset: int) -> int:
        """Original offset of a span starting at ``offset`` of the cleaned text."""
        if self._orig is None or offset >= len(self._orig):
            return offset
        return self._orig[max(0, offset)]

    def end(self, offset: int) -> int:
        """Original offset of a span ending at ``offset`` of the cleaned text."""
        if self._orig is None or offset <= 0 or offset > len(self._orig):
            return offset
        return self._orig[offset - 1] + 1


_WORD_CHAR = re.compile(r"[^\W_]+")


def _decode_entities(text: str) -> tuple[str, list[int] | None]:
    parts: list[str] = []
    orig: list[int] | None = None
    pos = 0
    for m in _ENTITY_RE.finditer(text):
        if m.start() < pos:
            continue
        decoded = html.unescape(m.group())
        if decoded == m.group() or len(decoded) > len(m.group()):
            continue
        if decoded == "\xa0":
            decoded = " "
        parts.append(text[pos : m.start()])
        padding = len(m.group()) - len(decoded)
        word = _WORD_CHAR.match(text, m.end()) if not decoded.isspace() else None
        if word is None:
            parts.append(decoded + " " * padding)
            pos = m.end()
            continue
        # An entity inside a word: keep the word whole, put the padding after it.
        if orig is None:
            orig = list(range(len(text)))
        cleaned_at = sum(len(p) for p in parts)
        moved = [m.start() + i for i in range(len(decoded))] + list(range(m.end(), word.end()))
        moved += [word.end()] * padding
        orig[cleaned_at : cleaned_at + len(moved)] = moved
        parts.append(decoded + word.group() + " " * padding)
        pos = word.end()
    parts.append(text[pos:])
    return "".join(parts), orig


def mask_placeholders(text: str, placeholders: list[Placeholder] | None = None) -> str:
    """Replace each placeholder with a plain word padded to the same length."""
    phs = find_placeholders(text) if placeholders is None else placeholders
    if not phs:
        return text
    parts: list[str] = []
    pos = 0
    for ph in phs:
        if ph.start < pos:
            continue
        parts.append(text[pos : ph.start])
        if "\n" in ph.text:
            # a placeholder written across lines ("{\n name}") is blanked with its line breaks
            # kept: lines stay lines for the parser and for line:column positions
            parts.append("".join("\n" if c == "\n" else " " for c in ph.text))
        else:
            parts.append(_pad(_mask_word(ph), ph.end - ph.start))
        pos = ph.end
    parts.append(text[pos:])
    return "".join(parts)


def check_text(text: object, *, what: str, max_chars: int) -> str:
    """Validate an input text: a str, not too long, not binary. Returns it unchanged."""
    if not isinstance(text, str):
        raise InputError(f"{what} must be text (str), got {type(text).__name__}")
    if len(text) > max_chars:
        raise InputError(
            f"{what} is {len(text):,} characters long, over the limit of {max_chars:,} "
            "(raise `max-chars` in the configuration to check longer texts)"
        )
    if "\x00" in text:
        raise InputError(f"{what} contains NUL bytes: it looks like binary data, not text")
    return text


def normalize_with_map(text: str) -> tuple[str, OffsetMap]:
    """The text spaCy parses (same length as ``text``) and the map back to ``text``'s offsets."""
    out = text
    orig: list[int] | None = None
    if looks_like_html(out):
        out = _blank_html(out)
    if "&" in out:
        out, orig = _decode_entities(out)
    out = mask_placeholders(out)
    # Control characters (other than tab/newline/CR) confuse the tokenizer; blank them.
    out = "".join(" " if (ord(c) < 32 and c not in "\t\n\r") or 0x7F <= ord(c) < 0xA0 else c for c in out)
    assert len(out) == len(text)
    return out, OffsetMap(orig)


def normalize(text: str) -> str:
    """The text spaCy parses: same length as ``text``, HTML and placeholders neutralised."""
    return normalize_with_map(text)[0]


#: Longest piece of text given to spaCy at once. Longer texts are parsed in pieces that end at a
#: paragraph break (else a line break, a sentence end, a space), so memory stays flat and time
#: grows linearly with the text, and spaCy's own length limit (``nlp.max_length``) never applies.
PIECE_CHARS = 10_000

_PIECE_ENDS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?]\s+"), re.compile(r"\s+"))


def bounded_pieces(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of consecutive pieces of ``text``, each at most ``limit``
    characters, that together cover it exactly (one piece when the text is short enough)."""
    pieces: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > limit:
        window = text[start : start + limit]
        cut = 0
        for pattern in _PIECE_ENDS:  # the last break of the strongest kind in the second half
            ends = [m.end() for m in pattern.finditer(window, limit // 2)]
            if ends:
                cut = ends[-1]
                break
        cut = cut or limit  # no break at all (one 10,000-character "word"): cut anywhere
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, n))
    return pieces
