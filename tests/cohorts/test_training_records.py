"""Training records: the trainee's PDF, and an office's nominees' records in
bulk, never with another office's nominations."""

import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from cohorts import pdf
from cohorts.models import AttendanceMark
from cohorts.selectors.training_record import (
    training_record_get,
    training_record_header,
)
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AttendanceMarkFactory,
    CohortFactory,
    CohortOfficeFactory,
    OfficeFactory,
    SessionFactory,
    coordinator_of,
)
from tests.cohorts.test_reports import download_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def nominees():
    """Alpha nominated Ana to cohort One; Beta nominated Ana to cohort Two and
    Bo to cohort One."""
    alpha = OfficeFactory(name="Alpha Office")
    beta = OfficeFactory(name="Beta Office")
    one = CohortFactory(title="Cohort One", lead_office=alpha)
    CohortOfficeFactory(cohort=one, office=beta)
    two = CohortFactory(title="Cohort Two", lead_office=beta)
    ana = UserFactory(first_name="Ana", last_name="Lima")
    bo = UserFactory(first_name="Bo", last_name="Chen")
    session = SessionFactory(
        cohort=one, starts_at=timezone.now() - datetime.timedelta(days=2)
    )  # two hours, held
    mark = AdmittedEnrolmentFactory(cohort=one, office=alpha, user=ana)
    AttendanceMarkFactory(
        session=session, enrolment=mark, status=AttendanceMark.Status.PRESENT
    )
    AdmittedEnrolmentFactory(cohort=two, office=beta, user=ana)
    AdmittedEnrolmentFactory(cohort=one, office=beta, user=bo)
    return {
        "alpha": coordinator_of(alpha),
        "ana": ana,
        "admin": UserFactory(groups=[roles.PLATFORM_ADMINS]),
    }


def _url(fmt):
    return reverse("cohort_training_records", args=[fmt])


def test_training_record_pdf_shows_cohorts_and_hours(nominees):
    record = training_record_get(nominees["ana"])
    html = pdf.training_record_html(record, training_record_header())
    assert "Ana Lima" in html
    assert "Cohort One" in html and "Cohort Two" in html
    assert "Training hours attended in all: 2.00" in html


@pytest.mark.real_pdf
def test_trainee_downloads_own_record_as_pdf(client, nominees):
    client.force_login(nominees["ana"])
    assert (
        reverse("cohorts:my_training_record_pdf")
        in client.get("/learning/").content.decode()
    )
    response = client.get(reverse("cohorts:my_training_record_pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_training_record_pdf_needs_log_in(client):
    response = client.get(reverse("cohorts:my_training_record_pdf"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_coordinator_gets_only_their_office_nominations(client, nominees, fmt):
    client.force_login(nominees["alpha"])
    response = client.get(_url(fmt))
    assert response.status_code == 200
    rows = download_rows(response, fmt)
    assert rows[0][:4] == ["Trainee", "Email", "Nominating office", "Course"]
    # Ana's Alpha nomination only: not Beta's Cohort Two, not Beta's Bo.
    assert [(r[0], r[2], r[4]) for r in rows[1:]] == [
        ("Ana Lima", "Alpha Office", "Cohort One")
    ]
    body = "\n".join(",".join(r) for r in rows)
    assert "Beta Office" not in body and "Bo Chen" not in body


def _fake_pdf(monkeypatch):
    from cohorts.services import records

    monkeypatch.setattr(
        records,
        "training_record_pdf_render",
        lambda record, header: f"%PDF {record.name} {record.rows}".encode(),
    )


def _prepare_zip(client, django_capture_on_commit_callbacks):
    """Ask for the zip as the logged-in person; the background build runs."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("cohort_training_records_archive_request"))
    assert response.status_code == 302
    return response.url


def test_office_records_as_a_zip_of_pdfs_built_in_the_background(
    client, nominees, monkeypatch, django_capture_on_commit_callbacks, mailoutbox
):
    _fake_pdf(monkeypatch)
    client.force_login(nominees["alpha"])
    progress = _prepare_zip(client, django_capture_on_commit_callbacks)
    page = client.get(progress).content.decode()
    assert "Ready" in page and "1 of 1 records prepared" in page
    download = reverse(
        "cohort_training_records_archive_download", args=[progress.split("/")[-2]]
    )
    assert download in page
    response = client.get(download)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == ["0001-alpha-office-ana-lima.pdf"]
    content = archive.read("0001-alpha-office-ana-lima.pdf").decode()
    assert "Cohort One" in content and "Cohort Two" not in content
    (email,) = mailoutbox
    assert email.to == [nominees["alpha"].email]
    assert progress in email.body

    client.force_login(nominees["admin"])
    progress = _prepare_zip(client, django_capture_on_commit_callbacks)
    response = client.get(progress.rstrip("/") + "/download/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == [
        "0001-alpha-office-ana-lima.pdf",
        "0002-beta-office-ana-lima.pdf",
        "0003-beta-office-bo-chen.pdf",
    ]


def test_another_coordinator_is_refused_the_zip(
    client, nominees, monkeypatch, django_capture_on_commit_callbacks
):
    _fake_pdf(monkeypatch)
    client.force_login(nominees["alpha"])
    progress = _prepare_zip(client, django_capture_on_commit_callbacks)
    beta = coordinator_of(OfficeFactory(name="Gamma Office"))
    client.force_login(beta)
    for url in (progress, progress + "download/"):
        response = client.get(url, follow=True)
        assert response.redirect_chain == [("/admin/", 302)]
        assert "Sorry, you do not have permission" in response.content.decode()
        assert "Ana Lima" not in response.content.decode()


def test_zip_page_shows_progress_until_ready_and_no_download(client, nominees):
    from cohorts.models import TrainingRecordArchive

    archive = TrainingRecordArchive.objects.create(
        requested_by=nominees["alpha"],
        status=TrainingRecordArchive.Status.RUNNING,
        total=4,
        done=1,
    )
    client.force_login(nominees["alpha"])
    page = client.get(
        reverse("cohort_training_records_archive", args=[archive.pk])
    ).content.decode()
    assert "1 of 4 records prepared" in page and 'http-equiv="refresh"' in page
    download = reverse("cohort_training_records_archive_download", args=[archive.pk])
    assert download not in page
    assert client.get(download).status_code == 404


def test_asking_twice_while_preparing_queues_one_zip(client, nominees):
    from cohorts.models import TrainingRecordArchive

    client.force_login(nominees["alpha"])
    first = client.post(reverse("cohort_training_records_archive_request")).url
    second = client.post(reverse("cohort_training_records_archive_request")).url
    assert first == second
    assert TrainingRecordArchive.objects.count() == 1


def test_zip_build_runs_on_the_pdfs_queue():
    from django.conf import settings

    route = settings.CELERY_TASK_ROUTES[
        "cohorts.tasks.training_record_archive_build_task"
    ]
    assert route == {"queue": "pdfs"}


def test_failed_build_says_so_and_offers_to_ask_again(client, nominees, monkeypatch):
    from cohorts.models import TrainingRecordArchive
    from cohorts.services import records
    from cohorts.tasks import training_record_archive_build_task as task

    def broken(record, header):
        raise ValueError("renderer gone")

    monkeypatch.setattr(records, "training_record_pdf_render", broken)
    archive = TrainingRecordArchive.objects.create(requested_by=nominees["alpha"])
    with pytest.raises(ValueError) as failure:
        task.run(archive.pk)
    # What Celery calls once the retries are spent.
    task.on_failure(failure.value, "task-id", [archive.pk], {}, None)
    client.force_login(nominees["alpha"])
    page = client.get(
        reverse("cohort_training_records_archive", args=[archive.pk])
    ).content.decode()
    assert "Failed" in page and "could not be prepared" in page
    assert "Ask again" in page and 'http-equiv="refresh"' not in page


def test_reports_page_offers_the_bulk_records(client, nominees):
    client.force_login(nominees["alpha"])
    html = client.get(reverse("cohort_reports")).content.decode()
    assert reverse("cohort_training_records_archive_request") in html
    assert _url("xlsx") in html and _url("csv") in html


def test_bulk_records_refused_to_trainees_and_unknown_formats(client, nominees):
    client.force_login(nominees["ana"])
    response = client.get(_url("csv"))
    assert response.status_code == 302 and response.url.startswith("/admin/login/")
    client.force_login(UserFactory(groups=[roles.INSTRUCTORS]))
    response = client.get(_url("csv"))
    assert response.status_code == 302 and response.url == "/admin/"
    client.force_login(nominees["alpha"])
    assert client.get(_url("pdf")).status_code == 404
