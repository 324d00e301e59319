"""The Simplified Chinese UI translation is complete: no English string left in a Chinese window."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from checks.context import resource_path


def test_every_ui_string_has_a_chinese_translation() -> None:
    root = ET.parse(resource_path("i18n", "lintra_zh_CN.ts")).getroot()
    missing = [
        m.findtext("source")
        for m in root.iter("message")
        if (t := m.find("translation")) is not None
        and t.get("type") not in ("obsolete", "vanished")
        and (t.get("type") == "unfinished" or not (t.text or "".join(n.text or "" for n in t.iter("numerusform"))))
    ]
    assert missing == []
    assert len(list(root.iter("message"))) > 100
