"""The portal in a real browser: Debian's chromium driven by selenium against `jsj serve` started as a
subprocess on a free loopback port, at a phone's 390×844 and a desktop's 1366×768. A missing browser
skips these tests, unless JSJ_REQUIRE_BROWSER is set (CI), where the skip is a failure."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from jinsanjiao_cli.actions import accounts as account_actions
from jinsanjiao_cli.core.values import fixed
from jinsanjiao_cli.ledger import opening

PASSWORD = "correct-horse-42"
SIZES = [(390, 844), (1366, 768)]


@pytest.fixture(scope="module")
def ledger_file(tmp_path_factory, initialised_db) -> Path:
    """A ledger with three unit accounts and an analyst, made with the real use case (argon2 at its
    lowest cost: the server verifies with the parameters stored in each hash)."""
    path = tmp_path_factory.mktemp("browser") / "jsj.sqlite3"
    shutil.copy(initialised_db, path)
    saved = dict(account_actions.HASH_COST)
    account_actions.HASH_COST.update(time_cost=1, memory_cost=8, parallelism=1)
    try:
        with opening.open_ledger(path) as db:
            for name, role, unit in (("sw", "unit", "省商务厅"), ("jt", "unit", "省交通厅"), ("boss", "analyst", None),
                                     ("lead", "viewer", None)):  # fmt: skip
                account_actions.add(db, name, role, unit, PASSWORD, "test")
    finally:
        account_actions.HASH_COST.clear()
        account_actions.HASH_COST.update(saved)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(ledger_file, tmp_path_factory):
    """`jsj serve` on the ledger, one for the module; its URL."""
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "jinsanjiao_cli", "serve", "--port", str(port), "--db", str(ledger_file)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(f"{url}/login", timeout=2) as answer:
                assert answer.status == 200
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"jsj serve did not start: {log.read_text()[-2000:]}")
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(params=SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def window(request, browser, server):
    width, height = request.param
    browser.delete_all_cookies()
    browser.get(f"{server}/login")
    browser.delete_all_cookies()
    browser.set_window_size(width, height)
    # The window's outer size includes no chrome in headless mode; the page's width is what matters.
    inner = browser.execute_script("return window.innerWidth")
    if inner != width:  # make the viewport exactly the device's
        browser.set_window_size(width + (width - inner), height)
    yield browser, server, width
    shots = Path(os.environ.get("JSJ_SCREENSHOTS", "")) if os.environ.get("JSJ_SCREENSHOTS") else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(shots / f"{request.node.name}.png"))


def by_id(browser, element_id: str):
    from selenium.webdriver.common.by import By

    return browser.find_element(By.ID, element_id)


def sign_in(browser, url: str, name: str) -> None:
    browser.get(f"{url}/login")
    by_id(browser, "name").send_keys(name)
    by_id(browser, "password").send_keys(PASSWORD)
    submit(browser, "login")


def arrive(browser, fragment: str) -> None:
    """Wait for the page a click leads to (a click returns before the browser has navigated)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 10).until(lambda b: fragment in b.current_url and b.execute_script(
        "return document.readyState") == "complete")  # fmt: skip


def submit(browser, button: str, fragment: str = "") -> None:
    """Click a form's button and wait for the next page (its URL holding `fragment`, or any new page)."""
    from selenium.webdriver.support.ui import WebDriverWait

    old = browser.find_element("tag name", "html")
    by_id(browser, button).click()
    WebDriverWait(browser, 10).until(lambda b: _stale(old))
    arrive(browser, fragment)


def _stale(element) -> bool:
    """The old page's root is gone (chromium says so as a stale reference, or as a node no longer in the
    document while the new page loads)."""
    from selenium.common.exceptions import WebDriverException

    try:
        element.is_enabled()
        return False
    except WebDriverException:
        return True


def fits(browser, width: int) -> None:
    """Nothing wider than the screen: wide tables scroll inside their own box, the page does not."""
    assert browser.execute_script("return window.innerWidth") == width
    assert browser.execute_script("return document.documentElement.scrollWidth") <= width


def test_a_unit_logs_in_sees_what_it_owes_reports_with_one_error_corrected_and_logs_out(window):
    browser, url, width = window
    sign_in(browser, url, "sw")
    assert browser.current_url.endswith("/due")
    assert "本期应报" in browser.title and "省商务厅" in browser.find_element("css selector", "p.lead").text
    fits(browser, width)
    from selenium.webdriver.common.by import By

    by_id(browser, "due-5").find_element(By.CSS_SELECTOR, "a.button").click()
    arrive(browser, "/report/5")
    fits(browser, width)
    progress = by_id(browser, "progress")
    progress.clear()
    progress.send_keys("150")
    by_id(browser, "date").send_keys("2022-06-08")
    by_id(browser, "note").clear()
    by_id(browser, "note").send_keys(f"园区签约（{width}）")
    submit(browser, "submit")
    assert "“150”超出 0-100" in by_id(browser, "error-progress").text
    assert by_id(browser, "progress").get_attribute("value") == "150"
    assert by_id(browser, "note").get_attribute("value") == f"园区签约（{width}）"
    fits(browser, width)
    by_id(browser, "progress").clear()
    by_id(browser, "progress").send_keys("45")
    submit(browser, "submit", "/due?recorded=")
    assert "已记录 #" in by_id(browser, "recorded").text
    submit(browser, "logout", "/login")
    browser.get(f"{url}/due")
    assert "/login" in browser.current_url  # the session is gone


def test_an_analyst_sees_the_report_at_once_in_status_and_reporting(window, ledger_file):
    browser, url, width = window
    sign_in(browser, url, "sw")
    browser.get(f"{url}/report/9")
    assert "无权访问" in browser.page_source  # 省商务厅 does not hold task 9: not even the form
    browser.get(f"{url}/report/6")
    by_id(browser, "progress").clear()
    by_id(browser, "progress").send_keys("33")
    by_id(browser, "date").send_keys("2022-06-09")
    by_id(browser, "period").send_keys("2022-06")  # early in June: for June, not a late report for May
    submit(browser, "submit", "/due?recorded=")
    submit(browser, "logout", "/login")
    sign_in(browser, url, "boss")
    assert browser.current_url.endswith("/cockpit")  # an analyst starts from the cockpit
    browser.get(f"{url}/status?as_of=2022-06-30")
    fits(browser, width)
    status = json.loads(
        subprocess.run(
            [sys.executable, "-m", "jinsanjiao_cli", "status", "--as-of", "2022-06-30", "--format", "json",
             "--db", str(ledger_file)],
            capture_output=True, text=True, check=True,
        ).stdout
    )  # fmt: skip
    task = next(t for t in status["tasks"] if t["no"] == 6)
    assert task["completion"] > 0
    row = by_id(browser, "task-6").text
    assert fixed(task["completion"]) in row and task["label"] in row  # 8.25 shows 8.3: half up, one rule
    browser.get(f"{url}/reporting?as_of=2022-06-26")
    fits(browser, width)
    table = by_id(browser, "reporting-units").text
    line = next(line for line in table.splitlines() if line.startswith("省商务厅"))
    assert line.split()[2] != "0"  # reported this period: the report shows at once
    submit(browser, "logout", "/login")


def test_a_second_unit_cannot_see_the_first_units_history(window, ledger_file):
    browser, url, width = window
    with opening.open_ledger(ledger_file) as db:
        theirs = db.value("SELECT max(m.id) FROM milestone m JOIN unit u ON u.id = m.unit_id WHERE u.name = '省商务厅'")
    assert theirs is not None
    sign_in(browser, url, "jt")
    browser.get(f"{url}/history")
    fits(browser, width)
    assert "园区签约" not in browser.page_source
    for path in (f"/history/{theirs}", "/history?unit=省商务厅", "/status"):
        browser.get(f"{url}{path}")
        assert "无权访问" in browser.title and "园区签约" not in browser.page_source
    submit(browser, "logout", "/login")


def console_errors(browser) -> list[str]:
    """The console's errors since last asked: a style or script the Content-Security-Policy refused is one."""
    return [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


@pytest.mark.parametrize("name", ["boss", "lead"])
def test_the_analyst_and_the_viewer_start_on_the_cockpit_and_follow_a_chart_to_its_page(window, name):
    browser, url, width = window
    console_errors(browser)
    sign_in(browser, url, name)
    assert browser.current_url.endswith("/cockpit") and "驾驶舱" in browser.title
    browser.get(f"{url}/?as_of=2022-06-30")  # the home page as of a chosen date
    arrive(browser, "/cockpit?as_of=2022-06-30")
    assert "2022年6月30日" in browser.find_element("css selector", ".jsj-asof").text
    fits(browser, width)
    charts = browser.find_elements("css selector", "figure.jsj-chart")
    assert len(charts) >= 9
    drawn = browser.find_elements("css selector", "figure.jsj-chart .jsj-plot svg")
    assert drawn and all(svg.size["width"] > 100 and svg.size["height"] > 50 for svg in drawn)
    # Drawn as the charts say under the portal's CSP: no style refused, the bars in their lights' colours, the
    # legend's keys coloured by the cockpit's stylesheet (not black, not missing).
    assert console_errors(browser) == []
    assert browser.execute_script("return document.querySelectorAll('[style]').length") == 0
    bar = browser.find_element("css selector", "#chart-tasks g.jsj-mark path")
    assert bar.value_of_css_property("fill") == "rgb(217, 217, 217)"  # nothing reported by 2022-06-30: grey
    key = browser.find_element("css selector", "#chart-tasks .jsj-legend i")
    assert key.value_of_css_property("background-color") == "rgba(217, 217, 217, 1)"
    assert browser.find_element("css selector", "#chart-trend svg text").value_of_css_property("font-size") != ""
    links = {figure.get_attribute("data-chart"): figure.find_element("css selector", "a.jsj-more") for figure in charts}
    assert set(links) >= {"trend", "units", "tasks", "sections", "reporting", "problems-monthly", "assessment"}
    browser.execute_script("arguments[0].scrollIntoView()", links["reporting"])
    links["reporting"].click()
    arrive(browser, "/reporting?as_of=2022-06-30")
    assert "报送情况" in browser.title
    browser.back()
    arrive(browser, "/cockpit")
    link = browser.find_element("css selector", "#chart-assessment a.jsj-more")
    browser.execute_script("arguments[0].scrollIntoView()", link)
    link.click()
    arrive(browser, "/assessment?as_of=2022-06-30")
    assert "省商务厅" in by_id(browser, "assessment").text
    fits(browser, width)
    assert console_errors(browser) == []
    submit(browser, "logout", "/login")
