"""The review program's card layout: long lines wrap under their value, by cell width."""

from __future__ import annotations

from prompt_toolkit.utils import get_cwidth

from h200report.curate.tui import LABEL_WIDTH, hang


def _lines(fragments) -> list[str]:
    return "".join(text for _, text in fragments).split("\n")


def test_a_labelled_line_wraps_under_its_value_and_never_past_the_width():
    text = "conflicts with 71396.com (2026-03-14): status: conflict (planned vs announced)"
    lines = _lines(hang([("class:label", "Accepting  "), ("", text + "\n")], 40))
    assert len(lines) > 2 and all(get_cwidth(line) <= 40 for line in lines)
    assert all(line.startswith(" " * LABEL_WIDTH) for line in lines[1:] if line)
    assert " ".join(line.strip() for line in lines).replace("Accepting ", "", 1).strip() == text


def test_chinese_wraps_between_characters_by_their_double_width():
    sentence = "美国政府计划将每家中国企业采购英伟达H200芯片的数量上限定在7.5万片以内。"
    lines = _lines(hang([("", sentence)], 20))
    assert all(get_cwidth(line) <= 20 for line in lines) and "".join(lines) == sentence
    # An unlabelled line (the article's sentence) continues at the margin.
    assert not any(line.startswith(" ") for line in lines)
