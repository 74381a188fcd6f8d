"""The speech-act analyzer: the finders of each act assembled into :class:`SpeechActAnalyzer`."""

from __future__ import annotations

from replylint.analysis.speech_acts.alternative import AlternativeFinder
from replylint.analysis.speech_acts.apology import ApologyFinder
from replylint.analysis.speech_acts.empathy import EmpathyFinder


class SpeechActAnalyzer(ApologyFinder, AlternativeFinder, EmpathyFinder):
    """Finds speech acts in a customer message and a draft. Build once, call from any thread.

    Complaints, refusals and next actions come in through :class:`AlternativeFinder` and
    :class:`EmpathyFinder`, which read them.
    """
