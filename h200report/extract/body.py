"""Cutting the article body out of a web-page capture, by general rules.

A capture is: a header (headline, byline, date, counters), the body paragraphs
with image captions in 【】 between them, then the page's trailer (related
news, tags, pagination, copyright and ICP lines). No line numbers are used: the
rules below recognise each kind of line, so they apply to captures from other
sites too (full-width punctuation and traditional characters are normalised
before matching, CRLF and BOM are removed when the seed is decoded). A page saved
from a browser (``.html``) is first reduced to its main text by trafilatura (see
``html``); the same rules then apply to that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import InputError
from .sources import Seed
from .textnorm import normalise

# A line that ends the article: what follows it is page furniture.
TRAILER_START = re.compile(
    r"^\s*(?:"
    r"相关(?:内容|阅读|新闻|推荐|文章|资讯)|热门(?:资讯|文章|推荐|新闻)|推荐阅读|延伸阅读|猜你喜欢|"
    r"展开阅读全文|阅读全文|返回搜狐|查看更多|上滑加载|责任编辑|免责声明|版权声明|"
    r"(?:标签|更新时间|发布时间|来源|原标题)\s*:|"
    r"related\b|read more\b|more from\b|tags?\s*:|reporting by\b|editing by\b|"
    r"(?:©|\(c\)|copyright\b)|all rights reserved"
    r")",
    re.IGNORECASE,
)
# Lines that are furniture wherever they stand.
CAPTION = re.compile(r"^\s*【[^】]*】\s*$")
CREDIT = re.compile(
    r"^\s*(?:图|图片|配图|视频|摄影|photo|image)\s*(?:来源|源|来自|credit)?\s*[:]", re.IGNORECASE
)
PAGINATION = re.compile(r"^\s*(?:\d+\s+){2,}\d+\s*$")
ICP = re.compile(r"ICP备|公网安备|powered by", re.IGNORECASE)


def _is_icp(norm_line: str) -> bool:
    """An ICP or "powered by" line. A case-blind pattern gets no fast scan from ``re`` (it is
    tried at every character of every line: most of the time of cutting), so two tests in C
    rule most lines out first: no 备 and no "powered by" in lower case, no match."""
    return ("备" in norm_line or "powered by" in norm_line.lower()) and bool(ICP.search(norm_line))


SENTENCE_END = set('。!?;:…"”」』)).!?')
CJK = re.compile(r"[\u3400-\u9fff]")


def _is_paragraph(norm_line: str) -> bool:
    """A line that reads as running text rather than a headline, byline or counter."""
    line = norm_line.strip()
    if not line:
        return False
    cjk = len(CJK.findall(line))
    if cjk >= 10:
        return line[-1] in SENTENCE_END or cjk >= 40
    words = len(line.split())
    return words >= 12 and (line[-1] in '.!?"”' or words >= 25)


@dataclass(frozen=True)
class Furniture:
    kind: str  # header, caption, credit, trailer
    line: int  # 1-based line number in the decoded capture (a page: in its visible text)
    text: str


@dataclass(frozen=True)
class Body:
    source_id: str
    text: str  # body paragraphs joined by "\n"; quotes and spans refer to this
    norm: str  # normalised copy, same length, for matching
    paragraphs: tuple[tuple[int, int], ...]  # (start, end) of each paragraph in text
    furniture: tuple[Furniture, ...] = field(default=())

    def contains(self, quote: str) -> bool:
        return bool(quote) and quote in self.text


def _normalised_lines(lines: list[str]) -> list[str]:
    """``normalise`` of each line, in one call over the whole text (normalising is per
    character, and a newline stays a newline, so the lines split back one for one)."""
    norm_lines = normalise("\n".join(lines)).split("\n")
    if len(norm_lines) != len(lines):  # no lines, or a line holding a newline (from a page)
        norm_lines = [normalise(line) for line in lines]
    return norm_lines


def _cut_lines(
    lines: list[str], norm_lines: list[str], path, skip_headline: bool
) -> tuple[list[int], list[Furniture]]:
    """Indices of the body lines, and the furniture around and between them.

    Running text starts at the first paragraph (after the headline, the first line of a
    capture) and ends at the first trailer line.
    """
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    candidates = nonblank[1:] if skip_headline else nonblank
    start = next((i for i in candidates if _is_paragraph(norm_lines[i])), None)
    if start is None:
        raise InputError(path, "no article body found (no line reads as running text)")
    end = next(
        (
            i
            for i in range(start + 1, len(lines))
            if TRAILER_START.match(norm_lines[i]) or _is_icp(norm_lines[i])
        ),
        len(lines),
    )
    furniture: list[Furniture] = [
        Furniture("caption" if CAPTION.match(norm_lines[i]) else "header", i + 1, lines[i])
        for i in nonblank
        if i < start
    ]
    kept: list[int] = []
    for i in range(start, end):
        line, norm = lines[i], norm_lines[i]
        if not line.strip():
            continue
        if CAPTION.match(norm):
            furniture.append(Furniture("caption", i + 1, line))
        elif CREDIT.match(norm) or PAGINATION.match(norm) or _is_icp(norm):
            furniture.append(Furniture("credit", i + 1, line))
        else:
            kept.append(i)
    furniture += [
        Furniture("trailer", i + 1, lines[i]) for i in range(end, len(lines)) if lines[i].strip()
    ]
    return kept, furniture


def _page_furniture(visible: list[str], kept: list[str]) -> list[Furniture]:
    """Every visible line of a page that is not a body line, by where it stands.

    Body lines are matched in order; a line before the first is header (navigation,
    headline, byline), one after the last is trailer (sidebar, tags, footer), and one
    between them is a caption (figure captions, insets).
    """
    body_at: list[int] = []
    pos = 0
    for i, line in enumerate(visible):
        if pos < len(kept) and line == kept[pos]:
            body_at.append(i)
            pos += 1
    first, last = (body_at[0], body_at[-1]) if body_at else (len(visible), len(visible))
    taken = set(body_at)
    return [
        Furniture("header" if i < first else "trailer" if i > last else "caption", i + 1, line)
        for i, line in enumerate(visible)
        if i not in taken
    ]


def cut(source_id: str, path, text: str, markup: str | None = None) -> Body:
    """The body of a capture (``text``), or of a page (``markup``, whose visible text is ``text``).

    A page's running text is what trafilatura keeps as the article, cut further by the
    same line rules as a capture; its furniture is every other visible line, so
    ``furniture`` counts what a reader of the page sees and the body leaves out.
    """
    if markup is None:
        lines = text.split("\n")
        norm_lines = _normalised_lines(lines)
        kept_at, furniture = _cut_lines(lines, norm_lines, path, skip_headline=True)
        # Each body line stripped, and its normalised copy cut at the same offsets: the body
        # is normalised once, with its lines (normalising is per character).
        ends = [_strip_ends(lines[i]) for i in kept_at]
        kept = [lines[i][a:b] for i, (a, b) in zip(kept_at, ends, strict=True)]
        norm_kept = [norm_lines[i][a:b] for i, (a, b) in zip(kept_at, ends, strict=True)]
    else:
        from .html import main_lines  # only for pages: trafilatura is slow to import

        lines = main_lines(markup)
        norm_lines = _normalised_lines(lines)
        kept_at, _ = _cut_lines(lines, norm_lines, path, skip_headline=False)
        kept = [lines[i] for i in kept_at]
        norm_kept = [norm_lines[i] for i in kept_at]
        furniture = _page_furniture(text.split("\n"), kept)
    body = "\n".join(kept)
    paragraphs, pos = [], 0
    for para in kept:
        paragraphs.append((pos, pos + len(para)))
        pos += len(para) + 1
    norm = "\n".join(norm_kept)
    return Body(source_id, body, norm, tuple(paragraphs), tuple(furniture))


def _strip_ends(line: str) -> tuple[int, int]:
    """(start, end) of ``line.strip()`` in ``line``."""
    start = len(line) - len(line.lstrip())
    return start, max(start, len(line.rstrip()))


def cut_body(seed: Seed) -> Body:
    return cut(seed.source_id, seed.path, seed.text, seed.markup)
