"""Shared assertions for the reader tests (imported by tests/test_sources_*.py)."""

from __future__ import annotations

from replylint.sources import Macro, SourceFile


def file_offset_of(src: SourceFile, macro: Macro, needle: str, nth: int = 0) -> int:
    """The file offset where ``needle`` (found in the decoded body) starts, via the offset map."""
    start = -1
    for _ in range(nth + 1):
        start = macro.body.index(needle, start + 1)
    return macro.offsets(start)


def assert_points_at(src: SourceFile, macro: Macro, needle: str, raw: str | None = None) -> tuple[int, int]:
    """The body's ``needle`` maps to a file offset whose raw text is ``raw`` (default: the needle);
    also checks that line:column computed from the file agrees. Returns (line, column)."""
    off = file_offset_of(src, macro, needle)
    expected = needle if raw is None else raw
    assert src.text[off : off + len(expected)] == expected, (src.text[off : off + 40], expected)
    line, col = src.position(off)
    lines = src.text.split("\n")
    assert lines[line - 1][col - 1 :].startswith(expected.split("\n")[0])
    return line, col
