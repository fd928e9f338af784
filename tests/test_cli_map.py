"""`conflictmap map`: its output path checked before the work and written atomically, its
tiles and attribution, and bad flags as one-line errors."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from conflictmap.cli import main


@pytest.fixture
def acled(tmp_path) -> Path:
    from benchmarks.synthetic import write_acled_like

    return write_acled_like(tmp_path / "acled.csv", 30)


def _error(capsys) -> str:
    """The one error line the run printed."""
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("conflictmap: error: ")]
    assert len(lines) == 1, err
    return lines[0]


def test_map_help_documents_tiles_and_attribution(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["map", "--help"])
    assert exc.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "{z}/{x}/{y}" in out and "--attribution TEXT" in out and "none" in out


def test_map_writes_html(acled, tmp_path, capsys):
    out = tmp_path / "new" / "map.html"
    assert main(["map", str(acled), "-o", str(out), "--tiles", "none"]) == 0
    assert "L.markerClusterGroup" in out.read_text(encoding="utf-8")
    assert "30 events mapped" in capsys.readouterr().err
    assert sorted(p.name for p in out.parent.iterdir()) == ["map.html"]  # no temporary left


@pytest.mark.parametrize("extension", [".HTML", ".htm"])
def test_map_takes_html_extensions(acled, tmp_path, extension):
    out = tmp_path / f"map{extension}"
    assert main(["map", str(acled), "-o", str(out), "--tiles", "none"]) == 0
    assert out.stat().st_size > 0


@pytest.mark.parametrize("name", ["map.png", "map", "map.geojson"])
def test_map_refuses_a_non_html_extension(acled, tmp_path, capsys, name):
    assert main(["map", str(acled), "-o", str(tmp_path / name)]) == 2
    assert "unknown extension" in _error(capsys) and not (tmp_path / name).exists()


def test_map_onto_a_folder(acled, tmp_path, capsys):
    folder = tmp_path / "maps.html"
    folder.mkdir()
    assert main(["map", str(acled), "-o", str(folder)]) == 2
    assert "is a folder" in _error(capsys)


def test_map_under_a_file(acled, tmp_path, capsys):
    assert main(["map", str(acled), "-o", str(acled / "map.html")]) == 2
    assert "is a file, not a folder" in _error(capsys)


def test_map_onto_a_read_only_file(acled, tmp_path, capsys):
    out = tmp_path / "map.html"
    out.write_text("old map", encoding="utf-8")
    out.chmod(stat.S_IRUSR)
    try:
        assert main(["map", str(acled), "-o", str(out)]) == 2
        assert "read-only" in _error(capsys)
        assert out.read_text(encoding="utf-8") == "old map"
    finally:
        out.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_the_output_is_checked_before_the_input_is_read(tmp_path, capsys):
    folder = tmp_path / "out.html"
    folder.mkdir()
    assert main(["map", str(tmp_path / "missing.txt"), "-o", str(folder)]) == 2
    assert "is a folder" in _error(capsys)


def test_a_failed_save_leaves_the_old_map(acled, tmp_path, capsys, monkeypatch):
    from conflictmap.maps import ConflictMap

    out = tmp_path / "map.html"
    out.write_text("old map", encoding="utf-8")

    def broken_save(self, path, **kwargs):
        Path(path).write_text("half a map", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ConflictMap, "save", broken_save)
    assert main(["map", str(acled), "-o", str(out)]) == 2
    assert "No space left on device" in _error(capsys)
    assert out.read_text(encoding="utf-8") == "old map"
    assert sorted(os.listdir(tmp_path)) == ["acled.csv", "map.html"]  # no temporary left


def test_map_with_a_tile_url_and_attribution(acled, tmp_path):
    out = tmp_path / "map.html"
    url = "https://tiles.example.org/{z}/{x}/{y}.png"
    assert main(["map", str(acled), "-o", str(out), "--tiles", url]) == 0
    html = out.read_text(encoding="utf-8")
    assert url in html and "Tiles: tiles.example.org" in html
    assert main(["map", str(acled), "-o", str(out), "--tiles", url,
                 "--attribution", "Example Maps"]) == 0
    assert "Example Maps" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("flags", "message"), [
    (["--tiles", "bogus"], "unknown tiles 'bogus'; choose from OpenStreetMap"),
    (["--tiles", "https://tiles.example.org/tile.png"], "not a tile URL template"),
    (["--layers", "Strikes,Bombs"], "unknown layer(s) 'Bombs'"),
])
def test_bad_map_flags_are_one_line_errors(acled, tmp_path, capsys, flags, message):
    out = tmp_path / "map.html"
    assert main(["map", str(acled), "-o", str(out), *flags]) == 2
    assert message in _error(capsys) and not out.exists()


def test_map_writes_leaflet_in_unless_cdn(acled, tmp_path):
    inline, linked = tmp_path / "inline.html", tmp_path / "linked.html"
    assert main(["map", str(acled), "-o", str(inline)]) == 0
    assert main(["map", str(acled), "-o", str(linked), "--cdn"]) == 0
    cdn = "cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
    assert cdn not in inline.read_text(encoding="utf-8")
    assert cdn in linked.read_text(encoding="utf-8")
