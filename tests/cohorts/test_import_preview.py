"""The three imports: upload for a preview, then confirm without sending the file again."""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts.models import AssignmentSubmission, AttendanceMark, Enrolment, Session
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AssessmentFactory,
    AssignmentSubmissionFactory,
    AttendanceMarkFactory,
    CohortFactory,
    CohortOfficeFactory,
    EnrolmentFactory,
    OfficeFactory,
    SessionFactory,
    coordinator_of,
)
from tests.cohorts.import_pages import confirm_token, page, preview

pytestmark = pytest.mark.django_db

EXPIRED = "This preview has expired or was already used"
NOT_YOURS = "This preview belongs to another person or to another import."
CHANGED = "changed since your preview, so nothing was saved"


@dataclass
class Import:
    url: str
    owner: Any  # who previews
    other: Any  # may use the same page, but did not preview
    good: str  # two valid rows, for wang@ and li@
    bad: str  # one valid row and one error on line 3
    error: str  # the error line 3 shows
    done: str  # where a confirmed import leads
    message: str  # the success message there
    written: Any  # what the import writes, as a comparable value
    change: Any  # someone changes the records after the preview


def trainees(cohort, **kwargs):
    for email in ("wang@example.org", "li@example.org"):
        AdmittedEnrolmentFactory(cohort=cohort, user=UserFactory(email=email), **kwargs)


@pytest.fixture
def roster():
    ipos = OfficeFactory(short_code="ipos")
    cohort = CohortFactory()
    CohortOfficeFactory(cohort=cohort, office=ipos, seat_quota=5)
    header = "email,office,employer,position\n"
    return Import(
        url=f"/admin/cohorts/applications/{cohort.pk}/import/",
        owner=coordinator_of(ipos),
        other=coordinator_of(ipos),
        good=header
        + "wang@example.org,ipos,IPOS,Examiner\nli@example.org,ipos,IPOS,Examiner\n",
        bad=header
        + "wang@example.org,ipos,IPOS,Examiner\nli@example.org,nope,IPOS,Examiner\n",
        error="No participating office with code “nope”.",
        done=f"/admin/cohorts/applications/{cohort.pk}/",
        message="2 trainee(s) nominated from the file.",
        written=lambda: sorted(
            Enrolment.objects.filter(cohort=cohort).values_list("user__email", "status")
        ),
        # Wang applied on his own meanwhile: his row would now be skipped.
        change=lambda: EnrolmentFactory(
            cohort=cohort, office=ipos, user=UserFactory(email="wang@example.org")
        ),
    )


@pytest.fixture
def attendance():
    session = SessionFactory()
    trainees(session.cohort)
    owner, other = UserFactory(), UserFactory()
    session.instructors.add(owner, other)
    header = "email,status,note\n"
    return Import(
        url=reverse("cohorts:session_import", args=[session.cohort.slug, session.pk]),
        owner=owner,
        other=other,
        good=header + "wang@example.org,present,\nli@example.org,absent,ill\n",
        bad=header + "wang@example.org,present,\nli@example.org,sleeping,\n",
        error="Unknown status “sleeping”",
        done=reverse("cohorts:session_roster", args=[session.cohort.slug, session.pk]),
        message="Imported 2 rows: 2 marks changed.",
        written=lambda: sorted(
            AttendanceMark.objects.values_list(
                "enrolment__user__email", "status", "note"
            )
        ),
        # A colleague marked Wang late from the roster meanwhile.
        change=lambda: AttendanceMarkFactory(
            session=session,
            enrolment=Enrolment.objects.get(user__email="wang@example.org"),
            status=AttendanceMark.Status.LATE,
        ),
    )


@pytest.fixture
def grades():
    cohort = CohortFactory()
    case = AssessmentFactory(cohort=cohort, title="Case study", max_score=20)
    trainees(cohort)
    header = "email,assessment,score,feedback\n"
    return Import(
        url=reverse("cohorts:grade_import", args=[cohort.slug]),
        owner=coordinator_of(cohort.lead_office),
        other=coordinator_of(cohort.lead_office),
        good=header
        + "wang@example.org,Case study,15,Clear\nli@example.org,Case study,12,\n",
        bad=header + "wang@example.org,Case study,15,\nli@example.org,Case study,25,\n",
        error="The score must be between 0 and 20",
        done=reverse("cohorts:gradebook", args=[cohort.slug]),
        message="Grades imported.",
        written=lambda: sorted(
            AssignmentSubmission.objects.values_list(
                "enrolment__user__email", "score", "feedback"
            )
        ),
        # A grader graded Wang's paper meanwhile.
        change=lambda: AssignmentSubmissionFactory(
            assessment=case,
            enrolment=Enrolment.objects.get(user__email="wang@example.org"),
            score=9,
        ),
    )


IMPORTS = ["roster", "attendance", "grades"]


@pytest.fixture(params=IMPORTS)
def imp(request, client):
    imp = request.getfixturevalue(request.param)
    client.force_login(imp.owner)
    return imp


def test_preview_shows_every_row_and_error_and_writes_nothing(client, imp):
    response = preview(client, imp.url, imp.bad)
    text = page(response)
    assert response.status_code == 400
    assert "wang@example.org" in text and "li@example.org" in text
    assert "Line 3" in text and imp.error in text
    assert "Confirm import" not in text and confirm_token(response) is None

    response = preview(client, imp.url, imp.good)
    text = page(response)
    assert response.status_code == 200
    assert "Preview: nothing is saved until you confirm" in text
    assert "wang@example.org" in text and "li@example.org" in text
    assert "Confirm import" in text
    assert imp.written() == []


def test_confirm_applies_the_previewed_rows_without_the_file(client, imp):
    token = confirm_token(preview(client, imp.url, imp.good))
    response = client.post(imp.url, {"token": token}, follow=True)
    assert response.redirect_chain[0] == (imp.done, 302)
    assert imp.message in page(response)
    written = imp.written()
    assert [row[0] for row in written] == ["li@example.org", "wang@example.org"]

    # The same confirm again (a double click, the back button) writes nothing more.
    again = client.post(imp.url, {"token": token}, follow=True)
    assert again.redirect_chain[0] == (imp.url, 302)
    assert EXPIRED in page(again)
    assert imp.written() == written


def test_another_persons_token_is_refused(client, imp):
    token = confirm_token(preview(client, imp.url, imp.good))
    client.force_login(imp.other)
    response = client.post(imp.url, {"token": token}, follow=True)
    assert response.redirect_chain == [(imp.url, 302)]
    assert NOT_YOURS in page(response)
    assert 'type="file"' in page(response)  # back at the upload form
    assert imp.written() == []
    # The owner's preview still stands.
    client.force_login(imp.owner)
    client.post(imp.url, {"token": token})
    assert len(imp.written()) == 2


def test_a_token_for_another_session_is_refused(client, attendance):
    client.force_login(attendance.owner)
    token = confirm_token(preview(client, attendance.url, attendance.good))
    session = Session.objects.get()
    other = SessionFactory(cohort=session.cohort)
    other.instructors.add(attendance.owner)
    url = reverse("cohorts:session_import", args=[session.cohort.slug, other.pk])
    response = client.post(url, {"token": token}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert NOT_YOURS in page(response)
    assert attendance.written() == []


def test_a_made_up_token_is_refused_as_expired(client, imp):
    response = client.post(imp.url, {"token": "x" * 43}, follow=True)
    assert response.redirect_chain == [(imp.url, 302)]
    assert EXPIRED in page(response)


def test_an_expired_preview_cannot_be_confirmed(client, imp, settings, monkeypatch):
    token = confirm_token(preview(client, imp.url, imp.good))
    later = timezone.now() + datetime.timedelta(
        minutes=settings.IMPORT_PREVIEW_MINUTES, seconds=1
    )
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = client.post(imp.url, {"token": token}, follow=True)
    assert response.redirect_chain == [(imp.url, 302)]
    assert EXPIRED in page(response)
    assert "kept for 30 minutes" in page(response)
    assert imp.written() == []


def test_records_changed_since_the_preview_are_shown_again_before_writing(client, imp):
    token = confirm_token(preview(client, imp.url, imp.good))
    imp.change()
    before = imp.written()
    response = client.post(imp.url, {"token": token})
    assert response.status_code == 200
    assert CHANGED in page(response)
    assert imp.written() == before
    # The new preview can be confirmed; the old token is spent.
    new_token = confirm_token(response)
    assert new_token and new_token != token
    assert client.post(imp.url, {"token": token}).status_code == 302
    assert imp.written() == before
    assert client.post(imp.url, {"token": new_token})["Location"] == imp.done
    assert imp.written() != before


def test_rows_no_longer_valid_at_confirm_write_nothing(client, grades):
    client.force_login(grades.owner)
    token = confirm_token(preview(client, grades.url, grades.good))
    Enrolment.objects.filter(user__email="li@example.org").update(
        status=Enrolment.Status.WITHDRAWN
    )
    response = client.post(grades.url, {"token": token})
    text = page(response)
    assert response.status_code == 400
    assert "some rows are no longer valid, so nothing was saved" in text
    assert "No admitted trainee with this email" in text
    assert confirm_token(response) is None
    assert grades.written() == []
