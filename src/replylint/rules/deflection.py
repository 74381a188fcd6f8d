"""deflection: the reply sends the customer elsewhere instead of resolving or handing over."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field
from spacy.tokens import Doc, Span

from replylint.context import Context
from replylint.models import Severity
from replylint.rules.base import Evidence, Example, Hit, Outcome, Rule, RuleOptions
from replylint.rules.length import not_authored, words


class DeflectionOptions(RuleOptions):
    allow_dm: bool = Field(
        default=False,
        description="never count a move to private messages as deflection (default: only a bare 'DM us' reply fails)",
    )
    max_bare_sentences: int = Field(
        default=3, ge=1, description="a DM-only reply longer than this many sentences is not 'bare'"
    )


def _covers(spans: list[Span], sent: Span) -> bool:
    return any(sent.start_char <= s.start_char < sent.end_char for s in spans)


def _units(doc: Doc) -> list[Span]:
    """Sentences, with a fragment the parser split off ("... a DM", "and we'll take it from there")
    joined back to the sentence before it."""
    units: list[Span] = []
    for sent in doc.sents:
        first = next((t for t in sent if not t.is_space and not t.is_punct), None)
        if units and first is not None and (first.pos_ == "CCONJ" or (first.is_lower and first.is_alpha)):
            units[-1] = doc[units[-1].start : sent.end]
        else:
            units.append(sent)
    return units


class Deflection(Rule):
    id = "deflection"
    summary = "The reply doesn't just send the customer elsewhere ('call our support line', 'open a new ticket', a bare 'DM us')."
    why = (
        "Being bounced to another line, ticket or department is the most-hated support experience: "
        "the customer repeats everything and waits again. If someone else must help, hand the case "
        "over yourself and say who will contact them; on social, a DM request should come with "
        "something useful (what to send, a first step), not instead of help."
    )
    yields_to = (("blame", "sentence"),)  # "you should have read the FAQ before contacting us again"
    default_severity = Severity.WARNING
    Options = DeflectionOptions
    bad = (
        Example(draft="For billing questions you'll need to call our support line on 0800 123 456."),
        Example(draft="This is a different issue, so please open a new ticket and someone will take a look."),
        Example(
            draft="Thanks for reaching out! Send us a DM. https://t.co/abc", note="a bare DM request is the whole reply"
        ),
    )
    good = (
        Example(
            draft="I've passed this to our billing team with your notes, and they'll contact you by email within one working day.",
            expect="passed",
        ),
        Example(
            draft="Sorry about that! Please DM us your order number and the postcode so we can check where the parcel is.",
            expect="passed",
        ),
        Example(
            draft="Glad it's working again. If anything else comes up, feel free to contact us again.", expect="passed"
        ),
    )

    def check(self, ctx: Context, options: Any) -> Outcome:
        assert isinstance(options, DeflectionOptions)
        doc = ctx.draft_doc
        skip = not_authored(ctx)
        m = {
            k: [s for s in v if s.start_char not in skip]
            for k, v in ctx.draft_matches.items()
            if k.startswith("DEFLECT_")
        }
        handover = m.get("DEFLECT_HANDOVER", [])
        if handover:
            h = handover[0]
            return Outcome.passed([Evidence(h.start_char, h.end_char, "handover")], "the agent hands the case over")
        data = ctx.toolkit.data
        cues = [str(c).lower() for c in data.get("deflection_closing_cues", [])]
        hits: list[Hit] = []
        sents = [u for u in _units(doc) if u.start_char not in skip]
        taken: list[tuple[int, int]] = []
        for span in sorted(m.get("DEFLECT_ELSEWHERE", []), key=lambda s: (s.start_char, -s.end_char)):
            if any(a <= span.start_char < b for a, b in taken):
                continue
            taken.append((span.start_char, span.end_char))
            sent = span.sent
            lowered = " ".join(sent.text.lower().replace("\u2019", "'").split())
            if any(re.search(rf"(?<!\w){re.escape(c)}(?!\w)", lowered) for c in cues):
                continue  # a closing offer: "if anything else comes up, contact us again"
            hits.append(
                Hit(
                    span.start_char,
                    span.end_char,
                    f"'{span.text}' sends the customer elsewhere instead of helping",
                    "Hand it over yourself: 'I've passed this to <team>; they'll contact you by <when>'",
                )
            )
        dms = m.get("DEFLECT_DM", [])
        if dms and not options.allow_dm and not hits:
            info = {str(w).lower() for w in data.get("dm_specific_info", [])}
            pleasant = m.get("DEFLECT_PLEASANTRY", [])
            substantive = False
            content_sents = [s for s in sents if words(s) and words(s)[0].idx not in skip]
            for sent in content_sents:
                sw = words(sent)
                if _covers(dms, sent):
                    if any(t.lemma_.lower() in info or t.lower_ in info for t in sent):
                        substantive = True  # "DM us your order number": a real next step
                    continue
                if sent.text.rstrip().endswith("?") or (len(sw) >= 4 and not _covers(pleasant, sent)):
                    substantive = True
            if not substantive and len(content_sents) <= options.max_bare_sentences:
                d = dms[0]
                hits.append(
                    Hit(
                        d.start_char,
                        d.end_char,
                        "the reply only asks the customer to DM, with nothing else to help them",
                        "Add what to send and a first step, or answer what you can publicly",
                    )
                )
        if hits:
            return Outcome.failed(hits)
        return Outcome.passed()
