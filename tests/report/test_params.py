"""Parameters: one clear sentence naming the parameter for every bad value."""

from __future__ import annotations

import datetime as dt

import pytest

from h200report import i18n, paths
from h200report.errors import ParameterError
from h200report.report import params


def test_defaults_are_the_project_folders():
    s = params.validate()
    assert (s.language, s.as_of, s.seeds_dir, s.data_dir) == (
        "en",
        None,
        paths.SEEDS_DIR,
        paths.DATA_DIR,
    )
    assert (s.per_company_cap, s.buyers, s.fee_rate_percent) == (None, None, None)


def test_valid_values_are_converted():
    s = params.validate(
        language="zh",
        as_of="2026-03-05",
        seeds_dir="seeds",
        per_company_cap=50000.0,
        buyers=3,
        fee_rate_percent=15,
    )
    assert s.as_of == dt.date(2026, 3, 5)
    assert s.seeds_dir == paths.SEEDS_DIR
    assert s.per_company_cap == 50000 and isinstance(s.per_company_cap, int)
    assert s.fee_rate_percent == 15.0


def test_yaml_dates_are_accepted():
    assert params.validate(as_of=dt.date(2026, 3, 5)).as_of == dt.date(2026, 3, 5)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"language": "fr"}, "language: 'fr' is not one of en, zh"),
        ({"language": 1}, "language: must be text, one of en, zh, got 1"),
        ({"as_of": "2026-13-01"}, "as_of: '2026-13-01' is not a date (YYYY-MM-DD)"),
        ({"as_of": "2026-3-1"}, "as_of: '2026-3-1' is not a date (YYYY-MM-DD)"),
        ({"as_of": 20260301}, "as_of: must be an ISO date text (YYYY-MM-DD) or None, got 20260301"),
        ({"seeds_dir": "no/such/folder"}, "seeds_dir: 'no/such/folder' is not a folder"),
        (
            {"per_company_cap": -5},
            "per_company_cap: must be a positive whole number or None, got -5",
        ),
        (
            {"per_company_cap": 2.5},
            "per_company_cap: must be a positive whole number or None, got 2.5",
        ),
        ({"buyers": True}, "buyers: must be a positive whole number or None, got True"),
        ({"buyers": "3"}, "buyers: must be a positive whole number or None, got '3'"),
        (
            {"fee_rate_percent": 120},
            "fee_rate_percent: must be from 0 to 100 (a percentage), got 120",
        ),
        (
            {"fee_rate_percent": "25%"},
            "fee_rate_percent: must be a number from 0 to 100 or None, got '25%'",
        ),
    ],
)
def test_bad_values_give_one_sentence(kwargs, message):
    with pytest.raises(ParameterError) as info:
        params.validate(**kwargs)
    assert str(info.value) == message
    assert "\n" not in str(info.value)


def test_unknown_names_are_refused_with_a_hint():
    with pytest.raises(
        ParameterError, match=r"^langauge: unknown parameter; did you mean language\?$"
    ):
        params.validate(langauge="en")
    with pytest.raises(ParameterError, match=r"^buyers: unknown parameter"):
        params.check_names(["buyers"], known=["language", "as_of"])
    params.check_names(["buyers", "language"])
    with pytest.raises(ParameterError, match="^colour: unknown parameter"):
        params.validate(colour="red")


def test_parameters_cell_is_written_from_the_one_definition():
    cell = params.parameters_cell(["language", "per_company_cap"])
    assert cell.splitlines() == [
        'language: str = "en"  # ' + i18n.parameter("language", "en"),
        "per_company_cap: int = None  # " + i18n.parameter("per_company_cap", "en"),
    ]
    # A Chinese notebook's cell defaults to its language and says so in Chinese.
    zh = params.parameters_cell(["language", "as_of"], "zh").splitlines()
    assert zh[0] == 'language: str = "zh"  # ' + i18n.parameter("language", "zh")
    assert zh[1].startswith("as_of: str = None  # ") and "日期" in zh[1]
    defaults = params.Settings()
    assert defaults.language == "en" and defaults.seeds_dir == paths.SEEDS_DIR


def test_a_huge_value_gives_a_short_message_at_once():
    bomb: list = [1]
    for _ in range(200):  # what a YAML alias bomb in a papermill -y value expands to
        bomb = [bomb, bomb]
    with pytest.raises(ParameterError) as err:
        params.validate(language=bomb)
    assert str(err.value).startswith("language: must be text, one of en, zh, got [[[")
    assert len(str(err.value)) < 200
