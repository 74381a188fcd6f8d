"""Next actions in a draft: instructions, commitments, outcomes, questions back, resources."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from replylint.analysis.speech_acts.docfacts import (
    _doc_facts,
    _sent_bounds,
    _sent_of,
    _span_sent,
    _span_sent_bounds,
    _table,
)
from replylint.analysis.speech_acts.facts import ActFact, Matches, _dedupe, _overlaps, _span_fact, _tokens_fact
from replylint.analysis.speech_acts.grammar import (
    _AUX_DEPS,
    _after_comma_cc_at,
    _aux,
    _clause_fact,
    _clause_negated,
    _clause_negated_at,
    _conditional,
    _conditional_at,
    _effective_subjects_at,
    _embedded_at,
    _has_neg,
    _hoped_at,
    _run_fact,
    _subjects,
    _subjects_at,
    _subtree_ids,
)
from replylint.analysis.speech_acts.lexicon import SpeechActLexicon
from replylint.analysis.speech_acts.segments import _filler_at
from replylint.analysis.speech_acts.sentences import _unquoted
from replylint.analysis.speech_acts.table import _Table
from replylint.analysis.speech_acts.timing import _has_duration, _time_anchor, _timed_at
from replylint.analysis.speech_acts.words import (
    _ANY_PERSON,
    _BACK_WORDS,
    _CAN,
    _COMMIT_AUX,
    _INSTR_MODALS,
    _OUTCOME_AUX,
    _PERFECT_AUX,
    _PERSONAL_SUBJECTS,
    _SECOND_PERSON,
    _SETTLED_AUX,
    _WE,
    _WILL,
    _WILLING,
    _WOULD,
)


class NextActionFinder(SpeechActLexicon):
    """Finds next actions in a draft."""

    def next_actions(self, doc: Doc, matches: Matches) -> list[ActFact]:
        """Concrete next steps: instructions, I/we commitments, timed outcomes, specific questions."""
        generic = matches.get("GENERIC_OFFER", [])
        # the generic offers of each sentence (by its first token), in order: looked up per
        # sentence, not filtered out of all the doc's offers each time (quadratic in a long text)
        generic_by_sent: dict[int, list[Span]] = {}
        for g in generic:
            generic_by_sent.setdefault(_span_sent_bounds(g)[0], []).append(g)
        facts: list[ActFact] = []
        for span in matches.get("NEXT_ACTION", []):
            sent_start = _span_sent_bounds(span)[0]
            if sent_start in generic_by_sent and not self._has_specific_request(
                _span_sent(span), generic_by_sent[sent_start]
            ):
                continue
            root = span.root
            if _clause_negated(root) and not span.text.lower().startswith(("let us know", "let me know")):
                continue
            facts.append(_span_fact("NEXT_ACTION", span))
        facts.extend(self._resources(doc))
        doc_facts = _doc_facts(doc)
        table = doc_facts.table(doc)
        lower, pos, dep, instruction_verbs = table.lower, table.pos, table.dep, self._instruction_verbs
        for (start, end), segs in zip(doc_facts.sentences(doc)[0], doc_facts.question_segments(doc), strict=True):
            sent = doc[start:end]
            generic_here = generic_by_sent.get(start, [])
            for seg_ids in segs:
                last = seg_ids[-1]
                seg_start, seg_end = table.idx[seg_ids[0]], table.idx[last] + len(table.text[last])
                if any(_overlaps(seg_start, seg_end, g.start_char, g.end_char) for g in generic_here):
                    continue
                content = [doc[i] for i in seg_ids if not _filler_at(table, i)]
                if not content:
                    continue
                facts.append(_tokens_fact("REQUEST" if self._is_request(content) else "QUESTION", content))
            if generic_here and not self._has_specific_request(sent, generic_here):
                continue
            # once per sentence, not once per token: any hedge in the sentence hedges its steps
            hedged = not self._hedges.isdisjoint(lower[start:end])
            for i in range(start, end):
                # only a verb, a base form at the root or a known instruction verb can be a step
                # (the first tests of _action_at, made here on the table to skip the other words)
                if not (
                    pos[i] in ("VERB", "AUX")
                    or (dep[i] == "ROOT" and table.tag[i] == "VB")
                    or lower[i] in instruction_verbs
                ):
                    continue
                # An auxiliary with no dependents of its own ("will" in "we will call") has no
                # subject, auxiliary or clause of its own, so no branch of _action_at can fire for
                # it except the mistagged imperative (an instruction verb) and the estimate (an
                # expectation verb): skip the rest.
                if (
                    dep[i] in _AUX_DEPS
                    and not table.kids[i]
                    and lower[i] not in instruction_verbs
                    and (table.lemma[i] not in self._expect_verbs)
                ):
                    continue
                tok = doc[i]
                fact = self._action_at(tok, sent, hedged, table)
                if fact is not None and not self._open_invitation(tok):
                    facts.append(fact)
        return _unquoted(doc, _dedupe(facts))

    def _is_request(self, content: Sequence[Token]) -> bool:
        """ "Could you send us ...?" asks the customer to act; "Could you tell us which ...?" too."""
        if len(content) < 3 or content[0].lower_ not in ("can", "could", "would", "will", "ca"):
            return False
        if content[1].lower_ not in _SECOND_PERSON:
            return False
        verbs = [t for t in content[2:5] if t.tag_ == "VB" or t.lower_ in self._instruction_verbs]
        return bool(verbs) and verbs[0].lemma_.lower() not in ("be", "help", "see", "hear")

    @staticmethod
    def _resources(doc: Doc) -> list[ActFact]:
        """A link offered as the thing to read or use ("steps here: <link>", "Maybe this helps? <link>")."""
        out = []
        t = _table(doc)
        # a word with a dot or a slash first: a test in C that rules out nearly every token
        for i in [k for k, text in enumerate(t.text) if "." in text or "/" in text]:
            text = t.text[i]
            if not (t.url[i] or text.startswith(("http", "www.", "[", "("))):
                continue
            tok = doc[i]
            prev = [t for t in doc[max(0, tok.i - 4) : tok.i] if not t.is_space and t.text not in ("(", "[", "<")]
            if not prev:
                continue
            p = prev[-1]
            if p.text in (":", "->", "→") or p.lower_ in (
                "here",
                "link",
                "at",
                "via",
                "visit",
                "see",
                "to",
                "on",
                "this",
                "in",
            ):
                out.append(_tokens_fact("RESOURCE", [*prev[-2:], tok]))
            elif p.text.endswith("?"):  # "Maybe this helps? <link>"
                seg = [t for t in _sent_of(p) if t.i <= p.i]
                if any(t.lemma_.lower() in ("help", "work", "solve", "fix", "answer", "try") for t in seg):
                    out.append(_tokens_fact("RESOURCE", [*seg[-6:], tok]))
            elif p.text.endswith("!"):  # "this should help! <link>" (not "glad it works! <link>")
                seg = [t for t in _sent_of(p) if t.i <= p.i]
                if any(
                    t.lemma_.lower() in ("help", "work", "solve", "fix", "answer")
                    and any(
                        c.dep_ == "aux" and c.lower_ in ("should", "will", "'ll", "may", "might") for c in t.children
                    )
                    for t in seg
                ):
                    out.append(_tokens_fact("RESOURCE", [*seg[-6:], tok]))
        return out

    @staticmethod
    def _has_specific_request(sent: Span, generic: list[Span]) -> bool:
        """A sentence with a generic offer can still carry a real step outside that offer."""
        g = [s for s in generic if _span_sent_bounds(s)[0] == sent.start]
        outside = [t for t in sent if not any(s.start <= t.i < s.end for s in g)]
        return any(
            t.lower_ in ("dm", "email", "call", "reply", "send") and t.i < min(s.start for s in g) for t in outside
        )

    @staticmethod
    def _open_invitation(tok: Token) -> bool:
        """ "Feel free to reach out", "don't hesitate to contact us": an open door, not a step —
        unless it names where or how (a link, a number, DM, chat, email address)."""
        if tok.lemma_.lower() not in ("feel", "hesitate"):
            return False
        goals = [c for c in tok.subtree if c.dep_ == "xcomp" or (c.head.i == tok.i and c.pos_ == "ADJ")]
        verbs = {t.lemma_.lower() for t in tok.subtree if t.pos_ == "VERB" and t.i != tok.i}
        if not verbs & {"contact", "reach", "ask", "get", "let", "message", "write", "call", "email"} or not goals:
            return False
        specific = any(
            t.like_url or t.like_num or t.like_email or t.lower_ in ("dm", "dms", "chat", "here", "phone", "forum")
            for t in _sent_of(tok)
        )
        return not specific

    def _mistagged_imperative(self, tok: Token) -> bool:
        """ "Restart the app." parsed as a proper noun: a known instruction verb opening a clause."""
        if tok.lower_ not in self._instruction_verbs or (tok.tag_ == "VB" and tok.dep_ == "ROOT"):
            return False
        if tok.tag_ not in ("VB", "VBP", "NN", "NNP", "NNS", "NNPS", "JJ", "UH") or (
            not tok.text[:1].isupper() and tok.i != _sent_bounds(tok)[0]
        ):
            return False
        if not self._starts_clause(tok, strict=True):
            return False
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        return nxt is not None and (
            nxt.pos_ in ("DET", "PRON", "ADP", "PART", "ADV")
            or nxt.tag_ == "VBG"
            or nxt.lower_ in ("us", "me", "your", "the", "a", "it", "this")
        )

    def _action_at(self, tok: Token, sent: Span, hedged_sent: bool, t: _Table) -> ActFact | None:
        """The step that ``tok`` (in ``sent``, which has a hedge when ``hedged_sent``) states, if any.

        Runs for every verb of a draft, so the word tests read the doc's _Table (``t``, at offset
        ``i``) rather than Token attributes."""
        i = tok.i
        lower, deps, kids = t.lower, t.dep, t.kids[i]
        if t.handle[i]:
            return None
        if lower[i] in self._instruction_verbs and self._mistagged_imperative(tok):
            return _run_fact("INSTRUCTION", tok)
        tag, dep, head = t.tag[i], deps[i], t.head[i]
        if t.pos[i] not in ("VERB", "AUX") and not (dep == "ROOT" and tag == "VB"):
            return None
        lemma = t.lemma[i]
        if _clause_negated_at(t, i) and lemma not in ("forget", "hesitate"):
            return None
        subs = _effective_subjects_at(t, i)
        sub_lower = {lower[s] for s in subs}
        auxes = [c for c in kids if deps[c] in _AUX_DEPS]
        aux_lower = {lower[a] for a in auxes}
        # imperative: a base-form verb with no subject, no modal, not an infinitive
        if (
            tag == "VB"
            and not subs
            and not aux_lower
            and dep in ("ROOT", "conj", "advcl", "ccomp", "acl", "parataxis", "appos")
            and (dep != "conj" or not _subjects_at(t, head) or _after_comma_cc_at(t, i))
            and (lemma not in self._imperative_ignore or any(lower[c] in ("sure", "certain") for c in kids))
            and not any(deps[c] == "mark" for c in kids)
            and self._starts_clause(tok)
        ):
            if dep in ("advcl", "acl", "appos") and not self._starts_clause(tok, strict=True):
                return None
            if not lemma.isalpha() or (
                lemma not in self._instruction_verbs
                and not any(
                    deps[c] in ("dobj", "dative", "prep", "prt", "xcomp", "ccomp", "advmod", "acomp") for c in kids
                )
            ):
                return None  # a bare capitalised word ("Juraj") is a signature, not an instruction
            return _clause_fact("INSTRUCTION", tok)
        # "if you contact our team, ..." — a conditional instruction
        if (
            sub_lower & _SECOND_PERSON
            and lemma in self._cond_verbs
            and any(deps[c] == "mark" and lower[c] == "if" for c in kids)
        ):
            return _clause_fact("INSTRUCTION", tok)
        if dep != "ROOT" and _conditional_at(t, i):
            return None
        # "you can find it in Settings", "you'll need to ...", "you should ..."
        counterfactual = tag == "VBN" and bool(aux_lower & {"have", "'ve", "’ve"})  # "you should have checked"
        if (
            sub_lower & _SECOND_PERSON
            and aux_lower & (_INSTR_MODALS | {"ca"})
            and not counterfactual
            and lemma not in ("be", "help", "imagine", "see")
        ):
            if not _embedded_at(t, i):
                return _clause_fact("INSTRUCTION", tok)
        if (
            sub_lower & _SECOND_PERSON
            and lemma in ("need", "have")
            and tag in ("VB", "VBP")
            and any(deps[c] == "xcomp" and t.tag[c] == "VB" for c in kids)
            and not _embedded_at(t, i)
        ):
            return _clause_fact("INSTRUCTION", tok)
        hedged = hedged_sent or _hoped_at(t, i)
        # timed outcome: "you'll see the refund in 3-5 days", "your replacement will ship Monday"
        if aux_lower & _WILL and not hedged:
            yours = sub_lower & _SECOND_PERSON or any(any(lower[c] in ("your", "ur") for c in t.kids[s]) for s in subs)
            timed = _timed_at(tok.doc, t, range(sent.start, sent.end))
            if ((yours or timed) and not sub_lower & {"they", "he", "she"} and lemma not in ("be",)) or (
                yours and lemma == "be" and any(deps[c] in ("acomp", "attr") for c in kids) and timed
            ):
                if not sub_lower & {"i", "we"} or lemma not in self._commit_ignore:
                    return _clause_fact("OUTCOME", tok)
        # "a fix is rolling out this week", "it should be back up within the hour"
        if (
            not sub_lower & _PERSONAL_SUBJECTS
            and subs
            and aux_lower & _OUTCOME_AUX
            and tag in ("VB", "VBG", "VBN")
            and (lemma not in ("be", "have") or any(lower[c] in _BACK_WORDS for c in kids))
            and _timed_at(tok.doc, t, _subtree_ids(t, i))
            and (
                # a present passive ("delays are handled by ...", "breakfast is included for two
                # nights") states a rule; it is an outcome only with a point in time
                not (tag == "VBN" and not aux_lower & _SETTLED_AUX) or _time_anchor(tok)
            )
            and not hedged
            and not _embedded_at(t, i)
        ):
            return _clause_fact("OUTCOME", tok)
        # "accounts unlock after 72 hours", "refunds take 3-5 days": when the outcome happens
        if tag in ("VBZ", "VBP") and subs and not sub_lower & _ANY_PERSON:
            if lemma != "be" and _has_duration(tok):
                return _clause_fact("OUTCOME", tok)
        # an estimate with a point in time: "engineers expect service back by 6pm"
        if lemma in self._expect_verbs and not sub_lower & _SECOND_PERSON and not hedged and _time_anchor(tok):
            return _clause_fact("OUTCOME", tok)
        # a state reached for the customer: "your account is now closed", "your card is unblocked"
        yours_subject = bool(subs) and all(any(lower[c] in ("your", "ur") for c in t.kids[s]) for s in subs)
        if yours_subject and lemma == "be" and tag in ("VBZ", "VBP") and not _embedded_at(t, i) and not hedged:
            states = [
                c for c in kids if deps[c] in ("acomp", "attr", "advmod", "prep") and lower[c] in self._outcome_states
            ]
            if states:
                return _clause_fact("OUTCOME", tok)
        if (
            yours_subject
            and tag == "VBN"
            and lemma in self._outcome_verbs
            and not _embedded_at(t, i)
            and not hedged
            and any(lower[a] in ("is", "are", "'s", "’s") for a in auxes)
            and any(lower[c] in ("now", "already") for c in kids)
        ):
            return _clause_fact("OUTCOME", tok)  # "your subscription is now cancelled"
        # done for the customer, said of the thing moved: "the balance has been moved to your account"
        if (
            tag == "VBN"
            and aux_lower & _PERFECT_AUX
            and any(deps[a] == "auxpass" for a in auxes)
            and lemma not in ("be", "have")
            and any(
                w.lower_ in ("you", "your", "ur") and w.dep_ in ("pobj", "poss", "dative", "dobj") for w in tok.subtree
            )
            and not _embedded_at(t, i)
            and not hedged
        ):
            return _clause_fact("OUTCOME", tok)
        # done for the customer: "your refund has been processed", "your order has shipped"
        if (
            subs
            and all(any(lower[c] in ("your", "ur") for c in t.kids[s]) for s in subs)
            and (
                (aux_lower & _PERFECT_AUX and tag == "VBN")
                or (tag in ("VBD", "VBN") and _timed_at(tok.doc, t, _subtree_ids(t, i)))
            )
            and lemma not in ("be", "have")
            and not _embedded_at(t, i)
        ):
            return _clause_fact("OUTCOME", tok)
        if not hedged and not _embedded_at(t, i):
            step = self._willing_or_procedure(tok, lemma, tag, dep, sub_lower, aux_lower)
            if step is not None:
                return step
        # commitment: I/we + will / have done / are doing / can do / need to
        ours = any(
            t.pos[s] in ("NOUN", "PROPN") and any(lower[c] == "our" for c in t.kids[s]) for s in subs
        )  # "our team is looking into it", "our engineers have fixed it"
        first_person = (
            bool(sub_lower & _WE) or ours or (not subs and tag == "VBD" and dep == "ROOT" and self._starts_clause(tok))
        )
        let_us = (
            dep in ("ccomp", "xcomp") and t.lemma[head] == "let" and any(lower[c] in ("me", "us") for c in t.kids[head])
        )
        habitual = any(
            lower[c] in ("always", "constantly", "continually", "generally", "usually", "often") for c in kids
        )
        if dep == "relcl" and lower[head] in ("nothing", "anything", "little", "much"):
            return None  # "there's nothing we can do"
        informing = lemma in ("confirm", "assure", "tell", "say", "promise", "guarantee") and bool(aux_lower & _CAN)
        if (
            (first_person or let_us)
            and not hedged
            and not habitual
            and not informing
            and lemma not in self._commit_ignore
        ):
            if aux_lower & _WOULD and lemma != "need":
                return None
            if _embedded_at(t, i):
                return None
            if (
                let_us
                or aux_lower & _COMMIT_AUX
                or tag in ("VBD", "VBN")
                or (tag == "VBG" and dep == "conj")
                or (lemma == "need" and any(deps[c] == "xcomp" for c in kids))
                or (t.lemma[head] in ("go", "need") and dep == "xcomp")
            ):
                if lemma == "need" and not any(deps[c] == "xcomp" for c in kids):
                    return None  # "we need the money" is not a step
                if tag == "VBD" and not aux_lower and not (sub_lower & {"i", "we"} or not subs):
                    return None
                if (
                    tag == "VBD"
                    and not aux_lower
                    and subs
                    and not any(w.lower_ in ("you", "your", "yours", "u", "ur") for w in tok.subtree)
                ):
                    return None  # "we changed ownership": something we did, not for this customer
                return _clause_fact("COMMITMENT", tok)
        return None

    @staticmethod
    def _willing_or_procedure(
        tok: Token, lemma: str, tag: str, dep: str, sub_lower: set[str], aux_lower: set[str]
    ) -> ActFact | None:
        """Three shapes of a step the commitment and instruction tests miss:
        "we'll be glad to credit the time" (we will, through an adjective of willingness);
        "we've been in touch via DM" / "we'll be in touch" (contact made or promised);
        "the live wire should be connected to the NO terminal" (a procedure, said of the thing)."""
        head = tok.head
        if (
            dep == "xcomp"
            and tag == "VB"
            and head.pos_ == "ADJ"
            and head.lower_ in _WILLING
            and head.head.lemma_.lower() == "be"
            and {s.lower_ for s in _subjects(head.head)} & _WE
            and {a.lower_ for a in _aux(head.head)} & _WILL
            and not _has_neg(head.head)
        ):
            return _clause_fact("COMMITMENT", tok)
        if (
            lemma in ("be", "get", "keep", "stay")
            and sub_lower & _WE
            and (aux_lower & (_WILL | _PERFECT_AUX) or tag in ("VBD", "VBN"))
            and any(c.lower_ == "in" and any(g.lower_ == "touch" for g in c.children) for c in tok.children)
            and not _has_neg(tok)
        ):
            return _clause_fact("COMMITMENT", tok)
        if (
            tag == "VBN"
            and aux_lower & {"should", "must"}
            and any(c.dep_ == "auxpass" for c in tok.children)
            and any(c.dep_ == "nsubjpass" and c.pos_ in ("NOUN", "PROPN") for c in tok.children)
            and not _has_neg(tok)
            and not _conditional(tok)
        ):
            return _clause_fact("INSTRUCTION", tok)
        return None

    @staticmethod
    def _starts_clause(tok: Token, strict: bool = False) -> bool:
        """Only fillers ("please", "just", a name, a link) precede ``tok`` in its clause."""
        doc = tok.doc
        t = _table(doc)
        i = tok.i
        sent_start = _sent_bounds(tok)[0]
        seg_start = sent_start
        head, text, lower, newline = t.head[i], t.text, t.lower, t.newline
        for k in range(sent_start, i):
            if text[k] in (",", ";", ":", "-", "–", "—", "!", ".", "(", "?") or newline[k]:
                seg_start = k + 1
            if not strict and lower[k] in ("and", "then", "or") and t.head[k] == head:
                seg_start = k + 1
        before = [doc[k] for k in range(seg_start, i) if not _filler_at(t, k)]
        if not before:
            return True
        if strict:
            return False
        # "if you're able to, restart the app" / "once it arrives, open the box"
        return all(any(a.dep_ == "advcl" and a.head.i == tok.i for a in [b, *b.ancestors]) for b in before)
