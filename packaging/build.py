"""Build Lintra's standalone bundle and installers: ``python packaging/build.py``.

On Linux x86_64 this writes, under dist/:
    lintra/                                  the one-folder PyInstaller bundle (lintra + lintra-desktop)
    lintra-<version>-linux-x86_64.tar.gz     that folder, plus the .desktop/MIME/icon files under share/
    lintra_<version>_amd64.deb               /opt/lintra, /usr/bin symlinks, menu entry, icon, MIME types
On Windows it runs Inno Setup (packaging/windows/lintra.iss) and on macOS it wraps Lintra.app in a .dmg;
those two paths are written for the CI workflow and have not been run (see docs/packaging.md).

Options: --reuse skips the build when the artifacts are newer than every source file (the packaging
test uses it); --no-deb / --no-tar skip a package; --dist and --work move the output folders.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
VERSION: str = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
# What the bundle is built from: a change to any of these makes a reused build stale.
SOURCES = ("checks", "desktop", "resources", "packaging", "pyproject.toml")

# The .deb's dependencies: what Qt's xcb/wayland/offscreen plugins and the bundle load from the system
# (the spec leaves these libraries out of the bundle). The core set is required; the X11/Wayland
# extras and the CJK font are recommended so that `dpkg -i` also works on a headless machine, where
# the command line and the offscreen renderer need none of them.
DEPENDS = (
    "libc6 (>= 2.28), libstdc++6, libegl1, libgl1, libxkbcommon0, libfontconfig1, libfreetype6, libdbus-1-3, "
    "libglib2.0-0t64 | libglib2.0-0, libx11-6, libxcb1"
)
RECOMMENDS = (
    "fonts-noto-cjk, libxkbcommon-x11-0, libx11-xcb1, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-image0, "
    "libxcb-randr0, libxcb-render-util0, libxcb-shape0, libxcb-xkb1, libwayland-client0, libwayland-cursor0, "
    "libwayland-egl1, shared-mime-info, desktop-file-utils"
)
DESCRIPTION = """\
Translation-quality checker for machine-translated English
 Lintra checks English translated (above all machine-translated from Chinese)
 for inconsistent terms, garbled names, Chinese punctuation, publishing
 boilerplate, calques and bare dates, and proposes fixes. It reads plain text,
 XLIFF, PO, TMX, Qt Linguist, CSV/TSV and DOCX files.
 .
 This package holds a self-contained build (Python and Qt included) in
 /opt/lintra, with the commands lintra and lintra-desktop."""


def log(message: str) -> None:
    """Progress on stderr, so stdout stays clean for callers."""
    print(f"build: {message}", file=sys.stderr, flush=True)


def run(*cmd: str | Path, **kwargs: object) -> None:
    """Run a command, echoing it; fail the build when it fails."""
    log(" ".join(str(c) for c in cmd))
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)  # type: ignore[call-overload]


def source_epoch() -> int:
    """SOURCE_DATE_EPOCH, else the last commit's time: fixed timestamps inside the archives."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True)
        return int(out.stdout.strip())
    except (OSError, subprocess.CalledProcessError, ValueError):
        return int(time.time())


def newest_source() -> float:
    """Modification time of the newest file the bundle is built from."""
    newest = 0.0
    for name in SOURCES:
        path = ROOT / name
        files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        newest = max([newest, *(f.stat().st_mtime for f in files)])
    return newest


def artifacts(dist: Path) -> dict[str, Path]:
    """The files a Linux build produces."""
    return {
        "bundle": dist / "lintra",
        "tar": dist / f"lintra-{VERSION}-linux-x86_64.tar.gz",
        "deb": dist / f"lintra_{VERSION}_amd64.deb",
    }


def fresh(dist: Path) -> bool:
    """True when every Linux artifact exists and is newer than the sources."""
    made = artifacts(dist)
    if not all(p.exists() for p in made.values()):
        return False
    return min(p.stat().st_mtime for p in made.values()) > newest_source()


def pyinstaller(dist: Path, work: Path) -> Path:
    """Run the spec; returns the bundle folder."""
    run(sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", dist, "--workpath", work, PACKAGING / "lintra.spec", cwd=ROOT)
    bundle = dist / "lintra"
    internal = bundle / "_internal"
    # The bundle's licence folder lists exactly the build environment's versions.
    run(sys.executable, PACKAGING / "licenses.py", "--out", internal / "resources" / "licenses")
    if sys.platform.startswith("linux"):
        system_library_notices(internal, internal / "resources" / "licenses" / "system-libraries")
    return bundle


def system_library_notices(internal: Path, out: Path) -> None:
    """Copy the Debian copyright files of the system libraries PyInstaller bundled (libssl, libffi, ...)."""
    if shutil.which("dpkg") is None:
        return
    out.mkdir(parents=True, exist_ok=True)
    names = sorted(p.name for p in internal.glob("*.so*") if p.is_file() and not p.is_symlink())
    for name in names:
        found = subprocess.run(["dpkg", "-S", f"*/{name}"], capture_output=True, text=True)
        package = found.stdout.split(":", 1)[0].strip() if found.returncode == 0 else ""
        copyright_file = Path("/usr/share/doc") / package / "copyright"
        if package and copyright_file.is_file():
            shutil.copyfile(copyright_file, out / f"{package}-copyright.txt")


def smoke_test(bundle: Path) -> None:
    """The frozen CLI starts and knows its version."""
    exe = bundle / ("lintra.exe" if sys.platform == "win32" else "lintra")
    out = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True)
    if VERSION not in out.stdout:
        raise SystemExit(f"build: frozen lintra --version printed {out.stdout!r}")
    log(f"smoke test: {out.stdout.strip()}")


def _share_files(root: Path) -> None:
    """Menu entry, icons and MIME types laid out as under /usr (used by the .deb and the .tar.gz)."""
    icons = ROOT / "resources" / "icons"
    placed = {
        root / "share/applications/lintra.desktop": LINUX / "lintra.desktop",
        root / "share/mime/packages/lintra.xml": LINUX / "lintra-mime.xml",
        root / "share/icons/hicolor/scalable/apps/lintra.svg": icons / "lintra.svg",
        root / "share/icons/hicolor/256x256/apps/lintra.png": icons / "lintra-256.png",
    }
    for target, source in placed.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        target.chmod(0o644)


def _normalize(tarinfo: tarfile.TarInfo, epoch: int) -> tarfile.TarInfo:
    tarinfo.uid = tarinfo.gid = 0
    tarinfo.uname = tarinfo.gname = "root"
    tarinfo.mtime = min(tarinfo.mtime, epoch)
    return tarinfo


def make_tar(bundle: Path, target: Path, epoch: int) -> Path:
    """lintra-<version>/ = the bundle + share/; sorted entries and fixed times make it reproducible."""
    stage = target.parent / f".tar-stage/lintra-{VERSION}"
    shutil.rmtree(stage.parent, ignore_errors=True)
    shutil.copytree(bundle, stage, symlinks=True)
    _share_files(stage)
    target.unlink(missing_ok=True)
    with gzip.GzipFile(target, "wb", compresslevel=6, mtime=epoch) as gz, tarfile.open(fileobj=gz, mode="w") as tar:
        for path in sorted([stage, *stage.rglob("*")]):
            tar.add(path, arcname=str(path.relative_to(stage.parent)), recursive=False,
                    filter=lambda info: _normalize(info, epoch))
    shutil.rmtree(stage.parent)
    return target


def _tree_size_kib(root: Path) -> int:
    return sum(p.lstat().st_size for p in root.rglob("*")) // 1024 + 1


def make_deb(bundle: Path, target: Path, epoch: int) -> Path:
    """Stage /opt/lintra, /usr/bin and /usr/share, write DEBIAN/, build with dpkg-deb."""
    stage = target.parent / ".deb-stage"
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(bundle, stage / "opt/lintra", symlinks=True)
    (stage / "usr/bin").mkdir(parents=True)
    for name in ("lintra", "lintra-desktop"):
        (stage / "usr/bin" / name).symlink_to(f"/opt/lintra/{name}")
    _share_files(stage / "usr")
    doc = stage / "usr/share/doc/lintra"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        "Lintra is MIT-licensed. The bundled components (Python, Qt, PySide6, translate-toolkit and others)\n"
        "are listed with their licences in /opt/lintra/_internal/resources/licenses/THIRD_PARTY.md.\n",
        encoding="utf-8",
    )
    control = stage / "DEBIAN"
    control.mkdir()
    fields = {
        "Package": "lintra",
        "Version": VERSION,
        "Architecture": "amd64",
        "Maintainer": "Lintra developers <lintra@users.noreply.invalid>",
        "Installed-Size": str(_tree_size_kib(stage)),
        "Depends": DEPENDS,
        "Recommends": RECOMMENDS,
        "Section": "text",
        "Priority": "optional",
        "Description": DESCRIPTION,
    }
    (control / "control").write_text("".join(f"{k}: {v}\n" for k, v in fields.items()), encoding="utf-8")
    for script in ("postinst", "postrm"):
        shutil.copyfile(LINUX / script, control / script)
    # dpkg-deb wants sane modes: 0755 folders and scripts, 0644 data, executables kept executable.
    for path in [stage, *stage.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir() or (path.parent == control and path.name in ("postinst", "postrm")):
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)
        os.utime(path, (epoch, epoch))
    target.unlink(missing_ok=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    # xz at level 6 (the default) takes most of a minute on two cores for little gain over level 3.
    run("dpkg-deb", "--root-owner-group", "-Zxz", "-z3", "--build", stage, target, env=env)
    shutil.rmtree(stage)
    return target


def build_linux(args: argparse.Namespace) -> None:
    """Bundle, .tar.gz and .deb."""
    if platform.machine() not in ("x86_64", "AMD64"):
        log(f"warning: building on {platform.machine()}, the package names still say x86_64/amd64")
    made = artifacts(args.dist)
    bundle = pyinstaller(args.dist, args.work)
    smoke_test(bundle)
    epoch = source_epoch()
    if not args.no_tar:
        log(f"wrote {make_tar(bundle, made['tar'], epoch)}")
    if not args.no_deb:
        if shutil.which("dpkg-deb") is None:
            log("dpkg-deb not found: no .deb")
        else:
            log(f"wrote {make_deb(bundle, made['deb'], epoch)}")


def build_windows(args: argparse.Namespace) -> None:
    """Bundle, then the Inno Setup installer around it (untested here: needs Windows and iscc)."""
    bundle = pyinstaller(args.dist, args.work)
    smoke_test(bundle)
    iscc = shutil.which("iscc") or r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe"
    run(iscc, f"/DAppVersion={VERSION}", f"/DBundleDir={bundle}", f"/O{args.dist}", PACKAGING / "windows" / "lintra.iss")


def build_macos(args: argparse.Namespace) -> None:
    """Lintra.app (from the spec's BUNDLE step), then a compressed .dmg (untested here: needs macOS)."""
    bundle = pyinstaller(args.dist, args.work)
    smoke_test(bundle)
    app = args.dist / "Lintra.app"
    stage = args.dist / ".dmg-stage"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir()
    shutil.copytree(app, stage / "Lintra.app", symlinks=True)
    (stage / "Applications").symlink_to("/Applications")  # drag-to-install target
    dmg = args.dist / f"Lintra-{VERSION}-macos-{platform.machine()}.dmg"
    dmg.unlink(missing_ok=True)
    run("hdiutil", "create", "-volname", f"Lintra {VERSION}", "-srcfolder", stage, "-format", "UDZO", "-ov", dmg)
    shutil.rmtree(stage)


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description="Build Lintra's standalone bundle and installers.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller's work folder")
    parser.add_argument("--reuse", action="store_true", help="do nothing if the artifacts are newer than the sources")
    parser.add_argument("--no-deb", action="store_true", help="Linux: skip the .deb")
    parser.add_argument("--no-tar", action="store_true", help="Linux: skip the .tar.gz")
    args = parser.parse_args(argv)
    args.dist, args.work = args.dist.resolve(), args.work.resolve()
    started = time.perf_counter()
    if sys.platform.startswith("linux"):
        if args.reuse and fresh(args.dist):
            log(f"artifacts in {args.dist} are newer than the sources: reused")
            return 0
        build_linux(args)
    elif sys.platform == "win32":
        build_windows(args)
    elif sys.platform == "darwin":
        build_macos(args)
    else:
        raise SystemExit(f"build: no recipe for {sys.platform}")
    log(f"done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
