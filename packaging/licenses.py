"""Collect the licence texts of everything Lintra ships (Python packages, Python, Qt, data) into one folder.

    python packaging/licenses.py                 # refresh resources/licenses/ (committed, in the wheel)
    python packaging/licenses.py --out DIR       # the build writes the bundle's own copy this way
    python packaging/licenses.py --check         # exit 1 if resources/licenses/ misses a runtime dependency

The list of Python packages is the closure of the `dependencies` in pyproject.toml, resolved against the
installed distributions, so it follows the project when a dependency is added. Texts come from each
distribution's metadata (License-File entries, dist-info/licenses/, LICENSE*/COPYING*/NOTICE* files).
The output is flat (``<component>-<file>.txt``) so that the wheel's package-data globs pick it up, with
THIRD_PARTY.md as the index the About box can show.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import re
import sys
import sysconfig
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "resources" / "licenses"
# Installed as dependencies but kept out of the bundle by packaging/lintra.spec (EXCLUDES).
NOT_BUNDLED = {"numpy"}
_LICENSE_NAME = re.compile(r"^(licen[cs]e|copying|notice|authors|copyright)", re.I)


@dataclass
class Component:
    """One bundled component and its licence texts."""

    name: str
    version: str
    license: str
    url: str
    texts: dict[str, str] = field(default_factory=dict)  # file name -> text
    note: str = ""


def _project() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def runtime_distributions() -> list[md.Distribution]:
    """Installed distributions Lintra needs at run time: the closure of pyproject's dependencies."""
    env = {**default_environment(), "extra": ""}
    todo = [Requirement(r) for r in _project()["dependencies"]]  # type: ignore[union-attr]
    seen: dict[str, md.Distribution] = {}
    while todo:
        req = todo.pop()
        if req.marker is not None and not req.marker.evaluate(env):
            continue
        key = re.sub(r"[-_.]+", "-", req.name).lower()
        if key in seen:
            continue
        try:
            dist = md.distribution(req.name)
        except md.PackageNotFoundError:
            print(f"licenses: {req.name} is not installed; skipped", file=sys.stderr)
            continue
        seen[key] = dist
        if key in NOT_BUNDLED:
            continue
        todo.extend(Requirement(r) for r in dist.requires or [])
    return sorted((d for k, d in seen.items() if k not in NOT_BUNDLED), key=lambda d: d.metadata["Name"].lower())


def _license_of(meta: md.PackageMetadata) -> str:
    expression = meta.get("License-Expression")
    if expression:
        return expression
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) < 80:
        return text
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return ", ".join(classifiers) or "see licence text"


def _url_of(meta: md.PackageMetadata) -> str:
    if meta.get("Home-page"):
        return str(meta["Home-page"])
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository", "source code"):
            return url.strip()
    return f"https://pypi.org/project/{meta['Name']}/"


def _texts_of(dist: md.Distribution) -> dict[str, str]:
    texts: dict[str, str] = {}
    declared = set(dist.metadata.get_all("License-File") or [])
    for path in dist.files or []:
        in_dist_info = path.parts[0].endswith(".dist-info")
        name = path.name
        if not in_dist_info or not (_LICENSE_NAME.match(name) or name in declared or "licenses" in path.parts):
            continue
        located = Path(str(dist.locate_file(path)))
        if located.is_file():
            # Several files may share a name (licenses/a/LICENSE, licenses/b/LICENSE): keep their folder.
            key = name if name not in texts else "-".join(path.parts[-2:])
            texts[key] = located.read_text(encoding="utf-8", errors="replace")
    return texts


def _read_first(*candidates: Path) -> str:
    for path in candidates:
        if path.is_file():
            return path.read_text(encoding="utf-8", errors="replace")
    return ""


def python_components() -> list[Component]:
    """Components that do not come with PyPI metadata: Python, Qt, ICU."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    python = Component(
        "Python", sys.version.split()[0], "PSF-2.0", "https://www.python.org/",
        {"LICENSE.txt": _read_first(stdlib / "LICENSE.txt", Path(sys.base_prefix) / "LICENSE.txt")},
        "The interpreter and standard library frozen into the bundle.",
    )
    try:
        qt_version = md.version("PySide6-Essentials")
    except md.PackageNotFoundError:
        qt_version = "?"
    common = Path("/usr/share/common-licenses")
    qt = Component(
        "Qt", qt_version, "LGPL-3.0-only", "https://www.qt.io/licensing/open-source-lgpl-obligations",
        {"LGPL-3.txt": _read_first(common / "LGPL-3"), "GPL-3.txt": _read_first(common / "GPL-3")},
        "Qt libraries shipped inside the PySide6 wheel, used unmodified and dynamically linked; "
        "their source is at https://download.qt.io/official_releases/qt/.",
    )
    try:
        qt_lib = Path(str(md.distribution("PySide6-Essentials").locate_file("PySide6/Qt/lib")))
    except md.PackageNotFoundError:
        qt_lib = Path()
    # Linux wheels carry ICU as libicuuc.so.<major>; elsewhere Qt uses the system's ICU.
    icu_libs = sorted(qt_lib.glob("libicuuc.so.*")) if qt_lib.name else []
    icu = Component(
        "ICU", icu_libs[0].name.rsplit(".", 1)[-1] if icu_libs else "?", "Unicode-3.0 (ICU licence)", "https://github.com/unicode-org/icu",
        {"copyright.txt": _read_first(*sorted(Path("/usr/share/doc").glob("libicu[0-9]*/copyright")))},
        "Unicode support libraries shipped with Qt (Linux); the text is ICU's licence as packaged by the build system.",
    )
    return [python, qt, icu]


def data_components() -> list[Component]:
    """Data files shipped in resources/ or loaded from dependencies, with their origin."""
    gazetteer_readme = ROOT / "resources" / "gazetteer" / "README.md"
    return [
        Component(
            "CedPane (gazetteer)", "d674378f", "Public domain", "https://github.com/ssb22/CedPane",
            {}, f"Source of the derived rows of resources/gazetteer/; licence note in {gazetteer_readme.relative_to(ROOT)}.",
        ),
        Component(
            "langdetect language profiles", md.version("langdetect"), "Apache-2.0 (see langdetect's licence text)",
            "https://github.com/Mimino666/langdetect", {}, "Shipped inside the langdetect package (see its licence).",
        ),
        Component(
            "pypinyin dictionaries", md.version("pypinyin"), "MIT", "https://github.com/mozillazg/python-pinyin",
            {}, "Shipped inside the pypinyin package (see its licence).",
        ),
    ]


def components() -> list[Component]:
    """Every component, packages first."""
    packages = [
        Component(
            dist.metadata["Name"], dist.version, _license_of(dist.metadata), _url_of(dist.metadata), _texts_of(dist)
        )
        for dist in runtime_distributions()
    ]
    for comp in packages:
        if not comp.texts and "LGPL-3.0" in comp.license:
            # The PySide6 wheels carry no licence file; their LGPL is the one of Qt below.
            comp.note = "Used under the LGPL-3.0: see the Qt texts."
    return [*packages, *python_components(), *data_components()]


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9.]+", "-", name).strip("-")


def _file_name(component: Component, text_name: str) -> str:
    stem = _slug(text_name.removesuffix(".txt").removesuffix(".md").removesuffix(".rst"))
    return f"{_slug(component.name)}-{stem}.txt"


def write(out: Path, items: list[Component]) -> list[Path]:
    """Write THIRD_PARTY.md and the texts into *out* (replacing older texts); returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    project = _project()
    lines = [
        "# Third-party components",
        "",
        f"Lintra {project['version']} is MIT-licensed. The installers and bundles also contain the components",
        "below, each under its own licence; the texts are the `.txt` files next to this one.",
        "Generated by `python packaging/licenses.py` from the installed packages' metadata.",
        "",
        "| component | version | licence | texts | home |",
        "|---|---|---|---|---|",
    ]
    written: list[Path] = []
    for comp in items:
        files = []
        for text_name, text in comp.texts.items():
            if not text.strip():
                continue
            target = out / _file_name(comp, text_name)
            target.write_text(text, encoding="utf-8")
            written.append(target)
            files.append(f"`{target.name}`")
        note = f" {comp.note}" if comp.note else ""
        lines.append(f"| {comp.name} | {comp.version} | {comp.license} | {', '.join(files) or '-'}{note} | {comp.url} |")
    index = out / "THIRD_PARTY.md"
    index.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [index, *written]


def missing(out: Path) -> list[str]:
    """Runtime distributions that have no row in *out*/THIRD_PARTY.md."""
    index = out / "THIRD_PARTY.md"
    listed = set(re.findall(r"^\| ([^|]+?) \|", index.read_text(encoding="utf-8"), re.M)) if index.is_file() else set()
    return [d.metadata["Name"] for d in runtime_distributions() if d.metadata["Name"] not in listed]


def main(argv: list[str] | None = None) -> int:
    """Command line: write the texts, or check the committed ones."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="only report runtime dependencies missing from --out")
    args = parser.parse_args(argv)
    if args.check:
        absent = missing(args.out)
        for name in absent:
            print(f"licenses: {name} is missing from {args.out / 'THIRD_PARTY.md'}", file=sys.stderr)
        return 1 if absent else 0
    files = write(args.out, components())
    print(f"licenses: wrote {len(files)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
