"""`jsj settings show`: each overridable setting, in force beside the plan file's value."""

from __future__ import annotations

from typing import Any

from jinsanjiao_cli.render import _table, console, write_csv, write_json
from jinsanjiao_cli.render.format import Format
from jinsanjiao_cli.text.i18n import t


def show_settings(lines: list[dict[str, Any]], output: Format) -> None:
    if output is Format.json:
        return write_json(lines)
    if output is Format.csv:
        return write_csv(lines)
    table = _table(
        t("settings.title"),
        [
            (t("col.setting"), "left"),
            (t("col.in_force"), "left"),
            (t("col.plan_value"), "left"),
            (t("col.set_by"), "wrap", 1),
        ],
    )
    for line in lines:
        who = t("settings.by", by=line["set_by"], at=line["set_at"][:10]) if line["overridden"] else ""
        table.add_row(line["key"], _value(line["value"]), _value(line["plan"]), who)
    console().print(table)
    return None


def _value(value: str | None) -> str:
    return "—" if value is None else value
