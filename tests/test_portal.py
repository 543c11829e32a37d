"""The web portal through FastAPI's test client, on SQLite and on PostgreSQL: a unit's pages and report
form (the rules and words of `jsj record`), the analyst's and viewer's pages (the numbers of `jsj status`),
and every refusal of issue 20 §3 tried with the request that should fail, with nothing stored."""

import io
import json

import pytest

from jinsanjiao_cli.core.values import fixed
from jinsanjiao_cli.ledger import opening
from portal_client import (
    PASSWORD,
    add_account,
    client,
    count,
    csrf_in,
    login,
    milestones,
    signed_in,
    text_of,
)


def _with_accounts(ledger: str, jsj) -> str:
    assert jsj("status", "--format", "json").exit_code == 0  # the ledger exists (PostgreSQL: created now)
    add_account("sw", "--unit", "省商务厅")
    add_account("boss", "--analyst")
    add_account("lead", "--viewer")
    return ledger


def make_accounts(jsj) -> None:
    _with_accounts("", jsj)


@pytest.fixture
def accounts(ledger, jsj, request) -> str:
    """A ledger with a unit account (sw: 省商务厅), an analyst (boss) and a viewer (lead), on each engine:
    for what stores, reads or counts in SQL. (On SQLite made once and copied: see conftest's `built`.)"""
    if ledger.startswith("postgresql:"):
        return _with_accounts(ledger, jsj)
    request.getfixturevalue("built")(make_accounts)
    return ledger


@pytest.fixture
def one_engine(isolated, built) -> str:
    """The same on SQLite only, for what the engine cannot change (forms, headers, cookies, escaping)."""
    built(make_accounts)
    return str(isolated)


def report(web, csrf, task, **fields):
    return web.post(f"/report/{task}", data={"csrf": csrf, **fields})


# ---------------------------------------------------------------- a unit reports


def test_a_unit_sees_what_it_owes_and_reports_with_one_error_corrected(accounts, jsj):
    web, csrf = signed_in(accounts, "sw")
    due = web.get("/due?as_of=2022-06-10")
    assert due.status_code == 200
    page = text_of(due.text)
    assert "2022年6月" in page or "2022-06" in page
    assert "省商务厅" in page and "待报" in page
    assert all(f'id="due-{no}"' in due.text for no in (1, 2, 4, 5, 6, 12))
    wrong = report(web, csrf, 5, progress="150", date="2022-06-08", note="园区签约三个项目")
    assert wrong.status_code == 400
    assert "完成进度（%） “150”超出 0-100" in text_of(wrong.text)
    assert 'value="150"' in wrong.text and "园区签约三个项目" in wrong.text  # what was typed stays
    assert milestones(accounts) == 0
    right = report(web, csrf, 5, progress="45", date="2022-06-08", note="园区签约三个项目")
    assert right.status_code == 303 and "/due?recorded=" in right.headers["location"]
    done = web.get(right.headers["location"])
    assert "已记录 #" in text_of(done.text)
    history = json.loads(jsj("history", "--format", "json").stdout)
    assert [(h["task"], h["unit"], h["progress"], h["recorded_by"]) for h in history] == [(5, "省商务厅", 45.0, "sw")]


def test_the_form_starts_from_the_last_report(one_engine, jsj):
    assert jsj("record", "5", "-u", "商务厅", "-p", "30", "-d", "2022-05-20", "--status", "推进中").exit_code == 0
    web, _ = signed_in(one_engine, "sw")
    form = web.get("/report/5")
    assert form.status_code == 200 and 'value="30"' in form.text and 'value="推进中"' in form.text


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"progress": "150"}, "progress", "完成进度（%） “150”超出 0-100"),
        ({"progress": "六十"}, "progress", "完成进度（%） “六十”不是数字"),
        ({"date": "2022-02-30"}, "date", "填报日期 “2022-02-30”不是有效日期"),
        ({"note": "进" * 100_000}, "note", "进展情况 有 100000 个字符，超过电子表格单元格上限 32767"),
        ({"note": "完成\x07主体"}, "note", "进展情况 含有控制字符 U+0007（第 3 个字符），请删除后重新填写"),
        ({"status": "\x1b[31m"}, "status", "状态 含有控制字符 U+001B"),
        ({"project": "太原机场"}, "project", "任务 5 下没有项目“太原机场”"),
        ({"period": "2022-13"}, "period", "“2022-13”不是月度期别；请写作 2022-06"),
        ({"period": "2022-07"}, "period", "报送期 2022-07 从 2022-06-26 开始，早于它的报告（2022-06-08）不能报送该期"),
    ],
)
def test_bad_form_input_gets_the_clis_refusal_and_keeps_what_was_typed(one_engine, fields, field, message):
    web, csrf = signed_in(one_engine, "sw")
    typed = {"progress": "40", "date": "2022-06-08", "note": "正常推进", **fields}
    refused = report(web, csrf, 5, **typed)
    assert refused.status_code == 400
    assert f'id="error-{field}"' in refused.text and message in text_of(refused.text)
    if field != "project" and len(typed.get(field, "")) < 1000:
        assert typed[field] in refused.text
    assert milestones(one_engine) == 0


def test_the_same_rule_refuses_the_same_value_on_the_command_line(one_engine, jsj):
    result = jsj("record", "5", "-u", "商务厅", "-p", "150")
    assert result.exit_code == 1 and "“150”超出 0-100" in result.stderr


def test_a_warning_asks_for_confirmation_before_anything_is_stored(accounts):
    web, csrf = signed_in(accounts, "sw")
    assert report(web, csrf, 5, progress="50", date="2022-05-20").status_code == 303
    back = report(web, csrf, 5, progress="40", date="2022-06-08", note="回退")
    assert back.status_code == 200 and 'id="warnings"' in back.text
    assert "进度低于此前填报的 50" in text_of(back.text) or "50" in text_of(back.text)
    assert milestones(accounts) == 1
    edit = report(web, csrf, 5, progress="40", date="2022-06-08", note="回退", edit="yes")
    assert edit.status_code == 200 and 'value="40"' in edit.text and milestones(accounts) == 1
    stored = report(web, csrf, 5, progress="40", date="2022-06-08", note="回退", confirm="yes")
    assert stored.status_code == 303 and milestones(accounts) == 2


def test_a_problem_raised_with_a_report_is_stored_with_it(one_engine, jsj):
    web, csrf = signed_in(one_engine, "sw")
    sent = report(web, csrf, 5, progress="20", date="2022-06-08", problem="用地指标不足", major="true")
    assert sent.status_code == 303
    listed = json.loads(jsj("problem", "list", "--format", "json").stdout)
    assert [(p["task"], p["unit"], p["text"], p["major"]) for p in listed] == [(5, "省商务厅", "用地指标不足", True)]
    mine = web.get("/problems")
    assert "用地指标不足" in mine.text


def test_a_unit_sees_its_own_history_with_corrections_and_its_status(accounts, jsj):
    web, csrf = signed_in(accounts, "sw")
    assert report(web, csrf, 5, progress="20", date="2022-06-08").status_code == 303
    first = count(accounts, "SELECT max(id) FROM milestone")
    amended = web.post(
        f"/history/{first}/amend",
        data={"csrf": csrf, "progress": "25", "date": "2022-06-08", "note": "", "status": "", "project": "",
              "reason": "录入错误"},
    )  # fmt: skip
    assert amended.status_code == 200 and "已更正" in text_of(amended.text)
    page = text_of(web.get("/history").text)
    assert "录入错误" in page and "已更正" in page and "有效" in page
    every = json.loads(jsj("history", "--all", "--format", "json").stdout)
    assert [(h["progress"], h["state"]) for h in every] == [(20.0, "superseded"), (25.0, "effective")]
    assert every[1]["changed_by"] == "sw"
    mine = web.get("/mine?as_of=2022-06-30")
    assert mine.status_code == 200 and 'id="task-5"' in mine.text and "25.0" in mine.text


# ---------------------------------------------------------------- analysts and viewers


def test_the_status_page_shows_the_numbers_of_jsj_status(accounts, jsj):
    assert jsj("record", "5", "-u", "商务厅", "-p", "45", "-d", "2022-06-08").exit_code == 0
    assert jsj("record", "9", "-u", "省交通厅", "-p", "30", "-d", "2022-06-20").exit_code == 0
    status = json.loads(jsj("status", "--as-of", "2022-06-30", "--format", "json").stdout)
    for name in ("boss", "lead"):
        web, _ = signed_in(accounts, name)
        page = web.get("/status?as_of=2022-06-30")
        assert page.status_code == 200
        plan = status["plan"]
        line = f"全计划完成 {fixed(plan['completion'])}%，序时进度 {fixed(plan['expected'])}%（{plan['label']}）"
        assert line in text_of(page.text)
        for task in status["tasks"]:
            row = page.text.split(f'id="task-{task["no"]}"')[1].split("</tr>")[0]
            assert fixed(task["completion"]) in row and fixed(task["expected"]) in row and task["label"] in row
        for rank, unit in enumerate(status["units"], start=1):
            row = page.text.split(f'id="unit-{rank}"')[1].split("</tr>")[0]
            assert unit["name"] in row and fixed(unit["completion"]) in row


def test_the_reporting_page_shows_a_report_at_once(one_engine, jsj):
    boss, _ = signed_in(one_engine, "boss")
    before = json.loads(jsj("reports", "--as-of", "2022-06-26", "--format", "json").stdout)
    sw = next(u for u in before["units"] if u["name"] == "省商务厅")
    web, csrf = signed_in(one_engine, "sw")
    assert report(web, csrf, 5, progress="45", date="2022-06-08", period="2022-06").status_code == 303
    after = json.loads(jsj("reports", "--as-of", "2022-06-26", "--format", "json").stdout)
    sw_after = next(u for u in after["units"] if u["name"] == "省商务厅")
    assert sw_after["reported"] == sw["reported"] + 1
    page = boss.get("/reporting?as_of=2022-06-26")
    row = page.text.split("<td>省商务厅</td>")[1].split("</tr>")[0]
    assert (
        f'<td class="num">{sw_after["reported"]}</td>' in row and f'<td class="num">{sw_after["overdue"]}</td>' in row
    )


def test_task_page_problem_list_and_downloads(one_engine, jsj):
    from docx import Document
    from openpyxl import load_workbook

    assert jsj("record", "9", "-u", "省交通厅", "-p", "30", "-d", "2022-06-20", "--note", "主体完工").exit_code == 0
    assert jsj("problem", "add", "9", "-u", "省交通厅", "--text", "资金缺口", "--date", "2022-06-21").exit_code == 0
    web, _ = signed_in(one_engine, "lead")
    task = web.get("/tasks/9?as_of=2022-06-30")
    assert task.status_code == 200 and "主体完工" in task.text and "资金缺口" in task.text
    assert "资金缺口" in web.get("/problems").text
    workbook = web.get("/download/ledger.xlsx?as_of=2022-06-30")
    assert workbook.status_code == 200 and "jsj-progress-2022-06-30.xlsx" in workbook.headers["content-disposition"]
    sheets = load_workbook(io.BytesIO(workbook.content)).sheetnames
    assert len(sheets) >= 3
    bulletin = web.get("/download/bulletin.docx?as_of=2022-06-30")
    assert bulletin.status_code == 200
    assert "工作进展通报" in "\n".join(p.text for p in Document(io.BytesIO(bulletin.content)).paragraphs)


def test_an_analyst_amends_voids_and_closes_with_the_same_audit_trail(accounts, jsj):
    assert jsj("record", "9", "-u", "省交通厅", "-p", "30", "-d", "2022-06-20").exit_code == 0
    assert jsj("problem", "add", "9", "-u", "省交通厅", "--text", "资金缺口").exit_code == 0
    milestone = count(accounts, "SELECT max(id) FROM milestone")
    problem = count(accounts, "SELECT max(id) FROM problem")
    web, csrf = signed_in(accounts, "boss")
    amended = web.post(f"/history/{milestone}/amend", data={"csrf": csrf, "progress": "35", "date": "2022-06-20",
                                                           "reason": "核对后更正"})  # fmt: skip
    assert amended.status_code == 200
    newest = count(accounts, "SELECT max(id) FROM milestone")
    voided = web.post(f"/history/{newest}/void", data={"csrf": csrf, "reason": "重复填报"})
    assert voided.status_code == 200 and "已作废" in text_of(voided.text)
    every = json.loads(jsj("history", "--all", "--format", "json").stdout)
    assert [(h["state"], h["reason"], h["changed_by"], h["void_reason"], h["voided_by"]) for h in every] == [
        ("superseded", None, None, None, None),
        ("voided", "核对后更正", "boss", "重复填报", "boss"),  # each version keeps its own reason and author
    ]
    replied = web.post(f"/problems/{problem}/note", data={"csrf": csrf, "text": "已协调省财政厅"})
    assert replied.status_code == 200
    closed = web.post(
        f"/problems/{problem}/close", data={"csrf": csrf, "text": "资金已到位", "evidence": "晋财〔2022〕1号"}
    )
    assert closed.status_code == 200
    listed = json.loads(jsj("problem", "list", "--all", "--format", "json").stdout)[0]
    assert listed["state"] == "closed" and [u["by"] for u in listed["updates"]] == ["boss", "boss"]


def test_a_unit_reads_the_analysts_replies(one_engine, jsj):
    assert jsj("problem", "add", "5", "-u", "商务厅", "--text", "用地指标不足").exit_code == 0
    problem = count(one_engine, "SELECT max(id) FROM problem")
    assert jsj("problem", "update", str(problem), "--note", "已转省自然资源厅").exit_code == 0
    web, csrf = signed_in(one_engine, "sw")
    page = web.get(f"/problems/{problem}")
    assert page.status_code == 200 and "已转省自然资源厅" in page.text
    assert web.post(f"/problems/{problem}/note", data={"csrf": csrf, "text": "已补充材料"}).status_code == 200


# ---------------------------------------------------------------- §3: nobody gets in where they do not belong


def test_pages_need_a_session(one_engine):
    web = client(one_engine)
    for path in ("/", "/due", "/status", "/history", "/problems", "/download/ledger.xlsx"):
        answer = web.get(path)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login?next=")


def test_a_unit_cannot_report_amend_or_raise_for_another_units_task(accounts, jsj):
    assert jsj("record", "9", "-u", "省交通厅", "-p", "30", "-d", "2022-06-20").exit_code == 0
    assert jsj("problem", "add", "9", "-u", "省交通厅", "--text", "资金缺口").exit_code == 0
    others = count(accounts, "SELECT max(id) FROM milestone")
    problem = count(accounts, "SELECT max(id) FROM problem")
    web, csrf = signed_in(accounts, "sw")  # 省商务厅 holds tasks 1, 2, 4, 5, 6 and 12; not 9
    tries = [
        web.get("/report/9"),
        report(web, csrf, 9, progress="50", date="2022-06-20"),
        report(web, csrf, 9, progress="999", date="bad"),  # refused for who it is, before what it says
        report(web, csrf, 9, progress="50", problem="想替别人提问题"),
        web.post(f"/history/{others}/amend", data={"csrf": csrf, "progress": "90", "reason": "改别人的"}),
        web.post(f"/history/{others}/amend", data={"csrf": csrf, "progress": "abc"}),
        web.post(f"/history/{others}/void", data={"csrf": csrf, "reason": "作废别人的"}),
        web.post(f"/problems/{problem}/note", data={"csrf": csrf, "text": "插话"}),
        web.post(f"/problems/{problem}/close", data={"csrf": csrf, "text": "替别人销号"}),
    ]
    assert [answer.status_code for answer in tries] == [403] * len(tries)
    assert "无权" in text_of(tries[1].text) or "不是任务 9 的责任单位" in text_of(tries[1].text)
    assert milestones(accounts) == 1 and count(accounts, "SELECT count(*) FROM problem_update") == 0
    assert count(accounts, "SELECT count(*) FROM problem") == 1


def test_a_unit_cannot_read_another_units_history_or_problems_by_changing_the_url(one_engine, jsj):
    assert jsj("record", "9", "-u", "省交通厅", "-p", "30", "-d", "2022-06-20", "--note", "交通厅的进展").exit_code == 0
    assert jsj("problem", "add", "9", "-u", "省交通厅", "--text", "交通厅的问题").exit_code == 0
    others = count(one_engine, "SELECT max(id) FROM milestone")
    problem = count(one_engine, "SELECT max(id) FROM problem")
    web, _ = signed_in(one_engine, "sw")
    for path in (f"/history/{others}", "/history?unit=省交通厅", f"/problems/{problem}", "/problems?unit=交通厅",
                 "/status", "/reporting", "/tasks/9", "/download/ledger.xlsx", "/download/bulletin.docx"):  # fmt: skip
        answer = web.get(path)
        assert answer.status_code == 403, path
        assert "交通厅的" not in answer.text
    assert "交通厅的" not in web.get("/history").text and "交通厅的" not in web.get("/problems").text


def test_a_viewer_reads_but_changes_nothing(one_engine, jsj):
    assert jsj("record", "9", "-u", "省交通厅", "-p", "30", "-d", "2022-06-20").exit_code == 0
    assert jsj("problem", "add", "9", "-u", "省交通厅", "--text", "资金缺口").exit_code == 0
    milestone = count(one_engine, "SELECT max(id) FROM milestone")
    problem = count(one_engine, "SELECT max(id) FROM problem")
    web, csrf = signed_in(one_engine, "lead")
    tries = [
        web.post(f"/history/{milestone}/amend", data={"csrf": csrf, "progress": "90", "reason": "x"}),
        web.post(f"/history/{milestone}/void", data={"csrf": csrf, "reason": "x"}),
        web.post(f"/problems/{problem}/note", data={"csrf": csrf, "text": "x"}),
        web.post(f"/problems/{problem}/close", data={"csrf": csrf, "text": "x"}),
        report(web, csrf, 9, progress="50"),
    ]
    assert [answer.status_code for answer in tries] == [403] * len(tries)
    assert milestones(one_engine) == 1 and count(one_engine, "SELECT count(*) FROM problem_update") == 0


@pytest.mark.parametrize("token", [None, "", "wrong-token"])
def test_a_post_without_the_right_csrf_token_is_refused(one_engine, token):
    web, _ = signed_in(one_engine, "sw")
    data = {"progress": "45", "date": "2022-06-08"} | ({"csrf": token} if token is not None else {})
    refused = web.post("/report/5", data=data)
    assert refused.status_code == 403 and "安全令牌" in text_of(refused.text)
    logout = web.post("/logout", data={} if token is None else {"csrf": token})
    assert logout.status_code == 403
    assert milestones(one_engine) == 0
    assert web.get("/due").status_code == 200  # still signed in: the forged logout did nothing


def test_the_login_form_needs_its_csrf_token_too(one_engine):
    web = client(one_engine)
    web.get("/login")
    refused = web.post("/login", data={"name": "sw", "password": PASSWORD, "csrf": "forged"})
    assert refused.status_code == 403 and "jsj_session" not in refused.headers.get("set-cookie", "")
    assert count(one_engine, "SELECT count(*) FROM web_session") == 0


def test_the_session_cookie_and_its_renewal(one_engine):
    web = client(one_engine)
    first = login(web, "sw")
    cookie = first.headers["set-cookie"]
    assert "jsj_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    assert "Secure" not in cookie
    old = web.cookies["jsj_session"]
    again = login(web, "sw")
    assert again.status_code == 303 and web.cookies["jsj_session"] != old
    stale = client(one_engine)
    stale.cookies.set("jsj_session", old)
    assert stale.get("/due").status_code == 303  # the id before the login no longer opens anything
    assert count(one_engine, "SELECT count(*) FROM web_session") == 1


def test_the_cookie_is_secure_behind_https(one_engine):
    web = client(one_engine)
    web.base_url = "https://testserver"
    assert "Secure" in login(web, "sw").headers["set-cookie"]
    forced = client(one_engine, always_secure=True)  # --https: Secure even where the proxy says nothing
    assert "Secure" in forced.get("/login").headers["set-cookie"]


def test_a_session_idle_for_eight_hours_has_ended(accounts):
    web, _ = signed_in(accounts, "sw")
    with opening.open_ledger(accounts) as db, db.write():
        db.execute("UPDATE web_session SET last_seen = '2000-01-01T00:00:00'")
    answer = web.get("/due")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    assert count(accounts, "SELECT count(*) FROM web_session") == 0


@pytest.mark.parametrize("command", [["disable"], ["reset"]])
def test_disabling_or_resetting_an_account_ends_its_sessions_at_once(accounts, jsj, command):
    web, csrf = signed_in(accounts, "sw")
    assert web.get("/due").status_code == 200
    assert jsj("user", *command, "sw").exit_code == 0
    assert web.get("/due").status_code == 303
    assert report(web, csrf, 5, progress="45", date="2022-06-08", period="2022-06").status_code == 303
    assert milestones(accounts) == 0
    assert login(web, "sw").status_code == 401  # disabled, or the old password no longer works


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes_and_say_so(accounts, jsj):
    web = client(accounts)
    answers = [login(web, "sw", "wrong-password-x") for _ in range(5)]
    assert [a.status_code for a in answers] == [401] * 5
    assert "再错 4 次将锁定账户" in text_of(answers[0].text)
    assert "密码连续错误 5 次，账户已锁定 15 分钟" in text_of(answers[4].text)
    locked = login(web, "sw")  # the right password, during the lock
    assert locked.status_code == 401 and "账户已锁定" in text_of(locked.text)
    assert count(accounts, "SELECT count(*) FROM web_session") == 0
    log = json.loads(jsj("user", "log", "sw", "--format", "json").stdout)
    assert [entry["outcome"] for entry in log[:6]] == ["locked", *["failed"] * 5]
    listed = json.loads(jsj("user", "list", "--format", "json").stdout)
    assert next(a for a in listed if a["name"] == "sw")["locked_until"]
    assert jsj("user", "reset", "sw").exit_code == 0  # a reset lifts the lock
    assert (
        next(a for a in json.loads(jsj("user", "list", "--format", "json").stdout) if a["name"] == "sw")["locked_until"]
        is None
    )


def test_failures_from_one_address_are_rate_limited(accounts, jsj):
    web = client(accounts)
    for n in range(20):
        assert login(web, f"nobody{n}", "wrong-password-x").status_code == 401
    refused = login(web, "sw")  # even a right password, from that address, for a while
    assert refused.status_code == 401 and "本地址登录失败次数过多" in text_of(refused.text)
    log = json.loads(jsj("user", "log", "--limit", "1", "--format", "json").stdout)
    assert log[0]["outcome"] == "throttled" and log[0]["address"] == "testclient"


def test_every_login_and_logout_is_logged_and_no_password_ever_is(accounts, jsj):
    web = client(accounts)
    assert login(web, "sw", "wrong-password-x").status_code == 401
    assert login(web, "sw").status_code == 303
    csrf = csrf_in(web.get("/due").text)
    assert web.post("/logout", data={"csrf": csrf}).status_code == 303
    assert web.get("/due").status_code == 303
    log = jsj("user", "log", "--format", "json").stdout
    assert [e["outcome"] for e in json.loads(log)][:3] == ["logout", "ok", "failed"]
    shown = log + jsj("user", "list", "--format", "json").stdout + jsj("user", "log").stdout
    assert PASSWORD not in shown and "wrong-password-x" not in shown and "argon2" not in shown
    with opening.open_ledger(accounts) as db:
        hashes = [row[0] for row in db.query("SELECT password_hash FROM account")]
    assert all(h.startswith("$argon2id$") for h in hashes)


# ---------------------------------------------------------------- escaping and headers


def test_user_text_is_escaped_everywhere_and_no_inline_script_may_run(one_engine, jsj):
    hostile = "<script>alert(1)</script>"
    web, csrf = signed_in(one_engine, "sw")
    assert (
        report(web, csrf, 5, progress="10", date="2022-06-08", note=hostile, problem=f"问题{hostile}").status_code
        == 303
    )
    pages = [
        web.get("/history"),
        web.get("/problems"),
        web.get(f"/problems/{count(one_engine, 'SELECT max(id) FROM problem')}"),
    ]
    boss, _ = signed_in(one_engine, "boss")
    pages += [boss.get("/status?as_of=2022-06-30"), boss.get("/tasks/5?as_of=2022-06-30"), boss.get("/history")]
    for page in pages:
        assert page.status_code == 200
        assert hostile not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
        policy = page.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert page.headers["x-content-type-options"] == "nosniff"
    typed = web.get(f"/login?next=/due%22%3E{hostile}")  # a hostile next= comes back inert
    assert hostile not in typed.text


def test_the_login_page_refuses_a_next_outside_the_site(one_engine):
    web = client(one_engine)
    form = web.get("/login?next=//evil.example/x")
    answer = web.post("/login", data={"name": "sw", "password": PASSWORD, "csrf": csrf_in(form.text),
                                      "next": "//evil.example/x"})  # fmt: skip
    assert answer.status_code == 303 and answer.headers["location"] == "/"


def test_english_pages(one_engine):
    web, _ = signed_in(one_engine, "sw")
    switched = web.get("/lang/en?next=/due")
    assert switched.status_code == 303 and switched.headers["location"] == "/due"
    page = web.get("/due?as_of=2022-06-10")
    assert "Due this period" in page.text and "pending" in page.text and 'lang="en"' in page.text
    refused = web.post("/report/5", data={"csrf": csrf_in(page.text), "progress": "150"})
    assert "Progress (%) '150' is outside 0-100" in text_of(refused.text)
    assert "登录" in client(one_engine).get("/login").text  # another browser still gets Chinese


def test_the_root_path_prefixes_every_link(one_engine):
    web = client(one_engine, root_path="/jsj")
    web.base_url = "http://testserver/jsj"
    web.app.root_path = "/jsj"
    answer = web.get("/due")
    assert answer.headers["location"].startswith("/jsj/login")


def test_a_units_own_picture_gives_the_same_due_page_as_the_whole_plans(accounts, jsj):
    """本期应报 reads one unit's share of the ledger; it must say what the whole picture says of that unit."""
    import datetime as dt

    from jinsanjiao_cli.ledger.picture import read_picture
    from jinsanjiao_cli.views.cycle import unit_due_view

    reports = [
        ("5", "商务厅", "30", "2022-05-20"),
        ("9", "交通厅", "10", "2022-06-02"),
        ("5", "运城", "12", "2022-06-30"),
    ]
    for task, unit, progress, day in reports:
        assert jsj("record", task, "-u", unit, "-p", progress, "-d", day).exit_code == 0
    with opening.open_ledger(accounts) as db:
        for as_of in (dt.date(2022, 6, 10), dt.date(2022, 7, 1), dt.date(2026, 1, 1)):
            whole = read_picture(db, as_of)
            for unit in whole.units:
                mine = read_picture(db, as_of, unit=unit.name)
                assert unit_due_view(mine, unit.name) == unit_due_view(whole, unit.name), (unit.name, as_of)
