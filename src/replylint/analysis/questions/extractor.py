"""The question extractor: reads a message (matches and segments), takes the clauses of each segment,
classifies them and turns what it finds into :class:`QuestionFact` items.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from replylint.analysis.doccache import doc_text
from replylint.analysis.questions.facts import AnswerType, ExtractorReading, QuestionFact, QuestionKind, _Found
from replylint.analysis.questions.kinds import AskClassifier
from replylint.analysis.questions.segments import Segmenter
from replylint.analysis.questions.words import _LIGHT_LEMMAS, _has_subject, _norm, _stem_word
from replylint.packs import occurs


class QuestionExtractor(Segmenter, AskClassifier):
    """Extract :class:`QuestionFact` items from a parsed customer message.

    Build once per process (its matchers are compiled then: see ``QuestionLexicon``); ``extract``
    only reads ``self`` and is safe to call from several threads.
    """

    # ------------------------------------------------------------------ main
    def read(self, doc: Doc) -> ExtractorReading:
        """The phrase and shape matches and the segments of a message (see ``ExtractorReading``)."""
        strings = self.vocab.strings
        return ExtractorReading(
            [(strings[mid], s, e) for mid, s, e in self._phrases(doc)],
            [(strings[mid], s, e) for mid, s, e in self._matcher(doc)],
            self._segments(doc),
        )

    def extract(self, doc: Doc, reading: ExtractorReading | None = None) -> list[QuestionFact]:
        """The customer's questions and requests. ``reading``: ``read(doc)`` when already computed."""
        if reading is None:
            reading = self.read(doc)
        phrase_hits: dict[int, set[str]] = {}
        phrase_spans = reading.phrases
        for label, s, _ in phrase_spans:
            phrase_hits.setdefault(s, set()).add(label)
        shape_hits: dict[str, list[tuple[int, int]]] = {}
        for label, s, e in reading.shapes:
            shape_hits.setdefault(label, []).append((s, e))
        embed_hits: list[tuple[int, int]] = []
        if not doc.has_annotation("DEP") or occurs(doc, self._dep_needs):  # (a missing parse: spaCy's error)
            for _mid, dep_ids in self._dep(doc):
                embed_hits.append((dep_ids[0], dep_ids[2]))
        for s, e in shape_hits.get("EMBED_SURFACE", []):
            embed_hits.append((s, e - 1))

        found: list[_Found] = []
        for s, e in reading.segments:
            heads = self._clause_heads(doc, s, e)
            head_ids = {h.i for h in heads}
            groups: list[tuple[Token, list[Token]]] = []
            for h in heads:
                toks = self._clause_tokens(h, head_ids, s, e)
                if toks:
                    groups.append((h, toks))
            # a conj clause with neither its own subject nor its own question form stays with its parent
            merged: list[tuple[Token, list[Token], Token | None]] = []
            for h, toks in groups:
                parent = next((m for m in merged if h.head.i == m[0].i and h.dep_ == "conj"), None)
                merged.append((h, toks, parent[0] if parent else None))
            results: dict[int, _Found] = {}
            order: list[int] = []
            for h, toks, parent_head in merged:
                res = self._classify(doc, h, toks, s, e, phrase_hits, phrase_spans, shape_hits, embed_hits)
                self._add_clause(doc, h, toks, parent_head, res, results, order)
            if not order and len(heads) > 1 and e - s <= 40:
                # a broken parse ("I’d like ..." split into fragments): try the segment as one clause
                toks = [t for t in doc[s:e] if not t.is_space]
                main = max(heads, key=lambda h: len(list(h.subtree)))
                res = self._classify(doc, main, toks, s, e, phrase_hits, phrase_spans, shape_hits, embed_hits)
                if res is not None:
                    found.append(res)
            for hi in order:
                found.append(results[hi])

        return self._finalize(doc, found)

    def _add_clause(
        self,
        doc: Doc,
        h: Token,
        toks: list[Token],
        parent_head: Token | None,
        res: _Found | None,
        results: dict[int, _Found],
        order: list[int],
    ) -> None:
        """Record a clause's result, combining a coordinated clause with the one it hangs off:

        * "can you refund me or send a new one": a bare conjunct of a request is a second request;
        * "is it A or is it B", "can I dress up and still qualify?": one question;
        * "the songs don't play or just get skipped": a bare conjunct of a statement is no order.
        """
        if parent_head is not None and parent_head.i in results:
            pres = results[parent_head.i]
            has_subj = _has_subject(h)
            left = min(t.i for t in toks)
            cc = next(
                (_norm(doc[k]) for k in range(left - 1, max(parent_head.i, left - 4), -1) if doc[k].pos_ == "CCONJ"), ""
            )
            if not cc:
                cc = next((_norm(c) for c in h.children if c.dep_ == "cc"), "")
            if (
                pres[2] == "request"
                and not has_subj
                and h.lemma_.lower() in {"see", "check", "find", "tell", "let", "confirm", "explain", "advise"}
            ):
                # "could you take a look and see why ...": the same request
                results[parent_head.i] = (pres[0], max(pres[1], self._trim_end(doc, toks, pres[1])), *pres[2:])
                return
            if pres[2] != "request" and not has_subj and not (res is not None and self._starts_with_wh(doc, toks)):
                results[parent_head.i] = (pres[0], max(pres[1], self._trim_end(doc, toks, pres[1])), *pres[2:])
                return
            if pres[2] == "request" and not has_subj:
                if res is None:
                    res = self._span_result(doc, toks, "request", "request", 0.7, False, False)
            elif res is not None and res[3] == "yesno" and pres[3] == "yesno" and cc == "or" and has_subj:
                results[parent_head.i] = (pres[0], max(pres[1], res[1]), *pres[2:])
                return
            elif res is None or (cc == "or" and res[3] == "yesno" and pres[3] == "yesno"):
                if res is not None or not has_subj:
                    ne = max(pres[1], res[1]) if res is not None else self._trim_end(doc, toks, pres[1])
                    results[parent_head.i] = (pres[0], ne, *pres[2:])
                    return
        if res is not None and h.dep_ == "conj" and parent_head is not None and parent_head.i not in results:
            has_subj = _has_subject(h)
            joined_by_cc = any(doc[k].pos_ == "CCONJ" for k in range(max(parent_head.i, toks[0].i - 2), toks[0].i + 1))
            if (
                joined_by_cc
                and not has_subj
                and res[2] == "request"
                and not any(self._is_please(t) for t in toks)
                and not self._modal_you_at(doc, toks)
            ):
                res = None
        if res is not None:
            results[h.i] = res
            order.append(h.i)

    def _trim_end(self, doc: Doc, toks: list[Token], default: int) -> int:
        for t in reversed(toks):
            if not (
                t.is_space
                or (t.is_punct and t.text not in {"?", ")", '"', "\u201d"})
                or t.like_url
                or t.pos_ == "CCONJ"
            ):
                return t.idx + len(t)
        return default

    def _finalize(
        self, doc: Doc, found: list[tuple[int, int, QuestionKind, AnswerType, float, bool, bool]]
    ) -> list[QuestionFact]:
        text = doc_text(doc)  # (Doc.text rebuilds the string on every access)
        found = sorted(found, key=lambda r: (r[0], -r[1]))
        # drop spans inside another span
        kept: list[tuple[int, int, QuestionKind, AnswerType, float, bool, bool]] = []
        for r in found:
            if any(k[0] <= r[0] and r[1] <= k[1] for k in kept):
                continue
            kept.append(r)

        # drop repeats of the same ask ("I need refund ... Need refund please")
        def words(a: int, b: int) -> set[str]:
            return {w for w in "".join(ch if ch.isalnum() or ch.isspace() else " " for ch in text[a:b].lower()).split()}

        unique: list[tuple[int, int, QuestionKind, AnswerType, float, bool, bool]] = []
        for r in kept:
            wr = words(r[0], r[1])
            dup = False
            for u in unique:
                wu = words(u[0], u[1])
                if wr and wu and len(wr & wu) / len(wr | wu) >= 0.5 and (r[5] or u[5] or r[2] == u[2]):
                    dup = True
                    break
            if not dup:
                unique.append(r)
        # "I need to know how you would do that": an embedded restatement with no content of its own
        if len(unique) > 1:

            def empty_indirect(r: tuple[int, int, QuestionKind, AnswerType, float, bool, bool]) -> bool:
                if r[2] != "indirect":
                    return False
                span = doc.char_span(r[0], r[1], alignment_mode="expand")
                return span is not None and not self._focus(span)

            unique = [r for r in unique if not empty_indirect(r)]
        # the same question asked twice in other words ("Do you offer any discounts for X? ...
        # Do you offer any kind of discount to these customers?"): same type, same verb, and at
        # least two shared content words
        if len(unique) > 1:
            seen: list[tuple[str, frozenset[str], str]] = []
            kept2 = []
            for r in unique:
                span = doc.char_span(r[0], r[1], alignment_mode="expand")
                if span is None or r[2] == "request":
                    kept2.append(r)
                    continue
                stems = frozenset(_stem_word(f) for f in self._focus(span))
                verb = next((t.lemma_.lower() for t in span if t.pos_ == "VERB"), "")
                if any(a == r[3] and v == verb and verb and len(f & stems) >= 2 for a, f, v in seen):
                    continue
                seen.append((r[3], stems, verb))
                kept2.append(r)
            unique = kept2
        # a generic "hope you can help" / "help" closing repeats an ask already made
        if any(not r[5] for r in unique):
            unique = [r for r in unique if not (r[5] and r[4] <= 0.5)]
        facts: list[QuestionFact] = []
        for start, end, kind, atype, conf, _generic, _weak in unique:
            span = doc.char_span(start, end, alignment_mode="expand")
            focus = self._focus(span) if span is not None else ()
            facts.append(QuestionFact(text[start:end], start, end, kind, atype, conf, focus))
        return facts

    def fact_for_span(self, doc: Doc, start: int, end: int, kind: QuestionKind | None = None) -> QuestionFact:
        """Describe a question whose span is already known (marked by a person, or labelled).

        The answer type comes from the span's own shape (wh-word, embedded wh/if, request,
        yes/no word order); ``kind`` overrides the guessed kind.
        """
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return QuestionFact(doc.text[start:end], start, end, kind or "direct", "what", 1.0, ())
        toks = [t for t in span if not self._skippable(t) or self._is_please(t)]
        words = [_norm(t) for t in toks]
        atype: str = "yesno"
        guess: QuestionKind = "direct"
        wh_pos = next((k for k, w in enumerate(words) if w in self._wh or w in {"if", "whether"}), None)
        if wh_pos is not None and wh_pos <= 6:
            w = words[wh_pos]
            atype = "yesno" if w in {"if", "whether"} else self._refine(words[wh_pos:], self._wh[w])
            if wh_pos > 0:
                guess = "indirect"
        else:
            atype = self._refine(words, atype)
        if words and (words[0] in self._please or any(t.tag_ == "VB" and t.i == toks[0].i for t in toks[:1])):
            atype, guess = "request", "request"
        if kind == "request":
            atype = "request"
        return QuestionFact(span.text, span.start_char, span.end_char, kind or guess, atype, 1.0, self._focus(span))  # type: ignore[arg-type]

    def _focus(self, span: Span) -> tuple[str, ...]:
        out: list[str] = []
        for t in span:
            if t.is_punct or t.is_space or t.like_url or t.text.startswith("@"):
                continue
            if t.is_stop and t.pos_ not in {"NOUN", "PROPN", "VERB", "NUM"}:
                continue
            if t.pos_ not in {"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"}:
                continue
            lemma = t.lemma_.lower()
            if lemma == "datum":
                lemma = "data"  # the lemmatizer's singular of "data"
            if lemma in _LIGHT_LEMMAS or lemma in self._please or len(lemma) < 2:
                continue
            if t.pos_ == "ADV" and lemma not in {"back", "online", "offline", "abroad", "early", "late"}:
                continue
            if lemma not in out:
                out.append(lemma)
        return tuple(out)
