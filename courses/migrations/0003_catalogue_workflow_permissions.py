"""Create the course catalogue (/courses/) and IP regimes (/regimes/) under the
home page, the fixed IP areas, the "Course review" workflow approved by Course
reviewers, and the page permissions on both sections: Instructors add and
change pages; Course reviewers publish (what approving does)."""

from django.db import migrations

IP_AREAS = [
    "patents",
    "trademarks",
    "copyright",
    "industrial_designs",
    "geographical_indications",
    "traditional_knowledge",
    "genetic_resources",
    "enforcement",
    "examination_cooperation",
]
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def _encode(number):
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEPLEN, "0")


def _add_child(apps, parent, model_name, **fields):
    """Append a child page to `parent` the way treebeard's MP_Node would."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Model = apps.get_model("courses", model_name)
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .first()
    )
    step = int(last.path[-STEPLEN:], 36) + 1 if last else 1
    content_type, __ = ContentType.objects.get_or_create(
        app_label="courses", model=model_name.lower()
    )
    page = Model.objects.create(
        path=parent.path + _encode(step),
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{fields['slug']}/",
        content_type=content_type,
        locale_id=parent.locale_id,
        live=True,
        draft_title=fields["title"],
        **fields,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
    parent.numchild += 1
    return page


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    IPArea = apps.get_model("courses", "IPArea")
    CourseIndexPage = apps.get_model("courses", "CourseIndexPage")
    JurisdictionIndexPage = apps.get_model("courses", "JurisdictionIndexPage")
    HomePage = apps.get_model("cms", "HomePage")

    for order, code in enumerate(IP_AREAS):
        IPArea.objects.update_or_create(code=code, defaults={"sort_order": order})

    home = HomePage.objects.filter(depth=2).order_by("path").first()
    if home is None:
        return
    catalogue = CourseIndexPage.objects.first() or _add_child(
        apps,
        home,
        "CourseIndexPage",
        title="Courses",
        slug="courses",
        intro="Courses written by instructors of Belt and Road partner offices.",
    )
    regimes = JurisdictionIndexPage.objects.first() or _add_child(
        apps,
        home,
        "JurisdictionIndexPage",
        title="IP regimes",
        slug="regimes",
        intro="How each country and regional system protects intellectual "
        "property, side by side.",
    )

    reviewers = Group.objects.get(name="Course reviewers")
    instructors = Group.objects.get(name="Instructors")
    task_type, __ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name="Course reviewers approval").first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name="Course reviewers approval", content_type=task_type, active=True
        )
    task.groups.add(reviewers)
    workflow, created = Workflow.objects.get_or_create(
        name="Course review", defaults={"active": True}
    )
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for page in (catalogue, regimes):
        WorkflowPage.objects.update_or_create(
            page_id=page.pk, defaults={"workflow": workflow}
        )
        # Approving the last task publishes the page as the reviewer, so
        # reviewers need publish rights; they edit only while reviewing.
        grants = [
            (instructors, "add_page"),
            (instructors, "change_page"),
            (reviewers, "publish_page"),
        ]
        for group, codename in grants:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page_id=page.pk,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_content_model"),
        ("cms", "0002_create_homepage"),
        ("accounts", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
