"""The (zh, en) words of the workbooks jsj writes (`jsj export`, `jsj template`), registered with i18n at import.

Column headers that the importer reads back (`rows.HEADER_NAMES`) are spelled here once, so the exported
ledger, the records sheet and the fill-in template all use names the importer recognises. Light and role
labels are render's (`state.*`, `role.*`), not repeated here.
"""

from jinsanjiao_cli.text import i18n

LABELS: dict[str, tuple[str, str]] = {
    # Sheet names (Excel allows at most 31 characters and none of []:*?/\)
    "xl.sheet.overview": ("总览", "Overview"),
    "xl.sheet.ledger": ("任务台账", "Ledger"),
    "xl.sheet.units": ("单位完成情况", "Units"),
    "xl.sheet.projects": ("重点项目", "Projects"),
    "xl.sheet.records": ("进展记录", "Records"),
    "xl.sheet.trend": ("月度趋势", "Monthly trend"),
    "xl.sheet.template": ("填报表", "Report"),
    "xl.sheet.instructions": ("填报说明", "Instructions"),
    "xl.sheet.lists": ("下拉选项", "Lists"),
    # Column headers. Those the importer reads: 序号/No., 责任单位/Unit, 填报日期/Date,
    # 完成进度(%)/Progress (%), 最新进展 or 进展情况/Latest progress or Note, 状态/Status, 重点项目/Project,
    # 填报人/By, 记录编号/ID; 序时进度 marks the ledger.
    "xl.col.no": ("序号", "No."),
    "xl.col.task_no": ("序号", "Task No."),
    "xl.col.task": ("重点任务", "Key task"),
    "xl.col.unit": ("责任单位", "Unit"),
    "xl.col.role": ("牵头/配合", "Role"),
    "xl.col.progress": ("完成进度(%)", "Progress (%)"),
    "xl.col.expected": ("序时进度(%)", "Expected (%)"),
    "xl.col.status": ("状态", "Status"),
    "xl.col.latest_note": ("最新进展", "Latest progress"),
    "xl.col.date": ("填报日期", "Date"),
    "xl.col.deadline": ("完成时限", "Deadline"),
    "xl.col.record_id": ("记录编号", "ID"),
    "xl.col.note": ("进展情况", "Note"),
    "xl.col.project": ("重点项目", "Project"),
    "xl.col.by": ("填报人", "By"),
    "xl.col.recorded_at": ("录入时间", "Recorded at"),
    "xl.col.batch": ("批次", "Batch"),
    "xl.col.rank": ("排名", "Rank"),
    "xl.col.tasks": ("任务数", "Tasks"),
    "xl.col.last_report": ("最新填报日期", "Last report"),
    "xl.col.reports": ("填报次数", "Reports"),
    "xl.col.section": ("板块", "Section"),
    "xl.col.kind": ("类别", "Kind"),
    "xl.col.action": ("计划要求", "Plan action"),
    # The projects sheet's report columns are named so that the sheet is not mistaken for a report sheet.
    "xl.col.report_date": ("最新填报日期", "Last report"),
    "xl.col.report_unit": ("填报单位", "Reported by"),
    "xl.col.report_progress": ("最新进度(%)", "Reported progress (%)"),
    "xl.col.report_note": ("最新进展", "Latest progress"),
    "xl.col.scope": ("范围", "Scope"),
    "xl.col.year": ("年份", "Year"),
    "xl.col.growth": ("实际增速(%)", "Real growth (%)"),
    "xl.col.index": ("物量指数", "Volume index"),
    "xl.col.target_path": ("目标路径", "Target path"),
    "xl.col.gap": ("差距", "Gap"),
    "xl.col.realised": ("已实现年均增速(%)", "Realised average (%)"),
    "xl.col.required": ("余下年份需年均增速(%)", "Required average (%)"),
    "xl.col.target_status": ("目标状态", "Target status"),
    "xl.col.value": ("数值", "Value"),
    "xl.col.task_progress": ("任务完成进度(%)", "Task progress (%)"),
    "xl.col.task_expected": ("任务序时进度(%)", "Task expected (%)"),
    "xl.col.task_status": ("任务状态", "Task status"),
    "xl.col.lead": ("牵头单位", "Lead unit"),
    "xl.col.target_value": ("目标值", "Target value"),
    "xl.col.light": ("灯色", "Light"),
    "xl.col.month_end": ("日期", "Date"),
    "xl.col.plan": ("全计划(%)", "Plan (%)"),
    "xl.col.column": ("列", "Column"),
    "xl.col.meaning": ("填写说明", "How to fill it in"),
    # Lights, for the count of key tasks per light
    # Titles
    "xl.title.ledger": ("重点任务工作台账（截至 {as_of}）", "Key task ledger (as of {as_of})"),
    "xl.title.units": ("责任单位完成情况（截至 {as_of}）", "Responsible units (as of {as_of})"),
    "xl.title.projects": ("重点项目进展（截至 {as_of}）", "Named projects (as of {as_of})"),
    "xl.title.records": (
        "进展记录（截至 {as_of}，共 {count} 条）",
        "Progress reports (as of {as_of}, {count} in all)",
    ),
    "xl.title.trend": (
        "各月末完成进度（%）（截至 {as_of}）",
        "Completion (%) at each month end (as of {as_of})",
    ),
    "xl.title.template": ("{title} 进展填报表", "{title}: progress report form"),
    "xl.title.template_unit": ("{title} 进展填报表（{unit}）", "{title}: progress report form ({unit})"),
    "xl.title.instructions": ("填报说明", "How to fill in the form"),
    # Overview
    "xl.overview.as_of": ("截至", "As of"),
    "xl.overview.plan": ("全计划完成进度(%)", "Plan progress (%)"),
    "xl.overview.expected": ("序时进度(%)", "Expected (%)"),
    "xl.overview.state": ("状态", "Status"),
    "xl.overview.period": ("计划期限", "Plan period"),
    "xl.overview.period_value": ("{start} 至 {end}", "{start} to {end}"),
    "xl.overview.lights": ("重点任务灯色分布", "Key tasks by light"),
    "xl.overview.units": ("责任单位完成进度", "Completion by unit"),
    "xl.overview.tasks": ("重点任务完成情况", "Key tasks"),
    "xl.overview.no_target": ("计划中没有增长目标", "The plan has no growth target"),
    "xl.overview.index_table": (
        "{zone}地区生产总值物量指数与目标路径（{base} 年 = 100）",
        "{zone} GDP volume index and target path ({base} = 100)",
    ),
    "xl.chart.units": ("责任单位完成进度（%）", "Completion by unit (%)"),
    "xl.chart.index": (
        "{zone}物量指数与年均 {rate:g}% 目标路径",
        "{zone} volume index against the {rate:g}% a year path",
    ),
    # Template
    "xl.template.date_error": (
        "请填写日期（不早于 {start}），如 2022-06-30",
        "Enter a date (not before {start}), e.g. 2022-06-30",
    ),
    "xl.template.progress_error": (
        "请填写 0-100 的整数（累计完成百分比）",
        "Enter a whole number from 0 to 100 (cumulative percent done)",
    ),
    "xl.template.unit_error": ("请从下拉列表中选择责任单位", "Choose the unit from the list"),
    "xl.template.project_error": ("请从下拉列表中选择重点项目", "Choose the project from the list"),
    "xl.template.error_title": ("输入有误", "Invalid entry"),
    "xl.help.no": ("重点任务编号，已预填，请勿修改。", "The key task's number; filled in, do not change it."),
    "xl.help.task": ("任务名称，已预填，仅供对照。", "The task's title; filled in, for reference only."),
    "xl.help.unit": (
        "责任单位，已预填；也可从下拉列表选择，须为该任务的责任单位。",
        "The responsible unit; filled in, or choose from the list. It must be responsible for the task.",
    ),
    "xl.help.date": (
        "本次进展的日期：输入日期单元格，或写成 2022-06-30、2022/6/30、2022年6月30日。不要只写数字（如 44742）。",
        "The date of this report: a date cell, or text such as 2022-06-30 or 2022/6/30. "
        "A bare number (such as 44742) is not accepted.",
    ),
    "xl.help.progress": (
        "截至填报日期的累计完成进度，填 0-100 的整数，如 60（表示 60%），不是本期增量。",
        "Cumulative progress at the report date: a whole number 0-100, e.g. 60 for 60%; not the increase "
        "since the last report.",
    ),
    "xl.help.status": ("可选，简短说明，如“正常推进”。", "Optional: a short status, e.g. 'on schedule'."),
    "xl.help.note": ("本期工作进展情况。", "What was done in this period."),
    "xl.help.project": (
        "可选，从下拉列表选择该任务下的重点项目。",
        "Optional: a named project of this task, from the list.",
    ),
    "xl.help.by": ("可选，填报人姓名。", "Optional: who reports."),
    "xl.help.notes": ("注意", "Notes"),
    "xl.help.blank_rows": (
        "填报日期、完成进度、最新进展三项都未填写的行，导入时忽略；不需要填报的任务行可以留空。",
        "Rows with no date, no progress and no note are ignored on import; leave the rows you do not report on empty.",
    ),
    "xl.help.required": (
        "填写了某一行，就须填写该行的序号、责任单位、填报日期和完成进度。",
        "A row you fill in needs its No., Unit, Date and Progress.",
    ),
    "xl.help.copy_rows": (
        "同一任务有多次进展时，可复制该行后分别填写日期和进度。",
        "For several reports on one task, copy its row and fill in each date and progress.",
    ),
    "xl.help.header": (
        "请勿修改表头（第 2 行）；可以增加或删除数据行。",
        "Do not change the header (row 2); rows below it may be added or deleted.",
    ),
    "xl.help.import": (
        "导入：jsj import 文件名.xlsx（先加 --dry-run 检查，不写入）。",
        "To import: jsj import FILE.xlsx (add --dry-run first to check without writing).",
    ),
    # Project kinds (the plan's codes; an unknown code is shown as is)
    "xl.kind.industrial_chain": ("产业链", "industrial chain"),
    "xl.kind.expo": ("展会平台", "expo"),
    "xl.kind.city_cooperation": ("城市合作", "city cooperation"),
    "xl.kind.park": ("园区", "park"),
    "xl.kind.sub_region": ("次区域", "sub-region"),
    "xl.kind.pilot_zone": ("示范区", "pilot zone"),
    "xl.kind.bridge": ("桥梁", "bridge"),
    "xl.kind.road": ("公路", "road"),
    "xl.kind.airport": ("机场", "airport"),
    "xl.kind.railway": ("铁路", "railway"),
    "xl.kind.telecom": ("通信", "telecom"),
    "xl.kind.pipeline": ("管道", "pipeline"),
    "xl.kind.gas_network": ("燃气管网", "gas network"),
    "xl.kind.gas_storage": ("储气调峰", "gas storage"),
    "xl.kind.ecological_program": ("生态工程", "ecological programme"),
    "xl.kind.water_project": ("水利工程", "water project"),
    "xl.kind.circular_economy": ("循环经济", "circular economy"),
    "xl.kind.innovation_platform": ("创新平台", "innovation platform"),
    "xl.kind.other": ("其他", "other"),
    # Errors
    "xl.no_dir": ("{dir}：目录不存在", "{dir}: no such directory"),
    "xl.target_is_dir": ("{path}：是目录，请给出 .xlsx 文件名", "{path}: is a directory; give an .xlsx file name"),
    "xl.not_xlsx": ("{path}：文件名应以 .xlsx 结尾", "{path}: the file name must end in .xlsx"),
    "xl.not_dir": ("{dir}：不是目录", "{dir}: not a directory"),
}

i18n.register(LABELS)


def kind_label(kind: str) -> str:
    """A project kind's label; a code without one is shown as written in the plan."""
    key = f"xl.kind.{kind}"
    try:
        return i18n.t(key)
    except KeyError:
        return kind
