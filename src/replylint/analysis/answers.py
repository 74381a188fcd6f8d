"""Decide, for each customer question, whether the draft reply answers it, and where.

For every draft sentence the matcher first reads what the sentence *does* (one pass per draft,
shared by all questions): deflects ("DM us", "tell us more"), asks back (a clarifying question),
commits to an action ("I've issued", "we'll send"), declines ("we don't offer ..."), says yes or
no, gives a time, an amount, a reason, instructions or a link. Each question is then scored
against each sentence:

* **topic** — how much of the question's focus the sentence talks about: shared lemmas, noun
  chunks and entities, widened by the support-domain synonym table in ``rules/synonyms.yml``
  (refund ~ money back, cancel ~ close account ...), through a :class:`Similarity` backend
  (lexical by default; an embeddings backend can be plugged in);
* **type** — whether the sentence gives the kind of answer the question asks for (a time for a
  when-question, an amount for how-much, yes/no for a yes/no question, steps for how, a reason for
  why, a commitment or a reasoned decline for a request).

A sentence that only deflects or asks back never answers, as the rubric says; neither does a
whole reply made only of such sentences unless ``deflection_answers`` is set.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import pydantic
import spacy
from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token

from replylint.analysis.doccache import Ranges, Within, doc_text, noun_chunks_in
from replylint.analysis.mail import quoted_spans
from replylint.analysis.questions import QuestionFact
from replylint.analysis.questions.rule_pack import _load_pack

__all__ = [
    "ENTITY_ANSWER_TYPES",
    "AnswerFact",
    "AnswerMatcher",
    "AnswerOptions",
    "DraftSentence",
    "LexicalSimilarity",
    "Similarity",
]


@dataclass(frozen=True, slots=True)
class AnswerFact:
    """Whether (and where) the draft answers one customer question."""

    question: QuestionFact
    answered: bool
    start: int | None
    end: int | None
    score: float
    reason: str
    #: The calibrated probability that the draft answers it (the learned decision), when made.
    probability: float | None = None
    #: The features that moved that probability most ("best_commits +0.81").
    drivers: tuple[str, ...] = ()


class AnswerOptions(pydantic.BaseModel):
    """Options of the question-answered check."""

    model_config = pydantic.ConfigDict(extra="forbid")

    threshold: float = pydantic.Field(0.29, ge=0.0, le=1.0, description="score at which a question counts as answered")
    deflection_answers: bool = pydantic.Field(
        False, description="count a reply that only deflects (DM us, see our FAQ) as an answer"
    )
    extra_synonyms: dict[str, list[str]] = pydantic.Field(
        default_factory=dict, description="extra synonym groups: a head word and the words that mean the same"
    )


@runtime_checkable
class Similarity(Protocol):
    """Topic similarity between a question and a draft sentence, in [0, 1]."""

    def similarity(
        self,
        question: QuestionFact,
        question_concepts: frozenset[str],
        sentence: Span,
        sentence_concepts: frozenset[str],
    ) -> float: ...


class LexicalSimilarity:
    """Share of the question's concepts (lemmas folded by the synonym table) found in the sentence."""

    def similarity(
        self,
        question: QuestionFact,
        question_concepts: frozenset[str],
        sentence: Span,
        sentence_concepts: frozenset[str],
    ) -> float:
        plain = {c for c in question_concepts if not c.startswith("P:")}
        if not plain:
            return 0.0
        shared = {c.removeprefix("P:") for c in question_concepts & sentence_concepts}
        return min(1.0, len(shared) / min(len(plain), 3))


#: Answer types whose verdict hangs on named entities of the draft: DATE/TIME for "when",
#: MONEY/CARDINAL for "how much", GPE/LOC for "where", PERSON/ORG for "who" (without them, "How
#: much is the upgrade?" -> "It is twenty dollars a month." reads as unanswered). NER is about
#: half of the parse, so the Checker runs it on a draft only when one of these types was asked.
#: "What" questions also count an entity as specific information, but only as one signal among
#: several: without NER their scores move (0.57 -> 0.5 on "It's DPD") and no verdict changed in
#: the corpus, the held-out sets or tests/test_deferred_ner.py's cases.
ENTITY_ANSWER_TYPES = frozenset({"when", "how_much", "where", "who"})

_MISSING: dict[str, str] = {
    "when": "gives no time or date for this when-question",
    "how_much": "gives no amount or price for this how-much question",
    "yesno": "does not say yes or no to it",
    "how": "gives no steps or resource for this how-question",
    "why": "gives no reason for this why-question",
    "where": "gives no place or link for this where-question",
    "who": "names no one for this who-question",
    "what": "does not give the information asked for",
    "request": "neither commits to the request nor declines it",
}


@dataclass(frozen=True, slots=True)
class _Sentence:
    span: Span
    concepts: frozenset[str]
    words: tuple[str, ...]
    deflects: bool
    asks_back: bool
    pleasantry: bool
    commits: bool
    declines: bool
    affirms: bool
    time: bool
    amount: bool
    reason: bool
    instructs: bool
    link: bool
    phrases: frozenset[str]
    pointer: bool
    place: bool
    person: bool

    @property
    def substantive(self) -> bool:
        return not (self.deflects or self.asks_back or self.pleasantry)


#: How the matcher reads one draft sentence (what it does, which concepts it names).
DraftSentence = _Sentence


#: A shared answering sentence: scores under this, this far below the best question's, are borrowed.
#: Words of a decline that says a date is not known ("no ETA yet", "we can't say when", "nothing
#: announced"), as opposed to declining something else ("we can't cancel orders once shipped").
_UNKNOWN_TIME = frozenset(
    {
        "eta",
        "date",
        "dates",
        "timeline",
        "timeframe",
        "when",
        "know",
        "known",
        "announce",
        "announced",
        "share",
        "say",
        "confirm",
        "estimate",
        "schedule",
        "scheduled",
        "yet",
        "update",
        "updates",
        "news",
    }
)
_WEAK_SHARED = 0.45
_SHARED_GAP = 0.2

_STOP_CONCEPTS = frozenset(
    {
        "be",
        "have",
        "do",
        "get",
        "can",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "must",
        "go",
        "make",
        "help",
        "please",
        "thank",
        "thanks",
        "know",
        "want",
        "need",
        "like",
        "let",
        "say",
        "tell",
        "ask",
        "see",
        "think",
        "way",
        "thing",
        "issue",
        "problem",
        "question",
        "time",
        "one",
        "just",
        "also",
        "really",
        "hi",
        "hello",
        "hey",
        "sure",
        "us",
        "you",
        "we",
        "i",
        "it",
        "dm",
        "try",
        "look",
        "happy",
        "glad",
        "able",
        "here",
        "there",
        "now",
        "still",
        "use",
        "work",
        "new",
        "good",
        "great",
        "sorry",
        "find",
        # speech and light verbs: "can you explain ...", "what happened" name no topic of their own
        "explain",
        "clarify",
        "happen",
    }
)


def _pair(r: tuple[int, int]) -> tuple[int, int]:
    return r


def _token_bounds(span: Span) -> tuple[int, int]:
    return span.start, span.end


def _stem(word: str) -> str:
    """A light fold so that "permissions"/"permission" and "datum"/"data" meet."""
    if word == "datum":
        return "data"
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss") and not word.endswith("us"):
        return word[:-1]
    return word


class AnswerMatcher:
    """Match customer questions to the draft sentences that answer them."""

    def __init__(
        self,
        vocab: spacy.vocab.Vocab,
        options: AnswerOptions | None = None,
        similarity: Similarity | None = None,
        pack: str = "synonyms.yml",
        data: Mapping[str, Any] | None = None,
        tokenizer: Tokenizer | None = None,
    ) -> None:
        # ``tokenizer``: the loaded pipeline's (the Checker passes it); building a blank English
        # tokenizer just to split the synonym phrases costs ~80 ms of start-up.
        self.options = options or AnswerOptions.model_validate({})
        self.similarity: Similarity = similarity or LexicalSimilarity()
        self.vocab = vocab
        # ``data``: the merged pack data (built-in + team packs) from the Checker, else the file.
        data = dict(data) if data is not None else _load_pack(pack)
        if tokenizer is None:
            tokenizer = English(vocab=vocab).tokenizer

        groups: list[list[str]] = [list(map(str, g)) for g in data.get("synonyms", [])]
        for head, words in self.options.extra_synonyms.items():
            groups.append([head, *words])
        # single words map to a concept id; multi-word phrases are found with a PhraseMatcher
        concept_of: dict[str, str] = {}
        self._phrase_concepts = PhraseMatcher(vocab, attr="LOWER")
        for g in groups:
            cid = "~" + str(g[0]).lower()
            phrases = []
            for w in g:
                w = str(w).lower()
                if " " in w or "-" in w:
                    phrases.append(tokenizer(w))
                else:
                    concept_of.setdefault(w, cid)
            if phrases:
                self._phrase_concepts.add(cid, phrases)
        self._concept_of = concept_of

        self._acts = PhraseMatcher(vocab, attr="LOWER")
        for label, key in (
            ("DEFLECT", "answer_deflection"),
            ("COMMIT", "answer_commitment"),
            ("DECLINE", "answer_decline"),
            ("AFFIRM", "answer_affirmation"),
            ("TIME", "answer_time_words"),
            ("REASON", "answer_reason_words"),
            ("INSTRUCT", "answer_instruction_words"),
            ("HEDGE", "answer_hedges"),
            ("POINTER", "answer_generic_pointers"),
        ):
            act_phrases = [str(p).lower() for p in data.get(key, [])]
            docs = [tokenizer(p) for p in act_phrases] + [
                tokenizer(p.replace("'", "\u2019")) for p in act_phrases if "'" in p
            ]
            self._acts.add(label, docs)
        self._commit_verbs = frozenset(str(v).lower() for v in data.get("answer_commitment_verbs", []))
        self._weak_commit_verbs = frozenset(str(v).lower() for v in data.get("answer_weak_commitment_verbs", []))

    # ------------------------------------------------------------------ concepts
    def _concepts(self, span: Span, tokens: list[Token] | None = None) -> frozenset[str]:
        """``tokens``: ``list(span)`` when the caller has it."""
        out: set[str] = set()
        for t in tokens if tokens is not None else span:
            if t.is_punct or t.is_space or t.like_url or t.text.startswith("@"):
                continue
            if t.pos_ not in {"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV", "X"}:
                continue
            if t.is_stop and t.pos_ not in {"NOUN", "PROPN", "VERB", "NUM"}:
                continue
            lemma = t.lemma_.lower()
            if lemma in _STOP_CONCEPTS or len(lemma) < 2:
                continue
            concept = self._lookup(lemma, t.lower_)
            doc = t.doc
            in_name = (
                t.is_title
                and t.i > span.start
                and (
                    (t.i > 0 and doc[t.i - 1].is_title and doc[t.i - 1].i > span.start)
                    or (t.i + 1 < len(doc) and doc[t.i + 1].is_title)
                )
            )
            if in_name:
                # "Just Read uses ...": a multi-word name, not the verb "read"; a name made of a
                # support word ("Manage Booking") still names that thing
                out.add("P:" + _stem(lemma))
                if concept is not None:
                    out.add(concept)
                continue
            if concept is None:
                # a product name in the draft ("Just Read") is not the verb in the question ("read")
                concept = "P:" + _stem(lemma) if t.pos_ == "PROPN" and t.i > span.start else _stem(lemma)
            out.add(concept)
        for mid, _s, _e in self._phrase_concepts(span):
            out.add(self.vocab.strings[mid])
        return frozenset(out)

    @staticmethod
    def _phrases(span: Span, ents: list[Span] | None = None, chunks: list[Span] | None = None) -> frozenset[str]:
        """Multi-word noun chunks (by lemma, determiners dropped) and named entities of a span:
        "delivery address", "Premium Family", "Garmin Connect". ``ents``, ``chunks``: ``span.ents``
        and ``noun_chunks_in(span)`` when the caller has them."""
        out: set[str] = set()
        doc = span.doc
        if doc.has_annotation("DEP"):
            for chunk in chunks if chunks is not None else noun_chunks_in(span):
                words = [t.lemma_.lower() for t in chunk if not (t.is_stop or t.is_punct or t.pos_ in {"DET", "PRON"})]
                if len(words) >= 2:
                    out.add(" ".join(words))
        for ent in ents if ents is not None else span.ents:
            if ent.label_ in {"PRODUCT", "ORG", "GPE", "WORK_OF_ART", "EVENT", "FAC", "LOC", "PERSON", "LAW"}:
                out.add(ent.text.lower())
        return frozenset(out)

    def _lookup(self, lemma: str, lower: str) -> str | None:
        """The concept of a word: its synonym group, else None (plural and -ing folded)."""
        concept_of = self._concept_of
        c = concept_of.get(lemma)
        if c is None:
            c = concept_of.get(lower)
        if c is None:
            c = concept_of.get(_stem(lemma))  # (stemmed only when the word itself is unknown)
        return c

    def _focus_concepts(self, q: QuestionFact, customer_doc: Doc) -> frozenset[str]:
        out: set[str] = set()
        span = customer_doc.char_span(q.start, q.end, alignment_mode="expand")
        # a noun of the question may be a name in the draft ("the app" ~ "the Acme App"); a verb
        # of the question is never a name ("read" is not the product "Just Read")
        verbs = (
            {t.lemma_.lower() for t in span if t.pos_ in {"VERB", "AUX", "ADJ", "ADV"}} if span is not None else set()
        )
        for f in q.focus:
            if f in _STOP_CONCEPTS:
                continue
            c = self._lookup(f, f)
            if c is not None:
                out.add(c)
            elif f in verbs:
                out.add(_stem(f))
            else:
                out.update({_stem(f), "P:" + _stem(f)})
        if span is not None:
            for mid, _s, _e in self._phrase_concepts(span):
                out.add(self.vocab.strings[mid])
        return frozenset(out)

    # ------------------------------------------------------------------ draft sentences
    def _sentences(self, draft: Doc) -> list[_Sentence]:
        acts: dict[str, list[tuple[int, int]]] = {}
        for mid, s, e in self._acts(draft):
            acts.setdefault(self.vocab.strings[mid], []).append((s, e))
        quoted = quoted_spans(doc_text(draft))
        inside_quotes = Ranges(quoted)
        spans = [sp for sp in self._split(draft) if not inside_quotes.covers(sp.start_char, sp.end_char)]
        # each sentence finds its matches, entities and noun chunks by bisection (a scan of the
        # whole doc's per sentence made a long draft quadratic)
        found = {label: Within(ranges, _pair) for label, ranges in acts.items()}
        deflect = found.get("DEFLECT")
        reply_deflects = deflect is not None and any(deflect.any_inside(sp.start, sp.end) for sp in spans)
        # the doc's entities once (Span.ents builds a Span for every entity of the doc per call)
        ents = Within(draft.ents, _token_bounds)
        # ... and its noun chunks (those inside a sentence are what noun_chunks_in(sentence) finds)
        chunks = Within(
            noun_chunks_in(draft[0 : len(draft)]) if len(draft) and draft.has_annotation("DEP") else [],
            _token_bounds,
        )
        return [
            self._read(
                sent,
                {label: w.inside(sent.start, sent.end) for label, w in found.items()},
                reply_deflects,
                ents.inside(sent.start, sent.end),
                chunks.inside(sent.start, sent.end),
            )
            for sent in spans
        ]

    @staticmethod
    def _split(draft: Doc) -> list[Span]:
        # one Token object per token (draft[i] and iterating a Span build new ones on every access)
        dtoks = list(draft)
        n = len(dtoks)
        spans: list[tuple[int, int]] = []
        for sent in draft.sents:
            start = sent.start
            for t in dtoks[sent.start : sent.end]:
                if t.is_space and "\n" in t.text and t.i > start:
                    prev = dtoks[t.i - 1]
                    nxt = dtoks[t.i + 1] if t.i + 1 < n else None
                    wrapped = (
                        t.text.count("\n") == 1
                        and not prev.is_punct
                        and nxt is not None
                        and (nxt.is_lower or nxt.is_digit)
                    )
                    if wrapped:
                        continue
                    spans.append((start, t.i))
                    start = t.i + 1
            if start < sent.end:
                spans.append((start, sent.end))
        out = []
        for a, b in spans:
            toks = [t for t in dtoks[a:b] if not t.is_space]
            if not toks:
                continue
            s, e = toks[0].i, toks[-1].i + 1
            # drop a leading @mention and a trailing agent signature (^MM, -Becky)
            while s < e and (dtoks[s].text.startswith("@") or dtoks[s].is_punct):
                s += 1
            if e > s:
                out.append(draft[s:e])
        return out

    def _read(
        self,
        sent: Span,
        acts: dict[str, list[tuple[int, int]]],
        reply_deflects: bool = False,
        doc_ents: list[Span] | None = None,
        doc_chunks: list[Span] | None = None,
    ) -> _Sentence:
        # ``acts``: the matches by label, of the doc or of the sentence alone; ``doc_ents``,
        # ``doc_chunks``: entities and noun chunks of the doc or of the sentence alone; the
        # sentence's are those inside it (as Span.ents and noun_chunks_in find them)
        sent_ents = (
            list(sent.ents)
            if doc_ents is None
            else [e for e in doc_ents if e.start >= sent.start and e.end <= sent.end]
        )
        sent_chunks = (
            None if doc_chunks is None else [c for c in doc_chunks if c.start >= sent.start and c.end <= sent.end]
        )

        def has(label: str, first_only: int | None = None) -> bool:
            for s, e in acts.get(label, []):
                if sent.start <= s and e <= sent.end and (first_only is None or s <= sent.start + first_only):
                    return True
            return False

        # the sentence's Token objects once (iterating or indexing a Span builds new ones each time)
        stoks = list(sent)
        toks = [t for t in stoks if not t.is_space and not t.is_punct]
        words = tuple(t.lower_ for t in toks)
        content = [t for t in toks if not t.like_url and not t.text.startswith("@") and not t.text.startswith("^")]
        text_end = stoks[-1].text if stoks else ""
        asks_back = "?" in text_end or (len(stoks) > 1 and any("?" in t.text for t in stoks[-3:] if t.is_punct))
        ents = {e.label_ for e in sent_ents}
        link = any(t.like_url for t in stoks)
        first = content[0] if content else None
        imperative = (
            first is not None
            and first.tag_ == "VB"
            and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in first.children)
        )
        deflect_hit = has("DEFLECT")
        header = text_end == ":"
        # a sentence is a deflection when its business is sending the customer to DM / asking details
        deflects = deflect_hit and not (has("DECLINE") and not has("DEFLECT", 2))
        commits = self._commits(sent, has, stoks)
        declines = has("DECLINE")
        affirms = has("AFFIRM", first_only=1)
        # a clock time the tagger did not label ("by 8:30pm", "at 9am")
        clock = any(t.lower_[:1].isdigit() and t.lower_.endswith(("am", "pm")) and len(t.lower_) <= 7 for t in stoks)
        time = bool(ents & {"DATE", "TIME"}) or self._time_word(sent, acts) or clock
        amount = (
            bool(ents & {"MONEY", "PERCENT", "QUANTITY"})
            or any(t.text in {"$", "£", "€"} or t.lower_ in {"free", "price", "cost", "charge", "5p"} for t in stoks)
            or (bool(ents & {"CARDINAL"}))
        )
        reason = has("REASON")
        instructs = imperative or has("INSTRUCT") or link
        place = bool(ents & {"GPE", "LOC", "FAC"}) or link
        person = bool(ents & {"PERSON", "ORG", "NORP"})
        url_only = bool(toks) and all(t.like_url or t.text.startswith("^") for t in toks)
        # a link offered on its own ("Maybe this helps? <link>") is a resource for the question,
        # unless the reply is sending the customer to DM (then it is the DM link)
        resource = link and not deflect_hit and not reply_deflects
        if resource:
            asks_back = False
        thanks_only = (
            bool(words)
            and (words[0] in {"thanks", "thank", "thx"})
            and not (commits or declines or affirms or amount or time or link)
        )
        pleasantry = (
            header
            or thanks_only
            or (url_only and not resource)
            or (
                len(content) <= 6
                and not (commits or declines or affirms or amount or time or link)
                and (
                    any(
                        w
                        in {
                            "thanks",
                            "thank",
                            "welcome",
                            "sorry",
                            "apologize",
                            "apologies",
                            "hi",
                            "hello",
                            "hey",
                            "glad",
                            "great",
                            "awesome",
                            "understand",
                            "cheers",
                            "regards",
                        }
                        for w in words
                    )
                    or len(content) <= 1
                )
            )
        )
        if asks_back and (commits or declines) and not deflect_hit:
            asks_back = False  # "Sure, I can process that?" style: the action is still stated
        if (
            asks_back
            and (affirms or has("INSTRUCT"))
            and len(content) > 4
            and any(w in {"if", "once", "as"} for w in words[:2])
        ):
            asks_back = False
        pointer = has("POINTER")
        return _Sentence(
            sent,
            self._concepts(sent, stoks),
            words,
            deflects,
            asks_back,
            pleasantry,
            commits,
            declines,
            affirms,
            time,
            amount,
            reason,
            instructs,
            link,
            self._phrases(sent, sent_ents, sent_chunks),
            pointer,
            place,
            person,
        )

    @staticmethod
    def _time_word(sent: Span, acts: dict[str, list[tuple[int, int]]]) -> bool:
        """A time word of the pack in the sentence, other than a conjunction that opens a clause:
        "once they have shipped", "before you restart", "when it arrives" state a condition, not a
        time ("after 5pm", "within two days", "once a week" do)."""
        doc = sent.doc
        for s, e in acts.get("TIME", []):
            if not (sent.start <= s and e <= sent.end):
                continue
            if e - s == 1 and (doc[s].dep_ == "mark" or doc[s].pos_ == "SCONJ") and doc[s].head.pos_ in ("VERB", "AUX"):
                continue
            return True
        return False

    def _commits(self, sent: Span, has: Any, tokens: list[Token] | None = None) -> bool:
        """The draft does, did or will do something: "I've issued", "we'll send", "it has been
        cancelled". Promising only to look into it ("we'll look into this") is not doing it.
        ``tokens``: ``list(sent)`` when the caller has it."""
        if has("HEDGE"):
            return False
        if tokens is None:
            tokens = list(sent)
        for t in tokens:
            lemma = t.lemma_.lower()
            if lemma not in self._commit_verbs or lemma in self._weak_commit_verbs or t.pos_ not in {"VERB", "AUX"}:
                continue
            if any(c.dep_ == "neg" for c in t.children):
                continue
            subj = [c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}]
            auxes = {c.lower_ for c in t.children if c.dep_ in {"aux", "auxpass"}}
            if not subj and t.dep_ == "conj" and t.head.pos_ in {"VERB", "AUX"}:
                # "we'll review the matches and ban the account": subject and modal of the first verb
                subj = [c for c in t.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
                auxes |= {c.lower_ for c in t.head.children if c.dep_ in {"aux", "auxpass"}}
            # "our team will ...", "our engineers have ...": the company as subject
            ours = any(s.pos_ in {"NOUN", "PROPN"} and any(c.lower_ == "our" for c in s.children) for s in subj)
            if any(s.lower_ in {"i", "we"} for s in subj) or ours:
                if t.tag_ in {"VBD", "VBN"} or auxes & {
                    "'ll",
                    "will",
                    "'ve",
                    "have",
                    "has",
                    "can",
                    "'m",
                    "am",
                    "are",
                    "'re",
                    "going",
                    "shall",
                }:
                    return True
            if subj and t.tag_ == "VBN" and auxes & {"been", "be"}:
                return True  # "your refund has been issued", "it will be sent"
            if subj and t.tag_ == "VBN" and auxes & {"is", "are", "'s", "’s"} and all(self._specific(x) for x in subj):
                return True  # "order #4471 is cancelled", "your card is unblocked" (not "refunds are issued")
            if t.dep_ in {"acomp", "oprd"} and t.tag_ in {"JJ", "VBN"} and self._done_state(t):
                return True  # "your account is now closed", "the order is cancelled"
        return has("COMMIT", 2) and any(
            w.lower_ in {"help", "done", "sure", "course", "absolutely"} for w in tokens[:4]
        )

    @staticmethod
    def _specific(subject: Token) -> bool:
        """This customer's thing, not a general class: "your order", "order #4471", "it"."""
        if subject.lower_ in {"it", "this", "that"}:
            return True
        return any(
            c.dep_ == "poss"
            or c.lower_ in {"the", "this", "that"}
            or (c.dep_ in {"appos", "nummod"} and any(x.like_num for x in c.subtree))
            for c in subject.children
        )

    def _done_state(self, t: Token) -> bool:
        """A participle-like state after "be" that reports an action done ("is now closed")."""
        low = t.lower_
        stems = {
            t.lemma_.lower(),
            low[:-1] if low.endswith("d") else low,
            low[:-2] if low.endswith("ed") else low,
            low[:-3] if low.endswith("led") else low,
        }
        if not stems & self._commit_verbs or stems & self._weak_commit_verbs:
            return False
        be = t.head
        if (
            be.lemma_.lower() != "be"
            or any(c.dep_ == "neg" for c in be.children)
            or not any(c.dep_ in {"nsubj", "nsubjpass"} for c in be.children)
        ):
            return False
        return be.tag_ in {"VBZ", "VBP"} or any(c.lower_ in {"now", "already"} for c in [*be.children, *t.children])

    # ------------------------------------------------------------------ scoring
    def read_sentences(self, draft: Doc) -> list[DraftSentence]:
        """The draft's sentences as the matcher reads them (pass them to ``match`` when they are
        needed elsewhere too, so that the draft is read once)."""
        return self._sentences(draft)

    def match(
        self,
        questions: list[QuestionFact],
        customer_doc: Doc,
        draft_doc: Doc,
        sentences: list[DraftSentence] | None = None,
    ) -> list[AnswerFact]:
        if not questions:
            return []  # nothing to answer: the draft's sentences need no reading
        if sentences is None:
            sentences = self._sentences(draft_doc)
        only_deflects = not any(s.substantive and not s.pointer for s in sentences) and any(
            s.deflects or s.asks_back or s.pointer for s in sentences
        )
        single = len(questions) == 1
        concepts = [self._focus_concepts(q, customer_doc) for q in questions]
        # how many of the customer's questions mention each concept: a word all of them share
        # ("delivery" in three delivery questions) says little about which one a sentence answers
        df: dict[str, int] = {}
        for qc in concepts:
            for c in {c.removeprefix("P:") for c in qc}:
                df[c] = df.get(c, 0) + 1
        out: list[AnswerFact] = []
        for q, qc in zip(questions, concepts, strict=False):
            pred = self._predicate(q, customer_doc)
            span = customer_doc.char_span(q.start, q.end, alignment_mode="expand")
            qphr = self._phrases(span) if span is not None else frozenset()
            out.append(self._match_one(q, qc, sentences, only_deflects, single, df, pred, qphr))
        return self._unshare(out)

    @staticmethod
    def _unshare(answers: list[AnswerFact]) -> list[AnswerFact]:
        """One sentence, several questions: a weak match to a sentence that clearly answers another
        question is borrowed ("I've sent a replacement" answers "can you send a replacement?", not
        "can I keep the broken one?"). Close scores are kept: one sentence may answer two asks."""
        best: dict[int, float] = {}
        for a in answers:
            if a.answered and a.start is not None:
                best[a.start] = max(best.get(a.start, 0.0), a.score)
        out = []
        for a in answers:
            top = best.get(a.start, 0.0) if a.answered and a.start is not None else 0.0
            if a.answered and a.score < _WEAK_SHARED and top - a.score >= _SHARED_GAP:
                a = AnswerFact(
                    a.question,
                    False,
                    a.start,
                    a.end,
                    a.score,
                    f"the sentence that mentions it answers another question ({a.reason})",
                )
            out.append(a)
        return out

    def _predicate(self, q: QuestionFact, customer_doc: Doc) -> str | None:
        """The concept a yes/no question is about: its main verb ("can I *change* ..."), or the
        predicate of "be" ("is the store *open*"); None when only a light verb is there."""
        if q.answer_type != "yesno":
            return None
        span = customer_doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            return None
        for t in span:
            if t.pos_ == "VERB" and t.dep_ not in {"aux", "auxpass", "amod", "compound"}:
                lemma = t.lemma_.lower()
                if lemma not in _STOP_CONCEPTS:
                    return self._lookup(lemma, t.lower_) or _stem(lemma)
        for t in span:
            if t.dep_ in {"acomp", "attr"} and t.pos_ in {"ADJ", "NOUN"}:
                lemma = t.lemma_.lower()
                return self._lookup(lemma, t.lower_) or _stem(lemma)
        return None

    def _type_match(self, q: QuestionFact, s: _Sentence) -> tuple[float, str]:
        t = q.answer_type
        if t == "request":
            if s.commits:
                return 1.0, "commits to the action"
            if s.declines and (s.reason or len(s.words) >= 6):
                return 0.9, "declines it with a reason"
            if s.declines:
                return 0.6, "declines it"
            if s.instructs:
                return 0.45, "tells the customer how to do it"
            return 0.0, ""
        if t == "yesno":
            if s.affirms:
                return 1.0, "says yes or no"
            if s.declines:
                return 0.9, "says no (not possible / not available)"
            if s.commits:
                return 0.7, "states what was done"
            if s.reason or s.instructs:
                return 0.4, "explains"
            return 0.25, ""
        if t == "when":
            if s.time:
                return 1.0, "gives a time"
            if s.declines and not _UNKNOWN_TIME.isdisjoint(s.words):
                return 0.7, "says no date is known"  # "no ETA yet", "we can't say when"
            return 0.0, ""
        if t == "how_much":
            if s.amount:
                return 1.0, "gives an amount"
            return 0.1 if s.declines else 0.0, ""
        if t == "how":
            if s.instructs:
                return 1.0, "gives steps or a resource"
            if s.declines:
                return 0.7, "says it is not possible"
            if s.reason:
                return 0.5, "explains"
            return 0.2, ""
        if t == "why":
            if s.reason:
                return 1.0, "gives a reason"
            if s.declines or s.affirms:
                return 0.5, "explains the policy"
            return 0.25, ""
        if t == "where":
            if s.place or s.instructs:
                return 1.0, "gives a place or link"
            return 0.1, ""
        if t == "who":
            if s.person:
                return 1.0, "names someone"
            return 0.2, ""
        # what
        if s.declines:
            return 0.6, "says the information is not available"
        if s.commits:
            return 0.7, "says what has happened or will happen"
        if s.amount or s.time or s.person or s.place or s.affirms or s.phrases:
            return 0.5, "gives specific information"
        return 0.3, ""

    def _match_one(
        self,
        q: QuestionFact,
        qc: frozenset[str],
        sentences: list[_Sentence],
        only_deflects: bool,
        single: bool,
        df: dict[str, int],
        predicate: str | None = None,
        phrases: frozenset[str] = frozenset(),
    ) -> AnswerFact:
        best: tuple[float, _Sentence | None, str, frozenset[str]] = (0.0, None, "", frozenset())
        plain = {c.removeprefix("P:") for c in qc}
        weight_all = sum(1.0 / df.get(c, 1) for c in plain) or 1.0
        for s in sentences:
            if not s.substantive and not (self.options.deflection_answers and s.deflects):
                continue
            topic = self.similarity.similarity(q, qc, s.span, s.concepts)
            shared = frozenset(c.removeprefix("P:") for c in qc & s.concepts)
            same_phrase = phrases & s.phrases
            if same_phrase:
                # the same multi-word thing or named entity ("delivery address", "Garmin Connect")
                topic = min(1.0, topic + 0.2)
            if s.pointer and topic < 0.5 and not self.options.deflection_answers:
                continue  # "see our FAQ", "details are on our website": a general pointer
            tmatch, why = self._type_match(q, s)
            if not single and shared:
                # several questions: words the other questions share count for less
                distinct_topic = sum(1.0 / df.get(c, 1) for c in shared) / weight_all
                topic = (topic + min(1.0, distinct_topic)) / 2
            if any(not c.startswith("P:") for c in qc):
                if (
                    not single
                    and q.answer_type == "yesno"
                    and s.affirms
                    and len(s.words) > 4
                    and predicate is not None
                    and predicate not in s.concepts
                ):
                    # with several questions, "we do deliver on Saturdays" says yes to delivering
                    # on Saturdays, not to "can I change the address": the predicate must match
                    tmatch, why = 0.3, "talks about it"
                score = 0.55 * topic + 0.35 * tmatch
            else:
                score = 0.25 + 0.45 * tmatch
            if single:
                score += 0.12
            if q.answer_type == "request" and not (
                s.commits or s.declines or (s.instructs and (topic >= 0.5 or not qc))
            ):
                score = min(score, 0.25)  # talking about the request is not doing or declining it
            if (
                not single
                and plain
                and not shared
                and not same_phrase
                and q.answer_type in {"where", "how", "what", "who", "why", "when", "how_much"}
            ):
                # several questions and not one word of this one: "you can change the address on the
                # Orders page" does not say where the parcel is
                score = min(score, 0.25)
            if q.answer_type in {"when", "how_much"} and tmatch < 0.5 and not s.commits:
                score = min(score, 0.25)  # a when-question needs a time, a how-much question an amount
            score = max(0.0, min(1.0, score))
            if score > best[0]:
                best = (score, s, why, shared)
        score, sent, why, shared = best
        threshold = self.options.threshold
        if sent is None:
            if only_deflects:
                reason = "the draft only deflects (DM, details, a general help link) or asks a clarifying question"
            else:
                reason = f"no draft sentence addresses {self._topic(q)}"
            return AnswerFact(q, False, None, None, 0.0, reason)
        answered = score >= threshold
        # name the customer's own words, not the synonym group ("'fee'", not "'~charge'")
        shown: dict[str, str] = {}
        for f in q.focus:
            shown.setdefault(self._lookup(f, f) or _stem(f), f)
        shared_words = sorted({shown.get(c, c.lstrip("~")) for c in shared})
        parts = []
        if shared:
            parts.append("shares " + ", ".join(f"'{w}'" for w in shared_words))
        if why:
            parts.append(why + self._for_type(q))
        if answered:
            reason = "; ".join(parts) if parts else "a substantive sentence replies to it"
            return AnswerFact(q, answered, sent.span.start_char, sent.span.end_char, round(score, 3), reason)
        if shared:
            words = ", ".join(f"'{w}'" for w in shared_words)
            reason = f"the draft mentions {words} but {_MISSING[q.answer_type]}"
        else:
            reason = f"no draft sentence mentions {self._topic(q)}"
        # the best candidate is kept for explanations; a rule should not cite it as an answer
        return AnswerFact(q, False, sent.span.start_char, sent.span.end_char, round(score, 3), reason)

    @staticmethod
    def _for_type(q: QuestionFact) -> str:
        return {
            "when": " for a when-question",
            "how_much": " for a how-much question",
            "yesno": " for a yes/no question",
            "how": " for a how-question",
            "why": " for a why-question",
            "where": " for a where-question",
            "who": " for a who-question",
            "request": " for a request",
            "what": "",
        }[q.answer_type]

    @staticmethod
    def _topic(q: QuestionFact) -> str:
        if q.focus:
            return ", ".join(f"'{f}'" for f in q.focus[:3])
        return f"'{q.text[:40]}'"
