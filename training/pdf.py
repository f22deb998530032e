"""HTML to PDF: the one renderer behind certificates and training records.

WeasyPrint with the Noto fonts the templates name (Debian fonts-noto-core and
fonts-noto-cjk), so Latin, Cyrillic, Arabic, Hebrew and Chinese all print.
"""

from functools import cache


@cache
def _font_config():
    """One Fontconfig set-up per process, made on first use (so after a worker
    forks): loading it costs every render otherwise, and Pango keeps the fonts
    it has opened in its font map for the next document."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def pdf_from_html(html: str) -> bytes:
    """The PDF bytes of one HTML document (pure: no ORM, no storage)."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf(font_config=_font_config())
