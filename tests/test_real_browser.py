"""The HTML report in a real headless Chromium (Debian's chromium and chromium-driver, driven by Selenium).

The page must work offline: it is opened from a file with the browser's background networking off, the
audio embedded. Clicking a sentence must move the audio's position to that sentence and highlight it."""

from pathlib import Path

import pytest

from tests.conftest import ROOT, need, run_cli

pytestmark = pytest.mark.real
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SCREENSHOTS = ROOT / "test-output"


@pytest.fixture
def browser(tmp_path):
    need(Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists(), "chromium, chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-quic", "--autoplay-policy=no-user-gesture-required", "--mute-audio",
                 "--window-size=1100,1600", f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def test_report_plays_seeks_and_highlights(browser, isolated_user_dirs, tmp_path):
    # A real spoken answer (the demo's sample, through the real pipeline), answered twice for the chart.
    for _ in range(2):
        result = run_cli(["practice", "-n", "1", "-q", "ow-11", "--answer-file",
                          str(ROOT / "interviewer" / "assets" / "demo-answer.ogg")],
                         env={**__import__("os").environ, "PULSE_SERVER": f"unix:{tmp_path}/none"})
        assert result.returncode == 0, result.stderr
    html = tmp_path / "report.html"
    export = run_cli(["export", "latest", "--format", "html", "-o", str(html)])
    assert export.returncode == 0, export.stderr

    browser.get(html.as_uri())
    browser.execute_script(
        "return new Promise(r => { const a = document.querySelector('audio');"
        " if (a.readyState >= 1) r(); else a.addEventListener('loadedmetadata', () => r()); })"
    )
    text = browser.find_element("tag name", "body").text
    assert "Tell me about a time you took over a project that was already behind schedule." in text
    assert "Notes" in text and "Transcript" in text and "Across attempts at this question" in text
    assert browser.execute_script("return document.querySelector('audio').duration") == pytest.approx(65.1, abs=1.0)
    segments = browser.find_elements("css selector", ".timeline .seg")
    assert [s.text.split()[0] for s in segments] == ["S", "T", "A", "R", "L"]
    widths = [s.size["width"] for s in segments]
    assert widths[2] == max(widths)  # the Action ran longest
    assert len(browser.find_elements("css selector", "svg.chart")) == 2
    assert browser.find_elements("css selector", "mark.filler")

    sentences = browser.find_elements("css selector", ".sentence[data-start]")
    target = sentences[7]
    start = float(target.get_attribute("data-start"))
    assert start > 20
    target.click()
    position = browser.execute_script("return document.querySelector('audio').currentTime")
    assert start - 0.05 <= position <= start + 2.0
    assert "playing" in target.get_attribute("class")
    assert sum("playing" in s.get_attribute("class") for s in sentences) == 1

    # A note tied to a moment seeks too.
    browser.execute_script("document.querySelector('audio').pause()")
    segments[0].click()
    assert browser.execute_script("return document.querySelector('audio').currentTime") < 2.0

    SCREENSHOTS.mkdir(exist_ok=True)
    shot = SCREENSHOTS / "report.png"
    browser.save_screenshot(str(shot))
    print(f"\nscreenshot of the HTML report: {shot}")
    assert shot.stat().st_size > 20_000


def test_progress_report_renders_charts(browser, isolated_user_dirs, tmp_path):
    from tests.sessions import STORY, THIN, make_session

    _, recordings = isolated_user_dirs
    make_session(recordings, [("co-01", THIN, 2.0)], days_ago=3)
    make_session(recordings, [("co-01", STORY, 3.0), ("dd-02", STORY, 3.0)], days_ago=1)
    page = tmp_path / "progress.html"
    assert run_cli(["report", "--all", "-o", str(page)]).returncode == 0
    browser.get(page.as_uri())
    assert "2 of 16 principles practised" in browser.find_element("tag name", "body").text
    assert len(browser.find_elements("css selector", "svg.chart")) == 4
    bars = browser.find_elements("css selector", "svg.bars rect")
    assert len(bars) == 16
    SCREENSHOTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / "progress.png"))
