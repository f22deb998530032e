import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cohorts.exceptions import AssessmentError, GradingError
from cohorts.models import AssignmentSubmission, GradeChange
from cohorts.services.assessments import (
    assignment_grade,
    assignment_submit,
    grade_import,
)
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AssessmentFactory,
    AssignmentSubmissionFactory,
    CohortOfficeFactory,
    OfficeFactory,
    QuizFactory,
    SessionFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db


def pdf(name="essay.pdf", size=None):
    body = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"
    if size:
        body = body + b"0" * (size - len(body))
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def zipped(name, members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return SimpleUploadedFile(name, buffer.getvalue())


def docx(name="essay.docx"):
    return zipped(
        name, {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}
    )


def odt(name="essay.odt"):
    return zipped(
        name,
        {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"},
    )


@pytest.fixture
def assignment():
    return AssessmentFactory(title="Assignment 2", max_score=20)


@pytest.fixture
def enrolment(assignment):
    return AdmittedEnrolmentFactory(cohort=assignment.cohort)


@pytest.mark.parametrize("make", [pdf, docx, odt])
def test_pdf_docx_and_odt_are_accepted(assignment, enrolment, make, settings):
    submission = assignment_submit(
        assessment=assignment, enrolment=enrolment, file=make()
    )
    assert not submission.late
    assert submission.file.name.startswith("assignments/")
    # Stored under the private root, not MEDIA_ROOT.
    assert str(settings.PRIVATE_MEDIA_ROOT) in submission.file.path


@pytest.mark.parametrize(
    "upload",
    [
        lambda: SimpleUploadedFile("script.exe", b"MZ\x90\x00"),
        lambda: SimpleUploadedFile("essay.pdf", b"<html>not a pdf</html>"),
        lambda: zipped("essay.docx", {"a.txt": "zip but not a document"}),
        lambda: docx("essay.pdf"),  # a DOCX renamed to .pdf
        lambda: odt("essay.docx"),
    ],
    ids=["exe", "fake-pdf", "plain-zip", "docx-as-pdf", "odt-as-docx"],
)
def test_wrong_types_are_refused_and_nothing_is_stored(assignment, enrolment, upload):
    with pytest.raises(ValidationError):
        assignment_submit(assessment=assignment, enrolment=enrolment, file=upload())
    assert not AssignmentSubmission.objects.exists()


def test_files_over_the_size_limit_are_refused(assignment, enrolment, settings):
    settings.ASSIGNMENT_MAX_UPLOAD_MB = 1
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        assignment_submit(
            assessment=assignment, enrolment=enrolment, file=pdf(size=1024 * 1024 + 1)
        )
    assignment_submit(
        assessment=assignment, enrolment=enrolment, file=pdf(size=1024 * 1024)
    )


def test_late_submission_is_marked(assignment, enrolment):
    submission = assignment_submit(
        assessment=assignment,
        enrolment=enrolment,
        file=pdf(),
        now=assignment.due_at + datetime.timedelta(minutes=1),
    )
    assert submission.late


def test_resubmission_replaces_the_file_until_graded(assignment, enrolment):
    grader = coordinator_of(assignment.cohort.lead_office)
    first = assignment_submit(assessment=assignment, enrolment=enrolment, file=pdf())
    second = assignment_submit(assessment=assignment, enrolment=enrolment, file=docx())
    assert second.pk == first.pk and second.original_name == "essay.docx"
    assignment_grade(submission=second, score=15, graded_by=grader)
    with pytest.raises(AssessmentError):
        assignment_submit(assessment=assignment, enrolment=enrolment, file=pdf())


def test_grading_keeps_history_and_validates_score(assignment, enrolment):
    grader = coordinator_of(assignment.cohort.lead_office)
    submission = assignment_submit(
        assessment=assignment, enrolment=enrolment, file=pdf()
    )
    with pytest.raises(ValidationError):
        assignment_grade(submission=submission, score=21, graded_by=grader)
    assignment_grade(
        submission=submission, score="14.5", feedback="Good", graded_by=grader
    )
    assignment_grade(
        submission=submission, score="14.5", feedback="Good", graded_by=grader
    )  # no change, no history row
    assignment_grade(submission=submission, score=16, graded_by=grader)
    submission.refresh_from_db()
    assert submission.score == Decimal("16.00") and submission.graded_by == grader
    history = list(GradeChange.objects.values_list("old_score", "new_score"))
    assert history == [(Decimal("14.50"), Decimal("16.00")), (None, Decimal("14.50"))]


def test_instructors_and_partner_coordinators_grade_others_cannot(assignment):
    cohort = assignment.cohort
    partner = OfficeFactory()
    CohortOfficeFactory(cohort=cohort, office=partner)
    submission = AssignmentSubmissionFactory(
        assessment=assignment,
        enrolment=AdmittedEnrolmentFactory(cohort=cohort, office=partner),
    )
    instructor = UserFactory()
    SessionFactory(cohort=cohort).instructors.add(instructor)
    for user in (instructor, coordinator_of(partner)):
        assignment_grade(submission=submission, score=10, graded_by=user)
    lead_nominee = AssignmentSubmissionFactory(assessment=assignment)
    with pytest.raises(GradingError):  # a co-organizer grades its own nominees only
        assignment_grade(
            submission=lead_nominee, score=10, graded_by=coordinator_of(partner)
        )
    for user in (
        UserFactory(),
        coordinator_of(OfficeFactory()),
        enrolment_user(sub=submission),
    ):
        with pytest.raises(GradingError):
            assignment_grade(submission=submission, score=11, graded_by=user)


def enrolment_user(sub):
    return sub.enrolment.user


# ---- grade import ----


@pytest.fixture
def cohort_with_work():
    assignment = AssessmentFactory(title="Case study", max_score=20)
    cohort = assignment.cohort
    QuizFactory(cohort=cohort, title="PPH quiz")
    ana = AdmittedEnrolmentFactory(cohort=cohort, user__email="ana@example.org")
    bo = AdmittedEnrolmentFactory(cohort=cohort, user__email="bo@example.org")
    return cohort, assignment, ana, bo


def test_grade_import_dry_run_then_write(cohort_with_work):
    cohort, assignment, ana, bo = cohort_with_work
    grader = coordinator_of(cohort.lead_office)
    AssignmentSubmissionFactory(assessment=assignment, enrolment=ana, score=10)
    data = (
        "email,assessment,score,feedback\n"
        "ANA@example.org,case study,18,Отлично — 很好\n"
        "bo@example.org,Case study,12.5,\n"
    ).encode()
    result = grade_import(cohort=cohort, data=data, imported_by=grader)
    assert result.ok and not result.written
    assert [r.outcome for r in result.rows] == ["update", "create"]
    assert AssignmentSubmission.objects.get(enrolment=ana).score == 10

    result = grade_import(cohort=cohort, data=data, imported_by=grader, dry_run=False)
    assert result.written
    ana_sub = AssignmentSubmission.objects.get(enrolment=ana)
    assert ana_sub.score == 18 and ana_sub.feedback == "Отлично — 很好"
    assert AssignmentSubmission.objects.get(enrolment=bo).score == Decimal("12.5")
    assert GradeChange.objects.filter(source=GradeChange.Source.IMPORT).count() == 2

    again = grade_import(cohort=cohort, data=data, imported_by=grader, dry_run=False)
    assert [r.outcome for r in again.rows] == ["unchanged", "unchanged"]
    assert GradeChange.objects.count() == 2


def test_grade_import_with_one_bad_row_writes_nothing(cohort_with_work):
    cohort, assignment, ana, bo = cohort_with_work
    grader = coordinator_of(cohort.lead_office)
    data = (
        "email,assessment,score,feedback\n"
        "ana@example.org,Case study,18,\n"
        "bo@example.org,Case study,25,\n"  # above the maximum
        "nobody@example.org,Case study,5,\n"
        "ana@example.org,PPH quiz,5,\n"
        "bo@example.org,Essay,5,\n"
        "ana@example.org,Case study,abc,\n"
    )
    result = grade_import(cohort=cohort, data=data, imported_by=grader, dry_run=False)
    assert not result.ok and not result.written
    assert [r.outcome for r in result.rows] == ["create"] + ["error"] * 5
    assert [r.line for r in result.rows if r.errors] == [3, 4, 5, 6, 7]
    assert "between 0 and 20" in result.rows[1].errors[0]
    assert not AssignmentSubmission.objects.exists()
    assert not GradeChange.objects.exists()


def test_grade_import_missing_columns(cohort_with_work):
    cohort, *_ = cohort_with_work
    grader = coordinator_of(cohort.lead_office)
    result = grade_import(cohort=cohort, data="mail,score\n", imported_by=grader)
    assert not result.ok and "assessment" in result.errors[0]


def test_grade_import_refused_to_outsiders(cohort_with_work):
    cohort, *_ = cohort_with_work
    with pytest.raises(GradingError):
        grade_import(cohort=cohort, data="", imported_by=UserFactory())


def test_submission_uses_server_time(assignment, enrolment):
    before = timezone.now()
    submission = assignment_submit(
        assessment=assignment, enrolment=enrolment, file=pdf()
    )
    assert submission.submitted_at >= before
