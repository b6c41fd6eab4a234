"""How the reports name and group the curated content: ``data/curated/labels.yaml``.

The name of each fact key (English and Chinese), the Chinese of each curated metric,
the facts the overview leads with and the facts and event the scenario and charts are
built on are curated data, like the facts themselves: adding a fact never means
editing the package. Every key named here must exist in the curated files.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from ..errors import InputError, brief
from .curation import LABELS_FILE, Event, Fact, Strict, load_model


class KeyLabel(Strict):
    en: str | None = Field(None, min_length=1, description="English label; the metric if unset")
    # Optional like every Chinese companion: a curator who writes no Chinese can add a key
    # (the build warns, and the zh report shows the metric's Chinese, else the English).
    zh: str | None = Field(None, min_length=1)


class Roles(Strict):
    """The curated records that the report's own computations are about."""

    headline: list[str] = Field(description="Fact keys the overview leads with, in order")
    against_caps: list[str] = Field(description="Fact keys drawn as bounds against the caps")
    per_company_cap: str
    overall_cap: str
    fee_rate: str
    unban_event: str = Field(description="event_id the order volumes are counted from")


class Labels(Strict):
    keys: dict[str, KeyLabel]
    metrics: dict[str, str] = Field(description="Curated (English) metric -> Chinese")
    report: Roles

    def key_label(self, key: str, language: str, metric: str) -> str:
        """The name of a fact key in ``language``; the metric where no label is set."""
        label = self.keys.get(key)
        if language == "zh":
            return label.zh if label and label.zh else self.metrics.get(metric, metric)
        return label.en if label and label.en else metric

    def metric_label(self, metric: str, language: str) -> str:
        return self.metrics.get(metric, metric) if language == "zh" else metric


def untranslated(labels: Labels, facts: list[Fact]) -> list[tuple[str, str]]:
    """What the zh reports would show in English: each fact key with neither a Chinese
    label nor a Chinese metric (``("key", key)``), and each metric without its Chinese
    (``("metric", metric)``)."""
    gaps = []
    for key, metric in dict.fromkeys((f.key, f.metric) for f in facts):
        label = labels.keys.get(key)
        if not (label and label.zh) and metric not in labels.metrics:
            gaps.append(("key", key))
    for metric in dict.fromkeys(f.metric for f in facts):
        if metric not in labels.metrics:
            gaps.append(("metric", metric))
    return gaps


def load_labels(curated_dir: Path, facts: list[Fact], events: list[Event]) -> Labels:
    """The labels file, checked against the curated records it names."""
    path = Path(curated_dir) / LABELS_FILE
    labels = load_model(path, Labels)
    keys = {f.key for f in facts}
    event_ids = {e.event_id for e in events}
    roles = labels.report
    named = [("keys", k) for k in labels.keys]
    named += [("report.headline", k) for k in roles.headline]
    named += [("report.against_caps", k) for k in roles.against_caps]
    named += [
        (f"report.{n}", getattr(roles, n)) for n in ("per_company_cap", "overall_cap", "fee_rate")
    ]
    for where, key in named:
        if key not in keys:
            raise InputError(path, f"{where}: {key} is not the key of any fact (stale label?)")
    if roles.unban_event not in event_ids:
        raise InputError(path, f"report.unban_event: {roles.unban_event} is not an event_id")
    metrics = {f.metric for f in facts}
    stale = sorted(set(labels.metrics) - metrics)
    if stale:
        raise InputError(
            path, f"metrics: {brief(stale[0])} is not the metric of any fact (stale label?)"
        )
    return labels
