import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from cohorts.exceptions import AttendanceError
from cohorts.models import AttendanceChange, AttendanceMark, Cohort, Enrolment
from cohorts.selectors.attendance import (
    attendance_rate_for,
    attendance_rates_for_cohort,
    enrolment_is_expected,
)
from cohorts.services.attendance import attendance_record_bulk
from cohorts.signals import attendance_changed
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AttendanceMarkFactory,
    CohortFactory,
    EnrolmentFactory,
    SessionFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db


def lead_coordinator(session):
    """Marks everyone: the lead office marks and grades all trainees."""
    return coordinator_of(session.cohort.lead_office)


P, L, E, A = (
    AttendanceMark.Status.PRESENT,
    AttendanceMark.Status.LATE,
    AttendanceMark.Status.EXCUSED,
    AttendanceMark.Status.ABSENT,
)


def days_ago(n, hours=0):
    return timezone.now() - datetime.timedelta(days=n, hours=hours)


def test_roster_save_creates_marks_and_history_in_one_go():
    session = SessionFactory()
    a, b = AdmittedEnrolmentFactory.create_batch(2, cohort=session.cohort)
    by = lead_coordinator(session)

    changed = attendance_record_bulk(
        session=session, marks={a.pk: (P, ""), b.pk: (A, "sick")}, by=by
    )

    assert sorted(changed) == sorted([a.pk, b.pk])
    marks = {m.enrolment_id: m for m in AttendanceMark.objects.all()}
    assert marks[a.pk].status == P and marks[b.pk].note == "sick"
    history = AttendanceChange.objects.get(enrolment=b)
    assert (history.old_status, history.new_status, history.changed_by) == ("", A, by)


def test_changing_a_mark_records_old_and_new_and_unchanged_writes_nothing():
    session = SessionFactory()
    enrolment = AdmittedEnrolmentFactory(cohort=session.cohort)
    by = lead_coordinator(session)
    attendance_record_bulk(session=session, marks={enrolment.pk: (A, "")}, by=by)
    attendance_record_bulk(session=session, marks={enrolment.pk: (L, "bus")}, by=by)
    again = attendance_record_bulk(
        session=session, marks={enrolment.pk: (L, "bus")}, by=by
    )

    assert again == []
    changes = list(
        AttendanceChange.objects.order_by("pk").values_list("old_status", "new_status")
    )
    assert changes == [("", A), (A, L)]


def test_future_session_cannot_be_marked():
    session = SessionFactory(starts_at=timezone.now() + datetime.timedelta(days=1))
    enrolment = AdmittedEnrolmentFactory(cohort=session.cohort)
    with pytest.raises(AttendanceError, match="future sessions"):
        attendance_record_bulk(
            session=session, marks={enrolment.pk: (P, "")}, by=lead_coordinator(session)
        )
    assert not AttendanceMark.objects.exists()


def test_trainee_admitted_after_the_session_is_not_expected_and_refused():
    session = SessionFactory(starts_at=days_ago(10))
    early = AdmittedEnrolmentFactory(cohort=session.cohort, admitted_at=days_ago(20))
    late = AdmittedEnrolmentFactory(cohort=session.cohort, admitted_at=days_ago(2))
    assert enrolment_is_expected(early, session)
    assert not enrolment_is_expected(late, session)

    with pytest.raises(AttendanceError) as excinfo:
        attendance_record_bulk(
            session=session,
            marks={early.pk: (P, ""), late.pk: (A, "")},
            by=lead_coordinator(session),
        )
    assert list(excinfo.value.extra["errors"]) == [late.pk]
    assert not AttendanceMark.objects.exists()  # the valid row was not written either


def test_only_admitted_trainees_of_the_cohort_can_be_marked():
    session = SessionFactory()
    applied = EnrolmentFactory(cohort=session.cohort)
    other_cohort = AdmittedEnrolmentFactory()
    with pytest.raises(AttendanceError) as excinfo:
        attendance_record_bulk(
            session=session,
            marks={applied.pk: (P, ""), other_cohort.pk: (P, "")},
            by=lead_coordinator(session),
        )
    assert set(excinfo.value.extra["errors"]) == {applied.pk, other_cohort.pk}


def test_unknown_status_is_refused():
    session = SessionFactory()
    enrolment = AdmittedEnrolmentFactory(cohort=session.cohort)
    with pytest.raises(AttendanceError):
        attendance_record_bulk(
            session=session,
            marks={enrolment.pk: ("asleep", "")},
            by=lead_coordinator(session),
        )


def test_attendance_changed_signal_is_sent_after_commit_with_changed_ids(
    django_capture_on_commit_callbacks,
):
    session = SessionFactory()
    a, b = AdmittedEnrolmentFactory.create_batch(2, cohort=session.cohort)
    AttendanceMarkFactory(session=session, enrolment=b, status=P)
    received = []

    def receiver(sender, enrolment_ids, **kwargs):
        received.append(sorted(enrolment_ids))

    attendance_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            attendance_record_bulk(
                session=session,
                marks={a.pk: (P, ""), b.pk: (P, "")},
                by=lead_coordinator(session),
            )
        assert received == [[a.pk]]
    finally:
        attendance_changed.disconnect(receiver)


def _cohort_with_history(excused_counts):
    cohort = CohortFactory(
        status=Cohort.Status.RUNNING, excused_counts_as_attended=excused_counts
    )
    sessions = [
        SessionFactory(cohort=cohort, starts_at=days_ago(n)) for n in (40, 30, 20, 10)
    ]
    SessionFactory(cohort=cohort, starts_at=timezone.now() + datetime.timedelta(days=3))
    veteran = AdmittedEnrolmentFactory(cohort=cohort, admitted_at=days_ago(50))
    for session, status in zip(sessions, [P, L, E, A], strict=True):
        AttendanceMarkFactory(session=session, enrolment=veteran, status=status)
    # Admitted after the first two sessions: only the last two are expected.
    newcomer = AdmittedEnrolmentFactory(cohort=cohort, admitted_at=days_ago(25))
    AttendanceMarkFactory(session=sessions[2], enrolment=newcomer, status=P)
    return cohort, veteran, newcomer


def test_attendance_rate_counts_present_late_and_excused_when_the_cohort_says_so():
    cohort, veteran, newcomer = _cohort_with_history(excused_counts=True)
    assert attendance_rate_for(veteran) == Decimal("75.00")
    assert attendance_rate_for(newcomer) == Decimal("50.00")  # unmarked = not attended
    assert attendance_rates_for_cohort(cohort) == {
        veteran.pk: Decimal("75.00"),
        newcomer.pk: Decimal("50.00"),
    }


def test_attendance_rate_without_excused():
    cohort, veteran, _newcomer = _cohort_with_history(excused_counts=False)
    assert attendance_rate_for(veteran) == Decimal("50.00")
    assert attendance_rates_for_cohort(cohort)[veteran.pk] == Decimal("50.00")


def test_attendance_rate_is_none_before_any_session_was_held():
    enrolment = AdmittedEnrolmentFactory()
    SessionFactory(
        cohort=enrolment.cohort, starts_at=timezone.now() + datetime.timedelta(days=1)
    )
    assert attendance_rate_for(enrolment) is None


def test_bulk_rates_take_a_fixed_number_of_queries(django_assert_num_queries):
    cohort, *_ = _cohort_with_history(excused_counts=True)
    AdmittedEnrolmentFactory.create_batch(5, cohort=cohort, admitted_at=days_ago(50))
    with django_assert_num_queries(3):
        rates = attendance_rates_for_cohort(cohort)
    assert len(rates) == 7
    assert Enrolment.objects.filter(cohort=cohort).count() == 7
