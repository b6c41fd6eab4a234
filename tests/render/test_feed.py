"""reports/feed.xml and feed.zh.xml: the renders that changed something, as Atom (issue 21,
part 4). Run folders are made by hand (a run.json and a pages.json are all the feed
reads); the feeds are parsed with the standard library's xml.etree."""

from __future__ import annotations

import json
import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from h200report import paths
from h200report.render import feed, publish

A = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PAYLOAD = '<script>alert("x")</script> & <b>bold</b> ]]> “quoted”'


def _run(
    root: Path,
    day: int,
    *,
    changed: bool = True,
    ok: bool = True,
    en: list[str] | None = None,
    languages=("en", "zh"),
    suffix: str = "",
) -> Path:
    name = f"202601{day:02d}T000000Z{suffix}"
    run = root / name
    run.mkdir(parents=True)
    sentences = {
        "en": en or [f"new source: wire, {day} Jan 2026", "fact changed"],
        "zh": [f"新来源:{day}日", "事实变化"],
    }
    meta = {
        "ok": ok,
        "started_utc": f"2026-01-{day:02d} 00:00:00",
        "finished_utc": f"2026-01-{day:02d} 00:02:30",
        "reports": [],
        "changes": {"changed": changed, "compared": True, "sentences": sentences},
    }
    (run / publish.META_FILE).write_text(json.dumps(meta), encoding="utf-8")
    (run / publish.PAGES_FILE).write_text(
        json.dumps({lang: {} for lang in languages}), encoding="utf-8"
    )
    return run


def _feed(root: Path, language: str = "en") -> ET.Element:
    return ET.fromstring((root / feed.feed_file(language)).read_bytes())


def _ids(tree: ET.Element) -> list[str]:
    return [e.findtext(f"{A}id") for e in tree.findall(f"{A}entry")]


def test_the_feeds_are_atom_with_every_required_element(tmp_path):
    _run(tmp_path, 1)
    _run(tmp_path, 2)
    publish.write_listing(tmp_path)
    for language, page in (("en", "index.html"), ("zh", "index.zh.html")):
        tree = _feed(tmp_path, language)
        assert tree.tag == f"{A}feed" and tree.get(XML_LANG) == language
        for required in ("id", "title", "updated"):
            assert tree.findtext(f"{A}{required}"), required
        assert tree.find(f"{A}author/{A}name").text == "h200report"
        self_link = next(x for x in tree.findall(f"{A}link") if x.get("rel") == "self")
        assert self_link.get("href") == feed.feed_file(language)
        assert self_link.get("type") == "application/atom+xml"
        entries = tree.findall(f"{A}entry")
        assert len(entries) == 2
        for entry in entries:
            for required in ("id", "title", "updated", "published"):
                assert entry.findtext(f"{A}{required}"), required
            link = entry.find(f"{A}link")
            assert link.get("rel") == "alternate" and link.get("hreflang") == language
            assert re.fullmatch(rf"202601\d\dT000000Z/{re.escape(page)}", link.get("href"))
            assert entry.find(f"{A}content").get("type") == "text"
        # Newest first, updated is when the render finished; the feed's is its newest entry's.
        assert _ids(tree) == [
            f"tag:h200report,2026:run/20260102T000000Z/{language}",
            f"tag:h200report,2026:run/20260101T000000Z/{language}",
        ]
        assert entries[0].findtext(f"{A}updated") == "2026-01-02T00:02:30+00:00"
        assert entries[0].findtext(f"{A}published") == "2026-01-02T00:00:00+00:00"
        assert tree.findtext(f"{A}updated") == "2026-01-02T00:02:30+00:00"
    zh = _feed(tmp_path, "zh").find(f"{A}entry/{A}content").text
    assert zh == "新来源:2日\n事实变化"


def test_one_entry_per_render_that_changed_something(tmp_path):
    _run(tmp_path, 1, changed=False)  # nothing changed (a first render says so too)
    _run(tmp_path, 2)
    _run(tmp_path, 3, changed=False)
    _run(tmp_path, 4, ok=False, suffix=".failed")  # not published
    _run(tmp_path, 5)
    publish.write_listing(tmp_path)
    tree = _feed(tmp_path)
    assert _ids(tree) == [
        "tag:h200report,2026:run/20260105T000000Z/en",
        "tag:h200report,2026:run/20260102T000000Z/en",
    ]
    contents = [e.findtext(f"{A}content") for e in tree.findall(f"{A}entry")]
    assert contents == ["new source: wire, 5 Jan 2026\nfact changed"] + [
        "new source: wire, 2 Jan 2026\nfact changed"
    ]


def test_a_check_that_found_nothing_changed_adds_no_entry(tmp_path, monkeypatch):
    run = _run(tmp_path, 1)
    publish.write_listing(tmp_path)
    before = {lang: (tmp_path / feed.feed_file(lang)).read_bytes() for lang in ("en", "zh")}
    # The landing pages are another test's (test_manifest.py, on a real run): here only
    # run.json is rewritten.
    monkeypatch.setattr(
        publish, "write_index", lambda d, meta, c: [publish.write_json(d / publish.META_FILE, meta)]
    )
    (tmp_path / feed.feed_file("zh")).unlink()  # an output root from before the feeds
    publish.mark_checked(tmp_path, run, "2026-01-09 00:00:00")
    assert json.loads((run / publish.META_FILE).read_text())["checked_utc"]
    for lang in ("en", "zh"):
        assert (tmp_path / feed.feed_file(lang)).read_bytes() == before[lang]


def test_entry_ids_are_stable_across_rebuilds_and_pruning(tmp_path):
    for day in (1, 2, 3):
        _run(tmp_path, day)
    publish.write_listing(tmp_path)
    first = (tmp_path / "feed.xml").read_bytes()
    publish.write_listing(tmp_path)
    assert (tmp_path / "feed.xml").read_bytes() == first, "same runs, same bytes"
    ids = _ids(_feed(tmp_path))
    _run(tmp_path, 4)
    publish.write_listing(tmp_path)
    assert _ids(_feed(tmp_path)) == ["tag:h200report,2026:run/20260104T000000Z/en", *ids]
    # Retention: the pruned run's entry goes, the others keep their ids.
    assert publish.prune(tmp_path, keep=2) == ["20260101T000000Z", "20260102T000000Z"]
    publish.write_listing(tmp_path)
    assert _ids(_feed(tmp_path)) == ["tag:h200report,2026:run/20260104T000000Z/en", ids[0]]
    assert not list(tmp_path.glob(".feed*"))  # written through a rename


def test_article_text_in_the_feed_is_escaped_text_never_markup(tmp_path):
    _run(tmp_path, 1, en=[PAYLOAD, "bad \x01 control"])
    publish.write_listing(tmp_path)
    raw = (tmp_path / "feed.xml").read_bytes()
    assert b"<script" not in raw and b"<b>" not in raw and b"&lt;script&gt;" in raw
    entry = _feed(tmp_path).find(f"{A}entry")
    content = entry.find(f"{A}content")
    assert content.text == f"{PAYLOAD}\nbad  control" and list(content) == []
    assert content.get("type") == "text"


def test_a_run_without_a_page_in_the_language_links_its_first_one(tmp_path):
    _run(tmp_path, 1, languages=("en",))
    publish.write_listing(tmp_path)
    link = _feed(tmp_path, "zh").find(f"{A}entry/{A}link")
    assert link.get("href") == "20260101T000000Z/index.html" and link.get("hreflang") == "en"


def test_no_runs_give_valid_empty_feeds(tmp_path):
    publish.write_listing(tmp_path)
    tree = _feed(tmp_path)
    assert tree.findall(f"{A}entry") == []
    assert tree.findtext(f"{A}updated") == "1970-01-01T00:00:00+00:00"


def test_the_listing_links_the_feeds(tmp_path):
    _run(tmp_path, 1)
    page = publish.write_listing(tmp_path).read_text(encoding="utf-8")
    for language, name in (("en", "feed.xml"), ("zh", "feed.zh.xml")):
        assert re.search(
            rf'<link rel="alternate" type="application/atom\+xml" href="{re.escape(name)}" hreflang="{language}"',
            page,
        )
        assert re.search(rf'<a href="{re.escape(name)}" type="application/atom\+xml"', page)


def test_feedgen_is_a_dependency_in_both_lists():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    wanted = next(d for d in project["project"]["dependencies"] if d.startswith("feedgen"))
    assert re.fullmatch(r"feedgen>=[\d.]+,<\d+", wanted)
    assert wanted in env["dependencies"]
