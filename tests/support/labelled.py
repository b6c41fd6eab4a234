"""The labelled test articles (``tests/fixtures/labelled/``) and how ``h200 suggest`` scores on them.

Each article has a labels file naming, for each mention (its text and occurrence), the
right target: a fact key, ``event:<id>``, ``new`` (a new key or event) or null (no draft,
an unused entry), and where it matters the status and the speaker the draft should give.
A third of the articles are held out: the benchmark and one final test read them, the
tuning of the drafting rules does not.
"""

from __future__ import annotations

import shutil
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from h200report.factbase import suggest
from h200report.factbase.build import build
from h200report.factbase.tables import FactBase

from . import CORPUS_CURATED, CORPUS_SEEDS, FIXTURES
from .seeds import add_seeds

LABELLED = FIXTURES / "labelled"
NEW = "new"
# A draft offered at this confidence or more is shown as a proposal, below it as a question.
OFFERED = 0.8


@dataclass(frozen=True)
class Label:
    text: str
    occurrence: int
    target: str | None
    status: str | None = None
    attributed_to: str | None = None


@dataclass(frozen=True)
class Article:
    source_id: str
    language: str
    held_out: bool
    labels: tuple[Label, ...]


def articles() -> list[Article]:
    meta = yaml.safe_load((LABELLED / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    out = []
    for path in sorted(LABELLED.glob("*.labels.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        labels = tuple(
            Label(
                text=str(m["text"]),
                occurrence=m.get("occurrence", 1),
                target=m["target"],
                status=m.get("status"),
                attributed_to=m.get("attributed_to"),
            )
            for m in doc["mentions"]
        )
        sid = doc["source_id"]
        out.append(Article(sid, meta[sid]["language"], doc["held_out"], labels))
    return out


def fact_base(workdir: Path) -> FactBase:
    """The tests' corpus with every labelled article added, built (uncurated warnings off)."""
    seeds, data = workdir / "seeds", workdir / "data"
    shutil.copytree(CORPUS_SEEDS, seeds)
    shutil.copytree(CORPUS_CURATED, data / "curated")
    add_seeds(seeds, LABELLED)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build(seeds, data)


@dataclass
class Outcome:
    label: Label
    suggestion: suggest.Suggestion | None
    right: bool
    wrong_status: bool = False
    wrong_speaker: bool = False

    @property
    def offered(self) -> bool:
        return self.suggestion is not None and self.suggestion.confidence >= OFFERED


@dataclass
class Scored:
    article: Article
    outcomes: list[Outcome] = field(default_factory=list)
    # Labels whose mention the extraction no longer finds (it is being rewritten): listed.
    missing: list[Label] = field(default_factory=list)
    unlabelled: list[str] = field(default_factory=list)


def _is_new(fb: FactBase, s: suggest.Suggestion) -> bool:
    if isinstance(s.draft, suggest.FactDraft):
        return s.target not in {f.key for f in fb.facts}
    return isinstance(s.draft, suggest.EventDraft)


def _right(fb: FactBase, label: Label, s: suggest.Suggestion) -> bool:
    if label.target == NEW:
        return _is_new(fb, s)
    return s.target == label.target and not _is_new(fb, s)


def score(fb: FactBase, article: Article) -> Scored:
    sid = article.source_id
    by_start = {s.start: s for s in suggest.suggest(fb, sid)}
    mentions = fb.mentions[sid]
    scored = Scored(article)
    labelled = set()
    for label in article.labels:
        same = [m for m in mentions if m.text == label.text]
        if len(same) < label.occurrence:
            scored.missing.append(label)
            continue
        m = same[label.occurrence - 1]
        labelled.add(m.start)
        s = by_start.get(m.start)
        right = s is not None and _right(fb, label, s)
        outcome = Outcome(label, s, right)
        if right and isinstance(s.draft, suggest.FactDraft):
            fact = s.draft.fact
            outcome.wrong_status = label.status is not None and fact.status != label.status
            outcome.wrong_speaker = (
                label.attributed_to is not None
                and label.attributed_to.casefold() not in fact.attributed_to.casefold()
            )
        scored.outcomes.append(outcome)
    scored.unlabelled = [m.text for m in mentions if m.start not in labelled]
    return scored


@dataclass(frozen=True)
class Figures:
    """precision: right among the drafts offered (confidence >= OFFERED, a target set);
    recall: right and offered among the mentions that have a target; right: right at any
    confidence among all labelled mentions (nulls included)."""

    mentions: int
    offered: int
    offered_right: int
    with_target: int
    right: int
    status_checked: int
    status_right: int
    speaker_checked: int
    speaker_right: int

    @property
    def precision(self) -> float | None:
        return self.offered_right / self.offered if self.offered else None

    @property
    def recall(self) -> float | None:
        return self.offered_right / self.with_target if self.with_target else None


def figures(scored: list[Scored]) -> Figures:
    outs = [o for s in scored for o in s.outcomes]
    offered = [o for o in outs if o.offered and o.suggestion.target is not None]
    status = [o for o in outs if o.right and o.label.status and o.suggestion.target]
    speaker = [o for o in outs if o.right and o.label.attributed_to and o.suggestion.target]
    return Figures(
        mentions=len(outs),
        offered=len(offered),
        offered_right=sum(o.right for o in offered),
        with_target=sum(o.label.target is not None for o in outs),
        right=sum(o.right for o in outs),
        status_checked=len(status),
        status_right=sum(not o.wrong_status for o in status),
        speaker_checked=len(speaker),
        speaker_right=sum(not o.wrong_speaker for o in speaker),
    )
