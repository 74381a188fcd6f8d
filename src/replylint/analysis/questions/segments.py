"""Segment a message into candidate sentences: spaCy's sentences cut again at line breaks, "?"/"!"
runs and the run-on, comma-splice and plea boundaries of tweets that spaCy misses.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from replylint.analysis.questions.shapes import ClauseShapes
from replylint.analysis.questions.words import (
    _CLAUSE_TAKING,
    _NEW_SUBJECTS,
    _PLEA_END_NEXT,
    _SUBJ_DEPS,
    _WH_TAGS,
    _YOU_LIKE,
    _norm,
    _prev_token,
)


class Segmenter(ClauseShapes):
    """Where a message's segments start and end (token ranges)."""

    # ------------------------------------------------------------------ segmentation
    def _segments(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges [start, end) of sentences, cut again at breaks spaCy misses."""
        cuts: set[int] = set()
        # sentence bounds per token, computed once (Token.sent re-scans the doc on every call)
        sent_start = [0] * len(doc)
        sent_end = [0] * len(doc)
        for sent in doc.sents:
            cuts.add(sent.start)
            for k in range(sent.start, sent.end):
                sent_start[k] = sent.start
                sent_end[k] = sent.end
        # one Token object per token (doc[i] builds a new one on every access); the break
        # tests below index this list exactly as they would index the doc
        toks = list(doc)
        n = len(toks)
        please_any = self._please_any
        wh = self._wh
        for tok in toks:
            i = tok.i
            text = tok.text
            low = _norm(tok)
            if tok.is_space and "\n" in text and i + 1 < n:
                cuts.add(i + 1)
            elif i > 0 and "\n" in toks[i - 1].whitespace_ + toks[i - 1].text and not toks[i - 1].is_space:
                cuts.add(i)
            if text in {"?", "!", "?!", "!?", "??", "!!"} or (set(text) <= {"?", "!"} and text):
                j = i + 1
                while j < n and (set(toks[j].text) <= {"?", "!", "."} or toks[j].is_space):
                    j += 1
                if j < n:
                    cuts.add(j)
            if (
                text in {"-", "\u2013", "\u2014", "..", "...", "\u2026", "--"}
                and tok.whitespace_
                and i > 0
                and toks[i - 1].whitespace_
                and i + 1 < n
            ):
                cuts.add(i + 1)
            elif (len(text) >= 2 and set(text) <= {".", "\u2026"}) and i + 1 < n and toks[i + 1].is_alpha:
                cuts.add(i + 1)  # "Just curious....will I get"
            elif (
                text == ":"
                and i + 1 < n
                and (toks[i + 1].is_title or self._is_please(toks[i + 1]))
                and toks[i + 1].text != "I"
                and sent_end[i] - sent_start[i] > 6
            ):
                cuts.add(i + 1)
            # (the break tests below are pure; each is called only where its first necessary
            # condition holds, checked inline here: most tokens fail all of them)
            if i > 0 and (low in please_any or tok.lower_ in _PLEA_END_NEXT) and self._please_break(toks, i):
                cuts.add(i)
            if (
                text == "."
                and tok.whitespace_
                and i > 0
                and i + 1 < n
                and toks[i + 1].is_alpha
                and len(toks[i - 1].text) > 2
                and toks[i - 1].lower_ not in {"etc", "approx", "vs", "inc", "ltd", "co"}
            ):
                cuts.add(i + 1)  # "... prices triple. classic": a full stop spaCy did not split on
            if (
                low in {"lol", "lmao", "haha", "hahaha", "smh", "omg", "tbh", "ugh", "lmfao", "rofl"}
                and i > 0
                and i + 1 < n
            ):
                cuts.add(i + 1)  # "... so hot when charging lol | is that normal"
            if text == "(":
                # a parenthetical clause is a sentence of its own: "... in the FAQ (maybe it's worth adding one)"
                close = next((k for k in range(i + 1, min(n, i + 40)) if toks[k].text == ")"), None)
                if close is not None and any(toks[k].tag_ in {"VBZ", "VBP", "VBD", "MD"} for k in range(i + 1, close)):
                    cuts.add(i + 1)
                    cuts.add(close)
            if (
                i > 0
                and low in {"any", "some"}
                and i + 1 < n
                and _norm(toks[i + 1]) in self._help_nouns
                and _norm(toks[i + 1]) != "help"
                and toks[i - 1].text in {",", "-", ";", "\u2013", "\u2014"}
            ):
                cuts.add(i)  # "tried restarting, any ideas?"
            # run-on tweets: "... card info We had to ...", "... muite cards Can you help"
            if i > 1 and toks[i - 1].text == "," and self._comma_splice_break(toks, i, sent_start[i]):
                cuts.add(i)  # "Please cancel my contract, I'm moving abroad": the reason is no part of the ask
            if i > 0 and (
                ((tok.is_title or tok.is_upper) and self._runon_break(toks, i, sent_start[i]))
                or (
                    (low == "what" or low in wh or tok.tag_ == "MD" or tok.pos_ == "AUX")
                    and self._question_break(toks, i, sent_start[i])
                )
                or (tok.lower_ in _NEW_SUBJECTS and self._asyndetic_break(toks, i, sent_start[i]))
            ):
                cuts.add(i)
        cuts.add(len(doc))
        ordered = sorted(c for c in cuts if 0 <= c <= len(doc))
        segs: list[tuple[int, int]] = []
        prev = 0
        for c in ordered:
            if c > prev:
                segs.append((prev, c))
            prev = c
        out: list[tuple[int, int]] = []
        for s, e in segs:
            while s < e and (toks[s].is_space or (toks[s].is_punct and toks[s].text not in {"#"})):
                s += 1
            while e > s and toks[e - 1].is_space:
                e -= 1
            if e > s:
                out.append((s, e))
        return out

    def _comma_splice_break(self, doc: Doc | list[Token], i: int, sent_start: int) -> bool:
        """A plea or an imperative ends at a comma when a new clause with its own pronoun subject
        and finite verb follows: "Please cancel my subscription, I no longer need it"."""
        tok = doc[i]
        if doc[i - 1].text != "," or _norm(tok) not in {"i", "we", "it", "they", "he", "she", "i'm", "im"}:
            return False
        if tok.dep_ not in _SUBJ_DEPS:
            return False
        verb = tok.head
        finite = verb.tag_ in {"VBP", "VBZ", "VBD"} or any(
            c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBP", "VBZ", "VBD", "MD"} for c in verb.children
        )
        if not finite:
            return False
        first = next((t for t in doc[sent_start:i] if not (t.is_space or t.is_punct or t.text.startswith("@"))), None)
        if first is None:
            return False
        if self._is_please(first):
            return True
        return first.tag_ == "VB" and first.i == sent_start and not any(c.dep_ in _SUBJ_DEPS for c in first.children)

    def _please_break(self, doc: Doc | list[Token], i: int) -> bool:
        """ "... a student plus help", "... the full amount please advise": a plea starts here."""
        tok, prev = doc[i], _prev_token(doc, i)
        if prev is None:
            return False
        if tok.lower_ in _PLEA_END_NEXT and self._is_please(prev) and prev.i > 0 and not doc[prev.i - 1].is_punct:
            return True  # "... we need to play together please | our skills diminish": the plea ends here
        if not self._is_please(tok) or prev.is_punct or prev.is_space or not prev.whitespace_:
            return False
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if nxt is None or not (nxt.pos_ in {"VERB", "AUX"} or _norm(nxt) in {"help", "advise", "assist", "dm"}):
            return False
        return prev.pos_ in {"NOUN", "PROPN", "ADJ", "NUM", "ADV"} and _norm(prev) not in {"so", "also", "just", "now"}

    def _question_break(self, doc: Doc | list[Token], i: int, sent_start: int) -> bool:
        """A wh-word or modal that opens an inverted question mid-sentence: "... charged when do i get"."""
        tok, prev = doc[i], _prev_token(doc, i)
        if prev is None:
            return False
        low0 = _norm(tok)
        if low0 == "what" and i + 1 < len(doc) and _norm(doc[i + 1]) in {"now", "next", "gives"} and not prev.is_punct:
            return True  # "... paid without getting premium what now"
        if low0 in self._wh and prev.text.lower() in {"&", "and"} and i + 2 < len(doc):
            # "wondering why X & why Y": a second embedded question
            if any(_norm(t) in self._wh or _norm(t) in {"if", "whether"} for t in doc[max(sent_start, i - 25) : i - 1]):
                return doc[i + 1].pos_ in {"PRON", "NOUN", "PROPN", "AUX", "DET"}
        if prev.is_punct or prev.is_space or prev.whitespace_ == "":
            return False
        plow = _norm(prev)
        if (
            prev.lemma_.lower() in self._embed
            or plow
            in {
                "no",
                "matter",
                "know",
                "if",
                "whether",
                "that",
                "to",
                "the",
                "a",
                "of",
                "about",
                "on",
                "in",
                "at",
                "for",
                "is",
                "was",
                "me",
                "us",
                "'s",
            }
            or plow in self._wh
        ):
            return False
        low = _norm(tok)
        nxt = doc[i + 1 : i + 4]
        if len(nxt) < 2:
            return False
        if low in self._wh and tok.tag_ in _WH_TAGS | {"PRP", "NN"}:
            j = 0
            if nxt[0].lower_ in {"much", "many", "long", "soon", "quickly", "often", "come"} and len(nxt) > 2:
                j = 1
            aux = nxt[j]
            subj = nxt[j + 1] if j + 1 < len(nxt) else None
            return (
                (aux.tag_ == "MD" or aux.lemma_ in {"be", "do", "have"})
                and subj is not None
                and (subj.tag_ in {"PRP", "EX"} or subj.lower_ in _YOU_LIKE or subj.lower_ in {"i", "my"})
            )
        if any(_norm(t) in self._wh for t in doc[max(0, i - 4) : i]):
            return False  # "how quickly do you", "what type of porn do I": the question is under way
        if (
            (tok.tag_ == "MD" or (tok.pos_ == "AUX" and tok.lemma_ in {"do", "be", "have"}))
            and prev.pos_ in {"NOUN", "PROPN", "ADJ", "NUM", "ADV"}
            and not prev.text.startswith("@")
            and _norm(prev) not in {"so", "also", "then", "too", "now", "why", "how"}
        ):
            return nxt[0].lower_ in _YOU_LIKE | {"i", "we", "someone", "somebody", "my", "there", "this", "it"}
        return False

    def _asyndetic_break(self, doc: Doc | list[Token], i: int, sent_start: int) -> bool:
        """A new subject right after a finished phrase: "fix your app it won't even open"."""
        tok, prev = doc[i], _prev_token(doc, i)
        if prev is None:
            return False
        if tok.lower_ not in _NEW_SUBJECTS or tok.dep_ not in _SUBJ_DEPS:
            return False
        if prev.is_punct or prev.is_space or prev.whitespace_ == "":
            return False
        if prev.pos_ not in {"NOUN", "PROPN", "NUM", "ADJ"}:
            # "What gives I just upgraded": a capital "I" after a finished verb phrase
            if not (
                tok.text == "I"
                and prev.pos_ in {"VERB", "ADV"}
                and prev.lemma_.lower() not in _CLAUSE_TAKING
                and prev.tag_ not in {"IN", "WDT", "WP", "WRB", "CC", "TO", "DT", "MD"}
            ):
                return False
        verb = tok.head
        if (
            verb.dep_ in {"relcl", "acl", "ccomp", "xcomp"} and verb.head.i < tok.i and verb.head.i >= prev.i - 1
        ) or verb.dep_ == "relcl":
            return False
        if any(c.dep_ in {"mark"} or (c.dep_ == "cc" and c.i < tok.i) for c in verb.children if c.i < tok.i):
            return False
        # the previous word belongs to another clause
        p = prev
        while p.dep_ not in {"ROOT"} and p.pos_ not in {"VERB", "AUX"} and p.head.i != p.i:
            p = p.head
        return p.i != verb.i

    def _runon_break(self, doc: Doc | list[Token], i: int, sent_start: int) -> bool:
        tok, prev = doc[i], _prev_token(doc, i)
        if prev is None:
            return False
        if (
            tok.is_upper
            and _norm(tok) in {"lmk", "pls", "plz", "please", "help", "can", "how", "why", "what", "when", "where"}
            and prev.is_lower
            and prev.whitespace_
        ):
            return True
        if (
            tok.tag_ == "VB"
            and tok.is_title
            and prev.tag_ in {"NN", "NNS", "PRP", "VBN", "VBD", "CD"}
            and prev.is_lower
            and prev.whitespace_
        ):
            return True
        if (
            tok.is_title
            and prev.tag_ in {"VBN"}
            and prev.is_lower
            and prev.whitespace_
            and prev.dep_ in {"ROOT", "xcomp", "ccomp", "conj", "advcl"}
        ):
            return True  # "... to be added Add Boyz N Motion"
        if prev.tag_ in {"IN", "DT", "TO", "CC", "WDT", "PRP$", "POS"} or prev.pos_ in {
            "SCONJ",
            "DET",
            "ADP",
            "CCONJ",
            "PART",
        }:
            return False
        # a capitalised common word after a finished lower-case phrase starts a new sentence:
        # "... podcast selection Lots of stuff", "... android app Such a brilliant tool"
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if (
            tok.is_title
            and tok.tag_ not in {"NNP", "NNPS"}
            and prev.is_alpha
            and prev.is_lower
            and prev.whitespace_
            and (nxt is None or not nxt.is_title)
            and _norm(tok) not in {"i"}
            and prev.lemma_.lower() not in _CLAUSE_TAKING
        ):
            return True
        if tok.text in {"Ive", "Im", "Id", "Iam"} and prev.is_lower:
            return True
        if (
            tok.text == "I"
            and i + 1 < len(doc)
            and doc[i + 1].text in {"ve", "m"}
            and prev.is_alpha
            and prev.is_lower
            and prev.pos_ in {"NOUN", "PROPN", "ADJ"}
        ):
            return True
        # (generators, evaluated only when the test gets that far: most tokens are not "I")
        negated_rel = (c.dep_ == "neg" or _norm(c) in {"never", "not"} for c in tok.head.children)
        punctuated = (doc[k].text in {",", ";"} for k in range(max(sent_start, i - 60), i))
        if (
            tok.text == "I"
            and not any(punctuated)
            and not self._is_please(prev)
            and prev.is_alpha
            and prev.is_lower
            and prev.whitespace_
            and prev.i > 2
            and (tok.head.dep_ not in {"relcl", "acl"} or any(negated_rel))
            and prev.lemma_.lower() not in _CLAUSE_TAKING
            and prev.pos_ not in {"SCONJ", "CCONJ", "ADP", "PART", "AUX", "PRON", "DET"}
            and _norm(prev)
            not in {
                "that",
                "if",
                "when",
                "and",
                "but",
                "or",
                "so",
                "because",
                "as",
                "where",
                "than",
                "cause",
                "bc",
                "coz",
                "then",
                "until",
                "while",
                "which",
                "who",
                "what",
                "how",
                "why",
                "since",
                "before",
                "after",
                "once",
                "whether",
            }
        ):
            return True
        if not tok.is_title or tok.text == "I" or tok.text.startswith("I'") or tok.text.startswith("I\u2019"):
            return False
        if not (prev.is_alpha and prev.is_lower) and not prev.like_num:
            return False
        if prev.whitespace_ == "":
            return False
        low = tok.lower_
        if (
            low in self._wh
            or low in self._please
            or low
            in {
                "can",
                "could",
                "would",
                "will",
                "is",
                "are",
                "do",
                "does",
                "did",
                "any",
                "help",
                "thanks",
                "thank",
                "also",
                "please",
                "lmk",
                "not",
                "just",
                "hope",
                "how",
                "we",
                "you",
                "it",
                "they",
                "my",
                "this",
                "that",
                "but",
                "so",
                "and",
                "idea",
                "still",
                "now",
                "been",
                "have",
                "has",
                "should",
                "need",
                "suggestions",
                "assistance",
            }
        ):
            return True
        return tok.tag_ in {"PRP", "PRP$", "MD", "VBP", "VBZ", "VBD", "WRB", "WP", "WDT", "UH", "EX"}
