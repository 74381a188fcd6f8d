"""The closed-class word sets the analyses test (grammar, not vocabulary: teams extend the packs,
not these)."""

from __future__ import annotations

# --- closed-class word sets (grammar, not vocabulary: teams extend the packs, not these) -------
_NEG_WORDS = frozenset({"not", "n't", "n’t", "never", "no", "cannot", "nt"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us"})
_SECOND_PERSON = frozenset({"you", "u", "ya", "y'all", "yall"})
_WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
_AUX_LEMMAS = frozenset(
    {"be", "do", "have", "can", "could", "will", "would", "shall", "should", "may", "might", "must"}
)
_WILL = frozenset({"will", "'ll", "’ll", "shall", "wo"})
_WOULD = frozenset({"would", "'d", "’d"})
_CAN = frozenset({"can", "ca", "could", "cannot"})
_INSTR_MODALS = frozenset({"can", "could", "should", "must", "may", "might"})
_LEADING_FILLERS = frozenset(
    {
        "please",
        "pls",
        "plz",
        "kindly",
        "just",
        "also",
        "so",
        "and",
        "then",
        "ok",
        "okay",
        "sure",
        "now",
        "first",
        "next",
        "but",
        "or",
        "alright",
        "oh",
        "well",
        "hi",
        "hey",
        "hello",
        "great",
        "perfect",
    }
)
#: Words that embed a clause as something the agent perceives or regrets, not something it says
#: ("sorry you can't log in", "I see you're unable to ...", "if you can't ...").
_EMBEDDING_HEADS = frozenset(
    {
        "sorry",
        "understand",
        "hear",
        "see",
        "imagine",
        "apologize",
        "apologise",
        "frustrating",
        "know",
        "notice",
        "sound",
        "seem",
        "appear",
        "look",
        "read",
        "hate",
        "sad",
        "understandable",
    }
)
#: Verbs of impression: "sorry if it seemed/looked/came across ..." regrets an impression.
_SEEM_VERBS = frozenset({"seem", "appear", "look", "sound", "come"})
#: Verbs that cite a rule or a document back at the customer ("the guide says", "our terms state").
_CITING_VERBS = frozenset({"say", "state", "show", "mention", "indicate", "specify", "note", "explain"})
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "when", "once", "until", "in case"})
_TIME_WORDS = frozenset(
    {
        "today",
        "tomorrow",
        "tonight",
        "soon",
        "shortly",
        "within",
        "by",
        "next",
        "hours",
        "days",
        "weeks",
        "minutes",
        "asap",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "morning",
        "afternoon",
        "evening",
        "week",
        "month",
        "later",
    }
)
_BACK_WORDS = frozenset(
    {"back", "available", "fixed", "resolved", "live", "online", "restored", "ready", "delivered", "sorted", "up"}
)
_REFUSAL_MODAL_IGNORE = frozenset(
    {
        "wait",
        "thank",
        "agree",
        "stress",
        "emphasize",
        "emphasise",
        "imagine",
        "recommend",
        "find",
        "locate",
        "see",
        "reproduce",
        "tell",
        "say",
        "believe",
        "understand",
        "express",
        "overstate",
        "help",
        "apologize",
        "apologise",
        "guarantee",
        "promise",
        "be",
        "seem",
        "access",
        "load",
        "open",
        "hear",
        "reach",
        "miss",
    }
)
#: "we'll be glad to ...": an adjective of willingness that makes "we will be" a commitment
_WILLING = frozenset({"glad", "happy", "sure", "pleased", "delighted", "ready", "able"})
_NEG_IGNORE_EXTRA = frozenset({"wait", "thank", "recommend", "believe", "stress", "praise", "ask"})
# Subjects and auxiliaries that _action_at tests for every verb, built once.
_WE = frozenset({"i", "we"})
_PERSONAL_SUBJECTS = frozenset({"they", "he", "she", "i", "we", "you"})
_ANY_PERSON = _PERSONAL_SUBJECTS | _SECOND_PERSON
_OUTCOME_AUX = _WILL | {"should", "is", "are", "'s", "’s", "will", "be"}  # "a fix is rolling out", "should be back"
_SETTLED_AUX = _WILL | {"should", "have", "has", "'s", "’s", "been"}  # not a present passive
_PERFECT_AUX = frozenset({"has", "have", "'s", "'ve", "’s", "’ve"})
_COMMIT_AUX = (
    _WILL | _CAN | {"'m", "am", "are", "'re", "’re", "'ve", "’ve", "have", "has", "need", "going", "is", "'s", "’s"}
)
