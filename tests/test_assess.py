"""The assessment score by hand, and reminders before the due date at the window's edges."""

import json

import pytest

ASSESS_KEYS = {
    "name", "completion", "expected", "C", "reporting_rate", "R", "problems_due", "problems_closed_on_time", "P",
    "score", "rank", "weights",
}  # fmt: skip
WITHOUT_P = {"progress": 0.7059, "reporting": 0.2941, "problems": 0.0}  # 0.60/0.85 and 0.25/0.85


@pytest.fixture
def three_units(jsj):
    """Three units holding task 9 (whose lead unit is 省发展改革委). 省交通厅 reports 50% in each of
    January-March 2022 (ahead of the schedule); 省通信管理局 reports 10% in January, misses February's due
    date and makes February up on 2 March (5 days late), then sends nothing for March; 太原铁路局 reports 5%
    every month and raises a problem, due 1 March and naming no unit to act, so the lead unit is asked to act;
    it is closed on 10 March (late)."""
    for day in ("2022-01-20", "2022-02-20", "2022-03-20"):
        assert jsj("record", "9", "-u", "省交通厅", "-p", "50", "-d", day).exit_code == 0
        assert jsj("record", "9", "-u", "太原铁路局", "-p", "5", "-d", day).exit_code == 0
    for day in ("2022-01-20", "2022-03-02"):
        assert jsj("record", "9", "-u", "省通信管理局", "-p", "10", "-d", day).exit_code == 0
    args = ["--text", "线路迁改", "--date", "2022-02-01", "--due", "2022-03-01"]
    assert jsj("problem", "add", "9", "-u", "太原铁路局", *args).exit_code == 0
    assert jsj("problem", "close", "1", "--note", "已迁改", "--date", "2022-03-10").exit_code == 0


def assess(jsj, as_of: str) -> dict:
    result = jsj("assess", "--as-of", as_of, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_assessment_by_hand_on_31_march(jsj, three_units):
    # 序时进度 on 2022-03-31: 102 of 742 days = 13.7466; three periods are due (January to March). A unit
    # with no problem to act on has no P: its weights are 0.60/0.85 = 0.7059 for C and 0.25/0.85 = 0.2941 for R.
    doc = assess(jsj, "2022-03-31")
    assert doc["weights"] == {"progress": 0.6, "reporting": 0.25, "problems": 0.15} and doc["late_weight"] == 0.5
    units = {u["name"]: u for u in doc["units"]}
    assert set(units["省交通厅"]) == ASSESS_KEYS
    ahead, missed, raiser = units["省交通厅"], units["省通信管理局"], units["太原铁路局"]
    assert (ahead["C"], ahead["R"], ahead["P"], ahead["score"], ahead["rank"]) == (100.0, 100.0, None, 100.0, 1)
    assert ahead["weights"] == WITHOUT_P
    # C = 100 x 10 / 13.7466 = 72.75 (not capped). Its report of 2 March makes February up (迟报, 5 days
    # late), and March is overdue: 1 on time, 1 late, 1 missing. The on-time rate is 1/3 = 33.33;
    # R = (1 + 0.5) / 3 = 50.
    assert (missed["C"], missed["reporting_rate"], missed["R"], missed["P"]) == (72.75, 33.33, 50.0, None)
    assert missed["score"] == 66.06 and missed["rank"] == 2  # 0.7059 x 72.745 + 0.2941 x 50 = 66.055
    # The raiser is not judged for raising: no P. C = 100 x 5 / 13.7466 = 36.37; R = 100
    assert (raiser["C"], raiser["R"], raiser["problems_due"], raiser["P"]) == (36.37, 100.0, 0, None)
    assert raiser["score"] == 55.09 and raiser["rank"] == 3  # 0.7059 x 36.373 + 0.2941 x 100 = 55.087
    # The lead unit was asked to act and closed it after its due date: P = 0 of 1; C 0, R 0
    lead = units["省发展改革委"]
    assert (lead["problems_due"], lead["problems_closed_on_time"], lead["P"], lead["score"]) == (1, 0, 0.0, 0.0)
    assert lead["weights"] == {"progress": 0.6, "reporting": 0.25, "problems": 0.15}
    others = [u for u in doc["units"] if u["name"] not in {"省交通厅", "省通信管理局", "太原铁路局"}]
    assert {(u["score"], u["rank"]) for u in others} == {(0.0, 4)}  # C 0, R 0: equal scores share a rank
    assert [u["rank"] for u in doc["units"]] == sorted(u["rank"] for u in doc["units"])


def test_the_assessment_by_hand_on_30_june(jsj, three_units):
    # 序时进度 on 2022-06-30: 193 of 742 days = 26.0108; six periods are due, none reported since March.
    units = {u["name"]: u for u in assess(jsj, "2022-06-30")["units"]}
    # 3 of 6 on time: R = 50; score = 0.7059 x 100 + 0.2941 x 50 = 85.29
    assert (units["省交通厅"]["C"], units["省交通厅"]["R"], units["省交通厅"]["score"]) == (100.0, 50.0, 85.29)
    # 1 on time and 1 late of 6: R = 1.5 / 6 = 25; C = 100 x 10 / 26.0108 = 38.45; score = 34.49
    assert (units["省通信管理局"]["C"], units["省通信管理局"]["R"], units["省通信管理局"]["score"]) == (
        38.45,
        25.0,
        34.49,
    )
    # C = 100 x 5 / 26.0108 = 19.22; R = 50; score = 0.7059 x 19.2228 + 0.2941 x 50 = 28.27
    assert (units["太原铁路局"]["C"], units["太原铁路局"]["R"], units["太原铁路局"]["score"]) == (19.22, 50.0, 28.27)


def test_raising_a_problem_never_lowers_the_raisers_score_and_named_units_act(jsj, three_units):
    before = {u["name"]: u["score"] for u in assess(jsj, "2022-03-31")["units"]}
    args = ["--text", "资金缺口", "--date", "2022-02-01", "--due", "2022-03-15", "--needs", "运城"]
    assert jsj("problem", "add", "9", "-u", "省交通厅", *args).exit_code == 0
    after = {u["name"]: u for u in assess(jsj, "2022-03-31")["units"]}
    assert after["省交通厅"]["score"] == before["省交通厅"] and after["省交通厅"]["P"] is None
    yuncheng = after["运城市人民政府"]  # asked to act, not closed by its due date
    assert (yuncheng["problems_due"], yuncheng["P"]) == (1, 0.0)
    assert after["省发展改革委"]["problems_due"] == 1  # only the problem that named no one is the lead's


def test_a_late_weight_set_for_the_ledger_changes_r(jsj, three_units):
    assert jsj("settings", "set", "assessment.late_weight", "0.25").exit_code == 0
    missed = next(u for u in assess(jsj, "2022-03-31")["units"] if u["name"] == "省通信管理局")
    assert missed["R"] == 41.67  # (1 + 0.25) / 3
    assert assess(jsj, "2022-03-31")["late_weight"] == 0.25


def test_before_any_period_is_due_and_a_unit_without_problems(jsj):
    doc = assess(jsj, "2022-01-10")
    first = doc["units"][0]
    assert (first["reporting_rate"], first["R"], first["problems_due"], first["P"]) == (None, 100.0, 0, None)
    assert first["C"] == 0.0 and first["score"] == 29.41  # 0.7059 x 0 + 0.2941 x 100


def test_the_assessment_as_csv_and_table(jsj, three_units):
    csv_out = jsj("assess", "--as-of", "2022-03-31", "--format", "csv").stdout.splitlines()
    assert csv_out[0].split(",") == [
        "name", "completion", "expected", "C", "reporting_rate", "R", "problems_due", "problems_closed_on_time",
        "P", "score", "rank", "weight_progress", "weight_reporting", "weight_problems",
    ]  # fmt: skip
    assert csv_out[1] == "省交通厅,50.0,13.75,100.0,100.0,100.0,0,0,,100.0,1,0.7059,0.2941,0.0"
    table = jsj("assess", "--as-of", "2022-03-31").stdout
    assert "66.06" in table and "0.6×C + 0.25×R + 0.15×P" in table and "0.71/0.29/0" in table


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ("{progress: 0.5, reporting: 0.25, problems: 0.15}", "weights"),
        ("{progress: -0.1, reporting: 0.95, problems: 0.15}", "progress"),
    ],
)
def test_weights_that_do_not_sum_to_one_or_are_negative_are_refused(jsj, tmp_path, weights, message):
    from conftest import REPO

    written = "weights: {progress: 0.60, reporting: 0.25, problems: 0.15}"
    text = (REPO / "data" / "plan.yaml").read_text(encoding="utf-8")
    assert written in text
    plan = tmp_path / "plan.yaml"
    plan.write_text(text.replace(written, f"weights: {weights}"), encoding="utf-8")
    result = jsj("init", "--plan", plan)
    assert result.exit_code == 1 and message in result.stderr and "assessment" in result.stderr


@pytest.mark.parametrize(
    ("as_of", "listed", "days_left"),
    [("2022-06-25", True, 0), ("2022-06-22", True, 3), ("2022-06-21", False, None)],
)
def test_reminders_at_the_windows_edges(jsj, as_of, listed, days_left):
    doc = json.loads(jsj("remind", "--upcoming", "--as-of", as_of, "-u", "省交通厅", "--format", "json").stdout)
    assert doc["period"]["label"] == "2022-06"
    if not listed:
        assert doc["upcoming"] == []
        return
    assert doc["upcoming"] == [
        {
            "unit": "省交通厅", "task": 9, "title": "构建综合交通枢纽", "due": "2022-06-25", "days_left": days_left,
            "contact": None, "phone": None, "email": None,
        }
    ]  # fmt: skip


def test_the_reminder_notice_text(jsj):
    text = jsj("remind", "--upcoming", "--as-of", "2022-06-22", "-u", "省交通厅", "--format", "text").stdout.strip()
    assert text == "省交通厅：第9项“构建综合交通枢纽”2022年6月进展情况请于2022年6月25日前报送（还剩3天）。"
    today = jsj("remind", "--upcoming", "--as-of", "2022-06-25", "-u", "省交通厅", "--format", "text").stdout
    assert "请于今天（2022年6月25日）报送" in today
    wider = json.loads(
        jsj("remind", "--upcoming", "--within", "10", "--as-of", "2022-06-16", "--format", "json").stdout
    )
    assert len(wider["upcoming"]) == 62 and wider["upcoming"][0]["days_left"] == 9
    english = jsj("remind", "--upcoming", "--as-of", "2022-06-22", "-u", "省交通厅", "--format", "text", "--lang", "en")
    assert english.stdout.startswith(
        '省交通厅: please report on task 9 "构建综合交通枢纽" for June 2022 by 25 June 2022'
    )
