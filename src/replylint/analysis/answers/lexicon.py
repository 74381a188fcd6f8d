"""Compile the synonyms pack (``rules/synonyms.yml`` or the merged packs the Checker passes) into the
synonym concepts and the phrase matcher of what a draft sentence does (deflects, commits ...).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import spacy
from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer

from replylint.analysis.answers.facts import AnswerOptions
from replylint.analysis.answers.similarity import LexicalSimilarity, Similarity
from replylint.analysis.questions.rule_pack import _load_pack


class AnswerLexicon:
    """The synonyms pack compiled once, with the options and similarity backend of the matcher
    (read-only afterwards)."""

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
