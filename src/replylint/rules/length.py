"""length: a draft fits its channel (not a wall of text in chat, not empty), plus word helpers
shared by replylint's support-practice rules (words exclude @handles, links and sign-offs)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal, cast

from pydantic import Field
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LIKE_EMAIL, LIKE_URL, ORTH
from spacy.tokens import Doc, Span, Token

from replylint.context import Context
from replylint.models import Severity
from replylint.rules.base import Evidence, Example, Hit, Outcome, Rule, RuleOptions

ChannelName = Literal["email", "chat", "social"]
_SIG_PREFIX = ("^", "/", "-", "–", "—", "~")


# Quoted history and code in a draft are not the agent's prose (template syntax/mail furniture,
# so regular expressions are the right tool here).
_QUOTE_HEADER = re.compile(
    r"^[ \t]*(?:On|Am|Le|El)\b[^\n]{0,300}?(?:\n[^\n]{0,120}?)?\b(?:wrote|schrieb|a écrit|escribió)\s*:[ \t]*$",
    re.MULTILINE,
)
_ORIGINAL_MESSAGE = re.compile(
    r"^[ \t]*-{2,}\s*(?:Original Message|Forwarded message)\s*-{2,}", re.MULTILINE | re.IGNORECASE
)
_OUTLOOK_HEADER = re.compile(
    r"^[ \t]*\**From:\**[^\n]*\n(?:[^\n]*\n){0,2}[ \t]*\**(?:Sent|Date):\**[^\n]*$", re.MULTILINE
)
_QUOTED_LINE = re.compile(r"^[ \t]*>[^\n]*$", re.MULTILINE)
_CODE_FENCE = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n.*?^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class NotAuthored:
    """Parts of a draft the agent did not write as prose: quoted history (from the first
    "On ... wrote:" / "Original Message" / "From: ... Sent:" header on, and "> " lines) and
    fenced code blocks. Rules skip matches there."""

    body_end: int
    ranges: tuple[tuple[int, int], ...]

    def __contains__(self, pos: object) -> bool:
        if not isinstance(pos, int):
            return False
        if pos >= self.body_end:
            return True
        for a, b in self.ranges:  # noqa: SIM110 - a loop, not any(genexpr): asked for every word of the draft
            if a <= pos < b:
                return True
        return False


def find_not_authored(text: str) -> NotAuthored:
    cut = len(text)
    for rx in (_QUOTE_HEADER, _ORIGINAL_MESSAGE, _OUTLOOK_HEADER):
        m = rx.search(text)
        if m and 0 < m.start() < cut:
            cut = m.start()
    ranges = [(m.start(), m.end()) for rx in (_QUOTED_LINE, _CODE_FENCE) for m in rx.finditer(text)]
    return NotAuthored(cut, tuple(sorted(ranges)))


def not_authored(ctx: Context) -> NotAuthored:
    """The draft's quoted history and code blocks, computed once per check."""
    return ctx.memo("replylint.not_authored", lambda: find_not_authored(ctx.draft))


def channel_of(ctx: Context, option: str | None) -> str:
    """The effective channel: the check's own channel, else the rule option, else the channel
    inferred from the texts, else email."""
    return ctx.channel or option or ctx.inferred_channel or "email"


_WORD_FLAGS = "replylint.length.word_flags"  # doc.user_data key: is_word of every token


def _text_is_word(text: str) -> bool:
    """``is_word`` for a token that is not space, punctuation, a link or an e-mail address."""
    if text.startswith("@"):
        return False  # a handle is an address, not a word
    if text[0] in _SIG_PREFIX and len(text) > 1 and text[1:].isalpha():
        return False  # "^RR", "/AY", "-AC": agent initials
    return any(map(str.isalnum, text))


def word_flags(doc: Doc) -> list[bool]:
    """``is_word`` of every token of ``doc``, computed once per doc: the rules ask it hundreds
    of times per check. Kept in ``doc.user_data`` (per doc, so nothing is shared between checks);
    it depends only on the tokens' texts and lexical flags, which nothing changes after parsing."""
    flags = doc.user_data.get(_WORD_FLAGS)
    if isinstance(flags, list) and len(flags) == len(doc):
        return flags
    # space, punctuation, link, e-mail: lexical flags, read with the token texts' ids in one
    # call, by column (a list per token would feed the cyclic garbage collector)
    strings = doc.vocab.strings
    flags = []
    if len(doc):
        columns = doc.to_array([ORTH, IS_SPACE, IS_PUNCT, LIKE_URL, LIKE_EMAIL])
        skip: list[bool] = cast("list[bool]", columns[:, 1:].any(axis=1).tolist())
        for orth, not_word in zip(columns[:, 0].tolist(), skip, strict=True):
            if not_word:
                flags.append(False)
            else:
                text = strings[orth]
                flags.append(text.isalnum() or _text_is_word(text))  # all-alphanumeric: a word, no more tests
    doc.user_data[_WORD_FLAGS] = flags
    return flags


def is_word(tok: Token) -> bool:
    """A token a reader reads as a word: not punctuation, emoji, @handle, link, e-mail or sign-off tag."""
    return word_flags(tok.doc)[tok.i]


def _signature_start(doc: Doc | Span) -> int:
    """Token index (into ``doc``) where a trailing '- Name' / '^Name' sign-off starts, else len."""
    n = len(doc)
    end = n
    while end > 0:
        tok = doc[end - 1]
        if not (tok.is_space or tok.like_url or (tok.is_punct and tok.text not in _SIG_PREFIX)):
            break
        end -= 1
    for k in (1, 2):
        i = end - k - 1
        if (
            i >= 0
            and doc[i].text in _SIG_PREFIX
            and all(doc[j].is_alpha and doc[j].text[:1].isupper() for j in range(i + 1, end))
        ):
            return i
    return n


def word_indices(doc: Doc | Span) -> list[int]:
    """The doc token offsets of ``words(doc)`` (no Token objects built)."""
    stop = _signature_start(doc)
    whole, first = (doc.doc, doc.start) if isinstance(doc, Span) else (doc, 0)
    flags = word_flags(whole)
    return [i for i in range(first, first + stop) if flags[i]]


def words(doc: Doc | Span) -> list[Token]:
    """The words of a text, without @handles, links, emoji, punctuation and a trailing sign-off."""
    whole = doc.doc if isinstance(doc, Span) else doc
    return [whole[i] for i in word_indices(doc)]


_LINK_CHARS = 23  # a link counts as 23 characters on Twitter/X, whatever its length


def _over_chars(ctx: Context, limit: int, body_end: int) -> tuple[int, int, int] | None:
    """(start, end, count) of the part of the draft past ``limit`` characters, counted the way
    social networks count: leading @mentions are free and every link costs 23 characters."""
    doc = ctx.draft_doc
    i = 0
    while i < len(doc) and (doc[i].is_space or doc[i].text.startswith("@")):
        i += 1
    if i >= len(doc):
        return None
    start = doc[i].idx
    count = 0
    cut: int | None = None
    pos = start
    for tok in doc[i:]:
        if tok.idx >= body_end:
            break
        count += tok.idx - pos  # whitespace before the token
        count += _LINK_CHARS if tok.like_url else len(tok.text)
        pos = tok.idx + len(tok.text)
        if cut is None and count > limit:
            cut = tok.idx
    if cut is None:
        return None
    end = min(pos, body_end)
    while end > cut and ctx.draft[end - 1].isspace():
        end -= 1
    return cut, end, count


class LengthOptions(RuleOptions):
    channel: ChannelName | None = Field(default=None, description="email / chat / social (None: email)")
    max_words: int | None = Field(default=None, ge=1, description="word ceiling (None: the channel default)")
    max_chars: int | None = Field(default=None, ge=1, description="character ceiling (None: the channel default)")
    min_words: int | None = Field(default=None, ge=0, description="fewer words than this is an empty-ish draft")


class Length(Rule):
    id = "length"
    summary = "The draft fits its channel: not longer than the channel's word ceiling, not empty-ish."
    why = (
        "A 400-word reply in a chat window or a tweet-length thread of replies buries the answer; a "
        "two-word reply to a real problem reads as a brush-off. Defaults: email 250 words, chat 80, "
        "social 50 words and 280 characters."
    )
    default_severity = Severity.INFO
    Options = LengthOptions
    bad = (
        Example(draft="Ok.", note="empty-ish: one word"),
        Example(
            draft=(
                "Thanks for getting in touch about the delay with your order. I've checked with the warehouse "
                "and the courier, and it looks like the parcel was held at the depot because of the bank "
                "holiday backlog. It left the depot this morning and is now out for delivery, so you should "
                "have it by the end of the day. If it doesn't turn up, reply here and I'll arrange a replacement."
            ),
            options={"channel": "social"},
            note="78 words is too long for a social reply",
        ),
    )
    good = (
        Example(
            draft="Your parcel left the depot this morning and should arrive today. Reply here if it doesn't!",
            options={"channel": "social"},
            expect="passed",
        ),
        Example(
            draft=(
                "Hi Sam,\n\nThanks for getting in touch. I've refunded the duplicate charge of $12.99; it "
                "will show on your statement in 3-5 business days.\n\nBest,\nAlex"
            ),
            expect="passed",
        ),
    )

    def check(self, ctx: Context, options: Any) -> Outcome:
        assert isinstance(options, LengthOptions)
        data = ctx.toolkit.data
        channel = channel_of(ctx, options.channel)
        max_words = (
            options.max_words if options.max_words is not None else data.get("length_max_words", {}).get(channel)
        )
        max_chars = (
            options.max_chars if options.max_chars is not None else data.get("length_max_chars", {}).get(channel)
        )
        min_words = (
            options.min_words if options.min_words is not None else data.get("length_min_words", {}).get(channel, 2)
        )
        skip = not_authored(ctx)
        doc = ctx.draft_doc
        wi = word_indices(doc)  # a Token object is built only for the few words read
        if skip.ranges or (len(doc) and skip.body_end <= doc[-1].idx):  # (else no word is skipped)
            starts = doc.to_array(IDX).tolist() if len(doc) else []
            wi = [i for i in wi if starts[i] not in skip]
        n = len(wi)
        text = ctx.draft
        if n < (min_words or 0):
            stripped = text.strip()
            start = text.find(stripped[:1]) if stripped else 0
            return Outcome.failed(
                [
                    Hit(
                        start,
                        start + len(stripped),
                        f"the draft has only {n} word{'s' if n != 1 else ''}: it says next to nothing",
                        "Say what you did or what happens next",
                    )
                ],
            )
        hits: list[Hit] = []
        if max_words is not None and n > int(max_words):
            cut = doc[wi[int(max_words)]]
            hits.append(
                Hit(
                    cut.idx,
                    len(text.rstrip()),
                    f"the draft has {n} words, over the {channel} ceiling of {max_words}",
                    "Cut it down: lead with the answer, drop repetition, link to details",
                )
            )
        if max_chars is not None:
            over = _over_chars(ctx, int(max_chars), skip.body_end)
            if over is not None:
                start, end, n_chars = over
                hits.append(
                    Hit(
                        start,
                        end,
                        f"the draft is {n_chars} characters, over the {channel} limit of {max_chars}",
                        "Shorten it to fit one message",
                    )
                )
        if hits:
            return Outcome.failed(hits)
        if not wi:
            return Outcome.passed([])
        first, last = doc[wi[0]], doc[wi[-1]]
        return Outcome.passed([Evidence(first.idx, last.idx + len(last.text), f"{n} words")])
