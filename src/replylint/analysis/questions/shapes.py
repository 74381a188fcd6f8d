"""Clause shapes: the heads of a segment's clauses and the tokens of each, a leading conditional, the
first core word, interrogative word order and "please" words.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from replylint.analysis.questions.lexicon import QuestionLexicon
from replylint.analysis.questions.words import _CONDITIONAL_MARKS, _SUBJ_DEPS, _YOU_LIKE, _norm


class ClauseShapes(QuestionLexicon):
    """Tests on the shape of a clause that segmentation and classification share."""

    # ------------------------------------------------------------------ clauses
    def _clause_heads(self, doc: Doc, s: int, e: int) -> list[Token]:
        heads: list[Token] = []
        for tok in doc[s:e]:
            if tok.is_space:
                continue
            if tok.dep_ == "ROOT" or tok.head.i == tok.i:
                heads.append(tok)
            elif not (s <= tok.head.i < e):
                # attached outside the segment: a root of its own unless it hangs off a clause
                # already started here ("Id love it if i could stop ..." | "I want ...")
                if heads and tok.dep_ in {
                    "advcl",
                    "xcomp",
                    "acl",
                    "relcl",
                    "prep",
                    "pobj",
                    "dobj",
                    "amod",
                    "compound",
                    "npadvmod",
                    "advmod",
                    "dep",
                    "attr",
                    "acomp",
                    "oprd",
                    "appos",
                    "nmod",
                    "poss",
                }:
                    continue
                heads.append(tok)
        # coordinated / paratactic clauses of a clause head become heads of their own
        frontier = list(heads)
        while frontier:
            h = frontier.pop()
            for child in h.children:
                if not (s <= child.i < e):
                    continue
                own_subject = any(c.dep_ in _SUBJ_DEPS for c in child.children)
                if child.dep_ in {"conj", "parataxis"} and child.pos_ in {"VERB", "AUX"}:
                    heads.append(child)
                    frontier.append(child)
                elif (
                    child.dep_ == "dep"
                    and child.pos_ == "VERB"
                    and child.i > h.i
                    and doc[child.left_edge.i - 1].text in {",", ";", "-"}
                ):
                    heads.append(child)  # "i sent money to the wrong number, kindly reverse it"
                    frontier.append(child)
                elif (
                    child.dep_ in {"ccomp", "parataxis", "advcl", "conj"}
                    and child.i > h.i
                    and self._opens_question(doc, child, s)
                ):
                    heads.append(child)
                    frontier.append(child)
                elif (
                    child.dep_ in {"ccomp", "parataxis"}
                    and child.i < h.i
                    and own_subject
                    and child.right_edge.i + 1 < e
                    and doc[child.right_edge.i + 1].text in {",", ";"}
                ):
                    heads.append(child)  # "I need to change the name, | my passport has ..."
                    frontier.append(child)
                elif (
                    child.dep_ == "ccomp"
                    and child.i > h.i
                    and own_subject
                    and h.lemma_.lower() == "help"
                    and child.tag_ in {"VBZ", "VBD", "VBP"}
                    and all(
                        c.i > h.i and c.lower_ not in {"me", "us", "him", "her", "them", "you"}
                        for c in child.children
                        if c.dep_ in _SUBJ_DEPS
                    )
                ):
                    heads.append(child)  # "please help | my outlook keeps asking for my password"
                    frontier.append(child)
        return sorted(set(heads), key=lambda t: t.i)

    def _opens_question(self, doc: Doc, head: Token, s: int) -> bool:
        """A clause attached inside another that starts as a question of its own."""
        left = self._core_start(doc, [t for t in head.subtree if t.i >= s])
        if left is None or left.i <= s:
            return False
        before = doc[left.i - 1]
        if before.lemma_.lower() in self._embed or before.lower_ in {
            "if",
            "whether",
            "that",
            "when",
            "because",
            "cause",
            "since",
            "as",
        }:
            return False
        low = _norm(left)
        if low in self._wh and left.i > s and before.lower_ in {"and", "&", "but", ",", "also"}:
            return True
        if low in self._wh and left.i > s and before.lower_ == "or":
            nxt = doc[left.i + 1] if left.i + 1 < len(doc) else None
            return nxt is not None and (nxt.tag_ == "MD" or nxt.lemma_ in {"be", "do", "have"})
        return self._inverted(left, head) and before.lower_ in {"and", "&", "or", "but", ",", ";", "also"}

    def _clause_tokens(self, head: Token, heads: set[int], s: int, e: int) -> list[Token]:
        out: list[Token] = []
        stack = [head]
        # orphans (attached outside the segment) that follow this head belong to its clause
        nxt_head = min((h for h in heads if h > head.i), default=e)
        # (range guarded: an empty Span at the end of the doc costs a copy of doc.text)
        for t in head.doc[head.i + 1 : nxt_head] if head.i + 1 < nxt_head else ():
            if not (s <= t.head.i < e) and t.i not in heads and t.dep_ != "ROOT" and t.head.i != t.i:
                stack.append(t)
        while stack:
            t = stack.pop()
            if not (s <= t.i < e):
                continue
            out.append(t)
            for c in t.children:
                if c.i in heads:
                    continue
                stack.append(c)
        return sorted(out, key=lambda t: t.i)

    def _skippable(self, tok: Token) -> bool:
        # (the token's own flags first: reading the token before builds a Token object)
        if tok.is_space or tok.is_punct or tok.like_url or tok.text.startswith("@") or tok.text.startswith("#"):
            return True
        if tok.i > 0 and tok.doc[tok.i - 1].text == "#" and not tok.doc[tok.i - 1].whitespace_:
            return True
        if tok.pos_ in {"CCONJ", "INTJ"} and tok.lower_ not in self._please and tok.lower_ not in {"help", "please"}:
            return True
        return _norm(tok) in self._fillers and not self._is_please(tok)

    def _core_start(self, doc: Doc, toks: list[Token]) -> Token | None:
        """First token of the clause proper: after fillers and a leading conditional clause."""
        if not toks:
            return None
        skip = self._leading_clause(doc, toks)
        for t in toks:
            if t.i in skip or self._skippable(t):
                continue
            return t
        return None

    def _leading_clause(self, doc: Doc, toks: list[Token]) -> set[int]:
        """Token ids of a clause that leads into the main one: "If I upgrade, ...", "I was
        overcharged at checkout, can I ...". Conditionals stay in the question's span."""
        skip: set[int] = set()
        ids = {t.i for t in toks}
        for t in toks:
            # (the label first: most tokens fail it, and Token.head builds a new Token)
            if t.dep_ not in {"advcl", "ccomp", "parataxis", "csubj"}:
                continue
            if t.head.i not in ids or t.head.i == t.i or t.i > t.head.i:
                continue
            sub = list(t.subtree)
            if not sub or sub[0].i > toks[0].i + 3:
                continue
            follows_comma = sub[-1].i + 1 < len(doc) and doc[sub[-1].i + 1].text in {",", ";", ":"}
            conditional = sub[0].lower_ in _CONDITIONAL_MARKS
            if (t.dep_ == "advcl" and (conditional or follows_comma)) or (
                follows_comma and any(c.dep_ in _SUBJ_DEPS for c in t.children)
            ):
                skip.update(x.i for x in sub)
                if follows_comma:
                    skip.add(sub[-1].i + 1)
        return skip

    def _inverted(self, first: Token, head: Token) -> bool:
        """Aux/modal before its subject: "can I ...", "is there ...", "does it ..."."""
        low = _norm(first)
        lemma = first.lemma_.lower()
        if first.tag_ == "MD" or low in {"ca", "wo"}:
            pass
        elif lemma in {"be", "do", "have"} and first.pos_ in {"AUX", "VERB"}:
            if first.dep_ not in {"aux", "auxpass", "ROOT", "conj", "ccomp", "parataxis", "advcl"}:
                return False
            if lemma == "have" and first.dep_ not in {"aux", "auxpass"}:
                return False
            if lemma == "do" and first.dep_ not in {"aux", "auxpass", "ROOT"}:
                return False
        else:
            return False
        verb = first if first.dep_ not in {"aux", "auxpass"} else first.head
        doc = first.doc
        if (
            first.tag_ == "MD"
            and first.i + 2 < len(doc)
            and doc[first.i + 2].tag_ in {"VBZ", "VBD", "VBP"}
            and doc[first.i + 2].lemma_ == "be"
            and doc[first.i + 1].pos_ == "PRON"
        ):
            return False  # "(may it's worth ...)": "maybe" typed as "may", not "may it ...?"
        nxt0 = doc[first.i + 1] if first.i + 1 < len(doc) else None
        qmark = any("?" in t.text for t in doc[first.i : min(len(doc), verb.i + 12)] if t.is_punct)
        if nxt0 is not None and (nxt0.dep_ == "neg" or _norm(nxt0) in {"n't", "not", "nt"}) and not qmark:
            # "Can't even turn it off", "cant un thumbs up a song": a complaint with "I" elided
            return False
        subj = [c for c in verb.children if c.dep_ in _SUBJ_DEPS] + [c for c in first.children if c.dep_ in _SUBJ_DEPS]
        # a "subject" parsed across a sentence break ("... when charging lol | is that normal") is not one
        subj = [
            c
            for c in subj
            if not (
                c.i < first.i
                and any(
                    doc[k].is_punct or _norm(doc[k]) in {"lol", "lmao", "haha", "smh", "omg"}
                    for k in range(c.i + 1, first.i)
                )
            )
        ]
        if subj:
            if not any(c.i > first.i for c in subj):
                return False
            if lemma == "be" and first.dep_ not in {"aux", "auxpass"} and not qmark:
                # "is the worst customer service" (subject elided before "is") has no predicate
                subj_end = max(t.i for c in subj for t in c.subtree if c.i > first.i)
                head_end = max(c.i for c in subj if c.i > first.i)
                return (
                    subj_end > head_end
                    or any(c.i > head_end and not c.is_punct and c.dep_ not in {"cc", "conj"} for c in first.children)
                    or any(c.dep_ == "expl" for c in subj)
                )
            return True
        nxt = doc[first.i + 1] if first.i + 1 < len(doc) else None
        while nxt is not None and nxt.lower_ in {"n't", "not"} and nxt.i + 1 < len(doc):
            nxt = doc[nxt.i + 1]
        if nxt is None:
            return False
        if nxt.lower_ in _YOU_LIKE and first.dep_ in {"aux", "auxpass", "ROOT"} and first.i + 2 < len(doc):
            return True  # "are you guys aware that ...", "do you have ..."
        after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
        if (
            lemma == "be"
            and nxt.lower_ in {"that", "this", "it", "there"}
            and after is not None
            and after.pos_ in {"ADJ", "DET", "NOUN"}
            and (
                first.i == 0
                or doc[first.i - 1].is_space
                or doc[first.i - 1].is_punct
                or _norm(doc[first.i - 1]) in {"lol", "lmao", "haha", "so", "and", "but"}
            )
        ):
            return True  # "... lol is that normal", "is it safe to ..."
        if not qmark:
            # "Is lyrical one available": a capitalised be-verb opening its own sentence
            return (
                first.is_title
                and lemma == "be"
                and first.i > 0
                and first.dep_ != "aux"
                and nxt.pos_ in {"ADJ", "DET", "NOUN", "PRON", "PROPN"}
            )
        return nxt.tag_ in {"PRP", "EX", "DT", "NNP", "NN", "NNS", "PRP$"} or nxt.lower_ in _YOU_LIKE

    def _is_please(self, tok: Token) -> bool:
        low = _norm(tok)
        if low in self._please:
            return True
        if low in self._please_auto:
            nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
            prev = tok.doc[tok.i - 1] if tok.i > 0 else None
            if tok.is_title and prev is not None and prev.text in {".", "!", "?", ";"}:
                return False  # "... or they don't. Plus take some common sense": "in addition"
            if (
                nxt is not None
                and (nxt.pos_ in {"VERB", "AUX"} or nxt.lower_ in {"help", "up", "let", "add"})
                and (
                    prev is None
                    or prev.is_punct
                    or prev.is_space
                    or prev.text.startswith("@")
                    or prev.pos_ in {"NOUN", "PROPN", "ADV", "VERB"}
                )
            ):
                return True
            if nxt is None or nxt.is_punct or nxt.is_space or nxt.lower_ == "help":
                return True
            if prev is not None and prev.lower_ in {"help"}:
                return True
        return False
