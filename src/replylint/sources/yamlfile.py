"""YAML macro files: a list of macros (or ``{macros: [...]}``, or one macro mapping).

::

    # replylint: disable=jargon        <- a YAML comment: applies from here on in the file
    - title: Password reset
      channel: chat
      scenario: I can't log in, the reset email never arrived.
      replylint: {ignore: [greeting]}
      body: |
        Hi {{ticket.requester.first_name}}, ...

Field names follow ``[lint] title-field / body-field / customer-field``. Only the safe loader is
used. Each body scalar is located in the file (PyYAML's node marks) and its decoding is replayed
(quoted escapes, line folding, block indentation) so decoded offsets map to file offsets; when a
replay does not reproduce PyYAML's value exactly, the value is aligned on its raw text instead.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from replylint.errors import InputError
from replylint.sources.base import FieldNames, Macro, OffsetMap, SourceFile, align, meta_fields

BODY_CANDIDATES = ("body", "content", "text", "message", "reply", "response", "html")
TITLE_CANDIDATES = ("title", "name", "subject")

_DQ_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_HEX_LEN = {"x": 2, "u": 4, "U": 8}
_BLOCK_HEADER = re.compile(r"[|>]([+-]?)(\d?)([+-]?)[ \t]*(?:#[^\n]*)?\r?\n")


def _flow_scalar(text: str, start: int, end: int, quote: str | None) -> tuple[str, list[int]]:
    """Replay a plain / single- / double-quoted scalar: escapes and line folding."""
    out: list[str] = []
    table: list[int] = []
    i = start + (1 if quote else 0)
    stop = end - (1 if quote else 0)
    literal_ws = 0  # literal spaces/tabs at the end of ``out`` (dropped before a fold)
    while i < stop:
        c = text[i]
        if quote == '"' and c == "\\":
            e = text[i + 1]
            if e in "\r\n":  # escaped line break: join lines without a space
                i += 3 if text[i + 1 : i + 3] == "\r\n" else 2
                while i < stop and text[i] in " \t":
                    i += 1
                literal_ws = 0
                continue
            if e in _HEX_LEN:
                k = _HEX_LEN[e]
                out.append(chr(int(text[i + 2 : i + 2 + k], 16)))
                table.append(i)
                i += 2 + k
            else:
                out.append(_DQ_ESCAPES.get(e, e))
                table.append(i)
                i += 2
            literal_ws = 0
            continue
        if quote == "'" and c == "'" and text[i + 1 : i + 2] == "'":
            out.append("'")
            table.append(i)
            i += 2
            literal_ws = 0
            continue
        if c in "\r\n":
            if literal_ws:
                del out[-literal_ws:]
                del table[-literal_ws:]
            literal_ws = 0
            breaks: list[int] = []
            j = i
            while j < stop and text[j] in " \t\r\n":
                if text[j] == "\n":
                    breaks.append(j)
                j += 1
            if not breaks:
                breaks.append(i)
            if len(breaks) == 1:
                out.append(" ")
                table.append(breaks[0])
            else:
                for b in breaks[1:]:
                    out.append("\n")
                    table.append(b)
            i = j
            continue
        out.append(c)
        table.append(i)
        literal_ws = literal_ws + 1 if c in " \t" else 0
        i += 1
    table.append(stop)
    return "".join(out), table


def _block_scalar(text: str, start: int, end: int) -> tuple[str, list[int]] | None:
    """Replay a literal block scalar (``|``): indentation stripped, breaks kept, chomping."""
    header = _BLOCK_HEADER.match(text, start)
    if header is None or text[start] != "|":
        return None
    chomp = header.group(1) or header.group(3)
    pos = header.end()
    lines: list[tuple[int, int]] = []  # (start, end) of each line without its break
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        lines.append((pos, line_end))
        pos = line_end + 1
    indent = None
    for a, b in lines:
        content = text[a:b].rstrip("\r")
        if content.strip():
            indent = len(content) - len(content.lstrip(" "))
            break
    if indent is None:
        return "", [end]
    out: list[str] = []
    table: list[int] = []
    for a, b in lines:
        line = text[a:b]
        stripped_end = b - 1 if line.endswith("\r") else b
        if text[a:stripped_end].strip():
            out.append(text[a + indent : stripped_end])
            table.extend(range(a + indent, stripped_end))
        out.append("\n")
        table.append(stripped_end)
    value = "".join(out)
    if chomp != "+":
        trimmed = value.rstrip("\n")
        keep = len(trimmed) + (0 if chomp == "-" or not trimmed else 1)
        value = value[:keep]
        table = table[:keep]
    table.append(table[-1] + 1 if table else end)
    return value, table


def scalar_map(text: str, node: yaml.ScalarNode, value: str) -> OffsetMap:
    """The offset map of a YAML scalar's decoded ``value`` into the file ``text``."""
    start, end = node.start_mark.index, node.end_mark.index
    style = node.style
    replay: tuple[str, list[int]] | None
    if style in ("|", ">"):
        replay = _block_scalar(text, start, end)
    else:
        replay = _flow_scalar(text, start, end, style if style in ("'", '"') else None)
    if replay is not None and replay[0] == value and len(replay[1]) == len(value) + 1:
        return OffsetMap(start, tuple(replay[1]))
    return align(value, text[start:end], start)


def _scalar_spans(node: yaml.Node | None) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    stack = [node] if node is not None else []
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.ScalarNode):
            spans.append((n.start_mark.index, n.end_mark.index))
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
        elif isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                stack.extend((k, v))
    return sorted(spans)


def _comments(text: str, node: yaml.Node | None) -> tuple[tuple[int, int], ...]:
    """``# ...`` comments outside scalars, as file offsets."""
    spans = _scalar_spans(node)
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"(?:^|(?<=[ \t]))#[^\n]*", text, re.M):
        pos = m.start()
        if any(a <= pos < b for a, b in spans):
            continue
        out.append((pos, m.end()))
    return tuple(out)


def _pick(keys: list[str], preferred: str, candidates: tuple[str, ...]) -> str | None:
    if preferred in keys:
        return preferred
    lowered = {k.lower(): k for k in keys}
    for name in (preferred.lower(), *candidates):
        if name in lowered:
            return lowered[name]
    return None


def _mapping_node(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            node_value: yaml.Node = v
            return node_value
    return None


def read(path: str, text: str, fields: FieldNames) -> SourceFile:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else path
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{where}: invalid YAML: {problem}") from None
    if root is None or data is None:
        return SourceFile(path=path, text=text, format="yaml", macros=())
    items_node: Any = root
    items: Any = data
    if isinstance(data, dict) and isinstance(root, yaml.MappingNode):
        if _pick([str(k) for k in data], fields.body, BODY_CANDIDATES) is not None:
            items, items_node = [data], yaml.SequenceNode("tag:yaml.org,2002:seq", [root])
        else:
            keys = [k for k, v in data.items() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
            key = "macros" if "macros" in keys else (keys[0] if len(keys) == 1 else None)
            if key is None:
                raise InputError(
                    f"{path}: not a macro file: expected a list of macros (or a 'macros:' list) with a "
                    f"'{fields.body}' field"
                )
            items, items_node = data[key], _mapping_node(root, str(key))
    if not isinstance(items, list) or not isinstance(items_node, yaml.SequenceNode):
        raise InputError(f"{path}: not a macro file: expected a list of macros with a '{fields.body}' field")
    macros: list[Macro] = []
    for n, (item, node) in enumerate(zip(items, items_node.value, strict=False)):
        line = node.start_mark.line + 1
        where = f"{path}:{line}"
        if not isinstance(item, dict) or not isinstance(node, yaml.MappingNode):
            raise InputError(f"{where}: macro {n + 1} is not a mapping of fields")
        keys = [str(k) for k in item]
        body_key = _pick(keys, fields.body, BODY_CANDIDATES)
        if body_key is None:
            raise InputError(
                f"{where}: macro {n + 1} has no '{fields.body}' field (keys: {', '.join(keys)}); "
                "set [lint] body-field or --body-field"
            )
        value = item[body_key]
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if not isinstance(value, str):
            raise InputError(f"{where}: the '{body_key}' of macro {n + 1} is not text")
        value_node = _mapping_node(node, body_key)
        if isinstance(value_node, yaml.ScalarNode):
            offsets = scalar_map(text, value_node, value)
        else:  # merged from an anchor: point at the macro
            offsets = OffsetMap(node.start_mark.index, tuple([node.start_mark.index] * (len(value) + 1)))
        meta = {str(k): v for k, v in item.items()}
        title_key = _pick(keys, fields.title, TITLE_CANDIDATES)
        if title_key is not None:
            meta[fields.title] = meta[title_key]
        info = meta_fields(meta, fields, where)
        macros.append(
            Macro(
                body=value,
                offsets=offsets,
                index=n,
                start=node.start_mark.index,
                **info,
            )
        )
    return SourceFile(path=path, text=text, format="yaml", macros=tuple(macros), comments=_comments(text, root))
