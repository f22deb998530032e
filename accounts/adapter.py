from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.urls import translate_url
from django.utils import translation

from .services import email_enqueue


class AccountAdapter(DefaultAccountAdapter):
    """Sends allauth's emails through the Celery outbox instead of inline SMTP."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        ctx = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
        }
        ctx.update(context)
        msg = self.render_mail(template_prefix, email, ctx)
        html = next((b for b, mime in msg.alternatives if mime == "text/html"), "")
        email_enqueue(to=msg.to, subject=msg.subject, body=msg.body, html_body=html)

    def get_login_redirect_url(self, request) -> str:
        """Where log-in leads, in the user's saved language or else the language
        of the page they logged in on (never English by default)."""
        url = super().get_login_redirect_url(request)
        if translation.get_language_from_path(url.split("?", 1)[0]):
            return url
        language = getattr(request.user, "language", "") or translation.get_language()
        # An unprefixed URL is an English one: resolve it as such.
        with translation.override(settings.LANGUAGE_CODE):
            return translate_url(url, language)
