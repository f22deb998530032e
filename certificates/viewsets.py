"""Wagtail admin for certificates: a lead-office-scoped list, details, revoke and correct.

Certificates are never created, edited or deleted here: issuing is a service,
and the only changes are revocation and correction (which issues a new one).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem
from wagtail.permission_policies.base import ModelPermissionPolicy

from accounts.permissions import is_platform_admin
from certificates.exceptions import CertificateError
from certificates.forms import CorrectForm, RevokeForm
from certificates.models import Certificate
from certificates.services import certificate_correct, certificate_revoke
from cohorts.selectors.scoping import office_ids_for_user


def _is_platform_admin(user) -> bool:
    return is_platform_admin(user)


def certificate_list_for_admin(user):
    """Certificates of cohorts the user's offices lead (all for platform admins)."""
    qs = Certificate.objects.select_related("cohort", "superseded_by")
    if _is_platform_admin(user):
        return qs
    return qs.filter(cohort__lead_office_id__in=office_ids_for_user(user))


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """Lead-office coordinators and superusers may view and revoke; nobody edits or deletes."""

    def user_has_permission(self, user, action):
        if action != "view" or not user.is_active:
            return False
        return _is_platform_admin(user) or bool(office_ids_for_user(user))

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and (
            certificate_list_for_admin(user).filter(pk=instance.pk).exists()
        )


certificate_permission_policy = CertificatePermissionPolicy(Certificate)


class CertificateIndexView(IndexView):
    def get_base_queryset(self):
        return certificate_list_for_admin(self.request.user)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status in (Certificate.Status.VALID, Certificate.Status.EXPIRED):
            for name, label, icon in [
                ("revoke", _("Revoke"), "cross"),
                ("correct", _("Correct name"), "edit"),
            ]:
                buttons.append(
                    MenuItem(
                        label,
                        url=reverse(f"certificates_admin:{name}", args=(instance.pk,)),
                        icon_name=icon,
                        priority=40,
                    )
                )
        return buttons


class CertificateInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            certificate_list_for_admin(self.request.user), pk=self.pk
        )


def _action_view(request, pk, *, form_class, title, apply):
    if not certificate_permission_policy.user_has_permission(request.user, "view"):
        raise PermissionDenied
    certificate = get_object_or_404(certificate_list_for_admin(request.user), pk=pk)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            message = apply(request, certificate, form.cleaned_data)
        except (CertificateError, ValidationError) as exc:
            messages.error(
                request, getattr(exc, "message", None) or "; ".join(exc.messages)
            )
        else:
            messages.success(request, message)
            return redirect("certificates_admin:index")
    return TemplateResponse(
        request,
        "certificates/admin/action.html",
        {
            "certificate": certificate,
            "form": form,
            "page_title": title,
            "header_title": title,
        },
    )


def revoke_view(request, pk):
    def apply(request, certificate, data):
        certificate_revoke(
            certificate=certificate, reason=data["reason"], by=request.user
        )
        return _("%(code)s revoked.") % {"code": certificate.code}

    return _action_view(
        request, pk, form_class=RevokeForm, title=_("Revoke certificate"), apply=apply
    )


def correct_view(request, pk):
    def apply(request, certificate, data):
        new = certificate_correct(
            certificate=certificate, holder_name=data["holder_name"], by=request.user
        )
        return _("%(old)s is superseded by %(new)s.") % {
            "old": certificate.code,
            "new": new.code,
        }

    return _action_view(
        request, pk, form_class=CorrectForm, title=_("Correct certificate"), apply=apply
    )


class CertificateViewSet(ModelViewSet):
    model = Certificate
    name = "certificates_admin"
    url_prefix = "certificates"
    icon = "doc-full-inverse"
    menu_label = _("Certificates")
    add_to_admin_menu = True
    menu_order = 320
    # A certificate is a record, not content pages or snippets use: indexing
    # its keys would cost every issue and PDF a task and two queries.
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    list_display = [
        "code",
        "holder_name",
        "cohort_title",
        "issued_at",
        "get_status_display",
    ]
    list_filter = ["issued_at"]
    search_fields = ["code", "holder_name", "course_title", "cohort_title"]
    search_backend_name = None
    inspect_view_fields = [
        "code",
        "holder_name",
        "holder_native_name",
        "course_title",
        "cohort_title",
        "start_date",
        "end_date",
        "hours",
        "attendance_rate",
        "final_score",
        "lead_office_name",
        "issued_at",
        "valid_until",
        "revoked_at",
        "revocation_reason",
        "superseded_at",
        "superseded_by",
        "pdf_sha256",
    ]
    form_fields = ["holder_name"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("revoke/<int:pk>/", revoke_view, name="revoke"),
            path("correct/<int:pk>/", correct_view, name="correct"),
        ]


certificate_viewset = CertificateViewSet()
