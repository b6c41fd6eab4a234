"""The digest of a run (render/digest.py): what a mail body shows, in each language, and
what a mail program needs of it (no script, nothing fetched, at most 300 KB, inline
pictures), built from the tests' corpus; then the digests a render wrote into its run."""

from __future__ import annotations

import email
import re
import tomllib
from email import policy
from html.parser import HTMLParser

import markupsafe
import pytest
import yaml

from h200report import i18n, paths
from h200report.errors import InputError
from h200report.render import digest
from h200report.render.export import EDITION, outbound_references
from h200report.report import params, views
from tests.support import CORPUS_DATA, CORPUS_SEEDS

SENTENCES = {
    "en": ["Source 71396.com, 14 Mar 2026 was added: <b>bold</b> & more."],
    "zh": ["新增来源 71396.com,2026年3月14日。"],
}
HAN = re.compile(r"[\u4e00-\u9fff]")


def _report(language: str, seeds=CORPUS_SEEDS, data=CORPUS_DATA) -> views.Report:
    return views.load(params.validate(language=language, seeds_dir=str(seeds), data_dir=str(data)))


@pytest.fixture(scope="module")
def built():
    """Per language: the report model, its digest, the .html (data: pictures) and the message."""
    out = {}
    for lang in ("en", "zh"):
        report = _report(lang)
        d = digest.build(report, SENTENCES[lang], f"{lang}/{EDITION}")
        msg = digest.message(d, b"<!DOCTYPE html><p>the edition</p>\n")
        out[lang] = (report, d, digest.html(d, inline=True), msg)
    return out


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Tags:
    scan = _Tags()
    scan.feed(page)
    scan.close()
    return scan


def mail_problems(page: str, cid: bool = False) -> list[str]:
    """What a mail program would not show, or what would fetch: script, <style>, a
    stylesheet, an attribute that loads from elsewhere, url() in a style, a handler.
    ``cid``: pictures may name parts of their message (``cid:``), as a .eml's do."""
    found = [
        f"loads {ref}"
        for ref in outbound_references(page)
        if not (cid and re.match(r"<img src=cid:[\w.]+@h200report>$", ref))
    ]
    for tag, attrs in _parse(page).tags:
        if tag in {"script", "style", "link", "iframe", "object", "embed", "form", "base"}:
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            value = value or ""
            if name.startswith("on"):
                found.append(f"<{tag} {name}>")
            if name in {"class", "id"}:
                found.append(f"<{tag} {name}> needs a stylesheet")
            if name == "style" and re.search(r"url\s*\(|@import|expression", value, re.I):
                found.append(f"<{tag} style={value[:40]}>")
            if name in {"src", "href"} and re.match(r"\s*(https?:|//|javascript:)", value, re.I):
                found.append(f"<{tag} {name}={value[:40]}>")
    return found


def test_the_checks_below_see_what_a_mail_program_would_refuse():
    # A check that cannot fail proves nothing: each of these pages must be caught.
    bad = [
        '<img src="https://example.invalid/x.png">',
        '<img src="//example.invalid/x.png">',
        "<script>1</script>",
        "<style>p{color:red}</style>",
        '<p style="background:url(https://example.invalid/x.png)">x</p>',
        '<a href="javascript:alert(1)">x</a>',
        '<img src="data:image/png;base64,AA" onerror="alert(1)">',
        '<table class="wide"><tr><td>x</td></tr></table>',
    ]
    for page in bad:
        assert mail_problems(page), page
    assert mail_problems('<img src="cid:a.b@h200report">')
    assert mail_problems('<img src="cid:a.b@h200report">', cid=True) == []
    assert mail_problems('<p style="color:#000">x <img src="data:image/png;base64,AA"></p>') == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_digest_fits_a_mail_body(built, lang):
    _, d, page, msg = built[lang]
    assert len(page.encode("utf-8")) <= digest.LIMIT
    assert mail_problems(page) == []
    images = [attrs for tag, attrs in _parse(page).tags if tag == "img"]
    assert len(images) == len(d.charts) == 2
    assert all(i["src"].startswith("data:image/png;base64,") and i["alt"] for i in images)
    assert "<table" in page and "display:flex" not in page and "display:grid" not in page
    body = msg.get_body(("html",)).get_content()
    assert len(body.encode("utf-8")) <= digest.LIMIT and mail_problems(body, cid=True) == []
    assert [i["src"] for tag, i in _parse(body).tags if tag == "img"] == [
        f"cid:{d.cid(c)}" for c in d.charts
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_headline_figures_are_the_overviews_key_figures(built, lang):
    report, d, page, msg = built[lang]
    figures = views.key_figures(report)
    assert len(figures) >= 3, "the corpus has headline figures"
    assert [f["value"] for f in d.figures] == figures["value"].tolist()
    assert [f["figure"] for f in d.figures] == figures["figure"].tolist()
    assert [f["source"] for f in d.figures] == figures["source"].tolist()
    plain = msg.get_body(("plain",)).get_content()
    for _, row in figures.iterrows():
        for shown in (row["figure"], row["value"], row["source"]):
            assert str(markupsafe.escape(shown)) in page
            assert shown in plain
    bounds = views.bounds(report)
    assert [r["value"] for r in d.charts[0].rows] == bounds["value"].tolist()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_change_sentences_are_shown_escaped(built, lang):
    _, _, page, msg = built[lang]
    for sentence in SENTENCES[lang]:
        assert str(markupsafe.escape(sentence)) in page
        assert sentence in msg.get_body(("plain",)).get_content()
    assert "<b>bold</b>" not in page


def test_the_zh_digest_is_in_chinese(built):
    _, d, page, msg = built["zh"]
    assert '<html lang="zh">' in page
    text = "".join(_parse(page).text)
    for key in ("digest_title", "digest_figures", "digest_changes"):
        assert i18n.t(key, "zh") in text and i18n.t(key, "en") not in text
    # Our own words and the curated names are Chinese; outlets and digits are not words.
    letters = [c for c in text if c.isalpha()]
    assert len(HAN.findall(text)) > 0.6 * len(letters)
    assert HAN.search(msg["Subject"]) and d.when in msg["Subject"]
    assert not HAN.search(built["en"][3]["Subject"])


def test_article_text_is_escaped(project_copy):
    seeds, data = project_copy
    facts = data / "curated" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    first = re.search(r"^(\s*)attributed_to: .*$", text, flags=re.M)
    assert first, "the corpus names who says a fact"
    text = text[: first.start()] + f"{first.group(1)}attributed_to: '{evil}'" + text[first.end() :]
    facts.write_text(text, encoding="utf-8")
    report = _report("en", seeds, data)
    assert (
        evil
        in views.key_figures(report)["attributed_to"].tolist()
        + views.zero_statements(report)["attributed_to"].tolist()
    ), "the edited fact reaches the digest's frames"
    d = digest.build(report, [evil], f"en/{EDITION}")
    page = digest.html(d, inline=True)
    assert "<script>" not in page and "<img src=x" not in page
    assert str(markupsafe.escape(evil)) in page
    assert mail_problems(page) == []


def test_a_digest_over_the_limit_is_refused(built, monkeypatch):
    _, d, page, _ = built["en"]
    monkeypatch.setattr(digest, "LIMIT", len(page.encode("utf-8")) - 1)
    with pytest.raises(InputError, match="over"):
        digest.html(d, inline=True)


def test_the_message_is_a_ready_mail_without_a_recipient(built):
    _, d, page, msg = built["en"]
    raw = msg.as_bytes()
    parsed = email.message_from_bytes(raw, policy=policy.default)
    for header in ("To", "From", "Date", "Message-ID"):
        assert parsed[header] is None
    assert parsed["Subject"] == d.subject and d.when in d.subject
    assert parsed.get_content_type() == "multipart/mixed"
    alternative, attachment = parsed.get_payload()
    assert alternative.get_content_type() == "multipart/alternative"
    plain, related = alternative.get_payload()
    assert plain.get_content_type() == "text/plain"
    assert related.get_content_type() == "multipart/related"
    assert related.get_param("type") == "text/html"
    assert raw.count(b"MIME-Version:") == 1
    body, *images = related.get_payload()
    assert body.get_content_type() == "text/html"
    assert [i.get_content_type() for i in images] == ["image/png"] * len(d.charts)
    assert [i["Content-ID"] for i in images] == [f"<{d.cid(c)}>" for c in d.charts]
    assert [i.get_content() for i in images] == [c.png for c in d.charts]
    assert attachment.get_filename() == EDITION and attachment.get_content_disposition() == (
        "attachment"
    )
    assert attachment.get_content() == "<!DOCTYPE html><p>the edition</p>\n"
    # Same inputs, same bytes: the boundaries and content ids come from the content.
    again = digest.message(d, b"<!DOCTYPE html><p>the edition</p>\n").as_bytes()
    assert again == raw


def test_the_pictures_hold_the_same_bytes_each_time(built):
    report, d, _, _ = built["en"]
    again = digest.build(report, SENTENCES["en"], d.edition)
    assert [c.png for c in again.charts] == [c.png for c in d.charts]
    assert all(c.png.startswith(b"\x89PNG") for c in d.charts)


def test_the_chart_library_is_a_dependency_in_both_lists():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert "matplotlib>=3.8,<4" in project["project"]["dependencies"]
    assert "aiosmtpd>=1.4,<2" in project["project"]["optional-dependencies"]["test"]
    named = {d for d in env["dependencies"] if isinstance(d, str)}
    assert {"matplotlib>=3.8,<4", "aiosmtpd>=1.4,<2"} <= named


def test_a_report_before_any_source_gives_a_digest_without_charts():
    report = views.load(
        params.validate(
            language="zh",
            as_of="2020-01-01",
            seeds_dir=str(CORPUS_SEEDS),
            data_dir=str(CORPUS_DATA),
        )
    )
    assert report.empty
    d = digest.build(report, SENTENCES["zh"], f"zh/{EDITION}")
    page = digest.html(d, inline=True)
    assert d.charts == [] and d.figures == [] and "<img" not in page
    assert i18n.t("no_rows", "zh") in page and mail_problems(page) == []
    assert digest.message(d, b"x").get_body(("plain",)).get_content()


# ----------------------------------------------------------------------------- in a render


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_render_writes_each_languages_digest(fixture_run, lang):
    result, base = fixture_run
    run = result.run_dir
    page = (run / digest.html_name(lang)).read_text(encoding="utf-8")
    assert mail_problems(page) == [] and len(page.encode("utf-8")) <= digest.LIMIT
    # Built from the run's own fact base and the change sentences its landing page shows.
    report = _report(lang, base / "seeds", base / "data")
    said = result.meta["changes"]["sentences"][lang]
    assert said and all(str(markupsafe.escape(s)) in page for s in said)
    d = digest.build(report, said, f"{lang}/{EDITION}")
    assert page == digest.html(d, inline=True)
    msg = email.message_from_bytes((run / digest.eml_name(lang)).read_bytes(), policy=policy.SMTP)
    assert msg["To"] is None and msg["Subject"] == d.subject
    attached = next(p for p in msg.iter_attachments() if p.get_filename() == EDITION)
    assert attached.get_content().encode("utf-8") == (run / lang / EDITION).read_bytes()
    assert f"digest {lang}" in (run / "render.log").read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_digest_opens_offline_with_its_pictures_and_fits_a_phone(fixture_run, chromium, lang):
    page = fixture_run[0].run_dir / digest.html_name(lang)
    pictures = "() => [...document.images].map(i => i.complete && i.naturalWidth)"
    for width in (1280, 390):
        check = chromium.open(page, width=width, after_load=pictures)
        assert check.blocked_requests == [] and check.console_errors == []
        assert check.page_errors == [] and check.overflow == 0
        assert len(check.evaluated) == 2 and all(w and w > 500 for w in check.evaluated)
        assert check.lang == lang and i18n.t("digest_title", lang) in check.text
