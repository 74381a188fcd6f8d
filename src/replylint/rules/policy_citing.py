"""policy-citing: a refusal justified only by "our policy" must say why in plain words."""

from __future__ import annotations

from typing import Any

from pydantic import Field
from spacy.tokens import Span

from replylint.context import Context
from replylint.models import Severity
from replylint.rules.base import Evidence, Example, Hit, Outcome, Rule, RuleOptions
from replylint.rules.length import not_authored


class PolicyCitingOptions(RuleOptions):
    reason_window: int = Field(
        default=1, ge=0, le=3, description="sentences after the citation that may carry the reason"
    )
    require_refusal: bool = Field(
        default=True,
        description="only flag citations that justify a refusal (false: flag every unexplained citation)",
    )


def _sent_index(sents: list[Span], char: int) -> int:
    for i, s in enumerate(sents):
        if s.start_char <= char < s.end_char:
            return i
    return len(sents) - 1


class PolicyCiting(Rule):
    id = "policy-citing"
    summary = "A refusal is not justified by 'per our policy' alone: say why in plain words."
    why = (
        "'Per our policy' reads as 'because we say so': the customer hears a wall, not a reason, "
        "and pushes back or escalates. One plain sentence on why the rule exists (to protect their "
        "account, because the item can't be resold) makes the same refusal acceptable."
    )
    default_severity = Severity.WARNING
    Options = PolicyCitingOptions
    bad = (
        Example(draft="Per our policy, we can't refund opened software."),
        Example(
            draft="Unfortunately, it's against our policy to change the name on a ticket. Is there anything else I can help with?"
        ),
        Example(draft="Due to company policy we are unable to share order details over chat."),
    )
    good = (
        Example(
            draft="Per our policy, we can't refund opened software, because the licence key can't be reissued once it has been revealed.",
            expect="passed",
        ),
        Example(
            draft="Due to our policy we are unable to share order details over chat. This protects your account from anyone pretending to be you.",
            expect="passed",
        ),
        Example(draft="Per our policy, every order ships free over $50.", expect="passed", note="no refusal"),
    )

    def check(self, ctx: Context, options: Any) -> Outcome:
        assert isinstance(options, PolicyCitingOptions)
        matches = ctx.draft_matches
        skip = not_authored(ctx)
        cites = [c for c in matches.get("POLICY_CITE", []) if c.start_char not in skip]
        if not cites:
            return Outcome.passed()
        refusals = matches.get("POLICY_REFUSAL", [])
        reasons = matches.get("POLICY_REASON", [])
        sents = list(ctx.draft_doc.sents)
        hits: list[Hit] = []
        evidence: list[Evidence] = []
        seen: set[int] = set()
        for cite in sorted(cites, key=lambda s: (s.start_char, -s.end_char)):
            i = _sent_index(sents, cite.start_char)
            if i in seen:
                continue
            seen.add(i)
            sent = sents[i]
            lo, hi = sent.start_char, sent.end_char
            # the refusal may be in the sentence before: "We can't refund it. That's our policy."
            # "against our policy" / "policy doesn't allow" are refusals by themselves
            refusal_lo = sents[i - 1].start_char if i > 0 else lo
            refused = any(refusal_lo <= r.start_char < hi for r in refusals) or any(
                w in cite.text.lower() for w in ("against", "not", "n't", "violat")
            )
            if options.require_refusal and not refused:
                continue
            window_end = sents[min(len(sents) - 1, i + options.reason_window)].end_char
            reason = next(
                (
                    r
                    for r in reasons
                    if lo <= r.start_char < window_end and not cite.start_char <= r.start_char < cite.end_char
                ),
                None,
            )
            if reason is not None:
                evidence.append(Evidence(reason.start_char, reason.end_char, "reason"))
                continue
            hits.append(
                Hit(
                    cite.start_char,
                    cite.end_char,
                    f"'{cite.text}' is given as the reason for a refusal without saying why the policy exists",
                    "Add the reason in plain words, e.g. '... because ...' or 'This protects ...'",
                )
            )
        if hits:
            return Outcome.failed(hits)
        return Outcome.passed(evidence)
