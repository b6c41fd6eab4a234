"""The fact base for an analyst's own questions: ``import h200report as h; fb = h.load()``.

The published tables (``data/processed/``) as typed pandas frames: dates as datetimes,
controlled vocabularies as categoricals, and the outlet of each source beside every
row that names a source. A few helpers answer the questions analysts ask most (every
figure one outlet gave, one key across sources, what happened between two dates, the
conflicts); anything else is plain pandas on the frames. Nothing here sets a
process-wide option or writes a file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import paths
from .vocab import (
    BOUNDS,
    CATEGORIES,
    COMPARISON_KINDS,
    DATE_PRECISIONS,
    MENTION_KINDS,
    STATUSES,
    TOPICS,
    UNITS,
    VERDICTS,
)

_CATEGORIES = {
    "status": STATUSES,
    "topic": TOPICS,
    "bound": BOUNDS,
    "unit": UNITS,
    "category": CATEGORIES,
    "verdict": VERDICTS,
    "kind": (),  # mentions: date, quantity, ...; comparisons: fact, event (set per table)
    "date_precision": DATE_PRECISIONS,
    "quote_date_precision": DATE_PRECISIONS,
}
_DATES = ("date_start", "date_end", "quote_date_start", "quote_date_end")


def _typed(name: str, df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    for column in _DATES:
        if column in df:
            df[column] = pd.to_datetime(df[column])
    for column, values in _CATEGORIES.items():
        if column not in df:
            continue
        if column == "kind":
            values = MENTION_KINDS if name == "mentions" else COMPARISON_KINDS
        # A value the vocabulary lacks (a mention's raw unit) is kept, never made NaN.
        extra = sorted(set(df[column].dropna()) - set(values))
        df[column] = pd.Categorical(df[column], categories=[*values, *extra])
    return df


@dataclass(frozen=True)
class FactBase:
    """The published tables of one fact base, typed, with helpers for common questions.

    Attributes
    ----------
    sources, mentions, facts, events, comparisons : pandas.DataFrame
        The tables of ``data/processed/`` (README, "Published tables"), one row per
        source, mention, fact quote, event quote and comparison. Dates are
        ``datetime64``; statuses, topics, bounds, units, categories, verdicts and
        precisions are categoricals; ``sources.published`` is the publication day;
        every table that names a source also has its ``outlet`` (the site).
    """

    sources: pd.DataFrame
    mentions: pd.DataFrame
    facts: pd.DataFrame
    events: pd.DataFrame
    comparisons: pd.DataFrame

    def outlets(self) -> pd.Series:
        """Number of curated facts per outlet (the site of each source), most first."""
        return self.facts.drop_duplicates("fact_id")["outlet"].value_counts()

    def by_outlet(self, name: str) -> pd.DataFrame:
        """Every fact that ``name`` gave: as the site of its source, or as the one the
        article attributes it to ("Bloomberg, citing people familiar ..."); the match
        ignores case and covers the Chinese names too (彭博社).

        Examples
        --------
        >>> fb.by_outlet("Bloomberg")[["key", "value", "high", "unit", "status"]]  # doctest: +SKIP
        """
        needle = name.casefold()
        columns = ["outlet", "outlet_zh", "attributed_to", "attributed_to_zh"]
        hit = pd.Series(False, index=self.facts.index)
        for column in columns:
            hit |= self.facts[column].fillna("").str.casefold().str.contains(needle, regex=False)
        return self.facts[hit]

    def by_source(self, source_id: str) -> pd.DataFrame:
        """Every fact of one source (its ``source_id``, the seed's file stem)."""
        return self.facts[self.facts["source_id"] == source_id]

    def key(self, key: str) -> pd.DataFrame:
        """One fact key across sources, and how the sources compare on it.

        Returns the facts of ``key``; ``comparisons_of(key)`` gives the verdicts.
        """
        return self.facts[self.facts["key"] == key]

    def comparisons_of(self, key: str) -> pd.DataFrame:
        """The comparison rows of a fact key, or of ``event:<event_id>``."""
        return self.comparisons[self.comparisons["key"] == key]

    def between(self, start: str | dt.date, end: str | dt.date) -> pd.DataFrame:
        """The timeline from ``start`` to ``end`` (inclusive, ISO dates): every event
        whose curated date overlaps the span, one row per quote, earliest first.

        Examples
        --------
        >>> fb.between("2026-02-01", "2026-02-28")[["date_start", "title_en", "outlet"]]  # doctest: +SKIP
        """
        lo, hi = pd.Timestamp(start), pd.Timestamp(end)
        ev = self.events
        inside = (ev["date_start"] <= hi) & (ev["date_end"] >= lo)
        return ev[inside].sort_values(["date_start", "event_id"], kind="stable")

    def facts_between(self, start: str | dt.date, end: str | dt.date) -> pd.DataFrame:
        """Facts whose period (the dates in their quotes) overlaps ``start``..``end``."""
        lo, hi = pd.Timestamp(start), pd.Timestamp(end)
        f = self.facts
        return f[(f["date_start"] <= hi) & (f["date_end"] >= lo)]

    def conflicts(self) -> pd.DataFrame:
        """The comparisons where sources conflict, with both sides' values and quotes."""
        return self.comparisons[self.comparisons["verdict"] == "conflict"]


def frames(tables: dict[str, pd.DataFrame]) -> FactBase:
    """Typed frames from the tables of ``FactBase.tables()`` (or read from CSV)."""
    typed = {name: _typed(name, df) for name, df in tables.items()}
    src = typed["sources"]
    src["published"] = pd.to_datetime(src["published_at"].str[:10])
    # Named as the reports name them (the curated outlet, else the site without its note).
    from .report.model import outlet_name as named

    outlet = {r["source_id"]: named(r, "en") for _, r in src.iterrows()}
    outlet_zh = {r["source_id"]: named(r, "zh") for _, r in src.iterrows()}
    for name in ("mentions", "facts", "events"):
        typed[name]["outlet"] = typed[name]["source_id"].map(outlet)
        typed[name]["outlet_zh"] = typed[name]["source_id"].map(outlet_zh)
    return FactBase(**typed)


def load(
    seeds_dir: str | Path | None = None,
    data_dir: str | Path | None = None,
    as_of: str | dt.date | None = None,
) -> FactBase:
    """The fact base, built and checked from the articles and the curated files.

    Parameters
    ----------
    seeds_dir, data_dir : path, optional
        Other seeds and data folders (default: the project's ``seeds/`` and ``data/``).
    as_of : ISO date, optional
        Only what the sources published by then say.

    Returns
    -------
    FactBase
        ``.sources``, ``.mentions``, ``.facts``, ``.events``, ``.comparisons`` (typed
        pandas frames), and helpers: ``by_outlet``, ``by_source``, ``key``,
        ``comparisons_of``, ``between``, ``facts_between``, ``conflicts``, ``outlets``.

    Raises
    ------
    h200report.errors.InputError
        A bad seed or curated record, in one line naming the file (as ``make data``).

    Examples
    --------
    >>> import h200report as h
    >>> fb = h.load()
    >>> fb.conflicts()[["key", "value_a", "value_b"]]  # doctest: +SKIP
    """
    import warnings

    from .factbase.build import UncuratedWarning, build

    with warnings.catch_warnings():
        # Unfinished curation is not the analyst's question; `h200 check` lists it.
        warnings.simplefilter("ignore", UncuratedWarning)
        fb = build(Path(seeds_dir or paths.SEEDS_DIR), Path(data_dir or paths.DATA_DIR))
    day = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    return frames(fb.tables(day))
