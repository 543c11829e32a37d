"""The sentences of the documents jsj writes for people (zh, en): the bulletin (通报) and the notices
(提醒、催报)."""

PROSE: dict[str, tuple[str, str]] = {
    # ---- render.bulletin
    "bulletin.title_suffix": ("工作进展通报", "Progress Bulletin"),
    "bulletin.issue": ("（第{no}期）", "(No. {no})"),
    "bulletin.h1": ("一、总体进展", "1. Overall progress"),
    "bulletin.h2": ("二、各板块进展", "2. Progress by section"),
    "bulletin.h3": ("三、各单位推进情况", "3. Progress by unit"),
    "bulletin.h_assessment": ("四、考评情况", "4. Assessment"),
    "bulletin.h4": ("五、滞后任务", "5. Tasks behind schedule"),
    "bulletin.h5": ("六、报送情况", "6. Reporting"),
    "bulletin.h6": ("七、需协调解决的问题", "7. Problems needing coordination"),
    "bulletin.figure": ("图{no} {title}", "Figure {no}. {title}"),
    "bulletin.assessment": (
        "按进度（权重{progress}）、报送（权重{reporting}）、问题办理（权重{problems}）综合考评，{ranking}。",
        "Scored on progress (weight {progress}), reporting (weight {reporting}) and problems dealt with"
        " (weight {problems}): {ranking}.",
    ),
    "bulletin.score_top": ("得分居前的是{units}", "the highest scores are {units}"),
    "bulletin.score_bottom": ("居后的是{units}", "the lowest {units}"),
    "bulletin.score_tied_bottom": (
        "得分同为最低（{score}分）的有{count}个单位：{units}",
        "{count} units share the lowest score ({score}): {units}",
    ),
    "bulletin.score_order": ("得分由高到低依次为{units}", "the scores from highest to lowest are {units}"),
    "bulletin.score_all_tied": ("各单位得分相同（{score}分）", "every unit has the same score ({score})"),
    "bulletin.score_separator": ("；", "; "),
    "bulletin.unit_score": ("{unit}（{score}分）", "{unit} ({score})"),
    "bulletin.no_scores": ("没有可考评的单位。", "No unit to score."),
    "bulletin.assessment_table": ("表2 考评得分", "Table 2. Assessment scores"),
    "bulletin.col.C": ("进度C", "Progress C"),
    "bulletin.col.R": ("报送R", "Reporting R"),
    "bulletin.col.P": ("问题P", "Problems P"),
    "bulletin.col.score": ("得分", "Score"),
    "bulletin.ended": (
        "本计划实施期已于{end}结束，以下为期末最终评估，序时进度均按100%计。",
        "The plan's period ended on {end}; these are the final figures, against an expected 100%.",
    ),
    "bulletin.plan": (
        "截至{date}，全计划完成进度{completion}%，序时进度{expected}%，总体状态为“{label}”。",
        "As of {date}, the plan is {completion}% complete against an expected {expected}%: {label}.",
    ),
    "bulletin.plan_delta": (
        "较{since}（上期）{change}。",
        " Since {since} (the last bulletin) it has {change}.",
    ),
    "bulletin.plan_no_delta": (
        "{since}时计划尚未开始实施，无环比数据。",
        " The plan had not begun on {since}, so there is no change to report.",
    ),
    "bulletin.up": ("提高{points}个百分点", "risen by {points} points"),
    "bulletin.down": ("下降{points}个百分点", "fallen by {points} points"),
    "bulletin.flat": ("持平", "not changed"),
    "bulletin.lights": (
        "{count}项重点任务中，已完成{done}项，序时推进{green}项，进度滞后{yellow}项，严重滞后或逾期{red}项。",
        "Of the {count} key tasks, {done} are done, {green} on track, {yellow} behind and {red} seriously"
        " behind or overdue.",
    ),
    "bulletin.growth": (
        "{indicator}年均增长{rate}%的目标：{parts}。",
        "The target of {rate}% average annual growth in {indicator}: {parts}.",
    ),
    "bulletin.growth_scope": (
        "{scope}{first}—{last}年实际年均增长{average}%，{relation}",
        "{scope} averaged {average}% over {first}–{last}, {relation}",
    ),
    "bulletin.growth_need": (
        "，余下{years}年需年均增长{need}%",
        ", and needs {need}% a year in the {years} remaining years",
    ),
    "bulletin.growth_year": (
        "{scope}{year}年实际增长{average}%，{relation}",
        "{scope} grew {average}% in {year}, {relation}",
    ),
    "bulletin.above": ("高于目标{points}个百分点", "{points} points above the target"),
    "bulletin.below": ("低于目标{points}个百分点", "{points} points below the target"),
    "bulletin.on_target": ("与目标持平", "on the target"),
    "bulletin.scope_no_data": ("{scope}尚无统计数据", "{scope} has no statistics yet"),
    "bulletin.missing": ("尚缺{items}", "still missing: {items}"),
    "bulletin.missing_item": ("{scope}{year}年{field}", "{scope} {year} {field}"),
    "bulletin.level": (
        "{indicator}到{year}年达到{value}{unit}的目标：{parts}。",
        "The target of {value}{unit} {indicator} by {year}: {parts}.",
    ),
    "bulletin.level_scope": (
        "{scope}{year}年为{value}{unit}，{status}",
        "{scope} {value}{unit} in {year}, {status}",
    ),
    "bulletin.no_targets": ("本计划未设定量化目标。", "The plan sets no quantitative target."),
    "bulletin.section": (
        "{no}. {title}：{tasks}项任务，完成进度{completion}%，序时进度{expected}%，{label}{delta}。",
        "{no}. {title}: {tasks} tasks, {completion}% complete against an expected {expected}%, {label}{delta}.",
    ),
    "bulletin.part_row": (
        "{title}（第{part}部分，未分板块）：{tasks}项任务，完成进度{completion}%，序时进度{expected}%，{label}{delta}。",
        "{title} (part {part}, without sections): {tasks} tasks, {completion}% complete against an expected"
        " {expected}%, {label}{delta}.",
    ),
    "bulletin.section_delta": ("，较上期{change}", "; since the last bulletin it has {change}"),
    "bulletin.units_table": ("表1 各单位推进情况", "Table 1. Progress by unit"),
    "bulletin.col.rank": ("排名", "Rank"),
    "bulletin.col.unit": ("责任单位", "Unit"),
    "bulletin.col.tasks": ("任务数", "Tasks"),
    "bulletin.col.completion": ("完成进度（%）", "Done (%)"),
    "bulletin.col.expected": ("序时进度（%）", "Expected (%)"),
    "bulletin.col.light": ("状态", "Status"),
    "bulletin.col.delta": ("较上期（百分点）", "Change (points)"),
    "bulletin.col.no": ("序号", "No."),
    "bulletin.col.task": ("重点任务", "Key task"),
    "bulletin.col.lead": ("牵头单位", "Lead unit"),
    "bulletin.col.latest": ("最新进展", "Latest progress"),
    "bulletin.top_bottom": (
        "完成进度居前三位的是{top}；居后三位的是{bottom}。",
        "The three most advanced units are {top}; the three least advanced are {bottom}.",
    ),
    "bulletin.top_only": ("完成进度居前的是{top}。", "The most advanced units are {top}."),
    "bulletin.top_few_and_tied": (
        "完成进度居前的是{top}；{bottom}。",
        "The most advanced are {top}; {bottom}.",
    ),
    "bulletin.top_and_tied": (
        "完成进度居前三位的是{top}；{bottom}。",
        "The most advanced units are {top}; {bottom}.",
    ),
    "bulletin.tied_bottom": (
        "完成进度同为最低（{completion}%）的有{count}个单位：{units}",
        "{count} units share the lowest figure ({completion}%): {units}",
    ),
    "bulletin.unit_figure": ("{unit}（{completion}%）", "{unit} ({completion}%)"),
    "bulletin.no_progress": ("各单位尚未报送进展。", "No unit has reported progress yet."),
    "bulletin.lagging": (
        "以下{count}项任务进度滞后（黄灯{yellow}项、红灯{red}项），请牵头单位加快推进：",
        "These {count} tasks are behind schedule ({yellow} yellow, {red} red); their lead units should speed them up:",
    ),
    "bulletin.lagging_table": ("表3 滞后任务", "Table 3. Tasks behind schedule"),
    "bulletin.lagging_table_of": ("表{no} {section}滞后任务", "Table {no}. Tasks behind schedule: {section}"),
    "bulletin.problems_major": ("重大问题", "Major problems"),
    "bulletin.problems_other": ("一般问题", "Other problems"),
    "bulletin.none_lagging": ("目前无进度滞后的任务。", "No task is behind schedule."),
    "bulletin.note": ("{note}（{unit}）", "{note} ({unit})"),
    "bulletin.col.latest_date": ("填报日期", "Reported"),
    "bulletin.no_note": ("尚无进展报送", "nothing reported yet"),
    "bulletin.no_schedule": ("本计划未设定报送周期。", "The plan sets no reporting schedule."),
    "bulletin.none_due": (
        "首个报送期{period}尚未到期（应于{due}前报送）。",
        "The first reporting period, {period}, is not yet due (reports are due by {due}).",
    ),
    "bulletin.reporting": (
        "{period}（应于{due}前报送）应报送{owed}份，按时报送{reported}份，迟报{late}份，逾期未报{overdue}份，"
        "按时报送率{rate}%。",
        "For {period} (due by {due}), {owed} reports were owed: {reported} on time, {late} late and {overdue}"
        " overdue, an on-time rate of {rate}%.",
    ),
    "bulletin.reported_units": ("按时足额报送的单位：{units}。", "Units that reported in full on time: {units}."),
    "bulletin.no_reported_units": ("没有单位按时足额报送。", "No unit reported in full on time."),
    "bulletin.late_units": ("迟报（已补报）的单位：{units}。", "Units that reported late: {units}."),
    "bulletin.late_unit": ("{unit}（迟{days}天）", "{unit} ({days} days late)"),
    "bulletin.overdue_units": ("存在逾期未报的单位：{units}。", "Units with overdue reports: {units}."),
    "bulletin.overdue_unit": ("{unit}（{count}份）", "{unit} ({count})"),
    "bulletin.no_overdue": ("无逾期未报的单位。", "No unit is overdue."),
    "bulletin.problem": (
        "{index}. {major}任务{task}（{unit}）：{text}{needs}{due}",
        "{index}. {major}Task {task} ({unit}): {text}{needs}{due}",
    ),
    "bulletin.problem_major": ("【重大】", "[Major] "),
    "bulletin.problem_needs": ("需{units}协调解决。", " Needs action by {units}."),
    "bulletin.problem_due": ("时限{due}。", " Due {due}."),
    "bulletin.problem_overdue": ("时限{due}，已逾期。", " Due {due}; overdue."),
    "bulletin.no_problems": ("目前无需协调解决的问题。", "No problem awaits coordination."),
    "bulletin.no_cjk_font": (
        "本机未找到含中文字形的字体，通报未附图表（安装 fonts-noto-cjk 等中文字体后即可附图）",
        "no font with Chinese glyphs found on this machine: the bulletin has no figures"
        " (install one, e.g. fonts-noto-cjk, to get them)",
    ),
    "bulletin.problem_counts": (
        "{since}以来新提出问题{raised}个，销号{closed}个；截至{date}尚未销号{open}个。",
        "Since {since}, {raised} problems were raised and {closed} closed; {open} are open as of {date}.",
    ),
    "bulletin.problem_counts_all": (
        "截至{date}共提出问题{raised}个，销号{closed}个，尚未销号{open}个。",
        "As of {date}, {raised} problems have been raised and {closed} closed; {open} are open.",
    ),
    "bulletin.recipients": ("{units}：", "To: {units}"),
    "bulletin.copied_to": ("抄送：{units}。", "Copy to: {units}."),
    "bulletin.printed_on": ("{date}印发", "Printed {date}"),
    "bulletin.docx_stdout": (
        "Word 文件不能写到标准输出：请给出文件名，或用 --format md 输出 Markdown",
        "a Word file cannot go to stdout: give a file name, or use --format md for Markdown",
    ),
    # ---- text.notices
    "notice.chase": (
        "{addressee}：截至{as_of}，你单位尚未报送{tasks}{period}进展情况（应于{due}前报送），请尽快补报。",
        "{addressee}: as of {as_of}, your unit has not reported on {tasks} for {period} (due by {due})."
        " Please report as soon as possible.",
    ),
    "notice.remind": (
        "{addressee}：{tasks}{period}进展情况请于{due}前报送（还剩{days}天）。",
        "{addressee}: please report on {tasks} for {period} by {due} ({days} day(s) left).",
    ),
    "notice.remind_today": (
        "{addressee}：{tasks}{period}进展情况请于今天（{due}）报送。",
        "{addressee}: please report on {tasks} for {period} today ({due}).",
    ),
    "notice.chase_title": ("关于尽快报送{period}进展情况的通知", "Overdue: your progress report for {period}"),
    "notice.remind_title": (
        "关于按时报送{period}进展情况的提醒",
        "Reminder: your progress report for {period} is due",
    ),
    "notice.task": ("第{no}项“{title}”", 'task {no} "{title}"'),
    "notice.addressee": ("{unit}{contact}同志", "{unit}, attn. {contact}"),
}
