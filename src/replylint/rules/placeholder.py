"""placeholder: template variables and fill-me-in markers must not reach the customer."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field

from replylint.context import Context
from replylint.models import Severity
from replylint.normalize import Placeholder, find_placeholders
from replylint.rules.base import Evidence, Example, Hit, Outcome, Rule, RuleOptions
from replylint.rules.length import not_authored

# Shapes replylint.normalize.find_placeholders does not cover (template syntax, so regexes are fine):
# "[Customer Name]" / "[insert date]" in mixed case, "<<NAME>>", "<FIRST_NAME>", "$FIRST_NAME",
# "${name}", "__NAME__".
_MIXED_BRACKET_RE = re.compile(r"\[\s*([A-Za-z][A-Za-z0-9_ .\-]{0,40}?)\s*\](?!\()")
# (the lookahead: every shape starts with "<", "$" or "_"; a faster scan, the same matches)
_EXTRA_RE = re.compile(
    r"(?=[<$_])(?:"
    r"<<\s*[A-Za-z_][\w .\-]{0,40}>>"
    r"|<[A-Z][A-Z0-9]*_[A-Z0-9_]+>"
    r"|\$\{\s*[A-Za-z_][\w.]{0,40}\s*\}"
    r"|(?<![\w$])\$[A-Z][A-Z0-9]*_[A-Z0-9_]+\b"
    r"|(?<!\w)__[A-Z][A-Z0-9_]{1,40}__(?!\w)"
    r"|(?<![\w\n])_{3,}(?![\w\n])|(?<=[\w,.:] )_{3,}|_{3,}(?= ?[\w,.!?]))"
)
_LIQUID_TAG_NAME_RE = re.compile(r"\{%-?\s*(\w+)")
_KIND_TEXT = {
    "liquid": "template variable",
    "liquid-tag": "template tag",
    "brace": "template variable",
    "bracket": "fill-in placeholder",
    "percent": "template variable",
    "angle": "fill-in placeholder",
    "marker": "unfinished-text marker",
    "unbalanced": "broken template syntax (unbalanced braces)",
}


class PlaceholderOptions(RuleOptions):
    allow_markers: list[str] = Field(
        default_factory=list,
        description="placeholder texts that are intended and allowed, e.g. ['[SOLVED]'] (exact text)",
    )


def _bracket_slot(inner: str, words: set[str], not_slots: set[str]) -> bool:
    tokens = re.findall(r"[A-Za-z]+", inner.lower())
    if not tokens or len(tokens) > 5:
        return False
    if " ".join(tokens) in not_slots:
        return False
    return any(t in words for t in tokens)


class PlaceholderRule(Rule):
    id = "placeholder"
    summary = "No unfilled template variables or fill-me-in markers ([NAME], {first_name}, TODO, XXX)."
    why = (
        "A reply that says 'Hi [NAME]' or 'your order %ORDER%' tells the customer they got a form "
        "letter nobody read, and a broken variable can leak template code. In a macro file valid "
        "helpdesk template syntax is allowed, but it must be balanced."
    )
    default_severity = Severity.ERROR
    Options = PlaceholderOptions
    bad = (
        Example(draft="Hi [NAME], thanks for getting in touch about your refund."),
        Example(draft="Hi {{ticket.requester.first_name}, your order has shipped.", note="unbalanced braces"),
        Example(draft="Your replacement will arrive on XXX. TODO: check the courier."),
        Example(
            draft="Hi {{customer.first_name}}, your refund is on its way.",
            note="a sent reply: any variable is an error",
        ),
    )
    good = (
        Example(draft="Hi Sam, thanks for getting in touch about your refund.", expect="passed"),
        Example(
            draft="Thanks Priya! [Edited] Your return label is attached; drop the parcel at any post office.",
            expect="passed",
        ),
        Example(
            draft="Hi {{customer.first_name}}, your refund is on its way.{% if order.id %} Order {{order.id}}.{% endif %}",
            macro=True,
            expect="passed",
            note="in a macro file balanced Liquid variables and tags are allowed",
        ),
        Example(draft="Your order 48213 shipped today and should arrive by Friday.", expect="passed"),
    )

    def check(self, ctx: Context, options: Any) -> Outcome:
        assert isinstance(options, PlaceholderOptions)
        data = ctx.toolkit.data
        allowed = set(options.allow_markers)
        text = ctx.draft
        found: list[Placeholder] = list(find_placeholders(text))
        taken = [(p.start, p.end) for p in found]

        def free(a: int, b: int) -> bool:
            return not any(a < e and s < b for s, e in taken)

        # a bracket placeholder (the only kind reading these word lists) needs a "["
        words: set[str] = set()
        not_slots: set[str] = set()
        if "[" in text:
            words = {str(w).lower() for w in data.get("placeholder_bracket_words", [])}
            not_slots = {str(w).lower() for w in data.get("placeholder_not_slots", [])}
            for m in _MIXED_BRACKET_RE.finditer(text):
                if free(m.start(), m.end()) and _bracket_slot(m.group(1), words, not_slots):
                    found.append(Placeholder(m.start(), m.end(), m.group(), "bracket"))
                    taken.append((m.start(), m.end()))
        # every shape of _EXTRA_RE holds a "<", "$" or "_"
        for m in _EXTRA_RE.finditer(text) if ("<" in text or "$" in text or "_" in text) else ():
            if free(m.start(), m.end()):
                found.append(Placeholder(m.start(), m.end(), m.group(), "angle"))
                taken.append((m.start(), m.end()))
        hits: list[Hit] = []
        allowed_syntax: list[Evidence] = []
        skip = not_authored(ctx)
        for ph in sorted(found, key=lambda p: (p.start, p.end)):
            if ph.start in skip:
                continue  # quoted history or a code sample
            if ph.kind == "brace" and ph.start > 0 and text[ph.start - 1] == "$":
                ph = Placeholder(ph.start - 1, ph.end, text[ph.start - 1 : ph.end], ph.kind)
            if ph.text in allowed:
                continue
            if ph.kind == "bracket":
                inner = ph.text.strip("[] ").lower()
                if inner in not_slots:
                    continue
            if ctx.macro and ph.kind in ("liquid", "liquid-tag"):
                allowed_syntax.append(Evidence(ph.start, ph.end, "template"))
                continue
            what = _KIND_TEXT.get(ph.kind, "placeholder")
            if ph.kind in ("liquid", "liquid-tag", "brace", "percent") and not ctx.macro:
                msg = f"unfilled {what} '{ph.text}' would reach the customer"
                sugg = "Fill in the value, or check the reply as a macro if it is a template"
            elif ph.kind == "unbalanced":
                msg = f"{what}: '{ph.text}'"
                sugg = "Close the template variable: {{ ... }} or {% ... %}"
            elif ph.kind == "marker":
                msg = f"{what} '{ph.text}' left in the reply"
                sugg = "Replace the marker with the real content"
            else:
                msg = f"unfilled {what} '{ph.text}'"
                sugg = "Replace it with the real value" + (
                    " or a template variable such as {{ticket.requester.first_name}}" if ctx.macro else ""
                )
            hits.append(Hit(ph.start, ph.end, msg, sugg))
        if ctx.macro:
            hits.extend(_unbalanced_blocks(text, data.get("liquid_block_tags", {})))
        if hits:
            hits.sort(key=lambda h: (h.start, h.end))
            return Outcome.failed(hits)
        return Outcome.passed(allowed_syntax)


def _unbalanced_blocks(text: str, blocks: dict[str, str]) -> list[Hit]:
    """Liquid block tags ({% if %} ... {% endif %}) that are never closed or closed without opening."""
    closers = {v: k for k, v in blocks.items()}
    stack: list[tuple[str, int, int]] = []
    hits: list[Hit] = []
    for m in re.finditer(r"\{%-?[^{}\n]{0,200}?-?%\}", text):
        nm = _LIQUID_TAG_NAME_RE.match(m.group())
        if not nm:
            continue
        name = nm.group(1).lower()
        if name in blocks:
            stack.append((name, m.start(), m.end()))
        elif name in closers:
            if stack and stack[-1][0] == closers[name]:
                stack.pop()
            else:
                hits.append(
                    Hit(
                        m.start(),
                        m.end(),
                        f"'{m.group()}' closes a block that was never opened",
                        "Remove it or add the matching opening tag",
                    )
                )
    for name, start, end in stack:
        hits.append(
            Hit(start, end, f"'{text[start:end]}' is never closed", f"Add {{% {blocks[name]} %}} where the block ends")
        )
    return hits
