"""Reading a plan's source into blocks: a .txt (UTF-8 or GB18030), a .docx (paragraphs and tables in
document order), or a task table as .xlsx, .xls, .ods, .csv or .tsv (through the sheet reader).

Every block carries its line number: the line of a .txt, the paragraph or table row of a .docx (counted in
document order, empty ones included), the row of a sheet.
"""

import stat
import zipfile
from pathlib import Path

from jinsanjiao_cli.core.errors import PlanError
from jinsanjiao_cli.plans.drafting import tables
from jinsanjiao_cli.plans.drafting.model import Block, Line
from jinsanjiao_cli.plans.plan_yaml import shown
from jinsanjiao_cli.text.i18n import t

# An official text is tens of kilobytes; a .docx with pictures a few megabytes. Larger is not a plan text.
MAX_SOURCE_BYTES = 20 * 1024 * 1024
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv")


def read_blocks(path: Path) -> list[Block]:
    """The non-empty lines (trimmed) and task-table rows of a plan source, in document order."""
    file = shown(path)
    suffix = path.suffix.lower()
    if suffix in SHEET_SUFFIXES:
        return _sheet_blocks(path, file)
    _check_size(path, file)
    if suffix == ".docx":
        return _docx_blocks(path, file)
    if suffix in (".txt", ".text", ""):
        lines = enumerate(_decoded(path.read_bytes(), file).splitlines(), 1)
        return [Line(no, text.strip()) for no, text in lines if text.strip()]
    raise PlanError(t("draft.kind", file=file))


def _check_size(path: Path, file: str) -> None:
    try:
        info = path.stat()
    except OSError as exc:
        raise PlanError(t("draft.unreadable", file=file, error=exc.strerror or exc)) from exc
    if not stat.S_ISREG(info.st_mode):
        raise PlanError(t("draft.not_a_file", file=file))
    if info.st_size > MAX_SOURCE_BYTES:
        raise PlanError(t("draft.too_large", file=file, size=info.st_size, limit=MAX_SOURCE_BYTES))


def _decoded(raw: bytes, file: str) -> str:
    # Government sites still publish GB18030 (GBK) text; UTF-8 is tried first because it is unambiguous.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PlanError(t("draft.not_text", file=file))


def _sheet_blocks(path: Path, file: str) -> list[Block]:
    from jinsanjiao_cli.io.sheets.reader import read_grid  # the project's sheet reader: bounds, merges, encodings

    grid = read_grid(path)
    rows = [[tables.cell_text(value) for value in row] for row in grid.rows]
    blocks = tables.table_blocks(rows, 1)
    if blocks is None:
        raise PlanError(t("draft.no_table", file=file, rows=tables.HEADER_SEARCH_ROWS))
    return blocks


def _docx_blocks(path: Path, file: str) -> list[Block]:
    """The paragraphs and tables of a .docx body, refusing a document whose XML expands beyond any plan."""
    try:
        with zipfile.ZipFile(path) as archive:
            expanded = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise PlanError(t("draft.bad_docx", file=file, error=exc)) from exc
    if expanded > MAX_SOURCE_BYTES:  # read from the zip directory, before anything is decompressed
        raise PlanError(t("draft.too_large", file=file, size=expanded, limit=MAX_SOURCE_BYTES))
    try:
        return _docx_body(path)
    except PlanError:
        raise
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors … for a broken package
        raise PlanError(t("draft.bad_docx", file=file, error=exc)) from exc


def _docx_body(path: Path) -> list[Block]:
    import docx  # python-docx is needed only here
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    blocks: list[Block] = []
    no = 0
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            no += 1
            if text := Paragraph(element, document).text.strip():
                blocks.append(Line(no, text))
        elif element.tag == qn("w:tbl"):
            rows = [[cell.text.strip() for cell in row.cells] for row in Table(element, document).rows]
            blocks += _table_or_lines(rows, no + 1)
            no += len(rows)
    return blocks


def _table_or_lines(rows: list[list[str]], first_no: int) -> list[Block]:
    """A task table's blocks; any other table (a layout table, a letterhead) is read as its cells' text."""
    found = tables.table_blocks(rows, first_no)
    if found is not None:
        return found
    return [Line(first_no + index, text) for index, row in enumerate(rows) for text in dict.fromkeys(row) if text]
