"""The plan schema and `jsj plan check`: defaults that keep the bundled plan's meaning, every problem located."""

import copy
import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from jinsanjiao_cli.core.errors import PlanError
from jinsanjiao_cli.plans.plan import (
    GrowthTarget,
    LevelTarget,
    ReportingSchedule,
    ShareTarget,
    check_plan,
    load_plan,
    plan_summary,
)

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "data" / "plan.yaml"
# What `plan check` says of a counted item without a lead: what to fill in, and the way out.
NEEDS_LEAD = (
    "计入完成度的事项需要牵头单位：在 lead 中填写牵头单位（须在 units 中列出），或在其所在部分写明 counted: false"
)
SECOND = REPO / "tests" / "plans" / "county-commerce-2024.yaml"


def bundled_data() -> dict:
    return yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def problems_of(tmp_path: Path, data: dict) -> list[str]:
    """Each problem as `path: message`, in file order."""
    report = check_plan(write(tmp_path, data))
    assert report.plan is None
    return [f"{problem.where}: {problem.message}" for problem in report.problems]


def line_of(path: Path, fragment: str) -> int:
    return line_after(path, "", fragment)


def line_after(path: Path, anchor: str, fragment: str) -> int:
    """The line of the first `fragment` after the first `anchor`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if anchor in line)
    return next(n for n, line in enumerate(lines[start:], start + 1) if fragment in line)


# ---------------------------------------------------------------- the bundled plan keeps its meaning


def test_bundled_plan_kinds_follow_the_part_flag():
    plan, _ = load_plan(BUNDLED)
    assert [part.counted for part in plan.parts] == [True, True, False]
    assert [task.kind for task in plan.tasks] == ["key_task"] * 16 + ["safeguard"] * 3
    assert [task.counted for task in plan.tasks] == [True] * 16 + [False] * 3


def test_bundled_plan_defaults():
    plan, _ = load_plan(BUNDLED)
    assert plan.reporting == ReportingSchedule("monthly", 25, "2022-01", "2023-12")
    weights = plan.settings.assessment.weights
    assert (weights.progress, weights.reporting, weights.problems) == (0.60, 0.25, 0.15)
    (target,) = plan.targets
    assert isinstance(target, GrowthTarget)
    assert (target.annual_growth, target.level_unit, target.zone.name) == (10, "亿元", "示范区(山西片区)")
    assert plan.units[0].full_name == "山西省发展和改革委员会"


def test_summary_of_the_bundled_plan():
    plan, _ = load_plan(BUNDLED)
    summary = plan_summary(plan)
    assert summary["parts"] == 3 and summary["sections"] == 6
    assert summary["items"] == {"counted": 16, "not_counted": 3}
    assert (summary["units"], summary["projects"]) == (15, 56)
    # 62 on the 16 key tasks (README: one report a unit a task) and 2 on item 17, whose leads are the cities.
    assert (summary["assignments"], summary["leads"]) == (64, 18)
    assert summary["reporting"] == {
        "frequency": "monthly",
        "due_day": 25,
        "first_period": "2022-01",
        "last_period": "2023-12",
        "reports_per_period": 62,
    }
    assert summary["targets"][0]["measure"] == "real_growth" and summary["targets"][0]["zone"] == "示范区(山西片区)"


def test_the_second_plan_checks_and_summarises():
    plan, _ = load_plan(SECOND)
    summary = plan_summary(plan)
    assert (summary["parts"], summary["sections"]) == (4, 3)
    assert summary["items"] == {"counted": 11, "not_counted": 3}
    assert [task.section for task in plan.tasks if task.part == 3] == [None, None, None]
    assert plan.reporting == ReportingSchedule("quarterly", 20, "2024Q2", "2026Q4")
    level, share = plan.targets
    assert isinstance(level, LevelTarget) and (level.value, level.unit, level.zone) == (120, "家", None)
    assert isinstance(share, ShareTarget) and (share.value, share.unit, share.scopes) == (90, "%", [])
    assert "省商务厅" in {unit.name for unit in plan.units}
    assert not {unit.name for unit in plan.units} & {"省发展改革委", "运城市人民政府", "临汾市人民政府"}


def test_the_second_plan_holds_nothing_of_the_bundled_one():
    for path in (SECOND, SECOND.with_suffix(".txt")):
        text = path.read_text(encoding="utf-8")
        for fragment in ("晋陕豫", "运城", "临汾", "山西片区", "10%"):
            assert fragment not in text, (path.name, fragment)


# ---------------------------------------------------------------- counted parts and task kinds


def test_a_kind_that_disagrees_with_its_part_is_located(tmp_path):
    data = bundled_data()
    data["tasks"][17]["kind"] = "key_task"
    assert problems_of(tmp_path, data) == [
        "tasks[17].kind: 第 3 部分不计入完成度（counted: false），其事项的 kind 应为 safeguard（可省略）"
    ]


def test_a_kind_that_agrees_is_accepted(tmp_path):
    data = bundled_data()
    data["tasks"][0]["kind"] = "key_task"
    data["tasks"][18]["kind"] = "safeguard"
    assert check_plan(write(tmp_path, data)).problems == ()


def test_a_counted_part_makes_its_items_need_a_lead(tmp_path):
    data = bundled_data()
    data["parts"][2]["counted"] = True
    assert problems_of(tmp_path, data) == [
        f"tasks[17].lead: {NEEDS_LEAD}",
        f"tasks[18].lead: {NEEDS_LEAD}",
    ]


def test_items_of_a_part_with_sections_need_a_section(tmp_path):
    data = bundled_data()
    data["tasks"][4]["section"] = None
    assert problems_of(tmp_path, data) == ["tasks[4]: 第 2 部分分了板块，本事项也需要写明 section"]


def test_a_section_belongs_to_one_part(tmp_path):
    data = bundled_data()
    data["tasks"][17]["section"] = 6
    problems = problems_of(tmp_path, data)
    assert "tasks[13].section: 第 6 板块的事项分属第 2、3 部分；一个板块只能属于一个部分" in problems


# ---------------------------------------------------------------- reporting schedule


@pytest.mark.parametrize(
    ("reporting", "expected"),
    [
        ({}, ReportingSchedule("monthly", 25, "2022-01", "2023-12")),
        ({"frequency": "quarterly"}, ReportingSchedule("quarterly", 25, "2022Q1", "2023Q4")),
        ({"frequency": "quarterly", "first_period": "2022-05"}, ReportingSchedule("quarterly", 25, "2022Q2", "2023Q4")),
        ({"frequency": "quarterly", "last_period": "2023q3"}, ReportingSchedule("quarterly", 25, "2022Q1", "2023Q3")),
        ({"due_day": 31, "first_period": "2022-03"}, ReportingSchedule("monthly", 31, "2022-03", "2023-12")),
        ({"due_day": 1}, ReportingSchedule("monthly", 1, "2022-01", "2023-12")),
    ],
)
def test_reporting_settings_resolve_their_defaults(tmp_path, reporting, expected):
    data = bundled_data()
    data["settings"]["reporting"] = reporting
    report = check_plan(write(tmp_path, data))
    assert report.problems == ()
    assert report.plan.reporting == expected


def test_the_first_period_is_the_one_after_the_issue():
    from jinsanjiao_cli.core.schedule import period_after as _period_after

    assert _period_after(dt.date(2021, 12, 19), "monthly") == "2022-01"
    assert _period_after(dt.date(2021, 12, 19), "quarterly") == "2022Q1"
    assert _period_after(dt.date(2024, 3, 15), "quarterly") == "2024Q2"
    assert _period_after(dt.date(2024, 1, 1), "quarterly") == "2024Q2"
    assert _period_after(dt.date(2024, 1, 31), "monthly") == "2024-02"


def test_no_reporting_schedule(tmp_path):
    data = bundled_data()
    data["settings"]["reporting"] = None
    report = check_plan(write(tmp_path, data))
    assert report.plan.reporting is None and plan_summary(report.plan)["reporting"] is None


@pytest.mark.parametrize(
    ("reporting", "expected"),
    [
        ({"due_day": 0}, "settings.reporting.due_day: 应不小于 1（值0）"),
        ({"due_day": 32}, "settings.reporting.due_day: 应不大于 31（值32）"),
        (
            {"frequency": "weekly"},
            "settings.reporting.frequency: 应为 monthly、quarterly 之一（值“weekly”）",
        ),
        ({"first_period": "2022-13"}, "settings.reporting.first_period: “2022-13”不是月度期别；请写作 2022-06"),
        ({"first_period": "2022Q2"}, "settings.reporting.first_period: “2022Q2”不是月度期别；请写作 2022-06"),
        (
            {"frequency": "quarterly", "last_period": "2023Q5"},
            "settings.reporting.last_period: “2023Q5”不是季度期别；请写作 2022Q2（或 2022-06）",
        ),
        ({"first_period": "2024-01"}, "settings.reporting.first_period: first_period 2024-01 晚于 last_period 2023-12"),
        ({"last_period": "2021-11"}, "settings.reporting.last_period: first_period 2022-01 晚于 last_period 2021-11"),
    ],
)
def test_bad_reporting_settings_are_named(tmp_path, reporting, expected):
    data = bundled_data()
    data["settings"]["reporting"] = reporting
    assert problems_of(tmp_path, data) == [expected]


# ---------------------------------------------------------------- assessment weights


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        ({"progress": 0.7}, "settings.assessment.weights: 各项权重之和应为 1（现为 1.1）"),
        (
            {"progress": 1.1, "reporting": -0.1, "problems": 0},
            "settings.assessment.weights.reporting: 应不小于 0（值-0.1）",
        ),
        ({"progress": float("nan")}, "settings.assessment.weights.progress: 应为有限的数（值nan）"),
        ({"progress": "0.6"}, "settings.assessment.weights.progress: 应为数字，不加引号（值“0.6”）"),
    ],
)
def test_bad_weights_are_refused_in_one_line_naming_the_setting(tmp_path, weights, expected):
    data = bundled_data()
    data["settings"]["assessment"] = {"weights": weights}
    (problem,) = problems_of(tmp_path, data)
    assert problem.startswith(expected)


def test_weights_within_the_tolerance_are_accepted(tmp_path):
    data = bundled_data()
    data["settings"]["assessment"] = {"weights": {"progress": 0.6000004, "reporting": 0.25, "problems": 0.15}}
    assert check_plan(write(tmp_path, data)).problems == ()


# ---------------------------------------------------------------- targets


def test_a_plan_may_have_no_targets(tmp_path):
    data = bundled_data()
    data["targets"] = []
    assert plan_summary(check_plan(write(tmp_path, data)).plan)["targets"] == []


def test_each_kind_of_target_names_its_missing_fields(tmp_path):
    data = bundled_data()
    base = {"key": "x", "indicator": "规上工业增加值", "target_year": 2023}
    data["targets"] = [
        {**base, "key": "a", "measure": "level"},
        {**base, "key": "b", "measure": "real_growth"},
        {**base, "key": "c", "measure": "share", "value": 120},
        {**base, "key": "d", "measure": "average"},
        {**base, "key": "e", "measure": "level", "value": 5, "unit": "家", "annual_growth": 3},
    ]
    assert problems_of(tmp_path, data) == [
        "targets[0].value: 缺少此项，须填写",
        "targets[0].unit: 缺少此项，须填写",
        "targets[1].annual_growth: 缺少此项，须填写",
        "targets[2].value: 应不大于 100（值120）",
        "targets[3]: measure 应为 real_growth、level、share 之一（值“average”）",
        "targets[4].annual_growth: 不是此处可用的键（值3）：请检查拼写或删去",
    ]


def test_a_zone_needs_two_scopes_and_target_keys_are_unique(tmp_path):
    data = bundled_data()
    second = copy.deepcopy(data["targets"][0]) | {"scopes": [{"name": "运城市"}]}
    data["targets"].append(second)
    assert problems_of(tmp_path, data) == [
        "targets[1].key: 目标 key gdp_growth 重复出现",
        "targets[1].zone: zone 是各 scopes 的合计，至少需要 2 个 scopes（现有 1 个）",
    ]


def test_scopes_and_zone_are_optional(tmp_path):
    data = bundled_data()
    data["targets"][0].pop("zone")
    data["targets"].append(copy.deepcopy(data["targets"][0]) | {"key": "other", "scopes": []})
    plan = check_plan(write(tmp_path, data)).plan
    assert [(t.zone, len(t.scopes)) for t in plan.targets] == [(None, 2), (None, 0)]


# ---------------------------------------------------------------- units left empty, as a draft leaves them


def test_an_empty_full_name_or_level_takes_its_default(tmp_path):
    data = bundled_data()
    data["units"][0] = {"name": "省发展改革委", "full_name": None, "level": None}
    plan = check_plan(write(tmp_path, data)).plan
    assert (plan.units[0].full_name, plan.units[0].level, plan.units[0].aliases) == ("省发展改革委", "other", [])


# ---------------------------------------------------------------- every problem located, in one pass


def test_every_problem_has_its_path_and_line(tmp_path):
    data = bundled_data()
    data["tasks"][3]["lead"] = ["省发改委"]  # an alias, not a unit name
    data["tasks"][5]["support"].append("省科技厅")  # already the lead
    data["units"][2]["aliases"].append("商务厅")  # 省商务厅's alias
    path = write(tmp_path, data)
    report = check_plan(path)
    located = [problem.located(report.file) for problem in report.problems]
    assert located == [
        f"{path}:{_nth_line(path, '- 商务厅', 2)}: units[2].aliases[3]: 别名 商务厅 同时给了 省商务厅 和 省工信厅",
        f"{path}:{_nth_line(path, '- 省发改委', 2)}: tasks[3].lead[0]: 未在 units 中列出的单位 省发改委",
        f"{path}:{_nth_line(path, '- 省科技厅', 2)}: tasks[5].support[3]: 单位 省科技厅 在本事项中出现两次",
    ]


def _nth_line(path: Path, fragment: str, nth: int) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [n for n, line in enumerate(lines, 1) if line.strip() == fragment][nth - 1]


def test_load_plan_lists_every_problem(tmp_path):
    data = bundled_data()
    data["plan"]["issued_on"] = "2021-13-19"
    data["settings"]["lights"]["red_behind"] = 5
    data["tasks"][0]["part"] = 9  # a reference, checked in the same run as the fields
    path = write(tmp_path, data)
    with pytest.raises(PlanError) as refused:
        load_plan(path)
    assert str(refused.value).splitlines() == [
        f"{path}：计划文件有 4 处问题：",
        f"  {path}:{line_of(path, 'issued_on')}: plan.issued_on: 不是有效日期（值“2021-13-19”）：请写成 YYYY-MM-DD",
        f"  {path}:{line_after(path, 'tasks:', 'part: 9')}: tasks[0].part: 没有第 9 部分",
        f"  {path}:{line_after(path, 'tasks:', 'part: 9') + 1}: tasks[0].section: "
        "第 1 板块的事项分属第 2、9 部分；一个板块只能属于一个部分",
        f"  {path}:{line_of(path, 'lights:')}: settings.lights: red_behind must not be below yellow_behind",
    ]


def test_plan_check_shows_field_and_reference_problems_in_one_run(jsj, tmp_path):
    data = bundled_data()
    data["plan"]["issued_on"] = "2021-02-30"
    for index in range(5):
        data["tasks"][index]["lead"] = [f"无此单位{index}"]
    path = write(tmp_path, data)
    result = jsj("plan", "check", path)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}:{line_of(path, 'issued_on')}: plan.issued_on: 不是有效日期（值“2021-02-30”）：请写成 YYYY-MM-DD",
        *(
            f"{path}:{line_of(path, f'- 无此单位{index}')}: tasks[{index}].lead[0]: "
            f"未在 units 中列出的单位 无此单位{index}"
            for index in range(5)
        ),
    ]


def test_an_entry_that_fails_its_own_fields_hides_no_other_problem(tmp_path):
    data = bundled_data()
    data["units"][0]["aliases"] = 5  # the unit's own entry fails: names of it are not judged unknown
    data["tasks"][3]["period"] = {"start": "2022-01-01", "end": "someday"}
    data["tasks"][4]["lead"] = ["无此单位"]
    data["tasks"][5]["part"] = 9
    found = problems_of(tmp_path, data)
    assert [line.split(":")[0] for line in found] == [
        "units[0].aliases",
        "tasks[3].period.end",
        "tasks[5].part",
        "tasks[5].section",  # its section now spans two parts
    ]
    assert found[-2] == "tasks[5].part: 没有第 9 部分"


def test_dates_outside_the_supported_years_are_refused(tmp_path):
    data = bundled_data()
    data["plan"]["period"]["end"] = "2323-12-31"
    assert problems_of(tmp_path, data) == ["plan.period.end: 日期 2323-12-31 应在 1900-2100 年之间"]


# ---------------------------------------------------------------- jsj plan check


def test_plan_check_prints_the_summary(jsj):
    result = jsj("plan", "check", BUNDLED)
    assert result.exit_code == 0, result.stderr
    for fragment in ("计入完成度 16 项，不计入 3 项", "64 项（其中牵头 18 项）", "2022-01 至 2023-12，每期 62 份"):
        assert fragment in result.stdout


def test_plan_check_json_is_the_summary(jsj):
    result = jsj("plan", "check", SECOND, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == plan_summary(load_plan(SECOND)[0])


def test_plan_check_lists_problems_one_a_line_and_exits_1(jsj, tmp_path):
    data = bundled_data()
    data["tasks"][0]["lead"] = ["无此单位"]
    data["tasks"][2]["support"] = ["省工信厅"]  # the item's lead
    path = write(tmp_path, data)
    result = jsj("plan", "check", path, "--lang", "en")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}:{line_of(path, '- 无此单位')}: tasks[0].lead[0]: the unit 无此单位 is not listed in units",
        f"{path}:{line_after(path, 'title: 瞄准产业链关键环节承接产业转移', 'support:') + 1}: tasks[2].support[0]: "
        "the unit 省工信厅 is listed twice in this item",
    ]


def test_plan_check_touches_no_database(jsj, tmp_path, monkeypatch):
    db = tmp_path / "never.sqlite3"
    monkeypatch.setenv("JSJ_DB", str(db))
    assert jsj("plan", "check", BUNDLED).exit_code == 0
    assert not db.exists()


def test_docs_describe_the_format_and_the_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "`jsj plan check" in readme and "`jsj plan draft" in readme and "docs/plan-format.md" in readme
    reference = BUNDLED.read_text(encoding="utf-8").splitlines()[2]
    assert "docs/plan-format.md" in reference and (REPO / "docs" / "plan-format.md").is_file()
