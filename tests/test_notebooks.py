"""The notebooks in notebooks/ run top to bottom, and are committed without outputs.

Each notebook is executed with nbclient in a fresh kernel, in notebooks/ as its working
directory (as Jupyter would), with a 600 s limit per cell; any error fails the test.

Which Python runs the kernel: the ``python3`` kernelspec found on the machine may point
at another interpreter (a bare ``python`` on PATH, a system Jupyter), where conflictmap
is missing or is another copy. So the test writes a ``python3`` kernelspec of its own into
a temporary directory, with ``argv`` ``[sys.executable, "-m", "ipykernel_launcher", ...]``,
and gives nbclient a ``KernelManager`` whose ``KernelSpecManager`` looks in that directory
only. Nothing is registered globally and no environment variable is changed; the kernel
inherits this process's environment, so ``CONFLICTMAP_CACHE_DIR`` (the gazetteer cache)
reaches it. A probe cell appended to the executed copy checks the kernel's interpreter
and that variable.

The kernel gets no network: a cell put first in the executed copy makes any connection
other than to the loopback interface or a Unix socket raise, as `conftest._no_network`
does for the tests themselves (the maps are only rendered to HTML, never loaded).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

ROOT = Path(__file__).parents[1]
NOTEBOOKS = ROOT / "notebooks"
NAMES = ("explore.ipynb", "acled.ipynb")
CELL_TIMEOUT = 600

NO_NETWORK = '''
import socket as _socket

_connect = _socket.socket.connect

def _local_only(self, address, *args):
    if self.family == getattr(_socket, "AF_UNIX", None) or (
            isinstance(address, tuple) and address[0] in ("127.0.0.1", "::1", "localhost")):
        return _connect(self, address, *args)
    raise AssertionError(f"a notebook tried to use the network: {address!r}")

_socket.socket.connect = _local_only
del _local_only
'''
PROBE = '''
import os as _os, sys as _sys
print(repr(_sys.executable))
print(repr(_os.environ.get("CONFLICTMAP_CACHE_DIR")))
'''


@pytest.fixture(scope="module")
def kernel_dir(tmp_path_factory) -> Path:
    """A directory holding one kernelspec, ``python3``, that runs this interpreter."""
    kernels = tmp_path_factory.mktemp("jupyter") / "kernels"
    spec = kernels / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (conflictmap tests)",
        "language": "python",
    }), encoding="utf-8")
    return kernels


def _execute(name: str, kernel_dir: Path):
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(NO_NETWORK))
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    specs = KernelSpecManager(kernel_dirs=[str(kernel_dir)])
    km = KernelManager(kernel_name="python3", kernel_spec_manager=specs)
    assert km.kernel_spec.argv[0] == sys.executable
    client = nbclient.NotebookClient(
        nb, km=km, kernel_name="python3", timeout=CELL_TIMEOUT,
        resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()  # raises CellExecutionError on the first cell that fails
    return nb


def _text(output) -> str:
    if output.get("output_type") == "stream":
        return output.get("text", "")
    return output.get("data", {}).get("text/plain", "")


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs(name, kernel_dir):
    nb = _execute(name, kernel_dir)

    probe = "".join(_text(o) for o in nb.cells[-1].outputs).splitlines()
    assert probe[0] == repr(sys.executable), "the kernel ran another Python"
    assert probe[1] == repr(os.environ.get("CONFLICTMAP_CACHE_DIR"))

    errors = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs
              if o.get("output_type") == "error"]
    assert not errors

    # Each map cell shows the map: HTML with Leaflet in it, not an empty frame.
    maps = [cell for cell in nb.cells if cell.cell_type == "code"
            and any("make_map(" in line or line.endswith("_map") or line == "custom"
                    for line in cell.source.strip().splitlines()[-1:])]
    assert len(maps) >= 2
    for cell in maps:
        html = "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs
                       if o.get("output_type") == "execute_result")
        assert "leaflet" in html.lower(), cell.source
        assert len(html) > 10_000, cell.source

    # The charts rendered to images without a display.
    images = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs
              if "image/png" in o.get("data", {})]
    assert len(images) >= 2


@pytest.mark.parametrize("name", NAMES)
def test_notebook_committed_without_outputs(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code
    for cell in code:
        assert cell.outputs == [], f"{name}: a cell has outputs: {cell.source[:60]!r}"
        assert cell.execution_count is None, f"{name}: a cell has an execution count"
