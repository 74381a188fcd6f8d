"""The corpus turned into training rows, parsed exactly as the Checker parses text.

One parse of every corpus text, shared by the three decisions: candidate asks (extraction),
labelled questions against the reply (answered or not), and customer messages (complaint).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from replylint.analysis.questions import QuestionFact
from replylint.learn.ask_features import AskCandidate, ask_candidates
from replylint.learn.corpus import ANSWER_FILES, EXTRACTION_FILES, load_rows, source_group
from replylint.learn.linear import Features
from replylint.learn.scoring import jaccard

if TYPE_CHECKING:
    from replylint.checker import Checker

__all__ = ["AnswerItem", "ComplaintItem", "Corpus", "Message", "build"]


@dataclass
class Message:
    """A customer message with labelled questions and its candidate asks."""

    row_id: str
    file: str
    group: str
    gold: list[str]
    candidates: list[AskCandidate]
    labels: list[int]
    rule_texts: list[str]


@dataclass
class AnswerItem:
    """One labelled question (its labelled span) against the reply."""

    row_id: str
    file: str
    group: str
    question: str
    answered: bool
    features: Features
    rule_answered: bool


@dataclass
class ComplaintItem:
    row_id: str
    file: str
    group: str
    complaint: bool
    features: Features
    rule_complaint: bool
    #: the draft's apology as the hand-written detector reads it, and the labelled one
    draft_apologises: bool = False
    label_apology: bool = False


@dataclass
class PairItem:
    """A usable customer message -> reply pair, parsed, for whole-check figures (extraction and
    answered-or-not chained as the Checker chains them)."""

    row_id: str
    file: str
    group: str
    customer_doc: Doc = field(repr=False)
    draft_doc: Doc = field(repr=False)
    #: some labelled question is unanswered: the question-answered check should fail
    gold_fails: bool = False

    def draft_with_entities(self, checker: Checker, questions: list[QuestionFact]) -> Doc:
        """A copy of the draft with NER run as the Checker runs it for these questions."""
        doc = self.draft_doc.copy()
        checker._add_entities(doc, questions)
        return doc


@dataclass
class Corpus:
    messages: list[Message]
    answers: list[AnswerItem]
    complaints: list[ComplaintItem]
    pairs: list[PairItem] = field(default_factory=list)


def build(checker: Checker, corpus: Path) -> Corpus:
    """Parse every corpus text once and build the three datasets."""
    from replylint.learn.answer_features import answer_features
    from replylint.learn.complaint_features import complaint_features

    tk = checker.toolkit
    messages: list[Message] = []
    answers: list[AnswerItem] = []
    complaints: list[ComplaintItem] = []
    pairs: list[PairItem] = []
    for name in EXTRACTION_FILES:
        for row in load_rows(corpus, name):
            group = source_group(row["source"])
            cdoc = checker._parse_customer(row["customer"])
            reading = tk.questions.read(cdoc)
            facts = tk.questions.extract(cdoc, reading)
            cands = ask_candidates(tk.questions, cdoc, facts, reading)
            gold = [q["text"] for q in row.get("questions", [])]
            labels = [int(any(jaccard(c.text, g) >= 0.5 for g in gold)) for c in cands]
            messages.append(Message(row["id"], name, group, gold, cands, labels, [f.text for f in facts]))
            if name not in ANSWER_FILES or not row.get("usable", True):
                continue
            matches = tk.packs.match(cdoc)
            rule_complaint = tk.speech.complaint(cdoc, matches)
            ddoc = checker._parse_draft(row["reply"])
            dmatches = tk.packs.match(ddoc)
            apologises = bool(tk.speech.apologies(ddoc, dmatches))
            complaints.append(
                ComplaintItem(
                    row["id"],
                    name,
                    group,
                    bool(row.get("complaint")),
                    complaint_features(tk, cdoc, matches, rule_complaint, facts),
                    bool(rule_complaint),
                    apologises,
                    bool(row.get("apology")),
                )
            )
            gold_fails = any(not q["answered"] for q in row.get("questions", []))
            pairs.append(PairItem(row["id"], name, group, cdoc, ddoc, gold_fails))
            if not row.get("questions"):
                continue
            qfacts = []
            for q in row["questions"]:
                start = row["customer"].find(q["text"])
                if start < 0:
                    start = 0
                qfacts.append(tk.questions.fact_for_span(cdoc, start, start + len(q["text"]), q.get("kind")))
            qdoc = pairs[-1].draft_with_entities(checker, qfacts)  # the reply parsed above, NER as checked
            sentences = tk.answers.read_sentences(qdoc)
            verdicts = tk.answers.match(qfacts, cdoc, qdoc, sentences)
            feats = answer_features(tk, qfacts, verdicts, cdoc, qdoc, sentences=sentences)
            for q, v, f in zip(row["questions"], verdicts, feats, strict=True):
                answers.append(AnswerItem(row["id"], name, group, q["text"], bool(q["answered"]), f, v.answered))
    return Corpus(messages, answers, complaints, pairs)
