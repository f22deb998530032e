"""The IP regimes knowledge base: treaties and one page per jurisdiction."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from accounts import roles
from courses.blocks import SourceStreamBlock
from courses.localization import LocalizedPageMixin
from courses.routing import RouteAncestorsMixin

from .facts import NOT_VERIFIED, SourcedFact


class Treaty(index.Indexed, models.Model):
    """An international IP treaty or agreement, compared across jurisdictions."""

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=60)
    slug = models.SlugField(_("slug"), unique=True)
    administered_by = models.CharField(_("administered by"), max_length=120, blank=True)
    url = models.URLField(_("official page"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("slug"),
        FieldPanel("administered_by"),
        FieldPanel("url"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("short_name"),
    ]

    class Meta:
        ordering = ["sort_order", "short_name"]
        verbose_name = _("treaty")
        verbose_name_plural = _("treaties")

    def __str__(self):
        return self.short_name


class JurisdictionIndexPage(
    LocalizedPageMixin, RouteAncestorsMixin, RoutablePageMixin, Page
):
    """The list of IP regimes, with the comparison view at compare/."""

    intro = models.TextField(_("intro"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.JurisdictionPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("IP regimes index")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import jurisdiction_list

        context = super().get_context(request, *args, **kwargs)
        context["jurisdictions"] = jurisdiction_list(index=self)
        return context

    @path("compare/", name="compare")
    def compare(self, request):
        from courses.forms import CompareForm
        from courses.selectors import jurisdiction_comparison, jurisdiction_list

        jurisdictions = list(jurisdiction_list(index=self))
        form = CompareForm(request.GET or None, jurisdictions=jurisdictions)
        comparison = None
        if form.is_valid():
            comparison = jurisdiction_comparison(slugs=form.cleaned_data["j"])
        response = self.render(
            request,
            context_overrides={"form": form, "comparison": comparison},
            template="courses/jurisdiction_compare.html",
        )
        if form.is_bound and not form.is_valid():
            response.status_code = 400
        return response


class JurisdictionPage(LocalizedPageMixin, RouteAncestorsMixin, Page):
    """One country or regional system: its IP office, treaties and rules."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country")
        REGIONAL = "regional", _("Regional system")

    class GIProtection(models.TextChoices):
        SUI_GENERIS = "sui_generis", _("Sui generis system")
        TRADEMARKS = "trademarks", _("Trademarks (collective/certification marks)")
        BOTH = "both", _("Both sui generis and trademarks")
        NOT_VERIFIED = NOT_VERIFIED, _("Not yet verified")

    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.COUNTRY
    )
    summary = models.TextField(_("summary"), blank=True)
    ip_office = models.CharField(_("IP office"), max_length=255, blank=True)
    ip_office_url = models.URLField(_("IP office website"), blank=True)
    official_languages = models.CharField(
        _("official languages of procedure"), max_length=255, blank=True
    )
    pph_partners = models.TextField(
        _("PPH partners"),
        blank=True,
        help_text=_("Offices with a patent prosecution highway with this office."),
    )
    gi_protection = models.CharField(
        _("geographical indications protected by"),
        max_length=20,
        choices=GIProtection.choices,
        default=GIProtection.NOT_VERIFIED,
    )
    gi_notes = models.TextField(_("geographical indications: notes"), blank=True)
    tk_gr_protection = models.TextField(
        _("traditional knowledge and genetic resources"), blank=True
    )
    patent_term = models.CharField(_("patent term"), max_length=255, blank=True)
    utility_model_term = models.CharField(
        _("utility model term"), max_length=255, blank=True
    )
    design_term = models.CharField(
        _("industrial design term"), max_length=255, blank=True
    )
    trademark_term = models.CharField(_("trademark term"), max_length=255, blank=True)
    copyright_term = models.CharField(_("copyright term"), max_length=255, blank=True)
    body = RichTextField(_("notes"), blank=True)
    sources = StreamField(
        SourceStreamBlock(), verbose_name=_("sources"), blank=True, default=list
    )
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"groups__name": roles.KNOWLEDGE_BASE_REVIEWERS},
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("ip_office"),
                FieldPanel("ip_office_url"),
                FieldPanel("official_languages"),
            ],
            heading=_("Office"),
        ),
        InlinePanel(
            "treaty_memberships", heading=_("Treaty memberships"), label=_("treaty")
        ),
        InlinePanel(
            "pph_partnerships", heading=_("PPH partnerships"), label=_("partnership")
        ),
        FieldPanel("pph_partners"),
        MultiFieldPanel(
            [FieldPanel("gi_protection"), FieldPanel("gi_notes")],
            heading=_("Geographical indications"),
        ),
        FieldPanel("tk_gr_protection"),
        MultiFieldPanel(
            [
                FieldPanel("patent_term"),
                FieldPanel("utility_model_term"),
                FieldPanel("design_term"),
                FieldPanel("trademark_term"),
                FieldPanel("copyright_term"),
            ],
            heading=_("Terms of protection"),
        ),
        FieldPanel("body"),
        FieldPanel("sources"),
        InlinePanel(
            "field_sources", heading=_("Sources of the fields"), label=_("source")
        ),
        MultiFieldPanel(
            [FieldPanel("last_reviewed_on"), FieldPanel("last_reviewed_by")],
            heading=_("Review"),
        ),
        InlinePanel(
            "corrections", heading=_("Corrections (public)"), label=_("correction")
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("ip_office"),
        index.SearchField("pph_partners"),
        index.SearchField("gi_notes"),
        index.SearchField("tk_gr_protection"),
        index.SearchField("body"),
    ]
    parent_page_types = ["courses.JurisdictionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("jurisdiction")
        permissions = [
            ("review_jurisdiction", _("Can review the IP regimes knowledge base"))
        ]

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import jurisdiction_comparison, jurisdiction_corrections

        context = super().get_context(request, *args, **kwargs)
        comparison = jurisdiction_comparison(slugs=[self.slug])
        context["comparison"] = comparison
        context["facts_page"] = (
            comparison.jurisdictions[0].facts_page if comparison.jurisdictions else self
        )
        context["corrections"] = jurisdiction_corrections(self)
        return context


class TreatyMembership(Orderable, SourcedFact):
    """Whether a jurisdiction is party to a treaty, since when, and the source."""

    class State(models.TextChoices):
        MEMBER = "member", _("Party")
        SIGNATORY = "signatory", _("Signed, not ratified")
        NOT_MEMBER = "not_member", _("Not a party")
        SUSPENDED = "suspended", _("Suspended")
        NOT_APPLICABLE = "n_a", _("Not applicable")
        NOT_VERIFIED = NOT_VERIFIED, _("Not yet verified")

    jurisdiction = ParentalKey(
        JurisdictionPage, on_delete=models.CASCADE, related_name="treaty_memberships"
    )
    treaty = models.ForeignKey(
        Treaty,
        verbose_name=_("treaty"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=NOT_VERIFIED
    )
    year = models.PositiveSmallIntegerField(_("in force since"), null=True, blank=True)
    effective_date = models.DateField(
        _("in force since (exact date)"),
        null=True,
        blank=True,
        help_text=_("Where the exact date is known; otherwise give the year."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [
        FieldPanel("treaty"),
        FieldPanel("state"),
        FieldPanel("year"),
        FieldPanel("effective_date"),
        FieldPanel("note"),
        *SourcedFact.source_panels,
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("treaty membership")
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "treaty"], name="unique_treaty_membership"
            )
        ]

    def __str__(self):
        return f"{self.treaty} ({self.get_state_display()})"

    @property
    def fact_label(self) -> str:
        return str(self.treaty)
