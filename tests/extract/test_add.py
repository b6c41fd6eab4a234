"""`h200 add`: a saved page or capture into seeds/, its entry appended to sources.yaml,
and `make data` / `make report` working at once; each bad input one line, seeds/ unchanged."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import shutil
import socket
import subprocess
import sys
import tomllib
from pathlib import Path

import pandas as pd
import pytest
import yaml

from h200report import cli, paths
from h200report.errors import InputError
from h200report.extract.add import Given, add, source_id_from_name
from h200report.extract.sources import load_metadata, load_seeds
from tests.extract.test_html import EN_PAGE, ZH_PAGE
from tests.support import CORPUS_SEEDS, FIXTURES
from tests.support.sources_report import render_sources_report

TITLE_EN = "Nvidia H200 exports to China stall: a cap of 75,000 per company and a 25% fee"
NEW_ID = "zh_finance_h200"


def _main(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_saved_page_is_added_byte_for_byte_with_what_it_says(project_copy, capsys):
    seeds, _ = project_copy
    before = (seeds / paths.SOURCES_FILE_NAME).read_text(encoding="utf-8")
    code, out, err = _main(capsys, "add", ZH_PAGE, "--seeds-dir", seeds, "--title-en", TITLE_EN)
    assert code == 0, err
    assert (seeds / f"{NEW_ID}.html").read_bytes() == ZH_PAGE.read_bytes()
    after = (seeds / paths.SOURCES_FILE_NAME).read_text(encoding="utf-8")
    # Appended: the comments and the existing entries are kept as they were written.
    assert after.startswith(before) and after.count("#") == before.count("#")
    entry = yaml.safe_load(after)["sources"][NEW_ID]
    assert entry == {
        "title": "英伟达H200对华出口遇冷:每家企业限购7.5万片 费率25%",
        "title_en": TITLE_EN,
        "site": "示例财经网",
        "author_line": "李明",
        "published_at": "2026-03-18 09:30:00+08:00",
        "published_precision": "minute",
        "date_kind": "published",
        "language": "zh-Hans",
        "sha256": load_seeds(seeds)[-1].sha256,
        "url": "https://finance.example.cn/tech/2026/0318/h200.html",
    }
    assert "from page metadata" in out and "h200 review zh_finance_h200" in out


def test_make_data_works_at_once_and_lists_the_new_mentions_as_uncurated(project_copy, capsys):
    seeds, data = project_copy
    assert _main(capsys, "add", ZH_PAGE, "--seeds-dir", seeds, "--title-en", TITLE_EN)[0] == 0
    out = data / "processed"
    code, _, err = _main(capsys, "data", "--seeds-dir", seeds, "--data-dir", data, "--out", out)
    assert code == 0, err
    # Every mention the extraction finds in the page's body waits for curation.
    mentions = pd.read_csv(out / "mentions.csv")
    found = int((mentions.source_id == NEW_ID).sum())
    assert found > 0 and set(mentions[mentions.source_id == NEW_ID].status) == {"uncurated"}
    assert f"{found} mention(s) not yet curated" in err
    sources = pd.read_csv(out / "sources.csv")
    row = sources[sources.source_id == NEW_ID].iloc[0]
    assert (row.language, row.published_precision, row.mentions_uncurated) == (
        "zh-Hans",
        "minute",
        found,
    )
    new = mentions[mentions.source_id == NEW_ID]
    for sidebar in ("45%", "1.2%", "7999元", "12家", "30%", "50万片", "400-800-1234"):
        assert sidebar not in set(new.text), f"furniture number {sidebar} reached a mention"
    shipped = mentions[mentions.source_id != NEW_ID]
    assert set(shipped.status) <= {"used", "not_used"}


def test_a_quote_from_the_page_furniture_is_refused(project_copy, capsys):
    seeds, data = project_copy
    add(ZH_PAGE, seeds, Given(title_en=TITLE_EN), dt.date(2026, 12, 1))
    facts_file = data / "curated" / "facts.yaml"
    doc = yaml.safe_load(facts_file.read_text(encoding="utf-8"))
    fact = dict(next(f for f in doc["facts"] if f["fact_id"] == "fee_rate.002"))
    fact.update(
        fact_id="fee_rate.zh",
        source_id=NEW_ID,
        value=30,
        quotes=[{"quote": "台积电2月营收同比增长30%", "gloss_en": "sidebar"}],
    )
    doc["facts"].append(fact)
    facts_file.write_text(
        yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    code, _, err = _main(
        capsys, "data", "--seeds-dir", seeds, "--data-dir", data, "--out", data / "p"
    )
    assert code == 2 and "is in the page furniture of zh_finance_h200" in err


@pytest.mark.parametrize(
    "name, expected",
    [
        ("000_2f7d0e62f1c70453", ("2026-03-04 11:35:21", "second", "published", "zh-Hans")),
        ("002_287867cbdb6dda5d", ("2026-03-14", "day", "updated", "zh-Hans")),
        ("en_wire", ("2026-03-05 09:14:00", "minute", "published", "en")),
        ("zh_hant_fullwidth", ("2026-03-12 10:05:00", "minute", "published", "zh-Hant")),
    ],
)
def test_a_text_capture_gives_its_date_precision_kind_and_language(tmp_path, name, expected):
    """What sources.yaml records for these captures by hand, `add` reads from the capture."""
    source = CORPUS_SEEDS if name[0].isdigit() else FIXTURES / "captures"
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    added = add(
        source / f"{name}.txt", seeds, Given(site="test", title_en="t"), dt.date(2026, 12, 1)
    )
    meta = load_metadata(seeds)[name]
    assert (
        added.entry["published_at"],
        meta.published_precision,
        meta.date_kind,
        meta.language,
    ) == expected
    # A new sources.yaml starts with the project's comment.
    assert (seeds / paths.SOURCES_FILE_NAME).read_text(encoding="utf-8").startswith("# What")


def test_an_english_page_dated_by_its_dateline(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    added = add(EN_PAGE, seeds, Given(), today=dt.date(2026, 12, 1))
    e = added.entry
    # The dateline gives no year: the latest 29 January not after the day of adding.
    assert (e["published_at"], e["published_precision"], e["date_kind"]) == (
        "2026-01-29",
        "day",
        "published",
    )
    assert e["language"] == "en" and e["title_en"] == e["title"] and e["site"] == "Example Wire"
    assert added.date_from == "TAIPEI, Jan. 29 (Example Wire)", "the whole dateline, no more"


def test_flags_override_what_the_page_says(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    given = Given(
        source_id="cna-2026.01",
        title="Headline",
        site="Another site",
        published="2026-01-30 08:15",
        date_kind="updated",
        language="en",
        note="given by hand",
    )
    added = add(EN_PAGE, seeds, given, dt.date(2026, 12, 1))
    assert added.seed.name == "cna-2026.01.html"
    e = added.entry
    assert (e["title"], e["title_en"], e["site"], e["published_at"]) == (
        "Headline",
        "Headline",
        "Another site",
        "2026-01-30 08:15:00",
    )
    assert (e["published_precision"], e["date_kind"], e["note"]) == (
        "minute",
        "updated",
        "given by hand",
    )


def test_the_chinese_site_and_note_go_into_the_entry_for_the_zh_reports(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    given = Given(site_zh="中央社", note="saved by hand", note_zh="手工保存", language="en")
    e = add(EN_PAGE, seeds, given, dt.date(2026, 12, 1)).entry
    assert (e["site_zh"], e["note"], e["note_zh"]) == ("中央社", "saved by hand", "手工保存")
    meta = load_metadata(seeds)[source_id_from_name(EN_PAGE)]
    assert (meta.site_zh, meta.note_zh) == ("中央社", "手工保存")


def test_the_outlet_and_what_it_cites_name_the_source_in_the_reports(tmp_path):
    from h200report import i18n
    from h200report.report.model import outlet

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    given = Given(
        language="en", outlet="Reuters", outlet_zh="路透社", cites="Bloomberg", cites_zh="彭博社"
    )
    e = add(EN_PAGE, seeds, given, dt.date(2026, 12, 1)).entry
    assert (e["outlet"], e["outlet_zh"], e["cites"], e["cites_zh"]) == (
        "Reuters",
        "路透社",
        "Bloomberg",
        "彭博社",
    )
    meta = load_metadata(seeds)[source_id_from_name(EN_PAGE)].model_dump()
    for lang, cites, name in (("en", "Bloomberg", "Reuters"), ("zh", "彭博社", "路透社")):
        assert outlet(meta, lang) == i18n.t("outlet_via", lang, cites=cites, outlet=name)


def test_source_id_from_the_file_name():
    assert source_id_from_name(Path("Nvidia H200 news (1).html")) == "Nvidia_H200_news_1"
    assert source_id_from_name(Path("輝達 新聞.htm")) == "輝達_新聞"


def _gbk_page(tmp: Path) -> Path:
    target = tmp / "gbk.html"
    target.write_bytes(ZH_PAGE.read_text(encoding="utf-8").encode("gbk", errors="replace"))
    return target


def _renamed(tmp: Path, name: str, data: bytes) -> Path:
    target = tmp / name
    target.write_bytes(data)
    return target


# case -> (the file to add given a scratch folder, extra flags, what the one line must say)
BAD = {
    "duplicate-sha256": (
        lambda tmp: _renamed(
            tmp, "copy.txt", (CORPUS_SEEDS / "000_2f7d0e62f1c70453.txt").read_bytes()
        ),
        ["--site", "s", "--title-en", "t"],
        "the same file (sha256 ea80b67066b1",
    ),
    "existing-id": (
        lambda tmp: ZH_PAGE,
        ["--source-id", "000_2f7d0e62f1c70453", "--title-en", "t"],
        "source id 000_2f7d0e62f1c70453 already exists",
    ),
    "missing-title-en": (
        lambda tmp: ZH_PAGE,
        [],
        "English title (the article is in zh-Hans): pass --title-en",
    ),
    "missing-site-of-a-capture": (
        lambda tmp: FIXTURES / "captures" / "en_wire.txt",
        [],
        "site name: pass --site",
    ),
    "not-html-or-text": (
        lambda tmp: _renamed(tmp, "article.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
        [],
        "not a text capture or a saved page: the file must end in .txt or .html (got .pdf)",
    ),
    "html-suffix-on-plain-text": (
        lambda tmp: _renamed(tmp, "notes.html", "只是一段文字,没有任何标签。".encode()),
        [],
        "holds no HTML document",
    ),
    "binary": (
        lambda tmp: _renamed(tmp, "image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10),
        [],
        "binary",
    ),
    "not-utf8": (_gbk_page, ["--title-en", "t"], "is not UTF-8"),
    "bad-source-id": (
        lambda tmp: ZH_PAGE,
        ["--source-id", "a/b", "--title-en", "t"],
        "'a/b' is not a source id",
    ),
    "bad-published": (
        lambda tmp: ZH_PAGE,
        ["--published", "18 March", "--title-en", "t"],
        "--published: '18 March' is not a date",
    ),
    "chinese-note-without-its-english-twin": (
        lambda tmp: ZH_PAGE,
        ["--note-zh", "手工保存", "--title-en", "t"],
        "note_zh",
    ),
    "chinese-outlet-without-its-english-twin": (
        lambda tmp: ZH_PAGE,
        ["--outlet-zh", "路透社", "--title-en", "t"],
        "outlet_zh",
    ),
}


# ----------------------------------------------------------------------------- paths


def _fifo(tmp: Path) -> Path:
    os.mkfifo(tmp / "pipe.txt")
    return tmp / "pipe.txt"


def _folder(tmp: Path) -> Path:
    (tmp / "saved.html").mkdir()
    return tmp / "saved.html"


def _socket(tmp: Path) -> Path:
    # A socket's path is limited to about 100 bytes: bound by a name relative to its folder.
    here = Path.cwd()
    os.chdir(tmp)
    try:
        with socket.socket(socket.AF_UNIX) as s:
            s.bind("sock.txt")
    finally:
        os.chdir(here)
    return tmp / "sock.txt"


def _link(tmp: Path, target: Path | str, name: str = "link.html") -> Path:
    (tmp / name).symlink_to(target)
    return tmp / name


def _outside(tmp: Path) -> Path:
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(EN_PAGE, elsewhere / "page.html")
    links = tmp / "downloads"
    links.mkdir()
    return _link(links, elsewhere / "page.html")


BAD.update(
    {
        "fifo": (_fifo, [], "pipe.txt: is a named pipe (FIFO), not a file"),
        "folder": (_folder, [], "saved.html: is a folder, not a file"),
        "socket": (_socket, [], "sock.txt: is a socket, not a file"),
        "device": (lambda tmp: Path(os.devnull), [], f"{os.devnull}: is a character device"),
        "link-to-a-device-followed": (
            lambda tmp: _link(tmp, os.devnull, "null.txt"),
            ["--follow-links"],
            "null.txt: is a symbolic link to a character device, not a file",
        ),
        "link-out-of-its-folder": (
            _outside,
            [],
            "link.html: is a symbolic link to ",
        ),
        "broken-link": (
            lambda tmp: _link(tmp, tmp / "gone.html"),
            [],
            "gone.html, which does not exist",
        ),
        "published-offset-out-of-range": (
            lambda tmp: ZH_PAGE,
            ["--published", "2026-03-03T11:00+25:00", "--title-en", "t"],
            "--published: '2026-03-03T11:00+25:00': +25:00 is not a UTC offset",
        ),
        "published-fraction-of-a-second": (
            lambda tmp: ZH_PAGE,
            ["--published", "2026-03-03T11:00:00.5+08:00", "--title-en", "t"],
            "(no fractions of a second)",
        ),
        "replace-a-different-file": (
            lambda tmp: _renamed(tmp, "000_2f7d0e62f1c70453.txt", b"another capture\n" * 40),
            ["--replace", "--site", "s"],
            "--replace: the file differs from the seed",
        ),
        "replace-an-unknown-id": (
            lambda tmp: CORPUS_SEEDS / "000_2f7d0e62f1c70453.txt",
            ["--replace", "--source-id", "nope", "--site", "s"],
            "--replace: there is no source nope in",
        ),
    }
)


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_to_add_is_one_line_and_leaves_seeds_unchanged(
    case, project_copy, tmp_path, capsys
):
    seeds, _ = project_copy
    make, flags, expected = BAD[case]
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    article = make(scratch)
    before = _snapshot(seeds)
    code, out, err = _main(capsys, "add", article, "--seeds-dir", seeds, *flags)
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in err, err
    assert expected in lines[0], lines[0]
    assert _snapshot(seeds) == before, "a refused article leaves seeds/ as it was"


def test_a_sources_file_it_cannot_append_to_is_left_alone(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / paths.SOURCES_FILE_NAME).write_text("sources: {}\n", encoding="utf-8")
    with pytest.raises(InputError, match="cannot append the entry"):
        add(EN_PAGE, seeds, Given(), dt.date(2026, 12, 1))
    assert sorted(p.name for p in seeds.iterdir()) == [paths.SOURCES_FILE_NAME]


@pytest.mark.slow  # two commands in processes of their own
def test_add_through_the_command_line_process(project_copy):
    seeds, data = project_copy
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    run = [sys.executable, "-m", "h200report.cli"]
    added = subprocess.run(
        [*run, "add", str(ZH_PAGE), "--seeds-dir", str(seeds), "--title-en", TITLE_EN],
        capture_output=True,
        text=True,
        env=env,
    )
    assert added.returncode == 0 and added.stdout.startswith("added "), added.stderr
    again = subprocess.run(
        [*run, "add", str(ZH_PAGE), "--seeds-dir", str(seeds), "--title-en", TITLE_EN],
        capture_output=True,
        text=True,
        env=env,
    )
    assert again.returncode == 2 and again.stderr.count("\n") == 1, again.stderr
    assert "is already a seed" in again.stderr and "Traceback" not in again.stderr


@pytest.mark.slow
def test_make_report_works_at_once_with_the_new_page_and_its_suggestions(
    project_copy, tmp_path, capsys
):
    seeds, data = project_copy
    assert _main(capsys, "add", ZH_PAGE, "--seeds-dir", seeds, "--title-en", TITLE_EN)[0] == 0
    assert _main(capsys, "suggest", "--seeds-dir", seeds, "--data-dir", data)[0] == 0
    _, shown_in = render_sources_report(seeds, data, tmp_path)
    for param_set, label in (("en", "Per-company cap"), ("zh", "每家公司上限")):
        shown = shown_in[param_set]
        assert "示例财经网" in shown and "7.5万片以内" in shown, "the new page is listed"
        assert label in shown, "its suggestions are shown with their target's label"
        assert "台积电2月营收" not in shown, "no furniture text reaches the report"


def test_a_link_out_of_its_folder_names_where_it_leads_and_the_flag(tmp_path):
    link = _outside(tmp_path)
    with pytest.raises(InputError) as refused:
        add(link, tmp_path, Given(), dt.date(2026, 12, 1))
    target = (tmp_path / "elsewhere" / "page.html").resolve()
    assert f"to {target}, outside {link.parent.resolve()}; pass --follow-links" in str(
        refused.value
    )


def test_a_followed_link_adds_the_file_it_points_to_under_the_links_name(project_copy, tmp_path):
    seeds, _ = project_copy
    link = _outside(tmp_path)
    added = add(link, seeds, Given(), dt.date(2026, 12, 1), follow_links=True)
    assert added.seed == seeds / "link.html" and not added.seed.is_symlink()
    assert added.seed.read_bytes() == EN_PAGE.read_bytes()


def test_a_link_within_its_folder_needs_no_flag(tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    shutil.copy(EN_PAGE, folder / "page.html")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    added = add(_link(folder, "page.html", "same.html"), seeds, Given(), dt.date(2026, 12, 1))
    assert added.seed.name == "same.html"


# ----------------------------------------------------------------------------- --published


@pytest.mark.parametrize(
    "given, written, precision",
    [
        ("2026-03-03T11:00:00+08:00", "2026-03-03 11:00:00+08:00", "second"),
        ("2026-03-03T11:00+08:00", "2026-03-03 11:00:00+08:00", "minute"),
        ("2026-03-03T03:00:00Z", "2026-03-03 03:00:00+00:00", "second"),
        ("2026-03-03 11:00-0500", "2026-03-03 11:00:00-05:00", "minute"),
        ("2026-03-03T11:00", "2026-03-03 11:00:00", "minute"),
        ("2026-03", "2026-03-01", "month"),
    ],
)
def test_published_in_iso_8601_keeps_its_precision_and_offset(tmp_path, given, written, precision):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    added = add(EN_PAGE, seeds, Given(published=given), dt.date(2026, 12, 1))
    assert (added.entry["published_at"], added.entry["published_precision"]) == (written, precision)
    meta = load_metadata(seeds)[added.source_id]
    stated = (
        dt.datetime.fromisoformat(written) if " " in written else dt.date.fromisoformat(written)
    )
    assert meta.published_at == stated and meta.published_precision == precision
    if "+" in written[10:] or "-" in written[10:]:
        assert meta.published_at.utcoffset() == stated.utcoffset() is not None


# ----------------------------------------------------------------------------- --replace

SHIPPED = "000_2f7d0e62f1c70453"


def test_replace_rewrites_only_the_flags_and_only_that_entrys_lines(project_copy, capsys):
    seeds, data = project_copy
    sources_file = seeds / paths.SOURCES_FILE_NAME
    before = sources_file.read_text(encoding="utf-8")
    curated_before, seed_before = _snapshot(data / "curated"), _snapshot(seeds)
    old = yaml.safe_load(before)["sources"][SHIPPED]
    seed = CORPUS_SEEDS / f"{SHIPPED}.txt"
    code, out, err = _main(
        capsys,
        "add",
        seed,
        "--seeds-dir",
        seeds,
        "--replace",
        "--published",
        "2026-03-04T11:35+08:00",
        "--url",
        "https://example.cn/a",
    )
    assert code == 0 and not err, err
    assert "replaced" in out and "every other field kept" in out
    after = sources_file.read_text(encoding="utf-8")
    entry = yaml.safe_load(after)["sources"][SHIPPED]
    assert entry == {
        **old,
        "published_at": "2026-03-04 11:35:00+08:00",
        "published_precision": "minute",
        "url": "https://example.cn/a",
    }
    # The diff: the two date lines and the new url, inside the entry; comments all kept.
    diff = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert diff == [
        '-    published_at: "2026-03-04 11:35:21"',
        "-    published_precision: second",
        '+    published_at: "2026-03-04 11:35:00+08:00"',
        "+    published_precision: minute",
        "+    url: https://example.cn/a",
    ]
    assert _snapshot(data / "curated") == curated_before
    assert {k: v for k, v in _snapshot(seeds).items() if k != paths.SOURCES_FILE_NAME} == {
        k: v for k, v in seed_before.items() if k != paths.SOURCES_FILE_NAME
    }
    load_seeds(seeds)  # the seed still matches its recorded sha256


def test_replace_keeps_what_a_person_curated_after_adding(project_copy):
    seeds, _ = project_copy
    add(EN_PAGE, seeds, Given(), dt.date(2026, 12, 1))
    sources_file = seeds / paths.SOURCES_FILE_NAME
    source_id = source_id_from_name(EN_PAGE)
    text = sources_file.read_text(encoding="utf-8")
    curated = (
        text.replace(
            "    site: Example Wire\n",
            "    site: Example Wire  # checked against the outlet's masthead\n"
            "    site_zh: 示例通讯社\n",
        )
        + "    note: a corrected note\n    note_zh: 更正的说明\n"
    )
    sources_file.write_text(curated, encoding="utf-8")
    added = add(
        EN_PAGE, seeds, Given(title="Corrected headline"), dt.date(2026, 12, 1), replace=True
    )
    assert set(added.replaced) == {"title", "title_en"}, "an English title is its own"
    after = sources_file.read_text(encoding="utf-8")
    assert "# checked against the outlet's masthead" in after
    entry = load_metadata(seeds)[source_id]
    assert (entry.title, entry.title_en, entry.site_zh, entry.note_zh) == (
        "Corrected headline",
        "Corrected headline",
        "示例通讯社",
        "更正的说明",
    )
    assert entry.published_at == dt.date(2026, 1, 29), "no flag, no new date"


def test_replace_with_nothing_new_leaves_the_file_byte_for_byte(project_copy):
    seeds, _ = project_copy
    before = _snapshot(seeds)
    seed = CORPUS_SEEDS / f"{SHIPPED}.txt"
    added = add(seed, seeds, Given(language="zh-Hans"), dt.date(2026, 12, 1), replace=True)
    assert added.replaced == {} and _snapshot(seeds) == before


def test_replace_refuses_a_rewrite_that_would_change_other_entries(project_copy):
    seeds, _ = project_copy
    sources_file = seeds / paths.SOURCES_FILE_NAME
    # The second entry indented otherwise: the round trip would re-indent it.
    text = sources_file.read_text(encoding="utf-8")
    start = text.index("  002_287867cbdb6dda5d:")
    odd = text[:start] + "".join(
        "  " + line if line.strip() and not line.startswith("  002") else line
        for line in text[start:].splitlines(True)
    )
    sources_file.write_text(odd, encoding="utf-8")
    load_metadata(seeds)
    before = _snapshot(seeds)
    with pytest.raises(InputError, match="without changing other lines of the file"):
        add(
            CORPUS_SEEDS / f"{SHIPPED}.txt",
            seeds,
            Given(url="https://example.cn/a"),
            dt.date(2026, 12, 1),
            replace=True,
        )
    assert _snapshot(seeds) == before


# ----------------------------------------------------------------------------- two dates


def test_a_dateline_of_two_days_is_dated_by_the_first_with_a_warning(tmp_path, capsys):
    page = tmp_path / "two_days.html"
    page.write_text(
        EN_PAGE.read_text(encoding="utf-8").replace("Jan. 29", "Jan. 24/25"), encoding="utf-8"
    )
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    code, out, err = _main(capsys, "add", page, "--seeds-dir", seeds)
    assert code == 0, err
    assert err == (
        f"warning: {page}: the dateline 'TAIPEI, Jan. 24/25 (Example Wire)' gives two days, "
        "2026-01-24 and 2026-01-25: chose 2026-01-24 (the first); pass --published to choose\n"
    )
    assert load_metadata(seeds)["two_days"].published_at == dt.date(2026, 1, 24)


def test_a_chinese_dateline_of_two_days(tmp_path):
    capture = tmp_path / "zh.txt"
    capture.write_text(
        "英伟达H200芯片对华出口的最新进展\n\n新华社北京1月24/25日电 美国商务部官员表示,"
        "英伟达H200芯片对华出口许可的审批仍在进行之中,目前尚未有任何一家中国企业获得批准,"
        "业内人士普遍认为审批进度将取决于两国之间的进一步磋商。\n",
        encoding="utf-8",
    )
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    added = add(capture, seeds, Given(site="s", title_en="t"), dt.date(2026, 12, 1))
    assert added.entry["published_at"] == "2026-01-24"
    assert added.warnings == (
        "the dateline '新华社北京1月24/25日电' gives two days, 2026-01-24 and 2026-01-25: "
        "chose 2026-01-24 (the first); pass --published to choose",
    )
    # A date the person gives is theirs: nothing to warn about.
    other = tmp_path / "seeds2"
    other.mkdir()
    given = Given(site="s", title_en="t", published="2026-01-25")
    again = add(capture, other, given, dt.date(2026, 12, 1))
    assert again.warnings == () and again.entry["published_at"] == "2026-01-25"


def test_page_metadata_and_dateline_that_disagree_give_a_warning(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        EN_PAGE.read_text(encoding="utf-8").replace(
            '<meta charset="utf-8">',
            '<meta charset="utf-8"><meta property="article:published_time" '
            'content="2026-01-20T08:00:00+08:00">',
        ),
        encoding="utf-8",
    )
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    added = add(page, seeds, Given(), dt.date(2026, 12, 1))
    assert added.entry["published_at"] == "2026-01-20 08:00:00+08:00"
    assert added.warnings == (
        "the page metadata gives 2026-01-20 08:00:00+08:00, its text "
        "'TAIPEI, Jan. 29 (Example Wire)' gives 2026-01-29: chose 2026-01-20 08:00:00+08:00 "
        "(the page metadata); pass --published to choose",
    )


def test_a_page_whose_metadata_and_dateline_agree_gives_no_warning(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        EN_PAGE.read_text(encoding="utf-8").replace(
            '<meta charset="utf-8">',
            '<meta charset="utf-8"><meta property="article:published_time" '
            'content="2025-01-29T08:00:00+08:00">',
        ),
        encoding="utf-8",
    )
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    # The dateline has no year (guessed 2026 from the day of adding): its day agrees.
    assert add(page, seeds, Given(), dt.date(2026, 12, 1)).warnings == ()


def test_round_trip_yaml_is_a_dependency_in_both_lists():
    wanted = "ruamel.yaml>=0.18,<0.19"
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert wanted in project["project"]["dependencies"]
    assert wanted in env["dependencies"]
