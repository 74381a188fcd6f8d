"""Request shapes: "I need/want/would like ...", imperatives with no subject and embedding words that
ask ("not sure how to", "wondering if").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from replylint.analysis.questions.facts import AnswerType, QuestionKind
from replylint.analysis.questions.shapes import ClauseShapes
from replylint.analysis.questions.words import _CORE_REQUEST_VERBS, _NEG, _SUBJ_DEPS, _YOU_LIKE, _norm


class RequestShapes(ClauseShapes):
    """Whether a clause asks for something without a question's word order."""

    def _embed_is_ask(self, tok: Token) -> bool:
        """ "tell me why", "can you check if", "I want to know when", "please confirm whether"."""
        doc = tok.doc
        lemma = tok.lemma_.lower()
        window = [_norm(t) for t in doc[max(0, tok.i - 5) : tok.i]]
        if tok.tag_ == "VB" and (
            tok.i == 0
            or doc[tok.i - 1].is_punct
            or doc[tok.i - 1].is_space
            or _norm(doc[tok.i - 1]) in self._please
            or self._skippable(doc[tok.i - 1])
        ):
            return lemma != "see" or any(w in self._please for w in window)
        if any(w in self._want or w in {"wanted", "needed", "liked", "'d", "would"} for w in window[-3:]):
            return True
        if any(w in self._please for w in window):
            return True
        if "let" in window[-3:] and lemma == "know":
            return False  # "will let you know if it happens again": the customer informing
        if any(w in _YOU_LIKE for w in window[-3:]) and any(
            w in {"can", "could", "would", "will", "ca"} for w in window
        ):
            return True
        if lemma == "know" and (
            "do" in window[-3:]
            or "does" in window[-3:]
            or "lemme" in window
            or (len(window) >= 2 and window[-2] == "let" and window[-1] in {"me", "us"})
        ):
            return True
        if lemma in {"know", "understand"} and any(w in _NEG for w in window[-3:]):
            return True
        if lemma in {"ask", "question"} and any(w in {"i", "to", "'m", "am", "just", "a", "my"} for w in window[-3:]):
            return True
        if lemma == "question" and all(self._skippable(t) for t in doc[max(0, tok.i - 5) : tok.i]):
            return True  # "Question about how to update my address"
        return bool(
            lemma == "try" or (lemma in {"see", "find"} and any(w in {"trying", "try", "tried"} for w in window))
        )

    def _want_request(
        self, doc: Doc, shape_hits: dict[str, list[tuple[int, int]]], lo: int, hi: int, toks: list[Token]
    ) -> tuple[QuestionKind, AnswerType] | None:
        for a, b in shape_hits.get("I_WANT", []):
            if not (lo <= a <= hi):
                continue
            verb = doc[b - 1]
            polite = any(_norm(t) in {"'d", "d", "would", "wd"} for t in doc[a : b - 1])
            if verb.tag_ in {"VBD", "VBN"} or (
                not polite and (verb.dep_ in {"relcl", "acl"} or verb.head.dep_ in {"relcl"})
            ):
                continue
            if (
                not polite
                and verb.dep_ == "advcl"
                and any(
                    c.dep_ in {"advmod", "mark"}
                    and _norm(c) in {"when", "whenever", "while", "as", "because", "since", "until", "before", "after"}
                    for c in verb.children
                )
            ):
                continue  # "... right when I need to pay rent": the time of a complaint, not an ask
            after = doc[b : min(len(doc), b + 4)]
            if not len(after):
                continue
            if _norm(verb) in {"rather", "sooner", "prefer"}:
                return "request", "request"  # "I'd rather have a refund"
            n0 = _norm(after[0])
            if n0 == "to":
                v = after[1] if len(after) > 1 else None
                if v is None:
                    continue
                if v.lemma_.lower() in {"know", "understand", "ask", "find", "learn", "confirm", "check", "see"}:
                    if (
                        any(_norm(t) in self._wh or _norm(t) in {"if", "whether"} for t in doc[v.i + 1 : v.i + 5])
                        or v.lemma_ == "ask"
                    ):
                        return "indirect", "what"
                    continue
                if verb.lemma_.lower() in {"want", "like", "love", "wish"} and v.lemma_.lower() in {
                    "say",
                    "thank",
                    "share",
                    "complain",
                    "vent",
                    "listen",
                    "file",
                    "let",
                    "point",
                    "tell",
                    "give",
                    "mention",
                    "add",
                    "report",
                    "leave",
                    "express",
                    "watch",
                    "play",
                    "hear",
                }:
                    continue
                if verb.lemma_.lower() == "want" and any(_norm(t) == "just" for t in doc[max(0, a) : b]):
                    continue
                return "request", "request"
            if verb.lemma_.lower() in {"like", "love"} and not (
                after[0].pos_ in {"DET", "NOUN", "PROPN", "NUM", "ADJ"}
                or after[0].tag_ in {"PRP$", "PRP"}
                or n0 in {"to", "help", "more", "someone"}
            ):
                continue
            if (
                verb.lemma_.lower() == "love"
                and n0 in {"you", "this", "that", "it", "them", "him", "her"}
                and not any(_norm(t) == "if" for t in after)
            ):
                continue
            if n0 in {"it", "that", "this"} and not any(_norm(t) in {"if", "when"} for t in after):
                continue
            if after[0].pos_ in {"DET", "NOUN", "PROPN", "PRON", "NUM", "ADJ"} or n0 in {
                "help",
                "refund",
                "assistance",
                "someone",
                "you",
                "u",
                "a",
                "an",
                "more",
            }:
                if after[0].tag_ in {"VBD", "VBN"}:
                    continue
                if polite or verb.lemma_.lower() in {"request", "require"} or n0 in _YOU_LIKE:
                    return "request", "request"
                # plain "I want/need X": a request when X is something support hands out
                # ("a refund", "a new code", "help"), or X comes with what should happen to it
                # ("my invoice re-issued"); "I want tickets to the concert" is a wish
                obj = self._object_head(after)
                if obj is not None and (
                    obj.lemma_.lower() in self._request_objects or _norm(obj) in self._request_objects
                ):
                    return "request", "request"
                if any(
                    t.tag_ in {"VBN"}
                    or t.tag_ == "TO"
                    or (t.tag_ == "VBD" and t.dep_ in {"ccomp", "xcomp", "oprd"} and t.head.i == verb.i)
                    for t in doc[b : min(len(doc), b + 6)]
                    if t.head.i >= b - 1
                ):
                    return "request", "request"
                continue
        return None

    @staticmethod
    def _object_head(after: Span) -> Token | None:
        for t in after:
            if t.pos_ in {"NOUN", "PROPN"} or t.lower_ in {"help", "refund"}:
                # the head of the noun phrase: walk right over compounds
                while t.dep_ == "compound" and t.head.i > t.i:
                    t = t.head
                return t
            if t.pos_ not in {"DET", "ADJ", "NUM", "PRON", "ADV"}:
                return None
        return None
        return None

    def _imperative(self, core: Token, head: Token, toks: list[Token]) -> bool:
        verb = core
        # "please fix", "pls help": skip the please word
        if self._is_please(verb):
            rest = [t for t in toks if t.i > verb.i and not self._skippable(t)]
            if not rest:
                return False
            verb = rest[0]
        lemma = verb.lemma_.lower()
        low = _norm(verb)
        if low.endswith("ed") and low not in {"need", "feed", "speed", "seed", "bleed"}:
            return False  # "Tried everything", "Updated my phone": a past tense with "I" elided
        if low in {"gim", "gimme", "lemme", "dm"} or (low == "help" and verb.i == core.i):
            return True
        if verb.tag_ != "VB" and not (
            verb.text.isupper()
            and len(verb.text) > 2
            and verb.pos_ in {"VERB", "PROPN", "NOUN"}
            and verb.lemma_.lower()
            in {
                "make",
                "fix",
                "bring",
                "add",
                "update",
                "stop",
                "give",
                "refund",
                "cancel",
                "send",
                "help",
                "call",
                "put",
                "get",
            }
        ):
            return False
        if lemma in self._imp_exclude or low in self._imp_exclude:
            return False
        after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
        if after is not None and (after.pos_ == "AUX" or after.dep_ == "neg" or after.tag_ in {"VBZ", "VBD"}):
            return False  # "Spotify isn't available": a subject, not an order
        if (
            after is not None
            and after.tag_ in {"NN", "NNS", "NNP", "NNPS"}
            and lemma not in _CORE_REQUEST_VERBS
            and not verb.text.isupper()
        ):
            return False  # "Spotify desktop app causes ...": a name the tagger took for a verb
        if any(c.dep_ in _SUBJ_DEPS and c.i < verb.i for c in verb.children):
            return False
        prev = verb.doc[verb.i - 1] if verb.i > 0 else None
        if prev is not None and prev.tag_ in {"MD", "TO"} and prev.i >= toks[0].i:
            return False
        return not (
            prev is not None
            and prev.pos_ in {"PRON", "NOUN", "PROPN"}
            and prev.i >= toks[0].i
            and not prev.text.startswith("@")
            and not self._is_please(prev)
        )
