"""Each kind of task has its own queue, and every worker command we ship
consumes all of them: a queue no worker reads would hold its tasks forever."""

import re
from pathlib import Path

import pytest

from training.celery import app

ROOT = Path(__file__).resolve().parent.parent
QUEUES = {"emails", "pdfs", "signing", "digests", "default"}


def _queue_of(task_name: str) -> str:
    return app.amqp.router.route({}, task_name)["queue"].name


def test_the_declared_queues_are_the_five_kinds():
    assert {queue.name for queue in app.conf.task_queues} == QUEUES
    assert app.conf.task_default_queue == "default"


@pytest.mark.parametrize(
    ("task", "queue"),
    [
        ("accounts.tasks.email_send_task", "emails"),
        ("cohorts.tasks.attendance_warning_send_task", "emails"),
        ("exchange.tasks.exchange_digest_send_task", "digests"),
        ("certificates.tasks.certificate_pdf_render_task", "pdfs"),
        ("certificates.tasks.certificate_pdfs_render_task", "pdfs"),
        ("certificates.tasks.certificate_batch_run_task", "signing"),
        ("certificates.tasks.certificate_batch_chunk_run_task", "signing"),
        ("certificates.tasks.cohort_endorsement_sign_task", "signing"),
        ("courses.tasks.frontend_cache_purge_task", "default"),
    ],
)
def test_tasks_go_to_the_queue_of_their_kind(task, queue):
    assert _queue_of(task) == queue


def test_every_task_of_ours_goes_to_a_declared_queue():
    app.loader.import_default_modules()
    ours = [name for name in app.tasks if not name.startswith("celery.")]
    assert "certificates.tasks.certificate_pdf_render_task" in ours
    for name in ours:
        assert _queue_of(name) in QUEUES, name


WORKER = re.compile(r"celery\W+-A\W+training\W+worker")
# A command goes on over shell continuations and Python list continuations.
COMMAND_REST = re.compile(r"(?:[^\n`|#\\]|\\\n|\n\s*\+)*")


@pytest.mark.parametrize("path", [".ci/run", "Makefile", "bench/run.py", "README.md"])
def test_shipped_worker_commands_consume_every_queue(path):
    text = (ROOT / path).read_text()
    text = text.replace("$(QUEUES)", ",".join(sorted(QUEUES)))
    starts = list(WORKER.finditer(text))
    assert starts, f"no worker command in {path}"
    for start in starts:
        command = COMMAND_REST.match(text, start.end()).group(0)
        found = re.search(r"-Q\W+([a-z,]+)", command)
        assert found, f"{path}: a worker without -Q: {start.group(0)}{command}"
        assert set(found.group(1).split(",")) == QUEUES, command
