"""The playground in a real headless browser (Debian's ``chromium`` + ``chromium-driver``).

Skipped, with the reason, where no browser or driver is installed (CI installs both, see
``.ci/run``). The server runs on 127.0.0.1 in this process; nothing else is contacted.

``REPLYLINT_SCREENSHOT=docs/playground.png python -m pytest tests/test_playground_browser.py``
also saves the README's screenshot of the playground with its built-in example.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the playground needs the server extra: pip install -e '.[dev,server]'")
pytest.importorskip("uvicorn", reason="the playground needs the server extra: pip install -e '.[dev,server]'")
pytest.importorskip("selenium", reason="the browser test needs selenium (in the dev extra)")

from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from replylint import Checker, Config
from replylint.server.app import Checkers, create_app
from replylint.server.local import serve_in_background

BROWSER = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), "")
DRIVER = shutil.which("chromedriver")

NO_BROWSER = (
    "no headless browser: install Debian's chromium and chromium-driver "
    "(apt-get install -y chromium chromium-driver; .ci/run does this in CI)"
)
# In CI (.ci/run sets up the browser) a missing browser is a failure, not a silent skip.
pytestmark = pytest.mark.skipif((not BROWSER or DRIVER is None) and not os.environ.get("CI"), reason=NO_BROWSER)

CUSTOMER = "Hi,\n\nWhen will my parcel arrive? Also, can I return it in store if it doesn't fit?\n\nThanks,\nDana"
DRAFT = "Hi Dana, your parcel will arrive on Friday, 14 June. Per our SLA the L2 team tracks it."


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    app = create_app(checkers=Checkers(Config(), max_variants=2))
    with serve_in_background(app) as url:
        yield url


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    if not BROWSER or DRIVER is None:
        pytest.fail(NO_BROWSER)
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager fetch a driver
    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1440,900",
        "--force-device-scale-factor=1",
        "--no-first-run",
    ):
        options.add_argument(arg)
    service = webdriver.ChromeService(executable_path=DRIVER)
    browser = webdriver.Chrome(service=service, options=options)
    browser.set_page_load_timeout(30)
    try:
        yield browser
    finally:
        browser.quit()


def wait_until_checked(browser: Any, draft: str) -> None:
    """Wait for the debounced check of exactly ``draft`` to be rendered."""

    def done(b: Any) -> bool:
        state = b.execute_script("return document.body.dataset.state")
        view = b.execute_script("return document.getElementById('draft-view').textContent")
        return bool(state == "done" and view == draft)

    WebDriverWait(browser, 30, poll_frequency=0.1).until(done)


def marks(browser: Any, selector: str) -> list[str]:
    return [str(e.get_attribute("textContent")) for e in browser.find_elements(By.CSS_SELECTOR, selector)]


def test_typing_a_draft_shows_the_right_highlights(driver: Any, base_url: str) -> None:
    driver.get(base_url + "/")
    wait_until_checked(driver, driver.find_element(By.ID, "draft").get_attribute("value"))  # the built-in example
    driver.execute_script(
        "const c = document.getElementById('customer'); c.value = arguments[0];"
        "document.getElementById('draft').value = '';"
        "c.dispatchEvent(new Event('input', {bubbles: true}));",
        CUSTOMER,
    )
    WebDriverWait(driver, 10).until(lambda b: "Type a draft" in b.find_element(By.ID, "status").text)
    textarea = driver.find_element(By.ID, "draft")
    textarea.send_keys(DRAFT)  # typed key by key: each keystroke restarts the debounce
    wait_until_checked(driver, DRAFT)

    report = Checker().check(DRAFT, CUSTOMER)
    answered = [CUSTOMER[q.start : q.end] for q in report.questions if q.answered]
    unanswered = [CUSTOMER[q.start : q.end] for q in report.questions if not q.answered]
    assert answered and unanswered, "the example should have an answered and an unanswered question"
    assert marks(driver, "#customer-view .q-answered") == answered
    assert marks(driver, "#customer-view .q-unanswered") == unanswered
    answers = [q.answered_by.text for q in report.questions if q.answered and q.answered_by]
    assert marks(driver, "#draft-view .answer") == answers

    # every finding is underlined with its rule; the list shows message and suggestion
    underlined = {e.get_attribute("data-rule") for e in driver.find_elements(By.CSS_SELECTOR, "#draft-view .finding")}
    # (a zero-width finding is underlined on the character at its offset, when there is one)
    assert {f.rule for f in report.findings if f.end > f.start} <= underlined <= {f.rule for f in report.findings}
    items = driver.find_elements(By.CSS_SELECTOR, "#finding-list .finding-item")
    assert len(items) == len(report.findings)
    for item, finding in zip(items, report.findings, strict=True):
        assert finding.message in item.text
        if finding.suggestion:
            assert finding.suggestion in item.text
    assert driver.find_element(By.ID, "score-value").text == str(report.score)
    shown = json.loads(driver.find_element(By.ID, "json").get_attribute("textContent"))
    assert shown == json.loads(report.model_dump_json())
    copy = driver.find_element(By.ID, "copy-json")
    copy.click()
    WebDriverWait(driver, 5).until(lambda b: copy.get_attribute("data-copied") is not None)
    assert copy.get_attribute("data-copied") == "true"

    # hover and keyboard focus both show a finding's message and suggestion
    jargon = next(f for f in report.findings if f.rule == "jargon")
    span = driver.find_element(By.CSS_SELECTOR, "#draft-view .finding[data-rule='jargon']")
    ActionChains(driver).move_to_element(span).perform()
    tip = driver.find_element(By.ID, "tip")
    WebDriverWait(driver, 5).until(lambda b: tip.is_displayed())
    assert jargon.message in tip.text
    driver.execute_script("document.activeElement.blur(); document.getElementById('tip').hidden = true;")
    textarea.send_keys(Keys.TAB)  # keyboard: Tab from the draft reaches its first underline
    active = driver.switch_to.active_element
    assert "finding" in (active.get_attribute("class") or "")
    WebDriverWait(driver, 5).until(lambda b: tip.is_displayed())
    assert report.findings[0].message in tip.text
    active.send_keys(Keys.ESCAPE)
    WebDriverWait(driver, 5).until(lambda b: not tip.is_displayed())

    # an answered question links to the draft sentence that answers it
    link = driver.find_element(By.CSS_SELECTOR, "#customer-view a.q-answered")
    link.click()
    focused = driver.execute_script("return document.activeElement.id")
    assert focused == link.get_attribute("href").split("#")[1]
    assert driver.execute_script("return document.activeElement.textContent") == answers[0]

    # editing the draft again re-checks: answering the returns question turns it green
    textarea.send_keys(" And yes, you can return it in any of our stores if it doesn't fit.")
    edited = str(textarea.get_attribute("value"))
    wait_until_checked(driver, edited)
    again = [CUSTOMER[q.start : q.end] for q in Checker().check(edited, CUSTOMER).questions if q.answered]
    assert marks(driver, "#customer-view .q-answered") == again

    screenshot = os.environ.get("REPLYLINT_SCREENSHOT")
    if screenshot:
        driver.get(base_url + "/")
        wait_until_checked(driver, driver.find_element(By.ID, "draft").get_attribute("value"))
        driver.execute_script("document.activeElement.blur()")
        hovered = driver.find_element(By.CSS_SELECTOR, "#draft-view .finding[data-rule='jargon']")
        ActionChains(driver).move_to_element(hovered).perform()  # show a finding's tooltip too
        WebDriverWait(driver, 5).until(lambda b: b.find_element(By.ID, "tip").is_displayed())
        driver.save_screenshot(screenshot)


def test_errors_show_in_the_status_line(driver: Any, base_url: str) -> None:
    driver.get(base_url + "/")
    wait_until_checked(driver, driver.find_element(By.ID, "draft").get_attribute("value"))
    driver.execute_script(
        "const d = document.getElementById('draft'); d.value = 'x'.repeat(210000);"
        "d.dispatchEvent(new Event('input', {bubbles: true}));"
    )
    WebDriverWait(driver, 30).until(lambda b: b.execute_script("return document.body.dataset.state") == "error")
    status = driver.find_element(By.ID, "status")
    assert "Error 422" in status.text and "error" in (status.get_attribute("class") or "")
