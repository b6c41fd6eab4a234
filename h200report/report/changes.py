"""What changed since the last render, as sentences in the report's language.

``changes.json`` (``factbase.snapshot.diff``) holds the changes as data; the run's
index page, the overview report and ``h200 diff`` show them through ``lines``.
Titles and labels in these lines come from the articles and the curated files: they
are text, and every caller shows them escaped. A source is named as a reader knows it:
its outlet (the site of the sources table) and its date, never its id.
"""

from __future__ import annotations

from .. import i18n
from ..factbase.formatting import describe_value
from ..factbase.labels import Labels
from ..factbase.snapshot import is_empty
from .model import day_text, named_source, short_id, told_apart

NUMBER_FIELDS = ("value", "low", "high", "unit", "bound")
WORD_FIELDS = ("status", "date_precision", "verdict")
SHA_SHOWN = 12


def _value(record: dict, lang: str) -> str:
    words = describe_value(*(record.get(f) for f in NUMBER_FIELDS), lang)
    text = record.get("value_text_zh") if lang == "zh" else None
    return words or str(text or record.get("value_text") or "")


def _outlets(changes: dict, snapshot: dict, lang: str) -> dict[str, str]:
    """Each source id (removed ones included) -> how the lines name it; two sources of one
    outlet and day are told apart by their short id."""
    records = {r["id"]: r for r in changes["sources"]["removed"]} | snapshot["sources"]
    named = {sid: named_source(r, lang) or short_id(sid) for sid, r in records.items()}
    return told_apart(
        named, lambda sid, name: i18n.t("outlet", lang, site=name, date=short_id(sid))
    )


def _named(source_id: object, outlets: dict[str, str]) -> str:
    return outlets.get(str(source_id)) or short_id(str(source_id))


def _shown(field: str, value: object, lang: str, outlets: dict[str, str]) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if field == "sources":
        names = [_named(s, outlets) for s in value] if isinstance(value, list) else [str(value)]
        return i18n.t("list_separator", lang).join(names)
    if field == "sha256":
        return str(value)[:SHA_SHOWN]
    if field == "published_at":
        return day_text(value, lang)
    if field == "date_precision":
        return i18n.precision(str(value), lang)
    if field in WORD_FIELDS:
        return str(i18n.value(value, lang))
    return str(value)


def _field_changes(change: dict, record: dict, lang: str, outlets: dict[str, str]) -> list[str]:
    """'status planned → announced', one per changed field; the number's fields as one."""
    fields = change["fields"]
    parts = []
    if any(f in fields for f in NUMBER_FIELDS):
        before = {**record, **{f: v["before"] for f, v in fields.items()}}
        parts.append((i18n.field("value", lang), _value(before, lang), _value(record, lang)))
    for name, values in fields.items():
        if name.endswith("_zh") and lang == "en":
            continue  # the English report says what changed in the English text
        if name not in NUMBER_FIELDS:
            parts.append(
                (
                    i18n.field(name, lang),
                    _shown(name, values["before"], lang, outlets),
                    _shown(name, values["after"], lang, outlets),
                )
            )
    return [i18n.t("change_field", lang, field=f, before=b, after=a) for f, b, a in parts]


def _fact_label(record: dict, labels: Labels, lang: str, outlets: dict[str, str]) -> str:
    label = labels.key_label(record["key"], lang, record.get("metric") or record["key"])
    return i18n.t("labelled", lang, label=label, what=_named(record["source_id"], outlets))


def _comparison_label(
    record: dict, snapshot: dict, labels: Labels, lang: str, outlets: dict[str, str]
) -> str:
    key = record["key"]
    if key.startswith("event:"):
        event = snapshot["events"].get(key.removeprefix("event:"), {})
        label = (event.get("title_zh") if lang == "zh" else None) or event.get("title_en") or key
    else:
        metric = next((f["metric"] for f in snapshot["facts"].values() if f["key"] == key), key)
        label = labels.key_label(key, lang, metric)
    sides = [_named(s, outlets) for s in (record["source_a"], record["source_b"]) if s]
    return i18n.t("labelled", lang, label=label, what=i18n.t("versus", lang).join(sides))


def lines(changes: dict, snapshot: dict, lang: str, *, between_runs: bool = False) -> list[str]:
    """Every change as one sentence; one sentence saying so when there is none.

    ``snapshot`` is the fact base the changes lead to (``factbase.json`` of the run),
    for the names of events and fact keys. ``between_runs``: two runs a person named
    (``h200 diff``), not a render and the one before it.
    """
    labels = Labels.model_validate(snapshot["labels"])
    if not changes["compared"]:
        return [i18n.t("changes_first", lang)]
    if is_empty(changes):
        return [i18n.t("changes_none_between" if between_runs else "changes_none", lang)]
    outlets = _outlets(changes, snapshot, lang)
    out = []
    s = changes["sources"]
    for r in s["added"]:
        what = _named(r["id"], outlets)
        # An English reader gets the English headline (older runs kept only the original).
        title = (lang == "en" and r.get("title_en")) or r["title"]
        out.append(i18n.t("change_source_added", lang, what=what, title=title))
    for r in s["removed"]:
        what = _named(r["id"], outlets)
        out.append(i18n.t("change_source_removed", lang, what=what, title=r["title"]))
    for c in s["changed"]:
        for part in _field_changes(c, c["record"], lang, outlets):
            what = _named(c["id"], outlets)
            out.append(i18n.t("change_record", lang, what=what, change=part))
    f = changes["facts"]
    for r in f["added"]:
        label, value = _fact_label(r, labels, lang, outlets), _value(r, lang)
        out.append(i18n.t("change_fact_added", lang, what=label, value=value))
    for r in f["removed"]:
        out.append(i18n.t("change_fact_removed", lang, what=_fact_label(r, labels, lang, outlets)))
    for c in f["changed"]:
        for part in _field_changes(c, c["record"], lang, outlets):
            label = _fact_label(c["record"], labels, lang, outlets)
            out.append(i18n.t("change_record", lang, what=label, change=part))
    title = "title_zh" if lang == "zh" else "title_en"
    e = changes["events"]
    for r in e["added"]:
        what = r.get(title) or r["title_en"]
        out.append(i18n.t("change_event_added", lang, what=what, date=r["date_start"] or "—"))
    for r in e["removed"]:
        out.append(i18n.t("change_event_removed", lang, what=r.get(title) or r["title_en"]))
    for c in e["changed"]:
        for part in _field_changes(c, c["record"], lang, outlets):
            what = c["record"].get(title) or c["record"]["title_en"]
            out.append(i18n.t("change_record", lang, what=what, change=part))
    v = changes["verdicts"]
    for r in v["added"]:
        label = _comparison_label(r, snapshot, labels, lang, outlets)
        verdict = i18n.value(r["verdict"], lang)
        out.append(i18n.t("change_verdict_added", lang, what=label, verdict=verdict))
    for r in v["removed"]:
        label = _comparison_label(r, snapshot, labels, lang, outlets)
        out.append(i18n.t("change_verdict_removed", lang, what=label))
    for c in v["changed"]:
        verdict = c["fields"]["verdict"]
        out.append(
            i18n.t(
                "change_verdict",
                lang,
                what=_comparison_label(c["record"], snapshot, labels, lang, outlets),
                before=i18n.value(verdict["before"], lang),
                after=i18n.value(verdict["after"], lang),
            )
        )
    return out
