from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = _("Cohorts")

    def ready(self):
        from cohorts import signal_handlers, signals

        signals.attendance_changed.connect(
            signal_handlers.recompute_completion_on_attendance,
            dispatch_uid="cohorts.recompute_completion_on_attendance",
        )
