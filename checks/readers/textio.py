"""Decoding and encoding of text files: encoding detection, BOMs, line endings, atomic writes."""

from __future__ import annotations

import codecs
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from checks.errors import InputError
from checks.model import Document

# Inputs larger than this are refused before a byte is read (XML trees and Documents take
# several times the file size in memory). Override with LINTRA_MAX_INPUT_MB.
DEFAULT_MAX_INPUT_MB = 200
MAX_INPUT_ENV = "LINTRA_MAX_INPUT_MB"

WESTERN = ("cp1252", "latin_1", "iso8859_15")
# Encodings accepted from a guess (files without BOM that are not UTF-8): Western and Central
# European code pages and the Chinese, Japanese and Korean legacy encodings. Exotic guesses
# (EBCDIC, BOM-less UTF-16/32 on odd data, Mac code pages) are how random bytes get "decoded".
GUESSABLE = frozenset({
    *WESTERN, "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_9",
    "koi8_r", "gb2312", "gbk", "gb18030", "cp936", "big5", "big5hkscs", "cp950", "shift_jis", "cp932", "euc_jp",
    "euc_kr", "cp949", "iso2022_jp", "utf_8",
})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A file's text with newlines normalised to ``\\n``, plus what is needed to re-encode it."""

    text: str
    encoding: str
    bom: bytes
    newline: str


def _detect_newline(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    if crlf >= lf and crlf >= cr and crlf:
        return "\r\n"
    if cr > lf:
        return "\r"
    return "\n"


def decode_bytes(data: bytes, path: Path) -> DecodedText:
    """Decode *data*: BOM first, then strict UTF-8, then charset-normalizer's best guess."""
    bom = b""
    encoding = ""
    for mark, name in _BOMS:
        if data.startswith(mark):
            bom, encoding = mark, name
            break
    body = data[len(bom) :]
    if not encoding and b"\x00" in body[:4096]:
        encoding = _utf16_without_bom(body)
        if not encoding:
            raise InputError(path, "binary file (NUL bytes), not text")
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as exc:
            reason = f"{exc.reason} at byte {exc.start}"
            raise InputError(path, f"looks like {encoding} without a byte-order mark but is not: {reason}") from None
    elif not encoding:
        try:
            text = body.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            text, encoding = _guess(body, path)
    else:
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as exc:
            reason = f"{exc.reason} at byte {exc.start}"
            raise InputError(path, f"not valid {encoding} despite its byte-order mark: {reason}") from None
    newline = _detect_newline(text)
    # Every CR is normalised, also in a file with mixed endings whose majority is LF: a stray
    # CR left inside a segment would be checked (and written back) as text. Written files get
    # the dominant ending throughout.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(text, encoding, bom, newline)


def _utf16_without_bom(body: bytes) -> str:
    """"utf-16-le" or "utf-16-be" when NUL bytes sit in every other byte (Latin text), else ""."""
    sample = body[:4096]
    if len(sample) < 2 or len(body) % 2:
        return ""
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    # Latin characters put a NUL in every high byte; a few CJK characters (一 is U+4E00) add NULs
    # on the other side, far fewer.
    if odd > len(sample) // 4 and even * 4 < odd:
        return "utf-16-le"
    if even > len(sample) // 4 and odd * 4 < even:
        return "utf-16-be"
    return ""


def _guess(body: bytes, path: Path) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # imported lazily: only needed for non-UTF-8 files

    matches = [m for m in from_bytes(body) if m.encoding]
    plausible = [m for m in matches if m.encoding in GUESSABLE]
    if not plausible:
        seen = f" (it looks most like {matches[0].encoding}, which is not accepted unmarked)" if matches else ""
        raise InputError(path, f"cannot determine the text encoding{seen}; save the file as UTF-8")
    best = plausible[0]
    encoding = best.encoding
    # Accented Latin text fits several single-byte code pages equally well, and the detector
    # may rank Central European cp1250 first (é, à, ç become é, ŕ, ç). The checked text is
    # English, so the Western code page wins any tie.
    for match in plausible:
        if match.encoding in WESTERN and match.chaos <= best.chaos and match.coherence >= best.coherence:
            encoding = match.encoding
            break
    # GB2312/GBK guesses are widened to GB18030, their superset, so no character is lost.
    if encoding.lower() in {"gb2312", "gbk", "cp936"}:
        encoding = "gb18030"
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(path, f"text looks like {encoding} but does not decode cleanly") from None
    if _CONTROL.search(text):
        # Legacy-encoded prose has no C0 control characters; random bytes decoded by a lucky guess do.
        raise InputError(path, f"binary data (control characters when read as {encoding}), not text")
    return text, encoding


def max_input_bytes() -> int:
    """The size limit for one input file, from LINTRA_MAX_INPUT_MB (default 200 MB)."""
    raw = os.environ.get(MAX_INPUT_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_INPUT_MB * 1024 * 1024
    try:
        value = float(raw)
    except ValueError:
        raise InputError(None, f"{MAX_INPUT_ENV}={raw!r} is not a number of megabytes") from None
    if value <= 0:
        raise InputError(None, f"{MAX_INPUT_ENV}={raw!r} must be positive")
    return int(value * 1024 * 1024)


def _os_error(path: Path, exc: OSError) -> InputError:
    """The user-facing message for an OS error met while opening or reading *path*."""
    if isinstance(exc, IsADirectoryError):
        return InputError(path, "is a directory, not a file")
    if isinstance(exc, FileNotFoundError):
        return InputError(path, "no such file")
    if isinstance(exc, PermissionError):
        return InputError(path, "permission denied")
    return InputError(path, f"cannot read: {exc.strerror or exc}")


def check_readable(path: Path) -> int:
    """Refuse what must not be read: missing, directories, special files, files over the limit.

    Returns the file size. A FIFO or device (``/dev/zero``) would block or never end, so only
    regular files pass; the size is checked from ``stat`` before anything is read.
    """
    try:
        info = path.stat()
    except OSError as exc:
        raise _os_error(path, exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, "is not a regular file (a pipe, device or socket); refused")
    limit = max_input_bytes()
    if info.st_size > limit:
        size, most = megabytes(info.st_size), megabytes(limit)
        raise InputError(path, f"is {size} MB, over the {most} MB input limit (set {MAX_INPUT_ENV} to raise it)")
    return info.st_size


def available_memory() -> int | None:
    """Bytes of memory the system can give without swapping (Linux MemAvailable), None if unknown."""
    try:
        with Path("/proc/meminfo").open(encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def check_memory(path: Path, size: int, factor: int) -> None:
    """Refuse a file whose Document would need more memory than is free (*factor* bytes per file byte).

    Parsed XML trees, decoded text and segments take many times the file size (measured: about
    20x for TMX, 7-9x for text and CSV); reading on regardless would push the machine into swap.
    """
    need = size * factor
    free = available_memory()
    if free is not None and need > free * 0.8:
        raise InputError(
            path, f"reading this {megabytes(size)} MB file needs about {megabytes(need)} MB of memory, "
            f"but only {megabytes(free)} MB are free; close other programs or split the file",
        )


def megabytes(size: int) -> str:
    """*size* in MB for messages: whole megabytes, two decimals below 1 MB."""
    return f"{size / (1024 * 1024):.0f}" if size >= 1024 * 1024 else f"{size / (1024 * 1024):.2f}"


def read_bytes(path: Path) -> bytes:
    """The bytes of *path* after check_readable, with OS errors turned into InputError."""
    check_readable(path)
    limit = max_input_bytes()
    try:
        with path.open("rb") as handle:
            # Read one byte past the limit: a file growing after stat() is still caught.
            data = handle.read(limit + 1)
    except OSError as exc:
        raise _os_error(path, exc) from None
    if len(data) > limit:
        raise InputError(path, f"grew over the {megabytes(limit)} MB input limit while being read")
    return data


def read_text(path: Path) -> DecodedText:
    """Read and decode *path*, turning OS errors into InputError."""
    return decode_bytes(read_bytes(path), path)


def encode_text(decoded: DecodedText, text: str) -> bytes:
    """Encode *text* (with ``\\n`` newlines) back in the original encoding, BOM and newlines."""
    if decoded.newline != "\n":
        text = text.replace("\n", decoded.newline)
    return decoded.bom + text.encode(decoded.encoding)


def atomic_write(path: Path, data: bytes) -> None:
    """Write *data* to *path* through a temporary file and a rename, so no half file is left."""
    folder = path.parent if str(path.parent) else Path()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise InputError(path, f"cannot write: folder {folder} does not exist") from None
    except PermissionError:
        raise InputError(path, f"cannot write: permission denied in {folder}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        # mkstemp creates the file owner-only (0600); give it the mode of the file it replaces, or the
        # mode a plainly created file would get (0666 less the umask).
        try:
            mode = path.stat().st_mode & 0o7777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        Path(tmp).chmod(mode)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_like_input(doc: Document, text: str, out: Path) -> None:
    """Write *text* to *out* atomically, in the encoding, BOM and line endings *doc* was read with."""
    decoded = doc.meta["decoded"]
    assert isinstance(decoded, DecodedText)
    atomic_write(out, encode_text(decoded, text))
