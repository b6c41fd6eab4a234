"""``reports/feed.xml`` and ``feed.<lang>.xml``: the renders that changed something, as
Atom feeds (made with feedgen), one feed per language like the landing pages.

One entry per kept complete run whose fact base changed since the run before
(``changes.changed`` in its ``run.json``); a render that changed nothing, a first
render (nothing to compare with) and a check that made no run add none, and a failed
run is not published. An entry's id is a ``tag:`` URI of the run's name and the
feed's language, so it is the same whenever the feed is rebuilt; ``updated`` is when
the render finished, ``published`` when it started; its content is the run's change
sentences in the feed's language, as text (``type="text"``: article titles in them are
escaped, never markup); it links the run's landing page in that language.

Links are relative to the feed (``<run>/index.html``): ``reports/`` is copied, synced
and mailed as a whole, with no address of its own, and a relative link works
wherever it lands (Atom resolves it against the feed's own location).

Data in, bytes out: ``publish.write_listing`` reads the kept run folders once (after
pruning, under the render lock) and writes each feed through a rename, so a feed never
holds a pruned run.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..vocab import LANGUAGES

# A tag: URI (RFC 4151) minted by the project; with the run's name an entry's id.
TAG = "tag:h200report,2026:"
ATOM = "application/atom+xml"
WORDS = {
    "en": {
        "title": "H200 export policy reports: what changed",
        "subtitle": "One entry per render whose fact base changed since the render before.",
        "entry": "What changed in the render of {when} UTC",
        "name": "English",
    },
    "zh": {
        "title": "H200 出口政策报告:变化",
        "subtitle": "每次事实库较上次生成有变化的生成,各占一条。",
        "entry": "{when}(UTC)生成的变化",
        "name": "中文",
    },
}
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# What XML 1.0 cannot hold at all (control characters, lone surrogates): dropped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def feed_file(language: str) -> str:
    """``feed.xml`` for the first language, ``feed.<lang>.xml`` for the others."""
    return "feed.xml" if language == LANGUAGES[0] else f"feed.{language}.xml"


def _text(value: object) -> str:
    return _NOT_XML.sub("", str(value))


def _when(text: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(str(text), "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.UTC)
    except ValueError:
        return None


def entries(runs: list[dict], language: str) -> list[dict]:
    """The feed's entries, newest first: one per complete run of ``runs`` (newest first,
    as ``publish.kept_runs`` reads them, with ``landing``: each language of the run's
    pages -> its landing page) that changed something."""
    out = []
    for run in runs:
        meta = run["meta"]
        changes = meta.get("changes") or {}
        sentences = (changes.get("sentences") or {}).get(language) or []
        started = _when(meta.get("started_utc"))
        if not (meta.get("ok") and changes.get("changed") and sentences and started):
            continue
        # The run's page in this language if it has one, else its first language's.
        landing = run["landing"]
        page = language if language in landing else next(iter(landing))
        out.append(
            {
                "id": f"{TAG}run/{run['name']}/{language}",
                "title": WORDS[language]["entry"].format(when=meta["started_utc"]),
                "published": started,
                "updated": _when(meta.get("finished_utc")) or started,
                "link": f"{run['name']}/{landing[page]}",
                "hreflang": page,
                "content": "\n".join(str(s) for s in sentences),
            }
        )
    return out


def feed_bytes(runs: list[dict], language: str, listing: str) -> bytes:
    """The Atom feed of ``language`` for the complete runs ``runs`` (newest first), beside
    the listing page ``listing``."""
    from feedgen.feed import FeedGenerator

    words = WORDS[language]
    found = entries(runs, language)
    fg = FeedGenerator()
    fg.id(f"{TAG}feed/{language}")
    fg.title(words["title"])
    fg.subtitle(words["subtitle"])
    fg.author({"name": "h200report"})
    fg.language(language)  # xml:lang on the feed
    fg.link(href=feed_file(language), rel="self", type=ATOM)
    fg.link(href=listing, rel="alternate", type="text/html")
    if found:
        updated = max(e["updated"] for e in found)
    else:
        # No entry: when the newest kept run finished (a fixed time, so a rebuild of the
        # same runs gives the same bytes).
        updated = _when(runs[0]["meta"].get("finished_utc")) if runs else None
    fg.updated(updated or EPOCH)
    for e in found:
        fe = fg.add_entry(order="append")
        fe.id(e["id"])
        fe.title(_text(e["title"]))
        fe.published(e["published"])
        fe.updated(e["updated"])
        fe.link(href=e["link"], rel="alternate", type="text/html", hreflang=e["hreflang"])
        fe.content(_text(e["content"]), type="text")
    return _entry_links(fg.atom_str(pretty=True), found)


def _entry_links(xml: bytes, found: list[dict]) -> bytes:
    """feedgen 1.0 writes an entry's link with its href alone (its loop variable hides
    the given attributes): put rel, type and hreflang back, in the entries' order."""
    from lxml import etree

    root = etree.fromstring(xml)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    for element, e in zip(root.findall("a:entry", ns), found, strict=True):
        link = element.find("a:link", ns)
        link.attrib.update({"rel": "alternate", "type": "text/html", "hreflang": e["hreflang"]})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def present(root: Path) -> bool:
    """Every language's feed is there."""
    return all((Path(root) / feed_file(lang)).is_file() for lang in LANGUAGES)


def listed(root: Path) -> list[dict]:
    """The feeds the listing links: file, language and its name, those that exist."""
    return [
        {"file": feed_file(lang), "lang": lang, "name": WORDS[lang]["name"], "type": ATOM}
        for lang in LANGUAGES
        if (Path(root) / feed_file(lang)).is_file()
    ]
