"""The Wagtail user admin, with superusers' accounts kept for superusers."""

from django.core.exceptions import PermissionDenied
from wagtail.users.views import users


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
