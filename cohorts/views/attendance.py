"""Sessions and attendance pages: roster, check-in, history, import, export, feeds."""

import zoneinfo
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cohorts import checkin_codes
from cohorts.exceptions import AttendanceError, CheckInError, CohortStateError
from cohorts.forms.attendance import AttendanceImportForm, CheckInForm, RosterForm
from cohorts.ical import sessions_to_ical
from cohorts.models import AttendanceMark, CalendarToken
from cohorts.selectors.attendance import (
    attendance_change_list,
    cohort_get_for_attendance,
    export_rows_for_cohort,
    roster_for_session,
    session_get_for_attendance,
    session_list_for_cohort,
    session_list_for_trainee,
    user_coordinates_cohort,
)
from cohorts.selectors.enrolments import enrolment_assessable_office_ids
from cohorts.services.attendance import (
    attendance_check_in,
    attendance_import_csv,
    attendance_record_bulk,
    calendar_token_get,
    calendar_token_reset,
    session_markable_from,
)
from cohorts.views.imports import ImportFlow, import_flow_view
from training.exports import export_response
from training.ratelimits import retry_after


def _zone(name: str):
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def _render(request, template, context, status=200):
    """Render with dates in the viewer's own time zone."""
    with timezone.override(_zone(request.user.time_zone)):
        return render(request, template, context, status=status)


def _session_context(request, cohort_slug, session_id):
    cohort = cohort_get_for_attendance(request.user, slug=cohort_slug)
    session = session_get_for_attendance(
        request.user, cohort=cohort, session_id=session_id
    )
    session.cohort = cohort
    return cohort, session


# ---- staff pages ----


@login_required
def session_list(request, cohort_slug):
    cohort = cohort_get_for_attendance(request.user, slug=cohort_slug)
    now = timezone.now()
    sessions = [
        (s, now >= session_markable_from(s)) for s in session_list_for_cohort(cohort)
    ]
    return _render(
        request,
        "cohorts/attendance/session_list.html",
        {
            "cohort": cohort,
            "sessions": sessions,
            "is_coordinator": user_coordinates_cohort(request.user, cohort),
            "now": now,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_roster(request, cohort_slug, session_id):
    cohort, session = _session_context(request, cohort_slug, session_id)
    rows = roster_for_session(session)
    markable = timezone.now() >= session_markable_from(session)
    form = RosterForm(
        request.POST or None,
        rows=rows,
        office_ids=enrolment_assessable_office_ids(request.user, cohort),
    )
    if not markable:
        for field in form.fields.values():
            field.disabled = True
    row_errors = {}
    if request.method == "POST" and not markable:
        messages.error(
            request,
            _("This session has not started yet; future sessions cannot be marked."),
        )
    elif request.method == "POST" and form.is_valid():
        try:
            changed = attendance_record_bulk(
                session=session, marks=form.marks(), by=request.user
            )
        except (AttendanceError, CohortStateError) as exc:
            messages.error(request, exc.message)
            row_errors = exc.extra.get("errors", {})
        else:
            messages.success(
                request,
                _("Attendance saved: %(count)s marks changed.")
                % {"count": len(changed)},
            )
            return redirect(request.path)
    return _render(
        request,
        "cohorts/attendance/roster.html",
        {
            "cohort": cohort,
            "session": session,
            "form": form,
            "markable": markable,
            "row_errors": row_errors,
            "statuses": AttendanceMark.Status.choices,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def session_history(request, cohort_slug, session_id):
    cohort, session = _session_context(request, cohort_slug, session_id)
    labels = dict(AttendanceMark.Status.choices)
    changes = [
        (c, labels.get(c.old_status, ""), labels.get(c.new_status, c.new_status))
        for c in attendance_change_list(session=session)[:1000]
    ]
    return _render(
        request,
        "cohorts/attendance/history.html",
        {"cohort": cohort, "session": session, "changes": changes},
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_import(request, cohort_slug, session_id):
    """Upload a session's marks as CSV, see each row's outcome, then confirm."""
    cohort, session = _session_context(request, cohort_slug, session_id)

    def done(result):
        messages.success(
            request,
            _("Imported %(rows)s rows: %(count)s marks changed.")
            % {"rows": len(result.rows), "count": result.changed},
        )
        return reverse("cohorts:session_roster", args=[cohort.slug, session.pk])

    return import_flow_view(
        request,
        ImportFlow(
            kind="attendance",
            scope=f"cohort-{cohort.pk}-session-{session.pk}",
            run=lambda data, dry_run: attendance_import_csv(
                session=session, file=data, by=request.user, dry_run=dry_run
            ),
            form_class=AttendanceImportForm,
            template="cohorts/attendance/import.html",
            render=_render,
            done=done,
            context={"cohort": cohort, "session": session},
        ),
    )


@login_required
def session_checkin_code(request, cohort_slug, session_id):
    """The screen the instructor projects: current code and a QR code to scan."""
    cohort, session = _session_context(request, cohort_slug, session_id)
    now = timezone.now()
    opens = session_markable_from(session)
    is_open = opens <= now <= session.ends_at
    context = {"cohort": cohort, "session": session, "is_open": is_open, "opens": opens}
    if is_open:
        code = checkin_codes.code_for(session.pk, checkin_codes.window_at(now))
        url = request.build_absolute_uri(
            reverse("cohorts:check_in")
            + "?"
            + urlencode({"session": session.pk, "code": code})
        )
        svg = qrcode.make(
            url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12
        ).to_string(encoding="unicode")
        context.update(
            code=code,
            check_in_url=url,
            qr_svg=svg,
            refresh=checkin_codes.seconds_left(now),
        )
    response = _render(request, "cohorts/attendance/checkin_code.html", context)
    response["Cache-Control"] = "no-store"
    return response


# ---- exports and feeds ----


def _export_table(cohort, viewer):
    zone = _zone(cohort.time_zone)
    labels = {value: str(label) for value, label in AttendanceMark.Status.choices}
    header = [
        _("Session"),
        _("Start"),
        _("End"),
        _("Duration (minutes)"),
        _("Time zone"),
        _("Trainee"),
        _("Name in own script"),
        _("Email"),
        _("Office"),
        _("Status"),
        _("Note"),
    ]
    rows = []
    for session, enrolment, mark, expected, details_visible in export_rows_for_cohort(
        cohort, viewer=viewer
    ):
        if mark is not None:
            status = labels[mark.status]
        elif not expected:
            status = _("not expected")
        else:
            status = _("not marked")
        rows.append(
            [
                session.title,
                session.starts_at.astimezone(zone),
                session.ends_at.astimezone(zone),
                int(session.duration.total_seconds() // 60),
                cohort.time_zone,
                enrolment.user.get_full_name(),
                enrolment.user.native_name,
                enrolment.user.email if details_visible else "",
                enrolment.office.short_code,
                status,
                mark.note if mark else "",
            ]
        )
    return header, rows


@login_required
def attendance_export(request, cohort_slug, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    cohort = cohort_get_for_attendance(request.user, slug=cohort_slug)
    if not user_coordinates_cohort(request.user, cohort):
        raise Http404
    header, rows = _export_table(cohort, request.user)
    return export_response(
        fmt=fmt,
        filename=f"attendance-{cohort.slug}",
        header=header,
        rows=rows,
        title=_("Attendance"),
    )


def _ical_response(sessions, *, name):
    body = sessions_to_ical(
        sessions,
        name=name,
        site_url=settings.SITE_URL,
        domain=settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0],
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="sessions.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
def cohort_calendar(request, cohort_slug):
    cohort = cohort_get_for_attendance(request.user, slug=cohort_slug)
    sessions = session_list_for_cohort(cohort).select_related("cohort")
    return _ical_response(sessions, name=cohort.title)


def calendar_feed(request, token):
    """A person's sessions as iCalendar; the secret token is the only credential."""
    feed = CalendarToken.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    sessions = session_list_for_trainee(feed.user)
    return _ical_response(sessions, name=_("Silk Road IP Academy sessions"))


@login_required
@require_http_methods(["GET", "POST"])
def my_calendar(request):
    if request.method == "POST":
        calendar_token_reset(user=request.user)
        messages.success(
            request, _("Your calendar link was replaced; the old link no longer works.")
        )
        return redirect("cohorts:my_calendar")
    token = calendar_token_get(user=request.user)
    feed_url = request.build_absolute_uri(
        reverse("cohorts:calendar_feed", args=[token.token])
    )
    sessions = session_list_for_trainee(request.user).filter(
        ends_at__gte=timezone.now()
    )
    teaching = set(request.user.taught_sessions.values_list("pk", flat=True))
    return _render(
        request,
        "cohorts/attendance/my_calendar.html",
        {
            "feed_url": feed_url,
            "subscribe_links": _calendar_subscribe_links(feed_url),
            "sessions": sessions,
            "teaching": teaching,
        },
    )


def _calendar_subscribe_links(feed_url: str) -> dict[str, str]:
    """One-click subscriptions to the feed: the system calendar (webcal:),
    Google Calendar and Outlook.com, each taking the feed's own address."""
    webcal = "webcal://" + feed_url.split("://", 1)[1]
    return {
        "webcal": webcal,
        "google": "https://calendar.google.com/calendar/r?"
        + urlencode({"cid": webcal}),
        "outlook": "https://outlook.live.com/calendar/0/addfromweb?"
        + urlencode({"url": feed_url, "name": _("Silk Road IP Academy sessions")}),
    }


# ---- trainee check-in ----


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request):
    if request.method == "POST":
        form = CheckInForm(request.POST)
        # Per trainee, so a classroom behind one address can check in together.
        wait = retry_after(
            request, group="cohorts.check_in", rate=settings.ATTENDANCE_CHECKIN_RATE
        )
        if wait:
            form.is_valid()
            form.add_error(None, _("Too many attempts. Wait a minute, then try again."))
            response = _render(
                request, "cohorts/attendance/check_in.html", {"form": form}, status=429
            )
            response["Retry-After"] = str(wait)
            return response
        if form.is_valid():
            try:
                mark = attendance_check_in(
                    user=request.user,
                    code=form.cleaned_data["code"],
                    session_id=form.cleaned_data.get("session"),
                )
            except (CheckInError, CohortStateError) as exc:
                form.add_error("code", exc.message)
            else:
                messages.success(
                    request,
                    _("You are checked in to “%(session)s”: %(status)s.")
                    % {
                        "session": mark.session.title,
                        "status": mark.get_status_display(),
                    },
                )
                return redirect("cohorts:check_in")
        return _render(
            request, "cohorts/attendance/check_in.html", {"form": form}, status=400
        )
    initial = {}
    if request.GET.get("code"):
        initial["code"] = request.GET["code"][:12]
    if request.GET.get("session", "").isdigit():
        initial["session"] = int(request.GET["session"])
    form = CheckInForm(initial=initial)
    return _render(request, "cohorts/attendance/check_in.html", {"form": form})
