"""Target candidates: every sentence that states a number to reach, for a person to encode or drop.

增长6.2%左右, 增长7%以上, 不少于100名, 缩短至100个工作日内, 达到120家, 突破1000亿元, 力争…, 年均增长8%:
a quantity word and a number that is not a date (到2026年 alone sets no target).
"""

import re

from jinsanjiao_cli.plans.drafting.model import DraftItem, DraftPart

_QUANTITY_WORDS = re.compile(
    r"(?:增长|增速|提高|提升|下降|降低|减少|增加)\s*(?:到|至)?\s*\d|不少于|不低于|不超过|不高于|以上|以内|以下|"
    r"缩短至|缩短到|压缩至|压缩到|控制在|达到|突破|超过|力争|年均|占比|覆盖率"
)
# Dates and document numbers hold digits but no quantity to reach.
_NOT_QUANTITY = re.compile(
    r"\d{4}\s*[—–\-－~～]\s*\d{4}\s*年|\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?|"
    r"\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|〔\d{4}〕\s*\d+\s*号|第\s*\d+\s*号"
)


def is_target_sentence(sentence: str) -> bool:
    return bool(_QUANTITY_WORDS.search(sentence)) and bool(re.search(r"\d", _NOT_QUANTITY.sub("", sentence)))


def target_candidates(parts: list[DraftPart], items: list[DraftItem]) -> list[tuple[str, str]]:
    """(where, sentence) for each sentence of a part's text or an item that states a quantity to reach."""
    texts = [(f"parts[{part.no - 1}]", "\n".join(part.text)) for part in parts]
    texts += [(f"tasks[{index}]", f"{item.title}。{item.text}") for index, item in enumerate(items)]
    return [
        (where, sentence.strip() + "。")
        for where, text in texts
        for sentence in re.split(r"[。；;\n]", text)
        if sentence.strip() and is_target_sentence(sentence)
    ]
