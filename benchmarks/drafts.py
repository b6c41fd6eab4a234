"""Drafts of ``h200 suggest`` on the labelled articles: precision and recall by language.

The articles (``tests/fixtures/labelled/``) are of outlets the project has not seen, each
with the right target of every mention. A draft offered at confidence >= 0.8 is shown by
the review as a proposal, below as a question: the target is that at least 19 offered
drafts in 20 are right. The held-out articles were not read while the rules were tuned.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from tests.support import labelled

TARGET_PRECISION = 0.95
LANGUAGES = ("en", "zh-Hans", "zh-Hant")


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.0f} %"


def _row(name: str, scored: list[labelled.Scored]) -> str:
    f = labelled.figures(scored)
    return (
        f"| {name} | {len(scored)} | {f.mentions} | {f.offered} | {f.offered_right} "
        f"| {_pct(f.precision)} | {_pct(f.recall)} | {_pct(f.right / f.mentions if f.mentions else None)} "
        f"| {f.status_right}/{f.status_checked} | {f.speaker_right}/{f.speaker_checked} |"
    )


def section(work: Path) -> list[str]:
    fb = labelled.fact_base(work / "labelled")
    scored = [labelled.score(fb, a) for a in labelled.articles()]
    lines = [
        "## Drafts of `h200 suggest` on labelled articles",
        "",
        "Offered: drafts with a target at confidence >= 0.8 (the review's proposals; below, "
        "its questions). Precision: right among the offered; recall: right and offered "
        "among the mentions that have a target; right: the draft's target is the label's, "
        "at any confidence, nulls included. Status and speaker: as labelled, where the "
        "label says and the target is right.",
        "",
        "| set | articles | mentions | offered | right | precision | recall | right (any) "
        "| status | speaker |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for held_out, name in ((False, "tuning"), (True, "held out")):
        for lang in LANGUAGES:
            part = [
                s for s in scored if s.article.held_out == held_out and s.article.language == lang
            ]
            if part:
                lines.append(_row(f"{name}, {lang}", part))
        lines.append(_row(f"**{name}**", [s for s in scored if s.article.held_out == held_out]))
    total = labelled.figures(scored)
    verdict = "ok" if (total.precision or 0) >= TARGET_PRECISION else "under"
    lines += [
        _row("**all**", scored),
        "",
        f"Precision of the offered drafts, all articles: {_pct(total.precision)} "
        f"(target at least {TARGET_PRECISION:.0%}): {verdict}.",
        "",
        "By rule (every draft, offered or not): drafts, right.",
        "",
        "| rule | drafts | right |",
        "|---|---:|---:|",
    ]
    drafts, right = Counter(), Counter()
    for s in scored:
        for o in s.outcomes:
            if o.suggestion is not None:
                drafts[o.suggestion.rule] += 1
                right[o.suggestion.rule] += o.right
    lines += [f"| `{r}` | {drafts[r]} | {right[r]} |" for r in sorted(drafts)]
    missing = [f"{s.article.source_id}: {lab.text}" for s in scored for lab in s.missing]
    lines += [
        "",
        f"Labels whose mention the extraction does not find: {', '.join(missing) or 'none'}.",
        "",
    ]
    print("\n".join(lines), flush=True)
    return lines
