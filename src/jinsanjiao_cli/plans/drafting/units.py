"""Unit lists as plans write them: 省发展改革委、省商务厅，北原、南湖市人民政府；各县（市、区）人民政府.

Brackets nest (a name carries its own: 各县（市、区）人民政府), so lists are split only outside them.
"""

import re

# A name that reads as a unit: an organisation's ending, or a group (各…, 有关…); its own (…) allowed.
_UNIT_END = re.compile(
    r"(?:局|厅|委|办|会|府|司|院|部|处|所|社|行|队|站|中心|集团|公司|门|单位|区|县|市|旗|州|盟|镇|乡|街道|组|室|"
    r"署|馆|台|团|校|班|关|库|场|园|企业|机构|平台|银行|小组)(?:[（(][^（）()]*[）)])?$"
)
_OPEN = {"（": "paren", "(": "paren", "〔": "square", "[": "square", "【": "square"}
_CLOSE = {"）": "paren", ")": "paren", "〕": "square", "]": "square", "】": "square"}


def bracket_groups(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of the top-level bracket groups of a text, brackets included. A name's own
    parentheses, as in 各县（市、区）人民政府, stay inside the group that holds them."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for index, char in enumerate(text):
        if char in _OPEN:
            stack.append((_OPEN[char], index))
        elif char in _CLOSE and stack and stack[-1][0] == _CLOSE[char]:
            _, start = stack.pop()
            if not stack:
                spans.append((start, index + 1))
    return spans


def split_top(text: str, separator: str) -> list[str]:
    """`text` split where the regex `separator` matches outside any bracket."""
    pieces: list[str] = []
    depth, start = 0, 0
    pattern = re.compile(separator)
    index = 0
    while index < len(text):
        char = text[index]
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0 and (match := pattern.match(text, index)) and match.end() > index:
            pieces.append(text[start:index])
            start = index = match.end()
            continue
        index += 1
    return [*pieces, text[start:]]


_PLACE_LEVEL = "省市县区州盟旗"
# Endings of an organisation's name: a token ending so is a unit in its own right, not a bare place name.
_ORGANISATION_END = "局厅委办会府司院部处所社行队站"
_LEVEL_WORD = re.compile(r"(?:县级市|县区|县|市|区|旗|乡镇|乡|镇|街道)")
_ETC_GROUP = re.compile(r"(?:省|市|县|区|各|有关|其他|相关).*(?:部门|单位)")
_ETC_GENERIC = re.compile(r"(?:有关|相关|其他)?(?:部门|单位)")


def split_units(written: str) -> list[str]:
    """Unit names from a list such as "省发展改革委、省商务厅,北原市、南湖市人民政府".

    The list is split on commas and semicolons (ASCII and full-width), then on 、 and 及, never inside a
    name's own brackets (各县（市、区）人民政府). 各区、县级市 and 各市、县人民政府 are one group of units.
    Within one 、 group, bare place names before a unit that starts with a place share that unit's suffix:
    "北原市、南湖市人民政府" and "北原、南湖市人民政府" both name 北原市人民政府 and 南湖市人民政府 (place
    names are mostly two characters; a one-character name always keeps its 市 or 县). "A、B等省有关部门"
    names A, B and 省有关部门; a trailing 等 is dropped.
    """
    names: list[str] = []
    for group in split_top(written, r"[,，;；]"):
        tokens = [token.strip(" \t\n。") for token in split_top(group, r"、|以及|及|和(?=各)|与(?=各)")]
        tokens = [name for token in _joined_levels([t for t in tokens if t]) for name in _etc_split(token)]
        if not tokens:
            continue
        place, suffix = _place_and_suffix(tokens[-1])
        names += [_with_suffix(token, place, suffix) for token in tokens[:-1]] + [tokens[-1]]
    return names


def _joined_levels(tokens: list[str]) -> list[str]:
    """各区、县级市 → one token: a short 各… followed by bare level words is one group of units; so is
    市政府各委、办、局, where a single character cannot be a unit of its own."""
    joined: list[str] = []
    for token in tokens:
        previous = joined[-1] if joined else ""
        group = previous.startswith("各") and len(previous.split("、")[-1]) <= 4
        if previous and (len(token) == 1 or (group and not token.startswith("各") and _LEVEL_WORD.match(token))):
            joined[-1] = f"{previous}、{token}"
        else:
            joined.append(token)
    return joined


def _etc_split(token: str) -> list[str]:
    head, etc, rest = token.partition("等")
    if not etc or not head:
        return [token]
    if not rest or _ETC_GENERIC.fullmatch(rest):  # A等, A等有关部门: the others are not named
        return [head]
    return [head, rest] if _ETC_GROUP.fullmatch(rest) else [token]


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


_ORGANISATION = re.compile(r"(?:局|厅|委|办|会|府|司|院|部|社|行|中心|集团|公司|部门|单位|政府|管委会)$")


def lists_organisations(content: str) -> bool:
    """Whether bracketed words are only unit names, one at least an organisation (not 山西片区 or 市、区)."""
    names = split_units(content)
    return all_units(names) and any(_ORGANISATION.search(name) for name in names)


# Words that join or qualify units, never part of a name: 其中市工信局 or 市发展改革委会同市财政局 is no unit.
_CONNECTIVE = re.compile(r"^(?:其中|由|并由|均由|另由)|牵头|配合|负责|会同")


def looks_like_unit(name: str) -> bool:
    if not 2 <= len(name) <= 40 or re.search(r"[。“”\"\s]", name) or _CONNECTIVE.search(name):
        return False
    return name.startswith(("各", "有关")) or bool(_UNIT_END.search(name))


def all_units(names: list[str]) -> bool:
    return bool(names) and all(looks_like_unit(name) for name in names)


# 各有关部门, 市直有关部门, 市直相关单位, 省有关部门, 市政府各部门: a group the text does not name unit by unit
# (unlike 各县（市、区）人民政府 or 各区、县级市, one body of each kind).
_GROUP = re.compile(r"(?:有关|相关|其他|其它|各)(?:部门|单位|机构|方面)$")


def is_group(name: str) -> bool:
    """Whether a name stands for a group of units the text does not name (各有关部门)."""
    return bool(_GROUP.search(name))
