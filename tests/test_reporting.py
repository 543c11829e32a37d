"""The reporting cycle: periods and windows, who owes what, overdue and pending, the chase list and notices."""

import datetime as dt
import json

import openpyxl
import pytest

from jinsanjiao_cli.core.cycle import Owed, Reporting, placed_from_reports
from jinsanjiao_cli.core.schedule import Schedule, current_period, default_period, find_period, periods

D = dt.date
MONTHLY = Schedule("monthly", 25, "2022-01", "2023-12")
PLAN_START = D(2021, 12, 19)


# ---------------------------------------------------------------- the schedule, by hand


def test_windows_run_from_the_day_after_the_previous_due_date():
    months = periods(MONTHLY, PLAN_START)
    assert len(months) == 24
    first, june = months[0], find_period("2022-06", MONTHLY, months)
    assert (first.label, first.start, first.due) == ("2022-01", PLAN_START, D(2022, 1, 25))  # the plan's start
    assert (june.start, june.end, june.due) == (D(2022, 5, 26), D(2022, 6, 25), D(2022, 6, 25))


@pytest.mark.parametrize(
    ("days", "counts_for"),
    [
        # January's window runs from the plan's start to 25 January, February's to 25 February
        ([D(2022, 1, 20), D(2022, 2, 25)], [("2022-01", D(2022, 1, 20)), ("2022-02", D(2022, 2, 25))]),  # due day
        # while February has nothing, one dated the day after its due date makes it up (补报): late, not March's
        ([D(2022, 1, 20), D(2022, 2, 26)], [("2022-01", D(2022, 1, 20)), ("2022-02", D(2022, 2, 26))]),
        # after February's report, one dated the day after its due date is March's, in time
        (
            [D(2022, 1, 20), D(2022, 2, 20), D(2022, 2, 26)],
            [("2022-01", D(2022, 1, 20)), ("2022-02", D(2022, 2, 20)), ("2022-03", D(2022, 2, 26))],
        ),
        # March's window runs from 26 February to 25 March; its first half to 11 March
        (
            [D(2022, 1, 20), D(2022, 3, 11), D(2022, 3, 20)],
            [("2022-01", D(2022, 1, 20)), ("2022-02", D(2022, 3, 11)), ("2022-03", D(2022, 3, 20))],
        ),
        # in the window's second half, a report is the window's own: February stays missing, March is in time
        ([D(2022, 1, 20), D(2022, 3, 12)], [("2022-01", D(2022, 1, 20)), ("2022-03", D(2022, 3, 12))]),
        # a unit that skipped January and then reports on the 20th is missing January only
        ([D(2022, 2, 20), D(2022, 3, 20)], [("2022-02", D(2022, 2, 20)), ("2022-03", D(2022, 3, 20))]),
        # a unit that reports on the 26th is a day late every month
        ([D(2022, 1, 26), D(2022, 2, 26)], [("2022-01", D(2022, 1, 26)), ("2022-02", D(2022, 2, 26))]),
        ([D(2021, 12, 19)], [("2022-01", D(2021, 12, 19))]),  # the plan's first day, in the first window
        ([D(2021, 12, 18)], []),  # before the plan: no period
        ([D(2023, 12, 26)], [("2023-12", D(2023, 12, 26))]),  # after the last due date: the last period, late
    ],
)
def test_a_report_counts_for_its_window_or_makes_up_the_period_just_missed(days, counts_for):
    months = periods(MONTHLY, PLAN_START)
    placed = placed_from_reports([(day, None) for day in days], months, as_of=D(2030, 1, 1))
    assert sorted((months[i].label, day) for i, day in placed.items()) == counts_for


def test_a_report_that_names_its_period_counts_for_it():
    months = periods(MONTHLY, PLAN_START)
    placed = placed_from_reports([(D(2022, 7, 10), "2022-05")], months, as_of=D(2030, 1, 1))
    assert {months[i].label: day for i, day in placed.items()} == {"2022-05": D(2022, 7, 10)}
    # named: June is left for the report dated early in July's window, which makes it up
    both = placed_from_reports([(D(2022, 7, 10), "2022-05"), (D(2022, 7, 5), None)], months, as_of=D(2030, 1, 1))
    assert {months[i].label: day for i, day in both.items()} == {"2022-05": D(2022, 7, 10), "2022-06": D(2022, 7, 5)}


def test_a_report_dated_after_the_as_of_date_does_not_count_yet():
    months = periods(MONTHLY, PLAN_START)
    assert placed_from_reports([(D(2022, 6, 20), None)], months, as_of=D(2022, 6, 19)) == {}


def test_due_day_31_falls_on_the_last_day_of_february_in_a_leap_year():
    leap = periods(Schedule("monthly", 31, "2024-01", "2024-03"), D(2023, 12, 1))
    assert [p.due for p in leap] == [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31)]
    assert leap[1].start == D(2024, 2, 1)


def test_quarterly_periods_and_their_names():
    quarters = periods(Schedule("quarterly", 25, "2022Q1", "2022Q4"), PLAN_START)
    assert [(p.label, p.start, p.due) for p in quarters] == [
        ("2022Q1", PLAN_START, D(2022, 3, 25)),
        ("2022Q2", D(2022, 3, 26), D(2022, 6, 25)),
        ("2022Q3", D(2022, 6, 26), D(2022, 9, 25)),
        ("2022Q4", D(2022, 9, 26), D(2022, 12, 25)),
    ]
    assert find_period("2022-06", Schedule("quarterly", 25, "2022Q1", "2022Q4"), quarters).label == "2022Q2"


def test_the_default_period_is_the_latest_due_else_the_first():
    months = periods(MONTHLY, PLAN_START)
    assert default_period(months, D(2022, 6, 30)).label == "2022-06"
    assert default_period(months, D(2022, 6, 25)).label == "2022-06"
    assert default_period(months, D(2022, 6, 24)).label == "2022-05"
    assert default_period(months, D(2022, 1, 10)).label == "2022-01"  # before the first due date
    assert months[current_period(months, D(2022, 6, 24))].label == "2022-06"


def test_states_rates_and_a_unit_with_no_tasks():
    months = periods(MONTHLY, PLAN_START)
    owed = [Owed(1, "甲", "A"), Owed(2, "乙", "A"), Owed(1, "甲", "B")]
    # A reports task 1 in time every month, January to June, and never task 2; B reports in time January to
    # May, and June's report a day late
    monthly = [D(2022, month, 20) for month in range(1, 6)]
    days = {(1, "A"): [*monthly, D(2022, 6, 20)], (1, "B"): [*monthly, D(2022, 6, 26)]}
    reports = {key: [(day, None) for day in found] for key, found in days.items()}
    view = Reporting.from_reports(["A", "B", "C"], owed, reports, months, as_of=D(2022, 6, 30))
    june = view.items(5)
    assert [(i.owed.unit, i.owed.task, i.state, i.days_late) for i in june] == [
        ("A", 1, "reported", None),
        ("A", 2, "overdue", None),
        ("B", 1, "late", 1),
    ]
    summaries = {s.name: s for s in view.unit_summaries(june)}
    assert (summaries["A"].owed, summaries["A"].reported, summaries["A"].rate) == (2, 1, 50.0)
    assert (summaries["B"].reported, summaries["B"].late, summaries["B"].rate) == (0, 1, 0.0)  # the rate is on time
    assert (summaries["C"].owed, summaries["C"].rate) == (0, None)  # owes nothing: no rate
    assert view.on_time_rate("A") == pytest.approx(100 * 6 / 12)  # 6 periods due x 2 tasks, six in time
    assert view.on_time_rate("B") == pytest.approx(100 * 5 / 6)  # January to May in time; June late
    assert view.weighted_rate("B", 0.5) == pytest.approx(100 * 5.5 / 6)  # R: a late report counts half
    assert view.on_time_rate("C") is None
    july = view.items(6)
    assert [i.state for i in july] == ["pending", "pending", "pending"]  # B's late report is June's, not July's


# ---------------------------------------------------------------- the commands


def reports(jsj, *args) -> dict:
    result = jsj("reports", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_reports_json_keys_and_counts(jsj):
    jsj("record", "9", "-u", "省交通厅", "-p", "40", "-d", "2022-06-20")
    doc = reports(jsj, "--as-of", "2022-06-30")
    assert set(doc) == {"as_of", "period", "units", "late", "overdue"}
    assert doc["period"] == {"label": "2022-06", "start": "2022-05-26", "end": "2022-06-25", "due": "2022-06-25"}
    assert sum(u["owed"] for u in doc["units"]) == 62  # every responsible unit, every key task it holds
    transport = next(u for u in doc["units"] if u["name"] == "省交通厅")
    assert transport == {
        "name": "省交通厅",
        "owed": 1,
        "reported": 1,
        "late": 0,
        "overdue": 0,
        "pending": 0,
        "rate": 100.0,
        "last_report": "2022-06-20",
    }
    assert doc["late"] == []
    assert len(doc["overdue"]) == 61
    assert set(doc["overdue"][0]) == {"unit", "task", "title", "due", "days_overdue"}
    assert doc["overdue"][0]["days_overdue"] == 5


def test_reports_for_every_period_rank_the_units(jsj):
    jsj("record", "9", "-u", "省交通厅", "-p", "40", "-d", "2022-01-20")
    jsj("record", "9", "-u", "省交通厅", "-p", "45", "-d", "2022-02-20")
    doc = reports(jsj, "--period", "all", "--as-of", "2022-03-31")
    assert doc["history"][0]["unit"] == "省交通厅" and doc["history"][0]["rate"] == pytest.approx(66.67)
    first = doc["history"][0]["periods"][:4]
    counts = ("owed", "reported", "late", "overdue", "pending")
    assert first == [
        {"period": "2022-01", "due": "2022-01-25", **dict(zip(counts, (1, 1, 0, 0, 0), strict=True))},
        {"period": "2022-02", "due": "2022-02-25", **dict(zip(counts, (1, 1, 0, 0, 0), strict=True))},
        {"period": "2022-03", "due": "2022-03-25", **dict(zip(counts, (1, 0, 0, 1, 0), strict=True))},
        {"period": "2022-04", "due": "2022-04-25", **dict(zip(counts, (1, 0, 0, 0, 1), strict=True))},
    ]
    assert all(set(r) == {"unit", "rate", "periods"} for r in doc["history"])


def test_periods_not_yet_due_are_pending_not_missed_in_every_format(jsj):
    jsj("record", "9", "-u", "省交通厅", "-p", "40", "-d", "2022-01-20")
    periods = reports(jsj, "--period", "all", "--as-of", "2022-03-10")["history"]
    transport = next(r for r in periods if r["unit"] == "省交通厅")["periods"]
    assert [(p["period"], p["overdue"], p["pending"]) for p in transport[:4]] == [
        ("2022-01", 0, 0),
        ("2022-02", 1, 0),
        ("2022-03", 0, 1),  # due 2022-03-25: not yet
        ("2022-04", 0, 1),
    ]
    assert all(p["overdue"] == 0 for r in periods for p in r["periods"] if p["due"] > "2022-03-10")
    table = jsj("reports", "--period", "all", "--as-of", "2022-03-10").stdout
    row = [line for line in table.splitlines() if "省交通厅" in line][-1].split()
    assert row[1:5] == ["50.0", "1/1", "0/1", "待报"] and row.count("待报") == 22
    written = jsj("reports", "--period", "all", "--as-of", "2022-03-10", "--format", "csv").stdout.splitlines()
    assert written[0] == "unit,rate,period,due,owed,reported,late,overdue,pending"
    assert "省交通厅,50.0,2022-03,2022-03-25,1,0,0,0,1" in written
    assert len(written) == 1 + 15 * 24  # every unit, every period


def test_reports_before_the_first_due_date_are_pending(jsj):
    doc = reports(jsj, "--as-of", "2022-01-10")
    assert doc["period"]["label"] == "2022-01" and doc["overdue"] == []
    assert sum(u["pending"] for u in doc["units"]) == 62


def test_fail_on_overdue_exits_3_for_cron(jsj):
    assert jsj("reports", "--as-of", "2022-06-30", "--fail-on", "overdue").exit_code == 3
    assert jsj("reports", "--as-of", "2022-01-10", "--fail-on", "overdue").exit_code == 0
    jsj("record", "9", "-u", "省交通厅", "-p", "40", "-d", "2022-06-20", "--period", "2022-06")
    assert jsj("reports", "--as-of", "2022-06-30", "-u", "省交通厅", "--fail-on", "overdue").exit_code == 0


def test_the_chase_notice_text(jsj):
    doc = json.loads(jsj("remind", "--as-of", "2022-06-30", "-u", "省交通厅", "--format", "json").stdout)
    assert doc["overdue"] == [
        {
            "unit": "省交通厅",
            "task": 9,
            "title": "构建综合交通枢纽",
            "due": "2022-06-25",
            "days_overdue": 5,
            "contact": None,
            "phone": None,
            "email": None,
        }
    ]
    text = jsj("remind", "--as-of", "2022-06-30", "-u", "省交通厅", "--format", "text").stdout.strip()
    assert text == (
        "省交通厅：截至2022年6月30日，你单位尚未报送第9项“构建综合交通枢纽”2022年6月进展情况"
        "（应于2022年6月25日前报送），请尽快补报。"
    )
    assert jsj("unit", "set", "交通厅", "--contact", "张三", "--phone", "0351-1234567").exit_code == 0
    addressed = jsj("remind", "--as-of", "2022-06-30", "-u", "省交通厅", "--format", "text").stdout
    assert addressed.startswith("省交通厅张三同志：截至2022年6月30日")
    english = jsj("remind", "--as-of", "2022-06-30", "-u", "省交通厅", "--format", "text", "--lang", "en").stdout
    assert english.startswith("省交通厅, attn. 张三: as of 30 June 2022, your unit has not reported on task 9")
    table = jsj("remind", "--as-of", "2022-06-30", "-u", "省交通厅").stdout
    assert "0351-1234567" in table and "张三" in table


def test_contacts_are_validated_listed_and_kept_by_init(jsj):
    assert jsj("unit", "set", "运城", "--contact", "李四", "--email", "lisi@example.cn").exit_code == 0
    listed = json.loads(jsj("unit", "list", "--format", "json").stdout)
    yuncheng = next(u for u in listed if u["name"] == "运城市人民政府")
    assert (yuncheng["contact"], yuncheng["email"], yuncheng["phone"]) == ("李四", "lisi@example.cn", None)
    assert len(yuncheng["lead"]) > 0 and 1 in yuncheng["support"] and "运城" in yuncheng["aliases"]
    assert jsj("init").exit_code == 0
    again = json.loads(jsj("unit", "list", "--format", "json").stdout)
    assert next(u for u in again if u["name"] == "运城市人民政府")["contact"] == "李四"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["reports", "--period", "2022-13"], "“2022-13”不是月度期别"),
        (["reports", "--period", "2024-01"], "2024-01 不在报送安排内"),
        (["remind", "--period", "2021-12"], "2021-12 不在报送安排内"),
        (["unit", "set", "太原市", "--phone", "123456"], "未知单位“太原市”"),
        (["unit", "set", "运城", "--phone", "0351-CALL-ME"], "不是电话号码"),
        (["unit", "set", "运城", "--email", "not-an-email"], "不是邮箱地址"),
        (["unit", "set", "运城"], "没有要记录的联系方式"),
    ],
)
def test_bad_reporting_input_is_one_line(jsj, args, message):
    result = jsj(*args)
    assert result.exit_code == 1 and message in result.stderr and result.stderr.count("\n") == 1, result.stderr


@pytest.mark.parametrize(
    ("setting", "message"),
    [("due_day: 0", "due_day"), ("due_day: 32", "due_day"), ("frequency: weekly", "frequency")],
)
def test_a_bad_schedule_in_the_plan_is_refused(jsj, tmp_path, setting, message):
    from conftest import REPO

    text = (REPO / "data" / "plan.yaml").read_text(encoding="utf-8")
    assert "reporting: {frequency: monthly, due_day: 25}" in text
    plan = tmp_path / "plan.yaml"
    plan.write_text(text.replace("reporting: {frequency: monthly, due_day: 25}", "reporting: {" + setting + "}"))
    result = jsj("init", "--plan", plan)
    assert result.exit_code == 1 and message in result.stderr


def test_status_counts_the_overdue_reports_of_the_last_period_due(jsj):
    jsj("record", "9", "-u", "省交通厅", "-p", "40", "-d", "2022-06-20", "--period", "2022-06")
    jsj("record", "9", "-u", "省通信管理局", "-p", "20", "-d", "2022-06-28")  # makes June up, three days late
    doc = json.loads(jsj("status", "--as-of", "2022-06-30", "--format", "json").stdout)
    assert doc["reporting"] == {
        "period": "2022-06", "due": "2022-06-25", "owed": 62, "reported": 1, "late": 1, "overdue": 60,
    }  # fmt: skip
    transport = next(u for u in doc["units"] if u["name"] == "省交通厅")
    assert transport["overdue"] == 0 and transport["reporting_rate"] == pytest.approx(16.67)  # 1 of 6 due
    telecom = next(u for u in doc["units"] if u["name"] == "省通信管理局")
    assert (telecom["late"], telecom["overdue"], telecom["reporting_rate"]) == (1, 0, 0.0)
    assert "按时已报 1 份，迟报 1 份，逾期未报 60 份" in jsj("status", "--as-of", "2022-06-30").stdout
    early = json.loads(jsj("status", "--as-of", "2022-01-10", "--format", "json").stdout)
    assert early["reporting"] is None and early["units"][0]["reporting_rate"] is None


def test_the_export_has_a_reporting_sheet(jsj, tmp_path):
    jsj("record", "9", "-u", "省交通厅", "-p", "40", "-d", "2022-06-20", "--period", "2022-06")
    jsj("unit", "set", "省交通厅", "--contact", "张三")
    out = tmp_path / "ledger.xlsx"
    assert jsj("export", out, "--as-of", "2022-06-30").exit_code == 0
    ws = openpyxl.load_workbook(out)["报送情况"]
    rows = list(ws.iter_rows(values_only=True))
    header = rows[1]
    assert header[:5] == ("责任单位", "联系人", "电话", "邮箱", "按时报送率（%）") and header[5] == "2022-01"
    transport = next(r for r in rows if r[0] == "省交通厅")
    june = header.index("2022-06")
    assert transport[1] == "张三" and transport[june] == "1/1" and transport[june - 1] == "0/1"
    row = next(i for i, r in enumerate(rows, start=1) if r[0] == "省交通厅")
    assert ws.cell(row, june + 1).fill.fgColor.rgb.endswith("C6EFCE")  # complete: green
    assert ws.cell(row, june).fill.fgColor.rgb.endswith("FFC7CE")  # none: red
    assert any(r[0] == "省商务厅" and r[1] == 1 for r in rows)  # the overdue list below
    assert header[-1] == "2022-07" and transport[-1] == "待报"  # July is open: not yet due, not missed
    assert "2022-01 至 2022-07" in rows[0][0]  # the title names the periods shown


def test_the_template_for_a_period_marks_what_is_owed(jsj, tmp_path):
    jsj("record", "9", "-u", "省交通厅", "-p", "40", "-d", "2022-06-20", "--period", "2022-06")
    jsj("record", "9", "-u", "省通信管理局", "-p", "20", "-d", "2022-06-28")  # makes June up, 3 days late
    out = tmp_path / "form.xlsx"
    assert jsj("template", out, "--period", "2022-06", "--as-of", "2022-06-30").exit_code == 0
    book = openpyxl.load_workbook(out)
    form = list(book.worksheets[0].iter_rows(values_only=True))
    assert "2022年6月（应于2022年6月25日前报送）" in form[0][0] and form[1][-2:] == ("报送期", "本期报送")
    marks = {(r[0], r[2]): r[-1] for r in form[2:] if r[0]}
    assert marks[(9, "省交通厅")] == "按时已报" and marks[(9, "省发展改革委")] == "逾期未报"
    assert marks[(9, "省通信管理局")] == "迟报"
    periods_column = {(r[0], r[2]): r[-2] for r in form[2:] if r[0]}
    assert periods_column[(9, "省交通厅")] == "2022-06" and periods_column[(17, "运城市人民政府")] is None
    assert marks[(17, "运城市人民政府")] is None  # a safeguard owes no report
    assert any("2022年6月25日" in (r[1] or "") for r in book.worksheets[1].iter_rows(values_only=True))
    assert jsj("import", out, "--dry-run").exit_code == 0  # the extra column does not disturb the import


def test_the_picture_places_reports_as_the_rule_does(jsj, ledger):
    """The picture's reading (the database groups report days by window, one statement) agrees with the rule
    applied to every report (`placed_from_reports`), reports that name their period included."""
    import random

    from jinsanjiao_cli.ledger import opening, store
    from jinsanjiao_cli.ledger.paths import database_location
    from jinsanjiao_cli.ledger.picture import read_picture
    from jinsanjiao_cli.views.cycle import reporting_view

    rng = random.Random(7)
    units = ("运城", "临汾", "省交通厅", "省发展改革委")
    for _ in range(40):
        day = D(2021, 12, 19) + dt.timedelta(days=rng.randrange(0, 760))
        unit = rng.choice(units)
        named = ["--period", rng.choice(["2022-03", "2022-06", "2023-01"])] if rng.random() < 0.2 else []
        recorded = jsj("record", "9", "-u", unit, "-p", str(rng.randrange(0, 101)), "-d", day, *named)
        assert recorded.exit_code == 0 or "早于它的报告" in recorded.stderr, recorded.output
    db = opening.open_ledger(database_location(ledger))
    try:
        for as_of in (D(2022, 3, 1), D(2022, 6, 25), D(2022, 6, 26), D(2023, 12, 31), D(2024, 6, 1)):
            view = reporting_view(read_picture(db, as_of))
            rule = Reporting.from_reports(view.units, view.owed, store.report_days(db, as_of), view.periods, as_of)
            assert view.placed == rule.placed, as_of
            assert view.last == rule.last, as_of
    finally:
        db.close()
