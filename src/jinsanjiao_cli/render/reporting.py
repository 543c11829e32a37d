"""Tables for the reporting cycle: `jsj reports`, `jsj remind`, `jsj unit list`."""

from __future__ import annotations

from enum import Enum

from jinsanjiao_cli.core.delivery import Delivery, Sending
from jinsanjiao_cli.render import _table, console, pct, write_csv, write_json
from jinsanjiao_cli.render.format import Format
from jinsanjiao_cli.text.i18n import t
from jinsanjiao_cli.text.notices import chase_notices, reminder_notices
from jinsanjiao_cli.text.wording import period_name
from jinsanjiao_cli.views.notices import delivery_document, log_document, sending_document


def _title(document: dict) -> str:
    period = document["period"]
    return t(
        "reports.title",
        period=period_name(period["label"]),
        start=period["start"],
        end=period["end"],
        due=period["due"],
        as_of=document["as_of"],
    )


def show_reports(document: dict, output: Format) -> None:
    if output is Format.json:
        return write_json(document)
    if output is Format.csv:
        return write_csv(_history_rows(document["history"]) if "history" in document else document["units"])
    out = console()
    out.print(_title(document), style="bold")
    out.print(_units_table(document["units"]))
    if document["late"]:
        out.print(_late_table(document["late"]))
    if document["overdue"]:
        out.print(_overdue_table(document["overdue"], "days_overdue", t("reports.overdue_title")))
    else:
        out.print(t("reports.none_overdue"))
    if "history" in document:
        out.print(_history_table(document["history"]))


def _units_table(units: list[dict]):
    table = _table(
        None,
        [
            (t("col.unit"), "wrap"),
            (t("col.owed"), "right"),
            (t("col.reported"), "right"),
            (t("col.late"), "right"),
            (t("col.overdue"), "right"),
            (t("col.pending"), "right", 2),
            (t("col.rate"), "right"),
            (t("col.latest_date"), "left"),
        ],
    )
    for u in units:
        table.add_row(
            u["name"],
            str(u["owed"]),
            str(u["reported"]),
            str(u["late"]),
            str(u["overdue"]),
            str(u["pending"]),
            pct(u["rate"]),
            u["last_report"] or "",
        )
    return table


def _overdue_table(rows: list[dict], days_key: str, title: str | None):
    columns = [(t("col.unit"), "wrap"), (t("col.no"), "right"), (t("col.task"), "wrap", 2), (t("col.due"), "left")]
    columns.append((t(f"col.{days_key}"), "right"))
    table = _table(title, columns)
    for row in rows:
        table.add_row(row["unit"], str(row["task"]), row["title"], row["due"], str(row[days_key]))
    return table


def _late_table(rows: list[dict]):
    columns = [
        (t("col.unit"), "wrap"),
        (t("col.no"), "right"),
        (t("col.task"), "wrap", 2),
        (t("col.due"), "left", 1),
        (t("col.reported_on"), "left"),
        (t("col.days_late"), "right"),
    ]
    table = _table(t("reports.late_title"), columns)
    for row in rows:
        cells = (row["unit"], str(row["task"]), row["title"], row["due"], row["reported_on"], str(row["days_late"]))
        table.add_row(*cells)
    return table


def _history_rows(history: list[dict]) -> list[dict]:
    """`--period all` as CSV: one row per unit and period, the JSON's keys as columns."""
    return [
        {"unit": record["unit"], "rate": record["rate"], **count} for record in history for count in record["periods"]
    ]


def period_cell(count: dict) -> str:
    """A unit's count for one period as every table writes it (terminal and the export's 报送情况)."""
    if count["pending"]:  # not yet due: what is owed is pending (待报), not missed
        if count["pending"] == count["owed"]:
            return t("reports.cell_pending")
        return t("reports.cell_early", reported=count["reported"], owed=count["owed"], pending=count["pending"])
    if count["late"]:
        return t("reports.cell_late", reported=count["reported"], owed=count["owed"], late=count["late"])
    return f"{count['reported']}/{count['owed']}"


def _history_table(history: list[dict]):
    labels = [p["period"] for p in history[0]["periods"]] if history else []
    # On a narrow terminal the oldest periods go first.
    columns: list[tuple[str, ...] | tuple[str, str, int]] = [(t("col.unit"), "wrap"), (t("col.on_time"), "right")]
    columns += [(label, "right", len(labels) - i) for i, label in enumerate(labels)]
    table = _table(t("reports.history_title"), columns)
    for record in history:
        cells = [period_cell(p) for p in record["periods"]]
        table.add_row(record["unit"], pct(record["rate"]), *cells)
    return table


def show_chase(document: dict, output: Enum) -> None:  # Format, or the CLI's NoticeFormat (text too)
    _show_notices(
        document,
        output,
        "overdue",
        "days_overdue",
        chase_notices,
        t("remind.none", period=period_name(document["period"]["label"])),
    )


def show_upcoming(document: dict, output: Enum, within: int) -> None:
    _show_notices(document, output, "upcoming", "days_left", reminder_notices, t("remind.none_upcoming", within=within))


def _show_notices(document: dict, output, key: str, days_key: str, notices, empty: str) -> None:
    # `output` is the notice format: table, json, csv or text
    if output.value == "json":
        return write_json(document)
    if output.value == "csv":
        return write_csv(document[key])
    out = console()
    if not document[key]:
        return out.print(empty)
    if output.value == "text":
        for notice in notices(document):
            out.print(notice, soft_wrap=True)
        return None
    out.print(_title(document), style="bold")
    out.print(_units_notice_table(document["units"], days_key))
    return None


def _units_notice_table(units: list[dict], days_key: str):
    """The rows one unit after another, each unit's by task, its name and contact once, on its first row."""
    columns = [(t("col.unit"), "wrap"), (t("col.contact"), "wrap", 4), (t("col.phone"), "left")]
    columns += [(t("col.no"), "right"), (t("col.task"), "wrap", 2), (t("col.due"), "left")]
    columns.append((t(f"col.{days_key}"), "right"))
    table = _table(None, columns)
    for unit in units:
        for index, item in enumerate(unit["items"]):
            first = index == 0  # the phone number is what a chase needs: it stays, whole
            named = (unit["unit"], unit["contact"] or "", unit["phone"] or "") if first else ("", "", "")
            table.add_row(*named, str(item["task"]), item["title"], item["due"], str(item[days_key]))
    return table


def show_units(units: list[dict], output: Format, default: tuple[str, list[str]] | None = None) -> None:
    """The units table; `default` is where notices of units without addresses go: (source, masked addresses)."""
    if output is Format.json:
        return write_json(units)
    if output is Format.csv:
        return write_csv(units)
    out = console()
    out.print(_units_list([u for u in units if not u["coordinating"]], tasks=True))
    coordinating = [u for u in units if u["coordinating"]]
    if coordinating:  # listed apart: they hold no task
        out.print(_units_list(coordinating, tasks=False, title=t("units.coordinating_title")))
    if default is not None:
        out.print(t("units.notify_default", source=default[0], addresses="、".join(default[1])), soft_wrap=True)
    return None


def _units_list(units: list[dict], *, tasks: bool, title: str | None = None):
    """Numbers, phones and e-mail addresses are never cut: free text folds, the e-mail goes first on a
    narrow terminal, then the aliases and the full name."""
    heading = t("col.unit") if tasks else t("col.coordinating_unit")
    columns = [(heading, "wrap"), (t("col.full_name"), "wrap", 4), (t("col.aliases"), "wrap", 3)]
    if tasks:
        columns += [(t("col.leads"), "wrap"), (t("col.supports"), "wrap", 2)]
    columns += [(t("col.contact"), "wrap"), (t("col.phone"), "left"), (t("col.email"), "left", 5)]
    columns += [(t("col.address"), "wrap", 6)]  # where its notices go, every secret masked
    table = _table(title, columns)
    for u in units:
        cells = [u["name"], u["full_name"], "、".join(u["aliases"])]
        if tasks:
            cells += [_numbers(u["lead"]), _numbers(u["support"])]
        cells += [u["contact"] or "", u["phone"] or "", u["email"] or "", "\n".join(u["notify"])]
        table.add_row(*cells)
    return table


def _numbers(tasks: list[int]) -> str:
    # A space after each comma lets a long list fold between numbers, never inside one.
    return ", ".join(str(no) for no in tasks)


# ---------------------------------------------------------------- delivery: remind --send, remind --log


def show_sendings(sendings: list[Sending], output: Enum, *, dry_run: bool, empty: str) -> None:
    """What `jsj remind --send` did (or, with --dry-run, would do) for each unit's notice."""
    if output.value == "json":
        return write_json(sending_document(sendings, dry_run=dry_run))
    if output.value == "csv":
        return write_csv([delivery_document(d) for s in sendings for d in s.deliveries])
    out = console()
    if not sendings:
        return out.print(empty)
    if dry_run:
        return _show_dry_run(sendings)
    table = _table(None, [(t("col.unit"), "wrap"), (t("col.address"), "wrap"), (t("col.outcome"), "left")])
    for sending in sendings:
        for d in sending.deliveries:
            shown = t(f"outcome.{d.outcome}") + (f"：{d.error}" if d.error else "")
            table.add_row(d.unit, d.address or t("notify.nowhere"), shown)
    out.print(table)
    counts = {
        kind: sum(d.outcome == kind for s in sendings for d in s.deliveries)
        for kind in ("sent", "skipped", "failed", "claimed")
    }
    out.print(t("remind.sent", **counts))
    if counts["claimed"]:
        out.print(t("remind.claimed", **counts))
    return None


def _show_dry_run(sendings: list[Sending]) -> None:
    # Per unit: where the notice would go (masked), then its subject and text exactly as they would be sent.
    out = console()
    for sending in sendings:
        places = [
            (d.address or t("notify.nowhere")) + (f"（{t(f'outcome.{d.outcome}')}）" if d.outcome != "dry_run" else "")
            for d in sending.deliveries
        ]
        out.print(
            t("remind.goes_to", unit=sending.notice.unit, addresses="、".join(places)), style="bold", soft_wrap=True
        )
        out.print(sending.notice.title, soft_wrap=True)
        out.print(sending.notice.text, soft_wrap=True)
        out.print()
    out.print(t("remind.dry_run"))


def show_delivery_log(log: list[Delivery], output: Enum) -> None:
    """`jsj remind --log`: every attempt, oldest first."""
    if output.value == "json":
        return write_json(log_document(log))
    if output.value == "csv":
        return write_csv(log_document(log))
    out = console()
    if not log:
        return out.print(t("remind.no_log"))
    table = _table(
        None,
        [
            (t("col.attempted_at"), "left"),
            (t("col.unit"), "wrap"),
            (t("col.period"), "left"),
            (t("col.notice_kind"), "left"),
            (t("col.address"), "wrap"),
            (t("col.outcome"), "left"),
            (t("col.error"), "wrap", 1),
        ],
    )
    for d in log:
        when = (d.attempted_at or "")[:19].replace("T", " ")
        kind = t(f"notice_kind.{d.kind}")
        table.add_row(
            when, d.unit, d.period, kind, d.address or t("notify.nowhere"), t(f"outcome.{d.outcome}"), d.error or ""
        )
    out.print(table)
    return None
