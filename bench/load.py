"""A bounded load test of the public pages: N concurrent readers against a server on
this machine (loopback only), a fixed number of requests and a time limit.

    python3 bench/load.py --url http://127.0.0.1:8069/consultation --clients 50 --requests 400

Prints one line: requests, clients, p50 and p95 in milliseconds, errors, seconds.
"""

import argparse
import statistics
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--timeout", type=float, default=120, help="seconds for the whole run")
    args = parser.parse_args()
    host = urllib.parse.urlsplit(args.url).hostname
    if host not in LOOPBACK and not host.startswith("127."):
        sys.exit("The load test only targets a server on this machine (loopback).")

    deadline = time.monotonic() + args.timeout

    def read(_index):
        if time.monotonic() > deadline:
            return None
        start = time.perf_counter()
        try:
            urllib.request.urlopen(args.url, timeout=30).read()
        except OSError:
            return -1.0
        return (time.perf_counter() - start) * 1000

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.clients) as pool:
        results = [r for r in pool.map(read, range(args.requests)) if r is not None]
    took = time.perf_counter() - started
    times = sorted(r for r in results if r >= 0)
    errors = sum(1 for r in results if r < 0)
    p50 = statistics.median(times) if times else 0.0
    p95 = times[int(len(times) * 0.95) - 1] if times else 0.0
    print(
        f"{len(results)} requests by {args.clients} clients: p50 {p50:.0f} ms,"
        f" p95 {p95:.0f} ms, {errors} errors, {took:.1f} s"
    )


if __name__ == "__main__":
    main()
