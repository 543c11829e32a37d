"""Helpers for driving the portal in tests: accounts made with the real `jsj user add`, a FastAPI TestClient
on the test's ledger, logging in through the login form."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from jinsanjiao_cli.cli.app import app as cli_app
from jinsanjiao_cli.ledger import opening
from jinsanjiao_cli.ledger.db import parse_location
from jinsanjiao_cli.text import i18n
from jinsanjiao_cli.web.app import Settings, create_app

PASSWORD = "correct-horse-42"


def add_account(name: str, *role: str, password: str = PASSWORD) -> None:
    result = CliRunner().invoke(cli_app, ["user", "add", name, *role, "--password-stdin"], input=password + "\n")
    i18n.set_lang(None)
    assert result.exit_code == 0, result.output


def client(ledger: str, **settings) -> TestClient:
    return TestClient(create_app(Settings(parse_location(ledger), **settings)), follow_redirects=False)


def csrf_in(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]*)"', html).group(1)


def login(web: TestClient, name: str, password: str = PASSWORD):
    form = web.get("/login")
    assert form.status_code == 200
    return web.post("/login", data={"name": name, "password": password, "csrf": csrf_in(form.text), "next": "/"})


def signed_in(ledger: str, name: str) -> tuple[TestClient, str]:
    """A client logged in as `name`, and its session's CSRF token."""
    web = client(ledger)
    assert login(web, name).status_code == 303
    return web, csrf_in(web.get("/problems").text)


def count(ledger: str, sql: str, params: tuple = ()) -> int:
    with opening.open_ledger(ledger) as db:
        return int(db.value(sql, params))


def milestones(ledger: str) -> int:
    return count(ledger, "SELECT count(*) FROM milestone")


def text_of(html: str) -> str:
    """A page's visible text, roughly: tags dropped, entities of the escaped kind undone."""
    import html as html_module

    return html_module.unescape(re.sub(r"<[^>]+>", " ", html))
