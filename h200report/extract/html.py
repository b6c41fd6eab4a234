"""Pages saved from a browser (``.html`` seeds): their visible text and their main text.

An HTML seed is read twice, and the two readings are what the rest of the chain sees:

- the *visible text* (``Seed.text``): every piece of text a reader of the page could
  see, one block element per line (navigation, sidebars and footer included). A quote
  found here but not in the body is a quote from the furniture, as for a text capture;
- the *main text*: what trafilatura keeps as the article (its own rules, with jusText
  and readability as fallbacks), one paragraph, list item or block quote per line;
  headings and tables are left out. ``body.cut`` then applies the same line rules as
  to a text capture (byline and date lines, captions, credits, trailer markers).

Both are parsed by lxml through trafilatura's loader; nothing here reads HTML syntax.
Extraction is deterministic: same bytes, same pinned trafilatura, same text.
"""

from __future__ import annotations

import trafilatura
from lxml.html import HtmlElement

# Elements whose content a browser does not show as text.
_INVISIBLE = {"head", "script", "style", "noscript", "template", "iframe", "object", "svg"}
# Elements that start a new line of text in a browser.
_BLOCK = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "td", "th", "tr", "ul",
}  # fmt: skip
# trafilatura's elements of running text; its "head" (headings) and tables are not kept.
_MAIN_BLOCKS = {"p", "item", "quote"}


def load(markup: str) -> HtmlElement | None:
    """The parsed page (lxml, via trafilatura's tolerant loader), or None if it has no HTML."""
    return trafilatura.load_html(markup)


def _lines(text: str) -> list[str]:
    # Browsers collapse runs of white space; so does trafilatura. Both readings do the
    # same here, so a body paragraph reads the same in the visible text.
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _visible(el, out: list[str]) -> None:
    if isinstance(el.tag, str) and el.tag.lower() not in _INVISIBLE:
        tag = el.tag.lower()
        if tag in _BLOCK or tag == "br":
            out.append("\n")
        out.append(el.text or "")
        for child in el:
            _visible(child, out)
        if tag in _BLOCK:
            out.append("\n")
    # Comments and hidden elements hide only themselves: the text after them shows.
    out.append(el.tail or "")


def visible_lines(markup: str) -> list[str]:
    """Every line of text a reader of the page sees, in page order."""
    tree = load(markup)
    if tree is None:
        return []
    body = tree.find(".//body")
    out: list[str] = []
    _visible(body if body is not None else tree, out)
    return _lines("".join(out))


def _block_text(el) -> str:
    parts = [el.text or ""]
    for child in el:
        parts.append("\n" if child.tag == "lb" else _block_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def main_lines(markup: str) -> list[str]:
    """The article's running text as trafilatura finds it, one line per paragraph or line break."""
    doc = trafilatura.bare_extraction(
        markup,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=False,  # its cache is global: a second read of the same page would lose text
        with_metadata=False,
    )
    if doc is None or doc.body is None:
        return []
    lines: list[str] = []
    for el in doc.body.iter(*_MAIN_BLOCKS):
        # A paragraph inside a quote or list item is read with its container.
        if not any(a.tag in _MAIN_BLOCKS for a in el.iterancestors()):
            lines += _lines(_block_text(el))
    return lines


def declared_language(markup: str) -> str | None:
    """The language the page declares: ``<html lang>``, else Content-Language or og:locale."""
    tree = load(markup)
    if tree is None:
        return None
    root = tree.getroottree().getroot()
    lang = root.get("lang") or root.get("xml:lang")
    if lang:
        return lang.strip()
    for meta in root.iter("meta"):
        name = (meta.get("http-equiv") or meta.get("property") or "").lower()
        if name in ("content-language", "og:locale") and meta.get("content"):
            return meta.get("content").strip()
    return None


def looks_like_html(markup: str) -> bool:
    """True when trafilatura's loader reads a document with a body (plain text it refuses)."""
    tree = load(markup)
    return tree is not None and tree.find(".//body") is not None
