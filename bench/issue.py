"""Helper of `bench/run.sh issue` (runs in the bench's environment; prints JSON).

issue.py prepare N          a completed copy of the demo's completed cohort
                            with N trainees who met its rules
issue.py timing             single-PDF renders (and their median) and the median
                            signing+hashing time
issue.py run COHORT TIMEOUT issue the cohort's certificates through Celery and
                            time them until every PDF is stored
"""

import hashlib
import json
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from seeding import cohort_copy_with_trainees  # noqa: E402

from certificates.models import Certificate, CertificateBatch  # noqa: E402
from cohorts.models import Cohort, Enrolment  # noqa: E402


def prepare(n: int) -> dict:
    source = (
        Cohort.objects.filter(status=Cohort.Status.COMPLETED)
        .order_by("pk")
        .select_related("lead_office")
        .first()
    )
    if source is None:
        raise SystemExit("the demo has no completed cohort")
    now = timezone.now()
    with transaction.atomic():
        cohort, _users = cohort_copy_with_trainees(
            source,
            n,
            slug="bench",
            title=f"{source.title} (bench)",
            user={"native_name": "Тренинг 试验 تجربة"},
            enrolment={
                "admitted_at": now,
                "completion": Enrolment.Completion.COMPLETED,
                "attendance_rate": Decimal("95.00"),
                "final_score": Decimal("90.00"),
                "completed_at": now,
            },
        )
    return {"cohort": cohort.pk}


def timing() -> dict:
    """Median single-PDF render and signing (+ hashing) time, warm, in this process."""
    from certificates import pdf
    from certificates.selectors import certificate_pdf_data
    from certificates.services import credentials

    certificate = Certificate.objects.select_related("status_list").first()
    data = certificate_pdf_data(certificate)
    pdf.certificate_pdf_render(data)  # fonts and styles load once per process
    renders, content = [], b""
    for _ in range(9):
        started = time.perf_counter()
        content = pdf.certificate_pdf_render(data)
        renders.append(time.perf_counter() - started)
    credentials.certificate_credential_sign(
        credentials.credential_build(certificate, email="bench@example.org")
    )
    signs, totals = [], []
    for _ in range(31):
        started = time.perf_counter()
        credentials.certificate_credential_sign(
            credentials.credential_build(certificate, email="bench@example.org")
        )
        signed = time.perf_counter()
        hashlib.sha256(content).hexdigest()
        signs.append(signed - started)
        totals.append(time.perf_counter() - started)
    return {
        "pdf_renders_s": renders,
        "pdf_median_s": statistics.median(renders),
        "sign_median_s": statistics.median(signs),
        "sign_hash_median_s": statistics.median(totals),
    }


def run(cohort_id: int, timeout: int) -> dict:
    from certificates.services import cohort_certificates_issue

    cohort = Cohort.objects.get(pk=cohort_id)
    n = cohort.enrolments.filter(completion=Enrolment.Completion.COMPLETED).count()
    with transaction.atomic():
        batch = cohort_certificates_issue(cohort=cohort, by=None)
    started = time.monotonic()
    issued_s = done_s = None
    certificates = Certificate.objects.filter(cohort=cohort)
    while time.monotonic() - started < timeout:
        time.sleep(0.25)
        elapsed = time.monotonic() - started
        if issued_s is None:
            state = CertificateBatch.objects.get(pk=batch.pk).status
            if state == CertificateBatch.Status.DONE:
                issued_s = elapsed
            elif state == CertificateBatch.Status.FAILED:
                raise SystemExit("the batch failed")
        if certificates.exclude(pdf_sha256="").count() >= n:
            done_s = elapsed
            break
    return {
        "issued": certificates.count(),
        "with_pdf": certificates.exclude(pdf_sha256="").count(),
        "issued_s": issued_s or float("nan"),
        "done_s": done_s or float("nan"),
    }


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    if command == "prepare":
        result = prepare(int(rest[0]))
    elif command == "timing":
        result = timing()
    else:
        result = run(int(rest[0]), int(rest[1]))
    print(json.dumps(result))
