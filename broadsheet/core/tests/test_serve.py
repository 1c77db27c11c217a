"""`broadsheet serve` runs the real server: granian workers, WhiteNoise, clean shutdown.

One server is started for the module (core/e2e.py), in a subprocess against its own
SQLite data folder prepared by `broadsheet setup --no-demo`. What readers get from the
default configuration with the demo (idle sockets, browsers) is in test_real_server.py.
"""

import re
import signal
import subprocess

import pytest

from broadsheet.core import e2e

SHUTDOWN_SECONDS = 10


def fetch(url: str):
    return e2e.fetch(url, timeout=5)


@pytest.fixture(scope="module")
def server_env(tmp_path_factory):
    env = e2e.server_environment(tmp_path_factory.mktemp("serve-data"))
    e2e.prepare_data_dir(env, demo=False)
    return env


@pytest.fixture(scope="module")
def server(server_env):
    server = e2e.start_server(server_env, extra_args=("--workers", "1"))
    try:
        yield server.process, server.base_url
    finally:
        server.stop()


def test_it_serves_the_front_page_with_a_content_security_policy(server):
    _, base_url = server
    with fetch(base_url + "/") as response:
        assert response.status == 200
        assert "script-src" in response.headers["Content-Security-Policy"]


def test_it_serves_the_stylesheet_the_page_links_to(server):
    _, base_url = server
    with fetch(base_url + "/") as response:
        html = response.read().decode()
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+\.css)"', html).group(1)

    with fetch(base_url + stylesheet) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/css")
        assert "max-age" in response.headers["Cache-Control"]


def test_it_serves_uploaded_media_but_nothing_outside_them(server, server_env):
    _, base_url = server
    # Uploaded after start (a file Django's view finds, not one read at start-up).
    made = e2e.run_command(
        server_env,
        "shell",
        "-c",
        "from broadsheet.core.testing import make_image; print('URL', make_image().file.url)",
    )
    url = re.search(r"URL (\S+)", made).group(1)

    with fetch(base_url + url) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "image/png"
    assert fetch(base_url + "/media/%2e%2e/secret_key").status == 404


def test_sigterm_stops_the_server_and_its_workers_within_seconds(server):
    process, base_url = server
    process.send_signal(signal.SIGTERM)

    assert process.wait(timeout=SHUTDOWN_SECONDS) == 0
    with pytest.raises(OSError):
        fetch(base_url + "/")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--header-timeout", "61"), "--header-timeout must be between 1 and 60 seconds"),
        (("--threads", "4", "--connections", "2"), "--connections must be at least --threads"),
    ],
)
def test_it_refuses_settings_that_could_not_hold_connections(server_env, args, message):
    done = subprocess.run(
        e2e.broadsheet_command("serve", "--port", str(e2e.free_port()), *args),
        env=server_env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode != 0
    assert message in done.stderr
