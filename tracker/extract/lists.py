"""Subject lists: 工业、民间、技改投资 → 工业投资, 民间投资, 技改投资 (EXTRACTION.md §3.5–3.7).

In a 分别/均 clause the subjects are written as a list that shares words: a head noun on the last
item distributes back (工业、民间、技改投资; 城镇、农村居民人均可支配收入), a prefix on the first
distributes forward (限额以上住宿业、餐饮业营业额). 城乡居民… stands for two subjects (urban, rural)
when the values come in a pair. Completion is tried against the metric lexicon first, so the
completed name is a real metric where one exists; a short list of head nouns is the fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from .lexicon import MetricLexicon

_COMMA_RE: Final = re.compile(r"、|/")
_SPLIT_RE: Final = re.compile(r"以及|和|及|与|跟")
# Head nouns that a list's last item can lend to the shorter items before it.
_HEADS: Final = (
    "人均可支配收入", "可支配收入", "营业收入", "营业额", "增加值", "总产值", "产值", "投资", "收入",
    "销售额", "零售额", "进出口额", "出口额", "进口额", "人数", "人次", "面积", "产量", "总额", "企业",
    "项目", "用地", "贷款", "存款", "排放量", "排放", "消费",
)
_SIZE_PREFIXES: Final = ("限额以上", "规模以上", "规上")
_PREFIXES: Final = ("限额以上", "规模以上", "规上", "全市", "全省", "城镇", "农村")


@dataclass(frozen=True)
class ListItem:
    text: str  # completed subject (for metric lookup and display)
    written: str  # as written in the list
    start: int  # offsets into the document
    end: int

    # Written out for mypyc to compile: see numbers.Quantity.__init__.
    def __init__(self, text: str, written: str, start: int, end: int) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "written", written)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)


def split_subjects(text: str, offset: int, lexicon: MetricLexicon) -> list[ListItem]:
    """Split a subject list on 、 and then on 和/及/与; keep offsets. Empty pieces are dropped.

    A piece that is itself a metric name is not split again (研究与试验发展经费… holds a 与).
    """
    items: list[ListItem] = []
    for pstart, piece in _pieces(text, _COMMA_RE):
        if lexicon.match(piece) is not None:
            items.append(ListItem(piece, piece, offset + pstart, offset + pstart + len(piece)))
            continue
        for qstart, sub in _pieces(piece, _SPLIT_RE):
            items.append(ListItem(sub, sub, offset + pstart + qstart, offset + pstart + qstart + len(sub)))
    return items


def _pieces(text: str, sep: re.Pattern[str]) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for m in sep.finditer(text):
        if text[pos:m.start()].strip():
            out.append((pos, text[pos:m.start()]))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, text[pos:]))
    return out


def complete_items(items: list[ListItem], lexicon: MetricLexicon) -> list[ListItem]:
    """Distribute the last item's head noun back and the first item's prefix forward."""
    if len(items) < 2:
        return items
    last = items[-1].text
    out: list[ListItem] = []
    for it in items[:-1]:
        t = it.text
        if lexicon.match(t) is None and not t.endswith(_HEADS):
            done = None
            for k in range(len(last) - 1, 0, -1):
                cand = t + last[-k:]
                if lexicon.match(cand) is not None:
                    done = cand
                    break
            if done is None:
                for h in _HEADS:
                    if last.endswith(h) and not t.endswith(h):
                        done = t + h
                        break
            t = done or t
        out.append(ListItem(t, it.written, it.start, it.end))
    out.append(items[-1])
    first = out[0].text
    pref = next((p for p in _PREFIXES if first.startswith(p)), None)
    if pref:
        out = [out[0]] + [
            ListItem(pref + it.text, it.written, it.start, it.end)
            if not it.text.startswith(pref) and lexicon.match(it.text) is None
            and (lexicon.match(pref + it.text) is not None or pref in _SIZE_PREFIXES)
            else it
            for it in out[1:]
        ]
    return out


def expand_urban_rural(item: ListItem, lexicon: MetricLexicon) -> list[ListItem] | None:
    """城乡居民人均可支配收入 → [城镇居民…, 农村居民…] when two values need two subjects."""
    t = item.text
    i = t.find("城乡")
    if i < 0:
        return None
    a = t[:i] + "城镇" + t[i + 2:]
    b = t[:i] + "农村" + t[i + 2:]
    if lexicon.match(a) is None or lexicon.match(b) is None:
        return None
    return [ListItem(a, item.written, item.start, item.end), ListItem(b, item.written, item.start, item.end)]
