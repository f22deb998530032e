"""Several nodes on loopback (issue 19): nothing a request needs lives in one
process or on one node's disk.

Two gunicorn web nodes, each in a working directory of its own, and two Celery
workers share one PostgreSQL database (made for this module and dropped after),
one Redis database (not the CI worker's: it must not take these tasks) and the
S3 server of the `s3_endpoint` fixture. The test process prepares data in the
same database and sends tasks to the same broker, as a further node would.

Needs PostgreSQL and Redis (.ci/run exports DATABASE_URL and REDIS_URL) and
moto_server; skips without them, fails under REQUIRE_SERVICES=1. Each process
logs to a file in its node's directory, printed when a test fails.
"""

import datetime
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests
from django.conf import settings
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from tests.conftest import CREDENTIALS
from tests.test_faults import _free_port, _missing, _wait_for

ROOT = Path(__file__).resolve().parent.parent
QUEUES = "emails,pdfs,signing,digests,default"
# A Redis database of the cluster's own: .ci/run's worker listens on database 0.
REDIS_DB = 11
PASSWORD = "pass-1234-word"

pytestmark = pytest.mark.services


def _require_services():
    problems = []
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        problems.append("the database is not PostgreSQL (set DATABASE_URL)")
    if not settings.REDIS_URL:
        problems.append("REDIS_URL is not set")
    if problems:
        _missing("the multi-node test needs " + "; ".join(problems))


def _redis_url() -> str:
    parts = urlsplit(settings.REDIS_URL)
    return urlunsplit(parts._replace(path=f"/{REDIS_DB}"))


class Cluster:
    def __init__(self, base: Path, env: dict, bucket: str, s3_client):
        self.base, self.env, self.bucket, self.s3 = base, env, bucket, s3_client
        self.processes: dict[str, subprocess.Popen] = {}
        self.web: dict[str, str] = {}
        from training.celery import app as project_app

        # The project's queues and routes, this cluster's broker.
        self.app = type(project_app)("multinode", set_as_current=False)
        self.app.config_from_object("django.conf:settings", namespace="CELERY")
        self.app.conf.broker_url = env["REDIS_URL"]
        self.app.conf.task_always_eager = False

    def node_dir(self, name: str) -> Path:
        path = self.base / name
        path.mkdir(exist_ok=True)
        return path

    def start(self, name: str, command: list[str], extra_env=None):
        cwd = self.node_dir(name)
        log = (cwd / "process.log").open("a")
        self.processes[name] = subprocess.Popen(  # noqa: S603
            command,
            cwd=cwd,
            env=self.env | (extra_env or {}),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, killed as one
        )
        log.close()

    def start_web(self, name: str):
        port = _free_port()
        self.start(
            name,
            [sys.executable, "-m", "gunicorn", "training.wsgi", "--workers", "1"]
            + ["--bind", f"127.0.0.1:{port}", "--timeout", "120"]
            + ["--log-level", "warning"],
        )
        url = f"http://127.0.0.1:{port}"
        assert _wait_for(lambda: _answers(url), timeout=90), self.logs(name)
        self.web[name] = url

    def start_worker(self, name: str):
        self.start(
            name,
            [sys.executable, "-m", "celery", "-A", "training", "worker"]
            + ["--concurrency", "1", "--loglevel", "INFO", "-Q", QUEUES]
            + ["--hostname", f"{name}@multinode", "--without-gossip"]
            + ["--without-mingle"],
        )
        assert _wait_for(
            lambda: self.app.control.ping(
                destination=[f"{name}@multinode"], timeout=1.0
            ),
            timeout=90,
        ), self.logs(name)

    def kill(self, name: str):
        os.killpg(self.processes[name].pid, signal.SIGKILL)
        self.processes.pop(name).wait(timeout=30)

    def stop(self, name: str):
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)

    def logs(self, *names: str) -> str:
        names = names or tuple(p.name for p in self.base.iterdir() if p.is_dir())
        out = []
        for name in names:
            log = self.base / name / "process.log"
            if log.exists():
                out.append(f"--- {name}\n{log.read_text()[-3000:]}")
        return "\n".join(out)

    def bucket_keys(self) -> list[str]:
        pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket)
        return [item["Key"] for page in pages for item in page.get("Contents", [])]

    def send(self, task: str, *args):
        self.app.send_task(task, args=list(args))

    def busy_with(self, worker: str, task: str) -> bool:
        active = self.app.control.inspect(
            destination=[f"{worker}@multinode"], timeout=1.0
        ).active()
        return any(
            t["name"] == task for tasks in (active or {}).values() for t in tasks
        )


def _answers(url: str) -> bool:
    try:
        return requests.get(url + "/accounts/login/", timeout=5).status_code == 200
    except requests.RequestException:
        return False


def _manage(env: dict, cwd: Path, *command: str) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result.stdout


def _admin_connection():
    import psycopg

    db = settings.DATABASES["default"]
    return psycopg.connect(
        dbname="postgres",
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"],
        port=db["PORT"] or None,
        autocommit=True,
    )


@pytest.fixture(scope="module")
def cluster(request, django_db_blocker, s3_endpoint, tmp_path_factory):
    _require_services()
    request.getfixturevalue("django_db_setup")  # the test database, migrated
    import boto3
    import redis

    started = time.monotonic()
    name = f"multinode_{uuid.uuid4().hex[:10]}"
    db = settings.DATABASES["default"]
    base = tmp_path_factory.mktemp("multinode")
    s3_client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
    )
    buckets = {kind: f"{kind}-{uuid.uuid4().hex[:12]}" for kind in ("media", "private")}
    for bucket in buckets.values():
        s3_client.create_bucket(Bucket=bucket)
    broker = redis.Redis.from_url(_redis_url())
    broker.flushdb()
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "training.settings.dev",
        "PYTHONPATH": str(ROOT),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:"
            f"{db['PORT']}/{name}"
        ),
        "REDIS_URL": _redis_url(),
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "S3_ENDPOINT_URL": s3_endpoint,
        "S3_REGION": "us-east-1",
        "S3_ACCESS_KEY_ID": CREDENTIALS["access_key"],
        "S3_SECRET_ACCESS_KEY": CREDENTIALS["secret_key"],
        "S3_MEDIA_BUCKET": buckets["media"],
        "S3_PRIVATE_BUCKET": buckets["private"],
        # Relative: each node would write into its own working directory.
        "MEDIA_ROOT": "media",
        "PRIVATE_MEDIA_ROOT": "private",
        "SIGNING_KEYS_DIR": "keys",
        "SIGNING_KEYS_AUTO_CREATE": "0",
        # The sweeper, shortened: beat sends it every 5 s, for certificates
        # without a PDF 6 s after issuing, each at most every 30 s.
        "CERTIFICATE_PDF_SWEEP_SECONDS": "5",
        "CERTIFICATE_PDF_SWEEP_MINUTES": "0.1",
        "CERTIFICATE_PDF_SWEEP_LEASE_MINUTES": "0.5",
        "ATTENDANCE_CHECKIN_RATE": "1000/m",
    }
    with django_db_blocker.unblock():
        with _admin_connection() as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        cluster = Cluster(base, env, buckets["private"], s3_client)
        try:
            setup = cluster.node_dir("setup")
            # Migrated afresh: a copy of pytest's test database would lack the
            # data migrations' rows (site, locales, groups) once a transactional
            # test has flushed it.
            _manage(env, setup, "migrate", "--noinput", "-v0")
            migrated = time.monotonic()
            # One key store for every node, from the environment (a mounted
            # secret in production), never from a node's disk.
            _manage(
                env | {"SIGNING_KEYS_AUTO_CREATE": "1"}, setup, "create_signing_key"
            )
            env["SIGNING_KEYS"] = _manage(env, setup, "export_signing_keys").strip()
            json.loads(env["SIGNING_KEYS"])
            for web in ("web-a", "web-b"):
                cluster.start_web(web)
            for worker in ("worker-a", "worker-b"):
                cluster.start_worker(worker)
            # This process reads and writes the cluster's database from here on.
            original = connection.settings_dict["NAME"]
            connections.close_all()
            connection.settings_dict["NAME"] = name
            print(  # noqa: T201
                f"cluster up in {time.monotonic() - started:.1f} s "
                f"(migrations {migrated - started:.1f} s)"
            )
            try:
                yield cluster
            finally:
                connections.close_all()
                connection.settings_dict["NAME"] = original
            for node in ("web-a", "web-b"):
                local = [
                    p.relative_to(base)
                    for sub in ("media", "private", "keys")
                    for p in (base / node / sub).rglob("*")
                    if p.is_file()
                ]
                assert not local, f"{node} wrote to its disk: {local}"
        finally:
            for process in list(cluster.processes):
                cluster.stop(process)
            with _admin_connection() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            broker.flushdb()


# ---- browsers ----


def _person(**kwargs):
    """A user whose password the nodes can check: the test settings hash with
    MD5, which the nodes' settings do not accept."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from tests.accounts.factories import UserFactory

    user = UserFactory(**kwargs)
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, secrets.token_hex(8))
    user.save(update_fields=["password"])
    return user


def _csrf(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def _log_in(node_url: str, user) -> requests.Session:
    """Log in through a node's log-in form; the session works on every node."""
    browser = requests.Session()
    login = node_url + reverse("account_login")
    page = browser.get(login, timeout=30)
    answer = browser.post(
        login,
        data={
            "csrfmiddlewaretoken": _csrf(page.text),
            "login": user.email,
            "password": PASSWORD,
        },
        headers={"Referer": login},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 302, answer.text[-2000:]
    return browser


def _post_form(browser, page_url: str, data: dict, **kwargs):
    page = browser.get(page_url, timeout=30)
    assert page.status_code == 200, page.status_code
    return browser.post(
        page_url,
        data={"csrfmiddlewaretoken": _csrf(page.text)} | data,
        headers={"Referer": page_url},
        allow_redirects=False,
        timeout=60,
        **kwargs,
    )


# ---- the tests ----


def test_file_uploaded_through_one_node_downloads_through_the_other(cluster):
    from cohorts.models import AssignmentSubmission
    from tests.cohorts.factories import AdmittedEnrolmentFactory, AssessmentFactory
    from tests.cohorts.test_assessments_assignments import pdf

    a, b = cluster.web["web-a"], cluster.web["web-b"]
    assignment = AssessmentFactory(title="Cross-border case study")
    cohort = assignment.cohort
    trainee = AdmittedEnrolmentFactory(cohort=cohort, user=_person()).user
    body = pdf("essay.pdf").read()
    browser = _log_in(a, trainee)
    detail = a + reverse("cohorts:assessment_detail", args=[cohort.slug, assignment.pk])
    sent = _post_form(
        browser, detail, {}, files={"file": ("essay.pdf", body, "application/pdf")}
    )
    assert sent.status_code == 302, sent.text[-2000:]
    submission = AssignmentSubmission.objects.get(assessment=assignment)
    assert submission.file.name in cluster.bucket_keys()

    download = reverse("cohorts:submission_download", args=[submission.pk])
    on_b = browser.get(b + download, allow_redirects=False, timeout=30)
    assert on_b.status_code == 302
    signed = on_b.headers["Location"]
    assert "X-Amz-Signature=" in signed
    fetched = requests.get(signed, timeout=30)
    assert fetched.status_code == 200 and fetched.content == body

    outsider = _log_in(b, _person())
    refused = outsider.get(b + download, allow_redirects=False, timeout=30)
    assert refused.status_code == 404
    assert "Location" not in refused.headers and body not in refused.content


def test_page_published_on_one_node_is_fresh_on_the_other_at_once(cluster):
    from tests.courses.factories import CoursePageFactory, LessonPageFactory

    a, b = cluster.web["web-a"], cluster.web["web-b"]
    course = CoursePageFactory(title="Border measures")
    lesson = LessonPageFactory(parent=course, title="Suspension of release")
    path = lesson.url
    for _ in range(2):  # the second answer comes from the page cache
        seen = requests.get(b + path, timeout=30)
        assert seen.status_code == 200 and "Suspension of release" in seen.text
    assert seen.headers.get("X-Cache") == "hit"

    lesson.title = "Suspension of release by customs"
    lesson.save_revision()  # a draft: not live until published
    assert "by customs" not in requests.get(b + path, timeout=30).text

    editor = _log_in(a, _person(is_staff=True, is_superuser=True))
    publish = a + f"/admin/bulk/wagtailcore/page/publish/?id={lesson.pk}"
    published = _post_form(editor, publish, {})
    assert published.status_code == 302, published.text[-2000:]

    fresh = requests.get(b + path, timeout=30)
    assert fresh.status_code == 200
    assert "Suspension of release by customs" in fresh.text


def test_check_in_code_shown_by_one_node_is_accepted_by_the_other(cluster):
    from cohorts.models import AttendanceMark, Cohort
    from tests.cohorts.factories import (
        AdmittedEnrolmentFactory,
        CohortFactory,
        SessionFactory,
    )

    a, b = cluster.web["web-a"], cluster.web["web-b"]
    now = timezone.now()
    cohort = CohortFactory(
        status=Cohort.Status.RUNNING,
        start_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    session = SessionFactory(
        cohort=cohort,
        starts_at=now - datetime.timedelta(minutes=5),
        ends_at=now + datetime.timedelta(minutes=55),
    )
    instructor = _person()
    session.instructors.add(instructor)
    enrolment = AdmittedEnrolmentFactory(cohort=cohort, user=_person())

    screen = _log_in(a, instructor).get(
        a + reverse("cohorts:session_checkin_code", args=[cohort.slug, session.pk]),
        timeout=30,
    )
    code = re.search(r'class="checkin-code"[^>]*>\s*([^<\s]+)\s*<', screen.text)
    assert code, screen.text[-2000:]

    trainee = _log_in(b, enrolment.user)
    check_in = b + reverse("cohorts:check_in")
    answer = _post_form(trainee, check_in, {"code": code.group(1)})
    assert answer.status_code == 302, answer.text[-3000:]
    assert urlsplit(answer.headers["Location"]).path == reverse("cohorts:check_in")
    assert "You are checked in" in trainee.get(check_in, timeout=30).text
    mark = AttendanceMark.objects.get(session=session, enrolment=enrolment)
    assert mark.status == AttendanceMark.Status.PRESENT


def _completed_cohort(size: int):
    from tests.certificates.factories import (
        CompletedCohortFactory,
        CompletedEnrolmentFactory,
    )

    cohort = CompletedCohortFactory(capacity=size)
    CompletedEnrolmentFactory.create_batch(size, cohort=cohort)
    return cohort


def _issue_all(cluster, cohort, times: int = 1):
    for _ in range(times):
        for pk in cohort.enrolments.values_list("pk", flat=True):
            cluster.send("certificates.tasks.certificate_issue_task", pk)


def _with_pdf(cohort) -> int:
    return cohort.certificates.exclude(pdf_sha256="").count()


def test_a_thousand_certificates_by_two_workers_once_each(cluster):
    from certificates.models import Certificate

    started = time.monotonic()
    cohort = _completed_cohort(1000)
    prepared = time.monotonic()
    keys_before = set(cluster.bucket_keys())
    # Every enrolment is queued twice: both workers race for each one.
    _issue_all(cluster, cohort, times=2)
    assert _wait_for(lambda: _with_pdf(cohort) >= 1000, timeout=1800, step=2.0), (
        f"{_with_pdf(cohort)} of 1000 PDFs\n{cluster.logs('worker-a', 'worker-b')}"
    )
    done = time.monotonic()
    # Let the second copy of each issuing task run out before counting.
    assert _wait_for(lambda: _idle(cluster), timeout=300, step=2.0)
    certificates = Certificate.objects.filter(cohort=cohort)
    assert certificates.count() == 1000
    assert certificates.values("enrolment").distinct().count() == 1000
    assert certificates.values("code").distinct().count() == 1000
    names = list(certificates.values_list("pdf", flat=True))
    new_keys = set(cluster.bucket_keys()) - keys_before
    assert len(new_keys) == 1000 and set(names) == new_keys
    print(  # noqa: T201
        f"1,000 enrolments made in {prepared - started:.1f} s; certificates and "
        f"PDFs in {done - prepared:.1f} s"
    )


def _idle(cluster) -> bool:
    import redis

    broker = redis.Redis.from_url(cluster.env["REDIS_URL"])
    if any(broker.llen(queue) for queue in QUEUES.split(",")):
        return False
    inspect = cluster.app.control.inspect(timeout=1.0)
    return not any(
        tasks
        for reply in (inspect.active(), inspect.reserved())
        for tasks in (reply or {}).values()
    )


def test_worker_killed_mid_batch_loses_no_pdf(cluster):
    cluster.start(
        "beat",
        [sys.executable, "-m", "celery", "-A", "training", "beat"]
        + ["--loglevel", "INFO", "-s", str(cluster.node_dir("beat") / "schedule")],
    )
    try:
        cohort = _completed_cohort(30)
        _issue_all(cluster, cohort)
        assert _wait_for(
            lambda: (
                _with_pdf(cohort) >= 3
                and cluster.busy_with(
                    "worker-b", "certificates.tasks.certificate_pdf_render_task"
                )
            ),
            timeout=300,
            step=0.2,
        ), cluster.logs("worker-b")
        cluster.kill("worker-b")
        restarted = time.monotonic()
        cluster.start_worker("worker-b")
        assert _wait_for(lambda: _with_pdf(cohort) == 30, timeout=60, step=1.0), (
            f"{_with_pdf(cohort)} of 30 PDFs a minute after the restart\n"
            + cluster.logs("worker-a", "worker-b", "beat")
        )
        assert cohort.certificates.count() == 30
        print(  # noqa: T201
            f"every PDF {time.monotonic() - restarted:.1f} s after the restart"
        )
    finally:
        cluster.stop("beat")
