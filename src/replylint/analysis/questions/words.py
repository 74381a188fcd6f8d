"""The fixed English vocabulary of asks (closed classes, not domain phrases) and small token helpers
(normal form, previous token, subject test) every other part of the extractor shares.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

# --- fixed linguistic vocabulary (closed classes, not domain phrases) -------------------------
_AUX_LEMMAS = frozenset(
    {"be", "do", "have", "can", "could", "will", "would", "shall", "should", "may", "might", "must"}
)
_MODAL_REQUEST = frozenset({"can", "could", "would", "will", "ca", "wo", "cant", "couldnt", "wouldnt"})
_YOU_LIKE = frozenset({"you", "u", "ya", "y'all", "yall", "someone", "somebody", "anyone", "anybody", "ye", "thou"})
_I_LIKE = frozenset({"i", "we", "me", "im", "i'm", "id", "i'd", "ive", "i've", "my"})
_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
_NEG = frozenset(
    {
        "not",
        "n't",
        "never",
        "no",
        "cant",
        "cannot",
        "dont",
        "doesnt",
        "didnt",
        "wont",
        "isnt",
        "wasnt",
        "aint",
        "nobody",
        "nothing",
        "none",
        "noone",
        "neither",
        "nor",
        "nt",
        "n’t",
    }
)
_CORE_REQUEST_VERBS = frozenset(
    {
        "get",
        "fix",
        "cancel",
        "refund",
        "send",
        "add",
        "remove",
        "update",
        "change",
        "reset",
        "unlock",
        "restore",
        "bring",
        "call",
        "email",
        "help",
        "delete",
        "close",
        "stop",
        "replace",
        "return",
        "check",
        "give",
        "make",
        "put",
        "sort",
        "reactivate",
        "activate",
        "escalate",
        "contact",
    }
)
_CONDITIONAL_MARKS = frozenset(
    {
        "if",
        "when",
        "once",
        "unless",
        "whenever",
        "in case",
        "provided",
        "assuming",
        "after",
        "before",
        "while",
        "since",
        "because",
        "as",
        "although",
        "though",
    }
)
_CLAUSE_TAKING = frozenset(
    {
        "think",
        "know",
        "hope",
        "guess",
        "feel",
        "say",
        "wish",
        "believe",
        "mean",
        "realize",
        "notice",
        "hear",
        "see",
        "sure",
        "bet",
        "suppose",
        "assume",
        "tell",
        "swear",
        "promise",
        "understand",
        "find",
        "so",
        "then",
        "when",
        "because",
        "if",
        "now",
        "also",
        "why",
        "how",
    }
)
_WH_TAGS = frozenset({"WRB", "WP", "WDT", "WP$"})
# pronoun subjects that open a new clause in a run-on ("fix your app it won't even open")
_NEW_SUBJECTS = frozenset({"it", "i", "we", "they", "he", "she", "its", "it's", "im", "i'm", "ive", "i've"})
# words after a "please" that start the next sentence ("... play together please | our skills ...")
_PLEA_END_NEXT = frozenset({"our", "my", "your", "the", "i", "we", "it", "this", "they"})
_QMARK = "?"
_LIGHT_LEMMAS = frozenset(
    {
        "be",
        "have",
        "do",
        "get",
        "can",
        "could",
        "will",
        "would",
        "should",
        "may",
        "might",
        "must",
        "know",
        "wonder",
        "want",
        "need",
        "like",
        "please",
        "pls",
        "plz",
        "help",
        "let",
        "thank",
        "thanks",
        "try",
        "go",
        "make",
        "say",
        "tell",
        "ask",
        "see",
        "think",
        "way",
        "thing",
        "anything",
        "something",
        "issue",
        "problem",
        "question",
        "idea",
        "guy",
        "someone",
        "somebody",
        "anyone",
        "one",
        "lot",
        "kind",
        "sort",
        "bit",
        "time",
        "day",
        "hi",
        "hello",
        "hey",
        "sure",
        "able",
        "also",
        "just",
        "still",
        "really",
        "again",
        "now",
        "even",
        "wanna",
        "gon",
        "na",
        "lmk",
        "kindly",
    }
)


def _has_subject(verb: Token) -> bool:
    """A subject of its own, also one hanging off its auxiliary ("and is there tracking")."""
    if any(c.dep_ in _SUBJ_DEPS for c in verb.children):
        return True
    return any(g.dep_ in _SUBJ_DEPS for c in verb.children if c.dep_ in {"aux", "auxpass"} for g in c.children)


def _prev_token(doc: Doc | list[Token], i: int) -> Token | None:
    """The token before ``i``, skipping whitespace tokens left by blanked text."""
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    return doc[j] if j >= 0 else None


def _stem_word(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _norm(tok: Token) -> str:
    return tok.lower_.replace("\u2019", "'")
