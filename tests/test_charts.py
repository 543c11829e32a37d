"""The charts (render/charts): each chart's drawn values, read back from its SVG, against the JSON documents
the commands print, on the bundled plan and on the second plan.

The documents come from the real CLI (`--format json`); the charts are drawn from them by the chart
functions; the SVG is parsed and every mark (a bar, a point, a 序时进度 stroke) is held against the number
in the document it came from. For bars the drawn length is checked too: proportional to the value.
"""

import datetime as dt
import json
import re

import pytest

from chartread import marks, series
from conftest import REPO
from jinsanjiao_cli.render.charts import draw, specs
from jinsanjiao_cli.text import i18n
from jinsanjiao_cli.text.wording import short_unit

AS_OF = "2022-06-30"
SECOND = REPO / "tests" / "plans" / "county-commerce-2024.yaml"
SECOND_AS_OF = "2025-03-31"  # 2024's statistics count from 2025 on


def doc(jsj, *args):
    result = jsj(*args, "--format", "json")
    assert result.exit_code == 0, (args, result.output)
    return json.loads(result.stdout)


def documents(jsj, db, as_of: str) -> dict:
    from jinsanjiao_cli.actions import reading
    from jinsanjiao_cli.cli.common import open_db

    ledger = open_db(str(db))
    try:
        trend = reading.cockpit(ledger, dt.date.fromisoformat(as_of)).trend
    finally:
        ledger.close()
    return {
        "status": doc(jsj, "status", "--as-of", as_of),
        "reports": doc(jsj, "reports", "--period", "all", "--as-of", as_of),
        "problems": doc(jsj, "problem", "list", "--all", "--as-of", as_of),
        "assess": doc(jsj, "assess", "--as-of", as_of),
        "target": doc(jsj, "target"),
        "trend": trend,
    }


def record_bundled(jsj) -> None:
    """Reports over three months, three problems (one major, one closed) and growth statistics."""
    for args in (
        ("9", "-u", "运城", "-p", "30", "-d", "2022-04-20", "-n", "运城段开工"),
        ("9", "-u", "临汾", "-p", "20", "-d", "2022-05-20"),
        ("9", "-u", "运城", "-p", "45", "-d", "2022-06-20"),
        ("2", "-u", "省商务厅", "-p", "100", "-d", "2022-06-20", "-n", "机制已建立"),
        ("1", "-u", "省发展改革委", "-p", "40", "-d", "2022-06-22"),
        ("5", "-u", "省商务厅", "-p", "35", "-d", "2022-05-24"),
        ("5", "-u", "省商务厅", "-p", "50", "-d", "2022-06-24"),
        ("3", "-u", "省工信厅", "-p", "12", "-d", "2022-03-10"),
    ):
        assert jsj("record", *args).exit_code == 0
    for args in (
        ("9", "-u", "临汾", "--text", "用地指标不足", "-d", "2022-02-10", "--major", "--due", "2022-06-20"),
        ("5", "-u", "省商务厅", "--text", "推介经费未落实", "-d", "2022-06-12"),
        ("1", "-u", "省发展改革委", "--text", "平台规划待批复", "-d", "2022-04-02"),
    ):
        assert jsj("problem", "add", *args).exit_code == 0
    assert jsj("problem", "close", "3", "--note", "已批复", "-d", "2022-05-18").exit_code == 0
    for args in (
        ("运城", "2020", "--gdp", "1643.6"),
        ("运城", "2021", "--gdp", "2231.2", "--growth", "9.1"),
        ("临汾", "2020", "--gdp", "1505.2"),
        ("临汾", "2021", "--gdp", "1995.0", "--growth", "8.2"),
    ):
        assert jsj("indicator", "set", *args).exit_code == 0


@pytest.fixture
def bundled(jsj, db, built):
    built(record_bundled)
    return documents(jsj, db, AS_OF)


@pytest.fixture
def second(jsj, tmp_path, monkeypatch):
    db = tmp_path / "second.sqlite3"
    monkeypatch.setenv("JSJ_DB", str(db))
    monkeypatch.setenv("JSJ_PLAN", str(SECOND))
    assert jsj("init").exit_code == 0
    for args in (
        ("1", "-u", "省商务厅", "-p", "30", "-d", "2024-06-15"),
        ("1", "-u", "北原", "-p", "25", "-d", "2024-09-15"),
        ("4", "-u", "省邮政管理局", "-p", "40", "-d", "2024-09-18"),
        ("6", "-u", "南湖", "-p", "10", "-d", "2024-12-10"),
    ):
        assert jsj("record", *args).exit_code == 0
    assert (
        jsj(
            "problem", "add", "6", "--unit", "南湖", "--text", "冷链用地未落实", "--major", "-d", "2024-07-02"
        ).exit_code
        == 0
    )
    for args in (
        ("北原", "2024", "--value", "40"),
        ("南湖市", "2024", "--value", "60", "--target", "leading_enterprises"),
        ("*", "2024", "--value", "55", "--target", "township_centre_coverage"),
    ):
        assert jsj("indicator", "set", *args).exit_code == 0
    return documents(jsj, db, SECOND_AS_OF)


def drawn(spec) -> dict[str, dict]:
    assert spec.empty is None, spec.empty
    return marks(draw.svg(spec))


def assert_proportional(bars: dict[int, dict], axis: int) -> None:
    """The drawn length of each bar over its value is one scale for the whole chart."""
    scales = [bar["extent"][axis] / bar["value"] for bar in bars.values() if bar["value"] > 0]
    assert scales and max(scales) - min(scales) < 1e-3 * max(scales), scales


# ---------------------------------------------------------------- looks


def test_the_lights_are_the_workbooks():
    from jinsanjiao_cli.workbooks.workbook import LIGHT_FILLS, LIGHT_FONTS

    for light in ("done", "green", "yellow", "red"):
        assert specs.LIGHT_FILLS[light] == "#" + LIGHT_FILLS[light]
        assert specs.LIGHT_EDGES[light] == "#" + LIGHT_FONTS[light]
    assert specs.LIGHT_FILLS["grey"] == "#D9D9D9"


def test_text_stays_text_and_the_svg_is_reproducible(bundled):
    spec = specs.units(bundled["status"])
    first, again = draw.svg(spec), draw.svg(spec)
    assert first == again
    assert first.startswith("<svg ") and "<?xml" not in first and "<metadata" not in first
    assert ">省商务厅</text>" in first and ">临汾市</text>" in first  # short names, as text
    assert 'id="DejaVuSans' not in first  # no glyph outlines: the viewer's font draws the text
    assert 'role="img"' in first and 'aria-label="各单位推进情况"' in first


def test_ids_are_unique_across_every_chart_of_the_cockpit(bundled):
    d = bundled
    charts = specs.cockpit_specs(d["status"], d["trend"], d["reports"], d["problems"], d["assess"])
    ids = [i for spec in charts if not spec.empty for i in re.findall(r' id="([^"]+)"', draw.svg(spec))]
    assert len(ids) == len(set(ids))
    references = {r for spec in charts if not spec.empty for r in re.findall(r"url\(#([^)]+)\)", draw.svg(spec))}
    assert references <= set(ids)


# ---------------------------------------------------------------- 2 and 3: units, tasks, sections


@pytest.mark.parametrize("chart, rows", [("units", "units"), ("tasks", "tasks"), ("sections", "sections")])
def test_progress_bars_hold_the_status_numbers(bundled, chart, rows):
    status = bundled["status"]
    found = drawn(getattr(specs, chart)(status))
    bars, ticks = series(found, chart, "completion"), series(found, chart, "expected")
    assert len(bars) == len(ticks) == len(status[rows])
    for index, row in enumerate(status[rows]):
        assert bars[index]["value"] == row["completion"]
        assert ticks[index]["value"] == row["expected"]
        reported = row.get("latest_date", row.get("last_report", True)) is not None
        assert bars[index]["light"] == (row["light"] if reported else "grey")
        assert f"{row['completion']:.2f}%" in bars[index]["title"]
    assert_proportional(bars, axis=0)
    if chart == "units":  # ranked, the full name in the data and the hover text
        assert [bars[i]["name"] for i in range(len(bars))] == [u["name"] for u in status["units"]]
        assert [bars[i]["label"] for i in range(len(bars))] == [short_unit(u["name"]) for u in status["units"]]
        assert bars[0]["title"] == f"{status['units'][0]['name']}：完成进度{status['units'][0]['completion']:.2f}%"


def test_colours_follow_the_lights(bundled):
    status = bundled["status"]
    svg = draw.svg(specs.tasks(status)).lower()
    lights = set()
    for index, task in enumerate(status["tasks"]):
        light = task["light"] if task["latest_date"] else "grey"  # nothing reported yet: grey
        lights.add(light)
        group = re.search(rf'<g id="tasks-completion-{index}".*?</g>', svg, re.S).group(0)
        assert f'fill="{specs.LIGHT_FILLS[light].lower()}"' in group, (task["no"], light)
        assert f'stroke="{specs.LIGHT_EDGES[light].lower()}"' in group
    assert {"green", "yellow", "grey"} <= lights


# ---------------------------------------------------------------- 1 进度趋势


def test_trend_points_are_the_status_at_each_month_end(bundled, jsj):
    trend = bundled["trend"]
    found = drawn(specs.trend(trend))
    plan, expected = series(found, "trend", "plan"), series(found, "trend", "expected")
    days = [m["date"] for m in trend["months"]]
    assert days == ["2021-12-31", "2022-01-31", "2022-02-28", "2022-03-31", "2022-04-30", "2022-05-31", "2022-06-30"]
    assert len(plan) == len(expected) == len(days)
    for index, day in enumerate(days):
        status = doc(jsj, "status", "--as-of", day)
        assert plan[index]["value"] == status["plan"]["completion"]
        assert expected[index]["value"] == status["plan"]["expected"]
        for number_, section in enumerate(status["sections"]):
            assert series(found, "trend", f"s{section['no']}")[index]["value"] == section["completion"]
            assert trend["months"][index]["sections"][number_] == section["completion"]
    assert plan[len(days) - 1]["label"] == "2022-06"
    assert plan[len(days) - 1]["value"] == bundled["status"]["plan"]["completion"] > 0


def test_the_bulletins_trend_is_the_plan_and_its_schedule_only(bundled):
    spec = specs.trend(bundled["trend"], sections=False)
    assert [s.key for s in spec.series] == ["plan", "expected"]


# ---------------------------------------------------------------- 4 报送情况


def test_reporting_counts_per_period_due(bundled):
    reports = bundled["reports"]
    found = drawn(specs.reporting(reports))
    on_time, late, missing = (series(found, "reporting", key) for key in ("on_time", "late", "missing"))
    labels = [p["period"] for p in reports["history"][0]["periods"]]
    due = labels[: labels.index(reports["period"]["label"]) + 1]
    assert due == ["2022-01", "2022-02", "2022-03", "2022-04", "2022-05", "2022-06"]
    assert len(on_time) == len(missing) == len(due)
    for index, label in enumerate(due):
        rows = [p for u in reports["history"] for p in u["periods"] if p["period"] == label]
        owed, reported = sum(p["owed"] for p in rows), sum(p["reported"] for p in rows)
        made_late = sum(p["late"] for p in rows)
        assert (on_time[index]["value"], late[index]["value"]) == (reported, made_late)  # `reported`: on time
        assert missing[index]["value"] == owed - reported - made_late
        assert on_time[index]["label"] == label
    assert sum(m["value"] for m in on_time.values()) > 0
    assert_proportional({**on_time, **{100 + i: m for i, m in missing.items()}}, axis=1)


def test_reporting_reads_late_reports_where_the_document_has_them(bundled):
    reports = json.loads(json.dumps(bundled["reports"]))
    for unit in reports["history"]:
        for period in unit["periods"]:
            if period["period"] == "2022-05":
                period["late"] = min(1, period["owed"] - period["reported"])
    late_total = sum(p["late"] for u in reports["history"] for p in u["periods"] if p["period"] == "2022-05")
    found = drawn(specs.reporting(reports))
    owed, on_time, late, missing = specs.period_counts(reports, "2022-05")
    assert late == late_total > 0 and missing == owed - on_time - late
    assert series(found, "reporting", "late")[4]["value"] == late_total
    assert series(found, "reporting", "missing")[4]["value"] == missing


def test_reporting_before_anything_is_due_and_without_a_schedule(jsj):
    early = doc(jsj, "reports", "--period", "all", "--as-of", "2022-01-10")
    assert specs.reporting(early).empty == "尚无到期的报送期。"
    assert specs.reporting(None).empty == "本计划未设定报送周期。"


# ---------------------------------------------------------------- 5 问题


def test_problems_per_month_and_by_age(bundled):
    problems = bundled["problems"]
    assert len(problems) == 3
    found = drawn(specs.problems_monthly(problems, AS_OF))
    opened, closed = series(found, "problems-monthly", "opened"), series(found, "problems-monthly", "closed")
    months = [opened[i]["label"] for i in sorted(opened)]
    assert months == ["2022-02", "2022-03", "2022-04", "2022-05", "2022-06"]
    assert [opened[i]["value"] for i in sorted(opened)] == [1, 0, 1, 0, 1]
    assert [closed[i]["value"] for i in sorted(closed)] == [0, 0, 0, 1, 0]
    # open on 06-30: the major one raised 02-10 (140 days), the other raised 06-12 (18 days)
    aged = drawn(specs.problems_age(problems, AS_OF))
    major, ordinary = series(aged, "problems-age", "major"), series(aged, "problems-age", "ordinary")
    assert [major[i]["value"] for i in range(4)] == [0, 0, 1, 0]
    assert [ordinary[i]["value"] for i in range(4)] == [1, 0, 0, 0]
    assert major[2]["label"] == "91至180天" and "重大问题1" in major[2]["title"]


def test_a_problem_closed_after_the_date_is_open_in_that_chart(bundled, jsj):
    assert jsj("problem", "close", "1", "--note", "指标已落实", "-d", "2022-07-05").exit_code == 0
    then = doc(jsj, "problem", "list", "--all", "--as-of", AS_OF)
    aged = drawn(specs.problems_age(then, AS_OF))
    assert series(aged, "problems-age", "major")[2]["value"] == 1
    later = doc(jsj, "problem", "list", "--all", "--as-of", "2022-07-31")
    monthly = drawn(specs.problems_monthly(later, "2022-07-31"))
    assert series(monthly, "problems-monthly", "closed")[5]["value"] == 1  # 2022-07


def test_no_problems():
    assert specs.problems_monthly([], AS_OF).empty == "截至当日未提出问题。"
    assert specs.problems_age([], AS_OF).empty == "目前无未解决的问题。"


# ---------------------------------------------------------------- 6 目标


def test_growth_target_is_each_scopes_index_against_the_path(bundled):
    (target,) = bundled["target"]["targets"]
    assert bundled["status"]["targets"] == bundled["target"]["targets"]  # the same documents
    found = drawn(specs.targets(bundled["status"])[0])
    for number_, scope in enumerate(target["scopes"], start=1):
        points = series(found, "target1", f"scope{number_}")
        assert {p["label"]: p["value"] for p in points.values()} == {
            str(y["year"]): y["volume_index"] for y in scope["years"] if y["volume_index"] is not None
        }
    path = series(found, "target1", "path")
    assert path[0]["label"] == "2021" and path[0]["value"] == target["scopes"][0]["years"][0]["target_index"] == 110


def test_level_and_share_targets_on_the_second_plan(second):
    level, share = second["target"]["targets"]
    charts = specs.targets(second["status"])
    assert [c.title for c in charts] == [f"目标：{level['indicator']}", f"目标：{share['indicator']}"]
    found = drawn(charts[0])
    values = {p["label"]: p["value"] for k, p in found.items() if "-scope" in k}
    assert values == {"2024": 40.0}  # 北原市 40 家 in 2024 (南湖市's 60 is under its own scope)
    assert series(found, "target1", "required")[0]["value"] == level["target_value"]
    whole = drawn(charts[1])
    assert (
        series(whole, "target2", "scope1")[0]["value"] == 55
        and "全域" in series(whole, "target2", "scope1")[0]["title"]
    )
    assert series(whole, "target2", "required")[0]["value"] == share["target_value"] == 90


def test_no_targets_or_no_statistics(bundled):
    assert specs.targets({"targets": []})[0].empty == "本计划未设定量化目标。"
    bare = json.loads(json.dumps(bundled["status"]["targets"][0]))
    for scope in bare["scopes"]:
        scope["years"] = []
    assert specs.target(bare, "target1").empty == "尚无统计数据。"


# ---------------------------------------------------------------- 7 考评


def test_assessment_bars_are_the_scores_weighted_parts(bundled):
    scores = bundled["assess"]
    found = drawn(specs.assessment(scores))
    assert any(u["P"] is None for u in scores["units"]) and any(u["P"] is not None for u in scores["units"])
    for index, unit in enumerate(scores["units"]):
        weights = unit["weights"]  # the unit's own: without a P, its weight is shared between C and R
        c, r = series(found, "assessment", "C")[index], series(found, "assessment", "R")[index]
        assert c["value"] == round(unit["C"] * weights["progress"], 2)
        assert r["value"] == round(unit["R"] * weights["reporting"], 2)
        parts = [c, r]
        if unit["P"] is None:
            assert f"assessment-P-{index}" not in found, "a P of null draws nothing"
        else:
            p = series(found, "assessment", "P")[index]
            assert p["value"] == round(unit["P"] * weights["problems"], 2)
            parts.append(p)
        assert abs(sum(part["value"] for part in parts) - unit["score"]) <= 0.02
        assert c["score"] == f"{unit['C']:.2f}" and c["total"] == f"{unit['score']:.2f}"
    assert [series(found, "assessment", "C")[i]["name"] for i in range(len(scores["units"]))] == [
        u["name"] for u in scores["units"]
    ]


def test_assessment_with_no_p_and_a_units_own_weights(bundled):
    scores = json.loads(json.dumps(bundled["assess"]))
    unit = scores["units"][0]
    unit["P"], unit["weights"] = None, {"progress": 0.7, "reporting": 0.3, "problems": 0.0}
    found = drawn(specs.assessment(scores))
    assert "assessment-P-0" not in found
    assert series(found, "assessment", "C")[0]["value"] == round(unit["C"] * 0.7, 2)
    assert series(found, "assessment", "R")[0]["value"] == round(unit["R"] * 0.3, 2)


# ---------------------------------------------------------------- the second plan, English


def test_every_chart_of_the_second_plan_holds_its_documents(second):
    d = second
    charts = specs.cockpit_specs(d["status"], d["trend"], d["reports"], d["problems"], d["assess"])
    assert [c.key for c in charts] == [
        "trend",
        "units",
        "tasks",
        "sections",
        "reporting",
        "problems-monthly",
        "problems-age",
        "target1",
        "target2",
        "assessment",
    ]
    assert all(c.empty is None for c in charts)
    svgs = {c.key: draw.svg(c) for c in charts}
    for word in ("晋陕豫", "运城", "临汾", "山西", "六大板块"):
        assert not any(word in svg for svg in svgs.values()), word
    reporting = marks(svgs["reporting"])
    assert [m["label"] for k, m in reporting.items() if k.startswith("reporting-on_time")] == [
        "2024Q2",
        "2024Q3",
        "2024Q4",
        "2025Q1",
    ]
    units = series(marks(svgs["units"]), "units", "completion")
    assert [units[i]["value"] for i in range(len(units))] == [u["completion"] for u in d["status"]["units"]]
    plan = series(marks(svgs["trend"]), "trend", "plan")
    assert plan[len(plan) - 1]["value"] == d["status"]["plan"]["completion"]
    assert plan[0]["label"] == "2024-03"


def test_english_labels(bundled):
    i18n.set_lang("en")
    try:
        spec = specs.units(bundled["status"])
        assert spec.title == "Progress by unit"
        svg = draw.svg(spec)
    finally:
        i18n.set_lang("zh")
    assert "Completion" in svg and "完成进度" not in svg
    assert ">省商务厅</text>" in svg  # the plan's own names stay as written


# ---------------------------------------------------------------- the bulletin's font


def test_a_cjk_font_is_one_with_every_character_and_one_installed_later_is_found(monkeypatch):
    from matplotlib import font_manager

    from jinsanjiao_cli.render.charts import fonts

    fonts._first_covering.cache_clear()
    if fonts.cjk_font("进度") is None:
        pytest.skip("no font with Chinese glyphs on this machine (apt-get install fonts-noto-cjk)")
    assert fonts.cjk_font("进度趋势 0.5%") == "Noto Sans CJK SC"  # the first preferred face that has them
    assert fonts.cjk_font("\U0010fffd") is None  # nobody draws a private-use character: no font, no boxes
    # as if fonts-noto-cjk came after matplotlib cached its list of fonts
    cached = [entry for entry in font_manager.fontManager.ttflist if "CJK" not in entry.name]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", cached)
    fonts._first_covering.cache_clear()
    try:
        assert fonts.cjk_font("各单位推进情况") == "Noto Sans CJK SC"
    finally:
        fonts._first_covering.cache_clear()


def test_markup_in_the_plans_text_stays_text(bundled):
    from jinsanjiao_cli.render.charts import cockpit

    status = json.loads(json.dumps(bundled["status"]))
    hostile = '<script>alert(1)</script> & "引号"'
    status["units"][0]["name"] = hostile
    status["sections"][0]["title"] = hostile
    for spec in (specs.units(status), specs.sections(status)):
        drawn_svg = draw.svg(spec)
        page = cockpit.figure(cockpit.Drawn(spec, drawn_svg), 1)
        assert "<script" not in page and "&lt;script&gt;" in page
        assert marks(drawn_svg)[f"{spec.key}-completion-0"]["title"].startswith("<script>alert(1)</script>")
