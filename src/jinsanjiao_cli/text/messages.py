"""What jsj says about what it did or could not do: errors, warnings, confirmations, the lines around
tables (zh, en). One catalogue for every layer, so a message is found by its key in one place; `t(key)`
(text/i18n.py) formats it. Chinese in full-width punctuation, English in ASCII."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- actions.milestones
    "amend.unknown": ("没有编号为 {id} 的进展记录", "there is no progress report {id}"),
    "amend.superseded": (
        "进展记录 #{id} 已被 #{by} 更正；请更正 #{by}",
        "progress report #{id} was superseded by #{by}; amend #{by} instead",
    ),
    "amend.voided": ("进展记录 #{id} 已作废（{reason}）", "progress report #{id} was voided ({reason})"),
    "amend.nothing": (
        "#{id}：没有要更正的内容（给出 --progress、--date、--status、--note 或 --project）",
        "#{id}: nothing to change (give --progress, --date, --status, --note or --project)",
    ),
    "amend.same": ("#{id}：更正后的内容与原记录相同", "#{id}: the amendment is the same as the report"),
    "void.reason": ("作废须说明原因（--reason）", "a void needs a reason (--reason)"),
    # ---- actions.importing
    "import.reason": ("原因", "Reason"),
    "import.no_date_column": (
        "{where}：没有填报日期列，无法导入（需要 填报日期 / 日期 列）",
        "{where}: no date column; a report needs one (填报日期 / Date)",
    ),
    "import.row": ("行号", "Row"),
    # ---- actions.importing
    "import.strict": ("{reason}（--strict）", "{reason} (--strict)"),
    # ---- cli.app
    "cli.try_help": ("（用法见“{command} --help”）", "(Try '{command} --help')"),
    "cli.aborted": ("已取消", "Aborted!"),
    "cli.internal": (
        "内部错误：{kind}：{error}（加 --debug 查看调用栈）",
        "internal error: {kind}: {error} (run with --debug for the traceback)",
    ),
    # ---- cli.usage: Typer's own usage errors, said in the user's language
    "usage.missing_argument": ("缺少参数 {name}", "Missing argument '{name}'."),
    "usage.missing_option": ("缺少选项 {name}", "Missing option '{name}'."),
    "usage.no_such_option": ("没有选项 {option}", "No such option: {option}"),
    "usage.no_such_command": ("没有命令{name!r}", "No such command {name!r}."),
    "usage.did_you_mean": ("；是否要用 {names}？", " Did you mean {names}?"),
    "usage.bad_value": ("{param} 的值无效：{reason}", "Invalid value for {param}: {reason}"),
    "usage.not_a_choice": ("{value!r}不是可选的值，可选：{choices}", "{value!r} is not one of {choices}."),
    "usage.out_of_range": ("{value} 超出范围（{range}）", "{value} is not in the range {range}."),
    "usage.not_number": ("{value!r}不是数字", "{value!r} is not a number."),
    "usage.not_boolean": ("{value!r}不是是/否值", "{value!r} is not a boolean."),
    "usage.invalid": ("值不符合要求", "the value is not accepted"),
    "usage.extra": ("多余的参数：{extra}", "Got unexpected extra arguments ({extra})"),
    "usage.needs_value": ("选项 {option} 需要一个值", "Option '{option}' requires a value."),
    "usage.takes_no_value": ("选项 {option} 不带值", "Option '{option}' does not take a value."),
    "usage.unrecognised": ("命令行用法有误", "the command line is not valid"),
    # ---- cli.indicator
    "indicator.nothing": (
        "{scope} {year} 年：没有要记录的数据（给出 {options}）",
        "{scope} {year}: nothing to record (give {options})",
    ),
    "indicator.wrong_option": (
        "{option} 不适用于目标“{indicator}”（{measure}）；请用 {options}",
        "{option} does not apply to the target {indicator} ({measure}); use {options}",
    ),
    "indicator.base_after_target": (
        "--base-year {base} 应早于目标年份 {year}",
        "--base-year {base} must be before the target year {year}",
    ),
    "indicator.as_of_before_base": (
        "--as-of-year {year} 应晚于基期",
        "--as-of-year {year} must be after the base year",
    ),
    # ---- cli.plan
    "plancmd.drafted": (
        "已写入草稿 {file}：{parts} 个部分、{sections} 个板块、{items} 项事项、{units} 个单位；"
        "待补充（TODO）{todos} 处",
        "drafted {file}: {parts} parts, {sections} sections, {items} items, {units} units; {todos} TODOs",
    ),
    # ---- cli.problems
    "problem.added": ("已登记问题 #{id}（任务 {task}）", "recorded problem #{id} (task {task})"),
    "problem.updated": ("已更新问题 #{id}", "updated problem #{id}"),
    "problem.closed": ("问题 #{id} 已销号", "problem #{id} is closed"),
    "problem.reopened": ("问题 #{id} 已重新打开", "problem #{id} is open again"),
    # ---- cli.units
    "units.contact_set": ("已记录 {unit} 的联系方式：{contact}", "recorded the contact of {unit}: {contact}"),
    "units.nothing": (
        "{unit}：没有要记录的联系方式（给出 --contact、--phone、--email 或 --notify）",
        "{unit}: nothing to record (give --contact, --phone, --email or --notify)",
    ),
    "units.notify_set": ("已记录 {unit} 的通知地址：{addresses}", "notices to {unit} now go to {addresses}"),
    "units.notify_cleared": ("已清除 {unit} 的通知地址", "cleared the notice addresses of {unit}"),
    "units.notify_default": (
        "没有通知地址的单位，通知发往（{source}）：{addresses}",
        "units without addresses of their own are sent notices at ({source}): {addresses}",
    ),
    # ---- core.milestones
    "milestone.unknown_task": (
        "没有第 {no} 项任务（计划共 {count} 项）",
        "there is no task {no} (the plan has {count})",
    ),
    "milestone.not_responsible": (
        "{unit} 不是任务 {no} 的责任单位；责任单位为：{units}",
        "{unit} is not responsible for task {no}; responsible units: {units}",
    ),
    "milestone.no_units": ("任务 {no} 没有指定责任单位，无法填报进展", "task {no} names no responsible unit"),
    "milestone.unknown_project": (
        "任务 {no} 下没有项目{name!r}；该任务的项目：{projects}",
        "task {no} has no project {name!r}; its projects: {projects}",
    ),
    "milestone.no_projects": ("任务 {no} 下没有列出项目", "task {no} lists no projects"),
    "milestone.date_range": ("日期应在 1900-2100 年之间", "the date must be within 1900-2100"),
    "milestone.progress_range": ("超出 0-100", "is outside 0-100"),
    "milestone.period_not_begun": (
        "报送期 {period} 从 {start} 开始，早于它的报告（{date}）不能报送该期",
        "period {period} begins on {start}: a report dated {date} cannot be for it",
    ),
    # ---- core.milestones
    "warning.backwards": (
        "进度低于本单位此前的报告（{previous:g}%，{date}）",
        "progress is below the unit's previous report ({previous:g}% on {date})",
    ),
    "warning.future": ("填报日期晚于今天（{today}）", "the report is dated after today ({today})"),
    "warning.before_plan": (
        "填报日期早于计划开始日期（{start}）",
        "the report is dated before the plan starts ({start})",
    ),
    "warning.after_plan": (
        "填报日期不在计划期内（{start} 至 {end}）",
        "the report is dated outside the plan's period ({start} to {end})",
    ),
    "warning.done_not_100": (
        "状态为“已完成”，但进度不是 100",
        "the status says 已完成 (done) but progress is below 100",
    ),
    "warning.100_not_done": (
        "进度为 100，但状态不是“已完成”",
        "progress is 100 but the status is not 已完成 (done)",
    ),
    # ---- core.milestones
    "warning.strict": (
        "{reasons}（--strict：警告视为错误，未写入）",
        "{reasons} (--strict: warnings are errors; nothing was written)",
    ),
    # ---- core.names
    "lookup.unknown_unit": ("未知单位{name!r}", "unknown unit {name!r}"),
    "lookup.ambiguous_unit": (
        "单位{name!r}有歧义，可能是：{candidates}",
        "unit {name!r} is ambiguous; it could be: {candidates}",
    ),
    "lookup.unknown_scope": (
        "未知统计范围{name!r}；可用：{scopes}",
        "unknown statistics scope {name!r}; use one of: {scopes}",
    ),
    "lookup.ambiguous_scope": (
        "统计范围{name!r}属于多个目标（{targets}）；请用 --target 指明",
        "the statistics scope {name!r} belongs to several targets ({targets}); say which with --target",
    ),
    "lookup.unknown_target": (
        "没有目标{key!r}；计划的目标：{targets}",
        "no target {key!r}; the plan's targets: {targets}",
    ),
    "lookup.no_targets": ("计划中没有目标", "the plan has no targets"),
    # ---- core.schedule
    "schedule.bad_period": (
        "{text!r}不是{frequency}期别；请写作 {example}",
        "{text!r} is not a {frequency} period; write it as {example}",
    ),
    "schedule.monthly": ("月度", "monthly"),
    "schedule.quarterly_example": ("2022Q2（或 2022-06）", "2022Q2 (or 2022-06)"),
    "schedule.quarterly": ("季度", "quarterly"),
    "schedule.outside": (
        "报送期 {period} 不在报送安排内（{first} 至 {last}）",
        "period {period} is outside the reporting schedule ({first} to {last})",
    ),
    "schedule.none": ("计划没有报送安排（settings.reporting 为 null）", "the plan has no reporting schedule"),
    "db.settings": (
        "本账本覆盖计划文件的设置：{settings}（jsj settings show）",
        "Settings over the plan file's: {settings} (jsj settings show)",
    ),
    "units.empty_name": ("单位名称不能为空", "a unit needs a name"),
    "units.name_taken": ("{name!r}已是单位 {unit} 的名称或别名", "{name!r} already names the unit {unit}"),
    "units.added": (
        "已添加协调单位 {name}：可在 problem add --needs 中指定，可设置联系人；不承担任务，不计入进度",
        "added the coordinating unit {name}: it can be named in problem add --needs and given a contact; it"
        " holds no task and is counted in no progress",
    ),
    "units.coordinating_title": ("协调单位（非计划责任单位）", "Coordinating units (not named by the plan)"),
    # ---- core.settings, jsj settings
    "settings.title": ("本账本的设置（覆盖计划文件的设置）", "Settings of this ledger (over the plan file's)"),
    "settings.by": ("{by}，{at}", "{by}, {at}"),
    "settings.set": (
        "已设置 {setting} = {value}（本账本，覆盖计划文件）",
        "set {setting} = {value} (this ledger, over the plan file)",
    ),
    "settings.unset": ("已取消 {setting} 的本账本设置，恢复为计划文件的值", "{setting} is the plan file's again"),
    "settings.unknown_key": ("没有可设置的 {setting}；可设置：{keys}", "{setting} cannot be set; settings: {keys}"),
    "settings.bad": ("{setting}：{reason}", "{setting}: {reason}"),
    "settings.bad.reporting.frequency": (
        "{value!r}不是报送频率；请写 monthly（月度）或 quarterly（季度）",
        "{value!r} is not a frequency; write monthly or quarterly",
    ),
    "settings.bad.reporting.due_day": ("{value!r}不是 1-31 的日", "{value!r} is not a day 1-31"),
    "settings.bad.reporting.first_period": ("{value!r}不是报送期", "{value!r} is not a period"),
    "settings.bad.reporting.last_period": ("{value!r}不是报送期", "{value!r} is not a period"),
    "settings.bad.lights.yellow_behind": ("{value!r}不是 0-100 的百分点数", "{value!r} is not 0-100 points"),
    "settings.bad.lights.red_behind": ("{value!r}不是 0-100 的百分点数", "{value!r} is not 0-100 points"),
    "settings.bad.assessment.weights": (
        "{value!r}应为三个 0-1 的数，依次为 C、R、P 的权重，如 0.6,0.25,0.15",
        "{value!r} should be three numbers 0-1, the weights of C, R and P, e.g. 0.6,0.25,0.15",
    ),
    "settings.bad.assessment.late_weight": ("{value!r}不是 0-1 的数", "{value!r} is not a number 0-1"),
    "settings.red_below_yellow": (
        "{setting}：红灯阈值（{red:g}）不能低于黄灯阈值（{yellow:g}）",
        "{setting}: red_behind ({red:g}) must not be below yellow_behind ({yellow:g})",
    ),
    "settings.first_after_last": (
        "{setting}：首个报送期 {first} 晚于最后一个报送期 {last}",
        "{setting}: the first period {first} is after the last period {last}",
    ),
    "settings.weights_sum": (
        "{setting}：三项权重之和应为 1（现为 {total}）",
        "{setting}: the three weights must sum to 1 (they sum to {total})",
    ),
    # ---- core.values
    "since.after_as_of": (
        "--since {since} 晚于截至日期 {as_of}：变化量从较早的日期算起",
        "--since {since} is after the as-of date {as_of}: a change is counted from an earlier date",
    ),
    "values.bad_date": (
        "{field} {value!r}不是有效日期（例：2022-06-30、2022/6/30、2022年6月30日）",
        "{field} {value!r} is not a valid date (e.g. 2022-06-30, 2022/6/30, 2022年6月30日)",
    ),
    "values.bad_progress": ("{field} {value!r}不是数字", "{field} {value!r} is not a number"),
    "values.progress_range": ("{field} {value!r}超出 0-100", "{field} {value!r} is outside 0-100"),
    "values.text_length": (
        "有 {length} 个字符，超过电子表格单元格上限 {limit}",
        "has {length} characters, more than a spreadsheet cell holds ({limit})",
    ),
    "values.bad_phone": (
        "--phone {value!r}不是电话号码（只能含数字、空格、-、+ 和括号）",
        "--phone {value!r} is not a phone number (digits, spaces, -, + and parentheses only)",
    ),
    "values.bad_email": ("--email {value!r}不是邮箱地址", "--email {value!r} is not an email address"),
    "values.control_char": (
        "含有控制字符 {code}（第 {position} 个字符），请删除后重新填写",
        "holds the control character {code} (character {position}); remove it",
    ),
    "values.bad_year": ("{field} {value!r}不是有效年份", "{field} {value!r} is not a valid year"),
    "values.bad_number": ("{field} {value!r}不是有效数字", "{field} {value!r} is not a valid number"),
    "values.number_range": (
        "{field} {value!r}应大于 {above:,.0f} 且不超过 {at_most:,.0f}",
        "{field} {value!r} must be above {above:,.0f} and at most {at_most:,.0f}",
    ),
    # ---- plans.plan_yaml
    "plan.unreadable": ("无法读取计划文件：{error}", "cannot read the plan: {error}"),
    "plan.not_a_file": ("不是普通文件，不能作为计划读取", "not a regular file; a plan must be one"),
    "plan.too_large": (
        "文件有 {size:,} 字节，超过计划文件上限 {limit:,} 字节",
        "the file has {size:,} bytes, over the {limit:,}-byte limit for a plan",
    ),
    "plan.not_utf8": ("不是 UTF-8 文本", "not UTF-8 text"),
    "plan.not_yaml": ("不是有效的 YAML：{error}", "not valid YAML: {error}"),
    "plan.alias": (
        "计划文件中不允许使用 YAML 别名（*{anchor}）；请把值直接写出",
        "YAML aliases (*{anchor}) are not allowed in a plan; write the value out",
    ),
    "plan.too_deep": (
        "嵌套超过 {limit} 层，计划文件不会这么深",
        "nested more than {limit} levels deep; no plan is",
    ),
    "plan.too_many_nodes": (
        "超过 {limit:,} 个 YAML 节点，计划文件不会这么多",
        "more than {limit:,} YAML nodes; no plan has that many",
    ),
    "plan.not_mapping": ("顶层应为映射（键: 值）", "the top level must be a mapping (key: value)"),
    "plan.key_not_text": (
        "键 {name} 被 YAML 读作 {kind} 而不是文本；请加引号：“{name}”",
        'the key {name} reads as {kind}, not text; quote it: "{name}"',
    ),
    "plan.key_not_scalar": ("键必须是文本", "a key must be text"),
    "plan.control_character": (
        "文本中有控制字符 U+{code:04X}，不允许",
        "the text holds the control character U+{code:04X}, which is not allowed",
    ),
    "plan.duplicate_key": (
        "键 {name} 重复出现（第一次在第 {first} 行）",
        "the key {name} is given twice (first on line {first})",
    ),
    "plan.problems": ("{file}：计划文件有 {count} 处问题：", "{file}: the plan has {count} problem(s):"),
    # ---- ledger.copying
    "copy.no_source": ("{db}：不存在，无法复制", "{db}: does not exist; nothing to copy"),
    "copy.not_ledger": ("{db}：不是 jsj 账本（没有 jsj 的表）", "{db}: not a jsj ledger (no jsj tables)"),
    "copy.same": ("源和目标是同一个账本：{db}", "the source and the destination are the same ledger: {db}"),
    "copy.not_empty": (
        "{db}：目标已有数据（{tables}），已拒绝写入；请指定一个空数据库",
        "{db}: the destination already holds data ({tables}); refusing to write; give an empty database",
    ),
    "copy.count_mismatch": (
        "复制后行数不符，已全部撤销：{tables}",
        "row counts differ after copying; everything was rolled back: {tables}",
    ),
    "copy.table_count": ("{table} {count} 行", "{table} {count} rows"),
    # ---- ledger.db.location
    "db.bad_scheme": (
        "{url}：不支持的数据库地址（可用文件路径、sqlite:///路径 或 postgresql://…）",
        "{url}: unsupported database URL (use a file path, sqlite:///path or postgresql://…)",
    ),
    "db.bad_url": ("{url}：数据库地址无效（{error}）", "{url}: invalid database URL ({error})"),
    "db.bad_schema": (
        "{url}：schema 名称{schema!r}无效（只能用字母、数字和下划线，且不以数字开头）",
        "{url}: invalid schema name {schema!r} (letters, digits and underscores, not starting with a digit)",
    ),
    # ---- ledger.db.postgres
    "db.pg.no_driver": (
        "使用 PostgreSQL 需要安装 psycopg：pip install 'jinsanjiao-cli[postgres]'",
        "PostgreSQL needs psycopg: pip install 'jinsanjiao-cli[postgres]'",
    ),
    "db.pg.no_database": (
        "数据库 {name} 不存在；请先创建（例如 createdb {name}），jsj 不会自行创建数据库",
        "database {name} does not exist; create it first (e.g. createdb {name}); jsj never creates a database",
    ),
    "db.pg.cannot_connect": ("无法连接：{error}", "cannot connect: {error}"),
    "db.pg.busy": (
        "账本正忙（另一个 jsj 正在写入，已等待 {timeout}），请稍后重试",
        "the ledger is busy (another jsj has been writing for {timeout}); try again",
    ),
    "db.pg.read_only": ("数据库只读，无法写入", "the database is read-only; nothing can be written"),
    "db.pg.error": ("数据库错误：{error}", "database error: {error}"),
    # ---- ledger.db.sqlite
    "db.sqlite.cannot_open": ("无法打开数据库（{error}）", "cannot open the database ({error})"),
    "db.sqlite.not_db": ("不是 jsj 数据库（{error}）", "not a jsj database ({error})"),
    "db.sqlite.busy": (
        "数据库正忙（另一个 jsj 正在写入，已等待 {seconds} 秒），请稍后重试",
        "the database is busy (another jsj has been writing for {seconds} s); try again",
    ),
    "db.sqlite.read_only": (
        "数据库文件只读，无法写入（可以查看；写入需要文件及其目录的写权限）",
        "the database file is read-only: it can be read, but writing needs write permission on the file"
        " and its directory",
    ),
    "db.sqlite.full": ("磁盘已满，未写入任何数据", "the disk is full; nothing was written"),
    "db.sqlite.io": (
        "磁盘读写出错（磁盘可能已满，或文件所在位置不可写），未写入任何数据",
        "disk I/O error (the disk may be full, or the location not writable); nothing was written",
    ),
    "db.sqlite.is_dir": ("是目录，不是数据库文件", "is a directory, not a database file"),
    "db.sqlite.not_file": (
        "不是普通文件（设备或管道？），不能用作数据库",
        "is not a regular file (a device or a pipe?); it cannot hold a database",
    ),
    "db.sqlite.name_too_long": (
        "文件名太长（{length} 字节，文件系统最多 {limit} 字节）",
        "the file name is too long ({length} bytes; the file system allows {limit})",
    ),
    "db.sqlite.read_only_log": (
        "数据库只读，且旁边留有未合并的日志文件（-wal）；请先用有写权限的账号运行一次 jsj",
        "the database is read-only and a write-ahead log (-wal) is left beside it; run jsj once with write"
        " access first",
    ),
    "db.sqlite.error": ("数据库错误：{error}", "database error: {error}"),
    # ---- ledger.opening, ledger.paths
    "db.no_ledger": (
        "{db} 没有台账，请先用 `{command}` 创建",
        "no ledger at {db}, create it with `{command}`",
    ),
    "db.no_directory": (
        "{db}：目录 {dir} 不存在；请先创建该目录，或换一个位置",
        "{db}: the directory {dir} does not exist; create it first, or choose another place",
    ),
    "db.empty_option": (
        "--db 为空；请写出台账的路径或网址，或去掉 --db 使用 JSJ_DB 或默认台账",
        "--db is empty; give the ledger's path or URL, or leave --db out to use JSJ_DB or the default ledger",
    ),
    "db.created": (
        "已新建台账：{db}（首次使用；用 --db 或 JSJ_DB 可指定其他台账）",
        "created a new ledger at {db} (first use; --db or JSJ_DB chooses another)",
    ),
    # ---- ledger.migrations
    "migrations.read_only": (
        "{db}：台账由旧版 jsj 建立，需先升级结构（{count} 步）才能查看或使用，而当前账号不能写入该文件；"
        "请由对该文件及其目录有写权限的人运行一次 jsj（例如 jsj db info）完成升级，之后只读账号即可查看",
        "{db}: the ledger was made by an older jsj and must be upgraded ({count} steps) before it can be read or"
        " used, but this account cannot write to it; someone with write access to the file and its directory"
        " must run jsj once (e.g. jsj db info) to upgrade it; after that it can be viewed read-only",
    ),
    "migrations.too_new": (
        "{db}：数据库由更新版本的 jsj 写入（未知的结构版本：{steps}），请升级 jsj 后再使用",
        "{db}: the database was written by a newer jsj (unknown schema steps: {steps}); upgrade jsj",
    ),
    # ---- ledger.plan_sync
    "store.conflict": (
        "新计划会使已记录的进展失去对应，已拒绝加载：{what}",
        "refusing to load: the new plan would orphan recorded progress: {what}",
    ),
    "store.conflict_assignment": (
        "任务 {no} × {unit}（{count} 条进展）",
        "task {no} × {unit} ({count} reports)",
    ),
    "store.conflict_project": (
        "任务 {no} 的项目 {name}（{count} 条进展）",
        "project {name} of task {no} ({count} reports)",
    ),
    "store.conflict_scope": ("统计范围 {name}（{count} 条统计数据）", "scope {name} ({count} statistics)"),
    "store.conflict_problem": (
        "任务 {no} × {unit}（{count} 个问题）",
        "task {no} × {unit} ({count} problems)",
    ),
    "store.conflict_needed": (
        "单位 {unit}（被 {count} 个问题列为需协调单位）",
        "unit {unit} (asked to act on {count} problems)",
    ),
    # ---- ledger.problems
    "problem.unknown": ("没有编号为 {id} 的问题", "there is no problem {id}"),
    "problem.not_responsible": (
        "{unit} 不是任务 {no} 的责任单位，不能就该任务提出问题；责任单位为：{units}",
        "{unit} is not responsible for task {no}, so cannot raise a problem on it; responsible units: {units}",
    ),
    "problem.empty": ("{field} 不能为空", "{field} must not be empty"),
    "problem.closed_already": (
        "问题 {id} 已于 {date} 销号",
        "problem {id} was already closed on {date}",
    ),
    "problem.open_already": ("问题 {id} 未销号，无需重新打开", "problem {id} is open; there is nothing to reopen"),
    "problem.before_raised": (
        "{field} {date} 早于问题的提出日期 {earliest}",
        "{field} {date} is before the date the problem was raised ({earliest})",
    ),
    "problem.before_closed": (
        "{field} {date} 早于问题的销号日期 {earliest}",
        "{field} {date} is before the date the problem was closed ({earliest})",
    ),
    # ---- ledger.store
    "store.foreign": (
        "{db}：不是 jsj 数据库（其中已有其他程序的表：{tables}）",
        "{db}: not a jsj database (it holds another program's tables: {tables})",
    ),
    "store.unknown_task": (
        "没有第 {no} 项任务（计划共 {count} 项）",
        "there is no task {no} (the plan has {count})",
    ),
    "store.unknown_project": (
        "任务 {no} 下没有项目{name!r}；该任务的项目：{projects}",
        "task {no} has no project {name!r}; its projects: {projects}",
    ),
    "store.no_projects": ("任务 {no} 下没有列出项目", "task {no} lists no projects"),
    "store.unknown_project_any": ("计划中没有项目{name!r}", "the plan has no project {name!r}"),
    "store.unknown_batch": ("没有编号为 {id} 的导入批次", "there is no import batch {id}"),
    "store.already_undone": (
        "批次 {id} 已于 {at} 由 {by} 撤销",
        "batch {id} was already undone on {at} by {by}",
    ),
    # ---- plan_draft
    "draft.no_parts": (
        "{file}：没有找到“一、”这样的部分标题，不像一份工作计划",
        "{file}: no part headings such as 一、 found; this does not read as a work plan",
    ),
    # ---- render.__init__
    "status.title": ("{title}\n截至 {as_of}", "{title}\nas of {as_of}"),
    "status.plan": (
        "全计划完成 {completion}%，序时进度 {expected}%（{label}）",
        "Plan {completion}% done against {expected}% expected ({label})",
    ),
    "status.counts": ("重点任务：{counts}", "Key tasks: {counts}"),
    "status.tasks": ("重点任务", "Key tasks"),
    "status.own_tasks": ("{unit} 承担的重点任务", "Key tasks of {unit}"),
    "status.unit_view": (
        "各任务行为本单位的分工进度、状态与进展；任务完成进度为各单位加权合计",
        "Task rows show this unit's own share; task completion is all units' weighted total",
    ),
    "status.period_ended": (
        "计划期已于 {end} 结束：以下为期末最终评估，序时进度按 100% 计",
        "The plan's period ended on {end}: these are the final figures, against an expected 100%",
    ),
    "status.plan_delta": ("，较 {since} 变化 {delta} 个百分点", "; change since {since}: {delta} points"),
    "status.note_by": ("{unit}：{note}", "{unit}: {note}"),
    "status.units": ("责任单位排名", "Unit ranking"),
    "status.safeguards": ("保障措施（不计入完成度）：{items}", "Safeguards (not counted): {items}"),
    "status.no_tasks": ("没有符合条件的任务", "no tasks match"),
    "status.reporting": (
        "报送：{period}（应于 {due} 前报送）应报 {owed} 份，按时已报 {reported} 份，迟报 {late} 份，"
        "逾期未报 {overdue} 份",
        "Reporting for {period} (due {due}): {owed} owed, {reported} on time, {late} late, {overdue} overdue",
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
        "完成 {completion}%，序时进度 {expected}%，{label}；完成时限 {deadline}",
        "{completion}% done, {expected}% expected, {label}; due {deadline}",
    ),
    "task.summary_uncounted": (
        "完成 {completion}%（不计入完成度，不作序时判断）；完成时限 {deadline}",
        "{completion}% done (not counted: no expected progress, no light); due {deadline}",
    ),
    "task.projects": ("重点项目", "Named projects"),
    "task.problems": ("需协调解决的问题", "Open problems"),
    "task.safeguard": ("保障措施：列出备查，不计入完成度", "Safeguard measure: listed, not counted in completion"),
    "target.line": (
        "增长目标 {indicator}年均 {rate:g}%（至 {year} 年，基期 {base}）：{scopes}",
        "Growth target {indicator} {rate:g}% a year (to {year}, base {base}): {scopes}",
    ),
    "target.scope_avg": ("{scope} 年均 {avg}%（{status}）", "{scope} {avg}%/yr ({status})"),
    "target.scope_need": (
        "{scope} 年均 {avg}%，余下年份需 {need}%",
        "{scope} {avg}%/yr, needs {need}%",
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
    "target.nominal_note": (
        "名义增速由现价地区生产总值计算，仅供参考，不参与实际增速链式计算",
        "Nominal growth is computed from current-price GDP, for reference only; it never enters the real chain",
    ),
    "init.done": (
        "数据库 {path}：计划已加载（{tasks} 项任务，{units} 个单位，{assignments} 项分工，{projects} 个项目）",
        "database {path}: plan loaded ({tasks} tasks, {units} units, {assignments} assignments, {projects} projects)",
    ),
    "init.unchanged": ("数据库 {path}：计划未变化", "database {path}: the plan is unchanged"),
    "record.done": (
        "已记录 #{id}：任务 {task} {unit} {date} 进度 {progress:g}%",
        "recorded #{id}: task {task} {unit} {date} progress {progress:g}%",
    ),
    "record.for_period": ("，报送期 {period}", ", for period {period}"),
    "history.none": ("没有进展记录", "no progress reports"),
    "history.amends": ("更正 #{id}", "amends #{id}"),
    "history.superseded": ("已被更正", "superseded"),
    "history.voided": ("已作废", "voided"),
    "record.warning": ("jsj: 警告：{reasons}", "jsj: warning: {reasons}"),
    "amend.done": (
        "已更正 #{old} → #{id}：{unit} {date} 进度 {progress:g}%",
        "amended #{old} → #{id}: {unit} {date} progress {progress:g}%",
    ),
    "void.done": ("已作废 #{id}：{unit} {date}", "voided #{id}: {unit} {date}"),
    "indicator.none": ("没有统计数据", "no statistics recorded"),
    # ---- render.__init__
    "file.written": ("已写入 {path}", "wrote {path}"),
    # ---- render.__init__
    "import.summary": (
        "{file}{sheet}：读取 {read} 行，新增 {new} 行，已存在 {present} 行，拒绝 {rejected} 行，空行跳过 {blank} 行",
        "{file}{sheet}: {read} rows read, {new} new, {present} already present, {rejected} rejected,"
        " {blank} blank skipped",
    ),
    "import.batch": ("；批次 {batch}", "; batch {batch}"),
    "import.dry_run": ("试运行：未写入任何数据", "dry run: nothing was written"),
    "import.voided": (
        "，与已更正或作废的记录相同 {count} 行（未写入）",
        ", {count} identical to corrected or voided reports (not stored)",
    ),
    "import.warnings": ("，警告 {count} 条", ", {count} warning(s)"),
    "import.problems_raised": ("，新登记问题 {count} 个", ", {count} problem(s) raised"),
    "import.problems_would_raise": ("，将登记问题 {count} 个", ", {count} problem(s) would be raised"),
    "import.no_batch": ("没有新增的行，未创建批次", "nothing new: no batch was created"),
    "import.more_warnings": (
        "……另有 {count} 条警告（--format json 列出全部）",
        "… and {count} more warnings (--format json lists them all)",
    ),
    "import.warning_line": (
        "{file}：第{row}行，{header}（{column}）：警告：{reason}",
        "{file}: row {row}, {header} ({column}): warning: {reason}",
    ),
    "import.reading": ("{header}（{column}）：{reason}", "{header} ({column}): {reason}"),
    "import.invalid": (
        "{file}：{count} 行无效，未写入任何数据（改正后重新导入，或用 --skip-invalid 只导入有效行）",
        "{file}: {count} invalid row(s); nothing was written (fix them, or use --skip-invalid)",
    ),
    "import.fraction": (
        "完成进度列按比例读取（0.6 即 60%）",
        "the progress column was read as fractions (0.6 = 60%)",
    ),
    "import.rejects": ("被拒绝的行已写入 {path}", "rejected rows written to {path}"),
    "import.progress": ("校验", "checking"),
    "batches.none": ("没有导入批次", "no import batches"),
    "undo.done": (
        "已撤销批次 {batch}：删除 {count} 条进展记录{problems}",
        "undid batch {batch}: {count} reports removed{problems}",
    ),
    "undo.question": (
        "撤销批次 {batch}：删除 {count} 条进展记录{problems}（文件 {file}，导入于 {at}）？",
        "Undo batch {batch}: remove {count} reports{problems} (file {file}, imported {at})?",
    ),
    "undo.problems": (
        "，以及该批次登记的 {count} 个问题：{problems}",
        ", and the {count} problem(s) it raised: {problems}",
    ),
    "undo.problem": ("#{id} 任务{task}“{text}”", '#{id} task {task} "{text}"'),
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
    # ---- render.__init__
    "db.info": (
        "引擎 {engine}\n位置 {location}\n结构版本 {version}（{step}）",
        "engine {engine}\nlocation {location}\nschema version {version} ({step})",
    ),
    "db.copied": ("已从 {source} 复制到 {destination}：{tables}", "copied {source} to {destination}: {tables}"),
    # ---- render.assess
    "assess.title": (
        "结果考评（截至 {as_of}；得分 = {wc:g}×C + {wr:g}×R + {wp:g}×P）",
        "Assessment (as of {as_of}; score = {wc:g}×C + {wr:g}×R + {wp:g}×P)",
    ),
    # ---- render.outfiles
    "out.failed": (
        "{path}：写入失败（{error}），原文件未改动",
        "{path}: could not write ({error}); the old file is unchanged",
    ),
    "out.full": ("磁盘空间不足", "the disk is full"),
    "out.denied": ("没有写权限", "permission denied"),
    # ---- render.problems
    "problems.none": ("没有符合条件的问题", "no problems match"),
    "problems.title": ("需协调解决的问题", "Problems needing coordination"),
    "problem.state.open": ("未销号", "open"),
    "problem.state.closed": ("已销号", "closed"),
    "problem.major": ("重大", "major"),
    "problem.overdue": ("逾期", "overdue"),
    # ---- render.reporting
    "reports.title": (
        "报送情况 {period}（报送窗口 {start} 至 {end}，应于 {due} 前报送；截至 {as_of}）",
        "Reporting for {period} (window {start} to {end}, due {due}; as of {as_of})",
    ),
    "reports.overdue_title": ("逾期未报", "Overdue"),
    "reports.late_title": ("迟报（已补报）", "Reported late"),
    "reports.cell_late": ("{reported}/{owed}（迟报 {late}）", "{reported}/{owed} ({late} late)"),
    "reports.cell_pending": ("待报", "pending"),
    "reports.cell_early": ("{reported}/{owed}（待报 {pending}）", "{reported}/{owed} ({pending} pending)"),
    "reports.none_overdue": ("没有逾期未报的报告", "no overdue reports"),
    "reports.history_title": (
        "各期报送（按时已报/应报；未到期的为待报），按按时报送率排序",
        "Each period (on time/owed; pending where not yet due), ranked by on-time rate",
    ),
    "remind.none": ("{period}没有逾期未报的报告", "no overdue reports for {period}"),
    "remind.needs_send": ("{option} 须与 --send 一起使用", "{option} goes with --send"),
    "remind.log_alone": (
        "--log 只与 --period、--format 一起使用",
        "--log goes with --period and --format only",
    ),
    "remind.sent": (
        "送达 {sent} 处；今日已送达、未重发 {skipped} 处；未能送达 {failed} 处",
        "delivered to {sent} address(es); {skipped} had it today already; {failed} failed",
    ),
    "remind.claimed": (
        "另有 {claimed} 处正由同时运行的另一次 jsj remind --send 发送，本次未发",
        "{claimed} address(es) left to another jsj remind --send running at the same time",
    ),
    "remind.dry_run": ("（试发送：未发送任何通知）", "(dry run: nothing was sent)"),
    "remind.goes_to": ("{unit} → {addresses}", "{unit} → {addresses}"),
    "remind.no_log": ("尚未发送过通知", "no notice has been sent"),
    # ---- io.notify, actions.notices
    "notify.not_an_address": (
        "通知地址 {address} 不是网址：应写作 mailtos://…、wecombot://…、dingtalk://…、json://… 等 Apprise 地址",
        "the notice address {address} is not a URL: write an Apprise URL such as mailtos://…, wecombot://…,"
        " dingtalk://…, json://…",
    ),
    "notify.unknown_scheme": (
        "通知地址 {address}：不认识的通知方式“{scheme}”（可用 mailtos、wecombot、dingtalk、json 等 Apprise 方式）",
        "the notice address {address}: unknown kind of address '{scheme}' (use mailtos, wecombot, dingtalk, json"
        " or another Apprise service)",
    ),
    "notify.bad_address": ("通知地址 {address} 无效：{reason}", "the notice address {address} is invalid: {reason}"),
    "notify.hint_dingtalk": (
        "（钉钉机器人写作 dingtalk://SECRET@TOKEN 或 dingtalk://TOKEN/SECRET，其后的路径只能是要 @ 的手机号）",
        " (write a 钉钉 robot as dingtalk://SECRET@TOKEN or dingtalk://TOKEN/SECRET; any further path is phone"
        " numbers to @)",
    ),
    "notify.robot_refused": (
        "机器人拒收：errcode {code}，{message}",
        "the robot refused it: errcode {code}, {message}",
    ),
    "notify.robot_rate_limited": (
        "机器人限流（发送太频繁），下次运行重试：errcode {code}，{message}",
        "the robot is rate limited (too many messages), the next run tries again: errcode {code}, {message}",
    ),
    "notify.unreadable": ("无法读出这个地址", "it cannot be read"),
    "notify.refused": ("对方未接收", "the service did not take it"),
    "notify.clear_alone": (
        "--notify 后跟空值表示清除全部通知地址，不能与其他地址一起给出",
        "--notify '' clears every address and goes alone",
    ),
    "notify.no_address": (
        "没有通知地址（jsj unit set --notify，或 settings.notify、JSJ_NOTIFY）",
        "no address to send to (jsj unit set --notify, or settings.notify, JSJ_NOTIFY)",
    ),
    "notify.nowhere": ("无地址", "nowhere"),
    "notify.failed": ("未能送达 {unit}（{address}）：{error}", "could not deliver to {unit} ({address}): {error}"),
    "remind.none_upcoming": (
        "没有 {within} 天内到期的待报报告",
        "no pending reports fall due within {within} day(s)",
    ),
    # ---- render.targets
    "level.line": (
        "目标 {indicator}：{year} 年达到 {value:g}{unit}：{scopes}",
        "Target {indicator}: {value:g}{unit} by {year}: {scopes}",
    ),
    "level.scope": (
        "{scope} {year} 年 {value:g}{unit}（{status}）",
        "{scope} {value:g}{unit} in {year} ({status})",
    ),
    "level.scope_need": (
        "{scope} {year} 年 {value:g}{unit}，余下年份需年均增长 {need}%",
        "{scope} {value:g}{unit} in {year}, needs {need}%/yr",
    ),
    "level.scope_points": (
        "{scope} {year} 年 {value:g}{unit}，余下年份需年均提高 {need} 个百分点",
        "{scope} {value:g}{unit} in {year}, needs {need} points/yr",
    ),
    "level.scope_none": ("{scope} 无数据", "{scope} no data"),
    "level.whole": ("全域", "whole plan area"),
    "targets.none": ("计划中没有目标", "the plan has no targets"),
    "indicator.recorded": ("已记录 {scope} {year} 年：{figures}", "recorded {scope} {year}: {figures}"),
    "indicator.figure": ("{name} {value}", "{name} {value}"),
    # ---- text.sheet_messages
    # Where a message is about
    "sheets.where.file": ("{file}", "{file}"),
    "sheets.where.sheet": ("{file}，工作表“{sheet}”", "{file}, sheet '{sheet}'"),
    # Opening the file
    "sheets.missing": ("{file}：文件不存在", "{file}: no such file"),
    "sheets.is_dir": ("{file}：是目录，不是文件", "{file}: is a directory, not a file"),
    "sheets.unreadable": ("{file}：无法读取文件（{error}）", "{file}: cannot read the file ({error})"),
    "sheets.unsupported_ext": (
        "{file}：不支持的文件类型“{ext}”，请使用 .xlsx、.xlsm、.xls、.ods 或 .csv（.tsv、.txt）",
        "{file}: unsupported file type '{ext}'; use .xlsx, .xlsm, .xls, .ods or .csv (.tsv, .txt)",
    ),
    "sheets.no_ext": ("（无扩展名）", "(no extension)"),
    "sheets.not_regular": (
        "{file}：不是普通文件，而是{kind}，无法导入",
        "{file}: not a regular file but {kind}; it cannot be imported",
    ),
    "sheets.kind.fifo": ("命名管道（FIFO）", "a named pipe (FIFO)"),
    "sheets.kind.socket": ("套接字", "a socket"),
    "sheets.kind.device": ("设备文件", "a device"),
    # Bounds (limits.py)
    "sheets.too_many_parts": (
        "{file}：压缩包中有 {count} 个部件，超过上限 {max} 个，不是台账，拒绝读取",
        "{file}: the zip holds {count} parts, more than the limit of {max}; not a ledger, refused",
    ),
    "sheets.part_too_big": (
        "{file}：压缩包中的“{part}”展开后有 {size}，远超任何台账，拒绝读取",
        "{file}: part '{part}' expands to {size}, far beyond any ledger; refused",
    ),
    "sheets.part_ratio": (
        "{file}：压缩包中的“{part}”展开后是压缩大小的 {ratio} 倍（上限 {max} 倍），像是压缩炸弹，拒绝读取",
        "{file}: part '{part}' is compressed {ratio}:1 (the limit is {max}:1), like a zip bomb; refused",
    ),
    "sheets.part_inflates": (
        "{file}：压缩包中的“{part}”展开后超过 {size}，拒绝读取",
        "{file}: part '{part}' expands beyond {size}; refused",
    ),
    "sheets.part_size_lies": (
        "{file}：文件已损坏（压缩包目录称“{part}”有 {declared} 字节，实际为 {actual} 字节）",
        "{file}: the file is damaged (the zip directory says part '{part}' has {declared} bytes; it has {actual})",
    ),
    "sheets.beyond_excel": (
        "{where}：单元格 {cell} 超出电子表格的范围（{rows} 行 × {columns} 列），不是电子表格软件写出的文件",
        "{where}: cell {cell} lies beyond a spreadsheet's {rows} rows × {columns} columns; no spreadsheet "
        "program wrote this file",
    ),
    "sheets.too_many_cells": (
        "{where}：单元格从 {first} 延伸到 {last}，共 {cells} 格，超过可读取的 {max} 格"
        "（远处可能有误填或设了格式的单元格，删除后再试）",
        "{where}: the cells reach from {first} to {last}, {cells} cells, more than the {max} jsj reads "
        "(a stray filled or formatted cell far away? delete it and try again)",
    ),
    "sheets.merged_too_large": (
        "{where}：合并单元格共覆盖 {cells} 格，超过可读取的 {max} 格，拒绝读取",
        "{where}: the merged ranges cover {cells} cells, more than the {max} jsj reads; refused",
    ),
    "sheets.row_too_big": (
        "{where}：一行的 XML 超过 {size} MB，拒绝读取",
        "{where}: one row's XML is larger than {size} MB; refused",
    ),
    "sheets.line_too_long": (
        "{file}：第{line}行超过 {max} 字节，不是台账的一行，拒绝读取",
        "{file}: line {line} is longer than {max} bytes, not a ledger row; refused",
    ),
    "sheets.too_many_fields": (
        "{where}，第{row}行：有 {count} 个字段，超过电子表格的 {max} 列",
        "{where}, row {row}: {count} fields, more than a spreadsheet's {max} columns",
    ),
    "sheets.mixed_encoding": (
        "{file}：各行编码不一致（UTF-8：{utf8}；GB18030/GBK：{gb}），请统一编码后再导入，或用 --encoding 指定",
        "{file}: the lines are in different encodings (UTF-8: {utf8}; GB18030/GBK: {gb}); save it in one "
        "encoding, or give it with --encoding",
    ),
    "sheets.lines": ("第 {lines} 行", "line {lines}"),
    "sheets.lines_more": ("第 {lines} 行等，共 {total} 行", "lines {lines} and others, {total} in all"),
    "sheets.empty_file": ("{file}：文件为空（0 字节）", "{file}: the file is empty (0 bytes)"),
    "sheets.no_data": ("{file}：文件中没有任何数据", "{file}: the file holds no data"),
    "sheets.not_spreadsheet": (
        "{file}：不是电子表格文件（内容既不是 xlsx/xlsm/ods 也不是 xls，与扩展名“{ext}”不符）",
        "{file}: not a spreadsheet (the content is neither xlsx/xlsm/ods nor xls, despite the '{ext}' extension)",
    ),
    "sheets.not_spreadsheet_kind": (
        "{file}：不是电子表格文件，内容是{kind}（扩展名为“{ext}”）",
        "{file}: not a spreadsheet: the content is {kind} (the extension says '{ext}')",
    ),
    "sheets.kind.png": ("PNG 图片", "a PNG image"),
    "sheets.kind.jpeg": ("JPEG 图片", "a JPEG image"),
    "sheets.kind.gif": ("GIF 图片", "a GIF image"),
    "sheets.kind.pdf": ("PDF 文档", "a PDF document"),
    "sheets.kind.rar": ("RAR 压缩包", "a RAR archive"),
    "sheets.kind.7z": ("7z 压缩包", "a 7z archive"),
    "sheets.kind.docx": ("Word 文档", "a Word document"),
    "sheets.kind.pptx": ("PowerPoint 演示文稿", "a PowerPoint presentation"),
    "sheets.kind.zip": ("不含工作簿的 zip 压缩包", "a zip archive with no workbook in it"),
    "sheets.kind.xlsb": (
        "Excel 二进制工作簿（.xlsb，不支持，请另存为 .xlsx）",
        "an Excel binary workbook (.xlsb, not supported; save it as .xlsx)",
    ),
    "sheets.text_as_workbook": (
        "{file}：内容是文本而不是“{ext}”工作簿；若是 CSV，请把扩展名改为 .csv",
        "{file}: the content is text, not a '{ext}' workbook; if it is CSV, rename it to .csv",
    ),
    "sheets.html_as_workbook": (
        "{file}：内容是网页（HTML）而不是“{ext}”工作簿；请用 Excel 或 WPS 打开后另存为 .xlsx",
        "{file}: the content is a web page (HTML), not a '{ext}' workbook; open it in Excel or WPS and "
        "save it as .xlsx",
    ),
    "sheets.workbook_as_text": (
        "{file}：内容是 Excel/ODS 工作簿而不是文本，请使用正确的扩展名（如 .xlsx）",
        "{file}: the content is an Excel/ODS workbook, not text; give it its proper extension (e.g. .xlsx)",
    ),
    "sheets.corrupt_zip": (
        "{file}：文件已损坏（不是完整的 zip 压缩包：{error}）",
        "{file}: the file is damaged (not a complete zip archive: {error})",
    ),
    "sheets.encrypted": (
        "{file}：工作簿设有打开密码（已加密），请取消密码并保存后再导入",
        "{file}: the workbook is password-protected (encrypted); remove the password, save it, and import again",
    ),
    "sheets.unreadable_book": (
        "{file}：无法读取工作簿（{error}）",
        "{file}: cannot read the workbook ({error})",
    ),
    "sheets.unreadable_sheet": ("{where}：无法读取工作表（{error}）", "{where}: cannot read the sheet ({error})"),
    "sheets.no_sheets": ("{file}：工作簿中没有工作表", "{file}: the workbook has no sheets"),
    "sheets.no_such_sheet": (
        "{file}：没有名为“{sheet}”的工作表（现有：{sheets}）",
        "{file}: no sheet named '{sheet}' (the sheets are: {sheets})",
    ),
    "sheets.csv_has_no_sheets": (
        "{file}：CSV 文件没有工作表，不能指定工作表“{sheet}”",
        "{file}: a CSV file has no sheets, so sheet '{sheet}' cannot be chosen",
    ),
    "sheets.empty_sheet": ("{where}：工作表为空", "{where}: the sheet is empty"),
    "sheets.too_many_columns": (
        "{where}，第{row}行：有 {count} 列，超过上限 {max} 列（远处可能有误填的单元格，删除后再试）",
        "{where}, row {row}: {count} columns, more than the limit of {max} (a stray cell far to the right? "
        "delete it and try again)",
    ),
    "sheets.uncached_formula": (
        "{where}：单元格 {cell} 是公式但没有保存计算结果（文件可能由程序生成），请用 Excel 或 WPS 打开并保存后再导入",
        "{where}: cell {cell} holds a formula saved without its computed value (the file was probably made "
        "by a program); open it in Excel or WPS, save it, and import again",
    ),
    # Delimited text
    "sheets.unknown_encoding": (
        "未知的编码“{encoding}”（可用如 utf-8、gbk、gb18030）",
        "unknown encoding '{encoding}' (use e.g. utf-8, gbk, gb18030)",
    ),
    "sheets.nul_byte": (
        "{file}：第{line}行（第{offset}个字节）有 NUL 空字节，不是文本 CSV 文件"
        "（若是 UTF-16 等编码，请用 --encoding 指定）",
        "{file}: NUL byte on line {line} (byte {offset}): not a text CSV file (if it is UTF-16 or similar, "
        "say so with --encoding)",
    ),
    "sheets.undecodable": (
        "{file}：第{line}行（第{offset}个字节）无法按 {encodings} 编码解码，请用 --encoding 指定正确的编码",
        "{file}: line {line} (byte {offset}) cannot be decoded as {encodings}; give the right encoding with --encoding",
    ),
    "sheets.bad_csv": ("{file}：第{line}行不是有效的 CSV（{error}）", "{file}: line {line} is not valid CSV ({error})"),
    # Header
    "sheets.no_header": (
        "{where}：前 {rows} 行中找不到表头（至少需要这三列：{names}）",
        "{where}: no header row in the first {rows} rows (these three columns are needed: {names})",
    ),
    "sheets.no_header_any": (
        "{file}：所有工作表（{sheets}）的前 {rows} 行中都找不到表头（至少需要这三列：{names}）",
        "{file}: no sheet ({sheets}) has a header row in its first {rows} rows (these three columns are "
        "needed: {names})",
    ),
    # A row problem, assembled by RowProblem.__str__
    "sheets.problem.sheet": ("工作表“{sheet}”", "sheet '{sheet}'"),
    "sheets.problem.row": ("第{row}行", "row {row}"),
    "sheets.problem.column": ("列 {column}", "column {column}"),
    "sheets.problem.value": ("值“{value}”", "value '{value}'"),
    # Reasons
    "sheets.reason.required": ("缺少必填值", "a required value is missing"),
    "sheets.reason.not_number": (
        "不是数字（应填 0-100 的百分数，如 60 或 60%）",
        "not a number (write a percentage 0-100, e.g. 60 or 60%)",
    ),
    "sheets.reason.out_of_range": ("超出 0-100", "outside 0-100"),
    "sheets.reason.ambiguous_fraction": (
        "{value} 不能确定是 {value}% 还是 {percent}%，请写作 {percent} 或 {percent}%（若指 {value}%，请写作 {value}%）",
        "{value} could be {value}% or {percent}%; write {percent} or {percent}% (or {value}% if that is meant)",
    ),
    # How the progress column was read (rows.Reading)
    "sheets.reading.cell_format": (
        "数字单元格按显示读取：设为百分比格式的按比例（显示为 45% 的 0.45 即 45），其他格式的是百分点"
        "（0.45 即 0.45%）；1.01 及以上的数总是百分点",
        "number cells are read as they show: one formatted as a percentage is a fraction (0.45 shown as 45% is 45), "
        "any other is percentage points (0.45 is 0.45%); a number of 1.01 or more is always points",
    ),
    # The column rule as it applies in .xlsx/.ods files: to numbers written as text only
    "sheets.reading.text.points_header": (
        "写成文本、不带 % 的数（如“70”）：表头“{header}”含 %，按百分点读取（60 即 60%）",
        "numbers written as text without a % (such as '70'): the header '{header}' has a %, so they are "
        "percentage points (60 is 60%)",
    ),
    "sheets.reading.text.fraction": (
        "写成文本、不带 % 的数（如“0.45”）：都在 0 到 1 之间，按比例读取（0.45 即 45%）",
        "numbers written as text without a % (such as '0.45'): every one lies between 0 and 1, so they are "
        "fractions (0.45 is 45%)",
    ),
    "sheets.reading.text.points": (
        "写成文本、不带 % 的数（如“70”）：有大于 1 的，按百分点读取（60 即 60%）；其中 0 与 1 之间的无法确定，列为问题",
        "numbers written as text without a % (such as '70'): some lie above 1, so they are percentage points "
        "(60 is 60%); one between 0 and 1 cannot be settled and is a problem",
    ),
    "sheets.reading.text.points_whole": (
        "写成文本、不带 % 的数：没有介于 0 与 1 之间的，按百分点读取（1 即 1%）",
        "numbers written as text without a %: none lies strictly between 0 and 1, so they are percentage "
        "points (1 is 1%)",
    ),
    "sheets.reading.points_header": (
        "表头“{header}”含 %，数字按百分点读取（60 即 60%）",
        "the header '{header}' has a %, so numbers are percentage points (60 is 60%)",
    ),
    "sheets.reading.fraction": (
        "该列的数都在 0 到 1 之间，按比例读取（0.45 即 45%）",
        "every number in the column lies between 0 and 1, so they are fractions (0.45 is 45%)",
    ),
    "sheets.reading.points": (
        "该列有大于 1 的数，数字按百分点读取（60 即 60%）；0 与 1 之间的数无法确定，列为问题",
        "the column holds numbers above 1, so numbers are percentage points (60 is 60%); a number between 0 "
        "and 1 cannot be settled and is a problem",
    ),
    "sheets.reading.points_whole": (
        "该列没有介于 0 与 1 之间的数，数字按百分点读取（1 即 1%）",
        "no number in the column lies strictly between 0 and 1, so numbers are percentage points (1 is 1%)",
    ),
    "sheets.reason.not_whole": ("不是正整数", "not a positive whole number"),
    "sheets.reason.not_date": (
        "不是可识别的日期（请写成 2022-06-30 或 2022年6月30日）",
        "not a recognisable date (write it as 2022-06-30)",
    ),
    "sheets.reason.no_such_date": ("日期不存在", "no such date"),
    "sheets.reason.date_is_number": (
        "是数字而不是日期（请把单元格设为日期格式，或写成 2022-06-30）",
        "a number, not a date (format the cell as a date, or write it as 2022-06-30)",
    ),
    # ---- views.status
    "status.no_section": ("没有第 {no} 板块（共 {count} 个板块）", "there is no section {no} (there are {count})"),
    # ---- io.sheets (bounded reading: .xls, shared strings, zip directories, encodings)
    "sheets.part_exceeds_directory": (
        "{file}：压缩包中的“{part}”展开后超过目录所写的 {declared} 字节（文件已损坏，或是压缩炸弹），拒绝读取",
        "{file}: part '{part}' expands past the {declared} bytes the zip directory declares (the file is "
        "damaged, or a zip bomb); refused",
    ),
    "sheets.too_many_shared_strings": (
        "{file}：共享字符串表有 {count} 项，超过可读取的 {max} 项，不是台账，拒绝读取",
        "{file}: the shared-string table holds {count} strings, more than the {max} jsj reads; not a ledger, refused",
    ),
    "sheets.book_too_many_cells": (
        "{file}：各工作表的单元格区域合计 {cells} 格，超过可读取的 {max} 格（这种文件打开时要读入所有工作表；"
        "远处可能有误填或设了格式的单元格，删除后再试）",
        "{file}: the sheets' cells add up to {cells}, more than the {max} jsj reads (a file of this kind is "
        "read every sheet at once; a stray filled or formatted cell far away? delete it and try again)",
    ),
    "sheets.rows_out_of_order": (
        "{where}：单元格记录不按行的顺序排列（第一个在第{first}行，最后一个在第{last}行），不是电子表格软件写出的文件",
        "{where}: the cell records are out of row order (the first is in row {first}, the last in row "
        "{last}); no spreadsheet program wrote this file",
    ),
    "sheets.corrupt_xls": ("{file}：文件已损坏（{error}）", "{file}: the file is damaged ({error})"),
    "sheets.not_text_encoding": (
        "“{encoding}”不是文本编码（可用如 utf-8、gbk、gb18030）",
        "'{encoding}' is not a text encoding (use e.g. utf-8, gbk, gb18030)",
    ),
    # ---- cli.plan
    "plancmd.exists": ("{file} 已存在；如要替换请加 --force", "{file} exists; add --force to replace it"),
    "plancmd.json_needs_output": (
        "--format json 需要 --output：草稿写入该文件，摘要输出到标准输出",
        "--format json needs --output: the draft goes to that file, the summary to stdout",
    ),
    "plancmd.issued": ("印发", "issued by"),
    "plancmd.period": ("实施期", "period"),
    "plancmd.parts": ("部分", "parts"),
    "plancmd.sections": ("板块", "sections"),
    "plancmd.items": ("事项", "items"),
    "plancmd.items_value": (
        "计入完成度 {counted} 项，不计入 {not_counted} 项",
        "{counted} counted, {not_counted} not counted",
    ),
    "plancmd.units": ("责任单位", "units"),
    "plancmd.assignments": ("任务分工", "assignments"),
    "plancmd.assignments_value": ("{count} 项（其中牵头 {leads} 项）", "{count} ({leads} as lead)"),
    "plancmd.projects": ("项目", "projects"),
    "plancmd.target": ("目标", "target"),
    "plancmd.growth": ("年均实际增长 {rate:g}%", "real growth of {rate:g}% a year"),
    "plancmd.reach": ("达到 {amount}", "reaching {amount}"),
    "plancmd.reporting": ("报送", "reporting"),
    "plancmd.no_reporting": ("无报送安排", "no reporting schedule"),
    "plancmd.monthly": (
        "每月，{due_day} 日前报送，{first_period} 至 {last_period}，每期 {reports_per_period} 份",
        "monthly, due on day {due_day}, {first_period} to {last_period}, {reports_per_period} reports a period",
    ),
    "plancmd.quarterly": (
        "每季度，季末月 {due_day} 日前报送，{first_period} 至 {last_period}，每期 {reports_per_period} 份",
        "quarterly, due on day {due_day} of the quarter's last month, {first_period} to {last_period}, "
        "{reports_per_period} reports a period",
    ),
    # ---- plans.drafting.__init__
    "draft.no_items_under": (
        "{file}：没有找到编号事项（如“1.”或“（一）”）：第 {lines} 行的部分标题之下应有事项；未写出草稿",
        "{file}: no numbered items (such as 1. or （一）) found: they were expected under the part headings "
        "on line {lines}; no draft was written",
    ),
    "draft.no_items_in": (
        "{file}：没有找到编号事项（如“1.”或“（一）”）：第 {lines} 行应有事项；未写出草稿",
        "{file}: no numbered items (such as 1. or （一）) found: they were expected on line {lines}; "
        "no draft was written",
    ),
    # ---- plans.drafting.source
    "draft.unreadable": ("{file}：无法读取：{error}", "{file}: cannot read it: {error}"),
    "draft.not_a_file": ("{file}：不是普通文件", "{file}: not a regular file"),
    "draft.too_large": (
        "{file}：有 {size:,} 字节，超过计划文本上限 {limit:,} 字节",
        "{file}: {size:,} bytes, over the {limit:,}-byte limit for a plan text",
    ),
    "draft.bad_docx": ("{file}：不是有效的 .docx 文件：{error}", "{file}: not a valid .docx file: {error}"),
    "draft.kind": (
        "{file}：只能读取 .txt、.docx 文件或 .xlsx、.xls、.ods、.csv 任务表",
        "{file}: only .txt and .docx texts and .xlsx, .xls, .ods or .csv task tables can be read",
    ),
    "draft.not_text": ("{file}：既不是 UTF-8 也不是 GB18030 文本", "{file}: neither UTF-8 nor GB18030 text"),
    "draft.no_table": (
        "{file}：前 {rows} 行中没有任务表的表头（需要“重点工作”或“主要任务”列，"
        "以及“牵头单位”“责任单位”或“配合单位”列）",
        "{file}: no task-table header in the first {rows} rows (a 重点工作 or 主要任务 column is needed, and a "
        "牵头单位, 责任单位 or 配合单位 column)",
    ),
    # ---- plans.drafting.summary
    "draft.summary": (
        "{head}：{parts} 个部分、{sections} 个板块、{items} 项事项（计入完成度 {counted} 项）、{units} 个单位、"
        "牵头 {leads} 处、分工 {assignments} 处、目标候选 {targets} 句；待补充（TODO）{todos} 处{kinds}",
        "{head}: {parts} parts, {sections} sections, {items} items ({counted} counted), {units} units, "
        "{leads} leads, {assignments} assignments, {targets} target candidates; {todos} TODOs{kinds}",
    ),
    "draft.to_file": ("已写入草稿 {file}", "drafted {file}"),
    "draft.to_stdout": ("已输出草稿", "drafted"),
    "draft.kinds": ("：{kinds}", ": {kinds}"),
    "draft.kind.meta": ("基本信息", "plan details"),
    "draft.kind.counted": ("确认不计入的部分", "not-counted parts"),
    "draft.kind.lead": ("牵头单位", "leads"),
    "draft.kind.clause": ("未读懂的责任条款", "unread clauses"),
    "draft.kind.deadline": ("完成时限", "deadlines"),
    "draft.kind.placement": ("未归位的文字", "unplaced text"),
    "draft.kind.unit": ("单位信息", "unit details"),
    "draft.kind.projects": ("项目", "projects"),
    "draft.kind.targets": ("目标", "targets"),
    "draft.kind.settings": ("设置", "settings"),
    # ---- plans.plan
    "plan.env_differs": (
        "JSJ_PLAN 指向的计划文件 {path} 与本账本已加载的计划（{title}）不同，本账本仍按已加载的计划计算；"
        "如需改用该文件，请运行 jsj init",
        "JSJ_PLAN names the plan file {path}, which is not the plan this ledger holds ({title}); the ledger"
        " keeps its own plan (run jsj init to load the file)",
    ),
    "plan.value": ("{message}（值{value!r}）", "{message} (value {value!r})"),
    "plan.repeated": ("{what} {name} 重复出现", "{what} {name} appears more than once"),
    "plan.alias_is_a_name": ("别名 {alias} 是另一个单位的名称", "the alias {alias} is another unit's name"),
    "plan.alias_shared": (
        "别名 {alias} 同时给了 {first} 和 {second}",
        "the alias {alias} is given to {first} and {second}",
    ),
    "plan.no_part": ("没有第 {no} 部分", "there is no part {no}"),
    "plan.no_section": ("没有第 {no} 板块", "there is no section {no}"),
    "plan.section_in_two_parts": (
        "第 {section} 板块的事项分属第 {parts} 部分；一个板块只能属于一个部分",
        "section {section} has items in parts {parts}; a section belongs to one part",
    ),
    "plan.needs_section": (
        "第 {part} 部分分了板块，本事项也需要写明 section",
        "part {part} is divided into sections, so this item needs one too",
    ),
    "plan.kind_disagrees": (
        "第 {part} 部分{counted}，其事项的 kind 应为 {kind}（可省略）",
        "part {part} is {counted}, so its items are {kind} (kind may be left out)",
    ),
    "plan.counted": ("计入完成度", "counted"),
    "plan.not_counted": ("不计入完成度（counted: false）", "not counted (counted: false)"),
    "plan.needs_lead": (
        "计入完成度的事项需要牵头单位：在 lead 中填写牵头单位（须在 units 中列出），或在其所在部分写明 counted: false",
        "a counted item needs a lead unit: write it in lead (and list it under units), "
        "or mark the item's part counted: false",
    ),
    "plan.unknown_unit": ("未在 units 中列出的单位 {name}", "the unit {name} is not listed in units"),
    "plan.unit_twice": ("单位 {name} 在本事项中出现两次", "the unit {name} is listed twice in this item"),
    "plan.zone_needs_scopes": (
        "zone 是各 scopes 的合计，至少需要 2 个 scopes（现有 {count} 个）",
        "a zone combines the scopes, so it needs at least 2 of them ({count} given)",
    ),
    "plan.base_not_before_target": (
        "目标年 {target_year} 不晚于 settings.base_year {base_year}：增速从基准年之后逐年累计，目标年须晚于基准年",
        "the target year {target_year} is not after settings.base_year {base_year}: growth is chained from the "
        "year after the base year, so the target year must come later",
    ),
    "plan.zone_is_scope": (
        "zone 名称 {name} 与一个 scope 同名：zone 是各 scopes 的合计，须另起名称",
        "the zone is named {name}, like one of its scopes: a zone combines the scopes and needs a name of its own",
    ),
    # pydantic's checks, in our words (plans.plan._field_problem); a value is spelled as YAML writes it
    "plan.no_date": ("缺少日期：请写成 YYYY-MM-DD", "a date is missing: write it as YYYY-MM-DD"),
    "plan.not_a_date": (
        "不是有效日期（值{value!r}）：请写成 YYYY-MM-DD",
        "not a valid date (value {value!r}): write it as YYYY-MM-DD",
    ),
    "plan.missing": ("缺少此项，须填写", "this is required and missing"),
    "plan.extra_key": (
        "不是此处可用的键（值{value!r}）：请检查拼写或删去",
        "not a key this place has (value {value!r}): check its spelling or remove it",
    ),
    "plan.one_of": ("应为 {choices} 之一（值{value!r}）", "must be one of {choices} (value {value!r})"),
    "plan.ge": ("应不小于 {limit}（值{value!r}）", "must be at least {limit} (value {value!r})"),
    "plan.gt": ("应大于 {limit}（值{value!r}）", "must be more than {limit} (value {value!r})"),
    "plan.le": ("应不大于 {limit}（值{value!r}）", "must be at most {limit} (value {value!r})"),
    "plan.lt": ("应小于 {limit}（值{value!r}）", "must be less than {limit} (value {value!r})"),
    "plan.finite": ("应为有限的数（值{value!r}）", "must be a finite number (value {value!r})"),
    "plan.empty_text": ("不能为空", "must not be empty"),
    "plan.type_list": ("应为列表（值{value!r}）", "must be a list (value {value!r})"),
    "plan.type_mapping": ("应为映射（若干键和值）", "must be a mapping of keys to values"),
    "plan.bad_tag": (
        "{key} 应为 {choices} 之一（值{value!r}）",
        "{key} must be one of {choices} (value {value!r})",
    ),
    "plan.period_order": ("结束日期早于开始日期", "the period ends before it starts"),
    "plan.type_int": ("应为整数，不加引号（值{value!r}）", "must be a whole number, unquoted (value {value!r})"),
    "plan.type_number": ("应为数字，不加引号（值{value!r}）", "must be a number, unquoted (value {value!r})"),
    "plan.type_bool": ("应为 true 或 false（值{value!r}）", "must be true or false (value {value!r})"),
    "plan.type_text": (
        "应为文本（值{value!r}）；数字或日期作文本时请加引号",
        "must be text (value {value!r}); quote a number or date meant as text",
    ),
    "plan.tag": (
        "不允许使用 YAML 标签 {tag}：计划只含文本、数字、true/false、列表和映射",
        "the YAML tag {tag} is not allowed: a plan holds only text, numbers, true/false, lists and mappings",
    ),
    "plan.long_number": (
        "整数有 {digits} 位，超过计划中任何数可有的 {limit} 位",
        "the whole number has {digits} digits, more than the {limit} any number in a plan can have",
    ),
    "plan.first_after_last": (
        "first_period {first} 晚于 last_period {last}",
        "first_period {first} is after last_period {last}",
    ),
    "plan.weights_sum": (
        "各项权重之和应为 1（现为 {total:g}）",
        "the weights must sum to 1 (they sum to {total:g})",
    ),
    "plan.year_range": (
        "日期 {day} 应在 {first}-{last} 年之间",
        "the date {day} must lie within {first}-{last}",
    ),
    "what.part": ("部分编号", "part number"),
    "what.section": ("板块编号", "section number"),
    "what.task": ("事项编号", "item number"),
    "what.unit": ("单位", "unit"),
    "what.target": ("目标 key", "target key"),
    "what.project": ("项目", "project"),
    "what.scope": ("统计范围", "scope"),
    # ---- render.charts.cockpit
    "cockpit.title": ("{plan}驾驶舱", "{plan}: cockpit"),
    "cockpit.as_of": ("数据截至{date}", "As of {date}"),
    "cockpit.summary": (
        "计划总体完成{completion}%，序时进度{expected}%，{label}。",
        "The plan is {completion}% complete against {expected}% expected: {label}.",
    ),
    "cockpit.lights": (
        "{count}项重点任务中，已完成{done}项，绿灯{green}项，黄灯{yellow}项，红灯{red}项。",
        "Of {count} key tasks: {done} done, {green} green, {yellow} yellow, {red} red.",
    ),
    "cockpit.figure": ("图{no}", "Figure {no}"),
    "cockpit.table": ("数据表", "Data table"),
    "cockpit.more": ("详情", "Details"),
    "cockpit.footer": ("由 jsj {version} 生成，数据截至{date}。", "Made by jsj {version}, as of {date}."),
    # ---- render.charts.specs
    "chart.trend": ("进度趋势", "Progress over time"),
    "chart.units": ("各单位推进情况", "Progress by unit"),
    "chart.tasks": ("各重点任务推进情况", "Progress by key task"),
    "chart.sections": ("各板块推进情况", "Progress by section"),
    "chart.reporting": ("报送情况", "Reporting"),
    "chart.problems_monthly": ("问题：每月提出与办结", "Problems raised and closed per month"),
    "chart.problems_age": ("未解决问题：按时长", "Open problems by age"),
    "chart.target": ("目标：{indicator}", "Target: {indicator}"),
    "chart.assessment": ("考评得分", "Assessment scores"),
    "chart.s.completion": ("完成进度", "Completion"),
    "chart.s.plan": ("计划总体", "Whole plan"),
    "chart.s.expected": ("序时进度", "Expected (序时进度)"),
    "chart.s.on_time": ("按时报送", "On time"),
    "chart.s.late": ("迟报", "Late"),
    "chart.s.missing": ("逾期未报", "Missing"),
    "chart.s.opened": ("提出", "Raised"),
    "chart.s.closed": ("办结", "Closed"),
    "chart.s.major": ("重大问题", "Major"),
    "chart.s.ordinary": ("一般问题", "Other"),
    "chart.s.path": ("目标路径", "Target path"),
    "chart.s.target_value": ("目标值", "Target"),
    "chart.s.C": ("进度（C）", "Progress (C)"),
    "chart.s.R": ("报送（R）", "Reporting (R)"),
    "chart.s.P": ("问题办理（P）", "Problems (P)"),
    "chart.c.month": ("月末", "Month end"),
    "chart.c.unit": ("单位", "Unit"),
    "chart.c.task": ("任务", "Task"),
    "chart.c.section": ("板块", "Section"),
    "chart.c.state": ("状态", "Status"),
    "chart.c.period": ("报送期", "Period"),
    "chart.c.owed": ("应报", "Owed"),
    "chart.c.age": ("已提出时长", "Open for"),
    "chart.c.year": ("年份", "Year"),
    "chart.c.score": ("得分", "Score"),
    "chart.c.rank": ("名次", "Rank"),
    "chart.c.total": ("合计", "Total"),
    "chart.age.0": ("30天以内", "up to 30 days"),
    "chart.age.1": ("31至90天", "31-90 days"),
    "chart.age.2": ("91至180天", "91-180 days"),
    "chart.age.3": ("180天以上", "over 180 days"),
    "chart.task_label": ("任务{no}", "Task {no}"),
    "chart.index_note": ("定基指数，{base}年=100", "volume index, {base} = 100"),
    "chart.title.pct": ("{label}：{series}{value}%", "{label}: {series} {value}%"),
    "chart.title.count": ("{label}：{series}{value}", "{label}: {series} {value}"),
    "chart.title.value": ("{label}：{series}{value}", "{label}: {series} {value}"),
    "chart.title.part": (
        "{label}：{series}{score}×权重{weight}＝{value}分",
        "{label}: {series} {score} × weight {weight} = {value}",
    ),
    "chart.title.no_p": ("{label}：无到期问题，不计P", "{label}: no problem due, no P"),
    "chart.empty.reporting": ("本计划未设定报送周期。", "The plan sets no reporting schedule."),
    "chart.empty.not_due": ("尚无到期的报送期。", "No reporting period is due yet."),
    "chart.empty.problems": ("截至当日未提出问题。", "No problem raised by this date."),
    "chart.empty.open_problems": ("目前无未解决的问题。", "No problem is open."),
    "chart.empty.targets": ("本计划未设定量化目标。", "The plan sets no quantified target."),
    "chart.empty.statistics": ("尚无统计数据。", "No statistics recorded yet."),
    "chart.empty.units": ("没有可考评的单位。", "No unit to score."),
    "chart.light.done": ("已完成", "Done"),
    "chart.light.green": ("序时推进", "On track"),
    "chart.light.yellow": ("进度滞后", "Behind"),
    "chart.light.red": ("严重滞后或逾期", "Seriously behind or overdue"),
    "chart.light.grey": ("未启动", "Not started"),
    "chart.alt": ("{title}。{series}。", "{title}. {series}."),
    "chart.alt.series": ("{name}：{values}", "{name}: {values}"),
    "chart.alt.item": ("{label}{value}", "{label} {value}"),
    "chart.alt.separator": ("；", "; "),
    # ---- core.access
    "access.read_only": ("只读账户不能修改数据", "a read-only account cannot change anything"),
    "access.analyst_only": ("只有分析员账户可以这样做", "only an analyst account can do this"),
    "access.other_unit": ("这是其他单位的数据，本账户无权访问", "this belongs to another unit; this account may not"),
    "access.not_responsible": (
        "本单位不是任务 {no} 的责任单位，不能填报",
        "your unit is not responsible for task {no}; it cannot report on it",
    ),
    # ---- actions.accounts
    "web.missing_extra": (
        "网上填报需要安装 {module}：pip install “jsj[web]”",
        'the web portal needs {module}: pip install "jsj[web]"',
    ),
    "user.bad_name": (
        "账户名 {name!r} 无效：1-{limit} 个字符，不含空格或控制字符",
        "account name {name!r} is not valid: 1-{limit} characters, no spaces or control characters",
    ),
    "user.bad_password": (
        "密码应为 {low}-{high} 个可打印字符",
        "a password must be {low}-{high} printable characters",
    ),
    "user.bad_role": ("未知角色 {role!r}", "unknown role {role!r}"),
    "user.unit_role": ("单位账户须用 --unit 指定单位", "a unit account names its unit with --unit"),
    "user.one_role": (
        "请指定一种角色：--unit 单位、--analyst 或 --viewer",
        "give one role: --unit UNIT, --analyst or --viewer",
    ),
    "user.unknown": ("没有名为 {name!r} 的账户", "there is no account {name!r}"),
    "user.exists": ("账户 {name!r} 已存在", "the account {name!r} exists already"),
    "user.added": ("已添加账户 {name}（{role}）{unit}", "added the account {name} ({role}) {unit}"),
    "user.initial_password": (
        "初始密码（只显示这一次）：{password}",
        "initial password (shown this once): {password}",
    ),
    "user.disabled": (
        "账户 {name} 已停用，其会话已全部结束",
        "the account {name} is disabled; its sessions have ended",
    ),
    "user.enabled": ("账户 {name} 已启用", "the account {name} is enabled"),
    "user.reset": (
        "账户 {name} 的密码已重置，其会话已全部结束",
        "the password of {name} is reset; its sessions have ended",
    ),
    "user.none": ("还没有账户（jsj user add）", "no accounts yet (jsj user add)"),
    "user.log_empty": ("登录日志为空", "the login log is empty"),
    "login.wrong": ("账户名或密码不正确", "wrong account name or password"),
    "login.wrong_left": (
        "账户名或密码不正确（再错 {left} 次将锁定账户）",
        "wrong account name or password ({left} tries left before the account is locked)",
    ),
    "login.locked_now": (
        "密码连续错误 {count} 次，账户已锁定 {minutes} 分钟（至 {until}）",
        "{count} wrong passwords in a row: the account is locked for {minutes} minutes (until {until})",
    ),
    "login.locked": ("账户已锁定，请于 {until} 后再试", "the account is locked; try again after {until}"),
    "login.disabled": ("账户已停用，请联系管理员", "the account is disabled; ask the administrator"),
    "login.throttled": (
        "本地址登录失败次数过多，请 {minutes} 分钟后再试",
        "too many failed logins from this address; try again in {minutes} minutes",
    ),
    # ---- ledger.plan_sync (accounts)
    "store.conflict_account": ("{unit}（{count} 个网上填报账户）", "{unit} ({count} portal accounts)"),
    # ---- web (the portal's sentences)
    "web.serving": ("网上填报已启动：{url}（Ctrl+C 停止）", "the portal is running at {url} (Ctrl+C stops it)"),
    "web.csrf": (
        "表单已失效（缺少或不匹配的安全令牌），请刷新页面后重试",
        "the form has expired (missing or wrong security token); reload the page and try again",
    ),
    "web.role_forbidden": ("本账户无权查看此页面", "this account may not see this page"),
    "web.forbidden_title": ("无权访问", "Not allowed"),
    "web.not_found_title": ("未找到", "Not found"),
    "web.refused_title": ("无法办理", "Cannot be done"),
    "web.malformed": ("请求格式不正确", "the request is malformed"),
    "web.due_lead": (
        "{unit}：{period}应于 {due} 前报送（截至 {as_of}）",
        "{unit}: reports for {period} are due by {due} (as of {as_of})",
    ),
    "web.due_missed": ("{period}（应于 {due} 前报送）逾期未报", "Overdue for {period} (due {due})"),
    "web.nothing_owed": ("本期没有应报的任务", "nothing is owed this period"),
    "web.report_now": ("填报", "Report"),
    "web.all_my_tasks": ("本单位全部任务与进展", "All our tasks and their progress"),
    "web.last_report": ("上次填报：{date}，{progress}%", "last report: {date}, {progress}%"),
    "web.date_hint": ("不填则为今天；例：2022-06-30", "empty: today; e.g. 2022-06-30"),
    "web.period_hint": (
        "补报以前的报送期时填写，例：2022-05（按季报送写 2022Q2）；不填则按填报日期归期",
        "fill in when reporting late for an earlier period, e.g. 2022-05 (2022Q2 if quarterly); "
        "empty: placed by the date",
    ),
    "web.submit_report": ("提交", "Submit"),
    "web.confirm_lead": (
        "仍要按 {progress}%（{date}）保存这份填报吗？",
        "Store this report of {progress}% ({date}) all the same?",
    ),
    "web.confirm_store": ("确认保存", "Store it"),
    "web.confirm_edit": ("返回修改", "Back to the form"),
    "web.mine_lead": (
        "{unit}：完成 {completion}%，序时进度 {expected}%，排名第 {rank}（截至 {as_of}）",
        "{unit}: {completion}% done against {expected}% expected, rank {rank} (as of {as_of})",
    ),
    "web.history_lead": (
        "最近 {limit} 条填报，新的在前；已更正和已作废的版本一并列出",
        "the newest {limit} reports first, with corrected and voided versions",
    ),
    "web.no_reports": ("还没有填报记录", "no reports yet"),
    "web.filter": ("筛选", "Filter"),
    "web.amend_heading": ("更正 #{id}", "Correct #{id}"),
    "web.amend": ("保存更正", "Save the correction"),
    "web.void_heading": ("作废 #{id}", "Void #{id}"),
    "web.void": ("作废", "Void"),
    "web.replies": ("{count} 条回复", "{count} replies"),
    "web.no_problems": ("没有问题", "no problems"),
    "web.closing_note": ("销号说明", "Closed with"),
    "web.replies_heading": ("办理情况与回复", "Notes and replies"),
    "web.no_replies": ("暂无回复", "no replies yet"),
    "web.reply": ("回复", "Reply"),
    "web.send_reply": ("发送回复", "Send"),
    "web.close_note": ("销号说明", "How it was solved"),
    "web.evidence": ("佐证（文号、文件等）", "Evidence (document number, file…)"),
    "web.close": ("销号", "Close"),
    "web.reopen_note": ("重新打开的原因", "Why it is open again"),
    "web.reopen": ("重新打开", "Reopen"),
    "web.as_of": ("截至日期", "As of"),
    "web.as_of_line": ("截至 {as_of}", "as of {as_of}"),
    "web.show": ("查看", "Show"),
    "web.downloads_lead": (
        "台账（.xlsx）与通报（.docx）由 jsj export、jsj bulletin 的同一代码生成",
        "the ledger (.xlsx) and the bulletin (.docx), written by the same code as jsj export and jsj bulletin",
    ),
    "web.download_ledger": ("下载台账（.xlsx）", "Download the ledger (.xlsx)"),
    "web.download_bulletin": ("下载通报（.docx）", "Download the bulletin (.docx)"),
}
