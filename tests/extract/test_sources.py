"""Seed files and metadata: what is accepted, and the one-line errors for what is not."""

from __future__ import annotations

import hashlib
import os
import tracemalloc
import unicodedata

import pytest

from h200report import paths
from h200report.errors import InputError
from h200report.extract import sources
from h200report.extract.sources import MAX_SEED_BYTES, load_seeds, read_seed_bytes
from tests.support import CORPUS_SEEDS
from tests.support.seeds import write_seed

GOOD = (
    "标题\n\n美国商务部表示,每家公司采购上限定在7.5万片以内,远不足企业意向采购量的一半。\n".encode()
)


def test_shipped_seeds_are_byte_identical_to_the_shared_originals():
    shared = paths.ROOT.parent / "shared" / "seeds"
    seeds = load_seeds(CORPUS_SEEDS)
    assert [s.source_id for s in seeds] == ["000_2f7d0e62f1c70453", "002_287867cbdb6dda5d"]
    for seed in seeds:
        assert seed.meta.sha256 == seed.sha256 == hashlib.sha256(seed.path.read_bytes()).hexdigest()
        if shared.is_dir():
            assert (shared / seed.path.name).read_bytes() == seed.path.read_bytes()


def test_metadata_says_what_the_capture_gives():
    meta = {s.source_id: s.meta for s in load_seeds(CORPUS_SEEDS)}
    assert meta["000_2f7d0e62f1c70453"].date_kind == "published"
    assert meta["000_2f7d0e62f1c70453"].published_precision == "second"
    # 002 only prints an update date: it is recorded as such, at day precision, with no time.
    assert meta["002_287867cbdb6dda5d"].date_kind == "updated"
    assert meta["002_287867cbdb6dda5d"].published_precision == "day"
    assert str(meta["002_287867cbdb6dda5d"].published_at) == "2026-03-14"


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("标题\n\n美国商务部表示上限定在七万五千片。\n".encode("gbk"), "not UTF-8"),
    ],
)
def test_bad_seed_files_stop_with_one_line(tmp_path, content, problem):
    path = write_seed(tmp_path, "bad", content)
    with pytest.raises(InputError) as err:
        load_seeds(tmp_path)
    message = str(err.value)
    assert message.startswith(str(path)) and problem in message and "\n" not in message


def test_huge_seed_is_refused_before_decoding(tmp_path):
    path = write_seed(tmp_path, "huge", GOOD * (MAX_SEED_BYTES // len(GOOD) + 2))
    with pytest.raises(InputError, match="limit") as err:
        load_seeds(tmp_path)
    assert str(path) in str(err.value)


def test_seed_without_metadata(tmp_path):
    write_seed(tmp_path, "ok", GOOD)
    (tmp_path / "orphan.txt").write_bytes(GOOD)
    with pytest.raises(InputError, match="no metadata") as err:
        load_seeds(tmp_path)
    assert "orphan.txt" in str(err.value)


def test_metadata_without_seed(tmp_path):
    write_seed(tmp_path, "ok", GOOD)
    write_seed(tmp_path, "gone", GOOD)
    (tmp_path / "gone.txt").unlink()
    with pytest.raises(InputError, match="missing seed file"):
        load_seeds(tmp_path)


def test_changed_seed_is_caught_by_its_checksum(tmp_path):
    write_seed(tmp_path, "ok", GOOD, sha256="0" * 64)
    with pytest.raises(InputError, match="was changed"):
        load_seeds(tmp_path)


def test_missing_seeds_folder(tmp_path):
    with pytest.raises(InputError, match="does not exist") as err:
        load_seeds(tmp_path / "nowhere")
    assert "nowhere" in str(err.value)


@pytest.mark.parametrize(
    "yaml_text, problem",
    [
        ("sources: [unclosed", "malformed YAML"),
        ("- a\n- b\n", "top-level mapping"),
        (
            "sources:\n  ok: {title: t, title_en: t, site: s, published_at: 2026-13-01, published_precision: day, date_kind: published, language: zh-Hans}\n",
            "published_at",
        ),
        (
            "sources:\n  ok: {title: t, title_en: t, site: s, published_at: '2026-03-01', published_precision: day, date_kind: published, language: zh-Hans, colour: red}\n",
            "colour",
        ),
    ],
)
def test_bad_metadata_file(tmp_path, yaml_text, problem):
    (tmp_path / "ok.txt").write_bytes(GOOD)
    (tmp_path / paths.SOURCES_FILE_NAME).write_text(yaml_text, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as err:
        load_seeds(tmp_path)
    assert paths.SOURCES_FILE_NAME in str(err.value)


def test_a_seed_of_gigabytes_is_refused_by_its_size_without_being_read(tmp_path):
    path = write_seed(tmp_path, "huge", b"")
    with path.open("r+b") as f:
        f.truncate(4 * 2**30)  # sparse: 4 GiB that take no disk
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as err:
            load_seeds(tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(err.value) == (
        f"{path}: the seed file is 4,294,967,296 bytes, over the 2,000,000-byte limit for one article"
    )
    assert peak < 10 * 2**20


def test_a_seed_is_read_to_the_limit_even_when_its_size_says_less(tmp_path, monkeypatch):
    # A file that grows after the stat (or one whose size the file system does not
    # report) is still read no further than one byte past the limit.
    path = write_seed(tmp_path, "growing", GOOD * (MAX_SEED_BYTES // len(GOOD) + 2))
    real_fstat = os.fstat
    monkeypatch.setattr(
        sources.os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 0, 0, 0, 0))
    )
    with pytest.raises(InputError, match="more than 2,000,000 bytes, over the"):
        read_seed_bytes(path)


def test_a_link_out_of_the_seeds_folder_is_refused(tmp_path):
    seeds = tmp_path / "seeds"
    write_seed(seeds, "ok", GOOD)
    outside = tmp_path / "elsewhere.txt"
    outside.write_bytes(GOOD)
    link = seeds / "ok.txt"
    link.unlink()
    link.symlink_to(outside)
    with pytest.raises(InputError) as err:
        load_seeds(seeds)
    assert str(err.value) == (
        f"{link}: the seed is a symbolic link leading out of the seeds folder, to {outside}"
    )


def test_a_link_inside_the_seeds_folder_is_a_seed(tmp_path):
    write_seed(tmp_path, "ok", GOOD)
    write_seed(tmp_path, "alias", b"")
    (tmp_path / "alias.txt").unlink()
    (tmp_path / "alias.txt").symlink_to("ok.txt")
    assert [s.source_id for s in load_seeds(tmp_path)] == ["alias", "ok"]


@pytest.mark.parametrize(
    "name, shown",
    [("my article", "' ' (U+0020)"), ("a\u00a0b", "'\\xa0' (U+00A0)"), ("a+b", "'+' (U+002B)")],
)
def test_a_seed_name_that_cannot_be_a_source_id_is_refused_when_listed(tmp_path, name, shown):
    path = write_seed(tmp_path, name, GOOD)
    with pytest.raises(InputError) as err:
        load_seeds(tmp_path)
    # The path is shown with invisible characters escaped (InputError does that).
    assert err.value.where == InputError(path, "").where
    assert err.value.problem == (
        f"the file name {name!r} cannot be a source_id: {shown} is not allowed; "
        "use letters, digits, '_', '.' and '-'"
    )


@pytest.mark.parametrize("file_form, key_form", [("NFD", "NFC"), ("NFC", "NFD")])
def test_a_name_and_its_metadata_key_match_whatever_their_unicode_form(
    tmp_path, file_form, key_form
):
    name = "café_001"
    write_seed(tmp_path, unicodedata.normalize(key_form, name), GOOD)
    (tmp_path / f"{unicodedata.normalize(key_form, name)}.txt").rename(
        tmp_path / f"{unicodedata.normalize(file_form, name)}.txt"
    )
    [seed] = load_seeds(tmp_path)
    assert seed.source_id == unicodedata.normalize("NFC", name)


def test_two_seed_names_that_differ_only_in_unicode_form_are_refused(tmp_path):
    write_seed(tmp_path, unicodedata.normalize("NFC", "café"), GOOD)
    (tmp_path / f"{unicodedata.normalize('NFD', 'café')}.txt").write_bytes(GOOD)
    with pytest.raises(InputError, match="has the same name in another Unicode form"):
        load_seeds(tmp_path)


def test_two_metadata_keys_that_differ_only_in_unicode_form_are_refused(tmp_path):
    (tmp_path / "x.txt").write_bytes(GOOD)
    entry = "{title: t, title_en: t, site: s, published_at: '2026-03-01', published_precision: day, date_kind: published, language: zh-Hans}"
    text = f"sources:\n  {unicodedata.normalize('NFC', 'café')}: {entry}\n  {unicodedata.normalize('NFD', 'café')}: {entry}\n"
    (tmp_path / paths.SOURCES_FILE_NAME).write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="two entries \\(their ids differ only in Unicode form\\)"):
        load_seeds(tmp_path)
