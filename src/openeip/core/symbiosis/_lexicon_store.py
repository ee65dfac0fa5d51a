"""The shipped taxonomy's lexicons kept between runs, beside the package's compiled code.

Building the three lexicons of the classifier (:class:`classify._Lexicon`) takes about a second
of CPU; a command that reads a small streams file spent most of its time on it (300 rows:
1.6–1.8 s, of which 0.8 s the lexicons). The first process to build one writes it into the
package's ``__pycache__`` folder, where Python keeps the bytecode of the same code; the next
ones read it (about a quarter of the time). The file's name carries a digest of everything the
lexicon is built from — the classifier's and the word reader's source files and every class's
names, synonyms and family — so any change to them builds and writes a new one (the older
file of that reading is removed). Where the folder cannot be written (a read-only install),
the lexicon is built each time, as before; a file that cannot be read is built again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

from openeip.core.symbiosis.model import ResourceClass

__all__ = ["stored"]

_FOLDER = Path(__file__).resolve().parent / "__pycache__"
#: the modules whose code decides a lexicon's content
_SOURCES = ("classify.py", "_words.py")

T = TypeVar("T")


def stored(classes: Mapping[str, ResourceClass], reading: str, build: Callable[[], T]) -> T:
    """The lexicon of ``classes`` read as ``reading``: from its file when one was written by
    the same code from the same classes, else ``build()`` (then written for the next run)."""
    path = _FOLDER / "lexicon-{}-{}.pickle".format(reading, _digest(classes, reading))
    try:
        with path.open("rb") as file:
            kept: T = pickle.load(file)  # noqa: S301 (written by this module, like __pycache__)
            return kept
    except Exception:                    # noqa: BLE001 — not there yet, or unreadable in any
        pass                             # way (a cache is never a reason to fail): built again
    lexicon = build()
    _write(path, lexicon, reading)
    return lexicon


def _digest(classes: Mapping[str, ResourceClass], reading: str) -> str:
    digest = hashlib.sha256()
    digest.update("{} {} {}\n".format(sys.version, pickle.HIGHEST_PROTOCOL, reading).encode())
    for name in _SOURCES:
        digest.update((Path(__file__).parent / name).read_bytes())
    for code in sorted(classes):
        rc = classes[code]
        digest.update("\x1e".join((code, rc.family.value, rc.name_en, rc.name_vi,
                                   "\x1f".join(rc.synonyms_en), "\x1f".join(rc.synonyms_vi))
                                  ).encode() + b"\n")
    return digest.hexdigest()[:20]


def _write(path: Path, lexicon: object, reading: str) -> None:
    """Written whole beside, then renamed (a reader never sees half a file); the older files
    of the reading removed. Nothing is said when the folder cannot be written."""
    try:
        path.parent.mkdir(exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".lexicon-")
        try:
            with os.fdopen(handle, "wb") as file:
                pickle.dump(lexicon, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.chmod(temporary, 0o644)          # readable as the bytecode beside it is
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        for older in path.parent.glob("lexicon-{}-*.pickle".format(reading)):
            if older != path:
                older.unlink(missing_ok=True)
    except OSError:
        pass
