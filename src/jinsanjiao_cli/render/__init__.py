"""Turning results into what people and scripts read: Rich tables on a terminal, JSON and CSV for scripts.

Tables use the current language's labels; JSON and CSV use the stable English keys documented in the
README, whatever the language, because scripts depend on them.
"""

import csv
import dataclasses
import datetime as dt
import json
import os
import sys

from rich.console import Console
from rich.text import Text

from jinsanjiao_cli.core.progress import Judgement
from jinsanjiao_cli.render.format import Format
from jinsanjiao_cli.render.terminal import FitTable, inert
from jinsanjiao_cli.text.i18n import join, lang, register, t

register(
    {
        "light.done": ("已完成", "done"),
        "light.green": ("绿灯（序时推进）", "green (on track)"),
        "light.yellow": ("黄灯（进度滞后）", "yellow (behind)"),
        "light.red": ("红灯（严重滞后或逾期）", "red (seriously behind or overdue)"),
        "state.done": ("已完成", "done"),
        "state.on_track": ("序时推进", "on track"),
        "state.behind": ("进度滞后", "behind"),
        "state.seriously_behind": ("严重滞后", "seriously behind"),
        "state.overdue": ("逾期未完成", "overdue"),
        "state.not_started": ("未启动", "not started"),
        "role.lead": ("牵头", "lead"),
        "role.support": ("配合", "support"),
        "col.no": ("序号", "No."),
        "col.task": ("重点任务", "Key task"),
        "col.section": ("板块", "Section"),
        "col.lead": ("牵头单位", "Lead unit"),
        "col.unit": ("责任单位", "Unit"),
        "col.role": ("牵头/配合", "Role"),
        "col.completion": ("完成进度", "Done %"),
        "col.expected": ("序时进度", "Expected %"),
        "col.light": ("状态", "Status"),
        "col.latest_date": ("最新填报", "Last report"),
        "col.latest_note": ("最新进展", "Latest progress"),
        "col.problems": ("问题(未销号/逾期)", "Problems (open/overdue)"),
        "col.rank": ("排名", "Rank"),
        "col.tasks": ("任务数", "Tasks"),
        "col.reports": ("填报次数", "Reports"),
        "col.date": ("填报日期", "Date"),
        "col.progress": ("进度", "Progress"),
        "col.status": ("状态说明", "Status text"),
        "col.note": ("进展", "Note"),
        "col.project": ("重点项目", "Project"),
        "col.by": ("填报人", "By"),
        "col.id": ("编号", "ID"),
        "col.action": ("要求", "Action"),
        "col.kind": ("类别", "Kind"),
        "col.scope": ("范围", "Scope"),
        "col.year": ("年份", "Year"),
        "col.growth": ("实际增速(%)", "Real growth %"),
        "col.nominal": ("名义增速(%)", "Nominal growth %"),
        "col.index": ("物量指数", "Volume index"),
        "col.target_index": ("目标路径", "Target path"),
        "col.gap": ("差距", "Gap"),
        "col.source": ("来源", "Source"),
        "status.title": ("{title}\n截至 {as_of}", "{title}\nas of {as_of}"),
        "status.plan": (
            "全计划完成 {completion:.1f}%，序时进度 {expected:.1f}%({label})",
            "Plan {completion:.1f}% done against {expected:.1f}% expected ({label})",
        ),
        "status.counts": ("重点任务：{counts}", "Key tasks: {counts}"),
        "status.tasks": ("重点任务", "Key tasks"),
        "status.own_tasks": ("{unit} 承担的重点任务", "Key tasks of {unit}"),
        "status.unit_view": (
            "各任务行为本单位的分工进度、状态与进展；任务完成进度为各单位加权合计",
            "Task rows show this unit's own part; task completion is all units' weighted total",
        ),
        "status.period_ended": (
            "计划期已于 {end} 结束：以下为期末最终评估，序时进度按 100% 计",
            "The plan's period ended on {end}: these are the final figures, against an expected 100%",
        ),
        "status.plan_delta": ("，较 {since} 变化 {delta} 个百分点", "; change since {since}: {delta} points"),
        "status.note_by": ("{unit}:{note}", "{unit}: {note}"),
        "col.own_progress": ("本单位进度", "Own progress"),
        "col.own_note": ("本单位最新进展", "Own latest progress"),
        "col.task_completion": ("任务完成进度", "Task done %"),
        "status.units": ("责任单位排名", "Unit ranking"),
        "status.safeguards": ("保障措施（不计入完成度）:{items}", "Safeguards (not counted): {items}"),
        "status.no_tasks": ("没有符合条件的任务", "no tasks match"),
        "status.reporting": (
            "报送：{period}（应于 {due} 前报送）应报 {owed} 份，已报 {reported} 份，逾期未报 {overdue} 份",
            "Reporting for {period} (due {due}): {owed} owed, {reported} reported, {overdue} overdue",
        ),
        "status.reporting_none": ("报送：尚无到期的报送期", "Reporting: no period is due yet"),
        "status.problems": (
            "问题清单：未销号 {open} 个，其中逾期 {overdue} 个、重大 {major_open} 个",
            "Problems: {open} open, {overdue} overdue, {major_open} major",
        ),
        "task.heading": ("任务 {no}：{title}", "Task {no}: {title}"),
        "task.section": ("所属板块：{section}", "Section: {section}"),
        "task.responsible": ("责任单位：{units}", "Responsible: {units}"),
        "task.summary": (
            "完成 {completion:.1f}%，序时进度 {expected:.1f}%,{label}；完成时限 {deadline}",
            "{completion:.1f}% done, {expected:.1f}% expected, {label}; due {deadline}",
        ),
        "task.projects": ("重点项目", "Named projects"),
        "task.problems": ("需协调解决的问题", "Open problems"),
        "task.safeguard": ("保障措施：列出备查，不计入完成度", "Safeguard measure: listed, not counted in completion"),
        "target.line": (
            "增长目标 {indicator}年均 {rate:g}%（至 {year} 年，基期 {base}）:{scopes}",
            "Growth target {indicator} {rate:g}% a year (to {year}, base {base}): {scopes}",
        ),
        "target.scope_avg": ("{scope} 年均 {avg:.2f}%({status})", "{scope} {avg:.2f}%/yr ({status})"),
        "target.scope_need": (
            "{scope} 年均 {avg:.2f}%，余下年份需 {need:.2f}%",
            "{scope} {avg:.2f}%/yr, needs {need:.2f}%",
        ),
        "target.scope_none": ("{scope} 无数据", "{scope} no data"),
        "target.status.met": ("已达标", "met"),
        "target.status.missed": ("未达标", "missed"),
        "target.status.on_track": ("符合目标", "on track"),
        "target.status.behind": ("低于目标", "behind"),
        "target.status.no_data": ("无数据", "no data"),
        "target.heading": ("{scope}", "{scope}"),
        "target.summary": (
            "已连续 {years} 年有实际增速，年均 {avg}，目标 {rate:g}%；余下 {remaining} 年需年均 {need}；{status}",
            "{years} year(s) chained, average {avg} against {rate:g}%; {remaining} year(s) left need {need}; {status}",
        ),
        "target.missing": ("缺少：{items}", "Missing: {items}"),
        "target.missing_item": ("{scope} {year} 年{field}", "{scope} {year} {field}"),
        "field.growth": ("实际增速", "real growth"),
        "field.gdp": ("地区生产总值", "GDP"),
        "target.nominal_note": (
            "名义增速由现价地区生产总值计算，仅供参考，不参与实际增速链式计算",
            "Nominal growth is computed from current-price GDP, for reference only; it never enters the real chain",
        ),
        "init.done": (
            "数据库 {path}:计划已加载（{tasks} 项任务，{units} 个单位，{assignments} 项分工，{projects} 个项目）",
            "database {path}: plan loaded ({tasks} tasks, {units} units, {assignments} assignments,"
            " {projects} projects)",
        ),
        "init.unchanged": ("数据库 {path}:计划未变化", "database {path}: the plan is unchanged"),
        "record.done": (
            "已记录 #{id}：任务 {task} {unit} {date} 进度 {progress:g}%",
            "recorded #{id}: task {task} {unit} {date} progress {progress:g}%",
        ),
        "history.none": ("没有进展记录", "no progress reports"),
        "history.amends": ("更正 #{id}", "amends #{id}"),
        "history.superseded": ("已被更正", "superseded"),
        "history.voided": ("已作废", "voided"),
        "col.version": ("版本", "Version"),
        "record.warning": ("jsj: 警告：{reasons}", "jsj: warning: {reasons}"),
        "amend.done": (
            "已更正 #{old} → #{id}:{unit} {date} 进度 {progress:g}%",
            "amended #{old} → #{id}: {unit} {date} progress {progress:g}%",
        ),
        "void.done": ("已作废 #{id}:{unit} {date}", "voided #{id}: {unit} {date}"),
        "indicator.none": ("没有统计数据", "no statistics recorded"),
    }
)

LIGHT_STYLES = {"done": "bold blue", "green": "green", "yellow": "yellow", "red": "bold red"}


# Redirected output (cron mail, a file) has no width to fit; this is wide enough that nothing is cut.
REDIRECTED_WIDTH = 200


class _Console(Console):
    """Prints text literally: no markup, no emoji codes, control characters made visible, because every
    value shown may come from a user (a note "[/red]", ":x:" or an escape sequence is just text)."""

    def print(self, *objects, **kwargs) -> None:  # type: ignore[override]
        super().print(*(inert(o) if isinstance(o, str) else o for o in objects), **kwargs)


def console() -> Console:
    # Rich itself honours NO_COLOR, COLUMNS and whether stdout is a terminal.
    out = _Console(highlight=False, markup=False, emoji=False)
    if not out.is_terminal and "COLUMNS" not in os.environ:
        out = _Console(highlight=False, markup=False, emoji=False, width=REDIRECTED_WIDTH)
    return out


def label(judgement: Judgement) -> str:
    return t(f"state.{judgement.state}")


def light_text(judgement: Judgement) -> Text:
    return Text(label(judgement), style=LIGHT_STYLES[judgement.light])


def pct(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def r2(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _table(title: str | None, columns: list[tuple]) -> FitTable:
    """Columns are (heading, "left" | "right" | "wrap"[, drop rank]): short values are kept whole, free
    text (titles, notes) folds, and optional columns (with a drop rank) go first on a narrow terminal."""
    return FitTable(title, columns)


def write_json(document: object) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


# A spreadsheet opening a CSV runs a cell that starts with these as a formula (CSV injection): text that
# does is written with a leading apostrophe, as OWASP advises. Numbers are left alone (-5 stays a number).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    if isinstance(value, list):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
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


def echo_init(path, summary) -> None:
    key = "init.done" if summary.changed else "init.unchanged"
    console().print(t(key, path=path, **summary.__dict__))


def echo_recorded(milestone_id: int, task: int, unit: str, date: dt.date, progress: float) -> None:
    console().print(t("record.done", id=milestone_id, task=task, unit=unit, date=date, progress=progress))


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
            "recorded_at": r["recorded_at"],
            "recorded_by": r["recorded_by"],
            "batch": r["batch_id"],
            "state": r["state"],
            "supersedes": r["supersedes"],
            "reason": r["reason"],
            "changed_by": r["changed_by"],
            "changed_at": r["changed_at"],
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
    if record["reason"]:
        parts.append(record["reason"])
    return ";".join(parts) if lang() != "en" else "; ".join(parts)


def show_history(rows, output: Format, every_version: bool = False) -> None:
    columns = [
        ("col.id", "right", lambda r: str(r["id"])),
        ("col.no", "right", lambda r: str(r["task"])),
        ("col.unit", "wrap", lambda r: r["unit"]),
        ("col.date", "left", lambda r: r["date"]),
        ("col.progress", "right", lambda r: pct(r["progress"])),
        ("col.status", "wrap", lambda r: r["status"] or "", 3),
        ("col.note", "wrap", lambda r: r["note"] or ""),
        ("col.project", "wrap", lambda r: r["project"] or "", 4),
        ("col.by", "wrap", lambda r: r["recorded_by"], 5),
    ]
    if every_version:
        columns.append(("col.version", "wrap", _version))
    _listing(history_records(rows), output, "history.none", columns)


def echo_warnings(found) -> None:
    """Warnings of a stored report: one line on stderr."""
    if found:
        reasons = ("; " if lang() == "en" else ";").join(w.reason for w in found)
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

register({"file.written": ("已写入 {path}", "wrote {path}")})


def echo_written(path) -> None:
    console().print(t("file.written", path=path))


# ---------------------------------------------------------------- import

register(
    {
        "import.summary": (
            "{file}{sheet}：读取 {read} 行，新增 {new} 行，已存在 {present} 行，拒绝 {rejected} 行，"
            "空行跳过 {blank} 行",
            "{file}{sheet}: {read} rows read, {new} new, {present} already present, {rejected} rejected,"
            " {blank} blank skipped",
        ),
        "import.batch": ("批次 {batch}", "batch {batch}"),
        "import.dry_run": ("试运行：未写入任何数据", "dry run: nothing was written"),
        "import.voided": (
            "，与已更正或作废的记录相同 {count} 行（未写入）",
            ", {count} identical to corrected or voided reports (not stored)",
        ),
        "import.warnings": ("，警告 {count} 条", ", {count} warning(s)"),
        "import.problems_raised": ("，新登记问题 {count} 个", ", {count} problem(s) raised"),
        "import.no_batch": ("没有新增的行，未创建批次", "nothing new: no batch was created"),
        "import.more_warnings": (
            "……另有 {count} 条警告（--format json 列出全部）",
            "… and {count} more warnings (--format json lists them all)",
        ),
        "import.warning_line": (
            "{file}:第{row}行，{header}({column})：警告：{reason}",
            "{file}: row {row}, {header} ({column}): warning: {reason}",
        ),
        "import.reading": ("{header}({column}):{reason}", "{header} ({column}): {reason}"),
        "import.invalid": (
            "{file}: {count} 行无效，未写入任何数据（改正后重新导入，或用 --skip-invalid 只导入有效行）",
            "{file}: {count} invalid row(s); nothing was written (fix them, or use --skip-invalid)",
        ),
        "import.fraction": (
            "完成进度列按比例读取（0.6 即 60%）",
            "the progress column was read as fractions (0.6 = 60%)",
        ),
        "import.rejects": ("被拒绝的行已写入 {path}", "rejected rows written to {path}"),
        "import.progress": ("校验", "checking"),
        "batches.none": ("没有导入批次", "no import batches"),
        "col.file": ("文件", "File"),
        "col.time": ("导入时间", "Imported at"),
        "col.new": ("新增", "New"),
        "col.present": ("已存在", "Present"),
        "col.rejected": ("拒绝", "Rejected"),
        "undo.done": ("已撤销批次 {batch}：删除 {count} 条进展记录", "undid batch {batch}: {count} reports removed"),
        "undo.question": (
            "撤销批次 {batch}：删除 {count} 条进展记录（文件 {file}，导入于 {at}）?",
            "Undo batch {batch}: remove {count} reports (file {file}, imported {at})?",
        ),
        "undo.needs_yes": (
            "撤销批次 {batch} 需要确认：不在终端上运行时请加 --yes",
            "undoing batch {batch} needs confirmation: add --yes when not on a terminal",
        ),
        "undo.skipped": (
            "jsj: 注意：批次 {batch}（{file}）有 {rows} 行因与批次 {undone} 重复而未写入，"
            "现已不在任何批次中；如需保留，请重新导入该文件",
            "jsj: note: batch {batch} ({file}) skipped {rows} row(s) as duplicates of batch {undone}; they are now in"
            " neither batch: re-import that file to keep them",
        ),
        "batches.undone": ("已于 {at} 由 {by} 撤销", "undone {at} by {by}"),
        "col.undone": ("撤销", "Undone"),
    }
)


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
        summary += t("import.problems_raised", count=result.problems_raised)
    return summary + ("" if result.batch is None else ";" + t("import.batch", batch=result.batch))


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
            ("col.time", "left", lambda r: r["imported_at"][:19]),
            ("col.new", "right", lambda r: str(r["rows_new"])),
            ("col.present", "right", lambda r: str(r["rows_present"])),
            ("col.rejected", "right", lambda r: str(r["rows_rejected"])),
            ("col.undone", "left", _undone),
        ],
    )


def _undone(record: dict) -> str:
    if record["undone_at"] is None:
        return ""
    return t("batches.undone", at=record["undone_at"][:19], by=record["undone_by"])


def undo_question(batch) -> str:
    return inert(
        t(
            "undo.question",
            batch=batch["id"],
            count=batch["reports"],
            file=batch["file"],
            at=batch["imported_at"][:19],
        )
    )


def echo_undone(batch: int, count: int, skipped=()) -> None:
    console().print(t("undo.done", batch=batch, count=count))
    err = _Console(stderr=True, markup=False, emoji=False, highlight=False, soft_wrap=True)
    for row in skipped:
        err.print(inert(t("undo.skipped", batch=row["batch_id"], rows=row["rows"], file=row["file"], undone=batch)))


# ---------------------------------------------------------------- the ledger itself

register(
    {
        "db.info": (
            "引擎 {engine}\n位置 {location}\n结构版本 {version}（{step}）",
            "engine {engine}\nlocation {location}\nschema version {version} ({step})",
        ),
        "db.copied": ("已从 {source} 复制到 {destination}：{tables}", "copied {source} to {destination}: {tables}"),
        "col.table": ("表", "Table"),
        "col.rows": ("行数", "Rows"),
    }
)


def ledger_document(info) -> dict:
    return {
        "engine": info.engine,
        "location": info.location,
        "schema_version": info.schema_version,
        "last_step": info.last_step,
        "counts": info.counts,
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


def show_copied(source, destination, copied: dict[str, int], output: Format) -> None:
    document = {"from": str(source), "to": str(destination), "counts": copied}
    if output is Format.json:
        return write_json(document)
    if output is Format.csv:
        return write_csv([{"table": table, "rows": n} for table, n in copied.items()])
    tables = join([f"{name} {n:,}" for name, n in copied.items()])
    console().print(t("db.copied", source=source, destination=destination, tables=tables))
