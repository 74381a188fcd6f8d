"""Readers of macro files, chosen by file extension.

======================  =========================================================================
``.txt`` ``.html``      one macro a file (optional YAML front matter)
``.md`` ``.markdown``   one macro a file, YAML front matter, first heading as title
``.yml`` ``.yaml``      a list of macros
``.json``               generic list, Zendesk macros export, Help Scout saved replies
``.csv`` ``.tsv``       one macro a row (Freshdesk canned responses or any header)
======================  =========================================================================

:func:`read_source` returns a :class:`SourceFile` or raises
:class:`~replylint.errors.InputError` naming the file (and the line when known).
"""

from __future__ import annotations

from pathlib import Path

from replylint.errors import InputError
from replylint.sources import csvfile, jsonfile, plain, yamlfile
from replylint.sources.base import FieldNames, Macro, OffsetMap, SourceFile
from replylint.textio import read_text

FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "text",
    ".htm": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".yml": "yaml",
    ".yaml": "yaml",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
}


def format_of(path: str | Path) -> str | None:
    """The reader for a file name, or None when the extension is not a macro format."""
    return FORMATS.get(Path(path).suffix.lower())


def parse_source(path: str, text: str, fields: FieldNames | None = None) -> SourceFile:
    """Read the macros of ``text`` (the content of the file ``path``)."""
    fields = fields or FieldNames()
    kind = format_of(path)
    if kind is None:
        known = ", ".join(sorted(FORMATS))
        raise InputError(f"{path}: unknown file type '{Path(path).suffix or '(none)'}' (macro files are {known})")
    if "\x00" in text:
        raise InputError(f"{path}: contains NUL bytes: it looks like a binary file, not text")
    if kind == "text":
        return plain.read(path, text, fields, markdown=False)
    if kind == "markdown":
        return plain.read(path, text, fields, markdown=True)
    if kind == "yaml":
        return yamlfile.read(path, text, fields)
    if kind == "json":
        return jsonfile.read(path, text, fields)
    return csvfile.read(path, text, fields)


def read_source(path: str | Path, fields: FieldNames | None = None) -> SourceFile:
    """Read a macro file from disk (UTF-8 / UTF-16 with BOM; binary files are refused)."""
    name = str(path)
    return parse_source(name, read_text(name), fields)


__all__ = ["FORMATS", "FieldNames", "Macro", "OffsetMap", "SourceFile", "format_of", "parse_source", "read_source"]
