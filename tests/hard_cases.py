"""Hard cases for question extraction, written from support practice (not from the corpus).

Each case is (customer message, expected asks). An expected ask is (a phrase the extracted
question must cover, by the corpus' Jaccard >= 0.5 rule, and the answer type it must get).
An empty list means: nothing here expects an answer (venting, rhetoric, thanks).
"""

from __future__ import annotations

Ask = tuple[str, str]

EXTRACTION_CASES: list[tuple[str, list[Ask]]] = [
    # --- direct questions, with and without punctuation -------------------------------------
    ("where is my package", [("where is my package", "where")]),
    ("how much is the express delivery", [("how much is the express delivery", "how_much")]),
    (
        "what's the pricing for more than 10k calls a month?",
        [("what's the pricing for more than 10k calls a month", "how_much")],
    ),
    ("what's the ETA on my replacement?", [("what's the ETA on my replacement", "when")]),
    ("when will the store reopen", [("when will the store reopen", "when")]),
    ("why was my card declined??", [("why was my card declined", "why")]),
    ("who do I talk to about a damaged item", [("who do I talk to about a damaged item", "who")]),
    ("is the store open on sundays", [("is the store open on sundays", "yesno")]),
    (
        "Do you ship to Norway? and how long does it take",
        [("Do you ship to Norway", "yesno"), ("how long does it take", "when")],
    ),
    (
        "how long does shipping to canada usually take and is there tracking",
        [("how long does shipping to canada usually take", "when"), ("is there tracking", "yesno")],
    ),
    (
        "do u guys do student discount and if so how do i get it",
        [("do u guys do student discount", "yesno"), ("how do i get it", "how")],
    ),
    (
        "why does my phone get so hot when charging lol is that normal",
        [("why does my phone get so hot when charging", "why"), ("is that normal", "yesno")],
    ),
    (
        "hi there, do I need to print my boarding pass or is the app enough?",
        [("do I need to print my boarding pass or is the app enough", "yesno")],
    ),
    ("my parcel never came when do i get my money back", [("when do i get my money back", "when")]),
    ("the app won't load on my tv, just shows a black screen. tried restarting, any ideas?", [("any ideas", "how")]),
    (
        "hey so my app keeps logging me out every time i close it, is this a known bug? already reinstalled twice",
        [("is this a known bug", "yesno")],
    ),
    (
        "Not sure if this is the right place to ask, but is there a student discount?",
        [("is there a student discount", "yesno")],
    ),
    (
        "Sent the form twice already. Do I need to send it again or have you received it?",
        [("Do I need to send it again or have you received it", "yesno")],
    ),
    # --- questions inside conditionals --------------------------------------------------------
    (
        "If I cancel today, will I still be charged for next month?",
        [("If I cancel today, will I still be charged for next month", "yesno")],
    ),
    ("if the update fails again what should I do", [("what should I do", "what")]),
    # --- indirect questions ----------------------------------------------------------------------
    ("I'd like to know when my order will ship.", [("I'd like to know when my order will ship", "when")]),
    (
        "Not sure whether my warranty covers water damage.",
        [("Not sure whether my warranty covers water damage", "yesno")],
    ),
    ("any idea how to reset the router", [("any idea how to reset the router", "how")]),
    ("I was wondering if you ship to Canada", [("I was wondering if you ship to Canada", "yesno")]),
    ("I can't figure out how to export my invoices", [("I can't figure out how to export my invoices", "how")]),
    # --- requests ---------------------------------------------------------------------------------
    ("please cancel my subscription", [("please cancel my subscription", "request")]),
    ("Could you send me the receipt again?", [("Could you send me the receipt again", "request")]),
    ("I need you to update my billing address", [("I need you to update my billing address", "request")]),
    ("The charger stopped working after a week. I need a replacement.", [("I need a replacement", "request")]),
    ("pls help", [("pls help", "request")]),
    ("refund me", [("refund me", "request")]),
    (
        "i was charged 3 times!!! i want 2 of them refunded immediately",
        [("i want 2 of them refunded immediately", "request")],
    ),
    (
        "any chance you could extend my trial by a week?",
        [("any chance you could extend my trial by a week", "request")],
    ),
    (
        "hi i sent money to the wrong number, kindly reverse the transaction",
        [("kindly reverse the transaction", "request")],
    ),
    ("please help my outlook keeps asking for my password every 5 minutes", [("please help", "request")]),
    (
        "I need to change the name on my booking, my passport has my middle name",
        [("I need to change the name on my booking", "request")],
    ),
    (
        "I was overcharged at checkout, can I get the difference refunded or do I need to come back to the store",
        [("can I get the difference refunded", "request"), ("do I need to come back to the store", "yesno")],
    ),
    (
        "If it arrived damaged, I'd rather have a refund than a replacement.",
        [("If it arrived damaged, I'd rather have a refund than a replacement", "request")],
    ),
    (
        "I am writing to request the cancellation of my membership.",
        [("I am writing to request the cancellation of my membership", "request")],
    ),
    ("how about a discount for the trouble?", [("how about a discount for the trouble", "request")]),
    (
        "The box was crushed and a glass is broken. I'm not after a full refund, just a replacement glass if possible.",
        [("just a replacement glass if possible", "request")],
    ),
    (
        "Is this a known issue? I'd also appreciate it if you could tell me where the log files are stored.",
        [
            ("Is this a known issue", "yesno"),
            ("I'd also appreciate it if you could tell me where the log files are stored", "where"),
        ],
    ),
    (
        "I couldn't find this in the docs (it might be worth adding a section on exports).",
        [("it might be worth adding a section on exports", "request")],
    ),
    (
        "Feature request: let me pin favourite stores to the top of the list",
        [("let me pin favourite stores to the top of the list", "request")],
    ),
    ("can you refund me or send a new one", [("can you refund me", "request"), ("send a new one", "request")]),
    ("my order arrived broken i want a refund", [("i want a refund", "request")]),
    (
        "I need my invoice re-issued with our VAT number on it.",
        [("I need my invoice re-issued with our VAT number on it", "request")],
    ),
    # --- not questions: venting, rhetoric, thanks ----------------------------------------------
    ("how hard can it be to ship a box?!", []),
    ("guess what? it broke again", []),
    ("are you kidding me?", []),
    ("why do I even bother", []),
    ("thanks, what a relief", []),
    ("really? you expect me to wait another week?", []),
    ("is it too much to ask for internet that actually works?", []),
    ("who decided ads should be 2 minutes long", []),
    ("why do I always get the middle seat lol", [("why do I always get the middle seat", "why")]),
    ("Three weeks and still no parcel. Great service, really.", []),
    ("Thanks so much for sorting this out so quickly!", []),
    ("Tried restarting, still broken.", []),
    ("you guys are a joke. 2 hours on the phone and still no internet. how is this legal", []),
    ("I just wanted to let you know the new update is great", []),
    ("I want that jacket in every colour, it is gorgeous", []),
    ("Great, so now I have to wait another week?! Brilliant service as always.", []),
]

# email-length tickets: (message, expected asks, phrases that must NOT appear in any question)
EMAIL_CASES: list[tuple[str, list[Ask], list[str]]] = [
    (
        "Good morning,\n\nOur team can't log in to the dashboard since 9am (error 502). Is there an outage? "
        "When do you expect it to be fixed?\n\nBest regards,\n\nAnna Kowalski\nHead of Operations | Example Ltd\n"
        "Tel: +44 20 7946 0000\n\nThis email and any attachments are confidential and intended solely for the "
        "addressee. If you have received this email in error please notify the sender.",
        [("Is there an outage", "yesno"), ("When do you expect it to be fixed", "when")],
        ["notify the sender", "Anna", "Good morning"],
    ),
    (
        "Hi,\n\nAny update on this? It's been a week.\n\nThanks\nDave\n\nFrom: Support <support@acme.com>\n"
        "Sent: Monday, June 3, 2024 10:02 AM\nTo: Dave <dave@x.com>\nSubject: RE: Ticket #4411\n\n"
        "Hi Dave, can you confirm your order number? Also, have you tried resetting the device?",
        [("Any update on this", "what")],
        ["order number", "resetting"],
    ),
    (
        "Do you offer discounts for charities? I volunteer for two food banks. "
        "Do you offer any kind of discount to these organisations?\n\nThanks!\nLee",
        [("Do you offer discounts for charities", "yesno")],  # the second sentence asks the same thing
        ["Lee"],
    ),
    (
        "Hello team,\n\nI upgraded to the Pro plan last week. Could you tell me when the invoice will be sent? "
        "Also, is it possible to add a second user to the account?\n\nThanks,\nMaria",
        [
            ("Could you tell me when the invoice will be sent", "when"),
            ("is it possible to add a second user to the account", "yesno"),
        ],
        ["Hello team", "Maria"],
    ),
    (
        "Still not fixed. Can you escalate this please?\n\nOn Mon, 3 Jun 2024 at 10:00, Support <help@example.com> wrote:\n"
        "> Have you tried restarting the app?\n> Can you send us a screenshot?",
        [("Can you escalate this please", "request")],
        ["restarting", "screenshot"],
    ),
    (
        "**Describe the bug**\nThe export button does nothing.\n\n**Expected behavior**\nA CSV file downloads.\n\n"
        "- OS: Windows 11\n- Version: 2.3.1\n\nIs there a workaround until this is fixed?",
        [("Is there a workaround until this is fixed", "yesno")],
        ["Describe the bug", "Expected behavior", "Windows 11"],
    ),
    (
        "Hi there -\n\nI was charged twice for my March order and I'd like the duplicate refunded. "
        "I'm also not sure how to download the invoice for my records.\n\nBest regards\nTom Baker\n"
        "Sent from my iPhone",
        [
            ("I'd like the duplicate refunded", "request"),
            ("not sure how to download the invoice for my records", "how"),
        ],
        ["Tom Baker", "iPhone"],
    ),
]
