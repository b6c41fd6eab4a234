"""`h200 review`: a person decides what `h200 suggest` drafted, one key per decision.

On a terminal it opens the review program (``tui``); with ``--list``, ``--accept``,
``--reject``, ``--gloss``, ``--undo``, ``--stats`` or ``--todo`` it makes the same
decisions from a script, one line per suggestion or decision.
"""

from __future__ import annotations

import argparse
import sys
import warnings

from ..errors import InputError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("sources", nargs="*", help="source ids (default: every source with suggestions)")
    p.add_argument("--list", action="store_true", help="print one line per waiting suggestion")
    p.add_argument(
        "--accept", metavar="N[,N...]", help="accept these suggestions (numbers from --list)"
    )
    p.add_argument(
        "--reject",
        metavar="N=REASON",
        action="append",
        default=[],
        help="reject a suggestion: background, off-topic, duplicate or misreading",
    )
    p.add_argument(
        "--gloss",
        metavar="N=TEXT",
        action="append",
        default=[],
        help="the English gloss of suggestion N's quote (needed where it is not in English)",
    )
    p.add_argument("--undo", action="store_true", help="undo the last decision (of any session)")
    p.add_argument("--stats", action="store_true", help="accept rate of each drafting rule")
    p.add_argument(
        "--todo", action="store_true", help="what curated text still lacks (Chinese, glosses)"
    )


def _numbers(text: str) -> list[int]:
    try:
        return [int(n) for n in text.split(",") if n.strip()]
    except ValueError:
        raise InputError("--accept", f"{text!r} is not a list of numbers (e.g. 1,3,4)") from None


def _pairs(values: list[str], flag: str) -> list[tuple[int, str]]:
    out = []
    for value in values:
        number, sep, rest = value.partition("=")
        if not sep or not number.strip().isdigit() or not rest.strip():
            raise InputError(flag, f"{value!r} is not N=TEXT")
        out.append((int(number), rest.strip()))
    return out


def line(card) -> str:
    s = card.suggestion
    what = "?" if card.question else ("=" if card.confirms else ">")
    return (
        f"{card.source_id} {card.number:>3}  {card.mention.text!r} ({card.reading}) "
        f"{what} {card.target_label} [{s.confidence:.2f} {s.rule}]: {card.effect}"
    )


def _stats(data_dir) -> int:
    from .decisions import read_log, stats

    rows = stats(read_log(data_dir))
    if not rows:
        print("no decisions yet")
        return 0
    print(f"{'rule':<16} {'accepted':>8} {'edited':>7} {'rejected':>8} {'accept rate':>11}")
    for rule, n in sorted(rows.items()):
        total = sum(n.values())
        rate = (n["accepted"] + n["edited"]) / total if total else 0
        print(f"{rule:<16} {n['accepted']:>8} {n['edited']:>7} {n['rejected']:>8} {rate:>10.0%}")
    return 0


def _todo(session) -> int:
    """What the curated text still lacks: Chinese companions and labels (the zh reports
    show the English meanwhile). Glosses are not listed: a quote that is not English is
    accepted only with its gloss."""
    from .. import paths
    from ..factbase.build import untranslated

    todo = untranslated(session.fb, session.seeds_dir, paths.curated_dir(session.data_dir))
    for line in todo:
        print(line)
    print(f"{len(todo)} thing(s) to do" if todo else "nothing to do: every text has its Chinese")
    return 0


def run(args) -> int:
    from .apply import Refused
    from .session import Session, edit

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if args.stats:
            return _stats(args.data)
        session = Session(args.seeds, args.data, args.sources)
    if args.todo:
        return _todo(session)
    scripted = args.list or args.accept or args.reject or args.undo or args.gloss
    if not scripted:
        if not sys.stdin.isatty() or not sys.stdout.isatty():
            raise InputError(
                "h200 review", "not a terminal: use --list, --accept N or --reject N=REASON"
            )
        from .tui import review

        return review(session)
    source = args.sources[0] if len(args.sources) == 1 else None
    try:
        if args.undo:
            done = session.undo()
            print(
                f"undone: {done.action} of {done.mention!r} in {done.source_id}"
                if done
                else "nothing to undo"
            )
        glosses = dict(_pairs(args.gloss, "--gloss"))
        for number in _numbers(args.accept or ""):
            card = session.find(source, number)
            if number in glosses:
                card.suggestion = edit(session.fb, card, "gloss", glosses[number])
            session.accept(card, edited=("gloss",) if number in glosses else ())
            print(f"accepted {number}: {card.mention.text!r} -> {card.target_label}")
        for number, reason in _pairs(args.reject, "--reject"):
            card = session.find(source, number)
            session.reject(card, reason)
            print(f"rejected {number}: {card.mention.text!r} ({reason})")
    except Refused as exc:
        raise InputError("h200 review", str(exc)) from None
    except ValueError as exc:
        raise InputError("h200 review", str(exc)) from None
    if args.list:
        for card in session.cards:
            print(line(card))
        if not session.cards:
            print("nothing waiting: every suggestion is decided")
    return 0
