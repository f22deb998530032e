"""Coordinator views in the Wagtail admin: applications, decisions, rosters.

Every view looks the cohort up among those the user's offices take part in
(404 otherwise); what a row shows depends on the office the record belongs to.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin.views import generic

from cohorts.exceptions import CohortStateError, EnrolmentError
from cohorts.forms import RosterImportForm
from cohorts.models import Enrolment, Office
from cohorts.selectors.cohorts import cohort_admitted_count, cohort_seats_by_office
from cohorts.selectors.enrolments import (
    enrolment_list_for_cohort,
    roster_rows_for_user,
)
from cohorts.selectors.scoping import (
    cohort_get_for_coordinator,
    office_ids_for_user,
    user_leads_cohort,
)
from cohorts.services.api_tokens import office_api_token_create
from cohorts.services.enrolments import DECISIONS, enrolment_decision_undo
from cohorts.services.roster_import import roster_import
from cohorts.views.imports import ImportFlow, import_flow_view
from training.exports import export_response

ACTION_LABELS = {
    "nominate": gettext_lazy("Nominate"),
    "waitlist": gettext_lazy("Wait-list"),
    "reject": gettext_lazy("Reject"),
    "admit": gettext_lazy("Admit"),
    "decline": gettext_lazy("Decline"),
    "withdraw": gettext_lazy("Record withdrawal"),
}

# Decisions asked for twice: a confirmation page first, with an optional reason.
CONFIRMED_ACTIONS = ("reject", "decline")


def _require_coordinator(request):
    if not (request.user.is_superuser or office_ids_for_user(request.user)):
        raise PermissionDenied


def _filters(request, cohort):
    status = request.GET.get("status", "")
    if status not in Enrolment.Status.values:
        status = ""
    try:
        office_id = int(request.GET.get("office") or 0) or None
    except ValueError:
        office_id = None
    return status, office_id


def _available_actions(user, cohort) -> list[tuple[str, str]]:
    mine = (
        None
        if user.is_superuser
        else office_ids_for_user(user)
        & set(cohort.participations.values_list("office_id", flat=True))
    )
    actions = []
    if mine is None or mine:
        actions += ["nominate", "waitlist", "reject"]
    if user_leads_cohort(user, cohort):
        actions += ["admit", "decline"]
    if actions:
        actions.append("withdraw")
    return [(a, ACTION_LABELS[a]) for a in actions]


@require_http_methods(["GET", "POST"])
def applications(request, pk):
    """List a cohort's applications with filters; POST applies a bulk decision."""
    _require_coordinator(request)
    cohort = cohort_get_for_coordinator(request.user, pk=pk)
    actions = _available_actions(request.user, cohort)
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in dict(actions):
            messages.error(request, _("Choose a decision you may take."))
            return redirect(request.get_full_path())
        ids = request.POST.getlist("enrolment")
        chosen = Enrolment.objects.filter(cohort=cohort, pk__in=ids).order_by(
            "created_at"
        )
        if not chosen:
            messages.error(request, _("Select at least one application."))
            return redirect(request.get_full_path())
        if action in CONFIRMED_ACTIONS and not request.POST.get("confirm"):
            return _confirm_decision(request, cohort, action, chosen)
        _decide(request, action, chosen, reason=request.POST.get("reason", ""))
        return redirect(request.get_full_path())

    status, office_id = _filters(request, cohort)
    rows = roster_rows_for_user(
        request.user,
        cohort,
        enrolment_list_for_cohort(cohort, status=status, office_id=office_id),
    )
    return render(
        request,
        "cohorts/admin/applications.html",
        {
            "cohort": cohort,
            "rows": rows,
            "actions": actions,
            "statuses": Enrolment.Status.choices,
            "offices": Office.objects.filter(participations__cohort=cohort),
            "status": status,
            "office_id": office_id,
            "seats": cohort_seats_by_office(cohort),
            "admitted": cohort_admitted_count(cohort),
            "query": request.GET.urlencode(),
            "page_title": _("Applications"),
            "header_icon": "group",
        },
    )


def _decide(request, action, chosen, *, reason: str) -> None:
    """Apply `action` to each chosen application, one message per outcome."""
    extra = {"reason": reason} if action in CONFIRMED_ACTIONS else {}
    done = 0
    for enrolment in chosen:
        try:
            DECISIONS[action](enrolment=enrolment, by=request.user, **extra)
            done += 1
        except CohortStateError as exc:
            # The whole cohort is closed: one message, not one per row.
            messages.error(request, exc.message)
            break
        except EnrolmentError as exc:
            messages.error(request, f"{enrolment.user}: {exc.message}")
    if done:
        messages.success(
            request,
            _("%(action)s: %(n)s application(s) updated.")
            % {"action": ACTION_LABELS[action], "n": done},
        )


def _confirm_decision(request, cohort, action, chosen):
    """The page that asks before a rejection or decline; it writes nothing."""
    return render(
        request,
        "cohorts/admin/decision_confirm.html",
        {
            "cohort": cohort,
            "action": action,
            "action_label": ACTION_LABELS[action],
            "enrolments": chosen.select_related("user"),
            "back": request.get_full_path(),
            "page_title": _("Confirm: %(action)s") % {"action": ACTION_LABELS[action]},
            "header_icon": "warning",
        },
    )


@require_POST
def decision_undo(request, pk, enrolment_pk):
    """Take back a rejection or decline, then return to the applications."""
    _require_coordinator(request)
    cohort = cohort_get_for_coordinator(request.user, pk=pk)
    enrolment = get_object_or_404(Enrolment, cohort=cohort, pk=enrolment_pk)
    try:
        enrolment_decision_undo(enrolment=enrolment, by=request.user)
    except EnrolmentError as exc:
        messages.error(request, f"{enrolment.user}: {exc.message}")
    else:
        messages.success(
            request,
            _("%(name)s: decision undone.")
            % {"name": enrolment.user.get_full_name() or enrolment.user},
        )
    return redirect(reverse("cohort_admin:applications", args=[cohort.pk]))


def _roster_table(request, pk):
    _require_coordinator(request)
    cohort = cohort_get_for_coordinator(request.user, pk=pk)
    status, office_id = _filters(request, cohort)
    rows = roster_rows_for_user(
        request.user,
        cohort,
        enrolment_list_for_cohort(cohort, status=status, office_id=office_id),
    )
    header = [
        _("Name"),
        _("Name in own script"),
        _("Office"),
        _("Status"),
        _("Completion"),
        _("Email"),
        _("Employer"),
        _("Position"),
        _("Motivation"),
    ]
    table = []
    for row in rows:
        e = row.enrolment
        base = [
            e.user.get_full_name(),
            e.user.native_name,
            e.office.short_code.upper(),
            e.get_status_display(),
            e.get_completion_display(),
        ]
        details = (
            [e.user.email, e.employer, e.position, e.motivation]
            if row.details_visible
            else ["", "", "", ""]
        )
        table.append([str(v) for v in base + details])
    return cohort, [str(h) for h in header], table


def _roster_export(request, pk, fmt):
    cohort, header, table = _roster_table(request, pk)
    return export_response(
        fmt=fmt,
        filename=f"{cohort.slug}-roster",
        header=header,
        rows=table,
        title=_("Roster"),
    )


def roster_export_csv(request, pk):
    return _roster_export(request, pk, "csv")


def roster_export_xlsx(request, pk):
    return _roster_export(request, pk, "xlsx")


@require_http_methods(["GET", "POST"])
def roster_import_view(request, pk):
    """Upload a CSV roster, see each row's outcome, then confirm to nominate."""
    _require_coordinator(request)
    cohort = cohort_get_for_coordinator(request.user, pk=pk)

    def done(result):
        messages.success(
            request,
            _("%(n)s trainee(s) nominated from the file.") % {"n": result.to_add},
        )
        return reverse("cohort_admin:applications", args=[cohort.pk])

    return import_flow_view(
        request,
        ImportFlow(
            kind="roster",
            scope=f"cohort-{cohort.pk}",
            run=lambda data, dry_run: roster_import(
                cohort=cohort, by=request.user, data=data, dry_run=dry_run
            ),
            form_class=RosterImportForm,
            template="cohorts/admin/import.html",
            render=render,
            done=done,
            context={
                "cohort": cohort,
                "page_title": _("Add trainees from a CSV file"),
                "header_icon": "upload",
            },
        ),
    )


class OfficeApiTokenCreateView(generic.CreateView):
    """Create a token and show it once; only its hash is stored."""

    def save_instance(self):
        data = self.form.cleaned_data
        record, token = office_api_token_create(
            office=data["office"], name=data["name"]
        )
        self.new_token = token
        return record

    def form_valid(self, form):
        self.form = form
        self.object = self.save_instance()
        return render(
            self.request,
            "cohorts/admin/token_created.html",
            {
                "token": self.new_token,
                "record": self.object,
                "page_title": _("Token created"),
                "header_icon": "key",
            },
        )
