"""Hostile files (issue 7): each built here, small, and refused in one line with bounded memory.

The refusals run in a child process that reports its peak RSS, so a bound that stopped holding shows as a
number, not as a machine that runs out of memory. (How long they take is measured in
benchmarks/bench_sheets.py; here a timeout only guards against a hang.)
"""

import json
import os
import re
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

import test_sheets_reader
from jinsanjiao_cli.core.errors import BadFile
from jinsanjiao_cli.io.sheets import limits
from jinsanjiao_cli.io.sheets.reader import display_name, read_grid
from jinsanjiao_cli.io.sheets.rows import parse_file
from jinsanjiao_cli.text import i18n

PEAK_MB = 300


@pytest.fixture(autouse=True)
def _zh():
    before = i18n.lang()
    i18n.set_lang("zh")
    yield
    i18n.set_lang(before)


CHILD = r"""
import json, sys, time
from jinsanjiao_cli.core.errors import BadFile
from jinsanjiao_cli.io.sheets.rows import parse_file
out = []
for path, encoding in json.loads(sys.argv[1]):
    start = time.perf_counter()
    try:
        sheet = parse_file(path, encoding=encoding)
        message = None
    except BadFile as exc:
        message = str(exc)
    # VmHWM, not getrusage: ru_maxrss carries the parent's peak across fork and exec
    status = open("/proc/self/status").read()
    peak = int(status.split("VmHWM:")[1].split()[0]) // 1024
    out.append({"message": message, "seconds": time.perf_counter() - start, "peak_mb": peak})
print(json.dumps(out))
"""


def refuse_in_child(*cases: tuple[Path, str | None]) -> list[dict]:
    """Parse each file in one child process: per file its message (None if it was read), time and the
    process's peak RSS so far."""
    args = json.dumps([[os.fsdecode(p), enc] for p, enc in cases])
    env = {**os.environ, "JSJ_LANG": "zh"}
    proc = subprocess.run([sys.executable, "-c", CHILD, args], capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def sheet_xml(rows: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>'
    )


def xlsx_with_sheet(path: Path, xml: bytes | str, level: int = 6) -> Path:
    """A valid workbook (written by openpyxl) whose sheet XML is replaced."""
    book = openpyxl.Workbook()
    book.active.title = "填报"
    book.active["A1"] = "x"
    template = path.with_name("template-" + path.name)
    book.save(template)
    data = xml.encode() if isinstance(xml, str) else xml
    with (
        zipfile.ZipFile(template) as zin,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zout,
    ):
        for info in zin.infolist():
            zout.writestr(info.filename, data if info.filename == "xl/worksheets/sheet1.xml" else zin.read(info))
    return path


HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c><c r="B1" t="inlineStr"><is><t>责任单位</t></is>'
    '</c><c r="C1" t="inlineStr"><is><t>完成进度</t></is></c></row>'
)


def patch_central_directory(path: Path, member: str, file_size: int) -> None:
    """Make the zip directory declare another expanded size for one part (the directory can lie)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    at = data.rfind(b"PK\x01\x02" + bytes(12))  # not needed: find by name below
    at = 0
    while True:
        at = data.find(b"PK\x01\x02", at)
        assert at >= 0
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_length] == name:
            struct.pack_into("<I", data, at + 24, file_size)
            break
        at += 4
    path.write_bytes(bytes(data))


# --------------------------------------------------------------------------------------------------
# Workbooks


def test_hostile_workbooks_are_refused_with_bounded_memory(tmp_path):
    cases = {}
    # A 1.8 KB workbook with one value at A1 and one at the far corner: calamine would allocate 512 GiB.
    book = openpyxl.Workbook()
    book.active["A1"] = "序号"
    book.active["XFD1048576"] = 1
    book.save(tmp_path / "corner.xlsx")
    cases["corner.xlsx"] = "XFD1048576"
    # The same, but the far cell is written first (out of order) and without the dimension element.
    rows = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row><row r="1"><c r="A1"><v>1</v></c></row>'
    xlsx_with_sheet(tmp_path / "unordered.xlsx", sheet_xml(rows))
    cases["unordered.xlsx"] = "XFD1048576"
    # Cells without references, counted by position: 20,000 in a row, then a row far below.
    rows = '<row r="1">' + "<c><v>1</v></c>" * 20_000 + '</row><row r="60000"><c r="A60000"><v>1</v></c></row>'
    xlsx_with_sheet(tmp_path / "positions.xlsx", sheet_xml(rows))
    cases["positions.xlsx"] = "16,384"
    # Rows beyond Excel's last row.
    rows = HEADER_ROW + "".join(f'<row r="{r}"><c r="A{r}"><v>1</v></c></row>' for r in range(1_048_570, 1_048_600))
    xlsx_with_sheet(tmp_path / "beyond.xlsx", sheet_xml(rows))
    cases["beyond.xlsx"] = "1,048,576"
    # A whitespace bomb: 60 MB of spaces in the sheet, compressed a thousand times.
    xlsx_with_sheet(tmp_path / "spaces.xlsx", sheet_xml(HEADER_ROW + " " * 60_000_000), level=9)
    cases["spaces.xlsx"] = "像是压缩炸弹"
    # A row bomb: many real rows, compressed within the ratio, but expanding past the part limit according to
    # its directory.
    xlsx_with_sheet(tmp_path / "declared.xlsx", sheet_xml(HEADER_ROW))
    patch_central_directory(tmp_path / "declared.xlsx", "xl/worksheets/sheet1.xml", limits.MAX_PART_BYTES + 1)
    cases["declared.xlsx"] = "展开后有"
    # A directory that declares a small part which inflates far further (20 MB of spaces said to be 1 MB).
    xlsx_with_sheet(tmp_path / "lying.xlsx", sheet_xml(HEADER_ROW + " " * 20_000_000))
    patch_central_directory(tmp_path / "lying.xlsx", "xl/worksheets/sheet1.xml", 1_000_000)
    cases["lying.xlsx"] = "展开后超过"
    # An ods cell with a value repeated over every column of every row.
    cases["repeated.ods"] = "单元格从 A1 延伸到"
    make_ods(
        tmp_path / "repeated.ods",
        '<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated='
        '"16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>',
    )
    assert all((tmp_path / name).stat().st_size < 3_000_000 for name in cases)
    results = refuse_in_child(*[(tmp_path / name, None) for name in cases])
    for (name, words), result in zip(cases.items(), results, strict=True):
        message = result["message"]
        assert message is not None and name in message and words in message, (name, message)
        assert "\n" not in message
        assert result["peak_mb"] < PEAK_MB, (name, result)


def test_far_corner_alone_is_read_without_building_its_empty_rows(tmp_path):
    book = openpyxl.Workbook()
    book.active["XFD1048576"] = 1
    book.save(tmp_path / "alone.xlsx")
    book = openpyxl.Workbook()
    book.active["SG1"] = "x"  # the first column with a value is past the 500-column cap
    book.save(tmp_path / "far-right.xlsx")
    results = refuse_in_child((tmp_path / "alone.xlsx", None), (tmp_path / "far-right.xlsx", None))
    assert "有 16384 列，超过上限 500 列" in results[0]["message"]
    assert "有 501 列，超过上限 500 列" in results[1]["message"]
    assert max(r["peak_mb"] for r in results) < PEAK_MB


def test_formatted_cells_far_away_count_toward_the_reach(tmp_path):
    """A cell with only a format counts, as in Excel's used range: one at the far corner refuses the sheet."""
    book = openpyxl.Workbook()
    book.active["A1"] = "序号"
    book.active["XFD1048576"].number_format = "0%"
    book.save(tmp_path / "styled.xlsx")
    with pytest.raises(BadFile, match="XFD1048576"):
        read_grid(tmp_path / "styled.xlsx")


def test_cell_budget_is_the_rectangle(tmp_path):
    rows = HEADER_ROW + '<row r="2"><c r="A2"><v>1</v></c></row><row r="400000"><c r="P400000"><v>1</v></c></row>'
    with pytest.raises(BadFile) as err:
        read_grid(xlsx_with_sheet(tmp_path / "wide.xlsx", sheet_xml(rows)))
    assert "A1" in str(err.value) and "P400000" in str(err.value) and "6,400,000" in str(err.value)
    rows = HEADER_ROW + '<row r="2"><c r="A2"><v>1</v></c></row><row r="300000"><c r="P300000"><v>1</v></c></row>'
    grid = read_grid(xlsx_with_sheet(tmp_path / "fits.xlsx", sheet_xml(rows)))  # 4,800,000 cells
    assert len(grid.rows) == 300_000 and grid.rows[-1][15] == 1


# --------------------------------------------------------------------------------------------------
# ods

ODS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:'
    'xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:'
    'tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table '
    'table:name="填报">'
)


def make_ods(path: Path, rows: str) -> Path:
    content = ODS_HEAD + rows + "</table:table></office:spreadsheet></office:body></office:document-content>"
    return test_sheets_reader.make_ods(path, content)


def test_ods_repeated_empty_cells_cost_nothing(tmp_path):
    """What LibreOffice writes after every sheet: empty rows and cells repeated to the end."""
    cell = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'
    header = (
        "<table:table-row>" + "".join(cell.format(n) for n in ("序号", "责任单位", "完成进度")) + "</table:table-row>"
    )
    tail = (
        '<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated='
        '"16384"/></table:table-row>'
    )
    grid = read_grid(make_ods(tmp_path / "lo.ods", header + tail))
    assert grid.rows == [["序号", "责任单位", "完成进度"]]


# --------------------------------------------------------------------------------------------------
# Text files


def test_hostile_text_files_are_refused_at_once(tmp_path):
    (tmp_path / "one-line.csv").write_bytes(b"a" * 50_000_000)  # 50 MB and no line end
    (tmp_path / "fields.csv").write_text("序号,责任单位,完成进度\n1" + "," * 20_000 + "\n", encoding="utf-8")
    (tmp_path / "quote.csv").write_text('序号,责任单位,完成进度\n1,"' + "长\n" * 600_000, encoding="utf-8")
    results = refuse_in_child(
        (tmp_path / "one-line.csv", None), (tmp_path / "fields.csv", None), (tmp_path / "quote.csv", None)
    )
    assert "第1行超过 1,048,576 字节" in results[0]["message"]
    assert "第2行：有 20001 个字段，超过电子表格的 16384 列" in results[1]["message"]
    assert "不是有效的 CSV" in results[2]["message"] and "field larger than field limit" in results[2]["message"]
    assert max(r["peak_mb"] for r in results) < PEAK_MB


def test_mixed_encodings_are_refused_naming_the_lines(tmp_path):
    lines = ["序号,责任单位,填报日期,完成进度,最新进展".encode("gbk")]
    lines += [f"{i},运城市,2022-06-30,50,推进中".encode("gbk") for i in range(1, 9)]
    lines[6] = "6,Yuncheng,2022-06-30,60,完成主体工程".encode()  # one line pasted from a UTF-8 file
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"\n".join(lines) + b"\n")
    with pytest.raises(BadFile) as err:
        parse_file(path)
    assert str(err.value) == (
        f"{path}：各行编码不一致（UTF-8：第 7 行；GB18030/GBK：第 1、2、3、4、5 行等，共 8 行），"
        "请统一编码后再导入，或用 --encoding 指定"
    )
    i18n.set_lang("en")
    with pytest.raises(BadFile, match=r"\(UTF-8: line 7; GB18030/GBK: lines 1, 2, 3, 4, 5 and others, 8 in all\)"):
        parse_file(path)
    i18n.set_lang("zh")
    sheet = parse_file(path, encoding="gb18030")  # told: every line is read so, the UTF-8 one garbled
    assert len(sheet.rows) == 8 and sheet.rows[0].note == "推进中" and sheet.rows[5].note == "瀹屾垚涓讳綋宸ョ▼"
    lines[6] = "6,运城市,2022-06-30,60,完成主体工程".encode()
    path.write_bytes(b"\n".join(lines) + b"\n")
    with pytest.raises(BadFile, match=r"第7行.*无法按 gb18030 编码解码"):
        parse_file(path, encoding="gb18030")  # this UTF-8 line is not even GB18030


def test_utf8_and_ascii_lines_agree(tmp_path):
    path = tmp_path / "ok.csv"
    path.write_bytes("序号,责任单位,填报日期,完成进度\n1,Yuncheng,2022-06-30,50\n2,运城,2022-06-30,60\n".encode())
    assert [r.unit for r in parse_file(path).rows] == ["Yuncheng", "运城"]
    path.write_bytes("序号,责任单位,填报日期,完成进度\n1,Yuncheng,2022-06-30,50\n2,运城,2022-06-30,60\n".encode("gbk"))
    assert [r.unit for r in parse_file(path).rows] == ["Yuncheng", "运城"]


def test_a_fifo_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "report.csv"
    os.mkfifo(fifo)
    results = refuse_in_child((fifo, None))  # a regression would block the child, and the timeout fail it
    assert results[0]["message"] == f"{fifo}：不是普通文件，而是命名管道（FIFO），无法导入"


def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path):
    name = os.fsdecode(b"\xff\xfe-\xe6\x8a\xa5\xe5\x91\x8a.csv")  # two bad bytes, then 报告 in UTF-8
    path = tmp_path / name
    path.write_bytes("序号,责任单位\n1,运城\n".encode())
    with pytest.raises(BadFile) as err:
        parse_file(path)
    message = str(err.value)
    message.encode("utf-8")  # printable: no lone surrogate left
    assert "\\xff\\xfe-报告.csv" in message and display_name(path).endswith("\\xff\\xfe-报告.csv")
    assert display_name("a\x1b[31mred.csv") == "a\\x1b[31mred.csv"
    assert display_name(Path("普通.xlsx")) == "普通.xlsx"


def test_missing_directory_and_device(tmp_path):
    with pytest.raises(BadFile, match="文件不存在"):
        parse_file(tmp_path / "none.csv")
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(BadFile, match="是目录"):
        parse_file(tmp_path / "dir.csv")
    if Path("/dev/null").exists():
        with pytest.raises(BadFile, match=re.escape("不是普通文件，而是设备文件")):
            read_grid("/dev/null")


def test_too_many_parts(tmp_path):
    path = xlsx_with_sheet(tmp_path / "parts.xlsx", sheet_xml(HEADER_ROW))
    with zipfile.ZipFile(path, "a") as z:
        for i in range(limits.MAX_PARTS):
            z.writestr(f"xl/media/p{i}.bin", b"")
    with pytest.raises(BadFile, match="个部件，超过上限 10,000 个"):
        read_grid(path)


def test_inflate_counts_what_it_inflates(tmp_path):
    path = xlsx_with_sheet(tmp_path / "ok.xlsx", sheet_xml(HEADER_ROW + "<row r='2'/>" * 1000))
    with zipfile.ZipFile(path) as zf:
        member = "xl/worksheets/sheet1.xml"
        data = b"".join(limits.inflate(str(path), zf, member, str(path)))
        assert data == zf.read(member)
        with pytest.raises(BadFile, match="展开后超过"):
            list(limits.inflate(str(path), zf, member, str(path), most=1000))
    # A directory that declares less than the part holds is refused one byte past what it declares (issue 17);
    # one that declares more, once the part has ended.
    patch_central_directory(path, "xl/worksheets/sheet1.xml", len(data) - 1)
    with zipfile.ZipFile(path) as zf, pytest.raises(BadFile, match=f"展开后超过目录所写的 {len(data) - 1:,} 字节"):
        list(limits.inflate(str(path), zf, member, str(path)))
    patch_central_directory(path, "xl/worksheets/sheet1.xml", len(data) + 1)
    with zipfile.ZipFile(path) as zf, pytest.raises(BadFile, match=f"有 {len(data) + 1} 字节，实际为 {len(data)} 字节"):
        list(limits.inflate(str(path), zf, member, str(path)))


def test_merged_ranges_covering_more_than_a_sheet_are_refused(tmp_path):
    """Excel never overlaps merges; a file that does could make filling them cost billions of steps."""
    rows = HEADER_ROW + '<row r="3000"><c r="SF3000"><v>1</v></c></row>'
    merges = "".join('<mergeCell ref="A1:SF3000"/>' for _ in range(5))
    xml = sheet_xml(rows).replace("</sheetData>", f'</sheetData><mergeCells count="5">{merges}</mergeCells>')
    with pytest.raises(BadFile, match="合并单元格共覆盖 7,500,000 格"):
        read_grid(xlsx_with_sheet(tmp_path / "merged.xlsx", xml))
