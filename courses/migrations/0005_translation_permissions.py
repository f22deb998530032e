"""Instructors and Course reviewers may translate pages (wagtail-localize), and
the translated catalogue and regimes pages get the page permissions and the
"Course review" workflow of their English source.

Page permissions and workflows apply per subtree, and every locale has its own
tree: without a copy on /ar/courses/, nobody but a superuser could edit an
Arabic course, and it would go to Wagtail's default workflow. Translations made
after this migration get the copy from `courses.services.page_translation_grants_copy`.
Which pages a user may translate is narrowed in code (`user_can_translate`).
"""

from django.conf import settings
from django.db import migrations

ROLES = ["Instructors", "Course reviewers"]


def _submit_translation(apps):
    return apps.get_model("auth.Permission").objects.get(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    )


def _translations(apps, page):
    Page = apps.get_model("wagtailcore.Page")
    return Page.objects.filter(translation_key=page.translation_key).exclude(
        pk=page.pk
    )


def _source_grants(apps):
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    return GroupPagePermission.objects.filter(
        page__locale__language_code=settings.LANGUAGE_CODE, page__depth__gt=1
    ).select_related("page")


def _source_workflows(apps):
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    return WorkflowPage.objects.filter(
        page__locale__language_code=settings.LANGUAGE_CODE, page__depth__gt=1
    ).select_related("page")


def forwards(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    submit = _submit_translation(apps)
    for group in apps.get_model("auth.Group").objects.filter(name__in=ROLES):
        group.permissions.add(submit)
    for grant in _source_grants(apps):
        for target in _translations(apps, grant.page):
            GroupPagePermission.objects.get_or_create(
                group_id=grant.group_id,
                permission_id=grant.permission_id,
                page_id=target.pk,
            )
    for assigned in _source_workflows(apps):
        for target in _translations(apps, assigned.page):
            WorkflowPage.objects.get_or_create(
                page_id=target.pk, defaults={"workflow_id": assigned.workflow_id}
            )


def backwards(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    submit = _submit_translation(apps)
    for group in apps.get_model("auth.Group").objects.filter(name__in=ROLES):
        group.permissions.remove(submit)
    for grant in _source_grants(apps):
        GroupPagePermission.objects.filter(
            group_id=grant.group_id,
            permission_id=grant.permission_id,
            page__in=_translations(apps, grant.page),
        ).delete()
    for assigned in _source_workflows(apps):
        WorkflowPage.objects.filter(
            workflow_id=assigned.workflow_id,
            page__in=_translations(apps, assigned.page),
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0004_treaty_status_not_applicable"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
