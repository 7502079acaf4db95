"""A bounded load test of the public pages against Odoo's own page: N concurrent
clients against a server on this machine (loopback only) send a fixed number of
requests, alternately to the page under test and to /web/login on the same server
(the floor), within a time limit.

    python3 bench/load.py --url http://127.0.0.1:8069/consultation --clients 50 --requests 400

Prints one line per page (requests, p50 and p95 in milliseconds, errors), one line with
the ratios page / floor, and as its last line one JSON object with the keys page, floor
(each {requests, p50, p95, errors}), ratio_p50, ratio_p95 and seconds.
"""

import argparse
import json
import statistics
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def percentiles(results):
    times = sorted(r for r in results if r >= 0)
    return {
        "requests": len(results),
        "p50": round(statistics.median(times), 1) if times else 0.0,
        "p95": round(times[max(0, int(len(times) * 0.95) - 1)], 1) if times else 0.0,
        "errors": sum(1 for r in results if r < 0),
    }


def run(url, floor_url, clients, requests, timeout):
    """Send `requests` requests by `clients` threads, every other one to the floor."""
    deadline = time.monotonic() + timeout

    def read(index):
        target = floor_url if index % 2 else url
        if time.monotonic() > deadline:
            return target, None
        start = time.perf_counter()
        try:
            urllib.request.urlopen(target, timeout=30).read()
        except OSError:
            return target, -1.0
        return target, (time.perf_counter() - start) * 1000

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = [r for r in pool.map(read, range(2 * requests)) if r[1] is not None]
    page = percentiles([ms for target, ms in results if target == url])
    floor = percentiles([ms for target, ms in results if target == floor_url])
    return {
        "page": page,
        "floor": floor,
        "ratio_p50": round(page["p50"] / floor["p50"], 2) if floor["p50"] else None,
        "ratio_p95": round(page["p95"] / floor["p95"], 2) if floor["p95"] else None,
        "seconds": round(time.perf_counter() - started, 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the page under test")
    parser.add_argument(
        "--floor-url", help="Odoo's own page on the same server (default: its /web/login)"
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument(
        "--requests", type=int, default=400, help="requests to each page (twice as many in all)"
    )
    parser.add_argument("--timeout", type=float, default=300, help="seconds for the whole run")
    args = parser.parse_args()
    parts = urllib.parse.urlsplit(args.url)
    floor_url = args.floor_url or f"{parts.scheme}://{parts.netloc}/web/login"
    for target in (args.url, floor_url):
        host = urllib.parse.urlsplit(target).hostname or ""
        if host not in LOOPBACK and not host.startswith("127."):
            sys.exit("The load test only targets a server on this machine (loopback).")
    # One request of each first: the workers' caches are warm when the clock starts.
    # Every worker, and on a fresh replica the standby's cache, warmed by one round of
    # the same clients first: the figures are the steady state, not the first minute.
    run(args.url, floor_url, args.clients, args.clients, args.timeout)

    result = run(args.url, floor_url, args.clients, args.requests, args.timeout)
    for label, target in (("page", args.url), ("floor", floor_url)):
        figures = result[label]
        print(
            f"{urllib.parse.urlsplit(target).path:<20} {figures['requests']} requests:"
            f" p50 {figures['p50']:.0f} ms, p95 {figures['p95']:.0f} ms,"
            f" {figures['errors']} errors"
        )
    print(
        f"{args.clients} clients, {result['seconds']} s; page / floor: p50"
        f" {result['ratio_p50']}x, p95 {result['ratio_p95']}x"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
