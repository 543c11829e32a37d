"""The label and message catalogue: Chinese by default, English on request.

Every user-facing word goes through `t(key, **params)`. The plan's own text (titles, unit names, notes)
is data and is never translated. The language is chosen once per process by the CLI (`--lang`, else
`JSJ_LANG`, else zh); core code that raises errors calls `t()` so the sentence is in the user's language.

The words live in one place per kind: `messages.py` (what jsj says: errors, warnings, confirmations),
`labels.py` (names of things: columns, states, sheet words), `prose.py` (the bulletin's and the notices'
sentences); `wording.py` writes dates, periods and counts as people do.
"""

import os
import string
from contextvars import ContextVar

LANGUAGES = ("zh", "en")

_catalogue: dict[str, tuple[str, str]] = {}
# A context variable, not a global: the web portal serves a Chinese and an English page at the same
# time, each request in its own context; the CLI sets it once for its one context.
_lang: ContextVar[str] = ContextVar("jsj_lang", default="zh")


def _entries() -> dict[str, tuple[str, str]]:
    """The three catalogues as one, loaded on the first `t()`; a key may stand in one of them only."""
    if not _catalogue:
        from jinsanjiao_cli.text.labels import LABELS
        from jinsanjiao_cli.text.messages import MESSAGES
        from jinsanjiao_cli.text.prose import PROSE

        for part in (MESSAGES, LABELS, PROSE):
            clash = set(part) & set(_catalogue)
            if clash:
                raise ValueError(f"text keys in two catalogues: {sorted(clash)}")
            _catalogue.update(part)
    return _catalogue


def set_lang(lang: str | None) -> str:
    """Choose the language: the argument, else JSJ_LANG, else zh. Returns the language in force."""
    chosen = (lang or os.environ.get("JSJ_LANG") or "zh").strip().lower()
    if chosen.startswith("zh") or chosen.startswith("cn"):
        chosen = "zh"
    elif chosen.startswith("en"):
        chosen = "en"
    if chosen not in LANGUAGES:
        chosen = "zh"
    _lang.set(chosen)
    return chosen


def lang() -> str:
    return _lang.get()


def t(key: str, /, **params: object) -> str:
    """The message for `key` in the current language, formatted with `params`. In Chinese a value quoted
    `{name!r}` is shown in Chinese quotation marks (“…”, its control characters escaped as repr does), and
    quotation marks inside a quoted value become the nested ones (‘…’)."""
    zh, en = _entries()[key]
    if _lang.get() == "en":
        return en.format(**params) if params else en
    if not params:
        return zh
    if "“{" in zh:
        params = {name: nested(value) if f"“{{{name}" in zh else value for name, value in params.items()}
    return _ZH_FORMAT.vformat(zh, (), params) if "!r}" in zh else zh.format(**params)


def nested(value: object) -> object:
    """Quotation marks inside a quotation: “ ” become ‘ ’ (GB/T 15834)."""
    return value.replace("“", "‘").replace("”", "’") if isinstance(value, str) else value


def quoted(text: str) -> str:
    """A title or a name quoted in a Chinese sentence: “…”, with any quotation inside it nested as ‘…’."""
    return f"“{nested(text)}”"


class _ZhFormatter(string.Formatter):
    def convert_field(self, value: object, conversion: str | None) -> object:
        if conversion == "r":  # a text quoted, as repr quotes it in English; a number as it is
            return quoted(repr(value)[1:-1]) if isinstance(value, str) else repr(value)
        return super().convert_field(value, conversion)


_ZH_FORMAT = _ZhFormatter()


def join(items: list[str]) -> str:
    """A list as one would write it in the current language: 、 in Chinese, comma in English."""
    return (", " if _lang.get() == "en" else "、").join(items)


def labelled(label: str, text: str) -> str:
    """A value after the name of its field: 最新进展：… in Chinese, "field: …" in English."""
    return f"{label}: {text}" if _lang.get() == "en" else f"{label}：{text}"


def clauses(items: list[str]) -> str:
    """Clauses of one sentence, one per place or subject: ； in Chinese, a semicolon in English."""
    return ("; " if _lang.get() == "en" else "；").join(items)
