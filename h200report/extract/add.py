"""`h200 add`: a new article into the seeds folder, with its ``sources.yaml`` entry.

The file is copied byte for byte; its entry is what the capture says about itself
(``pagemeta``), overridden by the flags a person gives. Everything is checked before
anything is written (content, duplicate, id, body, every metadata field), so a
refused article leaves the seeds folder as it was. The entry is appended to the text
of ``sources.yaml``, so its comments and order stay; the result is read back and must
give the old entries plus the new one, or nothing is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..errors import InputError
from ..paths import SOURCES_FILE_NAME
from ..yamlio import loads
from . import html, pagemeta
from .body import Body, cut
from .sources import (
    HTML_SUFFIX,
    SourceMeta,
    decode_seed,
    describe_validation,
    load_metadata,
    seed_paths,
)

# A browser saves pages as .htm as often as .html; the seed is kept as .html.
ACCEPTED_SUFFIXES = {".txt": ".txt", ".html": HTML_SUFFIX, ".htm": HTML_SUFFIX}
SOURCE_ID = re.compile(r"^[\w.-]+$")
NEW_SOURCES_FILE = (
    "# What a person knows about each seed capture. The seed files themselves are\n"
    "# kept byte-for-byte as received; sha256 guards that.\n"
    "sources:\n"
)
PUBLISHED_FORMATS = (
    ("%Y-%m-%d %H:%M:%S", "second"),
    ("%Y-%m-%dT%H:%M:%S", "second"),
    ("%Y-%m-%d %H:%M", "minute"),
    ("%Y-%m-%dT%H:%M", "minute"),
    ("%Y-%m-%d", "day"),
    ("%Y-%m", "month"),
    ("%Y", "year"),
)


@dataclass(frozen=True)
class Given:
    """What the person says on the command line; None where the capture should tell."""

    source_id: str | None = None
    title: str | None = None
    title_en: str | None = None
    site: str | None = None
    author_line: str | None = None
    published: str | None = None
    date_kind: str | None = None
    language: str | None = None
    url: str | None = None
    note: str | None = None
    # Chinese companions (zh reports show them); each needs its English twin.
    site_zh: str | None = None
    note_zh: str | None = None


@dataclass(frozen=True)
class Added:
    source_id: str
    seed: Path
    entry: dict
    body: Body
    date_from: str  # where the publication date was read, or "--published"


def source_id_from_name(path: Path) -> str:
    """The file's stem with every run of other characters than letters, digits, . - _ as '_'."""
    return re.sub(r"[^\w.-]+", "_", path.stem).strip("_.")


def _published(text: str) -> tuple[dt.date | dt.datetime, str]:
    for fmt, precision in PUBLISHED_FORMATS:
        try:
            when = dt.datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
        return (when if precision in ("second", "minute") else when.date()), precision
    raise InputError(
        "--published", f"{text!r} is not a date (YYYY-MM-DD, optionally HH:MM[:SS]; or YYYY-MM)"
    )


def _read(path: Path) -> tuple[bytes, str, str | None, str]:
    """(bytes, text, markup, seed suffix) of an article file, or the one line saying why not."""
    if not path.is_file():
        raise InputError(path, "no such file")
    suffix = ACCEPTED_SUFFIXES.get(path.suffix.lower())
    if suffix is None:
        raise InputError(
            path,
            f"not a text capture or a saved page: the file must end in .txt or .html (got {path.suffix or 'no suffix'})",
        )
    data = path.read_bytes()
    text = decode_seed(path, data)
    if suffix != HTML_SUFFIX:
        return data, text, None, suffix
    if not html.looks_like_html(text):
        raise InputError(path, "holds no HTML document; a text capture should end in .txt")
    return data, "\n".join(html.visible_lines(text)), text, suffix


def _entry(found: pagemeta.Found, given: Given, digest: str, path: Path) -> tuple[dict, str]:
    """The sources.yaml entry, and where its date comes from; one line naming the missing flags."""
    if given.published:
        value, precision = _published(given.published)
        published = pagemeta.Dated(value, precision, "published", "--published")
    else:
        published = found.published
    language = given.language or found.language
    title = given.title or found.title
    title_en = given.title_en or (title if language == "en" else None)
    site = given.site or found.site
    missing = [
        (what, flag)
        for what, flag, value in (
            ("title", "--title", title),
            ("site name", "--site", site),
            ("publication date", "--published", published),
            ("language", "--language", language),
        )
        if not value
    ]
    if language and not title_en:
        missing.append((f"English title (the article is in {language})", "--title-en"))
    if missing:
        said = "; ".join(f"{what}: pass {flag}" for what, flag in missing)
        declared = (
            f" (the page declares {found.declared_language!r} but its text reads otherwise)"
            if found.declared_language and not language
            else ""
        )
        raise InputError(path, f"not found in the capture{declared}: {said}")
    entry = {
        "title": title,
        "title_en": title_en,
        "site": site,
        "author_line": given.author_line or found.author_line,
        "published_at": published.iso(),
        "published_precision": published.precision,
        "date_kind": given.date_kind or published.kind,
        "language": language,
        "sha256": digest,
        "url": given.url or found.url,
        "note": given.note,
        "site_zh": given.site_zh,
        "note_zh": given.note_zh,
    }
    return {k: v for k, v in entry.items() if v}, published.where


def _check(entry: dict, path: Path) -> None:
    try:
        SourceMeta.model_validate(entry)
    except ValidationError as exc:
        raise InputError(path, f"metadata {describe_validation(exc)}") from None


def _appended(text: str, source_id: str, entry: dict) -> str:
    """``text`` of sources.yaml with the entry added at the end of its ``sources`` mapping."""
    lines = text.split("\n")
    after = lines[next((i for i, line in enumerate(lines) if line.startswith("sources:")), 0) + 1 :]
    first = next((line for line in after if line.strip() and not line.lstrip().startswith("#")), "")
    indent = (len(first) - len(first.lstrip())) or 2
    block = yaml.safe_dump(
        {source_id: entry},
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
        default_flow_style=False,
    )
    nested = "".join(
        " " * indent + line if line.strip() else line for line in block.splitlines(True)
    )
    return text + ("" if text.endswith("\n") else "\n") + nested


def _write_atomic(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def add(path: Path, seeds_dir: Path, given: Given, today: dt.date) -> Added:
    """Copy the article into ``seeds_dir`` and append its entry; InputError before any write."""
    path, seeds_dir = Path(path), Path(seeds_dir)
    data, text, markup, suffix = _read(path)
    existing = seed_paths(seeds_dir)
    digest = hashlib.sha256(data).hexdigest()
    twin = next((p for p in existing if hashlib.sha256(p.read_bytes()).hexdigest() == digest), None)
    if twin is not None:
        raise InputError(path, f"the same file (sha256 {digest}) is already a seed: {twin}")
    source_id = given.source_id or source_id_from_name(path)
    if not SOURCE_ID.match(source_id or ""):
        rule = f"{source_id!r} is not a source id (letters, digits, '_', '.', '-')"
        if given.source_id:
            raise InputError("--source-id", rule)
        raise InputError(path, f"{rule}: pass --source-id")
    sources_file = seeds_dir / SOURCES_FILE_NAME
    metas = load_metadata(seeds_dir) if sources_file.exists() else {}
    taken = {p.stem for p in existing} | set(metas)
    if source_id in taken:
        raise InputError(
            path, f"source id {source_id} already exists in {seeds_dir}; pass another --source-id"
        )
    body = cut(source_id, path, text, markup)
    found = pagemeta.describe(text, markup, body, today)
    entry, date_from = _entry(found, given, digest, path)
    _check(entry, path)
    old_text = (
        sources_file.read_text(encoding="utf-8") if sources_file.exists() else NEW_SOURCES_FILE
    )
    new_text = _appended(old_text, source_id, entry)
    _verify_append(sources_file, old_text, new_text, source_id, entry)
    seed = seeds_dir / f"{source_id}{suffix}"
    _write_atomic(seed, data)
    try:
        _write_atomic(sources_file, new_text.encode("utf-8"))
    except BaseException:
        seed.unlink(missing_ok=True)
        raise
    return Added(source_id, seed, entry, body, date_from)


def _verify_append(sources_file: Path, old: str, new: str, source_id: str, entry: dict) -> None:
    """The appended text must read as the old entries plus the new one, or nothing is written."""
    # Both texts are read the way every YAML file is (dates stay text, strict keys).
    old_doc = loads(old, sources_file) or {}
    try:
        new_doc = loads(new, sources_file)
    except InputError:
        new_doc = None
    wanted = {**(old_doc.get("sources") or {}), source_id: entry}
    if not isinstance(new_doc, dict) or new_doc.get("sources") != wanted:
        raise InputError(
            sources_file,
            f"cannot append the entry of {source_id} (the 'sources' mapping is not the file's last block); add it by hand",
        )
