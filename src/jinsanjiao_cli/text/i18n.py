"""The label and message catalogue: Chinese by default, English on request.

Every user-facing word goes through `t(key, **params)`. The plan's own text (titles, unit names, notes)
is data and is never translated. The language is chosen once per process by the CLI (`--lang`, else
`JSJ_LANG`, else zh); core code that raises errors calls `t()` so the sentence is in the user's language.

The words live in one place per kind: `messages.py` (what jsj says: errors, warnings, confirmations),
`labels.py` (names of things: columns, states, sheet words), `prose.py` (the bulletin's and the notices'
sentences); `wording.py` writes dates, periods and counts as people do.
"""

import os
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


def t(key: str, **params: object) -> str:
    """The message for `key` in the current language, formatted with `params`."""
    zh, en = _entries()[key]
    text = en if _lang.get() == "en" else zh
    return text.format(**params) if params else text


def join(items: list[str]) -> str:
    """A list as one would write it in the current language: 、 in Chinese, comma in English."""
    return (", " if _lang.get() == "en" else "、").join(items)
