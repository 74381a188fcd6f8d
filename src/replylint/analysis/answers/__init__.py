"""Decide, for each customer question, whether the draft reply answers it, and where.

For every draft sentence the matcher first reads what the sentence *does* (one pass per draft,
shared by all questions): deflects ("DM us", "tell us more"), asks back (a clarifying question),
commits to an action ("I've issued", "we'll send"), declines ("we don't offer ..."), says yes or
no, gives a time, an amount, a reason, instructions or a link. Each question is then scored
against each sentence:

* **topic** — how much of the question's focus the sentence talks about: shared lemmas, noun
  chunks and entities, widened by the support-domain synonym table in ``rules/synonyms.yml``
  (refund ~ money back, cancel ~ close account ...), through a :class:`Similarity` backend
  (lexical by default; an embeddings backend can be plugged in);
* **type** — whether the sentence gives the kind of answer the question asks for (a time for a
  when-question, an amount for how-much, yes/no for a yes/no question, steps for how, a reason for
  why, a commitment or a reasoned decline for a request).

A sentence that only deflects or asks back never answers, as the rubric says; neither does a
whole reply made only of such sentences unless ``deflection_answers`` is set.

Modules: ``sentences.py`` reads the draft's sentences (``lexicon.py`` compiles the synonyms pack,
``concepts.py`` reads concepts), ``similarity.py`` scores topic, ``verdicts.py`` scores answer
type, ``matcher.py`` (:class:`AnswerMatcher`) matches each question to its best sentence and
decides; ``facts.py`` holds what it reports and its options.
"""

from replylint.analysis.answers.facts import AnswerFact, AnswerOptions
from replylint.analysis.answers.matcher import AnswerMatcher
from replylint.analysis.answers.sentences import DraftSentence
from replylint.analysis.answers.similarity import LexicalSimilarity, Similarity
from replylint.analysis.answers.verdicts import ENTITY_ANSWER_TYPES

__all__ = [
    "ENTITY_ANSWER_TYPES",
    "AnswerFact",
    "AnswerMatcher",
    "AnswerOptions",
    "DraftSentence",
    "LexicalSimilarity",
    "Similarity",
]
