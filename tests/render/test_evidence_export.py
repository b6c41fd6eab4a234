"""The export's guard lets the package's own outputs hold exactly two kinds of link,
within the page and a table's rows as CSV data, and the one-file edition keeps every
id unique (``render.export``)."""

from __future__ import annotations

import re

import nbformat
import pytest

from h200report.render.export import (
    OWN_OUTPUT_KEY,
    UnsafeOutputError,
    audit_html,
    export_html,
    own_output,
    unique_ids,
)
from h200report.report import display, params, views
from tests.support import CORPUS_DATA, CORPUS_SEEDS

CSV = "data:text/csv;charset=utf-8;base64,77u/YSxiDQo="
OURS = (
    f'<a class="h200-fig" id="shown-x.1" href="#x.1">75,000</a>'
    f'<a href="#event:unban">d</a><a download="t.csv" href="{CSV}">CSV</a>'
    '<li class="h200-evidence-entry" id="x.1" data-record="x.1"><mark>q</mark></li>'
)


def test_our_own_links_pass_and_nothing_else_does():
    assert audit_html(OURS, own=True) == []
    for bad in (
        '<a href="https://example.com/">x</a>',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        '<a download="x.csv" href="data:text/csv,=1+1">x</a>',  # not our encoding
        '<a href="x.html">x</a>',
        '<a href="#x" onclick="go()">x</a>',
        '<img src="data:text/csv;charset=utf-8;base64,AA==">',
    ):
        assert audit_html(bad, own=True), bad
    # An output that is not ours may hold no link at all, not even within the page.
    assert audit_html('<a href="#x.1">x</a>')
    assert audit_html(f'<a download="t.csv" href="{CSV}">CSV</a>')


def _notebook(markup: str, metadata: dict | None):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x")])
    nb.cells[0].outputs = [
        nbformat.v4.new_output(
            "display_data", data={"text/html": markup, "text/plain": "x"}, metadata=metadata or {}
        )
    ]
    return nb


def test_a_display_of_the_package_is_marked_as_its_own_and_exported_with_its_links():
    report = views.load(
        params.validate(language="en", seeds_dir=str(CORPUS_SEEDS), data_dir=str(CORPUS_DATA))
    )
    shown = views.show(views.key_figures(report), report)
    markup, metadata = shown._repr_html_()
    assert metadata == {OWN_OUTPUT_KEY: "display"}
    nb = _notebook(markup, {"text/html": metadata})
    assert own_output(nb.cells[0].outputs[0])
    page, info = export_html(nb, "t")
    assert not info["warnings"]
    assert 'class="h200-fig"' in page and 'href="data:text/csv;charset=utf-8;base64,' in page


def test_the_same_links_in_an_output_that_is_not_ours_are_refused():
    with pytest.raises(UnsafeOutputError, match="tag <a>"):
        export_html(_notebook(OURS, None), "t")
    # warn: what is shown holds no link at all
    page, info = export_html(_notebook(OURS, None), "t", raw_html="warn")
    assert info["warnings"] and "<a " not in page.split('<main id="main">')[1]


def test_our_mark_does_not_let_another_link_through():
    nb = _notebook(OURS + '<a href="https://example.com/">x</a>', {"text/html": display.OWN_OUTPUT})
    with pytest.raises(UnsafeOutputError, match="link to 'https://example.com/'"):
        export_html(nb, "t")
    page, info = export_html(nb, "t", raw_html="warn")
    body = page.split('<main id="main">')[1]
    assert "example.com" not in body and "<a " not in body


def test_the_edition_keeps_the_first_anchor_and_makes_later_ones_unique():
    first = '<li id="x.1"></li><a class="h200-fig" id="shown-x.1" href="#x.1">1</a>'
    second = (
        '<li id="x.1"></li><a id="shown-x.1" href="#x.1">1</a>'
        '<li id="event:e"></li><a href="#event:e">e</a><a href="#shown-x.1">back</a>'
    )
    one, two = unique_ids([("00_a", first), ("01_b", second)])
    assert one == first
    assert re.findall(r'id="([^"]+)"', two) == ["01_b/x.1", "01_b/shown-x.1", "event:e"]
    assert re.findall(r'href="#([^"]+)"', two) == ["01_b/x.1", "event:e", "01_b/shown-x.1"]
    three = unique_ids([("a", first), ("b", first), ("c", first)])[2]
    assert re.findall(r'id="([^"]+)"', three) == ["c/x.1", "c/shown-x.1"]
