from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_localize import wagtail_hooks as localize_hooks

from courses import admin_views, reports
from courses.models import Treaty
from courses.permissions import user_can_review_knowledge_base, user_can_translate


class TreatyViewSet(SnippetViewSet):
    model = Treaty
    icon = "doc-full"
    menu_label = _("Treaties")
    list_display = ["short_name", "name", "administered_by"]
    search_fields = ["name", "short_name"]
    ordering = ["sort_order", "short_name"]


register_snippet(TreatyViewSet)


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path(
            "reports/knowledge-base-review/",
            reports.ReviewDueView.as_view(),
            name="courses_review_due",
        ),
        path(
            "reports/knowledge-base-review/results/",
            reports.ReviewDueView.as_view(results_only=True),
            name="courses_review_due_results",
        ),
    ]


class ReviewDueMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_review_knowledge_base(request.user)


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewDueMenuItem(
        _("Knowledge base review"),
        reverse("courses_review_due"),
        name="knowledge-base-review",
        icon_name="tasks",
        order=1200,
    )


# Ahead of wagtail-localize's own patterns (order=-1), at the same paths, so
# every link to its views reaches ours.
@hooks.register("register_admin_urls", order=-1)
def register_translation_urls():
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            admin_views.TranslatePageView.as_view(),
            name="courses_translation_page",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            admin_views.SyncTranslationsView.as_view(),
            name="courses_translation_sync",
        ),
        path(
            "courses/translations/<int:page_id>/submit/",
            admin_views.translation_submit,
            name="courses_translation_submit",
        ),
    ]


def page_translation_buttons(page, user, *args, **kwargs):
    """wagtail-localize's "Translate this page" and "Sync translated pages",
    shown only on pages the user may translate."""
    if user_can_translate(user, page):
        yield from localize_hooks.page_listing_more_buttons(page, user, *args, **kwargs)


# wagtail-localize offers its buttons on every page to anyone who may translate
# at all; ours stand in for them (Wagtail has no hook to filter them).
for hook_name in ("register_page_header_buttons", "register_page_listing_more_buttons"):
    registered = hooks._hooks.get(hook_name, [])
    registered[:] = [
        (fn, order)
        for fn, order in registered
        if fn is not localize_hooks.page_listing_more_buttons
    ]
    hooks.register(hook_name, page_translation_buttons)
