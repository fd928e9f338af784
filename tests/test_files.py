"""Output paths: checked before the work, written atomically."""
from __future__ import annotations

import os

import pytest

from conflictmap._files import prepare_output, replacing
from conflictmap.exceptions import BadInput


@pytest.mark.parametrize("name, message", [
    ("a-folder", "is a folder"),            # a folder is named as one, whatever its suffix
    ("a-folder.csv", "is a folder"),
    ("a-file/under.csv", "a-file is a file, not a folder"),
    ("read-only.csv", "a read-only file"),
    ("out.xlsx", "unknown extension '.xlsx'"),
])
def test_what_cannot_be_written_is_said_in_one_line(tmp_path, name, message):
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "a-folder.csv").mkdir()
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    (tmp_path / "read-only.csv").write_text("x", encoding="utf-8")
    os.chmod(tmp_path / "read-only.csv", 0o444)
    with pytest.raises(BadInput, match=message) as info:
        prepare_output(tmp_path / name, suffixes={".csv"})
    assert "\n" not in str(info.value)


def test_missing_folders_are_made_and_nothing_is_left_behind(tmp_path):
    target = tmp_path / "a" / "b" / "out.csv"
    assert prepare_output(target, suffixes={".csv"}) == target
    assert list(target.parent.iterdir()) == []  # the probe file is gone


def test_an_interrupted_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), replacing(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("killed")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
