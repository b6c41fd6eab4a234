"""A kernel outside a render reads the fact base kept in data/processed/ while its
inputs are the same, and builds again when one changed or the file is not ours."""

from __future__ import annotations

import pytest

from h200report.factbase import build as build_module
from h200report.factbase import cached
from h200report.report import params
from h200report.report.model import load


@pytest.fixture
def counted(project_copy, monkeypatch):
    seeds, data = project_copy
    (data / "processed").mkdir()
    calls = []
    real = build_module.build

    def counting(*args, **kw):
        calls.append(args)
        return real(*args, **kw)

    monkeypatch.setattr(build_module, "build", counting)
    return seeds, data, calls


def _report(seeds, data):
    return load(params.validate(seeds_dir=str(seeds), data_dir=str(data)))


def test_a_current_fact_base_is_read_not_built(counted):
    seeds, data, calls = counted
    first = _report(seeds, data)
    assert len(calls) == 1 and cached.cache_path(data).is_file()
    again = _report(seeds, data)
    assert len(calls) == 1, "the kept fact base was current"
    assert again.tables["facts"].equals(first.tables["facts"])


def test_a_changed_input_or_a_file_not_signed_by_us_builds_again(counted):
    seeds, data, calls = counted
    _report(seeds, data)
    facts = data / "curated" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    _report(seeds, data)
    assert len(calls) == 2, "a curated file changed"
    path = cached.cache_path(data)
    path.write_bytes(b"\0" * 32 + path.read_bytes()[32:])
    _report(seeds, data)
    assert len(calls) == 3, "a file that fails the signature is never unpickled"


def test_without_a_processed_folder_nothing_is_written(project_copy):
    seeds, data = project_copy
    _report(seeds, data)
    assert not (data / "processed").exists()


def test_a_seed_over_the_size_limit_is_keyed_by_its_size_not_read(tmp_path):
    from h200report.extract.sources import MAX_SEED_BYTES
    from h200report.factbase.inputs import input_digests

    seeds, data = tmp_path / "seeds", tmp_path / "data"
    (data / "curated").mkdir(parents=True)
    seeds.mkdir()
    (seeds / "small.txt").write_text("标题\n\n正文。\n", encoding="utf-8")
    with open(seeds / "video.txt", "wb") as f:  # sparse: 4 GiB that are never written
        f.truncate(4 * 2**30)
    files = input_digests(seeds, data)["seeds"]
    assert files["seeds/video.txt"] == f"over-limit:{4 * 2**30}" and MAX_SEED_BYTES < 4 * 2**30
    assert len(files["seeds/small.txt"]) == 64  # a sha256 as before
