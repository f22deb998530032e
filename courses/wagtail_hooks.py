from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses.models import Treaty


class TreatyViewSet(SnippetViewSet):
    model = Treaty
    icon = "doc-full"
    menu_label = _("Treaties")
    list_display = ["short_name", "name", "administered_by"]
    search_fields = ["name", "short_name"]
    ordering = ["sort_order", "short_name"]


register_snippet(TreatyViewSet)
