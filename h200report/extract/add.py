"""`h200 add`: a new article into the seeds folder, with its ``sources.yaml`` entry.

The file is copied byte for byte; its entry is what the capture says about itself
(``pagemeta``), overridden by the flags a person gives. Everything is checked before
anything is written (content, duplicate, id, body, every metadata field), so a
refused article leaves the seeds folder as it was. The entry is appended to the text
of ``sources.yaml``, so its comments and order stay; the result is read back and must
give the old entries plus the new one, or nothing is written.

``--replace`` corrects what an earlier ``add`` wrote: the same file under the same id
gets its entry rewritten with the flags given, every other field as it stands (a
person may have curated it since). The rewrite is a round trip through ruamel.yaml,
and it is written only if the file reads back as before but for that entry and no
line outside the entry changed.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import hashlib
import io
import os
import re
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from ..errors import InputError
from ..paths import SOURCES_FILE_NAME
from ..yamlio import loads
from . import html, pagemeta
from .body import Body, cut
from .sources import (
    HTML_SUFFIX,
    MAX_SEED_BYTES,
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
# ISO 8601 as people and pages write it: a day, optionally its time (to the minute or
# the second) and the UTC offset it was stated in, kept as given.
PUBLISHED = re.compile(
    r"(?P<day>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<hm>\d{2}:\d{2})(?P<s>:\d{2})?(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
PUBLISHED_SHORT = (("%Y-%m", "month"), ("%Y", "year"))
PUBLISHED_RULE = "YYYY-MM-DD, optionally THH:MM[:SS] and an offset such as +08:00 or Z; or YYYY-MM"
# What a path can be besides a regular file, as the refusal names it.
NOT_A_FILE = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
# The flags --replace can set, as the entry's fields (--published sets two of them).
REPLACEABLE = (
    "title",
    "title_en",
    "site",
    "author_line",
    "date_kind",
    "language",
    "url",
    "note",
    "site_zh",
    "note_zh",
    "outlet",
    "outlet_zh",
    "cites",
    "cites_zh",
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
    # How the reports name the source, where the site does not say it: the outlet as
    # readers know it, and the outlet it relays ("Bloomberg" via a portal).
    outlet: str | None = None
    outlet_zh: str | None = None
    cites: str | None = None
    cites_zh: str | None = None


@dataclass(frozen=True)
class Added:
    source_id: str
    seed: Path
    entry: dict
    body: Body
    date_from: str  # where the publication date was read, or "--published"
    warnings: tuple[str, ...] = ()
    # --replace: each field it set, with its old value (None where the entry had none).
    replaced: dict[str, tuple[object, object]] | None = field(default=None)


def source_id_from_name(path: Path) -> str:
    """The file's stem with every run of other characters than letters, digits, . - _ as '_'."""
    return re.sub(r"[^\w.-]+", "_", path.stem).strip("_.")


def _published(text: str) -> tuple[dt.date | dt.datetime, str]:
    """The value and precision of ``--published``, the offset kept when one is given."""
    text = text.strip()
    match = PUBLISHED.fullmatch(text)
    if match and match["tz"] and match["tz"] != "Z":
        hours, minutes = int(match["tz"][1:3]), int(match["tz"][3:].lstrip(":") or 0)
        if hours > 23 or minutes > 59:
            raise InputError(
                "--published", f"{text!r}: {match['tz']} is not a UTC offset (-23:59 to +23:59)"
            )
    try:
        if match and not match["hm"]:
            return dt.date.fromisoformat(match["day"]), "day"
        if match:
            # fromisoformat reads 'Z' and '+0800' from 3.11 on; the precision is what was written.
            when = dt.datetime.fromisoformat(text.replace(" ", "T", 1))
            return when, "second" if match["s"] else "minute"
        for fmt, precision in PUBLISHED_SHORT:
            try:
                return dt.datetime.strptime(text, fmt).date(), precision
            except ValueError:
                continue
    except ValueError as exc:
        raise InputError("--published", f"{text!r} is not a date ({exc})") from None
    # The record keeps a time to the second at most (published_precision).
    fraction = " (no fractions of a second)" if re.search(r":\d{2}[.,]\d", text) else ""
    raise InputError("--published", f"{text!r} is not a date ({PUBLISHED_RULE}){fraction}")


def _what_it_is(mode: int) -> str:
    return next((what for test, what in NOT_A_FILE if test(mode)), "not a regular file")


def _check_path(path: Path, follow_links: bool) -> None:
    """Refuse what is not a regular file, saying what it is, before anything opens it
    (opening a named pipe waits for a writer)."""
    try:
        link = path.lstat()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    if stat.S_ISLNK(link.st_mode):
        try:
            target = path.resolve(strict=True)
        except FileNotFoundError:
            raise InputError(
                path, f"is a symbolic link to {os.readlink(path)}, which does not exist"
            ) from None
        except (OSError, RuntimeError):
            raise InputError(path, "is a symbolic link that leads round in a loop") from None
        folder = path.absolute().parent.resolve()
        # The link's name is what the person sees; a file elsewhere may not be the one meant.
        if not follow_links and not target.is_relative_to(folder):
            raise InputError(
                path,
                f"is a symbolic link to {target}, outside {folder}; "
                "pass --follow-links to add the file it points to",
            )
    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        link_to = "a symbolic link to " if stat.S_ISLNK(link.st_mode) else ""
        raise InputError(path, f"is {link_to}{_what_it_is(mode)}, not a file")


def _read_bytes(path: Path) -> bytes:
    # Non-blocking, and checked again on the open file: a pipe put in the file's place
    # after the check is refused instead of hanging the command.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise InputError(path, f"is {_what_it_is(opened.st_mode)}, not a file")
        # Sized before it is read: a wrong file of gigabytes costs a stat, not the memory.
        if opened.st_size > MAX_SEED_BYTES:
            raise InputError(
                path,
                f"the file is {opened.st_size:,} bytes, over the {MAX_SEED_BYTES:,}-byte limit for one article",
            )
        return f.read(MAX_SEED_BYTES + 1)


def _read(path: Path, follow_links: bool = False) -> tuple[bytes, str, str | None, str]:
    """(bytes, text, markup, seed suffix) of an article file, or the one line saying why not."""
    _check_path(path, follow_links)
    suffix = ACCEPTED_SUFFIXES.get(path.suffix.lower())
    if suffix is None:
        raise InputError(
            path,
            f"not a text capture or a saved page: the file must end in .txt or .html (got {path.suffix or 'no suffix'})",
        )
    data = _read_bytes(path)
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
        "outlet": given.outlet,
        "outlet_zh": given.outlet_zh,
        "cites": given.cites,
        "cites_zh": given.cites_zh,
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


def _source_id(given: Given, path: Path) -> str:
    source_id = given.source_id or source_id_from_name(path)
    if not SOURCE_ID.match(source_id or ""):
        rule = f"{source_id!r} is not a source id (letters, digits, '_', '.', '-')"
        if given.source_id:
            raise InputError("--source-id", rule)
        raise InputError(path, f"{rule}: pass --source-id")
    return source_id


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add(
    path: Path,
    seeds_dir: Path,
    given: Given,
    today: dt.date,
    *,
    replace: bool = False,
    follow_links: bool = False,
) -> Added:
    """Copy the article into ``seeds_dir`` and append its entry (``replace``: rewrite the
    entry of the same file instead); InputError before any write."""
    path, seeds_dir = Path(path), Path(seeds_dir)
    data, text, markup, suffix = _read(path, follow_links)
    existing = seed_paths(seeds_dir)
    digest = hashlib.sha256(data).hexdigest()
    source_id = _source_id(given, path)
    sources_file = seeds_dir / SOURCES_FILE_NAME
    metas = load_metadata(seeds_dir) if sources_file.exists() else {}
    if replace:
        return _replace(path, seeds_dir, given, source_id, digest, existing, metas, (text, markup))
    twin = next((p for p in existing if _digest(p) == digest), None)
    if twin is not None:
        raise InputError(path, f"the same file (sha256 {digest}) is already a seed: {twin}")
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
    # A date the person chose needs no word on what the capture also says.
    warnings = () if given.published else found.warnings
    return Added(source_id, seed, entry, body, date_from, warnings)


def _replace(path, seeds_dir, given, source_id, digest, existing, metas, text_markup) -> Added:
    sources_file = seeds_dir / SOURCES_FILE_NAME
    if source_id not in metas:
        raise InputError(
            path,
            f"--replace: there is no source {source_id} in {sources_file} to replace; "
            "pass the --source-id of the entry, or add the file without --replace",
        )
    seed = next((p for p in existing if p.stem == source_id), None)
    if seed is None:
        raise InputError(path, f"--replace: source {source_id} has no seed file in {seeds_dir}")
    recorded = _digest(seed)
    if recorded != digest:
        raise InputError(
            path,
            f"--replace: the file differs from the seed {seed} (sha256 {digest[:12]}…, "
            f"the seed's {recorded[:12]}…): a different capture is a new source; "
            "add it without --replace",
        )
    text = sources_file.read_text(encoding="utf-8")
    old = dict(loads(text, sources_file)["sources"][source_id])
    changes = _changes(given, old)
    entry = {**old, **changes}
    _check(entry, path)
    body = cut(source_id, seed, *text_markup)
    replaced = {k: (old.get(k), v) for k, v in changes.items() if old.get(k) != v}
    date_from = "--published" if given.published else "the entry (unchanged)"
    if replaced:
        new_text = _rewritten(sources_file, text, source_id, changes)
        _write_atomic(sources_file, new_text.encode("utf-8"))
    return Added(source_id, seed, entry, body, date_from, replaced=replaced)


def _changes(given: Given, old: dict) -> dict:
    """The fields the flags set, as sources.yaml writes them."""
    changes = {name: getattr(given, name) for name in REPLACEABLE if getattr(given, name)}
    if given.published:
        value, precision = _published(given.published)
        changes["published_at"] = pagemeta.Dated(value, precision, "published", "").iso()
        changes["published_precision"] = precision
    # An English title was its own English title; a corrected one stays so, unless the
    # English title was curated apart from it.
    language = changes.get("language", old.get("language"))
    if (
        "title" in changes
        and "title_en" not in changes
        and language == "en"
        and old.get("title_en") == old.get("title")
    ):
        changes["title_en"] = changes["title"]
    return changes


def _round_trip() -> YAML:
    rt = YAML()
    rt.preserve_quotes = True
    rt.width = 10_000  # a new value stays on its line, as `add` writes it
    return rt


def _rewritten(sources_file: Path, text: str, source_id: str, changes: dict) -> str:
    """``text`` of sources.yaml with the entry of ``source_id`` changed, every other line kept."""
    rt = _round_trip()
    doc = rt.load(text)
    entry = doc["sources"][source_id]
    order = list(SourceMeta.model_fields)
    for key, value in changes.items():
        if key in entry:
            old = entry[key]
            # A value keeps the quoting its field was written with.
            if isinstance(old, DoubleQuotedScalarString | SingleQuotedScalarString):
                value = type(old)(value)
            entry[key] = value
            continue
        # A new field goes where the model orders it, not after the entry's last line
        # (which may carry the blank line or comment that opens the next entry).
        before = [
            i for i, k in enumerate(entry) if k in order and order.index(k) < order.index(key)
        ]
        at = before[-1] + 1 if before else 0
        if at == len(entry):
            _append_key(entry, key, value)
        else:
            entry.insert(at, key, value)
    out = io.StringIO()
    rt.dump(doc, out)
    new = out.getvalue()
    _verify_rewrite(sources_file, text, new, source_id, changes)
    return new


def _append_key(entry, key: str, value) -> None:
    """``key`` after the entry's last field, above what ruamel hangs on that field's line:
    the blank lines and comments that open the next entry."""
    last = list(entry)[-1]
    entry[key] = value
    comments = entry.ca.items.get(last)
    after = comments[2] if comments and len(comments) > 2 else None
    if after is None:
        return
    own_line, newline, rest = after.value.partition("\n")
    if not rest:
        return
    after.value = own_line + newline
    moved = copy.copy(after)
    moved.value = newline + rest  # the new line ends where the old one ended
    entry.ca.items[key] = [None, None, moved, None]


def _entry_lines(text: str, source_id: str) -> range:
    """The lines of ``text`` that hold the entry of ``source_id`` (its key line to the next key)."""
    lines = text.split("\n")
    key = re.compile(rf"^(\s*)['\"]?{re.escape(source_id)}['\"]?\s*:")
    start = next(i for i, line in enumerate(lines) if key.match(line))
    indent = len(key.match(lines[start])[1])
    end = next(
        (
            i
            for i in range(start + 1, len(lines))
            if lines[i].strip() and len(lines[i]) - len(lines[i].lstrip()) <= indent
        ),
        len(lines),
    )
    return range(start, end)


def _verify_rewrite(sources_file: Path, old: str, new: str, source_id: str, changes: dict) -> None:
    """The rewritten text must read as before but for the one entry, and differ from the old
    only inside that entry's lines; else nothing is written."""
    old_doc, new_doc = loads(old, sources_file), loads(new, sources_file)
    wanted = dict(old_doc["sources"])
    wanted[source_id] = {**wanted[source_id], **changes}
    inside = _entry_lines(old, source_id)
    matcher = difflib.SequenceMatcher(None, old.split("\n"), new.split("\n"), autojunk=False)
    outside = [
        (i1, i2)
        for tag, i1, i2, _, _ in matcher.get_opcodes()
        if tag != "equal" and not (inside.start <= i1 and i2 <= inside.stop)
    ]
    if new_doc.get("sources") != wanted or outside:
        raise InputError(
            sources_file,
            f"cannot rewrite the entry of {source_id} without changing other lines of the file; "
            "edit it by hand",
        )


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
