"""HTML to PDF: the one renderer behind certificates and training records.

WeasyPrint with the Noto fonts the templates name (Debian fonts-noto-core and
fonts-noto-cjk), so Latin, Cyrillic, Arabic, Hebrew and Chinese all print.
"""


def pdf_from_html(html: str) -> bytes:
    """The PDF bytes of one HTML document (pure: no ORM, no storage)."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf()
