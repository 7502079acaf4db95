"""The public pages on a PostgreSQL streaming replica: proof that the board is read
from the replica while residents' posts still reach the primary. Not part of CI.

    ./bench.sh --scale province --keep -d consultation_bench     # the data
    ./bench.sh replica.py -d consultation_bench                   # this script

Run as root (or as a user that may `runuser -u postgres`) on the machine of the
PostgreSQL cluster that holds the database. It

1. takes a base backup of the cluster (pg_basebackup -R -X stream, as the postgres
   user over the local socket) into a new data directory, writes its own
   postgresql.conf (another port, hot_standby, pg_stat_statements preloaded) and starts
   it: a hot standby streaming from the primary. The primary is not restarted; the
   extension pg_stat_statements is created in the database (replicated to the
   standby), and only the standby loads it, so only the standby counts statements;
2. starts Odoo with --workers 4 --db_replica_host=<--replica-host; empty: the local
   socket> --db_replica_port=<port> (a port alone keeps everything on the primary)
   and runs bench/load.py against the board and /web/login;
3. prints the share of the board's reads of consultation_* tables the replica served
   (table scans counted by each server's pg_stat_user_tables during the load; goal
   100 %), the share of all table scans beside it (Odoo reads its registry signalling
   and sessions' users from the primary), the replica's statements on consultation_*
   tables from its pg_stat_statements, and the load figures;
4. posts an opinion on the portal and reads it on the primary: POSTs still work;
5. stops the standby and deletes its data directory.

The last line is one JSON object with the keys replica_share_consultation,
replica_share_all, replica_statements_consultation, load and post_ok.
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

HERE = os.path.dirname(os.path.abspath(__file__))
SOCKET_DIR = "/var/run/postgresql"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_bindir():
    try:
        return subprocess.check_output(["pg_config", "--bindir"], text=True).strip()
    except (OSError, subprocess.CalledProcessError):
        versions = sorted(os.listdir("/usr/lib/postgresql"), key=int)
        return f"/usr/lib/postgresql/{versions[-1]}/bin"


def as_postgres(*cmd, **kw):
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *cmd], check=True, **kw)


def psql(database, sql, port=None, host=SOCKET_DIR):
    cmd = ["psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-h", host, "-d", database, "-c", sql]
    if port:
        cmd[1:1] = ["-p", str(port)]
    return subprocess.check_output(cmd, text=True).strip()


def primary_setting(name):
    return psql("postgres", f"SHOW {name}")


def start_replica(port, datadir):
    """A hot standby of the local cluster in `datadir`, listening on `port`."""
    bindir = pg_bindir()
    os.makedirs(datadir, mode=0o700)
    if os.geteuid() == 0:
        shutil.chown(datadir, "postgres", "postgres")
    as_postgres(
        f"{bindir}/pg_basebackup",
        "-h",
        SOCKET_DIR,
        "-p",
        primary_setting("port"),
        "-D",
        datadir,
        "-R",
        "-X",
        "stream",
        "--checkpoint=fast",
    )
    # Debian keeps the cluster's configuration in /etc: the copy gets its own.
    hba = primary_setting("hba_file")
    ident = primary_setting("ident_file")
    conf = f"""
port = {port}
listen_addresses = '127.0.0.1'
unix_socket_directories = '{SOCKET_DIR}'
hot_standby = on
hba_file = '{hba}'
ident_file = '{ident}'
max_connections = 100
shared_buffers = 128MB
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.max = 10000
pg_stat_statements.track = all
logging_collector = off
"""
    path = os.path.join(datadir, "postgresql.conf")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(conf)
    if os.geteuid() == 0:
        shutil.chown(path, "postgres", "postgres")
    as_postgres(
        f"{bindir}/pg_ctl",
        "-D",
        datadir,
        "-l",
        os.path.join(datadir, "standby.log"),
        "-w",
        "-t",
        "120",
        "start",
        stdout=subprocess.DEVNULL,
    )


def stop_replica(datadir):
    if os.path.exists(os.path.join(datadir, "postmaster.pid")):
        as_postgres(
            f"{pg_bindir()}/pg_ctl",
            "-D",
            datadir,
            "-m",
            "fast",
            "-w",
            "stop",
            stdout=subprocess.DEVNULL,
        )
    shutil.rmtree(datadir, ignore_errors=True)


SCANS = (
    "SELECT coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0))"
    "       FILTER (WHERE relname LIKE 'consultation\\_%'), 0),"
    "       coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0)"
    "  FROM pg_stat_all_tables"
)


def scans(database, port=None):
    """Table scans so far on consultation_* tables and on all tables."""
    consultation, total = psql(database, SCANS, port).split("|")
    return int(consultation), int(total)


def wait_for(url, seconds=180):
    for _i in range(seconds):
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"{url} did not answer in {seconds} s")


def post_opinion(base, database, topic_id):
    """An opinion posted on the portal lands on the primary."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    page = opener.open(f"{base}/consultation/topic/{topic_id}", timeout=60).read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    content = f"副本基准意见{time.time_ns()}"
    body = urllib.parse.urlencode(
        {"csrf_token": token, "content": content, "contact_name": "基准居民"}
    ).encode()
    opener.open(f"{base}/consultation/topic/{topic_id}/opinion", body, timeout=60).read()
    found = psql(database, f"SELECT count(*) FROM consultation_opinion WHERE content = '{content}'")
    return found == "1"


def odoo_server(args, http_port, replica_port):
    cmd = [
        sys.executable,
        "-m",
        "odoo",
        "-d",
        args.database,
        "--log-level=warn",
        f"--http-port={http_port}",
        "--http-interface=127.0.0.1",
        f"--gevent-port={args.gevent_port or free_port()}",
        "--workers",
        "4",
        "--max-cron-threads",
        "0",
        f"--db_replica_host={args.replica_host}",
        f"--db_replica_port={replica_port}",
    ]
    if args.addons_path:
        cmd.append(f"--addons-path={args.addons_path}")
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True, help="a benchmark database")
    parser.add_argument("--addons-path", default=os.environ.get("ODOO_ADDONS_PATH"))
    parser.add_argument("--port", type=int, default=0, help="the replica's port (default: free)")
    parser.add_argument(
        "--replica-host",
        default="",
        help="--db_replica_host for Odoo (default empty: the local socket)",
    )
    parser.add_argument("--http-port", type=int, default=0)
    parser.add_argument("--gevent-port", type=int, default=0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()
    port = args.port or free_port()
    http_port = args.http_port or free_port()
    base = f"http://127.0.0.1:{http_port}"
    topic_id = psql(
        args.database,
        "SELECT id FROM consultation_topic WHERE state = 'published'"
        " AND publish_date_start <= current_date AND publish_date_end >= current_date"
        " ORDER BY id LIMIT 1",
    )
    # In the database, so that the standby has it; only the standby preloads it.
    psql(args.database, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements")

    datadir = tempfile.mkdtemp(prefix="consultation_replica_")
    os.rmdir(datadir)
    server = None
    try:
        started = time.perf_counter()
        start_replica(port, datadir)
        print(f"hot standby on port {port} in {time.perf_counter() - started:.1f} s")
        server = odoo_server(args, http_port, port)
        wait_for(f"{base}/web/login")
        # Warm every worker, then count from a clean slate.
        for _i in range(8):
            urllib.request.urlopen(f"{base}/consultation", timeout=60).read()
        time.sleep(2)
        psql(args.database, "SELECT pg_stat_statements_reset()", port)
        primary_before, replica_before = scans(args.database), scans(args.database, port)
        load = subprocess.run(
            [
                sys.executable,
                os.path.join(HERE, "load.py"),
                "--url",
                f"{base}/consultation",
                "--clients",
                str(args.clients),
                "--requests",
                str(args.requests),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        # Statistics reach the shared counters within a second of each transaction.
        time.sleep(3)
        primary_after, replica_after = scans(args.database), scans(args.database, port)
        primary = [a - b for a, b in zip(primary_after, primary_before, strict=True)]
        replica = [a - b for a, b in zip(replica_after, replica_before, strict=True)]
        shares = [r / (r + p) if r + p else 0.0 for r, p in zip(replica, primary, strict=True)]
        statements = int(
            psql(
                args.database,
                "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements"
                " WHERE query LIKE '%consultation\\_%'",
                port,
            )
        )
        post_ok = post_opinion(base, args.database, topic_id)
        load_lines = load.stdout.strip().splitlines()
        print("\n".join(load_lines[:-1]))
        print(
            f"board's reads of consultation_* tables served by the replica: {shares[0]:.1%}"
            f" ({replica[0]} table scans on the replica, {primary[0]} on the primary;"
            f" goal 100 %)"
        )
        print(
            f"all table scans served by the replica: {shares[1]:.1%} ({replica[1]} replica,"
            f" {primary[1]} primary: the registry's signalling, sessions and /web/login)"
        )
        print(f"the replica's statements on consultation_* tables: {statements}")
        print(f"an opinion POSTed during the run is on the primary: {'ok' if post_ok else 'NO'}")
        print(
            json.dumps(
                {
                    "replica_share_consultation": round(shares[0], 4),
                    "replica_share_all": round(shares[1], 4),
                    "replica_statements_consultation": statements,
                    "load": json.loads(load_lines[-1]),
                    "post_ok": post_ok,
                }
            )
        )
    finally:
        if server:
            server.terminate()
            server.wait(timeout=60)
        stop_replica(datadir)


if __name__ == "__main__":
    main()
