"""The spaCy matchers compiled from the question pack: phrase lists, token shapes of an ask and the
dependency shape of an embedded question.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import spacy
from spacy.matcher import DependencyMatcher, PhraseMatcher
from spacy.tokenizer import Tokenizer

from replylint.analysis.questions.words import _I_LIKE, _MODAL_REQUEST, _YOU_LIKE
from replylint.packs import AnchoredMatcher, dependency_requirements


def phrase_matcher(vocab: spacy.vocab.Vocab, tokenizer: Tokenizer, data: Mapping[str, Any]) -> PhraseMatcher:
    """The pack's phrase lists (rhetorical openers, non-asks, courtesy prefixes, generic help
    closers) as a PhraseMatcher on lower-cased tokens, each also with typographic apostrophes."""
    phrases = PhraseMatcher(vocab, attr="LOWER")
    for label, key in (
        ("RHET_OPEN", "question_rhetorical_openers"),
        ("RHET_WHOLE", "question_rhetorical_whole"),
        ("NON_ASK", "question_non_ask_phrases"),
        ("COURTESY", "question_courtesy_prefixes"),
        ("GENERIC_HELP", "question_generic_help_closers"),
    ):
        words = [str(p).lower() for p in data.get(key, [])]
        docs = [tokenizer(p) for p in words]
        docs += [tokenizer(p.replace("'", "\u2019")) for p in words if "'" in p]
        phrases.add(label, docs)
    return phrases


def shape_matcher(
    vocab: spacy.vocab.Vocab, please: list[str], wants: list[str], embed: list[str], whs: list[str]
) -> AnchoredMatcher:
    """The token shapes of an ask (modal + you, "I want", "would be nice", "let me know", an
    embedded question's surface ...), run only where a pattern's required words occur: same
    matches, same order (see packs)."""
    matcher = AnchoredMatcher(vocab)
    matcher.add(
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
    matcher.add(
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
    matcher.add(
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
    matcher.add(
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
    matcher.add(
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
    matcher.add(
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
    matcher.add(
        "SHOULD_ADD",
        [
            [
                {"LOWER": "needs", "IS_SENT_START": True},
                {"LOWER": {"IN": ["to", "really", "seriously"]}, "OP": "*"},
                {"POS": "VERB"},
            ]
        ],
    )
    matcher.add(
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
    matcher.add(
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
    matcher.add(
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
    matcher.add(
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
    matcher.add(
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
    matcher.add(
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
    return matcher


def embedding_matcher(
    vocab: spacy.vocab.Vocab, embed: list[str], whs: list[str]
) -> tuple[DependencyMatcher, tuple[tuple[int, frozenset[int]], ...]]:
    """The dependency shape of an embedded question (embedding word -> clause with wh/if/whether)
    and the words every node of it needs (most messages lack one, and then there is no match)."""
    dep = DependencyMatcher(vocab)
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
    dep.add("EMBED_DEP", [embed_dep])
    # the words every node needs: most messages lack one, and then there is no match
    return dep, dependency_requirements(embed_dep)
