"""What every reader returns: macros, each with an offset map back into the file it came from.

A macro's ``body`` is the decoded text that gets checked (a JSON string value with its escapes
resolved, a CSV cell with doubled quotes undone, a YAML scalar after folding...). Findings carry
offsets into that body; :class:`OffsetMap` turns them back into offsets into the raw file text,
and :meth:`SourceFile.position` into 1-based ``line:column`` of the file.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from replylint.errors import InputError

CHANNELS = ("email", "chat", "social")


@dataclass(frozen=True)
class FieldNames:
    """Field (or CSV column) names of the title, body and customer situation of a macro."""

    title: str = "title"
    body: str = "body"
    customer: str = "customer"


@dataclass(frozen=True)
class OffsetMap:
    """Offsets in a decoded text -> offsets in the raw file text.

    Without a ``table`` the decoded text is a verbatim slice of the file starting at ``base``.
    With one, ``table[i]`` is the file offset of decoded character ``i`` and the last entry
    (``table[len(text)]``) the file offset just past the value.
    """

    base: int = 0
    table: tuple[int, ...] | None = None

    def __call__(self, offset: int) -> int:
        if self.table is None:
            return self.base + max(0, offset)
        if not self.table:
            return self.base
        return self.table[max(0, min(offset, len(self.table) - 1))]


@dataclass(frozen=True)
class Macro:
    """One canned response read from a file."""

    title: str | None
    body: str
    offsets: OffsetMap
    index: int = 0
    customer: str | None = None
    channel: str | None = None
    tags: tuple[str, ...] = ()
    #: Rules switched off for this macro (``replylint: {ignore: [...]}`` / ``{disable: [...]}``);
    #: ``"all"`` switches every rule off.
    ignore: tuple[str, ...] = ()
    #: File offset of the macro's start (its list item / row / front matter), for messages.
    start: int = 0


@dataclass(frozen=True)
class SourceFile:
    """A read file: its raw text, detected format and macros."""

    path: str
    text: str
    format: str
    macros: tuple[Macro, ...]
    #: Offsets (into ``text``) of the comments a reader found outside macro bodies, as
    #: ``(start, end)`` pairs; e.g. ``# ...`` comments of a YAML file. Directives in them apply
    #: by file offset.
    comments: tuple[tuple[int, int], ...] = ()
    _line_starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts = [0]
        pos = self.text.find("\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = self.text.find("\n", pos + 1)
        self._line_starts.extend(starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a file offset."""
        offset = max(0, min(offset, len(self.text)))
        idx = bisect.bisect_right(self._line_starts, offset) - 1
        return idx + 1, offset - self._line_starts[idx] + 1

    def comment_text(self) -> str:
        """The file with everything but the reader's ``comments`` blanked (same length)."""
        if not self.comments:
            return ""
        chars = [c if c == "\n" else " " for c in self.text]
        for a, b in self.comments:
            chars[a:b] = self.text[a:b]
        return "".join(chars)


# -- helpers shared by readers --------------------------------------------------------------------


def align(decoded: str, raw: str, base: int) -> OffsetMap:
    """An offset map for a value whose exact decoding we do not replay: align it on its raw text.

    Used as a fallback (YAML folded scalars and the like): characters the two share map exactly,
    characters that only exist decoded map to the raw position where their run starts.
    """
    if decoded == raw:
        return OffsetMap(base)
    table = [0] * (len(decoded) + 1)
    matcher = difflib.SequenceMatcher(None, decoded, raw, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                table[i1 + k] = base + j1 + k
        elif tag in ("replace", "delete"):
            n = i2 - i1
            width = j2 - j1
            for k in range(n):
                table[i1 + k] = base + j1 + (min(width - 1, (k * width) // n) if width else 0)
    table[len(decoded)] = base + len(raw)
    return OffsetMap(base, tuple(table))


def as_list(value: Any, what: str) -> tuple[str, ...]:
    """A list of strings from a YAML/JSON value that may be a list or a comma-separated string."""
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    if isinstance(value, Sequence) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    raise ValueError(f"{what} must be a list of strings or a comma-separated string")


def macro_options(meta: Mapping[str, Any], where: str) -> tuple[str, ...]:
    """Rules switched off by a ``replylint: {ignore: [...], disable: [...]}`` key."""
    opts = meta.get("replylint")
    if opts is None:
        return ()
    if not isinstance(opts, Mapping):
        raise InputError(f"{where}: 'replylint' must be a mapping such as {{ignore: [greeting]}}")
    unknown = set(opts) - {"ignore", "disable"}
    if unknown:
        raise InputError(f"{where}: unknown key(s) under 'replylint': {', '.join(sorted(map(str, unknown)))}")
    out: list[str] = []
    for key in ("ignore", "disable"):
        try:
            out.extend(as_list(opts.get(key), f"replylint.{key}"))
        except ValueError as exc:
            raise InputError(f"{where}: {exc}") from None
    return tuple(r.lower() for r in out)


def meta_fields(meta: Mapping[str, Any], fields: FieldNames, where: str) -> dict[str, Any]:
    """Title, customer situation, channel, tags and ignored rules from a macro's metadata, keyed
    by their `Macro` field names so a reader passes them on with `Macro(..., **info)`."""
    title = meta.get(fields.title)
    if title is not None and not isinstance(title, str):
        title = str(title)
    customer: Any = None
    for key in (fields.customer, "customer", "scenario"):
        if meta.get(key) is not None:
            customer = meta[key]
            break
    if customer is not None and not isinstance(customer, str):
        raise InputError(f"{where}: '{fields.customer}' / 'scenario' must be text")
    if isinstance(customer, str) and not customer.strip():
        customer = None
    channel = meta.get("channel")
    if channel is not None:
        if not isinstance(channel, str) or channel.lower() not in CHANNELS:
            raise InputError(f"{where}: channel must be one of {', '.join(CHANNELS)} (got {channel!r})")
        channel = channel.lower()
    try:
        tags = as_list(meta.get("tags"), "tags")
    except ValueError as exc:
        raise InputError(f"{where}: {exc}") from None
    return {
        "title": title,
        "customer": customer,
        "channel": channel,
        "tags": tags,
        "ignore": macro_options(meta, where),
    }
