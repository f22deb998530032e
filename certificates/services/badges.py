"""Badge images: the course badge behind a credential's achievement image,
the issuer's image, and badges baked with the holder's signed credential."""

import json
import logging

from wagtail.images.models import SourceImageIOError

from certificates import badges
from certificates.exceptions import NotHolderError
from certificates.models import Certificate

logger = logging.getLogger(__name__)

ISSUER_COLOUR = "#35495e"
BADGE_RENDITION = f"fill-{badges.BADGE_SIZE}x{badges.BADGE_SIZE}|format-png"


def course_badge_png(*, course) -> bytes:
    """The course's badge as a square PNG.

    The editor's badge image (a PNG rendition, made once and then reused),
    else a badge drawn with the course's initials in its IP area's colour, also
    when the image file cannot be read.
    """
    course = course.specific
    if course.badge_image_id:
        try:
            rendition = course.badge_image.get_rendition(BADGE_RENDITION)
            with rendition.file.open("rb") as handle:
                return handle.read()
        except (OSError, SourceImageIOError):  # missing or unreadable: draw one
            logger.warning("Badge image of course %s unreadable", course.pk)
    return badges.badge_draw(
        text=badges.initials(course.title), colour=course.badge_colour
    )


def achievement_badge_png(*, cohort_id: int) -> bytes | None:
    """The badge behind a credential's achievement image (per cohort, the
    course's badge); None when no certificate was issued for the cohort, so
    nothing unpublished is shown."""
    certificate = (
        Certificate.objects.filter(cohort_id=cohort_id)
        .select_related("cohort__course")
        .first()
    )
    if certificate is None:
        return None
    return course_badge_png(course=certificate.cohort.course)


def issuer_image_png() -> bytes:
    """The platform's image as an issuer: its initials on a plain disc."""
    return badges.badge_draw(text="SR", colour=ISSUER_COLOUR, ribbon=False)


def certificate_badge_bake(*, certificate: Certificate, user) -> bytes:
    """The course badge with the certificate's signed credential baked in
    (Open Badges 3.0 PNG baking), for its holder only.

    Changes nothing. Raises NotHolderError for anyone but the holder.
    """
    if not user.is_authenticated or certificate.holder_id != user.pk:
        raise NotHolderError()
    png = course_badge_png(course=certificate.cohort.course)
    return badges.png_bake(png, json.dumps(certificate.credential, ensure_ascii=False))
