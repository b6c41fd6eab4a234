"""The bad-input catalogue (README, "Bad input"): each case through the command line.

Every case must stop with one line on stderr naming the file or parameter and the
problem, exit non-zero, print no traceback, and leave earlier output intact.
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from h200report import cli, paths
from tests.support import CORPUS_DATA, CORPUS_SEEDS
from tests.support.disks import small_disk

SEED = "000_2f7d0e62f1c70453"
# The tests' corpus, not the live folders (which grow as analysts add articles).
CORPUS_ARGS = ("--seeds", str(CORPUS_SEEDS), "--data", str(CORPUS_DATA))


def _cli(*args: str, run=subprocess.run) -> subprocess.CompletedProcess:
    """The real command line, in its own process (``run``: e.g. a small disk's)."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return run(
        [sys.executable, "-m", "h200report.cli", *args], capture_output=True, text=True, env=env
    )


def _main(capsys, *args: str) -> subprocess.CompletedProcess:
    """The same command line in this process (a process start costs more than the work):
    a traceback here would escape ``main`` and fail the test just the same."""
    capsys.readouterr()
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(["h200", *args], code, out, err)


def _edit_yaml(path: Path, edit) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _fact(doc, fact_id):
    return next(f for f in doc["facts"] if f["fact_id"] == fact_id)


def _seed_bytes(data: bytes):
    # The metadata keeps the old sha256: what is wrong with the content is reported first.
    def edit(seeds: Path, data_dir: Path) -> Path:
        target = seeds / f"{SEED}.txt"
        target.chmod(0o644)
        target.write_bytes(data)
        return target

    return edit


def _curated(file_name: str, change):
    def edit(seeds: Path, data_dir: Path) -> Path:
        target = data_dir / "curated" / file_name
        _edit_yaml(target, change)
        return target

    return edit


def _text(file_name: str, text: str):
    def edit(seeds: Path, data_dir: Path) -> Path:
        target = data_dir / "curated" / file_name
        target.write_text(text, encoding="utf-8")
        return target

    return edit


def _yaml_text(folder: str, file_name: str, old: str, new: str):
    """Edit a YAML file as text (a dump could not write what is being tested)."""

    def edit(seeds: Path, data_dir: Path) -> Path:
        target = (seeds if folder == "seeds" else data_dir / "curated") / file_name
        text = target.read_text(encoding="utf-8")
        assert old in text, old
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
        return target

    return edit


def _new_seed(source_id: str, data: bytes):
    def edit(seeds: Path, data_dir: Path) -> Path:
        target = seeds / f"{source_id}.txt"
        target.write_bytes(data)
        meta = {
            "title": "菜单",
            "title_en": "Menu",
            "site": "test",
            "published_at": "2026-03-10",
            "published_precision": "day",
            "date_kind": "published",
            "language": "zh-Hans",
        }
        _edit_yaml(
            seeds / paths.SOURCES_FILE_NAME, lambda d: d["sources"].update({source_id: meta})
        )
        return target

    return edit


def _sparse_seed(size: int):
    def edit(seeds: Path, data_dir: Path) -> Path:
        target = seeds / f"{SEED}.txt"
        target.chmod(0o644)
        with target.open("r+b") as f:
            f.truncate(size)  # sparse: no disk, and it must not be read into memory either
        return target

    return edit


def _link_out(seeds: Path, data_dir: Path) -> Path:
    outside = seeds.parent / "elsewhere" / f"{SEED}.txt"
    outside.parent.mkdir()
    link = seeds / f"{SEED}.txt"
    link.rename(outside)
    link.symlink_to(outside)
    return link


def _no_metadata(seeds: Path, data_dir: Path) -> Path:
    target = seeds / "new_article.txt"
    target.write_bytes((seeds / f"{SEED}.txt").read_bytes())
    return target


def _missing_seeds(seeds: Path, data_dir: Path) -> Path:
    shutil.rmtree(seeds)
    return seeds


_GBK = "标题\n\n美国商务部表示,每家公司采购上限定在7.5万片以内。\n".encode("gbk")
_FURNITURE_ONLY = "首页\n新闻\n体育\n财经\n© 2026\n".encode()

# case id -> (how to break the input, what the one line must say)
CATALOGUE = {
    "seed-empty": (_seed_bytes(b""), "the seed file is empty"),
    "seed-binary": (_seed_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10), "binary"),
    "seed-gbk": (_seed_bytes(_GBK), "is not UTF-8"),
    "seed-huge": (_seed_bytes(b"x" * 30_000_000), "over the 2,000,000-byte limit"),
    "seed-4-gib": (
        _sparse_seed(4 * 2**30),
        "the seed file is 4,294,967,296 bytes, over the 2,000,000-byte limit for one article",
    ),
    "seed-link-out-of-the-folder": (
        _link_out,
        "the seed is a symbolic link leading out of the seeds folder, to /",
    ),
    "seed-name-with-a-space": (
        _new_seed(
            "my article", "标题\n\n美国商务部表示,每家公司采购上限定在7.5万片以内。\n".encode()
        ),
        "the file name 'my article' cannot be a source_id: ' ' (U+0020) is not allowed; "
        "use letters, digits, '_', '.' and '-'",
    ),
    "seed-no-body": (_new_seed("menu", _FURNITURE_ONLY), "no article body found"),
    "seed-without-metadata": (_no_metadata, "no metadata for this seed"),
    "seed-edited": (
        _seed_bytes((CORPUS_SEEDS / f"{SEED}.txt").read_bytes() + "编者按。\n".encode()),
        "the seed was changed",
    ),
    "seeds-folder-missing": (_missing_seeds, "seeds folder does not exist"),
    # YAML keeps the last of two equal keys: the first status, or the first entry with
    # its sha256, would vanish without a word.
    "facts-duplicate-key": (
        _yaml_text(
            "curated",
            "facts.yaml",
            "    status: planned\n",
            "    status: planned\n    status: confirmed\n",
        ),
        "duplicate key 'status' at line 24, column 5 (first at line 23): YAML would keep only the last",
    ),
    "sources-duplicate-entry": (
        _yaml_text(
            "seeds",
            paths.SOURCES_FILE_NAME,
            "  002_287867cbdb6dda5d:\n",
            f"  {SEED}:\n    title: again\n  002_287867cbdb6dda5d:\n",
        ),
        f"duplicate key '{SEED}' at line 26, column 3 (first at line 6)",
    ),
    "facts-alias": (
        _yaml_text("curated", "facts.yaml", "    unit: chips\n", "    unit: &u chips\n"),
        "aliases (&/*) are not allowed in facts.yaml (an anchor &u at line 21, column 11)",
    ),
    "sources-alias": (
        _yaml_text(
            "seeds", paths.SOURCES_FILE_NAME, "    language: zh-Hans\n", "    language: *lang\n"
        ),
        "aliases (&/*) are not allowed in sources.yaml (an alias *lang at line 19, column 15)",
    ),
    "facts-malformed-yaml": (
        _text("facts.yaml", "facts:\n  - fact_id: [unclosed\n"),
        "malformed YAML at line",
    ),
    "facts-unknown-field": (
        _curated("facts.yaml", lambda d: _fact(d, "fee_rate.002").update(colour="red")),
        "fact_id fee_rate.002, field colour: unknown field",
    ),
    "facts-duplicate-id": (
        # A copy: the same object twice would be dumped as an alias, refused on its own.
        _curated(
            "facts.yaml", lambda d: d["facts"].append(copy.deepcopy(_fact(d, "fee_rate.002")))
        ),
        "duplicate fact_id fee_rate.002",
    ),
    "events-start-after-end": (
        _curated(
            "events.yaml",
            lambda d: d["events"][0].update(date_start="2025-12-09", date_end="2025-12-01"),
        ),
        "date_start 2025-12-09 is after date_end 2025-12-01",
    ),
    "facts-quote-not-in-source": (
        _curated(
            "facts.yaml",
            lambda d: _fact(d, "fee_rate.002")["quotes"][0].update(quote="每笔交易需抽取30%的费用"),
        ),
        "fact fee_rate.002: quote '每笔交易需抽取30%的费用' is not found in the body",
    ),
    "facts-quote-from-furniture": (
        _curated(
            "facts.yaml",
            lambda d: _fact(d, "fee_rate.002")["quotes"][0].update(
                quote="本站资料均由网友自行发布提供"
            ),
        ),
        "is in the page furniture",
    ),
    "facts-value-disagrees": (
        _curated("facts.yaml", lambda d: _fact(d, "fee_rate.002").update(value=30)),
        "fact fee_rate.002: value (value=30 percent, exact) disagrees with its quote, where the code parses '25%'",
    ),
    "facts-unit-disagrees": (
        _curated("facts.yaml", lambda d: _fact(d, "zero_statement_hearing.000").update(unit="USD")),
        "fact zero_statement_hearing.000: value (value=0 USD, exact) disagrees with its quote, where the code parses '零' (value=0 count, exact)",
    ),
    "facts-bound-disagrees": (
        _curated("facts.yaml", lambda d: _fact(d, "cap_overall.000").update(bound="less_than")),
        "fact cap_overall.000: value",
    ),
    "facts-derivation-wrong": (
        _curated("facts.yaml", lambda d: _fact(d, "intended_per_company.000").update(low=100000)),
        "disagrees with its derivation",
    ),
    "events-date-disagrees": (
        _curated(
            "events.yaml",
            lambda d: d["events"][0].update(date_start="2025-12-09", date_end="2025-12-09"),
        ),
        "event unban_announcement: date 2025-12-09..2025-12-09 disagrees with quote",
    ),
    "unused-stale-entry": (
        _curated(
            "unused.yaml",
            lambda d: d["unused"].append(
                {"source_id": SEED, "text": "42家", "reason": "not there"}
            ),
        ),
        "matches no unused mention",
    ),
}


@pytest.fixture(scope="module")
def good_output(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("good") / "processed"
    assert cli.main(["data", *CORPUS_ARGS, "--out", str(out)]) == 0
    return out


@pytest.mark.parametrize("case", sorted(CATALOGUE))
def test_bad_input_to_make_data(case, project_copy, good_output, tmp_path, capsys):
    seeds, data = project_copy
    out = tmp_path / "processed"
    shutil.copytree(good_output, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    edit, expected = CATALOGUE[case]
    where = edit(seeds, data)
    result = _main(capsys, "data", "--seeds", str(seeds), "--data", str(data), "--out", str(out))
    assert result.returncode == 2, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert lines[0].startswith(f"error: {where}") and expected in lines[0], lines[0]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before, (
        "earlier output must stay intact"
    )


@pytest.mark.slow  # the command in a process of its own
def test_the_command_line_process_gives_one_line_and_exit_2(project_copy, tmp_path):
    seeds, data = project_copy
    where = _no_metadata(seeds, data)
    result = _cli("data", "--seeds", str(seeds), "--data", str(data), "--out", str(tmp_path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr == f"error: {where}: no metadata for this seed in sources.yaml\n"


@pytest.mark.parametrize(
    "newline, bom", [("\r\n", b""), ("\n", b"\xef\xbb\xbf"), ("\r\n", b"\xef\xbb\xbf")]
)
def test_bom_and_crlf_are_not_errors(project_copy, good_output, tmp_path, capsys, newline, bom):
    seeds, data = project_copy
    target = seeds / f"{SEED}.txt"
    text = target.read_text(encoding="utf-8")
    target.chmod(0o644)
    target.write_bytes(bom + text.replace("\n", newline).encode("utf-8"))
    _edit_yaml(seeds / paths.SOURCES_FILE_NAME, lambda d: d["sources"][SEED].pop("sha256"))
    out = tmp_path / "processed"
    result = _main(capsys, "data", "--seeds", str(seeds), "--data", str(data), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "facts.csv").read_bytes() == (good_output / "facts.csv").read_bytes()


def _tables(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.slow  # the command in a process of its own, on a small disk
@pytest.mark.parametrize("leave_kib", [0, 40], ids=["no-byte-left", "room-for-some-tables"])
def test_a_full_disk_gives_one_line_and_leaves_the_earlier_tables(good_output, tmp_path, leave_kib):
    with small_disk(tmp_path / "disk", size_kib=512) as disk:
        out = disk.host_path("processed")
        shutil.copytree(good_output, out)
        (out / "facts.csv").write_bytes(b"earlier\n")  # so that a new one would differ
        before = _tables(out)
        disk.fill(leave_kib=leave_kib)
        free = disk.free_bytes()
        result = _cli("data", *CORPUS_ARGS, "--out", str(disk.path / "processed"), run=disk.run)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr == f"error: {disk.path / 'processed'}: No space left on device\n"
        assert _tables(out) == before, "earlier output must stay intact"
        assert disk.free_bytes() == free, "the temporary folder must not hold the space"


@pytest.mark.slow  # the command in a process of its own, on a small disk
def test_a_read_only_disk_gives_one_line_and_leaves_the_earlier_tables(good_output, tmp_path):
    with small_disk(tmp_path / "disk", size_kib=512) as disk:
        out = disk.host_path("processed")
        shutil.copytree(good_output, out)
        before = _tables(out)
        disk.make_readonly()
        for target in ("processed", "new/processed"):
            result = _cli("data", *CORPUS_ARGS, "--out", str(disk.path / target), run=disk.run)
            assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
            assert result.stderr == f"error: {disk.path / target}: Read-only file system\n"
        assert _tables(out) == before


def test_an_output_folder_that_is_a_file_gives_one_line(tmp_path, capsys):
    plain = tmp_path / "processed"
    plain.write_text("not a folder\n", encoding="utf-8")
    result = _main(capsys, "data", *CORPUS_ARGS, "--out", str(plain))
    assert result.returncode == 2
    assert result.stderr == f"error: {plain}: the output folder is an existing file, not a folder\n"
    # Any other refusal of the operating system is one line too: the path and its reason.
    result = _main(capsys, "data", *CORPUS_ARGS, "--out", str(plain / "processed"))
    assert result.returncode == 2
    assert result.stderr == f"error: {plain / 'processed'}: Not a directory\n"
    assert plain.read_text(encoding="utf-8") == "not a folder\n"
