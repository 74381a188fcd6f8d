"""blame: no blaming the customer or arguing with them ("as I said before", "you should have")."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from replylint.context import Context
from replylint.models import Severity
from replylint.rules.base import Example, Hit, Outcome, Rule, RuleOptions
from replylint.rules.length import not_authored

_GENERIC = "Rephrase neutrally: describe what happened and what to do next, without assigning fault"


class BlameOptions(RuleOptions):
    allow: list[str] = Field(
        default_factory=list, description="phrases (lower-case) that your team accepts, e.g. ['obviously']"
    )


class Blame(Rule):
    id = "blame"
    summary = "No blaming or arguing with the customer ('as I said before', 'you should have', 'obviously')."
    why = (
        "Blame and 'I told you so' wording turns a support conversation into an argument: the "
        "customer gets defensive, escalates, and remembers how the reply made them feel. Restating "
        "the information neutrally solves the same problem without the sting."
    )
    default_severity = Severity.WARNING
    Options = BlameOptions
    bad = (
        Example(draft="As I said before, the refund takes 5-7 business days to appear."),
        Example(draft="You should have updated the app before logging in. Please try again now."),
        Example(draft="Per my last email, the warranty does not cover water damage."),
    )
    good = (
        Example(draft="To recap, the refund takes 5-7 business days to appear on your statement.", expect="passed"),
        Example(
            draft="Updating the app to version 8.2 should fix the login error. Let me know how it goes!",
            expect="passed",
        ),
        Example(
            draft="I said I'd check with the warehouse, and I did: your parcel left this morning.", expect="passed"
        ),
    )

    def check(self, ctx: Context, options: Any) -> Outcome:
        assert isinstance(options, BlameOptions)
        rewrites: dict[str, str] = {
            str(k).lower(): str(v) for k, v in ctx.toolkit.data.get("blame_rewrites", {}).items()
        }
        allow = {a.lower() for a in options.allow}
        expect_verbs = {str(v).lower() for v in ctx.toolkit.data.get("blame_expectation_verbs", [])}
        negatable = {str(v).lower() for v in ctx.toolkit.data.get("blame_negatable", [])}
        apology_exempt = {str(v).lower() for v in ctx.toolkit.data.get("blame_apology_exempt", [])}
        apology_words = {str(v).lower() for v in ctx.toolkit.data.get("blame_apology_words", [])}
        doc = ctx.draft_doc
        spans = sorted(ctx.draft_matches.get("BLAME_PHRASE", []), key=lambda s: (s.start_char, -s.end_char))
        hits: list[Hit] = []
        last_end = -1
        skip = not_authored(ctx)
        for span in spans:
            if span.start_char < last_end or span.start_char in skip:
                continue  # nested in a longer match ("as i said" inside "as i said before")
            key = span.text.lower()
            if key in allow:
                continue
            last = span[-1]
            if last.lower_ in ("have", "'ve") and span.end < len(doc):
                nxt = doc[span.end]
                if nxt.tag_ != "VBN" or nxt.lemma_.lower() in expect_verbs or nxt.lower_ in expect_verbs:
                    continue  # "you should have received an email" / "you should have access": not blame
            if key in apology_exempt and {t.lower_ for t in span.sent} & apology_words:
                continue  # "I'm sorry you were told the wrong date": our failing, not blame
            if key in negatable:
                before = {t.lower_ for t in doc[max(0, span.start - 3) : span.start]}
                if before & {"not", "n't", "never", "no"}:
                    continue  # "it's not your fault" reassures
            hits.append(
                Hit(
                    span.start_char,
                    span.end_char,
                    f"'{span.text}' sounds like blaming or arguing with the customer",
                    _rewrite(key, rewrites),
                )
            )
            last_end = span.end_char
        if hits:
            return Outcome.failed(hits)
        return Outcome.passed()


def _rewrite(key: str, rewrites: dict[str, str]) -> str:
    """The table's suggestion for the phrase, else for the longest table phrase inside it."""
    if key in rewrites:
        return rewrites[key]
    padded = f" {key} "
    inside = [k for k in rewrites if f" {k} " in padded]
    return rewrites[max(inside, key=len)] if inside else _GENERIC
