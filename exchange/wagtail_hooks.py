from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cohorts.hub import HUB_HOOK, HubFigure, HubLink, HubSection


@hooks.register("register_admin_urls")
def register_moderation_urls():
    from exchange import admin_views

    return [
        path(
            "exchange/moderation/",
            admin_views.ModerationQueueView.as_view(),
            name="exchange_moderation",
        ),
        path(
            "exchange/moderation/posts/<int:pk>/<str:decision>/",
            admin_views.moderation_decide,
            name="exchange_moderation_decide",
        ),
        path(
            "exchange/moderation/authors/<int:pk>/<str:kind>/",
            admin_views.moderation_restrict,
            name="exchange_moderation_restrict",
        ),
        path(
            "exchange/moderation/restrictions/<int:pk>/lift/",
            admin_views.moderation_lift,
            name="exchange_moderation_lift",
        ),
    ]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        from exchange.selectors import cohort_list_for_moderator

        return cohort_list_for_moderator(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        _("Discussion moderation"),
        reverse("exchange_moderation"),
        name="discussion-moderation",
        icon_name="warning",
        order=320,
    )


@hooks.register(HUB_HOOK)
def discussions_hub_section(request, cohort):
    from exchange.selectors import member_access, report_queue_for_moderator

    access = member_access(request.user, cohort)
    if not access.member:
        return None
    section = HubSection(
        heading=_("Discussions"),
        order=150,
        links=[
            HubLink(
                _("Open the cohort's discussions"),
                reverse("exchange:cohort", args=[cohort.slug]),
            )
        ],
    )
    if access.moderates:
        waiting = report_queue_for_moderator(request.user, cohort).count()
        section.figures.append(HubFigure(_("Posts to review"), waiting))
        section.links.insert(
            0,
            HubLink(
                _("Moderation queue"),
                reverse("exchange_moderation") + f"?cohort={cohort.pk}",
                primary=bool(waiting),
            ),
        )
    return section
