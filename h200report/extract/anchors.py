"""What a relative expression is resolved against: a date named before it or in its
sentence, the date of an event it names, the article's dateline or its publication
date. Each resolved span says so in ``anchor``.
"""

from __future__ import annotations

import datetime as dt
import re

from ..vocab import PRECISION_RANK
from .lexicon import han, latin
from .periods import (
    SHIFT_SLACK_DAYS,
    UNIT_PRECISION,
    DateSpan,
    add_months,
    calendar_unit,
    describe,
    months_in,
    part_of_month,
    sentence,
    unit_span,
)
from .relative import count_of, deictic_entry
from .tense import future_before


class Resolver:
    """Resolves relative expressions against the absolute dates and the publication date.

    Expressions that count from "now" (last week, on Tuesday, in a few weeks) count from
    the reference date: the article's dateline when it has one (WASHINGTON, Jan 14
    (Reuters) -, 台北14日电), else the publication date.
    """

    def __init__(self, norm: str, published: dt.date, absolute: list[DateSpan]):
        self.norm, self.published, self.absolute = norm, published, absolute
        self.resolved: list[DateSpan] = list(absolute)
        dateline = _dateline(norm, absolute, published)
        self.reference = dateline.date_start if dateline else published
        self.reference_text = (
            f"dateline {describe(dateline, norm)}" if dateline else self.publication()
        )

    def publication(self) -> str:
        return f"publication date {self.published.isoformat()}"

    def preceding(self, pos: int, day_only: bool = False) -> DateSpan | None:
        before = [
            s for s in self.resolved if s.end <= pos and (not day_only or s.precision == "day")
        ]
        return max(before, key=lambda s: s.end, default=None)

    def now(self, match: re.Match) -> DateSpan:
        return DateSpan(
            match.start(),
            match.end(),
            self.published,
            self.published,
            "relative",
            self.publication(),
        )

    def copy(self, match: re.Match, day_only: bool) -> DateSpan:
        earlier = self.preceding(match.start(), day_only)
        if earlier is None:
            return self.now(match)
        return DateSpan(
            match.start(),
            match.end(),
            earlier.date_start,
            earlier.date_end,
            "relative",
            f"date named earlier: {describe(earlier, self.norm)}",
        )

    def shift(self, match: re.Match) -> DateSpan:
        groups = match.groupdict()
        months, days = months_in(groups["u"], count_of(groups))
        sign = 1 if groups["dir"].lower().endswith(("后", "later")) else -1
        earlier = self.preceding(match.start())
        start, end = (
            (earlier.date_start, earlier.date_end) if earlier else (self.published, self.published)
        )
        anchor = (
            f"date named earlier: {describe(earlier, self.norm)}" if earlier else self.publication()
        )
        slack = dt.timedelta(days=SHIFT_SLACK_DAYS.get(groups["u"].lower().rstrip("s"), 0))
        move = dt.timedelta(days=sign * days)
        start = add_months(start, sign * months) + move - slack
        end = add_months(end, sign * months) + move + slack
        return DateSpan(match.start(), match.end(), start, end, "relative", anchor)

    def relative_day(self, match: re.Match) -> DateSpan:
        """the previous day, 次日, 前一天: days from the day the sentence names, else from the
        day named before it, else from the publication date."""
        words = han().dates.relative_days | latin().dates.relative_days
        offset = words[" ".join(match.group().lower().split())]
        own = self.sentence_date(match.start())
        base = own if own is not None and own.precision == "day" else None
        base = base or self.preceding(match.start(), day_only=True)
        if base is None:
            day, anchor = self.published, self.publication()
        else:
            day, anchor = base.date_start, f"date named earlier: {describe(base, self.norm)}"
            if base is own:
                anchor = f"date of the sentence: {describe(base, self.norm)}"
        day += dt.timedelta(days=offset)
        return DateSpan(*match.span(), day, day, "day", anchor)

    def sentence_date(self, pos: int) -> DateSpan | None:
        """The absolute date of the sentence at ``pos``: the nearest before it, else after it."""
        lo, hi = sentence(self.norm, pos)
        inside = [s for s in self.absolute if lo <= s.start and s.end <= hi]
        before = [s for s in inside if s.end <= pos]
        if before:
            return max(before, key=lambda s: s.end)
        return min(inside, key=lambda s: s.start, default=None)

    def event_date(self, event: str, pos: int, until: dt.date) -> DateSpan | None:
        """A date stated in another sentence that names the event (解禁): finest, then nearest."""
        own = sentence(self.norm, pos)
        found = []
        for span in self.absolute:
            lo, hi = sentence(self.norm, span.start)
            if (lo, hi) != own and event in self.norm[lo:hi] and span.date_start <= until:
                found.append(span)
        return min(
            found, key=lambda s: (PRECISION_RANK[s.precision], abs(s.start - pos)), default=None
        )

    def since(self, match: re.Match) -> DateSpan | None:
        groups = match.groupdict()
        anchor_span = self.sentence_date(match.start())
        end = anchor_span.date_end if anchor_span else self.published
        end_text = (
            f"date of the sentence: {describe(anchor_span, self.norm)}"
            if anchor_span
            else self.publication()
        )
        event = groups.get("ev")
        if event and event not in han().dates.since_not_events:
            happened = self.event_date(event, match.start(), end)
            if happened:
                anchor = f"event {event} {describe(happened, self.norm)}; until {end_text}"
                return DateSpan(
                    match.start(), match.end(), happened.date_start, end, "relative", anchor
                )
        if not groups.get("n"):
            return None
        months, days = months_in(groups["u"], count_of(groups))
        start = add_months(end, -months) - dt.timedelta(days=days)
        span_start = match.start("n") if event else match.start()
        return DateSpan(span_start, match.end(), start, end, "relative", f"until {end_text}")

    def deictic(self, match: re.Match) -> DateSpan:
        """yesterday, last week, earlier this month, 上周, 本月, 上月底."""
        part_of = match.groupdict().get("pm")
        word = match.group()[: len(match.group()) - len(part_of)] if part_of else match.group()
        unit, offset, part = deictic_entry(word)
        start, end = calendar_unit(self.reference, unit, offset)
        precision = UNIT_PRECISION[unit] if part == "all" else "relative"
        if part == "before":  # on the first of the month, "earlier this month" is that day
            end = max(start, self.reference - dt.timedelta(days=1))
        elif part == "after":
            start = min(end, self.reference + dt.timedelta(days=1))
        if part_of:
            start, end = part_of_month(start.year, start.month, part_of)
            precision = "part_of_month"
        return DateSpan(*match.span(), start, end, precision, self.reference_text)

    def weekday(self, match: re.Match) -> DateSpan:
        """上周五/下周二/this Tuesday: that day of the named week; last/next Tuesday: the one
        strictly before/after the reference; a bare weekday: the nearest on or before the
        reference, or on or after it in a clause about the future."""
        groups = match.groupdict()
        if groups.get("wd"):
            target = latin().dates.weekdays[groups["wd"].lower()]
        else:
            target = han().dates.weekdays[groups["cwd"]]
        modifier = (groups.get("wmod") or "").lower()
        ref = self.reference
        if modifier in ("上", "下", "本", "这", "this"):
            week = {"上": -1, "下": 1}.get(modifier, 0)
            day = calendar_unit(ref, "week", week)[0] + dt.timedelta(days=target)
        elif modifier == "last" or (modifier != "next" and not self.future_before(match.start())):
            back = (ref.weekday() - target) % 7 or (7 if modifier == "last" else 0)
            day = ref - dt.timedelta(days=back)
        else:
            ahead = (target - ref.weekday()) % 7 or (7 if modifier == "next" else 0)
            day = ref + dt.timedelta(days=ahead)
        return DateSpan(*match.span(), day, day, "day", f"weekday from {self.reference_text}")

    def future_before(self, pos: int) -> bool:
        return future_before(self.norm, pos)

    def anchor_before(self, pos: int) -> tuple[dt.date, str]:
        """A date named earlier in the same sentence, else the reference date."""
        lo, _ = sentence(self.norm, pos)
        before = [s for s in self.absolute if lo <= s.start and s.end <= pos]
        if before:
            named = before[-1]
            return named.date_start, f"date named earlier: {describe(named, self.norm)}"
        return self.reference, self.reference_text

    def few(self, match: re.Match, kind: str) -> DateSpan:
        """Spans of "a few" units (lexicon ``few``; a couple is 2 to 3).

        "in a few weeks" is 2 to 6 weeks after the reference date; "within weeks", "in the
        coming weeks", "over the next few weeks" and 几天内 from the next day to 6 units on;
        "the past few months" and 几个月来 the 6 units up to it; "a few weeks ago" is 2 to 6
        weeks before the reference date. 几周后/几周前 and "a few weeks later/earlier" count
        from a date named before them in the same sentence, else from the reference date.
        """
        groups = match.groupdict()
        unit = groups["u"].lower()
        few = " ".join((groups.get("q") or "").lower().split())
        language = han() if few in ("几", "数") else latin()
        low, high = (2, 3) if few.endswith("couple of") else language.dates.few
        direction = (groups.get("dir") or "").lower()
        if kind in ("few_ahead", "few_since") or direction == "ago":
            base, anchor = self.reference, self.reference_text
        else:
            base, anchor = self.anchor_before(match.start())
        if kind == "few_ahead" or direction in ("内", "以内"):
            if (groups.get("prep") or "").lower() == "in" and few in ("a few", "few", "several"):
                start, end = unit_span(unit, low, high, base, 1)
            else:
                start, end = base + dt.timedelta(days=1), unit_span(unit, 0, high, base, 1)[1]
        elif kind == "few_since" or direction in ("来", "以来"):
            start, end = unit_span(unit, 0, high, base, -1)[0], base
        else:
            sign = 1 if direction.endswith(("后", "later", "after")) else -1
            start, end = unit_span(unit, low, high, base, sign)
        return DateSpan(*match.span(), start, end, "relative", anchor)

    def ahead(self, match: re.Match) -> DateSpan | None:
        """will decide in two weeks, within a month: only where the clause speaks of the future
        (shares fell 5% in two days is a duration)."""
        if not self.future_before(match.start()):
            return None
        groups = match.groupdict()
        months, days = months_in(groups["u"], count_of(groups))
        end = add_months(self.reference, months) + dt.timedelta(days=days)
        if groups["dir"].lower() == "within":
            start = self.reference + dt.timedelta(days=1)
        else:
            slack = dt.timedelta(days=SHIFT_SLACK_DAYS.get(groups["u"].lower().rstrip("s"), 0))
            start, end = end - slack, end + slack
        return DateSpan(*match.span(), start, end, "relative", self.reference_text)

    def since_date(self, match: re.Match) -> DateSpan:
        """the two months since the Dec. 8 decision: from the date named after "since" to the
        date of the sentence (the hearing on Feb. 24), else the reference date."""
        lo, hi = sentence(self.norm, match.start())
        after = [s for s in self.absolute if match.end() <= s.start <= match.end() + 40]
        others = [s for s in self.absolute if lo <= s.start and s.end <= hi and s not in after]
        before = [s for s in others if s.end <= match.start()]
        until = before[-1] if before else (others[0] if others else None)
        end = until.date_end if until else self.reference
        end_text = (
            f"date of the sentence: {describe(until, self.norm)}" if until else self.reference_text
        )
        if after:
            since = after[0]
            start = since.date_start
            anchor = f"since {describe(since, self.norm)}; until {end_text}"
        else:
            months, days = months_in(match.group("u"), count_of(match.groupdict()))
            start = add_months(end, -months) - dt.timedelta(days=days)
            anchor = f"until {end_text}"
        return DateSpan(*match.span(), start, end, "relative", anchor)

    def resolve(self, kind: str, match: re.Match) -> DateSpan | None:
        if kind == "now":
            return self.now(match)
        if kind == "deictic":
            return self.deictic(match)
        if kind == "weekday":
            return self.weekday(match)
        if kind.startswith("few"):
            return self.few(match, kind)
        if kind == "ahead":
            return self.ahead(match)
        if kind == "since_date":
            return self.since_date(match)
        if kind == "relative_day":
            return self.relative_day(match)
        if kind in ("same_day", "then"):
            return self.copy(match, day_only=kind == "same_day")
        if kind == "shift":
            return self.shift(match)
        return self.since(match)


# A dateline: the date, then the agency in brackets and a dash, or 电 (台北14日电).
_DATELINE_AFTER = re.compile(r"\s*(?:\([^()]{1,40}\)\s*[-–—]|电)")
_DATELINE_REACH = 200  # characters from the start of the body
_DATELINE_MAX_DAYS = 7  # a dateline further from the publication date is no dateline


def _dateline(norm: str, absolute: list[DateSpan], published: dt.date) -> DateSpan | None:
    """The day-precise date of the body's dateline, if it has one near its start."""
    for span in absolute:
        if span.start > _DATELINE_REACH:
            break
        if (
            span.precision == "day"
            and _DATELINE_AFTER.match(norm, span.end)
            and abs((span.date_start - published).days) <= _DATELINE_MAX_DAYS
        ):
            return span
    return None
