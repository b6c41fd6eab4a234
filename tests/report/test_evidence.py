"""From a figure to its evidence and back, and each table's rows as CSV
(``report.anchors``, ``report.evidence``, ``display.table``, ``display.evidence_section``)."""

from __future__ import annotations

import base64
import csv
import html
import io
import re

import pytest

from h200report.report import display, evidence, params, passages, views
from h200report.report.anchors import Shown, event_anchor, fact_anchor, figure_id
from h200report.vocab import VERDICT_SEVERITY
from tests.support import CORPUS_DATA, CORPUS_SEEDS, FIXTURES
from tests.support.seeds import add_seeds

_ID = re.compile(r'\sid="([^"]+)"')
_HREF = re.compile(r'\shref="#([^"]+)"')


def _report(language="en", seeds=CORPUS_SEEDS, data=CORPUS_DATA):
    return views.load(params.validate(language=language, seeds_dir=str(seeds), data_dir=str(data)))


@pytest.fixture(scope="module")
def reports():
    return {lang: _report(lang) for lang in ("en", "zh")}


def _page(report) -> str:
    """What a report shows, as the sources and overview notebooks call it, evidence last."""
    parts = [
        views.overview(report),
        views.show(views.key_figures(report), report),
        views.show(views.zero_statements(report), report),
        views.comparison_cards(report),
        views.show(views.single_source(report), report),
        views.show(views.timeline_table(report), report),
    ]
    return "".join(str(p) for p in parts) + str(views.evidence(report))


# ----------------------------------------------------------------------------- anchors


def test_a_records_anchor_is_the_fact_bases_own_id():
    assert fact_anchor("cap_per_company.000") == "cap_per_company.000"
    assert event_anchor("unban") == event_anchor("event:unban") == "event:unban"
    assert figure_id("x.1", 1) == "shown-x.1" and figure_id("x.1", 3) == "shown-x.1-3"


def test_each_place_gets_its_own_id_and_showing_it_again_gives_the_same():
    shown = Shown()
    first = shown.place("a.1", "table A")
    second = shown.place("a.1", "card 0")
    assert (first, second) == ("shown-a.1", "shown-a.1-2")
    assert shown.place("a.1", "table A") == first  # a cell run again
    shown.include("b.1")  # a chart's point: listed, no place to come back to
    shown.include("a.1")
    assert shown.places == {"a.1": ["shown-a.1", "shown-a.1-2"], "b.1": []}


# ----------------------------------------------------------------------------- passages


def test_a_passage_is_the_paragraph_of_the_quote_with_the_quote_located():
    text = "First paragraph here.\nThe second one holds the quote itself, and more.\nThird."
    paragraphs = ((0, 21), (22, 70), (71, 77))
    para, start, end = passages.passage(text, paragraphs, "holds the quote")
    assert para == text[22:70] and para[start:end] == "holds the quote"
    split = passages.split_passage((para, start, end), "holds the quote")
    assert split["before"] + split["quote"] + split["after"] == para
    assert split["quote"] == "holds the quote"
    assert passages.passage(text, paragraphs, "not in it") is None


def test_a_quote_across_paragraphs_takes_both_and_a_long_paragraph_is_cut_around_it():
    text = "aaa bbb\nccc ddd"
    para, start, end = passages.passage(text, ((0, 7), (8, 15)), "bbb\nccc")
    assert para == text and para[start:end] == "bbb\nccc"
    long = "x" * 2000 + "QUOTE" + "y" * 2000
    para, start, end = passages.passage(long, ((0, len(long)),), "QUOTE")
    assert para[start:end] == "QUOTE" and len(para) < passages.PARAGRAPH_CHARS
    assert para.startswith(passages.ELLIPSIS) and para.endswith(passages.ELLIPSIS)


def test_every_quote_of_the_fact_base_has_its_passage(reports):
    report = reports["en"]
    for name in ("facts", "events"):
        table = report.tables[name]
        for source_id, quote in zip(table["source_id"], table["quote"], strict=True):
            para, start, end = report.passages[(source_id, quote)]
            assert para[start:end] == quote


# ----------------------------------------------------------------------------- links


@pytest.mark.parametrize("language", ["en", "zh"])
def test_each_figure_links_to_its_entry_and_the_entry_links_back(language):
    report = _report(language)
    page = _page(report)
    ids = _ID.findall(page)
    assert len(ids) == len(set(ids)), "no id twice"
    entries = set(re.findall(r'class="h200-evidence-entry[^"]*" id="([^"]+)"', page))
    figures = dict(re.findall(r'class="h200-fig" id="([^"]+)" href="#([^"]+)"', page))
    assert figures and set(figures.values()) == entries
    for figure, anchor in figures.items():
        _, entry = _entry(page, anchor)
        assert f'href="#{figure}"' in entry, f"{anchor} does not link back to {figure}"
    # Every fact of the key figures and every event of the timeline has its entry.
    key_figures = views.key_figures(report)
    assert set(key_figures["fact_id"]) <= entries
    assert {event_anchor(e) for e in report.tables["events"]["event_id"]} <= entries
    # Every link within the page lands on something in it.
    assert set(_HREF.findall(page)) <= set(ids)


def test_the_anchors_are_the_same_in_english_and_chinese(reports):
    en, zh = (_ID.findall(_page(_report(lang))) for lang in ("en", "zh"))
    assert en == zh


def _entry(page: str, anchor: str) -> tuple[str, str]:
    """The verdict class and the markup of the evidence entry of ``anchor``."""
    match = re.search(
        rf'<li class="h200-evidence-entry verdict-(\w+)" id="{re.escape(anchor)}"(.*?)</li>',
        page,
        re.S,
    )
    assert match, f"no entry for {anchor}"
    return match.group(1), match.group(2)


def test_an_entry_says_who_what_status_verdict_and_quotes_each_passage_marked(reports):
    report = reports["en"]
    page = _page(report)
    comp = report.tables["comparisons"]
    facts = report.tables["facts"]
    checked = 0
    for fact_id, rows in facts.groupby("fact_id"):
        if f'id="{fact_id}"' not in page:
            continue
        verdict, entry = _entry(page, fact_id)
        first = rows.iloc[0]
        mine = comp[(comp["item_a"] == fact_id) | (comp["item_b"] == fact_id)]
        severity = list(VERDICT_SEVERITY)
        expected = min(mine["verdict"], key=severity.index, default="one_source_only")
        assert verdict == expected
        text = html.unescape(entry)
        assert f"<dd>{first['attributed_to']}</dd>" in text
        assert f"<dd>{display.i18n.value(first['status'], 'en')}</dd>" in text
        assert f"<h4>{views.source_name(report, first['source_id'])}</h4>" in text
        for quote in rows["quote"]:
            assert f"<mark>{quote}</mark>" in text
        assert f"<code>{fact_id}</code>" in entry
        checked += 1
    assert checked >= 5


def test_a_conflict_between_sources_shows_as_the_verdict_of_both_entries(reports):
    comp = reports["en"].tables["comparisons"]
    conflicts = comp[(comp["kind"] == "fact") & (comp["verdict"] == "conflict")]
    assert not conflicts.empty, "the corpus has a conflict"
    for item in [*conflicts["item_a"], *conflicts["item_b"]]:
        assert evidence.fact_verdict(comp, item) == "conflict"
        found = evidence.entry(reports["en"], fact_anchor(item))
        assert found["verdict"] == "conflict"


def test_article_text_in_an_entry_is_text_never_markup():
    item = {
        "anchor": "x.1",
        "record": "x.1",
        "title": "<b>t</b>",
        "value": "v",
        "status": "s",
        "who": "<img src=x onerror=alert(1)>",
        "verdict": "agree",
        "verdict_words": "agree",
        "sources": [
            {
                "name": "n",
                "address": "javascript:alert(1)",
                "date": "",
                "quotes": [
                    {"before": "<script>", "quote": "</mark><i>", "after": "&", "gloss": None}
                ],
            }
        ],
        "back": ["shown-x.1"],
    }
    markup = str(display._macros().evidence([item], [], {}, _words(), "en"))
    assert "<script>" not in markup and "<img" not in markup and "<i>" not in markup
    assert "&lt;script&gt;<mark>&lt;/mark&gt;&lt;i&gt;</mark>&amp;" in markup
    assert 'href="javascript' not in markup  # an address is text, never a link


def _words() -> dict:
    return {k: k for k in display.EVIDENCE_WORDS}


# ----------------------------------------------------------------------------- waiting


def test_mentions_waiting_for_review_are_listed_apart_and_never_as_figures(project_copy):
    seeds, data = project_copy
    add_seeds(seeds, FIXTURES / "captures")
    for language in ("en", "zh"):
        report = _report(language, seeds, data)
        page = _page(report)
        mentions = report.tables["mentions"]
        waiting = mentions[mentions["status"] == "uncurated"]
        assert not waiting.empty
        section = page[page.index('class="h200-evidence"') :]
        assert 'class="h200-waiting"' in section
        listed = section[section.index('class="h200-waiting"') :]
        counts = waiting.groupby("source_id").size()
        for source_id, n in counts.items():
            name = html.escape(views.source_name(report, source_id))
            words = html.escape(report.t("evidence_waiting_count", n=n))
            assert f"<h4>{name}: {words}</h4>" in listed
        # Each listed mention is marked in its paragraph of the article, not a snippet.
        first = waiting.groupby("source_id", sort=False).head(views.UNCURATED_PER_SOURCE)
        for sid, start, text in zip(first["source_id"], first["start"], first["text"], strict=True):
            para, at, end = report.passages[(sid, int(start))]
            assert para[at:end] == text
            assert f"<p>{para[:at]}<mark>{text}</mark>{para[end:]}</p>" in html.unescape(listed)
        label = html.escape(report.t("evidence_suggested"))
        assert listed.count(label) == sum(min(int(n), views.UNCURATED_PER_SOURCE) for n in counts)
        # Entries are curated records only: no waiting source's id is an anchor.
        anchors = re.findall(r'class="h200-evidence-entry[^"]*" id="([^"]+)"', page)
        curated = set(report.tables["facts"]["fact_id"]) | {
            event_anchor(e) for e in report.tables["events"]["event_id"]
        }
        assert set(anchors) <= curated


def test_a_report_with_nothing_waiting_lists_nothing_waiting(reports):
    assert 'class="h200-waiting"' not in str(views.evidence(reports["en"]))


# ----------------------------------------------------------------------------- CSV


def _csv_of(markup: str) -> tuple[str, bytes]:
    name, href = re.search(r'<a download="([^"]+)" href="([^"]+)"', markup).groups()
    prefix = f"data:{evidence.CSV_MIME};base64,"
    assert href.startswith(prefix)
    return name, base64.b64decode(href[len(prefix) :])


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_tables_csv_holds_its_rows_with_the_readers_headers_and_a_bom(language):
    report = _report(language)
    frame = views.key_figures(report)
    markup = str(views.show(frame, report))
    name, data = _csv_of(markup)
    assert name.endswith(".csv")
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header = [html.unescape(h) for h in re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', markup)]
    assert rows[0] == [*header, display.i18n.column("evidence", language)]
    assert len(rows) == len(frame) + 1
    values = display.i18n.column("value", language)
    column = rows[0].index(values)
    assert [r[column] for r in rows[1:]] == list(frame["value"])
    assert [r[-1] for r in rows[1:]] == list(frame["fact_id"])
    if language == "zh":
        assert any(display.is_chinese(c) for c in rows[0])


def test_csv_text_is_spreadsheet_safe():
    text = evidence.csv_text(["a", "b"], [["=1+1", "-5"], ["-x", 'say "hi", then\ngo']])
    assert text.startswith(evidence.BOM) and "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.removeprefix(evidence.BOM), newline="")))
    assert rows == [["a", "b"], ["'=1+1", "-5"], ["'-x", 'say "hi", then\ngo']]
    assert evidence.csv_name("Key figures · 数字") == "Key-figures-数字.csv"
    assert evidence.csv_name("···") == "table.csv"


def test_the_overview_sentences_link_each_figure_to_its_evidence(reports):
    from h200report.report.claims import headline_facts

    for report in reports.values():
        markup = str(views.overview(report))
        linked = re.findall(r'<a class="h200-fig" id="([^"]+)" href="#([^"]+)">', markup)
        # Every headline fact of the fact base, once, each place an id of its own.
        assert sorted(a for _, a in linked) == sorted(
            fact_anchor(f) for f in headline_facts(report)["fact_id"]
        )
        page = _page(report)
        for place, anchor in linked:
            assert f'id="{anchor}"' in page and f'href="#{place}"' in page, anchor
