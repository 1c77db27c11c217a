"""The command's manners: a progress bar on a terminal only, a report at the end."""

import io

from django.core.management import call_command

from broadsheet.importers.management.commands import import_wxr

from . import wxr


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_progress_bar_that_is_cleared_at_the_end(db, tmp_path, monkeypatch):
    monkeypatch.setattr(import_wxr.ProgressBar, "update", _always(import_wxr.ProgressBar.update))
    path = wxr.write(tmp_path, wxr.document(*(wxr.post(n) for n in range(1, 4))))
    out, err = io.StringIO(), Terminal()
    call_command("import_wxr", str(path), stdout=out, stderr=err)
    drawn = err.getvalue()
    assert "\r[" in drawn and "100%" in drawn and "3 posts and pages, 0 comments" in drawn
    assert drawn.endswith("\r\x1b[2K")  # the bar leaves no trace before the report
    assert out.getvalue().startswith("WordPress site morgenpost.example")


def test_without_a_terminal_there_is_no_progress_bar(db, tmp_path):
    path = wxr.write(tmp_path, wxr.document(wxr.post(1)))
    err = io.StringIO()
    call_command("import_wxr", str(path), stdout=io.StringIO(), stderr=err)
    assert err.getvalue() == ""


def test_the_progress_bar_follows_the_bytes_read():
    reader = import_wxr.CountingReader(io.BytesIO(b"x" * 1000))
    bar = import_wxr.ProgressBar(_Out(), total=1000, reader=reader)
    reader.read(250)
    bar.update(_report())
    assert "[#######-----------------------]  25%" in bar.out.text


def _always(update):
    def draw(self, report):
        self.drawn_at = 0.0  # no throttling in tests
        return update(self, report)

    return draw


class _Out:
    def __init__(self):
        self.text = ""

    def write(self, text, ending="\n"):
        self.text += text + ending

    def flush(self):
        pass


def _report():
    from broadsheet.importers.report import ImportReport

    return ImportReport()
