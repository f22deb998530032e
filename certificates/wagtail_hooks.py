from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Certificate
from .viewsets import certificate_permission_policy, certificate_viewset

register_permission_policy(Certificate, certificate_permission_policy, exact_class=True)


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return certificate_viewset
