"""The (zh, en) messages of the spreadsheet reader and row parser, registered with i18n at import."""

from .. import i18n

MESSAGES: dict[str, tuple[str, str]] = {
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
    "sheets.not_text_encoding": (
        "“{encoding}”不是文本编码（可用如 utf-8、gbk、gb18030）",
        "'{encoding}' is not a text encoding (use e.g. utf-8, gbk, gb18030)",
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
    "sheets.problem.value": ("值 '{value}'", "value '{value}'"),
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
        "数字按单元格显示读取：设为百分比格式的按比例（显示为 45% 的 0.45 即 45），其他数字是百分点",
        "numbers are read as their cells show them: a cell formatted as a percentage is a fraction (0.45 "
        "shown as 45% is 45); other numbers are percentage points",
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
}

i18n.register(MESSAGES)
