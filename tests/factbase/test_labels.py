"""data/curated/labels.yaml: names of curated content, checked against the curated files."""

from __future__ import annotations

import warnings

import pytest
import yaml

from h200report.errors import InputError
from h200report.factbase.build import UncuratedWarning, build
from h200report.factbase.curation import LABELS_FILE, load_events, load_facts
from h200report.factbase.labels import load_labels
from tests.support import CORPUS_CURATED


def _edit(data_dir, edit) -> None:
    path = data_dir / "curated" / LABELS_FILE
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (lambda d: d["keys"].update(gone={"zh": "无"}), "keys: gone is not the key of any fact"),
        (lambda d: d["metrics"].update(gone="无"), "metrics: 'gone' is not the metric of any fact"),
        (lambda d: d["report"].update(fee_rate="fee"), "report.fee_rate: fee is not the key"),
        (lambda d: d["report"]["headline"].append("x"), "report.headline: x is not the key"),
        (lambda d: d["report"].update(unban_event="x"), "report.unban_event: x is not an event_id"),
        (
            lambda d: d["keys"]["fee_rate"].update(colour="red"),
            "keys.fee_rate.colour: unknown field",
        ),
    ],
)
def test_a_stale_or_malformed_label_is_refused(project_copy, edit, problem):
    seeds, data = project_copy
    _edit(data, edit)
    with pytest.raises(InputError) as info:
        build(seeds, data)
    assert str(info.value).startswith(str(data / "curated" / LABELS_FILE))
    assert problem in str(info.value)


def test_labels_name_keys_in_both_languages_and_fall_back_to_the_metric():
    curated = CORPUS_CURATED
    labels = load_labels(curated, load_facts(curated), load_events(curated))
    assert labels.key_label("cap_per_company", "en", "m") == "Per-company cap"
    assert labels.key_label("cap_per_company", "zh", "m") == "每家公司上限"
    # No English label: the curated metric; no label at all: the metric, translated if known.
    assert labels.key_label("official_title", "en", "official title") == "official title"
    assert labels.key_label("new_key", "zh", "official title") == "官员职务"
    assert labels.key_label("new_key", "zh", "unknown metric") == "unknown metric"


def test_a_key_or_metric_without_chinese_is_a_warning_naming_it(project_copy):
    seeds, data = project_copy

    def edit(doc):
        doc["keys"]["fee_rate"].pop("zh")
        doc["metrics"].pop("fee taken by the US government")

    _edit(data, edit)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UncuratedWarning)
        fb = build(seeds, data)
    labels = str(data / "curated" / LABELS_FILE)
    assert [w for w in fb.warnings if w.startswith(labels)] == [
        f"{labels}: key fee_rate has no Chinese label (keys.fee_rate.zh): the zh report shows the English",
        f"{labels}: metric 'fee taken by the US government' has no Chinese (metrics): the zh report shows the English",
    ]
    assert fb.labels.key_label("fee_rate", "zh", "fee taken by the US government") == (
        "fee taken by the US government"
    )
