"""Rate limits hold across processes on the embedded default (SQLite, no Redis).

`broadsheet serve` runs two web processes by default; counters in process memory
allowed every limit twice over. Here separate processes count, as they do in
production: two `broadsheet shell` processes at once, then the real server.
"""

import re
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from broadsheet.core import e2e

COUNT_HITS = """
from broadsheet.core import ratelimit
limit = ratelimit.Limit("shared-test", 30, 3600)
allowed = 0
for _ in range(25):
    try:
        ratelimit.hit(limit, "203.0.113.9")
        allowed += 1
    except ratelimit.RateLimited:
        pass
print("ALLOWED", allowed)
"""

MAKE_COMMENT = """
from broadsheet.core.testing import make_article, make_comment
article = make_article("Stadtbahn kommt", slug="stadtbahn")
comment = make_comment(article, author_name="Jonas")
print("COMMENT", article.get_absolute_url(), comment.pk)
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    env = e2e.server_environment(tmp_path_factory.mktemp("shared-limits"))
    e2e.prepare_data_dir(env, demo=False)
    return env


def test_two_processes_count_against_one_limit(data_dir):
    with ThreadPoolExecutor(2) as pool:
        outputs = list(
            pool.map(lambda _: e2e.run_command(data_dir, "shell", "-c", COUNT_HITS), range(2))
        )
    allowed = [int(re.search(r"ALLOWED (\d+)", out).group(1)) for out in outputs]
    # 25 + 25 hits against one limit of 30: 30 allowed in all, however they interleave.
    assert sum(allowed) == 30, allowed


def test_cookieless_votes_through_the_real_server_count_only_up_to_the_limit(data_dir):
    output = e2e.run_command(data_dir, "shell", "-c", MAKE_COMMENT)
    path, comment_id = re.search(r"COMMENT (\S+) (\d+)", output).groups()
    server = e2e.start_server(data_dir)
    try:
        page = e2e.fetch(server.url(path)).read().decode()
        token = re.search(r'data-page-token="([^"]+)"', page).group(1)
        time.sleep(2.5)  # a reader who read for a moment
        e2e.wait_for_a_fresh_minute()

        def vote(_):
            request = urllib.request.Request(
                server.url(f"/discussion/comments/{comment_id}/vote/"),
                data=urllib.parse.urlencode({"value": "up", "ts": token}).encode(),
                headers={"Origin": server.base_url, "X-Broadsheet-Fragment": "1"},
            )
            try:
                with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                    return response.status
            except urllib.error.HTTPError as error:
                return error.code

        # Each request on a connection of its own, no cookies: spread over both workers.
        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(vote, range(100)))
        assert statuses.count(200) == 30, statuses
        assert set(statuses) == {200, 429}
        page = e2e.fetch(server.url(path)).read().decode()
        form = page[page.index(f"/discussion/comments/{comment_id}/vote/") :]
        assert int(re.search(r"data-up>(\d+)<", form).group(1)) == 30
    finally:
        server.stop()
