"""Broadsheet's load benchmark: `make bench` (or `python -m bench --help`).

It seeds a throw-away data folder with a publication of a few thousand articles,
starts `broadsheet serve` on it and measures, per scenario (scenarios.py), throughput
and latency with wrk, SQL queries per page in-process, and the peak memory of every
server process. Results go to bench/results/latest.json.
"""
