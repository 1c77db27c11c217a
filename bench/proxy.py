"""The proxy figures of `make bench`: deploy/nginx in front of the benchmark's server.

Side by side, in one run, on the same nginx (core/nginx.py, one worker per core):

- the article page from nginx's cache (the anonymous reader's case after the first);
- the same bytes as a static file from the same nginx: the ceiling. Target: the cached
  page at >= 80 % of it;
- the uncached path through the proxy: the article with a query string, which nginx
  passes to the app (as it does every reader with a cookie);
- the article page of the 10,000-comment thread the same way, at 8 and 256 connections.

Loaded with wrk when it is installed (a C load generator: our asyncio one is slower
than nginx, and would measure itself); otherwise with bench/load.py, and then the
ratio says more about the generator than about nginx (the report says which).
"""

import os
import re
import secrets
import shutil
import subprocess
from pathlib import Path

from broadsheet.core import e2e, nginx

from .load import Request, run_load

TARGET_RATIO = 0.8
# Other work on a 2-core machine swings single runs by half: the cached page and the
# static file are loaded in turns, ROUNDS times, and the best of each is compared.
ROUNDS = 3
TIMEOUT_SECONDS = 10
# wrk's one-line figures: "Requests/sec:  12345.67", "99%   12.34ms", "Non-2xx …: 3".
_RPS = re.compile(r"Requests/sec:\s+([0-9.]+)")
_P99 = re.compile(r"^\s+99%\s+([0-9.]+)(us|ms|s)\s*$", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _wrk(url: str, *, connections: int, seconds: float) -> dict:
    threads = min(2, connections)
    done = subprocess.run(  # noqa: S603 - a fixed command line against loopback
        [shutil.which("wrk"), f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency",
         f"--timeout={TIMEOUT_SECONDS}s",
         url],
        capture_output=True, text=True, timeout=seconds + 60, check=True,
    )  # fmt: skip
    out = done.stdout
    p99 = _P99.search(out)
    return {
        "requests_per_second": float(_RPS.search(out).group(1)),
        "p99_ms": round(float(p99.group(1)) * _UNITS[p99.group(2)], 2) if p99 else None,
        "bad_statuses": int(m.group(1)) if (m := _NON_2XX.search(out)) else 0,
        "timeouts": int(m.group(4)) if (m := _ERRORS.search(out)) else 0,
        "socket_errors": sum(map(int, m.groups()[:3])) if m else 0,
        "generator": "wrk",
    }


def _ours(url: str, *, connections: int, seconds: float) -> dict:
    parts = url.split("/", 3)
    base, path = "/".join(parts[:3]), "/" + parts[3]
    run = run_load(base, Request(path), connections=connections, seconds=seconds).summary()
    return {
        "requests_per_second": run["requests_per_second"],
        "p99_ms": run["p99_ms"],
        "bad_statuses": run["bad_statuses"],
        "timeouts": run["timeouts"],
        "generator": "bench/load.py",
    }


def load(url: str, *, connections: int, seconds: float, warmup: float, settle=None) -> dict:
    measure = _wrk if shutil.which("wrk") else _ours
    measure(url, connections=connections, seconds=warmup)
    if settle is not None:
        settle()  # the app works off what the warm-up left queued before the measurement
    return {"connections": connections, **measure(url, connections=connections, seconds=seconds)}


def _cache_status(url: str) -> str:
    with e2e.fetch(url) as response:
        response.read()
        return response.headers.get("X-Cache-Status", "")


def measure_proxy(
    server: e2e.ServerProcess, seeded, args, *, work_dir: Path, settle
) -> dict | None:
    """The figures above, or None (and why) when this machine has no nginx to run."""
    if gaps := nginx.missing():
        print(f"\nProxy figures skipped: missing {', '.join(gaps)}")
        return None
    # A folder of its own: the page's bytes are the only static file measured.
    static_root = work_dir / "static"
    static_root.mkdir(parents=True, exist_ok=True)
    proxy = nginx.start_nginx(
        work_dir / "nginx",
        port=e2e.free_port(),
        upstream_port=server.port,
        static_root=static_root,
        media_root=Path(server.env["BROADSHEET_DATA_DIR"]) / "media",
        purge_token=secrets.token_hex(16),
        workers=os.cpu_count() or 1,
    )
    try:
        return _figures(proxy, seeded, args, static_root, settle=settle)
    finally:
        proxy.stop()


def _best(runs: list[dict]) -> dict:
    best = max(runs, key=lambda run: run["requests_per_second"])
    return {**best, "rounds": [run["requests_per_second"] for run in runs]}


def _figures(proxy, seeded, args, static_root: Path, *, settle) -> dict:
    article = seeded.article.get_absolute_url()
    big = seeded.threads[10_000].get_absolute_url()
    cached = proxy.url(article)
    for _ in range(3):
        status = _cache_status(cached)
    if status != "HIT":
        raise AssertionError(f"the article page is not cached by nginx (X-Cache-Status {status})")
    with e2e.fetch(cached) as response:
        page = response.read()
    # The same bytes, as a file the same nginx sends from disk.
    (static_root / "bench-article.html").write_bytes(page)
    static = proxy.url("/static/bench-article.html")
    uncached = proxy.url(article + "?bench=uncached")
    big_uncached = proxy.url(big + "?bench=uncached")
    if _cache_status(uncached) != "BYPASS":
        raise AssertionError("the query-string request was not passed to the app")

    seconds, warmup = args.seconds, args.warmup
    print(f"\nProxy (nginx, {os.cpu_count()} workers) in front of the same server; page "
          f"{len(page) / 1024:.0f} KB; best of {ROUNDS} alternating rounds for the first two")  # fmt: skip
    side_by_side = {"cached": [], "static": []}
    for connections in (8, 256):
        rounds = {"cached": [], "static": []}
        for _ in range(ROUNDS):
            for kind, url in (("cached", cached), ("static", static)):
                rounds[kind].append(load(url, connections=connections, seconds=seconds,
                                         warmup=warmup))  # fmt: skip
        for kind in rounds:
            side_by_side[kind].append(_best(rounds[kind]))
    rows = [
        {"name": "article page, cached by nginx", "path": article, "runs": side_by_side["cached"]},
        {
            "name": "same bytes as a static file",
            "path": "/static/bench-article.html",
            "runs": side_by_side["static"],
        },  # fmt: skip
    ]
    for name, url in (
        ("article page, uncached through nginx", uncached),
        ("article, 10,000 comments, uncached through nginx", big_uncached),
    ):
        runs = []
        for connections in (8, 256):
            settle()  # the app works off what the last run left queued
            runs.append(
                load(url, connections=connections, seconds=seconds, warmup=warmup, settle=settle)
            )
        rows.append({"name": name, "path": url.split("/", 3)[3], "runs": runs})
    for row in rows:
        for run in row["runs"]:
            print(f"  {row['name']:<50} {run['connections']:>4} conn "
                  f"{run['requests_per_second']:>9.1f}/s  p99 {run['p99_ms']} ms  "
                  f"non-2xx {run['bad_statuses']}  timeouts {run['timeouts']}  "
                  f"({run['generator']})")  # fmt: skip
    ratios = {
        str(cached_run["connections"]): round(
            cached_run["requests_per_second"] / static_run["requests_per_second"], 3
        )
        for cached_run, static_run in zip(rows[0]["runs"], rows[1]["runs"], strict=True)
    }
    met = all(ratio >= TARGET_RATIO for ratio in ratios.values())
    print("  cached page / static file: "
          + ", ".join(f"{ratio:.0%} at {n} conn" for n, ratio in ratios.items())
          + f"  {'ok' if met else 'MISSED'} (target >= {TARGET_RATIO:.0%})")  # fmt: skip
    return {"rows": rows, "cached_to_static": ratios, "target_ratio": TARGET_RATIO, "met": met}
