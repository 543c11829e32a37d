"""`jsj remind` groups its rows by unit, as the notices do: units in plan order, each unit's rows by task,
the unit's contact once per group (the table's first row of the unit; the JSON's `units` list)."""

import csv
import io
import json

import pytest

AS_OF = ("--as-of", "2022-03-10")
PLAN_ORDER = ["省发展改革委", "省商务厅", "省工信厅", "运城市人民政府", "临汾市人民政府"]


@pytest.fixture
def contacts(jsj):
    assert jsj("unit", "set", "运城", "--contact", "张三", "--phone", "0359-1234567").exit_code == 0
    assert jsj("unit", "set", "省商务厅", "--contact", "李四", "--email", "li@example.cn").exit_code == 0


def remind_json(jsj, *args: str) -> dict:
    result = jsj("remind", *AS_OF, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_keeps_its_rows_and_gains_units(jsj, contacts):
    doc = remind_json(jsj)
    assert set(doc) == {"as_of", "period", "overdue", "units"}
    rows = doc["overdue"]
    assert set(rows[0]) == {"unit", "task", "title", "due", "days_overdue", "contact", "phone", "email"}
    units = [row["unit"] for row in rows]
    assert list(dict.fromkeys(units))[:5] == PLAN_ORDER  # one unit after another, in plan order
    assert len(set(units)) == len(list(dict.fromkeys(units))) == len(doc["units"]) == 15
    for unit in doc["units"]:
        mine = [row for row in rows if row["unit"] == unit["unit"]]
        assert [item["task"] for item in unit["items"]] == sorted(row["task"] for row in mine)
        assert unit["items"] == [{k: row[k] for k in ("task", "title", "due", "days_overdue")} for row in mine]
    yuncheng = next(u for u in doc["units"] if u["unit"] == "运城市人民政府")
    assert (yuncheng["contact"], yuncheng["phone"], yuncheng["email"]) == ("张三", "0359-1234567", None)
    assert len(yuncheng["items"]) == 16


def test_the_table_names_each_unit_and_its_contact_once(jsj, contacts):
    table = jsj("remind", *AS_OF).stdout
    lines = table.splitlines()
    assert sum("张三" in line for line in lines) == 1 and sum("0359-1234567" in line for line in lines) == 1
    assert sum("运城市人民政府" in line for line in lines) == 1
    first = next(i for i, line in enumerate(lines) if "运城市人民政府" in line)
    following = lines[first + 1 : first + 16]  # its other 15 tasks, with no unit and no contact
    assert all(line.split()[0].isdigit() for line in following)
    numbers = [int(lines[first].split()[3])] + [int(line.split()[0]) for line in following]
    assert numbers == sorted(numbers) and len(numbers) == 16


def test_csv_rows_are_grouped_by_unit_each_row_whole(jsj, contacts):
    written = jsj("remind", *AS_OF, "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(written)))
    units = [row["unit"] for row in rows]
    assert list(dict.fromkeys(units))[:5] == PLAN_ORDER
    assert all(units[i] == units[i - 1] or units[i] not in units[:i] for i in range(1, len(units)))
    assert all(row["contact"] == "李四" for row in rows if row["unit"] == "省商务厅")


def test_upcoming_reminders_group_the_same_way(jsj, contacts):
    doc = remind_json(jsj, "--upcoming", "--within", "20")
    assert [u["unit"] for u in doc["units"]][:5] == PLAN_ORDER
    assert sum(len(u["items"]) for u in doc["units"]) == len(doc["upcoming"]) > 0
    assert set(doc["units"][0]["items"][0]) == {"task", "title", "due", "days_left"}
