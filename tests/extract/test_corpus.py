"""A corpus read in worker processes gives what one process gives, errors included."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import threading
import time

import pytest

from h200report.errors import InputError, ParameterError
from h200report.extract import corpus
from h200report.extract.sources import load_seeds
from tests.support import CORPUS_SEEDS
from tests.support.seeds import write_seed
from tests.support.synthetic import make_corpus


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """The shipped seeds and synthetic articles of every template: more than one chunk."""
    folder = make_corpus(2 * corpus.CHUNK + 3, tmp_path_factory.mktemp("corpus"), seed=7)
    return load_seeds(CORPUS_SEEDS) + load_seeds(folder)


def test_workers_read_what_one_process_reads(mixed):
    one = corpus.read_corpus(mixed, workers=1)
    several = corpus.read_corpus(mixed, workers=2)
    assert several == one
    assert list(several[1]) == [s.source_id for s in mixed], "the seeds' order is kept"
    assert sum(map(len, one[1].values())) > len(mixed), "the articles hold mentions"


def test_a_broken_seed_read_by_a_worker_is_the_same_one_line(tmp_path, mixed):
    path = write_seed(tmp_path, "menu", "首页\n新闻\n体育\n财经\n© 2026\n".encode())
    seeds = [*mixed, *load_seeds(tmp_path)]
    with pytest.raises(InputError) as err:
        corpus.read_corpus(seeds, workers=2)
    assert str(err.value).startswith(f"{path}: no article body found")
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("error", [InputError("a.txt", "bad"), ParameterError("lang", "no")])
def test_input_errors_survive_pickling(error):
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error) and str(back) == str(error)
    assert (back.where, back.problem) == (error.where, error.problem)


def test_small_corpora_and_threaded_processes_are_read_here(monkeypatch):
    monkeypatch.setattr(corpus.os, "sched_getaffinity", lambda _: {0, 1, 2, 3})
    monkeypatch.setattr(corpus.threading, "active_count", lambda: 1)
    assert corpus.workers_for(corpus.MIN_PARALLEL - 1) == 1
    assert corpus.workers_for(corpus.MIN_PARALLEL) == min(
        4, -(-corpus.MIN_PARALLEL // corpus.CHUNK)
    )
    assert corpus.workers_for(10_000) == 4
    monkeypatch.setattr(corpus.threading, "active_count", lambda: 2)
    assert corpus.workers_for(10_000) == 1, "forking a threaded process is unsafe"
    monkeypatch.setattr(corpus.threading, "active_count", threading.active_count)
    monkeypatch.setattr(corpus.os, "sched_getaffinity", lambda _: {0})
    assert corpus.workers_for(10_000) == 1


def _children(pid: int) -> list[int]:
    path = f"/proc/{pid}/task/{pid}/children"
    try:
        with open(path) as f:
            return [int(p) for p in f.read().split()]
    except FileNotFoundError:
        return []


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs Linux's /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL])
def test_workers_die_with_their_parent(tmp_path, signum):
    """A scheduler's SIGTERM (or a SIGKILL) to ``h200 data`` leaves no worker behind."""
    folder = make_corpus(600, tmp_path / "seeds", size_bytes=4_000, seed=3)
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from h200report.extract.corpus import read_corpus; "
            "from h200report.extract.sources import load_seeds; "
            "read_corpus(load_seeds(sys.argv[1]), workers=2)",
            str(folder),
        ]
    )
    deadline = time.monotonic() + 60
    while len(workers := _children(reader.pid)) < 2:
        assert reader.poll() is None and time.monotonic() < deadline, "no workers started"
        time.sleep(0.05)
    reader.send_signal(signum)
    reader.wait(timeout=30)
    deadline = time.monotonic() + 10
    while alive := [p for p in workers if os.path.exists(f"/proc/{p}") and not _zombie(p)]:
        assert time.monotonic() < deadline, f"workers {alive} outlived their parent"
        time.sleep(0.05)


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return False
