"""Notices delivered (issue 22): `jsj unit set --notify`, `jsj remind --send`, the delivery log and the
masking of every secret, against real servers on 127.0.0.1: an SMTP server (aiosmtpd) for mail, and an
HTTP server standing in for 企业微信 and 钉钉 group robots and for an office system that takes JSON.

Apprise's wecombot and dingtalk plugins post to the vendors' fixed hosts, held in a class constant
(`notify_url`) that no URL option changes. The `robots` fixture points only that constant at the local
server; the payload, the 钉钉 signature and the handling of the answer are the plugins' own.
"""

from __future__ import annotations

import base64
import email
import hashlib
import hmac
import json
import socket
import threading
import time
import urllib.parse
from email.header import decode_header, make_header
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import openpyxl
import pytest

from jinsanjiao_cli.core.secrets import address_secrets, mask_address, scrub_secrets

SMTP_USER, SMTP_PASSWORD = "jsj", "Mail-Pa55word"
WECOM_KEY = "wecomKey0123456789"
DING_TOKEN, DING_SECRET = "dingToken0123456789", "SECding0123456789abc"
JSON_TOKEN, JSON_BEARER = "jsonToken0123456789", "Bearer0123456789xyz"
SECRETS = (SMTP_PASSWORD, WECOM_KEY, DING_TOKEN, DING_SECRET, JSON_TOKEN, JSON_BEARER)

CHASE_TITLE = "关于尽快报送2022年6月进展情况的通知"
TRANSPORT_NOTICE = (
    "省交通厅：截至2022年6月30日，你单位尚未报送第9项“构建综合交通枢纽”2022年6月进展情况"
    "（应于2022年6月25日前报送），请尽快补报。"
)
AS_OF = ("--as-of", "2022-06-30")


# ---------------------------------------------------------------- every output is kept and searched for secrets


@pytest.fixture
def run(jsj):
    """`jsj` whose every output is kept: at the end of the test none may hold a secret it used."""
    outputs: list[str] = []

    def invoke(*args: str):
        result = jsj(*args)
        outputs.append(result.stdout + result.stderr)
        return result

    yield invoke
    leaked = [(secret, text) for text in outputs for secret in SECRETS if secret in text]
    assert not leaked, leaked[0]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# ---------------------------------------------------------------- a real SMTP server


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], email.message.Message]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.original_content)))
        return "250 OK"


def _login(server, session, envelope, mechanism, data):
    from aiosmtpd.smtp import AuthResult, LoginPassword

    good = isinstance(data, LoginPassword) and (data.login, data.password) == (
        SMTP_USER.encode(),
        SMTP_PASSWORD.encode(),
    )
    return AuthResult(success=good, handled=False)  # handled=False: aiosmtpd answers 235 or 535 itself


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    port = free_port()
    # Plain SMTP with AUTH on loopback (no certificate to make): the password must still be right.
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=_login, auth_require_tls=False)
    controller.start()
    inbox.port = port
    inbox.address = f"mailto://{SMTP_USER}:{SMTP_PASSWORD}@127.0.0.1:{port}?from=jsj@example.cn&to=jtt@example.cn"
    yield inbox
    controller.stop()


# ---------------------------------------------------------------- a real HTTP server for robots and office systems


class Robots(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), RobotHandler)
        self.received: list[dict] = []
        # path → 200, 500, "silence", or a robot's JSON answer sent with HTTP 200; 200 by default
        self.answers: dict[str, int | str | dict] = {}
        self.port = self.server_address[1]

    def url(self, path: str) -> str:
        """A json:// address at `path`, with a token as a query parameter and a bearer token as a header."""
        return f"json://127.0.0.1:{self.port}{path}?-token={JSON_TOKEN}&+Authorization=Bearer%20{JSON_BEARER}"


class RobotHandler(BaseHTTPRequestHandler):
    server: Robots

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8"))
        problem = _check(url.path, query, body, self.headers)
        self.server.received.append({"path": url.path, "query": query, "body": body, "problem": problem})
        answer = 400 if problem else self.server.answers.get(url.path, 200)
        if isinstance(answer, dict):  # a robot's own refusal: HTTP 200, the errcode in the body
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps(answer, ensure_ascii=False).encode())
            return
        if answer == "silence":
            time.sleep(3)  # longer than the test's time-out: the client gives up first
            return
        self.send_response(int(answer))
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps({"errcode": 0 if answer == 200 else answer}).encode())

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass


def _check(path: str, query: dict, body: dict, headers) -> str | None:
    """What each service would refuse: None when the request is as the vendor documents it."""
    if path == "/cgi-bin/webhook/send":  # 企业微信 group robot
        if query.get("key") != WECOM_KEY or body.get("msgtype") != "text" or not body["text"].get("content"):
            return f"wecom: {query} {body}"
    elif path == "/robot/send":  # 钉钉 group robot with 加签: sign = urlencode(base64(HMAC-SHA256(secret, ts\nsecret)))
        stamp = query.get("timestamp", "0")
        digest = hmac.new(DING_SECRET.encode(), f"{stamp}\n{DING_SECRET}".encode(), hashlib.sha256).digest()
        signed = urllib.parse.unquote(query.get("sign", "")) == base64.b64encode(digest).decode()
        fresh = abs(time.time() * 1000 - int(stamp)) < 60 * 60 * 1000  # 钉钉 allows an hour
        if query.get("access_token") != DING_TOKEN or not (signed and fresh) or body.get("msgtype") != "text":
            return f"dingtalk: {query} {body}"
    elif headers.get("Authorization") != f"Bearer {JSON_BEARER}" or query.get("token") != JSON_TOKEN:
        return f"json: {query} {headers.get('Authorization')}"
    elif not body.get("title") or not body.get("message"):
        return f"json: {body}"
    return None


@pytest.fixture
def robots(monkeypatch):
    from apprise.plugins.dingtalk import NotifyDingTalk
    from apprise.plugins.wecombot import NotifyWeComBot

    server = Robots()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    # The vendors' hosts are class constants of the plugins (see the module's docstring): only they move.
    base = f"http://127.0.0.1:{server.port}"
    monkeypatch.setattr(NotifyWeComBot, "notify_url", base + "/cgi-bin/webhook/send?key={key}")
    monkeypatch.setattr(NotifyDingTalk, "notify_url", base + "/robot/send?access_token={token}")
    yield server
    server.shutdown()
    server.server_close()


WECOM = f"wecombot://{WECOM_KEY}"
DINGTALK = f"dingtalk://{DING_SECRET}@{DING_TOKEN}"


def log(run, *args) -> list[dict]:
    result = run("remind", "--log", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# ---------------------------------------------------------------- where notices go


def test_addresses_are_checked_stored_masked_and_cleared(run):
    assert run("unit", "set", "交通厅", "--notify", WECOM, "--notify", DINGTALK).stdout == (
        "已记录 省交通厅 的通知地址：wecombot://***、dingtalk://***@***\n"
    )
    listed = json.loads(run("unit", "list", "--format", "json").stdout)
    assert next(u for u in listed if u["name"] == "省交通厅")["notify"] == ["wecombot://***", "dingtalk://***@***"]
    table = run("unit", "list").stdout
    assert "wecombot://***" in table and "dingtalk://***@***" in table
    assert run("unit", "set", "交通厅", "--notify", "").stdout == "已清除 省交通厅 的通知地址\n"
    listed = json.loads(run("unit", "list", "--format", "json").stdout)
    assert next(u for u in listed if u["name"] == "省交通厅")["notify"] == []


@pytest.mark.parametrize(
    ("address", "message"),
    [
        (
            f"ftp://user:{SMTP_PASSWORD}@host/x",
            "jsj: 通知地址 ftp://***@***/***：不认识的通知方式“ftp”"
            "（可用 mailtos、wecombot、dingtalk、json 等 Apprise 方式）",
        ),
        (
            WECOM_KEY,
            "jsj: 通知地址 *** 不是网址：应写作 mailtos://…、wecombot://…、dingtalk://…、json://… 等 Apprise 地址",
        ),
        ("json://", "jsj: 通知地址 json:// 无效：Unparseable JSON URL json://..."),
        (f"wecombot://{WECOM_KEY}!?", "jsj: 通知地址 wecombot://***? 无效：Unparseable WeCom Bot URL wecombot://..."),
        (
            f"mailtos://{SMTP_USER}:{SMTP_PASSWORD}@smtp.example.gov.cn?to=not-an-address",
            f"jsj: 通知地址 mailtos://{SMTP_USER}:***@smtp.example.gov.cn?to=not-an-address 无效："
            "Dropped invalid To email (not-an-address) specified.",
        ),
        (
            # Two segments that could each be the secret (neither is a phone number): which one is meant?
            f"dingtalk://{DING_TOKEN}/{DING_SECRET}/x{DING_SECRET}",
            "jsj: 通知地址 dingtalk://***/***/*** 无效：Dropped invalid phone # (***) specified."
            "（钉钉机器人写作 dingtalk://SECRET@TOKEN 或 dingtalk://TOKEN/SECRET，其后的路径只能是要 @ 的手机号）",
        ),
    ],
)
def test_a_bad_address_is_refused_in_one_line_and_nothing_is_stored(run, address, message):
    assert run("unit", "set", "交通厅", "--notify", WECOM).exit_code == 0
    result = run("unit", "set", "交通厅", "--notify", address, "--contact", "张三")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message + "\n")
    listed = json.loads(run("unit", "list", "--format", "json").stdout)
    transport = next(u for u in listed if u["name"] == "省交通厅")
    assert (transport["notify"], transport["contact"]) == (["wecombot://***"], None)


def test_a_bad_contact_stores_no_address_either(run):
    result = run("unit", "set", "交通厅", "--notify", WECOM, "--phone", "call me")
    assert result.exit_code == 1 and result.stderr.startswith("jsj: ")
    listed = json.loads(run("unit", "list", "--format", "json").stdout)
    assert next(u for u in listed if u["name"] == "省交通厅")["notify"] == []
    both = run("unit", "set", "交通厅", "--notify", WECOM, "--contact", "张三")
    assert both.stdout == "已记录 省交通厅 的通知地址：wecombot://***\n已记录 省交通厅 的联系方式：张三\n"


def test_clearing_goes_alone(run):
    result = run("unit", "set", "交通厅", "--notify", WECOM, "--notify", "")
    assert (result.exit_code, result.stderr) == (
        1,
        "jsj: --notify 后跟空值表示清除全部通知地址，不能与其他地址一起给出\n",
    )


# ---------------------------------------------------------------- sending


def test_mail_reaches_a_real_smtp_server_in_chinese(ledger, run, smtp):
    assert run("unit", "set", "交通厅", "--notify", smtp.address).exit_code == 0
    text = run("remind", *AS_OF, "-u", "省交通厅", "--format", "text").stdout.strip()
    assert text == TRANSPORT_NOTICE
    result = run("remind", *AS_OF, "-u", "省交通厅", "--send")
    assert result.exit_code == 0, result.output
    assert "送达 1 处；今日已送达、未重发 0 处；未能送达 0 处" in result.stdout
    [(recipients, message)] = smtp.messages
    assert recipients == ["jtt@example.cn"]
    assert str(make_header(decode_header(message["Subject"]))) == CHASE_TITLE
    assert message.get_content_type() == "text/plain" and message.get_content_charset() == "utf-8"
    assert message.get_payload(decode=True).decode("utf-8").strip() == text
    [entry] = log(run)
    assert entry == {
        "unit": "省交通厅",
        "period": "2022-06",
        "kind": "overdue",
        "day": "2022-06-30",
        "address": f"mailto://{SMTP_USER}:***@127.0.0.1:{smtp.port}?from=jsj@example.cn&to=jtt@example.cn",
        "outcome": "sent",
        "error": None,
        "attempted_at": entry["attempted_at"],
        "by": entry["by"],
    }


def test_a_wrong_mail_password_is_a_failed_delivery(run, smtp):
    wrong = smtp.address.replace(SMTP_PASSWORD, "Wrong-Pa55word")
    assert run("unit", "set", "交通厅", "--notify", wrong).exit_code == 0
    result = run("remind", *AS_OF, "-u", "省交通厅", "--send")
    assert result.exit_code == 4 and not smtp.messages
    assert result.stderr == (
        f"jsj: 未能送达 省交通厅（mailto://jsj:***@127.0.0.1:{smtp.port}?from=jsj@example.cn&to=jtt@example.cn）："
        "Connection error while submitting email to \"127.0.0.1\" (535, b'5.7.8 Authentication credentials invalid')\n"
    )
    assert "Wrong-Pa55word" not in result.output


def test_robots_and_office_systems_get_the_notices(run, robots, monkeypatch):
    assert run("unit", "set", "交通厅", "--notify", WECOM).exit_code == 0
    assert run("unit", "set", "运城", "--notify", DINGTALK).exit_code == 0
    monkeypatch.setenv("JSJ_NOTIFY", robots.url("/office"))  # every other unit: the analyst's office system
    result = run("remind", *AS_OF, "--send")
    assert result.exit_code == 0, result.output
    assert [r["problem"] for r in robots.received] == [None] * 15  # one message per unit, each as expected
    by_path: dict[str, list[dict]] = {}
    for request in robots.received:
        by_path.setdefault(request["path"], []).append(request)
    [wecom] = by_path["/cgi-bin/webhook/send"]
    assert wecom["body"]["text"]["content"].endswith(TRANSPORT_NOTICE)
    [ding] = by_path["/robot/send"]
    assert "运城市人民政府：截至2022年6月30日，你单位尚未报送" in ding["body"]["text"]["content"]
    office = by_path["/office"]
    assert len(office) == 13 and {r["body"]["title"] for r in office} == {CHASE_TITLE}
    texts = run("remind", *AS_OF, "--format", "text").stdout.strip().splitlines()
    assert {r["body"]["message"] for r in office} == {
        line for line in texts if "交通厅" not in line and "运城" not in line
    }


def test_upcoming_reminders_are_sent_as_reminders(run, robots):
    assert run("unit", "set", "交通厅", "--notify", robots.url("/office")).exit_code == 0
    result = run("remind", "--upcoming", "--within", "3", "--as-of", "2022-06-22", "-u", "交通厅", "--send")
    assert result.exit_code == 0, result.output
    [request] = robots.received
    assert request["body"]["title"] == "关于按时报送2022年6月进展情况的提醒"
    assert (
        request["body"]["message"]
        == run("remind", "--upcoming", "--as-of", "2022-06-22", "-u", "交通厅", "--format", "text").stdout.strip()
    )
    assert [(e["kind"], e["period"], e["outcome"]) for e in log(run)] == [("upcoming", "2022-06", "sent")]


def test_sent_once_a_day_resent_on_request_and_failures_retried(ledger, run, robots, tmp_path):
    assert run("unit", "set", "交通厅", "--notify", WECOM).exit_code == 0
    assert run("unit", "set", "运城", "--notify", robots.url("/down")).exit_code == 0
    robots.answers["/down"] = 500
    only = ("-u", "交通厅"), ("-u", "运城")

    def send(*extra: str) -> list[tuple[int, str]]:
        codes = [run("remind", *AS_OF, *unit, "--send", *extra) for unit in only]
        return [(r.exit_code, r.stderr) for r in codes]

    down = "jsj: 未能送达 运城市人民政府（json://127.0.0.1:{}/down?-token=***&+Authorization=***）：{}\n"
    failed = down.format(robots.port, "Failed to send JSON POST notification: Internal server error., error=500.")
    assert send() == [(0, ""), (4, failed)]
    robots.answers["/down"] = 403  # a robot whose key was revoked answers 4xx
    forbidden = down.format(robots.port, "Failed to send JSON POST notification: error=403.")
    assert send() == [(0, ""), (4, forbidden)]  # the failed one is tried again; the delivered one is not
    robots.answers["/down"] = 200
    assert send() == [(0, ""), (0, "")]
    assert send() == [(0, ""), (0, "")]  # nothing left to send today
    assert [r["path"] for r in robots.received] == ["/cgi-bin/webhook/send", "/down", "/down", "/down"]
    assert send("--resend") == [(0, ""), (0, "")]
    assert len(robots.received) == 6
    entries = log(run)
    assert [(e["unit"], e["outcome"]) for e in entries] == [
        ("省交通厅", "sent"),
        ("运城市人民政府", "failed"),
        ("运城市人民政府", "failed"),
        ("运城市人民政府", "sent"),
        ("省交通厅", "sent"),
        ("运城市人民政府", "sent"),
    ]
    assert entries[1]["error"] == "Failed to send JSON POST notification: Internal server error., error=500."
    assert entries[2]["error"].endswith("error=403.")
    # Another day is another notice.
    assert run("remind", "--as-of", "2022-07-01", "--period", "2022-06", "-u", "交通厅", "--send").exit_code == 0
    assert len(robots.received) == 7
    assert len(log(run, "--period", "2022-06")) == 7 and log(run, "--period", "2022-05") == []
    copy = tmp_path / "copy.sqlite3"  # `jsj db copy` carries the addresses and the log
    assert run("db", "copy", "--from", ledger, "--to", copy).exit_code == 0
    assert log(run, "--db", copy) == log(run)
    listed = run("unit", "list", "--format", "json").stdout
    assert run("unit", "list", "--db", copy, "--format", "json").stdout == listed


def test_a_robot_that_does_not_answer_times_out_and_the_others_are_still_sent(run, robots, monkeypatch):
    from jinsanjiao_cli.io import notify

    assert notify.TIMEOUT_SECONDS == 10  # the time-out the issue asks for; the test waits 1 s instead
    monkeypatch.setattr(notify, "TIMEOUT_SECONDS", 1.0)
    robots.answers["/silent"] = "silence"
    assert run("unit", "set", "运城", "--notify", robots.url("/silent")).exit_code == 0
    assert run("unit", "set", "交通厅", "--notify", WECOM).exit_code == 0
    started = time.monotonic()
    result = run("remind", *AS_OF, "-u", "运城", "--send")
    assert time.monotonic() - started < 2.5
    assert result.exit_code == 4
    assert result.stderr.count("\n") == 1, result.stderr
    assert "A Connection error occurred sending JSON notification to 127.0.0.1. (" in result.stderr
    assert "Read timed out. (read timeout=1.0)" in result.stderr
    assert run("remind", *AS_OF, "-u", "交通厅", "--send").exit_code == 0
    assert [(e["unit"], e["outcome"]) for e in log(run)] == [("运城市人民政府", "failed"), ("省交通厅", "sent")]


def test_a_unit_without_an_address_is_a_failure_cron_hears_of(run, robots):
    assert run("unit", "set", "交通厅", "--notify", WECOM).exit_code == 0
    result = run("remind", *AS_OF, "--send")
    assert result.exit_code == 4 and len(robots.received) == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 14 and lines[0] == (
        "jsj: 未能送达 省发展改革委（无地址）：没有通知地址（jsj unit set --notify，或 settings.notify、JSJ_NOTIFY）"
    )


def test_dry_run_shows_where_and_what_and_sends_nothing(run, robots):
    assert run("unit", "set", "交通厅", "--notify", WECOM, "--notify", robots.url("/office")).exit_code == 0
    result = run("remind", *AS_OF, "-u", "交通厅", "--send", "--dry-run")
    assert result.exit_code == 0 and robots.received == []
    assert result.stdout == (
        f"省交通厅 → wecombot://***、json://127.0.0.1:{robots.port}/office?-token=***&+Authorization=***\n"
        f"{CHASE_TITLE}\n{TRANSPORT_NOTICE}\n\n（试发送：未发送任何通知）\n"
    )
    assert log(run) == []
    document = json.loads(run("remind", *AS_OF, "-u", "交通厅", "--send", "--dry-run", "--format", "json").stdout)
    assert document["dry_run"] is True
    assert [d["outcome"] for d in document["notices"][0]["deliveries"]] == ["dry_run", "dry_run"]
    assert run("remind", *AS_OF, "-u", "交通厅", "--send").exit_code == 0
    again = run("remind", *AS_OF, "-u", "交通厅", "--send", "--dry-run").stdout
    assert again.startswith("省交通厅 → wecombot://***（今日已送达，未重发）、")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--dry-run",), "jsj: --dry-run 须与 --send 一起使用\n"),
        (("--resend",), "jsj: --resend 须与 --send 一起使用\n"),
        (("--log", "--send"), "jsj: --log 只与 --period、--format 一起使用\n"),
    ],
)
def test_options_that_do_not_go_together(run, args, message):
    result = run("remind", *AS_OF, *args)
    assert (result.exit_code, result.stderr) == (2, message)


def test_the_plan_wide_default_from_the_plan_file(run, robots, tmp_path):
    from tests.conftest import REPO

    plan = (REPO / "data" / "plan.yaml").read_text(encoding="utf-8")
    with_default = plan.replace("settings:\n", f"settings:\n  notify: '{robots.url('/analyst')}'\n", 1)
    (tmp_path / "plan.yaml").write_text(with_default, encoding="utf-8")
    db = tmp_path / "own.sqlite3"
    assert run("init", "--db", db).exit_code == 0  # the bundled plan first: a unit's own address is kept
    assert run("unit", "set", "运城", "--notify", WECOM, "--db", db).exit_code == 0
    assert run("init", "--plan", tmp_path / "plan.yaml", "--db", db).exit_code == 0  # reloaded with the default
    listed = json.loads(run("unit", "list", "--db", db, "--format", "json").stdout)
    assert next(u for u in listed if u["name"] == "运城市人民政府")["notify"] == ["wecombot://***"]
    assert (
        run("unit", "list", "--db", db)
        .stdout.strip()
        .endswith(
            f"没有通知地址的单位，通知发往（settings.notify）：json://127.0.0.1:{robots.port}/analyst"
            "?-token=***&+Authorization=***"
        )
    )
    assert run("remind", *AS_OF, "-u", "交通厅", "--send", "--db", db).exit_code == 0
    assert [r["path"] for r in robots.received] == ["/analyst"]
    bad = plan.replace("settings:\n", f"settings:\n  notify: [ftp://x:{SMTP_PASSWORD}@h]\n", 1)
    (tmp_path / "bad.yaml").write_text(bad, encoding="utf-8")
    result = run("plan", "check", tmp_path / "bad.yaml")
    assert result.exit_code == 1 and "settings.notify[0]: 通知地址 ftp://***@*** ：" not in result.output
    assert "settings.notify[0]: 通知地址 ftp://***@***：不认识的通知方式“ftp”" in result.output


def test_the_export_and_the_log_show_deliveries_masked(ledger, run, robots, tmp_path):
    assert run("unit", "set", "交通厅", "--notify", WECOM).exit_code == 0
    assert run("unit", "set", "运城", "--notify", robots.url("/down")).exit_code == 0
    robots.answers["/down"] = 500
    for unit in ("交通厅", "运城"):
        run("remind", *AS_OF, "-u", unit, "--send")
    table = run("remind", "--log").stdout
    assert "wecombot://***" in table and "未能送达" in table and "error=500" in table
    assert run("export", tmp_path / "ledger.xlsx", *AS_OF).exit_code == 0
    sheet = openpyxl.load_workbook(tmp_path / "ledger.xlsx")["报送情况"]
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "通知发送记录（催报、临近提醒）" in cells and "wecombot://***" in cells and "未能送达" in cells
    assert not [c for c in cells for secret in SECRETS if secret in c]
    earlier = tmp_path / "earlier.xlsx"  # an export as of an earlier day leaves later deliveries out
    assert run("export", earlier, "--as-of", "2022-06-29").exit_code == 0
    cells = [str(c) for row in openpyxl.load_workbook(earlier)["报送情况"].iter_rows(values_only=True) for c in row]
    assert "尚未发送过通知" in cells


# ---------------------------------------------------------------- the masking rule itself


@pytest.mark.parametrize(
    ("address", "shown"),
    [
        ("mailtos://user:pa%40ss@smtp.example.gov.cn?to=a@b.cn", "mailtos://user:***@smtp.example.gov.cn?to=a@b.cn"),
        ("mailtos://user:pa/ss@smtp.example.gov.cn", "mailtos://***"),  # a / cuts the address short: hide it all
        ("wecombot://KEY123", "wecombot://***"),
        ("wecombot://?key=KEY123", "wecombot://?key=***"),
        ("dingtalk://SEC123@TOKEN123/13800000000", "dingtalk://***@***/***"),
        ("json://host/services/T0/abcdef1234567890XYZ", "json://host/services/T0/***"),
        (
            "json://host/p?access_token=A1&secret=B1&token=C1&key=D1&to=x",
            "json://host/p?access_token=***&secret=***&token=***&key=***&to=x",
        ),
        (
            "postgresql://jsj:pw1@db.example/jsj?sslpassword=pw2&schema=s",
            "postgresql://jsj:***@db.example/jsj?sslpassword=***&schema=s",
        ),
        ("just-a-token", "***"),
    ],
)
def test_one_rule_masks_every_address(address, shown):
    assert mask_address(address) == shown
    for secret in address_secrets(address):
        assert secret not in mask_address(address).replace("***", "")


def test_secrets_seen_are_scrubbed_from_other_peoples_messages(run):
    assert run("unit", "set", "交通厅", "--notify", WECOM).exit_code == 0
    assert scrub_secrets(f"POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={WECOM_KEY}") == (
        "POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***"
    )


# ---------------------------------------------------------------- the robots' own refusals (HTTP 200 + errcode)

WECOM_PATH, DING_PATH = "/cgi-bin/webhook/send", "/robot/send"


def test_apprise_itself_counts_a_200_with_an_errcode_as_delivered(robots):
    """Why jsj reads the robots' answers itself: Apprise (as installed) takes any 200 for a delivery."""
    import apprise

    robots.answers[WECOM_PATH] = {"errcode": 93000, "errmsg": "invalid webhook url"}
    robots.answers[DING_PATH] = {"errcode": 310000, "errmsg": "sign not match"}
    for address in (WECOM, DINGTALK):
        assert apprise.Apprise.instantiate(address).notify(body="正文", title="标题") is True
    assert len(robots.received) == 2


def test_a_robot_that_answers_200_with_an_errcode_has_not_delivered(ledger, run, robots):
    assert run("unit", "set", "交通厅", "--notify", WECOM).exit_code == 0
    assert run("unit", "set", "运城", "--notify", DINGTALK).exit_code == 0
    # The vendors' messages may quote the key back; it is scrubbed like any secret.
    robots.answers[WECOM_PATH] = {"errcode": 93000, "errmsg": f"invalid webhook url, key={WECOM_KEY}"}
    robots.answers[DING_PATH] = {"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"}
    wecom, ding = (run("remind", *AS_OF, "-u", unit, "--send") for unit in ("交通厅", "运城"))
    assert (wecom.exit_code, wecom.stderr) == (
        4,
        "jsj: 未能送达 省交通厅（wecombot://***）：机器人拒收：errcode 93000，invalid webhook url, key=***\n",
    )
    assert (ding.exit_code, ding.stderr) == (
        4,
        "jsj: 未能送达 运城市人民政府（dingtalk://***@***）："
        "机器人限流（发送太频繁），下次运行重试：errcode 130101，send too fast, exceed 20 times per minute\n",
    )
    assert [(e["unit"], e["outcome"], e["error"]) for e in log(run)] == [
        ("省交通厅", "failed", "机器人拒收：errcode 93000，invalid webhook url, key=***"),
        (
            "运城市人民政府",
            "failed",
            "机器人限流（发送太频繁），下次运行重试：errcode 130101，send too fast, exceed 20 times per minute",
        ),
    ]
    robots.answers.clear()  # the robots take the notices now: the next run tries both again
    assert run("remind", *AS_OF, "--send", "-u", "交通厅").exit_code == 0
    assert run("remind", *AS_OF, "--send", "-u", "运城").exit_code == 0
    assert run("remind", *AS_OF, "--send", "-u", "运城").exit_code == 0  # and, delivered, not a third time
    assert [r["path"] for r in robots.received] == [WECOM_PATH, DING_PATH, WECOM_PATH, DING_PATH]
    assert [e["outcome"] for e in log(run)] == ["failed", "failed", "sent", "sent"]
    robots.answers[WECOM_PATH] = {"errcode": 0, "errmsg": "ok"}  # the vendors' own word for delivered
    assert run("remind", *AS_OF, "--send", "-u", "交通厅", "--resend").exit_code == 0


# ---------------------------------------------------------------- 钉钉 as issue 22 writes it: dingtalk://TOKEN/SECRET


def test_the_issues_dingtalk_form_is_read_as_apprises_and_signed(run, robots, monkeypatch):
    issue_form = f"dingtalk://{DING_TOKEN}/{DING_SECRET}"
    result = run("unit", "set", "运城", "--notify", issue_form)
    assert (result.exit_code, result.stdout) == (0, "已记录 运城市人民政府 的通知地址：dingtalk://***@***\n")
    with_phone = f"dingtalk://{DING_TOKEN}/13800000000/{DING_SECRET}"
    assert run("unit", "set", "交通厅", "--notify", with_phone).exit_code == 0
    monkeypatch.setenv("JSJ_NOTIFY", issue_form)  # the default is read the same way when it is sent
    assert run("unit", "set", "太原", "--notify", "").exit_code == 0
    for unit in ("运城", "交通厅", "太原"):
        result = run("remind", *AS_OF, "-u", unit, "--send")
        assert result.exit_code == 0, result.output
    # Each signed with the secret (the server checks the signature) rather than sent unsigned.
    assert [(r["path"], r["problem"]) for r in robots.received] == [(DING_PATH, None)] * 3
    assert robots.received[1]["body"]["at"]["atMobiles"] == ["13800000000"]
    assert [e["address"] for e in log(run)] == ["dingtalk://***@***", "dingtalk://***@***/***", "dingtalk://***/***"]
    units = json.loads(run("unit", "list", "--format", "json").stdout)
    assert {u["name"]: u["notify"] for u in units if u["notify"]} == {
        "省交通厅": ["dingtalk://***@***/***"],
        "运城市人民政府": ["dingtalk://***@***"],
    }


@pytest.mark.parametrize(
    ("given", "read"),
    [
        ("dingtalk://TOK1/SEC1", "dingtalk://SEC1@TOK1"),
        ("dingtalk://TOK1/SEC1/13800000000", "dingtalk://SEC1@TOK1/13800000000"),
        ("dingtalk://TOK1/13800000000/SEC1?format=text", "dingtalk://SEC1@TOK1/13800000000?format=text"),
        ("dingtalk://SEC1@TOK1", "dingtalk://SEC1@TOK1"),  # Apprise's own form, as it is
        ("dingtalk://TOK1/13800000000", "dingtalk://TOK1/13800000000"),  # no secret: an unsigned robot
        ("dingtalk://TOK1/SEC1/SEC2", "dingtalk://TOK1/SEC1/SEC2"),  # two candidates: left for Apprise to refuse
        ("dingtalk://TOK1/SEC1?secret=SEC2", "dingtalk://TOK1/SEC1?secret=SEC2"),  # a secret given otherwise
        ("wecombot://KEY1/SEC1", "wecombot://KEY1/SEC1"),
    ],
)
def test_the_dingtalk_translation_rule(given, read):
    from jinsanjiao_cli.io.notify import apprise_form

    assert apprise_form(given) == read
