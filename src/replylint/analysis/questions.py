"""Find the questions and requests in a customer message.

The extractor works on the spaCy parse of the *cleaned* customer text (see
:func:`replylint.analysis.mail.clean_customer`), whose character offsets are those of the
original message. It proceeds in three steps:

1. **Segments.** spaCy's sentences, cut again at line breaks, at "?"/"!" runs and at run-on
   boundaries typical of tweets ("... card info We had to ..."), so that one segment holds one
   sentence even when the customer wrote no punctuation.
2. **Clauses.** In each segment the root and the clauses coordinated with it ("can you refund me
   *or send a new one*", "wondering why X *& why Y*") are separate clause candidates; a
   clause keeps its leading conditional ("If I upgrade, will I ...").
3. **Classification.** Each clause is tested, in order, for the shapes of an ask: rhetorical or
   courtesy openers (rejected), embedded questions ("not sure how to", "wondering if"),
   wh-questions, interrogative word order (aux/modal before the subject), modal + "you"
   requests, "I need/want/would like", imperatives with no subject, "please" and help nouns,
   and declarative questions ending in "?".

Phrase lists a team may extend live in ``rules/questions.yml``; the linguistic shapes are spaCy
``Matcher``/``DependencyMatcher``/``PhraseMatcher`` patterns compiled once in ``__init__``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import spacy
import yaml
from spacy.lang.en import English
from spacy.matcher import DependencyMatcher, PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token

import replylint
from replylint.analysis.doccache import doc_text
from replylint.packs import AnchoredMatcher, dependency_requirements, occurs

__all__ = ["AnswerType", "ExtractorReading", "QuestionExtractor", "QuestionFact", "QuestionKind"]

QuestionKind = Literal["direct", "indirect", "request"]
AnswerType = Literal["yesno", "when", "where", "how_much", "how", "why", "what", "who", "request"]


@dataclass(frozen=True, slots=True)
class QuestionFact:
    """One question or request of the customer, with its span in the original text."""

    text: str
    start: int
    end: int
    kind: QuestionKind
    answer_type: AnswerType
    confidence: float
    focus: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ExtractorReading:
    """What the extractor reads of a message before it classifies clauses: the matches of its
    phrase lists and token shapes (label, start token, end token) and the segments (token ranges).
    Computed once by ``QuestionExtractor.read``; the learned candidate asks reuse it."""

    phrases: list[tuple[str, int, int]]
    shapes: list[tuple[str, int, int]]
    segments: list[tuple[int, int]]


def _pack_path(name: str) -> Path:
    """Where a rule pack ships: ``replylint/_packs`` in a wheel, ``rules/`` in a checkout."""
    installed = Path(replylint.__file__).parent / "_packs" / name
    if installed.exists():
        return installed
    return Path(__file__).resolve().parents[3] / "rules" / name


def _load_pack(name: str) -> dict[str, Any]:
    """The ``data`` mapping of a rule pack (read once per extractor/matcher, never cached globally)."""
    with _pack_path(name).open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh) or {}
    data = raw.get("data", raw)
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a mapping under 'data'")
    return data


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


# a found ask before it becomes a QuestionFact: start, end, kind, answer type, confidence,
# generic (a bare "help"/"hope you can help" that repeats another ask), weak (declarative "...?")
_Found = tuple[int, int, QuestionKind, AnswerType, float, bool, bool]


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


class QuestionExtractor:
    """Extract :class:`QuestionFact` items from a parsed customer message.

    Build once per process (matchers are compiled here); ``extract`` only reads ``self`` and is
    safe to call from several threads.
    """

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
        self._phrases = PhraseMatcher(vocab, attr="LOWER")
        for label, key in (
            ("RHET_OPEN", "question_rhetorical_openers"),
            ("RHET_WHOLE", "question_rhetorical_whole"),
            ("NON_ASK", "question_non_ask_phrases"),
            ("COURTESY", "question_courtesy_prefixes"),
            ("GENERIC_HELP", "question_generic_help_closers"),
        ):
            phrases = [str(p).lower() for p in data.get(key, [])]
            docs = [tokenizer(p) for p in phrases]
            docs += [tokenizer(p.replace("'", "\u2019")) for p in phrases if "'" in p]
            self._phrases.add(label, docs)
        self._rhet_whole_strings = frozenset(
            " ".join(t.lower_ for t in tokenizer(str(p).lower())) for p in data.get("question_rhetorical_whole", [])
        )

        # token shapes -> Matcher
        # only run where a pattern's required words occur: same matches, same order (see packs)
        self._matcher = AnchoredMatcher(vocab)
        please = sorted(self._please)
        wants = sorted(self._want)
        embed = sorted(self._embed)
        whs = sorted(set(wh) | {"if", "whether"})
        self._matcher.add(
            "MODAL_YOU",
            [
                [
                    {"LOWER": {"IN": sorted(_MODAL_REQUEST)}},
                    {"LOWER": {"IN": ["n't", "not", "you", "u"]}, "OP": "?"},
                    {"LOWER": {"IN": sorted(_YOU_LIKE)}},
                    {
                        "LOWER": {"IN": [*please, "just", "also", "possibly", "kindly", "maybe", "not", "pls"]},
                        "OP": "*",
                    },
                    {"POS": {"IN": ["VERB", "AUX", "NOUN", "ADJ", "PROPN"]}, "TAG": {"NOT_IN": ["VBD", "VBN", "VBZ"]}},
                ]
            ],
        )
        self._matcher.add(
            "CAN_I_GET",
            [
                [
                    {"LOWER": {"IN": ["can", "could", "may"]}},
                    {"LOWER": {"IN": sorted(_I_LIKE)}, "OP": "+"},
                    {"LOWER": {"IN": ["please", "pls", "just", "also", "possibly"]}, "OP": "*"},
                    {
                        "LEMMA": {
                            "IN": [
                                "get",
                                "have",
                                "receive",
                                "request",
                                "ask",
                                "return",
                                "cancel",
                                "exchange",
                                "speak",
                                "talk",
                            ]
                        }
                    },
                ],
                [
                    {"LOWER": {"IN": ["can", "could", "may"]}},
                    {"POS": "PRON", "LOWER": {"IN": ["my"]}},
                    {"OP": "?"},
                    {"OP": "?"},
                    {"LEMMA": {"IN": ["get", "have", "receive"]}},
                ],
            ],
        )
        self._matcher.add(
            "I_WANT",
            [
                [
                    {"LOWER": {"IN": sorted(_I_LIKE | {"i"})}},
                    {
                        "LOWER": {
                            "IN": [
                                "'d",
                                "d",
                                "would",
                                "really",
                                "also",
                                "'m",
                                "am",
                                "do",
                                "still",
                                "urgently",
                                "will",
                                "desperately",
                                "'ll",
                                "just",
                                "\u2019d",
                                "\u2019m",
                                "\u2019ll",
                                "wd",
                            ]
                        },
                        "OP": "*",
                    },
                    {"LEMMA": {"IN": wants}},
                ],
                [
                    {
                        "IS_SENT_START": True,
                        "LEMMA": {"IN": ["need", "want", "require"]},
                        "TAG": {"IN": ["VB", "VBP", "NN", "NNP"]},
                    },
                ],
            ],
        )
        self._matcher.add(
            "I_WANT",
            [
                [
                    {"LOWER": {"IN": ["i", "we"]}},
                    {"LOWER": {"IN": ["'d", "\u2019d", "would", "d"]}},
                    {"LOWER": {"IN": ["rather", "prefer", "sooner"]}},
                ],
                [
                    {"LEMMA": "write"},
                    {"LOWER": "to"},
                    {"LEMMA": {"IN": ["request", "ask", "inquire", "enquire"]}},
                ],
            ],
        )
        self._matcher.add(
            "WOULD_BE_NICE",
            [
                [
                    {"LOWER": {"IN": ["would", "'d", "will"]}},
                    {
                        "LOWER": {
                            "IN": ["be", "really", "so", "also", "much", "greatly", "very", "hugely", "most", "truly"]
                        },
                        "OP": "+",
                    },
                    {
                        "LOWER": {
                            "IN": [
                                "nice",
                                "great",
                                "awesome",
                                "helpful",
                                "cool",
                                "good",
                                "amazing",
                                "appreciated",
                                "lovely",
                                "fantastic",
                                "ideal",
                                "useful",
                            ]
                        }
                    },
                ],
                [
                    {"LOWER": {"IN": ["would", "'d", "\u2019d", "will"]}},
                    {"LOWER": {"IN": ["really", "so", "truly", "also", "greatly", "very", "much"]}, "OP": "*"},
                    {"LEMMA": {"IN": ["make", "appreciate", "love"]}},
                    {"OP": "?"},
                    {"OP": "?"},
                    {"LOWER": {"IN": ["if", "it"]}},
                ],
            ],
        )
        self._matcher.add(
            "SHOULD_ADD",
            [
                [
                    {"LOWER": {"NOT_IN": sorted(_I_LIKE)}},
                    {"LOWER": {"IN": ["should", "need", "needs", "must", "gotta"]}},
                    {"LOWER": {"IN": [*please, "really", "seriously", "definitely", "to", "just", "also"]}, "OP": "*"},
                    {
                        "LEMMA": {
                            "IN": [
                                "add",
                                "make",
                                "fix",
                                "bring",
                                "let",
                                "give",
                                "allow",
                                "offer",
                                "change",
                                "update",
                                "stop",
                                "consider",
                                "put",
                                "include",
                                "get",
                                "release",
                                "support",
                                "restore",
                                "cut",
                                "improve",
                                "remove",
                                "implement",
                                "enable",
                                "provide",
                                "hurry",
                                "sort",
                            ]
                        }
                    },
                ]
            ],
        )
        self._matcher.add(
            "SHOULD_ADD",
            [
                [
                    {"LOWER": "needs", "IS_SENT_START": True},
                    {"LOWER": {"IN": ["to", "really", "seriously"]}, "OP": "*"},
                    {"POS": "VERB"},
                ]
            ],
        )
        self._matcher.add(
            "WOULD_BE_NICE",
            [
                [
                    {"LOWER": {"IN": ["be", "'s", "\u2019s", "is", "it's", "its"]}},
                    {"LOWER": {"IN": ["really", "definitely", "well", "probably", "also"]}, "OP": "*"},
                    {"LOWER": "worth"},
                    {"TAG": "VBG"},
                ],
                [
                    {"IS_SENT_START": True, "LOWER": {"IN": ["idea", "suggestion", "suggestions", "request"]}},
                    {"LOWER": {"IN": ["for", ":"]}},
                ],
                [
                    {"LOWER": {"IN": ["feature"]}},
                    {"LOWER": {"IN": ["request", "idea", "suggestion"]}},
                ],
            ],
        )
        self._matcher.add(
            "HOPE_YOU_CAN",
            [
                [
                    {"LEMMA": "hope"},
                    {"OP": "?"},
                    {"OP": "?"},
                    {"LOWER": {"IN": ["can", "will", "could", "'ll"]}},
                    {"POS": {"IN": ["VERB", "AUX"]}},
                ]
            ],
        )
        self._matcher.add(
            "LET_ME_KNOW",
            [
                [
                    {"LOWER": {"IN": ["let", "lemme"]}},
                    {"LOWER": {"IN": ["me", "us"]}, "OP": "?"},
                    {"LOWER": "know"},
                ],
                [{"LOWER": "lmk"}],
            ],
        )
        self._matcher.add(
            "WOULD_BE_NICE",
            [
                [
                    {"LOWER": "any"},
                    {"LOWER": "chance"},
                    {"LOWER": {"IN": ["that", "you", "u", "someone", "we", "i"]}},
                ],
                [
                    {"LOWER": "is"},
                    {"LOWER": "there"},
                    {"LOWER": "any"},
                    {"LOWER": "chance"},
                ],
            ],
        )
        self._matcher.add(
            "WANNA",
            [
                [{"LOWER": "wan"}, {"LOWER": "na"}, {"POS": {"IN": ["VERB", "AUX"]}}],
                [{"LOWER": {"IN": ["wanna", "wana"]}, "IS_SENT_START": True}, {"POS": {"IN": ["VERB", "AUX"]}}],
                [{"LOWER": {"IN": ["wanna", "wana"]}}, {"LOWER": "come", "POS": {"IN": ["VERB", "AUX"]}}],
            ],
        )
        # surface shape of an embedded question: EMBED (up to 3 words) WH / if / whether
        embed_forms = sorted(
            set(embed)
            | {"wondering", "wondered", "asking", "knowing", "question", "questions", "figuring", "curious", "unsure"}
        )
        self._matcher.add(
            "EMBED_SURFACE",
            [
                [
                    {"LEMMA": {"IN": embed}},
                    {"IS_PUNCT": False, "LOWER": {"NOT_IN": ["and", "but", "because"]}, "OP": "{0,3}"},
                    {"LOWER": {"IN": whs}},
                ],
                [
                    {"LOWER": {"IN": embed_forms}},
                    {"IS_PUNCT": False, "LOWER": {"NOT_IN": ["and", "but", "because"]}, "OP": "{0,3}"},
                    {"LOWER": {"IN": whs}},
                ],
            ],
        )

        # dependency shape of an embedded question: embedding word -> clause with wh/if/whether
        self._dep = DependencyMatcher(vocab)
        embed_dep: list[dict[str, Any]] = [
            {"RIGHT_ID": "embed", "RIGHT_ATTRS": {"LEMMA": {"IN": embed}}},
            {
                "LEFT_ID": "embed",
                "REL_OP": ">>",
                "RIGHT_ID": "clause",
                "RIGHT_ATTRS": {"DEP": {"IN": ["ccomp", "xcomp", "advcl", "pcomp", "acl", "pobj", "relcl", "conj"]}},
            },
            {"LEFT_ID": "clause", "REL_OP": ">", "RIGHT_ID": "wh", "RIGHT_ATTRS": {"LOWER": {"IN": whs}}},
        ]
        self._dep.add("EMBED_DEP", [embed_dep])
        # the words every node needs: most messages lack one, and then there is no match
        self._dep_needs = dependency_requirements(embed_dep)

    # ------------------------------------------------------------------ segmentation
    def _segments(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges [start, end) of sentences, cut again at breaks spaCy misses."""
        cuts: set[int] = set()
        # sentence bounds per token, computed once (Token.sent re-scans the doc on every call)
        sent_start = [0] * len(doc)
        sent_end = [0] * len(doc)
        for sent in doc.sents:
            cuts.add(sent.start)
            for k in range(sent.start, sent.end):
                sent_start[k] = sent.start
                sent_end[k] = sent.end
        # one Token object per token (doc[i] builds a new one on every access); the break
        # tests below index this list exactly as they would index the doc
        toks = list(doc)
        n = len(toks)
        please_any = self._please_any
        wh = self._wh
        for tok in toks:
            i = tok.i
            text = tok.text
            low = _norm(tok)
            if tok.is_space and "\n" in text and i + 1 < n:
                cuts.add(i + 1)
            elif i > 0 and "\n" in toks[i - 1].whitespace_ + toks[i - 1].text and not toks[i - 1].is_space:
                cuts.add(i)
            if text in {"?", "!", "?!", "!?", "??", "!!"} or (set(text) <= {"?", "!"} and text):
                j = i + 1
                while j < n and (set(toks[j].text) <= {"?", "!", "."} or toks[j].is_space):
                    j += 1
                if j < n:
                    cuts.add(j)
            if (
                text in {"-", "\u2013", "\u2014", "..", "...", "\u2026", "--"}
                and tok.whitespace_
                and i > 0
                and toks[i - 1].whitespace_
                and i + 1 < n
            ):
                cuts.add(i + 1)
            elif (len(text) >= 2 and set(text) <= {".", "\u2026"}) and i + 1 < n and toks[i + 1].is_alpha:
                cuts.add(i + 1)  # "Just curious....will I get"
            elif (
                text == ":"
                and i + 1 < n
                and (toks[i + 1].is_title or self._is_please(toks[i + 1]))
                and toks[i + 1].text != "I"
                and sent_end[i] - sent_start[i] > 6
            ):
                cuts.add(i + 1)
            # (the break tests below are pure; each is called only where its first necessary
            # condition holds, checked inline here: most tokens fail all of them)
            if i > 0 and (low in please_any or tok.lower_ in _PLEA_END_NEXT) and self._please_break(toks, i):
                cuts.add(i)
            if (
                text == "."
                and tok.whitespace_
                and i > 0
                and i + 1 < n
                and toks[i + 1].is_alpha
                and len(toks[i - 1].text) > 2
                and toks[i - 1].lower_ not in {"etc", "approx", "vs", "inc", "ltd", "co"}
            ):
                cuts.add(i + 1)  # "... prices triple. classic": a full stop spaCy did not split on
            if (
                low in {"lol", "lmao", "haha", "hahaha", "smh", "omg", "tbh", "ugh", "lmfao", "rofl"}
                and i > 0
                and i + 1 < n
            ):
                cuts.add(i + 1)  # "... so hot when charging lol | is that normal"
            if text == "(":
                # a parenthetical clause is a sentence of its own: "... in the FAQ (maybe it's worth adding one)"
                close = next((k for k in range(i + 1, min(n, i + 40)) if toks[k].text == ")"), None)
                if close is not None and any(toks[k].tag_ in {"VBZ", "VBP", "VBD", "MD"} for k in range(i + 1, close)):
                    cuts.add(i + 1)
                    cuts.add(close)
            if (
                i > 0
                and low in {"any", "some"}
                and i + 1 < n
                and _norm(toks[i + 1]) in self._help_nouns
                and _norm(toks[i + 1]) != "help"
                and toks[i - 1].text in {",", "-", ";", "\u2013", "\u2014"}
            ):
                cuts.add(i)  # "tried restarting, any ideas?"
            # run-on tweets: "... card info We had to ...", "... muite cards Can you help"
            if i > 1 and toks[i - 1].text == "," and self._comma_splice_break(toks, i, sent_start[i]):
                cuts.add(i)  # "Please cancel my contract, I'm moving abroad": the reason is no part of the ask
            if i > 0 and (
                ((tok.is_title or tok.is_upper) and self._runon_break(toks, i, sent_start[i]))
                or (
                    (low == "what" or low in wh or tok.tag_ == "MD" or tok.pos_ == "AUX")
                    and self._question_break(toks, i, sent_start[i])
                )
                or (tok.lower_ in _NEW_SUBJECTS and self._asyndetic_break(toks, i, sent_start[i]))
            ):
                cuts.add(i)
        cuts.add(len(doc))
        ordered = sorted(c for c in cuts if 0 <= c <= len(doc))
        segs: list[tuple[int, int]] = []
        prev = 0
        for c in ordered:
            if c > prev:
                segs.append((prev, c))
            prev = c
        out: list[tuple[int, int]] = []
        for s, e in segs:
            while s < e and (toks[s].is_space or (toks[s].is_punct and toks[s].text not in {"#"})):
                s += 1
            while e > s and toks[e - 1].is_space:
                e -= 1
            if e > s:
                out.append((s, e))
        return out

    def _comma_splice_break(self, doc: Doc | list[Token], i: int, sent_start: int) -> bool:
        """A plea or an imperative ends at a comma when a new clause with its own pronoun subject
        and finite verb follows: "Please cancel my subscription, I no longer need it"."""
        tok = doc[i]
        if doc[i - 1].text != "," or _norm(tok) not in {"i", "we", "it", "they", "he", "she", "i'm", "im"}:
            return False
        if tok.dep_ not in _SUBJ_DEPS:
            return False
        verb = tok.head
        finite = verb.tag_ in {"VBP", "VBZ", "VBD"} or any(
            c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBP", "VBZ", "VBD", "MD"} for c in verb.children
        )
        if not finite:
            return False
        first = next((t for t in doc[sent_start:i] if not (t.is_space or t.is_punct or t.text.startswith("@"))), None)
        if first is None:
            return False
        if self._is_please(first):
            return True
        return first.tag_ == "VB" and first.i == sent_start and not any(c.dep_ in _SUBJ_DEPS for c in first.children)

    def _please_break(self, doc: Doc | list[Token], i: int) -> bool:
        """ "... a student plus help", "... the full amount please advise": a plea starts here."""
        tok, prev = doc[i], _prev_token(doc, i)
        if prev is None:
            return False
        if tok.lower_ in _PLEA_END_NEXT and self._is_please(prev) and prev.i > 0 and not doc[prev.i - 1].is_punct:
            return True  # "... we need to play together please | our skills diminish": the plea ends here
        if not self._is_please(tok) or prev.is_punct or prev.is_space or not prev.whitespace_:
            return False
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if nxt is None or not (nxt.pos_ in {"VERB", "AUX"} or _norm(nxt) in {"help", "advise", "assist", "dm"}):
            return False
        return prev.pos_ in {"NOUN", "PROPN", "ADJ", "NUM", "ADV"} and _norm(prev) not in {"so", "also", "just", "now"}

    def _question_break(self, doc: Doc | list[Token], i: int, sent_start: int) -> bool:
        """A wh-word or modal that opens an inverted question mid-sentence: "... charged when do i get"."""
        tok, prev = doc[i], _prev_token(doc, i)
        if prev is None:
            return False
        low0 = _norm(tok)
        if low0 == "what" and i + 1 < len(doc) and _norm(doc[i + 1]) in {"now", "next", "gives"} and not prev.is_punct:
            return True  # "... paid without getting premium what now"
        if low0 in self._wh and prev.text.lower() in {"&", "and"} and i + 2 < len(doc):
            # "wondering why X & why Y": a second embedded question
            if any(_norm(t) in self._wh or _norm(t) in {"if", "whether"} for t in doc[max(sent_start, i - 25) : i - 1]):
                return doc[i + 1].pos_ in {"PRON", "NOUN", "PROPN", "AUX", "DET"}
        if prev.is_punct or prev.is_space or prev.whitespace_ == "":
            return False
        plow = _norm(prev)
        if (
            prev.lemma_.lower() in self._embed
            or plow
            in {
                "no",
                "matter",
                "know",
                "if",
                "whether",
                "that",
                "to",
                "the",
                "a",
                "of",
                "about",
                "on",
                "in",
                "at",
                "for",
                "is",
                "was",
                "me",
                "us",
                "'s",
            }
            or plow in self._wh
        ):
            return False
        low = _norm(tok)
        nxt = doc[i + 1 : i + 4]
        if len(nxt) < 2:
            return False
        if low in self._wh and tok.tag_ in _WH_TAGS | {"PRP", "NN"}:
            j = 0
            if nxt[0].lower_ in {"much", "many", "long", "soon", "quickly", "often", "come"} and len(nxt) > 2:
                j = 1
            aux = nxt[j]
            subj = nxt[j + 1] if j + 1 < len(nxt) else None
            return (
                (aux.tag_ == "MD" or aux.lemma_ in {"be", "do", "have"})
                and subj is not None
                and (subj.tag_ in {"PRP", "EX"} or subj.lower_ in _YOU_LIKE or subj.lower_ in {"i", "my"})
            )
        if any(_norm(t) in self._wh for t in doc[max(0, i - 4) : i]):
            return False  # "how quickly do you", "what type of porn do I": the question is under way
        if (
            (tok.tag_ == "MD" or (tok.pos_ == "AUX" and tok.lemma_ in {"do", "be", "have"}))
            and prev.pos_ in {"NOUN", "PROPN", "ADJ", "NUM", "ADV"}
            and not prev.text.startswith("@")
            and _norm(prev) not in {"so", "also", "then", "too", "now", "why", "how"}
        ):
            return nxt[0].lower_ in _YOU_LIKE | {"i", "we", "someone", "somebody", "my", "there", "this", "it"}
        return False

    def _asyndetic_break(self, doc: Doc | list[Token], i: int, sent_start: int) -> bool:
        """A new subject right after a finished phrase: "fix your app it won't even open"."""
        tok, prev = doc[i], _prev_token(doc, i)
        if prev is None:
            return False
        if tok.lower_ not in _NEW_SUBJECTS or tok.dep_ not in _SUBJ_DEPS:
            return False
        if prev.is_punct or prev.is_space or prev.whitespace_ == "":
            return False
        if prev.pos_ not in {"NOUN", "PROPN", "NUM", "ADJ"}:
            # "What gives I just upgraded": a capital "I" after a finished verb phrase
            if not (
                tok.text == "I"
                and prev.pos_ in {"VERB", "ADV"}
                and prev.lemma_.lower() not in _CLAUSE_TAKING
                and prev.tag_ not in {"IN", "WDT", "WP", "WRB", "CC", "TO", "DT", "MD"}
            ):
                return False
        verb = tok.head
        if (
            verb.dep_ in {"relcl", "acl", "ccomp", "xcomp"} and verb.head.i < tok.i and verb.head.i >= prev.i - 1
        ) or verb.dep_ == "relcl":
            return False
        if any(c.dep_ in {"mark"} or (c.dep_ == "cc" and c.i < tok.i) for c in verb.children if c.i < tok.i):
            return False
        # the previous word belongs to another clause
        p = prev
        while p.dep_ not in {"ROOT"} and p.pos_ not in {"VERB", "AUX"} and p.head.i != p.i:
            p = p.head
        return p.i != verb.i

    def _runon_break(self, doc: Doc | list[Token], i: int, sent_start: int) -> bool:
        tok, prev = doc[i], _prev_token(doc, i)
        if prev is None:
            return False
        if (
            tok.is_upper
            and _norm(tok) in {"lmk", "pls", "plz", "please", "help", "can", "how", "why", "what", "when", "where"}
            and prev.is_lower
            and prev.whitespace_
        ):
            return True
        if (
            tok.tag_ == "VB"
            and tok.is_title
            and prev.tag_ in {"NN", "NNS", "PRP", "VBN", "VBD", "CD"}
            and prev.is_lower
            and prev.whitespace_
        ):
            return True
        if (
            tok.is_title
            and prev.tag_ in {"VBN"}
            and prev.is_lower
            and prev.whitespace_
            and prev.dep_ in {"ROOT", "xcomp", "ccomp", "conj", "advcl"}
        ):
            return True  # "... to be added Add Boyz N Motion"
        if prev.tag_ in {"IN", "DT", "TO", "CC", "WDT", "PRP$", "POS"} or prev.pos_ in {
            "SCONJ",
            "DET",
            "ADP",
            "CCONJ",
            "PART",
        }:
            return False
        # a capitalised common word after a finished lower-case phrase starts a new sentence:
        # "... podcast selection Lots of stuff", "... android app Such a brilliant tool"
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if (
            tok.is_title
            and tok.tag_ not in {"NNP", "NNPS"}
            and prev.is_alpha
            and prev.is_lower
            and prev.whitespace_
            and (nxt is None or not nxt.is_title)
            and _norm(tok) not in {"i"}
            and prev.lemma_.lower() not in _CLAUSE_TAKING
        ):
            return True
        if tok.text in {"Ive", "Im", "Id", "Iam"} and prev.is_lower:
            return True
        if (
            tok.text == "I"
            and i + 1 < len(doc)
            and doc[i + 1].text in {"ve", "m"}
            and prev.is_alpha
            and prev.is_lower
            and prev.pos_ in {"NOUN", "PROPN", "ADJ"}
        ):
            return True
        # (generators, evaluated only when the test gets that far: most tokens are not "I")
        negated_rel = (c.dep_ == "neg" or _norm(c) in {"never", "not"} for c in tok.head.children)
        punctuated = (doc[k].text in {",", ";"} for k in range(max(sent_start, i - 60), i))
        if (
            tok.text == "I"
            and not any(punctuated)
            and not self._is_please(prev)
            and prev.is_alpha
            and prev.is_lower
            and prev.whitespace_
            and prev.i > 2
            and (tok.head.dep_ not in {"relcl", "acl"} or any(negated_rel))
            and prev.lemma_.lower() not in _CLAUSE_TAKING
            and prev.pos_ not in {"SCONJ", "CCONJ", "ADP", "PART", "AUX", "PRON", "DET"}
            and _norm(prev)
            not in {
                "that",
                "if",
                "when",
                "and",
                "but",
                "or",
                "so",
                "because",
                "as",
                "where",
                "than",
                "cause",
                "bc",
                "coz",
                "then",
                "until",
                "while",
                "which",
                "who",
                "what",
                "how",
                "why",
                "since",
                "before",
                "after",
                "once",
                "whether",
            }
        ):
            return True
        if not tok.is_title or tok.text == "I" or tok.text.startswith("I'") or tok.text.startswith("I\u2019"):
            return False
        if not (prev.is_alpha and prev.is_lower) and not prev.like_num:
            return False
        if prev.whitespace_ == "":
            return False
        low = tok.lower_
        if (
            low in self._wh
            or low in self._please
            or low
            in {
                "can",
                "could",
                "would",
                "will",
                "is",
                "are",
                "do",
                "does",
                "did",
                "any",
                "help",
                "thanks",
                "thank",
                "also",
                "please",
                "lmk",
                "not",
                "just",
                "hope",
                "how",
                "we",
                "you",
                "it",
                "they",
                "my",
                "this",
                "that",
                "but",
                "so",
                "and",
                "idea",
                "still",
                "now",
                "been",
                "have",
                "has",
                "should",
                "need",
                "suggestions",
                "assistance",
            }
        ):
            return True
        return tok.tag_ in {"PRP", "PRP$", "MD", "VBP", "VBZ", "VBD", "WRB", "WP", "WDT", "UH", "EX"}

    # ------------------------------------------------------------------ clauses
    def _clause_heads(self, doc: Doc, s: int, e: int) -> list[Token]:
        heads: list[Token] = []
        for tok in doc[s:e]:
            if tok.is_space:
                continue
            if tok.dep_ == "ROOT" or tok.head.i == tok.i:
                heads.append(tok)
            elif not (s <= tok.head.i < e):
                # attached outside the segment: a root of its own unless it hangs off a clause
                # already started here ("Id love it if i could stop ..." | "I want ...")
                if heads and tok.dep_ in {
                    "advcl",
                    "xcomp",
                    "acl",
                    "relcl",
                    "prep",
                    "pobj",
                    "dobj",
                    "amod",
                    "compound",
                    "npadvmod",
                    "advmod",
                    "dep",
                    "attr",
                    "acomp",
                    "oprd",
                    "appos",
                    "nmod",
                    "poss",
                }:
                    continue
                heads.append(tok)
        # coordinated / paratactic clauses of a clause head become heads of their own
        frontier = list(heads)
        while frontier:
            h = frontier.pop()
            for child in h.children:
                if not (s <= child.i < e):
                    continue
                own_subject = any(c.dep_ in _SUBJ_DEPS for c in child.children)
                if child.dep_ in {"conj", "parataxis"} and child.pos_ in {"VERB", "AUX"}:
                    heads.append(child)
                    frontier.append(child)
                elif (
                    child.dep_ == "dep"
                    and child.pos_ == "VERB"
                    and child.i > h.i
                    and doc[child.left_edge.i - 1].text in {",", ";", "-"}
                ):
                    heads.append(child)  # "i sent money to the wrong number, kindly reverse it"
                    frontier.append(child)
                elif (
                    child.dep_ in {"ccomp", "parataxis", "advcl", "conj"}
                    and child.i > h.i
                    and self._opens_question(doc, child, s)
                ):
                    heads.append(child)
                    frontier.append(child)
                elif (
                    child.dep_ in {"ccomp", "parataxis"}
                    and child.i < h.i
                    and own_subject
                    and child.right_edge.i + 1 < e
                    and doc[child.right_edge.i + 1].text in {",", ";"}
                ):
                    heads.append(child)  # "I need to change the name, | my passport has ..."
                    frontier.append(child)
                elif (
                    child.dep_ == "ccomp"
                    and child.i > h.i
                    and own_subject
                    and h.lemma_.lower() == "help"
                    and child.tag_ in {"VBZ", "VBD", "VBP"}
                    and all(
                        c.i > h.i and c.lower_ not in {"me", "us", "him", "her", "them", "you"}
                        for c in child.children
                        if c.dep_ in _SUBJ_DEPS
                    )
                ):
                    heads.append(child)  # "please help | my outlook keeps asking for my password"
                    frontier.append(child)
        return sorted(set(heads), key=lambda t: t.i)

    def _opens_question(self, doc: Doc, head: Token, s: int) -> bool:
        """A clause attached inside another that starts as a question of its own."""
        left = self._core_start(doc, [t for t in head.subtree if t.i >= s])
        if left is None or left.i <= s:
            return False
        before = doc[left.i - 1]
        if before.lemma_.lower() in self._embed or before.lower_ in {
            "if",
            "whether",
            "that",
            "when",
            "because",
            "cause",
            "since",
            "as",
        }:
            return False
        low = _norm(left)
        if low in self._wh and left.i > s and before.lower_ in {"and", "&", "but", ",", "also"}:
            return True
        if low in self._wh and left.i > s and before.lower_ == "or":
            nxt = doc[left.i + 1] if left.i + 1 < len(doc) else None
            return nxt is not None and (nxt.tag_ == "MD" or nxt.lemma_ in {"be", "do", "have"})
        return self._inverted(left, head) and before.lower_ in {"and", "&", "or", "but", ",", ";", "also"}

    def _clause_tokens(self, head: Token, heads: set[int], s: int, e: int) -> list[Token]:
        out: list[Token] = []
        stack = [head]
        # orphans (attached outside the segment) that follow this head belong to its clause
        nxt_head = min((h for h in heads if h > head.i), default=e)
        # (range guarded: an empty Span at the end of the doc costs a copy of doc.text)
        for t in head.doc[head.i + 1 : nxt_head] if head.i + 1 < nxt_head else ():
            if not (s <= t.head.i < e) and t.i not in heads and t.dep_ != "ROOT" and t.head.i != t.i:
                stack.append(t)
        while stack:
            t = stack.pop()
            if not (s <= t.i < e):
                continue
            out.append(t)
            for c in t.children:
                if c.i in heads:
                    continue
                stack.append(c)
        return sorted(out, key=lambda t: t.i)

    def _skippable(self, tok: Token) -> bool:
        # (the token's own flags first: reading the token before builds a Token object)
        if tok.is_space or tok.is_punct or tok.like_url or tok.text.startswith("@") or tok.text.startswith("#"):
            return True
        if tok.i > 0 and tok.doc[tok.i - 1].text == "#" and not tok.doc[tok.i - 1].whitespace_:
            return True
        if tok.pos_ in {"CCONJ", "INTJ"} and tok.lower_ not in self._please and tok.lower_ not in {"help", "please"}:
            return True
        return _norm(tok) in self._fillers and not self._is_please(tok)

    def _core_start(self, doc: Doc, toks: list[Token]) -> Token | None:
        """First token of the clause proper: after fillers and a leading conditional clause."""
        if not toks:
            return None
        skip = self._leading_clause(doc, toks)
        for t in toks:
            if t.i in skip or self._skippable(t):
                continue
            return t
        return None

    def _leading_clause(self, doc: Doc, toks: list[Token]) -> set[int]:
        """Token ids of a clause that leads into the main one: "If I upgrade, ...", "I was
        overcharged at checkout, can I ...". Conditionals stay in the question's span."""
        skip: set[int] = set()
        ids = {t.i for t in toks}
        for t in toks:
            # (the label first: most tokens fail it, and Token.head builds a new Token)
            if t.dep_ not in {"advcl", "ccomp", "parataxis", "csubj"}:
                continue
            if t.head.i not in ids or t.head.i == t.i or t.i > t.head.i:
                continue
            sub = list(t.subtree)
            if not sub or sub[0].i > toks[0].i + 3:
                continue
            follows_comma = sub[-1].i + 1 < len(doc) and doc[sub[-1].i + 1].text in {",", ";", ":"}
            conditional = sub[0].lower_ in _CONDITIONAL_MARKS
            if (t.dep_ == "advcl" and (conditional or follows_comma)) or (
                follows_comma and any(c.dep_ in _SUBJ_DEPS for c in t.children)
            ):
                skip.update(x.i for x in sub)
                if follows_comma:
                    skip.add(sub[-1].i + 1)
        return skip

    def _inverted(self, first: Token, head: Token) -> bool:
        """Aux/modal before its subject: "can I ...", "is there ...", "does it ..."."""
        low = _norm(first)
        lemma = first.lemma_.lower()
        if first.tag_ == "MD" or low in {"ca", "wo"}:
            pass
        elif lemma in {"be", "do", "have"} and first.pos_ in {"AUX", "VERB"}:
            if first.dep_ not in {"aux", "auxpass", "ROOT", "conj", "ccomp", "parataxis", "advcl"}:
                return False
            if lemma == "have" and first.dep_ not in {"aux", "auxpass"}:
                return False
            if lemma == "do" and first.dep_ not in {"aux", "auxpass", "ROOT"}:
                return False
        else:
            return False
        verb = first if first.dep_ not in {"aux", "auxpass"} else first.head
        doc = first.doc
        if (
            first.tag_ == "MD"
            and first.i + 2 < len(doc)
            and doc[first.i + 2].tag_ in {"VBZ", "VBD", "VBP"}
            and doc[first.i + 2].lemma_ == "be"
            and doc[first.i + 1].pos_ == "PRON"
        ):
            return False  # "(may it's worth ...)": "maybe" typed as "may", not "may it ...?"
        nxt0 = doc[first.i + 1] if first.i + 1 < len(doc) else None
        qmark = any("?" in t.text for t in doc[first.i : min(len(doc), verb.i + 12)] if t.is_punct)
        if nxt0 is not None and (nxt0.dep_ == "neg" or _norm(nxt0) in {"n't", "not", "nt"}) and not qmark:
            # "Can't even turn it off", "cant un thumbs up a song": a complaint with "I" elided
            return False
        subj = [c for c in verb.children if c.dep_ in _SUBJ_DEPS] + [c for c in first.children if c.dep_ in _SUBJ_DEPS]
        # a "subject" parsed across a sentence break ("... when charging lol | is that normal") is not one
        subj = [
            c
            for c in subj
            if not (
                c.i < first.i
                and any(
                    doc[k].is_punct or _norm(doc[k]) in {"lol", "lmao", "haha", "smh", "omg"}
                    for k in range(c.i + 1, first.i)
                )
            )
        ]
        if subj:
            if not any(c.i > first.i for c in subj):
                return False
            if lemma == "be" and first.dep_ not in {"aux", "auxpass"} and not qmark:
                # "is the worst customer service" (subject elided before "is") has no predicate
                subj_end = max(t.i for c in subj for t in c.subtree if c.i > first.i)
                head_end = max(c.i for c in subj if c.i > first.i)
                return (
                    subj_end > head_end
                    or any(c.i > head_end and not c.is_punct and c.dep_ not in {"cc", "conj"} for c in first.children)
                    or any(c.dep_ == "expl" for c in subj)
                )
            return True
        nxt = doc[first.i + 1] if first.i + 1 < len(doc) else None
        while nxt is not None and nxt.lower_ in {"n't", "not"} and nxt.i + 1 < len(doc):
            nxt = doc[nxt.i + 1]
        if nxt is None:
            return False
        if nxt.lower_ in _YOU_LIKE and first.dep_ in {"aux", "auxpass", "ROOT"} and first.i + 2 < len(doc):
            return True  # "are you guys aware that ...", "do you have ..."
        after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
        if (
            lemma == "be"
            and nxt.lower_ in {"that", "this", "it", "there"}
            and after is not None
            and after.pos_ in {"ADJ", "DET", "NOUN"}
            and (
                first.i == 0
                or doc[first.i - 1].is_space
                or doc[first.i - 1].is_punct
                or _norm(doc[first.i - 1]) in {"lol", "lmao", "haha", "so", "and", "but"}
            )
        ):
            return True  # "... lol is that normal", "is it safe to ..."
        if not qmark:
            # "Is lyrical one available": a capitalised be-verb opening its own sentence
            return (
                first.is_title
                and lemma == "be"
                and first.i > 0
                and first.dep_ != "aux"
                and nxt.pos_ in {"ADJ", "DET", "NOUN", "PRON", "PROPN"}
            )
        return nxt.tag_ in {"PRP", "EX", "DT", "NNP", "NN", "NNS", "PRP$"} or nxt.lower_ in _YOU_LIKE

    def _is_please(self, tok: Token) -> bool:
        low = _norm(tok)
        if low in self._please:
            return True
        if low in self._please_auto:
            nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
            prev = tok.doc[tok.i - 1] if tok.i > 0 else None
            if tok.is_title and prev is not None and prev.text in {".", "!", "?", ";"}:
                return False  # "... or they don't. Plus take some common sense": "in addition"
            if (
                nxt is not None
                and (nxt.pos_ in {"VERB", "AUX"} or nxt.lower_ in {"help", "up", "let", "add"})
                and (
                    prev is None
                    or prev.is_punct
                    or prev.is_space
                    or prev.text.startswith("@")
                    or prev.pos_ in {"NOUN", "PROPN", "ADV", "VERB"}
                )
            ):
                return True
            if nxt is None or nxt.is_punct or nxt.is_space or nxt.lower_ == "help":
                return True
            if prev is not None and prev.lower_ in {"help"}:
                return True
        return False

    # ------------------------------------------------------------------ main
    def read(self, doc: Doc) -> ExtractorReading:
        """The phrase and shape matches and the segments of a message (see ``ExtractorReading``)."""
        strings = self.vocab.strings
        return ExtractorReading(
            [(strings[mid], s, e) for mid, s, e in self._phrases(doc)],
            [(strings[mid], s, e) for mid, s, e in self._matcher(doc)],
            self._segments(doc),
        )

    def extract(self, doc: Doc, reading: ExtractorReading | None = None) -> list[QuestionFact]:
        """The customer's questions and requests. ``reading``: ``read(doc)`` when already computed."""
        if reading is None:
            reading = self.read(doc)
        phrase_hits: dict[int, set[str]] = {}
        phrase_spans = reading.phrases
        for label, s, _ in phrase_spans:
            phrase_hits.setdefault(s, set()).add(label)
        shape_hits: dict[str, list[tuple[int, int]]] = {}
        for label, s, e in reading.shapes:
            shape_hits.setdefault(label, []).append((s, e))
        embed_hits: list[tuple[int, int]] = []
        if not doc.has_annotation("DEP") or occurs(doc, self._dep_needs):  # (a missing parse: spaCy's error)
            for _mid, dep_ids in self._dep(doc):
                embed_hits.append((dep_ids[0], dep_ids[2]))
        for s, e in shape_hits.get("EMBED_SURFACE", []):
            embed_hits.append((s, e - 1))

        found: list[_Found] = []
        for s, e in reading.segments:
            heads = self._clause_heads(doc, s, e)
            head_ids = {h.i for h in heads}
            groups: list[tuple[Token, list[Token]]] = []
            for h in heads:
                toks = self._clause_tokens(h, head_ids, s, e)
                if toks:
                    groups.append((h, toks))
            # a conj clause with neither its own subject nor its own question form stays with its parent
            merged: list[tuple[Token, list[Token], Token | None]] = []
            for h, toks in groups:
                parent = next((m for m in merged if h.head.i == m[0].i and h.dep_ == "conj"), None)
                merged.append((h, toks, parent[0] if parent else None))
            results: dict[int, _Found] = {}
            order: list[int] = []
            for h, toks, parent_head in merged:
                res = self._classify(doc, h, toks, s, e, phrase_hits, phrase_spans, shape_hits, embed_hits)
                self._add_clause(doc, h, toks, parent_head, res, results, order)
            if not order and len(heads) > 1 and e - s <= 40:
                # a broken parse ("I’d like ..." split into fragments): try the segment as one clause
                toks = [t for t in doc[s:e] if not t.is_space]
                main = max(heads, key=lambda h: len(list(h.subtree)))
                res = self._classify(doc, main, toks, s, e, phrase_hits, phrase_spans, shape_hits, embed_hits)
                if res is not None:
                    found.append(res)
            for hi in order:
                found.append(results[hi])

        return self._finalize(doc, found)

    def _add_clause(
        self,
        doc: Doc,
        h: Token,
        toks: list[Token],
        parent_head: Token | None,
        res: _Found | None,
        results: dict[int, _Found],
        order: list[int],
    ) -> None:
        """Record a clause's result, combining a coordinated clause with the one it hangs off:

        * "can you refund me or send a new one": a bare conjunct of a request is a second request;
        * "is it A or is it B", "can I dress up and still qualify?": one question;
        * "the songs don't play or just get skipped": a bare conjunct of a statement is no order.
        """
        if parent_head is not None and parent_head.i in results:
            pres = results[parent_head.i]
            has_subj = _has_subject(h)
            left = min(t.i for t in toks)
            cc = next(
                (_norm(doc[k]) for k in range(left - 1, max(parent_head.i, left - 4), -1) if doc[k].pos_ == "CCONJ"), ""
            )
            if not cc:
                cc = next((_norm(c) for c in h.children if c.dep_ == "cc"), "")
            if (
                pres[2] == "request"
                and not has_subj
                and h.lemma_.lower() in {"see", "check", "find", "tell", "let", "confirm", "explain", "advise"}
            ):
                # "could you take a look and see why ...": the same request
                results[parent_head.i] = (pres[0], max(pres[1], self._trim_end(doc, toks, pres[1])), *pres[2:])
                return
            if pres[2] != "request" and not has_subj and not (res is not None and self._starts_with_wh(doc, toks)):
                results[parent_head.i] = (pres[0], max(pres[1], self._trim_end(doc, toks, pres[1])), *pres[2:])
                return
            if pres[2] == "request" and not has_subj:
                if res is None:
                    res = self._span_result(doc, toks, "request", "request", 0.7, False, False)
            elif res is not None and res[3] == "yesno" and pres[3] == "yesno" and cc == "or" and has_subj:
                results[parent_head.i] = (pres[0], max(pres[1], res[1]), *pres[2:])
                return
            elif res is None or (cc == "or" and res[3] == "yesno" and pres[3] == "yesno"):
                if res is not None or not has_subj:
                    ne = max(pres[1], res[1]) if res is not None else self._trim_end(doc, toks, pres[1])
                    results[parent_head.i] = (pres[0], ne, *pres[2:])
                    return
        if res is not None and h.dep_ == "conj" and parent_head is not None and parent_head.i not in results:
            has_subj = _has_subject(h)
            joined_by_cc = any(doc[k].pos_ == "CCONJ" for k in range(max(parent_head.i, toks[0].i - 2), toks[0].i + 1))
            if (
                joined_by_cc
                and not has_subj
                and res[2] == "request"
                and not any(self._is_please(t) for t in toks)
                and not self._modal_you_at(doc, toks)
            ):
                res = None
        if res is not None:
            results[h.i] = res
            order.append(h.i)

    def _trim_end(self, doc: Doc, toks: list[Token], default: int) -> int:
        for t in reversed(toks):
            if not (
                t.is_space
                or (t.is_punct and t.text not in {"?", ")", '"', "\u201d"})
                or t.like_url
                or t.pos_ == "CCONJ"
            ):
                return t.idx + len(t)
        return default

    def _span_result(
        self,
        doc: Doc,
        toks: list[Token],
        kind: QuestionKind,
        atype: AnswerType,
        conf: float,
        generic: bool,
        weak: bool,
        drop_lead: bool = False,
    ) -> tuple[int, int, QuestionKind, AnswerType, float, bool, bool] | None:
        body = [t for t in toks if not t.is_space]
        lead = self._leading_clause(doc, body) if drop_lead else set()
        if lead:
            first_lead = min(lead)
            if doc[first_lead].lower_ not in {"if", "unless", "once", "when", "whenever", "in", "provided", "assuming"}:
                body = [t for t in body if t.i not in lead]
        # punctuation that hangs off the head from behind a split-off clause is not ours
        for k in range(1, len(body)):
            gap = any(not t.is_space for t in body[k].doc[body[k - 1].i + 1 : body[k].i])
            rest = body[k:]
            if gap and (
                all(t.is_punct for t in rest) or (len(rest) <= 4 and not any(t.pos_ in {"VERB", "AUX"} for t in rest))
            ):
                body = body[:k]
                break
        # trim a list marker ("1.", "2)", "*"), then leading fillers/punctuation/mentions, trailing
        # punctuation (keep "?") and conjunctions
        i = 0
        if len(body) > 2 and body[0].like_num and body[1].text in {".", ")"} and body[1].i == body[0].i + 1:
            i = 2
        elif len(body) > 1 and body[0].text.rstrip(".)").isdigit() and body[0].text[-1:] in {".", ")"}:
            i = 1
        while i < len(body) and (
            self._skippable(body[i])
            and not self._is_please(body[i])
            and body[i].pos_ != "SCONJ"
            and body[i].lower_ not in {"if", "when"}
        ):
            i += 1
        j = len(body)
        while j > i and (
            body[j - 1].is_space
            or body[j - 1].like_url
            or body[j - 1].text.startswith("@")
            or body[j - 1].pos_ in {"CCONJ", "SCONJ"}
            or body[j - 1].lower_ in {"&", "plus", "so", "i", "lol", "lmao", "haha", "smh", "ugh", "tbh", "wtf", "omg"}
            or (body[j - 1].is_punct and not set(body[j - 1].text) & {"?", ")", '"', "\u201d", "'"})
        ):
            j -= 1
        if j <= i:
            return None
        first, last = body[i], body[j - 1]
        return (first.idx, last.idx + len(last), kind, atype, conf, generic, weak)

    def _classify(
        self,
        doc: Doc,
        head: Token,
        toks: list[Token],
        s: int,
        e: int,
        phrase_hits: dict[int, set[str]],
        phrase_spans: list[tuple[str, int, int]],
        shape_hits: dict[str, list[tuple[int, int]]],
        embed_hits: list[tuple[int, int]],
    ) -> tuple[int, int, QuestionKind, AnswerType, float, bool, bool] | None:
        core = self._core_start(doc, toks)
        if core is None:
            return None
        lo, hi = toks[0].i, toks[-1].i
        content = [t for t in toks if not self._skippable(t) or self._is_please(t)]
        words = [_norm(t) for t in content if not t.is_punct]
        if not words:
            return None
        # (an empty tail as a list: spaCy builds a Span that starts at the end of the doc from a
        # fresh copy of the whole doc.text)
        tail: Span | list[Token] = doc[hi + 1 : e] if hi + 1 < e else []
        qmark = any("?" in t.text for t in toks[-3:]) or any("?" in t.text for t in tail[:3] if t.is_punct)
        exclaim_q = qmark and any("!" in t.text for t in list(toks[-3:]) + list(tail[:3]) if t.is_punct)
        n_q = sum(t.text.count("?") for t in list(toks[-4:]) + list(tail[:4]) if t.is_punct)

        def in_clause(a: int, b: int) -> bool:
            return lo <= a and b - 1 <= hi

        # --- rejections: courtesy, rhetoric ------------------------------------------------
        joined = " ".join(
            _norm(t)
            for t in toks
            if t.i >= core.i and not (t.is_punct or t.is_space or t.like_url or t.text.startswith("@"))
        )
        if joined in self._rhet_whole_strings:
            return None
        for label, a, b in sorted(phrase_spans, key=lambda x: x[1]):
            if label == "NON_ASK" and in_clause(a, b) and a <= core.i + 1 and b > core.i:
                return None
            if label == "COURTESY" and in_clause(a, b) and a <= core.i + 1 and b > core.i:
                # "Just curious....will I get ...": classify what follows the courtesy phrase
                k = b
                while k < min(b + 4, hi + 1) and not doc[k].is_punct:
                    k += 1
                if k < hi and doc[k].text in {",", ";", "-", ":"}:
                    b = k + 1  # "not sure if this is the right place to ask, | but is there ..."
                rest = [t for t in toks if t.i >= b]
                nxt_core = self._core_start(doc, rest)
                if nxt_core is None or len([t for t in rest if not self._skippable(t)]) < 2:
                    return None
                core = nxt_core
                toks = [t for t in toks if t.i >= core.i]
                lo = core.i
        core_labels = phrase_hits.get(core.i, set())
        if "RHET_OPEN" in core_labels:
            return None
        generic = any(label == "GENERIC_HELP" and in_clause(a, b) for label, a, b in phrase_spans)
        if generic:
            return self._span_result(doc, toks, "request", "request", 0.5, True, False)

        if self._inside_quotes(doc, core, s):
            return None  # quoted UI text or error message: "Permissions: Read your browsing history"
        please_core = core
        if self._is_please(core):
            after = [t for t in toks if t.i > core.i and not self._skippable(t)]
            if not after:
                return None  # a lone "Please" after a question repeats it
            core = after[0]
        low = _norm(core)
        nxt = doc[core.i + 1] if core.i + 1 < len(doc) else None

        def refine(default: str) -> str:
            return self._refine([_norm(t) for t in doc[core.i : min(core.i + 6, e)]], default)

        # --- embedded questions: "wondering if", "not sure how to", "no idea why" -------------
        for a, b in embed_hits:
            if not (lo <= a <= hi and lo <= b <= hi):
                continue
            ew = doc[a]
            if ew.i > core.i + 6 and not any(
                _norm(t) in {"could", "can", "would"} for t in doc[max(core.i, ew.i - 3) : ew.i]
            ):
                continue
            elemma = ew.lemma_.lower()
            if elemma in self._embed_neg and not self._negated_or_any(ew):
                continue
            if elemma in {
                "see",
                "check",
                "find",
                "tell",
                "ask",
                "know",
                "confirm",
                "explain",
                "advise",
                "clarify",
                "learn",
                "determine",
            }:
                # "tell me why", "can you check if", "I want to know when", "let me know if"
                if not self._embed_is_ask(ew):
                    continue
            whw = _norm(doc[b])
            if whw in {"if", "whether"}:
                atype = "yesno"
            else:
                atype = self._wh.get(whw, "what")
                seq = tuple(_norm(t) for t in doc[b : b + 2])
                atype = self._wh_refine.get(seq, atype)
            embedded_you = any(_norm(t) in _YOU_LIKE for t in doc[b + 1 : b + 3]) and any(
                t.tag_ == "MD" for t in doc[b + 1 : b + 4]
            )
            if embedded_you and elemma in {"wonder", "ask"}:
                return self._span_result(doc, toks, "request", "request", 0.8, False, False)
            if (
                any(lbl == "LET_ME_KNOW" for lbl in self._labels_at(shape_hits, lo, hi))
                and atype == "yesno"
                and any(_norm(t) in _YOU_LIKE for t in doc[b + 1 : b + 3])
            ):
                return self._span_result(doc, toks, "request", "request", 0.7, True, False)
            return self._span_result(doc, toks, "indirect", atype, 0.85, False, False)  # type: ignore[arg-type]

        # --- wh-questions ----------------------------------------------------------------
        if low in self._wh and not (low in {"what", "which"} and nxt is not None and nxt.lower_ in {"a", "an"}):
            wh_head = core.head
            subordinate = (
                core.dep_ in {"advmod", "mark"}
                and low in {"when", "where", "how"}
                and wh_head.dep_ in {"advcl", "relcl"}
                and wh_head.i != head.i
            ) or (
                low == "when"
                and not qmark
                and not (
                    nxt is not None
                    and (
                        nxt.tag_ == "MD"
                        or nxt.lemma_ in {"be", "do", "have"}
                        or nxt.lower_ in {"is", "are", "will", "do", "does", "did", "can"}
                    )
                )
            )
            if (
                low == "when"
                and not qmark
                and nxt is not None
                and nxt.pos_ in {"PRON", "PROPN", "NOUN", "DET"}
                and nxt.tag_ != "MD"
            ):
                subordinate = True
            # "when notify in romania will be available": a question with subject-first word order
            if (
                low == "when"
                and core.head.i == head.i
                and head.dep_ == "ROOT"
                and any(c.lower_ in {"will", "gonna", "going"} for c in head.children)
            ):
                subordinate = False
            if not subordinate:
                atype = refine(self._wh.get(low, "what"))
                if atype == "what":
                    # "what's the pricing for ...", "what's the ETA": the noun asked about sets the type
                    nouns = {t.lemma_.lower() for t in doc[core.i : min(e, core.i + 6)] if t.pos_ in {"NOUN", "PROPN"}}
                    if nouns & self._price_nouns:
                        atype = "how_much"
                    elif nouns & self._time_nouns:
                        atype = "when"
                conf = 0.95 if qmark else 0.8
                kind: QuestionKind = "request" if atype == "request" else "direct"  # "how about a refund?"
                return self._span_result(doc, toks, kind, atype, conf, False, False, drop_lead=True)  # type: ignore[arg-type]

        # --- interrogative word order ------------------------------------------------------
        modal_you = any(lo <= a and a <= core.i + 1 for a, _ in shape_hits.get("MODAL_YOU", []) if a <= hi)
        can_i_get = any(a == core.i for a, _ in shape_hits.get("CAN_I_GET", []))
        if self._inverted(core, head):
            if modal_you:
                verb = self._main_verb_after(doc, core, e)
                if (
                    verb is not None
                    and verb.lemma_.lower() in {"like", "mind", "want", "prefer", "need"}
                    and _norm(core) in {"would", "do", "will"}
                ):
                    return self._span_result(
                        doc, toks, "direct", "yesno", 0.85, False, False
                    )  # an offer: "would you like a copy?"
                if verb is not None and verb.lemma_.lower() in {
                    "tell",
                    "explain",
                    "confirm",
                    "advise",
                    "clarify",
                    "let",
                    "know",
                }:
                    # "can you tell me when ...": a question in request form
                    inner = self._embedded_type(doc, verb, e)
                    return self._span_result(doc, toks, "direct", inner, 0.85, False, False)  # type: ignore[arg-type]
                return self._span_result(doc, toks, "request", "request", 0.9, False, False, drop_lead=True)
            if can_i_get:
                return self._span_result(doc, toks, "request", "request", 0.85, False, False, drop_lead=True)
            atype = refine("yesno")
            if (
                core.lemma_.lower() in {"would", "will", "can", "could"}
                and nxt is not None
                and _norm(nxt) in {"someone", "somebody", "anyone"}
            ):
                return self._span_result(doc, toks, "request", "request", 0.85, False, False)
            conf = 0.95 if qmark else 0.75
            return self._span_result(doc, toks, "direct", atype, conf, False, False, drop_lead=True)  # type: ignore[arg-type]

        # --- requests ------------------------------------------------------------------------
        please_in = any(self._is_please(t) for t in toks)
        labels = self._labels_at(shape_hits, lo, hi)
        if "I_WANT" in labels and not self._statement_of_liking(doc, shape_hits, lo, hi):
            r = self._want_request(doc, shape_hits, lo, hi, toks)
            if r is not None:
                kind, atype = r
                return self._span_result(doc, toks, kind, atype, 0.8, False, False)
        if (
            core.lower_ == "needs"
            and core.i + 1 < e
            and doc[core.i + 1].lower_ == "to"
            and not any(c.dep_ in _SUBJ_DEPS for c in core.children)
        ):
            return self._span_result(doc, toks, "request", "request", 0.6, False, False)  # "@brand needs to fix ..."
        if "WOULD_BE_NICE" in labels or "SHOULD_ADD" in labels or "WANNA" in labels:
            if len(words) <= 4:
                # "... would be much appreciated" cut off from its subject: it repeats the ask before it
                return self._span_result(doc, toks, "request", "request", 0.5, True, False)
            return self._span_result(doc, toks, "request", "request", 0.65, False, False)
        tail_words = [_norm(t) for t in toks if not t.is_punct][-2:]
        if tail_words == ["if", "possible"] and len(words) >= 3:
            return self._span_result(
                doc, toks, "request", "request", 0.6, False, False
            )  # "just a replacement, if possible"
        if "HOPE_YOU_CAN" in labels:
            return self._span_result(doc, toks, "request", "request", 0.5, True, False)
        if "LET_ME_KNOW" in labels and any(_norm(t) in _YOU_LIKE for t in toks if t.i > core.i):
            return self._span_result(doc, toks, "request", "request", 0.6, True, False)
        if self._imperative(please_core, head, toks):
            generic = core.lemma_.lower() == "help" and len(words) <= 3
            return self._span_result(doc, toks, "request", "request", 0.75, generic, False)
        if please_in:
            if (
                core.pos_ in {"PRON", "PROPN"}
                and core.lower_ in {"i", "we"}
                and not any(t.lemma_ in {"need", "want"} for t in toks)
            ):
                return None
            generic = all(
                w in self._please
                or w in self._help_nouns
                or w in {"me", "us", "asap", "now", "!", "someone"}
                or w in self._please_auto
                for w in words
            )
            return self._span_result(doc, toks, "request", "request", 0.75, generic, False)
        if (
            low in {"any", "some"}
            and nxt is not None
            and (nxt.lemma_.lower() in self._help_nouns or _norm(nxt) in self._help_nouns)
            and nxt.lower_ != "help"
        ):
            # "any ideas", "any suggestions why ...": keep the ask, not the venting that follows
            end_tok = nxt
            k = nxt.i + 1
            if k < e and (_norm(doc[k]) in self._wh or _norm(doc[k]) in {"if", "whether", "on", "about", "for"}):
                end_tok = toks[-1]
            span_toks = [t for t in toks if core.i <= t.i <= end_tok.i]
            atype = "why" if _norm(doc[min(k, e - 1)]) == "why" else self._refine([low, _norm(nxt)], "how")
            return self._span_result(doc, span_toks or toks, "direct", atype, 0.8, False, False)  # type: ignore[arg-type]
        head_low = head.lemma_.lower()
        if (
            core.i == head.i
            and (head_low in self._help_nouns or _norm(head) in self._help_nouns)
            and head.pos_ in {"NOUN", "PROPN", "VERB", "X", "INTJ", "ADJ"}
        ):
            short = len(words) <= 4
            any_ = any(w in {"any", "some"} for w in words)
            please_near = please_in or any(self._is_please(t) for t in doc[max(s, lo - 2) : min(e, hi + 3)])
            if short and (qmark or any_ or head_low == "help" or please_near):
                if head_low == "help":
                    return self._span_result(doc, toks, "request", "request", 0.7, True, False)
                return self._span_result(doc, toks, "direct", "how", 0.7, False, False)

        # --- declarative question: "its extra?", "needs internet to run?" ----------------------
        if qmark and not exclaim_q and n_q <= 2:
            negated = any(_norm(t) in _NEG or t.dep_ == "neg" for t in toks)
            first_person = any(
                _norm(c) in {"i", "me", "my", "im", "i'm"} for c in head.children if c.dep_ in _SUBJ_DEPS
            )
            if not negated and not first_person and len(words) >= 3:
                return self._span_result(doc, toks, "direct", "yesno", 0.55, False, True)
        return None

    # ------------------------------------------------------------------ helpers
    def _starts_with_wh(self, doc: Doc, toks: list[Token]) -> bool:
        first = next((t for t in toks if not self._skippable(t)), None)
        return first is not None and _norm(first) in self._wh

    def _inside_quotes(self, doc: Doc, tok: Token, s: int) -> bool:
        """Is ``tok`` inside a quotation opened earlier on its line (UI text, error messages)?
        Quotes of that kind are short, so only the 60 tokens before are looked at."""
        # The tokens looked at lie between the last line break before ``tok`` and ``tok``: when
        # that stretch of text holds no quote mark at all, none of them is one.
        text = doc_text(doc)
        line = text[text.rfind("\n", 0, tok.idx) + 1 : tok.idx]
        if '"' not in line and "\u201c" not in line and "\u201d" not in line and "``" not in line and "''" not in line:
            return False
        n = 0
        j = tok.i - 1
        stop = max(-1, tok.i - 61)
        while j > stop and "\n" not in doc[j].text and "\n" not in doc[j].whitespace_:
            if doc[j].text in {'"', "\u201c", "\u201d", "``", "''"}:
                n += 1
            j -= 1
        return n % 2 == 1

    def _modal_you_at(self, doc: Doc, toks: list[Token]) -> bool:
        ws = [_norm(t) for t in toks[:4]]
        return any(w in _MODAL_REQUEST for w in ws) and any(w in _YOU_LIKE for w in ws)

    @staticmethod
    def _labels_at(shape_hits: dict[str, list[tuple[int, int]]], lo: int, hi: int) -> set[str]:
        return {label for label, spans in shape_hits.items() for a, b in spans if lo <= a <= hi and b - 1 <= hi}

    def _statement_of_liking(self, doc: Doc, shape_hits: dict[str, list[tuple[int, int]]], lo: int, hi: int) -> bool:
        """ "I love my playlists", "I like the app": liking, not asking (asking needs "would/'d")."""
        for a, b in shape_hits.get("I_WANT", []):
            if lo <= a <= hi and doc[b - 1].lemma_.lower() in {"like", "love", "prefer"}:
                if not any(_norm(t) in {"'d", "d", "would", "wd"} for t in doc[a : b - 1]) and not any(
                    _norm(t) == "if" for t in doc[b : b + 3]
                ):
                    return True
        return False

    def _negated_or_any(self, tok: Token) -> bool:
        doc = tok.doc
        window = doc[max(0, tok.i - 4) : tok.i]
        if any(_norm(t) in _NEG or t.dep_ == "neg" or _norm(t) in {"any", "unsure", "some"} for t in window):
            return True
        if tok.lemma_.lower() in {"unsure"}:
            return True
        # "I can't figure out": the negation hangs on the modal before the verb
        return any(c.dep_ == "neg" for c in tok.children) or any(
            c.dep_ == "neg" for c in tok.head.children if tok.dep_ in {"xcomp", "acomp"}
        )

    def _embed_is_ask(self, tok: Token) -> bool:
        """ "tell me why", "can you check if", "I want to know when", "please confirm whether"."""
        doc = tok.doc
        lemma = tok.lemma_.lower()
        window = [_norm(t) for t in doc[max(0, tok.i - 5) : tok.i]]
        if tok.tag_ == "VB" and (
            tok.i == 0
            or doc[tok.i - 1].is_punct
            or doc[tok.i - 1].is_space
            or _norm(doc[tok.i - 1]) in self._please
            or self._skippable(doc[tok.i - 1])
        ):
            return lemma != "see" or any(w in self._please for w in window)
        if any(w in self._want or w in {"wanted", "needed", "liked", "'d", "would"} for w in window[-3:]):
            return True
        if any(w in self._please for w in window):
            return True
        if "let" in window[-3:] and lemma == "know":
            return False  # "will let you know if it happens again": the customer informing
        if any(w in _YOU_LIKE for w in window[-3:]) and any(
            w in {"can", "could", "would", "will", "ca"} for w in window
        ):
            return True
        if lemma == "know" and (
            "do" in window[-3:]
            or "does" in window[-3:]
            or "lemme" in window
            or (len(window) >= 2 and window[-2] == "let" and window[-1] in {"me", "us"})
        ):
            return True
        if lemma in {"know", "understand"} and any(w in _NEG for w in window[-3:]):
            return True
        if lemma in {"ask", "question"} and any(w in {"i", "to", "'m", "am", "just", "a", "my"} for w in window[-3:]):
            return True
        if lemma == "question" and all(self._skippable(t) for t in doc[max(0, tok.i - 5) : tok.i]):
            return True  # "Question about how to update my address"
        return bool(
            lemma == "try" or (lemma in {"see", "find"} and any(w in {"trying", "try", "tried"} for w in window))
        )

    def _main_verb_after(self, doc: Doc, core: Token, e: int) -> Token | None:
        for t in doc[core.i + 1 : e]:
            if t.pos_ in {"VERB"} or (t.pos_ == "AUX" and t.dep_ == "ROOT"):
                return t
        return None

    def _embedded_type(self, doc: Doc, verb: Token, e: int) -> str:
        for t in doc[verb.i + 1 : min(e, verb.i + 5)]:
            w = _norm(t)
            if w in {"if", "whether"}:
                return "yesno"
            if w in self._wh:
                nxt = tuple(_norm(x) for x in doc[t.i : t.i + 2])
                return self._wh_refine.get(nxt, self._wh[w])
        return "what"

    def _want_request(
        self, doc: Doc, shape_hits: dict[str, list[tuple[int, int]]], lo: int, hi: int, toks: list[Token]
    ) -> tuple[QuestionKind, AnswerType] | None:
        for a, b in shape_hits.get("I_WANT", []):
            if not (lo <= a <= hi):
                continue
            verb = doc[b - 1]
            polite = any(_norm(t) in {"'d", "d", "would", "wd"} for t in doc[a : b - 1])
            if verb.tag_ in {"VBD", "VBN"} or (
                not polite and (verb.dep_ in {"relcl", "acl"} or verb.head.dep_ in {"relcl"})
            ):
                continue
            if (
                not polite
                and verb.dep_ == "advcl"
                and any(
                    c.dep_ in {"advmod", "mark"}
                    and _norm(c) in {"when", "whenever", "while", "as", "because", "since", "until", "before", "after"}
                    for c in verb.children
                )
            ):
                continue  # "... right when I need to pay rent": the time of a complaint, not an ask
            after = doc[b : min(len(doc), b + 4)]
            if not len(after):
                continue
            if _norm(verb) in {"rather", "sooner", "prefer"}:
                return "request", "request"  # "I'd rather have a refund"
            n0 = _norm(after[0])
            if n0 == "to":
                v = after[1] if len(after) > 1 else None
                if v is None:
                    continue
                if v.lemma_.lower() in {"know", "understand", "ask", "find", "learn", "confirm", "check", "see"}:
                    if (
                        any(_norm(t) in self._wh or _norm(t) in {"if", "whether"} for t in doc[v.i + 1 : v.i + 5])
                        or v.lemma_ == "ask"
                    ):
                        return "indirect", "what"
                    continue
                if verb.lemma_.lower() in {"want", "like", "love", "wish"} and v.lemma_.lower() in {
                    "say",
                    "thank",
                    "share",
                    "complain",
                    "vent",
                    "listen",
                    "file",
                    "let",
                    "point",
                    "tell",
                    "give",
                    "mention",
                    "add",
                    "report",
                    "leave",
                    "express",
                    "watch",
                    "play",
                    "hear",
                }:
                    continue
                if verb.lemma_.lower() == "want" and any(_norm(t) == "just" for t in doc[max(0, a) : b]):
                    continue
                return "request", "request"
            if verb.lemma_.lower() in {"like", "love"} and not (
                after[0].pos_ in {"DET", "NOUN", "PROPN", "NUM", "ADJ"}
                or after[0].tag_ in {"PRP$", "PRP"}
                or n0 in {"to", "help", "more", "someone"}
            ):
                continue
            if (
                verb.lemma_.lower() == "love"
                and n0 in {"you", "this", "that", "it", "them", "him", "her"}
                and not any(_norm(t) == "if" for t in after)
            ):
                continue
            if n0 in {"it", "that", "this"} and not any(_norm(t) in {"if", "when"} for t in after):
                continue
            if after[0].pos_ in {"DET", "NOUN", "PROPN", "PRON", "NUM", "ADJ"} or n0 in {
                "help",
                "refund",
                "assistance",
                "someone",
                "you",
                "u",
                "a",
                "an",
                "more",
            }:
                if after[0].tag_ in {"VBD", "VBN"}:
                    continue
                if polite or verb.lemma_.lower() in {"request", "require"} or n0 in _YOU_LIKE:
                    return "request", "request"
                # plain "I want/need X": a request when X is something support hands out
                # ("a refund", "a new code", "help"), or X comes with what should happen to it
                # ("my invoice re-issued"); "I want tickets to the concert" is a wish
                obj = self._object_head(after)
                if obj is not None and (
                    obj.lemma_.lower() in self._request_objects or _norm(obj) in self._request_objects
                ):
                    return "request", "request"
                if any(
                    t.tag_ in {"VBN"}
                    or t.tag_ == "TO"
                    or (t.tag_ == "VBD" and t.dep_ in {"ccomp", "xcomp", "oprd"} and t.head.i == verb.i)
                    for t in doc[b : min(len(doc), b + 6)]
                    if t.head.i >= b - 1
                ):
                    return "request", "request"
                continue
        return None

    @staticmethod
    def _object_head(after: Span) -> Token | None:
        for t in after:
            if t.pos_ in {"NOUN", "PROPN"} or t.lower_ in {"help", "refund"}:
                # the head of the noun phrase: walk right over compounds
                while t.dep_ == "compound" and t.head.i > t.i:
                    t = t.head
                return t
            if t.pos_ not in {"DET", "ADJ", "NUM", "PRON", "ADV"}:
                return None
        return None
        return None

    def _imperative(self, core: Token, head: Token, toks: list[Token]) -> bool:
        verb = core
        # "please fix", "pls help": skip the please word
        if self._is_please(verb):
            rest = [t for t in toks if t.i > verb.i and not self._skippable(t)]
            if not rest:
                return False
            verb = rest[0]
        lemma = verb.lemma_.lower()
        low = _norm(verb)
        if low.endswith("ed") and low not in {"need", "feed", "speed", "seed", "bleed"}:
            return False  # "Tried everything", "Updated my phone": a past tense with "I" elided
        if low in {"gim", "gimme", "lemme", "dm"} or (low == "help" and verb.i == core.i):
            return True
        if verb.tag_ != "VB" and not (
            verb.text.isupper()
            and len(verb.text) > 2
            and verb.pos_ in {"VERB", "PROPN", "NOUN"}
            and verb.lemma_.lower()
            in {
                "make",
                "fix",
                "bring",
                "add",
                "update",
                "stop",
                "give",
                "refund",
                "cancel",
                "send",
                "help",
                "call",
                "put",
                "get",
            }
        ):
            return False
        if lemma in self._imp_exclude or low in self._imp_exclude:
            return False
        after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
        if after is not None and (after.pos_ == "AUX" or after.dep_ == "neg" or after.tag_ in {"VBZ", "VBD"}):
            return False  # "Spotify isn't available": a subject, not an order
        if (
            after is not None
            and after.tag_ in {"NN", "NNS", "NNP", "NNPS"}
            and lemma not in _CORE_REQUEST_VERBS
            and not verb.text.isupper()
        ):
            return False  # "Spotify desktop app causes ...": a name the tagger took for a verb
        if any(c.dep_ in _SUBJ_DEPS and c.i < verb.i for c in verb.children):
            return False
        prev = verb.doc[verb.i - 1] if verb.i > 0 else None
        if prev is not None and prev.tag_ in {"MD", "TO"} and prev.i >= toks[0].i:
            return False
        return not (
            prev is not None
            and prev.pos_ in {"PRON", "NOUN", "PROPN"}
            and prev.i >= toks[0].i
            and not prev.text.startswith("@")
            and not self._is_please(prev)
        )

    def _finalize(
        self, doc: Doc, found: list[tuple[int, int, QuestionKind, AnswerType, float, bool, bool]]
    ) -> list[QuestionFact]:
        text = doc_text(doc)  # (Doc.text rebuilds the string on every access)
        found = sorted(found, key=lambda r: (r[0], -r[1]))
        # drop spans inside another span
        kept: list[tuple[int, int, QuestionKind, AnswerType, float, bool, bool]] = []
        for r in found:
            if any(k[0] <= r[0] and r[1] <= k[1] for k in kept):
                continue
            kept.append(r)

        # drop repeats of the same ask ("I need refund ... Need refund please")
        def words(a: int, b: int) -> set[str]:
            return {w for w in "".join(ch if ch.isalnum() or ch.isspace() else " " for ch in text[a:b].lower()).split()}

        unique: list[tuple[int, int, QuestionKind, AnswerType, float, bool, bool]] = []
        for r in kept:
            wr = words(r[0], r[1])
            dup = False
            for u in unique:
                wu = words(u[0], u[1])
                if wr and wu and len(wr & wu) / len(wr | wu) >= 0.5 and (r[5] or u[5] or r[2] == u[2]):
                    dup = True
                    break
            if not dup:
                unique.append(r)
        # "I need to know how you would do that": an embedded restatement with no content of its own
        if len(unique) > 1:

            def empty_indirect(r: tuple[int, int, QuestionKind, AnswerType, float, bool, bool]) -> bool:
                if r[2] != "indirect":
                    return False
                span = doc.char_span(r[0], r[1], alignment_mode="expand")
                return span is not None and not self._focus(span)

            unique = [r for r in unique if not empty_indirect(r)]
        # the same question asked twice in other words ("Do you offer any discounts for X? ...
        # Do you offer any kind of discount to these customers?"): same type, same verb, and at
        # least two shared content words
        if len(unique) > 1:
            seen: list[tuple[str, frozenset[str], str]] = []
            kept2 = []
            for r in unique:
                span = doc.char_span(r[0], r[1], alignment_mode="expand")
                if span is None or r[2] == "request":
                    kept2.append(r)
                    continue
                stems = frozenset(_stem_word(f) for f in self._focus(span))
                verb = next((t.lemma_.lower() for t in span if t.pos_ == "VERB"), "")
                if any(a == r[3] and v == verb and verb and len(f & stems) >= 2 for a, f, v in seen):
                    continue
                seen.append((r[3], stems, verb))
                kept2.append(r)
            unique = kept2
        # a generic "hope you can help" / "help" closing repeats an ask already made
        if any(not r[5] for r in unique):
            unique = [r for r in unique if not (r[5] and r[4] <= 0.5)]
        facts: list[QuestionFact] = []
        for start, end, kind, atype, conf, _generic, _weak in unique:
            span = doc.char_span(start, end, alignment_mode="expand")
            focus = self._focus(span) if span is not None else ()
            facts.append(QuestionFact(text[start:end], start, end, kind, atype, conf, focus))
        return facts

    def _refine(self, words: list[str], default: str) -> str:
        """Answer type from the longest two-/three-word opener ("how much", "any ideas", "what now")."""
        seq = tuple(words[:6])
        best: tuple[int, str] | None = None
        for k, v in self._wh_refine.items():
            if seq[: len(k)] == k and (best is None or len(k) > best[0]):
                best = (len(k), v)
        return best[1] if best else default

    def fact_for_span(self, doc: Doc, start: int, end: int, kind: QuestionKind | None = None) -> QuestionFact:
        """Describe a question whose span is already known (marked by a person, or labelled).

        The answer type comes from the span's own shape (wh-word, embedded wh/if, request,
        yes/no word order); ``kind`` overrides the guessed kind.
        """
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return QuestionFact(doc.text[start:end], start, end, kind or "direct", "what", 1.0, ())
        toks = [t for t in span if not self._skippable(t) or self._is_please(t)]
        words = [_norm(t) for t in toks]
        atype: str = "yesno"
        guess: QuestionKind = "direct"
        wh_pos = next((k for k, w in enumerate(words) if w in self._wh or w in {"if", "whether"}), None)
        if wh_pos is not None and wh_pos <= 6:
            w = words[wh_pos]
            atype = "yesno" if w in {"if", "whether"} else self._refine(words[wh_pos:], self._wh[w])
            if wh_pos > 0:
                guess = "indirect"
        else:
            atype = self._refine(words, atype)
        if words and (words[0] in self._please or any(t.tag_ == "VB" and t.i == toks[0].i for t in toks[:1])):
            atype, guess = "request", "request"
        if kind == "request":
            atype = "request"
        return QuestionFact(span.text, span.start_char, span.end_char, kind or guess, atype, 1.0, self._focus(span))  # type: ignore[arg-type]

    def _focus(self, span: Span) -> tuple[str, ...]:
        out: list[str] = []
        for t in span:
            if t.is_punct or t.is_space or t.like_url or t.text.startswith("@"):
                continue
            if t.is_stop and t.pos_ not in {"NOUN", "PROPN", "VERB", "NUM"}:
                continue
            if t.pos_ not in {"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"}:
                continue
            lemma = t.lemma_.lower()
            if lemma == "datum":
                lemma = "data"  # the lemmatizer's singular of "data"
            if lemma in _LIGHT_LEMMAS or lemma in self._please or len(lemma) < 2:
                continue
            if t.pos_ == "ADV" and lemma not in {"back", "online", "offline", "abroad", "early", "late"}:
                continue
            if lemma not in out:
                out.append(lemma)
        return tuple(out)
