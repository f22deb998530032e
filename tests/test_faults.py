"""Faults on real services (.ci/run): Redis stopped, PostgreSQL restarted.

A gunicorn server (two sync workers, persistent database connections as in
production) serves the test database while the services are taken away and
brought back; nothing is restarted on the application side.

.ci/run exports where its services live: REDISPORT, and PG_DATA_DIR (the
throw-away cluster, restarted with pg_ctl as the postgres user).
"""

import datetime
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from accounts.models import OutboundEmail
from accounts.services import email_enqueue

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _missing(reason):
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def _wait_for(predicate, timeout=30.0, step=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def _free_port() -> int:
    # Live servers of this project use 8700-8799 on shared machines.
    for port in range(8700, 8800):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port in 8700-8799")


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _post(url: str, data: bytes) -> int:
    request = urllib.request.Request(url, data=data, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.fixture
def app_server(services, tmp_path):
    """gunicorn on the test database, with this run's Redis; yields its URL.

    Its log goes to a file, not a pipe: with Redis down every cache call logs
    a traceback, and an unread pipe fills up and blocks the workers.
    """
    db = connection.settings_dict
    port = _free_port()
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "training.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "CONN_MAX_AGE": "600",
    }
    log_path = tmp_path / "gunicorn.log"
    log = log_path.open("w")
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "training.wsgi", "--workers", "2"]
        + ["--bind", f"127.0.0.1:{port}", "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        up = _wait_for(lambda: _reachable(url), timeout=60)
        assert up, "gunicorn did not start"
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        # Shown by pytest when the test fails.
        print(log_path.read_text()[-4000:])  # noqa: T201


def _reachable(url):
    try:
        return _get(url + "/accounts/login/") == 200
    except OSError:
        return False


# ---- Redis ----


def _redis_port() -> str:
    port = os.environ.get("REDISPORT")
    if not port or not shutil.which("redis-server"):
        _missing(
            "needs .ci/run's Redis (REDISPORT) and redis-server to stop and start it"
        )
    return port


def _redis_up(port) -> bool:
    result = subprocess.run(  # noqa: S603
        ["redis-cli", "-p", port, "ping"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() == "PONG"


@pytest.fixture
def redis_outage(services):
    """Stops this run's Redis; the test calls the returned function to restart it."""
    port = _redis_port()
    subprocess.run(["redis-cli", "-p", port, "shutdown", "nosave"], check=False)  # noqa: S603, S607
    assert _wait_for(lambda: not _redis_up(port), timeout=10)

    def restart():
        subprocess.run(  # noqa: S603
            ["redis-server", "--port", port, "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--daemonize", "yes"],
            check=True,
        )
        assert _wait_for(lambda: _redis_up(port), timeout=10)

    yield restart
    if not _redis_up(port):
        restart()


def test_pages_work_and_email_is_kept_while_redis_is_down(
    services, app_server, redis_outage, django_capture_on_commit_callbacks
):
    # Pages that read the cache (sessions live in the database; rate limits
    # and Wagtail settings use the cache).
    assert _get(app_server + "/") == 200
    assert _get(app_server + "/accounts/login/") == 200
    assert _post(app_server + "/accounts/login/", b"login=x%40example.org") in (
        200,
        403,
    )
    # The health check tells the truth about it.
    assert _get(app_server + "/healthz") == 503

    # An email enqueued now cannot reach the broker: it is kept as pending.
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        email = email_enqueue(
            to=["trainee@example.org"], subject="Outage", body="x", key="fault:redis"
        )
    assert time.monotonic() - started < 15, "publishing hung while Redis was down"
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.PENDING

    # Redis returns: the beat job re-enqueues it and the worker sends it.
    redis_outage()
    assert _wait_for(lambda: bool(services.control.ping(timeout=1.0)), timeout=60), (
        "the Celery worker did not reconnect to Redis"
    )
    from accounts.tasks import email_send_pending_task

    OutboundEmail.objects.filter(pk=email.pk).update(
        created_at=email.created_at - datetime.timedelta(minutes=10)
    )
    email_send_pending_task.delay()

    def sent():
        email.refresh_from_db()
        return email.status == OutboundEmail.Status.SENT

    assert _wait_for(sent, timeout=60), "the pending email was never sent"
    assert _get(app_server + "/healthz") == 200


# ---- PostgreSQL ----


def test_app_recovers_when_postgresql_restarts(services, app_server):
    data_dir = os.environ.get("PG_DATA_DIR")
    if not data_dir or not shutil.which("pg_ctl"):
        _missing("needs .ci/run's PostgreSQL cluster (PG_DATA_DIR) to restart it")
    # Both workers hold a persistent connection.
    for _ in range(6):
        assert _get(app_server + "/") == 200

    subprocess.run(  # noqa: S603
        ["runuser", "-u", "postgres", "--", "pg_ctl", "-D", data_dir]
        + ["-m", "fast", "-w", "restart", "-l", os.environ.get("PG_LOG", "/dev/null")],
        check=True,
        capture_output=True,
    )
    connection.close()  # this process's own connection died too

    # No restart of the application: every request after the database is back
    # succeeds (CONN_HEALTH_CHECKS replaces the dead connections).
    statuses = [_get(app_server + "/") for _ in range(6)]
    statuses += [_get(app_server + "/healthz") for _ in range(4)]
    assert statuses == [200] * 10, statuses
