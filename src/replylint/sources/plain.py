"""Plain text, HTML and Markdown macros: one macro a file, optional YAML front matter.

Front matter is a YAML mapping between a first line ``---`` and a line ``---`` (or ``...``)::

    ---
    title: Refund approved
    tags: [billing, refund]
    channel: email
    scenario: I was charged twice for my order, can I get my money back?
    replylint: {ignore: [greeting]}
    ---
    Hi {{ticket.requester.first_name}}, ...

The body after the front matter is checked verbatim, so offsets map to the file by a shift.
Without a ``title``, the first Markdown heading or the file name is the title.
"""

from __future__ import annotations

import re
from pathlib import PurePath

import yaml

from replylint.errors import InputError
from replylint.sources.base import FieldNames, Macro, OffsetMap, SourceFile, meta_fields

_FM_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M)
_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.M)


def split_front_matter(text: str, path: str) -> tuple[dict[str, object], int]:
    """The front-matter mapping (empty when there is none) and the offset where the body starts."""
    m = _FM_OPEN.match(text)
    if not m:
        return {}, 0
    close = _FM_CLOSE.search(text, m.end())
    if close is None:
        raise InputError(f"{path}:1: front matter opened with '---' is never closed by a '---' line")
    raw = text[m.end() : close.start()]
    try:
        data = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise InputError(f"{path}:{line}: front matter is not valid YAML: {problem}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(f"{path}:2: front matter must be a YAML mapping (key: value lines)")
    return {str(k): v for k, v in data.items()}, close.end()


def read(path: str, text: str, fields: FieldNames, *, markdown: bool) -> SourceFile:
    meta, body_start = split_front_matter(text, path)
    info = meta_fields(meta, fields, f"{path}:1")
    body = text[body_start:]
    title = info["title"]
    if title is None and markdown:
        heading = _HEADING.search(body)
        if heading:
            title = heading.group(1).strip()
    if title is None:
        title = PurePath(path).stem
    macros: tuple[Macro, ...] = ()
    if body.strip():
        macros = (
            Macro(
                body=body,
                offsets=OffsetMap(body_start),
                start=0,
                **{**info, "title": title},
            ),
        )
    return SourceFile(path=path, text=text, format="markdown" if markdown else "text", macros=macros)
