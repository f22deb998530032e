"""What the knowledge base reviewers have to look at again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts import roles
from courses.localization import default_locale_id
from courses.models import (
    FieldSource,
    JurisdictionPage,
    PPHPartnership,
    TreatyMembership,
)
from courses.models.facts import stale_before


@dataclass
class ReviewItem:
    jurisdiction: JurisdictionPage
    fact: str  # what to check: a treaty, a PPH partner, a field, or the page
    state: str
    checked_on: date | None

    @property
    def what(self) -> str:
        return self.fact or _("The page: never reviewed")


def knowledge_base_review_due(*, today: date | None = None) -> list[ReviewItem]:
    """Facts whose source was never checked or not for 12 months, and
    jurisdictions never reviewed, by jurisdiction title.

    Only source-locale pages: translations share their source's facts. Four
    queries whatever the number of facts.
    """
    default = default_locale_id()
    pages = JurisdictionPage.objects.filter(locale_id=default)
    due = Q(checked_on__isnull=True) | Q(checked_on__lt=stale_before(today))
    items = [
        ReviewItem(page, "", "", None)
        for page in pages.filter(last_reviewed_on__isnull=True)
    ]
    for model, related in (
        (TreatyMembership, ("jurisdiction", "treaty")),
        (PPHPartnership, ("jurisdiction",)),
        (FieldSource, ("jurisdiction",)),
    ):
        for fact in model.objects.filter(due, jurisdiction__in=pages).select_related(
            *related
        ):
            items.append(
                ReviewItem(
                    fact.jurisdiction,
                    str(fact.fact_label),
                    fact.get_state_display(),
                    fact.checked_on,
                )
            )
    items.sort(
        key=lambda item: (
            item.jurisdiction.title.lower(),
            bool(item.fact),
            item.checked_on or date.min,
        )
    )
    return items


def knowledge_base_reviewer_list():
    """Active members of the knowledge base reviewers group, by email."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.KNOWLEDGE_BASE_REVIEWERS)
        .distinct()
        .order_by("email")
    )
