"""Forwarded headers count only from trusted proxies, and only as far as they reach.

A security review reached the app port directly with `BEHIND_PROXY=1` and sent a new
X-Forwarded-For with every request: 400 of 400 votes counted. Behind a CDN the
opposite went wrong: eight readers behind one edge shared one bucket.
"""

import http.client
import re
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import checks
from django.test import RequestFactory

from broadsheet.core import e2e
from broadsheet.core.hashing import client_ip
from broadsheet.core.security import check_trusted_proxies

PEER = "127.0.0.1"
EDGE_NETWORK = "198.51.100.0/24"


def request_from(peer: str, forwarded: str | None = None, **meta):
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", REMOTE_ADDR=peer, **meta)


@pytest.fixture
def trusted(settings):
    # As BEHIND_PROXY=1 used to set it: the header alone must no longer open the door.
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    def configure(*networks: str, hops=1):
        settings.BROADSHEET_TRUSTED_PROXIES = list(networks)
        settings.BROADSHEET_TRUSTED_PROXY_HOPS = hops

    configure()
    return configure


# --- client_ip -------------------------------------------------------------------------


def test_without_trusted_proxies_the_header_is_ignored(trusted):
    assert client_ip(request_from("192.0.2.10", "203.0.113.9")) == "192.0.2.10"


def test_a_peer_that_is_not_a_trusted_proxy_cannot_choose_its_address(trusted):
    trusted(PEER)
    assert client_ip(request_from("192.0.2.10", "203.0.113.9")) == "192.0.2.10"


def test_behind_one_proxy_the_address_it_saw_is_the_reader(trusted):
    trusted(PEER)
    assert client_ip(request_from(PEER, "203.0.113.9")) == "203.0.113.9"
    # What a client writes left of the proxy's own entry is never read...
    assert client_ip(request_from(PEER, "6.6.6.6, 203.0.113.9")) == "203.0.113.9"
    # ...and a client that is not the proxy is itself, whatever it writes.
    assert client_ip(request_from("192.0.2.10", "203.0.113.9")) == "192.0.2.10"


def test_behind_a_cdn_and_nginx_readers_of_one_edge_are_told_apart(trusted):
    trusted(PEER, EDGE_NETWORK, hops=2)
    seen = {client_ip(request_from(PEER, f"203.0.113.{n}, 198.51.100.7")) for n in range(8)}
    assert seen == {f"203.0.113.{n}" for n in range(8)}
    forged = request_from(PEER, "6.6.6.6, 203.0.113.1, 198.51.100.7")
    assert client_ip(forged) == "203.0.113.1"
    # Straight to nginx, past the CDN, with an edge address written in the header.
    assert client_ip(request_from(PEER, "198.51.100.9, 203.0.113.5")) == "203.0.113.5"


def test_no_more_than_hops_entries_are_read(trusted):
    # One hop configured, but a CDN in front: every reader is the edge (the documented
    # sign that HOPS is too small), never an address the client wrote.
    trusted(PEER, EDGE_NETWORK, hops=1)
    assert client_ip(request_from(PEER, "203.0.113.1, 198.51.100.7")) == "198.51.100.7"
    assert client_ip(request_from(PEER, "198.51.100.7, 203.0.113.1")) == "203.0.113.1"
    trusted(PEER, EDGE_NETWORK, hops=2)
    assert client_ip(request_from(PEER, "203.0.113.1, 198.51.100.7")) == "203.0.113.1"


@pytest.mark.parametrize(
    "forwarded", ["garbage", "unknown", "203.0.113.300", "203.0.113.9,", "  ", "a, b"]
)
def test_a_malformed_header_falls_back_to_the_peer(trusted, forwarded):
    trusted("10.0.0.0/8")
    assert client_ip(request_from("10.1.2.3", forwarded)) == "10.1.2.3"


def test_ipv6_networks_and_spellings(trusted):
    trusted("2001:db8:ffff::/48")
    assert client_ip(request_from("2001:db8:ffff::1", "2001:DB8:0::7")) == "2001:db8::7"
    assert client_ip(request_from("2001:db8:ffff::1", "[2001:db8::7]:443")) == "2001:db8::7"
    assert client_ip(request_from("2001:db8:fffe::1", "2001:db8::7")) == "2001:db8:fffe::1"


def test_ports_and_ipv4_mapped_peers(trusted):
    trusted(PEER)
    assert client_ip(request_from("::ffff:127.0.0.1", "203.0.113.9:5555")) == "203.0.113.9"


def test_a_bad_setting_trusts_nobody(trusted):
    trusted(PEER, "10.0.0.0/33")
    assert client_ip(request_from(PEER, "203.0.113.9")) == PEER


# --- X-Forwarded-Proto ----------------------------------------------------------------


@pytest.mark.django_db
def test_only_a_trusted_proxy_can_say_the_request_was_https(client, trusted, settings):
    trusted(PEER)
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/", REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    assert "HTTP_X_FORWARDED_PROTO" not in response.wsgi_request.META
    response = client.get("/", REMOTE_ADDR=PEER, HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response.wsgi_request.is_secure()


# --- Start-up checks ------------------------------------------------------------------


def test_a_bad_network_or_hop_count_is_a_clear_error(trusted):
    trusted("10.0.0.0/8", "10.0.0.0/33", "nginx", hops="zwei")
    errors = check_trusted_proxies()
    assert [e.id for e in errors] == ["broadsheet.E001"] * 3
    assert all(e.level == checks.ERROR for e in errors)
    assert "'10.0.0.0/33' is not an IP address or network" in errors[0].msg
    assert "'zwei'" in errors[2].msg


def test_trusting_everyone_is_warned_about(trusted):
    trusted("0.0.0.0/0")
    assert [w.id for w in check_trusted_proxies()] == ["broadsheet.W002"]


def test_serve_refuses_a_bad_network_with_a_message_not_a_traceback(tmp_path):
    env = e2e.server_environment(tmp_path, BROADSHEET_TRUSTED_PROXIES="10.0.0.0/33")
    with pytest.raises(AssertionError) as failed:
        e2e.run_command(env, "serve", "--port", str(e2e.free_port()), timeout=60)
    output = str(failed.value)
    assert "BROADSHEET_TRUSTED_PROXIES: '10.0.0.0/33' is not an IP address" in output
    assert "Traceback" not in output


def test_behind_proxy_still_works_but_is_deprecated(tmp_path):
    env = e2e.server_environment(tmp_path, BEHIND_PROXY="1")
    env.pop("BROADSHEET_TRUSTED_PROXIES", None)
    output = e2e.run_command(
        env,
        "shell",
        "-c",
        "from django.conf import settings as s; print('TRUSTED', s.BROADSHEET_TRUSTED_PROXIES,"
        " s.BROADSHEET_TRUSTED_PROXY_HOPS, s.SECURE_PROXY_SSL_HEADER)",
    )
    assert "TRUSTED ['127.0.0.1', '::1'] 1 ('HTTP_X_FORWARDED_PROTO', 'https')" in output


def test_behind_proxy_is_reported_at_start_up(settings):
    settings.BEHIND_PROXY = True
    assert "broadsheet.W001" in [w.id for w in check_trusted_proxies()]


# --- Through the real server ----------------------------------------------------------

MAKE_COMMENT = """
from broadsheet.core.testing import make_article, make_comment
article = make_article("Stadtbahn kommt", slug="stadtbahn")
comment = make_comment(article, author_name="Jonas")
print("COMMENT", article.get_absolute_url(), comment.pk)
"""


@pytest.fixture(scope="module")
def proxied_server(tmp_path_factory):
    """Behind nginx (127.0.0.1) and a CDN (198.51.100.0/24), as a CDN site runs.

    BEHIND_PROXY=1 is left over from before: the explicit setting must win, and the old
    flag must no longer trust whatever a client sends.
    """
    env = e2e.server_environment(
        tmp_path_factory.mktemp("trusted-proxy"),
        BEHIND_PROXY="1",
        BROADSHEET_TRUSTED_PROXIES=f"{PEER},{EDGE_NETWORK}",
        BROADSHEET_TRUSTED_PROXY_HOPS="2",
    )
    e2e.prepare_data_dir(env, demo=False)
    output = e2e.run_command(env, "shell", "-c", MAKE_COMMENT)
    path, comment_id = re.search(r"COMMENT (\S+) (\d+)", output).groups()
    server = e2e.start_server(env)
    try:
        page = e2e.fetch(server.url(path)).read().decode()
        token = re.search(r'data-page-token="([^"]+)"', page).group(1)
        time.sleep(2.5)  # the page's token makes a guest, who must be a moment old
        yield server, comment_id, token
    finally:
        server.stop()


def cookieless_vote(server, comment_id, token, *, source: str, forwarded: str) -> int:
    """One vote without cookies, from a local address of our choice, on its own socket."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", server.port, timeout=30, source_address=(source, 0)
    )
    try:
        connection.request(
            "POST",
            f"/discussion/comments/{comment_id}/vote/",
            body=urllib.parse.urlencode({"value": "up", "ts": token}),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": server.base_url,
                "X-Broadsheet-Fragment": "1",
                "X-Forwarded-For": forwarded,
            },
        )
        return connection.getresponse().status
    finally:
        connection.close()


def new_voters_per_minute() -> int:
    from broadsheet.discussion.services import NEW_VOTER_LIMITS

    return min(limit.count for limit in NEW_VOTER_LIMITS if limit.seconds == 60)


def test_a_client_at_the_app_port_cannot_escape_its_bucket_with_a_forged_header(
    proxied_server,
):
    server, comment_id, token = proxied_server
    limit = new_voters_per_minute()

    def forged(n):
        # 127.0.0.2 is not a trusted proxy: it talks to the app port directly.
        return cookieless_vote(
            server, comment_id, token, source="127.0.0.2", forwarded=f"10.9.{n // 250}.{n % 250}"
        )

    e2e.wait_for_a_fresh_minute()
    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(forged, range(limit + 20)))
    assert statuses.count(200) == limit, statuses
    assert set(statuses) == {200, 429}


def test_readers_behind_one_cdn_edge_get_a_bucket_each(proxied_server):
    server, comment_id, token = proxied_server
    per_reader = new_voters_per_minute() // 8 + 2  # together more than one bucket holds

    def reader(n):
        return [
            cookieless_vote(
                server, comment_id, token, source=PEER, forwarded=f"203.0.113.{n}, 198.51.100.7"
            )
            for _ in range(per_reader)
        ]

    with ThreadPoolExecutor(8) as pool:
        statuses = [status for votes in pool.map(reader, range(8)) for status in votes]
    assert statuses == [200] * (8 * per_reader), statuses
