"""Receivers: one-line calls into services (connected in ExchangeConfig.ready)."""


def session_thread_on_create(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from exchange.services.spaces import session_thread_ensure

        session_thread_ensure(session=instance)
