"""Permissions are kept in the cache between requests (accounts.backends), and
a change to who holds them shows on the very next page."""

import pytest
from django.contrib.auth.models import Group, Permission

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

ADMIN_LINK = '<a href="/admin/">'


@pytest.fixture
def editors():
    group = Group.objects.create(name="Course editors")
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return group


def _shows_admin_link(client) -> bool:
    return ADMIN_LINK in client.get("/").content.decode()


def test_second_page_reads_permissions_from_the_cache(
    client, editors, django_assert_max_num_queries
):
    user = UserFactory()
    user.groups.add(editors)
    client.force_login(user)
    assert _shows_admin_link(client)
    with django_assert_max_num_queries(50) as queries:
        assert _shows_admin_link(client)
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    # Django's two lookups (the user's own and their groups' permissions).
    assert '"codename" FROM "auth_permission"' not in sql


def test_joining_and_leaving_a_group_shows_on_the_next_page(client, editors):
    user = UserFactory()
    client.force_login(user)
    assert not _shows_admin_link(client)
    user.groups.add(editors)
    assert _shows_admin_link(client)
    user.groups.remove(editors)
    assert not _shows_admin_link(client)
    editors.user_set.add(user)  # from the group's side, as the admin's group form does
    assert _shows_admin_link(client)


def test_a_permission_taken_from_the_group_is_gone_on_the_next_page(client, editors):
    user = UserFactory()
    user.groups.add(editors)
    client.force_login(user)
    assert _shows_admin_link(client)
    editors.permissions.clear()
    assert not _shows_admin_link(client)
    response = client.get("/admin/")
    assert response.status_code == 302  # Wagtail turns them away from the admin
    assert not response.url.startswith("/admin/pages")


def test_a_deleted_group_takes_its_permissions_with_it(client, editors):
    user = UserFactory()
    user.groups.add(editors)
    client.force_login(user)
    assert _shows_admin_link(client)
    editors.delete()
    assert not _shows_admin_link(client)


def test_a_deactivated_user_holds_no_permission(editors):
    user = UserFactory()
    user.groups.add(editors)
    assert user.has_perm("wagtailadmin.access_admin")
    user.is_active = False
    user.save()
    del user._perm_cache
    assert not user.has_perm("wagtailadmin.access_admin")


def test_without_a_shared_cache_permissions_are_read_every_time(
    client, editors, settings
):
    """PERMISSIONS_CACHE_SECONDS = 0 (the default without Redis): another
    process's change is seen at once because nothing is kept."""
    from django.contrib.auth.models import Group

    settings.PERMISSIONS_CACHE_SECONDS = 0
    user = UserFactory()
    user.groups.add(editors)
    client.force_login(user)
    assert _shows_admin_link(client)
    # Removed by another process: no signal reaches this one.
    Group.permissions.through.objects.filter(group=editors).delete()
    assert not _shows_admin_link(client)
