"""Blank the parts of a customer message that are not the customer's own words.

``clean_customer`` returns a string of exactly the same length as its input: quoted earlier
mail, signatures, greetings, issue-template headings, version tables, code blocks, leading
Twitter @mentions and URLs are replaced by spaces (newlines are kept), so that every character
offset computed on the cleaned text is an offset into the original text as well.

Only shapes that are safe to drop are blanked: when in doubt, text is kept.
"""

from __future__ import annotations

import re

__all__ = ["clean_customer", "quoted_spans"]

# --- quoted history ------------------------------------------------------------------------
_QUOTE_HEADER = re.compile(
    r"^[ \t]*(?:On|Am|Le|El|Il)\b[^\n]{0,300}?(?:\n[^\n]{0,120}?)?\b(?:wrote|schrieb|a écrit|escribió|ha scritto)\s*:[ \t]*$",
    re.MULTILINE,
)
_ORIGINAL_MESSAGE = re.compile(
    r"^[ \t]*-{2,}\s*(?:Original Message|Forwarded message|Ursprüngliche Nachricht)\s*-{2,}",
    re.MULTILINE | re.IGNORECASE,
)
_OUTLOOK_HEADER = re.compile(
    r"^[ \t]*\**From:\**[^\n]*\n(?:[^\n]*\n){0,2}[ \t]*\**(?:Sent|Date):\**[^\n]*$",
    re.MULTILINE,
)
_QUOTED_LINE = re.compile(r"^[ \t]*>[^\n]*$", re.MULTILINE)

# --- signatures ----------------------------------------------------------------------------
_SIG_DASHES = re.compile(r"^-- ?$", re.MULTILINE)
_SENT_FROM = re.compile(
    r"^[ \t]*(?:Sent from my|Sent from|Get Outlook for)\b[^\n]{0,60}$", re.MULTILINE | re.IGNORECASE
)
_SIGN_OFF = re.compile(
    r"^[ \t]*(?:thanks(?: (?:a lot|again|so much|in advance))?|thank you(?: (?:so much|in advance|again))?|"
    r"many thanks|thx|cheers|regards|best|best regards|kind regards|kindest regards|warm regards|"
    r"warmest regards|sincerely|yours sincerely|yours truly|all the best|br|greetings|respectfully)"
    r"[ \t]*[,.!]*[ \t]*(?:[A-Z][\w.'-]*(?:[ \t]+[A-Z][\w.'-]*){0,2})?[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)

_DISCLAIMER = re.compile(
    r"^[^\n]*\b(?:this (?:e-?mail|message)(?: and any attachments?)? (?:is|are|may be) (?:confidential|private|intended)|"
    r"confidentiality notice|disclaimer:|if you (?:have )?received this (?:e-?mail|message) in error)[^\n]*(?:\n[^\n]+)*",
    re.MULTILINE | re.IGNORECASE,
)

# --- greetings and template furniture -----------------------------------------------------
_GREETING = re.compile(
    r"^[ \t]*(?:hi|hello|hey|hiya|dear|good (?:morning|afternoon|evening|day)|greetings|howdy)"
    r"(?:[ \t]+(?:there|team|all|everyone|guys|folks|support|sir|madam|sir/madam|"
    r"[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*)?))?[ \t]*(?:[,!:;.\-\u2013\u2014]+|$)",
    re.MULTILINE | re.IGNORECASE,
)
_MD_HEADING = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t][^\n]*|\*\*[^*\n]{1,60}\*\*:?[ \t]*|__[^_\n]{1,60}__:?[ \t]*)$", re.MULTILINE
)
_TEMPLATE_HEADING = re.compile(
    r"^[ \t]*(?:describe the bug|bug description|to reproduce|steps to reproduce|expected behaviou?r|"
    r"actual behaviou?r|current behaviou?r|screenshots?|desktop|smartphone|environment|"
    r"additional (?:context|information|info)|system info(?:rmation)?|versions?|logs?|"
    r"operating system|device|platform)[ \t]*(?:\([^)\n]*\))?[ \t]*:?[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
# "- OS: macOS Big Sur", "Version: 5.1.9", "Browser : Safari" (short key, short value, no ask)
_KEY_VALUE = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?([^\W\d_][^:\n?]{0,30}?)[ \t]*:[ \t]+([^\n]*)$", re.MULTILINE)
_ASK_WORDS = re.compile(r"\b(?:i|you|we|my|please|can|could|would|help|how|why|what|when|where|who)\b", re.IGNORECASE)
_TABLE_ROW = re.compile(r"^[ \t]*\|[^\n]*\|[ \t]*$", re.MULTILINE)
_CODE_FENCE = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n.*?^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)
_INDENTED_CODE = re.compile(r"^(?: {4}|\t)[^\n]*$", re.MULTILINE)

# --- twitter -------------------------------------------------------------------------------
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_LINE_MENTIONS = re.compile(r"^[ \t.]*(?:@\w+[ \t,:]*)+", re.MULTILINE)
_TRAILING_MENTIONS = re.compile(r"(?:[\s,]+@\w+)+[\s.!]*\Z")
_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|apos|nbsp|#\d{1,5});")


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def _word_count(s: str) -> int:
    return len(s.split())


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted earlier mail in ``text``: "> " lines and everything from an
    "On ... wrote:" / "-----Original Message-----" / Outlook "From:/Sent:" header on.

    Used on the draft side, where an email client may have appended the customer's own words
    (which would otherwise "answer" every question).
    """
    out: list[tuple[int, int]] = []
    cut = len(text)
    for rx in (_QUOTE_HEADER, _ORIGINAL_MESSAGE, _OUTLOOK_HEADER):
        m = rx.search(text)
        if m and 0 < m.start() < cut:
            cut = m.start()
    for m in _QUOTED_LINE.finditer(text, 0, cut):
        out.append((m.start(), m.end()))
    if cut < len(text):
        out.append((cut, len(text)))
    return out


def clean_customer(text: str) -> str:
    """Return ``text`` with non-authored parts replaced by spaces; same length, same newlines."""
    if not text:
        return text
    chars = list(text)
    n = len(text)

    # 1. everything after a quoted-history marker
    cut = n
    for rx in (_QUOTE_HEADER, _ORIGINAL_MESSAGE, _OUTLOOK_HEADER):
        m = rx.search(text)
        if m and m.start() > 0 and m.start() < cut:
            cut = m.start()
    m = _SIG_DASHES.search(text)
    if m and m.start() > 0:
        cut = min(cut, m.start())
    if cut < n:
        _blank(chars, cut, n)

    # 2. line-level furniture
    for m in _QUOTED_LINE.finditer(text):
        _blank(chars, m.start(), m.end())
    for m in _SENT_FROM.finditer(text):
        _blank(chars, m.start(), m.end())
    for m in _CODE_FENCE.finditer(text):
        _blank(chars, m.start(), m.end())
    if "\n" in text.strip():
        for rx in (_MD_HEADING, _TEMPLATE_HEADING, _TABLE_ROW):
            for m in rx.finditer(text):
                _blank(chars, m.start(), m.end())
        for m in _KEY_VALUE.finditer(text):
            key, value = m.group(1), m.group(2)
            if "http" in key.lower():
                continue
            if _word_count(key) <= 4 and _word_count(value) <= 8 and "?" not in value and not _ASK_WORDS.search(value):
                _blank(chars, m.start(), m.end())
            elif _word_count(key) <= 2:
                # "Title: Cancellation/refund", "Questions: Please could I ..." -> drop the key only
                _blank(chars, m.start(), m.start(2))
        # indented code / log lines only when they look like code (no sentence punctuation)
        for m in _INDENTED_CODE.finditer(text):
            line = m.group(0).strip()
            if line and not re.search(r"[a-z]{3,}\s+[a-z]{2,}\s+[a-z]{2,}", line):
                _blank(chars, m.start(), m.end())

    # 3. legal disclaimers, then the sign-off and the signature block under it:
    #    "Thanks,\nTyler", "Kind regards\nJenny Parry\nHead of Ops | Acme\nTel: ..."
    for m in _DISCLAIMER.finditer(text):
        _blank(chars, m.start(), m.end())
    cleaned = "".join(chars)
    lines = cleaned.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    if len(nonempty) >= 2:
        tail = nonempty[-8:]
        for k, i in enumerate(tail):
            if k == len(tail) - 1 and i == nonempty[0]:
                break
            if (
                _SIGN_OFF.fullmatch(lines[i])
                and all(_word_count(lines[j]) <= 8 and "?" not in lines[j] for j in tail[k + 1 :])
                and (i != nonempty[0])
            ):
                _blank(chars, offsets[i], n)
                break

    # 4. twitter handles that open a line ("@AcmeHelp hi there, ..."), then the greeting on the
    #    first authored line ("Hi there -", "Hello team,", "Hi,")
    cleaned = "".join(chars)
    for m in _LINE_MENTIONS.finditer(cleaned):
        _blank(chars, m.start(), m.end())
    cleaned = "".join(chars)
    first = re.search(r"\S", cleaned)
    if first:
        line_start = cleaned.rfind("\n", 0, first.start()) + 1
        m = _GREETING.match(cleaned, line_start)
        if m and m.end() > first.start():
            rest = cleaned[m.end() : cleaned.find("\n", m.end()) if "\n" in cleaned[m.end() :] else n]
            # keep "Hey fix my order": only blank when punctuation closed the greeting or the
            # greeting is alone on its line
            if re.search(r"[,!:;.\-\u2013\u2014]\s*$", m.group(0)) or not rest.strip():
                _blank(chars, m.start(), m.end())

    # 5. twitter furniture: URLs, leading @mentions, trailing @mentions, HTML entities
    cleaned = "".join(chars)
    for m in _URL.finditer(cleaned):
        _blank(chars, m.start(), m.end())
    cleaned = "".join(chars)
    cleaned = "".join(chars)
    m = _TRAILING_MENTIONS.search(cleaned)
    if m and m.start() > 0:
        _blank(chars, m.start(), m.end())
    for m in _ENTITY.finditer(text):
        # keep the character the entity stands for, pad with spaces: "&amp;" -> "&    "
        sym = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}.get(m.group(0), " ")
        if chars[m.start()] == "&":
            chars[m.start()] = sym
            _blank(chars, m.start() + 1, m.end())

    out = "".join(chars)
    assert len(out) == n
    return out
