"""JSON macro files: generic lists of macros, Zendesk macro exports, Help Scout saved replies.

Shapes recognised (in this order):

* Zendesk: ``{"macros": [{"title": ..., "actions": [{"field": "comment_value", "value": ...},
  {"field": "comment_value_html", "value": "<p>...</p>"}]}]}`` (also ``{"macro": {...}}`` for a
  single macro). The HTML comment is checked when present, else the plain one.
* Help Scout saved replies: ``[{"id": 1, "name": ..., "text": "<p>...</p>"}]`` or the API's
  ``{"_embedded": {"replies": [...]}}``.
* Generic: a list of objects, or an object with one list of objects (``{"macros": [...]}``),
  with the configured title / body / customer fields (``[lint] title-field`` etc.).

Every string value is located in the raw file, and its escapes (``\\n``, ``\\"``, ``\\u00e9``,
surrogate pairs) are replayed so that each decoded character maps to its raw file offset.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from replylint.errors import InputError
from replylint.sources.base import FieldNames, Macro, OffsetMap, SourceFile, meta_fields

_WS = re.compile(r"[ \t\r\n]*")
_STR = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|NaN|-?Infinity")
_PLAIN_RUN = re.compile(r'[^"\\]+')
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}

BODY_CANDIDATES = ("body", "content", "text", "message", "comment", "reply", "response", "html", "value")
TITLE_CANDIDATES = ("title", "name", "subject")


class LStr(str):
    """A decoded JSON string that remembers where its opening quote is in the raw text."""

    pos: int


def decode_string(raw: str, start: int) -> tuple[str, OffsetMap]:
    """Decode the JSON string whose opening quote is at ``raw[start]``, with its offset map."""
    out: list[str] = []
    table: list[int] = []
    i = start + 1
    n = len(raw)
    while i < n:
        m = _PLAIN_RUN.match(raw, i)
        if m:
            out.append(m.group())
            table.extend(range(i, m.end()))
            i = m.end()
            continue
        c = raw[i]
        if c == '"':
            table.append(i)
            return "".join(out), OffsetMap(start + 1, tuple(table))
        # a backslash escape
        e = raw[i + 1] if i + 1 < n else ""
        if e == "u":
            code = int(raw[i + 2 : i + 6], 16)
            j = i + 6
            if 0xD800 <= code < 0xDC00 and raw[j : j + 2] == "\\u":
                low = int(raw[j + 2 : j + 6], 16)
                if 0xDC00 <= low < 0xE000:
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    j += 6
            out.append(chr(code))
            table.append(i)
            i = j
        else:
            out.append(_ESCAPES.get(e, e))
            table.append(i)
            i += 2
    raise ValueError("unterminated string")


def parse_located(raw: str) -> Any:
    """Parse valid JSON into Python values whose strings are :class:`LStr` with positions."""

    def value(i: int) -> tuple[Any, int]:
        i = _WS.match(raw, i).end()  # type: ignore[union-attr]
        c = raw[i]
        if c == "{":
            obj: dict[str, Any] = {}
            i = _WS.match(raw, i + 1).end()  # type: ignore[union-attr]
            if raw[i] == "}":
                return obj, i + 1
            while True:
                i = _WS.match(raw, i).end()  # type: ignore[union-attr]
                m = _STR.match(raw, i)
                assert m is not None
                key = json.loads(m.group())
                i = _WS.match(raw, m.end()).end()  # type: ignore[union-attr]
                assert raw[i] == ":"
                obj[key], i = value(i + 1)
                i = _WS.match(raw, i).end()  # type: ignore[union-attr]
                if raw[i] == ",":
                    i += 1
                    continue
                assert raw[i] == "}"
                return obj, i + 1
        if c == "[":
            arr: list[Any] = []
            i = _WS.match(raw, i + 1).end()  # type: ignore[union-attr]
            if raw[i] == "]":
                return arr, i + 1
            while True:
                item, i = value(i)
                arr.append(item)
                i = _WS.match(raw, i).end()  # type: ignore[union-attr]
                if raw[i] == ",":
                    i += 1
                    continue
                assert raw[i] == "]"
                return arr, i + 1
        if c == '"':
            m = _STR.match(raw, i)
            assert m is not None
            s = LStr(json.loads(m.group()))
            s.pos = i
            return s, m.end()
        m = _SCALAR.match(raw, i)
        assert m is not None
        return json.loads(m.group()), m.end()

    result, _ = value(0)
    return result


def _is_macro_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _body_of(raw: str, s: Any) -> tuple[str, OffsetMap]:
    if isinstance(s, LStr):
        return decode_string(raw, s.pos)
    return str(s), OffsetMap(0)


def _zendesk_comment(actions: Any) -> Any:
    if not isinstance(actions, list):
        return None
    found: dict[str, Any] = {}
    for action in actions:
        if isinstance(action, dict) and action.get("field") in ("comment_value_html", "comment_value"):
            value = action.get("value")
            # Older exports give ["channel:all", "text"]: the text is the last element.
            if isinstance(value, list):
                value = next((v for v in reversed(value) if isinstance(v, str)), None)
            if isinstance(value, str) and value.strip():
                found[action["field"]] = value
    return found.get("comment_value_html", found.get("comment_value"))


def _pick(item: Mapping[str, Any], preferred: str, candidates: tuple[str, ...]) -> str | None:
    if preferred in item:
        return preferred
    lowered = {k.lower(): k for k in item}
    for name in (preferred.lower(), *candidates):
        if name in lowered:
            return lowered[name]
    return None


def read(path: str, text: str, fields: FieldNames) -> SourceFile:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from None
    data = parse_located(text)
    if _is_replylint_output(data):
        # A baseline or a JSON report written by replylint itself: nothing to check.
        return SourceFile(path=path, text=text, format="replylint", macros=())
    fmt = "json"
    items: list[dict[str, Any]]
    bodies: list[Any] = []
    if (
        isinstance(data, dict)
        and ("macros" in data or "macro" in data)
        and (
            (_is_macro_list(data.get("macros")) and all("actions" in m for m in data["macros"]))
            or (isinstance(data.get("macro"), dict) and "actions" in data["macro"])
        )
    ):
        fmt = "zendesk"
        items = data["macros"] if "macros" in data else [data["macro"]]
        bodies = [_zendesk_comment(m.get("actions")) for m in items]
        titles = [m.get("title") for m in items]
    else:
        if isinstance(data, dict) and isinstance(data.get("_embedded"), dict):
            emb = data["_embedded"]
            listed = next((v for v in emb.values() if _is_macro_list(v)), None)
            if listed is not None:
                data = listed
        if isinstance(data, dict) and fields.body not in data:
            lists = [v for v in data.values() if _is_macro_list(v)]
            if len(lists) == 1:
                data = lists[0]
        if isinstance(data, dict) and _pick(data, fields.body, BODY_CANDIDATES) is not None:
            data = [data]
        if not _is_macro_list(data):
            raise InputError(
                f"{path}: not a macro file: expected a list of macro objects, a Zendesk macros export "
                "or Help Scout saved replies"
            )
        items = data
        helpscout = all(("name" in m and "text" in m and fields.body not in m) for m in items)
        if helpscout:
            fmt = "helpscout"
        titles = []
        for n, item in enumerate(items):
            if helpscout:
                title_key: str | None = "name"
                body_key: str | None = "text"
            else:
                title_key = _pick(item, fields.title, TITLE_CANDIDATES)
                body_key = _pick(item, fields.body, BODY_CANDIDATES)
            if body_key is None:
                raise InputError(
                    f"{path}: macro {n + 1} has no '{fields.body}' field (keys: {', '.join(sorted(item))}); "
                    "set [lint] body-field or --body-field"
                )
            titles.append(item.get(title_key) if title_key else None)
            bodies.append(item.get(body_key))
    macros: list[Macro] = []
    for n, (item, title, body_value) in enumerate(zip(items, titles, bodies, strict=True)):
        pos = _first_pos(item)
        where = f"{path}:{_line(text, pos)}"
        if body_value is None or (isinstance(body_value, str) and not body_value.strip()):
            continue
        if not isinstance(body_value, str):
            raise InputError(f"{where}: the body of macro {n + 1} is not text")
        body, offsets = _body_of(text, body_value)
        meta = dict(item)
        if title is not None:
            meta[fields.title] = title
        info = meta_fields(meta, fields, where)
        macros.append(
            Macro(
                body=body,
                offsets=offsets,
                index=n,
                start=pos,
                **info,
            )
        )
    return SourceFile(path=path, text=text, format=fmt, macros=tuple(macros))


def _is_replylint_output(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    tool = data.get("tool")
    return tool == "replylint" or (isinstance(tool, dict) and tool.get("name") == "replylint")


def _first_pos(item: Any) -> int:
    best: int | None = None
    stack = [item]
    while stack:
        v = stack.pop()
        if isinstance(v, LStr):
            best = v.pos if best is None else min(best, v.pos)
        elif isinstance(v, dict):
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return best or 0


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1
