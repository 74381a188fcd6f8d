"""Speech acts: what a customer message complains about, and what a draft reply does.

The analyzer combines rule-pack matches (``APOLOGY``, ``NON_APOLOGY``, ``COMPLAINT``,
``REFUSAL``, ``ALTERNATIVE``, ``NEXT_ACTION``, ``GENERIC_OFFER``, ``EMPATHY``; see
``rules/*.yml``) with dependency-aware checks that patterns cannot express: a negation attached
to the same verb as "can", a "sorry" whose clause continues with "if you feel", the subject of a
commitment being I/we, an imperative with no subject, a question whose form is interrogative.

All facts are :class:`ActFact` with character offsets into ``doc.text``, which has the length
of the original text (see :mod:`replylint.normalize`), so offsets are offsets into the original.

The analyzer is built once per Checker and never mutated afterwards (thread-safe). The
``*_of(ctx)`` helpers compute a fact once per check through ``ctx.memo``. What several analyses
read about one doc (each token's sentence, its attributes as plain lists, the question segments)
is computed once per doc and kept in ``doc.user_data`` (see :class:`_DocFacts`); a doc belongs to
one check, so this is not shared between threads.

Where each verdict is made:

- ``complaint.py``: a problem in the customer message; ``apology.py``: apologies and
  non-apologies; ``refusal.py``: refusals; ``alternative.py``: alternatives; ``next_action.py``:
  instructions, commitments, outcomes, questions back, resources; ``empathy.py``: empathy and
  restatements. Each holds one finder class; ``analyzer.py`` combines them into
  :class:`SpeechActAnalyzer`, and ``lexicon.py`` holds the word lists they read from the packs.
- ``memo.py``: the ``*_of(ctx)`` helpers rules call.
- Shared ground: ``facts.py`` (:class:`ActFact`, making and deduplicating facts), ``words.py``
  (closed-class word sets), ``table.py`` (token attributes as lists), ``docfacts.py`` (per-doc
  facts), ``grammar.py`` (negation, subjects, conditionals, embedding), ``timing.py`` (timed
  clauses), ``segments.py`` (question segments by form), ``quoted.py`` (quoted history),
  ``sentences.py`` (sentence helpers).
"""

from replylint.analysis.speech_acts.analyzer import SpeechActAnalyzer
from replylint.analysis.speech_acts.docfacts import _doc_facts as _doc_facts
from replylint.analysis.speech_acts.docfacts import _sent_of as _sent_of
from replylint.analysis.speech_acts.docfacts import _table as _table
from replylint.analysis.speech_acts.facts import ActFact
from replylint.analysis.speech_acts.facts import Matches as Matches
from replylint.analysis.speech_acts.facts import _dedupe as _dedupe
from replylint.analysis.speech_acts.grammar import _is_handle as _is_handle
from replylint.analysis.speech_acts.memo import (
    alternatives_of,
    apologies_of,
    complaint_of,
    complaint_probability,
    empathy_of,
    next_actions_of,
    non_apologies_of,
    refusals_of,
    surely_complains,
)
from replylint.analysis.speech_acts.memo import surely_asks as surely_asks
from replylint.analysis.speech_acts.quoted import quoted_ranges as quoted_ranges
from replylint.analysis.speech_acts.segments import _SEGMENT_ENDS as _SEGMENT_ENDS
from replylint.analysis.speech_acts.segments import _segments_at as _segments_at
from replylint.analysis.speech_acts.sentences import (
    complaint_sentences,
    prose_sentences,
    sentence_of,
)
from replylint.analysis.speech_acts.sentences import question_segments as question_segments
from replylint.analysis.speech_acts.timing import _timed_at as _timed_at
from replylint.analysis.speech_acts.words import _TIME_WORDS as _TIME_WORDS

__all__ = [
    "ActFact",
    "SpeechActAnalyzer",
    "alternatives_of",
    "apologies_of",
    "complaint_of",
    "complaint_probability",
    "complaint_sentences",
    "empathy_of",
    "next_actions_of",
    "non_apologies_of",
    "prose_sentences",
    "refusals_of",
    "sentence_of",
    "surely_complains",
]
