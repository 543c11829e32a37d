"""The label and message catalogue: Chinese by default, English on request.

Every user-facing word goes through `t(key, **params)`. The plan's own text (titles, unit names, notes)
is data and is never translated. The language is chosen once per process by the CLI (`--lang`, else
`JSJ_LANG`, else zh); core code that raises errors calls `t()` so the sentence is in the user's language.
Other modules add their own entries with `register()`, so each catalogue sits beside the code that uses it.
"""

import os

LANGUAGES = ("zh", "en")

_catalogue: dict[str, tuple[str, str]] = {}
_lang = "zh"


def register(entries: dict[str, tuple[str, str]]) -> None:
    """Add (zh, en) message pairs; keys must be new so two modules cannot silently fight over one."""
    clash = set(entries) & set(_catalogue)
    if clash:
        raise ValueError(f"duplicate i18n keys: {sorted(clash)}")
    _catalogue.update(entries)


def set_lang(lang: str | None) -> str:
    """Choose the language: the argument, else JSJ_LANG, else zh. Returns the language in force."""
    global _lang
    chosen = (lang or os.environ.get("JSJ_LANG") or "zh").strip().lower()
    if chosen.startswith("zh") or chosen.startswith("cn"):
        chosen = "zh"
    elif chosen.startswith("en"):
        chosen = "en"
    if chosen not in LANGUAGES:
        chosen = "zh"
    _lang = chosen
    return _lang


def lang() -> str:
    return _lang


def t(key: str, **params: object) -> str:
    """The message for `key` in the current language, formatted with `params`."""
    zh, en = _catalogue[key]
    text = en if _lang == "en" else zh
    return text.format(**params) if params else text


def join(items: list[str]) -> str:
    """A list as one would write it in the current language: 、 in Chinese, comma in English."""
    return (", " if _lang == "en" else "、").join(items)
