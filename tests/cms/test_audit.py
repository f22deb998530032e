import pytest
from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry

from accounts import roles
from tests.accounts.factories import UserFactory
from training.audit import (
    CERTIFICATE_REVOKE,
    ENROLMENT_DECISION,
    GRADE_CHANGE,
    audit_log,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform_admin():
    user = UserFactory()
    user.groups.add(Group.objects.get(name=roles.PLATFORM_ADMINS))
    return user


def test_audit_log_records_who_did_what_to_which_object(staff_user):
    subject = UserFactory(first_name="Aigerim", last_name="Nurlanovna")
    entry = audit_log(
        ENROLMENT_DECISION, subject, staff_user, {"from": "applied", "to": "admitted"}
    )
    stored = ModelLogEntry.objects.get(pk=entry.pk)
    assert stored.action == ENROLMENT_DECISION
    assert stored.user == staff_user
    assert stored.object_id == str(subject.pk)
    assert stored.data == {"from": "applied", "to": "admitted"}
    assert stored.label == "Aigerim Nurlanovna"
    assert str(stored.message) == "Enrolment decision (from: applied, to: admitted)"


def test_audit_log_refuses_unknown_actions(staff_user):
    with pytest.raises(ValueError, match="Unknown audit action"):
        audit_log("srip.grade.chnage", staff_user, staff_user)


def test_superuser_sees_the_entry_in_site_history(client, staff_user):
    subject = UserFactory(first_name="Noa", last_name="Levi")
    audit_log(GRADE_CHANGE, subject, staff_user, {"score": "72.50"})
    client.force_login(staff_user)
    response = client.get("/admin/reports/site-history/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Grade changed" in html
    assert "Noa Levi" in html


def test_platform_admin_sees_the_audit_log_report(client, platform_admin, staff_user):
    subject = UserFactory(first_name="Li", last_name="Wei")
    audit_log(CERTIFICATE_REVOKE, subject, staff_user, {"reason": "issued in error"})
    client.force_login(platform_admin)
    response = client.get("/admin/reports/audit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Certificate revoked" in html
    assert "Li Wei" in html
    # The reports menu offers it.
    assert "/admin/reports/audit/" in client.get("/admin/").content.decode()


def test_audit_log_report_filters_by_action(client, staff_user):
    subject = UserFactory(first_name="Only", last_name="Revoked")
    other = UserFactory(first_name="Only", last_name="Graded")
    audit_log(CERTIFICATE_REVOKE, subject, staff_user)
    audit_log(GRADE_CHANGE, other, staff_user)
    client.force_login(staff_user)
    html = client.get(
        "/admin/reports/audit/", {"action": CERTIFICATE_REVOKE}
    ).content.decode()
    assert "Only Revoked" in html
    assert "Only Graded" not in html


@pytest.mark.parametrize("group", [roles.INSTRUCTORS, roles.OFFICE_COORDINATORS])
def test_other_staff_cannot_open_the_audit_log(client, group):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    assert client.get("/admin/reports/audit/").status_code in (302, 403)
    assert "/admin/reports/audit/" not in client.get("/admin/").content.decode()


def test_anonymous_is_sent_to_login(client):
    response = client.get("/admin/reports/audit/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url
