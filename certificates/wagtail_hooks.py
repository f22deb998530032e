from urllib.parse import urlencode

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from cohorts.hub import (
    DASHBOARD_HOOK,
    HUB_HOOK,
    REPORT_CERTIFICATES_HOOK,
    HubAction,
    HubFigure,
    HubLink,
    HubSection,
)

from .models import Certificate
from .viewsets import certificate_permission_policy, certificate_viewset

register_permission_policy(Certificate, certificate_permission_policy, exact_class=True)


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return certificate_viewset


@hooks.register("register_admin_urls")
def register_office_key_urls():
    from .views import keys

    return [
        path("office-keys/", keys.office_keys, name="certificates_office_keys"),
        path(
            "office-keys/<slug:code>/",
            keys.office_key_register,
            name="certificates_office_key_register",
        ),
        path(
            "office-keys/<slug:code>/keys/",
            keys.office_key_detail,
            name="certificates_office_key_detail",
        ),
        path(
            "office-keys/<slug:code>/keys/<str:fragment>/withdraw/",
            keys.office_key_withdraw,
            name="certificates_office_key_withdraw",
        ),
        path(
            "office-keys/<slug:code>/did.json",
            keys.office_own_did_document,
            name="certificates_office_own_did_document",
        ),
        path(
            "office-keys/<slug:code>/did-configuration.json",
            keys.office_did_configuration,
            name="certificates_office_did_configuration",
        ),
    ]


class OfficeKeysMenuItem(MenuItem):
    def is_shown(self, request):
        from .views.keys import can_manage_office_keys

        return can_manage_office_keys(request.user)


@hooks.register("register_settings_menu_item")
def register_office_keys_menu_item():
    return OfficeKeysMenuItem(
        _("Office signing keys"),
        reverse("certificates_office_keys"),
        name="office-signing-keys",
        icon_name="key",
        order=900,
    )


# ---- the staff workspace: a section of the cohort hub, dashboard actions ----


@hooks.register(HUB_HOOK)
def certificates_hub_section(request, cohort):
    from cohorts.selectors.scoping import office_ids_for_user, user_leads_cohort

    from .selectors import cohort_certificate_counts, cohort_cosigning_status

    user = request.user
    leads = user_leads_cohort(user, cohort)
    status = cohort_cosigning_status(cohort)
    mine = office_ids_for_user(user)
    counts = cohort_certificate_counts(cohort)
    section = HubSection(
        heading=_("Certificates and co-signing"),
        order=200,
        figures=[
            HubFigure(_("Certificates issued"), counts["issued"]),
            HubFigure(_("Revoked"), counts["revoked"]),
            *[
                HubFigure(
                    office.name,
                    approval.get_status_display() if approval else _("Not approved"),
                )
                for office, approval in status
            ],
        ],
    )
    if leads:
        section.links += [
            HubLink(
                _("Issue certificates for all completed trainees"),
                reverse("certificates:cohort_issue", args=[cohort.slug]),
                post=True,
                primary=True,
            ),
            HubLink(
                _("Download all PDFs (ZIP)"),
                reverse("certificates:cohort_zip", args=[cohort.slug]),
            ),
            HubLink(
                _("Certificates"),
                reverse("certificates_admin:index")
                + "?"
                + urlencode({"q": cohort.title}),
            ),
        ]
    # The endorsements page admits coordinators of a taking-part office.
    if user.is_superuser or mine & {office.pk for office, _approval in status}:
        section.links.append(
            HubLink(
                _("Co-signing (endorsements)"),
                reverse("certificates:cohort_endorsements", args=[cohort.slug]),
            )
        )
    return section


@hooks.register(DASHBOARD_HOOK)
def certificates_dashboard_actions(request, cohorts):
    from .selectors import endorsements_to_approve

    counts = endorsements_to_approve(request.user, [c.pk for c in cohorts])
    return {
        cohort.pk: [
            HubAction(
                ngettext(
                    "%(n)s endorsement to approve",
                    "%(n)s endorsements to approve",
                    counts[cohort.pk],
                )
                % {"n": counts[cohort.pk]},
                counts[cohort.pk],
                reverse("certificates:cohort_endorsements", args=[cohort.slug]),
            )
        ]
        for cohort in cohorts
        if counts.get(cohort.pk)
    }


@hooks.register(REPORT_CERTIFICATES_HOOK)
def certificates_report_counts(enrolment_ids):
    from .selectors import certificate_counts_for_enrolments

    return certificate_counts_for_enrolments(enrolment_ids)
