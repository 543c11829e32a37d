"""Hostile files, second round (issue 17, sections 1 and 4): each built here, small, and refused by `jsj import`
in one line with exit 1, under 5 s and 300 MB, storing nothing.

The file cases run `jsj import` in a child of a small wrapper process, which reports the wall time and the
child's peak RSS (getrusage RUSAGE_CHILDREN: measured from the wrapper, whose own few megabytes are all the
child inherits, not from pytest's hundreds).
"""

import json
import random
import sqlite3
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
import xlwt

from jinsanjiao_cli.core.errors import BadFile
from jinsanjiao_cli.io.sheets.reader import read_grid

SECONDS = 5
PEAK_MB = 300

WRAPPER = r"""
import json, resource, subprocess, sys
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
# The command's CPU time, not the wall clock, which a busy machine or a parallel test run stretches.
used = resource.getrusage(resource.RUSAGE_CHILDREN)
seconds = used.ru_utime + used.ru_stime
peak = used.ru_maxrss // 1024
print(json.dumps({"code": proc.returncode, "stderr": proc.stderr, "seconds": seconds, "peak_mb": peak}))
"""


def ledger(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return "\n".join(conn.iterdump())


def refused(db: Path, path: Path, message: str) -> dict:
    """Run `jsj import path` in a subprocess; assert the one line, the exit code, the bounds and an unchanged
    ledger. Returns the figures."""
    before = ledger(db)
    command = [sys.executable, "-m", "jinsanjiao_cli", "import", str(path), "--db", str(db)]
    proc = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    run = json.loads(proc.stdout)
    assert run["stderr"] == f"jsj: {message}\n", run["stderr"][-3000:]
    assert run["code"] == 1
    assert run["seconds"] < SECONDS and run["peak_mb"] < PEAK_MB, run
    assert ledger(db) == before
    return run


# --------------------------------------------------------------------------------------------------
# .xls: calamine reads every sheet when it opens the file


def far_corner_xls(path: Path, corner: tuple[int, int] = (65535, 255), sheets: int = 8) -> Path:
    """Eight sheets, each with a header cell at A1 and a value at the far corner (IV65536 by default)."""
    book = xlwt.Workbook(encoding="utf-8")
    for i in range(sheets):
        sheet = book.add_sheet(f"填报{i + 1}")
        sheet.write(0, 0, "任务编号")
        sheet.write(*corner, "x")
    book.save(str(path))
    return path


def patch_dimensions(path: Path, first_row: int, last_row: int, first_col: int, last_col: int) -> None:
    """Make every sheet's DIMENSIONS record (BIFF8: type 0x0200, 14 bytes) declare another rectangle."""
    data = bytearray(path.read_bytes())
    at = count = 0
    while (at := data.find(b"\x00\x02\x0e\x00", at)) >= 0:
        struct.pack_into("<IIHHH", data, at + 4, first_row, last_row + 1, first_col, last_col + 1, 0)
        at, count = at + 18, count + 1
    assert count == 8
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("dimensions", ["true", "lying"])
def test_xls_far_corner_cell_is_refused_before_calamine_allocates(db, tmp_path, dimensions):
    """9.7 KB in the issue, 4.7 GB and an abort in calamine: refused from the DIMENSIONS record, or, when that
    record claims A1:A1, from the cells' own positions."""
    path = far_corner_xls(tmp_path / "corner.xls")
    if dimensions == "lying":
        patch_dimensions(path, 0, 0, 0, 0)
    assert path.stat().st_size < 20_000
    refused(
        db,
        path,
        f"{path}，工作表“填报1”：单元格从 A1 延伸到 IV65536，共 16,777,216 格，超过可读取的 6,000,000 格"
        "（远处可能有误填或设了格式的单元格，删除后再试）",
    )


def test_xls_sheets_are_bounded_together(db, tmp_path):
    """Eight sheets of 800,000 cells each pass one by one, but calamine would hold all 6,400,000 at once."""
    path = far_corner_xls(tmp_path / "eight.xls", corner=(3999, 199))
    refused(
        db,
        path,
        f"{path}：各工作表的单元格区域合计 6,400,000 格，超过可读取的 6,000,000 格（这种文件打开时要读入所有工作表；"
        "远处可能有误填或设了格式的单元格，删除后再试）",
    )


def small_xls(path: Path) -> bytes:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("填报")
    for col, name in enumerate(["任务编号", "责任单位", "完成进度"]):
        sheet.write(0, col, name)
    book.save(str(path))
    return path.read_bytes()


def test_xls_compound_file_that_would_hang_calamine_is_refused(tmp_path):
    """A sector chain that loops makes calamine read for ever (2 GB, then an abort); a sector number past the
    end makes it grow its buffer to that offset. Both are refused from the header and FAT, in one line."""
    path = tmp_path / "cfb.xls"
    data = small_xls(path)
    assert read_grid(path).rows[0][:3] == ["任务编号", "责任单位", "完成进度"]
    fat_sector, dir_sector = struct.unpack_from("<I", data, 76)[0], struct.unpack_from("<I", data, 48)[0]
    looping = bytearray(data)
    struct.pack_into("<I", looping, 512 * (fat_sector + 1) + 4 * dir_sector, dir_sector)
    path.write_bytes(bytes(looping))
    with pytest.raises(BadFile) as exc:
        read_grid(path)
    assert str(exc.value) == f"{path}：文件已损坏（directory: the sector chain loops at {dir_sector}）"
    beyond = bytearray(data)
    struct.pack_into("<I", beyond, 80, 0xFFFF_FFF0)  # a second FAT sector, far past the end
    path.write_bytes(bytes(beyond))
    with pytest.raises(BadFile) as exc:
        read_grid(path)
    sectors = (len(data) - 1) // 512
    assert (
        str(exc.value) == f"{path}：文件已损坏（sector 4,294,967,280 beyond the end of the file ({sectors} sectors)）"
    )


def test_ods_tables_are_bounded_together(tmp_path):
    """calamine reads every table of an ods on opening too: two tables of 3,500,000 cells are 7,000,000."""
    import test_sheets_reader
    from test_sheets_limits import ODS_HEAD

    table = (
        '<table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row>'
        '<table:table-row table:number-rows-repeated="3498"><table:table-cell/></table:table-row>'
        '<table:table-row><table:table-cell table:number-columns-repeated="999"/>'
        '<table:table-cell office:value-type="float" office:value="1"/></table:table-row></table:table>'
    )
    second = '<table:table table:name="第二">' + table
    content = ODS_HEAD + table + second + "</office:spreadsheet></office:body></office:document-content>"
    path = test_sheets_reader.make_ods(tmp_path / "two.ods", content)
    with pytest.raises(BadFile) as exc:
        read_grid(path)
    assert str(exc.value) == (
        f"{path}：各工作表的单元格区域合计 7,000,000 格，超过可读取的 6,000,000 格（这种文件打开时要读入所有工作表；"
        "远处可能有误填或设了格式的单元格，删除后再试）"
    )


# --------------------------------------------------------------------------------------------------
# .xlsx: the shared-string table and a lying zip directory


def openpyxl_parts(tmp_path: Path) -> dict[str, bytes]:
    """The parts of a small workbook written by openpyxl (its strings inline)."""
    book = openpyxl.Workbook()
    book.active.title = "填报"
    book.active.append(["任务编号", "责任单位", "完成进度"])
    template = tmp_path / "template.xlsx"
    book.save(template)
    with zipfile.ZipFile(template) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def shared_strings(count: int, declared: bool) -> Iterator[bytes]:
    """``count`` one-letter items, random enough to compress only ten times (not a ratio bomb), a piece at a
    time: built whole they would raise this test process's peak memory, which later subprocess tests inherit."""
    unique = f' count="{count}" uniqueCount="{count}"' if declared else ""
    yield (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
        f'main"{unique}>'
    ).encode()
    item = b"<si><t>a</t></si>"
    letters = bytes.maketrans(bytes(range(256)), (b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" * 5)[:256])
    rng = random.Random(17)
    for done in range(0, count, 100_000):
        size = min(100_000, count - done)
        items = bytearray(item * size)
        items[7 :: len(item)] = rng.randbytes(size).translate(letters)
        yield bytes(items)
    yield b"</sst>"


def with_shared_strings(path: Path, parts: dict[str, bytes], table: Iterator[bytes]) -> Path:
    """The workbook's parts with a shared-string table added, related and typed as Excel writes it."""
    rel = (
        b'<Relationship Id="rIdStrings" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/sharedStrings"/></Relationships>'
    )
    override = (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.sharedStrings+xml"/></Types>'
    )
    parts = dict(parts)
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(b"</Relationships>", rel)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", override)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
        with zf.open("xl/sharedStrings.xml", "w") as out:
            for piece in table:
                out.write(piece)
    return path


@pytest.mark.parametrize("declared", [True, False])
def test_xlsx_shared_string_table_is_bounded(db, tmp_path, declared):
    """11.5 MB holding 7.8 million one-character shared strings: 451 MB in calamine before this check. Refused
    from its declared uniqueCount, or, without one, once counted."""
    path = with_shared_strings(tmp_path / "strings.xlsx", openpyxl_parts(tmp_path), shared_strings(7_800_000, declared))
    assert path.stat().st_size < 16_000_000
    refused(db, path, f"{path}：共享字符串表有 7,800,000 项，超过可读取的 1,000,000 项，不是台账，拒绝读取")


def raw_zip(path: Path, parts: list[tuple[str, bytes, int, int]]) -> None:
    """A zip written field by field: (name, raw deflate data, CRC-32, size the directory declares)."""
    out, central = bytearray(), bytearray()
    for name, data, crc, size in parts:
        encoded, offset = name.encode(), len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0)
        out += encoded + data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0x21,
            crc,
            len(data),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += encoded
    directory_at = len(out)
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central), directory_at, 0)
    path.write_bytes(bytes(out))


def deflated(data: bytes, final: bool) -> bytes:
    """Raw deflate of ``data`` from a fresh state, ending byte-aligned (or with the final block): such pieces
    may be laid end to end, so a bomb is built without compressing gigabytes."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)


def test_xlsx_lying_zip_directory_is_refused_at_the_declared_size(db, tmp_path):
    """A 4.6 MB sheet part that expands to gigabytes while the zip directory claims 1 MB: inflating stops one
    byte past the claim (it went on to 512 MB, 7-9 s, before)."""
    members = []
    for name, data in openpyxl_parts(tmp_path).items():
        if name == "xl/worksheets/sheet1.xml":
            head = data[: data.index(b"<sheetData>") + len(b"<sheetData>")]
            spaces = deflated(b" " * (1 << 20), final=False)
            body = (
                deflated(head, False)
                + spaces * (4_600_000 // len(spaces))
                + deflated(b"</sheetData></worksheet>", True)
            )
            members.append((name, body, 0, 1_048_576))
        else:
            members.append((name, deflated(data, True), zlib.crc32(data), len(data)))
    path = tmp_path / "lying.xlsx"
    raw_zip(path, members)
    assert 4_500_000 < path.stat().st_size < 4_800_000
    refused(
        db,
        path,
        f"{path}：压缩包中的“xl/worksheets/sheet1.xml”展开后超过目录所写的 1,048,576 字节（文件已损坏，或是压缩炸弹），"
        "拒绝读取",
    )


# --------------------------------------------------------------------------------------------------
# Section 4: encodings that cannot read the file


CSV = "任务编号,责任单位,完成进度,填报日期\n1,省交通厅,50,2022-06-30\n"


@pytest.mark.parametrize(
    ("encoding", "message"),
    [
        ("utf-16", "{path}：第1行（第1个字节）无法按 utf-16 编码解码，请用 --encoding 指定正确的编码"),
        ("utf-32", "{path}：第1行（第1个字节）无法按 utf-32 编码解码，请用 --encoding 指定正确的编码"),
        ("rot13", "“rot13”不是文本编码（可用如 utf-8、gbk、gb18030）"),
        ("hex", "“hex”不是文本编码（可用如 utf-8、gbk、gb18030）"),
    ],
)
def test_an_encoding_that_cannot_read_the_file_is_one_line(jsj, db, tmp_path, encoding, message):
    path = tmp_path / "reports.csv"
    path.write_text(CSV, encoding="utf-8")
    before = ledger(db)
    result = jsj("import", str(path), "--encoding", encoding)
    assert result.exit_code == 1
    assert result.stderr == f"jsj: {message.format(path=path)}\n"
    assert ledger(db) == before
