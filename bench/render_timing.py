"""Loaded by the bench's Celery worker (`--include render_timing`): appends the
CPU time of every PDF render of the batch to $BENCH_RENDER_TIMES, one line per
render, so the batch is judged against its own renders at the moment it runs
(this shared machine's speed drifts by tens of percent within minutes).

CPU time, not wall time: a render preempted by the other process, PostgreSQL
or Redis does not count that wait as rendering.
"""

import os
import time

from certificates import pdf

_render = pdf.certificate_pdf_render


def _timed_render(data):
    started = time.process_time()
    try:
        return _render(data)
    finally:
        with open(os.environ["BENCH_RENDER_TIMES"], "a") as times:
            times.write(f"{time.process_time() - started:.5f}\n")


pdf.certificate_pdf_render = _timed_render
