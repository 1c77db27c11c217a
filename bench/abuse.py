"""python -m bench.abuse: the attacks of issue 10 again, as one hostile client, per minute.

A security review once added 240 up-votes to one comment in 12 s, 240 one-star ratings
in 3 s, 40 comments and 40 confirmation mails with a forged X-Forwarded-For, and tried
400 wrong passwords before the right one worked. This re-runs those attacks against
`broadsheet serve` as `make run` starts it (core/e2e.py: a fresh SQLite data folder
with the demo) and reports, per attack, what one client sent, what the server counted
and what it refused, as figures per minute.

One client means one address (127.0.0.1), no cookies kept (a new voter on every
request) and a hostile but patient script: it waits the anti-bot minimum fill times
(2 s for votes, 3 s for comments) as an attacker can, in several threads at once, so
the waiting does not bound its rate. What "counted" means is read from the server's
database after each attack (votes on the comment, ratings of the article, comments
stored, confirmation Delivery rows, failed log-ins checked), not from the answers.
The rate counters are emptied before each attack: every attack meets the limits as a
client that has done nothing else this hour.

Two servers, each on a data folder of its own:
- "default": BROADSHEET_TRUSTED_PROXIES unset, so nobody's X-Forwarded-For is read.
- "BEHIND_PROXY=1": the deprecated alias, which trusts 127.0.0.1, and the attacker is
  on 127.0.0.1. That is the misconfiguration case (the app port reachable by clients
  while the proxy setting trusts them): a forged X-Forwarded-For then chooses the
  rate-limit bucket. It shows which limits still hold when the address is a lie
  (those per e-mail address and per account, and the form's fill time).

Only this machine's loopback address is a target. Exit status 0, or 2 when the server
could not be started.
"""

import argparse
import http.client
import json
import random
import re
import secrets
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from broadsheet.core import e2e

DEFAULT_SECONDS = 60
QUICK_SECONDS = 15
DEFAULT_CONCURRENCY = 12
# The anti-bot minimum fill times (BROADSHEET_VOTE_MIN_SECONDS, _COMMENT_MIN_SECONDS),
# plus a little: an attacker knows them and can wait.
VOTE_WAIT = 2.1
COMMENT_WAIT = 3.1
# The account the log-in attack guesses at, created in each data folder.
ACCOUNT = "abuse-target"
RIGHT_PASSWORD = "the-right-password-" + secrets.token_hex(4)
# How long to wait for the right password to work after the log-in attack stopped.
LOGIN_RECOVERY_LIMIT = 20 * 60
# What the server is started without: `make run` on a fresh machine sets none of them.
MEASURED_VARIABLES = ("BEHIND_PROXY", "EMAIL_URL")

# The figures before the fixes, per attack (as the review reported them).
BEFORE = {
    "votes-reused": "240 in 12 s (1200/min)",
    "votes-fresh": "240 in 12 s (1200/min)",
    "votes-forged-xff": "400/400",
    "ratings": "240 in 3 s (4800/min)",
    "comments": "",
    "comments-forged-xff": "40/40",
    "mails": "",
    "mails-forged-xff": "40 mails",
    "login": "400 wrong, then the right one worked",
}


# --- One client over raw HTTP/1.1 keep-alive (no cookie jar: none is kept) -------------


@dataclass
class Answer:
    status: int
    body: str
    headers: dict[str, str]


class Client:
    """One keep-alive connection to the server; it sends no cookie unless told to."""

    def __init__(self, base_url: str, timeout: float = 30):
        match = re.fullmatch(r"http://(127\.0\.0\.1|localhost):(\d+)", base_url)
        if not match:
            raise ValueError("the abuse benchmark only targets this machine's loopback address")
        self.base_url = base_url
        self.host, self.port = match.group(1), int(match.group(2))
        self.timeout = timeout
        self.connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, *, form=None, headers=None) -> Answer:
        body = urlencode(form).encode() if form is not None else None
        sent = {"User-Agent": "broadsheet-bench-abuse", **(headers or {})}
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = self.base_url  # what a browser sends; forged here as anywhere
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    self.host, self.port, timeout=self.timeout
                )
            try:
                self.connection.request(method, path, body=body, headers=sent)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", "replace")
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed an idle keep-alive connection: open a new one, once.
                self.close()
                if attempt == 2:
                    raise
                continue
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return Answer(response.status, text, {k.lower(): v for k, v in response.getheaders()})
        raise AssertionError("unreachable")

    def get(self, path: str, **kwargs) -> Answer:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, form: dict, **kwargs) -> Answer:
        return self.request("POST", path, form=form, **kwargs)

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def fragment_headers(*, forged_xff: bool) -> dict[str, str]:
    """As the page's JS sends them (JSON answers, not whole pages), plus a forged XFF."""
    headers = {"X-Broadsheet-Fragment": "1"}
    if forged_xff:
        headers["X-Forwarded-For"] = random_address()
    return headers


def random_address() -> str:
    """A different documentation-range-like address per request (198.18.0.0/15)."""
    return f"198.{random.randint(18, 19)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


TS_INPUT = re.compile(r'<input type="hidden" name="ts" value="([^"]+)"')


def page_token(client: Client, path: str) -> str:
    """The signed form timestamp of a page, as a browser would get it."""
    answer = client.get(path)
    if answer.status != 200:
        raise AssertionError(f"GET {path} answered {answer.status}")
    match = TS_INPUT.search(answer.body)
    if not match:
        raise AssertionError(f"no form timestamp on {path}")
    return match.group(1)


# --- Running one attack for a while, in several threads --------------------------------


class Outcome:
    COUNTED = "counted"  # the server says it counted it (its database is asked as well)
    REFUSED = "refused"  # 4xx: a limit, a check, a block
    ANSWERED = "answered"  # 2xx but nothing counted (e.g. a confirmation mail not sent)


@dataclass
class Tally:
    sent: int = 0
    outcomes: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)
    errors: int = 0
    samples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, status: int, outcome: str, body: str = "") -> None:
        with self.lock:
            self.sent += 1
            self.statuses[status] += 1
            self.outcomes[outcome] += 1
            if (status >= 500 or outcome == Outcome.REFUSED) and len(self.samples) < 3:
                self.samples.append(f"{status}: {body[:160]}")

    def error(self, message: str) -> None:
        with self.lock:
            self.sent += 1
            self.errors += 1
            if len(self.samples) < 3:
                self.samples.append(message[:160])

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500) + self.errors


# An attempt: given its thread's client, the run's tally and deadline, it sends one
# attack request (loading a page and waiting first, if its variant does) and records it.
Attempt = Callable[[Client, Tally, float], None]


def hammer(base_url: str, attempt: Attempt, *, seconds: float, concurrency: int) -> Tally:
    """Run attempt in `concurrency` threads until the deadline; what they got."""
    tally = Tally()
    deadline = time.monotonic() + seconds

    def thread() -> None:
        client = Client(base_url)
        try:
            while time.monotonic() < deadline:
                try:
                    attempt(client, tally, deadline)
                except (OSError, http.client.HTTPException) as error:
                    tally.error(f"{type(error).__name__}: {error}")
                    client.close()
                    time.sleep(0.05)  # a refused connect must not spin
        finally:
            client.close()

    threads = [threading.Thread(target=thread, daemon=True) for _ in range(concurrency)]
    for each in threads:
        each.start()
    for each in threads:
        each.join()
    return tally


def wait_until(deadline: float, seconds: float) -> bool:
    """Sleep, as the attacker waits out a fill time; False if the run ends first."""
    if time.monotonic() + seconds >= deadline:
        time.sleep(max(0.0, deadline - time.monotonic()))
        return False
    time.sleep(seconds)
    return True


def record_json(tally: Tally, answer: Answer, *, ok: tuple[int, ...]) -> None:
    if answer.status in ok:
        tally.add(answer.status, Outcome.COUNTED)
    elif 400 <= answer.status < 500:
        tally.add(answer.status, Outcome.REFUSED, answer.body)
    else:
        tally.add(answer.status, Outcome.ANSWERED, answer.body)


# --- The attacks --------------------------------------------------------------------------


def votes(target, *, fresh_page: bool, forged_xff: bool = False) -> Attempt:
    """Cookieless up-votes on one comment, with the page's token reused or fetched anew."""
    shared: dict[str, str] = {}
    shared_lock = threading.Lock()

    def reused_token(client: Client, deadline: float) -> str | None:
        with shared_lock:
            if "ts" not in shared:
                shared["ts"] = page_token(client, target["article_path"])
                if not wait_until(deadline, VOTE_WAIT):
                    return None
            return shared["ts"]

    def attempt(client: Client, tally: Tally, deadline: float) -> None:
        if fresh_page:
            ts = page_token(client, target["article_path"])
            if not wait_until(deadline, VOTE_WAIT):
                return
        else:
            ts = reused_token(client, deadline)
            if ts is None:
                return
        answer = client.post(
            target["vote_path"],
            {"value": "up", "ts": ts},
            headers=fragment_headers(forged_xff=forged_xff),
        )
        record_json(tally, answer, ok=(200,))

    return attempt


def ratings(target) -> Attempt:
    """Cookieless one-star ratings of one article, the token scraped once."""
    shared: dict[str, str] = {}
    shared_lock = threading.Lock()

    def attempt(client: Client, tally: Tally, deadline: float) -> None:
        with shared_lock:
            if "ts" not in shared:
                shared["ts"] = page_token(client, target["article_path"])
                if not wait_until(deadline, VOTE_WAIT):
                    return
        answer = client.post(
            target["rating_path"],
            {"stars": "1", "ts": shared["ts"]},
            headers=fragment_headers(forged_xff=False),
        )
        record_json(tally, answer, ok=(200,))

    return attempt


def comments(target, *, forged_xff: bool) -> Attempt:
    """Comments on one article: a new name, address and text each time, no cookies.

    Each comment waits out the form's minimum fill time on a freshly loaded form, as a
    script filling the form in several tabs would.
    """

    def attempt(client: Client, tally: Tally, deadline: float) -> None:
        ts = page_token(client, target["article_path"])
        if not wait_until(deadline, COMMENT_WAIT):
            return
        tag = secrets.token_hex(4)
        answer = client.post(
            target["comment_path"],
            {
                "name": f"Leser {tag}",
                "email": f"reader-{tag}@example.org",
                "body": f"Ein Kommentar von vielen ({tag}).",
                "ts": ts,
                "homepage": "",
            },
            headers=fragment_headers(forged_xff=forged_xff),
        )
        record_json(tally, answer, ok=(201,))

    return attempt


def mails(target, *, victim: str, forged_xff: bool) -> Attempt:
    """Subscribe one victim's address to every article in turn: confirmation mails."""
    paths = target["subscribe_paths"]
    turn = iter(range(10**9))
    turn_lock = threading.Lock()

    def attempt(client: Client, tally: Tally, deadline: float) -> None:
        with turn_lock:
            path = paths[next(turn) % len(paths)]
        answer = client.post(
            path,
            {"scope": "article", "email": victim},
            headers=fragment_headers(forged_xff=forged_xff),
        )
        # 200 says "check your inbox" whether a mail went out or not (it must not tell):
        # what was sent is counted in the database afterwards.
        if answer.status == 200:
            tally.add(200, Outcome.ANSWERED)
        else:
            record_json(tally, answer, ok=())

    return attempt


THROTTLED = re.compile(r"fehlgeschlagene Anmeldungen|failed log-ins")
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def login_session(client: Client, path: str) -> dict[str, str]:
    """The log-in form's CSRF cookie and token (Django's CSRF check guards it)."""
    answer = client.get(path)
    cookie = re.search(r"csrftoken=([^;]+)", answer.headers.get("set-cookie", ""))
    token = CSRF_INPUT.search(answer.body)
    if answer.status != 200 or not cookie or not token:
        raise AssertionError(f"GET {path}: no CSRF cookie and token ({answer.status})")
    return {"cookie": f"csrftoken={cookie.group(1)}", "token": token.group(1)}


def log_in(client: Client, path: str, session: dict, password: str) -> Answer:
    return client.post(
        path,
        {"csrfmiddlewaretoken": session["token"], "username": ACCOUNT, "password": password},
        headers={"Cookie": session["cookie"]},
    )


def wrong_passwords(target) -> Attempt:
    """Wrong passwords against one account; a throttled answer was never hashed."""
    sessions: dict[int, dict] = {}

    def attempt(client: Client, tally: Tally, deadline: float) -> None:
        session = sessions.get(id(client))
        if session is None:
            session = sessions[id(client)] = login_session(client, target["login_path"])
        answer = log_in(client, target["login_path"], session, "wrong-" + secrets.token_hex(6))
        if answer.status == 302:
            tally.add(302, Outcome.COUNTED)  # a wrong password that logged in: a disaster
        elif answer.status == 200 and THROTTLED.search(answer.body):
            tally.add(200, Outcome.REFUSED)
        elif answer.status == 200:
            tally.add(200, Outcome.ANSWERED)  # checked (hashed) and refused as wrong
        else:
            tally.add(answer.status, Outcome.REFUSED, answer.body)

    return attempt


def right_password_after_attack(base_url: str, target) -> dict:
    """Try the right password now, then every second until it works; how long it took."""
    client = Client(base_url)
    started = time.monotonic()
    tries = 0
    try:
        session = login_session(client, target["login_path"])
        while time.monotonic() - started < LOGIN_RECOVERY_LIMIT:
            tries += 1
            answer = log_in(client, target["login_path"], session, RIGHT_PASSWORD)
            if answer.status == 302:
                return {"works_after_seconds": round(time.monotonic() - started, 1), "tries": tries}
            if tries == 1 and not THROTTLED.search(answer.body):
                return {"error": f"the right password was refused ({answer.status}), not throttled"}
            time.sleep(1)
        return {"works_after_seconds": None, "tries": tries}
    finally:
        client.close()


# --- The server's side: targets and what it counted -------------------------------------

PREPARE = """
import json
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from broadsheet.discussion.models import Comment
from broadsheet.discussion.services import is_open_for_comments
from broadsheet.publishing.models import Article
from django.urls import reverse

get_user_model().objects.create_user({account!r}, "target@example.org", {password!r})
articles = Article.objects.published().filter(comments_enabled=True, rating_enabled=True)
articles = articles.annotate(n=Count("comments", filter=Q(comments__status="approved")))
# The lightest page with a few approved comments: the cost of a page load is not measured.
article = min((a for a in articles if a.n >= 4 and is_open_for_comments(a)), key=lambda a: a.n)
voted = list(article.comments.filter(status="approved").order_by("pk").values_list("pk", flat=True))
print("ABUSE", json.dumps({{
    "article": article.pk,
    "article_path": article.get_absolute_url(),
    "comments_to_vote_on": voted,
    "rating_path": reverse("discussion:rate", args=[article.pk]),
    "comment_path": reverse("discussion:post", args=[article.pk]),
    "subscribe_paths": [
        reverse("notifications:subscribe", args=[pk])
        for pk in Article.objects.published().values_list("pk", flat=True)
    ],
    "login_path": reverse("accounts:login"),
}}))
"""

SNAPSHOT = """
import json
from broadsheet.accounts import throttle
from broadsheet.accounts.models import LoginFailures
from broadsheet.core.models import RateCounter
from broadsheet.discussion.models import Comment, Rating
from broadsheet.notifications.models import Delivery

ask = json.loads({ask!r})
if ask["reset_counters"]:
    RateCounter.objects.all().delete()
account = throttle.keys_for({account!r}, None)["account"]
figures = {{
    "ratings": Rating.objects.filter(article_id=ask["article"]).count(),
    "comments": Comment.objects.filter(article_id=ask["article"]).count(),
    "login_failures": LoginFailures.objects.filter(key=account).values_list(
        "failures", flat=True).first() or 0,
}}
for pk, up in Comment.objects.filter(pk__in=ask["comments"]).values_list("pk", "upvotes"):
    figures[f"upvotes:{{pk}}"] = up
for victim in ask["victims"]:
    figures[f"confirmations:{{victim}}"] = Delivery.objects.filter(
        kind="confirmation", to=victim).count()
print("ABUSE", json.dumps(figures))
"""


def shell(env: dict, code: str) -> dict:
    output = e2e.run_command(env, "shell", "-c", code)
    line = next(line for line in output.splitlines() if line.startswith("ABUSE "))
    return json.loads(line.removeprefix("ABUSE "))


def snapshot(env: dict, target: dict, attacks: list, *, reset: bool) -> dict:
    """What the server has counted so far; reset: empty the rate counters as well."""
    ask = {
        "article": target["article"],
        "comments": target["comments_to_vote_on"],
        "victims": [attack.victim for attack in attacks if attack.victim],
        "reset_counters": reset,
    }
    return shell(env, SNAPSHOT.format(ask=json.dumps(ask), account=ACCOUNT))


# --- The plan: which attacks on which server ------------------------------------------


@dataclass
class Attack:
    name: str
    description: str
    # What the database says was counted: the difference of this snapshot field.
    counted_by: str
    make: Callable[[dict], Attempt]
    comment_index: int = 0
    victim: str = ""
    after: Callable | None = None  # (base_url, target) -> extra figures


@dataclass
class Result:
    server: str
    attack: Attack
    seconds: float
    tally: Tally
    counted: int
    extra: dict = field(default_factory=dict)

    def per_minute(self, count: int) -> str:
        value = count * 60 / self.seconds
        return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def default_attacks() -> list[Attack]:
    return [
        Attack("votes-reused", "up-votes, no cookies, one page token reused", "upvotes",
               lambda t: votes(t, fresh_page=False), comment_index=0),
        Attack("votes-fresh", "up-votes, no cookies, a fresh page each time", "upvotes",
               lambda t: votes(t, fresh_page=True), comment_index=1),
        Attack("votes-forged-xff", "up-votes as votes-reused, forged X-Forwarded-For",
               "upvotes", lambda t: votes(t, fresh_page=False, forged_xff=True),
               comment_index=2),
        Attack("ratings", "one-star ratings, no cookies, one page token", "ratings", ratings),
        Attack("comments", "comments on one article, one address", "comments",
               lambda t: comments(t, forged_xff=False)),
        Attack("comments-forged-xff", "comments, forged X-Forwarded-For per request",
               "comments", lambda t: comments(t, forged_xff=True)),
        Attack("mails", "one victim subscribed to every article: confirmation mails",
               "confirmations", lambda t: mails(t, victim="victim-1@example.org",
                                                forged_xff=False),
               victim="victim-1@example.org"),
        Attack("mails-forged-xff", "as mails, forged X-Forwarded-For per request",
               "confirmations", lambda t: mails(t, victim="victim-2@example.org",
                                                forged_xff=True),
               victim="victim-2@example.org"),
        Attack("login", "wrong passwords against one account (counted: checked)",
               "login_failures", wrong_passwords, after=right_password_after_attack),
    ]  # fmt: skip


# On the misconfigured server only what a forged address could change.
PROXY_ATTACKS = ("comments", "comments-forged-xff", "votes-forged-xff", "mails-forged-xff")


@dataclass
class ServerRun:
    label: str
    overrides: dict[str, str]
    attacks: list[Attack]


def plan(only: list[str] | None) -> list[ServerRun]:
    attacks = default_attacks()
    if only:
        unknown = set(only) - {attack.name for attack in attacks}
        if unknown:
            raise SystemExit(f"unknown attack(s): {', '.join(sorted(unknown))}")
        attacks = [attack for attack in attacks if attack.name in only]
    runs = [ServerRun("default (nobody trusted)", {}, attacks)]
    proxied = [attack for attack in attacks if attack.name in PROXY_ATTACKS]
    if proxied:
        runs.append(ServerRun("BEHIND_PROXY=1 (trusts 127.0.0.1)", {"BEHIND_PROXY": "1"}, proxied))
    return runs


def measured_environment(data_dir: Path, overrides: dict[str, str]) -> dict[str, str]:
    """`make run`'s environment: none of the settings this measures, unless overridden."""
    env = e2e.server_environment(data_dir)
    for name in list(env):
        if name.startswith("BROADSHEET_") and name != "BROADSHEET_DATA_DIR":
            del env[name]
    for name in MEASURED_VARIABLES:
        env.pop(name, None)
    env.update(overrides)
    return env


def warm_up(server: e2e.ServerProcess, target: dict) -> None:
    """Render the attacked page in every web process once: a cold page is not the test."""
    for _ in range(6):
        e2e.fetch(server.url(target["article_path"]), timeout=30).read()


def run_server(run: ServerRun, *, seconds: float, concurrency: int, root: Path) -> list[Result]:
    data_dir = root / re.sub(r"[^a-z0-9]+", "-", run.label.lower()).strip("-")
    env = measured_environment(data_dir, run.overrides)
    log(f"[{run.label}] broadsheet setup (demo) in {data_dir} …")
    e2e.prepare_data_dir(env, demo=True)
    target = shell(env, PREPARE.format(account=ACCOUNT, password=RIGHT_PASSWORD))
    server = e2e.start_server(env)
    results = []
    try:
        warm_up(server, target)
        # Between two attacks one snapshot: the first one's "after", the next one's "before".
        before = snapshot(env, target, run.attacks, reset=True)
        for attack in run.attacks:
            comment = target["comments_to_vote_on"][attack.comment_index]
            target_now = {**target, "vote_path": f"/discussion/comments/{comment}/vote/"}
            log(f"[{run.label}] {attack.name}: {seconds:g} s, {concurrency} threads …")
            tally = hammer(
                server.base_url, attack.make(target_now), seconds=seconds, concurrency=concurrency
            )
            # Before the right password is tried: a correct log-in clears the account's count.
            after = snapshot(env, target, run.attacks, reset=True)
            key = attack.counted_by
            if key == "upvotes":
                key = f"upvotes:{comment}"
            elif key == "confirmations":
                key = f"confirmations:{attack.victim}"
            counted = after[key] - before[key]
            extra = {}
            if attack.after:
                extra = attack.after(server.base_url, target_now)
                after = snapshot(env, target, run.attacks, reset=True)
            before = after
            result = Result(run.label, attack, seconds, tally, counted, extra)
            log(
                f"    sent {tally.sent}, counted {counted}, "
                f"refused {tally.outcomes[Outcome.REFUSED]}, "
                f"5xx/errors {tally.server_errors} {extra or ''}"
            )
            for sample in tally.samples:
                log(f"    e.g. {sample}")
            results.append(result)
    finally:
        server.stop()
    tracebacks = server.output().count("Traceback")
    if tracebacks:
        log(f"[{run.label}] {tracebacks} traceback(s) in the server log: {server.output_path}")
    for result in results:
        result.extra["tracebacks_in_log"] = tracebacks
    return results


# --- The report ------------------------------------------------------------------------


def login_note(result: Result) -> str:
    works = result.extra.get("works_after_seconds")
    if "error" in result.extra:
        return result.extra["error"]
    if works is None:
        return "the right password did not work within the recovery limit"
    if result.extra.get("tries") == 1:
        return "the right password worked at once"
    return f"right password refused at once, worked after {works:g} s (when the block ended)"


def markdown(results: list[Result], *, seconds: float, quick: bool) -> str:
    mode = (
        f"quick ({seconds:g} s per attack, scaled to a minute)"
        if quick
        else (f"{seconds:g} s per attack")
    )
    lines = [
        f"### Abuse benchmark: one client, {mode}",
        "",
        "| server | attack | sent | counted | refused | 5xx/errors | sent/min | counted/min "
        "| before the fixes (issue 10) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        before = BEFORE.get(r.attack.name, "")
        if r.attack.name == "login":
            before = f"{before}; now: {login_note(r)}"
        lines.append(
            f"| {r.server} | {r.attack.name}: {r.attack.description} | {r.tally.sent} | {r.counted}"
            f" | {r.tally.outcomes[Outcome.REFUSED]} | {r.tally.server_errors}"
            f" | {r.per_minute(r.tally.sent)} | {r.per_minute(r.counted)} | {before} |"
        )
    lines += [
        "",
        "- *counted* is read from the server's database (votes on the comment, ratings of the "
        "article, comments stored (pending included), confirmation mails queued for the victim, "
        "failed log-ins whose password was hashed); *refused* are 4xx answers (a limit, the form's "
        "fill time, a log-in block). For the mails every answer is the same 200 by design (it "
        "must not tell what an address follows): the database says what went out.",
        "- Rate counters are emptied before each attack. The per-minute limits are fixed windows "
        "of the clock's minute, so a run that straddles a minute boundary can get up to two "
        "windows' worth; the hourly limits (120 new voters per network, 40 comments per IP, "
        "3 confirmation mails per address) cap a longer attack further.",
        "- `BEHIND_PROXY=1` is the misconfiguration case: the deprecated alias trusts 127.0.0.1, "
        "and here the attacker *is* 127.0.0.1 (the app port reachable by clients). A forged "
        "X-Forwarded-For then picks the rate-limit bucket: what still holds is what is not keyed "
        "by address (the fill time, per-address and per-account limits). Set "
        "BROADSHEET_TRUSTED_PROXIES to the proxy's address and keep the app port private.",
    ]
    if quick:
        lines.append(
            "- Quick mode scales counts from a short run: a per-minute allowance used up in the "
            "first seconds makes the scaled *counted/min* an overstatement, not an understatement."
        )
    tracebacks = sum({r.server: r.extra.get("tracebacks_in_log", 0) for r in results}.values())
    lines.append(f"- Tracebacks in the servers' logs: {tracebacks}.")
    return "\n".join(lines)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m bench.abuse",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--seconds", type=float, default=DEFAULT_SECONDS, help="per attack")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"{QUICK_SECONDS} s per attack, figures scaled to a minute",
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=DEFAULT_CONCURRENCY,
        help="threads of the one client (they wait out fill times side by side)",
    )
    parser.add_argument(
        "--only", action="append", metavar="NAME", help="run only these attacks (repeatable)"
    )
    parser.add_argument("--keep-data", action="store_true", help="keep the data folders")
    parser.add_argument("--output", type=Path, help="also write the Markdown table here")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds = QUICK_SECONDS
    if args.seconds <= 0 or args.concurrency < 1:
        parser.error("--seconds and --concurrency must be positive")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="broadsheet-abuse-"))
    results: list[Result] = []
    try:
        for run in plan(args.only):
            results += run_server(
                run, seconds=args.seconds, concurrency=args.concurrency, root=root
            )
    except AssertionError as error:  # the server did not start, or a page was not there
        log(f"The abuse benchmark could not run: {error}")
        return 2
    finally:
        if args.keep_data:
            log(f"Data kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    table = markdown(results, seconds=args.seconds, quick=args.quick)
    print(table)
    if args.output:
        args.output.write_text(table + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
