"""What the report notebooks show: the one import of their cells.

A cell calls one function and shows the result. The functions live with their
subject (``model``: the report and its shared helpers; ``claims``; ``scenario``;
``timeline``; ``sourcing``; ``prose``: our own sentences; ``display``: tables and
cards); this module gathers the ones the notebooks call, under the names they call.
"""

from __future__ import annotations

from .claims import (
    bounds,
    cap_structure,
    conditions,
    key_figures,
    other_order_claims,
    unban_date,
    zero_statements,
)
from .display import Html, comparison_cards, overview, show, suggestion_table
from .display import evidence_section as evidence
from .model import Prose, Report, load, source_name
from .prose import curation_notes, since_last_render, status
from .prose import suggestions as suggestions_text
from .prose import uncurated as uncurated_text
from .prose import verdicts as verdict_counts
from .scenario import Scenario, scenario, scenario_table, scenario_text
from .sourcing import (
    UNCURATED_PER_SOURCE,
    comparisons,
    coverage,
    furniture,
    single_source,
    source_list,
    sources,
    suggestions,
    uncurated_mentions,
    unused_mentions,
)
from .timeline import timeline, timeline_table

__all__ = [
    "UNCURATED_PER_SOURCE",
    "Html",
    "Prose",
    "Report",
    "Scenario",
    "bounds",
    "cap_structure",
    "comparison_cards",
    "comparisons",
    "conditions",
    "coverage",
    "curation_notes",
    "evidence",
    "furniture",
    "key_figures",
    "load",
    "other_order_claims",
    "overview",
    "scenario",
    "scenario_table",
    "scenario_text",
    "show",
    "since_last_render",
    "single_source",
    "source_list",
    "source_name",
    "sources",
    "status",
    "suggestion_table",
    "suggestions",
    "suggestions_text",
    "timeline",
    "timeline_table",
    "unban_date",
    "uncurated_mentions",
    "uncurated_text",
    "unused_mentions",
    "verdict_counts",
    "zero_statements",
]
