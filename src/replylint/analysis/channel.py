"""Which channel a draft was written for, inferred from the texts when none is configured.

A tweet must not be held to email conventions (greeting and closing lines, email length
ceilings), and an email must not be judged as a chat line. When the caller gives no channel
(``channel`` in the config, ``--channel``, ``Checker.check(channel=...)``, macro front matter),
the draft and the customer message tell:

- ``social``: an @handle opening the draft (or the customer message), a sign-off of agent
  initials or a first name at the end ("^MM", "-Becky", "*TMT", "~AT"), t.co links, both texts
  within a tweet's 280 characters;
- ``email``: a greeting line ("Hi Sam," on its own line), a closing line ("Kind regards"),
  quoted history, paragraphs, or a text longer than any tweet;
- ``chat``: a short, single-line draft answering a short, single-line customer message, with
  none of the marks above.

Without a customer message and without any mark the draft stays ``email`` (the documented
default), so a bare draft is judged as before.
"""

from __future__ import annotations

import re
from typing import Literal

from replylint.analysis.mail import _GREETING, _SIGN_OFF

__all__ = ["SOCIAL_MAX_CHARS", "infer_channel", "social_marks"]

InferredChannel = Literal["email", "chat", "social"]

#: a tweet's length limit (characters): a longer text is not a tweet
SOCIAL_MAX_CHARS = 280

_HANDLE_START = re.compile(r"\A[\s.]*@\w+")  # ".@Support" opens public tweets too
# "@name," alone on the first line is a forum/issue-tracker address ("Hey @diassique,"), not a tweet
_HANDLE_ADDRESS = re.compile(r"\A[\s.]*(?:(?:hi|hello|hey|dear)\s+)?@\w+\s*,?\s*\n", re.IGNORECASE)
# agent initials or a first name after ^ - * ~ / at the very end, optionally before a link
_SIGN_INITIALS = re.compile(
    r"(?:^|[\s.!?)\]])[\^*~/\-\u2013\u2014]\s?[A-Z][A-Za-z]{0,11}(?:\s+https?://\S+)*\s*\Z",
)
_LEADING_HANDLES = re.compile(r"[.]?(?:@\w+\s+)+")
_TCO = re.compile(r"https?://t\.co/", re.IGNORECASE)
_QUOTED = re.compile(
    r"^[ \t]*>|^[ \t]*On\b[^\n]{0,300}\bwrote:[ \t]*$|^[ \t]*-{2,}\s*Original Message", re.MULTILINE | re.IGNORECASE
)
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def social_marks(text: str) -> int:
    """How many tweet marks ``text`` carries: an opening @handle, a closing sign-off, a t.co link."""
    stripped = text.strip()
    marks = 0
    if _HANDLE_START.match(stripped) and not _HANDLE_ADDRESS.match(stripped):
        marks += 1
    if _SIGN_INITIALS.search(stripped):
        marks += 1
    if _TCO.search(stripped):
        marks += 1
    return marks


def _email_marks(text: str) -> int:
    """How many email marks ``text`` carries: a greeting line, a closing line, quoted history,
    paragraphs (a line break in a short text is a tweet's; a blank line after a greeting or
    between paragraphs is a letter's)."""
    marks = 0
    text = text.strip()
    first, _, rest = text.partition("\n")
    greeting = _GREETING.match(first)
    if rest and greeting is not None and not first[greeting.end() :].strip():
        marks += 1  # "Hi Sam," alone on the first line
    if any(_SIGN_OFF.fullmatch(line) for line in rest.splitlines()):
        marks += 1  # "Kind regards," / "Thanks, Alex" on a line of its own, after the first
    if _QUOTED.search(text):
        marks += 1
    if len(_PARAGRAPH.findall(text.strip())) >= 2:
        marks += 1
    return marks


def _tweet_length(text: str) -> int:
    """Characters a tweet's limit counts: the @handles opening a reply are not counted."""
    stripped = text.strip()
    m = _LEADING_HANDLES.match(stripped)
    return len(stripped) - (m.end() if m else 0)


def infer_channel(draft: str, customer: str | None = None) -> InferredChannel:
    """The channel the texts were written for (see the module doc for the marks read)."""
    customer = customer or ""
    too_long = max(_tweet_length(draft), _tweet_length(customer)) > SOCIAL_MAX_CHARS
    draft_email = _email_marks(draft)
    customer_email = _email_marks(customer)
    draft_social = social_marks(draft)
    # one mark (an @handle opening the reply) is a tweet's unless the customer wrote a letter
    # ("Hello,\n\n..." on a forum, answered "@name Sure, ..."); two marks are a tweet's anyway
    social = draft_social >= 2 or ((draft_social or social_marks(customer)) and not customer_email)
    if not too_long and social and not draft_email:
        return "social"
    if too_long or draft_email or customer_email:
        return "email"
    if customer.strip() and "\n" not in draft.strip() and "\n" not in customer.strip():
        return "chat"
    return "email"
