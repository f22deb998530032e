import datetime

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import OutboundEmail
from cohorts.exceptions import (
    ApplicationsClosedError,
    CapacityFullError,
    DuplicateApplicationError,
    InvalidTransitionError,
    NotAllowedError,
    OfficeNotParticipatingError,
    QuotaFullError,
)
from cohorts.models import Cohort, Enrolment
from cohorts.services.enrolments import (
    enrolment_admit,
    enrolment_apply,
    enrolment_decline,
    enrolment_nominate,
    enrolment_reject,
    enrolment_waitlist,
    enrolment_withdraw,
)
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    CohortFactory,
    CohortOfficeFactory,
    EnrolmentFactory,
    LeadOfficeFactory,
    OfficeFactory,
    coordinator_of,
)
from training.audit import ENROLMENT_DECISION, audit_last

pytestmark = pytest.mark.django_db
S = Enrolment.Status


@pytest.fixture
def joint():
    """A cohort led by one office, co-organized by a partner with 2 seats."""
    lead = LeadOfficeFactory()
    partner = OfficeFactory(name="Partner Office")
    cohort = CohortFactory(lead_office=lead, capacity=3, lead_quota=2)
    CohortOfficeFactory(cohort=cohort, office=partner, seat_quota=2)
    return {
        "cohort": cohort,
        "lead": lead,
        "partner": partner,
        "lead_coord": lead.memberships.get().user,
        "partner_coord": coordinator_of(partner),
    }


def _apply(cohort, office, user=None):
    return enrolment_apply(
        cohort=cohort,
        user=user or UserFactory(),
        office=office,
        employer="Partner Office",
        position="Examiner",
        motivation="Work-sharing",
    )


def test_apply_records_application_and_emails_receipt(
    joint, django_capture_on_commit_callbacks
):
    trainee = UserFactory(email="wang.fang@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = _apply(joint["cohort"], joint["partner"], trainee)
    assert enrolment.status == S.APPLIED
    assert [m.to for m in mail.outbox] == [["wang.fang@example.org"]]
    assert "Application received" in mail.outbox[0].subject


def test_second_application_is_refused_with_a_clear_message(joint):
    trainee = UserFactory()
    _apply(joint["cohort"], joint["partner"], trainee)
    with pytest.raises(DuplicateApplicationError, match="already applied"):
        _apply(joint["cohort"], joint["lead"], trainee)


def test_apply_refused_outside_window_or_when_not_open(joint):
    cohort = joint["cohort"]
    cohort.applications_close_at = timezone.now() - datetime.timedelta(minutes=1)
    cohort.applications_open_at = cohort.applications_close_at - datetime.timedelta(
        days=1
    )
    cohort.save()
    with pytest.raises(ApplicationsClosedError):
        _apply(cohort, joint["partner"])
    draft = CohortFactory(status=Cohort.Status.DRAFT)
    with pytest.raises(ApplicationsClosedError):
        _apply(draft, draft.lead_office)


def test_apply_refused_when_office_does_not_take_part(joint):
    with pytest.raises(OfficeNotParticipatingError):
        _apply(joint["cohort"], OfficeFactory())


def test_nominating_office_nominates_within_its_quota_only(joint):
    partner, coord = joint["partner"], joint["partner_coord"]
    first, second, third = (_apply(joint["cohort"], partner) for _ in range(3))
    enrolment_nominate(enrolment=first, by=coord)
    enrolment_nominate(enrolment=second, by=coord)
    with pytest.raises(QuotaFullError, match="2 of its seats"):
        enrolment_nominate(enrolment=third, by=coord)
    third.refresh_from_db()
    assert third.status == S.APPLIED


def test_only_nominating_office_coordinators_decide_on_nomination(joint):
    enrolment = _apply(joint["cohort"], joint["partner"])
    for outsider in (joint["lead_coord"], coordinator_of(OfficeFactory())):
        with pytest.raises(NotAllowedError):
            enrolment_nominate(enrolment=enrolment, by=outsider)
        with pytest.raises(NotAllowedError):
            enrolment_reject(enrolment=enrolment, by=outsider)


def test_only_lead_office_admits(joint):
    enrolment = _apply(joint["cohort"], joint["partner"])
    enrolment_nominate(enrolment=enrolment, by=joint["partner_coord"])
    with pytest.raises(NotAllowedError, match="lead office"):
        enrolment_admit(enrolment=enrolment, by=joint["partner_coord"])
    enrolment = enrolment_admit(enrolment=enrolment, by=joint["lead_coord"])
    assert enrolment.status == S.ADMITTED
    assert enrolment.admitted_at is not None


def test_admit_requires_nomination_first(joint):
    enrolment = _apply(joint["cohort"], joint["partner"])
    with pytest.raises(InvalidTransitionError):
        enrolment_admit(enrolment=enrolment, by=joint["lead_coord"])


def test_admit_never_exceeds_capacity(joint):
    cohort = joint["cohort"]  # capacity 3: 2 partner + 2 lead nominees
    nominees = []
    for office, coord in (
        (joint["partner"], joint["partner_coord"]),
        (joint["lead"], joint["lead_coord"]),
    ):
        for _ in range(2):
            nominees.append(
                enrolment_nominate(enrolment=_apply(cohort, office), by=coord)
            )
    for nominee in nominees[:3]:
        enrolment_admit(enrolment=nominee, by=joint["lead_coord"])
    with pytest.raises(CapacityFullError):
        enrolment_admit(enrolment=nominees[3], by=joint["lead_coord"])
    assert cohort.enrolments.filter(status=S.ADMITTED).count() == 3


def test_each_decision_emails_the_trainee_once(
    joint, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = _apply(joint["cohort"], joint["partner"])
        enrolment_waitlist(enrolment=enrolment, by=joint["partner_coord"])
        enrolment_nominate(enrolment=enrolment, by=joint["partner_coord"])
        enrolment_decline(enrolment=enrolment, by=joint["lead_coord"])
    keys = set(OutboundEmail.objects.values_list("key", flat=True))
    # A decline can be undone and taken again: its key names the decision.
    declined = audit_last(ENROLMENT_DECISION, enrolment).pk
    assert keys == {
        f"enrolment-{enrolment.pk}-received",
        f"enrolment-{enrolment.pk}-decision-waitlisted",
        f"enrolment-{enrolment.pk}-decision-nominated",
        f"enrolment-{enrolment.pk}-decision-declined-{declined}",
    }
    assert len(mail.outbox) == 4


def test_withdrawal_promotes_first_waitlisted_and_tells_lead_office(
    joint, django_capture_on_commit_callbacks
):
    cohort, partner, coord = joint["cohort"], joint["partner"], joint["partner_coord"]
    admitted = [_apply(cohort, partner) for _ in range(2)]
    for e in admitted:
        enrolment_nominate(enrolment=e, by=coord)
        enrolment_admit(enrolment=e, by=joint["lead_coord"])
    first_waiting = enrolment_waitlist(enrolment=_apply(cohort, partner), by=coord)
    later_waiting = enrolment_waitlist(enrolment=_apply(cohort, partner), by=coord)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        enrolment_withdraw(enrolment=admitted[0], by=admitted[0].user)

    first_waiting.refresh_from_db()
    later_waiting.refresh_from_db()
    assert first_waiting.status == S.NOMINATED
    assert later_waiting.status == S.WAITLISTED
    recipients = {tuple(m.to) for m in mail.outbox}
    assert (first_waiting.user.email,) in recipients
    lead_mail = next(m for m in mail.outbox if "Withdrawal" in m.subject)
    assert "training@lead.example.org" in lead_mail.to
    assert joint["lead_coord"].email in lead_mail.to


def test_trainee_cannot_withdraw_someone_else(joint):
    enrolment = _apply(joint["cohort"], joint["partner"])
    with pytest.raises(NotAllowedError):
        enrolment_withdraw(enrolment=enrolment, by=UserFactory())


def test_rejected_application_cannot_be_nominated(joint):
    enrolment = enrolment_reject(
        enrolment=_apply(joint["cohort"], joint["partner"]), by=joint["partner_coord"]
    )
    with pytest.raises(InvalidTransitionError):
        enrolment_nominate(enrolment=enrolment, by=joint["partner_coord"])


def test_coordinator_of_two_offices_acts_for_each_by_the_records_office(joint):
    person = joint["partner_coord"]
    coordinator_of(joint["lead"], user=person)
    enrolment = _apply(joint["cohort"], joint["partner"])
    enrolment_nominate(enrolment=enrolment, by=person)
    assert enrolment_admit(enrolment=enrolment, by=person).status == S.ADMITTED


def test_existing_factory_enrolment_counts_for_quota(joint):
    EnrolmentFactory.create_batch(
        2, cohort=joint["cohort"], office=joint["partner"], status=S.NOMINATED
    )
    with pytest.raises(QuotaFullError):
        enrolment_nominate(
            enrolment=_apply(joint["cohort"], joint["partner"]),
            by=joint["partner_coord"],
        )
