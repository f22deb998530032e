"""Throw-away PostgreSQL and Redis on 127.0.0.1 for one bench run.

`services(pgport, redisport)` is a context manager: it creates a PostgreSQL
cluster in a temporary directory (fsync off, as in .ci/run) and a Redis without
persistence, yields their URLs, and stops and deletes both on exit, also when
the run fails or is interrupted.
"""

import os
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager


def _as_postgres(command: list[str]) -> list[str]:
    # initdb refuses to run as root.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def _check_tools() -> None:
    for tool in ("initdb", "pg_ctl", "redis-server", "redis-cli"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} not found: install postgresql and redis-server")


@contextmanager
def services(pgport: int, redisport: int):
    _check_tools()
    tmp = tempfile.mkdtemp(prefix="srip-bench-")
    if os.geteuid() == 0:
        shutil.chown(tmp, user="postgres")
    os.chmod(tmp, 0o755)  # noqa: S103 - the postgres user must enter it
    pgdata = os.path.join(tmp, "pg")
    pg_started = redis_started = False
    try:
        subprocess.run(
            _as_postgres(
                ["initdb", "-D", pgdata, "-U", "postgres", "--auth=trust", "-E"]
                + ["UTF8", "--locale=C.UTF-8"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = (
            f"-p {pgport} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c max_connections=100"
        )
        subprocess.run(
            _as_postgres(
                ["pg_ctl", "-D", pgdata, "-l", os.path.join(tmp, "pg.log"), "-w"]
                + ["-o", options, "start"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        pg_started = True
        subprocess.run(
            _as_postgres(
                ["createdb", "-h", "127.0.0.1", "-p", str(pgport), "-U", "postgres"]
                + ["srip_bench"]
            ),
            check=True,
        )
        subprocess.run(
            ["redis-server", "--port", str(redisport), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--daemonize", "yes"]
            + ["--dir", tmp, "--logfile", os.path.join(tmp, "redis.log")],
            check=True,
        )
        redis_started = True
        for _ in range(50):
            ping = subprocess.run(
                ["redis-cli", "-p", str(redisport), "ping"],
                capture_output=True,
                text=True,
            )
            if ping.stdout.strip() == "PONG":
                break
            time.sleep(0.1)
        yield {
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{pgport}/srip_bench",
            "REDIS_URL": f"redis://127.0.0.1:{redisport}/0",
        }
    finally:
        if redis_started:
            subprocess.run(
                ["redis-cli", "-p", str(redisport), "shutdown", "nosave"],
                capture_output=True,
            )
        if pg_started:
            subprocess.run(
                _as_postgres(["pg_ctl", "-D", pgdata, "-m", "fast", "stop"]),
                capture_output=True,
            )
        shutil.rmtree(tmp, ignore_errors=True)
