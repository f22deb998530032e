"""Badge images: public ones behind a credential's images, and the baked badge
only its holder may download."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from certificates.codes import code_normalise
from certificates.exceptions import NotHolderError
from certificates.models import Certificate
from certificates.services.badges import (
    achievement_badge_png,
    certificate_badge_bake,
    issuer_image_png,
)


def holder_only_refused(request, heading: str, error, code: str, status: int = 403):
    """The page refusing what only a certificate's holder may do, with why and
    a link to the public verification page."""
    return render(
        request,
        "certificates/holder_only_refused.html",
        {"heading": heading, "message": error.message, "code": code},
        status=status,
    )


def _png(content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="image/png")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@cache_control(public=True, max_age=3600)
def achievement_badge(request, cohort_id):
    """The image of a credential's achievement: its course's badge."""
    content = achievement_badge_png(cohort_id=cohort_id)
    if content is None:
        raise Http404
    return _png(content)


@require_GET
@cache_control(public=True, max_age=86400)
def issuer_image(request):
    """The platform's image as the issuer of credentials."""
    return _png(issuer_image_png())


@login_required
@require_GET
def certificate_badge(request, code):
    """The course badge with the signed credential baked in, for the holder;
    anyone else is told it is the holder's to download (403)."""
    certificate = (
        Certificate.objects.select_related("cohort__course")
        .filter(code=code_normalise(code) or "")
        .first()
    )
    if certificate is None or not certificate.credential:
        raise Http404
    try:
        content = certificate_badge_bake(certificate=certificate, user=request.user)
    except NotHolderError as error:
        return holder_only_refused(
            request, _("Badge download refused"), error, certificate.code
        )
    response = _png(content)
    response["Content-Disposition"] = f'attachment; filename="{certificate.code}.png"'
    response["Cache-Control"] = "private, no-store"
    del response["Access-Control-Allow-Origin"]
    return response
