"""sheets.reader: real files written to disk and read back, and every kind of bad file."""

import datetime
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import python_calamine

from jinsanjiao_cli.core.errors import BadFile, BadValue
from jinsanjiao_cli.io.sheets import csvread, reader, xlsxscan
from jinsanjiao_cli.io.sheets.reader import MAX_COLUMNS, EmptySheet, Grid, open_workbook, read_grid, sheet_names
from jinsanjiao_cli.text import i18n

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _zh():
    before = i18n.lang()
    i18n.set_lang("zh")
    yield
    i18n.set_lang(before)


# --------------------------------------------------------------------------------------------------
# Builders


def make_xlsx(path: Path) -> Path:
    """A unit's report: a title row merged over A1:E1, the header on row 2, task 3 merged over rows 3-4,
    a percent-formatted progress column, real dates (one a datetime); a second sheet with data from C3."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "填报"
    ws["A1"] = "2022年上半年进展填报表"
    ws.merge_cells("A1:E1")
    ws.append(["序号", "责任单位", "填报日期", "完成进度", "最新进展"])
    ws.append([3, "省发改委", datetime.date(2022, 6, 30), 0.6, "方案已印发"])
    ws.append([None, "运城市", datetime.datetime(2022, 6, 28, 9, 30), 0.25, "推进中"])
    ws.merge_cells("A3:A4")
    ws.append([7, "省商务厅", datetime.date(2022, 7, 1), 1, None])
    for row in range(3, 6):
        ws.cell(row, 4).number_format = "0%"
        ws.cell(row, 3).number_format = "yyyy-mm-dd"
    other = book.create_sheet("其他")
    other["C3"] = "x"
    other["D4"] = 2
    book.save(path)
    return path


ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>
<table:table table:name="说明"><table:table-row><table:table-cell office:value-type="string">
<text:p>说明</text:p></table:table-cell></table:table-row></table:table>
<table:table table:name="填报">
<table:table-column table:number-columns-repeated="5"/>
<table:table-row>
 <table:table-cell table:number-columns-spanned="4" office:value-type="string"><text:p>进展表</text:p>
 </table:table-cell><table:covered-table-cell table:number-columns-repeated="3"/>
</table:table-row>
<table:table-row>
 <table:table-cell office:value-type="string"><text:p>序号</text:p></table:table-cell>
 <table:table-cell office:value-type="string"><text:p>责任单位</text:p></table:table-cell>
 <table:table-cell office:value-type="string"><text:p>完成进度</text:p></table:table-cell>
 <table:table-cell office:value-type="string"><text:p>填报日期</text:p></table:table-cell>
</table:table-row>
<table:table-row>
 <table:table-cell table:number-rows-spanned="2" office:value-type="float" office:value="5"><text:p>5</text:p>
 </table:table-cell>
 <table:table-cell office:value-type="string"><text:p>运城市</text:p></table:table-cell>
 <table:table-cell office:value-type="percentage" office:value="0.6"><text:p>60%</text:p></table:table-cell>
 <table:table-cell office:value-type="date" office:date-value="2022-06-30"><text:p>2022-06-30</text:p>
 </table:table-cell>
</table:table-row>
<table:table-row>
 <table:covered-table-cell/>
 <table:table-cell office:value-type="string"><text:p>临汾市</text:p></table:table-cell>
 <table:table-cell office:value-type="float" office:value="0.35"><text:p>0.35</text:p></table:table-cell>
 <table:table-cell office:value-type="date" office:date-value="2022-06-29T10:00:00"><text:p>x</text:p>
 </table:table-cell>
</table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="4"/>
</table:table-row>
<table:table-row>
 <table:table-cell table:number-columns-repeated="2"/>
 <table:table-cell table:number-rows-spanned="1" table:number-columns-spanned="2" office:value-type="string">
 <text:p>尾注</text:p></table:table-cell><table:covered-table-cell/>
</table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document-content>"""

ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def make_ods(path: Path, content: str = ODS_CONTENT) -> Path:
    """A minimal OpenDocument spreadsheet written by hand (mimetype first and stored, as ODF requires).
    Whitespace between elements is removed, as LibreOffice writes it: calamine's ods reader rejects text
    between cells."""
    content = re.sub(r">\s+<", "><", content)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        z.writestr("META-INF/manifest.xml", ODS_MANIFEST)
        z.writestr("content.xml", content)
    return path


def rewrite_sheet_xml(path: Path, edit) -> Path:
    """Rewrite xl/worksheets/sheet1.xml of an xlsx through `edit(bytes) -> bytes`."""
    src = path.read_bytes()
    out = path.with_name("edited-" + path.name)
    with zipfile.ZipFile(path.__class__(path)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = edit(data)
            zout.writestr(info, data)
    assert src  # the original stays as it was
    return out


def bad(path, **kw) -> str:
    with pytest.raises(BadFile) as err:
        read_grid(path, **kw)
    message = str(err.value)
    assert "\n" not in message and "Traceback" not in message
    return message


# --------------------------------------------------------------------------------------------------
# xlsx


def test_xlsx_title_merged_task_dates_and_percent(tmp_path):
    grid = read_grid(make_xlsx(tmp_path / "report.xlsx"))
    assert isinstance(grid, Grid)
    assert grid.sheet == "填报" and grid.file.endswith("report.xlsx")
    assert grid.rows[0] == ["2022年上半年进展填报表"] * 5  # the merged title fills A1:E1
    assert grid.rows[1] == ["序号", "责任单位", "填报日期", "完成进度", "最新进展"]
    assert grid.rows[2] == [3, "省发改委", datetime.date(2022, 6, 30), 0.6, "方案已印发"]
    # the task number merged over A3:A4 comes out on row 4 too
    assert grid.rows[3] == [3, "运城市", datetime.datetime(2022, 6, 28, 9, 30), 0.25, "推进中"]
    assert grid.rows[4] == [7, "省商务厅", datetime.date(2022, 7, 1), 1, None]  # empty cell -> None
    assert isinstance(grid.rows[2][0], float)  # whole numbers come back as floats from xlsx


def test_xlsx_other_sheet_keeps_spreadsheet_coordinates(tmp_path):
    path = make_xlsx(tmp_path / "report.xlsx")
    assert sheet_names(path) == ["填报", "其他"]
    grid = read_grid(path, sheet="其他")
    assert grid.sheet == "其他"
    assert grid.rows[2][2] == "x"  # C3 is row 2, column 2 although A1:B2 are empty
    assert grid.rows[3][3] == 2
    assert grid.rows[0] == [None, None, None, None]


def test_xlsx_unknown_sheet_lists_the_sheets(tmp_path):
    message = bad(make_xlsx(tmp_path / "report.xlsx"), sheet="Sheet9")
    assert "Sheet9" in message and "填报、其他" in message and "report.xlsx" in message


def test_xlsm_and_upper_case_extension(tmp_path):
    make_xlsx(tmp_path / "a.xlsx")
    for name in ("macro.xlsm", "UPPER.XLSX"):
        target = tmp_path / name
        target.write_bytes((tmp_path / "a.xlsx").read_bytes())
        assert read_grid(target).rows[2][1] == "省发改委"


def test_xlsx_merged_cell_ranges_are_what_calamine_reports(tmp_path):
    """Document calamine's behaviour the reader relies on: absolute 0-based ((r0, c0), (r1, c1))."""
    path = make_xlsx(tmp_path / "report.xlsx")
    sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("填报")
    assert sorted(sheet.merged_cell_ranges) == [((0, 0), (0, 4)), ((2, 0), (3, 0))]


def test_xlsx_formula_without_cached_value_names_the_cell(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["序号", "责任单位", "完成进度"])
    ws.append([1, "省发改委", 60])
    ws["C3"] = "=C2/2"  # openpyxl cannot compute it: saved as <f> with an empty <v/>
    path = tmp_path / "generated.xlsx"
    book.save(path)
    message = bad(path)
    assert "C3" in message and "公式" in message and "generated.xlsx" in message and "Sheet" in message


def test_xlsx_formula_with_cached_value_is_read(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["序号", "责任单位", "完成进度"])
    ws["A2"], ws["B2"], ws["C2"] = 1, "省发改委", "=50+10"
    ws["D2"] = '=""'
    path = tmp_path / "calc.xlsx"
    book.save(path)

    def add_values(xml: bytes) -> bytes:  # what Excel writes after computing
        xml = re.sub(rb"<c r=\"C2\"([^>]*)><f>50\+10</f><v\s*(?:/>|></v>)", rb'<c r="C2"\1><f>50+10</f><v>60</v>', xml)
        return re.sub(rb'<c r="D2"([^>]*)><f>""</f><v\s*(?:/>|></v>)', rb'<c r="D2" t="str"><f>""</f><v></v>', xml)

    edited = rewrite_sheet_xml(path, add_values)
    assert b"<v>60</v>" in zipfile.ZipFile(edited).read("xl/worksheets/sheet1.xml")
    grid = read_grid(edited)
    assert grid.rows[1][:3] == [1, "省发改委", 60]


def test_xlsx_error_cells_come_back_as_their_text(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["序号", "责任单位", "完成进度"])
    ws.append([1, "省发改委", 0])
    path = tmp_path / "err.xlsx"
    book.save(path)
    edited = rewrite_sheet_xml(
        path, lambda xml: re.sub(rb'<c r="C2"[^>]*>.*?</c>', b'<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c>', xml)
    )
    assert read_grid(edited).rows[1] == [1, "省发改委", "#DIV/0!"]


def test_uncached_formula_scan_on_100000_rows():
    row = b'<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>A1*2</f><v>2</v></c></row>'
    last = b'<row r="100000"><c r="A100000"><v>1</v></c><c r="B100000"><f>A100000*2</f><v>200000</v></c></row>'
    xml = b"<worksheet><sheetData>" + row * 99_999 + last + b"</sheetData></worksheet>"
    assert xlsxscan.first_uncached_formula(xml) is None
    assert xlsxscan.first_uncached_formula(xml.replace(b"<v>200000</v>", b"<v/>")) == "B100000"
    assert xlsxscan.first_uncached_formula(b'<x:worksheet><x:c r="D9"><x:f>1</x:f></x:c>', b"x:") == "D9"
    assert xlsxscan.first_uncached_formula(b'<worksheet><c r="E2"><f t="shared" si="0"/></c>') == "E2"
    assert xlsxscan.first_uncached_formula(b'<worksheet><c r="E2"><f t="shared" si="0"/><v>3</v></c>') is None


# --------------------------------------------------------------------------------------------------
# xls and ods


def test_xls_fixture_merged_task_and_types():
    grid = read_grid(FIXTURES / "report.xls")
    assert grid.sheet == "填报"
    assert grid.rows[0] == ["2022年上半年重点任务进展填报表"] * 6
    assert grid.rows[1][:4] == ["序号", "责任单位", "填报日期", "完成进度"]
    assert [row[0] for row in grid.rows[2:6]] == [3, 3, 3, 7]  # task 3 merged over rows 3-5
    assert grid.rows[2][2] == datetime.date(2022, 6, 30)
    assert grid.rows[2][3] == pytest.approx(0.6)
    assert grid.rows[6] == [None] * 6
    assert sheet_names(FIXTURES / "report.xls") == ["填报", "说明"]


def test_xls_content_under_xlsx_name_is_read_by_content(tmp_path):
    target = tmp_path / "really-xls.xlsx"
    target.write_bytes((FIXTURES / "report.xls").read_bytes())
    assert read_grid(target).rows[2][1] == "省发改委"


def test_xlsx_content_under_xls_name_is_read_by_content(tmp_path):
    make_xlsx(tmp_path / "a.xlsx")
    target = tmp_path / "really-xlsx.xls"
    target.write_bytes((tmp_path / "a.xlsx").read_bytes())
    assert read_grid(target).rows[2][1] == "省发改委"


def test_ods_merged_rows_and_columns_and_types(tmp_path):
    path = make_ods(tmp_path / "report.ods")
    assert sheet_names(path) == ["说明", "填报"]
    grid = read_grid(path, sheet="填报")
    assert grid.rows[0] == ["进展表"] * 4  # columns-spanned title
    assert grid.rows[1] == ["序号", "责任单位", "完成进度", "填报日期"]
    assert grid.rows[2] == [5, "运城市", 0.6, datetime.date(2022, 6, 30)]  # percentage stored as 0.6
    assert grid.rows[3] == [5, "临汾市", 0.35, datetime.datetime(2022, 6, 29, 10, 0)]  # rows-spanned task
    assert grid.rows[4] == grid.rows[5] == [None] * 4  # repeated empty rows keep their places
    assert grid.rows[6][2:] == ["尾注", "尾注"]
    # calamine has no merged ranges for ods: the reader reads them from content.xml
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    assert book.get_sheet_by_name("填报").merged_cell_ranges is None


def test_ods_default_sheet_is_the_first(tmp_path):
    assert read_grid(make_ods(tmp_path / "r.ods")).sheet == "说明"


# --------------------------------------------------------------------------------------------------
# CSV

CSV_TEXT = (
    '序号,责任单位,填报日期,完成进度,最新进展\n1,省发改委,2022-06-30,60%,"已完成，待验收"\n2,运城市,2022/6/30,45,\n'
)
CSV_ROWS = [
    ["序号", "责任单位", "填报日期", "完成进度", "最新进展"],
    ["1", "省发改委", "2022-06-30", "60%", "已完成，待验收"],
    ["2", "运城市", "2022/6/30", "45", None],
]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf8.csv", CSV_TEXT.encode("utf-8")),
        ("bom.csv", CSV_TEXT.encode("utf-8-sig")),
        ("gbk.csv", CSV_TEXT.encode("gbk")),
        ("gb18030.csv", CSV_TEXT.encode("gb18030")),
        ("crlf.csv", CSV_TEXT.replace("\n", "\r\n").encode("gbk")),
        ("utf16.txt", CSV_TEXT.replace(",", "\t").encode("utf-16")),  # Excel "Unicode text"
    ],
)
def test_csv_encodings_are_detected(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    grid = read_grid(path)
    assert grid.sheet is None
    assert grid.rows == CSV_ROWS


def test_csv_explicit_encoding(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes(CSV_TEXT.encode("gbk"))
    assert read_grid(path, encoding="GBK").rows == CSV_ROWS
    message = bad(path, encoding="utf-8")
    assert "utf-8" in message and "第1行" in message and "--encoding" in message


def test_csv_unknown_encoding_is_a_bad_value(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    with pytest.raises(BadValue, match="klingon"):
        read_grid(path, encoding="klingon")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("序号\t责任单位\t完成进度\n1\t省发改委\t60,5\n", ["1", "省发改委", "60,5"]),
        ("序号;责任单位;完成进度\n1;省发改委;60\n", ["1", "省发改委", "60"]),
        ("sep=;\n序号;责任单位;完成进度\n1;省发改委;60\n", ["1", "省发改委", "60"]),
        ('序号,责任单位,完成进度\n1,"省发改委;运城市",60\n', ["1", "省发改委;运城市", "60"]),
    ],
)
def test_csv_delimiter_sniffing(tmp_path, text, expected):
    path = tmp_path / "d.csv"
    path.write_text(text, encoding="utf-8")
    rows = read_grid(path).rows
    assert rows[0] == ["序号", "责任单位", "完成进度"]
    assert rows[1] == expected


def test_csv_nul_bytes_name_line_and_byte(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(b"a,b\n1,2\n3,\x004\n")
    message = bad(path)
    assert "NUL" in message and "第3行" in message and "第11个字节" in message


def test_csv_undecodable_bytes_name_encodings_and_line(tmp_path):
    path = tmp_path / "junk.csv"
    path.write_bytes("序号,单位\n".encode() + b"1,\xff\xff\xff\n")
    message = bad(path)
    assert "UTF-8" in message and "GB18030" in message and "第2行" in message


def test_csv_multiline_field_and_ragged_rows(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text('a,b,c\n1,"两行\n备注"\n\n2,x,y,z\n', encoding="utf-8")
    assert read_grid(path).rows == [["a", "b", "c"], ["1", "两行\n备注"], [], ["2", "x", "y", "z"]]


def test_csv_cannot_take_a_sheet(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    assert sheet_names(path) == []
    assert "CSV" in bad(path, sheet="填报")


# --------------------------------------------------------------------------------------------------
# Bad files


def test_missing_file(tmp_path):
    message = bad(tmp_path / "nope.xlsx")
    assert "nope.xlsx" in message and "不存在" in message


def test_directory(tmp_path):
    (tmp_path / "d.xlsx").mkdir()
    assert "目录" in bad(tmp_path / "d.xlsx")


@pytest.mark.parametrize("name", ["report.pdf", "report.numbers", "report", "report.docx"])
def test_unsupported_extension(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"whatever")
    message = bad(path)
    assert "不支持" in message and ".xlsx" in message and name in message


def test_png_renamed_xlsx(tmp_path):
    path = tmp_path / "photo.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    message = bad(path)
    assert "不是电子表格" in message and "PNG" in message


def test_text_renamed_xlsx(tmp_path):
    path = tmp_path / "text.xlsx"
    path.write_text(CSV_TEXT, encoding="gbk")
    message = bad(path)
    assert "文本" in message and ".csv" in message


def test_html_renamed_xls(tmp_path):
    path = tmp_path / "export.xls"
    path.write_text("<html><body><table><tr><td>序号</td></tr></table></body></html>", encoding="utf-8")
    message = bad(path)
    assert "HTML" in message and "另存为 .xlsx" in message


def test_random_binary_renamed_xls(tmp_path):
    path = tmp_path / "blob.xls"
    path.write_bytes(bytes(range(256)) * 4)
    assert "不是电子表格" in bad(path)


def test_corrupt_zip(tmp_path):
    good = make_xlsx(tmp_path / "good.xlsx").read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good[: len(good) // 2])
    message = bad(path)
    assert "损坏" in message and "cut.xlsx" in message


def test_zip_without_a_workbook(tmp_path):
    path = tmp_path / "word.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    assert "Word" in bad(path)


def test_workbook_renamed_csv(tmp_path):
    path = tmp_path / "book.csv"
    path.write_bytes(make_xlsx(tmp_path / "a.xlsx").read_bytes())
    assert "工作簿" in bad(path)


@pytest.mark.parametrize("name", ["encrypted.xlsx", "encrypted.xls"])
def test_password_protected(name):
    message = bad(FIXTURES / name)
    assert "密码" in message and name in message


def test_encrypted_xlsx_in_english():
    i18n.set_lang("en")
    assert "password-protected" in bad(FIXTURES / "encrypted.xlsx")


def test_empty_file(tmp_path):
    for name in ("empty.xlsx", "empty.csv"):
        (tmp_path / name).write_bytes(b"")
        with pytest.raises(EmptySheet, match="为空"):
            read_grid(tmp_path / name)


def test_empty_sheet(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "空表"
    book.create_sheet("数据")["A1"] = "x"
    path = tmp_path / "blank.xlsx"
    book.save(path)
    with pytest.raises(EmptySheet) as err:
        read_grid(path)
    assert "空表" in str(err.value) and "为空" in str(err.value)
    assert read_grid(path, sheet="数据").rows == [["x"]]


def test_csv_with_only_blank_cells(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text(",,,\n , ,\n", encoding="utf-8")
    with pytest.raises(EmptySheet, match="没有任何数据"):
        read_grid(path)


def test_too_many_columns_xlsx(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["序号", "责任单位", "完成进度"])
    ws.cell(4, 700, "stray")
    path = tmp_path / "wide.xlsx"
    book.save(path)
    message = bad(path)
    assert "第4行" in message and "700" in message and str(MAX_COLUMNS) in message


def test_too_many_columns_csv(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text("a,b\n" + ",".join(["x"] * 600) + "\n", encoding="utf-8")
    message = bad(path)
    assert "第2行" in message and "600" in message


def test_trailing_empty_columns_beyond_the_cap_are_dropped(tmp_path):
    path = tmp_path / "commas.csv"
    path.write_text("a,b" + "," * 800 + "\n", encoding="utf-8")
    assert read_grid(path).rows == [["a", "b"] + [None] * (MAX_COLUMNS - 2)]


def test_open_workbook_reads_several_sheets_once(tmp_path):
    path = make_xlsx(tmp_path / "report.xlsx")
    with open_workbook(path) as book:
        assert book.format == "xlsx" and book.sheet_names == ["填报", "其他"]
        assert book.grid("其他").rows[2][2] == "x"
        assert book.grid().sheet == "填报"


def test_column_letter():
    assert [reader.column_letter(i) for i in (0, 25, 26, 51, 52, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]


# --------------------------------------------------------------------------------------------------
# Fast paths give what the csv module gives


def csv_module_rows(text: str, delimiter: str) -> list[list[object]]:
    """What the csv module reads from the text (the reader's rule: "" -> None), the reference."""
    import csv
    import io

    return [[v or None for v in record] for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


PLAIN_TEXTS = [
    "序号,单位,进度\n1,甲,60\n2,乙,70\n",
    "序号,单位,进度\r\n1,甲,60\r\n2,乙,70\r\n",
    "序号,单位,进度\r1,甲,60\r2,乙,70\r",  # old Mac line ends
    "序号,单位,进度\r\n1,甲,60\n2,乙,70\r3,丙,80\r\r\n\n4,丁",  # mixed, blank lines, no final line end
    "序号,单位,进度\n\n\n1,,\n,,\n,\n2, 乙 ,70,\n",  # blank lines, empty fields, trailing delimiters
    "序号,单位,进度\n1,甲,60\n\n",
    "序号,单位,进度\n1,甲\u2028乙,60\x0b\x0c\x1c\x85\n",  # splitlines() would break these lines, csv does not
    "序号,单位,进度\n 1 ,甲 乙, 60% \n",
    "序号,单位,进度\n1,甲,'60'\n",
]


@pytest.mark.parametrize("text", PLAIN_TEXTS)
@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_csv_without_quotes_reads_as_the_csv_module_does(tmp_path, text, delimiter):
    text = text.replace(",", delimiter)
    path = tmp_path / "p.csv"
    path.write_bytes(text.encode("utf-8"))
    assert read_grid(path).rows == csv_module_rows(text, delimiter)


def test_csv_with_quotes_reads_as_the_csv_module_does(tmp_path):
    text = '序号,单位,进度\r\n1,"甲,乙",60\r\n2,"两\r\n行",\r\n3,"",""\r\n,"a""b",\n'
    path = tmp_path / "q.csv"
    path.write_bytes(text.encode("utf-8"))
    assert read_grid(path).rows == csv_module_rows(text, ",")


@pytest.mark.parametrize("quoted", [False, True])
def test_csv_long_file_read_in_chunks(tmp_path, quoted):
    lines = ["序号,单位,备注"] + [f"{i},单位{i % 7},{'' if i % 3 else '备注'}" for i in range(1, 7001)]
    if quoted:
        lines[4000] = '4000,"单位,甲",'
    text = "\n".join(lines) + "\n"
    path = tmp_path / "long.csv"
    path.write_text(text, encoding="utf-8")
    rows = read_grid(path).rows
    assert rows == csv_module_rows(text, ",")
    assert len(rows) == 7001 and rows[3] == ["3", "单位3", "备注"] and rows[4] == ["4", "单位4", None]


def test_csv_unclosed_quote_after_the_first_chunk_names_a_line_past_it(tmp_path, monkeypatch):
    monkeypatch.setattr(csvread, "MAX_LINE_BYTES", 2000)  # a quoted field may grow to this, no further
    lines = ["序号,单位"] + [f"{i},单位" for i in range(1, 5000)]
    lines[4500] = '4500,"长'  # never closed: the field would swallow the rest of the file
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = bad(path)
    line = int(re.search(r"第(\d+)行", message).group(1))
    assert "CSV" in message and 4501 < line <= 4501 + 2000 // 8


def test_csv_too_wide_row_is_reported_before_a_later_csv_error(tmp_path, monkeypatch):
    monkeypatch.setattr(csvread, "MAX_LINE_BYTES", 5000)
    lines = ["序号,单位"] + [f"{i},单位" for i in range(1, 5000)]
    lines[10] = ",".join(["x"] * 600)
    lines[4500] = '4500,"长'  # an unclosed quote: a csv error later in the file
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = bad(path)
    assert "第11行" in message and "600" in message


def test_reading_restores_the_garbage_collector(tmp_path):
    import gc

    path = tmp_path / "r.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    assert gc.isenabled()
    read_grid(path)
    assert gc.isenabled()
    gc.disable()
    try:
        read_grid(path)
        assert not gc.isenabled()
        with reader.gc_paused():
            reader.gc_settle()
        assert not gc.isenabled()
    finally:
        gc.enable()
    with reader.gc_paused(), reader.gc_paused():
        assert not gc.isenabled()
        reader.gc_settle()
    assert gc.isenabled()
    with pytest.raises(BadFile), reader.gc_paused():
        read_grid(tmp_path / "missing.csv")
    assert gc.isenabled()


def test_csv_with_old_mac_line_ends_longer_than_a_block(tmp_path):
    lines = ["序号,单位,进度"] + [f"{i},单位{i % 7},{i % 101}" for i in range(1, 150_001)]
    text = "\r".join(lines) + "\r"
    path = tmp_path / "mac.csv"
    path.write_text(text, encoding="utf-8")
    assert len(text.encode()) > 2 * 1024 * 1024
    rows = read_grid(path).rows
    assert len(rows) == 150_001 and rows[-1] == ["150000", "单位4", "15"] and rows == csv_module_rows(text, ",")
