"""The cockpit on the portal (issue 21): the analyst's and viewer's home, as of today or a chosen date, the
charts of `jsj dashboard` each linking to its page, drawn with no inline style (the portal's CSP); and the
pages kept between requests never showing a figure the ledger no longer holds, whoever wrote it (the portal
itself, or the CLI beside it), on SQLite and on PostgreSQL."""

import json
import re

import pytest

from chartread import figures, page_marks
from portal_client import add_account, signed_in, text_of


@pytest.fixture
def accounts(ledger, jsj) -> str:
    assert jsj("status", "--format", "json").exit_code == 0  # the ledger exists (PostgreSQL: created now)
    add_account("sw", "--unit", "省商务厅")
    add_account("boss", "--analyst")
    add_account("lead", "--viewer")
    return ledger


@pytest.mark.parametrize("name", ["boss", "lead"])
def test_the_cockpit_is_the_home_of_analysts_and_viewers_and_its_charts_lead_to_their_pages(accounts, name):
    web, _ = signed_in(accounts, name)
    assert web.get("/").headers["location"] == "/cockpit"
    assert web.get("/?as_of=2022-06-30").headers["location"] == "/cockpit?as_of=2022-06-30"
    answer = web.get("/cockpit?as_of=2022-06-30")
    assert answer.status_code == 200
    html = answer.text
    assert "驾驶舱" in html and "数据截至2022年6月30日" in html
    assert re.search(r'<link rel="stylesheet" href="/cockpit.css\?v=[^"]+">', html)
    assert " style=" not in html and "<style" not in html  # the CSP allows no inline style
    drawn = figures(html)
    assert {"trend", "units", "tasks", "sections", "reporting", "problems-monthly", "assessment"} <= set(drawn)
    links = {key: re.search(r'<a class="jsj-more" href="([^"]+)"', text).group(1) for key, text in drawn.items()}
    assert links["trend"] == "/status?as_of=2022-06-30"
    assert links["units"] == "/status?as_of=2022-06-30#units"
    assert links["reporting"] == "/reporting?as_of=2022-06-30"
    assert links["problems-monthly"] == "/problems?state=all&amp;as_of=2022-06-30"
    assert links["assessment"] == "/assessment?as_of=2022-06-30"
    for link in links.values():  # every chart's page is there for this account, as of the same date
        target = link.replace("&amp;", "&").split("#")[0]
        assert web.get(target).status_code == 200, target
    style = web.get("/cockpit.css")
    assert style.status_code == 200 and style.headers["content-type"].startswith("text/css")
    assert ".jsj-c-C6EFCE{--c:#C6EFCE}" in style.text  # the legend's colours are the stylesheet's classes


def test_the_cockpit_shows_the_same_numbers_as_jsj_dashboard(accounts, jsj):
    assert jsj("record", "5", "-u", "省商务厅", "-p", "40", "-d", "2022-06-08", "--note", "签约").exit_code == 0
    web, _ = signed_in(accounts, "boss")
    portal = page_marks(web.get("/cockpit?as_of=2022-06-30").text)
    result = jsj("dashboard", "-", "--as-of", "2022-06-30")
    assert result.exit_code == 0
    assert portal == page_marks(result.stdout) and portal["units"]


def test_a_unit_keeps_its_own_home_and_may_not_see_the_cockpit(accounts):
    web, _ = signed_in(accounts, "sw")
    assert web.get("/").headers["location"] == "/due"
    for path in ("/cockpit", "/assessment", "/targets"):
        answer = web.get(path)
        assert answer.status_code == 403 and "无权访问" in answer.text, path


def test_the_assessment_and_targets_pages_hold_the_numbers_of_jsj_assess_and_jsj_status(accounts, jsj):
    assert jsj("record", "5", "-u", "省商务厅", "-p", "40", "-d", "2022-06-08").exit_code == 0
    assess = json.loads(jsj("assess", "--as-of", "2022-06-30", "--format", "json").stdout)
    web, _ = signed_in(accounts, "lead")
    page = web.get("/assessment?as_of=2022-06-30").text
    for index, unit in enumerate(assess["units"], start=1):  # in the order of `jsj assess` (ties share a rank)
        row = text_of(re.search(rf'<tr id="unit-{index}">.*?</tr>', page).group(0)).split()
        assert row[:3] == [str(unit["rank"]), unit["name"], f"{unit['score']:.2f}"]
    targets = web.get("/targets?as_of=2022-06-30")
    status = json.loads(jsj("status", "--as-of", "2022-06-30", "--format", "json").stdout)
    assert targets.status_code == 200
    for number, target in enumerate(status["targets"], start=1):
        assert f'id="target{number}"' in targets.text and target["indicator"] in targets.text


def _completion(web, day: str = "2022-06-30") -> str:
    return text_of(re.search(r'<p id="plan-figures">.*?</p>', web.get(f"/status?as_of={day}").text, re.S).group(0))


def test_a_kept_page_never_outlives_a_write_by_the_cli_or_by_the_portal(accounts, jsj):
    boss, _ = signed_in(accounts, "boss")
    unit, csrf = signed_in(accounts, "sw")
    before = _completion(boss)
    cockpit = boss.get("/cockpit?as_of=2022-06-30").text
    assert _completion(boss) == before  # kept: the same page again
    # The CLI writes beside the portal: the next page shows it.
    assert jsj("record", "5", "-u", "省商务厅", "-p", "60", "-d", "2022-06-08").exit_code == 0
    after_cli = _completion(boss)
    assert after_cli != before
    assert boss.get("/cockpit?as_of=2022-06-30").text != cockpit
    # The portal writes (a unit's report): the analyst's next page shows it, and the unit's own page too.
    due = unit.get("/due?as_of=2022-06-30").text
    answer = unit.post("/report/6", data={"csrf": csrf, "progress": "80", "date": "2022-06-09", "period": "2022-06"})
    assert answer.status_code == 303, answer.text
    assert _completion(boss) != after_cli
    assert unit.get("/due?as_of=2022-06-30").text != due
    # An amendment or a void changes rows in place (no new row): seen too.
    latest = _completion(boss)
    assert jsj("void", "1", "--reason", "重复填报").exit_code == 0
    assert _completion(boss) != latest
