"""The ±0.004 progress case through the portal's report form: the one rule of `jsj record` and import
(kept to 2 decimals, then within 0-100; tests/test_hostile_round2.py runs the other doors)."""

import json

import pytest

from portal_client import add_account, signed_in, text_of

CASES = [("-0.004", 0.0), ("100.004", 100.0), ("-0.01", "refused"), ("100.01", "refused")]


@pytest.mark.parametrize(("entered", "expected"), CASES)
def test_the_report_form_gives_the_same_answer_as_record(isolated, jsj, entered, expected):
    assert jsj("status", "--format", "json").exit_code == 0
    add_account("sw", "--unit", "省商务厅")
    web, csrf = signed_in(str(isolated), "sw")
    posted = web.post("/report/5", data={"csrf": csrf, "progress": entered, "date": "2022-06-08", "note": "签约"})
    history = json.loads(jsj("history", "--format", "json").stdout)
    if expected == "refused":
        assert posted.status_code == 400 and "超出 0-100" in text_of(posted.text)
        assert history == []
    else:
        assert posted.status_code == 303, text_of(posted.text)
        assert [h["progress"] for h in history] == [expected]
