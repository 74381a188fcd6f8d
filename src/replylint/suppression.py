"""Inline suppression directives, usable on any checked text.

A directive is ``replylint: <action>[=RULE[,RULE...]]`` written in whatever comment form suits
the text; the comment around it does not matter to the parser::

    <!-- replylint: disable=jargon -->                            HTML / Markdown
    {% comment %} replylint: disable=jargon {% endcomment %}      Liquid (Zendesk, Shopify...)
    {# replylint: disable=jargon #}                               Jinja / Twig
    # replylint: disable=jargon                                   YAML, plain text

Actions:

``disable[=RULES]``
    switch the rules (all rules without ``=RULES``) off from the directive to the end of the text
    or to a matching ``enable``.
``enable[=RULES]``
    switch them back on.
``disable-line[=RULES]``
    only on the line of the directive.
``disable-next-line[=RULES]``
    only on the next non-blank line after the directive (after the end of its comment).

``all`` or ``*`` as a rule name means every rule. Rule ids are case-insensitive.

:func:`parse_directives` never raises and has no state: call it on the text that is checked and
ask :meth:`Suppressions.allows` whether a finding at an offset of that text stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Action = Literal["disable", "enable", "disable-line", "disable-next-line"]

_DIRECTIVE = re.compile(
    r"replylint:[ \t]*(?P<action>disable-next-line|disable-line|disable|enable)\b"
    r"(?:[ \t]*=[ \t]*(?P<rules>[*\w][\w\-]*(?:[ \t]*,[ \t]*[*\w][\w\-]*)*))?",
    re.IGNORECASE,
)
#: Block comments (opener, closer): the directive may sit on a later line than the opener.
_BLOCKS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"<!--"), re.compile(r"-->")),
    (re.compile(r"\{%-?[ \t]*comment[ \t]*-?%\}"), re.compile(r"\{%-?[ \t]*endcomment[ \t]*-?%\}")),
    (re.compile(r"\{#"), re.compile(r"#\}")),
    (re.compile(r"/\*"), re.compile(r"\*/")),
)
#: Line comments: from the marker to the end of the line.
_LINE_COMMENT = re.compile(r"(?:^|(?<=[ \t]))(?:#|//)[ \t]*$", re.M)
ALL = "*"


@dataclass(frozen=True)
class Directive:
    """One directive: its action, the rules it names (``None``: all) and where it is."""

    action: Action
    rules: frozenset[str] | None
    start: int  # start of the comment holding the directive
    end: int  # end of that comment
    #: For line actions, the ``[start, end)`` offsets of the line it covers (else ``(-1, -1)``).
    line_span: tuple[int, int] = (-1, -1)

    def names(self, rule_id: str) -> bool:
        return self.rules is None or rule_id.lower() in self.rules


@dataclass(frozen=True)
class Suppressions:
    """The directives of one text, in order. Immutable and cheap to query."""

    directives: tuple[Directive, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.directives)

    def allows(self, rule_id: str, offset: int) -> bool:
        """Whether a finding of ``rule_id`` starting at ``offset`` of the text stands."""
        disabled = False
        for d in self.directives:
            if not d.names(rule_id):
                continue
            if d.action in ("disable-line", "disable-next-line"):
                a, b = d.line_span
                if a <= offset < b:
                    return False
                continue
            if d.start > offset:
                continue
            disabled = d.action == "disable"
        return not disabled

    def spans(self) -> list[tuple[int, int]]:
        """``(start, end)`` of each comment that holds a directive."""
        return [(d.start, d.end) for d in self.directives]

    def blank(self, text: str) -> str:
        """``text`` with the directive comments replaced by spaces (same length, newlines kept),
        so the words of a directive are not themselves checked."""
        if not self.directives:
            return text
        chars = list(text)
        for a, b in self.spans():
            for i in range(a, min(b, len(chars))):
                if chars[i] not in "\r\n":
                    chars[i] = " "
        return "".join(chars)


def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, (len(text) if end < 0 else end)


def _comment_span(text: str, m: re.Match[str]) -> tuple[int, int]:
    """The whole comment around a directive (the directive alone when it is in no comment)."""
    best: tuple[int, int] | None = None
    for opener, closer in _BLOCKS:
        last = None
        for o in opener.finditer(text, 0, m.start()):
            last = o
        if last is None or closer.search(text, last.end(), m.start()) is not None:
            continue  # no opener, or that comment was closed before the directive
        c = closer.search(text, m.end())
        if c is not None and (best is None or last.start() > best[0]):
            best = (last.start(), c.end())
    if best is not None:
        return best
    line_start = text.rfind("\n", 0, m.start()) + 1
    lc = _LINE_COMMENT.search(text, line_start, m.start())
    if lc is not None:
        return lc.start(), _line_bounds(text, m.start())[1]
    return m.start(), m.end()


def _rules(raw: str | None) -> frozenset[str] | None:
    if raw is None:
        return None
    names = frozenset(r.strip().lower() for r in raw.split(",") if r.strip())
    return None if (ALL in names or "all" in names or not names) else names


def parse_directives(text: str) -> Suppressions:
    """Every ``replylint:`` directive in ``text``; offsets are offsets into ``text``."""
    if "replylint:" not in text.lower():
        return Suppressions()
    out: list[Directive] = []
    for m in _DIRECTIVE.finditer(text):
        action: Action = m.group("action").lower()  # type: ignore[assignment]
        start, end = _comment_span(text, m)
        span = (-1, -1)
        if action == "disable-line":
            span = (_line_bounds(text, start)[0], _line_bounds(text, max(start, end - 1))[1])
        elif action == "disable-next-line":
            pos = text.find("\n", end)
            while pos >= 0:
                a, b = _line_bounds(text, pos + 1)
                if text[a:b].strip():
                    span = (a, b)
                    break
                pos = text.find("\n", pos + 1)
        out.append(Directive(action, _rules(m.group("rules")), start, end, span))
    return Suppressions(tuple(out))


__all__ = ["Directive", "Suppressions", "parse_directives"]
