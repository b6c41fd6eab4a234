"""What a sentence says beyond its figures: the quote's extent, who speaks, the status.

Everything here reads the normalised body (full-width forms folded, traditional
characters simplified: same length as the text), so one pattern serves all three scripts;
what is returned is cut from the verbatim text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SENTENCE_END = re.compile(r"[。!?;\n]|\.(?=\s+[A-Z\"“]|\s*$)")
# A comma before three digits groups a number (75,000): it ends no clause.
CLAUSE_END = re.compile(r",(?!\d{3})|[、:;。!?\n]|\.(?=\s+[A-Z\"“]|\s*$)")
CLOSERS = "”」』\"')）"
# A quote longer than this is cut to the clauses around the figure: a reviewer reads a
# clause, and a long Chinese sentence strings several claims together. English takes
# about twice the characters to say as much.
MAX_QUOTE = 120
MAX_QUOTE_LATIN = 250

# A wire's or a page's own dateline opens the first sentence: it says where and when the
# article was written, not what the figure is about.
DATELINES = (
    # WASHINGTON, Jan 14 (Reuters) -   BEIJING, March 16 (Reuters) -   (Bloomberg) --
    re.compile(
        r"^(?:[A-Z][A-Za-z .'-]*, )?(?:[A-Z][a-z]{2,8}\.? \d{1,2} )?\([A-Z][\w .&]*\) ?[-–—]{1,2} ?"
    ),
    # (中央社记者张三华盛顿24日专电)  【明报专讯】  本报讯(记者 李明)
    re.compile(r"^[(【][^)】\n]{0,40}?(?:电|讯)[)】]\s*"),
    # 新浪科技讯 2月1日消息,   本报讯(记者 李明): the 讯 of an outlet, not of 腾讯 in a list
    re.compile(
        r"^[^,、。\n]{0,10}?讯(?=[\s(])(?:\s*\d{1,2}月\d{1,2}日消息)?(?:\([^)\n]{0,20}\))?[,\s]*"
    ),
    # 新华社北京3月4日电   财新网3月10日讯   台北14日电
    re.compile(r"^[^,。\n]{0,16}?\d{1,2}日(?:电|讯|消息)[,\s]*"),
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _stretch(norm: str, pos: int, end: re.Pattern, lo: int = 0, hi: int | None = None) -> Span:
    """The stretch of ``norm`` around ``pos`` between two ``end`` marks, closing quotes kept."""
    hi = len(norm) if hi is None else hi
    start = lo
    for m in end.finditer(norm, lo, pos):
        start = m.end()
    m = end.search(norm, pos, hi)
    stop = m.end() if m else hi
    while stop < hi and norm[stop] in CLOSERS:
        stop += 1
    while start < stop and norm[start].isspace():
        start += 1
    return Span(start, stop)


def sentence_span(norm: str, start: int, end: int) -> Span:
    s = _stretch(norm, start, SENTENCE_END)
    stop = max(s.end, end)
    while stop > s.start and norm[stop - 1] == "\n":
        stop -= 1
    return Span(s.start, stop)


def dateline_span(norm: str, sentence: Span) -> Span | None:
    """The dateline opening the sentence, if it has one."""
    text = norm[sentence.start : sentence.end]
    for pattern in DATELINES:
        m = pattern.match(text)
        if m and m.end() < len(text):
            return Span(sentence.start, sentence.start + m.end())
    return None


def quote_span(norm: str, start: int, end: int) -> Span:
    """The sentence holding a mention without its dateline; its clauses, if it is long."""
    s = sentence_span(norm, start, end)
    line = dateline_span(norm, s)
    if line is not None and line.end <= start:
        s = Span(line.end, s.end)
    latin = sum(c.isascii() for c in norm[s.start : s.end]) > (s.end - s.start) / 2
    if s.end - s.start <= (MAX_QUOTE_LATIN if latin else MAX_QUOTE):
        return s
    clause = _stretch(norm, start, CLAUSE_END, s.start, s.end)
    # A clause too short to say what the figure is takes the clause before it along.
    if clause.end - clause.start < 24 and clause.start > s.start:
        clause = Span(
            _stretch(norm, clause.start - 2, CLAUSE_END, s.start, s.end).start, clause.end
        )
    return Span(clause.start, max(clause.end, end))


def clause_span(norm: str, start: int, end: int) -> Span:
    c = _stretch(norm, start, CLAUSE_END)
    return Span(c.start, max(c.end, end))


def verbatim(text: str, span: Span) -> str:
    return text[span.start : span.end].rstrip()


# ----------------------------------------------------------------------------- who speaks

# Names the articles write in Chinese, as the curated English writes them (people and
# outlets of this story; an unknown one is copied as the article writes it).
NAMES_ZH = {
    # people first: "商务部官员彼得斯" is Peters, not "an official"
    "黄仁勋": "Jensen Huang",
    "彼得斯": "David Peters",
    "特朗普": "Donald Trump",
    "川普": "Donald Trump",
    # outlets
    "彭博社": "Bloomberg",
    "彭博": "Bloomberg",
    "路透社": "Reuters",
    "路透": "Reuters",
    "金融时报": "the Financial Times",
    "华尔街日报": "The Wall Street Journal",
    "财新": "Caixin",
    "中央社": "CNA",
    # roles and institutions
    "知情人士": "people familiar with the matter",
    "消息人士": "people familiar with the matter",
    "商务部官员": "a Commerce Department official",
    "商务部": "the Commerce Department",
    "白宫": "the White House",
    "众议院": "the House of Representatives",
    "官员": "an official",
    "分析师": "analysts",
    "分析人士": "analysts",
    "业内人士": "industry insiders",
    "业界": "the industry",
    "外交部": "China's Ministry of Foreign Affairs",
    "英伟达": "Nvidia",
    "辉达": "Nvidia",
}
VERBS_EN = r"said|says|told|tells|testified|estimated?|estimates|reported|confirmed|wrote|added"
SAYS_EN = re.compile(rf"\b({VERBS_EN})\b")
ACCORDING_EN = re.compile(r"\b(?:according to|citing)\s+([^,.;]+)")
SAYS_ZH = re.compile(r"表示|称|证实|承认|透露|坦言|指出|说|报道|报导|援引|预计|估计")
ACCORDING_ZH = re.compile(
    r"据([^,。]{1,16}?)(?:援引[^,。]{1,12}?)?(?:报道|报导|透露|消息|称|表示|指出|获悉)"
)
TITLE_WORD = re.compile(r"^[A-Z][\w.'-]*$")
MAX_SPEAKER_WORDS = 9


def _en_subject(before: str) -> str | None:
    """The noun phrase just before a reporting verb: "…, a Commerce Department official"."""
    parts = [p.strip() for p in before.rstrip(" ,").split(",")]
    subject = parts[-1]
    # An appositive ("David Peters, an assistant secretary of commerce,") keeps the name.
    if len(parts) > 1 and re.match(r"(?:an?|the) ", subject):
        name = parts[-2].split()
        if name and len(name) <= 4 and all(TITLE_WORD.match(w) for w in name):
            subject = f"{parts[-2]}, {subject}"
    words = subject.split()
    if not words or len(words) > MAX_SPEAKER_WORDS:
        return None
    if words[0].lower() in ("he", "she", "it", "they", "we", "i"):
        return None
    return subject


# "the people said" names those an earlier sentence introduced ("people familiar with …").
BACK_REFERENCE = re.compile(r"^(?:one of )?the (people|officials?|sources?|persons?)$", re.I)
INTRODUCED = r"\b{}(?:s)? familiar with [^,.;]+"


def _antecedent(text: str, before: int, who: str) -> str:
    m = BACK_REFERENCE.match(who)
    if m is None:
        return who
    noun = m.group(1).rstrip("s").casefold()
    found = list(re.finditer(INTRODUCED.format(re.escape(noun)), text[:before], re.I))
    if not found:
        return who
    phrase = found[-1].group(0)
    verb = SAYS_EN.search(phrase)
    phrase = phrase[: verb.start()].rstrip() if verb else phrase
    return f"one of the {phrase}" if who.casefold().startswith("one of") else phrase


def speaker(text: str, norm: str, sentence: Span, english: bool) -> str | None:
    """Who the sentence says is speaking, in English where the name is known; None if nobody."""
    s_text, s_norm = text[sentence.start : sentence.end], norm[sentence.start : sentence.end]
    if english:
        m = ACCORDING_EN.search(s_text)
        if m:
            return m.group(1).strip()
        for m in SAYS_EN.finditer(s_text):
            found = _en_subject(s_text[: m.start()])
            if found:
                return _antecedent(text, sentence.start, found)
        return None
    m = ACCORDING_ZH.search(s_norm)
    if m and m.group(1).strip("另此前"):
        return _zh_name(s_text[m.start(1) : m.end(1)], s_norm[m.start(1) : m.end(1)])
    m = SAYS_ZH.search(s_norm)
    if m is None:
        return None
    clause = _stretch(s_norm, m.start(), CLAUSE_END, 0, m.start())
    return _zh_name(s_text[clause.start : m.start()], s_norm[clause.start : m.start()])


def _zh_name(text: str, norm: str) -> str | None:
    for name, english in NAMES_ZH.items():
        if name in norm:
            return english
    text = text.strip(" ,")
    return text if 1 < len(text) <= 12 else None


# ----------------------------------------------------------------------------- status

# Nearest to the figure wins: "the terms Trump announced … takes a 25% cut" is announced.
STATUS_WORDS = (
    (
        "planned",
        re.compile(
            r"\b(?:plans?|planned|planning|will|would|(?:is|are) considering|considers?|"
            r"intends?|proposes?|proposed|hopes? to|aims? to)\b|(?<![的购])计[划画]|拟|打算|考虑"
        ),
    ),
    ("announced", re.compile(r"\b(?:announced?|announces)\b|宣布|公布")),
    ("confirmed", re.compile(r"\b(?:confirmed|confirms|acknowledged)\b|证实|承认")),
)


# An English clause opened by a conjunction has its own verb: "The U.S. will collect 25%
# …, and shipments are capped at 1 million" does not plan the cap. A Chinese 但 goes on
# with what was announced before its comma (宣布…,但美方将抽取25%费用).
OWN_CLAUSE = re.compile(r"(?:and|but|while|whereas)\b", re.I)


def status(norm: str, sentence: Span, pos: int) -> str:
    clause = _stretch(norm, pos, CLAUSE_END, sentence.start, sentence.end)
    own = OWN_CLAUSE.match(norm, clause.start) is not None
    where = clause if own else sentence
    best = None
    for name, pattern in STATUS_WORDS:
        for m in pattern.finditer(norm, where.start, where.end):
            distance = abs(m.start() - pos)
            if best is None or distance < best[0]:
                best = (distance, name)
    return best[1] if best else "reported"


# ----------------------------------------------------------------------------- cues

AGGREGATE = re.compile(
    r"\b(?:combined|in total|altogether|in all|total of|together)\b|合计|总共|共计|合共|总计|累计",
    re.I,
)
PER_COMPANY = re.compile(
    r"\b(?:per|each|every) (?:chinese )?(?:company|buyer|customer|firm)\b|\bper-company\b|"
    r"每家|每间|每位|每个(?:中国)?(?:企业|公司|客户)",
    re.I,
)
# A sentence about the H200 policy, as opposed to a market or a rival's product.
ABOUT_POLICY = re.compile(
    r"\bh200\b|\bnvidia\b|\bexports?\b|\blicen[cs]e|chinese (?:firms|companies|buyers|customers)|"
    r"h200|英伟达|辉达|黄仁勋|出口|对华|许可证|中国(?:企业|客户|买家|公司)",
    re.I,
)
MARKET_NOISE = re.compile(
    r"\b(?:shares?|stocks?|market value|index|points)\b|股价|市值|指数|收报|收于|涨|跌", re.I
)


def has(pattern: re.Pattern, norm: str, span: Span) -> bool:
    return pattern.search(norm, span.start, span.end) is not None
