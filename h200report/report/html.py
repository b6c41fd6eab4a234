"""The report's own HTML: tables and comparison cards, built from escaped text only.

A reader gets a table that fits a laptop and turns into one card per row on a
phone, with empty cells empty and quotes marked with their language; and the
agreement between two sources as a side-by-side card rather than a wide frame.
Every piece of text, from the articles or the curated files, passes through
``html.escape`` on its way in, so nothing in it can become markup: the HTML export
audits these outputs like any other and finds only inert tags.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

_CJK = re.compile(r"[\u3400-\u9fff]")


class Html(str):
    """HTML we built; IPython shows it as HTML, plain-text front ends get ``text``."""

    def __new__(cls, markup: str, text: str = ""):
        obj = super().__new__(cls, markup)
        obj.text = text
        return obj

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return self.text

    def _repr_pretty_(self, p, cycle) -> None:
        p.text(self.text)


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def lang_of(text: object, page_language: str) -> str | None:
    """The language to mark a text with when it differs from the page's (screen readers,
    fonts): Chinese text on an English page, English text on a Chinese one."""
    chinese = bool(_CJK.search(str(text or "")))
    if page_language == "en" and chinese:
        return "zh"
    if page_language == "zh" and not chinese and re.search(r"[A-Za-z]{3,}", str(text or "")):
        return "en"
    return None


def tag(name: str, content: str = "", *, cls: str | None = None, **attrs: object) -> str:
    """``<name ...>content</name>``; ``content`` is markup already escaped by the caller."""
    parts = [name]
    if cls:
        parts.append(f'class="{esc(cls)}"')
    for key, value in attrs.items():
        if value is not None:
            parts.append(f'{key.replace("_", "-")}="{esc(value)}"')
    return f"<{' '.join(parts)}>{content}</{name}>"


def text_cell(value: object, language: str, *, name: str = "td", cls: str | None = None, **attrs):
    return tag(name, esc(value), cls=cls, lang=lang_of(value, language), **attrs)


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    language: str,
    *,
    label: str,
    classes: Sequence[str | None] = (),
) -> Html:
    """A table in a box of its own (it scrolls there, not the page, and reads as one
    card per row on a narrow screen: every cell carries its column's name)."""
    rows = [list(r) for r in rows]
    classes = list(classes) + [None] * (len(header) - len(classes))
    head = "".join(
        tag("th", esc(h), scope="col", cls=c) for h, c in zip(header, classes, strict=True)
    )
    body = []
    for row in rows:
        cells = "".join(
            text_cell(v, language, cls=c, data_label=h)
            for v, h, c in zip(row, header, classes, strict=True)
        )
        body.append(tag("tr", cells))
    markup = tag(
        "div",
        tag("table", tag("thead", tag("tr", head)) + tag("tbody", "".join(body))),
        cls="h200-table",
        role="region",
        aria_label=label,
        tabindex=0,
    )
    return Html(markup, f"{label}: {len(rows)} row(s)")
