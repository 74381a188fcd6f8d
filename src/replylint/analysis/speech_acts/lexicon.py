"""The word lists the analyzer reads from the rule packs, built once per Checker."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language

from replylint.analysis.speech_acts.words import _NEG_IGNORE_EXTRA
from replylint.packs import CompiledPacks


class SpeechActLexicon:
    """The analyzer's word lists from the rule packs; the finders below read them."""

    def __init__(self, nlp: Language, packs: CompiledPacks) -> None:
        data: dict[str, Any] = packs.data
        self.vocab = nlp.vocab
        self._packs = packs

        def words(key: str, default: Iterable[str] = ()) -> frozenset[str]:
            value = data.get(key, list(default))
            return frozenset(str(v).lower() for v in value) if isinstance(value, list) else frozenset()

        self._refusal_verbs = words("refusal_verbs")
        self._refusal_adjs = words("refusal_adjectives")
        self._refusal_stop = words("refusal_stop_verbs")
        self._refusal_passive = words("refusal_passive_verbs")
        self._refusal_no_nouns = words("refusal_no_nouns")
        self._refusal_nothing_verbs = words("refusal_nothing_verbs")
        self._not_paths = words("alternative_not_paths")
        self._neg_ignore = words("complaint_neg_ignore") | _NEG_IGNORE_EXTRA
        self._resolved_heads = words("complaint_resolved_heads")
        self._no_ignore = words("complaint_no_ignore")
        self._neg_objects = words("complaint_neg_objects")
        self._commit_ignore = words("commitment_ignore")
        self._imperative_ignore = words("imperative_ignore")
        self._cond_verbs = words("conditional_instruction_verbs")
        self._instruction_verbs = words("instruction_verbs")
        self._hedges = words("commitment_hedges")
        self._restate_ignore = words("restatement_ignore")
        self._info_heads = words("complaint_info_heads")
        self._expect_verbs = words("expectation_verbs")
        self._outcome_states = words("outcome_states")
        self._outcome_verbs = words("outcome_verbs")
