"""The survey builder's form in the Wagtail admin."""

from wagtail.admin.forms import WagtailAdminModelForm

from cohorts.selectors.scoping import cohort_list_for_coordinator


class SurveyAdminForm(WagtailAdminModelForm):
    """Coordinators pick only the cohorts their office takes part in."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        field = self.fields.get("cohort")
        if field is not None and for_user is not None:
            field.queryset = cohort_list_for_coordinator(for_user)
