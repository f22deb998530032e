"""Certificates are no longer in Wagtail's reference index (the admin viewset's
add_to_reference_index): the rows indexed earlier would count as usage of
their cohorts, users and status lists for ever."""

from django.db import migrations


def forget_certificate_references(apps, schema_editor):
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    ReferenceIndex.objects.filter(
        base_content_type__app_label="certificates",
        base_content_type__model="certificate",
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0008_certificatebatch_chunks"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(forget_certificate_references, migrations.RunPython.noop)
    ]
