"""Classify one clause: whether it is an ask and, if so, its kind (direct, indirect, request) and
the type of answer it asks for (yes/no, when, how much ...).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from replylint.analysis.doccache import doc_text
from replylint.analysis.questions.facts import AnswerType, QuestionKind
from replylint.analysis.questions.requests import RequestShapes
from replylint.analysis.questions.words import _MODAL_REQUEST, _NEG, _SUBJ_DEPS, _YOU_LIKE, _norm


class AskClassifier(RequestShapes):
    """The kind and answer type of a clause, or None when it asks nothing."""

    def _classify(
        self,
        doc: Doc,
        head: Token,
        toks: list[Token],
        s: int,
        e: int,
        phrase_hits: dict[int, set[str]],
        phrase_spans: list[tuple[str, int, int]],
        shape_hits: dict[str, list[tuple[int, int]]],
        embed_hits: list[tuple[int, int]],
    ) -> tuple[int, int, QuestionKind, AnswerType, float, bool, bool] | None:
        core = self._core_start(doc, toks)
        if core is None:
            return None
        lo, hi = toks[0].i, toks[-1].i
        content = [t for t in toks if not self._skippable(t) or self._is_please(t)]
        words = [_norm(t) for t in content if not t.is_punct]
        if not words:
            return None
        # (an empty tail as a list: spaCy builds a Span that starts at the end of the doc from a
        # fresh copy of the whole doc.text)
        tail: Span | list[Token] = doc[hi + 1 : e] if hi + 1 < e else []
        qmark = any("?" in t.text for t in toks[-3:]) or any("?" in t.text for t in tail[:3] if t.is_punct)
        exclaim_q = qmark and any("!" in t.text for t in list(toks[-3:]) + list(tail[:3]) if t.is_punct)
        n_q = sum(t.text.count("?") for t in list(toks[-4:]) + list(tail[:4]) if t.is_punct)

        def in_clause(a: int, b: int) -> bool:
            return lo <= a and b - 1 <= hi

        # --- rejections: courtesy, rhetoric ------------------------------------------------
        joined = " ".join(
            _norm(t)
            for t in toks
            if t.i >= core.i and not (t.is_punct or t.is_space or t.like_url or t.text.startswith("@"))
        )
        if joined in self._rhet_whole_strings:
            return None
        for label, a, b in sorted(phrase_spans, key=lambda x: x[1]):
            if label == "NON_ASK" and in_clause(a, b) and a <= core.i + 1 and b > core.i:
                return None
            if label == "COURTESY" and in_clause(a, b) and a <= core.i + 1 and b > core.i:
                # "Just curious....will I get ...": classify what follows the courtesy phrase
                k = b
                while k < min(b + 4, hi + 1) and not doc[k].is_punct:
                    k += 1
                if k < hi and doc[k].text in {",", ";", "-", ":"}:
                    b = k + 1  # "not sure if this is the right place to ask, | but is there ..."
                rest = [t for t in toks if t.i >= b]
                nxt_core = self._core_start(doc, rest)
                if nxt_core is None or len([t for t in rest if not self._skippable(t)]) < 2:
                    return None
                core = nxt_core
                toks = [t for t in toks if t.i >= core.i]
                lo = core.i
        core_labels = phrase_hits.get(core.i, set())
        if "RHET_OPEN" in core_labels:
            return None
        generic = any(label == "GENERIC_HELP" and in_clause(a, b) for label, a, b in phrase_spans)
        if generic:
            return self._span_result(doc, toks, "request", "request", 0.5, True, False)

        if self._inside_quotes(doc, core, s):
            return None  # quoted UI text or error message: "Permissions: Read your browsing history"
        please_core = core
        if self._is_please(core):
            after = [t for t in toks if t.i > core.i and not self._skippable(t)]
            if not after:
                return None  # a lone "Please" after a question repeats it
            core = after[0]
        low = _norm(core)
        nxt = doc[core.i + 1] if core.i + 1 < len(doc) else None

        def refine(default: str) -> str:
            return self._refine([_norm(t) for t in doc[core.i : min(core.i + 6, e)]], default)

        # --- embedded questions: "wondering if", "not sure how to", "no idea why" -------------
        for a, b in embed_hits:
            if not (lo <= a <= hi and lo <= b <= hi):
                continue
            ew = doc[a]
            if ew.i > core.i + 6 and not any(
                _norm(t) in {"could", "can", "would"} for t in doc[max(core.i, ew.i - 3) : ew.i]
            ):
                continue
            elemma = ew.lemma_.lower()
            if elemma in self._embed_neg and not self._negated_or_any(ew):
                continue
            if elemma in {
                "see",
                "check",
                "find",
                "tell",
                "ask",
                "know",
                "confirm",
                "explain",
                "advise",
                "clarify",
                "learn",
                "determine",
            }:
                # "tell me why", "can you check if", "I want to know when", "let me know if"
                if not self._embed_is_ask(ew):
                    continue
            whw = _norm(doc[b])
            if whw in {"if", "whether"}:
                atype = "yesno"
            else:
                atype = self._wh.get(whw, "what")
                seq = tuple(_norm(t) for t in doc[b : b + 2])
                atype = self._wh_refine.get(seq, atype)
            embedded_you = any(_norm(t) in _YOU_LIKE for t in doc[b + 1 : b + 3]) and any(
                t.tag_ == "MD" for t in doc[b + 1 : b + 4]
            )
            if embedded_you and elemma in {"wonder", "ask"}:
                return self._span_result(doc, toks, "request", "request", 0.8, False, False)
            if (
                any(lbl == "LET_ME_KNOW" for lbl in self._labels_at(shape_hits, lo, hi))
                and atype == "yesno"
                and any(_norm(t) in _YOU_LIKE for t in doc[b + 1 : b + 3])
            ):
                return self._span_result(doc, toks, "request", "request", 0.7, True, False)
            return self._span_result(doc, toks, "indirect", atype, 0.85, False, False)  # type: ignore[arg-type]

        # --- wh-questions ----------------------------------------------------------------
        if low in self._wh and not (low in {"what", "which"} and nxt is not None and nxt.lower_ in {"a", "an"}):
            wh_head = core.head
            subordinate = (
                core.dep_ in {"advmod", "mark"}
                and low in {"when", "where", "how"}
                and wh_head.dep_ in {"advcl", "relcl"}
                and wh_head.i != head.i
            ) or (
                low == "when"
                and not qmark
                and not (
                    nxt is not None
                    and (
                        nxt.tag_ == "MD"
                        or nxt.lemma_ in {"be", "do", "have"}
                        or nxt.lower_ in {"is", "are", "will", "do", "does", "did", "can"}
                    )
                )
            )
            if (
                low == "when"
                and not qmark
                and nxt is not None
                and nxt.pos_ in {"PRON", "PROPN", "NOUN", "DET"}
                and nxt.tag_ != "MD"
            ):
                subordinate = True
            # "when notify in romania will be available": a question with subject-first word order
            if (
                low == "when"
                and core.head.i == head.i
                and head.dep_ == "ROOT"
                and any(c.lower_ in {"will", "gonna", "going"} for c in head.children)
            ):
                subordinate = False
            if not subordinate:
                atype = refine(self._wh.get(low, "what"))
                if atype == "what":
                    # "what's the pricing for ...", "what's the ETA": the noun asked about sets the type
                    nouns = {t.lemma_.lower() for t in doc[core.i : min(e, core.i + 6)] if t.pos_ in {"NOUN", "PROPN"}}
                    if nouns & self._price_nouns:
                        atype = "how_much"
                    elif nouns & self._time_nouns:
                        atype = "when"
                conf = 0.95 if qmark else 0.8
                kind: QuestionKind = "request" if atype == "request" else "direct"  # "how about a refund?"
                return self._span_result(doc, toks, kind, atype, conf, False, False, drop_lead=True)  # type: ignore[arg-type]

        # --- interrogative word order ------------------------------------------------------
        modal_you = any(lo <= a and a <= core.i + 1 for a, _ in shape_hits.get("MODAL_YOU", []) if a <= hi)
        can_i_get = any(a == core.i for a, _ in shape_hits.get("CAN_I_GET", []))
        if self._inverted(core, head):
            if modal_you:
                verb = self._main_verb_after(doc, core, e)
                if (
                    verb is not None
                    and verb.lemma_.lower() in {"like", "mind", "want", "prefer", "need"}
                    and _norm(core) in {"would", "do", "will"}
                ):
                    return self._span_result(
                        doc, toks, "direct", "yesno", 0.85, False, False
                    )  # an offer: "would you like a copy?"
                if verb is not None and verb.lemma_.lower() in {
                    "tell",
                    "explain",
                    "confirm",
                    "advise",
                    "clarify",
                    "let",
                    "know",
                }:
                    # "can you tell me when ...": a question in request form
                    inner = self._embedded_type(doc, verb, e)
                    return self._span_result(doc, toks, "direct", inner, 0.85, False, False)  # type: ignore[arg-type]
                return self._span_result(doc, toks, "request", "request", 0.9, False, False, drop_lead=True)
            if can_i_get:
                return self._span_result(doc, toks, "request", "request", 0.85, False, False, drop_lead=True)
            atype = refine("yesno")
            if (
                core.lemma_.lower() in {"would", "will", "can", "could"}
                and nxt is not None
                and _norm(nxt) in {"someone", "somebody", "anyone"}
            ):
                return self._span_result(doc, toks, "request", "request", 0.85, False, False)
            conf = 0.95 if qmark else 0.75
            return self._span_result(doc, toks, "direct", atype, conf, False, False, drop_lead=True)  # type: ignore[arg-type]

        # --- requests ------------------------------------------------------------------------
        please_in = any(self._is_please(t) for t in toks)
        labels = self._labels_at(shape_hits, lo, hi)
        if "I_WANT" in labels and not self._statement_of_liking(doc, shape_hits, lo, hi):
            r = self._want_request(doc, shape_hits, lo, hi, toks)
            if r is not None:
                kind, atype = r
                return self._span_result(doc, toks, kind, atype, 0.8, False, False)
        if (
            core.lower_ == "needs"
            and core.i + 1 < e
            and doc[core.i + 1].lower_ == "to"
            and not any(c.dep_ in _SUBJ_DEPS for c in core.children)
        ):
            return self._span_result(doc, toks, "request", "request", 0.6, False, False)  # "@brand needs to fix ..."
        if "WOULD_BE_NICE" in labels or "SHOULD_ADD" in labels or "WANNA" in labels:
            if len(words) <= 4:
                # "... would be much appreciated" cut off from its subject: it repeats the ask before it
                return self._span_result(doc, toks, "request", "request", 0.5, True, False)
            return self._span_result(doc, toks, "request", "request", 0.65, False, False)
        tail_words = [_norm(t) for t in toks if not t.is_punct][-2:]
        if tail_words == ["if", "possible"] and len(words) >= 3:
            return self._span_result(
                doc, toks, "request", "request", 0.6, False, False
            )  # "just a replacement, if possible"
        if "HOPE_YOU_CAN" in labels:
            return self._span_result(doc, toks, "request", "request", 0.5, True, False)
        if "LET_ME_KNOW" in labels and any(_norm(t) in _YOU_LIKE for t in toks if t.i > core.i):
            return self._span_result(doc, toks, "request", "request", 0.6, True, False)
        if self._imperative(please_core, head, toks):
            generic = core.lemma_.lower() == "help" and len(words) <= 3
            return self._span_result(doc, toks, "request", "request", 0.75, generic, False)
        if please_in:
            if (
                core.pos_ in {"PRON", "PROPN"}
                and core.lower_ in {"i", "we"}
                and not any(t.lemma_ in {"need", "want"} for t in toks)
            ):
                return None
            generic = all(
                w in self._please
                or w in self._help_nouns
                or w in {"me", "us", "asap", "now", "!", "someone"}
                or w in self._please_auto
                for w in words
            )
            return self._span_result(doc, toks, "request", "request", 0.75, generic, False)
        if (
            low in {"any", "some"}
            and nxt is not None
            and (nxt.lemma_.lower() in self._help_nouns or _norm(nxt) in self._help_nouns)
            and nxt.lower_ != "help"
        ):
            # "any ideas", "any suggestions why ...": keep the ask, not the venting that follows
            end_tok = nxt
            k = nxt.i + 1
            if k < e and (_norm(doc[k]) in self._wh or _norm(doc[k]) in {"if", "whether", "on", "about", "for"}):
                end_tok = toks[-1]
            span_toks = [t for t in toks if core.i <= t.i <= end_tok.i]
            atype = "why" if _norm(doc[min(k, e - 1)]) == "why" else self._refine([low, _norm(nxt)], "how")
            return self._span_result(doc, span_toks or toks, "direct", atype, 0.8, False, False)  # type: ignore[arg-type]
        head_low = head.lemma_.lower()
        if (
            core.i == head.i
            and (head_low in self._help_nouns or _norm(head) in self._help_nouns)
            and head.pos_ in {"NOUN", "PROPN", "VERB", "X", "INTJ", "ADJ"}
        ):
            short = len(words) <= 4
            any_ = any(w in {"any", "some"} for w in words)
            please_near = please_in or any(self._is_please(t) for t in doc[max(s, lo - 2) : min(e, hi + 3)])
            if short and (qmark or any_ or head_low == "help" or please_near):
                if head_low == "help":
                    return self._span_result(doc, toks, "request", "request", 0.7, True, False)
                return self._span_result(doc, toks, "direct", "how", 0.7, False, False)

        # --- declarative question: "its extra?", "needs internet to run?" ----------------------
        if qmark and not exclaim_q and n_q <= 2:
            negated = any(_norm(t) in _NEG or t.dep_ == "neg" for t in toks)
            first_person = any(
                _norm(c) in {"i", "me", "my", "im", "i'm"} for c in head.children if c.dep_ in _SUBJ_DEPS
            )
            if not negated and not first_person and len(words) >= 3:
                return self._span_result(doc, toks, "direct", "yesno", 0.55, False, True)
        return None

    def _span_result(
        self,
        doc: Doc,
        toks: list[Token],
        kind: QuestionKind,
        atype: AnswerType,
        conf: float,
        generic: bool,
        weak: bool,
        drop_lead: bool = False,
    ) -> tuple[int, int, QuestionKind, AnswerType, float, bool, bool] | None:
        body = [t for t in toks if not t.is_space]
        lead = self._leading_clause(doc, body) if drop_lead else set()
        if lead:
            first_lead = min(lead)
            if doc[first_lead].lower_ not in {"if", "unless", "once", "when", "whenever", "in", "provided", "assuming"}:
                body = [t for t in body if t.i not in lead]
        # punctuation that hangs off the head from behind a split-off clause is not ours
        for k in range(1, len(body)):
            gap = any(not t.is_space for t in body[k].doc[body[k - 1].i + 1 : body[k].i])
            rest = body[k:]
            if gap and (
                all(t.is_punct for t in rest) or (len(rest) <= 4 and not any(t.pos_ in {"VERB", "AUX"} for t in rest))
            ):
                body = body[:k]
                break
        # trim a list marker ("1.", "2)", "*"), then leading fillers/punctuation/mentions, trailing
        # punctuation (keep "?") and conjunctions
        i = 0
        if len(body) > 2 and body[0].like_num and body[1].text in {".", ")"} and body[1].i == body[0].i + 1:
            i = 2
        elif len(body) > 1 and body[0].text.rstrip(".)").isdigit() and body[0].text[-1:] in {".", ")"}:
            i = 1
        while i < len(body) and (
            self._skippable(body[i])
            and not self._is_please(body[i])
            and body[i].pos_ != "SCONJ"
            and body[i].lower_ not in {"if", "when"}
        ):
            i += 1
        j = len(body)
        while j > i and (
            body[j - 1].is_space
            or body[j - 1].like_url
            or body[j - 1].text.startswith("@")
            or body[j - 1].pos_ in {"CCONJ", "SCONJ"}
            or body[j - 1].lower_ in {"&", "plus", "so", "i", "lol", "lmao", "haha", "smh", "ugh", "tbh", "wtf", "omg"}
            or (body[j - 1].is_punct and not set(body[j - 1].text) & {"?", ")", '"', "\u201d", "'"})
        ):
            j -= 1
        if j <= i:
            return None
        first, last = body[i], body[j - 1]
        return (first.idx, last.idx + len(last), kind, atype, conf, generic, weak)

    # ------------------------------------------------------------------ helpers
    def _starts_with_wh(self, doc: Doc, toks: list[Token]) -> bool:
        first = next((t for t in toks if not self._skippable(t)), None)
        return first is not None and _norm(first) in self._wh

    def _inside_quotes(self, doc: Doc, tok: Token, s: int) -> bool:
        """Is ``tok`` inside a quotation opened earlier on its line (UI text, error messages)?
        Quotes of that kind are short, so only the 60 tokens before are looked at."""
        # The tokens looked at lie between the last line break before ``tok`` and ``tok``: when
        # that stretch of text holds no quote mark at all, none of them is one.
        text = doc_text(doc)
        line = text[text.rfind("\n", 0, tok.idx) + 1 : tok.idx]
        if '"' not in line and "\u201c" not in line and "\u201d" not in line and "``" not in line and "''" not in line:
            return False
        n = 0
        j = tok.i - 1
        stop = max(-1, tok.i - 61)
        while j > stop and "\n" not in doc[j].text and "\n" not in doc[j].whitespace_:
            if doc[j].text in {'"', "\u201c", "\u201d", "``", "''"}:
                n += 1
            j -= 1
        return n % 2 == 1

    def _modal_you_at(self, doc: Doc, toks: list[Token]) -> bool:
        ws = [_norm(t) for t in toks[:4]]
        return any(w in _MODAL_REQUEST for w in ws) and any(w in _YOU_LIKE for w in ws)

    @staticmethod
    def _labels_at(shape_hits: dict[str, list[tuple[int, int]]], lo: int, hi: int) -> set[str]:
        return {label for label, spans in shape_hits.items() for a, b in spans if lo <= a <= hi and b - 1 <= hi}

    def _statement_of_liking(self, doc: Doc, shape_hits: dict[str, list[tuple[int, int]]], lo: int, hi: int) -> bool:
        """ "I love my playlists", "I like the app": liking, not asking (asking needs "would/'d")."""
        for a, b in shape_hits.get("I_WANT", []):
            if lo <= a <= hi and doc[b - 1].lemma_.lower() in {"like", "love", "prefer"}:
                if not any(_norm(t) in {"'d", "d", "would", "wd"} for t in doc[a : b - 1]) and not any(
                    _norm(t) == "if" for t in doc[b : b + 3]
                ):
                    return True
        return False

    def _negated_or_any(self, tok: Token) -> bool:
        doc = tok.doc
        window = doc[max(0, tok.i - 4) : tok.i]
        if any(_norm(t) in _NEG or t.dep_ == "neg" or _norm(t) in {"any", "unsure", "some"} for t in window):
            return True
        if tok.lemma_.lower() in {"unsure"}:
            return True
        # "I can't figure out": the negation hangs on the modal before the verb
        return any(c.dep_ == "neg" for c in tok.children) or any(
            c.dep_ == "neg" for c in tok.head.children if tok.dep_ in {"xcomp", "acomp"}
        )

    def _main_verb_after(self, doc: Doc, core: Token, e: int) -> Token | None:
        for t in doc[core.i + 1 : e]:
            if t.pos_ in {"VERB"} or (t.pos_ == "AUX" and t.dep_ == "ROOT"):
                return t
        return None

    def _embedded_type(self, doc: Doc, verb: Token, e: int) -> str:
        for t in doc[verb.i + 1 : min(e, verb.i + 5)]:
            w = _norm(t)
            if w in {"if", "whether"}:
                return "yesno"
            if w in self._wh:
                nxt = tuple(_norm(x) for x in doc[t.i : t.i + 2])
                return self._wh_refine.get(nxt, self._wh[w])
        return "what"

    def _refine(self, words: list[str], default: str) -> str:
        """Answer type from the longest two-/three-word opener ("how much", "any ideas", "what now")."""
        seq = tuple(words[:6])
        best: tuple[int, str] | None = None
        for k, v in self._wh_refine.items():
            if seq[: len(k)] == k and (best is None or len(k) > best[0]):
                best = (len(k), v)
        return best[1] if best else default
