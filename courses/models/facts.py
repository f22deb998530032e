"""Sourced facts of the IP regimes knowledge base.

Every fact (a treaty membership, a PPH partnership, a checked field of a
jurisdiction page) records its state, its source and the date the source was
last checked, so readers see where it comes from and reviewers see what is due
for another look. Facts are language-neutral: they are read from the source
(default-locale) page whatever the reader's language.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

NOT_VERIFIED = "not_verified"
# A fact whose source has not been checked for this long is due for review.
REVIEW_AFTER = timedelta(days=365)


def stale_before(today: date | None = None) -> date:
    """Facts checked before this date are due for review."""
    return (today or date.today()) - REVIEW_AFTER


class SourcedFact(models.Model):
    """State, source and checked date shared by every fact."""

    source_title = models.CharField(_("source title"), max_length=255, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    checked_on = models.DateField(_("source checked on"), null=True, blank=True)

    source_panels = [
        FieldRowPanel(
            [
                FieldPanel("source_title"),
                FieldPanel("source_url"),
                FieldPanel("checked_on"),
            ],
            heading=_("Source"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def is_verified(self) -> bool:
        return self.state != NOT_VERIFIED

    def clean(self):
        super().clean()
        if self.is_verified and not (self.source_url and self.checked_on):
            raise ValidationError(
                _(
                    "A verified fact needs the URL of its source and the date "
                    "the source was checked; otherwise mark it not yet verified."
                )
            )


class PPHPartnership(Orderable, SourcedFact):
    """A patent prosecution highway between this office and a partner office."""

    class State(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        SUSPENDED = "suspended", _("Suspended")
        NOT_VERIFIED = NOT_VERIFIED, _("Not yet verified")

    jurisdiction = ParentalKey(
        "courses.JurisdictionPage",
        on_delete=models.CASCADE,
        related_name="pph_partnerships",
    )
    partner = models.CharField(_("partner office"), max_length=120)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=NOT_VERIFIED
    )
    effective_date = models.DateField(_("in effect since"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    suspended_on = models.DateField(_("suspended on"), null=True, blank=True)
    suspension_reason = models.CharField(
        _("reason for the suspension"), max_length=255, blank=True
    )

    panels = [
        FieldRowPanel([FieldPanel("partner"), FieldPanel("state")]),
        FieldRowPanel([FieldPanel("effective_date"), FieldPanel("note")]),
        FieldRowPanel(
            [FieldPanel("suspended_on"), FieldPanel("suspension_reason")],
            heading=_("Suspension"),
        ),
        *SourcedFact.source_panels,
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("PPH partnership")
        verbose_name_plural = _("PPH partnerships")

    def __str__(self):
        return f"{self.partner} ({self.get_state_display()})"

    @property
    def fact_label(self) -> str:
        return _("PPH with %(partner)s") % {"partner": self.partner}

    def clean(self):
        super().clean()
        if self.state == self.State.SUSPENDED and not (
            self.suspended_on and self.suspension_reason
        ):
            raise ValidationError(
                _("A suspended partnership needs the date and the reason.")
            )


class FieldSource(Orderable, SourcedFact):
    """The source of one field of a jurisdiction page (office, terms, GIs…)."""

    class Field(models.TextChoices):
        IP_OFFICE = "ip_office", _("IP office")
        OFFICIAL_LANGUAGES = "official_languages", _("Official languages of procedure")
        GI_PROTECTION = "gi_protection", _("Geographical indications protected by")
        GI_NOTES = "gi_notes", _("Geographical indications: notes")
        TK_GR_PROTECTION = (
            "tk_gr_protection",
            _("Traditional knowledge and genetic resources"),
        )
        PATENT_TERM = "patent_term", _("Patent term")
        UTILITY_MODEL_TERM = "utility_model_term", _("Utility model term")
        DESIGN_TERM = "design_term", _("Industrial design term")
        TRADEMARK_TERM = "trademark_term", _("Trademark term")
        COPYRIGHT_TERM = "copyright_term", _("Copyright term")

    class State(models.TextChoices):
        VERIFIED = "verified", _("Verified")
        NOT_VERIFIED = NOT_VERIFIED, _("Not yet verified")

    jurisdiction = ParentalKey(
        "courses.JurisdictionPage",
        on_delete=models.CASCADE,
        related_name="field_sources",
    )
    field = models.CharField(_("field"), max_length=30, choices=Field.choices)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=NOT_VERIFIED
    )

    panels = [
        FieldRowPanel([FieldPanel("field"), FieldPanel("state")]),
        *SourcedFact.source_panels,
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("field source")
        verbose_name_plural = _("field sources")
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "field"], name="unique_field_source"
            )
        ]

    def __str__(self):
        return f"{self.get_field_display()} ({self.get_state_display()})"

    @property
    def fact_label(self) -> str:
        return self.get_field_display()


class JurisdictionCorrection(Orderable):
    """A dated, public note of a correction made to a jurisdiction page."""

    jurisdiction = ParentalKey(
        "courses.JurisdictionPage",
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    corrected_on = models.DateField(_("date"))
    description = models.TextField(_("what was corrected"))

    panels = [FieldPanel("corrected_on"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return f"{self.corrected_on}: {self.description[:60]}"
