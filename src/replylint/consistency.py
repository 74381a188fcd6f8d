"""Library-level consistency: facts that contradict each other between macros.

"Same company, same situation, different information": one macro promises refunds within 30
days and another within 14; two macros give different phone numbers for support; the Pro plan
costs $29 in one and $19 in another. Customers who get both answers stop trusting either.

How it works, per macro (spaCy parse of the normalised body):

1. **Facts** are found with token patterns (a ``Matcher``): durations (``30 days``, ``3-5
   business days``, ``a 30-day window``, ``thirty days``), money (``$15``, ``15 EUR``),
   percentages, phone numbers (3+ digit groups, 7-15 digits) and e-mail addresses.
2. Each fact gets a **key**: what it quantifies, read from the dependency parse. The fact is
   attached to a noun (``a 30-day guarantee``, ``window of 14 days``) or to a clause whose
   subject / object names the thing (``Refunds are accepted up to 14 days``, ``request a refund
   within 30 days``, ``Express shipping costs $15``). Generic nouns (item, order, it) give way to
   the clause's verb (``return the item within 30 days`` -> *return*); modifiers that tell
   variants apart stay in the key (*express* vs *standard* shipping, *sale* items, the *Pro*
   plan); an aspect separates deadlines from processing times (``within 30 days`` vs ``takes
   5-7 business days`` / ``will appear in 5 days``), thresholds (``orders over $50``) and price
   periods (``$29 per month``). Amounts in one-off actions (``we've added a $10 credit``) are
   not prices and are skipped. Contact details are keyed by the department they are for
   (billing, sales...), generic "support" when none is named.
3. Values are normalised (``2 weeks`` == ``14 days``, ``$15.00`` == ``$15``, phone digits).
4. A **conflict** is a key with different values in different macros. A macro that itself gives
   several values for one key (``30 days, or 14 days for sale items``) is enumerating cases and
   is left out of that key, which keeps false positives low.

Each macro involved gets an ``inconsistent-fact`` finding on its fact, naming the other
location(s) (``file:line:column`` and title).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from replylint.models import Finding, Severity
from replylint.normalize import bounded_pieces, normalize

RULE_ID = "inconsistent-fact"

UNITS = {
    "minute": 1 / 1440,
    "minutes": 1 / 1440,
    "min": 1 / 1440,
    "mins": 1 / 1440,
    "hour": 1 / 24,
    "hours": 1 / 24,
    "hr": 1 / 24,
    "hrs": 1 / 24,
    "day": 1,
    "days": 1,
    "week": 7,
    "weeks": 7,
    "month": 30,
    "months": 30,
    "year": 365,
    "years": 365,
}
DAY_KINDS = ("business", "working", "calendar")
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
    "hundred": 100,
}
CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
CURRENCY_WORDS = {
    "usd": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "gbp": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "cad": "CAD",
    "aud": "AUD",
}
#: Verbs that say how long something takes (vs a deadline / allowance).
PROCESS_VERBS = {
    "take",
    "process",
    "arrive",
    "appear",
    "reach",
    "ship",
    "deliver",
    "receive",
    "show",
    "post",
    "clear",
    "complete",
    "issue",
    "credit",
    "reflect",
    "land",
    "respond",
    "reply",
    "hear",
    "dispatch",
    "expect",
    "refund",
    "resolve",
    "update",
    "activate",
}
#: Verbs that carry no topic: the key comes from their subject / object instead.
GENERIC_VERBS = {
    "be",
    "have",
    "get",
    "take",
    "do",
    "make",
    "give",
    "need",
    "allow",
    "let",
    "can",
    "will",
    "may",
    "offer",
    "cost",
    "charge",
    "pay",
    "provide",
    "keep",
    "use",
    "see",
    "find",
    "call",
    "email",
    "contact",
    "reach",
    "write",
    "text",
    "message",
    "ring",
    "try",
    "want",
    "like",
    "help",
}
#: Nouns too general to name what a fact is about.
GENERIC_NOUNS = {
    "item",
    "order",
    "product",
    "purchase",
    "thing",
    "one",
    "it",
    "time",
    "day",
    "week",
    "month",
    "year",
    "hour",
    "minute",
    "number",
    "customer",
    "account",
    "request",
    "case",
    "ticket",
    "issue",
    "you",
    "we",
    "us",
    "they",
    "that",
    "this",
    "which",
    "what",
    "period",
    "amount",
    "price",
    "cost",
    "fee",
    "total",
    "way",
    "lot",
    "bit",
    "service",
    "support",
    "team",
    "department",
    "desk",
    "line",
    "center",
    "centre",
    "phone",
    "email",
    "mail",
    "address",
    "hotline",
    "contact",
    "help",
    "business",
    "statement",
    "card",
    "bank",
    "option",
    "extension",
    "ext",
    "press",
    "menu",
}
#: Modifiers that do not tell variants apart.
GENERIC_MODIFIERS = {
    "full",
    "new",
    "our",
    "your",
    "their",
    "usual",
    "normal",
    "standard-issue",
    "whole",
    "entire",
    "customer",
    "support",
    "service",
    "help",
    "main",
    "general",
    "contact",
    "phone",
    "email",
    "care",
    "client",
    "same",
    "original",
    "online",
}
#: Mailbox names that all mean "the support address".
GENERIC_MAILBOXES = {
    "support",
    "help",
    "hello",
    "hi",
    "info",
    "contact",
    "team",
    "care",
    "service",
    "customerservice",
    "customercare",
    "cs",
    "helpdesk",
    "mail",
    "admin",
    "office",
    "enquiries",
    "inquiries",
}
#: Verbs that state a price or fee (other verbs with an amount describe a one-off action).
PRICE_VERBS = {"be", "cost", "charge", "bill", "run", "start", "price", "apply", "pay", "remain", "stay", "come"}
THRESHOLD_PREPS = {"over", "above", "under", "below", "from", "than"}
QUALIFIER_PREPS = {"for", "on", "from", "outside", "inside", "in"}


def _phone_patterns() -> list[list[dict[str, object]]]:
    """3 to 5 digit groups, optionally +, (area code) and separators."""
    sep: dict[str, object] = {"ORTH": {"IN": ["-", ".", "/", "–"]}, "OP": "?"}
    group: dict[str, object] = {"IS_DIGIT": True}
    patterns: list[list[dict[str, object]]] = []
    for n in (3, 4, 5):
        for paren in (False, True):
            pat: list[dict[str, object]] = [{"ORTH": "+", "OP": "?"}]
            if paren:
                pat += [{"IS_DIGIT": True, "OP": "?"}, {"ORTH": "("}, group, {"ORTH": ")"}]
            else:
                pat += [group]
            for _ in range(n - 1):
                pat += [sep, group]
            patterns.append(pat)
    return patterns


_NUM: dict[str, object] = {"LIKE_NUM": True}
_NUM_WORD: dict[str, object] = {"LOWER": {"IN": sorted(NUMBER_WORDS)}}
_DURATION: list[list[dict[str, object]]] = [
    [
        _NUM,
        {"ORTH": {"IN": ["-", "–", "to"]}},
        _NUM,
        {"LOWER": {"IN": list(DAY_KINDS)}, "OP": "?"},
        {"LOWER": {"IN": sorted(UNITS)}},
    ]
]
_DURATION += [
    [
        num,
        {"ORTH": {"IN": ["-", "–"]}, "OP": "?"},
        {"LOWER": {"IN": list(DAY_KINDS)}, "OP": "?"},
        {"LOWER": {"IN": sorted(UNITS)}},
    ]
    for num in (_NUM, _NUM_WORD)
]
PATTERNS: dict[str, list[list[dict[str, object]]]] = {
    "DURATION": _DURATION,
    "MONEY": [
        [{"ORTH": {"IN": sorted(CURRENCY_SYMBOLS)}}, _NUM],
        [_NUM, {"LOWER": {"IN": sorted(CURRENCY_WORDS)}}],
    ],
    "PERCENT": [
        [_NUM, {"ORTH": "%"}],
        [_NUM, {"LOWER": {"IN": ["percent", "per", "pct"]}}, {"LOWER": "cent", "OP": "?"}],
    ],
    "PHONE": _phone_patterns(),
    "EMAIL": [[{"LIKE_EMAIL": True}]],
}

_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)?")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")


@dataclass(frozen=True)
class LibraryText:
    """One macro of the library, as the consistency check sees it."""

    text: str
    title: str | None
    #: Where an offset of ``text`` is, as ``path:line:column`` (for messages).
    locate: Callable[[int], str]


@dataclass(frozen=True)
class Fact:
    kind: str  # DURATION, MONEY, PERCENT, PHONE, EMAIL
    key: tuple[str, ...]  # (topic, aspect, qualifiers...)
    value: tuple[object, ...]
    start: int
    end: int
    text: str
    label: str  # readable name of the key, e.g. "refund (time limit)"


@dataclass(frozen=True)
class Conflict:
    key: tuple[str, ...]
    label: str
    facts: tuple[tuple[int, Fact], ...]  # (text index, fact)


# -- values ---------------------------------------------------------------------------------


def _number(tok: Token) -> float | None:
    low = tok.lower_
    if low in NUMBER_WORDS:
        return float(NUMBER_WORDS[low])
    m = _NUMBER_RE.search(tok.text)
    if m:
        try:
            return float(m.group().replace(",", ""))
        except ValueError:
            return None
    return None


def _duration_value(span: Span) -> tuple[object, ...] | None:
    nums = [n for t in span if (n := _number(t)) is not None and t.lower_ not in UNITS]
    unit = next((UNITS[t.lower_] for t in reversed(span) if t.lower_ in UNITS), None)
    if not nums or unit is None:
        return None
    kind = "business" if any(t.lower_ in ("business", "working") for t in span) else "calendar"
    lo, hi = min(nums) * unit, max(nums) * unit
    return (round(lo, 4), round(hi, 4), kind)


def _money_value(span: Span) -> tuple[object, ...] | None:
    cur = next(
        (
            CURRENCY_SYMBOLS.get(t.text) or CURRENCY_WORDS.get(t.lower_)
            for t in span
            if t.text in CURRENCY_SYMBOLS or t.lower_ in CURRENCY_WORDS
        ),
        None,
    )
    amount = next((n for t in span if (n := _number(t)) is not None), None)
    if cur is None or amount is None:
        return None
    return (cur, round(amount, 2))


def _phone_value(span: Span) -> tuple[object, ...] | None:
    digits = "".join(ch for ch in span.text if ch.isdigit())
    if not 7 <= len(digits) <= 15:
        return None
    return (digits[-10:],)


# -- keys -------------------------------------------------------------------------------------


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower() if tok.lemma_ else tok.lower_


def _modifiers(tok: Token, exclude: Span) -> list[str]:
    mods = []
    for child in tok.children:
        if child.i >= exclude.start and child.i < exclude.end:
            continue
        if child.dep_ in ("compound", "amod", "nmod") and child.pos_ in ("NOUN", "PROPN", "ADJ", "VERB"):
            lem = _lemma(child)
            if lem not in GENERIC_MODIFIERS and child.is_alpha:
                mods.append(lem)
    return mods


def _is_noun(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and not tok.like_num and tok.is_alpha


def _governor(span: Span) -> tuple[Token | None, str | None]:
    """The word the fact hangs on (skipping prepositions, numbers, symbols) and the preposition."""
    root = span.root
    tok = root
    prep: str | None = None
    for _ in range(4):
        head = tok.head
        if head.i == tok.i:
            return None, prep
        if span.start <= head.i < span.end:
            tok = head
            continue
        if head.pos_ == "ADP" or head.dep_ in ("prep", "quantmod") or head.pos_ in ("NUM", "SYM", "PUNCT"):
            if head.pos_ == "ADP" or head.dep_ == "prep":
                prep = head.lower_ if prep is None else prep
            tok = head
            continue
        return head, prep
    return None, prep


def _subject_nouns(verb: Token, span: Span) -> list[Token]:
    order = {"nsubjpass": 0, "nsubj": 1, "dobj": 2, "attr": 3}
    found = [c for c in verb.children if c.dep_ in order and not (span.start <= c.i < span.end) and _is_noun(c)]
    found.sort(key=lambda c: order[c.dep_])
    return found


def _contact_key(span: Span, kind: str) -> tuple[tuple[str, ...], str]:
    """Contact details: keyed by the department they are for (none named: the main contact).

    The department is read from the words the contact hangs on: ``our billing team at X``,
    ``For billing questions, email X``, ``X (sales)``; not from the whole sentence.
    """
    gov, _ = _governor(span)
    words: list[Token] = []
    if gov is not None:
        if gov.pos_ in ("VERB", "AUX"):
            words.extend(c for c in gov.children if c.dep_ in ("dobj", "nsubj", "nsubjpass", "dative"))
            for prep in (c for c in gov.children if c.dep_ == "prep" and c.lower_ in ("for", "about", "regarding")):
                words.extend(p for p in prep.children if p.dep_ == "pobj")
        else:
            words.append(gov)
    words.extend(
        c for c in span.root.children if c.dep_ in ("appos", "compound") and not (span.start <= c.i < span.end)
    )
    depts: set[str] = set()
    for w in words:
        for t in (w, *[c for c in w.children if c.dep_ in ("compound", "amod", "nmod")]):
            lem = _lemma(t)
            if (
                t.pos_ in ("NOUN", "ADJ")
                and t.is_alpha
                and t.ent_type_ not in ("DATE", "TIME")
                and lem not in GENERIC_NOUNS
                and lem not in GENERIC_MODIFIERS
                and lem not in ("question", "query")
            ):
                depts.add(lem)
    if kind == "EMAIL":
        # The mailbox name says what it is for (billing@, returns@), unless it is a generic one.
        local = re.split(r"[._+\-]", span.text.split("@", 1)[0].lower())[0]
        if local.isalpha() and local not in GENERIC_MAILBOXES:
            depts.add(local)
    label = ("phone number" if kind == "PHONE" else "e-mail address") + (
        f" for {' '.join(sorted(depts))}" if depts else ""
    )
    return (kind, *sorted(depts)), label


def _key(span: Span, kind: str) -> tuple[tuple[str, ...], str] | None:
    if kind in ("PHONE", "EMAIL"):
        return _contact_key(span, kind)
    gov, prep = _governor(span)
    period: str | None = None
    while gov is not None and gov.lower_ in UNITS and not (span.start <= gov.i < span.end):
        period = period or gov.lemma_.lower()
        nxt_gov, nxt_prep = _governor(span.doc[gov.i : gov.i + 1])
        gov, prep = nxt_gov, prep or nxt_prep
    qualifiers: list[str] = []
    topic: str | None = None
    verb: Token | None = None
    nouns: list[Token] = []
    # A clause verb hanging on the fact itself ("30 days to return it").
    for child in span.root.children:
        if (
            child.pos_ in ("VERB",)
            and child.dep_ in ("relcl", "acl", "advcl", "xcomp")
            and not (span.start <= child.i < span.end)
        ):
            verb = child
            break
    if gov is not None and _is_noun(gov):
        nouns.append(gov)
        if (
            verb is None
            and gov.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj")
            and gov.head.pos_ in ("VERB", "AUX")
        ):
            verb = gov.head if _lemma(gov.head) not in GENERIC_VERBS else verb
    elif gov is not None and gov.pos_ in ("VERB", "AUX"):
        verb = verb or gov
        nouns.extend(_subject_nouns(gov, span))
        if not nouns:
            for child in gov.children:
                if child.dep_ in ("advcl", "xcomp", "ccomp", "conj") and child.pos_ == "VERB":
                    nouns.extend(_subject_nouns(child, span))
                    if _lemma(gov) in GENERIC_VERBS and _lemma(child) not in GENERIC_VERBS:
                        verb = child
    elif gov is None and verb is None:
        return None
    if verb is not None and gov is not None and gov.pos_ in ("VERB", "AUX") and _lemma(gov) not in GENERIC_VERBS:
        verb = gov
    nouns = nouns[:1]
    for noun in nouns:
        qualifiers.extend(_modifiers(noun, span))
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in QUALIFIER_PREPS:
                qualifiers.extend(
                    _lemma(p)
                    for p in child.children
                    if p.dep_ == "pobj" and _is_noun(p) and _lemma(p) not in GENERIC_NOUNS
                )
    specific = [n for n in nouns if _lemma(n) not in GENERIC_NOUNS]
    if specific:
        topic = _lemma(specific[0])
    elif verb is not None and _lemma(verb) not in GENERIC_VERBS:
        topic = _lemma(verb)
    elif nouns:
        topic = _lemma(nouns[0])
    if verb is not None:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("for",):
                qualifiers.extend(
                    _lemma(p)
                    for p in child.children
                    if p.dep_ == "pobj" and _is_noun(p) and _lemma(p) not in GENERIC_NOUNS and _lemma(p) != topic
                )
    if topic is None:
        return None
    aspect = "amount"
    if kind == "DURATION":
        vlem = _lemma(verb) if verb is not None else ""
        process = vlem in PROCESS_VERBS or (prep == "in" and vlem not in ("", "be"))
        aspect = "processing time" if process else "time limit"
    elif kind in ("MONEY", "PERCENT"):
        if prep in THRESHOLD_PREPS:
            aspect = "threshold"
        elif verb is not None and _lemma(verb) not in PRICE_VERBS:
            # "We've added a $10 credit", "I've refunded $25": a one-off action, not a price.
            return None
        nxt = span.doc[span.end : span.end + 2]
        if len(nxt) == 2 and nxt[0].lower_ in ("per", "a", "/", "every") and nxt[1].lower_ in UNITS:
            period = nxt[1].lemma_.lower()
        if period:
            aspect = f"per {period}"
    quals = sorted(set(q for q in qualifiers if q != topic))
    label = " ".join([*quals, topic]) + f" ({aspect})"
    return (kind, topic, aspect, *quals), label


# -- the check --------------------------------------------------------------------------------


class ConsistencyChecker:
    """Compiled once per pipeline; :meth:`facts` and :meth:`conflicts` are read-only."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.matcher = Matcher(nlp.vocab)
        for label, patterns in PATTERNS.items():
            self.matcher.add(label, patterns)

    def facts(self, doc: Doc, offset: int = 0) -> list[Fact]:
        """The keyed facts of a parsed text; offsets are shifted by ``offset``."""
        spans: list[Span] = []
        for match_id, start, end in self.matcher(doc):
            spans.append(Span(doc, start, end, label=self.nlp.vocab.strings[match_id]))
        out: list[Fact] = []
        for span in filter_spans(spans):
            kind = span.label_
            value: tuple[object, ...] | None
            if kind == "DURATION":
                value = _duration_value(span)
            elif kind == "MONEY":
                value = _money_value(span)
            elif kind == "PERCENT":
                num = next((n for t in span if (n := _number(t)) is not None), None)
                value = (round(num, 2),) if num is not None else None
            elif kind == "PHONE":
                value = _phone_value(span)
            else:
                value = (span.text.lower().strip(".,;:"),)
            if value is None:
                continue
            keyed = _key(span, kind)
            if keyed is None:
                continue
            key, label = keyed
            out.append(Fact(kind, key, value, offset + span.start_char, offset + span.end_char, span.text, label))
        return out

    def candidate_paragraphs(self, text: str) -> list[tuple[int, str]]:
        """Paragraphs of a (normalised) text that contain a possible fact, with their offsets.

        The patterns only use lexical attributes, so the tokenizer alone finds candidates; only
        those paragraphs get the full parse (most macros have none or one).
        """
        hit_chars: list[int] = []
        for a, b in bounded_pieces(text):  # spaCy refuses texts over nlp.max_length
            doc = self.nlp.make_doc(text[a:b])
            hit_chars += [a + doc[start].idx for _, start, _end in self.matcher(doc)]
        if not hit_chars:
            return []
        bounds = [0]
        for m in _PARAGRAPH_BREAK.finditer(text):
            bounds.append(m.end())
        bounds.append(len(text) + 1)
        chosen = {bisect.bisect_right(bounds, char) - 1 for char in hit_chars}
        out: list[tuple[int, str]] = []
        for k in sorted(chosen):
            paragraph = text[bounds[k] : bounds[k + 1]]
            out += [(bounds[k] + a, paragraph[a:b]) for a, b in bounded_pieces(paragraph)]
        return out

    def conflicts(self, texts: Sequence[str], batch_size: int = 64) -> list[Conflict]:
        per_key: dict[tuple[str, ...], dict[int, list[Fact]]] = defaultdict(lambda: defaultdict(list))
        chunks: list[tuple[int, int, str]] = []  # (text index, offset, paragraph)
        for k, text in enumerate(texts):
            for offset, para in self.candidate_paragraphs(normalize(text)):
                chunks.append((k, offset, para))
        skip = [name for name in ("ner",) if name in self.nlp.pipe_names]
        docs = self.nlp.pipe((c[2] for c in chunks), batch_size=batch_size, disable=skip)
        for (k, offset, _), doc in zip(chunks, docs, strict=True):
            for fact in self.facts(doc, offset):
                per_key[fact.key][k].append(fact)
        out: list[Conflict] = []
        for key, by_text in per_key.items():
            # A text giving several values for one key enumerates cases: leave it out.
            single = {k: facts for k, facts in by_text.items() if len({f.value for f in facts}) == 1}
            values = {facts[0].value for facts in single.values()}
            if len(single) < 2 or len(values) < 2:
                continue
            pairs = tuple((k, facts[0]) for k, facts in sorted(single.items()))
            out.append(Conflict(key, pairs[0][1].label, pairs))
        return out


def _describe(fact: Fact, where: str, title: str | None) -> str:
    return f"'{fact.text}' at {where}" + (f" ({title})" if title else "")


def library_findings(
    nlp: Language,
    texts: Sequence[LibraryText],
    *,
    severity: Severity = Severity.WARNING,
    max_others: int = 3,
) -> dict[int, list[Finding]]:
    """``inconsistent-fact`` findings by index of ``texts`` (offsets into each text)."""
    checker = ConsistencyChecker(nlp)
    result: dict[int, list[Finding]] = defaultdict(list)
    for conflict in checker.conflicts([t.text for t in texts]):
        for k, fact in conflict.facts:
            others = [(j, f) for j, f in conflict.facts if f.value != fact.value]
            shown = [_describe(f, texts[j].locate(f.start), texts[j].title) for j, f in others[:max_others]]
            more = f" and {len(others) - max_others} more" if len(others) > max_others else ""
            text = texts[k].text
            line = text.count("\n", 0, fact.start) + 1
            column = fact.start - (text.rfind("\n", 0, fact.start) + 1) + 1
            result[k].append(
                Finding(
                    rule=RULE_ID,
                    severity=severity,
                    message=f"{conflict.label}: '{fact.text}' here, but {', '.join(shown)}{more}",
                    start=fact.start,
                    end=fact.end,
                    line=line,
                    column=column,
                    text=text[fact.start : fact.end],
                    suggestion="Agree on one figure and use it in every macro (or say which case each one covers)",
                )
            )
    return dict(result)


__all__ = ["Conflict", "ConsistencyChecker", "Fact", "LibraryText", "library_findings"]
