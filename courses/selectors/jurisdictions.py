"""Jurisdiction lists and the side-by-side comparison of IP regimes."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from courses.localization import in_active_locale, source_page
from courses.models import (
    JurisdictionIndexPage,
    JurisdictionPage,
    Treaty,
    TreatyMembership,
)


def jurisdiction_list(*, index: JurisdictionIndexPage | None = None, public=True):
    """Live jurisdiction pages in the active language (source where untranslated),
    by title; only unrestricted ones when `public`."""
    qs = in_active_locale(JurisdictionPage.objects.live()).order_by("title")
    if public:
        qs = qs.public()
    if index is not None:
        source = source_page(index)
        qs = qs.filter(
            Q(path__startswith=index.path) | Q(path__startswith=source.path),
            depth=index.depth + 1,
        )
    return qs


# Rows of the comparison table: (label, attribute on JurisdictionPage).
COMPARISON_FIELDS = [
    (_("Kind"), "get_kind_display"),
    (_("IP office"), "ip_office"),
    (_("Official languages of procedure"), "official_languages"),
    (_("PPH partners"), "pph_partners"),
    (_("Geographical indications protected by"), "get_gi_protection_display"),
    (_("Geographical indications: notes"), "gi_notes"),
    (_("Traditional knowledge and genetic resources"), "tk_gr_protection"),
    (_("Patent term"), "patent_term"),
    (_("Utility model term"), "utility_model_term"),
    (_("Industrial design term"), "design_term"),
    (_("Trademark term"), "trademark_term"),
    (_("Copyright term"), "copyright_term"),
]


@dataclass
class ComparisonRow:
    label: str
    cells: list  # str for fields; TreatyMembership or None for treaties
    is_treaty: bool = False
    treaty: Treaty | None = None


@dataclass
class Comparison:
    jurisdictions: list[JurisdictionPage]
    rows: list[ComparisonRow]
    treaty_rows: list[ComparisonRow]
    missing: list[str]


def jurisdiction_comparison(*, slugs: list[str]) -> Comparison:
    """Structured fields of the jurisdictions with `slugs`, side by side.

    Keeps the order of `slugs`; unknown or unpublished slugs are listed in
    `missing`. Treaty rows are the treaties any of them has a membership
    record for (no record reads "unknown"). Two queries whatever the number
    of jurisdictions.
    """
    pages = {
        page.slug: page
        for page in in_active_locale(JurisdictionPage.objects.live())
        .filter(slug__in=slugs)
        .prefetch_related(
            Prefetch(
                "treaty_memberships",
                queryset=TreatyMembership.objects.select_related("treaty"),
            )
        )
    }
    jurisdictions = [pages[slug] for slug in slugs if slug in pages]
    missing = [slug for slug in slugs if slug not in pages]
    rows = []
    for label, attribute in COMPARISON_FIELDS:
        cells = []
        for page in jurisdictions:
            value = getattr(page, attribute)
            cells.append(value() if callable(value) else value)
        rows.append(ComparisonRow(label=label, cells=cells))
    treaties = {
        membership.treaty_id: membership.treaty
        for page in jurisdictions
        for membership in page.treaty_memberships.all()
    }
    treaty_rows = []
    for treaty in sorted(
        treaties.values(), key=lambda t: (t.sort_order, t.short_name.lower())
    ):
        cells = []
        for page in jurisdictions:
            membership = next(
                (m for m in page.treaty_memberships.all() if m.treaty_id == treaty.pk),
                None,
            )
            cells.append(membership)
        treaty_rows.append(
            ComparisonRow(
                label=treaty.short_name, cells=cells, is_treaty=True, treaty=treaty
            )
        )
    return Comparison(
        jurisdictions=jurisdictions, rows=rows, treaty_rows=treaty_rows, missing=missing
    )
