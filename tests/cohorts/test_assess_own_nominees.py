"""Co-organizing offices mark and grade only their own nominees; the lead
office and the cohort's instructors mark and grade all."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cohorts.exceptions import GradingError
from cohorts.models import AttendanceMark
from cohorts.selectors.enrolments import (
    enrolment_assessable,
    enrolment_assessable_office_ids,
)
from cohorts.services.assessments import assignment_grade, grade_import
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AssessmentFactory,
    AssignmentSubmissionFactory,
    CohortFactory,
    CohortOfficeFactory,
    OfficeFactory,
    SessionFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db

# The apostrophe is escaped in messages but not in the template's note.
NOT_MARKABLE = "instructors mark this trainee."


@pytest.fixture
def s():
    lead, partner, other = OfficeFactory(), OfficeFactory(), OfficeFactory()
    cohort = CohortFactory(lead_office=lead)
    CohortOfficeFactory(cohort=cohort, office=partner)
    CohortOfficeFactory(cohort=cohort, office=other)
    session = SessionFactory(cohort=cohort)
    instructor = UserFactory()
    session.instructors.add(instructor)
    return {
        "cohort": cohort,
        "session": session,
        "lead": coordinator_of(lead),
        "partner": coordinator_of(partner),
        "instructor": instructor,
        "own": AdmittedEnrolmentFactory(cohort=cohort, office=partner),
        "others": AdmittedEnrolmentFactory(cohort=cohort, office=other),
    }


def roster_url(s):
    return reverse("cohorts:session_roster", args=[s["cohort"].slug, s["session"].pk])


def marks(s):
    return dict(
        AttendanceMark.objects.filter(session=s["session"]).values_list(
            "enrolment_id", "status"
        )
    )


def test_selector(s):
    cohort = s["cohort"]
    assert enrolment_assessable_office_ids(s["lead"], cohort) is None
    assert enrolment_assessable_office_ids(s["instructor"], cohort) is None
    assert enrolment_assessable_office_ids(s["partner"], cohort) == {s["own"].office_id}
    assert enrolment_assessable(s["partner"], s["own"])
    assert not enrolment_assessable(s["partner"], s["others"])
    assert not enrolment_assessable(UserFactory(), s["own"])


def test_co_organizer_cannot_mark_another_offices_nominee(client, s):
    client.force_login(s["partner"])
    response = client.post(
        roster_url(s),
        {f"status-{s['own'].pk}": "present", f"status-{s['others'].pk}": "absent"},
    )
    assert response.status_code == 400
    assert NOT_MARKABLE in response.content.decode()
    assert marks(s) == {}


def test_co_organizer_marks_its_own_nominee(client, s):
    client.force_login(s["partner"])
    response = client.post(roster_url(s), {f"status-{s['own'].pk}": "present"})
    assert response.status_code == 302
    assert marks(s) == {s["own"].pk: "present"}


@pytest.mark.parametrize("who", ["lead", "instructor"])
def test_lead_office_and_instructor_mark_everyone(client, s, who):
    client.force_login(s[who])
    response = client.post(
        roster_url(s),
        {f"status-{s['own'].pk}": "present", f"status-{s['others'].pk}": "absent"},
    )
    assert response.status_code == 302
    assert marks(s) == {s["own"].pk: "present", s["others"].pk: "absent"}


def test_co_organizers_roster_shows_other_offices_rows_disabled(client, s):
    client.force_login(s["partner"])
    page = client.get(roster_url(s))
    html = page.content.decode()
    assert NOT_MARKABLE in html
    form = page.context["form"]
    assert form[f"status-{s['others'].pk}"].field.widget.attrs.get("disabled")
    assert not form[f"status-{s['own'].pk}"].field.widget.attrs.get("disabled")
    assert f'name="note-{s["others"].pk}"' in html
    others_note = html.split(f'name="note-{s["others"].pk}"')[1].split(">")[0]
    assert "disabled" in others_note
    own_note = html.split(f'name="note-{s["own"].pk}"')[1].split(">")[0]
    assert "disabled" not in own_note

    client.force_login(s["lead"])
    assert NOT_MARKABLE not in client.get(roster_url(s)).content.decode()


def test_attendance_import_dry_run_shows_the_row_error(client, s):
    client.force_login(s["partner"])
    data = (
        "email,status\n"
        f"{s['own'].user.email},present\n"
        f"{s['others'].user.email},absent\n"
    )
    response = client.post(
        reverse("cohorts:session_import", args=[s["cohort"].slug, s["session"].pk]),
        {"file": SimpleUploadedFile("m.csv", data.encode(), "text/csv")},
    )
    assert response.status_code == 400
    assert NOT_MARKABLE in response.content.decode()
    result = response.context["result"]
    assert [bool(r.errors) for r in result.rows] == [False, True]
    assert marks(s) == {}


def test_grading_another_offices_nominee_is_refused(client, s):
    assignment = AssessmentFactory(cohort=s["cohort"], max_score=20)
    own = AssignmentSubmissionFactory(assessment=assignment, enrolment=s["own"])
    others = AssignmentSubmissionFactory(assessment=assignment, enrolment=s["others"])

    with pytest.raises(GradingError):
        assignment_grade(submission=others, score=10, graded_by=s["partner"])
    assignment_grade(submission=own, score=12, graded_by=s["partner"])
    own.refresh_from_db()
    assert own.score == 12

    client.force_login(s["partner"])
    url = reverse("cohorts:submission_grade", args=[s["cohort"].slug, others.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"score": "15", "feedback": ""}).status_code == 404
    others.refresh_from_db()
    assert others.score is None
    download = reverse("cohorts:submission_download", args=[others.pk])
    assert client.get(download).status_code == 404

    grading = client.get(
        reverse("cohorts:assessment_grading", args=[s["cohort"].slug, assignment.pk])
    ).content.decode()
    assert grading.count("Change grade") == 1  # own, graded
    assert str(s["others"].user.get_full_name()) not in grading

    for who in ("lead", "instructor"):
        assignment_grade(submission=others, score=9, graded_by=s[who])


def test_grade_import_refuses_another_offices_nominee(s):
    assignment = AssessmentFactory(cohort=s["cohort"], max_score=20)
    data = (
        "email,assessment,score\n"
        f"{s['own'].user.email},{assignment.title},10\n"
        f"{s['others'].user.email},{assignment.title},11\n"
    )
    result = grade_import(
        cohort=s["cohort"], data=data, imported_by=s["partner"], dry_run=False
    )
    assert not result.written
    assert [bool(r.errors) for r in result.rows] == [False, True]
    result = grade_import(
        cohort=s["cohort"], data=data, imported_by=s["lead"], dry_run=False
    )
    assert result.written
