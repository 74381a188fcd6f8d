"""Channel inference: with no channel configured, the texts say whether a draft is a tweet, a chat
line or an email, so a tweet is never held to email conventions."""

from __future__ import annotations

import pytest
from conftest import corpus_dir, load_benchmark

from replylint.analysis.channel import infer_channel
from replylint.checker import Checker
from replylint.config import Config
from replylint.models import Status

TWEETS = [
    ("@115720 Have your friend message us.\n^ACM", "@Support my friend is without internet"),
    ("@sam_k We're sorry about the wait! Please DM us your order number. -Becky", "where is my order??"),
    ("@116591 Can you try a wired test? *TMT", None),
    ("Sorry to hear that! Can you DM us the details? https://t.co/abc123", "@Support my card was charged twice"),
]
EMAILS = [
    ("Hi Sam,\n\nYour refund was issued today.\n\nKind regards,\nAlex", "Where is my refund?"),
    ("Thanks, that is fixed in 2.3.", "Hello,\n\nThe app crashes on start.\n\nRegards,\nJo"),
    ("Your refund was issued today.", None),  # no mark, no customer: the documented default
    ("@jo_dev Sure, I can refund it.", "Hi,\n\nPlease cancel my subscription.\n\nThanks"),  # forum mention
    ("word " * 80, "Where is my refund?"),  # longer than a tweet
]


@pytest.mark.parametrize(("draft", "customer"), TWEETS)
def test_tweets_are_social(draft: str, customer: str | None) -> None:
    assert infer_channel(draft, customer) == "social"


@pytest.mark.parametrize(("draft", "customer"), EMAILS)
def test_letters_and_unmarked_drafts_are_email(draft: str, customer: str | None) -> None:
    assert infer_channel(draft, customer) == "email"


def test_short_lines_without_marks_are_chat() -> None:
    assert infer_channel("It shipped this morning, you'll have it tomorrow.", "where is my parcel") == "chat"


def test_reply_handles_do_not_count_towards_a_tweets_length() -> None:
    body = "x" * 270
    assert infer_channel(f"@a_long_handle @another_handle {body} ^MM", "@Support help") == "social"


def test_report_names_the_channel_and_where_it_came_from(checker: Checker) -> None:
    tweet = checker.check(*TWEETS[0])
    assert (tweet.channel, tweet.channel_source) == ("social", "inferred")
    configured = checker.check(*TWEETS[0], channel="email")
    assert (configured.channel, configured.channel_source) == ("email", "configured")
    dumped = tweet.model_dump(mode="json")
    assert dumped["schema_version"] == "1.0" and dumped["channel"] == "social"


def test_an_inferred_tweet_is_not_held_to_email_conventions() -> None:
    checker = Checker(Config(select=["greeting", "closing"]))
    report = checker.check("@116591 Can you try a wired test? -KB", "@Support internet down again")
    assert {c.status for c in report.checks} == {Status.NOT_APPLICABLE}
    # the same draft with email configured is checked for both
    emailed = checker.check("@116591 Can you try a wired test? -KB", "@Support internet down again", channel="email")
    assert Status.FAILED in {c.status for c in emailed.checks}


def test_configured_channel_wins_over_inference() -> None:
    checker = Checker(Config(select=["greeting"], channel="email"))
    report = checker.check("@116591 Can you try a wired test? -KB", "@Support internet down again")
    assert report.channel_source == "configured"
    assert report.check("greeting").status is Status.FAILED  # type: ignore[union-attr]


def test_inference_accuracy_on_the_corpus() -> None:
    """benchmarks/channel.py: measured 1.000 on both tweet files and email-dev.jsonl, 0.967 on
    email-dev2.jsonl (5 short single-line forum exchanges read as chat, none as a tweet)."""
    module = load_benchmark("channel")
    if not (corpus_dir() / "dev.jsonl").is_file():
        pytest.skip("labelled corpus not found")
    figures = module.accuracy(corpus_dir())
    for name in ("dev.jsonl", "dev2.jsonl", "email-dev.jsonl"):
        assert figures[name]["exact"] >= 0.97, (name, figures[name]["wrong"])
    assert figures["email-dev2.jsonl"]["exact"] >= 0.94
    # a tweet never as an email, an email never as a tweet
    for name in ("dev.jsonl", "dev2.jsonl"):
        assert figures[name]["inferred"]["email"] <= 2
    for name in ("email-dev.jsonl", "email-dev2.jsonl"):
        assert figures[name]["inferred"]["social"] <= 1


def test_no_corpus_tweet_is_held_to_email_conventions() -> None:
    """benchmarks/false_positives.py --infer: with no channel given, greeting and closing check only
    the 20 email-length replies (before inference: all 107, failing 83 and 77), and readability
    fails 7 of 107 (the email ones; the social ceiling of 25 words passes every tweet)."""
    module = load_benchmark("false_positives")
    if not (corpus_dir() / "dev.jsonl").is_file():
        pytest.skip("labelled corpus not found")
    checker = Checker(Config(select=["greeting", "closing", "readability", "length"]))
    figures = module.false_positive_rates(corpus_dir(), checker, infer=True)
    assert figures["greeting"]["checked"] <= 20 and figures["closing"]["checked"] <= 20
    assert figures["readability"]["failed"] <= 8
    assert figures["length"]["failed"] == 0
