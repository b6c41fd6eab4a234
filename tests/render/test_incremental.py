"""Scheduled renders that know what changed: reuse of identical reports, changes.json,
``h200 diff`` and the run listing (issue: incremental rendering).

Each render here runs one notebook in one parameter set on copied inputs (a kernel
costs seconds); the full ten-run case is in test_full_render.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
import yaml

from h200report import cli
from h200report.render import plan, publish
from h200report.render.pipeline import render
from tests.support import CORPUS_CURATED, CORPUS_SEEDS, FIXTURES
from tests.support.seeds import add_seeds

pytestmark = pytest.mark.slow
NOTEBOOK, SET = "04_sources", "en"


def _render(root, seeds, data, **kw):
    with open(os.devnull, "w") as quiet:
        result = render(
            notebooks=[NOTEBOOK],
            param_sets=[SET],
            output_root=root,
            seeds_dir=seeds,
            data_dir=data,
            progress_stream=quiet,
            **kw,
        )
    assert result.ok, result.failures
    return result


def _changes(result) -> dict:
    return json.loads((result.run_dir / publish.CHANGES_FILE).read_text(encoding="utf-8"))


def _reused(result) -> list[str | None]:
    return [r.reused_from for r in result.results]


def _root_after_first(base, tmp_path):
    """A copy of the output root holding only the first render: what a change compares with."""
    root = tmp_path / "reports"
    shutil.copytree(base[0], root, symlinks=True)
    return root


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A first render on copied inputs, and the copies to change."""
    tmp = tmp_path_factory.mktemp("incremental")

    seeds, data = tmp / "seeds", tmp / "data"
    shutil.copytree(CORPUS_SEEDS, seeds)
    shutil.copytree(CORPUS_CURATED, data / "curated")
    root = tmp / "reports"
    first = _render(root, seeds, data)
    return root, seeds, data, first


def test_nothing_changed_makes_no_run_and_says_when_it_checked(base, tmp_path):
    _, seeds, data, first = base
    root = _root_after_first(base, tmp_path)
    before = sorted(p.name for p in root.iterdir())
    again = _render(root, seeds, data)
    assert again.unchanged and again.run_dir == root / first.run_dir.name and not again.results
    assert sorted(p.name for p in root.iterdir()) == before, "no new run folder"
    checked = again.meta["checked_utc"]
    assert (
        checked and json.loads((again.run_dir / "run.json").read_text())["checked_utc"] == checked
    )
    index = (again.run_dir / "index.html").read_text(encoding="utf-8")
    assert f"Checked again at {checked} UTC: nothing changed" in index
    listing = (root / "index.html").read_text(encoding="utf-8")
    assert f"checked at {checked}, nothing changed" in listing
    # From the command line: one line, exit 0.
    out = _cli_lines(
        [
            "render",
            "-n",
            NOTEBOOK,
            "-s",
            SET,
            "-o",
            str(root),
            "--seeds-dir",
            str(seeds),
            "--data-dir",
            str(data),
        ]
    )
    assert out[-1].startswith(f"h200 render: nothing changed since {first.run_dir.name}")
    # The check rewrote the run's pages and run.json: its manifest still holds.
    assert _cli_lines(["verify", str(again.run_dir)])[0].startswith("ok: ")
    # And the feeds got no entry: nothing changed, no run made.
    feed = ET.fromstring((root / "feed.xml").read_bytes())
    assert feed.findall("{http://www.w3.org/2005/Atom}entry") == []


def test_the_same_inputs_are_reused_and_say_so(base, tmp_path):
    """A render that must make a run (here: it is to move ``latest``, which points at
    no run) reuses every report whose key an earlier run has."""
    _, seeds, data, first = base
    root = _root_after_first(base, tmp_path)
    second = _render(root, seeds, data, update_latest=True)
    assert not second.unchanged and _reused(second) == [first.run_dir.name]
    assert second.results[0].job.key == first.results[0].job.key
    changes = _changes(second)
    assert changes["compared"] and changes["previous"] == first.run_dir.name
    assert all(
        not changes[k][w]
        for k in ("sources", "facts", "events", "verdicts")
        for w in ("added", "removed", "changed")
    )
    # Hard links where the file system allows: the same file, not a copy.
    html = f"{SET}/{NOTEBOOK}.html"
    assert os.path.samefile(root / first.run_dir.name / html, second.run_dir / html)
    index = (second.run_dir / "index.html").read_text(encoding="utf-8")
    assert "No change in the fact base since the last render." in index
    assert f"reused from {first.run_dir.name}" in index
    meta = json.loads((second.run_dir / "run.json").read_text(encoding="utf-8"))
    assert meta["reports"][0]["reused_from"] == first.run_dir.name and meta["reports"][0]["key"]
    assert meta["reports"][0]["reason"] == f"same inputs as {first.run_dir.name}"
    assert "reused" in (second.run_dir / "render.log").read_text(encoding="utf-8")
    # Both runs, sharing the report's file, match their manifests.
    for run in (root / first.run_dir.name, second.run_dir):
        assert _cli_lines(["verify", str(run)])[0].startswith("ok: ")
    # Two runs named on the command line are compared as such, not as "the last render".
    out = _cli_lines(["diff", str(root / first.run_dir.name), str(second.run_dir)])
    assert out == ["No change in the fact base between the two runs."]


def test_force_executes_again(base, tmp_path):
    _, seeds, data, _ = base
    root = _root_after_first(base, tmp_path)
    forced = _render(root, seeds, data, force=True)
    assert _reused(forced) == [None]


def test_a_new_seed_is_executed_and_reported(base, tmp_path):
    _, seeds, data, _ = base
    root = _root_after_first(base, tmp_path)
    extra = tmp_path / "seeds"
    shutil.copytree(seeds, extra)
    add_seeds(extra, FIXTURES / "captures", ["en_wire"])
    result = _render(root, extra, data)
    assert _reused(result) == [None]
    added = _changes(result)["sources"]["added"]
    assert [s["id"] for s in added] == ["en_wire"]
    index = (result.run_dir / "index.html").read_text(encoding="utf-8")
    # Named by its outlet and day, not its id.
    assert "new source: fictional wire service, 5 Mar 2026, “Nvidia" in index


def test_a_changed_curated_record_is_executed_and_reported(base, tmp_path):
    _, seeds, _, _ = base
    root = _root_after_first(base, tmp_path)
    data = tmp_path / "data"
    shutil.copytree(base[2], data)
    facts = data / "curated" / "facts.yaml"
    doc = yaml.safe_load(facts.read_text(encoding="utf-8"))
    fact = next(f for f in doc["facts"] if f["fact_id"] == "cap_per_company.002")
    fact["status"] = "planned"  # as 000 reports it: the sources now agree on the status
    facts.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = _render(root, seeds, data)
    assert _reused(result) == [None]
    changes = _changes(result)
    (changed,) = changes["facts"]["changed"]
    assert changed["id"] == "cap_per_company.002"
    assert changed["fields"] == {"status": {"before": "announced", "after": "planned"}}
    verdict = next(
        c for c in changes["verdicts"]["changed"] if c["record"]["key"] == "cap_per_company"
    )
    assert verdict["fields"]["verdict"] == {"before": "conflict", "after": "agree"}
    said = result.meta["changes"]["sentences"]
    assert "Per-company cap (71396.com, 14 Mar 2026): status announced → planned" in said["en"]
    sides = "Bloomberg and the FT via unnamed Chinese portal, 4 Mar 2026 vs 71396.com, 14 Mar 2026"
    assert f"verdict on Per-company cap ({sides}): conflict → agree" in said["en"]
    assert "每家公司上限(71396.com,2026年3月14日):状态:已宣布 → 计划中" in said["zh"]
    # The same lines, for any two kept runs, from the command line.
    previous = changes["previous"]
    out = _cli_lines(["diff", str(root / previous), str(result.run_dir)])
    assert out == said["en"]
    # The feeds: one entry, this run's, with its lines; none for the first render.
    for lang, name in (("en", "feed.xml"), ("zh", "feed.zh.xml")):
        atom = "{http://www.w3.org/2005/Atom}"
        entries = ET.fromstring((root / name).read_bytes()).findall(f"{atom}entry")
        assert [e.findtext(f"{atom}id") for e in entries] == [
            f"tag:h200report,2026:run/{result.run_dir.name}/{lang}"
        ]
        assert entries[0].findtext(f"{atom}content") == "\n".join(said[lang])


def _cli_lines(argv) -> list[str]:
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert cli.main(argv) == 0
    return buffer.getvalue().splitlines()


def test_changed_package_code_is_executed_but_changes_nothing(base, monkeypatch, tmp_path):
    _, seeds, data, _ = base
    root = _root_after_first(base, tmp_path)
    monkeypatch.setattr(plan, "package_digest", lambda: "another version of the code")
    result = _render(root, seeds, data)
    assert _reused(result) == [None]
    assert result.results[0].job.reason == "changed: package"
    assert result.meta["changes"]["changed"] is False


def test_the_package_digest_sees_every_file(tmp_path):
    from h200report import paths

    copy = tmp_path / "pkg"
    shutil.copytree(paths.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = plan.package_digest(copy)
    (copy / "extract" / "lexicon" / "numbers.yaml").write_text("changed", encoding="utf-8")
    assert plan.package_digest.__wrapped__(copy) != before


def test_the_listing_links_every_kept_run_and_no_pruned_one(tmp_path):
    for i in range(1, 5):
        run = tmp_path / f"2026010{i}T000000Z"
        run.mkdir()
        (run / "run.json").write_text(
            json.dumps({"ok": True, "started_utc": f"2026-01-0{i} 00:00:00", "reports": []}),
            encoding="utf-8",
        )
    (tmp_path / "20260105T000000Z.failed").mkdir()
    os.symlink("20260104T000000Z", tmp_path / "latest")
    publish.prune(tmp_path, keep=2)
    page = publish.write_listing(tmp_path).read_text(encoding="utf-8")
    linked = re.findall(r'href="([^"/]+)/index.html"', page)
    kept = sorted(
        (
            p.name
            for p in tmp_path.iterdir()
            if publish.RUN_NAME.match(p.name) or p.name.endswith(".failed")
        ),
        reverse=True,
    )
    assert sorted(set(linked), reverse=True) == kept
    assert "20260101T000000Z" not in page and "failed" in page
    assert not list(tmp_path.glob(".index.html.*"))  # written through a rename


def test_a_cached_fact_base_is_used_only_when_signed_and_current(base, tmp_path):
    import pickle

    root, seeds, data, _ = base

    def name_of(seeds):
        return plan.factbase_key(plan.input_digests(seeds.resolve(), data.resolve()))

    name = name_of(seeds)
    assert plan.cached_factbase(root, name) is not None  # the first render kept what it built
    copy = tmp_path / "reports"
    shutil.copytree(root, copy, symlinks=True)
    path = copy / plan.CACHE_DIR / f"factbase-{name}.pickle"
    # Anyone can write into reports/, but without this user's key a pickle is not run.
    path.write_bytes(b"\0" * 32 + pickle.dumps("planted"))
    assert plan.cached_factbase(copy, name) is None
    tampered = (root / plan.CACHE_DIR / f"factbase-{name}.pickle").read_bytes()
    path.write_bytes(tampered[:-1] + bytes([tampered[-1] ^ 1]))
    assert plan.cached_factbase(copy, name) is None
    # Another input, another name: nothing cached for it.
    (seeds / "sources.yaml").touch()
    assert name_of(seeds) == name  # same bytes, same name
    extra = tmp_path / "seeds"
    shutil.copytree(seeds, extra)
    add_seeds(extra, FIXTURES / "captures", ["en_wire"])
    assert plan.cached_factbase(root, name_of(extra)) is None
