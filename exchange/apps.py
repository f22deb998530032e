from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "exchange"
    verbose_name = _("Exchange")

    def ready(self):
        from django.db.models.signals import post_save

        from cohorts.models import Session
        from exchange import signal_handlers

        post_save.connect(
            signal_handlers.session_thread_on_create,
            sender=Session,
            dispatch_uid="exchange.session_thread_on_create",
        )
