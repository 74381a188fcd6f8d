"""Find the questions and requests in a customer message.

The extractor works on the spaCy parse of the *cleaned* customer text (see
:func:`replylint.analysis.mail.clean_customer`), whose character offsets are those of the
original message. It proceeds in three steps:

1. **Segments** (``segments.py``). spaCy's sentences, cut again at line breaks, at "?"/"!" runs
   and at run-on boundaries typical of tweets ("... card info We had to ..."), so that one segment
   holds one sentence even when the customer wrote no punctuation.
2. **Clauses** (``shapes.py``). In each segment the root and the clauses coordinated with it ("can
   you refund me *or send a new one*", "wondering why X *& why Y*") are separate clause
   candidates; a clause keeps its leading conditional ("If I upgrade, will I ...").
3. **Classification** (``kinds.py``, ``requests.py``). Each clause is tested, in order, for the
   shapes of an ask: rhetorical or courtesy openers (rejected), embedded questions ("not sure how
   to", "wondering if"), wh-questions, interrogative word order (aux/modal before the subject),
   modal + "you" requests, "I need/want/would like", imperatives with no subject, "please" and
   help nouns, and declarative questions ending in "?".

``extractor.py`` assembles the steps into :class:`QuestionExtractor`; ``facts.py`` holds what it
reports. Phrase lists a team may extend live in ``rules/questions.yml`` (read by
``rule_pack.py``, compiled by ``lexicon.py``); the linguistic shapes are spaCy
``Matcher``/``DependencyMatcher``/``PhraseMatcher`` patterns compiled once (``matchers.py``);
``words.py`` holds the fixed closed-class vocabulary.
"""

from replylint.analysis.questions.extractor import QuestionExtractor
from replylint.analysis.questions.facts import AnswerType, ExtractorReading, QuestionFact, QuestionKind
from replylint.analysis.questions.rule_pack import _pack_path as _pack_path
from replylint.analysis.questions.words import _NEW_SUBJECTS as _NEW_SUBJECTS
from replylint.analysis.questions.words import _PLEA_END_NEXT as _PLEA_END_NEXT
from replylint.analysis.questions.words import _norm as _norm

__all__ = ["AnswerType", "ExtractorReading", "QuestionExtractor", "QuestionFact", "QuestionKind"]
