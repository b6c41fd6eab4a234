"""What a capture says about itself: its title, site, date and language.

``h200 add`` writes a new seed's ``sources.yaml`` entry from this, so a person only
types what the capture does not say. A page's own metadata comes first, read by the
field's libraries (trafilatura: title, site name, author, canonical URL; htmldate:
the publication date from meta tags, ``<time>`` and JSON-LD, with its time when the
page gives one). Where a page has none, and for text captures, the date comes from
the capture's text through the project's own date rules (``dates``): a dated header
line ("2026-03-04 11:35:21", "March 5, 2026 9:14 AM UTC"), a dateline at the start
of the body ("Taipei, Jan. 29 (CNA)", "新华社北京3月4日电"), or a labelled line
anywhere ("更新时间:2026-03-14", read as an update date).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import htmldate
import trafilatura
import zhconv

from ..vocab import SourceLanguage
from . import html
from .body import Body
from .dates import find_dates
from .textnorm import normalise

# A line that labels the date it gives; an "updated" label makes it an update date.
DATE_LABEL = re.compile(
    r"(?:发布|發佈|发表|發表|更新|时间|時間|日期|published|updated|posted|modified)",
    re.IGNORECASE,
)
UPDATED_LABEL = re.compile(r"(?:更新|修改|updated|modified)", re.IGNORECASE)
# A time of day right after a date on the same line: "11:35:21", "上午10:05", "9:14 AM".
TIME_AFTER_DATE = re.compile(
    r"^[^\d\n]{0,8}?(?P<half>上午|下午|晚上)?\s*(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?"
    r"(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?"
)
# A dateline: "WASHINGTON, March 5 (Wire) -" or "新华社北京3月4日电".
DATELINE_BEFORE = re.compile(r"^\s*[A-Z][A-Za-z.' -]*,\s*$")
DATELINE_AFTER = re.compile(r"^\s*(?:\(|[电電])")
# The dateline as the command reports it: up to the agency's closing bracket or 电.
DATELINE_TAIL = re.compile(r"\s*(?:\([^()\n]{0,40}\)|[电電]|\()")
YEAR_GIVEN = re.compile(r"\d{4}|年")
# A dateline of two days ("Jan. 24/25", "1月24/25日"): a story filed across midnight,
# or in one time zone and dated in another.
TWO_DAYS = re.compile(r"(?<!\d)(?P<first>\d{1,2})\s*[/／]\s*(?P<second>\d{1,2})(?!\d)")
# How far into the first paragraph a dateline's day can stand ("WASHINGTON, Jan. 24").
DATELINE_REACH = 40
CJK = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Dated:
    """A publication date as the capture states it."""

    value: dt.date | dt.datetime
    precision: str  # one of vocab.PUBLISHED_PRECISIONS
    kind: str  # published or updated
    where: str  # what it was read from, for the command's report

    def iso(self) -> str:
        """As sources.yaml writes it: '2026-03-04 11:35:21', '2026-03-18 09:30:00+08:00', '2026-03-14'."""
        if isinstance(self.value, dt.datetime):
            return self.value.isoformat(sep=" ")
        return self.value.isoformat()


@dataclass(frozen=True)
class Found:
    """What a capture says about itself; None where it does not say."""

    title: str | None
    site: str | None
    author_line: str | None
    url: str | None
    published: Dated | None
    language: SourceLanguage | None
    declared_language: str | None  # the page's own language tag, when it disagrees with its text
    # Where the capture gives more than one date: both named, and the one chosen.
    warnings: tuple[str, ...] = ()


# ----------------------------------------------------------------------------- dates


def _with_time(day: dt.date, rest: str) -> tuple[dt.date | dt.datetime, str]:
    match = TIME_AFTER_DATE.match(rest)
    if not match:
        return day, "day"
    hour, minute = int(match["h"]), int(match["m"])
    afternoon = match["half"] in ("下午", "晚上") or (match["ampm"] or "").lower().startswith("p")
    if afternoon and hour < 12:
        hour += 12
    if (match["ampm"] or "").lower().startswith("a") and hour == 12:
        hour = 0
    second = int(match["s"]) if match["s"] else 0
    if hour > 23 or minute > 59 or second > 59:
        return day, "day"
    when = dt.datetime(day.year, day.month, day.day, hour, minute, second)
    return when, "second" if match["s"] else "minute"


def _dated_line(line: str, today: dt.date, precisions: tuple[str, ...]) -> Dated | None:
    """The first date of ``line`` at one of ``precisions`` (day, month), with its time if given."""
    for span in find_dates(normalise(line), today):
        if span.precision not in precisions:
            continue
        kind = "updated" if UPDATED_LABEL.search(line[: span.start]) else "published"
        if span.precision == "day":
            value, precision = _with_time(span.date_start, line[span.end :])
        else:
            value, precision = span.date_start, span.precision  # month: its first day
        return Dated(value, precision, kind, line)
    return None


def _dateline(paragraph: str, today: dt.date) -> Dated | None:
    for span in find_dates(normalise(paragraph), today):
        before, after = paragraph[: span.start], paragraph[span.end :]
        if span.precision != "day":
            continue
        shaped = DATELINE_AFTER.match(after) and (
            DATELINE_BEFORE.match(before) or (CJK.search(before) and len(before) <= 12)
        )
        if not shaped:
            return None
        day = span.date_start
        # A dateline seldom gives the year: the latest such day not after the day of adding.
        if not YEAR_GIVEN.search(paragraph[span.start : span.end]) and day > today:
            day = day.replace(year=day.year - 1)
        tail = DATELINE_TAIL.match(after)
        return Dated(day, "day", "published", paragraph[: span.end + (tail.end() if tail else 0)])
    return None


def _two_day_dateline(paragraph: str, today: dt.date) -> tuple[Dated, str] | None:
    """A dateline naming two days: the first, and the warning naming both."""
    two = TWO_DAYS.search(paragraph, 0, DATELINE_REACH)
    if not two:
        return None
    # Read as the dateline of the first day, by the same rules as any dateline.
    found = _dateline(paragraph[: two.end("first")] + paragraph[two.end() :], today)
    if found is None:
        return None
    try:
        other = found.value.replace(day=int(two["second"]))
    except ValueError:
        return None
    said = paragraph[: two.end() + len(found.where) - two.end("first")]
    warning = (
        f"the dateline {said!r} gives two days, {found.value.isoformat()} and "
        f"{other.isoformat()}: chose {found.value.isoformat()} (the first); "
        "pass --published to choose"
    )
    return Dated(found.value, found.precision, found.kind, said), warning


def _from_text(body: Body, today: dt.date) -> tuple[Dated | None, tuple[str, ...]]:
    """The date the text gives, with a warning where its dateline gives two."""
    header = [f.text for f in body.furniture if f.kind == "header"]
    for line in header:
        found = _dated_line(line, today, ("day",))
        if found:
            return found, ()
    first = body.text.split("\n")[0]
    two = _two_day_dateline(first, today)
    if two:
        return two[0], (two[1],)
    found = _dateline(first, today)
    if found:
        return found, ()
    for f in body.furniture:
        if DATE_LABEL.search(f.text):
            found = _dated_line(f.text, today, ("day", "month"))
            if found:
                return found, ()
    return None, ()


def _disagree(page: Dated, text: Dated) -> bool:
    """Whether the page's metadata and its text name different days of publication."""
    if text.kind != "published" or text.precision not in ("day", "minute", "second"):
        return False
    page_day = page.value.date() if isinstance(page.value, dt.datetime) else page.value
    text_day = text.value.date() if isinstance(text.value, dt.datetime) else text.value
    # A dateline without a year had it guessed from the day of adding: its day decides.
    if not YEAR_GIVEN.search(text.where):
        return (page_day.month, page_day.day) != (text_day.month, text_day.day)
    return page_day != text_day


def date_from_text(body: Body, today: dt.date) -> Dated | None:
    """The publication date a capture's text gives: header line, dateline, labelled line."""
    return _from_text(body, today)[0]


def date_from_page(markup: str) -> Dated | None:
    """The publication date in a page's metadata (htmldate, without guessing from its text)."""
    found = htmldate.find_date(
        markup, original_date=True, extensive_search=False, outputformat="%Y-%m-%dT%H:%M:%S%z"
    )
    if not found:
        return None
    when = dt.datetime.strptime(found, "%Y-%m-%dT%H:%M:%S%z" if found[19:] else "%Y-%m-%dT%H:%M:%S")
    # htmldate gives midnight for a date without a time, and seconds 00 for hours and
    # minutes only: the record claims no more precision than that.
    if (when.hour, when.minute, when.second) == (0, 0, 0):
        return Dated(when.date(), "day", "published", "page metadata")
    return Dated(when, "minute" if when.second == 0 else "second", "published", "page metadata")


# ----------------------------------------------------------------------------- language


@lru_cache(maxsize=8192)
def _script(ch: str) -> int:
    """+1 for a character only traditional script writes, -1 for one only simplified writes."""
    if zhconv.convert(ch, "zh-hans") != ch:
        return 1
    return -1 if zhconv.convert(ch, "zh-hant") != ch else 0


def language_of_text(text: str) -> SourceLanguage | None:
    """en, zh-Hans or zh-Hant from the characters of the text; None when it cannot tell."""
    cjk = CJK.findall(text)
    latin = len(LATIN.findall(text))
    # A Chinese text quotes model names (H200, MI325); an English one has no run of hanzi.
    if cjk and len(cjk) * 4 >= latin:
        leaning = sum(_script(ch) for ch in cjk)
        return "zh-Hant" if leaning > 0 else "zh-Hans" if leaning < 0 else None
    return "en" if latin >= 200 and not cjk else None


def language_tag(tag: str | None) -> str | None:
    """A BCP 47 tag as a source language: en, zh-Hans, zh-Hant, or 'zh' (script unsaid)."""
    if not tag:
        return None
    code = tag.replace("_", "-").lower()
    if code == "en" or code.startswith("en-"):
        return "en"
    if code != "zh" and not code.startswith("zh-"):
        return None
    if any(part in code.split("-") for part in ("hant", "tw", "hk", "mo")):
        return "zh-Hant"
    if any(part in code.split("-") for part in ("hans", "cn", "sg", "my")):
        return "zh-Hans"
    return "zh"


def _language(declared: str | None, body_text: str) -> tuple[str | None, str | None]:
    """(language, the declared tag when it contradicts the text)."""
    tag, guess = language_tag(declared), language_of_text(body_text)
    if tag == "zh":
        return (guess if guess and guess.startswith("zh") else None), None
    if tag and guess and tag[:2] != guess[:2]:
        return None, declared
    return tag or guess, None


# ----------------------------------------------------------------------------- all of it


def describe(text: str, markup: str | None, body: Body, today: dt.date) -> Found:
    """What the capture (``text``; a page: also its ``markup``) says about itself."""
    title = site = author = url = None
    published = None
    declared = None
    if markup is not None:
        meta = trafilatura.extract_metadata(markup)
        if meta is not None:
            title, author, url = meta.title, meta.author, meta.url
            site = meta.sitename or meta.hostname
        published = date_from_page(markup)
        declared = html.declared_language(markup)
    else:
        title = next((line.strip() for line in text.split("\n") if line.strip()), None)
    language, contradicted = _language(declared, body.text)
    in_text, warnings = _from_text(body, today)
    if published and in_text and _disagree(published, in_text):
        warnings = (
            f"the page metadata gives {published.iso()}, its text {in_text.where!r} gives "
            f"{in_text.iso()}: chose {published.iso()} (the page metadata); "
            "pass --published to choose",
        )
    elif published:
        warnings = ()
    return Found(
        title=title or None,
        site=site or None,
        author_line=author or None,
        url=url or None,
        published=published or in_text,
        language=language,
        declared_language=contradicted,
        warnings=warnings,
    )
