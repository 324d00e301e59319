"""TBX termbases: TBX-Basic/v2 and v3 files give source, preferred and deprecated terms; unsafe XML is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.errors import InputError
from checks.tbx import read_tbx
from checks.termbase import read_termbase_file

TBX_V2 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en">
 <text><body>
  <termEntry id="c1">
   <descrip type="definition">Franco-British grouping backing Ukraine</descrip>
   <langSet xml:lang="zh-CN"><tig><term>自愿联盟</term></tig></langSet>
   <langSet xml:lang="en-GB">
    <tig><term>coalition of the willing</term>
     <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    <tig><term>volunteer alliance</term>
     <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
    <tig><term>willing coalition</term>
     <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
   </langSet>
  </termEntry>
  <termEntry id="c2">
   <langSet xml:lang="fr"><tig><term>sommet</term></tig></langSet>
  </termEntry>
 </body></text>
</martif>
"""

TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
 <text><body>
  <conceptEntry id="gsi">
   <langSec xml:lang="zh"><termSec><term>全球安全倡议</term></termSec></langSec>
   <langSec xml:lang="en">
    <termSec><term>Global Safety Initiative</term>
     <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
    <termSec><term>Global Security Initiative</term>
     <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
   </langSec>
  </conceptEntry>
 </body></text>
</tbx>
"""


def _write(tmp_path: Path, text: str, name: str = "terms.tbx") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_tbx_v2_preferred_deprecated_and_source(tmp_path: Path) -> None:
    entries = read_tbx(_write(tmp_path, TBX_V2))
    assert len(entries) == 1  # the concept without English is skipped
    entry = entries[0]
    assert entry.source == ("自愿联盟",)
    assert entry.preferred == "coalition of the willing"
    assert entry.deprecated == ("volunteer alliance",)
    assert "Ukraine" in entry.note


def test_tbx_v3_lang_sections(tmp_path: Path) -> None:
    path = _write(tmp_path, TBX_V3)
    (entry,) = read_tbx(path)
    assert entry.source == ("全球安全倡议",)
    assert entry.preferred == "Global Security Initiative"
    assert entry.deprecated == ("Global Safety Initiative",)


def test_termbase_loader_dispatches_tbx(tmp_path: Path) -> None:
    (entry,) = read_termbase_file(_write(tmp_path, TBX_V2))
    assert entry.preferred == "coalition of the willing"


@pytest.mark.parametrize(
    "text",
    [
        '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">]><martif>&a;</martif>',
        '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><martif>&x;</martif>',
    ],
)
def test_entities_are_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(InputError, match="unsafe"):
        read_tbx(_write(tmp_path, text))


def test_broken_xml_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="well-formed"):
        read_tbx(_write(tmp_path, "<martif><text>"))
