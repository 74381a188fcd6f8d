"""deflection: the reply sends the customer elsewhere instead of resolving or handing over."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field
from spacy.tokens import Doc, Span, Token

from replylint.analysis.speech_acts import complaint_of
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


_FIRST_PERSON = frozenset({"i", "we"})
_GREETINGS = frozenset({"hi", "hello", "hey", "hi there", "hey there", "hello there"})
#: what a DM request can name that says nothing of the case ("DM us your concerns")
_GENERIC_OBJECTS = frozenset(
    {
        "dm",
        "dms",
        "message",
        "messages",
        "inbox",
        "detail",
        "details",
        "info",
        "information",
        "concern",
        "concerns",
        "question",
        "questions",
        "issue",
        "issues",
        "experience",
        "feedback",
        "situation",
        "case",
        "problem",
        "problems",
        "thought",
        "thoughts",
    }
)


def _verb_of(span: Span) -> Token:
    """The verb a matched phrase hangs from (the phrase's root, or its nearest verb ancestor)."""
    tok = span.root
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _our_own_act(verb: Token) -> bool:
    """'I've contacted support for you', 'we've replied to your DM': we did it, nobody is sent away."""
    subs = {c.lower_ for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
    negated = any(c.dep_ == "neg" for c in verb.children)  # "we can't help you with that" sends away
    return bool(subs & _FIRST_PERSON) and not negated


def _already_done(span: Span) -> bool:
    """The DM was already sent by us or is to be read: 'we've replied to your DM', 'check your DMs'."""
    verb = _verb_of(span)
    if verb.lemma_.lower() in ("check", "see", "read", "open", "find"):
        return True
    past = verb.tag_ in ("VBD", "VBN") or any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)
    return past and _our_own_act(verb)


def _fallback(span: Span) -> bool:
    """'If the credits don't show by May, please contact us again': a fallback should our answer
    not work (an if-clause that is negated), not a brush-off ('if you want a refund, call ...')."""
    for t in span.sent:
        if t.lower_ == "if" and t.dep_ == "mark":
            verb = t.head
            if verb.lower_ == "already" or any(c.lower_ == "already" for c in verb.children):
                continue  # "if you haven't already": do it now
            if any(c.dep_ == "neg" for c in verb.children) or any(
                c.dep_ == "neg" for a in verb.children if a.dep_ in ("aux", "xcomp") for c in a.children
            ):
                return True
    return False


def _asks_specific(sent: Span) -> bool:
    """The DM sentence names what to send: 'DM us your record locator', 'tell us which store'."""
    for t in sent:
        if t.pos_ in ("NOUN", "PROPN") and t.lower_ not in _GENERIC_OBJECTS:
            if any(c.lower_ == "your" and c.dep_ == "poss" for c in t.children):
                return True
        if t.tag_ in ("WDT", "WP", "WRB") and t.lower_ in ("which", "when", "where", "what") and t.i > sent.start:
            return True
    return False


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
    precision = 0.83  # 35 of 42 warning/error findings right (benchmarks/findings.py)
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
            if _fallback(span) or _our_own_act(_verb_of(span)):
                continue  # a fallback ("if it persists, ...") or our own act ("I've contacted support")
            hits.append(
                Hit(
                    span.start_char,
                    span.end_char,
                    f"'{span.text}' sends the customer elsewhere instead of helping",
                    "Hand it over yourself: 'I've passed this to <team>; they'll contact you by <when>'",
                )
            )
        all_dms = m.get("DEFLECT_DM", [])
        # "we've replied to your DM, please message us back": the case is already in hand in private
        continued = any(_already_done(d) for d in all_dms)
        dms = [] if continued else all_dms
        # nothing to deflect: the customer reports no problem and asks nothing ("love my new phone!")
        quiet = ctx.has_customer and not complaint_of(ctx) and not ctx.questions
        if dms and not options.allow_dm and not hits and not quiet:
            info = {str(w).lower() for w in data.get("dm_specific_info", [])}
            # a greeting does not make a sentence a pleasantry: "Hello, there should be a link below"
            pleasant = [p for p in m.get("DEFLECT_PLEASANTRY", []) if p.text.lower() not in _GREETINGS]
            substantive = False
            content_sents = [s for s in sents if words(s) and words(s)[0].idx not in skip]
            for sent in content_sents:
                sw = words(sent)
                if _covers(dms, sent):
                    if any(t.lemma_.lower() in info or t.lower_ in info for t in sent) or _asks_specific(sent):
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
