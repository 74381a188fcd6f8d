"""Read the draft's sentences: split the draft (quoted mail left out) and record what each sentence
does (deflects, asks back, commits, declines, affirms, gives a time, an amount, a reason, steps).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from replylint.analysis.answers.concepts import ConceptReader
from replylint.analysis.doccache import Ranges, Within, doc_text, noun_chunks_in
from replylint.analysis.mail import quoted_spans


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


def _pair(r: tuple[int, int]) -> tuple[int, int]:
    return r


def _token_bounds(span: Span) -> tuple[int, int]:
    return span.start, span.end


class SentenceReader(ConceptReader):
    """Reads a draft into :data:`DraftSentence` items, once per draft."""

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

    def read_sentences(self, draft: Doc) -> list[DraftSentence]:
        """The draft's sentences as the matcher reads them (pass them to ``match`` when they are
        needed elsewhere too, so that the draft is read once)."""
        return self._sentences(draft)
