"""python -m bench: seed, serve, load, measure, compare with the targets, write JSON.

Exit status: 0 when every target is met, 1 when one is missed, 2 when the benchmark
could not run (wrk missing, server failed to start).
"""

import argparse
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

from .measure import (
    WRK_INSTALL_HINT,
    command_line,
    count_queries,
    find_wrk,
    memory_mb,
    process_tree,
    run_wrk,
)
from .scenarios import MAX_RSS_MB_PER_PROCESS, SCENARIOS, Scenario
from .server import http_status, running_server

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--seconds", type=float, default=10, help="per scenario")
    parser.add_argument("--warmup", type=float, default=2, help="seconds per scenario")
    parser.add_argument(
        "--only", action="append", metavar="NAME", help="run only these scenarios (repeatable)"
    )
    parser.add_argument("--keep-data", action="store_true", help="keep the data folder")
    parser.add_argument(
        "--no-import", action="store_true", help="skip the WXR import benchmark (about a minute)"
    )
    return parser.parse_args(argv)


def prepare_data_dir(data_dir: Path, *, articles: int):
    """Point Django at a fresh SQLite data folder, migrate, seed and collect static."""
    os.environ["BROADSHEET_DATA_DIR"] = str(data_dir)
    # The embedded default is what we measure: never a DATABASE_URL/REDIS_URL that
    # happens to be set in the shell (and must not be written to).
    for name in ("DATABASE_URL", "REDIS_URL", "DEBUG"):
        os.environ.pop(name, None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "broadsheet.settings")
    # One load generator on one address would be stopped by the per-IP limits at once.
    os.environ["BROADSHEET_RATE_LIMITS"] = "0"
    import django

    django.setup()
    from django.core.management import call_command

    from .seed import seed_publication

    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    seeded = seed_publication(articles=articles)
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"Seeded {articles} articles in {time.monotonic() - started:.1f} s ({data_dir})")
    return seeded


def check(value, limit, *, at_least: bool) -> bool | None:
    if limit is None or value is None:
        return None
    return value >= limit if at_least else value <= limit


def load_scenario(scenario: Scenario, url: str, *, wrk: str, args, seeded, base_url: str) -> dict:
    if scenario.check_get and (status := http_status(url)) != 200:
        return {"error": f"GET answered {status}"}
    script = None
    if callable(scenario.wrk_script):
        script = Path(tempfile.mkdtemp()) / "script.lua"
        script.write_text(scenario.wrk_script(seeded, base_url))
    elif scenario.wrk_script:
        script = Path(__file__).parent / scenario.wrk_script
    load = {"connections": args.connections, "threads": args.threads, "script": script}
    run_wrk(wrk, url, seconds=args.warmup, **load)
    result = run_wrk(wrk, url, seconds=args.seconds, **load)
    return {
        "requests_per_second": round(result.requests_per_second, 1),
        "p50_ms": round(result.p50_ms, 2),
        "p99_ms": round(result.p99_ms, 2),
        "requests": result.requests,
        "bad_responses": result.bad_responses,
    }


def judge(scenario: Scenario, row: dict) -> dict:
    verdicts = {
        "rps": check(row.get("requests_per_second"), scenario.min_rps, at_least=True),
        "p99": check(row.get("p99_ms"), scenario.max_p99_ms, at_least=False),
        "queries": check(row.get("queries_warm"), scenario.max_queries, at_least=False),
        "no_errors": "error" not in row and row.get("bad_responses") == 0,
    }
    return {name: ok for name, ok in verdicts.items() if ok is not None}


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
    header = f"{'scenario':<18} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'queries':>9}  verdict"
    print("\n" + header + "\n" + "-" * len(header))
    for row in rows:
        verdict = ", ".join(f"{k} {'ok' if v else 'MISSED'}" for k, v in row["verdicts"].items())
        if "error" in row:
            print(f"{row['name']:<18} {row['error']}  ({verdict})")
            continue
        queries = (
            f"{row['queries_cold']}/{row['queries_warm']}"
            if row["queries_cold"] is not None
            else "–"
        )
        print(
            f"{row['name']:<18} {row['requests_per_second']:>8.1f} {row['p50_ms']:>8.2f} "
            f"{row['p99_ms']:>8.2f} {queries:>9}  {verdict}"
        )
    print("(queries: first request / later requests; targets in bench/scenarios.py)\n")
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


def measure(scenarios: list[Scenario], args, *, wrk: str, data_dir: Path):
    """Seed, count queries in-process, then load each scenario on a real server."""
    seeded = prepare_data_dir(data_dir, articles=args.articles)
    rows = []
    for scenario in scenarios:
        path = scenario.path(seeded)
        cold, warm = count_queries(path) if scenario.check_get else (None, None)
        rows.append(
            {"name": scenario.name, "path": path, "queries_cold": cold, "queries_warm": warm}
        )
    from django.db import connections

    connections.close_all()  # the server's workers open their own
    log_path = data_dir / "serve.log"
    try:
        server = running_server(env=dict(os.environ), workers=args.workers, log_path=log_path)
        with server as (process, base_url):
            for scenario, row in zip(scenarios, rows, strict=True):
                print(f"Loading {scenario.name} ({row['path']}) …", flush=True)
                row.update(
                    load_scenario(
                        scenario,
                        base_url + row["path"],
                        wrk=wrk,
                        args=args,
                        seeded=seeded,
                        base_url=base_url,
                    )
                )
            processes = server_memory(process.pid)
    except Exception:
        if log_path.exists():
            print(f"--- server log ---\n{log_path.read_text()[-4000:]}", file=sys.stderr)
        raise
    for scenario, row in zip(scenarios, rows, strict=True):
        row["verdicts"] = judge(scenario, row)
        row["targets"] = {
            "min_rps": scenario.min_rps,
            "max_p99_ms": scenario.max_p99_ms,
            "max_queries": scenario.max_queries,
        }
    for process in processes:
        process["ok"] = process["peak_mb"] < MAX_RSS_MB_PER_PROCESS
    return rows, processes


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
    rows: list[dict], processes: list[dict], args, *, passed: bool, imported: dict | None = None
) -> None:
    RESULTS.parent.mkdir(exist_ok=True)
    results = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "revision": git_revision(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "settings": {
            "articles": args.articles,
            "server_workers": args.workers,
            "connections": args.connections,
            "wrk_threads": args.threads,
            "seconds": args.seconds,
            "database": "sqlite",
        },
        "scenarios": rows,
        "processes": processes,
        "max_rss_mb_per_process": MAX_RSS_MB_PER_PROCESS,
        "wxr_import": imported,
        "passed": passed,
    }
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


def run(args) -> int:
    wrk = find_wrk()
    if wrk is None:
        print(WRK_INSTALL_HINT, file=sys.stderr)
        return 2
    scenarios = [s for s in SCENARIOS if not args.only or s.name in args.only]
    if not scenarios:
        print(f"No such scenario; known: {', '.join(s.name for s in SCENARIOS)}", file=sys.stderr)
        return 2

    data_dir = Path(tempfile.mkdtemp(prefix="broadsheet-bench-"))
    try:
        rows, processes = measure(scenarios, args, wrk=wrk, data_dir=data_dir)
    finally:
        if args.keep_data:
            print(f"Data kept in {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)

    print_report(rows, processes)
    passed = all(all(row["verdicts"].values()) for row in rows) and all(p["ok"] for p in processes)
    imported = None
    if not args.no_import and not args.only:
        imported = import_benchmark()
        passed = passed and imported["meets_targets"]
    write_results(rows, processes, args, passed=passed, imported=imported)
    print(f"\n{'All targets met' if passed else 'Some targets MISSED'}; wrote {RESULTS}")
    return 0 if passed else 1


def main(argv=None) -> int:
    # SIGTERM unwinds like Ctrl-C, so the server is stopped and the data folder removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    return run(parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
