"""Translating pages in the admin: wagtail-localize's views, narrowed to the
pages the user may edit, and submitting a translation for review.

The two wagtail-localize views below check only its `submit_translation`
permission; ours (registered at the same admin paths, ahead of them) also
require that the user may edit the page (`user_can_translate`). A refusal
raises PermissionDenied, which the admin turns into a redirect to the dashboard
with "Sorry, you do not have permission to access this area."
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

from courses import services
from courses.exceptions import TranslationSubmitError
from courses.permissions import user_can_translate


class TranslatePageView(SubmitPageTranslationView):
    """The "Translate this page" form, for pages the user may edit only."""

    def get_object(self):
        page = super().get_object()
        if not user_can_translate(self.request.user, page):
            raise PermissionDenied
        return page


class SyncTranslationsView(UpdateTranslationsView):
    """The "Sync translated pages" form, for source pages the user may edit only."""

    def get_object(self):
        source = super().get_object()
        instance = source.get_source_instance()
        if isinstance(instance, Page) and not user_can_translate(
            self.request.user, instance
        ):
            raise PermissionDenied
        return source


@require_POST
def translation_submit(request, page_id):
    page = get_object_or_404(Page, pk=page_id)
    back = redirect("wagtailadmin_pages:edit", page.pk)
    try:
        state = services.page_translation_submit(user=request.user, page=page)
    except TranslationSubmitError as error:
        messages.error(request, error.message)
        return back
    messages.success(
        request,
        _("The translation “%(page)s” was submitted to %(workflow)s.")
        % {"page": page.get_admin_display_title(), "workflow": state.workflow.name},
    )
    return back
