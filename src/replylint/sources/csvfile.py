"""CSV macro files: one macro a row, columns named in the header.

* Freshdesk canned responses (columns such as ``Title``, ``Folder``, ``Message HTML`` /
  ``message_html``, ``message_text``, ``Visibility``): the HTML message is checked when present.
* Any other CSV: the configured ``title-field`` / ``body-field`` / ``customer-field`` columns
  (case-insensitive), else the usual names (title/name/subject, body/content/text/message...).

The file is parsed here (RFC 4180: quoted cells, doubled quotes, line breaks inside quotes, a
``,`` ``;`` or tab delimiter detected from the header) so that every character of a cell keeps
its offset in the raw file.
"""

from __future__ import annotations

import re

from replylint.errors import InputError
from replylint.sources.base import FieldNames, Macro, OffsetMap, SourceFile, meta_fields

Cell = tuple[str, OffsetMap, int]  # value, offset map, raw start offset of the cell

BODY_CANDIDATES = ("body", "content", "text", "message", "reply", "response", "answer", "template")
TITLE_CANDIDATES = ("title", "name", "subject")
FRESHDESK_BODY = ("message_html", "content_html", "message_text", "content")


def _norm(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def sniff_delimiter(text: str) -> str:
    """``,``, ``;`` or tab: whichever occurs most in the header row outside quotes."""
    in_quotes = False
    counts = {",": 0, ";": 0, "\t": 0}
    for c in text:
        if c == '"':
            in_quotes = not in_quotes
        elif not in_quotes:
            if c == "\n":
                break
            if c in counts:
                counts[c] += 1
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else ","


def parse(text: str, delimiter: str, path: str) -> list[list[Cell]]:
    """Rows of cells, each cell with its decoded value and the map back into ``text``."""
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    i = 0
    n = len(text)
    line_breaks = "\r\n"
    while i <= n:
        if i == n:
            if row:
                rows.append(row)
            break
        start = i
        if text[i] == '"':
            out: list[str] = []
            table: list[int] = []
            j = i + 1
            while True:
                q = text.find('"', j)
                if q < 0:
                    line = text.count("\n", 0, start) + 1
                    raise InputError(f"{path}:{line}: invalid CSV: a quoted cell is never closed")
                out.append(text[j:q])
                table.extend(range(j, q))
                if q + 1 < n and text[q + 1] == '"':
                    out.append('"')
                    table.append(q)
                    j = q + 2
                    continue
                table.append(q)
                i = q + 1
                break
            # Lenient: anything between the closing quote and the delimiter is kept.
            while i < n and text[i] != delimiter and text[i] not in line_breaks:
                out.append(text[i])
                table.insert(len(table) - 1, i)
                i += 1
            row.append(("".join(out), OffsetMap(start + 1, tuple(table)), start))
        else:
            j = i
            while j < n and text[j] != delimiter and text[j] not in line_breaks:
                j += 1
            row.append((text[i:j], OffsetMap(i), start))
            i = j
        if i < n and text[i] == delimiter:
            i += 1
            if i == n:
                row.append(("", OffsetMap(i), i))
            continue
        # end of row
        if i < n and text[i] == "\r":
            i += 1
        if i < n and text[i] == "\n":
            i += 1
        rows.append(row)
        row = []
        if i == n:
            break
    return [r for r in rows if not (len(r) == 1 and not r[0][0].strip())]


def _find(header: list[str], preferred: str | None, candidates: tuple[str, ...]) -> int | None:
    names = [_norm(h) for h in header]
    for name in ((_norm(preferred),) if preferred else ()) + candidates:
        if name in names:
            return names.index(name)
    return None


def read(path: str, text: str, fields: FieldNames) -> SourceFile:
    delimiter = "\t" if path.lower().endswith(".tsv") else sniff_delimiter(text)
    rows = parse(text, delimiter, path)
    if not rows:
        return SourceFile(path=path, text=text, format="csv", macros=())
    header = [c[0] for c in rows[0]]
    norm = {_norm(h) for h in header}
    freshdesk = bool(norm & {"message_html", "message_text"}) or {"folder", "content"} <= norm
    fmt = "freshdesk" if freshdesk else "csv"
    body_col = _find(header, fields.body, FRESHDESK_BODY + BODY_CANDIDATES if freshdesk else BODY_CANDIDATES)
    if freshdesk and _norm(fields.body) not in norm:
        body_col = _find(header, None, FRESHDESK_BODY + BODY_CANDIDATES)
    if body_col is None:
        raise InputError(
            f"{path}:1: no body column: the header has {', '.join(repr(h) for h in header)}; "
            "set [lint] body-field or --body-field to the column with the macro text"
        )
    title_col = _find(header, fields.title, TITLE_CANDIDATES)
    meta_cols = {_norm(h): k for k, h in enumerate(header) if k not in (body_col, title_col)}
    macros: list[Macro] = []
    for n, row in enumerate(rows[1:], start=1):
        line = text.count("\n", 0, row[0][2]) + 1
        where = f"{path}:{line}"
        if body_col >= len(row):
            raise InputError(f"{where}: row {n} has {len(row)} cell(s), the header has {len(header)}")
        body, offsets, _ = row[body_col]
        if not body.strip():
            continue
        meta: dict[str, object] = {}
        for name, k in meta_cols.items():
            if k < len(row) and row[k][0].strip():
                meta[name] = row[k][0]
        # A "replylint" (or "replylint_ignore") column lists rules to skip for that row.
        ignored = meta.pop("replylint_ignore", None) or meta.pop("replylint", None)
        if ignored:
            meta["replylint"] = {"ignore": ignored}
        if title_col is not None and title_col < len(row):
            meta[fields.title] = row[title_col][0].strip() or None
        customer_col = _find(header, fields.customer, ("customer", "scenario"))
        if customer_col is not None and customer_col < len(row):
            meta[fields.customer] = row[customer_col][0]
        info = meta_fields(meta, fields, where)
        macros.append(
            Macro(
                body=body,
                offsets=offsets,
                index=n - 1,
                start=row[0][2],
                **info,
            )
        )
    return SourceFile(path=path, text=text, format=fmt, macros=tuple(macros))
