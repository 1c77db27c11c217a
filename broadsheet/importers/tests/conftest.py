"""Fixtures for the importer tests: the fixture exports, a media folder, a runner."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from broadsheet.core.testing import png_bytes

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def morgenpost() -> Path:
    """The WXR 1.2 export of "Die Morgenpost": every feature in one small file."""
    return FIXTURES / "morgenpost-wxr-1.2.xml"


@pytest.fixture
def uploads(tmp_path) -> Path:
    """A copy of wp-content/uploads with the pictures the Morgenpost export uses."""
    folder = tmp_path / "uploads"
    (folder / "2021" / "05").mkdir(parents=True)
    (folder / "2021" / "05" / "tor.png").write_bytes(png_bytes(120, 80))
    (folder / "2021" / "05" / "tor-300x200.png").write_bytes(png_bytes(60, 40))
    return folder


class ImportRun:
    def __init__(self, stdout: str, stderr: str):
        self.stdout = stdout
        self.stderr = stderr


@pytest.fixture
def run_import(db):
    """Run `import_wxr` as the command line does and return what it printed."""

    def run(path, *args) -> ImportRun:
        out, err = io.StringIO(), io.StringIO()
        call_command("import_wxr", str(path), *args, stdout=out, stderr=err)
        return ImportRun(out.getvalue(), err.getvalue())

    return run
