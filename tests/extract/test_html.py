"""HTML seeds: the visible text, the article body and the furniture of a saved page."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from h200report.errors import InputError
from h200report.extract import html
from h200report.extract.body import cut_body
from h200report.extract.mentions import extract_mentions
from h200report.extract.numbers import find_numbers
from h200report.extract.sources import load_seeds
from h200report.extract.textnorm import normalise
from tests.support import FIXTURES
from tests.support.seeds import write_seed

PAGES = FIXTURES / "pages"
ZH_PAGE = PAGES / "zh_finance_h200.html"
EN_PAGE = PAGES / "en_dateline.html"
SIDEBAR_NUMBERS = ("45%", "1.2%", "1.5万亿元", "7999元", "12家", "30%", "50万片", "8%")


def page_seed(tmp_path: Path, page: Path = ZH_PAGE, source_id: str = "page"):
    """A seeds folder holding only this page (its metadata written by hand)."""
    seeds = tmp_path / "seeds"
    write_seed(seeds, source_id, b"placeholder").unlink()
    shutil.copy(page, seeds / f"{source_id}.html")
    (seed,) = load_seeds(seeds)
    return seed


def furniture_numbers_among_mentions(seed, body, mentions) -> list[str]:
    """Numbers the extractor finds in furniture lines that reached a mention (empty when none)."""
    texts = {m.text for m in mentions}
    leaked = []
    for f in body.furniture:
        for span in find_numbers(normalise(f.text), []):
            number = f.text[span.start : span.end]
            if number in texts and number not in body.text:
                leaked.append(number)
    return leaked


def test_seed_text_is_everything_visible_and_the_body_is_the_article(tmp_path):
    seed = page_seed(tmp_path)
    assert seed.markup is not None and seed.path.suffix == ".html"
    lines = seed.text.split("\n")
    # Navigation, sidebar and footer are visible text; scripts, styles and <head> are not.
    assert "首页" in lines and "热门排行" in lines and lines[-1].startswith("京ICP备")
    assert "pageConfig" not in seed.text and ".nav li" not in seed.text
    body = cut_body(seed)
    paragraphs = body.text.split("\n")
    assert paragraphs[0].startswith("本报讯") and paragraphs[-1].startswith("分析人士认为")
    assert len(paragraphs) == 7 and all(p in lines for p in paragraphs)
    assert len(body.norm) == len(body.text)
    assert [body.text[a:b] for a, b in body.paragraphs] == paragraphs


def test_furniture_is_every_other_visible_line_by_where_it_stands(tmp_path):
    seed = page_seed(tmp_path)
    body = cut_body(seed)
    kinds = {f.text: f.kind for f in body.furniture}
    # The headline, byline and date line are header, as for a text capture.
    assert kinds["英伟达H200对华出口遇冷:每家企业限购7.5万片 费率25%"] == "header"
    assert kinds["2026-03-18 09:30"] == "header"
    assert kinds["英伟达H200芯片(资料图)"] == "caption"
    # trafilatura keeps the editor line; the trailer rule of text captures cuts it.
    assert kinds["责任编辑:王芳"] == "trailer"
    assert kinds["美国对华芯片出口新规:50万片以上订单须逐笔审查"] == "trailer"
    lines = [line for line in seed.text.split("\n")]
    assert len(body.furniture) + len(body.paragraphs) == len(lines)
    assert all(seed.text.split("\n")[f.line - 1] == f.text for f in body.furniture)


@pytest.mark.parametrize("page", [ZH_PAGE, EN_PAGE], ids=["zh", "en"])
def test_no_furniture_number_reaches_a_mention(tmp_path, page):
    seed = page_seed(tmp_path, page)
    body = cut_body(seed)
    mentions = extract_mentions(body, dt.date(2026, 3, 18))
    assert mentions and all(body.text[m.start : m.end] == m.text for m in mentions)
    assert furniture_numbers_among_mentions(seed, body, mentions) == []
    if page == ZH_PAGE:
        assert not {m.text for m in mentions} & set(SIDEBAR_NUMBERS)


def test_extraction_is_deterministic(tmp_path):
    seed = page_seed(tmp_path)
    first, second = cut_body(seed), cut_body(seed)
    assert first == second
    assert html.main_lines(seed.markup) == html.main_lines(seed.markup)


def test_a_page_without_an_article_has_no_body(tmp_path):
    seeds = tmp_path / "seeds"
    page = b"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><footer>(c) 2026</footer></body></html>"
    write_seed(seeds, "menu", b"x").unlink()
    (seeds / "menu.html").write_bytes(page)
    (seed,) = load_seeds(seeds)
    with pytest.raises(InputError, match="no article body found"):
        cut_body(seed)


def test_declared_language_of_a_page():
    assert html.declared_language(ZH_PAGE.read_text(encoding="utf-8")) == "zh-CN"
    assert html.declared_language(EN_PAGE.read_text(encoding="utf-8")) == "en-US"
    meta_only = '<html><head><meta http-equiv="content-language" content="zh-TW"></head><body><p>x</p></body></html>'
    assert html.declared_language(meta_only) == "zh-TW"
    assert html.looks_like_html(meta_only) and not html.looks_like_html("plain text, no tags")
