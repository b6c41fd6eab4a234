"""One render of the shipped reports, shared by every test in this file (a render costs
tens of seconds; ``make test``'s workers split the suite by file, so its users live here).

Every report of every parameter set, opened offline in Chromium: each chart drawn
(Plotly roots counted against the figures in the executed notebook), no request
leaving the file, no console error; each in its one language; and each notebook's
outputs equal to its stored baseline.
"""

from __future__ import annotations

import configparser
import os
import re
from pathlib import Path

import nbformat
import pytest

from h200report import paths, yamlio
from h200report.factbase.inputs import inputs_digest, stored_digest
from h200report.render.export import EDITION, count_plotly_outputs
from h200report.render.pipeline import render
from tests.support import (
    CORPUS_CURATED,
    CORPUS_DATA,
    CORPUS_SEEDS,
    notebook_id,
    stored_reports,
)

pytestmark = pytest.mark.slow
SANITIZE = paths.NOTEBOOKS_DIR / "nbval_sanitize.cfg"
NOTEBOOKS = stored_reports("en")  # the reports render.yaml renders, once per language
STORED = stored_reports()  # each in every language
CORPUS = {"seeds_dir": CORPUS_SEEDS, "data_dir": CORPUS_DATA}


@pytest.fixture(scope="module")
def full_render(tmp_path_factory):
    """Every shipped notebook rendered for every parameter set of render.yaml (on one
    kernel: a kernel costs seconds of CPU, and the two-kernel path is test_render's)."""
    root = tmp_path_factory.mktemp("full_render")
    with open(root / "progress.txt", "w") as quiet:
        result = render(output_root=root / "reports", progress_stream=quiet, jobs=1, **CORPUS)
    assert result.ok, result.failures
    return result


def test_reports_read_in_their_language(full_render):
    en = (full_render.run_dir / "en" / "01_order_volumes.html").read_text(encoding="utf-8")
    zh = (full_render.run_dir / "zh" / "01_order_volumes.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in en and '<html lang="zh"' in zh
    assert "Zero statements since the unban" in en
    assert "Zero statements since the unban" not in zh
    index = (full_render.run_dir / "index.html").read_text(encoding="utf-8")
    for seed in CORPUS_SEEDS.glob("*.txt"):
        assert seed.name in index
    # Each landing page's headline figures are named in its own language.
    labels = yamlio.read_yaml(CORPUS_CURATED / "labels.yaml")["keys"]
    headline = yamlio.read_yaml(CORPUS_CURATED / "labels.yaml")["report"]["headline"]
    index_zh = (full_render.run_dir / "index.zh.html").read_text(encoding="utf-8")
    for key in headline:
        assert labels[key]["en"] in index and labels[key]["en"] not in index_zh, key
        assert labels[key]["zh"] in index_zh, key
    # The shared quotas page speaks of its menu and slider; the parameters cell is the
    # notebook's (a notebook-only cell, dropped at export).
    for lang, cell, menu in (("en", "parameters cell", "menu"), ("zh", "参数单元格", "菜单")):
        quotas = (full_render.run_dir / lang / "02_quotas.html").read_text(encoding="utf-8")
        assert cell not in quotas and menu in quotas, lang
    # Links between reports point at the sibling HTML files, not at notebooks.
    overview = (full_render.run_dir / "en" / "00_overview.html").read_text(encoding="utf-8")
    assert (
        'href="01_order_volumes.html"' in overview
        and 'href="01_order_volumes.ipynb"' not in overview
    )


def _patterns() -> list[tuple[re.Pattern, str]]:
    config = configparser.ConfigParser()
    config.read(SANITIZE, encoding="utf-8")
    return [(re.compile(config[s]["regex"]), config[s]["replace"]) for s in config.sections()]


def _outputs(nb) -> list:
    patterns = _patterns()

    def clean(value):
        if isinstance(value, str):
            for rx, repl in patterns:
                value = rx.sub(repl, value)
            return value
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {
                k: clean(v) for k, v in value.items() if k not in ("execution_count", "metadata")
            }
        return value

    code = [c for c in nb.cells if c.cell_type == "code"]
    own = [c for c in code if "injected-parameters" not in c.metadata.get("tags", [])]
    return [clean(c.get("outputs", [])) for c in own]


@pytest.mark.parametrize("path", STORED, ids=notebook_id)
def test_a_render_gives_the_baseline_outputs(full_render, path):
    """Determinism: the render's execution has the stored baseline's outputs (after the
    declared sanitising); the strict nbval run is a second, independent execution
    compared with the same baseline."""
    # Each parameter set of render.yaml is its language's notebooks' defaults: its outputs
    # are the baseline's, where the baseline was executed on the fact base of the tests'
    # corpus (the shipped one).
    stored = nbformat.read(path, as_version=4)
    if stored_digest(stored) != inputs_digest(CORPUS_SEEDS, CORPUS_DATA):
        pytest.skip(
            "the stored notebooks were executed on a fact base other than the tests' corpus "
            "(the live one grew): the strict nbval run compares them with the live fact base"
        )
    rendered = nbformat.read(full_render.run_dir / path.parent.name / path.name, as_version=4)
    assert _outputs(rendered) == _outputs(stored)
    assert any(_outputs(stored)), "the notebook has outputs to compare"


def test_a_second_render_finds_nothing_changed_and_reuses_all_ten_reports(full_render):
    import json

    root = full_render.run_dir.parent
    with open(root.parent / "progress2.txt", "w") as quiet:
        again = render(output_root=root, progress_stream=quiet, **CORPUS)
    assert again.unchanged and again.run_dir == full_render.run_dir
    assert sorted(p.name for p in root.glob("2*")) == [full_render.run_dir.name]
    # With `latest` gone (say, removed by hand) a render must make a run: every report reused.
    (root / "latest").unlink()
    with open(root.parent / "progress3.txt", "w") as quiet:
        second = render(output_root=root, progress_stream=quiet, **CORPUS)
    assert second.ok and len(second.results) == 10
    assert [r.reused_from for r in second.results] == [full_render.run_dir.name] * 10
    changes = json.loads((second.run_dir / "changes.json").read_text(encoding="utf-8"))
    assert changes["compared"] and not any(
        changes[k][w]
        for k in ("sources", "facts", "events", "verdicts")
        for w in ("added", "removed", "changed")
    )
    # The overview says so, in each language (its HTML is exported again with this run's changes).
    en = (second.run_dir / "en" / "00_overview.html").read_text(encoding="utf-8")
    zh = (second.run_dir / "zh" / "00_overview.html").read_text(encoding="utf-8")
    assert "No change in the fact base since the last render." in en
    assert "自上次生成以来,事实库没有变化。" in zh
    first = (full_render.run_dir / "en" / "00_overview.html").read_text(encoding="utf-8")
    assert "there is no earlier render to compare with" in first
    listing = (root / "index.html").read_text(encoding="utf-8")
    assert second.run_dir.name in listing and full_render.run_dir.name in listing
    assert os.readlink(root / "latest") == second.run_dir.name


MAX_REPORT_BYTES = 1_600_000


def _reader_pages(run_dir: Path) -> list[tuple[Path, str]]:
    """Every page a reader opens, with its language: the reports, the single-file
    editions, the landing pages and the listing of every run (reports/index.html)."""
    pages = [(p, p.parent.name) for p in sorted(run_dir.glob("*/*.html"))]
    landing = [(run_dir / "index.html", "en"), (run_dir / "index.zh.html", "zh")]
    return pages + landing + [(run_dir.parent / "index.html", "en")]


AXE_WIDTH = 390


def _read_pages(full_render, chromium, width: int) -> dict[Path, tuple[str, object]]:
    """Every page a reader opens, each opened once at ``width``: its language and its
    check. A report's anchors are read on the way (``evaluated``), for the anchors test."""
    pages = _reader_pages(full_render.run_dir)
    # Every shipped report in both languages, each language's edition and landing page,
    # the listing.
    assert len(pages) == 2 * (len(NOTEBOOKS) + 1) + 3
    out = {}
    for page, language in pages:
        report = not page.name.startswith(("index", EDITION))
        # The edition repeats the reports' own markup, which axe has just checked.
        axe = width == AXE_WIDTH and page.name != EDITION
        after = _ANCHORS_JS if report else None
        out[page] = language, chromium.open(page, width=width, axe=axe, after_load=after)
    return out


@pytest.fixture(scope="module")
def laptop_pages(full_render, chromium):
    return _read_pages(full_render, chromium, 1280)


def _reader_problems(full_render, checks) -> dict[str, list[str]]:
    found = {}
    for page, (language, check) in checks.items():
        expected = None if page.name.startswith(("index", EDITION)) else _charts(page)
        problems = check.problems(expected, reader=True, language=language)
        if "Traceback" in check.text:
            problems.append("a traceback is shown")
        if problems:
            found[str(page.relative_to(full_render.run_dir.parent))] = problems
    return found


@pytest.mark.browser
def test_every_page_reads_well_on_a_laptop(full_render, laptop_pages):
    """No sideways scrolling, no chart title cut, no missing-value word, the right
    language, every chart drawn (counted against the executed notebook), nothing
    fetched, no script error."""
    assert not _reader_problems(full_render, laptop_pages)


@pytest.mark.browser
def test_every_page_reads_well_on_a_phone(full_render, chromium):
    """The same at phone width, each page loaded at that width as a phone loads it; and no
    serious or critical axe finding, here, where tables scroll in their own boxes (axe
    reads the page's markup, the same at both widths, and costs a second a page)."""
    assert not _reader_problems(full_render, _read_pages(full_render, chromium, AXE_WIDTH))


def _charts(page: Path) -> int:
    return count_plotly_outputs(page.with_suffix(".ipynb"))


def test_each_report_is_small_enough_to_mail(full_render):
    for page, _ in _reader_pages(full_render.run_dir):
        if page.name.startswith("index") or page.name == EDITION:
            continue
        size = page.stat().st_size
        assert size <= MAX_REPORT_BYTES, f"{page}: {size:,} bytes"
    for language in ("en", "zh"):
        edition = full_render.run_dir / language / EDITION
        text = edition.read_text(encoding="utf-8")
        assert text.count("Plotly.newPlot(") == sum(
            _charts(full_render.run_dir / language / f"{p.stem}.html") for p in NOTEBOOKS
        )
        assert 'href="#report-02_quotas"' in text  # links within the one file


@pytest.mark.browser
def test_the_quotas_report_tries_another_cap_and_fee_in_the_browser(full_render, chromium):
    """In the shared HTML, without a kernel: the fee slider and the cap menu redraw their
    chart and change its title; the page opens on the sourced values."""
    page = full_render.run_dir / "en" / "02_quotas.html"
    titles = (
        "() => Array.from(document.querySelectorAll('.h200-plot'))"
        ".map(el => el.layout.title.text.replace(/<br>/g, ' '))"
    )

    def try_them(p):
        before = p.evaluate(titles)
        slider = p.locator(".h200-plot .slider-rail-touch-rect").first
        slider.scroll_into_view_if_needed()
        rail = slider.bounding_box()
        p.mouse.click(rail["x"] + rail["width"] - 2, rail["y"] + rail["height"] / 2)
        p.wait_for_function(f"b => ({titles})().join() !== b.join()", arg=before)
        after_slider = p.evaluate(titles)
        header = p.locator(".h200-plot .updatemenu-header").first
        header.scroll_into_view_if_needed()
        header.click()
        menu = p.locator(".h200-plot .updatemenu-dropdown-button-group .updatemenu-item-text")
        menu.first.click()  # the first preset, the smallest cap
        p.wait_for_function(f"b => ({titles})().join() !== b.join()", arg=after_slider)
        return before, after_slider, p.evaluate(titles)

    check = chromium.open(page, after_load=try_them)
    before, after_slider, after_menu = check.evaluated
    assert any("fee 25% (as sourced)" in t for t in before)
    assert any("75,000 chips (as sourced)" in t for t in before)
    assert any("fee 50% (scenario)" in t for t in after_slider)
    assert any("25,000 chips (scenario)" in t for t in after_menu)
    assert not check.problems(_charts(page))


# ----------------------------------------------------------------------------- evidence

_IN_VIEW_JS = """id => { const el = document.getElementById(id); if (!el) return null;
  const r = el.getBoundingClientRect();
  return {id: el.id, cls: el.className, record: el.dataset.record || null,
          text: el.innerText, inView: r.bottom > 0 && r.top < window.innerHeight}; }"""
_HASH_JS = "() => decodeURIComponent(location.hash.slice(1))"


def _corpus_report(language: str):
    from h200report.report import params, views

    settings = params.validate(
        language=language, seeds_dir=str(CORPUS_SEEDS), data_dir=str(CORPUS_DATA)
    )
    return views.load(settings)


def _records(report) -> set[str]:
    from h200report.report.anchors import event_anchor

    events = {event_anchor(e) for e in report.tables["events"]["event_id"]}
    return set(report.tables["facts"]["fact_id"]) | events


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_figure_leads_to_its_evidence_and_back_in_the_browser(full_render, chromium, language):
    """In Chromium: a click on each kind of figure (a table's, a card's) lands on its entry
    under "Sources and quotes", which names the same figure and marks its quotes; the
    entry's link back lands on the figure."""
    records = _records(_corpus_report(language))
    pages = {
        "01_order_volumes": "td a.h200-fig",  # a table's figure
        "04_sources": ".h200-card a.h200-fig",  # a comparison card's
    }
    for stem, selector in pages.items():

        def follow(p, selector=selector):
            out = []
            for n in (0, -1):  # the first and the last of its kind
                fig = p.locator(selector).nth(n)
                fig_id, href = fig.get_attribute("id"), fig.get_attribute("href")
                value = fig.inner_text()
                fig.scroll_into_view_if_needed()
                fig.click()
                p.wait_for_function(f"h => ({_HASH_JS})() === h", arg=href[1:])
                landed = p.evaluate(_IN_VIEW_JS, href[1:])
                marks = p.locator(f'[id="{href[1:]}"] mark').count()
                p.locator(f'[id="{href[1:]}"] .back a[href="#{fig_id}"]').click()
                p.wait_for_function(f"h => ({_HASH_JS})() === h", arg=fig_id)
                back = p.evaluate(_IN_VIEW_JS, fig_id)
                out.append((fig_id, href[1:], value, landed, marks, back))
            return out

        check = chromium.open(full_render.run_dir / language / f"{stem}.html", after_load=follow)
        for fig_id, anchor, value, landed, marks, back in check.evaluated:
            assert anchor in records, f"{stem}: {anchor} is no record of the fact base"
            assert landed["inView"] and "h200-evidence-entry" in landed["cls"]
            # A card's figure carries its status after a dot; the entry states both.
            assert landed["record"] == anchor
            assert all(part in landed["text"] for part in value.split(" · ")), value
            assert marks >= 1, f"{anchor}: no quote marked"
            assert back["inView"] and back["id"] == fig_id
        assert not check.problems(_charts(full_render.run_dir / language / f"{stem}.html"))


_ANCHORS_JS = """() => ({
  entries: Array.from(document.querySelectorAll('.h200-evidence-entry')).map(e => e.id),
  figures: Array.from(document.querySelectorAll('a.h200-fig')).map(a => a.getAttribute('href')),
  dangling: Array.from(document.querySelectorAll(
      'a.h200-fig, .h200-evidence a[href^="#"]'))
    .map(a => decodeURIComponent(a.getAttribute('href').slice(1)))
    .filter(id => id && !document.getElementById(id)),
  ids: Array.from(document.querySelectorAll('[id]')).map(e => e.id)})"""


@pytest.mark.browser
def test_the_anchors_are_the_same_in_english_and_chinese_and_the_fact_bases_own(
    full_render, laptop_pages
):
    records = _records(_corpus_report("en"))
    for path in NOTEBOOKS:
        seen = {}
        for language in ("en", "zh"):
            page = full_render.run_dir / language / f"{path.stem}.html"
            seen[language] = laptop_pages[page][1].evaluated  # _ANCHORS_JS, read as loaded
        en, zh = seen["en"], seen["zh"]
        assert en["entries"], f"{path.stem}: no evidence"
        assert en["entries"] == zh["entries"] and en["figures"] == zh["figures"], path.stem
        assert set(en["entries"]) <= records, path.stem
        assert {f[1:] for f in en["figures"]} <= set(en["entries"]), path.stem
        for got in (en, zh):
            assert got["dangling"] == [], path.stem
            assert len(got["ids"]) == len(set(got["ids"])), path.stem


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_tables_csv_link_gives_its_rows_with_a_bom(full_render, chromium, language):
    """The zero statements' table of the order volumes report, downloaded from its own
    link in Chromium: a BOM, then the headers and cells the table shows, one row per zero
    statement of the fact base, each with the anchor of its evidence."""
    import csv
    import io

    from h200report import i18n
    from h200report.report import views

    page = full_render.run_dir / language / "01_order_volumes.html"
    zeros = views.zero_statements(_corpus_report(language))
    assert len(zeros) >= 2

    def download(p):
        link = p.locator(".h200-csv a").first
        table = p.evaluate(
            """a => { const t = a.closest('.h200-csv').previousElementSibling;
              return {head: Array.from(t.querySelectorAll('th')).map(h => h.innerText.trim()),
                      rows: Array.from(t.querySelectorAll('tbody tr')).map(r =>
                        Array.from(r.querySelectorAll('td')).map(d => d.innerText.trim()))}; }""",
            link.element_handle(),
        )
        with p.expect_download() as info:
            link.click()
        return table, info.value.suggested_filename, Path(info.value.path()).read_bytes()

    check = chromium.open(page, after_load=download)
    table, name, data = check.evaluated
    assert name.endswith(".csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8")[1:], newline="")))
    assert rows[0] == [*table["head"], i18n.column("evidence", language)]
    assert [r[:-1] for r in rows[1:]] == table["rows"]
    assert len(rows) - 1 == len(zeros)
    assert [r[-1] for r in rows[1:]] == list(zeros["fact_id"])


@pytest.mark.browser
def test_in_the_edition_each_report_links_to_its_own_evidence_and_a_chart_click_too(
    full_render, chromium
):
    """all-reports.html: no id twice, no link within the page that lands nowhere; the
    first report to show a record keeps its bare anchor; a later report's figure lands
    on its own entry; a click on a chart's point goes to the evidence of that point."""
    edition = full_render.run_dir / "en" / EDITION

    def look(p):
        got = p.evaluate(_ANCHORS_JS)
        later = p.locator("#report-04_sources a.h200-fig").first
        href = later.get_attribute("href")
        later.scroll_into_view_if_needed()
        later.click()
        p.wait_for_function(f"h => ({_HASH_JS})() === h", arg=href[1:])
        section = p.evaluate("id => document.getElementById(id).closest('section').id", href[1:])
        clicked = p.evaluate(
            """() => { const gd = document.querySelector('#report-03_timeline .h200-plot');
              const trace = gd.data.find(t => t.customdata && t.customdata.length);
              gd.emit('plotly_click', {points: [{customdata: trace.customdata[0]}]});
              const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
              return [trace.customdata[0], el && el.dataset.record,
                      el && el.closest('section').id]; }"""
        )
        return got, href, section, clicked

    check = chromium.open(edition, after_load=look)
    got, href, section, clicked = check.evaluated
    assert got["dangling"] == [] and len(got["ids"]) == len(set(got["ids"]))
    assert set(got["entries"]) & _records(_corpus_report("en")), "bare anchors kept"
    assert section == "report-04_sources", href
    record, landed, where = clicked
    assert landed == record and where == "report-03_timeline"


def _recipe(marker: str) -> str:
    """The code block under ``<!-- nightly:MARKER -->`` in the README."""
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split(f"<!-- nightly:{marker} -->", 1)[1]
    return block.split("```", 2)[1].split("\n", 1)[1]


def test_the_nightly_recipes_run_as_the_readme_writes_them(tmp_path):
    """The systemd unit's ExecStart in its WorkingDirectory (a first night: everything
    rendered), then the cron line in cron's bare environment (sh, a short PATH, no
    terminal: a night with nothing changed), the output root in a temporary folder."""
    import subprocess

    root = tmp_path / "reports"
    log = tmp_path / "h200report.log"

    def local(text: str) -> str:
        text = text.replace("/srv/h200report/reports", str(root))
        return text.replace("/var/log/h200report.log", str(log)).replace(
            "/srv/h200report", str(paths.ROOT)
        )

    env = {"PATH": "/usr/bin:/bin", "HOME": os.environ["HOME"], "SHELL": "/bin/sh", "LANG": "C"}
    unit = dict(line.split("=", 1) for line in _recipe("systemd").splitlines() if "=" in line)
    service = subprocess.run(
        local(unit["ExecStart"]).split(),
        cwd=local(unit["WorkingDirectory"]),
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert service.returncode == 0, service.stderr
    assert service.stdout.startswith("h200 render: 10 reports in "), service.stdout
    assert "render: [10/10] ok" in service.stderr  # plain progress lines, no terminal
    cron = next(line for line in _recipe("cron").splitlines() if line[:1].isdigit())
    command = local(cron.split(None, 5)[5])
    done = subprocess.run(
        ["/bin/sh", "-c", command],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and done.stdout == "", (done.stdout, done.stderr)
    assert "h200 render: nothing changed since " in log.read_text(encoding="utf-8")
    newest = max(p.name for p in root.glob("2*"))
    listing = (root / "index.html").read_text(encoding="utf-8")
    row = next(r for r in listing.split("<tr>")[1:] if f'href="{newest}/index.html"' in r)
    assert "nothing changed" in row, "the listing says the newest run was checked again"


def test_the_landing_pages_link_each_headline_figure_its_digest_and_the_feed(full_render):
    import json

    from h200report.render import publish
    from h200report.report.anchors import fact_anchor

    run = full_render.run_dir
    pages = json.loads((run / publish.PAGES_FILE).read_text(encoding="utf-8"))
    meta = json.loads((run / publish.META_FILE).read_text(encoding="utf-8"))
    facts = yamlio.read_yaml(CORPUS_CURATED / "facts.yaml")["facts"]
    anchors = {fact_anchor(f["fact_id"]) for f in facts}
    for lang in pages:
        landing = (run / publish.landing_file(lang, list(pages))).read_text(encoding="utf-8")
        links = re.findall(r'href="([^"#]+)#([^"]+)"', landing)
        assert links, "the headline figures link to their evidence"
        for page, anchor in links:
            # Into the overview report of the page's language, at an entry that is there.
            assert page == f"{lang}/{publish.OVERVIEW}.html", page
            assert anchor in anchors, anchor
            assert f'id="{anchor}"' in (run / page).read_text(encoding="utf-8"), anchor
        for name in (f"digest.{lang}.html", f"digest.{lang}.eml"):
            assert f'href="{name}"' in landing and (run / name).is_file(), name
        feed = re.search(r'<a href="([^"]+)" type="application/atom\+xml"', landing)
        assert feed and (run / feed.group(1)).resolve().is_file(), feed
        # A run from before digests and feeds (its pages.json has neither) still reads.
        old = {k: v for k, v in pages[lang].items() if k not in ("digest", "feed")}
        again = publish.landing_html(meta, lang, old, list(pages))
        assert "digest." not in again and "atom+xml" not in again
