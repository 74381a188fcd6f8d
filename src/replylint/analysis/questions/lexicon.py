"""Compile the question pack (``rules/questions.yml`` or the merged packs the Checker passes) into
the word sets and matchers that the rest of the extractor reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import spacy
from spacy.lang.en import English
from spacy.tokenizer import Tokenizer

from replylint.analysis.questions.matchers import embedding_matcher, phrase_matcher, shape_matcher
from replylint.analysis.questions.rule_pack import _load_pack


class QuestionLexicon:
    """The question pack compiled once: its word lists and matchers (read-only afterwards, so the
    parts of the extractor that read them are safe to call from several threads)."""

    def __init__(
        self,
        vocab: spacy.vocab.Vocab,
        pack: str = "questions.yml",
        data: Mapping[str, Any] | None = None,
        tokenizer: Tokenizer | None = None,
    ) -> None:
        # ``tokenizer``: the loaded pipeline's, as the Checker passes it (a blank English
        # tokenizer built here only to split pack phrases costs ~80 ms of start-up).
        # ``data``: the merged ``data`` of all loaded rule packs (built-in + the team's), as the
        # Checker passes it; standalone use reads the built-in pack file.
        data = dict(data) if data is not None else _load_pack(pack)
        self.vocab = vocab
        if tokenizer is None:
            tokenizer = English(vocab=vocab).tokenizer

        def lowers(key: str) -> frozenset[str]:
            return frozenset(str(x).lower() for x in data.get(key, []))

        wh = {str(k).lower(): str(v) for k, v in data.get("question_wh_words", {}).items()}
        self._wh: dict[str, str] = wh
        self._wh_refine: dict[tuple[str, ...], str] = {
            tuple(t.lower_ for t in tokenizer(str(k).lower())): str(v)
            for k, v in data.get("question_wh_refine", {}).items()
        }
        self._embed = lowers("question_embedding_lemmas")
        self._embed_neg = lowers("question_embedding_need_negation")
        self._want = lowers("question_want_lemmas")
        self._please = lowers("question_please_words")
        self._please_auto = lowers("question_please_autocorrect")
        # every word _is_please can accept (a quick necessary test)
        self._please_any = self._please | self._please_auto
        self._help_nouns = lowers("question_help_nouns")
        self._imp_exclude = lowers("question_imperative_exclude")
        self._fillers = lowers("question_clause_fillers")
        self._request_objects = lowers("question_request_objects")
        self._price_nouns = lowers("question_price_nouns")
        self._time_nouns = lowers("question_time_nouns")

        # phrase lists -> PhraseMatchers on lower-cased tokens
        self._phrases = phrase_matcher(vocab, tokenizer, data)
        self._rhet_whole_strings = frozenset(
            " ".join(t.lower_ for t in tokenizer(str(p).lower())) for p in data.get("question_rhetorical_whole", [])
        )

        # token shapes -> Matcher
        please = sorted(self._please)
        wants = sorted(self._want)
        embed = sorted(self._embed)
        whs = sorted(set(wh) | {"if", "whether"})
        self._matcher = shape_matcher(vocab, please, wants, embed, whs)
        # dependency shape of an embedded question: embedding word -> clause with wh/if/whether
        self._dep, self._dep_needs = embedding_matcher(vocab, embed, whs)
