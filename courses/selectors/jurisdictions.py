"""Jurisdiction lists and the side-by-side comparison of IP regimes."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from courses.localization import default_locale_id, in_active_locale, source_page
from courses.models import (
    FieldSource,
    JurisdictionCorrection,
    JurisdictionIndexPage,
    JurisdictionPage,
    PPHPartnership,
    Treaty,
    TreatyMembership,
)
from courses.models.facts import NOT_VERIFIED


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


# Rows of the comparison table: (label, attribute on JurisdictionPage, the
# `FieldSource.Field` holding its source or None where the row has no source).
_F = FieldSource.Field
COMPARISON_FIELDS = [
    (_("Kind"), "get_kind_display", None),
    (_F.IP_OFFICE.label, "ip_office", _F.IP_OFFICE),
    (_F.OFFICIAL_LANGUAGES.label, "official_languages", _F.OFFICIAL_LANGUAGES),
    (_("PPH partners"), "pph_partners", None),
    (_F.GI_PROTECTION.label, "get_gi_protection_display", _F.GI_PROTECTION),
    *(
        (source_field.label, source_field.value, source_field)
        for source_field in list(_F)[list(_F).index(_F.GI_NOTES) :]
    ),
]
# The facts of a jurisdiction, prefetched on its source page.
FACT_PREFETCHES = (
    Prefetch(
        "treaty_memberships",
        queryset=TreatyMembership.objects.select_related("treaty"),
    ),
    "pph_partnerships",
    "field_sources",
)


@dataclass
class ComparisonCell:
    value: object
    # Where the value comes from: a FieldSource, or None when the row has no
    # source (kind) or none was recorded (shown as not yet verified).
    fact: FieldSource | None = None
    sourced: bool = False
    partnerships: list[PPHPartnership] = field(default_factory=list)
    facts_page: JurisdictionPage | None = None


@dataclass
class ComparisonRow:
    label: str
    cells: list  # ComparisonCell for fields; TreatyMembership or None for treaties
    is_treaty: bool = False
    treaty: Treaty | None = None


@dataclass
class Comparison:
    jurisdictions: list[JurisdictionPage]
    rows: list[ComparisonRow]
    treaty_rows: list[ComparisonRow]
    missing: list[str]


def jurisdiction_facts_attach(pages: list[JurisdictionPage]) -> None:
    """Set `facts_page` on each of `pages`: its source-locale page, with the
    facts (memberships, PPH partnerships, field sources) and reviewer loaded.

    Facts are language-neutral, so a translated page shows its source's facts
    whatever the state of its translation. Four queries, or five when a page
    is a translation.
    """
    default = default_locale_id()
    translated = {p.translation_key for p in pages if p.locale_id != default}
    sources = {}
    if translated:
        sources = {
            source.translation_key: source
            for source in JurisdictionPage.objects.filter(
                locale_id=default, translation_key__in=translated
            ).select_related("last_reviewed_by")
        }
    for page in pages:
        page.facts_page = sources.get(page.translation_key, page)
    prefetch_related_objects([page.facts_page for page in pages], *FACT_PREFETCHES)


def jurisdiction_comparison(*, slugs: list[str]) -> Comparison:
    """Structured fields of the jurisdictions with `slugs`, side by side.

    Keeps the order of `slugs`; unknown or unpublished slugs are listed in
    `missing`. Facts (treaty memberships, PPH partnerships, the sources of
    fields) come from each page's source-locale page. Treaty rows are the
    treaties any of them has a membership record for (no record reads "not
    yet verified"). Five or six queries whatever the number of jurisdictions.
    """
    pages = {
        page.slug: page
        for page in in_active_locale(JurisdictionPage.objects.live())
        .filter(slug__in=slugs)
        .select_related("last_reviewed_by")
    }
    jurisdictions = [pages[slug] for slug in slugs if slug in pages]
    missing = [slug for slug in slugs if slug not in pages]
    jurisdiction_facts_attach(jurisdictions)
    rows = []
    for label, attribute, source_field in COMPARISON_FIELDS:
        cells = []
        for page in jurisdictions:
            facts = page.facts_page
            value = getattr(page, attribute)
            value = value() if callable(value) else value
            if source_field == _F.GI_PROTECTION and page.gi_protection == NOT_VERIFIED:
                value = ""  # the cell's own mark says so
            cell = ComparisonCell(
                value=value,
                sourced=source_field is not None,
                facts_page=facts,
            )
            if source_field is not None:
                cell.fact = next(
                    (f for f in facts.field_sources.all() if f.field == source_field),
                    None,
                )
            if attribute == "pph_partners":
                cell.partnerships = list(facts.pph_partnerships.all())
            cells.append(cell)
        rows.append(ComparisonRow(label=label, cells=cells))
    treaties = {
        membership.treaty_id: membership.treaty
        for page in jurisdictions
        for membership in page.facts_page.treaty_memberships.all()
    }
    treaty_rows = []
    for treaty in sorted(
        treaties.values(), key=lambda t: (t.sort_order, t.short_name.lower())
    ):
        cells = []
        for page in jurisdictions:
            membership = next(
                (
                    m
                    for m in page.facts_page.treaty_memberships.all()
                    if m.treaty_id == treaty.pk
                ),
                None,
            )
            if membership is not None:
                membership.facts_page = page.facts_page
            cells.append(membership)
        treaty_rows.append(
            ComparisonRow(
                label=treaty.short_name, cells=cells, is_treaty=True, treaty=treaty
            )
        )
    return Comparison(
        jurisdictions=jurisdictions, rows=rows, treaty_rows=treaty_rows, missing=missing
    )


def jurisdiction_corrections(page: JurisdictionPage) -> list[JurisdictionCorrection]:
    """The public change log of `page` (kept on its source page), newest first."""
    return list(
        JurisdictionCorrection.objects.filter(jurisdiction=source_page(page)).order_by(
            "-corrected_on", "-pk"
        )
    )
