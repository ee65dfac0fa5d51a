"""The shipped taxonomy's lexicons kept between runs (core/symbiosis/_lexicon_store.py): read
back as built, built again when a class changes, and never a failure when the folder cannot
be written or a file is damaged."""

from __future__ import annotations

from dataclasses import replace

import pytest

from openeip.core.symbiosis import _lexicon_store
from openeip.core.symbiosis.classify import Classifier
from openeip.core.symbiosis.taxonomy import load_taxonomy


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setattr(_lexicon_store, "_FOLDER", tmp_path / "__pycache__")
    return tmp_path / "__pycache__"


def _builder(value: object, calls: list[str]):
    def build() -> object:
        calls.append("built")
        return value
    return build


def test_a_lexicon_is_built_once_then_read_back(folder) -> None:
    classes = load_taxonomy().classes
    calls: list[str] = []
    first = _lexicon_store.stored(classes, "folded", _builder({"ash": (1.0,)}, calls))
    second = _lexicon_store.stored(classes, "folded", _builder({"other": ()}, calls))
    assert calls == ["built"]
    assert first == second == {"ash": (1.0,)}
    assert [p.name.split("-")[1] for p in folder.glob("lexicon-*.pickle")] == ["folded"]


def test_a_changed_class_builds_again_and_the_older_file_goes(folder) -> None:
    classes = dict(load_taxonomy().classes)
    calls: list[str] = []
    _lexicon_store.stored(classes, "folded", _builder("before", calls))
    fly_ash = classes["fly_ash"]
    classes["fly_ash"] = replace(fly_ash, synonyms_en=(*fly_ash.synonyms_en, "pond ash fines"))
    assert _lexicon_store.stored(classes, "folded", _builder("after", calls)) == "after"
    assert calls == ["built", "built"]
    assert len(list(folder.glob("lexicon-folded-*.pickle"))) == 1
    # another reading of the same classes has a file of its own
    _lexicon_store.stored(classes, "toned", _builder("toned", calls))
    assert len(list(folder.glob("lexicon-*.pickle"))) == 2


def test_a_damaged_file_is_built_again(folder) -> None:
    classes = load_taxonomy().classes
    calls: list[str] = []
    _lexicon_store.stored(classes, "english", _builder("good", calls))
    [path] = folder.glob("lexicon-english-*.pickle")
    path.write_bytes(path.read_bytes()[:10])                    # cut short: EOFError
    assert _lexicon_store.stored(classes, "english", _builder("good", calls)) == "good"
    path.write_bytes(b"\x80\x09 written by a later pickle")    # ValueError: protocol 9
    assert _lexicon_store.stored(classes, "english", _builder("good", calls)) == "good"
    assert calls == ["built", "built", "built"]


def test_a_folder_that_cannot_be_written_only_costs_the_build(tmp_path, monkeypatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setattr(_lexicon_store, "_FOLDER", blocked / "__pycache__")
    calls: list[str] = []
    for _ in range(2):
        assert _lexicon_store.stored(load_taxonomy().classes, "folded",
                                     _builder("built each time", calls)) == "built each time"
    assert calls == ["built", "built"]


def test_the_classifier_reads_back_the_lexicons_it_built(folder, monkeypatch) -> None:
    from openeip.core.symbiosis import classify

    monkeypatch.setattr(classify, "_LEXICONS", {})
    built = Classifier()
    built.prepare()                         # built and written
    assert len(list(folder.glob("lexicon-*.pickle"))) == 3

    def no_build(self, reading):
        raise AssertionError("built again: " + reading.value)

    monkeypatch.setattr(classify, "_LEXICONS", {})
    monkeypatch.setattr(Classifier, "_build_lexicon", no_build)
    read = Classifier()
    read.prepare()                          # from the files
    for mine, theirs in ((read._lexicon, built._lexicon), (read._toned, built._toned),
                         (read._english, built._english)):
        assert mine is not theirs
        assert (mine.index, mine.idf, mine.longest, mine.grams) == (
            theirs.index, theirs.idf, theirs.longest, theirs.grams)
    for text in ("Tro bay từ lò hơi đốt than, 300 tấn/tháng", "spent grain from the brewery",
                 "bun thai xu ly nuoc"):
        assert read.classify(text) == built.classify(text)
    # a taxonomy given by the caller (a park's own, a test's) is never kept on disk
    monkeypatch.setattr(classify, "_LEXICONS", {})
    with pytest.raises(AssertionError, match="built again: folded"):
        Classifier(load_taxonomy())
