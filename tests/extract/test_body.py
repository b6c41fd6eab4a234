"""Body cutting: general rules, on the shipped seeds and on captures from other sites."""

from __future__ import annotations

import pytest

from h200report.errors import InputError
from h200report.extract.body import cut_body
from h200report.extract.sources import load_seeds
from tests.support import CORPUS_SEEDS, FIXTURES
from tests.support.seeds import write_seed

CAPTURES = FIXTURES / "captures"


@pytest.fixture(scope="module")
def shipped():
    return {s.source_id: (s, cut_body(s)) for s in load_seeds(CORPUS_SEEDS)}


def test_body_is_running_text_only(shipped):
    for seed, body in shipped.values():
        header = [f for f in body.furniture if f.kind == "header"]
        assert header and header[0].line == 1, "the headline is furniture"
        assert seed.meta.title in header[0].text
        assert "【" not in body.text and "】" not in body.text, "image captions are cut"
        for marker in (
            "相关内容",
            "热门资讯",
            "标签",
            "更新时间",
            "ICP备",
            "CopyRight",
            "上滑加载",
            "展开阅读全文",
        ):
            assert marker not in body.text
        # Every body line is a line of the capture, in order.
        lines = [line.strip() for line in seed.text.split("\n")]
        positions = [lines.index(p) for p in body.text.split("\n")]
        assert positions == sorted(positions)


def test_sidebar_numbers_do_not_reach_the_body(shipped):
    _, body = shipped["000_2f7d0e62f1c70453"]
    # The portal's sidebar is full of unrelated figures (two-margin balances, ETF codes).
    for sidebar_text in ("26513.11亿元", "159770", "林俊旸", "齐向东"):
        assert sidebar_text not in body.text
    assert any(f.kind == "caption" for f in body.furniture)


def test_author_and_date_lines_are_header(shipped):
    _, body = shipped["002_287867cbdb6dda5d"]
    header = {f.text for f in body.furniture if f.kind == "header"}
    assert "文/万物知识局" in header
    assert body.text.startswith("2025年12月8日")
    trailer = " ".join(f.text for f in body.furniture if f.kind == "trailer")
    assert "更新时间:2026-03-14" in trailer and "闽ICP备" in trailer


@pytest.mark.parametrize("variant", ["plain", "crlf", "bom", "bom_crlf", "cr"])
def test_traditional_fullwidth_capture_in_any_encoding_variant(tmp_path, variant):
    text = (CAPTURES / "zh_hant_fullwidth.txt").read_text(encoding="utf-8")
    newline = {"plain": "\n", "crlf": "\r\n", "bom": "\n", "bom_crlf": "\r\n", "cr": "\r"}[variant]
    data = text.replace("\n", newline).encode("utf-8")
    if variant.startswith("bom"):
        data = b"\xef\xbb\xbf" + data
    write_seed(tmp_path, "zh_hant", data, language="zh-Hant")
    [seed] = load_seeds(tmp_path)
    body = cut_body(seed)
    assert body.text.startswith("據彭博社報導"), (
        "header lines (headline, byline, date, counter) are cut"
    )
    assert body.text.endswith("計提55億美元減值。")
    assert "\r" not in body.text and "\ufeff" not in body.text
    assert "相關新聞" not in body.text and "台積電" not in body.text and "版權所有" not in body.text
    assert [f.kind for f in body.furniture].count("caption") == 1
    assert len(body.norm) == len(body.text)
    assert "万" in body.norm and "萬" in body.text, (
        "matching runs on simplified, quotes stay verbatim"
    )


def test_english_wire_capture(tmp_path):
    write_seed(tmp_path, "en_wire", (CAPTURES / "en_wire.txt").read_bytes(), language="en")
    [seed] = load_seeds(tmp_path)
    body = cut_body(seed)
    assert body.text.startswith("WASHINGTON, March 5")
    assert "Reporting by" not in body.text and "Chipmakers rally" not in body.text
    assert len(body.paragraphs) == 3


def test_capture_without_running_text_is_rejected(tmp_path):
    path = write_seed(tmp_path, "menu", "首页\n新闻\n体育\n财经\n© 2026\n".encode())
    [seed] = load_seeds(tmp_path)
    with pytest.raises(InputError) as err:
        cut_body(seed)
    assert str(path) in str(err.value) and "no article body" in str(err.value)
