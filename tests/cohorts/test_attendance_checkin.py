import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts import checkin_codes
from cohorts.exceptions import CheckInError
from cohorts.models import AttendanceChange, AttendanceMark
from cohorts.services.attendance import attendance_check_in
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AttendanceMarkFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def minutes(n):
    return datetime.timedelta(minutes=n)


@pytest.fixture
def running():
    """A session that started 2 minutes ago and an admitted trainee."""
    now = timezone.now()
    session = SessionFactory(starts_at=now - minutes(2), ends_at=now + minutes(88))
    enrolment = AdmittedEnrolmentFactory(cohort=session.cohort)
    return session, enrolment


def code_now(session, shift=0, now=None):
    window = checkin_codes.window_at(now or timezone.now()) + shift
    return checkin_codes.code_for(session.pk, window)


def test_codes_are_six_digits_and_change_with_session_and_window():
    assert len(checkin_codes.code_for(1, 1000)) == 6
    assert checkin_codes.code_for(1, 1000) != checkin_codes.code_for(2, 1000)
    assert checkin_codes.code_for(1, 1000) != checkin_codes.code_for(1, 1001)
    assert checkin_codes.code_for(1, 1000) == checkin_codes.code_for(1, 1000)


def test_codes_depend_on_the_secret_key(settings):
    before = checkin_codes.code_for(1, 1000)
    settings.SECRET_KEY = "another secret key " * 4
    assert checkin_codes.code_for(1, 1000) != before


def test_check_in_with_the_current_code_marks_present(running):
    session, enrolment = running
    mark = attendance_check_in(user=enrolment.user, code=code_now(session))
    assert mark.status == AttendanceMark.Status.PRESENT
    change = AttendanceChange.objects.get()
    assert change.source == AttendanceChange.Source.CHECK_IN
    assert change.changed_by == enrolment.user


def test_previous_window_code_is_still_accepted(running):
    session, enrolment = running
    mark = attendance_check_in(
        user=enrolment.user, code=code_now(session, -1), session_id=session.pk
    )
    assert mark.status == AttendanceMark.Status.PRESENT


def test_check_in_after_the_grace_period_is_late(settings):
    settings.ATTENDANCE_LATE_AFTER_MINUTES = 10
    now = timezone.now()
    session = SessionFactory(starts_at=now - minutes(20), ends_at=now + minutes(40))
    enrolment = AdmittedEnrolmentFactory(cohort=session.cohort)
    mark = attendance_check_in(user=enrolment.user, code=code_now(session))
    assert mark.status == AttendanceMark.Status.LATE


def test_expired_code_is_refused_as_expired(running):
    session, enrolment = running
    with pytest.raises(CheckInError, match="expired"):
        attendance_check_in(user=enrolment.user, code=code_now(session, -3))
    assert not AttendanceMark.objects.exists()


def test_wrong_code_is_refused(running):
    session, enrolment = running
    right = code_now(session)
    wrong = str((int(right) + 1) % 1_000_000).zfill(6)
    with pytest.raises(CheckInError, match="not right"):
        attendance_check_in(user=enrolment.user, code=wrong)
    with pytest.raises(CheckInError, match="6-digit"):
        attendance_check_in(user=enrolment.user, code="12ab")


def test_replayed_check_in_says_already_checked_in(running):
    session, enrolment = running
    attendance_check_in(user=enrolment.user, code=code_now(session))
    with pytest.raises(CheckInError, match="already checked in") as excinfo:
        attendance_check_in(user=enrolment.user, code=code_now(session))
    assert excinfo.value.extra["already"] is True
    assert AttendanceChange.objects.count() == 1


def test_check_in_overrides_an_earlier_absent_mark(running):
    session, enrolment = running
    AttendanceMarkFactory(
        session=session, enrolment=enrolment, status=AttendanceMark.Status.ABSENT
    )
    mark = attendance_check_in(user=enrolment.user, code=code_now(session))
    assert mark.status == AttendanceMark.Status.PRESENT


def test_check_in_outside_the_session_window_is_refused():
    now = timezone.now()
    ended = SessionFactory(starts_at=now - minutes(180), ends_at=now - minutes(60))
    enrolment = AdmittedEnrolmentFactory(cohort=ended.cohort)
    later = SessionFactory(
        cohort=ended.cohort, starts_at=now + minutes(120), ends_at=now + minutes(180)
    )
    with pytest.raises(CheckInError, match="ended"):
        attendance_check_in(
            user=enrolment.user, code=code_now(ended), session_id=ended.pk
        )
    with pytest.raises(CheckInError, match="opens at"):
        attendance_check_in(
            user=enrolment.user, code=code_now(later), session_id=later.pk
        )
    with pytest.raises(CheckInError, match="None of your sessions"):
        attendance_check_in(user=enrolment.user, code=code_now(ended))


def test_check_in_opens_shortly_before_the_start(settings):
    settings.ATTENDANCE_CHECKIN_OPENS_MINUTES = 15
    now = timezone.now()
    session = SessionFactory(starts_at=now + minutes(5), ends_at=now + minutes(65))
    enrolment = AdmittedEnrolmentFactory(cohort=session.cohort)
    mark = attendance_check_in(user=enrolment.user, code=code_now(session))
    assert mark.status == AttendanceMark.Status.PRESENT


def test_trainee_not_enrolled_is_refused(running):
    session, _enrolment = running
    stranger = UserFactory()
    with pytest.raises(CheckInError, match="not enrolled"):
        attendance_check_in(
            user=stranger, code=code_now(session), session_id=session.pk
        )
    with pytest.raises(CheckInError, match="not enrolled"):
        attendance_check_in(user=stranger, code=code_now(session))


def test_trainee_admitted_after_the_session_is_not_expected(running):
    session, _enrolment = running
    newcomer = AdmittedEnrolmentFactory(
        cohort=session.cohort, admitted_at=session.ends_at + minutes(1)
    )
    with pytest.raises(CheckInError, match="admitted after"):
        attendance_check_in(user=newcomer.user, code=code_now(session))


# ---- the pages ----


def test_check_in_page_needs_login(client):
    response = client.get(reverse("cohorts:check_in"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_qr_link_prefills_the_code_and_posting_checks_in(client, running):
    session, enrolment = running
    client.force_login(enrolment.user)
    code = code_now(session)
    page = client.get(
        reverse("cohorts:check_in"), {"session": session.pk, "code": code}
    )
    assert page.status_code == 200
    assert f'value="{code}"' in page.content.decode()

    response = client.post(
        reverse("cohorts:check_in"), {"session": session.pk, "code": code}, follow=True
    )
    assert "You are checked in" in response.content.decode()
    assert AttendanceMark.objects.get().status == AttendanceMark.Status.PRESENT


def test_refused_check_in_shows_the_reason(client, running):
    session, enrolment = running
    client.force_login(enrolment.user)
    response = client.post(reverse("cohorts:check_in"), {"code": code_now(session, -5)})
    assert response.status_code == 400
    assert "This code has expired" in response.content.decode()


def test_brute_force_is_rate_limited_per_user(client, running, settings):
    settings.ATTENDANCE_CHECKIN_RATE = "10/m"
    session, enrolment = running
    client.force_login(enrolment.user)
    statuses = [
        client.post(reverse("cohorts:check_in"), {"code": f"{n:06d}"}).status_code
        for n in range(11)
    ]
    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429
    # Even the right code is refused while limited.
    response = client.post(reverse("cohorts:check_in"), {"code": code_now(session)})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= 60
    assert not AttendanceMark.objects.exists()


def test_a_classroom_behind_one_address_checks_in_together(client, running, settings):
    settings.ATTENDANCE_CHECKIN_RATE = "10/m"
    session, _ = running
    trainees = [AdmittedEnrolmentFactory(cohort=session.cohort).user for _ in range(30)]
    statuses = []
    for trainee in trainees:
        client.force_login(trainee)
        response = client.post(
            reverse("cohorts:check_in"),
            {"session": session.pk, "code": code_now(session)},
            REMOTE_ADDR="198.51.100.7",
        )
        statuses.append(response.status_code)
    assert statuses == [302] * 30
    assert AttendanceMark.objects.filter(session=session).count() == 30


def test_one_address_driving_many_accounts_meets_the_address_ceiling(client, settings):
    settings.RATELIMIT_ADDRESS_RATE = "10/m"
    statuses = []
    for n in range(11):
        client.force_login(UserFactory())
        statuses.append(
            client.post(reverse("cohorts:check_in"), {"code": f"{n:06d}"}).status_code
        )
    assert statuses[:10] == [400] * 10
    assert statuses[-1] == 429
