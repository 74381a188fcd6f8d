"""jargon: internal terms, unexplained acronyms and hard-to-read text in the draft."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

from pydantic import Field
from spacy.attrs import IS_ALPHA, LEMMA, LOWER, ORTH
from spacy.tokens import Doc, Token

from replylint.analysis.doccache import doc_text
from replylint.analysis.grade import flesch_kincaid_grade
from replylint.context import Context
from replylint.models import Severity
from replylint.rules.base import Example, Hit, Outcome, Rule, RuleOptions

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,6}s?$")
# the first two characters of any acronym, found in the text in one pass (a quick necessary test)
_ACRONYM_START = re.compile(r"[A-Z][A-Z0-9&]")
_MAX_NGRAM = 4
# what a sign-off of agent initials or a first name starts with: "^MM", "-TLT", "*TMT", "~AT"
_SIGN_PREFIX = frozenset({"^", "-", "*", "~", "/", "\u2013", "\u2014"})
# the words of a customer message, for "did the customer use this term first?"
_WORDS = re.compile(r"[^\W_]+(?:[&'][^\W_]+)*")


class JargonOptions(RuleOptions):
    terms: dict[str, str] = Field(default_factory=dict, description="extra jargon terms -> plain-language suggestion")
    allow: list[str] = Field(default_factory=list, description="terms and acronyms never flagged")
    acronyms: bool = Field(default=True, description="flag all-caps acronyms not explained in the text")
    max_grade: float | None = Field(
        default=14.0, description="Flesch-Kincaid grade ceiling of the whole draft (None: off)"
    )
    min_words_for_grade: int = Field(
        default=40, ge=1, description="drafts shorter than this are not graded (the formula is unstable)"
    )
    technical_audience: bool = Field(
        default=True,
        description="a technical customer message (code, stack trace, versions, commands, technical words) "
        "may be answered in technical terms: only internal terms and codes are flagged",
    )


@dataclass(frozen=True)
class _Table:
    """Jargon n-grams (up to ``_MAX_NGRAM`` tokens): all-caps terms match case-sensitively on the
    token text, the others on lower-cased text or lemma. ``starts`` holds every first token, so
    most positions are ruled out with one set lookup."""

    exact: dict[tuple[str, ...], str]
    folded: dict[tuple[str, ...], str]
    starts: frozenset[str]
    start_ids: frozenset[int]  # the string-store ids of ``starts`` (what Doc.to_array returns)


def _is_caps(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


class Jargon(Rule):
    id = "jargon"
    summary = "No internal terms, unexplained acronyms or hard-to-read text in the draft."
    why = (
        "Customers don't speak your team's language. A reply full of internal terms or acronyms "
        "makes them ask again, or feel talked down to; plain words resolve the ticket in one go."
    )
    default_severity = Severity.WARNING
    precision = 0.39  # 21 of 54 warning/error findings right (benchmarks/findings.py)
    yields_to = (("placeholder", "span"),)  # "TODO", "XXX" are left-over markers, not acronyms
    Options = JargonOptions
    bad = (
        Example(
            draft="I've moved your ticket to the L2 escalation queue; per our SLA they'll pick it up once the hotfix is deployed.",
            note="internal terms: L2, escalation queue, SLA, hotfix",
        ),
        Example(
            draft="Please clear your cache and check the TTL on your CNAME before trying again.",
        ),
    )
    good = (
        Example(
            draft="I've passed your request to our specialist team; they reply within one working day, and I'll follow up with you on Friday.",
            expect="passed",
        ),
        Example(
            draft="Our service level agreement (SLA) promises a reply within four hours, so you'll hear from us by 3pm.",
            expect="passed",
            note="an acronym explained in the same text is fine",
        ),
    )

    def __init__(self) -> None:
        # Term tables by (toolkit, options). Entries hold the toolkit and options objects so their
        # ids cannot be reused while cached; a lookup is two id() calls, not a sort of the terms.
        self._tables: dict[tuple[int, int], tuple[Any, Any, _Table]] = {}
        self._lock = threading.Lock()

    # -- term table ---------------------------------------------------------------------------
    def _table(self, ctx: Context, options: JargonOptions) -> _Table:
        key = (id(ctx.toolkit), id(options))
        cached = self._tables.get(key)
        if cached is not None:
            return cached[2]
        base: dict[str, str] = dict(ctx.toolkit.data.get("jargon_terms", {}) or {})
        base.update(options.terms)
        allow = {a.lower() for a in options.allow}
        tokenizer = ctx.toolkit.nlp.tokenizer
        exact: dict[tuple[str, ...], str] = {}
        folded: dict[tuple[str, ...], str] = {}
        for term, suggestion in base.items():
            if term.lower() in allow:
                continue
            toks = tuple(t.text for t in tokenizer(str(term)) if not t.is_space)
            if not toks or len(toks) > _MAX_NGRAM:
                continue
            if _is_caps(str(term)):
                exact[toks] = str(suggestion)
            else:
                folded[tuple(t.lower() for t in toks)] = str(suggestion)
        starts = frozenset([k[0] for k in exact] + [k[0] for k in folded])
        strings = ctx.toolkit.nlp.vocab.strings
        table = _Table(exact, folded, starts, frozenset(strings[s] for s in starts))
        with self._lock:
            if len(self._tables) > 16:
                self._tables.clear()
            self._tables[key] = (ctx.toolkit, options, table)
        return table

    # -- checks ---------------------------------------------------------------------------------
    def check(self, ctx: Context, options: Any) -> Outcome:
        assert isinstance(options, JargonOptions)
        doc = ctx.draft_doc
        hits: list[Hit] = []
        covered: set[int] = set()
        table = self._table(ctx, options)
        audience = _audience(ctx, options)
        own_terms = {t.lower() for t in options.terms}
        signoff = _signoff_start(doc)
        strings = doc.vocab.strings
        size = len(doc)
        # The tokens' text, lower-case and lemma ids in one call (no Token objects). A term can
        # start only where the text, lower case or lower-cased lemma is in ``starts``: compared by
        # id (equal strings have equal ids), except a lemma differing from both text and lower
        # case, which may need lower-casing. A colliding id only adds a candidate, which the
        # string lookups below then reject.
        orths: list[int] = []
        low_ids: list[int] = []
        lemma_ids: list[int] = []
        n_alpha = 0
        if size:
            orths, low_ids, lemma_ids, alpha = doc.to_array([ORTH, LOWER, LEMMA, IS_ALPHA]).T.tolist()
            n_alpha = sum(alpha)
        starts = table.starts
        ids = table.start_ids
        candidates = [
            i
            for i in range(size)
            if orths[i] in ids
            or low_ids[i] in ids
            or lemma_ids[i] in ids
            or (lemma_ids[i] != orths[i] and lemma_ids[i] != low_ids[i] and strings[lemma_ids[i]].lower() in starts)
        ]
        # an n-gram is a tuple of strings; the order of the lookups - longest n first, then text,
        # lower case, lemma - decides which term wins
        for i in candidates:
            if i in covered:
                continue
            if i >= signoff or _skip_token(doc[i]):
                continue
            # the strings of the longest n-gram from here; shorter ones are its prefixes
            texts = [strings[x] for x in orths[i : i + _MAX_NGRAM]]
            lowers = [strings[x] for x in low_ids[i : i + _MAX_NGRAM]]
            lemmas = [strings[x].lower() for x in lemma_ids[i : i + _MAX_NGRAM]]
            for n in range(min(_MAX_NGRAM, size - i), 0, -1):
                suggestion = table.exact.get(tuple(texts[:n]))
                if suggestion is None:
                    suggestion = table.folded.get(tuple(lowers[:n]))
                if suggestion is None:
                    suggestion = table.folded.get(tuple(lemmas[:n]))
                if suggestion is None:
                    continue
                span = doc[i : i + n]
                if n == 1 and _is_caps(span.text) and _explained(doc, span[0], span.text):
                    break
                if audience.knows(span.text):
                    break  # the customer used it first, or reads technical terms
                hits.append(
                    Hit(
                        span.start_char,
                        span.end_char,
                        f"'{span.text}' is internal or technical language a customer may not know",
                        suggestion=f"say '{suggestion}'",
                        # a term the team listed itself is jargon by their own word
                        certain=span.text.lower() in own_terms,
                    )
                )
                covered.update(range(i, i + n))
                break
        if options.acronyms and not audience.technical:
            hits += self._acronyms(ctx, options, covered | set(range(signoff, size)), orths)
        if options.max_grade is not None:
            hits += self._grade(ctx, options, n_alpha)
        hits.sort(key=lambda h: (h.start, h.end))
        if hits:
            return Outcome.failed(hits, f"{len(hits)} jargon or readability problem(s)")
        return Outcome.passed(message="plain language")

    def _acronyms(self, ctx: Context, options: JargonOptions, covered: set[int], orths: list[int]) -> list[Hit]:
        doc = ctx.draft_doc
        hits: list[Hit] = []
        if _ACRONYM_START.search(doc_text(doc)) is None:
            return hits  # no token can be an acronym: none starts with two capitals/digits
        strings = doc.vocab.strings
        texts = [strings[x] for x in orths]
        seen: set[str] = set()
        # what explains an acronym is built at the first candidate: most drafts have none
        explained_by: tuple[set[str], set[str], str] | None = None
        for i, text in enumerate(texts):
            if i in covered or not _ACRONYM.match(text):
                continue
            tok = doc[i]
            if _skip_token(tok):
                continue
            if sum(c.isupper() for c in text) < 2:
                continue
            if explained_by is None:
                explained_by = self._explainers(ctx, options)
            allow, customer_upper, initials = explained_by
            core = text[:-1] if text.endswith("s") and text[:-1].isupper() else text
            if core.upper() in allow or core in seen or core.upper() in customer_upper:
                continue
            if len(core) >= 3 and core.isalpha() and core.upper() in initials:
                continue
            if _shouting(tok) or _explained(doc, tok, core):
                continue
            seen.add(core)
            hits.append(
                Hit(
                    tok.idx,
                    tok.idx + len(text),
                    f"unexplained acronym '{text}'",
                    suggestion=f"spell it out the first time: 'words ({core})', or use plain words",
                )
            )
        return hits

    @staticmethod
    def _explainers(ctx: Context, options: JargonOptions) -> tuple[set[str], set[str], str]:
        """Allowed acronyms, the customer's words (upper case) and the initials of the customer's
        words: an acronym in any of them needs no explaining."""
        allow = {a.upper() for a in ctx.toolkit.data.get("acronym_allow", []) or []}
        allow |= {a.upper() for a in options.allow}
        customer_upper = {w.upper() for w in _WORDS.findall(ctx.customer or "")}
        # The customer's own words explain an acronym too ("open source software" -> OSS).
        initials = ""
        if ctx.customer_doc is not None:
            initials = "".join(t.text[0].upper() for t in ctx.customer_doc if t.is_alpha)
        return allow, customer_upper, initials

    def _grade(self, ctx: Context, options: JargonOptions, n_alpha: int) -> list[Hit]:
        doc = ctx.draft_doc
        if n_alpha < options.min_words_for_grade or options.max_grade is None:
            return []
        grade = float(flesch_kincaid_grade(doc_text(doc)))
        if grade <= options.max_grade:
            return []
        worst = None
        worst_grade = -1e9
        for sent in doc.sents:
            if sum(1 for t in sent if t.is_alpha) < 8:
                continue
            g = float(flesch_kincaid_grade(sent.text))
            if g > worst_grade:
                worst, worst_grade = sent, g
        if worst is None:
            start, end = 0, len(ctx.draft)
        else:
            start, end = worst.start_char, worst.end_char
        return [
            Hit(
                start,
                end,
                f"hard to read: grade level {grade:.1f} is above the ceiling of {options.max_grade:g}",
                suggestion="use shorter sentences and everyday words; this sentence is the hardest",
            )
        ]


def _skip_token(tok: Token) -> bool:
    if tok.like_url or tok.like_email or tok.is_space or tok.is_punct:
        return True
    if tok.i > 0:
        prev = tok.doc[tok.i - 1]
        if prev.text in {"^", "@", "#", "*"} and prev.idx + len(prev.text) == tok.idx:
            return True
    return tok.text.startswith(("@", "#", "^"))


def _shouting(tok: Token) -> bool:
    sent = tok.sent if tok.doc.has_annotation("SENT_START") else tok.doc[:]
    alpha = [t for t in sent if t.is_alpha and len(t.text) > 1]
    if len(alpha) < 4:
        return False
    upper = sum(1 for t in alpha if t.is_upper)
    return upper / len(alpha) > 0.5


def _initials_match(words: list[Token], acronym: str) -> bool:
    letters = [w.text[0].upper() for w in words if w.is_alpha and w.text[0].isalpha()]
    target = [c for c in acronym.upper() if c.isalpha()]
    if not target:
        return False
    joined = "".join(letters)
    return "".join(target) in joined and len(letters) <= len(target) + 3


_EXPLAINED = "replylint.jargon.explained"


def _explained(doc: Doc, tok: Token, core: str) -> bool:
    """True when the acronym is expanded next to it anywhere in the text: 'words (ACR)' or 'ACR (words)'.

    Answered once per doc and acronym from an index of the doc's token texts (asking for every
    occurrence by scanning the doc was quadratic: 24 s on a 100 kB draft)."""
    memo: tuple[dict[tuple[str, str], bool], dict[str, list[int]]] | None = doc.user_data.get(_EXPLAINED)
    if memo is None:
        positions: dict[str, list[int]] = {}
        for i, text in enumerate(doc.to_array(ORTH).tolist()):
            positions.setdefault(doc.vocab.strings[text], []).append(i)
        memo = doc.user_data[_EXPLAINED] = ({}, positions)
    answers, index = memo
    key = (tok.text, core)
    if key not in answers:
        answers[key] = _expanded(doc, sorted({*index.get(tok.text, ()), *index.get(core, ())}), core)
    return answers[key]


def _expanded(doc: Doc, positions: list[int], core: str) -> bool:
    """True when one of the tokens at ``positions`` is spelt out beside it."""
    n = len([c for c in core if c.isalpha()])
    for i in positions:
        if i > 0 and doc[i - 1].text == "(" and i + 1 < len(doc) and doc[i + 1].text == ")":
            before = [w for w in doc[max(0, i - 1 - n - 3) : i - 1] if w.is_alpha]
            if _initials_match(before[-(n + 2) :], core):
                return True
        if i + 1 < len(doc) and doc[i + 1].text == "(":
            close = next((j for j in range(i + 2, min(len(doc), i + 2 + n + 6)) if doc[j].text == ")"), None)
            if close is not None and _initials_match(list(doc[i + 2 : close]), core):
                return True
    return False


def _signoff_start(doc: Doc) -> int:
    """Where the agent's sign-off starts ("... ^MM", "... -TLT", "... * TMT https://t.co/x"): a
    sign character and one word at the very end of the draft (links and spaces after it aside);
    ``len(doc)`` when there is none. Initials there are a signature, not an acronym."""
    end = len(doc)
    while end > 0 and (doc[end - 1].is_space or doc[end - 1].like_url or doc[end - 1].text in {".", "!"}):
        end -= 1
    if end >= 2 and doc[end - 1].is_alpha and doc[end - 2].text in _SIGN_PREFIX and _after_break(doc, end - 2):
        return end - 2
    if end >= 1 and doc[end - 1].text[:1] in _SIGN_PREFIX and doc[end - 1].text[1:].isalpha():
        return end - 1 if _after_break(doc, end - 1) else end
    return end


def _after_break(doc: Doc, i: int) -> bool:
    """True when token ``i`` does not continue a word ("check-in" is no sign-off)."""
    idx = doc[i].idx
    return idx == 0 or not doc.text[idx - 1].isalnum()


@dataclass(frozen=True)
class _Audience:
    """Who the draft answers: the words the customer wrote, and whether they wrote technically."""

    words: frozenset[str]  # lower-cased words and lemmas of the customer message
    text: str  # the customer message, lower-cased, spaces collapsed
    technical: bool
    internal: frozenset[str]  # lower-cased terms that stay jargon for a technical reader

    def knows(self, term: str) -> bool:
        """True when the customer used ``term`` first, or reads technical terms and it is not an
        internal one."""
        low = " ".join(term.lower().split())
        if self.technical and low not in self.internal:
            return True
        if " " not in low:
            return low in self.words
        return re.search(rf"(?<!\w){re.escape(low)}(?!\w)", self.text) is not None


_TECH_STRONG = re.compile(
    r"```|^(?: {4}|\t)\S|Traceback \(most recent call last\)|^\s+at [\w.$<>]+\(|"
    r"\b\w+(?:Error|Exception)\b|^\s*[$#>] \w|\b(?:sudo|npm|pip|git|brew|apt(?:-get)?|docker|kubectl|curl|ssh) \w",
    re.MULTILINE,
)
_TECH_VERSION = re.compile(r"\bv?\d+\.\d+\.\d+\b|\bversion \d|\bv\d+(?:\.\d+)+\b", re.IGNORECASE)
_TECH_PATH = re.compile(
    r"(?<![\w/:.])(?:~|\.{1,2})?/[\w.-]+/[\w./-]+|\b[A-Z]:\\\w|\b[\w-]+\.(?:json|ya?ml|xml|py|js|ts|log|exe|dll|sh|conf|ini|toml|cfg)\b"
)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def is_technical(text: str, vocabulary: frozenset[str]) -> bool:
    """True when a customer message reads as a technical user's: code, a stack trace or a command
    line; or two of: a version string, a file path, two words of the technical vocabulary."""
    text = _URL.sub(" ", text)
    if _TECH_STRONG.search(text):
        return True
    words = {w.lower() for w in _WORDS.findall(text)}
    signals = (
        _TECH_VERSION.search(text) is not None,
        _TECH_PATH.search(text) is not None,
        len(words & vocabulary) >= 2,
    )
    return sum(signals) >= 2 or len(words & vocabulary) >= 4


def _audience(ctx: Context, options: JargonOptions) -> _Audience:
    """The customer's words and technicality, computed once per check."""

    def compute() -> _Audience:
        data = ctx.toolkit.data
        internal = frozenset(str(t).lower() for t in data.get("jargon_internal", []) or [])
        customer = ctx.customer or ""
        words = {w.lower() for w in _WORDS.findall(customer)}
        if ctx.customer_doc is not None:
            words |= {t.lemma_.lower() for t in ctx.customer_doc if t.is_alpha}
        vocabulary = frozenset(str(t).lower() for t in data.get("technical_vocabulary", []) or [])
        technical = options.technical_audience and bool(customer) and is_technical(customer, vocabulary)
        return _Audience(frozenset(words), " ".join(customer.lower().split()), technical, internal)

    return ctx.memo(f"replylint.jargon.audience.{options.technical_audience}", compute)
