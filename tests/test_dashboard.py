"""`jsj dashboard`: the cockpit as one self-contained HTML file, through the CLI, read back; then opened in
Debian's chromium (selenium, headless, no network) at a desktop and a phone size.

The browser tests skip when chromium, chromedriver or selenium is missing, and fail instead under
JSJ_REQUIRE_BROWSER=1 (CI sets it: a skipped browser test proves nothing). Screenshots go to
$JSJ_ARTIFACTS when it is set, else to the test's temporary directory.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chartread import figures, page_marks, series
from conftest import REPO
from test_charts import SECOND, record_bundled

AS_OF = "2022-06-30"
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


@pytest.fixture
def recorded(jsj):
    record_bundled(jsj)


@pytest.fixture
def page(recorded, jsj, tmp_path) -> str:
    out = tmp_path / "cockpit.html"
    result = jsj("dashboard", out, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"已写入 {out}\n"
    return out.read_text(encoding="utf-8")


def doc(jsj, *args):
    result = jsj(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# ---------------------------------------------------------------- the file


def test_one_self_contained_file(page):
    assert page.startswith("<!DOCTYPE html>\n") and '<html lang="zh-CN">' in page
    for fetched in ("<script", "<link", " src=", "@import", "<iframe", "<object"):
        assert fetched not in page.lower(), fetched
    assert set(re.findall(r"https?://[^\"'\s)<]+", page)) <= NAMESPACES  # only the SVG namespaces
    assert "<title>晋陕豫黄河金三角承接产业转移示范区(山西片区)建设工作计划驾驶舱</title>" in page
    assert "数据截至2022年6月30日" in page


def test_every_chart_is_there_with_its_caption_legend_and_table(page):
    found = figures(page)
    assert list(found) == [
        "trend",
        "units",
        "tasks",
        "sections",
        "reporting",
        "problems-monthly",
        "problems-age",
        "target1",
        "assessment",
    ]
    for number, (key, text) in enumerate(found.items(), start=1):
        assert f'<span class="jsj-no">图{number}</span>' in text, key
        assert '<ul class="jsj-legend">' in text and "<summary>数据表</summary>" in text, key
        assert text.count("<svg") == 1 and 'class="jsj-mark"' in text, key


def test_the_drawn_values_are_the_commands_json(page, jsj):
    drawn = page_marks(page)
    status = doc(jsj, "status", "--as-of", AS_OF)
    units = series(drawn["units"], "units", "completion")
    assert [(units[i]["name"], units[i]["value"]) for i in range(len(units))] == [
        (u["name"], u["completion"]) for u in status["units"]
    ]
    tasks = series(drawn["tasks"], "tasks", "completion")
    assert [tasks[i]["value"] for i in range(len(tasks))] == [t["completion"] for t in status["tasks"]]
    sections = series(drawn["sections"], "sections", "expected")
    assert [sections[i]["value"] for i in range(len(sections))] == [s["expected"] for s in status["sections"]]
    plan = series(drawn["trend"], "trend", "plan")
    assert plan[len(plan) - 1]["value"] == status["plan"]["completion"]
    reports = doc(jsj, "reports", "--period", "all", "--as-of", AS_OF)
    on_time = series(drawn["reporting"], "reporting", "on_time")
    june = [p for u in reports["history"] for p in u["periods"] if p["period"] == "2022-06"]
    assert on_time[5]["value"] == sum(p["reported"] for p in june)
    scores = doc(jsj, "assess", "--as-of", AS_OF)
    first = scores["units"][0]
    assert series(drawn["assessment"], "assessment", "C")[0]["total"] == f"{first['score']:.2f}"
    problems = doc(jsj, "problem", "list", "--all", "--as-of", AS_OF)
    opened = series(drawn["problems-monthly"], "problems-monthly", "opened")
    assert sum(m["value"] for m in opened.values()) == len(problems)
    target = doc(jsj, "target")["targets"][0]
    yuncheng = series(drawn["target1"], "target1", "scope1")
    assert yuncheng[0]["value"] == target["scopes"][0]["years"][0]["volume_index"]


def test_on_each_engine(ledger, jsj):
    assert jsj("record", "9", "-u", "运城", "-p", "30", "-d", "2022-06-20").exit_code == 0
    assert jsj("problem", "add", "9", "-u", "临汾", "--text", "用地指标不足", "-d", "2022-06-10").exit_code == 0
    page = jsj("dashboard", "-", "--as-of", AS_OF).stdout
    status = doc(jsj, "status", "--as-of", AS_OF)
    units = series(page_marks(page)["units"], "units", "completion")
    assert [units[i]["value"] for i in range(len(units))] == [u["completion"] for u in status["units"]]
    assert series(page_marks(page)["problems-age"], "problems-age", "ordinary")[0]["value"] == 1


def test_the_same_data_makes_the_same_file(recorded, jsj, tmp_path):
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    assert jsj("dashboard", first, "--as-of", AS_OF).exit_code == 0
    assert jsj("dashboard", second, "--as-of", AS_OF).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_default_name_and_stdout(jsj, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert jsj("dashboard", "--as-of", AS_OF).exit_code == 0
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".html"] == ["jsj-dashboard-2022-06-30.html"]
    result = jsj("dashboard", "-", "--as-of", AS_OF)
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")
    assert result.stdout == (tmp_path / "jsj-dashboard-2022-06-30.html").read_text(encoding="utf-8")


def test_english(recorded, jsj):
    result = jsj("dashboard", "-", "--as-of", AS_OF, "--lang", "en")
    assert result.exit_code == 0
    page = result.stdout
    assert '<html lang="en">' in page and "Progress by unit" in page and "Data table" in page
    assert "各单位推进情况" not in page and "数据表" not in page
    assert ">省商务厅</text>" in page  # the plan's own names stay as written


def test_empty_charts_say_why(jsj):
    page = jsj("dashboard", "-", "--as-of", "2022-01-10").stdout
    found = figures(page)
    assert "尚无到期的报送期。" in found["reporting"] and "<svg" not in found["reporting"]
    assert "截至当日未提出问题。" in found["problems-monthly"]
    assert "目前无未解决的问题。" in found["problems-age"]
    assert "尚无统计数据。" in found["target1"]


def test_the_second_plan(jsj, tmp_path, monkeypatch):
    monkeypatch.setenv("JSJ_DB", str(tmp_path / "second.sqlite3"))
    monkeypatch.setenv("JSJ_PLAN", str(SECOND))
    assert jsj("init").exit_code == 0
    assert jsj("record", "1", "-u", "省商务厅", "-p", "30", "-d", "2024-06-15").exit_code == 0
    page = jsj("dashboard", "-", "--as-of", "2024-07-31").stdout
    assert "示例省县域商业体系建设工作方案（2024—2026年）驾驶舱" in page
    for word in ("晋陕豫", "运城", "临汾", "山西", "六大板块"):
        assert word not in page, word
    assert list(figures(page))[-3:] == ["target1", "target2", "assessment"]


def test_refusals_are_one_line(jsj, tmp_path):
    nowhere = jsj("dashboard", tmp_path / "missing" / "d.html", "--as-of", AS_OF)
    assert nowhere.exit_code == 1 and "Traceback" not in nowhere.output
    assert (
        nowhere.stderr.startswith(f"jsj: {tmp_path / 'missing' / 'd.html'}：写入失败")
        and nowhere.stderr.count("\n") == 1
    )
    bad_date = jsj("dashboard", tmp_path / "d.html", "--as-of", "2022-02-30")
    assert bad_date.exit_code == 1 and "2022-02-30" in bad_date.stderr and not (tmp_path / "d.html").exists()


def test_a_full_disk_keeps_the_old_file(recorded, db, tmp_path):
    target = tmp_path / "out" / "cockpit.html"
    target.parent.mkdir()
    target.write_text("the previous cockpit", encoding="utf-8")

    def limit():
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    result = subprocess.run(
        [sys.executable, "-m", "jinsanjiao_cli", "dashboard", str(target), "--as-of", AS_OF, "--db", str(db)],
        capture_output=True,
        text=True,
        preexec_fn=limit,
        check=False,
    )
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "磁盘空间不足" in result.stderr
    assert target.read_text(encoding="utf-8") == "the previous cockpit"
    assert [p.name for p in target.parent.iterdir()] == ["cockpit.html"]


# ---------------------------------------------------------------- in a real browser


def browser_parts() -> tuple[str, str]:
    """chromium and chromedriver, with selenium importable; else skip (fail under JSJ_REQUIRE_BROWSER)."""
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    try:
        import selenium  # noqa: F401
    except ImportError:
        chromium = None
    if chromium and driver:
        return chromium, driver
    why = "the browser tests need chromium, chromium-driver (apt-get) and selenium (the test extra)"
    if os.environ.get("JSJ_REQUIRE_BROWSER"):
        pytest.fail(f"JSJ_REQUIRE_BROWSER is set: {why}", pytrace=False)
    pytest.skip(why)


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    chosen = os.environ.get("JSJ_ARTIFACTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_browser(tmp_path: Path, width: int, height: int):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver = browser_parts()
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        f"--window-size={width},{height}",
        # no network: anything the page tried to fetch would fail, and show as a failed request
        "--proxy-server=127.0.0.1:9",
        "--proxy-bypass-list=<-loopback>",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    browser = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    mobile = width < 600
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 2 if mobile else 1, "mobile": mobile},
    )
    return browser


CHECK_CHARTS = """
const found = [];
for (const figure of document.querySelectorAll('figure.jsj-chart')) {
  const svg = figure.querySelector('svg');
  const marks = svg ? [...svg.querySelectorAll('.jsj-mark')] : [];
  const seen = marks.filter(m => { const b = m.getBBox(); return b.width > 0 || b.height > 0; });
  const texts = svg ? [...svg.querySelectorAll('text')].filter(t => /[\\u4e00-\\u9fff]/.test(t.textContent)) : [];
  const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
  found.push({key: figure.dataset.chart, width: box.width, height: box.height, marks: marks.length,
              seen: seen.length, titled: marks.filter(m => m.querySelector('title').textContent).length,
              cjk: texts.length, cjk_width: texts.reduce((w, t) => w + t.getComputedTextLength(), 0)});
}
return found;
"""


def network_events(browser, page: str) -> tuple[list[str], list[dict]]:
    """The requests the page made (the browser's own start page aside), and those that failed."""
    requested, failed, ours = [], [], set()
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message["params"]
        if message["method"] == "Network.requestWillBeSent" and params.get("documentURL") == page:
            if params["request"]["url"].startswith("data:"):  # the file's own inline font: nothing fetched
                continue
            requested.append(params["request"]["url"])
            ours.add(params["requestId"])
        elif message["method"] == "Network.loadingFailed" and params["requestId"] in ours:
            failed.append(params)
    return requested, failed


def full_page_png(browser) -> bytes:
    import base64

    metrics = browser.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
    shot = browser.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
    )
    return base64.b64decode(shot["data"])


@pytest.mark.parametrize("width, height", [(1366, 768), (390, 844)], ids=["desktop", "phone"])
def test_the_dashboard_in_chromium(page, tmp_path, screenshots, width, height):
    from selenium.webdriver.support.wait import WebDriverWait

    path = tmp_path / "cockpit.html"
    browser = open_browser(tmp_path, width, height)
    try:
        browser.get(path.as_uri())
        WebDriverWait(browser, 20).until(lambda b: b.execute_script("return document.readyState") == "complete")
        charts = browser.execute_script(CHECK_CHARTS)
        text = browser.execute_script("return document.body.innerText")
        language = browser.execute_script("return document.documentElement.lang")
        overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        console = browser.get_log("browser")
        requested, failed = network_events(browser, path.as_uri())
        (screenshots / f"dashboard-{width}x{height}.png").write_bytes(full_page_png(browser))
    finally:
        browser.quit()
    assert console == [], console
    assert failed == [] and requested == [path.as_uri()], (requested, failed)
    assert len(charts) == 9
    for chart in charts:
        assert chart["width"] > 200 and chart["height"] > 100, chart
        assert chart["marks"] > 0 and chart["seen"] > 0 and chart["titled"] == chart["marks"], chart
    with_cjk = [c for c in charts if c["cjk"]]
    assert {c["key"] for c in with_cjk} >= {"units", "tasks", "sections", "assessment", "problems-age"}
    assert all(c["cjk_width"] > 0 for c in with_cjk)
    assert language == "zh-CN" and "各单位推进情况" in text and "计划总体完成" in text
    assert len(re.findall(r"[\u4e00-\u9fff]", text)) > 200
    assert overflow <= 0  # the page never scrolls sideways; a wide chart scrolls inside its box


def test_the_readme_shows_the_dashboard():
    assert (REPO / "docs" / "dashboard.png").stat().st_size > 10_000
    assert "docs/dashboard.png" in (REPO / "README.md").read_text(encoding="utf-8")
