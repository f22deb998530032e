from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from courses.localization import LocalizedPageMixin
from courses.routing import PathRouteMixin, RouteAncestorsMixin


class HomePage(LocalizedPageMixin, PathRouteMixin, RouteAncestorsMixin, Page):
    """The site root: introduces the academy and links to courses and cohorts."""

    intro = models.CharField(_("intro"), max_length=255, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import home_sections

        context = super().get_context(request, *args, **kwargs)
        context["home"] = home_sections()
        return context

    class Meta:
        verbose_name = _("home page")


class StandardPage(LocalizedPageMixin, RouteAncestorsMixin, Page):
    """A plain editorial page (about, privacy, terms)."""

    intro = models.CharField(_("intro"), max_length=255, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


# English here; the footer shows it in the reader's language (template).
FOOTER_TEXT_DEFAULT = (
    "Joint training of IP professionals by Belt and Road partner offices."
)


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    footer_text = models.CharField(
        _("footer text"),
        max_length=255,
        blank=True,
        default=FOOTER_TEXT_DEFAULT,
    )
    contact_email = models.EmailField(_("contact email"), blank=True)

    class Meta:
        verbose_name = _("site settings")

    @property
    def footer_text_own(self) -> str:
        """The site's own footer text; "" while it is still the built-in
        tagline, which the footer then shows translated."""
        return "" if self.footer_text == FOOTER_TEXT_DEFAULT else self.footer_text
