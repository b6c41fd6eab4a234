"""The anchors of the fact base's records in a report, and where a report showed each.

A fact's anchor is its ``fact_id`` (``cap_per_company.000``), an event's
``event:<event_id>`` (the fact base's own key for an event in ``comparisons.csv``): the
id of the record's entry under "Sources and quotes", the same in every language and
every render. Each place a figure is shown has an id of its own, ``shown-<anchor>``
(``shown-<anchor>-2`` for a second place), which the entry links back to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EVENT_PREFIX = "event:"
FIGURE_PREFIX = "shown-"


def fact_anchor(fact_id: object) -> str:
    return str(fact_id)


def event_anchor(event_id: object) -> str:
    return f"{EVENT_PREFIX}{str(event_id).removeprefix(EVENT_PREFIX)}"


def figure_id(anchor: str, n: int) -> str:
    """The id of the ``n``-th place (from 1) a report shows the record ``anchor``."""
    return f"{FIGURE_PREFIX}{anchor}" if n == 1 else f"{FIGURE_PREFIX}{anchor}-{n}"


@dataclass
class Shown:
    """Where a report has shown each record: anchor -> the ids of its places, in order."""

    places: dict[str, list[str]] = field(default_factory=dict)
    _ids: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    def place(self, anchor: str, where: str) -> str:
        """The id of the figure of ``anchor`` shown in ``where`` (a table or a card):
        a new one the first time, the same one when the same place is shown again."""
        key = (where, anchor)
        if key not in self._ids:
            ids = self.places.setdefault(anchor, [])
            ids.append(figure_id(anchor, len(ids) + 1))
            self._ids[key] = ids[-1]
        return self._ids[key]

    def include(self, anchor: str) -> None:
        """Count ``anchor`` as shown where no link can lead back (a point of a chart)."""
        self.places.setdefault(anchor, [])
