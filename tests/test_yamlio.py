"""The strict YAML reader: duplicate keys and anchors/aliases refused, naming file and line.

Every YAML the project reads goes through ``h200report.yamlio``; the last test keeps
it that way.
"""

from __future__ import annotations

import re
import time

import pytest
import yaml

from h200report import paths, yamlio
from h200report.errors import InputError
from h200report.extract import lexicon
from h200report.render.config import load_config
from h200report.yamlio import parse_scalar, read_yaml

# Nine levels of nine: 387 million leaves once expanded, a few hundred bytes as text.
BOMB = (
    "["
    + ", ".join(
        ["&a [1, 1, 1, 1, 1, 1, 1, 1, 1]"]
        + [
            f"&{c} [{', '.join([f'*{p}'] * 9)}]"
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        ]
    )
    + "]"
)


@pytest.mark.parametrize(
    "text, problem",
    [
        ("a: 1\nb:\n  c: 1\n  c: 2\n", "duplicate key 'c' at line 4, column 3 (first at line 3)"),
        ("- {x: 1, x: 1}\n", "duplicate key 'x' at line 1, column 10 (first at line 1)"),
        # Two spellings of one YAML value are one key.
        ("1: a\n0x1: b\n", "duplicate key 1 at line 2, column 1 (first at line 1)"),
        (
            "a: &x 1\nb: *x\n",
            "aliases (&/*) are not allowed in f.yaml (an anchor &x at line 1, column 4)",
        ),
        (
            "a: [1]\nb: *x\n",
            "aliases (&/*) are not allowed in f.yaml (an alias *x at line 2, column 4)",
        ),
        ("base: &b {k: 1}\nmore:\n  <<: *b\n", "an anchor &b at line 1, column 7"),
        (
            "b: " + BOMB + "\n",
            "aliases (&/*) are not allowed in f.yaml (an anchor &a at line 1, column 5)",
        ),
    ],
)
def test_refused_yaml_names_file_and_line(tmp_path, text, problem):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_yaml(path)
    assert str(err.value) == f"{path}: {err.value.problem}" and problem in err.value.problem


def test_equal_keys_in_different_mappings_are_fine(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("- {status: a}\n- {status: b}\n", encoding="utf-8")
    assert read_yaml(path) == [{"status": "a"}, {"status": "b"}]


def _project_yaml_texts() -> list[tuple[str, str]]:
    folders = (paths.SEEDS_DIR, paths.CURATED_DIR, paths.LEXICON_DIR, paths.ROOT / "tests")
    files = sorted(
        {f for folder in folders for f in folder.rglob("*.yaml")} | {paths.RENDER_CONFIG}
    )
    return [(str(f.relative_to(paths.ROOT)), f.read_text(encoding="utf-8")) for f in files]


def test_libyaml_reads_every_project_file_as_the_python_reader_does():
    """The libyaml fast path must change nothing but the speed."""
    if yamlio._FastLoader is None:
        pytest.skip("PyYAML here was built without libyaml: only the Python reader runs")
    texts = _project_yaml_texts()
    assert any(name.endswith("sources.yaml") for name, _ in texts)
    for name, text in texts:
        try:
            python = yaml.load(text, Loader=yamlio._StrictLoader)  # noqa: S506
        except (yaml.YAMLError, ValueError):
            continue  # a test's broken fixture: both paths end in the Python reader's error
        assert yaml.load(text, Loader=yamlio._FastLoader) == python, name  # noqa: S506


@pytest.mark.parametrize("text", ["site: AT&T\n", "note: '5*3'\n", "a: 1\na: 2\n", "a: [1\n"])
def test_the_fast_path_gives_the_same_answer_or_message(tmp_path, monkeypatch, text):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")

    def outcome():
        try:
            return read_yaml(path)
        except InputError as exc:
            return str(exc)

    fast = outcome()
    monkeypatch.setattr(yamlio, "_FastLoader", None)
    assert outcome() == fast


def test_render_config_refuses_duplicates_and_aliases(tmp_path):
    config = tmp_path / "render.yaml"
    config.write_text(
        "parameter_sets:\n  en: {language: en}\n  en: {language: zh}\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"duplicate key 'en' at line 3, column 3"):
        load_config(config)
    config.write_text(
        f"parameter_sets:\n  en: {{language: en, buyers: {BOMB}}}\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match=re.escape("aliases (&/*) are not allowed in render.yaml")):
        load_config(config)


def test_lexicon_files_are_read_strictly(tmp_path, monkeypatch):
    (tmp_path / "numbers.yaml").write_text("units:\n  片: chips\n  片: count\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "LEXICON_DIR", tmp_path)
    with pytest.raises(InputError, match="duplicate key '片' at line 3"):
        lexicon.lexicon.__wrapped__("numbers")


@pytest.mark.parametrize(
    "text, value",
    [
        ("5", 5),
        ("2026-03-05", "2026-03-05"),
        ("null", None),
        ("a: b: c", "a: b: c"),
        ("*.ipynb", "*.ipynb"),
    ],
)
def test_parameter_values_read_as_yaml_or_kept_as_text(text, value):
    assert parse_scalar(text) == value


def test_an_alias_bomb_in_a_parameter_value_is_refused_at_once():
    started = time.perf_counter()
    with pytest.raises(InputError) as err:
        parse_scalar(BOMB)
    assert time.perf_counter() - started < 1
    assert "aliases (&/*) are not allowed in -p values (an anchor &a at column 2)" in str(err.value)
    assert len(str(err.value)) < 400


def test_every_yaml_read_goes_through_the_strict_reader():
    readers = re.compile(r"yaml\.(safe_load|load|full_load|unsafe_load|compose|parse)\b")
    offenders = [
        f"{path.relative_to(paths.ROOT)}:{number}"
        for path in sorted(paths.PACKAGE_DIR.rglob("*.py"))
        if path.name != "yamlio.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if readers.search(line)
    ]
    assert offenders == []
