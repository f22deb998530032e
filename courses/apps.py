from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from wagtail.models import Locale

        from courses import signal_handlers, site_cache

        signal_handlers.connect()
        # Wagtail asks for the active Locale on every page request (routing,
        # `.localized`); answer from the per-process copy instead of a query.
        Locale.get_active = classmethod(site_cache.locale_get_active)
