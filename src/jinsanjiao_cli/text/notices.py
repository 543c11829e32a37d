"""The text of the notices sent to units: the chase for an overdue report (催报) and the polite reminder
before one falls due (临近提醒), one per unit, in formal Chinese (or English), numbers filled in.

They are written from the documents `jsj remind` prints as JSON, so the notice and the data agree. The
wording follows the examples in the plan's supervision procedure, in full-width punctuation with Chinese
quotation marks (a title that holds quotation marks of its own has them nested as ‘’):
省交通厅：截至2022年6月30日，你单位尚未报送第9项“构建综合交通枢纽”2022年6月进展情况（应于2022年6月25日前报送），
请尽快补报。 A report made late is not overdue, so no unit is chased for a period it has reported.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from jinsanjiao_cli.text.i18n import join, t
from jinsanjiao_cli.text.wording import long_date, period_name


def _addressee(unit: str, contact: str | None) -> str:
    return t("notice.addressee", unit=unit, contact=contact) if contact else unit


def _tasks(rows: list[dict[str, Any]]) -> str:
    return join([t("notice.task", no=row["task"], title=row["title"]) for row in rows])


def chase_notices(document: dict[str, Any]) -> list[str]:
    """One 催报 notice per unit with overdue reports in a `jsj remind` document (its `units`, plan order)."""
    as_of = long_date(dt.date.fromisoformat(document["as_of"]))
    period = period_name(document["period"]["label"])
    notices = []
    for entry in document["units"]:
        rows = entry["items"]
        due = long_date(dt.date.fromisoformat(rows[0]["due"]))
        addressee = _addressee(entry["unit"], entry["contact"])
        notices.append(t("notice.chase", addressee=addressee, as_of=as_of, tasks=_tasks(rows), period=period, due=due))
    return notices


def reminder_notices(document: dict[str, Any]) -> list[str]:
    """One reminder per unit with reports falling due soon, in a `jsj remind --upcoming` document."""
    period = period_name(document["period"]["label"])
    notices = []
    for entry in document["units"]:
        rows = entry["items"]
        due = long_date(dt.date.fromisoformat(rows[0]["due"]))
        days = rows[0]["days_left"]
        key = "notice.remind_today" if days == 0 else "notice.remind"
        addressee = _addressee(entry["unit"], entry["contact"])
        notices.append(t(key, addressee=addressee, tasks=_tasks(rows), period=period, due=due, days=days))
    return notices


def titled_notices(document: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Each unit's notice in a `jsj remind` document (chase or reminder) as (unit, title, text): the text
    exactly as `--format text` prints it, the title as a mail's subject. One notice per unit, in the order
    the units first appear, as the functions above write them."""
    chase = "overdue" in document
    texts = chase_notices(document) if chase else reminder_notices(document)
    units = [entry["unit"] for entry in document["units"]]
    period = period_name(document["period"]["label"])
    due = long_date(dt.date.fromisoformat(document["period"]["due"]))
    title = t("notice.chase_title" if chase else "notice.remind_title", period=period, due=due)
    return [(unit, title, text) for unit, text in zip(units, texts, strict=True)]
