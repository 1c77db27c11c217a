"""A fresh install without dev extras: setup, import a WordPress export, serve.

Run with the python of a venv made by `uv sync --frozen --no-dev --no-editable` (see
.ci/run): anything Broadsheet imports at run time but does not declare fails here.
Usage: python scripts/ci-fresh-install.py WXR_FILE
"""

import sys
import tempfile
from pathlib import Path

import broadsheet
from broadsheet.core import e2e

ARTICLE_URL = (
    "from broadsheet.publishing.models import Article;"
    "print(Article.objects.published().order_by('pk').first().get_absolute_url())"
)


def main(wxr: str) -> None:
    if not Path(broadsheet.__file__).is_relative_to(sys.prefix):
        raise SystemExit(f"broadsheet comes from {broadsheet.__file__}, not from this venv")
    for module in ("pytest", "playwright", "time_machine"):
        try:
            __import__(module)
        except ImportError:
            continue
        raise SystemExit(f"{module} is installed: this is not an install without dev extras")
    with tempfile.TemporaryDirectory() as data_dir:
        env = e2e.server_environment(Path(data_dir))
        print(e2e.prepare_data_dir(env, demo=False), end="")
        print(e2e.run_command(env, "import_wxr", wxr), end="")
        path = e2e.run_command(env, "shell", "-c", ARTICLE_URL).strip().splitlines()[-1]
        server = e2e.start_server(env)
        try:
            for url, expected in ((server.url("/readyz"), 200), (server.url(path), 200)):
                with e2e.fetch(url, headers={"Host": "127.0.0.1"}) as response:
                    body = response.read()
                    print(f"GET {url}: {response.status}, {len(body)} bytes")
                    assert response.status == expected, body[:500]
            with e2e.fetch(server.url(path)) as response:
                page = response.read().decode()
            stylesheet = page.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
            with e2e.fetch(server.url(stylesheet)) as response:
                print(f"GET {stylesheet}: {response.status}")
                assert response.status == 200
        finally:
            server.stop()
        assert "Traceback" not in server.output(), server.output()
    print("Fresh install without dev extras: setup, import_wxr and serve work")


if __name__ == "__main__":
    main(*sys.argv[1:])
