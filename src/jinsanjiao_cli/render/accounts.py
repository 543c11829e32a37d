"""Tables for the portal's accounts: `jsj user list` and `jsj user log`."""

from __future__ import annotations

from typing import Any

from jinsanjiao_cli.render import _table, console, write_csv, write_json
from jinsanjiao_cli.render.format import Format
from jinsanjiao_cli.text.i18n import t


def show_accounts(document: list[dict[str, Any]], output: Format) -> None:
    if output is Format.json:
        return write_json(document)
    if output is Format.csv:
        return write_csv(document)
    table = _table(
        None,
        [
            (t("col.account"), "wrap"),
            (t("col.account_role"), "left"),
            (t("col.unit"), "wrap"),
            (t("col.account_state"), "left"),
            (t("col.created"), "left", 2),
        ],
    )
    for row in document:
        state = t("user.state.disabled") if row["disabled"] else t("user.state.active")
        if row["locked_until"] and not row["disabled"]:
            state = t("user.state.locked", until=row["locked_until"])
        table.add_row(row["name"], t(f"user.role.{row['role']}"), row["unit"] or "", state, row["created_at"])
    console().print(table if document else t("user.none"))


def show_log(document: list[dict[str, Any]], output: Format) -> None:
    if output is Format.json:
        return write_json(document)
    if output is Format.csv:
        return write_csv(document)
    table = _table(
        None,
        [
            (t("col.login_time"), "left"),
            (t("col.account"), "wrap"),
            (t("col.ip_address"), "left", 2),
            (t("col.outcome"), "left"),
        ],
    )
    for row in document:
        table.add_row(row["at"], row["name"], row["address"] or "", t(f"user.outcome.{row['outcome']}"))
    console().print(table if document else t("user.log_empty"))
