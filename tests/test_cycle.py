"""Issue 16, a real month: late reports (迟报、补报) and the period a report names, the four states everywhere,
ledger settings over the plan file's, a coordinating unit outside the plan, problem dates, the safer
defaults, and the bulletin an office circulates. Figures that change are computed by hand in comments."""

import csv
import json

import docx
import openpyxl
import pytest

from jinsanjiao_cli.core.values import fixed, round_half_up


def as_json(jsj, *args, code: int = 0):
    result = jsj(*args, "--format", "json")
    assert result.exit_code == code, result.output
    return json.loads(result.stdout)


def unit_of(document: dict, name: str) -> dict:
    return next(u for u in document["units"] if u["name"] == name)


# ---------------------------------------------------------------- late is not missing


@pytest.fixture
def june(jsj):
    """Task 9 in June 2022 (due 25 June): 省交通厅 reports in time; 省通信管理局 a day late (26 June, while June
    has nothing, so it makes June up); 太原铁路局 names June in a report made on 3 July; 临汾 reported for May
    and then in the second half of July's window, so its report is July's and June stays missing."""
    for args in (
        ("9", "-u", "省交通厅", "-p", "30", "-d", "2022-06-20"),
        ("9", "-u", "省通信管理局", "-p", "20", "-d", "2022-05-20"),
        ("9", "-u", "省通信管理局", "-p", "25", "-d", "2022-06-26"),
        ("9", "-u", "太原铁路局", "-p", "10", "-d", "2022-07-03", "--period", "2022-06"),
        ("9", "-u", "临汾", "-p", "15", "-d", "2022-05-20"),
        ("9", "-u", "临汾", "-p", "18", "-d", "2022-07-15"),
    ):
        result = jsj("record", *args)
        assert result.exit_code == 0, result.output


def test_a_late_report_is_late_not_missing_in_reports(jsj, june):
    doc = as_json(jsj, "reports", "--period", "2022-06", "--as-of", "2022-07-20", "-t", "9")
    states = {u["name"]: (u["reported"], u["late"], u["overdue"]) for u in doc["units"]}
    assert states["省交通厅"] == (1, 0, 0)
    assert states["省通信管理局"] == (0, 1, 0) and states["太原铁路局"] == (0, 1, 0)
    assert states["临汾市人民政府"] == (0, 0, 1)  # its 15 July report is July's: June is still owed
    late = {row["unit"]: (row["reported_on"], row["days_late"]) for row in doc["late"]}
    assert late == {"省通信管理局": ("2022-06-26", 1), "太原铁路局": ("2022-07-03", 8)}
    assert {row["unit"] for row in doc["overdue"]} == {"临汾市人民政府", "省发展改革委", "运城市人民政府"}
    # the rate counts on-time reports: 1 of 6
    assert sum(u["reported"] for u in doc["units"]) == 1


def test_the_chase_never_tells_a_unit_that_reported_late_it_has_not(jsj, june):
    doc = as_json(jsj, "remind", "--period", "2022-06", "--as-of", "2022-07-20")
    chased = {row["unit"] for row in doc["overdue"] if row["task"] == 9}
    assert "省通信管理局" not in chased and "太原铁路局" not in chased and "临汾市人民政府" in chased
    notices = jsj("remind", "--period", "2022-06", "--as-of", "2022-07-20", "--format", "text").stdout
    assert "省通信管理局" not in notices


def test_status_and_the_reports_table_name_the_four_states(jsj, june):
    status = as_json(jsj, "status", "--as-of", "2022-06-30")
    assert status["reporting"]["late"] == 1  # 省通信管理局; 太原铁路局's was not yet made
    assert unit_of(status, "省通信管理局")["late"] == 1
    table = jsj("reports", "--period", "2022-06", "--as-of", "2022-07-20").stdout
    for heading in ("按时已报", "迟报", "逾期未报", "待报", "迟报天数"):
        assert heading in table


def test_amend_sets_and_clears_the_period(jsj, june):
    # 临汾's July report (id 6) was meant for June: 20 days late
    assert jsj("amend", "6", "--period", "2022-06", "--reason", "补报6月").exit_code == 0
    doc = as_json(jsj, "reports", "--period", "2022-06", "--as-of", "2022-07-20", "-t", "9")
    assert next(r for r in doc["late"] if r["unit"] == "临汾市人民政府")["days_late"] == 20
    history = as_json(jsj, "history", "--id", "7")
    assert history[0]["period"] == "2022-06"
    assert jsj("amend", "7", "--period", "", "--reason", "按日期计").exit_code == 0
    doc = as_json(jsj, "reports", "--period", "2022-06", "--as-of", "2022-07-20", "-t", "9")
    assert unit_of(doc, "临汾市人民政府")["overdue"] == 1


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2022-13", "“2022-13”不是月度期别"),
        ("2024-01", "报送期 2024-01 不在报送安排内"),
        ("2022-08", "报送期 2022-08 从 2022-07-26 开始，早于它的报告（2022-06-20）不能报送该期"),
    ],
)
def test_a_period_that_cannot_be_is_refused(jsj, period, message):
    result = jsj("record", "9", "-u", "省交通厅", "-p", "30", "-d", "2022-06-20", "--period", period)
    assert result.exit_code == 1 and message in result.stderr and result.stderr.count("\n") == 1
    assert as_json(jsj, "history") == []


def test_the_period_column_imports_and_a_bad_one_is_located(jsj, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(
        "序号,责任单位,填报日期,完成进度,报送期\n9,省交通厅,2022-07-02,30,2022-06\n9,运城,2022-06-20,20,\n",
        encoding="utf-8",
    )
    assert jsj("import", good).exit_code == 0
    assert [row["period"] for row in as_json(jsj, "history")] == [None, "2022-06"]
    bad = tmp_path / "bad.csv"
    bad.write_text("序号,责任单位,填报日期,完成进度,报送期\n9,临汾,2022-06-20,20,2022-6月\n", encoding="utf-8")
    refused = jsj("import", bad)
    assert refused.exit_code == 1
    assert f"{bad}，第2行，列 报送期（E），值“2022-6月”：“2022-6月”不是月度期别" in refused.stderr


def test_a_filled_template_reports_late_for_its_period(jsj, tmp_path):
    form = tmp_path / "form.xlsx"
    assert jsj("template", form, "--unit", "省交通厅", "--period", "2022-06", "--as-of", "2022-07-02").exit_code == 0
    book = openpyxl.load_workbook(form)
    ws = book["填报表"]
    header = [c.value for c in ws[2]]
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == 9)
    assert ws.cell(row, header.index("报送期") + 1).value == "2022-06"
    assert ws.cell(row, header.index("本期报送") + 1).value == "逾期未报"
    ws.cell(row, header.index("填报日期") + 1, "2022-07-02")
    ws.cell(row, header.index("完成进度（%）") + 1, 12.5)  # a decimal, as record and import take it
    book.save(form)
    assert jsj("import", form).exit_code == 0
    doc = as_json(jsj, "reports", "--period", "2022-06", "--as-of", "2022-07-02", "-u", "省交通厅")
    assert doc["late"] == [
        {
            "unit": "省交通厅", "task": 9, "title": "构建综合交通枢纽", "due": "2022-06-25",
            "reported_on": "2022-07-02", "days_late": 7,
        }
    ]  # fmt: skip
    assert as_json(jsj, "history")[0]["progress"] == 12.5


# ---------------------------------------------------------------- an office that starts mid-plan


def test_settings_show_set_unset_and_the_mid_plan_office(jsj):
    for day in ("2022-05-20", "2022-06-20"):
        assert jsj("record", "9", "-u", "省交通厅", "-p", "30", "-d", day).exit_code == 0

    def transport() -> dict:
        return unit_of(as_json(jsj, "assess", "--as-of", "2022-06-30"), "省交通厅")

    # owed since 2022-01: May and June in time of six periods due, R = 100 × 2/6 = 33.33
    assert transport()["R"] == 33.33
    result = jsj("settings", "set", "reporting.first_period", "2022-05")
    assert result.exit_code == 0 and "reporting.first_period = 2022-05" in result.stdout
    # owed since May: its first window runs from the plan's start to 25 May; both in time, R = 100
    assert transport()["R"] == 100.0
    shown = {line["key"]: line for line in as_json(jsj, "settings", "show")}
    assert shown["reporting.first_period"] == {
        "key": "reporting.first_period", "value": "2022-05", "plan": "2022-01", "overridden": True,
        "set_at": shown["reporting.first_period"]["set_at"], "set_by": shown["reporting.first_period"]["set_by"],
    }  # fmt: skip
    assert shown["assessment.weights"]["value"] == "0.6,0.25,0.15" and not shown["assessment.weights"]["overridden"]
    info = as_json(jsj, "db", "info")
    assert info["settings"] == {"reporting.first_period": "2022-05"}
    assert "reporting.first_period = 2022-05" in jsj("db", "info").stdout
    assert jsj("settings", "unset", "reporting.first_period").exit_code == 0
    assert transport()["R"] == 33.33


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("reporting.start", "2022-05", "没有可设置的 reporting.start；可设置：reporting.frequency"),
        ("reporting.first_period", "2022-13", "reporting.first_period：“2022-13”不是月度期别"),
        ("reporting.first_period", "2024-03", "reporting.first_period：首个报送期 2024-03 晚于最后一个报送期 2023-12"),
        ("reporting.due_day", "32", "reporting.due_day：“32”不是 1-31 的日"),
        ("lights.red_behind", "5", "lights.red_behind：红灯阈值（5）不能低于黄灯阈值（10）"),
        ("assessment.weights", "0.5,0.3,0.3", "assessment.weights：三项权重之和应为 1（现为 1.1）"),
        ("assessment.weights", "0.5,0.5", "“0.5,0.5”应为三个 0-1 的数"),
        ("assessment.late_weight", "1.5", "assessment.late_weight：“1.5”不是 0-1 的数"),
    ],
)
def test_a_setting_that_cannot_be_is_refused_in_one_line(jsj, key, value, message):
    result = jsj("settings", "set", key, value)
    assert result.exit_code == 1 and message in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert not any(line["overridden"] for line in as_json(jsj, "settings", "show"))


def test_quarterly_by_setting_and_weights_change_the_score(jsj):
    assert jsj("settings", "set", "reporting.frequency", "quarterly").exit_code == 0
    doc = as_json(jsj, "reports", "--as-of", "2022-07-10")
    assert doc["period"]["label"] == "2022Q2" and doc["period"]["due"] == "2022-06-25"
    assert jsj("settings", "set", "assessment.weights", "0.5,0.3,0.2").exit_code == 0
    assert as_json(jsj, "assess", "--as-of", "2022-07-10")["weights"] == {
        "progress": 0.5, "reporting": 0.3, "problems": 0.2,
    }  # fmt: skip


def test_db_copy_carries_the_settings_and_the_bulletin_numbers(jsj, db, tmp_path):
    assert jsj("settings", "set", "lights.yellow_behind", "5").exit_code == 0
    assert jsj("bulletin", tmp_path / "b.md", "--format", "md", "--as-of", "2022-06-30").exit_code == 0
    copy = tmp_path / "copy.sqlite3"
    counts = as_json(jsj, "db", "copy", "--from", db, "--to", copy)["counts"]
    assert counts["setting"] == 1 and counts["bulletin"] == 1
    assert as_json(jsj, "db", "info", "--db", copy)["settings"] == {"lights.yellow_behind": "5"}
    assert "（第2期）" in jsj("bulletin", "-", "--format", "md", "--as-of", "2022-07-31", "--db", copy).stdout


# ---------------------------------------------------------------- units outside the plan


def test_a_coordinating_unit_is_asked_to_act_listed_apart_and_kept(jsj, tmp_path):
    from conftest import REPO

    refused = jsj("problem", "add", "9", "-u", "临汾", "--text", "用地指标不足", "--needs", "省自然资源厅")
    assert refused.exit_code == 1 and "未知单位“省自然资源厅”" in refused.stderr
    added = jsj("unit", "add", "省自然资源厅", "--full-name", "山西省自然资源厅", "--alias", "自然资源厅")
    assert added.exit_code == 0 and "已添加协调单位 省自然资源厅" in added.stdout
    args = ["--text", "用地指标不足", "--needs", "自然资源厅", "-d", "2022-06-01", "--due", "2022-06-20"]
    assert jsj("problem", "add", "9", "-u", "临汾", *args).exit_code == 0
    assert jsj("unit", "set", "自然资源厅", "--contact", "王五", "--phone", "0351-7654321").exit_code == 0
    units = as_json(jsj, "unit", "list")
    resources = next(u for u in units if u["name"] == "省自然资源厅")
    assert resources["coordinating"] and resources["lead"] == resources["support"] == [] and units[-1] == resources
    table = jsj("unit", "list").stdout
    assert table.index("协调单位（非计划责任单位）") < table.index("省自然资源厅")
    # in no progress table, the ranking or the assessment
    for args in (("status", "--as-of", "2022-06-30"), ("assess", "--as-of", "2022-06-30")):
        assert all(u["name"] != "省自然资源厅" for u in as_json(jsj, *args)["units"])
    assert "省自然资源厅" not in jsj("status", "--as-of", "2022-06-30").stdout
    assert as_json(jsj, "problem", "list")[0]["needs"] == ["省自然资源厅"]
    # a plan reload keeps it, with its contact
    changed = tmp_path / "plan.yaml"
    text = (REPO / "data" / "plan.yaml").read_text(encoding="utf-8")
    changed.write_text(text.replace("title: 构建综合交通枢纽", "title: 构建综合交通枢纽体系", 1), encoding="utf-8")
    assert jsj("init", "--plan", changed).exit_code == 0
    kept = next(u for u in as_json(jsj, "unit", "list") if u["name"] == "省自然资源厅")
    assert kept["coordinating"] and kept["phone"] == "0351-7654321"
    # it reports on nothing
    result = jsj("record", "9", "-u", "省自然资源厅", "-p", "5")
    assert result.exit_code == 1 and "不是任务 9 的责任单位" in result.stderr


def test_a_coordinating_unit_cannot_take_a_name_in_use(jsj):
    for name in ("运城", "省交通厅", "交通厅"):
        result = jsj("unit", "add", name)
        assert result.exit_code == 1 and "已是单位" in result.stderr, name
    result = jsj("unit", "add", "省财政厅", "--alias", "运城市人民政府")
    assert result.exit_code == 1 and "“运城市人民政府”已是单位 运城市人民政府 的名称或别名" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["problem", "add", "9", "-u", "临汾", "--text", "t", "-d", "2022-06-10", "--due", "2022-06-01"],
         "--due 2022-06-01 早于问题的提出日期 2022-06-10"),
        (["problem", "close", "1", "--note", "n", "-d", "2022-06-01"], "--date 2022-06-01 早于问题的提出日期"),
        (["problem", "update", "1", "--note", "n", "-d", "2022-06-01"], "--date 2022-06-01 早于问题的提出日期"),
    ],
)  # fmt: skip
def test_problem_dates_follow_one_another(jsj, args, message):
    assert jsj("problem", "add", "9", "-u", "临汾", "--text", "用地", "-d", "2022-06-05").exit_code == 0
    result = jsj(*args)
    assert result.exit_code == 1 and message in result.stderr and result.stderr.count("\n") == 1


def test_a_reopening_comes_after_the_closing(jsj):
    assert jsj("problem", "add", "9", "-u", "临汾", "--text", "用地", "-d", "2022-06-05").exit_code == 0
    assert jsj("problem", "close", "1", "--note", "已解决", "-d", "2022-06-20").exit_code == 0
    result = jsj("problem", "reopen", "1", "--note", "未落实", "-d", "2022-06-10")
    assert result.exit_code == 1 and "--date 2022-06-10 早于问题的销号日期 2022-06-20" in result.stderr


# ---------------------------------------------------------------- safer defaults


def test_a_report_outside_the_plans_period_warns_or_is_refused_with_strict(jsj):
    result = jsj("record", "9", "-u", "省交通厅", "-p", "90", "-d", "2024-01-10")
    assert result.exit_code == 0
    assert "填报日期不在计划期内（2021-12-19 至 2023-12-31）" in result.stderr
    strict = jsj("record", "9", "-u", "省交通厅", "-p", "90", "-d", "2024-01-10", "--strict")
    assert strict.exit_code == 1 and "不在计划期内" in strict.stderr
    assert len(as_json(jsj, "history")) == 1


def test_a_safeguard_holds_reports_but_gets_no_light_anywhere(jsj, tmp_path):
    assert jsj("record", "17", "-u", "运城", "-p", "30", "-d", "2022-06-01").exit_code == 0
    task = as_json(jsj, "status", "--task", "17", "--as-of", "2022-06-30")["task"]
    assert (task["completion"], task["expected"], task["light"], task["state"]) == (15.0, None, None, "not_counted")
    assert {(a["light"], a["expected"], a["label"]) for a in task["assignments"]} == {(None, None, "不计入")}
    screen = jsj("status", "--task", "17", "--as-of", "2022-06-30").stdout
    assert "不计入完成度，不作序时判断" in screen and "进度滞后" not in screen and "序时推进" not in screen
    out = tmp_path / "ledger.xlsx"
    assert jsj("export", out, "--as-of", "2022-06-30").exit_code == 0
    rows = [r for r in openpyxl.load_workbook(out)["任务台账"].iter_rows(values_only=True) if r[0] == 17]
    assert rows[0][3:5] == (None, "不计入")


def test_a_jsj_plan_that_is_not_the_ledgers_plan_is_said(jsj, monkeypatch):
    from conftest import REPO

    monkeypatch.setenv("JSJ_PLAN", str(REPO / "tests" / "plans" / "county-commerce-2024.yaml"))
    result = jsj("status", "--as-of", "2022-06-30")
    assert result.exit_code == 0 and "JSJ_PLAN 指向的计划文件" in result.stderr and "请运行 jsj init" in result.stderr
    monkeypatch.setenv("JSJ_PLAN", str(REPO / "data" / "plan.yaml"))
    assert jsj("status", "--as-of", "2022-06-30").stderr == ""


def test_undo_names_the_problems_it_removes_and_dry_run_counts_those_it_would_raise(jsj, tmp_path):
    source = tmp_path / "p.csv"
    source.write_text(
        "序号,责任单位,填报日期,完成进度,存在问题\n9,运城,2022-06-20,20,征地进度慢\n1,运城,2022-06-20,10,\n",
        encoding="utf-8",
    )
    dry = as_json(jsj, "import", source, "--dry-run")
    assert dry["problems_raised"] == 1 and dry["batch"] is None
    assert "将登记问题 1 个" in jsj("import", source, "--dry-run").stdout
    assert as_json(jsj, "problem", "list") == []
    assert jsj("import", source).exit_code == 0
    undone = jsj("undo", "1", "--yes")
    assert undone.exit_code == 0
    assert "以及该批次登记的 1 个问题：#1 任务9“征地进度慢”" in undone.stdout


# ---------------------------------------------------------------- the bulletin an office circulates


@pytest.fixture
def bulletin_ledger(jsj, june):
    assert jsj("problem", "add", "9", "-u", "临汾", "--text", "用地指标不足", "-d", "2022-06-10").exit_code == 0
    assert jsj("problem", "add", "5", "-u", "省商务厅", "--text", "经费未落实", "-d", "2022-05-10").exit_code == 0
    assert jsj("problem", "close", "2", "--note", "已落实", "-d", "2022-06-28").exit_code == 0
    assert jsj("indicator", "set", "运城", "2020", "--gdp", "1643.6").exit_code == 0
    assert jsj("indicator", "set", "运城", "2021", "--gdp", "2231.2", "--growth", "9.1").exit_code == 0


def bulletin_md(jsj, *args) -> str:
    result = jsj("bulletin", "-", "--format", "md", *args)
    assert result.exit_code == 0, result.output
    return result.stdout.replace("\\", "")


def test_the_bulletin_numbers_itself(jsj, bulletin_ledger):
    assert "（第1期）" in bulletin_md(jsj, "--as-of", "2022-06-30")
    assert "（第1期）" in bulletin_md(jsj, "--as-of", "2022-06-30")  # the same bulletin again: the same issue
    assert "（第2期）" in bulletin_md(jsj, "--as-of", "2022-07-31")
    assert "（第7期）" in bulletin_md(jsj, "--as-of", "2022-08-31", "--issue-no", "7")
    assert "（第8期）" in bulletin_md(jsj, "--as-of", "2022-09-30")


def test_the_bulletin_reports_late_units_apart_and_the_problems_of_its_period(jsj, bulletin_ledger):
    text = bulletin_md(jsj, "--as-of", "2022-07-20", "--since", "2022-06-25")
    # 2022-06 for task 9 and the others: 62 owed; 1 on time, 2 late (省通信管理局 1 day, 太原铁路局 8 days)
    assert "应报送62份，按时报送1份，迟报2份，逾期未报59份，按时报送率1.61%。" in text
    assert "迟报（已补报）的单位：省通信管理局（迟1天）、太原铁路局（迟8天）。" in text
    assert "临汾市（16份）" in text  # missing (June's on task 9 among them), named with the missing
    assert "2022年6月25日以来新提出问题0个，销号1个；截至2022年7月20日尚未销号1个。" in text
    assert "余下2年需年均增长10.45%" in text


def test_the_bulletin_has_its_recipients_and_record_as_gbt_9704_lays_them_out(jsj, bulletin_ledger, tmp_path):
    out = tmp_path / "b.docx"
    assert jsj("bulletin", out, "--as-of", "2022-06-30").exit_code == 0
    word = docx.Document(str(out))
    texts = [p.text for p in word.paragraphs]
    recipients = "临汾市发展改革委、运城市发展改革委、省直有关部门："
    assert texts.index(recipients) < texts.index("一、总体进展")
    printed = next(p for p in word.paragraphs if p.text.endswith("2022年6月30日印发"))
    assert printed.text == "\u3000山西省发展和改革委员会\t2022年6月30日印发"  # one character in from the rule
    copied = next(p for p in word.paragraphs if p.text.startswith("\u3000抄送："))
    assert copied.text == "\u3000抄送：临汾市人民政府，运城市人民政府。"
    assert texts.index(copied.text) == texts.index(printed.text) - 1 == len(texts) - 2  # the document's last lines
    frame = printed._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}framePr")
    assert frame is not None  # at the foot of the last page
    markdown = bulletin_md(jsj, "--as-of", "2022-06-30")
    assert f"\n{recipients}\n" in markdown and markdown.rstrip().endswith("山西省发展和改革委员会　　2022年6月30日印发")


def test_bulletin_tables_keep_dates_and_lights_whole(jsj, bulletin_ledger, tmp_path):
    from jinsanjiao_cli.render.officialdoc.docx import CELL_MARGINS, TABLE_PT, _width_in_characters

    out = tmp_path / "b.docx"
    assert jsj("bulletin", out, "--as-of", "2022-07-20").exit_code == 0
    tables = docx.Document(str(out)).tables
    # one table per section holding lagging tasks (second-level headings): each keeps them whole
    every = [table for table in tables if "填报日期" in [c.text for c in table.rows[0].cells]]
    header = [c.text for c in every[0].rows[0].cells]
    date_column, light_column = header.index("填报日期"), header.index("状态")
    widest = {light_column: 0.0, date_column: 0.0}
    for lagging in every:
        for row in lagging.rows[1:]:
            day = row.cells[date_column].text
            assert day == "—" or (day.endswith("日") and "-" not in day), day  # 7月15日, never 2022-07-15
        widths = [cell.width.twips for cell in lagging.rows[1].cells]
        for column in (light_column, date_column):  # 进度滞后 and 7月15日 each on one line
            longest = max(_width_in_characters(row.cells[column].text) for row in lagging.rows[1:])
            assert widths[column] >= longest * TABLE_PT * 20 + CELL_MARGINS
            widest[column] = max(widest[column], longest)
    assert min(widest.values()) >= 3.5


# ---------------------------------------------------------------- one rounding rule


def test_round_half_up_on_the_figure_as_written():
    assert round_half_up(6.25, 1) == 6.3 and round(6.25, 1) == 6.2  # the rule, and what Python does
    assert round_half_up(0.125) == 0.13 and round_half_up(-6.25, 1) == -6.3 and round_half_up(2 / 3 * 100) == 66.67
    assert fixed(6.245) == "6.3"  # the 2-decimal figure 6.25, shown to 1 decimal
    assert fixed(9.25) == "9.3" and fixed(12.0) == "12.0"


def test_the_screen_the_bulletin_the_export_and_json_round_alike(jsj, tmp_path):
    # task 9: six units of equal weight; 运城 at 30 and 临汾 at 25.5: completion = 55.5 / 6 = 9.25
    assert jsj("record", "9", "-u", "运城", "-p", "30", "-d", "2022-06-20").exit_code == 0
    assert jsj("record", "9", "-u", "临汾", "-p", "25.5", "-d", "2022-06-20").exit_code == 0
    task = next(t for t in as_json(jsj, "status", "--as-of", "2022-06-30")["tasks"] if t["no"] == 9)
    assert task["completion"] == 9.25
    screen = jsj("status", "--as-of", "2022-06-30").stdout
    assert " 9.3 " in screen and " 9.2 " not in screen
    assert "完成 9.3%" in jsj("status", "--task", "9", "--as-of", "2022-06-30").stdout
    out = tmp_path / "ledger.xlsx"
    assert jsj("export", out, "--as-of", "2022-06-30").exit_code == 0
    ledger = openpyxl.load_workbook(out)["任务台账"]
    nine = next(r for r in ledger.iter_rows(min_row=3) if r[0].value == 9)
    assert nine[2].value == 9.25 and nine[2].number_format == "0.0"  # Excel shows 9.3, as the screen does


def test_a_progress_typed_with_three_decimals_is_kept_half_up(jsj):
    assert jsj("record", "9", "-u", "运城", "-p", "12.125", "-d", "2022-06-20").exit_code == 0
    assert as_json(jsj, "history")[0]["progress"] == 12.13


def test_the_csv_of_the_assessment_carries_the_weights(jsj):
    rows = list(csv.DictReader(jsj("assess", "--as-of", "2022-06-30", "--format", "csv").stdout.splitlines()))
    assert {row["weight_problems"] for row in rows} <= {"0.0", "0.15"}


def test_the_months_rules_on_both_engines(jsj, ledger):
    """Named periods, late reports, settings, a coordinating unit and the bulletin's numbers, on SQLite and
    on PostgreSQL alike."""
    assert jsj("settings", "set", "reporting.first_period", "2022-05").exit_code == 0
    assert jsj("unit", "add", "省自然资源厅").exit_code == 0
    for args in (
        ("9", "-u", "省交通厅", "-p", "30", "-d", "2022-06-20"),
        ("9", "-u", "省通信管理局", "-p", "20", "-d", "2022-06-27"),
        ("9", "-u", "太原铁路局", "-p", "10", "-d", "2022-07-18", "--period", "2022-06"),
    ):
        assert jsj("record", *args).exit_code == 0
    args = ["--text", "用地", "--needs", "省自然资源厅", "-d", "2022-06-01", "--due", "2022-06-20"]
    assert jsj("problem", "add", "9", "-u", "临汾", *args).exit_code == 0
    doc = as_json(jsj, "reports", "--period", "2022-06", "--as-of", "2022-07-20", "-t", "9")
    assert {row["unit"]: row["days_late"] for row in doc["late"]} == {"省通信管理局": 2, "太原铁路局": 23}
    assert unit_of(doc, "省交通厅")["reported"] == 1
    # owed since May (the setting): 省交通厅 missed May, made June in time: R = 100 × 1/2
    assert unit_of(as_json(jsj, "assess", "--as-of", "2022-06-30"), "省交通厅")["R"] == 50.0
    assert as_json(jsj, "db", "info")["settings"] == {"reporting.first_period": "2022-05"}
    assert "（第1期）" in jsj("bulletin", "-", "--format", "md", "--as-of", "2022-06-30").stdout
    assert "（第2期）" in jsj("bulletin", "-", "--format", "md", "--as-of", "2022-07-31").stdout
    assert "（第2期）" in jsj("bulletin", "-", "--format", "md", "--as-of", "2022-07-31").stdout
