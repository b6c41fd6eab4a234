"""``reports/index.html``: every kept run, newest first, rewritten after each render.

Written under the render lock after pruning, through a temporary file and a rename,
so it never points at a pruned run and a reader never sees half a page.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from .index import environment
from .runs import CHANGES_FILE, FAILED_NAME, META_FILE, RUN_NAME, latest_target, read_json

LISTING = "index.html"


def _runs(root: Path) -> list[dict]:
    rows = []
    for entry in root.iterdir():
        match = RUN_NAME.match(entry.name) or FAILED_NAME.match(entry.name)
        if not match or not entry.is_dir() or entry.is_symlink():
            continue
        meta = read_json(entry / META_FILE) or {}
        changes = meta.get("changes") or {}
        reports = meta.get("reports", [])
        rows.append(
            {
                "order": (match.group(1), int(match.group(2) or 0)),
                "name": entry.name,
                "started": meta.get("started_utc", match.group(1)),
                "ok": bool(meta.get("ok")) and RUN_NAME.match(entry.name) is not None,
                "changed": changes.get("changed") if changes.get("compared") else None,
                "reports": len(reports),
                "reused": sum(1 for r in reports if r.get("reused_from")),
                "has_changes": (entry / CHANGES_FILE).is_file(),
            }
        )
    return sorted(rows, key=lambda r: r["order"], reverse=True)


def write_listing(root: Path) -> Path:
    root = Path(root)
    page = (
        environment()
        .get_template("listing.html.j2")
        .render(runs=_runs(root), latest=latest_target(root))
    )
    tmp = root / f".{LISTING}.{os.getpid()}.{secrets.token_hex(4)}"
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, root / LISTING)
    return root / LISTING
