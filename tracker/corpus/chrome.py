"""Remove web page chrome around a document: forum frames, site footers, unrelated news tails.

Scraped documents arrive inside the page that carried them. A forum repost starts with the board's
header (签到天数, 帖子, 积分, Rank: …) and ends with the reply box and site footer; a news page ends with
"新闻推荐" / "相关推荐" items about other stories. None of that is the city's text, and figures in it
(积分 145312, a patient's age) must never reach extraction.

The rules are page-structure markers, not knowledge of any particular document:
- a *post start* marker (Discuz-style "发表于 <date> | 显示全部楼层" / "只看该作者") near the top ends
  the header: everything before and on that line goes;
- a *tail* marker on a line of its own (新闻推荐, 相关推荐, 您需要登录后才可以回帖, …) in the second
  half starts the footer: it and everything after go;
- a run of short chrome-vocabulary lines at either end goes too.
Only the ends are trimmed; nothing inside the body is touched, except inline "责任编辑…" bylines
glued to the last sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A forum post's header line: "发表于 2024-3-27 20:37:53 | 显示全部楼层 |阅读模式" and similar.
_POST_START = re.compile(r"^\s*(发表于\s*\d{4}[-/]\d{1,2}[-/]\d{1,2}.*|.*(显示全部楼层|只看该作者|阅读模式).*)$")

# Words without one of which no line is a post start. Most pages have none: looked for in the head
# at once (str `in` skips ahead), they spare testing each of its lines with the pattern, whose
# `.*(…)` tries every position of a line: 2.3% of the instructions of reading a document (prepare,
# extract, count; callgrind over every 8th corpus document).
_POST_START_WORDS = ("发表于", "显示全部楼层", "只看该作者", "阅读模式")

# Lines that begin the page's footer or a list of other stories.
_TAIL_START = re.compile(
    r"^\s*(新闻推荐|相关推荐|相关新闻|相关阅读|推荐阅读|热门推荐|延伸阅读|猜你喜欢|更多精彩|"
    r"您需要登录后才可以回帖.*|本版积分规则|返回列表|快速回复.*|上一篇[:：].*|下一篇[:：].*|"
    r"(版权所有|Copyright|Powered by).*)\s*$"
)

# Short lines made of site vocabulary (navigation, user stats, counters).
_CHROME_LINE = re.compile(
    r"^\s*(设为首页.*|收藏本站|查看[:：]\s*\d+.*|\[复制链接\]|TA的每日心情|签到天数[:：].*|\[LV\.\d+\].*|"
    r"\d+(\.\d+)?[万千]?|主题|帖子|积分|版主|管理员|Rank[:：].*|昨天\s*\d{1,2}:\d{2}|今天\s*\d{1,2}:\d{2}|"
    r"在线时间[:：]?|联系电话[:：]?|在线咨询|客服中心|关闭|周[一二三四五六日]\s*[~～-]\s*周[一二三四五六日]|"
    r"\d{1,2}:\d{2}\s*[-~～]\s*\d{1,2}:\d{2}|[\d-]{7,}|•|·|\|+|大字|中字|小字|分享到[:：]?.*|打印本页|关闭窗口|"
    r"登录|立即注册|回复|举报|返回顶部|点赞|收藏|"
    r"[【\[]?(字号|字体)[:：].*|责任编辑[:：].*|来源[:：].{0,20}|编辑[:：].{0,10})\s*$"
)

# A byline glued to the end of the last paragraph ("…超越。责任编辑冯明关键词").
_INLINE_BYLINE = re.compile(r"(责任编辑[:：]?\s*\S{1,8}(关键词.*)?)\s*$")


@dataclass(frozen=True)
class Trimmed:
    text: str
    removed_chars: int


def _is_chrome(line: str) -> bool:
    return not line.strip() or bool(_CHROME_LINE.match(line))


def remove_chrome(text: str) -> Trimmed:
    """Trim page chrome from both ends of ``text``; count the non-space characters removed."""
    lines = text.split("\n")
    n = len(lines)
    start, end = 0, n

    # Header: the last post-start marker within the first third of the page.
    head = min(n, max(60, n // 3))
    head_text = "\n".join(lines[:head])
    if any(word in head_text for word in _POST_START_WORDS):
        for i in range(head):
            if _POST_START.match(lines[i]):
                start = i + 1
    # Footer: the first tail marker in the second half.
    for i in range(max(start, n // 2), n):
        if _TAIL_START.match(lines[i]):
            end = i
            break
    while start < end and _is_chrome(lines[start]):
        start += 1
    while end > start and _is_chrome(lines[end - 1]):
        end -= 1

    kept = lines[start:end]
    ends_before = _ends(kept)
    if kept:
        # Table-border debris left by scrapers ("| … |") at the very ends.
        kept[0] = re.sub(r"^\s*\|+\s*", "", kept[0])
        kept[-1] = re.sub(r"\s*\|+\s*$", "", kept[-1])
        match = _INLINE_BYLINE.search(kept[-1])
        if match and match.start() > 0:
            kept[-1] = kept[-1][: match.start()]
    # What went: the lines cut at either end, and what the edits took from the first and last kept
    # lines. Counted there rather than as all of the text less all of the body, which counted every
    # character of every document twice (line ends are white space, so joining adds nothing).
    removed = (_visible("\n".join(lines[:start])) + _visible("\n".join(lines[end:]))
               + _visible(ends_before) - _visible(_ends(kept)))
    return Trimmed("\n".join(kept), max(removed, 0))


def _ends(lines: list[str]) -> str:
    """The first and the last of the lines (the one line if there is one), which trimming edits."""
    return "\n".join(lines[:1] + lines[1:][-1:])


_SPACES = (" ", "\n", "\t", "\r", "\u3000", "\xa0", "\f", "\v")


def _visible(text: str) -> int:
    """Characters that are not white space (str.count per space character: no Python loop)."""
    return len(text) - sum(text.count(space) for space in _SPACES)
