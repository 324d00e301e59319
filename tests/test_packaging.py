"""Standalone bundle, .tar.gz, .deb and wheel: built by packaging/build.py and run the way a user would."""

from __future__ import annotations

import fcntl
import json
import os
import platform
import shutil
import struct
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from checks import __version__

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
SEED = ROOT / "seeds" / "observer-2025-09-coalition.en.txt"
FORMATS = ROOT / "tests" / "data" / "formats"
BUILD_TIMEOUT = 900
MAX_BUNDLE_MB = 150

ON_LINUX_X86 = sys.platform.startswith("linux") and platform.machine() == "x86_64"


def _pyinstaller_missing() -> bool:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        return True
    return False


needs_linux_build = pytest.mark.skipif(
    not ON_LINUX_X86 or _pyinstaller_missing(),
    reason="the Linux bundle is built on Linux x86_64 with PyInstaller (pip install -e '.[test]')",
)


@pytest.fixture(scope="module")
def dist() -> Iterator[Path]:
    """dist/ with a fresh bundle, .tar.gz and .deb; built unless newer than every source file.

    A lock serialises concurrent test runs: one builds, the others wait and reuse, and nobody
    rebuilds dist/ or touches the installed .deb while another run is using them.
    """
    lock_path = ROOT / "build" / "packaging-test.lock"
    lock_path.parent.mkdir(exist_ok=True)
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        subprocess.run(
            [sys.executable, str(ROOT / "packaging" / "build.py"), "--reuse"],
            cwd=ROOT, check=True, timeout=BUILD_TIMEOUT,
        )
        yield DIST


def _findings(report: dict) -> dict[str, list[tuple]]:
    """Per document path: the findings with everything a user sees (code, place, text, fixes)."""
    return {
        Path(doc["path"]).name: [(f["code"], f["segment"], f["start"], f["end"], f["text"], tuple(f["suggestions"]))
                                 for f in doc["findings"]]
        for doc in report["documents"]
    }


def _check_json(cmd: list[str], files: list[Path], cwd: Path, env: dict[str, str] | None = None, extra: tuple = ()) -> dict:
    out = subprocess.run([*cmd, "check", *map(str, files), "--format", "json", "--no-config", *extra],
                         capture_output=True, text=True, cwd=cwd, env=env, timeout=300)
    assert out.returncode in (0, 1), out.stderr  # 1 = findings, 2 = error
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def sample_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """One file per reader: text, PO, XLIFF 1.2 and 2.0, TMX, Qt .ts, DOCX, and a PO whose target was left in German."""
    import docx

    folder = tmp_path_factory.mktemp("samples")
    document = docx.Document()
    for line in SEED.read_text(encoding="utf-8").splitlines()[:6]:
        document.add_paragraph(line)
    document.save(str(folder / "article.docx"))
    source = "Der Gipfel der Koalition fand gestern in Paris statt und dauerte sehr lange."
    target = "Der Gipfel fand gestern in Paris statt und dauerte nach Angaben der Minister sehr lange."
    (folder / "left-in-german.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'msgid "{source}"\nmsgstr "{target}"\n',
        encoding="utf-8",
    )
    return [
        SEED, ROOT / "seeds" / "coalition-sample.zh-en.po", ROOT / "seeds" / "coalition-sample.zh-en.xlf",
        FORMATS / "units.xliff2.xlf", FORMATS / "memory.tmx", FORMATS / "app.ts",
        folder / "article.docx", folder / "left-in-german.po",
    ]


@needs_linux_build
def test_frozen_cli_prints_its_version(dist: Path) -> None:
    out = subprocess.run([str(dist / "lintra" / "lintra"), "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"lintra {__version__}"


@needs_linux_build
def test_frozen_cli_finds_what_the_python_package_finds(dist: Path, sample_files: list[Path]) -> None:
    # Every reader, the rule packs, termbase, gazetteer, pypinyin and langdetect data are loaded
    # lazily: a file missing from the bundle shows up as a missing or different finding here.
    frozen = _check_json([str(dist / "lintra" / "lintra")], sample_files, ROOT, extra=("--jobs", "2"))
    python = _check_json([sys.executable, "-c", "import sys; from checks.cli import main; sys.exit(main())"],
                         sample_files, ROOT)
    assert _findings(frozen) == _findings(python)
    by_name = _findings(frozen)
    assert set(by_name) == {p.name for p in sample_files}
    assert by_name[SEED.name], "the seed article has findings"
    # langdetect's profiles are in the bundle: the German target is recognised as untranslated.
    assert [f[0] for f in by_name["left-in-german.po"]] == ["AC912"]


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    return struct.unpack(">II", data[16:24])


@needs_linux_build
def test_frozen_desktop_renders_a_screenshot(dist: Path, tmp_path: Path) -> None:
    exe = dist / "lintra" / "lintra-desktop"
    usage = subprocess.run([str(exe), "--help"], capture_output=True, text=True, timeout=60)
    if "--screenshot" not in usage.stdout:
        pytest.skip("lintra-desktop has no --screenshot option yet")
    shot = tmp_path / "window.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([str(exe), "--screenshot", str(shot), "--size", "1000x700", str(SEED)],
                         capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    assert _png_size(shot) == (1000, 700)


@needs_linux_build
def test_frozen_desktop_checks_a_large_file_in_a_child_process(dist: Path, tmp_path: Path) -> None:
    # From 2,000 segments the window checks in a spawned process, which in the bundle re-runs the
    # frozen executable: this fails (exit 1, "check did not finish") unless that start-up works.
    exe = dist / "lintra" / "lintra-desktop"
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n") if p.strip()]
    big = tmp_path / "big.txt"
    big.write_text("\n\n".join(f"{paragraphs[i % len(paragraphs)]} ({i})" for i in range(2100)) + "\n",
                   encoding="utf-8")
    shot = tmp_path / "big.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([str(exe), "--screenshot", str(shot), "--size", "800x600", str(big)],
                         capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    assert _png_size(shot) == (800, 600)


@needs_linux_build
def test_bundle_is_small_and_leaves_out_what_lintra_does_not_load(dist: Path) -> None:
    bundle = dist / "lintra"
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    assert size_mb < MAX_BUNDLE_MB, f"bundle is {size_mb:.0f} MB"
    names = {p.name for p in files} | {part for p in files for part in p.relative_to(bundle).parts}
    for unwanted in ("numpy", "tkinter", "_tkinter", "QtWebEngineCore.abi3.so", "QtQml.abi3.so", "QtQuick.abi3.so",
                     "libQt6Qml.so.6", "libQt6Quick.so.6", "libQt6WebEngineCore.so.6", "libQt6Pdf.so.6",
                     "libreadline.so.8", "libqvnc.so", "libqeglfs.so", "libqgtk3.so"):
        assert unwanted not in names, f"{unwanted} should not be in the bundle"


@needs_linux_build
def test_bundle_ships_every_resource_file_and_the_licences(dist: Path) -> None:
    shipped = dist / "lintra" / "_internal" / "resources"
    source = ROOT / "resources"
    expected = {p.relative_to(source) for p in source.rglob("*")
                # .py files are compiled into the executables' archive; licences are regenerated by the build.
                if p.is_file() and p.suffix not in (".py", ".pyc") and p.parts[len(source.parts)] != "licenses"}
    missing = sorted(str(p) for p in expected if not (shipped / p).is_file())
    assert not missing, f"missing from the bundle: {missing}"
    index = (shipped / "licenses" / "THIRD_PARTY.md").read_text(encoding="utf-8")
    for component in ("PySide6", "Qt", "Python", "translate-toolkit", "sacrebleu", "langdetect", "pypinyin", "CedPane"):
        assert f"| {component}" in index, f"{component} has no licence entry"


@needs_linux_build
def test_tarball_runs_from_anywhere_it_is_unpacked(dist: Path, tmp_path: Path) -> None:
    tar_path = dist / f"lintra-{__version__}-linux-x86_64.tar.gz"
    with tarfile.open(tar_path) as tar:
        tar.extractall(tmp_path, filter="tar")
    top = tmp_path / f"lintra-{__version__}"
    assert (top / "share" / "applications" / "lintra.desktop").is_file()
    assert (top / "share" / "mime" / "packages" / "lintra.xml").is_file()
    out = subprocess.run([str(top / "lintra"), "check", str(SEED), "--format", "json"],
                         capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert out.returncode == 1, out.stderr
    assert json.loads(out.stdout)["documents"][0]["findings"]


def _dpkg_installed(package: str) -> bool:
    out = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True)
    return out.returncode == 0 and "installed" in out.stdout.split()


@needs_linux_build
@pytest.mark.skipif(shutil.which("dpkg") is None or os.geteuid() != 0, reason="installing a .deb needs dpkg and root")
def test_deb_installs_runs_and_removes_cleanly(dist: Path, tmp_path: Path) -> None:
    if _dpkg_installed("lintra"):
        pytest.skip("a lintra package is already installed on this machine; not touching it")
    deb = dist / f"lintra_{__version__}_amd64.deb"
    try:
        subprocess.run(["dpkg", "-i", str(deb)], check=True, capture_output=True, timeout=300)
        version = subprocess.run(["/usr/bin/lintra", "--version"], capture_output=True, text=True, cwd=tmp_path)
        assert version.stdout.strip() == f"lintra {__version__}"
        report = _check_json(["/usr/bin/lintra"], [SEED], tmp_path)
        assert report["documents"][0]["findings"]
        assert Path("/usr/bin/lintra-desktop").resolve() == Path("/opt/lintra/lintra-desktop")
        desktop_entry = Path("/usr/share/applications/lintra.desktop").read_text(encoding="utf-8")
        assert "Exec=lintra-desktop %f" in desktop_entry
        if shutil.which("update-mime-database"):
            # postinst (or the shared-mime-info trigger) registered the TMX type.
            assert "application/x-tmx:*.tmx" in Path("/usr/share/mime/globs2").read_text(encoding="utf-8")
    finally:
        removed = subprocess.run(["dpkg", "-r", "lintra"], capture_output=True, text=True, timeout=300)
    assert removed.returncode == 0, removed.stderr
    assert not Path("/opt/lintra").exists(), "files left in /opt/lintra"
    assert not Path("/usr/bin/lintra").exists() and not Path("/usr/share/applications/lintra.desktop").exists()
    if shutil.which("update-mime-database"):
        assert "application/x-tmx" not in Path("/usr/share/mime/globs2").read_text(encoding="utf-8")
    # dpkg keeps a removed package with a postrm in "config-files" state; purge forgets it entirely.
    subprocess.run(["dpkg", "--purge", "lintra"], check=True, capture_output=True, timeout=300)
    status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "lintra"], capture_output=True, text=True)
    assert status.returncode != 0 or "not-installed" in status.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to list the tracked resource files")
def test_wheel_and_sdist_install_and_run(tmp_path: Path) -> None:
    pytest.importorskip("build", reason="python -m build needs the 'build' package (pip install -e '.[test]')")
    out_dir = tmp_path / "dist"
    # `python -m build` makes the sdist, then the wheel from the sdist: both must be complete.
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(out_dir), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    wheel = next(out_dir.glob(f"lintra-{__version__}-*.whl"))
    assert next(out_dir.glob(f"lintra-{__version__}.tar.gz"))
    tracked = subprocess.run(["git", "ls-files", "resources"], cwd=ROOT, capture_output=True, text=True, check=True)
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    missing = [f for f in tracked.stdout.split() if f not in names]
    assert not missing, f"tracked resource files missing from the wheel: {missing}"

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    # The wheel's own copy must be what runs (dependencies come from this environment).
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run([sys.executable, "-c", "from checks.context import resource_path; print(resource_path())"],
                           capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
    assert Path(where.stdout.strip()) == target / "resources"
    report = _check_json([sys.executable, str(target / "bin" / "lintra")], [SEED], tmp_path, env=env)
    assert report["documents"][0]["findings"]


def test_licence_list_covers_every_runtime_dependency() -> None:
    # Adding a dependency to pyproject.toml without refreshing resources/licenses/ fails here:
    # run `python packaging/licenses.py` and commit the result.
    out = subprocess.run([sys.executable, str(ROOT / "packaging" / "licenses.py"), "--check"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
