"""Platform admins manage accounts, but not superusers' accounts nor groups."""

import pytest
from django.contrib.auth.models import Group, Permission

from accounts import roles
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-Takeover-pass-phrase-99"
REFUSAL = "Sorry, you do not have permission to access this area."


@pytest.fixture
def platform_admin():
    return UserFactory(is_staff=True, groups=[roles.PLATFORM_ADMINS])


@pytest.fixture
def superuser():
    return UserFactory(is_staff=True, is_superuser=True)


def _edit_data(user, **changes):
    data = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "is_active": "on",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _refused(response) -> bool:
    """Wagtail's refusal: back to the dashboard with its error message."""
    return response.redirect_chain[-1][0] == "/admin/" and REFUSAL in (
        response.content.decode()
    )


def test_platform_admin_cannot_open_a_superusers_account(
    client, platform_admin, superuser
):
    client.force_login(platform_admin)
    response = client.get(f"/admin/users/edit/{superuser.pk}/", follow=True)
    assert _refused(response)


def test_platform_admin_cannot_set_a_superusers_password(
    client, platform_admin, superuser
):
    client.force_login(platform_admin)
    response = client.post(
        f"/admin/users/edit/{superuser.pk}/", _edit_data(superuser), follow=True
    )
    assert _refused(response)
    superuser.refresh_from_db()
    assert superuser.check_password("pass-1234-word")
    assert not superuser.check_password(NEW_PASSWORD)


def test_platform_admin_cannot_delete_a_superuser(client, platform_admin, superuser):
    client.force_login(platform_admin)
    response = client.post(f"/admin/users/delete/{superuser.pk}/", follow=True)
    assert _refused(response)
    assert type(superuser).objects.filter(pk=superuser.pk).exists()


def test_platform_admin_cannot_deactivate_a_superuser_in_bulk(
    client, platform_admin, superuser
):
    other = UserFactory()
    client.force_login(platform_admin)
    client.post(
        f"/admin/bulk/accounts/user/set_active_state/?id={superuser.pk}&id={other.pk}",
        {"mark_as_active": "False"},
    )
    superuser.refresh_from_db()
    other.refresh_from_db()
    assert superuser.is_active
    assert not other.is_active  # the account they may manage is deactivated


def test_platform_admin_cannot_make_anyone_a_superuser(client, platform_admin):
    trainee = UserFactory()
    client.force_login(platform_admin)
    page = client.get(f"/admin/users/edit/{trainee.pk}/").content.decode()
    assert 'name="is_superuser"' not in page
    assert 'name="is_superuser"' not in client.get("/admin/users/new/").content.decode()
    client.post(
        f"/admin/users/edit/{trainee.pk}/",
        _edit_data(trainee, password1=None, password2=None, is_superuser="on"),
    )
    trainee.refresh_from_db()
    assert not trainee.is_superuser


def test_platform_admin_still_manages_ordinary_accounts(client, platform_admin):
    trainee = UserFactory()
    client.force_login(platform_admin)
    response = client.post(f"/admin/users/edit/{trainee.pk}/", _edit_data(trainee))
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert trainee.check_password(NEW_PASSWORD)


def test_platform_admin_cannot_widen_its_groups_permissions(client, platform_admin):
    group = Group.objects.get(name=roles.PLATFORM_ADMINS)
    before = set(group.permissions.values_list("pk", flat=True))
    everything = Permission.objects.values_list("pk", flat=True)
    client.force_login(platform_admin)
    assert _refused(client.get(f"/admin/groups/edit/{group.pk}/", follow=True))
    response = client.post(
        f"/admin/groups/edit/{group.pk}/",
        {"name": group.name, "permissions": list(everything)},
        follow=True,
    )
    assert _refused(response)
    assert set(group.permissions.values_list("pk", flat=True)) == before
    assert _refused(client.get("/admin/groups/new/", follow=True))
    assert _refused(client.post(f"/admin/groups/delete/{group.pk}/", follow=True))
    assert Group.objects.filter(pk=group.pk).exists()
    # Nothing in the menu leads to the groups.
    assert "/admin/groups/" not in client.get("/admin/").content.decode()


def test_superuser_still_manages_superusers_and_groups(client, superuser):
    other = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    response = client.post(f"/admin/users/edit/{other.pk}/", _edit_data(other))
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.check_password(NEW_PASSWORD)
    group = Group.objects.get(name=roles.PLATFORM_ADMINS)
    assert client.get(f"/admin/groups/edit/{group.pk}/").status_code == 200
    assert 'name="is_superuser"' in client.get("/admin/users/new/").content.decode()
