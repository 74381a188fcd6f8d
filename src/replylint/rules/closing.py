"""closing: an email reply ends with an offer of further help or a sign-off."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field
from spacy.tokens import Span, Token

from replylint.context import Context
from replylint.models import Severity
from replylint.rules.base import Evidence, Example, Hit, Outcome, Rule, RuleOptions
from replylint.rules.length import channel_of, is_word, not_authored

ChannelName = Literal["email", "chat", "social"]


class ClosingOptions(RuleOptions):
    channel: ChannelName | None = Field(default=None, description="email / chat / social (None: email)")
    force: bool = Field(default=False, description="check chat and social replies too (default: email only)")
    closing_sentences: int = Field(
        default=2, ge=1, le=5, description="the offer or sign-off must be in this many last sentences"
    )


def _name_signature(text: str, last: Span, ws: list[Token]) -> bool:
    """The draft ends with a name alone on its own line ("\n\nJuraj", "\n- Sam Lee"): a sign-off."""
    if not ws or len(ws) > 3 or not all(t.is_title and t.is_alpha for t in ws):
        return False
    line_start = text.rfind("\n", 0, ws[0].idx)
    if line_start < 0:
        return False
    between = text[line_start + 1 : ws[0].idx].strip()
    return between in ("", "-", "--", "—", "–", "~")


class Closing(Rule):
    id = "closing"
    summary = "An email reply closes with an offer of further help or a sign-off ('Let me know if...', 'Best,')."
    why = (
        "A reply that stops after the last fact leaves the customer unsure whether the conversation "
        "is over or whether they may come back. 'Let me know if that works' or a simple sign-off "
        "closes the loop. Chat and social replies are not checked unless `force` is set."
    )
    default_severity = Severity.INFO
    default_enabled = False
    Options = ClosingOptions
    bad = (
        Example(draft="Hi Sam,\n\nYour refund was issued today and should reach your card within 5 business days."),
        Example(
            draft="Restart the router and check whether the light turns green.",
            options={"channel": "social", "force": True},
        ),
    )
    good = (
        Example(draft="Hi Sam,\n\nYour refund was issued today.\n\nKind regards,\nAlex", expect="passed"),
        Example(draft="Your refund was issued today. Let me know if it hasn't arrived by Friday!", expect="passed"),
        Example(
            draft="Restart the router and check whether the light turns green.",
            options={"channel": "social"},
            expect="not_applicable",
        ),
    )

    def check(self, ctx: Context, options: Any) -> Outcome:
        assert isinstance(options, ClosingOptions)
        channel = channel_of(ctx, options.channel)
        if channel != "email" and not options.force:
            return Outcome.not_applicable(f"closings are not checked on the {channel} channel")
        skip = not_authored(ctx)
        sents = [s for s in ctx.draft_doc.sents if any(is_word(t) and t.idx not in skip for t in s)]
        if not sents:
            return Outcome.not_applicable("the draft has no words")
        tail = sents[-options.closing_sentences :]
        start = tail[0].start_char
        signoffs = {str(w).lower() for w in ctx.toolkit.data.get("closing_signoff_words", [])}
        doc = ctx.draft_doc
        for span in ctx.draft_matches.get("CLOSING_OFFER", []):
            if span.text.lower() in signoffs:
                nxt = doc[span.end] if span.end < len(doc) else None
                if not (nxt is None or nxt.is_punct or "\n" in span[-1].whitespace_ or nxt.is_space):
                    continue  # "Best way to ..." is not a sign-off
            if span.start_char >= start and span.start_char not in skip:
                return Outcome.passed([Evidence(span.start_char, span.end_char, "closing")])
        last = sents[-1]
        ws = [t for t in last if is_word(t)]
        if _name_signature(ctx.draft, last, ws):
            return Outcome.passed([Evidence(ws[0].idx, ws[-1].idx + len(ws[-1].text), "signature")])
        a = ws[0].idx
        b = last.end_char
        while b > a and ctx.draft[b - 1].isspace():
            b -= 1
        return Outcome.failed(
            [
                Hit(
                    a,
                    b,
                    "the reply ends without an offer of further help or a sign-off",
                    "Close the loop: 'Let me know if that works for you.' and a sign-off such as 'Best,'",
                )
            ]
        )
