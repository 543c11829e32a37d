"""Turning results into what people and scripts read: Rich tables on a terminal, JSON and CSV for scripts.

Tables use the current language's labels; JSON and CSV use the stable English keys documented in the
README, whatever the language, because scripts depend on them.
"""

import csv
import dataclasses
import datetime as dt
import json
import os
import re
import sys
from typing import Any

from rich.console import Console
from rich.text import Text

from jinsanjiao_cli.core.progress import Judgement
from jinsanjiao_cli.core.values import BIDI_CONTROLS, fixed
from jinsanjiao_cli.render.format import Format
from jinsanjiao_cli.render.safe_text import inert_text
from jinsanjiao_cli.render.terminal import FitTable, inert
from jinsanjiao_cli.text.i18n import clauses, join, t
from jinsanjiao_cli.views.documents import day, r2, state_label  # noqa: F401  (r2: renderers' rounding)

LIGHT_STYLES = {"done": "bold blue", "green": "green", "yellow": "yellow", "red": "bold red", "none": "dim"}


# Redirected output (cron mail, a file) has no width to fit; this is wide enough that nothing is cut.
REDIRECTED_WIDTH = 200


class _Console(Console):
    """Prints text literally: no markup, no emoji codes, control characters made visible, because every
    value shown may come from a user (a note "[/red]", ":x:" or an escape sequence is just text)."""

    def print(self, *objects: Any, **kwargs: Any) -> None:
        super().print(*(inert(o) if isinstance(o, str) else o for o in objects), **kwargs)


def console() -> Console:
    # Rich itself honours NO_COLOR, COLUMNS and whether stdout is a terminal.
    out = _Console(highlight=False, markup=False, emoji=False)
    if not out.is_terminal and "COLUMNS" not in os.environ:
        out = _Console(highlight=False, markup=False, emoji=False, width=REDIRECTED_WIDTH)
    return out


def label(judgement: Judgement) -> str:
    return state_label(judgement)


def light_text(judgement: Judgement) -> Text:
    return Text(label(judgement), style=LIGHT_STYLES[judgement.light])


def pct(value: float | None) -> str:
    return "" if value is None else fixed(value, 1)


def _table(title: str | None, columns: list[tuple]) -> FitTable:
    """Columns are (heading, "left" | "right" | "wrap"[, drop rank]): short values are kept whole, free
    text (titles, notes) folds, and optional columns (with a drop rank) go first on a narrow terminal."""
    return FitTable(title, columns)


def write_json(document: object) -> None:
    sys.stdout.write(json_text(document) + "\n")


# JSON escapes the C0 controls itself; the C1 and bidirectional controls, and lone surrogates (file names
# that were not UTF-8), it would write raw. They can only stand inside strings, where \uXXXX says the same:
# the data is unchanged for a program and inert for a terminal showing it.
_JSON_ACTING = re.compile(f"[\x7f-\x9f\ud800-\udfff{BIDI_CONTROLS}]")


def json_text(document: object) -> str:
    text = json.dumps(document, ensure_ascii=False, indent=2)
    if _JSON_ACTING.search(text) is None:
        return text
    return _JSON_ACTING.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


# A spreadsheet opening a CSV runs a cell that starts with these as a formula (CSV injection): text that
# does is written with a leading apostrophe, as OWASP advises. Numbers are left alone (-5 stays a number).
# The full-width forms are included: an East Asian spreadsheet (Excel with an IME, WPS) may take ＝ typed or
# re-entered at the start of a cell for = (docs/commands.md, "Text in the files jsj writes").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def csv_cell(value: object) -> object:
    """A value as a CSV cell: text inert (render/safe_text.py; tabs and line breaks kept, the writer quotes
    them), and never taken for a formula."""
    if isinstance(value, list):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        value = inert_text(value, "\t\n\r")
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


def write_csv(rows: list[dict]) -> None:
    if not rows:
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: csv_cell(value) for key, value in row.items()})


# ---------------------------------------------------------------- init, record, history


def echo_created(location: object) -> None:
    """The first automatic creation of the default ledger, said once on stderr (stdout stays the command's)."""
    _Console(stderr=True, highlight=False, markup=False, emoji=False, soft_wrap=True).print(
        t("db.created", db=location)
    )


def echo_init(path, summary) -> None:
    key = "init.done" if summary.changed else "init.unchanged"
    console().print(t(key, path=path, **summary.__dict__))


def echo_recorded(
    milestone_id: int, task: int, unit: str, date: dt.date, progress: float, period: str | None = None
) -> None:
    line = t("record.done", id=milestone_id, task=task, unit=unit, date=date, progress=progress)
    console().print(line + (t("record.for_period", period=period) if period else ""))


def history_records(rows) -> list[dict]:
    return [
        {
            "id": r["id"],
            "task": r["task_no"],
            "unit": r["unit"],
            "date": day(r["date"]),
            "progress": r["progress"],
            "status": r["status"],
            "note": r["note"],
            "project": r["project"],
            "period": r["period"],
            "recorded_at": r["recorded_at"],
            "recorded_by": r["recorded_by"],
            "batch": r["batch_id"],
            "state": r["state"],
            "supersedes": r["supersedes"],
            "reason": r["reason"],
            "changed_by": r["changed_by"],
            "changed_at": r["changed_at"],
            "void_reason": r["void_reason"],
            "voided_by": r["voided_by"],
            "voided_at": r["voided_at"],
        }
        for r in rows
    ]


def _version(record: dict) -> str:
    """Where a report stands in its chain: original → amendment, or voided with its reason."""
    parts = []
    if record["supersedes"] is not None:
        parts.append(t("history.amends", id=record["supersedes"]))
    if record["state"] != "effective":
        parts.append(t(f"history.{record['state']}"))
    parts += [reason for reason in (record["reason"], record["void_reason"]) if reason]
    return clauses(parts)


def show_history(rows, output: Format, every_version: bool = False) -> None:
    columns = [
        ("col.id", "right", lambda r: str(r["id"])),
        ("col.no", "right", lambda r: str(r["task"])),
        ("col.unit", "wrap", lambda r: r["unit"]),
        ("col.date", "left", lambda r: r["date"]),
        ("col.progress", "right", lambda r: pct(r["progress"])),
        ("col.status", "wrap", lambda r: r["status"] or "", 3),
        # with --all the chain is what was asked for: the note gives way first
        ("col.note", "wrap", lambda r: r["note"] or "", *((1,) if every_version else ())),
        ("col.project", "wrap", lambda r: r["project"] or "", 4),
        ("col.period", "left", lambda r: r["period"] or "", 2),
        ("col.by", "wrap", lambda r: r["recorded_by"], 5),
    ]
    if every_version:
        columns.append(("col.version", "wrap", _version))
    _listing(history_records(rows), output, "history.none", columns)


def echo_warnings(found) -> None:
    """Warnings of a stored report: one line on stderr."""
    if found:
        reasons = clauses([w.reason for w in found])
        Console(stderr=True, markup=False, emoji=False, highlight=False, soft_wrap=True).print(
            inert(t("record.warning", reasons=reasons))
        )


def echo_amended(old_id: int, result) -> None:
    console().print(
        t(
            "amend.done",
            old=old_id,
            id=result.new_id,
            unit=result.unit,
            date=result.milestone.date,
            progress=result.milestone.progress,
        )
    )


def echo_voided(old_id: int, result) -> None:
    console().print(t("void.done", id=old_id, unit=result.unit, date=result.milestone.date))


def _listing(records: list[dict], output: Format, empty_key: str, columns: list[tuple]) -> None:
    """A list of records as JSON, CSV (stable keys) or a table of (label, justify, cell getter) columns.

    A label is a message key, or a function giving the heading when it needs arguments. A fourth element
    is the column's drop rank (see render.terminal).
    """
    if output is Format.json:
        return write_json(records)
    if output is Format.csv:
        return write_csv(records)
    if not records:
        return console().print(t(empty_key))
    table = _table(None, [(key() if callable(key) else t(key), justify, *drop) for key, justify, _, *drop in columns])
    for record in records:
        table.add_row(*(cell(record) for _, _, cell, *_ in columns))
    console().print(table)


# ---------------------------------------------------------------- files written


def echo_written(path) -> None:
    console().print(t("file.written", path=path))


# ---------------------------------------------------------------- import


def progress_bar(total: int | None):
    """A Rich progress bar on stderr for big imports (counting rows when the total is not known); None (no
    bar) when stderr is not a terminal."""
    err = _Console(stderr=True, markup=False, emoji=False)
    if not err.is_terminal or (total is not None and total < 2000):
        return None
    from rich.progress import Progress

    class _Bar:
        def __enter__(self):
            self.progress = Progress(console=err, transient=True)
            self.progress.__enter__()
            task = self.progress.add_task(t("import.progress"), total=total)
            return lambda n: self.progress.advance(task, n)

        def __exit__(self, *exc):
            self.progress.__exit__(*exc)

    return _Bar()


def _json_value(value: object) -> object:
    """A cell value as JSON can hold it: numbers and text as they are, dates as ISO text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def problem_document(problem) -> dict:
    return {
        "row": problem.row,
        "column": problem.letter or None,
        "header": problem.column,
        "value": _json_value(problem.value),
        "reason": problem.reason,
        "message": str(problem),
    }


def warning_document(warning) -> dict:
    return {
        "row": warning.row,
        "column": warning.column or None,
        "header": warning.header,
        "value": _json_value(warning.value),
        "reason": warning.reason,
    }


def import_document(result) -> dict:
    return {
        "file": result.file,
        "sheet": result.sheet,
        "batch": result.batch,
        "dry_run": result.dry_run,
        "rows_read": result.rows_read,
        "rows_new": result.rows_new,
        "rows_present": result.rows_present,
        "voided": result.rows_voided,
        "rows_rejected": result.rows_rejected,
        "problems_raised": result.problems_raised,
        "skipped_blank": result.skipped_blank,
        "progress_as_fraction": result.progress_as_fraction,
        "rejects_file": str(result.rejects_file) if result.rejects_file else None,
        "readings": [dataclasses.asdict(reading) for reading in result.readings],
        "problems": [problem_document(p) for p in result.problems],
        "warnings": [
            {
                "row": w.row,
                "column": w.column or None,
                "header": w.header,
                "value": _json_value(w.value),
                "reason": w.reason,
            }
            for w in result.warnings
        ],
        "error": result.error,
    }


# Warnings are for reading, not scrolling: past this many the rest are counted (the JSON lists them all).
WARNINGS_SHOWN = 50


def show_import(result, output: Format) -> None:
    """The import's outcome. JSON is one document on stdout in every case (refused ones too); for people,
    every problem and warning is one line on stderr and the summary goes to stdout."""
    if output is Format.json:
        return write_json(import_document(result))
    if result.error:
        from jinsanjiao_cli.core.errors import BadFile

        raise BadFile(result.error)
    if output is Format.csv:
        document = import_document(result)
        for key in ("problems", "warnings", "readings"):
            document.pop(key)
        return write_csv([document])
    err = _Console(stderr=True, markup=False, emoji=False, highlight=False, soft_wrap=True)
    for problem in result.problems:
        err.print(inert(str(problem)), style="yellow")
    for warning in result.warnings[:WARNINGS_SHOWN]:
        err.print(
            inert(
                t(
                    "import.warning_line",
                    file=result.file,
                    row=warning.row,
                    header=warning.header,
                    column=warning.column,
                    reason=warning.reason,
                )
            ),
            style="yellow",
        )
    if len(result.warnings) > WARNINGS_SHOWN:
        err.print(t("import.more_warnings", count=len(result.warnings) - WARNINGS_SHOWN), style="yellow")
    if result.refused:
        err.print(inert(t("import.invalid", file=result.file, count=result.rows_rejected)))
        return None
    out = console()
    out.print(_import_summary(result))
    for reading in result.readings:
        out.print(t("import.reading", header=reading.header, column=reading.column, reason=reading.reason))
    if result.progress_as_fraction and not result.readings:
        out.print(t("import.fraction"))
    if result.rejects_file:
        out.print(t("import.rejects", path=result.rejects_file))
    if result.dry_run:
        out.print(t("import.dry_run"))
    elif result.batch is None and not result.rows_rejected:
        out.print(t("import.no_batch"))
    return None


def _import_summary(result) -> str:
    sheet = f" [{result.sheet}]" if result.sheet else ""
    summary = t(
        "import.summary",
        file=result.file,
        sheet=sheet,
        read=result.rows_read,
        new=result.rows_new,
        present=result.rows_present,
        rejected=result.rows_rejected,
        blank=result.skipped_blank,
    )
    if result.rows_voided:
        summary += t("import.voided", count=result.rows_voided)
    if result.warnings:
        summary += t("import.warnings", count=len(result.warnings))
    if result.problems_raised:
        key = "import.problems_would_raise" if result.dry_run else "import.problems_raised"
        summary += t(key, count=result.problems_raised)
    return summary + ("" if result.batch is None else t("import.batch", batch=result.batch))


def batch_records(rows) -> list[dict]:
    return [
        {
            "id": r["id"],
            "file": r["file"],
            "sheet": r["sheet"],
            "imported_at": r["imported_at"],
            "imported_by": r["imported_by"],
            "rows_new": r["rows_new"],
            "rows_present": r["rows_present"],
            "rows_rejected": r["rows_rejected"],
            "undone_at": r["undone_at"],
            "undone_by": r["undone_by"],
        }
        for r in rows
    ]


def show_batches(rows, output: Format) -> None:
    _listing(
        batch_records(rows),
        output,
        "batches.none",
        [
            ("col.id", "right", lambda r: str(r["id"])),
            ("col.file", "wrap", lambda r: r["file"]),
            ("col.time", "left", lambda r: _minute(r["imported_at"])),
            ("col.new", "right", lambda r: str(r["rows_new"])),
            ("col.present", "right", lambda r: str(r["rows_present"])),
            ("col.rejected", "right", lambda r: str(r["rows_rejected"])),
            ("col.undone", "wrap", _undone, 1),
        ],
    )


def _minute(stamp: str) -> str:
    """A recorded time as a table shows it: 2022-06-30 14:05 (the JSON keeps the whole stamp)."""
    return stamp[:16].replace("T", " ")


def _undone(record: dict) -> str:
    if record["undone_at"] is None:
        return ""
    return t("batches.undone", at=_minute(record["undone_at"]), by=record["undone_by"])


def undo_question(batch, problems=()) -> str:
    question = t(
        "undo.question",
        batch=batch["id"],
        count=batch["reports"],
        file=batch["file"],
        at=batch["imported_at"][:19],
        problems=_problems_named(problems),
    )
    return inert(question)


def _problems_named(problems) -> str:
    """The problems a batch raised, named (#3 任务9“征地拆迁进度慢”), as the undo prompt and result list them."""
    if not problems:
        return ""
    named = [t("undo.problem", id=p["id"], task=p["task_no"], text=p["text"]) for p in problems]
    return t("undo.problems", count=len(problems), problems=join(named))


def echo_undone(batch: int, undone) -> None:
    console().print(t("undo.done", batch=batch, count=undone.reports, problems=_problems_named(undone.problems)))
    err = _Console(stderr=True, markup=False, emoji=False, highlight=False, soft_wrap=True)
    for row in undone.skipped:
        err.print(inert(t("undo.skipped", batch=row["batch_id"], rows=row["rows"], file=row["file"], undone=batch)))


# ---------------------------------------------------------------- the ledger itself


def ledger_document(info) -> dict:
    return {
        "engine": info.engine,
        "location": info.location,
        "schema_version": info.schema_version,
        "last_step": info.last_step,
        "counts": info.counts,
        "settings": info.settings,
    }


def show_ledger_info(info, output: Format) -> None:
    document = ledger_document(info)
    if output is Format.json:
        return write_json(document)
    if output is Format.csv:
        return write_csv([{"table": table, "rows": n} for table, n in info.counts.items()])
    out = console()
    step = info.last_step or "—"
    out.print(t("db.info", engine=info.engine, location=info.location, version=info.schema_version, step=step))
    table = _table(None, [(t("col.table"), "left"), (t("col.rows"), "right")])
    for name, n in info.counts.items():
        table.add_row(name, f"{n:,}")
    out.print(table)
    if info.settings:
        overrides = join([f"{key} = {value}" for key, value in info.settings.items()])
        out.print(t("db.settings", settings=overrides))


def show_copied(source, destination, copied: dict[str, int], output: Format) -> None:
    document = {"from": str(source), "to": str(destination), "counts": copied}
    if output is Format.json:
        return write_json(document)
    if output is Format.csv:
        return write_csv([{"table": table, "rows": n} for table, n in copied.items()])
    tables = join([f"{name} {n:,}" for name, n in copied.items()])
    console().print(t("db.copied", source=source, destination=destination, tables=tables))
