"""Where quoted history sits in a reply (``>`` lines, "On ... wrote:" headers)."""

from __future__ import annotations

import re

# Quoted history in a reply ("> My order never arrived", "On Tue, Ann wrote:"): the customer's
# words, not the agent's, so no speech act of the draft is taken from there. Line structure is
# not linguistics, so a regular expression over lines is the right tool here.
_QUOTED_LINE = re.compile(r"^[ \t]*>[^\n]*$", re.MULTILINE)
_QUOTE_HEADER = re.compile(
    r"^[ \t]*(?:On\b[^\n]{0,300}?\bwrote\s*:|-{2,}\s*(?:Original Message|Forwarded message)\s*-{2,})[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted history in a reply: ``>`` lines and everything after a
    "On ... wrote:" / "--- Original Message ---" header."""
    ranges = [(m.start(), m.end()) for m in _QUOTED_LINE.finditer(text)]
    header = _QUOTE_HEADER.search(text)
    if header is not None and header.start() > 0:
        ranges.append((header.start(), len(text)))
    return ranges
