"""Extraction at scale: load, cut and extract synthetic corpora of ~10 KB articles.

Each run happens in a fresh subprocess so its peak memory is its own.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tests.support.synthetic import make_corpus

SIZES = (100, 1000, 5000)
QUICK_SIZES = (20, 100, 300)
# The scale goal: this many articles extracted (after import) within this many seconds.
TARGET_ARTICLES = 1000
TARGET_SECONDS = 5
# Runs per corpus up to the target's size; the best one is reported.
REPEATS = 3
# One short article per language, extracted before the clock starts.
WARM_UP_TEXTS = (
    "标题\n\n2026年3月4日,美国允许每家企业采购约7.5万片H200芯片,费率为25%。\n",
    "標題\n\n3月4日,每家企業採購上限約7.5萬顆,逾新台幣300億元,幾周後生效。\n",
    "Headline\n\nWASHINGTON, Jan. 29 (Reuters) - No more than 75,000 chips each, "
    "about US$5.5 billion, last week; none have shipped yet.\n",
)


def extract_corpus(folder: Path, by_stage: bool = False) -> dict:
    """Load, cut and extract every seed of a folder; time it after imports are done.

    With ``by_stage``, every stage of the extraction is timed apart (``STAGES``): that run
    is slower by the cost of timing each call, so its figures say where the time goes, and
    the runs without it how long it takes.
    """
    from h200report.extract import lexicon, mentions
    from h200report.extract.body import cut

    # The language files are read and validated once per process (the numeral syntax at
    # import): timed apart, read again with the caches cleared.
    lexicon.lexicon.cache_clear()
    lexicon.script.cache_clear()
    began = time.perf_counter()
    lexicon.han()
    lexicon.latin()
    lexicon_seconds = time.perf_counter() - began
    # Patterns are compiled at first use: a one-time cost, timed apart, so that
    # "seconds" is what the articles cost.
    began = time.perf_counter()
    for text in WARM_UP_TEXTS:
        mentions.extract_mentions(cut("warm-up", "warm-up", text), dt.date(2026, 3, 4))
    warm_up_seconds = time.perf_counter() - began
    stages = _Stages()
    undo = stages.install() if by_stage else []
    try:
        return _timed_run(folder, stages, by_stage) | {
            "warm_up_seconds": warm_up_seconds,
            "lexicon_seconds": lexicon_seconds,
        }
    finally:
        for module, name, function in undo:
            setattr(module, name, function)


# Where the extraction spends its time: (stage, [(module, function name), ...]). Each
# function is wrapped where its callers look it up; a stage's time excludes the stages it
# calls (a unit read while a figure is read counts as units), and what no stage covers of
# ``extract_mentions`` is building the mention records.
STAGES = (
    ("absolute dates", [("dates", "find_absolute")]),
    (
        "relative dates",
        [
            ("mentions", "find_dates"),
            ("dates", "relative_matches"),
            ("anchors", "Resolver.resolve"),
        ],
    ),
    # The scan for figures, the test against the dates, overlaps and fences.
    ("figures found and merged", [("mentions", "find_numbers")]),
    ("numerals", [("numbers", "_candidate")]),
    (
        "units and currencies",
        [
            ("numbers", "chinese_unit"),
            ("numbers", "currency_first"),
            ("numbers", "english_core"),
            ("numbers", "yuan_from_context"),
            ("words", "english_core"),
            ("words", "english_unit"),
            ("words", "english_noun"),
            ("zeros", "chinese_unit"),
            ("zeros", "longest_prefix"),
            ("zeros", "noun_unit"),
        ],
    ),
    ("not quantities", [("numbers", "not_a_quantity")]),
    ("numbers and zeros in words", [("numbers", "word_cores"), ("numbers", "chinese_zero_cores")]),
    ("ranges", [("numbers", "join_ranges")]),
    ("bounds", [("numbers", "finish")]),
    ("building the mentions", [("mentions", "extract_mentions")]),
)


class _Stages:
    """Seconds per stage, each call's time counted to the innermost stage running."""

    def __init__(self):
        self.seconds: dict[str, float] = dict.fromkeys(
            ["read", "cut"] + [s for s, _ in STAGES], 0.0
        )
        self.running: list[str] = []
        self.mark = 0.0

    def install(self) -> list[tuple]:
        """Wrap every stage's functions; returns what to set back."""
        import importlib

        undo = []
        for stage, functions in STAGES:
            for module_name, name in functions:
                module = importlib.import_module(f"h200report.extract.{module_name}")
                owner, attribute = module, name
                if "." in name:  # a method: wrapped on its class
                    class_name, attribute = name.split(".")
                    owner = getattr(module, class_name)
                original = getattr(owner, attribute)
                undo.append((owner, attribute, original))
                setattr(owner, attribute, self._wrap(original, stage))
        return undo

    def _wrap(self, function, stage: str):
        def timed(*args, **kwargs):
            now = time.perf_counter()
            if self.running:
                self.seconds[self.running[-1]] += now - self.mark
            self.running.append(stage)
            self.mark = now
            try:
                return function(*args, **kwargs)
            finally:
                now = time.perf_counter()
                self.seconds[self.running.pop()] += now - self.mark
                self.mark = now

        return timed


def _timed_run(folder: Path, stages: _Stages, by_stage: bool) -> dict:
    """The corpus read as ``h200 data`` reads it (``read_corpus``: in worker processes on
    a machine of several cores), or, with ``by_stage``, in this process one seed after the
    other, each seed and stage timed."""
    from h200report.extract import mentions
    from h200report.extract.body import cut_body
    from h200report.extract.corpus import read_corpus, workers_for
    from h200report.extract.sources import load_seeds

    start, cpu_start = time.perf_counter(), time.process_time()
    seeds = load_seeds(folder)
    stages.seconds["read"] = time.perf_counter() - start
    # language -> [articles, mentions, seconds of cutting and extraction]
    by_language: dict[str, list] = {}
    if by_stage:
        workers = 1
        for seed in seeds:
            began = time.perf_counter()
            body = cut_body(seed)
            stages.seconds["cut"] += time.perf_counter() - began
            found = len(mentions.extract_mentions(body, seed.meta.published_date))
            row = by_language.setdefault(seed.meta.language, [0, 0, 0.0])
            row[0] += 1
            row[1] += found
            row[2] += time.perf_counter() - began
    else:
        workers = workers_for(len(seeds))
        _, found_by_source = read_corpus(seeds, workers)
        for seed in seeds:
            row = by_language.setdefault(seed.meta.language, [0, 0, 0.0])
            row[0] += 1
            row[1] += len(found_by_source[seed.source_id])
    seconds = time.perf_counter() - start
    # The workers' CPU time counts too (they are reaped when the pool shuts down): the
    # CPU seconds are the work done, whichever process did it.
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "articles": len(seeds),
        "bytes": sum(s.size for s in seeds),
        "mentions": sum(found for _, found, _ in by_language.values()),
        "seconds": seconds,
        "cpu_seconds": time.process_time() - cpu_start + children.ru_utime + children.ru_stime,
        "workers": workers,
        # The largest process: this one, or a worker (each holds its share of the results).
        "peak_rss_mb": max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, children.ru_maxrss)
        / 1024,
        "by_language": by_language,
        "stages": stages.seconds,
    }


def reference_loop_seconds() -> float:
    """A fixed pure-Python loop: the host's speed at the time of the run (it varies)."""
    start = time.perf_counter()
    sum(i * i for i in range(10_000_000))
    return time.perf_counter() - start


def _extract_in_subprocess(folder: Path, by_stage: bool = False) -> dict:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import json,sys; from benchmarks.extraction import extract_corpus; "
            f"print(json.dumps(extract_corpus({str(folder)!r}, by_stage={by_stage!r})))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _seconds_against(seconds: float, target: float) -> str:
    """Two decimals, or three where two would read as the target itself."""
    shown = f"{seconds:.2f}"
    return f"{seconds:.3f}" if float(shown) == target and seconds != target else shown


def scale_section(sizes: tuple[int, ...], work: Path) -> list[str]:
    lines = [
        "## Extraction at scale (synthetic corpora of ~10 KB articles)",
        "",
        f"Best of {REPEATS} runs up to {TARGET_ARTICLES:,} articles, one run above, each read as",
        "`h200 data` reads a corpus: by one worker process per core once it holds 48 seeds or",
        "more. Seconds are wall-clock time from the first file read to the last mention; CPU",
        "seconds add up every process's work (one core would need about that long).",
        "",
        "| articles | MB | processes | seconds | CPU seconds | articles/s | MB/s | ms/article "
        "| peak RSS MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    print("\n".join(lines), flush=True)
    per_article, cpu_per_article = [], []
    languages: dict = {}
    for n in sizes:
        folder = make_corpus(n, work / f"corpus_{n}", seed=n)
        # The host's speed drifts by a third within minutes here: the best of a few
        # runs is the cost of the work itself (as timeit takes the minimum).
        r = min(
            (_extract_in_subprocess(folder) for _ in range(REPEATS if n <= TARGET_ARTICLES else 1)),
            key=lambda run: run["seconds"],
        )
        if n == TARGET_ARTICLES or TARGET_ARTICLES not in sizes:  # else the largest
            at, target_seconds = n, r["seconds"]
            warm_up, lexicon_seconds = r["warm_up_seconds"], r["lexicon_seconds"]
            staged = _extract_in_subprocess(folder, by_stage=True)
            languages = staged["by_language"]
        mb = r["bytes"] / 1e6
        per_article.append(1000 * r["seconds"] / n)
        cpu_per_article.append(1000 * r["cpu_seconds"] / n)
        lines.append(
            f"| {n:,} | {mb:.1f} | {r['workers']} | {r['seconds']:.2f} | {r['cpu_seconds']:.2f} "
            f"| {n / r['seconds']:.0f} | {mb / r['seconds']:.2f} "
            f"| {per_article[-1]:.2f} | {r['peak_rss_mb']:.0f} |"
        )
        print(lines[-1], flush=True)
        shutil.rmtree(folder)
    spread = max(per_article) / min(per_article)
    cpu_spread = max(cpu_per_article) / min(cpu_per_article)
    verdict = "ok" if target_seconds <= TARGET_SECONDS else "over"
    printed = len(lines)
    lines += [
        "",
        f"Cost per article varies by a factor of {spread:.2f} from the smallest to the largest corpus "
        f"({cpu_spread:.2f} in CPU time; 1.0 = perfectly linear in size).",
        "",
    ]
    if at == TARGET_ARTICLES:
        lines += [
            f"{at:,} articles in {_seconds_against(target_seconds, TARGET_SECONDS)} s "
            f"(target at most {TARGET_SECONDS} s): {verdict}.",
            "",
        ]
    lines += [
        f"By language ({at:,} articles read in one process, each stage timed as below; the English",
        "and traditional-Chinese templates are the test fixtures, denser in figures than the",
        "shipped seeds):",
        "",
        "| language | articles | mentions per article | ms per article |",
        "|---|---:|---:|---:|",
    ]
    for language, (count, found, secs) in sorted(languages.items()):
        lines.append(
            f"| {language} | {count:,} | {found / count:.0f} | {1000 * secs / count:.1f} |"
        )
    stages = staged["stages"]
    timed = sum(stages.values())
    lines += [
        "",
        f"Where the time goes ({at:,} articles, one more run with every stage timed apart, "
        f"{staged['seconds']:.2f} s in all: timing each call adds to it; a stage's time leaves out "
        "the stages it calls):",
        "",
        "| stage | seconds | share |",
        "|---|---:|---:|",
    ]
    for stage, secs in stages.items():
        lines.append(f"| {stage} | {secs:.2f} | {100 * secs / timed:.0f}% |")
    lines += [
        "",
        f"Before the clock starts, the language files are read and validated "
        f"({lexicon_seconds:.2f} s) and a short article per language is extracted once "
        f"(the patterns compiled): {warm_up:.2f} s.",
        "",
        f"The host's speed varies between runs: a fixed pure-Python loop took "
        f"{reference_loop_seconds():.2f} s during this one (compare runs by it).",
        "",
    ]
    print("\n".join(lines[printed:]), flush=True)
    return lines
