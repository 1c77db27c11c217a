"""python -m bench: seed, serve, load, measure, compare with the targets, write JSON.

The server is `broadsheet serve` as `make run` starts it (core/e2e.py), with its own
defaults for workers, threads and connections unless --workers/--threads say
otherwise. The load comes from bench/load.py, which counts the answers of every
connection. By default on SQLite in a throw-away data folder; with --database-url
(a scratch PostgreSQL database: the benchmark empties it) and --redis-url (a scratch
Redis database: it is flushed) the same figures are taken on the scaled-out stack.

Exit status: 0 when every target is met, 1 when one is missed, 2 when the benchmark
could not run (server failed to start, a database that is not empty).
"""

import argparse
import contextlib
import dataclasses
import datetime
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from broadsheet.core import e2e

from .load import run_load
from .measure import command_line, count_queries, memory_mb, process_tree
from .proxy import measure_proxy
from .scenarios import MAX_RSS_MB_PER_PROCESS, SCENARIOS, TARGET_CONNECTIONS, Scenario

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
# After a run at many connections the server still works off the requests queued by
# sockets the load generator has closed; the next scenario starts once it is idle.
DRAIN_SECONDS = 60


def connection_counts(text: str) -> list[int]:
    counts = [int(part) for part in text.split(",") if part.strip()]
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError("connection counts are positive integers, e.g. 8,64,256")
    return counts


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument(
        "--connections",
        type=connection_counts,
        default=[8, 64, 256],
        help="comma-separated connection counts, each a run per scenario (default 8,64,256)",
    )
    parser.add_argument("--seconds", type=float, default=4, help="per scenario and count")
    parser.add_argument("--warmup", type=float, default=1, help="seconds per scenario")
    parser.add_argument(
        "--timeout", type=float, default=5, help="seconds after which an answer is a timeout"
    )
    parser.add_argument("--workers", type=int, help="server processes (default: serve's own)")
    parser.add_argument("--threads", type=int, help="threads per process (default: serve's own)")
    parser.add_argument(
        "--database-url", help="a scratch PostgreSQL database (emptied!) instead of SQLite"
    )
    parser.add_argument("--redis-url", help="a scratch Redis database (flushed!) as the cache")
    parser.add_argument(
        "--only", action="append", metavar="NAME", help="run only these scenarios (repeatable)"
    )
    parser.add_argument("--keep-data", action="store_true", help="keep the data folder")
    parser.add_argument(
        "--no-import", action="store_true", help="skip the WXR import benchmark (about a minute)"
    )
    parser.add_argument(
        "--no-proxy", action="store_true", help="skip the nginx figures (bench/proxy.py)"
    )
    return parser.parse_args(argv)


def backend_environment(args) -> dict[str, str]:
    """What the server and this process are pointed at, beyond the data folder."""
    env = {"BROADSHEET_RATE_LIMITS": "0"}  # one load generator on one address
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    return env


class NotEmpty(Exception):
    pass


def prepare_data(data_dir: Path, args):
    """Point Django at the benchmark's data folder and database, migrate, seed, collect."""
    server_env = e2e.server_environment(data_dir, **backend_environment(args))
    # This process seeds and counts queries against the same database as the server:
    # exactly the variables the server gets, nothing the shell happened to export.
    for name in e2e.SUITE_ONLY_VARIABLES:
        os.environ.pop(name, None)
    os.environ.update(server_env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "broadsheet.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command

    from broadsheet.core.management.commands.setup import collect_static
    from broadsheet.publishing.models import Article

    from .seed import seed_publication

    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    if args.database_url:
        # A scratch database only: refuse one that holds anything but an earlier run.
        foreign = Article.objects.exclude(slug__startswith="bericht-nummer-").exists()
        if foreign:
            raise NotEmpty(f"{args.database_url} holds articles the benchmark did not make")
        call_command("flush", interactive=False, verbosity=0)
    # Cache keys derive from database versions, which restart with the data: fragments
    # of an earlier run in a shared cache would be served as this run's.
    cache.clear()
    seeded = seed_publication(articles=args.articles)
    collect_static()
    print(f"Seeded {args.articles} articles in {time.monotonic() - started:.1f} s ({data_dir})")
    return seeded, server_env


def check(value, limit, *, at_least: bool) -> bool | None:
    if limit is None or value is None:
        return None
    return value >= limit if at_least else value <= limit


def judge(scenario: Scenario, run: dict, *, queries_warm: int | None) -> dict:
    at_target = run["connections"] == TARGET_CONNECTIONS
    verdicts = {
        "rps": check(run["requests_per_second"], scenario.min_rps, at_least=True)
        if at_target
        else None,
        "p99": check(run["p99_ms"], scenario.max_p99_ms, at_least=False) if at_target else None,
        "queries": check(queries_warm, scenario.max_queries, at_least=False),
        "no_errors": run["errors"] == 0 and run["bad_statuses"] == 0,
        "no_timeouts": run["timeouts"] == 0,
        "all_served": run["every_connection_served"],
    }
    return {name: ok for name, ok in verdicts.items() if ok is not None}


def wait_until_idle(server: e2e.ServerProcess) -> float:
    """Seconds until a single request is answered at once again."""
    started = time.monotonic()
    while time.monotonic() - started < DRAIN_SECONDS:
        asked = time.monotonic()
        with contextlib.suppress(OSError):
            e2e.fetch(server.url("/healthz"), timeout=DRAIN_SECONDS).close()
        if time.monotonic() - asked < 0.1:
            break
    return time.monotonic() - started


def load_scenario(scenario: Scenario, server: e2e.ServerProcess, seeded, args) -> list[dict]:
    request = scenario.request(seeded, server.base_url)
    runs = []
    for connections in args.connections:
        options = {"connections": connections, "timeout": args.timeout}
        run_load(server.base_url, request, seconds=args.warmup, **options)
        drained = wait_until_idle(server)
        run = run_load(server.base_url, request, seconds=args.seconds, **options).summary()
        run["drained_before_s"] = round(drained, 2)
        runs.append(run)
        print(f"  {run_line(run)}", flush=True)
        wait_until_idle(server)
    return runs


def run_line(run: dict) -> str:
    per = run["requests_per_connection"]
    return (
        f"{run['connections']:>4} conn {run['requests_per_second']:>8.1f}/s "
        f"p50 {fmt_ms(run['p50_ms'])} p99 {fmt_ms(run['p99_ms'])} "
        f"errors {run['errors'] + run['bad_statuses']} timeouts {run['timeouts']} "
        f"per connection {per['min']}/{per['median']:g}/{per['max']}"
        f"{'' if run['every_connection_served'] else '  NOT ALL SERVED'}"
    )


def fmt_ms(value) -> str:
    return "     –   " if value is None else f"{value:>7.1f} ms"


def server_memory(pid: int) -> list[dict]:
    processes = []
    for child in process_tree(pid):
        command = command_line(child)
        if child == pid:
            role = "supervisor"
        elif command.split()[-1:] == ["worker"]:
            role = "task worker"
        else:
            role = "web worker"
        processes.append({"pid": child, "role": role, "command": command, **memory_mb(child)})
    return processes


def print_report(rows: list[dict], processes: list[dict]) -> None:
    print("\nscenario / connections: req/s, p50, p99, errors, timeouts, requests per connection")
    print("(min/median/max), SQL queries first/later request; targets in bench/scenarios.py")
    for row in rows:
        queries = (
            f"{row['queries_cold']}/{row['queries_warm']}"
            if row["queries_cold"] is not None
            else "–"
        )
        print(f"\n{row['name']} ({row['path']}), queries {queries}")
        for run in row["runs"]:
            verdict = ", ".join(
                f"{k} {'ok' if v else 'MISSED'}" for k, v in run["verdicts"].items()
            )
            print(f"  {run_line(run)}  [{verdict}]")
    print()
    for process in processes:
        ok = process["peak_mb"] < MAX_RSS_MB_PER_PROCESS
        print(
            f"{process['role']:<11} pid {process['pid']:<7} peak RSS {process['peak_mb']:>6.1f} MB"
            f"  {'ok' if ok else 'MISSED'} (< {MAX_RSS_MB_PER_PROCESS} MB)"
        )


def git_revision() -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        done = subprocess.run(  # noqa: S603 - a fixed command line, no shell
            [git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip()


def serve_arguments(args) -> tuple[str, ...]:
    extra = ()
    if args.workers:
        extra += ("--workers", str(args.workers))
    if args.threads:
        extra += ("--threads", str(args.threads))
    return extra


def measure(scenarios: list[Scenario], args, *, data_dir: Path):
    """Seed, count queries in-process, then load each scenario on the real server."""
    seeded, server_env = prepare_data(data_dir, args)
    rows = []
    for scenario in scenarios:
        path = scenario.request(seeded, "http://127.0.0.1").path
        cold, warm = count_queries(path) if scenario.is_read else (None, None)
        rows.append(
            {"name": scenario.name, "path": path, "queries_cold": cold, "queries_warm": warm}
        )
    from django.db import connections

    connections.close_all()  # the server's workers open their own
    server = e2e.start_server(server_env, extra_args=serve_arguments(args))
    try:
        banner = server.output().strip().splitlines()
        print(banner[0] if banner else "broadsheet serve started", flush=True)
        for scenario, row in zip(scenarios, rows, strict=True):
            print(f"Loading {scenario.name} ({row['path']}) …", flush=True)
            row["runs"] = load_scenario(scenario, server, seeded, args)
        proxy = None
        if not args.no_proxy:
            wait_until_idle(server)
            proxy = measure_proxy(
                server, seeded, args, work_dir=data_dir / "proxy",
                settle=lambda: wait_until_idle(server),
            )  # fmt: skip
        processes = server_memory(server.process.pid)
    except Exception:
        print(f"--- server log ---\n{server.output()[-4000:]}", file=sys.stderr)
        raise
    finally:
        server.stop()
    for scenario, row in zip(scenarios, rows, strict=True):
        for run in row["runs"]:
            run["verdicts"] = judge(scenario, run, queries_warm=row["queries_warm"])
        row["targets"] = {
            "at_connections": TARGET_CONNECTIONS,
            "min_rps": scenario.min_rps,
            "max_p99_ms": scenario.max_p99_ms,
            "max_queries": scenario.max_queries,
        }
    for process in processes:
        process["ok"] = process["peak_mb"] < MAX_RSS_MB_PER_PROCESS
    return rows, processes, server.output(), proxy


def import_benchmark() -> dict:
    """A generated WXR export (5,000 posts, 100,000 comments) into a fresh SQLite database."""
    from broadsheet.importers.bench import run_import_benchmark

    print("\nImporting a generated WordPress export (5,000 posts, 100,000 comments) …", flush=True)
    result = run_import_benchmark()
    verdict = "ok" if result.meets_targets else "MISSED"
    print(
        f"WXR import: {result.file_mb:.0f} MB in {result.seconds:.1f} s "
        f"(CPU {result.cpu_seconds:.1f} s), peak {result.peak_rss_mb:.0f} MB  "
        f"{verdict} (targets: < 60 s, < 300 MB)"
    )
    return {**dataclasses.asdict(result), "meets_targets": result.meets_targets}


def write_results(
    rows, processes, args, *, server_banner: str, passed: bool, imported=None, proxy=None
):
    RESULTS.parent.mkdir(exist_ok=True)
    results = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "revision": git_revision(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            # Other work on the machine skews every figure: say how busy it was.
            "load_average": [round(n, 2) for n in os.getloadavg()],
        },
        "settings": {
            "articles": args.articles,
            "connections": args.connections,
            "seconds": args.seconds,
            "timeout_s": args.timeout,
            "server": server_banner,
            "server_arguments": list(serve_arguments(args)),
            "database": "postgresql" if args.database_url else "sqlite",
            "cache": "redis" if args.redis_url else "local memory",
        },
        "scenarios": rows,
        "processes": processes,
        "max_rss_mb_per_process": MAX_RSS_MB_PER_PROCESS,
        "wxr_import": imported,
        "proxy": proxy,
        "passed": passed,
    }
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


def run(args) -> int:
    scenarios = [s for s in SCENARIOS if not args.only or s.name in args.only]
    if not scenarios:
        print(f"No such scenario; known: {', '.join(s.name for s in SCENARIOS)}", file=sys.stderr)
        return 2
    data_dir = Path(tempfile.mkdtemp(prefix="broadsheet-bench-"))
    try:
        rows, processes, output, proxy = measure(scenarios, args, data_dir=data_dir)
    except (NotEmpty, AssertionError) as error:
        print(f"The benchmark could not run: {error}", file=sys.stderr)
        return 2
    finally:
        if args.keep_data:
            print(f"Data kept in {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)

    print_report(rows, processes)
    passed = all(all(run["verdicts"].values()) for row in rows for run in row["runs"])
    passed = passed and all(p["ok"] for p in processes)
    passed = passed and (proxy is None or proxy["met"])
    imported = None
    if not args.no_import and not args.only:
        imported = import_benchmark()
        passed = passed and imported["meets_targets"]
    banner = next((line for line in output.splitlines() if line.startswith("Broadsheet on")), "")
    write_results(
        rows, processes, args, server_banner=banner, passed=passed, imported=imported, proxy=proxy
    )
    print(f"\n{'All targets met' if passed else 'Some targets MISSED'}; wrote {RESULTS}")
    return 0 if passed else 1


def main(argv=None) -> int:
    # SIGTERM unwinds like Ctrl-C, so the server is stopped and the data folder removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    return run(parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
