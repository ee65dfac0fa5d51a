"""Every command that writes a file refuses, beside its option and in the reader's language, a
file in a folder that does not exist (it was a FileNotFoundError traceback once the work was
done) — before it reads, matches or opens the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from openeip.cli import app

runner = CliRunner()
STREAMS = str(Path(__file__).resolve().parents[2] / "docs" / "examples" / "streams-en.csv")
COMMANDS = {
    "symbiosis match": ["symbiosis", "match", STREAMS, "--out", "{out}.csv"],
    "recp evaluate": ["recp", "evaluate", STREAMS, "--out", "{out}.csv"],
    "recp report": ["recp", "report", "--company", "p/A1", "--out", "{out}.pdf"],
    "finance evaluate": ["finance", "evaluate", STREAMS, "--out", "{out}.csv"],
    "finance dossier": ["finance", "dossier", "--project", "1", "--out", "{out}.pdf"],
    "services allocate": ["services", "allocate", STREAMS, "--out", "{out}.csv"],
    "eip assess": ["eip", "assess", "--park", "p", "--edition", "e", "--out", "{out}.pdf"],
    "eip annual-report": ["eip", "annual-report", "--park", "p", "--year", "2025", "--out",
                          "{out}.xlsx"],
    "template": ["template", "{out}.xlsx"],
    "export": ["export", "{out}.json", "--park", "p"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("language", ["en", "vi"])
def test_a_file_in_a_missing_folder_is_refused_beside_its_option(
        command: str, language: str, tmp_path: Path) -> None:
    out = str(tmp_path / "missing" / "file")
    args = [arg.format(out=out) for arg in COMMANDS[command]]
    result = runner.invoke(app, [*args, "--lang", language])
    said = " ".join(result.output.replace("│", " ").split())       # the error box wraps
    expected = ("does not exist; create it or name another" if language == "en"
                else "không tồn tại; hãy tạo thư mục đó hoặc chọn thư mục khác")
    assert result.exit_code == 2 and expected in said, result.output
    assert "/missing" in said.replace(" ", "") and not (tmp_path / "missing").exists()
