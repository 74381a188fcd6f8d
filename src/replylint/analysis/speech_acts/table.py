"""The token attributes of a doc as plain lists by token offset (:class:`_Table`), read by the
dependency walks."""

from __future__ import annotations

import numpy
from spacy.attrs import (
    DEP,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LIKE_EMAIL,
    LIKE_URL,
    LOWER,
    ORTH,
    POS,
    SPACY,
    TAG,
)
from spacy.tokens import Doc

_HANDLE_FIRST = frozenset("@^#h/")  # the first characters of the handle prefixes below
_TABLE_ATTRS = [ORTH, LOWER, LEMMA, POS, TAG, DEP, HEAD, IS_SPACE, IS_PUNCT, LIKE_URL, LIKE_EMAIL, SPACY, IS_ALPHA, IDX]


class _Table:
    """The token attributes that the dependency walks below read, as plain lists by token offset.

    A walk up or across the tree through ``Token`` objects creates a Token per step and looks its
    strings up in the vocab each time; the same walk over lists of strings and offsets is several
    times faster. The values are exactly the Token attributes named on each field.
    """

    __slots__ = (
        "_sent_start",
        "alpha",
        "dep",
        "handle",
        "head",
        "idx",
        "kids",
        "lemma",
        "lower",
        "n",
        "newline",
        "pos",
        "punct",
        "space",
        "tag",
        "text",
        "url",
        "ws",
    )

    def __init__(self, doc: Doc, sent_start: list[int] | None) -> None:
        strings = doc.vocab.strings
        n = len(doc)
        arr = doc.to_array(_TABLE_ATTRS) if n else numpy.zeros((0, len(_TABLE_ATTRS)), dtype=numpy.uint64)
        cols = arr[:, :6].T.tolist()
        flags = (arr[:, 7:13] != 0).T.tolist()
        # HEAD holds the offset to the head as an unsigned number: read it back as signed
        heads = arr[:, 6].astype(numpy.int64) + numpy.arange(n, dtype=numpy.int64)
        self.n: int = n
        self.text: list[str] = [strings[h] for h in cols[0]]  # Token.text
        self.lower: list[str] = [strings[h] for h in cols[1]]  # Token.lower_
        self.lemma: list[str] = [strings[h].lower() for h in cols[2]]  # Token.lemma_.lower()
        self.pos: list[str] = [strings[h] for h in cols[3]]  # Token.pos_
        self.tag: list[str] = [strings[h] for h in cols[4]]  # Token.tag_
        self.dep: list[str] = [strings[h] for h in cols[5]]  # Token.dep_
        self.head: list[int] = heads.tolist()  # Token.head.i
        #: Token.children: the tokens whose head is this one, in order
        self.kids: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(self.head):
            if h != i:
                self.kids[h].append(i)
        self.space: list[bool] = flags[0]  # Token.is_space
        self.punct: list[bool] = flags[1]  # Token.is_punct
        self.url: list[bool] = flags[2]  # Token.like_url
        self.ws: list[bool] = flags[4]  # bool(Token.whitespace_)
        self.alpha: list[bool] = flags[5]  # Token.is_alpha
        self.idx: list[int] = arr[:, 13].tolist()  # Token.idx
        #: a space token with a line break in it
        self.newline: list[bool] = [sp and "\n" in t for sp, t in zip(self.space, self.text, strict=True)]
        #: _is_handle: a @mention, a #tag, an agent signature (^MM, /AY) or a link
        # (the first character is tested before the prefixes: most words start with none of them)
        self.handle: list[bool] = [
            url
            or email
            or (t[:1] in _HANDLE_FIRST and (t.startswith(("@", "^", "#", "http")) or (t[:1] == "/" and len(t) <= 4)))
            for t, url, email in zip(self.text, flags[2], flags[3], strict=True)
        ]
        self._sent_start = sent_start

    @property
    def sent_start(self) -> list[int]:
        """Token.sent.start"""
        if self._sent_start is None:
            raise ValueError("[E030] Sentence boundaries unset.")
        return self._sent_start
