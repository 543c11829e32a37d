"""Front matter: the cover notice and title block before the body, the signature and the 抄送 line.

A published plan may open with a letterhead (…人民政府文件), a document number (…〔2024〕3号), the notice's
own title (关于印发《…》的通知), the addressees (各…：, not always the first line), the notice, the issuer
and date, a disclosure line (（此件公开发布）), and then the plan's title, perhaps over two lines, and its
preamble. The title is the line (or two or three lines) that repeats a 《title》 the notice mentions, even
one that holds another 《》 inside; without such a mention, the first line that is no letterhead, number,
notice title, sentence, addressee line or date.
"""

import datetime as dt
import re

from jinsanjiao_cli.core.values import date_from_text, fold
from jinsanjiao_cli.plans.drafting.clauses import is_label_line
from jinsanjiao_cli.plans.drafting.structure import cn_number, item_line
from jinsanjiao_cli.plans.drafting.units import split_units

_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]")
_CN_DATE = re.compile(
    r"([〇零○一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日"
)
_DISCLOSURE = re.compile(r"[(（]此[文件](.+?)[)）]")
_COPIED = re.compile(r"抄送[:：](.+?)。?")
_LETTERHEAD = re.compile(r".{2,40}(?:文件|文电)")
_DOC_NUMBER = re.compile(r".{0,20}[〔\[【(（]\d{4}[〕\]】)）]\s*\d+\s*号")
_NOTICE_TITLE = re.compile(r".*(?:的通知|的函|的批复)")
_PLAN_WORD_END = re.compile(r"(?:方案|计划|要点|清单|意见|措施|细则|规划|办法|分工)(?:[（(][^（）()]*[）)])?")
# A second title line that only qualifies the first: （2024—2026年）, （试行）.
_TITLE_TAIL = re.compile(r"[（(](?:\d{4}\s*[—–\-－]+\s*\d{4}\s*年|试行|暂行|修订|征求意见稿)[）)]")
_BY_YEAR = re.compile(r"(?:到|至)(\d{4})年")
_YEAR_RANGE = re.compile(r"(\d{4})\s*[—–\-－~～至到]+\s*(\d{4})\s*年")
_ONE_YEAR = re.compile(r"(\d{4})\s*年")


def mentions(text: str) -> list[str]:
    """The outermost 《…》 titles of a line, with any 《》 inside them kept (《关于落实《…》的方案》)."""
    found, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "《":
            depth, start = depth + 1, index + 1 if depth == 0 else start
        elif char == "》" and depth:
            depth -= 1
            if depth == 0:
                found.append(text[start:index])
    return found


def _plain(text: str) -> str:
    # The notice may write an inner title with 〈〉 where the title line has 《》, or the reverse.
    return re.sub(r"\s+", "", text).replace("〈", "《").replace("〉", "》")


def title_span(front: list[str]) -> tuple[int, int] | None:
    """The lines [start, end) that state the plan's title."""
    mentioned = {_plain(title) for text in front for title in mentions(text)}
    for start in range(len(front)):
        for size in (1, 2, 3):
            if start + size <= len(front) and _plain("".join(front[start : start + size])) in mentioned:
                return start, start + size
    return _first_plain(front)


def _first_plain(front: list[str]) -> tuple[int, int] | None:
    signatures = {index - 1 for index, text in enumerate(front) if signature_date(text)}
    candidates = [index for index, text in enumerate(front) if _could_be_title(text) and index not in signatures]
    if not candidates:
        return None
    start = candidates[0]
    following = front[start + 1] if start + 1 in candidates else ""
    if _TITLE_TAIL.fullmatch(following) or (
        _PLAN_WORD_END.search(following) and not _PLAN_WORD_END.search(front[start])
    ):
        return start, start + 2  # a title printed over two lines
    return start, start + 1


def _could_be_title(text: str) -> bool:
    if re.search("[。:：]", text) or _DISCLOSURE.fullmatch(text) or signature_date(text):
        return False
    return not any(p.fullmatch(text) for p in (_LETTERHEAD, _DOC_NUMBER, _NOTICE_TITLE)) and len(text) <= 60


def recipients(front: list[str]) -> list[str]:
    """The addressees: the first line ending in a colon, before the notice's first sentence."""
    for text in front:
        if text[-1] in ":：" and "。" not in text and not is_label_line(text):
            return split_units(text[:-1])
        if "。" in text:
            break
    return []


def disclosure(front: list[str]) -> str | None:
    return next((match[1] for text in front if (match := _DISCLOSURE.fullmatch(text))), None)


def copied_to(texts: list[str]) -> list[str]:
    return next((split_units(match[1]) for text in texts if (match := _COPIED.fullmatch(text))), [])


def signature_date(text: str) -> dt.date | None:
    """The date of a line that is only a date: 2024年3月15日, or 二〇二四年三月十五日."""
    if _DATE.fullmatch(text):
        day = date_from_text(fold(text))
        return day if isinstance(day, dt.date) else None
    if match := _CN_DATE.fullmatch(text):
        year = "".join(str(cn_number(c) or 0) for c in match[1])
        try:
            return dt.date(int(year), cn_number(match[2]) or 0, cn_number(match[3]) or 0)
        except ValueError:
            return None
    return None


def signature(texts: list[str]) -> tuple[str | None, dt.date | None]:
    """The issuer and date: the first line that is only a date, and the short line above it."""
    for index, text in enumerate(texts):
        if day := signature_date(text):
            above = texts[index - 1] if index else ""
            return (above if above and looks_like_issuer(above) else None), day
    return None, None


def looks_like_issuer(text: str) -> bool:
    return 0 < len(text) <= 40 and not re.search(r"[。:：,，;；]", text) and not item_line(text, None)


def body_end(texts: list[str], start: int) -> int:
    """Where the body ends: at the 抄送 line, or at a signature date after the body (less its issuer)."""
    for index in range(start, len(texts)):
        if _COPIED.fullmatch(texts[index]) or signature_date(texts[index]):
            return index - 1 if index > start and looks_like_issuer(texts[index - 1]) else index
    return len(texts)


def horizon(body: list[str], title: str | None, deadlines: list[dt.date]) -> tuple[dt.date | None, str]:
    """The plan's end and what it was read from: the first 到YYYY年 of the body (later ones may look
    further ahead, 到2035年远景目标), else the years in the title, else the latest task deadline."""
    if year := next((int(match[1]) for text in body if (match := _BY_YEAR.search(text))), None):
        return dt.date(year, 12, 31), f"到{year}年"
    if title and (match := _YEAR_RANGE.search(title)):
        return dt.date(int(match[2]), 12, 31), f"the title's {match[1]}—{match[2]}年"
    if title and (match := _ONE_YEAR.search(title)):
        return dt.date(int(match[1]), 12, 31), f"the title's {match[1]}年"
    if deadlines:
        return max(deadlines), "the latest 完成时限"
    return None, ""
