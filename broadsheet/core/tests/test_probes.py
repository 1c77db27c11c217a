"""/healthz and /readyz: what a load balancer probing each node by IP address gets."""

import json

import pytest
from django.test import Client

from broadsheet.core import e2e

from .outage import HangingServer, refused_url
from .test_cache_outage import redis_caches


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
@pytest.mark.parametrize("host", ["10.0.3.7:8000", "[fd00::7]", "node-b.internal"])
def test_probes_answer_whatever_the_host_header(client, db, path, host):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.headers["Cache-Control"] == "no-store"
    assert not response.cookies


def test_other_paths_still_refuse_a_host_that_is_not_allowed(client, db):
    assert client.get("/", HTTP_HOST="10.0.3.7").status_code == 400


def test_liveness_touches_no_database(client):
    # No db fixture: pytest-django makes any query here an error.
    assert client.get("/healthz").status_code == 200


def test_readiness_reports_database_and_cache(client, db):
    assert client.get("/readyz").json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.parametrize("broken", ["refused", "hanging"])
def test_readiness_is_503_while_the_cache_is_unreachable(settings, db, broken):
    with HangingServer() as server:
        settings.CACHES = redis_caches(refused_url() if broken == "refused" else server.url())
        response = Client().get("/readyz", HTTP_HOST="10.0.3.7")
        assert response.status_code == 503
        assert response.json() == {
            "status": "unavailable",
            "database": "ok",
            "cache": "unavailable",
        }
        # Pages still serve: readiness says what is missing, it does not take the site down.
        assert Client().get("/").status_code == 200


def test_readiness_tells_a_real_server_without_its_database(tmp_path):
    # A node whose PostgreSQL is unreachable is alive but not ready; it answers fast.
    env = e2e.server_environment(
        tmp_path,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{e2e.free_port()}/broadsheet",
        BROADSHEET_DB_CONNECT_TIMEOUT="2",
    )
    server = e2e.start_server(env, extra_args=("--no-worker",))
    try:
        assert e2e.fetch(server.url("/healthz"), headers={"Host": "10.0.3.7"}).status == 200
        response = e2e.fetch(server.url("/readyz"), headers={"Host": "10.0.3.7"})
        assert response.status == 503
        assert json.loads(response.read()) == {
            "status": "unavailable",
            "database": "unavailable",
            "cache": "ok",
        }
        assert response.headers["Cache-Control"] == "no-store"
        assert "Set-Cookie" not in response.headers
    finally:
        server.stop()
    assert "DisallowedHost" not in server.output()
