"""``.ci/outdated.py``: which pins fall behind, read from a pyproject, without asking a real index."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / ".ci" / "outdated.py"
spec = importlib.util.spec_from_file_location("ci_outdated", SCRIPT)
outdated = importlib.util.module_from_spec(spec)
spec.loader.exec_module(outdated)

PYPROJECT = """
[project]
name = "x"
dependencies = [
  "Django==5.2.19",          # reason
  "psycopg[binary]==3.2.9",  # extras are dropped from the name
  "unpinned>=1",
]
[project.optional-dependencies]
test = ["pytest==9.2.0"]
"""


def test_pins_reads_runtime_and_extras(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text(PYPROJECT, encoding="utf-8")
    assert outdated.pins(path) == {"Django": "5.2.19", "psycopg": "3.2.9", "pytest": "9.2.0"}


def test_behind_lists_only_older_pins():
    releases = {"Django": "5.2.20", "psycopg": "3.2.9", "pytest": "9.10.0", "ruff": None}
    pinned = {"Django": "5.2.19", "psycopg": "3.2.9", "pytest": "9.2.0", "ruff": "0.17.6"}
    lines, answered = outdated.behind(pinned, lookup=releases.get)
    assert answered
    assert lines == ["Django pinned 5.2.19, latest 5.2.20", "pytest pinned 9.2.0, latest 9.10.0"]


def test_unreachable_index_is_not_an_error(capsys, monkeypatch, tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text(PYPROJECT, encoding="utf-8")
    monkeypatch.setattr(outdated, "latest", lambda name: None)
    assert outdated.main(["outdated.py", str(path)]) == 0
    assert "Không hỏi được chỉ mục gói" in capsys.readouterr().out
