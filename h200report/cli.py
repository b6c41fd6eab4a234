"""One command line for the work: `h200 add | suggest | review | data | check | render | verify | baseline | diff | mail | describe`."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from . import paths
from .errors import InputError
from .vocab import LANGUAGES


def _data(args) -> int:
    from .factbase.build import UncuratedWarning
    from .factbase.publish import run

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UncuratedWarning)
        fb, written = run(args.seeds, args.data, args.out)
    for message in fb.warnings:
        print(f"warning: {message}", file=sys.stderr)
    tables = fb.tables()
    counts = ", ".join(f"{name} {len(df)}" for name, df in tables.items())
    print(f"wrote {len(written)} files to {written[0].parent} ({counts} rows)")
    return 0


def _review(args) -> int:
    from .curate import command

    return command.run(args)


def _check(args) -> int:
    from .factbase.check import problems

    found = problems(args.seeds, args.data, paths.NOTEBOOKS_DIR if args.notebooks else None)
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} problem(s) in the fact base", file=sys.stderr)
        return 1
    print(
        "the fact base checks out: every mention curated, every text and label in both languages, tables and notebooks current"
    )
    return 0


def _add(args) -> int:
    import datetime as dt

    from .extract.add import Given, add
    from .extract.mentions import extract_mentions
    from .extract.sources import SourceMeta

    given = Given(**{name: getattr(args, name) for name in Given.__dataclass_fields__})
    added = add(
        args.path,
        args.seeds,
        given,
        today=dt.date.today(),
        replace=args.replace,
        follow_links=args.follow_links,
    )
    for message in added.warnings:
        print(f"warning: {args.path}: {message}", file=sys.stderr)
    sources_file = args.seeds / paths.SOURCES_FILE_NAME
    if added.replaced is not None:
        if not added.replaced:
            print(
                f"{sources_file}: {added.source_id}: nothing to change (the flags give what it says)"
            )
            return 0
        said = "; ".join(f"{k} {old!r} → {new!r}" for k, (old, new) in added.replaced.items())
        print(f"{sources_file}: {added.source_id}: replaced {said}; every other field kept")
        print(f"{added.seed} and the curated files are unchanged; next: make data")
        return 0
    meta = SourceMeta.model_validate(added.entry)
    found = extract_mentions(added.body, meta.published_date)
    print(
        f"added {added.seed} ({len(added.body.text)} body characters, {len(found)} mentions, "
        f"{len(added.body.furniture)} furniture lines cut)"
    )
    print(
        f"{sources_file}: {added.source_id}: published_at {meta.published_at} "
        f"({meta.published_precision}, {meta.date_kind}; from {added.date_from}), language {meta.language}, "
        f"site {meta.site!r}"
    )
    print(f"next: h200 review {added.source_id} (README, 'Adding an article')")
    return 0


def _suggest(args) -> int:
    from .factbase import suggest
    from .factbase.build import UncuratedWarning, build

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UncuratedWarning)
        fb = build(args.seeds, args.data)
    # Every source is checked before any file is written.
    found = {
        sid: suggest.suggest(fb, sid) for sid in args.sources or suggest.sources_to_suggest(fb)
    }
    if not found:
        print("nothing to suggest: every mention of every source is curated")
    for sid, suggestions in found.items():
        if not suggestions:
            print(f"{sid}: every mention is curated; nothing to suggest")
            continue
        path = suggest.write(args.data, sid, suggestions)
        linked = sum(s.target is not None for s in suggestions)
        print(
            f"wrote {path}: {len(suggestions)} mention(s), {linked} linked to a curated fact or event, "
            f"{len(suggestions) - linked} with nothing that fits (not reviewed: check each draft)"
        )
    return 0


README_COLUMNS = ("<!-- columns:start -->", "<!-- columns:end -->")


def columns_markdown() -> str:
    from .factbase.schemas import SCHEMAS, markdown_columns

    return "\n".join(f"#### `{name}.csv`\n\n{markdown_columns(name)}\n" for name in SCHEMAS)


def _describe(args) -> int:
    text = columns_markdown()
    if not args.update_readme:
        print(text)
        return 0
    readme = paths.ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    start, end = (content.index(marker) for marker in README_COLUMNS)
    start += len(README_COLUMNS[0])
    readme.write_text(content[:start] + "\n" + text + content[end:], encoding="utf-8")
    print(f"updated the column tables in {readme}")
    return 0


def _baseline(args) -> int:
    from .render.baseline import run

    return run(args)


def _render(args) -> int:
    from .render import command

    return command.run(args)


def _diff(args) -> int:
    from .factbase.snapshot import diff
    from .render.publish import read_snapshot
    from .report.changes import lines

    snapshots = []
    for run in (args.run_a, args.run_b):
        folder = run if run.is_dir() else args.reports / run
        snap = read_snapshot(folder) if folder.is_dir() else None
        if snap is None:
            raise InputError(run, "no such run, or it kept no fact base (factbase.json)")
        snapshots.append(snap)
    for line in lines(diff(*snapshots), snapshots[1], args.language, between_runs=True):
        print(line)
    return 0


def _verify(args) -> int:
    from .render.manifest import EXIT_UNCHECKABLE, verify

    try:
        code, lines = verify(args.run, args.reports)
    except (InputError, OSError) as exc:
        # Cannot be checked (no such run, no or a broken manifest, a file that cannot be
        # read): 1, apart from the 2 of a mismatch.
        if isinstance(exc, OSError):
            exc = InputError(exc.filename or args.run or "h200 verify", exc.strerror or exc)
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_UNCHECKABLE
    for line in lines:
        print(line)
    return code


def _mail(args) -> int:
    from .render import mail

    return mail.command(args)


def _add_input_folders(p: argparse.ArgumentParser, *, data: bool = True) -> None:
    # --seeds-dir/--data-dir as in `h200 render`; the short forms came first.
    p.add_argument(
        "--seeds",
        "--seeds-dir",
        dest="seeds",
        type=Path,
        default=paths.SEEDS_DIR,
        help="seeds folder (default: seeds/)",
    )
    if not data:
        return
    p.add_argument(
        "--data",
        "--data-dir",
        dest="data",
        type=Path,
        default=paths.DATA_DIR,
        help="data folder holding curated/ (default: data/)",
    )


def _add_parser(sub) -> None:
    from .vocab import DATE_KINDS, SOURCE_LANGUAGES

    a = sub.add_parser(
        "add",
        help="add a saved page (.html) or text capture (.txt) to seeds/ with its sources.yaml entry",
    )
    a.add_argument("path", type=Path, help="the saved page or capture")
    _add_input_folders(a, data=False)
    a.add_argument("--source-id", help="id of the new source (default: from the file name)")
    a.add_argument("--title", help="headline in the original language (default: the page's)")
    a.add_argument("--title-en", help="English headline (default: the title, for an English page)")
    a.add_argument("--site", help="outlet or site (default: the page's site name)")
    a.add_argument("--author-line", help="byline as printed (default: the page's author)")
    a.add_argument(
        "--published",
        help="publication date, YYYY-MM-DD[THH:MM[:SS][+08:00|Z]] or YYYY-MM (default: what the page says)",
    )
    a.add_argument("--date-kind", choices=DATE_KINDS, help="published or updated")
    a.add_argument("--language", choices=SOURCE_LANGUAGES, help="language of the article")
    a.add_argument("--url", help="address of the page (default: its canonical link)")
    a.add_argument("--note", help="what you know about the capture")
    a.add_argument("--site-zh", help="the site in Chinese, for the zh reports")
    a.add_argument("--note-zh", help="the note in Chinese (with --note)")
    a.add_argument(
        "--outlet",
        help="the outlet as readers know it, where the site does not say it (reports name the source by it)",
    )
    a.add_argument("--outlet-zh", help="the outlet in Chinese (with --outlet)")
    a.add_argument(
        "--cites",
        help="the outlet the article relays, where that is what matters (Bloomberg, via a portal)",
    )
    a.add_argument("--cites-zh", help="the cited outlet in Chinese (with --cites)")
    a.add_argument(
        "--replace",
        action="store_true",
        help="the file is already a seed (same sha256, same id): rewrite its entry with these flags, keeping every other field",
    )
    a.add_argument(
        "--follow-links",
        action="store_true",
        help="add the file a symbolic link points to even when it lies outside the link's folder",
    )
    a.set_defaults(func=_add)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="h200", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    d = sub.add_parser("data", help="rebuild data/processed/ from seeds/ and data/curated/")
    _add_input_folders(d)
    d.add_argument(
        "--out", type=Path, default=None, help="output folder (default: <data>/processed)"
    )
    d.set_defaults(func=_data)
    c = sub.add_parser(
        "check",
        help="list what the fact base still lacks (uncurated mentions, Chinese companions, stale tables or notebooks); exit 1 if anything",
    )
    _add_input_folders(c)
    c.add_argument(
        "--no-notebooks",
        dest="notebooks",
        action="store_false",
        help="do not check that the stored notebooks were executed on this fact base",
    )
    c.set_defaults(func=_check)
    _add_parser(sub)
    rv = sub.add_parser(
        "review",
        help="decide what h200 suggest drafted, one key per decision (a terminal program; --list/--accept/--reject for scripts)",
    )
    from .curate import command as review_command

    review_command.add_arguments(rv)
    _add_input_folders(rv)
    rv.set_defaults(func=_review)
    sg = sub.add_parser(
        "suggest",
        help="write data/curated/suggestions/<source_id>.yaml: likely targets and drafts for uncurated mentions",
    )
    sg.add_argument(
        "sources", nargs="*", help="source ids (default: every source with uncurated mentions)"
    )
    _add_input_folders(sg)
    sg.set_defaults(func=_suggest)
    r = sub.add_parser(
        "render", help="execute every notebook for every parameter set into reports/<UTC time>/"
    )
    from .render import command

    command.add_arguments(r)
    r.set_defaults(func=_render)
    v = sub.add_parser(
        "verify",
        help="check a run folder against its manifest.json (exit 0 it matches, 2 it does not, 1 cannot check)",
    )
    v.add_argument(
        "run",
        nargs="?",
        type=Path,
        default=None,
        help="a run folder, or its name under reports/ (default: reports/latest)",
    )
    v.add_argument(
        "--reports", type=Path, default=paths.REPORTS_DIR, help="where run names are looked up"
    )
    v.set_defaults(func=_verify)
    b = sub.add_parser(
        "baseline",
        help="write notebooks/en/ and notebooks/zh/ (and explore.ipynb) from the .py sources, execute and store them",
    )
    b.add_argument(
        "notebooks",
        nargs="*",
        type=Path,
        help="sources by name (00_overview), .py or .ipynb path (default: every source in notebooks/)",
    )
    b.set_defaults(func=_baseline)
    dif = sub.add_parser("diff", help="print what changed in the fact base from one run to another")
    dif.add_argument(
        "run_a", type=Path, help="the earlier run: a folder, or its name under reports/"
    )
    dif.add_argument("run_b", type=Path, help="the later run")
    dif.add_argument(
        "--reports", type=Path, default=paths.REPORTS_DIR, help="where run names are looked up"
    )
    dif.add_argument("--language", choices=LANGUAGES, default="en")
    dif.set_defaults(func=_diff)
    ml = sub.add_parser("mail", help="send a run's digest (digest.<lang>.eml) through SMTP")
    ml.add_argument("run", type=Path, help="the run: a folder, or its name under reports/ (latest)")
    ml.add_argument("--to", required=True, help="the recipient's address")
    ml.add_argument(
        "--smtp", default="localhost:25", help="the SMTP server, HOST:PORT (default localhost:25)"
    )
    ml.add_argument("--lang", choices=LANGUAGES, default="en", help="which digest (default en)")
    ml.add_argument("--from", dest="sender", help="the sender (default h200report@<this host>)")
    ml.add_argument(
        "--reports", type=Path, default=paths.REPORTS_DIR, help="where run names are looked up"
    )
    ml.set_defaults(func=_mail)
    desc = sub.add_parser("describe", help="print every published table's columns as Markdown")
    desc.add_argument(
        "--update-readme", action="store_true", help="rewrite the column tables in README.md"
    )
    desc.set_defaults(func=_describe)
    return p


def main(argv: list[str] | None = None) -> int:
    try:
        # Parsing is inside: a -p value is read as YAML, which can refuse it.
        args = parser().parse_args(argv)
        return args.func(args)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        # A full or read-only disk, a permission, a file where a folder should be: the
        # path and the system's reason are the whole story.
        where = exc.filename if exc.filename is not None else "h200"
        print(f"error: {InputError(where, exc.strerror or exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
