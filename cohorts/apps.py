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
        from django.db.models.signals import post_delete, post_save

        for model in ("Cohort", "Enrolment"):
            for signal in (post_save, post_delete):
                signal.connect(
                    signal_handlers.page_cache_bump,
                    sender=f"cohorts.{model}",
                    dispatch_uid=f"cohorts.page_cache_{model}_{signal is post_save}",
                )
