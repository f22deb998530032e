"""Create the platform's roles as groups, with their base permissions.

Page permissions (which part of the tree a role may edit or publish) are granted
where the tree is made: the courses app grants them on the course catalogue.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Trainees": [],
    "Instructors": [
        ("wagtailadmin", "admin", "access_admin"),
        ("wagtailimages", "image", "add_image"),
        ("wagtailimages", "image", "change_image"),
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "change_document"),
        ("wagtaildocs", "document", "choose_document"),
    ],
    "Course reviewers": [
        ("wagtailadmin", "admin", "access_admin"),
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "choose_document"),
    ],
    "Office coordinators": [("wagtailadmin", "admin", "access_admin")],
    "Platform admins": [
        ("wagtailadmin", "admin", "access_admin"),
        ("accounts", "user", "add_user"),
        ("accounts", "user", "change_user"),
        ("accounts", "user", "delete_user"),
        ("auth", "group", "change_group"),
    ],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after migrate; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, perms in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, codename in perms:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename=codename,
                )
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
