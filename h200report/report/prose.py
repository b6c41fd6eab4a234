"""The report's own sentences with the numbers and dates filled in: the status line,
the one-minute overview, what curators still have to do, and the counts' sentences.
Never article text, so they may be shown as Markdown; the words are the catalogue's
(``messages/*.po``)."""

from __future__ import annotations

from .. import i18n
from ..factbase.notes import Note
from ..vocab import VERDICT_SEVERITY
from .model import Prose, Report, md_safe, source_name
from .sourcing import UNCURATED_PER_SOURCE, verdict_counts


def status(report: Report) -> Prose:
    """One line on what the notebook is built from, or the 'nothing yet' sentence."""
    s = report.settings
    if report.empty:
        return Prose(report.t("nothing_yet", as_of=s.as_of.isoformat() if s.as_of else ""))
    tables = report.tables
    names = i18n.t("list_separator", report.language).join(
        source_name(report, x) for x in tables["sources"]["source_id"]
    )
    as_of_part = report.t("status_as_of", as_of=s.as_of.isoformat()) if s.as_of else ""
    text = report.t(
        "status",
        n=len(tables["sources"]),
        sources=names,
        as_of_part=as_of_part,
        facts=tables["facts"]["fact_id"].nunique(),
        events=tables["events"]["event_id"].nunique(),
    )
    return Prose(md_safe(text))


def note_text(note: Note, lang: str) -> str:
    """One note of the build (``factbase.notes``) in the reader's language, naming its file."""
    record_kind, record_id = note.record
    if note.kind == "untranslated":
        return i18n.t(
            "note_untranslated",
            lang,
            file=note.file,
            record=i18n.t(f"record_{record_kind}", lang, id=record_id, at=note.at),
            fields=i18n.t("list_separator", lang).join(
                i18n.t("field_pair", lang, en=en, zh=zh)
                for en, zh in zip(note.fields, note.wanted, strict=True)
            ),
        )
    if note.kind == "unlabelled":
        return i18n.t(f"note_unlabelled_{record_kind}", lang, file=note.file, name=record_id)
    if note.kind == "stale_suggestion":
        return i18n.t(
            f"note_stale_{note.fields[0]}",
            lang,
            file=note.file,
            mention=record_id,
            at=note.at,
            source=note.sources[0],
        )
    return str(note)


def curation_notes(report: Report, per_source: int | None = UNCURATED_PER_SOURCE) -> Prose | None:
    """What curators still have to do, in the report's language: per source, how many
    mentions nobody has curated; then every other note, naming its file and record."""
    if report.empty:
        return None
    src = report.tables["sources"]
    lines = [
        report.t(
            "warning_uncurated_first"
            if per_source is not None and r.mentions_uncurated > per_source
            else "warning_uncurated",
            source=source_name(report, r.source_id),
            n=r.mentions_uncurated,
            k=per_source,
        )
        for r in src.itertuples()
        if r.mentions_uncurated
    ]
    others = [n for n in report.notes if n.kind != "uncurated"]
    if others:
        lines += [report.t("curator_notes"), *(note_text(n, report.language) for n in others)]
    return Prose(md_safe("\n\n".join(lines))) if lines else None


def since_last_render(report: Report) -> Prose | None:
    """What a render writes here (the changes since the previous render); in a kernel
    outside a render there is nothing to compare, so the sentence says where it comes from."""
    if report.empty:
        return None
    return Prose(report.t("changes_placeholder"))


def verdicts(report: Report) -> Prose | None:
    """How many comparisons agree, conflict, differ in precision, rest on one source."""
    if report.empty:
        return None
    counts = verdict_counts(report)
    return Prose(
        report.t(
            "conflicts_summary",
            agree=counts["agree"],
            conflict=counts["conflict"],
            precision=counts["differs_in_precision"],
            one=counts["one_source_only"],
        )
    )


def uncurated(report: Report, per_source: int | None = UNCURATED_PER_SOURCE) -> Prose | None:
    if report.empty:
        return None
    per_source_counts = report.tables["sources"]["mentions_uncurated"]
    n = int(per_source_counts.sum())
    if not n:
        return Prose(report.t("uncurated_none"))
    shown = int(per_source_counts.clip(upper=per_source).sum()) if per_source is not None else n
    if shown < n:
        return Prose(report.t("uncurated_first", n=n, k=per_source, shown=shown))
    return Prose(report.t("uncurated_some", n=n))


def suggestions(report: Report) -> Prose | None:
    """One sentence: there are none, or how many and what their drafts would do."""
    if report.empty:
        return None
    rows = report.suggestions
    if not rows:
        return Prose(report.t("suggestions_none"))
    counts = {v: sum(r["verdict"] == v for r in rows) for v in (*VERDICT_SEVERITY, None)}
    return Prose(
        report.t(
            "suggestions_some",
            n=len(rows),
            agree=counts["agree"],
            conflict=counts["conflict"],
            precision=counts["differs_in_precision"],
            one=counts["one_source_only"],
            none=counts[None],
        )
    )
