"""jsj history through the real CLI: its filters by task, unit and dates, and its CSV."""

import json


def test_history_filters(jsj):
    for task, unit, day in ((1, "运城", "2022-01-10"), (1, "临汾", "2022-02-10"), (2, "运城", "2022-03-10")):
        assert jsj("record", task, "-u", unit, "-p", "10", "-d", day).exit_code == 0
    by_task = json.loads(jsj("history", "1", "--format", "json").stdout)
    assert [r["unit"] for r in by_task] == ["运城市人民政府", "临汾市人民政府"]
    by_unit = json.loads(jsj("history", "--unit", "运城", "--format", "json").stdout)
    assert [r["task"] for r in by_unit] == [1, 2]
    window = json.loads(jsj("history", "--since", "2022-02-01", "--until", "2022-02-28", "--format", "json").stdout)
    assert [r["date"] for r in window] == ["2022-02-10"]
    csv_out = jsj("history", "--format", "csv").stdout.splitlines()
    assert csv_out[0].startswith("id,task,unit,date,progress") and len(csv_out) == 4
