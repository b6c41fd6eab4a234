"""`h200 check`: each problem of a fact base as one line naming the file and the record."""

from __future__ import annotations

import shutil

import nbformat

from h200report import cli
from h200report.factbase.check import problems
from h200report.factbase.inputs import inputs_digest, record_digest
from h200report.factbase.publish import run as publish
from tests.support import FIXTURES
from tests.support.seeds import add_seeds


def _finished(project_copy, tmp_path):
    """The corpus with its tables published and a stored notebook executed on it."""
    seeds, data = project_copy
    publish(seeds, data)
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nbformat.write(
        record_digest(nbformat.v4.new_notebook(), inputs_digest(seeds, data)), notebooks / "a.ipynb"
    )
    return seeds, data, notebooks


def test_a_finished_fact_base_has_no_problem(project_copy, tmp_path):
    seeds, data, notebooks = _finished(project_copy, tmp_path)
    assert problems(seeds, data, notebooks) == []


def test_a_new_article_lists_what_it_still_lacks(project_copy, tmp_path, capsys):
    seeds, data, notebooks = _finished(project_copy, tmp_path)
    add_seeds(seeds, FIXTURES / "captures", ["en_wire"])
    found = problems(seeds, data, notebooks)
    sources = str(seeds / "sources.yaml")
    assert (
        f"{sources}: source en_wire has site but no site_zh: the zh report shows the English"
        in found
    )
    uncurated = [line for line in found if line.startswith(str(seeds / "en_wire.txt"))]
    assert len(uncurated) == 1 and "mention(s) not yet curated" in uncurated[0]
    assert (
        f"{data / 'processed' / 'sources.csv'}: not what `make data` writes from the current inputs: run make data"
        in found
    )
    assert (
        f"{notebooks / 'a.ipynb'}: stored outputs predate the current fact base: run make baseline"
        in found
    )
    # Each line names a file first: the path, then what is wrong with it.
    assert all(line.split(":")[0].startswith(str(tmp_path)) for line in found)
    code = cli.main(["check", "--seeds", str(seeds), "--data", str(data), "--no-notebooks"])
    out, err = capsys.readouterr()
    assert code == 1 and err.strip().endswith("problem(s) in the fact base")
    assert out.splitlines() == [line for line in found if "notebooks" not in line]


def test_a_fact_base_that_does_not_build_is_one_line_and_exit_2(project_copy, capsys):
    seeds, data = project_copy
    shutil.copy(seeds / "000_2f7d0e62f1c70453.txt", seeds / "orphan.txt")
    code = cli.main(["check", "--seeds", str(seeds), "--data", str(data)])
    err = capsys.readouterr().err
    assert (
        code == 2
        and err == f"error: {seeds / 'orphan.txt'}: no metadata for this seed in sources.yaml\n"
    )
