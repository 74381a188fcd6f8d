"""The speech-act analyzer on real-looking support messages and replies.

Each table is written from support practice (short chat/social replies and email-length ones).
Offsets of every fact are checked against the ORIGINAL text, which is what findings point into.
"""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Doc

from replylint.analysis.mail import clean_customer
from replylint.analysis.speech_acts import ActFact, SpeechActAnalyzer, question_segments
from replylint.normalize import normalize


@pytest.fixture(scope="module")
def kit(checker: Any) -> Any:
    return checker.toolkit


def _draft(kit: Any, text: str) -> tuple[Doc, dict[str, Any]]:
    doc = kit.nlp(normalize(text))
    return doc, kit.packs.match(doc)


def _customer(kit: Any, text: str) -> tuple[Doc, dict[str, Any]]:
    doc = kit.nlp(clean_customer(normalize(text)))
    return doc, kit.packs.match(doc)


def _offsets_ok(facts: list[ActFact], original: str) -> None:
    for f in facts:
        assert 0 <= f.start < f.end <= len(original)
        assert original[f.start : f.end] == f.text, (f, original[f.start : f.end])


# --------------------------------------------------------------------------- complaint -------
COMPLAINTS = [
    "My package was supposed to arrive on Monday and it still hasn't shown up.",
    "I've been charged twice for my subscription this month.",
    "The app crashes every time I try to upload a photo.",
    "Hi, I ordered a blue jacket but received the wrong colour. Can you help?",
    "Your website won't let me check out, it just spins forever.",
    "I've been on hold for 45 minutes. This is ridiculous.",
    "I can't log in to my account since yesterday's update.",
    "The refund you promised two weeks ago never arrived.",
    "Hello, I hope you're well. Unfortunately my order arrived damaged, the box was crushed and the mug inside is broken.",
    "Still waiting for someone to call me back about my washing machine.",
    "My internet keeps dropping every few minutes.",
    "I'm really disappointed with the quality of the last delivery.",
    "The promo code SAVE20 doesn't work at checkout.",
    "Hi team,\n\nSince upgrading to version 4.2 the export to PDF fails with 'unknown error 0x80'. "
    "I've reinstalled twice and rebooted but nothing helps.\n\nCould you take a look?\n\nThanks,\nMaria",
    "I was told I'd get a call back within 24 hours. Nobody has called.",
    "Hello,\n\nI placed order #44812 on the 3rd and the tracking page has said 'label created' for "
    "nine days. Nobody answers the phone line either. Please tell me where my parcel is.\n\nRegards,\nDev",
    "@ShopCo no towels in our room and housekeeping never came",
    "@ParcelCo my package was marked as delivered but I never got it",
    "@NetCo internet has been out since 6am, any ETA?",
    "@PhoneCo been on hold for over an hour",
    "@GameCo servers down again?",
    "@CourierCo you guys left my package in the rain, everything inside is wet",
    "@GrocerCo no bread on the shelves again at 10am, really?",
    "@MusicCo my playlists are gone after I logged in on a new phone",
    "@PayCo why is my account limited? I need to pay my rent",
    'Hi, I keep getting "Error 404" on the login page.',
    "I'm unable to download my invoice from the billing page.",
    "@MusicCo why aren't these tracks available in my country",
    "Thanks, but the app still crashes.",
    "Thanks for nothing, the refund never came.",
]

NOT_COMPLAINTS = [
    "Thanks so much for the quick help yesterday, everything works now!",
    "What time does your Oxford Street store open on Sundays?",
    "Do you ship to Canada?",
    "Can I change the colour of my order before it ships?",
    "Love the new update, great job!",
    "No problem at all, thanks for sorting it out so fast.",
    "Thank you for resolving my issue so quickly!",
    "Is there a student discount on the annual plan?",
    "I'd like to upgrade to the family plan. How do I do that?",
    "Just wanted to say the delivery driver was lovely today.",
    "The issue is fixed now, thanks!",
    "Hello,\n\nWe're evaluating your product for our team of 12. Do you offer volume licensing, and is "
    "there an on-premise option?\n\nBest regards,\nTom",
    "Does the jacket come in a size XL?",
    "It's working again after the restart, cheers!",
    "Quick question: can I pay with PayPal?",
    "Hi! No worries at all, I don't mind waiting. Will the blue one be back in stock?",
    'I installed the trial last year. I am specifically interested in the "disconnect" feature. Is there any way to reset the trial?',
    "@AirCo Is there wifi on the A350?",
    "@ShopCo how do I return an item I bought as a gift?",
    "Been using the free version for months, why not get the pro one? Does it include sync?",
    "Never had a problem with you guys, just wondering if you deliver on Sundays?",
    "Thanks for the quick refund!",
    "Got my refund, thanks!",
    "All good now, the issue went away after the update",
    "Cheers for the help with the error yesterday, all working now",
]


@pytest.mark.parametrize("text", COMPLAINTS)
def test_complaint_found(kit: Any, text: str) -> None:
    doc, m = _customer(kit, text)
    facts = kit.speech.complaint(doc, m)
    assert facts, f"no complaint found in {text!r}"
    _offsets_ok(facts, text)


@pytest.mark.parametrize("text", NOT_COMPLAINTS)
def test_no_complaint(kit: Any, text: str) -> None:
    doc, m = _customer(kit, text)
    assert kit.speech.complaint(doc, m) == []


# --------------------------------------------------------------------------- apologies -------
APOLOGIES = [
    ("I'm so sorry your order arrived late.", "sorry"),
    ("We apologize for the inconvenience this has caused.", "apologize"),
    ("Apologies for the delay in getting back to you.", "Apologies"),
    ("We regret that your stay fell short of what we promise.", "regret"),
    ("Sorry to hear about the trouble with your router!", "Sorry to hear"),
    ("My apologies, that was our mistake.", "My apologies"),
    ("Please accept our sincere apologies for the mix-up with your booking.", "sincere apologies"),
    ("@jen_k Really sorry about that, Jen. DM us and we'll sort it. ^KT", "sorry"),
    (
        "Hi Jordan,\n\nThank you for your patience, and I'm sorry for the trouble with the export. "
        "I've attached a fixed build.\n\nBest,\nPriya",
        "sorry",
    ),
    ("That's not the experience we want for you, and we're truly sorry.", "sorry"),
]

NOT_APOLOGIES = [
    "Thanks for reaching out, we're happy to help.",
    "No need to apologize, these things happen!",
    "No need to be sorry, it happens to everyone!",
    "Please DM us your order number.",
    "Sorry, what do you mean by the second screen?",
    "Unfortunately that item is out of stock.",
    "That's not the experience we want you to have.",
]

NON_APOLOGIES = [
    "I'm sorry if you feel that our policy is unfair.",
    "We're sorry you feel that way.",
    "Sorry for any confusion you may have caused.",
    "Sorry, but you should have read the terms before buying.",
    "We apologize if you were offended by the email.",
    "I'm sorry that you feel our service was lacking.",
    "I'm sorry if you think the delivery took too long.",
    "Sorry for the inconvenience, but you should have checked the size guide.",
    "Hi Mark,\n\nWe're sorry you feel that way about the new pricing. The change applies to all plans.\n\nRegards,\nBilling",
]


@pytest.mark.parametrize(("text", "word"), APOLOGIES)
def test_apology_found(kit: Any, text: str, word: str) -> None:
    doc, m = _draft(kit, text)
    facts = kit.speech.apologies(doc, m)
    assert facts and any(word in f.text for f in facts), facts
    assert kit.speech.non_apologies(doc, m) == []
    _offsets_ok(facts, text)


@pytest.mark.parametrize("text", NOT_APOLOGIES)
def test_no_apology(kit: Any, text: str) -> None:
    doc, m = _draft(kit, text)
    assert kit.speech.apologies(doc, m) == []


@pytest.mark.parametrize("text", NON_APOLOGIES)
def test_non_apology(kit: Any, text: str) -> None:
    doc, m = _draft(kit, text)
    assert kit.speech.apologies(doc, m) == [], "a non-apology must not count as an apology"
    non = kit.speech.non_apologies(doc, m)
    assert non
    _offsets_ok(non, text)


# --------------------------------------------------------------------------- refusals --------
REFUSALS = [
    "Unfortunately we can't refund opened items.",
    "We're unable to change the delivery address once an order has shipped.",
    "That feature isn't available on the basic plan.",
    "We don't offer gift wrapping at the moment.",
    "It's not possible to merge two accounts.",
    "We won't be able to extend the trial.",
    "Custom sizes are not supported.",
    "There is no way to recover a deleted chat.",
    "Sorry, we do not ship to PO boxes.",
    "I'm afraid we cannot issue a refund after 30 days.",
    "Unfortunately the discount code can't be applied to sale items.",
    "Hi Ravi,\n\nThanks for getting in touch. I checked with our finance team and we're not able to "
    "backdate the invoice to March.\n\nKind regards,\nElla",
    "We can only refund purchases made in the last 14 days.",
    "The app doesn't support Android 7.",
    "@115712 Sorry for the confusion! That offer is only valid for new customers.",
    "I'm afraid there's nothing we can do about the weather delay.",
    "This isn't something we're able to change.",
    "There is no option to export playlists at the moment.",
    "Unfortunately, that's outside our control.",
    "Sadly we won't be restocking that colour.",
    "Hi,\n\nThanks for the detailed report. Unfortunately, Windows 7 is no longer supported as of version "
    "4.0, so we won't be fixing this for that platform.\n\nCheers,\nDev",
]

NOT_REFUSALS = [
    "I'm sorry you can't log in, let's fix that.",
    "If you can't find the email, check your spam folder.",
    "Can't wait to see you in store!",
    "We can't thank you enough for your patience.",
    "I've issued a full refund to your card.",
    "Could you tell me which version you're on?",
    "We couldn't agree more!",
    "Don't worry, your data is safe.",
    "I understand you're not able to access the dashboard.",
    "Your order is on its way and should arrive Thursday.",
    "Sorry you had to wait so long, the code is on its way.",
    "There's no charge for returns.",
    "There's no need to worry, your data is safe.",
    "There's no fee to cancel within 24 hours.",
    "You can't go wrong with the blue one!",
    "We have no record of that order yet.",
]


@pytest.mark.parametrize("text", REFUSALS)
def test_refusal_found(kit: Any, text: str) -> None:
    doc, m = _draft(kit, text)
    facts = kit.speech.refusals(doc, m)
    assert facts, f"no refusal found in {text!r}"
    _offsets_ok(facts, text)


@pytest.mark.parametrize("text", NOT_REFUSALS)
def test_no_refusal(kit: Any, text: str) -> None:
    doc, m = _draft(kit, text)
    assert kit.speech.refusals(doc, m) == []


WITH_ALTERNATIVE = [
    "We can't refund opened items, but we can offer an exchange or store credit.",
    "Unfortunately we don't ship to Canada. Instead, you can order through our partner store.",
    "That feature isn't available on the basic plan; what I can do is upgrade you to Pro free for a month.",
    "We're unable to change the address now, but you can redirect the parcel from the courier's tracking page.",
    "It's not possible to merge accounts. As a workaround, export your playlists and import them into the new account.",
    "Hi Sam,\n\nI'm afraid we can't extend the trial. I've added a 20% discount code to your account "
    "instead, valid until Sunday.\n\nBest,\nKim",
]

WITHOUT_ALTERNATIVE = [
    "Unfortunately we can't refund opened items.",
    "We don't offer gift wrapping at the moment. Thanks for understanding!",
    "It's not possible to merge accounts. Let us know if you have any other questions.",
    "Sorry, we do not ship to PO boxes.",
    "Unfortunately we can't refund opened items. Please see our returns policy: https://example.com/returns",
]


@pytest.mark.parametrize("text", WITH_ALTERNATIVE)
def test_alternative_found(kit: Any, text: str) -> None:
    doc, m = _draft(kit, text)
    assert kit.speech.refusals(doc, m)
    alts = kit.speech.alternatives(doc, m)
    assert alts, f"no alternative found in {text!r}"
    _offsets_ok(alts, text)


@pytest.mark.parametrize("text", WITHOUT_ALTERNATIVE)
def test_no_alternative(kit: Any, text: str) -> None:
    doc, m = _draft(kit, text)
    assert kit.speech.refusals(doc, m)
    assert kit.speech.alternatives(doc, m) == []


# --------------------------------------------------------------------------- next actions ----
NEXT_ACTIONS = [
    "Please DM us your order number and we'll take a look.",
    "I've issued a refund; you'll see it in 3-5 business days.",
    "We've passed this to our billing team and they'll email you by Friday.",
    "Could you reply with the iOS version you're on?",
    "Try restarting the app and let us know if the problem continues.",
    "Restart the router and wait two minutes before reconnecting.",
    "I'll call you tomorrow morning to confirm the appointment.",
    "Which browser are you using?",
    "Your replacement will ship on Monday.",
    "You can reset your password from the login page.",
    "Let me check with the warehouse and get back to you.",
    "Send us a DM with your account email.",
    "Is the light on the front of the router red or green?",
    "Hi Ana,\n\nThanks for the details. I've reproduced the crash on our side and filed it with the "
    "developers as a high-priority bug. In the meantime, you can switch off hardware acceleration "
    "under Settings > Advanced, which avoids the crash.\n\nBest,\nLee",
    "@mike_r The steps are here: https://help.example.com/reset ^JD",
    "Have you tried signing out and back in, Tom?",
    "Hi there, thanks for flagging this. Our engineers are aware and a fix is rolling out this week.",
    "Hi Paul, the app is down for maintenance and should be back up within the hour.",
    "We don't have any info on that right now, but keep an eye on our blog for updates.",
    "Our team is looking into it.",
    "We don't know why that happened, but we'll find out.",
    "Sorry to hear about this, Ben. Are you seeing this on Wi-Fi or mobile data?",
    "@115712 Thanks for reaching out. Our tech team is aware of the issue and working on a fix. We appreciate your patience!",
    "@115712 Hi, we'd recommend contacting your local store directly for this.",
    "@115712 Apologies for the inconvenience. The outage in your area should be resolved by 6pm today.",
    "Your account is locked after too many attempts. Accounts unlock automatically after 72 hours.",
    "Refunds take 3-5 business days to reach your card.",
]

NO_NEXT_ACTIONS = [
    "Thanks for reaching out! How can we help?",
    "We're sorry to hear that. We understand how frustrating this must be.",
    "You're welcome, have a great day!",
    "We'd love to help!",
    "Hopefully we'll get there at some point!",
    "Our stores ask for ID from anyone who looks under 25.",
    "Thanks for your feedback, we appreciate it.",
    "I'd be happy to look into this for you?",
    "Is there anything else I can help you with?",
    "Hi Sam,\n\nThank you for taking the time to write to us. We value your feedback and we're always "
    "working to improve.\n\nKind regards,\nThe Support Team",
    "Nope! Still just the $3.",
    "We would not be able to verify anything without authenticating your account.",
    "Sorry you had to wait so long!",
    "Sorry for the inconvenience, but you should have checked the size guide.",
    "@115712 We're sorry for the delay, we're experiencing high call volumes at the moment.",
    "@115712 We hope to see you again soon!",
    "Sorry to hear that. Feel free to reach out if anything else comes up.",
    "Don't hesitate to contact us.",
    "Hello Mr Patel,\n\nThank you for contacting us regarding your invoice. I can confirm that the charge "
    "relates to the annual maintenance plan, which renews each year in line with our terms.\n\nKind regards,\nAccounts",
]


@pytest.mark.parametrize("text", NEXT_ACTIONS)
def test_next_action_found(kit: Any, text: str) -> None:
    doc, m = _draft(kit, text)
    facts = kit.speech.next_actions(doc, m)
    assert facts, f"no next action found in {text!r}"
    _offsets_ok(facts, text)


@pytest.mark.parametrize("text", NO_NEXT_ACTIONS)
def test_no_next_action(kit: Any, text: str) -> None:
    doc, m = _draft(kit, text)
    assert kit.speech.next_actions(doc, m) == []


def test_next_action_kinds(kit: Any) -> None:
    text = "I've refunded the order. Which card did you pay with? Restart the app after the refund lands."
    doc, m = _draft(kit, text)
    labels = {f.label for f in kit.speech.next_actions(doc, m)}
    assert {"COMMITMENT", "QUESTION", "INSTRUCTION"} <= labels


def test_question_segments_by_form(kit: Any) -> None:
    doc, _ = _draft(kit, "We'd like to help, which number is calling you? I'd be happy to check this for you?")
    sents = list(doc.sents)
    found = [seg for s in sents for seg in question_segments(s)]
    texts = [" ".join(t.text for t in seg) for seg in found]
    assert any("which number" in t for t in texts)
    assert not any("happy to check" in t for t in texts)


# --------------------------------------------------------------------------- empathy ---------
EMPATHY = [
    ("I understand how frustrating this must be.", None),
    ("That's not the experience we want you to have.", None),
    ("We hear you, and we're on it.", None),
    ("I can imagine how stressful it is to be without internet when you work from home.", None),
    (
        "I'm sorry your order arrived damaged, I've sent a replacement today.",
        "My order arrived damaged and the glass was shattered.",
    ),
    (
        "I can see you were charged twice for your subscription this month, which shouldn't have happened.",
        "I was charged twice for my subscription this month!",
    ),
    (
        "Hi Lena,\n\nI completely understand, waiting a week for a reply is not okay. I've escalated your "
        "ticket.\n\nBest,\nOmar",
        "I've been waiting a week for a reply to my ticket.",
    ),
]

NO_EMPATHY = [
    ("Please send us your order number.", "My order arrived damaged."),
    ("Your refund has been processed.", "The blender broke after two days, I want a refund."),
    ("I don't understand what you mean by the second screen.", "The second screen is broken."),
    ("Which version of the app are you on?", "The app crashes on my phone."),
    ("If your order arrived damaged, reply with a photo.", "My order arrived damaged."),
]


@pytest.mark.parametrize(("draft", "customer"), EMPATHY)
def test_empathy_found(kit: Any, draft: str, customer: str | None) -> None:
    doc, m = _draft(kit, draft)
    cdoc = _customer(kit, customer)[0] if customer else None
    facts = kit.speech.empathy(doc, m, cdoc)
    assert facts, f"no empathy found in {draft!r}"
    _offsets_ok(facts, draft)


@pytest.mark.parametrize(("draft", "customer"), NO_EMPATHY)
def test_no_empathy(kit: Any, draft: str, customer: str) -> None:
    doc, m = _draft(kit, draft)
    cdoc = _customer(kit, customer)[0]
    assert kit.speech.empathy(doc, m, cdoc) == []


def test_restatement_is_recognised_by_content_not_phrase(kit: Any) -> None:
    customer = "The heater I bought stopped working in the middle of winter."
    draft = "Your heater stopping in the middle of winter is the last thing anyone wants."
    doc, m = _draft(kit, draft)
    cdoc, _ = _customer(kit, customer)
    labels = {f.label for f in kit.speech.empathy(doc, m, cdoc)}
    assert "RESTATEMENT" in labels


def test_offsets_survive_html(kit: Any) -> None:
    text = "<p>Hi Jo,</p><p>I am so sorry about the delay &amp; the mix-up. I will email you the label today.</p>"
    doc, m = _draft(kit, text)
    apologies = kit.speech.apologies(doc, m)
    actions = kit.speech.next_actions(doc, m)
    assert apologies and actions
    assert text[apologies[0].start : apologies[0].end] == "sorry"
    for f in actions:
        assert 0 <= f.start < f.end <= len(text)


def test_analyzer_is_reusable(kit: Any, nlp: Any) -> None:
    """Built once, the analyzer gives the same answer twice (no state kept between calls)."""
    analyzer = SpeechActAnalyzer(kit.nlp, kit.packs)
    doc, m = _draft(kit, "Unfortunately we can't refund opened items.")
    assert analyzer.refusals(doc, m) == analyzer.refusals(doc, m)


# --------------------------------------------------------------------------- email structure ----
def test_quoted_history_in_a_reply_is_not_the_agents_words(kit: Any) -> None:
    text = (
        "Hi Ann,\n\nThanks for the update.\n\nBest,\nBo\n\n"
        "On Tue, 3 May 2024, Ann <ann@example.com> wrote:\n"
        "> My app keeps crashing. Why does this happen? Can you help?\n> Sorry for the long mail.\n"
    )
    doc, m = _draft(kit, text)
    assert kit.speech.next_actions(doc, m) == []
    assert kit.speech.apologies(doc, m) == []


def test_quoted_lines_are_skipped_but_the_reply_counts(kit: Any) -> None:
    text = "> Can you refund me?\n> I was charged twice.\n\nWe're sorry about that. I've refunded the second charge."
    doc, m = _draft(kit, text)
    acts = kit.speech.next_actions(doc, m)
    assert [a.label for a in acts] == ["COMMITMENT"]
    assert text[acts[0].start : acts[0].end] == acts[0].text
    assert [a.text for a in kit.speech.apologies(doc, m)] == ["sorry"]


def test_greeting_line_does_not_become_the_subject(kit: Any) -> None:
    """'Hi Ann,\\n\\nTry clearing ...' must read as an instruction, not as 'Ann tries'."""
    text = "Hi Ann,\n\nTry clearing the cache under Settings > Storage.\n\nBest,\nBo"
    doc, m = _draft(kit, text)
    acts = kit.speech.next_actions(doc, m)
    assert acts and acts[0].label == "INSTRUCTION" and acts[0].text.startswith("Try clearing")


def test_concurrent_checks_agree_with_sequential(checker: Any) -> None:
    """One Checker shared by threads: the speech-act rules give the same verdicts as in sequence."""
    from concurrent.futures import ThreadPoolExecutor

    pairs = [
        ("Unfortunately we can't refund opened items.", "Can I return these headphones?"),
        ("I'm sorry your order is late. I'll chase the courier today.", "My order is late."),
        ("We're sorry you feel that way.", "Your pricing is a rip-off."),
        ("Thanks for reaching out! How can we help?", "The app keeps crashing."),
    ] * 6
    rules = ("apology", "bare-refusal", "next-action", "empathy")

    def verdicts(pair: tuple[str, str]) -> tuple[str | None, ...]:
        report = checker.check(pair[0], pair[1])
        return tuple(getattr(report.check(r), "status", None) for r in rules)

    sequential = [verdicts(p) for p in pairs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(verdicts, pairs))
    assert parallel == sequential


# --------------------------------------------------------------------------- per-doc facts ----
_TABLE_TEXTS = [
    "Hi Ann,\n\nUnfortunately we can't change the address once an order has been placed, but you can "
    "redirect it at https://example.com/track. I'll email you by Friday!",
    "@sam_k Sorry about that ^MM. Could you DM us your order number? /AY",
    "My order never arrived and nobody answers. Why isn't this fixed yet??",
    "",
    "   \n",
]


@pytest.mark.parametrize("text", _TABLE_TEXTS)
def test_token_table_matches_token_attributes(kit: Any, text: str) -> None:
    """The per-doc table holds exactly the Token attributes the analyses used to read one by one."""
    from replylint.analysis.speech_acts import _is_handle, _table

    doc = kit.nlp(normalize(text))
    t = _table(doc)
    assert t.n == len(doc)
    for tok in doc:
        i = tok.i
        assert (t.text[i], t.lower[i], t.lemma[i], t.pos[i], t.tag[i], t.dep[i]) == (
            tok.text,
            tok.lower_,
            tok.lemma_.lower(),
            tok.pos_,
            tok.tag_,
            tok.dep_,
        )
        assert t.head[i] == tok.head.i
        assert t.kids[i] == [c.i for c in tok.children]
        assert (t.space[i], t.punct[i], t.url[i], t.alpha[i], t.ws[i], t.idx[i]) == (
            tok.is_space,
            tok.is_punct,
            tok.like_url,
            tok.is_alpha,
            bool(tok.whitespace_),
            tok.idx,
        )
        assert t.newline[i] == (tok.is_space and "\n" in tok.text)
        assert t.handle[i] == _is_handle(tok)
        assert t.sent_start[i] == tok.sent.start


@pytest.mark.parametrize("text", _TABLE_TEXTS)
def test_doc_facts_agree_with_spacy_sentences_and_question_segments(kit: Any, text: str) -> None:
    from replylint.analysis.speech_acts import _doc_facts, _sent_of

    doc = kit.nlp(normalize(text))
    facts = _doc_facts(doc)
    bounds, _ = facts.sentences(doc)
    assert bounds == [(s.start, s.end) for s in doc.sents]
    for tok in doc:
        assert _sent_of(tok) == tok.sent
    expected = [[[t.i for t in seg] for seg in question_segments(s)] for s in doc.sents]
    assert facts.question_segments(doc) == expected
    assert facts.question_ids(doc) == {i for segs in expected for seg in segs for i in seg}
    assert _doc_facts(doc) is facts  # computed once per doc


# --------------------------------------------------------------------------- table helpers ---
def test_timed_at_matches_the_token_test(kit: Any) -> None:
    from replylint.analysis.speech_acts import _TIME_WORDS as _TIME_WORDS_FOR_TEST
    from replylint.analysis.speech_acts import _table, _timed_at

    texts = [
        "Your replacement will ship on Monday.",
        "We will call you back.",
        "The refund will arrive by 5 March 2026.",
        "It will be done in the morning.",
    ]
    for text in texts:
        doc = kit.nlp(text)
        t = _table(doc)
        for start, end in [(0, len(doc)), (1, 3), (0, 0)]:
            expected = any(w.lower_ in _TIME_WORDS_FOR_TEST or w.ent_type_ in ("DATE", "TIME") for w in doc[start:end])
            assert _timed_at(doc, t, range(start, end)) == expected, (text, start, end)


def test_segments_at_splits_like_the_token_loop(kit: Any) -> None:
    from replylint.analysis.speech_acts import _SEGMENT_ENDS, _segments_at, _table

    for text in ["Hi Ann,\n\nTry this - then that; ok?", "One. Two!", "no - dash-here", ",", "a"]:
        doc = kit.nlp(text)
        t = _table(doc)
        expected: list[list[int]] = [[]]
        for i in range(len(doc)):
            expected[-1].append(i)
            x = t.text[i]
            if x in _SEGMENT_ENDS or t.newline[i] or (x == "-" and (t.ws[i] or (i > 0 and t.ws[i - 1]))):
                expected.append([])
        assert _segments_at(t, 0, len(doc)) == [s for s in expected if s]
