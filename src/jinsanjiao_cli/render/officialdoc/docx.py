"""An OfficialDocument as a Word .docx laid out to GB/T 9704-2012 (党政机关公文格式), as offices expect.

Page: A4 with margins of 37 mm (top), 35 mm (bottom), 28 mm (left) and 26 mm (right), which leave the
standard's type area of 156 × 225 mm.

Text: the title in 22 pt (二号) 方正小标宋简体, centred, with the subtitle lines centred under it in the
body face and one blank line after them. Body paragraphs in 16 pt (三号) 仿宋_GB2312, justified, indented
two characters, at an exact line pitch of 28.95 pt, so that 22 lines fill the 225 mm type area as the
standard asks. Level-1 headings (一、) in 黑体 and level-2 headings ((一)) in 楷体_GB2312, at the body's
size, pitch and indent, kept with the next paragraph and given outline levels so Word's navigation pane
lists them. The issuer and date close the document as the standard places an unsealed document's
signature (7.3.5.2): one blank line, the issuer right-aligned two characters in, the date under it
starting two characters further right.

Tables: 12 pt (小四) in the body face, across the whole type area in fixed column widths (the model's
relative widths), single 0.5 pt borders on every cell, the header row bold, centred and repeated on every
page, and no row split across pages. A caption goes above the table, centred, in 14 pt 黑体.

Figures: the PNG centred at the width the model gives, in a paragraph of single line spacing (an exact
line pitch would clip it) kept with its caption, which follows centred in the caption face, as Chinese
documents caption figures (图1 …) under the figure; the text alternative is the picture's description
(wp:docPr/@descr), which screen readers and Word's Alt Text show.

Page numbers: "— N —" in 14 pt (四号) 宋体 from a PAGE field, placed as the standard places them: on odd
pages at the right, on even pages at the left, one character in from the type area's edge, the line about
7 mm below the type area. Word keeps separate odd and even footers for that (w:evenAndOddHeaders).

Fonts: every run names its East Asian face (w:eastAsia) and its Latin face (w:ascii, w:hAnsi), and so do
the document defaults and the Normal style, so Word and WPS pick the intended fonts and substitute
sensibly where one is missing. In Chinese documents, Latin letters and digits in body text and tables are
set in Times New Roman, as is customary beside 仿宋; in the title and headings they keep the heading's
own face, and page numbers are 宋体 digits as the standard says; shared punctuation (“” — …) takes the
East Asian face (w:hint). In English documents the Latin faces carry the roles: Times New Roman for body
text, tables and the title (bold), Arial bold for level-1 headings, Times New Roman italic for level-2
headings; the emphasis is applied to Latin text only, so a Chinese name quoted in an English heading keeps
its upright face.

The file is reproducible: the same document gives the same bytes (no timestamps, fixed dates inside the
zip, no creation date in the properties).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu, Mm, Twips
from docx.table import Table as DocxTable
from docx.table import _Row
from docx.text.paragraph import Paragraph

from jinsanjiao_cli.render.officialdoc import (
    Align,
    Image,
    Lang,
    OfficialDocument,
    Record,
    Section,
    Table,
    inert_document,
    one_line,
    walk,
)
from jinsanjiao_cli.render.outfiles import output_errors, write_atomically

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
TEXT_WIDTH = Emu(PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)  # the standard's 156 mm type area

BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
RECORD_PT = 14  # 四号: the 版记 (7.4)
PAGE_NUMBER_PT = 14  # 四号
CAPTION_PT = 14
TABLE_PT = 12  # 小四
CHARACTER = BODY_PT * 20  # one body character, in twips: the standard measures indents in characters
LINE_PITCH = 579  # twips = 28.95 pt: 22 lines × 28.95 pt = 224.7 mm, the most that fits the 225 mm area
TABLE_LINE = 18 * 20  # 1.5 × 12 pt: room for CJK glyphs, which fill their em square
PAGE_NUMBER_LINE = 20 * 20
# GB/T 9704-2012 7.5: the page number's dash lies 7 mm below the type area; the footer is measured from
# the page's edge to the bottom of its line, and the dash sits about mid-line.
FOOTER_DISTANCE = Emu(MARGIN_BOTTOM - Mm(7) - Twips(PAGE_NUMBER_LINE // 2))

TIMES = "Times New Roman"
BORDER_EIGHTHS = 4  # border width in eighths of a point: 0.5 pt, Word's single line
# The 版记's rules (7.4.1): the first and last thick (0.35 mm ≈ 1 pt), those between thin (0.25 mm ≈ 0.75 pt).
THICK_RULE, THIN_RULE = 8, 6
CELL_MARGINS = 2 * 108  # twips: Word's default left and right cell margins (0.19 cm each)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry: no build time in the file

Role = Literal["title", "body", "heading1", "heading2", "caption", "table", "table_header", "page_number"]


@dataclass(frozen=True)
class Face:
    """The fonts, size and emphasis of one role's text."""

    east_asian: str
    latin: str
    size: float  # points
    bold: bool = False  # the whole run (a table's header row)
    latin_emphasis: Literal["", "bold", "italic"] = ""  # English headings: Latin characters only


_BODY = Face("仿宋_GB2312", TIMES, BODY_PT)
_TABLE = replace(_BODY, size=TABLE_PT)
FACES: dict[Lang, dict[Role, Face]] = {
    "zh": {
        "title": Face("方正小标宋简体", "方正小标宋简体", TITLE_PT),
        "body": _BODY,
        "heading1": Face("黑体", "黑体", BODY_PT),
        "heading2": Face("楷体_GB2312", "楷体_GB2312", BODY_PT),
        "caption": Face("黑体", "黑体", CAPTION_PT),
        "table": _TABLE,
        "table_header": replace(_TABLE, bold=True),
        "page_number": Face("宋体", "宋体", PAGE_NUMBER_PT),  # 7.5: 半角宋体阿拉伯数字
    },
    "en": {
        "title": Face("方正小标宋简体", TIMES, TITLE_PT, latin_emphasis="bold"),
        "body": _BODY,
        "heading1": Face("黑体", "Arial", BODY_PT, latin_emphasis="bold"),
        "heading2": Face("楷体_GB2312", TIMES, BODY_PT, latin_emphasis="italic"),
        "caption": Face("黑体", "Arial", CAPTION_PT),
        "table": _TABLE,
        "table_header": replace(_TABLE, bold=True),
        "page_number": Face("宋体", TIMES, PAGE_NUMBER_PT),
    },
}

# Characters set in the East Asian face: CJK ideographs, kana, hangul, full-width forms, CJK punctuation.
_EAST_ASIAN_RUN = re.compile(
    r"([\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]+)"
)


@dataclass(frozen=True)
class Look:
    """A paragraph's properties, in twips where they are lengths."""

    align: Literal["both"] | Align = "both"  # both: justified
    line: int | None = LINE_PITCH  # exact, in twips; None: single spacing
    first_line_indent: bool = False  # two characters
    left: int = 0
    right: int = 0
    space_before: int = 0
    space_after: int = 0
    keep_with_next: bool = False
    outline_level: int | None = None  # 0 for level-1 headings
    auto_space: bool = True  # the extra space Word and WPS put between Chinese and Latin text or digits


BODY_LOOK = Look(first_line_indent=True)
TITLE_LOOK = Look(align="center")
HEADING_LOOK = replace(BODY_LOOK, keep_with_next=True)
CAPTION_LOOK = Look(align="center", keep_with_next=True)
FIGURE_LOOK = Look(align="center", line=None, keep_with_next=True, space_before=LINE_PITCH // 2)
FIGURE_CAPTION_LOOK = Look(align="center", space_after=LINE_PITCH // 2)


def write_docx(document: OfficialDocument, target: Path) -> Path:
    """Write `document` to `target` whole or not at all (see `outfiles.write_atomically`); returns `target`."""
    target = Path(target)
    with output_errors(target):
        package = reproducible_bytes(build(document))
        return write_atomically(target, lambda temp: temp.write_bytes(package))


def build(document: OfficialDocument) -> WordDocument:
    """The python-docx document for `document`, laid out as the module docstring says."""
    document = inert_document(document)
    faces = FACES[document.lang]
    word = docx.Document()
    _set_up_page(word)
    _set_defaults(word, faces["body"], document.lang)
    _set_properties(word, document)
    _write_heading_block(word, document, faces)
    for block in walk(document.blocks):
        _write_block(word, block, faces, document.lang)
    _write_signature(word, document, faces["body"])
    if document.record is not None:
        _write_record(word, document.record, replace(faces["body"], size=RECORD_PT), document.lang)
    _write_page_numbers(word, faces["page_number"], document.lang)
    return word


# -- Page, defaults and properties


def _set_up_page(word: WordDocument) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.footer_distance = FOOTER_DISTANCE
    section.header_distance = Mm(15)  # unused (no header); kept well inside the top margin
    word.settings.odd_and_even_pages_header_footer = True


def _set_defaults(word: WordDocument, body: Face, lang: Lang) -> None:
    """Document defaults and the Normal style in the body face, so empty paragraphs, empty cells and text
    an editor adds later agree with the body. The template's defaults name theme fonts (Calibri, and a
    Japanese face for East Asian text), which would win over an explicit name in the same element."""
    styles = word.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    _replace_child(defaults.find(qn("w:rPrDefault")), "w:rPr", run_properties(body, lang))
    _replace_child(defaults.find(qn("w:pPrDefault")), "w:pPr", paragraph_properties(Look(align="left", line=None)))
    normal = word.styles["Normal"].element
    normal.get_or_add_pPr()  # created where a style's schema puts them, then replaced
    normal.get_or_add_rPr()
    _replace_child(normal, "w:pPr", paragraph_properties(Look()))
    _replace_child(normal, "w:rPr", run_properties(body, lang))
    theme_lang = word.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")  # the template's is ja-JP: a Japanese face for theme text


def _set_properties(word: WordDocument, document: OfficialDocument) -> None:
    """The file's properties say what it is, and nothing that changes from one run to the next."""
    properties = word.core_properties
    properties.title = one_line(document.title, document.lang)
    properties.author = document.issuer or ""
    properties.comments = ""  # the template's "generated by python-docx"
    properties.last_modified_by = ""
    properties.revision = 1
    properties.language = "zh-CN" if document.lang == "zh" else "en-US"
    core = word.part.package.part_related_by(RT.CORE_PROPERTIES).element
    for name in ("dcterms:created", "dcterms:modified"):  # the template's 2013 dates
        for element in core.findall(qn(name)):
            core.remove(element)
    package_rels = word.part.package.rels
    for rel_id in [key for key, rel in package_rels.items() if rel.reltype == RT.THUMBNAIL]:
        del package_rels[rel_id]  # the template's preview picture, which is not this document


def reproducible_bytes(word: WordDocument) -> bytes:
    """The saved package with every zip entry dated ZIP_DATE, so equal documents are equal files."""
    saved = io.BytesIO()
    word.save(saved)
    repacked = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(repacked, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED  # a bare ZipInfo is stored uncompressed (1 MB, not 0.1)
            target.writestr(info, source.read(entry))
    return repacked.getvalue()


# -- Blocks


def _write_heading_block(word: WordDocument, document: OfficialDocument, faces: dict[Role, Face]) -> None:
    """The title and subtitle lines, centred, with one blank line (a line pitch) after the last of them."""
    lines: list[tuple[str, Face]] = [(document.title, faces["title"])]
    lines += [(line, faces["body"]) for line in document.subtitle]
    for number, (text, face) in enumerate(lines, start=1):
        last = number == len(lines)
        look = replace(TITLE_LOOK, space_after=LINE_PITCH if last else 0)
        add_text(_paragraph(word, look), text, face, document.lang)
    if document.recipients:  # 7.3.3: flush left under the title's blank line, lines turning flush left too
        add_text(_paragraph(word, Look(align="left")), document.recipients, faces["body"], document.lang)


def _write_block(word: WordDocument, block: str | Table | Image | Section, faces: dict[Role, Face], lang: Lang) -> None:
    if isinstance(block, Section):
        role: Role = "heading1" if block.level == 1 else "heading2"
        look = replace(HEADING_LOOK, outline_level=block.level - 1)
        add_text(_paragraph(word, look), block.heading, faces[role], lang)
    elif isinstance(block, Table):
        _write_table(word, block, faces, lang)
    elif isinstance(block, Image):
        _write_image(word, block, faces, lang)
    else:
        add_text(_paragraph(word, BODY_LOOK), block, faces["body"], lang)


def _write_image(word: WordDocument, image: Image, faces: dict[Role, Face], lang: Lang) -> None:
    picture = _paragraph(word, FIGURE_LOOK).add_run().add_picture(io.BytesIO(image.png), width=Cm(image.width_cm))
    picture._inline.docPr.set("descr", image.alt)
    add_text(_paragraph(word, FIGURE_CAPTION_LOOK), image.caption, faces["caption"], lang)


def _write_signature(word: WordDocument, document: OfficialDocument, body: Face) -> None:
    """GB/T 9704-2012 7.3.5.2 (no seal): one blank line after the text, the issuer two characters in from
    the right, the date on the next line starting two characters right of the issuer's first character;
    when that would bring the date closer than two characters to the margin, both move left."""
    issuer, date = document.issuer or "", document.date or ""
    if not issuer and not date:
        return
    issuer_right, date_right = signature_indents(_width_in_characters(issuer), _width_in_characters(date))
    lines = [(issuer, issuer_right), (date, date_right)]
    lines = [(text, right) for text, right in lines if text]
    for number, (text, right) in enumerate(lines):
        # Without the space between Chinese and digits, a line is as wide as _width_in_characters says.
        look = Look(align="right", right=round(right * CHARACTER), keep_with_next=number < len(lines) - 1)
        look = replace(look, auto_space=False)
        look = replace(look, space_before=LINE_PITCH if number == 0 else 0)
        add_text(_paragraph(word, look), text, body, document.lang)


def signature_indents(issuer_width: float, date_width: float) -> tuple[float, float]:
    """The right indents, in characters, of the issuer and the date (widths in characters too)."""
    date_right = max(2.0, issuer_width - date_width)
    return date_right + date_width + 2 - issuer_width, date_right


def _width_in_characters(text: str) -> float:
    """Text width in body characters: East Asian characters are one, others (digits, Latin) about half."""
    return sum(1.0 if _EAST_ASIAN_RUN.fullmatch(char) else 0.5 for char in text)


# -- The 版记


# The 版记's text stands one of its own characters in from the rules' ends, which run the type area's width.
RECORD_INSET = "\u3000"


def _write_record(word: WordDocument, record: Record, face: Face, lang: Lang) -> None:
    """GB/T 9704-2012 7.4 at the foot of the last page (a frame anchored to the bottom margin): the 抄送
    line one character in, then the 印发机关 one character in from the left and the 印发日期 one character in
    from the right, between a thick rule above, a thin one between and a thick one below, each as wide as
    the type area (so the paragraphs have no indent, and the inset is a full-width space)."""
    lines: list[tuple[str, bool]] = []
    if record.copied_to:
        lines.append((RECORD_INSET + record.copied_to, False))
    lines.append((f"{RECORD_INSET}{record.printed_by}\t{record.printed_on}", True))
    for number, (text, tabbed) in enumerate(lines):
        first, last = number == 0, number == len(lines) - 1
        look = Look(align="left", line=LINE_PITCH, keep_with_next=not last)
        paragraph = _paragraph(word, replace(look, auto_space=False))
        properties = _element(paragraph).find(qn("w:pPr"))
        _record_layout(properties, top=THICK_RULE if first else None, bottom=THICK_RULE if last else THIN_RULE,
                       right_tab=tabbed)  # fmt: skip
        add_text(paragraph, text, face, lang)


def _record_layout(properties: BaseOxmlElement, *, top: int | None, bottom: int, right_tab: bool) -> None:
    """A 版记 paragraph's frame, rules and tab stop, inserted where the schema puts them (after keepNext)."""
    frame = OxmlElement("w:framePr")
    for name, value in (("w", str(TEXT_WIDTH.twips)), ("wrap", "notBeside"), ("vAnchor", "margin"),
                        ("hAnchor", "margin"), ("xAlign", "center"), ("yAlign", "bottom")):  # fmt: skip
        frame.set(qn(f"w:{name}"), value)
    borders = OxmlElement("w:pBdr")
    for edge, size in (("top", top), ("bottom", bottom)):
        if size is not None:
            rule = OxmlElement(f"w:{edge}")
            for name, value in (("val", "single"), ("sz", str(size)), ("space", "1"), ("color", "auto")):
                rule.set(qn(f"w:{name}"), value)
            borders.append(rule)
    added = [frame, borders]
    if right_tab:
        tabs, stop = OxmlElement("w:tabs"), OxmlElement("w:tab")
        stop.set(qn("w:val"), "right")
        stop.set(qn("w:pos"), str(TEXT_WIDTH.twips - RECORD_PT * 20))  # one 四号 character in from the right
        tabs.append(stop)
        added.append(tabs)
    at = 1 if properties.find(qn("w:keepNext")) is not None else 0
    for offset, element in enumerate(added):
        properties.insert(at + offset, element)


# -- Tables


def _write_table(word: WordDocument, table: Table, faces: dict[Role, Face], lang: Lang) -> None:
    if table.caption:
        add_text(_paragraph(word, CAPTION_LOOK), table.caption, faces["caption"], lang)
    grid = word.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False  # fixed layout: Word keeps the widths and lays out long tables quickly
    _add_borders(grid)
    widths = column_widths(table, TEXT_WIDTH.twips)
    _set_width(grid, TEXT_WIDTH.twips)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Twips(width)
    header, *body = grid.rows
    _fill_row(header, table.columns, widths, ["center"] * len(widths), faces["table_header"], lang)
    _mark_row(header, repeat=True)
    alignments = [table.column_align(column) for column in range(len(widths))]
    for row, cells in zip(body, table.rows, strict=True):
        _fill_row(row, cells, widths, alignments, faces["table"], lang)
        _mark_row(row, repeat=False)


def column_widths(table: Table, total: int) -> list[int]:
    """Column widths in twips from the table's relative widths; they add up to `total` exactly. A column
    kept whole (`Table.whole`: a date, a light) is made as wide as its longest cell, so 7月24日 or 进度滞后
    never breaks; the other columns share what is left by their relative widths."""
    shares = table.relative_widths()
    least = {column: _one_line_width(table, column) for column in table.whole}
    widths = [round(total * share) for share in shares]
    if any(widths[column] < need for column, need in least.items()):
        fixed = {column: max(need, widths[column]) for column, need in least.items()}
        free = [column for column in range(len(widths)) if column not in fixed]
        left, share_left = total - sum(fixed.values()), sum(shares[column] for column in free)
        widths = [fixed[c] if c in fixed else round(left * shares[c] / share_left) for c in range(len(widths))]
    return [*widths[:-1], total - sum(widths[:-1])]


def _one_line_width(table: Table, column: int) -> int:
    """Twips a column needs to hold its longest cell on one line, margins included."""
    longest = max((_width_in_characters(row[column]) for row in table.rows), default=0.0)
    return round(longest * TABLE_PT * 20) + CELL_MARGINS + 20


def _fill_row(
    row: _Row, texts: tuple[str, ...], widths: list[int], alignments: list[Align], face: Face, lang: Lang
) -> None:
    for cell, text, width, align in zip(row.cells, texts, widths, alignments, strict=True):
        cell.width = Twips(width)
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        paragraph = cell.paragraphs[0]
        _set_look(paragraph, Look(align=align, line=TABLE_LINE))
        add_text(paragraph, text, face, lang)


def _mark_row(row: _Row, *, repeat: bool) -> None:
    """No row breaks across a page (a row is a few lines at most); the header row repeats on every page."""
    properties = _element(row).get_or_add_trPr()
    properties.append(_on("w:cantSplit"))
    if repeat:
        properties.append(_on("w:tblHeader"))


def _set_width(grid: DocxTable, twips: int) -> None:
    width = _element(grid).tblPr.find(qn("w:tblW"))
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(twips))


def _add_borders(grid: DocxTable) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{edge}")
        for name, value in (("val", "single"), ("sz", str(BORDER_EIGHTHS)), ("space", "0"), ("color", "auto")):
            border.set(qn(f"w:{name}"), value)
        borders.append(border)
    properties = _element(grid).tblPr
    properties.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption")


# -- Page numbers


def _write_page_numbers(word: WordDocument, face: Face, lang: Lang) -> None:
    section = word.sections[0]
    odd = Look(align="right", line=PAGE_NUMBER_LINE, right=CHARACTER)
    even = Look(align="left", line=PAGE_NUMBER_LINE, left=CHARACTER)
    _page_number(section.footer.paragraphs[0], odd, face, lang, shown="1")
    _page_number(section.even_page_footer.paragraphs[0], even, face, lang, shown="2")


def _page_number(paragraph: Paragraph, look: Look, face: Face, lang: Lang, shown: str) -> None:
    """ "— N —" with N a PAGE field; `shown` is the value a reader that does not update fields displays."""
    _set_look(paragraph, look)
    add_text(paragraph, "— ", face, lang)
    for kind in ("begin", "instruction", "separate", "result", "end"):
        run = paragraph.add_run()
        run.element.insert(0, run_properties(face, lang))
        if kind == "instruction":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = " PAGE "
            run.element.append(instruction)
        elif kind == "result":
            run.text = shown
        else:
            run.element.append(_field_char(kind))
    add_text(paragraph, " —", face, lang)


def _field_char(kind: str) -> BaseOxmlElement:
    field_char = OxmlElement("w:fldChar")
    field_char.set(qn("w:fldCharType"), kind)
    return field_char


# -- Paragraphs and runs


def _paragraph(word: WordDocument, look: Look) -> Paragraph:
    paragraph = word.add_paragraph()
    _set_look(paragraph, look)
    return paragraph


def _set_look(paragraph: Paragraph, look: Look) -> None:
    _replace_child(_element(paragraph), "w:pPr", paragraph_properties(look), first=True)


def add_text(paragraph: Paragraph, text: str, face: Face, lang: Lang) -> None:
    """Runs for `text` in `face`. A line break in the text is a line break in the paragraph (w:br)."""
    for chunk, emphasised in _emphasis_chunks(text, face):
        run = paragraph.add_run(chunk)
        run.element.insert(0, run_properties(face, lang, emphasised=emphasised))


def _emphasis_chunks(text: str, face: Face) -> list[tuple[str, bool]]:
    """The text split where Latin emphasis starts and stops: East Asian stretches are never emphasised."""
    if not face.latin_emphasis:
        return [(text, False)] if text else []
    return [(chunk, not _EAST_ASIAN_RUN.fullmatch(chunk)) for chunk in _EAST_ASIAN_RUN.split(text) if chunk]


def run_properties(face: Face, lang: Lang, *, emphasised: bool = False) -> BaseOxmlElement:
    """w:rPr for `face`, its children in the schema's order (Word refuses a file with them out of order)."""
    properties = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for slot, name in (("ascii", face.latin), ("hAnsi", face.latin), ("eastAsia", face.east_asian)):
        fonts.set(qn(f"w:{slot}"), name)
    fonts.set(qn("w:cs"), face.latin)
    if lang == "zh":
        fonts.set(qn("w:hint"), "eastAsia")  # “” — … in the Chinese face, full width
    properties.append(fonts)
    if face.bold or (emphasised and face.latin_emphasis == "bold"):
        properties.append(_on("w:b"))
    if emphasised and face.latin_emphasis == "italic":
        properties.append(_on("w:i"))
    for name in ("w:sz", "w:szCs"):
        properties.append(_valued(name, str(round(face.size * 2))))  # half-points
    language = _valued("w:lang", "en-US")
    language.set(qn("w:eastAsia"), "zh-CN")
    properties.append(language)
    return properties


def paragraph_properties(look: Look) -> BaseOxmlElement:
    """w:pPr for `look`, its children in the schema's order."""
    properties = OxmlElement("w:pPr")
    if look.keep_with_next:
        properties.append(_on("w:keepNext"))
    if not look.auto_space:
        properties.extend([_valued("w:autoSpaceDE", "0"), _valued("w:autoSpaceDN", "0")])
    spacing = OxmlElement("w:spacing")
    line, rule = (str(look.line), "exact") if look.line is not None else ("240", "auto")
    for name, value in (("before", str(look.space_before)), ("after", str(look.space_after)), ("line", line)):
        spacing.set(qn(f"w:{name}"), value)
    spacing.set(qn("w:lineRule"), rule)
    properties.append(spacing)
    properties.append(_indentation(look))
    properties.append(_valued("w:jc", look.align))
    if look.outline_level is not None:
        properties.append(_valued("w:outlineLvl", str(look.outline_level)))
    return properties


def _indentation(look: Look) -> BaseOxmlElement:
    indentation = OxmlElement("w:ind")
    indentation.set(qn("w:left"), str(look.left))
    indentation.set(qn("w:right"), str(look.right))
    if look.first_line_indent:
        # Both forms: firstLineChars is what Word and WPS show as "首行缩进 2 字符" and follow when the size
        # changes; firstLine is the same length for readers that know only lengths.
        indentation.set(qn("w:firstLineChars"), "200")
        indentation.set(qn("w:firstLine"), str(2 * CHARACTER))
    return indentation


# -- XML helpers


def _element(item: Paragraph | DocxTable | _Row) -> BaseOxmlElement:
    """The XML behind a python-docx paragraph, table or row. python-docx has no public accessor for these
    (it has for runs and documents), and the layout needs properties it does not model: character-based
    indents, outline levels, table borders, repeated header rows."""
    return item._element


def _replace_child(parent: BaseOxmlElement, tag: str, new: BaseOxmlElement, *, first: bool = False) -> None:
    old = parent.find(qn(tag))
    if old is not None:
        old.addprevious(new)
        parent.remove(old)
    elif first:
        parent.insert(0, new)
    else:
        parent.append(new)


def _on(tag: str) -> BaseOxmlElement:
    return OxmlElement(tag)  # an on/off property is on by being present


def _valued(tag: str, value: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    element.set(qn("w:val"), value)
    return element
