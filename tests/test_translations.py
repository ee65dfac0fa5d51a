"""The Vietnamese catalogue is complete: every string marked in the code is translated.

``make messages`` rebuilds the catalogue from the sources; these tests fail when someone adds a
user-facing string and forgets to translate it, or edits the .po without compiling the .mo.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "openeip"
PO = PACKAGE / "locale" / "vi" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _catalogue() -> polib.POFile:
    return polib.pofile(str(PO))


def test_every_entry_of_the_vietnamese_catalogue_is_translated_and_not_fuzzy():
    catalogue = _catalogue()
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_the_compiled_catalogue_matches_its_source():
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(MO))}
    for entry in _catalogue().translated_entries():
        if entry.msgid_plural:
            continue
        assert compiled.get((entry.msgctxt, entry.msgid)) == entry.msgstr, entry.msgid


def test_translated_placeholders_match_the_english_ones():
    import re

    placeholder = re.compile(r"\{[a-z_]*\}|%\([a-z_]+\)[sd]")
    for entry in _catalogue().translated_entries():
        if entry.msgid_plural:
            continue
        assert sorted(placeholder.findall(entry.msgid)) == sorted(
            placeholder.findall(entry.msgstr)
        ), entry.msgid


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is installed by make")
def test_every_marked_string_in_the_sources_is_in_the_catalogue(tmp_path):
    copy = tmp_path / "openeip"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("static", "__pycache__"))
    # The copy's own locale folder, so the real catalogue is never written to; emptied, so
    # makemessages writes what it extracts as is instead of merging it into the old catalogue
    # (msgmerge's fuzzy matching took minutes): the msgids are the same either way.
    shutil.rmtree(copy / "locale" / "vi" / "LC_MESSAGES")
    (tmp_path / "copy_settings.py").write_text(
        "from openeip.web.settings import *  # noqa\nLOCALE_PATHS = [{!r}]\n".format(
            str(copy / "locale")))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "vi", "--no-obsolete",
         "--add-location", "never", "--ignore", "web/static/*"],
        cwd=copy, check=True, capture_output=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path),
             "DJANGO_SETTINGS_MODULE": "copy_settings"},
    )
    fresh = polib.pofile(str(copy / "locale" / "vi" / "LC_MESSAGES" / "django.po"))
    known = {x.msgid for x in _catalogue()}  # read once (polib takes a while per read)
    missing = sorted(e.msgid for e in fresh if e.msgid and e.msgid not in known)
    assert missing == []
