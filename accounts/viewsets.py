"""The Wagtail user admin (superusers' accounts kept for superusers), and the
offices' expert and trainer designations."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.users.views import users

from accounts.exceptions import DesignationError
from accounts.models import OfficeDesignation, User
from accounts.permissions import OfficeDesignationPermissionPolicy
from accounts.selectors import office_designation_candidates
from accounts.services.network import office_designation_propose
from cohorts.models import Office
from cohorts.selectors.scoping import office_ids_for_user

designation_policy = OfficeDesignationPermissionPolicy(OfficeDesignation)


class _SuperuserFieldMixin:
    """Only a superuser may make someone a superuser (the "Administrator" box)."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.request.user.is_superuser:
            form.fields.pop("is_superuser", None)
        return form


class UserCreateView(_SuperuserFieldMixin, users.CreateView):
    pass


class UserEditView(_SuperuserFieldMixin, users.EditView):
    def dispatch(self, request, *args, **kwargs):
        # Wagtail checks only the model permission; our policy also keeps a
        # superuser's account (password, email, active state) for superusers.
        if not self.user_has_permission_for_instance("change", self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UserViewSet(users.UserViewSet):
    add_view_class = UserCreateView
    edit_view_class = UserEditView


# ---- offices mark their people as experts or trainers ----


class OfficeDesignationForm(WagtailAdminModelForm):
    """Offices and people limited to the coordinator's own offices."""

    class Meta:
        model = OfficeDesignation
        fields = ["office", "user", "kind"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        offices = Office.objects.order_by("name")
        if for_user is not None and not for_user.is_superuser:
            offices = offices.filter(pk__in=office_ids_for_user(for_user))
        self.fields["office"].queryset = offices
        people = User.objects.none()
        for office in offices:
            people = people | office_designation_candidates(office)
        self.fields["user"].queryset = people.distinct().order_by(
            "last_name", "first_name"
        )
        self.fields["user"].help_text = _(
            "Your office's coordinators and the trainees it nominated. Nothing "
            "shows until the person accepts on their network profile."
        )


class ScopedDesignationMixin:
    """Look designations up among the user's offices' own: else 404."""

    def get_object(self, queryset=None):
        return get_object_or_404(
            designation_policy.instances_user_has_any_permission_for(
                self.request.user, ["view"]
            ),
            pk=unquote(str(self.kwargs["pk"])),
        )


class OfficeDesignationIndexView(generic.IndexView):
    def get_base_queryset(self):
        return designation_policy.instances_user_has_any_permission_for(
            self.request.user, ["view"]
        )


class OfficeDesignationCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return office_designation_propose(
            office=data["office"],
            user=data["user"],
            kind=data["kind"],
            by=self.request.user,
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except DesignationError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)


class OfficeDesignationDeleteView(ScopedDesignationMixin, generic.DeleteView):
    pass


class OfficeDesignationInspectView(ScopedDesignationMixin, generic.InspectView):
    pass


class OfficeDesignationHistoryView(ScopedDesignationMixin, generic.history.HistoryView):
    pass


class OfficeDesignationUsageView(ScopedDesignationMixin, generic.usage.UsageView):
    pass


class OfficeDesignationViewSet(ModelViewSet):
    """Experts and trainers: an office proposes, the person consents."""

    model = OfficeDesignation
    name = "designations"
    icon = "user"
    menu_label = _("Experts and trainers")
    menu_order = 310
    add_to_admin_menu = True
    form_fields = ["office", "user", "kind"]
    list_display = ["user", "office", "kind", "status", "proposed_at"]
    list_filter = ["kind", "status"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "user",
        "office",
        "kind",
        "status",
        "proposed_by",
        "proposed_at",
        "answered_at",
    ]
    copy_view_enabled = False
    index_view_class = OfficeDesignationIndexView
    add_view_class = OfficeDesignationCreateView
    delete_view_class = OfficeDesignationDeleteView
    inspect_view_class = OfficeDesignationInspectView
    history_view_class = OfficeDesignationHistoryView
    usage_view_class = OfficeDesignationUsageView

    def get_form_class(self, for_update=False):
        return OfficeDesignationForm
