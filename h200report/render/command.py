"""``h200 render``: options, exit codes and the one-line messages a user sees.

Exit codes: 0 every report rendered, 1 a notebook failed, 2 bad input or options.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from .. import paths
from ..errors import InputError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
# What a shell reports for a process ended by SIGTERM: schedulers read it as such.
EXIT_TERMINATED = 128 + signal.SIGTERM


def _parameter(text: str) -> tuple[str, object]:
    from ..yamlio import parse_scalar

    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), parse_scalar(value, where=f"-p {name.strip()}")


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument(
        "--param",
        "-p",
        action="append",
        type=_parameter,
        default=[],
        metavar="NAME=VALUE",
        help="set a notebook parameter in every set, e.g. -p as_of=2026-03-05 (YAML value; dates stay text)",
    )
    parser.add_argument(
        "--notebooks",
        "-n",
        nargs="+",
        metavar="NB",
        help="notebook names, files or folders (default: notebooks/*.ipynb not starting with _)",
    )
    parser.add_argument(
        "--sets",
        "-s",
        nargs="+",
        metavar="SET",
        help="parameter sets from render.yaml to render (default: all)",
    )
    parser.add_argument(
        "--output-root",
        "-o",
        type=Path,
        default=paths.REPORTS_DIR,
        help="folder that receives <UTC time>/ and the latest symlink (default: reports/)",
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        help="notebooks run at once (default: number of cores)",
    )
    parser.add_argument(
        "--keep-code", action="store_true", help="show code cells in the HTML (default: hidden)"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="execute every notebook, even where an earlier report has the same inputs",
    )
    latest = parser.add_mutually_exclusive_group()
    latest.add_argument(
        "--latest",
        dest="update_latest",
        action="store_true",
        default=None,
        help="point reports/latest at this run even if it renders only some notebooks or sets",
    )
    latest.add_argument(
        "--no-latest",
        dest="update_latest",
        action="store_false",
        help="leave reports/latest alone (default for a render of only some notebooks or sets)",
    )
    parser.add_argument(
        "--keep",
        type=int,
        default=None,
        metavar="N",
        help="keep the last N complete runs, 0 keeps all (default: render.yaml)",
    )
    parser.add_argument(
        "--seeds-dir",
        type=Path,
        default=None,
        help="seed articles folder, passed to notebooks as seeds_dir",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="data folder, passed to notebooks as data_dir",
    )
    parser.add_argument(
        "--config",
        type=Path,
        default=paths.RENDER_CONFIG,
        help="render config (default: render.yaml at the project root)",
    )
    parser.add_argument(
        "--cell-timeout",
        type=int,
        default=None,
        metavar="S",
        help="seconds one cell may run (default: render.yaml)",
    )
    return parser


class Terminated(KeyboardInterrupt):
    """SIGTERM (systemd, cron wrappers, ``timeout``): stopped as Ctrl-C stops a render."""


def _terminate(signum, frame):
    raise Terminated


def run(args: argparse.Namespace) -> int:
    """Exit code: 0 all rendered, 1 a notebook failed, 2 bad options or config, 130
    interrupted (Ctrl-C), 143 terminated (SIGTERM)."""
    from .pipeline import render

    # Raised in the main thread wherever it waits, like KeyboardInterrupt: the queued
    # runs are dropped, the kernels killed, the unfinished folder removed.
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        result = render(
            notebooks=args.notebooks,
            param_sets=args.sets,
            output_root=args.output_root,
            jobs=args.jobs,
            keep_code=args.keep_code,
            keep=args.keep,
            seeds_dir=args.seeds_dir,
            data_dir=args.data_dir,
            config_path=args.config,
            cell_timeout=args.cell_timeout,
            parameters=dict(args.param),
            update_latest=args.update_latest,
            force=args.force,
        )
    except InputError as exc:
        print(f"h200 render: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Terminated:
        print("h200 render: terminated; nothing published, latest unchanged", file=sys.stderr)
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        print("h200 render: interrupted; nothing published, latest unchanged", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        signal.signal(signal.SIGTERM, previous)
    try:
        return _report(result)
    finally:
        result.release()


def _report(result) -> int:
    from .publish import LATEST

    if result.unchanged:
        checked = result.meta.get("checked_utc", "")
        print(
            f"h200 render: nothing changed since {result.run_dir.name} (checked at {checked} UTC); "
            f"{result.run_dir / 'index.html'}"
        )
        return EXIT_OK
    if not result.ok:
        for message in result.failures:
            print(f"h200 render: {message}", file=sys.stderr)
        print(
            f"h200 render: failed; partial output kept in {result.run_dir}; latest unchanged",
            file=sys.stderr,
        )
        return EXIT_FAILED
    where = result.run_dir / "index.html"
    note = "" if result.latest_switched else f" ({result.run_dir.parent / LATEST} not moved)"
    reused = sum(1 for r in result.results if r.reused_from)
    done = (
        f"{len(result.results)} reports ({reused} reused)"
        if reused
        else f"{len(result.results)} reports"
    )
    print(f"h200 render: {done} in {where}{note}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """``python -m h200report.render.command``: the same as ``h200 render``."""
    parser = argparse.ArgumentParser(prog="h200 render", description=__doc__.splitlines()[0])
    add_arguments(parser)
    try:
        return run(parser.parse_args(argv))
    except (InputError, OSError) as exc:  # a -p value refused while parsed; a disk
        where = exc if isinstance(exc, InputError) else f"{exc.filename}: {exc.strerror}"
        print(f"h200 render: {where}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
