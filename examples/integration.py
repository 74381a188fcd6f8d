"""A helpdesk integration in a dozen lines: build one Checker at start-up, share it between
request handlers (it is thread-safe), and check each draft before the agent presses Send.

Run:  python examples/integration.py
"""

from __future__ import annotations

from pathlib import Path

from replylint import Checker, Config

HERE = Path(__file__).parent / "pair"

# One Checker per process: it loads spaCy once and compiles every rule pack once.
checker = Checker(Config(fail_on="error"))


def before_send(draft: str, customer_message: str) -> list[str]:
    """What the agent sees next to the Send button."""
    report = checker.check(draft, customer_message)
    notes = [f"[{f.severity.value}] {f.rule}: {f.message}" for f in report.findings]
    for q in report.questions:
        status = "answered" if q.answered else "NOT answered"
        notes.append(f"question ({q.answer_type}): {q.text!r} -> {status}")
    notes.append(f"score {report.score}/100, can send: {report.ok}")
    return notes


if __name__ == "__main__":
    customer = (HERE / "customer.txt").read_text(encoding="utf-8")
    for name in ("good-draft.txt", "bare-no-draft.txt"):
        print(f"== {name}")
        for line in before_send((HERE / name).read_text(encoding="utf-8"), customer):
            print("  ", line)

    # While the agent types: parse the customer message once, re-check the draft as it changes.
    session = checker.session(customer)
    for partial in ("Hi Dana,", "Hi Dana, sorry your shoes are late. They will arrive on Thursday."):
        print(f"typing... {len(session.check(partial).findings)} finding(s)")
