"""Which plotly.js a report inlines: the smallest bundle that draws every chart in it.

Why: a report is forwarded by mail, and the full plotly.js (4.8 MB) is most of its
size, while the reports draw only scatter and bar traces, which plotly.js's basic
bundle (1.2 MB) holds. plotly.js does not refuse a trace type its bundle lacks: it
draws it as scatter and says so only on the console. So the bundle is chosen from
the trace types of the report's figures, and the types the basic bundle holds are
data read from the bundle itself when it is vendored (``plotly-basic.json``), never
assumed.

The basic bundle is the npm package ``plotly.js-basic-dist-min`` of the plotly.js
version that the installed plotly package ships, vendored as package data with its
licence: a render fetches nothing. ``make vendor`` (``python -m
h200report.render.bundles``) refreshes it from the npm registry, checking the
tarball against the registry's integrity hash. A vendored bundle of another plotly.js
version than plotly's is not used (the figures' JSON is written for plotly's own).
"""

from __future__ import annotations

import argparse
import base64
import functools
import hashlib
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError
from ..paths import VENDOR_DIR

BASIC = "basic"
FULL = "full"
BASIC_PACKAGE = "plotly.js-basic-dist-min"
BASIC_FILE = "plotly-basic.min.js"
LICENSE_FILE = "LICENSE"
MANIFEST_FILE = "plotly-basic.json"
# plotly.js draws a trace that names no type as scatter.
DEFAULT_TRACE_TYPE = "scatter"
# How a minified plotly.js bundle registers each trace module it holds.
_TRACE_MODULE = re.compile(r'moduleType:"trace",name:"(\w+)"')
# The first comment of every plotly.js bundle: "plotly.js v4.1.1",
# "plotly.js (basic - minified) v4.1.1".
_BANNER = re.compile(r"\A/\*\*\s*\*\s*plotly\.js (?:\([^)]*\) )?v(\d[\w.+-]*)")
# The package's README says which trace modules it holds, e.g. "`bar`, `pie` and `scatter`".
_README_TRACES = re.compile(r"^Contains trace modules (.*)$", re.M)


def plotlyjs_version() -> str:
    """The plotly.js version the installed plotly package ships (and writes figures for)."""
    import plotly.offline

    return plotly.offline.get_plotlyjs_version()


def banner_version(text: str) -> str | None:
    """The version a plotly.js bundle's banner states, or None when it has no such banner."""
    match = _BANNER.match(text)
    return match.group(1) if match else None


def registered_trace_types(text: str) -> frozenset[str]:
    """The trace types a minified plotly.js bundle registers."""
    return frozenset(_TRACE_MODULE.findall(text))


@functools.cache
def basic_manifest() -> dict:
    """What ``make vendor`` recorded: package, version, integrity, sha256 and trace types."""
    return json.loads((VENDOR_DIR / MANIFEST_FILE).read_text(encoding="utf-8"))


def basic_trace_types() -> frozenset[str]:
    return frozenset(basic_manifest()["traces"])


@functools.cache
def bundle_text(name: str) -> str:
    """The text of one bundle (``basic`` or ``full``), safe to put in a <script> element."""
    if name == BASIC:
        text = (VENDOR_DIR / BASIC_FILE).read_text(encoding="utf-8")
    elif name == FULL:
        import plotly.offline

        text = plotly.offline.get_plotlyjs()
    else:
        raise ValueError(f"no plotly.js bundle {name!r}: {BASIC} or {FULL}")
    # Defensive: plotly.js has no "</script" today; if it ever does, the inline copy
    # must still not end its script element early.
    return text.replace("</script", "<\\/script")


def figure_trace_types(spec: dict) -> set[str]:
    """Every trace type a Plotly figure (its JSON) can show.

    Its traces' types, and any type a slider step or a menu button restyles a trace
    to: those are drawn by the same bundle once a reader moves the control.
    """
    types = {trace.get("type") or DEFAULT_TRACE_TYPE for trace in spec.get("data") or []}
    layout = spec.get("layout") or {}
    for control, items in (("sliders", "steps"), ("updatemenus", "buttons")):
        for widget in layout.get(control) or []:
            for item in widget.get(items) or []:
                for arg in item.get("args") or []:
                    restyled = arg.get("type") if isinstance(arg, dict) else None
                    if isinstance(restyled, str):
                        types.add(restyled)
                    elif isinstance(restyled, list):
                        types.update(t for t in restyled if isinstance(t, str))
    return types


def plotlyjs_for(trace_types: Iterable[str]) -> tuple[str, str]:
    """(name, text) of the smallest bundle that draws every one of ``trace_types``."""
    basic = basic_manifest()["version"] == plotlyjs_version()
    name = BASIC if basic and set(trace_types) <= basic_trace_types() else FULL
    return name, bundle_text(name)


def _npm(npm: str, *args: str) -> str:
    try:
        done = subprocess.run([npm, *args], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise InputError(npm, "not found: make vendor needs npm (Debian package npm)") from None
    if done.returncode:
        lines = (done.stderr or done.stdout).strip().splitlines() or ["no message"]
        raise InputError(f"npm {' '.join(args)}", lines[-1])
    return done.stdout


def npm_integrity(data: bytes) -> str:
    """The npm registry's ``dist.integrity`` form: Subresource Integrity, sha512."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def refresh(version: str | None = None, folder: Path = VENDOR_DIR, npm: str = "npm") -> dict:
    """Vendor the basic bundle of ``version`` (default: plotly's) into ``folder``; the manifest.

    Nothing is written unless the tarball matches the registry's integrity hash, its
    banner states ``version``, and the trace types it registers are those its README lists.
    """
    version = version or plotlyjs_version()
    spec = f"{BASIC_PACKAGE}@{version}"
    expected = json.loads(_npm(npm, "view", spec, "dist", "--json"))["integrity"]
    with tempfile.TemporaryDirectory() as tmp:
        packed = json.loads(_npm(npm, "pack", spec, "--json", "--pack-destination", tmp))
        data = (Path(tmp) / packed[0]["filename"]).read_bytes()
    if npm_integrity(data) != expected:
        raise InputError(spec, f"tarball is {npm_integrity(data)}, the registry says {expected}")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        files = {
            name: tar.extractfile(f"package/{name}").read()
            for name in (BASIC_FILE, LICENSE_FILE, "README.md")
        }
    text = files[BASIC_FILE].decode("utf-8")
    if banner_version(text) != version:
        raise InputError(spec, f"{BASIC_FILE} says v{banner_version(text)}, not v{version}")
    traces = sorted(registered_trace_types(text))
    listed = _README_TRACES.search(files["README.md"].decode("utf-8"))
    if not listed or sorted(re.findall(r"`(\w+)`", listed.group(1))) != traces:
        raise InputError(spec, f"{BASIC_FILE} registers {traces}, not what its README lists")
    manifest = {
        "package": BASIC_PACKAGE,
        "version": version,
        "integrity": expected,
        "sha256": hashlib.sha256(files[BASIC_FILE]).hexdigest(),
        "traces": traces,
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / BASIC_FILE).write_bytes(files[BASIC_FILE])
    (folder / LICENSE_FILE).write_bytes(files[LICENSE_FILE])
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m h200report.render.bundles",
        description=f"vendor {BASIC_PACKAGE} from the npm registry into {VENDOR_DIR}",
    )
    parser.add_argument("--version", help="plotly.js version (default: the installed plotly's)")
    args = parser.parse_args(argv)
    try:
        manifest = refresh(args.version)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(
        f"vendored {manifest['package']}@{manifest['version']} ({manifest['integrity']}) "
        f"into {VENDOR_DIR}: traces {', '.join(manifest['traces'])}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
