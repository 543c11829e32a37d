"""The sections' summary adds up to the plan: a part without sections (the second test plan's 三、重点工程)
is a row of its own in the status 板块 table, its CSV and JSON, and the bulletin's 二、各板块进展."""

import csv
import io
import json

import pytest

from conftest import REPO

SECOND = REPO / "tests" / "plans" / "county-commerce-2024.yaml"


@pytest.fixture
def second(tmp_path, monkeypatch, jsj):
    monkeypatch.setenv("JSJ_DB", str(tmp_path / "second.sqlite3"))
    assert jsj("init", "--plan", SECOND).exit_code == 0


def status_json(jsj, as_of: str) -> dict:
    result = jsj("status", "--as-of", as_of, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_bundled_plan_sections_add_up_to_its_counted_tasks(jsj):
    doc = status_json(jsj, "2022-06-30")
    assert sum(s["tasks"] for s in doc["sections"]) == len(doc["tasks"]) == 16
    assert [s["part"] for s in doc["sections"]] == [None] * 6  # every key task stands in a section
    assert "六大板块" in jsj("status", "--as-of", "2022-06-30").stdout


def test_the_second_plan_part_without_sections_is_its_own_row(second, jsj):
    doc = status_json(jsj, "2024-07-31")
    assert sum(s["tasks"] for s in doc["sections"]) == len(doc["tasks"]) == 11
    assert [(s["no"], s["part"], s["title"], s["tasks"]) for s in doc["sections"]] == [
        (1, None, "完善县域商业网络", 3),
        (2, None, "健全县域物流配送体系", 2),
        (3, None, "提升农产品流通效率", 3),
        (None, 3, "重点工程", 3),
    ]
    rows = list(
        csv.DictReader(
            io.StringIO(jsj("status", "--as-of", "2024-07-31", "--format", "csv", "--table", "sections").stdout)
        )
    )
    assert [(r["no"], r["part"], r["tasks"]) for r in rows][-1] == ("", "3", "3")
    assert sum(int(r["tasks"]) for r in rows) == 11
    table = jsj("status", "--as-of", "2024-07-31").stdout
    assert "各板块" in table and "重点工程（第三部分）" in table


def test_a_unit_view_keeps_the_part_row_of_its_tasks(second, jsj):
    result = jsj("status", "--as-of", "2024-07-31", "--unit", "南湖市", "--format", "json")
    doc = json.loads(result.stdout)
    assert sum(s["tasks"] for s in doc["sections"]) >= len(doc["tasks"]) > 0
    assert {s["part"] for s in doc["sections"]} >= {3}


def test_section_means_sections_only(second, jsj):
    assert jsj("status", "--section", "3", "--format", "json").exit_code == 0
    bad = jsj("status", "--section", "4")
    assert bad.exit_code == 1 and bad.stderr.strip() == "jsj: 没有第 4 板块（共 3 个板块）"


def test_the_bulletin_names_the_part_among_the_sections(second, jsj):
    assert jsj("record", "9", "-u", "省商务厅", "-p", "40", "-d", "2024-07-01").exit_code == 0
    markdown = jsj("bulletin", "-", "--format", "md", "--as-of", "2024-07-31").stdout
    by_section = markdown.split("## 二、各板块进展")[1].split("## 三、")[0]
    paragraphs = [p for p in by_section.split("\n\n") if p.strip()]
    assert len(paragraphs) == 4
    assert paragraphs[-1].startswith("重点工程（第三部分，未分板块）：3项任务，完成进度")
    assert sum(int(p.split("：")[1].split("项任务")[0]) for p in paragraphs) == 11
