from wagtail import hooks
from wagtail.permissions import register_permission_policy

from cohorts.models import Cohort
from cohorts.permissions import CohortPermissionPolicy
from cohorts.viewsets import CohortsViewSetGroup

register_permission_policy(Cohort, CohortPermissionPolicy(Cohort))


@hooks.register("register_admin_viewset")
def register_cohorts_viewsets():
    return CohortsViewSetGroup()
