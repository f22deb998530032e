from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

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
