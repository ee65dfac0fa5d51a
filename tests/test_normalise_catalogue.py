"""`make messages` keeps the catalogue's layout: a rebuild with no new string leaves no diff."""

from __future__ import annotations

from pathlib import Path

from tools.normalise_catalogue import normalise

HEADER = '''# Vietnamese translations of OpenEIP.
msgid ""
msgstr ""
"Project-Id-Version: OpenEIP\\n"
"POT-Creation-Date: {date}\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

'''
# How polib (the committed file) and GNU gettext (makemessages) wrap the same entry.
POLIB_ENTRY = '''#: cli/generate.py
msgid ""
"Write synthetic parks, one interchange file per park, into a directory."
msgstr ""
"Ghi các KCN tổng hợp (dữ liệu giả lập) vào một thư mục, mỗi KCN một tệp trao"
" đổi dữ liệu."
'''
GNU_ENTRY = '''#: cli/generate.py
msgid "Write synthetic parks, one interchange file per park, into a directory."
msgstr ""
"Ghi các KCN tổng hợp (dữ liệu giả lập) vào một thư mục, mỗi KCN một tệp trao "
"đổi dữ liệu."
'''
NEW_ENTRY = '''
#: web/templates/base.html
msgid "Menu"
msgstr ""
'''


def _files(tmp_path: Path, rebuilt_text: str) -> tuple[Path, Path]:
    committed = tmp_path / "committed.po"
    committed.write_text(HEADER.format(date="2026-11-28 14:09+0700") + POLIB_ENTRY,
                         encoding="utf-8")
    rebuilt = tmp_path / "django.po"
    rebuilt.write_text(rebuilt_text, encoding="utf-8")
    return rebuilt, committed


def test_a_rebuild_with_no_new_string_gives_back_the_committed_file(tmp_path):
    rebuilt, committed = _files(tmp_path, HEADER.format(date="2026-12-06 11:41+0700")
                                + GNU_ENTRY)
    assert normalise(rebuilt, committed) is False
    assert rebuilt.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8")


def test_a_new_string_is_added_and_the_old_entries_keep_their_layout(tmp_path):
    rebuilt, committed = _files(tmp_path, HEADER.format(date="2026-12-06 11:41+0700")
                                + GNU_ENTRY + NEW_ENTRY)
    assert normalise(rebuilt, committed) is True
    text = rebuilt.read_text(encoding="utf-8")
    assert POLIB_ENTRY in text and 'msgid "Menu"' in text
