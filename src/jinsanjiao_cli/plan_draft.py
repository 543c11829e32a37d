"""Drafting a plan.yaml from an official plan text: what the text settles is written, the rest left to a person.

Chinese work plans share one layout: a cover letter (addressees, 《title》, issuer, date), the plan's title
and preamble, parts 一、二、…, sections (一)(二)…, numbered items 1. 2. … each ending with its
(责任单位:…) list, lead unit first, and a 抄送 line. This module reads that layout from a .txt or .docx file
into a Draft, then writes the Draft as YAML. Whatever the text cannot settle (a unit's full name, aliases,
projects, the details of a target) is written as a `# TODO:` comment, never as an invented value, so the
draft passes `jsj plan check` as soon as each TODO is resolved or left empty.
"""

import datetime as dt
import json
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from jinsanjiao_cli.core.errors import PlanError
from jinsanjiao_cli.core.values import date_from_text, fold
from jinsanjiao_cli.io.plan_yaml import shown
from jinsanjiao_cli.text.i18n import t

# An official text is tens of kilobytes; a .docx with pictures a few megabytes. Larger is not a plan text.
MAX_SOURCE_BYTES = 20 * 1024 * 1024

# Official texts use full-width punctuation, some (like the bundled plan) ASCII; both are matched. The
# full-width forms are written as escapes because they look just like the ASCII ones: （ ） ， ： ；
_OPEN, _CLOSE, _COLON = "(\uff08", ")\uff09", ":\uff1a"
_LIST_BREAK = ",\uff0c;\uff1b"  # between groups of units; 、 separates units within a group
_CN_NUMBER = "一二三四五六七八九十百"
_PART = re.compile(rf"([{_CN_NUMBER}]+)、\s*([^。]{{1,40}})")
_SECTION = re.compile(rf"([{_OPEN}][{_CN_NUMBER}]+[{_CLOSE}])\s*([^。]{{1,40}})")
_ITEM = re.compile(r"(\d{1,3})[.\uff0e、](?!\d)\s*(.+)")
_CLAUSE = re.compile(rf"[{_OPEN}]责任单位[{_COLON}]([^{_OPEN}{_CLOSE}]+)[{_CLOSE}]$")
_OTHER_CLAUSE = re.compile(rf"[{_OPEN}](?:牵头|配合|参与|主责)单位[{_COLON}]")
_SUBJECT = re.compile(rf"(?:^|[。\n])([^。{_LIST_BREAK}\n]{{2,80}}?)是[^。]*?责任主体")
_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]")
_DISCLOSURE = re.compile(rf"[{_OPEN}]此[文件](.+?)[{_CLOSE}]")
_COPIED = re.compile(rf"抄送[{_COLON}](.+?)。?")
_TITLE_MENTION = re.compile(r"《([^《》]+)》")
_BY_YEAR = re.compile(r"(?:到|至)(\d{4})年")
_TARGET_HINT = re.compile(
    r"年均(?:增长|增速)[^。;\uff1b]*?\d+(?:\.\d+)?[%\uff05]|(?:达到|突破|超过|提高到|提高至|提升到|提升至)[^。;\uff1b]*?\d"
)


@dataclass
class DraftPart:
    no: int
    numeral: str
    title: str
    text: list[str] = field(default_factory=list)  # prose paragraphs, for a part without items
    counted: bool | None = None  # None: the text does not suggest either way


@dataclass
class DraftSection:
    no: int
    numeral: str
    title: str


@dataclass
class DraftItem:
    no: int
    part: int
    section: int | None
    paragraphs: list[str]
    title: str = ""
    text: str = ""
    responsible_as_written: str | None = None
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    units_from: str | None = None  # "responsible" (责任单位), "subject" (责任主体) or None
    other_clause: bool = False  # a responsibility clause in another form (牵头单位…), left to a person


@dataclass
class DraftMeta:
    title: str | None = None
    issuer: str | None = None
    issued_on: dt.date | None = None
    recipients: list[str] = field(default_factory=list)
    copied_to: list[str] = field(default_factory=list)
    disclosure: str | None = None
    preamble: str | None = None
    end_year: int | None = None  # from the first 到YYYY年 in the body: the plan's horizon


@dataclass
class Draft:
    source: str
    meta: DraftMeta
    parts: list[DraftPart]
    sections: list[DraftSection]
    items: list[DraftItem]
    unplaced: list[str]  # body paragraphs that belong to no part text or item
    target_candidates: list[tuple[str, str]]  # (where, sentence)

    @property
    def units(self) -> list[str]:
        """Every unit the items name, in order of first mention."""
        return list(dict.fromkeys(name for item in self.items for name in [*item.lead, *item.support]))


# ---------------------------------------------------------------- reading the source


def read_paragraphs(path: Path) -> list[str]:
    """The non-empty paragraphs of a .txt (UTF-8 or GB18030) or .docx plan text, trimmed."""
    file = shown(path)
    _check_size(path, file)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        paragraphs = _docx_paragraphs(path, file)
    elif suffix in (".txt", ".text", ""):
        paragraphs = _decoded(path.read_bytes(), file).splitlines()
    else:
        raise PlanError(t("draft.kind", file=file))
    return [text.strip() for text in paragraphs if text.strip()]


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


def _docx_paragraphs(path: Path, file: str) -> list[str]:
    """The body paragraphs of a .docx, refusing a document whose XML expands beyond any real plan."""
    try:
        with zipfile.ZipFile(path) as archive:
            expanded = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise PlanError(t("draft.bad_docx", file=file, error=exc)) from exc
    if expanded > MAX_SOURCE_BYTES:  # read from the zip directory, before anything is decompressed
        raise PlanError(t("draft.too_large", file=file, size=expanded, limit=MAX_SOURCE_BYTES))
    import docx  # python-docx is needed only here

    try:
        return [paragraph.text for paragraph in docx.Document(str(path)).paragraphs]
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors … for a broken package
        raise PlanError(t("draft.bad_docx", file=file, error=exc)) from exc


# ---------------------------------------------------------------- the layout of the text


def draft_plan(paragraphs: list[str], source: str = "") -> Draft:
    """Read the plan's layout from its paragraphs."""
    starts = [index for index, text in enumerate(paragraphs) if _PART.fullmatch(text)]
    if not starts:
        raise PlanError(t("draft.no_parts", file=source))
    body_end = _body_end(paragraphs, starts[0])
    meta = _meta(paragraphs[: starts[0]], paragraphs)
    parts, sections, items, unplaced = _structure(paragraphs[starts[0] : body_end])
    for item in items:
        _split_item(item)
    for part in parts:
        part.counted = _counted(part, items)
    meta.end_year = _end_year(paragraphs[starts[0] : body_end])
    return Draft(source, meta, parts, sections, items, unplaced, _target_candidates(parts, items))


def _body_end(paragraphs: list[str], start: int) -> int:
    """Where the plan's body ends: at the 抄送 line, or at a signature date after the body."""
    for index in range(start, len(paragraphs)):
        if _COPIED.fullmatch(paragraphs[index]) or _DATE.fullmatch(paragraphs[index]):
            return index - 1 if index > start and _looks_like_issuer(paragraphs[index - 1]) else index
    return len(paragraphs)


def _looks_like_issuer(text: str) -> bool:
    return len(text) <= 40 and not re.search(f"[。{_COLON}{_LIST_BREAK}]", text) and not _ITEM.fullmatch(text)


def _meta(front: list[str], paragraphs: list[str]) -> DraftMeta:
    """The cover letter and title block before the first part, with the 抄送 line from anywhere."""
    meta = DraftMeta()
    title_at = _title_line(front)
    if title_at is not None:
        meta.title, meta.preamble = front[title_at], "\n".join(front[title_at + 1 :]) or None
    if front and front[0][-1] in _COLON:
        meta.recipients = split_units(front[0][:-1])
    meta.issuer, meta.issued_on = _signature(paragraphs)
    meta.disclosure = next((m[1] for text in front if (m := _DISCLOSURE.fullmatch(text))), None)
    meta.copied_to = next((split_units(m[1]) for text in paragraphs if (m := _COPIED.fullmatch(text))), [])
    return meta


def _title_line(front: list[str]) -> int | None:
    """The line that states the title: one that repeats a 《title》 of the cover letter, else (a text with no
    cover letter) the first line that is no sentence, addressee line, date or disclosure."""
    mentioned = {title for text in front for title in _TITLE_MENTION.findall(text)}
    if repeated := [index for index, text in enumerate(front) if text in mentioned]:
        return repeated[0]
    signature = [index - 1 for index, text in enumerate(front) if _DATE.fullmatch(text)]
    for index, text in enumerate(front):
        plain = not re.search(f"[。{_COLON}]", text) and not _DISCLOSURE.fullmatch(text)
        if plain and not _DATE.fullmatch(text) and index not in signature:
            return index
    return None


def _signature(paragraphs: list[str]) -> tuple[str | None, dt.date | None]:
    """The issuer and date: a paragraph that is only a date, and the short line above it."""
    for index, text in enumerate(paragraphs):
        if _DATE.fullmatch(text):
            day = date_from_text(fold(text))
            above = paragraphs[index - 1] if index else ""
            issuer = above if above and _looks_like_issuer(above) else None
            return issuer, day if isinstance(day, dt.date) else None
    return None, None


def _structure(body: list[str]) -> tuple[list[DraftPart], list[DraftSection], list[DraftItem], list[str]]:
    """Parts, sections and items in document order; prose goes to its part, or to the item it follows."""
    parts: list[DraftPart] = []
    sections: list[DraftSection] = []
    items: list[DraftItem] = []
    unplaced: list[str] = []
    section: int | None = None
    for text in body:
        if heading := _PART.fullmatch(text):
            parts.append(DraftPart(len(parts) + 1, heading[1], heading[2].strip()))
            section = None
        elif heading := _SECTION.fullmatch(text):
            sections.append(DraftSection(len(sections) + 1, heading[1], heading[2].strip()))
            section = len(sections)
        elif numbered := _ITEM.fullmatch(text):
            items.append(DraftItem(int(numbered[1]), len(parts), section, [numbered[2]]))
        elif items and items[-1].part == len(parts) and items[-1].section == section:
            items[-1].paragraphs.append(text)
        elif section is None:
            parts[-1].text.append(text)
        else:
            unplaced.append(text)  # prose under a section heading, before its first item
    return parts, sections, items, unplaced


def _split_item(item: DraftItem) -> None:
    """Title (before the first 。), text, and the responsible units of one item."""
    whole = "\n".join(item.paragraphs)
    if clause := _CLAUSE.search(whole):
        item.responsible_as_written = clause[1]
        whole = whole[: clause.start()]
        units = split_units(clause[1])
        item.lead, item.support, item.units_from = units[:1], units[1:], "responsible"
    title, stop, text = whole.partition("。")
    item.title, item.text = (title, text) if stop else (whole, "")
    item.other_clause = bool(_OTHER_CLAUSE.search(whole))
    if item.units_from is None and (subject := _SUBJECT.search(whole)):
        # "北原市、南湖市人民政府是…的责任主体": the units the item makes responsible, all of them leads.
        item.lead, item.units_from = split_units(subject[1]), "subject"


def _counted(part: DraftPart, items: list[DraftItem]) -> bool | None:
    """A part none of whose items names responsible units reads as safeguards (保障措施): not counted."""
    own = [item for item in items if item.part == part.no]
    if not own:
        return None
    return any(item.units_from == "responsible" for item in own)


def _end_year(body: list[str]) -> int | None:
    # The first 到YYYY年 is the goal's horizon; later ones may look further ahead (到2035年远景目标).
    return next((int(match[1]) for text in body if (match := _BY_YEAR.search(text))), None)


def _target_candidates(parts: list[DraftPart], items: list[DraftItem]) -> list[tuple[str, str]]:
    """Sentences that state a quantity to reach: the targets a person may want to track."""
    texts = [(f"parts[{part.no - 1}]", "\n".join(part.text)) for part in parts]
    texts += [(f"tasks[{index}]", f"{item.title}。{item.text}") for index, item in enumerate(items)]
    return [
        (where, sentence + "。")
        for where, text in texts
        for sentence in re.split(r"[。\n]", text)
        if _TARGET_HINT.search(sentence)
    ]


# ---------------------------------------------------------------- unit lists

_PLACE_LEVEL = "省市县区州盟旗"
# Endings of an organisation's name: a token ending so is a unit in its own right, not a bare place name.
_ORGANISATION_END = "局厅委办会府司院部处所社行队站"


def split_units(written: str) -> list[str]:
    """Unit names from a list such as "省发展改革委、省商务厅,北原市、南湖市人民政府".

    The list is split on commas and semicolons (ASCII and full-width), then on 、. Within one 、 group, bare
    place names before a unit that starts with a place share that unit's suffix: "北原市、南湖市人民政府"
    and "北原、南湖市人民政府" both name 北原市人民政府 and 南湖市人民政府 (place names are mostly two
    characters; a one-character name always keeps its 市 or 县).
    """
    names: list[str] = []
    for group in re.split(f"[{_LIST_BREAK}]", written):
        tokens = [token.strip() for token in group.split("、") if token.strip()]
        if not tokens:
            continue
        place, suffix = _place_and_suffix(tokens[-1])
        for token in tokens[:-1]:
            names.append(_with_suffix(token, place, suffix))
        names.append(tokens[-1])
    return names


def _place_and_suffix(name: str) -> tuple[str, str]:
    """ "南湖市人民政府" → ("南湖市", "人民政府"); ("", "") when the name does not start with a place."""
    match = re.match(rf"([^{_PLACE_LEVEL}]{{1,4}}[{_PLACE_LEVEL}])(.+)", name)
    return (match[1], match[2]) if match else ("", "")


def _with_suffix(token: str, place: str, suffix: str) -> str:
    """The token with the shared suffix when it is a bare place name: 北原 or 北原市, and 吉县 (a one-character
    name always keeps its 县 or 市), but not 省商务厅 or 铁路局."""
    level = place[-1:]
    bare = token.removesuffix(level) if level else ""
    shortest = 1 if token.endswith(level) else 2
    is_place = shortest <= len(bare) <= 4 and not re.search(rf"[{_PLACE_LEVEL}{_ORGANISATION_END}]", bare)
    return f"{bare}{level}{suffix}" if suffix and is_place else token


# ---------------------------------------------------------------- writing the draft as YAML


def draft_yaml(draft: Draft) -> str:
    """The draft as plan.yaml text, every open question a `# TODO:` comment beside the key it concerns."""
    sections = [
        _header(draft),
        _meta_yaml(draft.meta),
        _parts_yaml(draft.parts),
        _sections_yaml(draft.sections),
        _units_yaml(draft.units),
        _tasks_yaml(draft.items),
        _unplaced_yaml(draft.unplaced),
        _targets_yaml(draft.target_candidates),
        _SETTINGS_TODO,
    ]
    return "\n".join(line for block in sections for line in block) + "\n"


_TODO = "# TODO:"
_SETTINGS_TODO = [
    f"{_TODO} settings: lights, role weights, reporting schedule and assessment weights take their defaults;",
    "#   give any that differ (docs/plan-format.md, `settings`).",
]


def _header(draft: Draft) -> list[str]:
    return [
        f"# Drafted by `jsj plan draft` from {Path(draft.source).name or 'the plan text'}.",
        f"# Resolve each `{_TODO}` (or leave it empty), then run `jsj plan check` on this file.",
        '# Format reference: docs/plan-format.md. Keys "no" are quoted: YAML 1.1 reads a bare no: as false.',
        "format: 1",
    ]


def _meta_yaml(meta: DraftMeta) -> list[str]:
    lines = ["plan:"]
    lines.append(_field("title", meta.title, "the plan's title, as in 《…》"))
    lines.append(_field("issuer", meta.issuer, "the issuing body, as signed"))
    lines.append(_field("issued_on", meta.issued_on, "the signature date, YYYY-MM-DD"))
    lines.append(f"  recipients: {_flow(meta.recipients)}")
    lines.append(f"  copied_to: {_flow(meta.copied_to)}")
    if meta.disclosure:
        lines.append(f"  disclosure: {_scalar(meta.disclosure)}")
    lines.append(_field("preamble", meta.preamble, "the paragraph before 一、, if any"))
    lines.append("  period:")
    lines.append(_field("start", meta.issued_on, "when the tasks start", indent=4, note="the issue date"))
    end = dt.date(meta.end_year, 12, 31) if meta.end_year else None
    lines.append(_field("end", end, "when the tasks end", indent=4, note=f"到{meta.end_year}年"))
    return lines


def _field(key: str, value: object, todo: str, indent: int = 2, note: str = "") -> str:
    """`key: value`, or `key:` with a TODO when the text did not give the value."""
    pad = " " * indent
    if value is None or value == "":
        return f"{pad}{key}:  {_TODO} {todo}"
    return f"{pad}{key}: {_scalar(value)}" + (f"  # {note}" if note else "")


def _parts_yaml(parts: list[DraftPart]) -> list[str]:
    lines = ["parts:"]
    for part in parts:
        fields = [f'"no": {part.no}', f"numeral: {_scalar(part.numeral)}", f"title: {_scalar(part.title)}"]
        if part.text:
            fields.append(f"text: {_scalar(chr(10).join(part.text))}")
        if part.counted is False:
            fields.append("counted: false")
        line = f"  - {{{', '.join(fields)}}}"
        if part.counted is False:
            line += f"  {_TODO} confirm: no item here names 责任单位, so these items are drafted as not counted"
        lines.append(line)
    return lines


def _sections_yaml(sections: list[DraftSection]) -> list[str]:
    if not sections:
        return ["sections: []"]
    rows = [f'  - {{"no": {s.no}, numeral: {_scalar(s.numeral)}, title: {_scalar(s.title)}}}' for s in sections]
    return ["sections:", *rows]


def _units_yaml(units: list[str]) -> list[str]:
    lines = ["units:  # every unit the items name, in order of first mention" if units else "units: []"]
    for name in units:
        lines += [
            f"  - name: {_scalar(name)}",
            f"    full_name:  {_TODO} the official full name (the name above is used if left empty)",
            f"    level:  {_TODO} province | city | enterprise | other (other if left empty)",
            f"    aliases: []  {_TODO} short forms users may type",
        ]
    return lines


def _tasks_yaml(items: list[DraftItem]) -> list[str]:
    lines = ["tasks:"]
    for item in items:
        lines += [
            f'  - "no": {item.no}',
            f"    part: {item.part}",
            f"    section: {'null' if item.section is None else item.section}",
            f"    title: {_scalar(item.title)}",
            f"    text: {_scalar(item.text)}",
            f"    responsible_as_written: {_scalar(item.responsible_as_written)}",
            f"    lead: {_flow(item.lead)}{_lead_note(item)}",
            f"    support: {_flow(item.support)}",
            f"    projects: []  {_TODO} the named projects, platforms and events this item lists",
        ]
    return lines


def _lead_note(item: DraftItem) -> str:
    if item.other_clause:
        return f"  {_TODO} the item gives its units in another form than (责任单位:…): fill lead and support"
    if item.units_from == "subject":
        return "  # the units the item names as 责任主体"
    if item.units_from is None:
        return f"  {_TODO} the text names no 责任单位 for this item"
    return ""


def _unplaced_yaml(unplaced: list[str]) -> list[str]:
    if not unplaced:
        return []
    lines = [f"{_TODO} text under a section heading before its first item; place it or drop it:"]
    return lines + [f"#   {text}" for text in unplaced]


def _targets_yaml(candidates: list[tuple[str, str]]) -> list[str]:
    lines = ["targets: []"]
    if candidates:
        lines.append(f"{_TODO} sentences that state a target; encode those to track (docs/plan-format.md):")
        lines += [f"#   {where}: {sentence}" for where, sentence in candidates]
    return lines


def _flow(names: list[str]) -> str:
    return f"[{', '.join(_scalar(name) for name in names)}]"


# Plain YAML is kept for text that starts with a CJK character (or a bracket, as in "(一)") and holds none
# of YAML's indicators; anything else is written double-quoted, in JSON's syntax, which YAML reads alike.
_PLAIN = re.compile(r"(?:[^\x00-\x7f]|\()[^:#,\[\]{}&*!|>'\"%@`\\\n]*")


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text if _PLAIN.fullmatch(text) and text == text.strip() else json.dumps(text, ensure_ascii=False)


def draft_from_file(path: Path) -> tuple[Draft, str]:
    """The draft of the plan text at `path`, and its YAML."""
    draft = draft_plan(read_paragraphs(path), shown(path))
    return draft, draft_yaml(draft)
