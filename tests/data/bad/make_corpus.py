"""Regenerate the corpus of bad and awkward input files in this folder (run: python tests/data/bad/make_corpus.py).

Every file is small and deterministic; tests/test_bad_input.py says what Lintra must answer for each.
Files that need absolute paths, special files or a huge size are made by the tests themselves.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

HERE = Path(__file__).parent

XLIFF_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
    '<file source-language="zh-CN" target-language="en" datatype="plaintext" original="x">\n<body>\n'
)
EN = "The talks ended on Monday without an agreement."
ZH = "会谈于周一结束，未能达成协议。"
ACCENTED = "The café served crème brûlée to the naïve critic."


def _docx(extra: dict[str, bytes] | None = None) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(EN)
    buffer = io.BytesIO()
    document.save(buffer)
    if not extra:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info, source.read(info.filename))
        for name, data in extra.items():
            archive.writestr(name, data)
    return out.getvalue()


def _zip_not_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "just a zip")
    return out.getvalue()


FILES: dict[str, bytes] = {
    # Empty and binary
    "empty.txt": b"",
    "empty.po": b"",
    "empty.csv": b"",
    "empty.xlf": b"",
    "empty.docx": b"",
    "binary.txt": bytes(range(256)) * 8,
    "png-renamed.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00",
    # Not the format the extension claims
    "text-named.xlf": f"{EN}\n".encode(),
    "text-named.docx": f"{EN}\n".encode(),
    "zip-not-docx.docx": _zip_not_docx(),
    "garbage.po": b"this is not a PO file\nat all\n",
    "html-named.xlf": b"<html><body><p>Hello</p></body></html>\n",
    # Truncated or malformed
    "truncated.xlf": (XLIFF_HEAD + f'<trans-unit id="1"><source>{ZH}</source><target>The talks').encode(),
    "truncated.tmx": f'<tmx version="1.4"><header srclang="zh"/><body><tu><tuv xml:lang="zh"><seg>{ZH}'.encode(),
    "truncated.ts": b'<?xml version="1.0"?>\n<TS version="2.1" language="en">\n<context>\n<name>Main</name>\n<message>\n<source>',
    "mismatched-tags.xlf": (XLIFF_HEAD + f'<trans-unit id="1"><source>{ZH}</target></trans-unit></body></file></xliff>').encode(),
    "truncated.po": f'msgid "{ZH}"\nmsgstr "The talks ended\n'.encode(),
    "msgid-without-msgstr.po": f'msgid "a"\nmsgstr "b"\n\nmsgid "{ZH}"\n'.encode(),
    "bad-plural-index.po": b'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[x] "c"\n',
    "unterminated-quote.csv": f'source,target\n{ZH},"{EN}\n'.encode(),
    "junk-after-quote.csv": f'source,target\n"{ZH}"x,{EN}\n'.encode(),
    "xliff-without-file.xlf": b'<?xml version="1.0"?>\n<xliff version="1.2"/>\n',
    "ts-context-without-name.ts": b'<TS version="2.1"><context><message><source>a</source>'
                                  b"<translation>b</translation></message></context></TS>",
    "undefined-entity.xlf": (
        XLIFF_HEAD + '<trans-unit id="1"><source>&nbsp;</source></trans-unit></body></file></xliff>'
    ).encode(),
    "unknown-encoding.xlf": b'<?xml version="1.0" encoding="klingon"?><xliff version="1.2"/>',
    # Encodings refused with the reason
    "utf8-bom-then-invalid.txt": b"\xef\xbb\xbfThe talks \xff\xfe ended.",
    "po-unknown-charset.po": b'msgid ""\nmsgstr "Content-Type: text/plain; charset=klingon\\n"\n\nmsgid "a"\nmsgstr "b"\n',
    "po-wrong-charset.po": b'msgid ""\nmsgstr "Content-Type: text/plain; charset=ascii\\n"\n\nmsgid "a"\nmsgstr "caf\xc3\xa9"\n',
    # XML attacks: nothing may be read or expanded
    "xxe-file.xlf": (
        '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        + XLIFF_HEAD.split("\n", 1)[1] + '<trans-unit id="1"><source>a</source><target>&xxe;</target></trans-unit>'
        "</body></file></xliff>\n"
    ).encode(),
    "billion-laughs.tmx": (
        '<?xml version="1.0"?>\n<!DOCTYPE tmx [\n<!ENTITY lol "lol">\n'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10))
        + ']>\n<tmx version="1.4"><header srclang="zh"/><body><tu><tuv xml:lang="en"><seg>&lol9;</seg></tuv></tu></body></tmx>\n'
    ).encode(),
    "parameter-entity.ts": b'<?xml version="1.0"?>\n<!DOCTYPE TS [<!ENTITY % ext SYSTEM "http://example.invalid/x.dtd"> %ext;]>\n'
                           b'<TS version="2.1"><context><name>c</name></context></TS>\n',
    "xxe-utf16.tbx": (
        '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE martif [<!ENTITY a "EXPANDED">]>\n<martif type="TBX"><text><body>'
        '<termEntry id="c1"><langSet xml:lang="en"><tig><term>&a;</term></tig></langSet></termEntry></body></text></martif>\n'
    ).encode("utf-16"),
    # Archives
    "zip-bomb.docx": _docx({"word/media/padding.bin": b"\0" * (40 * 1024 * 1024)}),
    "path-traversal.docx": _docx({"../../../tmp/lintra-evil.txt": b"owned"}),
    "absolute-path.docx": _docx({"/etc/lintra-evil.txt": b"owned"}),
    # User rule packs, termbases and configuration with errors
    "pack-invalid-yaml.yaml": b"pack: house\nrules:\n  - code: US001\n    id: [unclosed\n",
    "pack-bad-regex.yaml": (
        b"pack: house\nrules:\n  - code: US001\n    id: x\n    kind: pattern\n    title: t\n"
        b"    category: Style/Unnatural or awkward\n    severity: minor\n    message: m\n    patterns: ['(unclosed']\n"
    ),
    "pack-nested-quantifier.yaml": (
        b"pack: house\nrules:\n  - code: US001\n    id: ok\n    kind: pattern\n    title: t\n"
        b"    category: Style/Unnatural or awkward\n    severity: minor\n    message: m\n    patterns: ['colou?r']\n"
        b"  - code: US002\n    id: evil\n    kind: pattern\n    title: t\n"
        b"    category: Style/Unnatural or awkward\n    severity: minor\n    message: m\n    patterns: ['(\\w+\\s?)+$']\n"
    ),
    "pack-slow-regex.yaml": (
        b"pack: house\nrules:\n  - code: US001\n    id: slow\n    kind: pattern\n    title: t\n"
        b"    category: Style/Unnatural or awkward\n    severity: minor\n    message: m\n    patterns: ['(a|aa)+$']\n"
    ),
    "pack-latin1.yaml": "pack: house\n# café\nrules: []\n".encode("latin-1"),
    "termbase-extra-cell.csv": f"source,preferred,deprecated\n{ZH},talks,discussions\n会议,meeting,conference,extra\n".encode(),
    "termbase-no-preferred.csv": b"source,wrong\nx,y\n",
    "termbase-malformed.tbx": b'<martif type="TBX"><text><body><termEntry id="c1">\n<langSet xml:lang="en">\n</body></martif>\n',
    "config-invalid.toml": b'[lintra]\nselect = ["TE"\nignore = []\n',
    # Awkward but valid: must decode correctly (the expected text is in the test)
    "enc-utf8.txt": f"{EN} {ZH}\n".encode(),
    "enc-utf8-bom.txt": b"\xef\xbb\xbf" + f"{EN} {ZH}\n".encode(),
    "enc-utf16le-bom.txt": f"\ufeff{EN} {ZH}\r\n".encode("utf-16-le"),
    "enc-utf16be-bom.txt": f"\ufeff{EN} {ZH}\n".encode("utf-16-be"),
    "enc-utf16le-nobom.txt": f"{EN} {ZH}\n".encode("utf-16-le"),
    "enc-gb18030.txt": f"{ZH}中华人民共和国政府今天宣布了新的经济政策。\n".encode("gb18030"),
    "enc-big5.txt": "會談於週一結束，未能達成協議。中華民國政府今天宣布新的經濟政策。\n".encode("big5"),
    "enc-latin1.txt": f"{ACCENTED}\n".encode("latin-1"),
    "enc-mixed-newlines.txt": b"First line.\r\nSecond line.\nThird line.\rFourth line.\n",
}


def main() -> None:
    """Write every corpus file next to this script."""
    for name, data in FILES.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
