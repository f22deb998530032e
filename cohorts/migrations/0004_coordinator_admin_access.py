"""Office coordinators work in the Wagtail admin: make sure the group may enter it.

What they see there is scoped by office membership (cohorts.permissions), not by
model permissions, so admin access is the only permission the group needs.
"""

from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    group, _ = Group.objects.get_or_create(name="Office coordinators")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailadmin", model="admin"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0003_office_api_tokens_inline_quotas"),
        ("accounts", "0002_roles"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
