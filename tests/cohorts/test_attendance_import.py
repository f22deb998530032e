import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cohorts.models import AttendanceChange, AttendanceMark
from cohorts.services.attendance import attendance_import_csv
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AttendanceMarkFactory,
    EnrolmentFactory,
    SessionFactory,
    coordinator_of,
)
from tests.cohorts.import_pages import confirm_token, page, preview

pytestmark = pytest.mark.django_db


def lead_coordinator(session):
    """Marks everyone: the lead office marks and grades all trainees."""
    return coordinator_of(session.cohort.lead_office)


@pytest.fixture
def roster():
    session = SessionFactory()
    people = [
        ("fatima@example.org", "Fatima", "Al-Harbi", "فاطمة الحربي"),
        ("wang@example.org", "Fang", "Wang", "王芳"),
        ("olga@example.org", "Olga", "Ivanova", "Ольга Иванова"),
    ]
    enrolments = [
        AdmittedEnrolmentFactory(
            cohort=session.cohort,
            user=UserFactory(
                email=email, first_name=first, last_name=last, native_name=native
            ),
        )
        for email, first, last, native in people
    ]
    return session, enrolments


def upload(text, bom=True):
    data = ("\ufeff" if bom else "") + text
    return SimpleUploadedFile("marks.csv", data.encode("utf-8"), "text/csv")


GOOD = (
    "email,status,note\n"
    "fatima@example.org,present,\n"
    "WANG@example.org,Late,地铁晚点\n"
    "olga@example.org,absent,Болела\n"
)


def test_dry_run_validates_every_row_and_writes_nothing(roster):
    session, _ = roster
    result = attendance_import_csv(
        session=session, file=upload(GOOD), by=lead_coordinator(session), dry_run=True
    )
    assert result.ok and not result.written
    assert [r.outcome for r in result.rows] == [
        "new: Present",
        "new: Late",
        "new: Absent",
    ]
    assert [r.name for r in result.rows] == [
        "Fatima Al-Harbi · فاطمة الحربي",
        "Fang Wang · 王芳",
        "Olga Ivanova · Ольга Иванова",
    ]
    assert not AttendanceMark.objects.exists()


def test_import_writes_marks_with_unicode_notes_and_history(roster):
    session, (fatima, wang, olga) = roster
    by = lead_coordinator(session)
    result = attendance_import_csv(
        session=session, file=upload(GOOD), by=by, dry_run=False
    )
    assert result.written and result.changed == 3
    assert AttendanceMark.objects.get(enrolment=wang).note == "地铁晚点"
    assert AttendanceMark.objects.get(enrolment=olga).note == "Болела"
    assert (
        AttendanceChange.objects.filter(
            source=AttendanceChange.Source.IMPORT, changed_by=by
        ).count()
        == 3
    )


def test_reimporting_the_same_file_changes_nothing(roster):
    session, _ = roster
    attendance_import_csv(
        session=session, file=upload(GOOD), by=lead_coordinator(session), dry_run=False
    )
    before = list(
        AttendanceMark.objects.values_list("pk", "status", "note", "updated_at")
    )
    again = attendance_import_csv(
        session=session, file=upload(GOOD), by=lead_coordinator(session), dry_run=False
    )
    assert again.ok and again.changed == 0
    assert {r.outcome for r in again.rows} == {"unchanged"}
    assert AttendanceChange.objects.count() == 3
    assert (
        list(AttendanceMark.objects.values_list("pk", "status", "note", "updated_at"))
        == before
    )


def test_a_bad_row_writes_nothing_and_errors_are_listed_by_line(roster):
    session, (fatima, *_rest) = roster
    AttendanceMarkFactory(session=session, enrolment=fatima, status="absent")
    applicant = EnrolmentFactory(cohort=session.cohort)
    text = (
        "email,status,note\n"
        "fatima@example.org,present,\n"  # valid change
        "nobody@example.org,present,\n"  # line 3: unknown
        "wang@example.org,sleeping,\n"  # line 4: bad status
        f"{applicant.user.email},present,\n"  # line 5: not admitted
        "fatima@example.org,late,\n"  # line 6: duplicate
    )
    result = attendance_import_csv(
        session=session, file=upload(text), by=lead_coordinator(session), dry_run=False
    )
    assert not result.ok and not result.written
    assert [r.line for r in result.error_rows] == [3, 4, 5, 6]
    assert "No trainee with this email" in result.rows[1].errors[0]
    assert "Unknown status" in result.rows[2].errors[0]
    assert "not admitted" in result.rows[3].errors[0]
    assert "line 2" in result.rows[4].errors[0]
    assert result.rows[0].outcome == "changed: Absent → Present"
    assert AttendanceMark.objects.get().status == "absent"
    assert not AttendanceChange.objects.exists()


def test_trainee_admitted_after_the_session_is_a_row_error(roster):
    session, _ = roster
    newcomer = AdmittedEnrolmentFactory(
        cohort=session.cohort, admitted_at=session.ends_at + datetime.timedelta(days=1)
    )
    text = f"email,status\n{newcomer.user.email},present\n"
    result = attendance_import_csv(
        session=session, file=upload(text), by=lead_coordinator(session), dry_run=False
    )
    assert "Not expected" in result.rows[0].errors[0]
    assert not AttendanceMark.objects.exists()


def test_file_problems_are_reported(roster):
    session, _ = roster
    latin1 = SimpleUploadedFile(
        "m.csv", "email,status\nolga@example.org,présent\n".encode("latin-1")
    )
    assert (
        "not UTF-8"
        in attendance_import_csv(
            session=session, file=latin1, by=lead_coordinator(session), dry_run=True
        ).errors[0]
    )
    no_header = upload("olga@example.org,present\n")
    assert (
        "missing"
        in attendance_import_csv(
            session=session, file=no_header, by=lead_coordinator(session), dry_run=True
        ).errors[0]
    )
    future = SessionFactory(
        cohort=session.cohort, starts_at=timezone.now() + datetime.timedelta(days=1)
    )
    assert (
        "future"
        in attendance_import_csv(
            session=future,
            file=upload(GOOD),
            by=lead_coordinator(session),
            dry_run=True,
        ).errors[0]
    )


def test_without_a_bom_and_without_a_note_column(roster):
    session, (fatima, *_rest) = roster
    AttendanceMarkFactory(
        session=session, enrolment=fatima, status="absent", note="kept"
    )
    text = "Email,Status\nfatima@example.org,present\n"
    result = attendance_import_csv(
        session=session,
        file=upload(text, bom=False),
        by=lead_coordinator(session),
        dry_run=False,
    )
    assert result.written
    mark = AttendanceMark.objects.get()
    assert (mark.status, mark.note) == ("present", "kept")


def test_import_page_previews_then_confirms_without_the_file(client, roster):
    session, _ = roster
    instructor = UserFactory()
    session.instructors.add(instructor)
    client.force_login(instructor)
    url = reverse("cohorts:session_import", args=[session.cohort.slug, session.pk])

    response = preview(client, url, "\ufeff" + GOOD)
    html = page(response)
    assert response.status_code == 200
    assert "王芳" in html and "فاطمة الحربي" in html and "Ольга Иванова" in html
    assert "nothing is saved until you confirm" in html
    assert not AttendanceMark.objects.exists()

    response = client.post(url, {"token": confirm_token(response)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "cohorts:session_roster", args=[session.cohort.slug, session.pk]
    )
    assert "Imported 3 rows: 3 marks changed." in page(response)
    assert AttendanceMark.objects.count() == 3


def test_import_page_shows_errors_by_line_and_offers_no_confirm(client, roster):
    session, _ = roster
    instructor = UserFactory()
    session.instructors.add(instructor)
    client.force_login(instructor)
    url = reverse("cohorts:session_import", args=[session.cohort.slug, session.pk])
    bad = "email,status\nolga@example.org,present\nx@example.org,present\n"
    response = preview(client, url, bad)
    assert response.status_code == 400
    assert "Line 3" in page(response)
    assert confirm_token(response) is None
    assert not AttendanceMark.objects.exists()
