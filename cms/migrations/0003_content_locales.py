from django.conf import settings
from django.db import migrations


def create_locales(apps, schema_editor):
    # One Wagtail locale per interface language, so every page tree can be translated.
    Locale = apps.get_model("wagtailcore.Locale")
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("cms", "0002_create_homepage"), ("wagtailcore", "0094_alter_page_locale")]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
