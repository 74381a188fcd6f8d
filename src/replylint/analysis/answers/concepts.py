"""The concepts a question or a draft sentence talks about: lemmas folded by the synonym table,
multi-word noun chunks and names, and the predicate of a yes/no question.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from replylint.analysis.answers.lexicon import AnswerLexicon
from replylint.analysis.doccache import noun_chunks_in
from replylint.analysis.questions import QuestionFact

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


def _stem(word: str) -> str:
    """A light fold so that "permissions"/"permission" and "datum"/"data" meet."""
    if word == "datum":
        return "data"
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss") and not word.endswith("us"):
        return word[:-1]
    return word


class ConceptReader(AnswerLexicon):
    """Reads concepts off spans of the customer message and of the draft."""

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
