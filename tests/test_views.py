"""The analyst's views: a unit's own tasks, who wrote the note, the change since a date, the period's end.

Hand-computed against the bundled plan: task 9 (构建综合交通枢纽) has six responsible units of equal
weight, so one unit's 30% moves the task by 30/6 = 5 points.
"""

import json

import pytest


@pytest.fixture
def reported(jsj):
    assert jsj("record", "9", "-u", "运城", "-p", "30", "-d", "2022-05-01", "-n", "运城段开工").exit_code == 0
    assert jsj("record", "9", "-u", "临汾", "-p", "20", "-d", "2022-06-01", "-n", "临汾段征地完成").exit_code == 0


def status(jsj, *args) -> dict:
    result = jsj("status", "--as-of", "2022-06-30", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def task(document, no):
    return next(t for t in document["tasks"] if t["no"] == no)


def test_the_latest_note_names_its_unit(reported, jsj):
    nine = task(status(jsj), 9)
    assert nine["latest_unit"] == "临汾市人民政府" and nine["latest_note"] == "临汾段征地完成"
    assert task(status(jsj), 1)["latest_unit"] is None
    screen = jsj("status", "--as-of", "2022-06-30").stdout
    assert "临汾市：临汾段征地完成" in screen


def test_a_units_own_view(reported, jsj):
    document = status(jsj, "--unit", "临汾")
    assert document["unit"] == "临汾市人民政府"
    own = task(document, 9)["unit"]
    assert own["name"] == "临汾市人民政府" and own["role"] == "support"
    assert (own["progress"], own["latest_date"], own["note"]) == (20.0, "2022-06-01", "临汾段征地完成")
    # 序时进度 = 100 × (2022-06-30 − 2021-12-19) / (2023-12-31 − 2021-12-19) = 100 × 193 / 742 = 26.01;
    # 20 is 6 points behind, inside the 10-point yellow threshold
    assert (own["expected"], own["light"]) == (26.01, "green")
    # the task's own total is unchanged: (30 + 20) / 6
    assert task(document, 9)["completion"] == 8.33
    untouched = [t["unit"] for t in document["tasks"] if t["no"] != 9]
    assert all(u["progress"] == 0 and u["latest_date"] is None and u["note"] is None for u in untouched)
    # without --unit, no task carries a unit's own view
    assert task(status(jsj), 9)["unit"] is None
    screen = jsj("status", "--as-of", "2022-06-30", "--unit", "临汾").stdout
    assert "本单位进度" in screen and "临汾段征地完成" in screen and "运城段开工" not in screen


def test_the_change_since_a_date(reported, jsj):
    document = status(jsj, "--since", "2022-05-15")
    assert document["since"] == "2022-05-15"
    # task 9: 5.00 on 05-15 (30/6), 8.33 on 06-30 ((30+20)/6): +3.33
    assert task(document, 9)["delta"] == 3.33
    assert task(document, 1)["delta"] == 0
    # the plan: the mean over 16 key tasks moves by (20/6)/16 = 0.2083
    assert document["plan"]["delta"] == 0.21
    # section 4 holds tasks 9 and 10: (20/6)/2 = 1.67
    assert next(s for s in document["sections"] if s["no"] == 4)["delta"] == 1.67
    units = {u["name"]: u for u in document["units"]}
    assert units["运城市人民政府"]["delta"] == 0
    linfen = units["临汾市人民政府"]
    assert linfen["delta"] == round(20 / linfen["tasks"], 2)
    screen = jsj("status", "--as-of", "2022-06-30", "--since", "2022-05-15").stdout
    assert "Δ" in screen and "+3.3" in screen and "较 2022-05-15 变化 +0.2 个百分点" in screen


def test_no_earlier_value_is_null_and_no_since_is_null(reported, jsj):
    before = status(jsj, "--since", "2021-06-01")  # before the plan's period began
    assert before["plan"]["delta"] is None and task(before, 9)["delta"] is None
    assert all(u["delta"] is None for u in before["units"])
    plain = status(jsj)
    assert plain["since"] is None and plain["plan"]["delta"] is None


def test_since_after_the_as_of_date_is_refused(jsj):
    result = jsj("status", "--as-of", "2022-06-30", "--since", "2022-07-01")
    assert result.exit_code != 0 and "--since 2022-07-01" in result.output


def test_after_the_plans_end_the_header_says_the_figures_are_final(jsj):
    late = jsj("status", "--as-of", "2024-03-31")
    assert "计划期已于 2023-12-31 结束" in late.stdout and "最终评估" in late.stdout
    during = jsj("status", "--as-of", "2022-06-30")
    assert "计划期已于" not in during.stdout
    ended = json.loads(jsj("status", "--as-of", "2024-03-31", "--format", "json").stdout)
    assert ended["plan"]["period_ended"] is True and ended["plan"]["expected"] == 100
    assert status(jsj)["plan"]["period_ended"] is False
    english = jsj("status", "--as-of", "2024-03-31", "--lang", "en").stdout
    assert "ended on 2023-12-31" in english
