"""Give a catalogue rebuilt by ``makemessages`` the layout the committed one has.

GNU gettext (behind ``makemessages``) and polib (with which the catalogue has been edited) wrap
long strings at different places, so a rebuild rewrote every wrapped entry without changing a
word. Saving the rebuilt catalogue with polib restores the committed layout; when nothing but the
POT-Creation-Date changed, the committed file is kept as it was, so a rebuild with no new string
leaves no diff.

    python -m tools.normalise_catalogue REBUILT.po COMMITTED_COPY.po
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import polib

_CREATION_DATE = re.compile(r'^"POT-Creation-Date: [^"]*"$', re.MULTILINE)


def normalise(rebuilt: Path, committed: Path) -> bool:
    """Rewrite ``rebuilt`` in polib's layout; True if it differs from ``committed`` in more
    than its creation date (otherwise ``rebuilt`` gets ``committed``'s text back)."""
    polib.pofile(str(rebuilt)).save(str(rebuilt))
    before = committed.read_text(encoding="utf-8")
    after = rebuilt.read_text(encoding="utf-8")
    if _CREATION_DATE.sub("", before) == _CREATION_DATE.sub("", after):
        rebuilt.write_text(before, encoding="utf-8")
        return False
    return True


def main(arguments: list[str]) -> None:
    rebuilt, committed = (Path(argument) for argument in arguments)
    changed = normalise(rebuilt, committed)
    print("{}: {}".format(rebuilt, "updated" if changed else "no new or changed string"))


if __name__ == "__main__":
    main(sys.argv[1:])
