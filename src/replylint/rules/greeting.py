"""greeting: an email reply opens by addressing the customer ("Hi Sam,", "Thanks for reaching out")."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field
from spacy.tokens import Token

from replylint.context import Context
from replylint.models import Severity
from replylint.rules.base import Evidence, Example, Hit, Outcome, Rule, RuleOptions
from replylint.rules.length import channel_of, is_word, not_authored

ChannelName = Literal["email", "chat", "social"]


class GreetingOptions(RuleOptions):
    channel: ChannelName | None = Field(default=None, description="email / chat / social (None: email)")
    force: bool = Field(default=False, description="check chat and social replies too (default: email only)")
    opening_words: int = Field(default=3, ge=1, le=10, description="the greeting must start within this many words")


def _name_line(ws: list[Token]) -> int | None:
    """End offset of an opening that is just the customer's name and a comma ("Sam,", "Ms Lee,")."""
    for tok in ws[:3]:
        if not (tok.is_title and tok.is_alpha):
            return None
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.text == "," and tok.pos_ == "PROPN":
            after = tok.doc[nxt.i + 1] if nxt.i + 1 < len(tok.doc) else None
            if after is None or "\n" in nxt.whitespace_ or (after.is_space and "\n" in after.text):
                return nxt.idx + 1
            return None
    return None


def _leading_mention(ctx: Context) -> tuple[int, int] | None:
    """An email/forum reply opening with "@sam_k," or "@sam_k" on its own line addresses them."""
    doc = ctx.draft_doc
    toks = [t for t in doc if not t.is_space]
    if not toks or not toks[0].text.startswith("@") or len(toks[0].text) < 2:
        return None
    first = toks[0]
    nxt = doc[first.i + 1] if first.i + 1 < len(doc) else None
    if nxt is None or nxt.text in (",", ":", "!") or "\n" in first.whitespace_ or (nxt.is_space and "\n" in nxt.text):
        return first.idx, first.idx + len(first.text)
    return None


class Greeting(Rule):
    id = "greeting"
    summary = "An email reply opens by addressing the customer ('Hi Sam,', 'Hello,', 'Thanks for reaching out')."
    why = (
        "An email that starts mid-thought reads as curt or automated. A short greeting, ideally "
        "with the customer's name, tells them a person read their message. Chat and social replies "
        "are part of a running conversation, so they are not checked unless `force` is set."
    )
    default_severity = Severity.INFO
    default_enabled = False
    Options = GreetingOptions
    bad = (
        Example(draft="Your refund was issued today and should reach your card within 5 business days.\n\nBest,\nAlex"),
        Example(
            draft="Restart the router and check whether the light turns green.",
            options={"channel": "chat", "force": True},
        ),
    )
    good = (
        Example(
            draft="Hi Sam,\n\nYour refund was issued today and should reach your card within 5 business days.\n\nBest,\nAlex",
            expect="passed",
        ),
        Example(draft="Thanks for reaching out! Your refund was issued today.", expect="passed"),
        Example(
            draft="Restart the router and check whether the light turns green.",
            options={"channel": "chat"},
            expect="not_applicable",
        ),
    )

    def check(self, ctx: Context, options: Any) -> Outcome:
        assert isinstance(options, GreetingOptions)
        channel = channel_of(ctx, options.channel)
        if channel != "email" and not options.force:
            return Outcome.not_applicable(f"greetings are not checked on the {channel} channel")
        skip = not_authored(ctx)
        ws = [t for t in ctx.draft_doc if is_word(t) and t.idx not in skip]
        if not ws:
            return Outcome.not_applicable("the draft has no words")
        limit = ws[min(options.opening_words, len(ws)) - 1].idx + 1
        for span in ctx.draft_matches.get("GREETING_OPENER", []):
            if span.start_char < limit:
                return Outcome.passed([Evidence(span.start_char, span.end_char, "greeting")])
        first = ws[0]
        mention = _leading_mention(ctx)
        if mention is not None:
            return Outcome.passed([Evidence(mention[0], mention[1], "greeting")])
        name = _name_line(ws)
        if name is not None:
            return Outcome.passed([Evidence(first.idx, name, "greeting")])
        line_end = ctx.draft.find("\n", first.idx)
        end = min(first.sent.end_char, line_end if line_end >= 0 else len(ctx.draft))
        while end > first.idx and ctx.draft[end - 1].isspace():
            end -= 1
        return Outcome.failed(
            [
                Hit(
                    first.idx,
                    end,
                    "the reply doesn't open by addressing the customer",
                    "Open with a greeting: 'Hi <name>,' or 'Thanks for reaching out,'",
                )
            ]
        )
