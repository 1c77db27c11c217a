"""`broadsheet serve` runs the real server: granian workers, WhiteNoise, clean shutdown.

One server is started for the module, in a subprocess against its own SQLite data
folder prepared by `broadsheet setup --no-demo`.
"""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

STARTUP_SECONDS = 30
SHUTDOWN_SECONDS = 10


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def broadsheet(*args: str) -> list[str]:
    return [sys.executable, "-m", "broadsheet.cli", *args]


def fetch(url: str):
    try:
        return urllib.request.urlopen(url, timeout=5)
    except urllib.error.HTTPError as error:
        return error


def wait_until_serving(process: subprocess.Popen, url: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"broadsheet serve exited early:\n{process.stdout.read()}")
        try:
            fetch(url).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"broadsheet serve did not answer within {STARTUP_SECONDS} s")


@pytest.fixture(scope="module")
def server_env(tmp_path_factory):
    env = {**os.environ, "BROADSHEET_DATA_DIR": str(tmp_path_factory.mktemp("serve-data"))}
    # Its own SQLite file and cache, whatever the suite around it runs against.
    for name in ("DATABASE_URL", "REDIS_URL", "DEBUG", "PORT", "WEB_CONCURRENCY"):
        env.pop(name, None)
    subprocess.run(
        broadsheet("setup", "--no-demo"), env=env, check=True, capture_output=True, timeout=120
    )
    return env


@pytest.fixture(scope="module")
def server(server_env):
    port = free_port()
    process = subprocess.Popen(
        broadsheet("serve", "--port", str(port), "--workers", "1"),
        env=server_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        # Its own process group: killing it takes granian's workers along.
        start_new_session=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(process, base_url + "/")
        yield process, base_url
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=SHUTDOWN_SECONDS)
    # A worker that outlived its supervisor would keep the port: it goes too.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    process.stdout.close()


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
    media = os.path.join(server_env["BROADSHEET_DATA_DIR"], "media", "images")
    os.makedirs(media, exist_ok=True)
    with open(os.path.join(media, "uploaded-after-start.png"), "wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n")

    with fetch(base_url + "/media/images/uploaded-after-start.png") as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "image/png"
    assert fetch(base_url + "/media/%2e%2e/secret_key").status == 404


def test_sigterm_stops_the_server_and_its_workers_within_seconds(server):
    process, base_url = server
    process.send_signal(signal.SIGTERM)

    assert process.wait(timeout=SHUTDOWN_SECONDS) == 0
    with pytest.raises(OSError):
        fetch(base_url + "/")
