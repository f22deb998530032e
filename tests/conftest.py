import os
import shutil
import socket
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from wagtail.models import Page, Site

from tests.accounts.factories import UserFactory

SERVICES_SEEN: dict[str, str] = {}


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations(django_db_blocker):
    """Pages are checked in six languages: compile any .po newer than its .mo."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("compile_translations", verbosity=0)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate-limit counters live in the cache; each test starts from zero.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _english_first():
    """Each test starts in English: a request in another language leaves that
    language active in the thread, which a failing test would pass on."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def staff_user(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(site):
    return site.root_page.specific


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


@pytest.fixture
def services():
    """Real PostgreSQL, Redis and a Celery worker, as started by .ci/run.

    Skips with the reason when any is missing; with REQUIRE_SERVICES=1 (CI)
    a missing service fails the test instead, so CI cannot pass by skipping.
    """
    from django.conf import settings
    from django.db import connection

    from training.celery import app

    problems = []
    if connection.vendor != "postgresql":
        problems.append(f"database is {connection.vendor}, not PostgreSQL")
    if not settings.REDIS_URL:
        problems.append("REDIS_URL is not set")
    workers = []
    if settings.REDIS_URL:
        try:
            workers = list(app.control.ping(timeout=3.0) or [])
        except Exception as exc:  # noqa: BLE001
            problems.append(f"Redis broker unreachable: {exc}")
        if not workers and not problems:
            problems.append("no Celery worker answered a ping")
    if problems:
        reason = "needs real services: " + "; ".join(problems)
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    SERVICES_SEEN.update(
        database=f"postgresql {connection.pg_version}",
        broker=settings.REDIS_URL.rsplit("@", 1)[-1],
        workers=", ".join(name for w in workers for name in w),
    )
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield app
    app.conf.task_always_eager = previous
    _wait_for_idle_worker(app)


def _wait_for_idle_worker(app, timeout: float = 120.0) -> None:
    """Let the worker finish what the test queued (PDF renders after issuing…)
    before the test database is flushed: a task holding row locks while the
    flush truncates the tables deadlocks both."""
    import time

    import redis
    from django.conf import settings

    queues = [queue.name for queue in app.conf.task_queues or ()] or [
        app.conf.task_default_queue
    ]
    broker = redis.Redis.from_url(settings.REDIS_URL)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        inspect = app.control.inspect(timeout=1.0)
        busy = [
            task
            for tasks in (inspect.active() or {}, inspect.reserved() or {})
            for worker_tasks in tasks.values()
            for task in worker_tasks
        ]
        if not busy and not any(broker.llen(queue) for queue in queues):
            return
        time.sleep(0.5)
    pytest.fail(f"the Celery worker was still busy {timeout:.0f} s after the test")


def pytest_terminal_summary(terminalreporter):
    if SERVICES_SEEN:
        terminalreporter.write_sep("-", "real services used")
        for name, value in SERVICES_SEEN.items():
            terminalreporter.write_line(f"{name}: {value}")


def pytest_collection_modifyitems(items):
    # A transactional test flushes the database afterwards; without serialized
    # rollback the migration data (roles, page tree) is gone for the next one.
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: use django_db(transaction=True, serialized_rollback=True)"
            )


# ---- object storage (S3 API) ----

CREDENTIALS = {"access_key": "testing", "secret_key": "testing"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's standalone S3 server on a free 127.0.0.1 port, for the session.

    Skipped when `moto_server` is not installed; under REQUIRE_SERVICES=1
    (.ci/run, which installs it with the dev lock) that fails instead.
    """
    executable = Path(sys.executable).with_name("moto_server")
    command = str(executable) if executable.exists() else shutil.which("moto_server")
    if not command:
        reason = "moto_server is not installed (pip install 'moto[server]')"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 (our own venv's moto_server)
        [command, "-H", "127.0.0.1", "-p", str(port)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    # Werkzeug announces the address once it listens.
    for line in server.stderr:
        if "Running on" in line:
            break
    else:
        pytest.fail("moto_server did not start")
    # Keep draining its request log so a full pipe never blocks the server.
    threading.Thread(target=server.stderr.read, daemon=True).start()
    endpoint = f"http://127.0.0.1:{port}"
    SERVICES_SEEN["object store"] = f"moto_server {endpoint}"
    yield endpoint
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def s3(settings, s3_endpoint):
    """Fresh public and private buckets, and STORAGES pointed at them as the
    S3_* variables would; returns a boto3 client and the private bucket."""
    import boto3

    from training.settings.object_storage import s3_storage

    buckets = {kind: f"{kind}-{uuid.uuid4().hex[:12]}" for kind in ("media", "private")}
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
    )
    for bucket in buckets.values():
        client.create_bucket(Bucket=bucket)
    options = settings.S3_OPTIONS | CREDENTIALS | {"endpoint_url": s3_endpoint}
    settings.STORAGES = settings.STORAGES | {
        "default": s3_storage(options, bucket=buckets["media"], private=False),
        "private": s3_storage(options, bucket=buckets["private"], private=True),
    }
    return client, buckets["private"]
