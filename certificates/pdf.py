"""Certificate PDF rendering: plain data in, PDF bytes out (no ORM access).

A4 landscape, rendered by WeasyPrint from templates/certificates/pdf/certificate.html
with Noto fonts (Debian fonts-noto-core and fonts-noto-cjk) so Latin, Cyrillic,
Arabic, Hebrew and Chinese names all print. The text is in English plus the lead
office's language (rendered under translation.override, so from the .po files).
"""

import io

import qrcode
import qrcode.image.svg
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from training.pdf import pdf_from_html


def qr_svg(url: str) -> str:
    """An inline SVG QR code (error correction M) for `url`."""
    image = qrcode.make(
        url,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=0,
    )
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]


def certificate_html(data: dict) -> str:
    """The certificate page: English text, and the same text in `second_language`
    (the lead office's language, translated by the .po files) where one is set."""
    second = data.get("second_language") or ""
    with translation.override("en"):
        return render_to_string(
            "certificates/pdf/certificate.html",
            {
                **data,
                "second_language": second,
                "second_dir": "rtl"
                if second and translation.get_language_info(second)["bidi"]
                else "ltr",
                "qr_svg": mark_safe(qr_svg(data["verify_url"])),  # noqa: S308 - our own SVG
            },
        )


def certificate_pdf_render(data: dict) -> bytes:
    """The certificate as PDF bytes (one A4 landscape page)."""
    return pdf_from_html(certificate_html(data))
