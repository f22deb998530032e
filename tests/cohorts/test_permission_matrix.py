"""Every URL a person can reach, as every role, with the expected answer.

What a row checks, for each role in ROLES order:

- the status, and for a redirect its target: `LOGIN` (allauth's log-in page with
  `next=` the requested path), `NO_ADMIN` (Wagtail: logged in without admin
  access, sent to log in with "You do not have permission to access the admin."),
  `DENIED` (Wagtail turned PermissionDenied into a redirect to the dashboard with
  "Sorry, you do not have permission to access this area."), or `to(path)` for a
  redirect after success. A bare 302 is not accepted as an expectation.
- write rows POST valid data built from the scenario (`data`) and read a value
  the write changes (`effect`): it must change for the roles in `writers` and
  stay the same for every other role. Each role's request runs in a transaction
  rolled back afterwards, so every role meets the same scenario.
- download rows check that a 200 is the real file (`body`: CSV header, XLSX that
  openpyxl opens, PDF magic, zip entries, iCalendar, JSON) and that no file shown
  to a co-organizing office ("own", "co") carries the contact details (email,
  employer) of another office's nominee.

The scenario is built once per row. `test_every_url_is_in_the_matrix_or_declared`
walks the URL resolver: every project URL and every Wagtail admin and Django
admin URL needs a row, unless it is declared public or in ADMIN_NOT_IN_MATRIX
with a reason; the security-relevant admin URLs (users, groups, log-in,
password reset, account, Django admin) can never be declared away.
"""

import csv
import datetime
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import TestCase
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts import roles
from certificates.models import (
    CertificateBatch,
    CertificateEndorsement,
    CohortEndorsement,
    WalletOffer,
)
from certificates.services import certificate_issue, cohort_endorsement_approve
from cohorts import checkin_codes
from cohorts.models import (
    AttendanceMark,
    Cohort,
    Enrolment,
    OfficeApiToken,
    OfficeMembership,
    QuizAttempt,
    Survey,
    SurveyResponse,
    TrainingRecordArchive,
)
from cohorts.services.api_tokens import office_api_token_create
from cohorts.services.assessments import assignment_submit, quiz_attempt_start
from cohorts.services.attendance import calendar_token_get
from cohorts.services.enrolments import enrolment_reject
from courses.models import CourseProgress, LessonProgress
from exchange.models import Follow, Post, Preference, Report, Restriction, Space
from exchange.services.notifications import unsubscribe_token
from tests.accounts.factories import UserFactory
from tests.certificates.factories import (
    CompletedCohortFactory,
    CompletedEnrolmentFactory,
)
from tests.cohorts.factories import (
    AssessmentFactory,
    CohortFactory,
    CohortOfficeFactory,
    EnrolmentFactory,
    OfficeFactory,
    QuizFactory,
    SessionFactory,
    SurveyFactory,
    SurveyQuestionFactory,
    coordinator_of,
    question_with_choices,
)
from tests.courses.factories import CoursePageFactory, LessonPageFactory

pytestmark = pytest.mark.django_db

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

ROLES = (
    "anonymous", "trainee", "trainee2", "own", "lead", "co", "outsider",
    "instructor", "platform_admin", "superuser",
)  # fmt: skip


# ---- expectations ----


@dataclass(frozen=True)
class Redirect:
    """A 302 to `to` (a path, or a function of the scenario giving one)."""

    to: str | Callable
    next: bool | None = False  # next=<the requested path>; None: either way
    message: str = ""  # an error message queued for the next page

    def path(self, scenario) -> str:
        return self.to(scenario) if callable(self.to) else self.to

    def __repr__(self):
        names = {LOGIN: "LOGIN", LOGIN_MOVED: "LOGIN_MOVED"}
        names |= {NO_ADMIN: "NO_ADMIN", DENIED: "DENIED"}
        return names.get(self, f"to({self.to!r})")


def _login_path(scenario=None) -> str:
    return reverse("account_login")


def to(path: str | Callable) -> Redirect:
    """A redirect after success (or after a refused form) to `path`."""
    return Redirect(path)


LOGIN = Redirect(_login_path, next=True)
LOGIN_MOVED = Redirect(_login_path, next=None)  # a log-in page sends to allauth's
# Wagtail sends them to its log-in URL, which sends the logged-in home.
NO_ADMIN = Redirect("/", message="You do not have permission to access the admin.")
DENIED = Redirect(
    "/admin/", message="Sorry, you do not have permission to access this area."
)
ADMIN_ONLY = (LOGIN, NO_ADMIN, NO_ADMIN, DENIED, DENIED, DENIED, DENIED, DENIED)
PLATFORM_ADMINS_ONLY = (*ADMIN_ONLY, 200, 200)
SUPERUSER_ONLY = (*ADMIN_ONLY, DENIED, 200)
# One office's keys: its coordinators and platform admins.
OWN_OFFICE_KEYS = (LOGIN, NO_ADMIN, NO_ADMIN, 200, DENIED, DENIED, DENIED, DENIED,
                   200, 200)  # fmt: skip
_TO_OWN_KEYS = Redirect("/admin/office-keys/own/keys/")
# Discussions of the past cohort: its members read (trainees, the offices taking
# part, the instructor); the outsider and the platform admin (no office) do not.
MEMBERS = (LOGIN, 200, 200, 200, 200, 200, 404, 200, 404, 200)
# A completed cohort's spaces are read-only: members are told why (400).
MEMBERS_REFUSED = (LOGIN, 400, 400, 400, 400, 400, 404, 400, 404, 400)
# Moderation in the admin: the lead office, the instructor, superusers.
MODERATORS = (LOGIN, NO_ADMIN, NO_ADMIN, 404, Redirect("/admin/exchange/moderation/"),
              404, 404, Redirect("/admin/exchange/moderation/"), 404,
              Redirect("/admin/exchange/moderation/"))  # fmt: skip
# Django admin: superusers only; its log-in URL refuses everyone else logged in.
DJANGO_ADMIN_ONLY = (LOGIN, *(403,) * 8, 200)


# ---- file checks (for 200 answers) ----


def _content(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _text(response) -> str:
    """The readable text of a file answer, whatever its format."""
    content = _content(response)
    if content.startswith(b"PK"):
        archive = zipfile.ZipFile(io.BytesIO(content))
        if "xl/workbook.xml" in archive.namelist():
            book = load_workbook(io.BytesIO(content), read_only=True)
            return "\n".join(
                "\t".join("" if v is None else str(v) for v in row)
                for sheet in book.worksheets
                for row in sheet.iter_rows(values_only=True)
            )
        return "\n".join(archive.namelist())
    return content.decode("utf-8-sig", errors="replace")


def CSV(first: str) -> Callable:
    def check(response, s):
        rows = list(csv.reader(io.StringIO(_content(response).decode("utf-8-sig"))))
        assert rows and rows[0][0] == first, rows[:1]

    return check


def XLSX(first: str) -> Callable:
    def check(response, s):
        book = load_workbook(io.BytesIO(_content(response)), read_only=True)
        header = next(book.worksheets[0].iter_rows(values_only=True))
        assert header[0] == first, header

    return check


def PDF_FILE(response, s):
    assert _content(response).startswith(b"%PDF-"), _content(response)[:20]


def BAKED_PNG(response, s):
    from certificates.badges import png_unbake

    assert json.loads(png_unbake(_content(response)))["id"].endswith(
        f"/certificates/{s.certificate.code}/credential.json"
    )


def ZIP_OF_PDFS(response, s):
    archive = zipfile.ZipFile(io.BytesIO(_content(response)))
    names = archive.namelist()
    assert names and all(n.endswith(".pdf") for n in names), names
    assert all(archive.read(n).startswith(b"%PDF-") for n in names)


def ICS(response, s):
    text = _text(response)
    assert text.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in text, text[:80]


def JSON_LIST(response, s):
    assert isinstance(json.loads(_content(response)), list)


def JSON_OBJECT(response, s):
    assert isinstance(json.loads(_content(response)), dict)


def FORM_PAGE(response, s):
    assert b"<form" in _content(response)


def _foreign_details(s, role) -> list[str]:
    """Contact details a co-organizing office's coordinator must not see."""
    other = {"own": s.enrolment2, "co": s.enrolment}.get(role)
    if other is None:
        return []
    return [other.user.email, other.employer]


# ---- rows ----


@dataclass(frozen=True)
class Row:
    name: str
    url: Callable
    method: str
    expected: tuple | None
    data: Callable | None = None  # scenario → valid POST data (files as bytes)
    effect: Callable | None = None  # scenario → a value the write changes
    writers: tuple = ()  # the roles whose request performs the write
    body: Callable | None = None  # (response, scenario) → asserts the file
    headers: dict = field(default_factory=dict)


def row(name, url, method, expected, **kwargs) -> Row:
    return Row(name, url, method, expected, **kwargs)


_to_submission = to(
    lambda s: f"/cohorts/manage/{s.past.slug}/submissions/{s.submission.pk}/grade/"
)


def _attempt_score(s):
    """The score page of the quiz attempt, submitted (scores are changed after)."""
    QuizAttempt.objects.filter(pk=s.attempt.pk).update(
        submitted_at=timezone.now(), score=1
    )
    return f"/cohorts/manage/{s.past.slug}/attempts/{s.attempt.pk}/score/"


def _admin_url(namespace, view):
    """URL builder for a Wagtail generic viewset's view (object views take an id)."""
    if view in ("new", "results"):
        return lambda s: f"/admin/{namespace}/{view}/"
    return lambda s: f"/admin/{namespace}/{view}/{s.ids[namespace]}/"


def _cohort_form(s):
    """The cohort edit form as the superuser's browser would submit it, renamed."""
    data = s.form_data(f"/admin/cohorts/edit/{s.cohort.pk}/")
    data["title"] = "Renamed by the matrix"
    return data


def _approve(s):
    return {"lead-signatory_name": "Lead Signatory", "lead-signatory_title": "Dir."}


def _rejected(s):
    """The own office rejects its nominee first: there is a decision to undo."""
    enrolment_reject(enrolment=s.enrolment, by=s.users["own"])
    return {}


def _withdraw(s):
    return {"reason": "Signed in error"}


def _roster_marks(s):
    return {
        f"status-{s.past_enrolment.pk}": "absent",
        f"note-{s.past_enrolment.pk}": "",
    }


def _check_in(s):
    window = checkin_codes.window_at(timezone.now())
    return {"code": checkin_codes.code_for(s.live.pk, window), "session": s.live.pk}


def _co_exported(s):
    """The co office keeps its own key and approved; signing waits for its upload."""
    from certificates.credentials.keys import office_controller, public_key_register
    from certificates.credentials.offline_sign import keygen, load_private_key
    from certificates.services import (
        cohort_endorsement_approve,
    )

    path = Path(settings.SIGNING_KEYS_DIR).parent / "co-offline-key.pem"
    public_key_register(office_controller("co"), keygen(path))
    approval = cohort_endorsement_approve(
        cohort=s.past,
        office=s.co_office,
        by=s.users["co"],
        signatory_name="Co Signatory",
        signatory_title="",
    )
    return approval, load_private_key(path)


def _co_export(s):
    _co_exported(s)
    return {}


def _co_import(s):
    from certificates.credentials.offline_sign import batch_sign
    from certificates.services import cohort_endorsement_export

    approval, key = _co_exported(s)
    signed = batch_sign(cohort_endorsement_export(approval=approval), key)
    return {"signed": ("signed.json", json.dumps(signed).encode())}


def _co_endorsements(s):
    return sorted(
        CertificateEndorsement.objects.filter(office=s.co_office).values_list(
            "pk", "signed_at"
        )
    )


def _unsubscribe(s):
    return unsubscribe_token(user_id=s.users["trainee2"].pk, space_id=s.whole.pk)


def _co_approval(s):
    return list(
        CohortEndorsement.objects.filter(office=s.co_office).values_list("status")
    )


def _network(s):
    """trainee (who holds a certificate) lists a profile for certificate holders,
    trainee2 a public one; trainee asked trainee2 to get in touch; the own
    office proposed trainee as an expert. Made once per scenario."""
    if not hasattr(s, "network"):
        from accounts.models import ContactRequest, NetworkProfile
        from accounts.services.network import office_designation_propose

        trainee, trainee2 = s.users["trainee"], s.users["trainee2"]
        s.network = {
            "holders": NetworkProfile.objects.create(
                user=trainee, opted_in=True, visibility="holders"
            ),
            "public": NetworkProfile.objects.create(
                user=trainee2, opted_in=True, visibility="public"
            ),
            "contact": ContactRequest.objects.create(
                requester=trainee, expert=trainee2, message="Shall we talk?"
            ),
            "designation": office_designation_propose(
                office=s.own_office, user=trainee, kind="expert", by=s.users["own"]
            ),
        }
    return s.network


def _network_profiles(s):
    from accounts.models import NetworkProfile

    return sorted(
        NetworkProfile.objects.values_list("user_id", "opted_in", "visibility")
    )


def _designation_url(view):
    return lambda s: f"/admin/designations/{view}/{_network(s)['designation'].pk}/"


_to_latest_archive = to(
    lambda s: (
        "/admin/programme-reports/training-records/archives/"
        f"{TrainingRecordArchive.objects.latest('pk').pk}/"
    )
)


ROWS: list[Row] = [
    # --- Wagtail admin: dashboard, log-in, account, users and groups (Wagtail's
    # password reset is off: people reset their password through allauth)
    row("admin dashboard", lambda s: "/admin/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, 200, 200, 200)),
    row("admin login", lambda s: "/admin/login/", "get",
        (LOGIN_MOVED, to("/"), to("/"), *(to("/admin/"),) * 7)),
    row("admin logout", lambda s: "/admin/logout/", "post",
        (LOGIN_MOVED, NO_ADMIN, NO_ADMIN, *(LOGIN_MOVED,) * 7)),
    row("admin password reset", lambda s: "/admin/password_reset/", "get",
        (404,) * 10),
    row("admin password reset done", lambda s: "/admin/password_reset/done/", "get",
        (404,) * 10),
    row("admin password reset confirm",
        lambda s: "/admin/password_reset/confirm/MQ/set-password/", "get",
        (404,) * 10),
    row("admin password reset complete", lambda s: "/admin/password_reset/complete/", "get",
        (404,) * 10),
    row("admin account", lambda s: "/admin/account/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, 200, 200, 200)),
    row("admin users", lambda s: "/admin/users/", "get",
        PLATFORM_ADMINS_ONLY),
    row("admin users results", lambda s: "/admin/users/results/", "get",
        PLATFORM_ADMINS_ONLY),
    row("admin user add", lambda s: "/admin/users/new/", "get",
        PLATFORM_ADMINS_ONLY),
    row("admin user edit (a coordinator)",
        lambda s: f"/admin/users/edit/{s.users['own'].pk}/", "get",
        PLATFORM_ADMINS_ONLY),
    row("admin user edit (a superuser)",
        lambda s: f"/admin/users/edit/{s.other_superuser.pk}/", "get",
        SUPERUSER_ONLY),
    row("admin user edit (a superuser, post)",
        lambda s: f"/admin/users/edit/{s.other_superuser.pk}/", "post",
        (*ADMIN_ONLY, DENIED, to("/admin/users/")),
        data=lambda s: s.form_data(f"/admin/users/edit/{s.other_superuser.pk}/")
        | {"email": "taken-over@example.org", "password1": "", "password2": ""},
        effect=lambda s: s.other_superuser.__class__.objects.get(
            pk=s.other_superuser.pk).email,
        writers=("superuser",)),
    row("admin user delete (a superuser)",
        lambda s: f"/admin/users/delete/{s.other_superuser.pk}/", "get",
        SUPERUSER_ONLY),
    row("admin user delete (a superuser, post)",
        lambda s: f"/admin/users/delete/{s.other_superuser.pk}/", "post",
        (*ADMIN_ONLY, DENIED, to("/admin/users/")),
        effect=lambda s: s.other_superuser.__class__.objects.filter(
            pk=s.other_superuser.pk).exists(),
        writers=("superuser",)),
    row("admin user history",
        lambda s: f"/admin/users/history/{s.other_superuser.pk}/", "get",
        PLATFORM_ADMINS_ONLY),
    row("admin user history results",
        lambda s: f"/admin/users/history-results/{s.other_superuser.pk}/", "get",
        PLATFORM_ADMINS_ONLY),
    row("admin user usage",
        lambda s: f"/admin/users/usage/{s.other_superuser.pk}/", "get",
        PLATFORM_ADMINS_ONLY),
    row("admin user copy",
        lambda s: f"/admin/users/copy/{s.other_superuser.pk}/", "get",
        SUPERUSER_ONLY),
    row("admin groups", lambda s: "/admin/groups/", "get",
        SUPERUSER_ONLY),
    row("admin groups results", lambda s: "/admin/groups/results/", "get",
        SUPERUSER_ONLY),
    row("admin group add", lambda s: "/admin/groups/new/", "get",
        SUPERUSER_ONLY),
    row("admin group edit", lambda s: f"/admin/groups/edit/{s.group.pk}/", "get",
        SUPERUSER_ONLY),
    row("admin group edit (post)", lambda s: f"/admin/groups/edit/{s.group.pk}/", "post",
        (*ADMIN_ONLY, DENIED, to("/admin/groups/")), data=lambda s: s.form_data(f"/admin/groups/edit/{s.group.pk}/")
        | {"name": "Renamed group"},
        effect=lambda s: Group.objects.get(pk=s.group.pk).name,
        writers=("superuser",)),
    row("admin group delete", lambda s: f"/admin/groups/delete/{s.group.pk}/", "get",
        SUPERUSER_ONLY),
    row("admin group history", lambda s: f"/admin/groups/history/{s.group.pk}/", "get",
        SUPERUSER_ONLY),
    row("admin group history results",
        lambda s: f"/admin/groups/history-results/{s.group.pk}/", "get",
        SUPERUSER_ONLY),
    row("admin group usage", lambda s: f"/admin/groups/usage/{s.group.pk}/", "get",
        SUPERUSER_ONLY),
    # --- Django admin (superusers only)
    row("django admin", lambda s: "/django-admin/", "get",
        DJANGO_ADMIN_ONLY),
    row("django admin login", lambda s: "/django-admin/login/", "get",
        (LOGIN_MOVED, *(403,) * 8, to("/django-admin/"))),
    row("django admin logout", lambda s: "/django-admin/logout/", "post",
        (*(to("/django-admin/"),) * 9, 200)),
    row("django admin password change", lambda s: "/django-admin/password_change/", "get",
        DJANGO_ADMIN_ONLY),
    row("django admin password change done",
        lambda s: "/django-admin/password_change/done/", "get",
        DJANGO_ADMIN_ONLY),
    row("django admin groups", lambda s: "/django-admin/auth/group/", "get",
        DJANGO_ADMIN_ONLY),
    row("django admin group change",
        lambda s: f"/django-admin/auth/group/{s.group.pk}/change/", "get",
        DJANGO_ADMIN_ONLY),
    *[
        row(f"django admin group {view}",
            (lambda v: lambda s: f"/django-admin/auth/group/{s.group.pk}/{v}/")(view),
            "get", DJANGO_ADMIN_ONLY)
        for view in ("delete", "history")
    ],
    row("django admin group add", lambda s: "/django-admin/auth/group/add/", "get",
        DJANGO_ADMIN_ONLY),
    row("django admin grade changes", lambda s: "/django-admin/cohorts/gradechange/", "get",
        DJANGO_ADMIN_ONLY),
    # --- Wagtail admin: cohorts viewset
    row("admin cohort list", lambda s: "/admin/cohorts/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, DENIED, DENIED, 200)),
    row("admin cohort list results", lambda s: "/admin/cohorts/results/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, DENIED, DENIED, 200)),
    row("admin cohort add", lambda s: "/admin/cohorts/new/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, DENIED, DENIED, 200)),
    row("admin cohort edit", lambda s: f"/admin/cohorts/edit/{s.cohort.pk}/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, DENIED, 200, DENIED, 404, DENIED, DENIED, 200)),
    row("admin cohort edit (post)", lambda s: f"/admin/cohorts/edit/{s.cohort.pk}/",
        "post",
        (LOGIN, NO_ADMIN, NO_ADMIN, DENIED, to("/admin/cohorts/"), DENIED, 404, DENIED, DENIED,
         to("/admin/cohorts/")), data=_cohort_form,
        effect=lambda s: Cohort.objects.get(pk=s.cohort.pk).title,
        writers=("lead", "superuser")),
    row("admin cohort inspect", lambda s: f"/admin/cohorts/inspect/{s.cohort.pk}/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 404, 404, 404, 200)),
    row("admin cohort history", lambda s: f"/admin/cohorts/history/{s.cohort.pk}/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 404, 404, 404, 200)),
    row("admin cohort history results",
        lambda s: f"/admin/cohorts/history-results/{s.cohort.pk}/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 404, 404, 404, 200)),
    row("admin cohort usage", lambda s: f"/admin/cohorts/usage/{s.cohort.pk}/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 404, 404, 404, 200)),
    row("admin cohort delete", lambda s: f"/admin/cohorts/delete/{s.cohort.pk}/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, DENIED, DENIED, DENIED, 404, 404, 404, 200)),
    # --- applications, decisions, exports, import
    row("applications", lambda s: f"/admin/cohorts/applications/{s.cohort.pk}/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 404, DENIED, DENIED, 200)),
    row("bulk decision", lambda s: f"/admin/cohorts/applications/{s.cohort.pk}/", "post",
        (LOGIN, NO_ADMIN, NO_ADMIN, to(lambda s: f"/admin/cohorts/applications/{s.cohort.pk}/"), to(lambda s: f"/admin/cohorts/applications/{s.cohort.pk}/"), to(lambda s: f"/admin/cohorts/applications/{s.cohort.pk}/"), 404, DENIED, DENIED, to(lambda s: f"/admin/cohorts/applications/{s.cohort.pk}/")), data=lambda s: {"action": "waitlist", "enrolment": [s.enrolment.pk]},
        effect=lambda s: Enrolment.objects.get(pk=s.enrolment.pk).status,
        writers=("own", "superuser")),  # the nominating office decides first
    # The own office has rejected its nominee: only it (and a superuser) takes it back.
    row("decision undo",
        lambda s: f"/admin/cohorts/applications/{s.cohort.pk}/undo/{s.enrolment.pk}/",
        "post",
        (LOGIN, NO_ADMIN, NO_ADMIN, *(to(lambda s: f"/admin/cohorts/applications/{s.cohort.pk}/"),) * 3, 404, DENIED, DENIED, to(lambda s: f"/admin/cohorts/applications/{s.cohort.pk}/")), data=_rejected,
        effect=lambda s: Enrolment.objects.get(pk=s.enrolment.pk).status,
        writers=("own", "superuser")),
    row("export csv",
        lambda s: f"/admin/cohorts/applications/{s.cohort.pk}/export.csv", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 404, DENIED, DENIED, 200),
        body=CSV("Name")),
    row("export xlsx",
        lambda s: f"/admin/cohorts/applications/{s.cohort.pk}/export.xlsx", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 404, DENIED, DENIED, 200),
        body=XLSX("Name")),
    row("import csv",
        lambda s: f"/admin/cohorts/applications/{s.cohort.pk}/import/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 404, DENIED, DENIED, 200)),
    # --- public and trainee pages
    row("open cohorts", lambda s: "/cohorts/", "get",
        (200, 200, 200, 200, 200, 200, 200, 200, 200, 200)),
    row("cohort page", lambda s: f"/cohorts/{s.cohort.slug}/", "get",
        (200, 200, 200, 200, 200, 200, 200, 200, 200, 200)),
    row("draft cohort page", lambda s: f"/cohorts/{s.draft.slug}/", "get",
        (404, 404, 404, 404, 404, 404, 404, 404, 404, 404)),
    row("apply", lambda s: f"/cohorts/{s.cohort.slug}/apply/", "get",
        (LOGIN, *(to(lambda s: f"/cohorts/{s.cohort.slug}/"),) * 2, *(200,) * 7)),
    row("withdraw (confirm)", lambda s: f"/cohorts/{s.cohort.slug}/withdraw/", "get",
        (LOGIN, 200, 200, *(404,) * 7)),
    row("withdraw", lambda s: f"/cohorts/{s.cohort.slug}/withdraw/", "post",
        (LOGIN, *(to(lambda s: f"/cohorts/{s.cohort.slug}/withdraw/"),) * 2,
         *(404,) * 7),
        effect=lambda s: sorted(Enrolment.objects.filter(cohort=s.cohort).values_list(
            "pk", "status")),
        writers=("trainee", "trainee2")),
    # Nobody has withdrawn in this session: there is nothing to undo.
    row("withdraw undo", lambda s: f"/cohorts/{s.cohort.slug}/withdraw/undo/", "post",
        (LOGIN, to("/learning/"), to("/learning/"), *(404,) * 7),
        effect=lambda s: sorted(Enrolment.objects.filter(cohort=s.cohort).values_list(
            "pk", "status"))),
    row("my learning", lambda s: "/learning/", "get",
        (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200, 200)),
    row("profile", lambda s: "/accounts/profile/", "get",
        (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200, 200)),
    # --- API: the role's office token (none for the others)
    row("api cohorts", lambda s: "/api/v1/cohorts/", "get",
        (401, 401, 401, 200, 200, 200, 200, 401, 401, 401), body=JSON_LIST),
    row("api cohort", lambda s: f"/api/v1/cohorts/{s.cohort.slug}/", "get",
        (401, 401, 401, 200, 200, 200, 404, 401, 401, 401)),
    row("api roster", lambda s: f"/api/v1/cohorts/{s.cohort.slug}/roster/", "get",
        (401, 401, 401, 200, 200, 200, 404, 401, 401, 401),
        body=JSON_LIST),
    row("api programme report", lambda s: "/api/v1/reports/programme/", "get",
        (401, 401, 401, 200, 200, 200, 200, 401, 401, 401), body=JSON_OBJECT),
    # --- sessions and attendance (the past cohort: trainees admitted, instructor teaches)
    row("session list", lambda s: f"/cohorts/manage/{s.past.slug}/sessions/", "get",
        (LOGIN, 404, 404, 200, 200, 200, 404, 200, 404, 200)),
    row("cohort calendar",
        lambda s: f"/cohorts/manage/{s.past.slug}/sessions/calendar.ics", "get",
        (LOGIN, 404, 404, 200, 200, 200, 404, 200, 404, 200),
        body=ICS),
    row("attendance export csv",
        lambda s: f"/cohorts/manage/{s.past.slug}/sessions/attendance.csv", "get", (LOGIN, 404, 404, 200, 200, 200, 404, 404, 404, 200),
        body=CSV("Session")),
    row("attendance export xlsx",
        lambda s: f"/cohorts/manage/{s.past.slug}/sessions/attendance.xlsx", "get", (LOGIN, 404, 404, 200, 200, 200, 404, 404, 404, 200),
        body=XLSX("Session")),
    row("session roster",
        lambda s: f"/cohorts/manage/{s.past.slug}/sessions/{s.session.pk}/", "get",
        (LOGIN, 404, 404, 200, 200, 200, 404, 200, 404, 200)),
    row("session roster (post)",
        lambda s: f"/cohorts/manage/{s.past.slug}/sessions/{s.session.pk}/", "post",
        # The cohort is completed: marks are refused to all who could mark it
        # (400 with the reason); who may mark a running cohort: test_attendance_views.
        (LOGIN, 404, 404, 400, 400, 400, 404, 400, 404, 400),
        data=_roster_marks,
        effect=lambda s: list(AttendanceMark.objects.filter(session=s.session).values_list(
            "enrolment", "status")),
        writers=()),
    row("session history",
        lambda s: f"/cohorts/manage/{s.past.slug}/sessions/{s.session.pk}/history/",
        "get",
        (LOGIN, 404, 404, 200, 200, 200, 404, 200, 404, 200)),
    row("session import",
        lambda s: f"/cohorts/manage/{s.past.slug}/sessions/{s.session.pk}/import/",
        "get",
        (LOGIN, 404, 404, 200, 200, 200, 404, 200, 404, 200)),
    row("session check-in code",
        lambda s: f"/cohorts/manage/{s.past.slug}/sessions/{s.session.pk}/check-in-code/",
        "get",
        (LOGIN, 404, 404, 200, 200, 200, 404, 200, 404, 200)),
    row("check in", lambda s: "/cohorts/check-in/", "get",
        (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200, 200)),
    row("check in (post)", lambda s: "/cohorts/check-in/", "post",
        # A completed cohort's session takes no check-in, not even from its trainees.
        (LOGIN, *(400,) * 9), data=_check_in,
        effect=lambda s: sorted(AttendanceMark.objects.filter(session=s.live).values_list(
            "enrolment", "status")),
        writers=()),
    row("my calendar", lambda s: "/cohorts/calendar/", "get",
        (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200, 200)),
    row("calendar feed (the token is the credential)",
        lambda s: f"/cohorts/calendar/{s.calendar_token}.ics", "get",
        (200, 200, 200, 200, 200, 200, 200, 200, 200, 200), body=ICS),
    row("calendar feed, wrong token", lambda s: "/cohorts/calendar/not-a-token.ics",
        "get",
        (404, 404, 404, 404, 404, 404, 404, 404, 404, 404)),
    # --- assessments, gradebook, completion
    row("gradebook", lambda s: f"/cohorts/manage/{s.past.slug}/gradebook/", "get", (LOGIN, 404, 404, 200, 200, 200, 404, 200, 404, 200)),
    row("gradebook csv", lambda s: f"/cohorts/manage/{s.past.slug}/gradebook.csv", "get", (LOGIN, 404, 404, 200, 200, 200, 404, 200, 404, 200), body=CSV("Email")),
    row("gradebook xlsx", lambda s: f"/cohorts/manage/{s.past.slug}/gradebook.xlsx",
        "get", (LOGIN, 404, 404, 200, 200, 200, 404, 200, 404, 200), body=XLSX("Email")),
    row("grade import", lambda s: f"/cohorts/manage/{s.past.slug}/grades/import/", "get",
        (LOGIN, 404, 404, 200, 200, 200, 404, 200, 404, 200)),
    row("cohort complete", lambda s: f"/cohorts/manage/{s.cohort.slug}/complete/", "post",
        (LOGIN, 404, 404, 404, to(lambda s: f"/cohorts/manage/{s.cohort.slug}/gradebook/"), 404, 404, 404, 404, to(lambda s: f"/cohorts/manage/{s.cohort.slug}/gradebook/")), effect=lambda s: Cohort.objects.get(pk=s.cohort.pk).status,
        writers=("lead", "superuser")),
    row("cohort complete (confirmation)",
        lambda s: f"/cohorts/manage/{s.cohort.slug}/complete/", "get",
        (LOGIN, 404, 404, 404, 200, 404, 404, 404, 404, 200)),
    row("cohort reopen", lambda s: f"/cohorts/manage/{s.past.slug}/reopen/", "get",
        (LOGIN, 404, 404, 404, 200, 404, 404, 404, 404, 200)),
    row("cohort reopen (post)", lambda s: f"/cohorts/manage/{s.past.slug}/reopen/",
        "post", (LOGIN, 404, 404, 404, to(lambda s: f"/cohorts/manage/{s.past.slug}/gradebook/"), 404, 404, 404, 404, to(lambda s: f"/cohorts/manage/{s.past.slug}/gradebook/")),
        data=lambda s: {"reason": "A late grade to enter"},
        effect=lambda s: Cohort.objects.get(pk=s.past.pk).status,
        writers=("lead", "superuser")),
    row("assessment grading",
        lambda s: f"/cohorts/manage/{s.past.slug}/assessments/{s.assignment.pk}/", "get",
        (LOGIN, 404, 404, 200, 200, 200, 404, 200, 404, 200)),
    # The submission is own's nominee's: co grades only its own nominees.
    row("submission grade",
        lambda s: f"/cohorts/manage/{s.past.slug}/submissions/{s.submission.pk}/grade/",
        "get",
        (LOGIN, 404, 404, 200, 200, 404, 404, 200, 404, 200)),
    row("grading queue: next ungraded",
        lambda s: f"/cohorts/manage/{s.past.slug}/assessments/{s.assignment.pk}/next/",
        "get",
        # co has nothing of its own to grade: "Nothing left to grade".
        (LOGIN, 404, 404, _to_submission, _to_submission, 200, 404, _to_submission,
         404, _to_submission)),
    row("quiz attempt score", _attempt_score, "get",
        (LOGIN, 404, 404, 200, 200, 404, 404, 200, 404, 200)),
    row("quiz attempt score change", _attempt_score, "post",
        # The cohort is completed: refused on the form, nothing written.
        (LOGIN, 404, 404, 400, 400, 404, 404, 400, 404, 400),
        data=lambda s: {"score": "0", "reason": "An appeal"},
        effect=lambda s: QuizAttempt.objects.get(pk=s.attempt.pk).score,
        writers=()),
    row("submission download (assignment file)",
        lambda s: f"/cohorts/submissions/{s.submission.pk}/download/", "get",
        (LOGIN, 200, 404, 200, 200, 404, 404, 200, 404, 200),
        body=PDF_FILE),
    # surveys: the cohort's admitted trainees answer each open one, once each
    row("survey", lambda s: f"/cohorts/{s.past.slug}/surveys/{s.survey.pk}/", "get",
        (LOGIN, 200, 200, *(404,) * 7)),
    row("survey (answer)", lambda s: f"/cohorts/{s.past.slug}/surveys/{s.survey.pk}/",
        "post", (LOGIN, to("/learning/"), to("/learning/"), *(404,) * 7),
        data=lambda s: {f"q{s.survey_question.pk}": "4"},
        effect=lambda s: SurveyResponse.objects.count(),
        writers=("trainee", "trainee2")),
    row("assessment list", lambda s: f"/cohorts/{s.past.slug}/assessments/", "get",
        (LOGIN, 200, 200, 404, 404, 404, 404, 404, 404, 404)),
    row("quiz page", lambda s: f"/cohorts/{s.past.slug}/assessments/{s.quiz.pk}/", "get",
        (LOGIN, 200, 200, 404, 404, 404, 404, 404, 404, 404)),
    row("quiz start", lambda s: f"/cohorts/{s.past.slug}/assessments/{s.quiz2.pk}/start/",
        "post",
        # The cohort is completed: its trainees are sent back to the quiz page
        # (with the reason) and no attempt starts.
        (LOGIN, *(to(lambda s: f"/cohorts/{s.past.slug}/assessments/{s.quiz2.pk}/"),) * 2, *(404,) * 7),
        effect=lambda s: QuizAttempt.objects.filter(assessment=s.quiz2).count(),
        writers=()),
    row("quiz attempt", lambda s: f"/cohorts/{s.past.slug}/attempts/{s.attempt.pk}/",
        "get",
        (LOGIN, 200, 404, 404, 404, 404, 404, 404, 404, 404)),
    # --- certificates: files and issuing
    row("certificate pdf",
        lambda s: f"/certificates/{s.certificate.code}/certificate.pdf", "get",
        (LOGIN, 200, 404, 404, 200, 404, 404, 404, 404, 200),
        body=PDF_FILE),
    # Only the holder, not even the lead office or a superuser (403 with why).
    row("certificate baked badge",
        lambda s: f"/certificates/{s.certificate.code}/badge.png", "get",
        (LOGIN, 200, *(403,) * 8),
        body=BAKED_PNG),
    # Only the holder creates wallet offers (403 with why), and only with a POST.
    row("certificate wallet offers",
        lambda s: f"/certificates/{s.certificate.code}/wallet/", "post",
        (LOGIN, 200, *(403,) * 8), data=lambda s: {},
        effect=lambda s: WalletOffer.objects.count(), writers=("trainee",)),
    row("cohort certificates zip",
        lambda s: f"/certificates/cohorts/{s.past.slug}/certificates.zip", "get",
        (LOGIN, 404, 404, 404, 200, 404, 404, 404, 404, 200),
        body=ZIP_OF_PDFS),
    row("issue certificates", lambda s: f"/certificates/cohorts/{s.past.slug}/issue/",
        "post",
        (LOGIN, 404, 404, 404, to(lambda s: f"/certificates/batches/{CertificateBatch.objects.latest('pk').pk}/"), 404, 404, 404, 404, to(lambda s: f"/certificates/batches/{CertificateBatch.objects.latest('pk').pk}/")),
        effect=lambda s: CertificateBatch.objects.filter(cohort=s.past).count(),
        writers=("lead", "superuser")),
    row("batch progress", lambda s: f"/certificates/batches/{s.batch.pk}/", "get",
        (LOGIN, 404, 404, 404, 200, 404, 404, 404, 404, 200)),
    # --- joint endorsements: offices taking part in the past cohort (own signed already)
    row("endorsements", lambda s: f"/certificates/cohorts/{s.past.slug}/endorsements/",
        "get",
        (LOGIN, 404, 404, 200, 200, 200, 404, 404, 404, 200)),
    row("endorsement approve",
        lambda s: f"/certificates/cohorts/{s.past.slug}/endorsements/lead/approve/",
        "post",
        (LOGIN, 404, 404, 404, to(lambda s: f"/certificates/cohorts/{s.past.slug}/endorsements/"), *(404,) * 5), data=_approve,
        effect=lambda s: CohortEndorsement.objects.filter(office=s.lead_office).count(),
        writers=("lead",)),
    row("endorsement export",
        lambda s: f"/certificates/cohorts/{s.past.slug}/endorsements/co/export/", "post",
        (LOGIN, 404, 404, 404, 404, 200, *(404,) * 4), data=_co_export, effect=_co_endorsements, writers=("co",),
        body=JSON_LIST),
    row("endorsement import",
        lambda s: f"/certificates/cohorts/{s.past.slug}/endorsements/co/import/", "post",
        (LOGIN, 404, 404, 404, 404, to(lambda s: f"/certificates/cohorts/{s.past.slug}/endorsements/"), *(404,) * 4),
        data=_co_import, effect=_co_approval, writers=("co",)),
    row("endorsement withdraw",
        lambda s: f"/certificates/cohorts/{s.past.slug}/endorsements/own/withdraw/"
        f"{s.certificate.code}/", "get",
        (LOGIN, 404, 404, 200, *(404,) * 6)),
    row("endorsement withdraw (post)",
        lambda s: f"/certificates/cohorts/{s.past.slug}/endorsements/own/withdraw/"
        f"{s.certificate.code}/", "post",
        (LOGIN, 404, 404, to(lambda s: f"/certificates/cohorts/{s.past.slug}/endorsements/"), *(404,) * 6), data=_withdraw,
        effect=lambda s: list(CertificateEndorsement.objects.filter(
            office=s.own_office).values_list("withdrawn_at", flat=True)),
        writers=("own",)),
    # --- certificates admin viewset
    row("admin certificates", lambda s: "/admin/certificates/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, DENIED, 200, 200)),
    row("admin certificates results", lambda s: "/admin/certificates/results/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, DENIED, 200, 200)),
    row("admin certificate inspect",
        lambda s: f"/admin/certificates/inspect/{s.certificate.pk}/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 404, 200, 404, 404, 404, 200, 200)),
    row("admin certificate revoke",
        lambda s: f"/admin/certificates/revoke/{s.certificate.pk}/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 404, 200, 404, 404, DENIED, 200, 200)),
    row("admin certificate correct",
        lambda s: f"/admin/certificates/correct/{s.certificate.pk}/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 404, 200, 404, 404, DENIED, 200, 200)),
    *[
        row(f"admin certificate {view}",
            (lambda v: lambda s: f"/admin/certificates/{v}/"
             + ("" if v == "new" else f"{s.certificate.pk}/"))(view), "get",
            (LOGIN, NO_ADMIN, NO_ADMIN, *(DENIED,) * 7))
        for view in ("new", "edit", "delete", "history", "history-results", "usage")
    ],
    # --- offices, memberships, tokens and keys: platform admins only
    row("admin offices", lambda s: "/admin/offices/", "get",
        SUPERUSER_ONLY),
    row("admin office memberships", lambda s: "/admin/office_memberships/", "get",
        SUPERUSER_ONLY),
    row("admin office tokens", lambda s: "/admin/office_api_tokens/", "get",
        SUPERUSER_ONLY),
    *[
        row(f"admin {ns} {view}", _admin_url(ns, view), "get", SUPERUSER_ONLY)
        for ns in ("offices", "office_memberships", "office_api_tokens")
        for view in ("new", "results", "edit", "delete", "history",
                     "history-results", "usage")
    ],
    # Coordinators see their own offices' keys (withdraw, own-domain files).
    row("admin office keys", lambda s: "/admin/office-keys/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, DENIED, 200, 200)),
    row("admin office key detail", lambda s: "/admin/office-keys/own/keys/", "get",
        OWN_OFFICE_KEYS),
    *[
        row(f"admin office {name}", lambda s, path=path: path, "get",
            tuple(_TO_OWN_KEYS if e == 200 else e for e in OWN_OFFICE_KEYS))
        for name, path in (
            # an unknown key, no own DID, no domain given: back to the office's keys
            ("key withdraw", "/admin/office-keys/own/keys/z6MkNone/withdraw/"),
            ("own did.json", "/admin/office-keys/own/did.json"),
            ("did configuration", "/admin/office-keys/own/did-configuration.json"),
        )
    ],
    row("admin office key register", lambda s: "/admin/office-keys/own/", "get",
        PLATFORM_ADMINS_ONLY),
    # --- audit log
    row("audit log", lambda s: "/admin/reports/audit/", "get",
        PLATFORM_ADMINS_ONLY),
    row("audit log results", lambda s: "/admin/reports/audit/results/", "get",
        PLATFORM_ADMINS_ONLY),
    # --- knowledge base review report: its reviewers (and superusers) only
    row("knowledge base review", lambda s: "/admin/reports/knowledge-base-review/",
        "get", SUPERUSER_ONLY),
    row("knowledge base review results",
        lambda s: "/admin/reports/knowledge-base-review/results/", "get",
        SUPERUSER_ONLY),
    # --- courses: a person's own progress
    row("course start", lambda s: f"/learn/courses/{s.course.pk}/start/", "post",
        (LOGIN, *(to(lambda s: s.lesson.url),) * 9),
        effect=lambda s: CourseProgress.objects.filter(course=s.course).count(),
        writers=ROLES[1:]),
    row("lesson complete", lambda s: f"/learn/lessons/{s.lesson.pk}/complete/", "post",
        (LOGIN, *(to(lambda s: s.course.url),) * 9), effect=lambda s: LessonProgress.objects.filter(lesson=s.lesson).count(),
        writers=ROLES[1:]),
    # --- staff workspace: the cohort hub and sessions in the admin (history and
    # usage are the editors' views, as Wagtail has them: the lead office only)
    row("cohort hub", lambda s: f"/admin/cohorts/hub/{s.past.pk}/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 404, 200, 404, 200)),
    # programme reports: coordinators (their offices), platform admins (all)
    row("programme reports", lambda s: "/admin/programme-reports/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, DENIED, 200, 200)),
    row("programme reports csv", lambda s: "/admin/programme-reports/export.csv", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, DENIED, 200, 200),
        body=CSV("Table")),
    row("programme reports xlsx", lambda s: "/admin/programme-reports/export.xlsx", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, DENIED, 200, 200),
        body=XLSX("Table")),
    row("programme reports json", lambda s: "/admin/programme-reports/export.json", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, DENIED, 200, 200),
        body=JSON_OBJECT),
    row("my training record", lambda s: "/cohorts/my/training-record.csv", "get",
        (LOGIN, *(200,) * 9), body=CSV("Course")),
    row("my training record pdf", lambda s: "/cohorts/my/training-record.pdf", "get",
        (LOGIN, *(200,) * 9), body=PDF_FILE),
    row("nominees' training records csv",
        lambda s: "/admin/programme-reports/training-records.csv", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, DENIED, 200, 200),
        body=CSV("Trainee")),
    row("nominees' training records xlsx",
        lambda s: "/admin/programme-reports/training-records.xlsx", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, DENIED, 200, 200),
        body=XLSX("Trainee")),
    row("nominees' training records zip (old link)",
        lambda s: "/admin/programme-reports/training-records.zip", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 404, 404, 404, 404, DENIED, 404, 404)),
    # The PDFs' zip is built in the background; only its requester sees it.
    row("nominees' training records zip (ask)",
        lambda s: "/admin/programme-reports/training-records/archives/", "post",
        (LOGIN, NO_ADMIN, NO_ADMIN, *(_to_latest_archive,) * 4, DENIED,
         _to_latest_archive, _to_latest_archive),
        effect=lambda s: TrainingRecordArchive.objects.count(),
        writers=("own", "lead", "co", "outsider", "platform_admin", "superuser")),
    row("nominees' training records zip (progress)",
        lambda s: f"/admin/programme-reports/training-records/archives/{s.records_archive.pk}/",
        "get", (LOGIN, NO_ADMIN, NO_ADMIN, 200, *(DENIED,) * 6)),
    row("nominees' training records zip (download)",
        lambda s: f"/admin/programme-reports/training-records/archives/{s.records_archive.pk}/download/",
        "get", (LOGIN, NO_ADMIN, NO_ADMIN, 200, *(DENIED,) * 6),
        body=ZIP_OF_PDFS),
    row("admin sessions", lambda s: "/admin/sessions/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, 200, DENIED, 200)),
    row("admin sessions results", lambda s: "/admin/sessions/results/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, 200, DENIED, 200)),
    row("admin session add", lambda s: "/admin/sessions/new/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, DENIED, 200, DENIED, 200, DENIED, DENIED, 200)),
    row("admin session series", lambda s: "/admin/sessions/series/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, DENIED, 200, DENIED, 200, DENIED, DENIED, 200)),
    row("admin session edit", lambda s: f"/admin/sessions/edit/{s.session.pk}/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, DENIED, 200, DENIED, 404, DENIED, DENIED, 200)),
    row("admin session delete", lambda s: f"/admin/sessions/delete/{s.session.pk}/",
        "get", (LOGIN, NO_ADMIN, NO_ADMIN, DENIED, 200, DENIED, 404, DENIED, 404, 200)),
    row("admin session inspect", lambda s: f"/admin/sessions/inspect/{s.session.pk}/",
        "get", (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 404, 200, 404, 200)),
    row("admin session history", lambda s: f"/admin/sessions/history/{s.session.pk}/",
        "get", (LOGIN, NO_ADMIN, NO_ADMIN, DENIED, 200, DENIED, 404, DENIED, 404, 200)),
    row("admin session history results",
        lambda s: f"/admin/sessions/history-results/{s.session.pk}/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, DENIED, 200, DENIED, 404, DENIED, 404, 200)),
    row("admin session usage", lambda s: f"/admin/sessions/usage/{s.session.pk}/",
        "get", (LOGIN, NO_ADMIN, NO_ADMIN, DENIED, 200, DENIED, 404, DENIED, 404, 200)),
    # --- assessments in the admin: graders see them, the lead office and the
    # cohort's instructors write them (the quiz has an attempt: frozen)
    row("admin assessments", lambda s: "/admin/assessments/", "get",
     (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, 200, DENIED, 200)),
    row("admin assessments results", lambda s: "/admin/assessments/results/", "get",
     (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, 200, DENIED, 200)),
    row("admin assessment add", lambda s: "/admin/assessments/new/", "get",
     (LOGIN, NO_ADMIN, NO_ADMIN, DENIED, 200, DENIED, 200, 200, DENIED, 200)),
    row("admin assessment edit", lambda s: f"/admin/assessments/edit/{s.quiz.pk}/",
     "get", (LOGIN, NO_ADMIN, NO_ADMIN, DENIED, 200, DENIED, 404, 200, DENIED, 200)),
    row("admin assessment edit (post)",
     lambda s: f"/admin/assessments/edit/{s.assignment.pk}/", "post",
     (LOGIN, NO_ADMIN, NO_ADMIN, DENIED, 200, DENIED, 404, 200, DENIED, 200)),
    row("admin assessment delete (has work: refused)",
     lambda s: f"/admin/assessments/delete/{s.quiz.pk}/", "get",
     (LOGIN, NO_ADMIN, NO_ADMIN, DENIED, to('/admin/assessments/'), DENIED, 404, to('/admin/assessments/'), 404, to('/admin/assessments/'))),
    row("admin assessment inspect",
     lambda s: f"/admin/assessments/inspect/{s.quiz.pk}/", "get",
     (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 404, 200, 404, 200)),
    row("admin assessment history",
     lambda s: f"/admin/assessments/history/{s.quiz.pk}/", "get",
     (LOGIN, NO_ADMIN, NO_ADMIN, DENIED, 200, DENIED, 404, 200, 404, 200)),
    row("admin assessment history results",
     lambda s: f"/admin/assessments/history-results/{s.quiz.pk}/", "get",
     (LOGIN, NO_ADMIN, NO_ADMIN, DENIED, 200, DENIED, 404, 200, 404, 200)),
    row("admin assessment usage", lambda s: f"/admin/assessments/usage/{s.quiz.pk}/",
     "get", (LOGIN, NO_ADMIN, NO_ADMIN, DENIED, 200, DENIED, 404, 200, 404, 200)),
    row("admin assessment preview",
     lambda s: f"/admin/assessments/preview/{s.quiz.pk}/", "get",
     (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 404, 200, 404, 200)),
    row("admin assessment new version",
     lambda s: f"/admin/assessments/new-version/{s.quiz.pk}/", "get",
     (LOGIN, NO_ADMIN, NO_ADMIN, DENIED, 200, DENIED, 404, 200, 404, 200)),
    row("admin assessment import (frozen quiz: back to the builder)",
     lambda s: f"/admin/assessments/import/{s.quiz.pk}/", "get",
     (LOGIN, NO_ADMIN, NO_ADMIN, DENIED, to(lambda s: f'/admin/assessments/edit/{s.quiz.pk}/'), DENIED, 404, to(lambda s: f'/admin/assessments/edit/{s.quiz.pk}/'), 404, to(lambda s: f'/admin/assessments/edit/{s.quiz.pk}/'))),
    # --- surveys in the admin: the coordinators of the offices taking part
    # in the cohort write them; another office's survey is not found
    row("admin surveys", lambda s: "/admin/surveys/", "get",
     (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, DENIED, DENIED, 200)),
    row("admin surveys results", lambda s: "/admin/surveys/results/", "get",
     (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, DENIED, DENIED, 200)),
    row("admin survey add", lambda s: "/admin/surveys/new/", "get",
     (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, DENIED, DENIED, 200)),
    row("admin survey edit", lambda s: f"/admin/surveys/edit/{s.survey.pk}/", "get",
     (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 404, DENIED, DENIED, 200)),
    # Without an office the survey is not found before any permission check.
    *(
        row(f"admin survey {view}",
            lambda s, view=view: f"/admin/surveys/{view}/{s.survey.pk}/", "get",
            (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 404, 404, 404, 200))
        for view in ("delete", "inspect", "history", "history-results", "usage")
    ),
    row("admin survey edit (post)",
     lambda s: f"/admin/surveys/edit/{s.survey.pk}/", "post",
     (LOGIN, NO_ADMIN, NO_ADMIN, *(to("/admin/surveys/"),) * 3, 404, DENIED, DENIED,
      to("/admin/surveys/")),
     data=lambda s: {**s.form_data(f"/admin/surveys/edit/{s.survey.pk}/"),
                     "title": "Renamed"},
     effect=lambda s: Survey.objects.get(pk=s.survey.pk).title,
     writers=("own", "lead", "co", "superuser")),
    # --- alumni and expert network: trainee's profile is for certificate
    # holders (only trainee holds one), trainee2's is public
    row("network directory", lambda s: "/network/", "get", (200,) * 10),
    row("network profile (for certificate holders)",
        lambda s: f"/network/people/{_network(s)['holders'].pk}/", "get",
        (404, 200, *(404,) * 8)),
    row("network contact", lambda s: f"/network/people/{_network(s)['public'].pk}/contact/",
        "get", (LOGIN, 200, 404, *(200,) * 7)),
    row("network contact (post)",
        lambda s: f"/network/people/{_network(s)['public'].pk}/contact/", "post",
        # trainee has a request pending already: sent back to the form with the reason
        (LOGIN, 200, 404, *(to("/network/requests/"),) * 7),
        data=lambda s: {"message": "I would like to talk about PPH requests."},
        effect=lambda s: _network(s)["public"].user.contact_requests_received.count(),
        writers=ROLES[3:]),
    row("network requests", lambda s: "/network/requests/", "get",
        (LOGIN, *(200,) * 9)),
    row("network request answer",
        lambda s: f"/network/requests/{_network(s)['contact'].pk}/", "post",
        (LOGIN, *(to("/network/requests/"),) * 9),
        data=lambda s: {"decision": "accept"},
        effect=lambda s: s.network["contact"].__class__.objects.get(
            pk=s.network["contact"].pk).status,
        writers=("trainee2",)),
    row("network my profile", lambda s: "/network/me/", "get",
        (LOGIN, *(200,) * 9)),
    row("network my profile (post)", lambda s: "/network/me/", "post",
        (LOGIN, *(to("/network/me/"),) * 9),
        data=lambda s: {"opted_in": "on", "visibility": "public"},
        effect=_network_profiles, writers=ROLES[1:]),
    row("network role answer",
        lambda s: f"/network/me/roles/{_network(s)['designation'].pk}/", "post",
        (LOGIN, *(to("/network/me/"),) * 9),
        data=lambda s: {"decision": "accept"},
        effect=lambda s: s.network["designation"].__class__.objects.get(
            pk=s.network["designation"].pk).status,
        writers=("trainee",)),
    row("api network profiles", lambda s: "/api/v1/network/profiles/", "get",
        (200,) * 10),
    # --- experts and trainers in the admin: coordinators propose for their
    # own office's people; nobody edits a proposal (consent is to what was asked)
    row("admin designations", lambda s: "/admin/designations/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, DENIED, DENIED, 200)),
    row("admin designations results", lambda s: "/admin/designations/results/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, DENIED, DENIED, 200)),
    row("admin designation add", lambda s: "/admin/designations/new/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, 200, 200, 200, 200, DENIED, DENIED, 200)),
    row("admin designation add (post)", lambda s: "/admin/designations/new/", "post",
        # trainee is the own office's nominee: other offices get the form back
        (LOGIN, NO_ADMIN, NO_ADMIN, to("/admin/designations/"), 200, 200, 200, DENIED,
         DENIED, to("/admin/designations/")),
        data=lambda s: {"office": s.own_office.pk, "user": s.users["trainee"].pk,
                        "kind": "trainer"},
        effect=lambda s: sorted(s.own_office.designations.values_list("kind", flat=True)),
        writers=("own", "superuser")),
    row("admin designation edit", _designation_url("edit"), "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, *(DENIED,) * 7)),
    *[
        row(f"admin designation {view}", _designation_url(view), "get",
            (LOGIN, NO_ADMIN, NO_ADMIN, 200, *(404,) * 5, 200))
        for view in ("inspect", "delete", "history", "history-results")
    ],
    # Wagtail's usage view asks for "change", which nobody has here.
    row("admin designation usage", _designation_url("usage"), "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, DENIED, *(404,) * 5, DENIED)),
    # --- discussions (the past cohort: completed, so read-only; the instructor
    # teaches it; moderators are the lead office and the instructor)
    row("discussions of a cohort", lambda s: f"/exchange/cohorts/{s.past.slug}/", "get",
        MEMBERS),
    row("discussion space (whole cohort)", lambda s: f"/exchange/spaces/{s.whole.pk}/",
        "get", MEMBERS),
    row("discussion space (an office's)", lambda s: f"/exchange/spaces/{s.own_space.pk}/",
        "get", (LOGIN, 200, 404, 200, 200, 404, 404, 200, 404, 200)),
    row("discussion topic create (completed: refused)",
        lambda s: f"/exchange/spaces/{s.whole.pk}/", "post", MEMBERS_REFUSED,
        data=lambda s: {"title": "Late", "body": "Too late"},
        effect=lambda s: Post.objects.count(), writers=()),
    row("discussion topic", lambda s: f"/exchange/topics/{s.topic.pk}/", "get", MEMBERS),
    row("discussion reply (completed: refused)",
        lambda s: f"/exchange/topics/{s.topic.pk}/", "post", MEMBERS_REFUSED,
        data=lambda s: {"body": "Too late"},
        effect=lambda s: Post.objects.count(), writers=()),
    row("discussion post edit (completed: nobody)",
        lambda s: f"/exchange/posts/{s.topic.pk}/edit/", "get", (LOGIN, *(404,) * 9)),
    row("discussion post edit (post)", lambda s: f"/exchange/posts/{s.topic.pk}/edit/",
        "post", (LOGIN, 400, 403, 403, 403, 403, 404, 403, 404, 403),
        data=lambda s: {"title": "Changed", "body": "Changed"},
        effect=lambda s: Post.objects.get(pk=s.topic.pk).body, writers=()),
    *[
        row(f"discussion post {action} (completed: refused)",
            (lambda a: lambda s: f"/exchange/posts/{s.topic.pk}/{a}/")(action), "post",
            (LOGIN, 400, 403, 403, 400, 403, 404, 400, 404, 400),
            effect=lambda s: Post.objects.get(pk=s.topic.pk).deleted_at, writers=())
        for action in ("delete", "restore")
    ],
    row("discussion post report", lambda s: f"/exchange/posts/{s.topic.pk}/report/",
        "get", MEMBERS),
    row("discussion post report (post)",
        lambda s: f"/exchange/posts/{s.topic.pk}/report/", "post",
        (LOGIN, 403, *(to(lambda s: f"/exchange/topics/{s.topic.pk}/"),) * 4, 404,
         to(lambda s: f"/exchange/topics/{s.topic.pk}/"), 404,
         to(lambda s: f"/exchange/topics/{s.topic.pk}/")),
        data=lambda s: {"reason": "Off topic"},
        effect=lambda s: Report.objects.count(),
        writers=("trainee2", "own", "lead", "co", "instructor", "superuser")),
    row("discussion attachment", lambda s: f"/exchange/posts/{s.topic.pk}/attachment/",
        "get", MEMBERS, body=PDF_FILE),
    row("discussion space follow (post)",
        lambda s: f"/exchange/spaces/{s.whole.pk}/follow/", "post",
        (LOGIN, *(to(lambda s: f"/exchange/spaces/{s.whole.pk}/"),) * 5, 404,
         to(lambda s: f"/exchange/spaces/{s.whole.pk}/"), 404,
         to(lambda s: f"/exchange/spaces/{s.whole.pk}/")),
        data=lambda s: {"mode": "weekly"},
        effect=lambda s: Follow.objects.count(),
        writers=("trainee", "trainee2", "own", "lead", "co", "instructor", "superuser")),
    row("discussion thread follow (post)",
        lambda s: f"/exchange/topics/{s.topic.pk}/follow/", "post",
        (LOGIN, *(to(lambda s: f"/exchange/topics/{s.topic.pk}/"),) * 5, 404,
         to(lambda s: f"/exchange/topics/{s.topic.pk}/"), 404,
         to(lambda s: f"/exchange/topics/{s.topic.pk}/")),
        data=lambda s: {"mode": "instant"},
        effect=lambda s: Follow.objects.filter(topic=s.topic).count(),
        writers=("trainee", "trainee2", "own", "lead", "co", "instructor", "superuser")),
    row("discussion space anonymity (post)",
        lambda s: f"/exchange/spaces/{s.whole.pk}/anonymity/", "post",
        (LOGIN, 403, 403, 403, to(lambda s: f"/exchange/spaces/{s.whole.pk}/"), 403, 404,
         to(lambda s: f"/exchange/spaces/{s.whole.pk}/"), 404,
         to(lambda s: f"/exchange/spaces/{s.whole.pk}/")),
        data=lambda s: {"anonymous": "on"},
        effect=lambda s: Space.objects.get(pk=s.whole.pk).anonymous_to_classmates,
        writers=("lead", "instructor", "superuser")),
    row("discussion email settings", lambda s: "/exchange/preferences/", "get",
        (LOGIN, *(200,) * 9)),
    row("discussion email settings (post)", lambda s: "/exchange/preferences/", "post",
        (LOGIN, *(to("/exchange/preferences/"),) * 9),
        data=lambda s: {"default_mode": "weekly"},
        effect=lambda s: Preference.objects.count(), writers=ROLES[1:]),
    row("discussion unsubscribe (the token is the credential)",
        lambda s: f"/exchange/unsubscribe/{_unsubscribe(s)}/", "get", (200,) * 10),
    row("discussion unsubscribe (one-click post)",
        lambda s: f"/exchange/unsubscribe/{_unsubscribe(s)}/", "post", (200,) * 10,
        effect=lambda s: Follow.objects.filter(mode="none").count(), writers=ROLES),
    row("admin discussion moderation", lambda s: "/admin/exchange/moderation/", "get",
        (LOGIN, NO_ADMIN, NO_ADMIN, DENIED, 200, DENIED, 200, 200, DENIED, 200)),
    row("admin discussion moderation decide (completed: refused)",
        lambda s: f"/admin/exchange/moderation/posts/{s.topic.pk}/remove/", "post",
        MODERATORS, effect=lambda s: Post.objects.get(pk=s.topic.pk).status,
        writers=()),
    row("admin discussion moderation mute (completed: refused)",
        lambda s: f"/admin/exchange/moderation/authors/{s.topic.pk}/mute/", "post",
        MODERATORS, effect=lambda s: Restriction.objects.count(),
        writers=()),
    row("admin discussion moderation lift (completed: refused)",
        lambda s: f"/admin/exchange/moderation/restrictions/{s.restriction.pk}/lift/",
        "post", MODERATORS, effect=lambda s: Restriction.objects.count(),
        writers=()),
]  # fmt: skip


class _FormReader(HTMLParser):
    """The fields of the page's main POST form, as a browser would submit them."""

    def __init__(self, action):
        super().__init__()
        self.action, self.forms, self.form = action, [], None
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.form = {"action": a.get("action") or "", "data": {}}
            self.forms.append(self.form)
        if self.form is None or "name" not in a and tag != "option":
            return
        if "__prefix__" in a.get("name", ""):  # an empty inline form's template
            return
        data = self.form["data"]
        if tag == "input" and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            default = "on" if a.get("type") in ("checkbox", "radio") else ""
            data.setdefault(a["name"], []).append(a.get("value", default))
        elif tag == "select":
            self.select = (a["name"], "multiple" in a, [])
            data.setdefault(a["name"], [])
        elif tag == "option" and self.select:
            self.select[2].append(a.get("value", ""))
            if "selected" in a:
                data[self.select[0]].append(a.get("value", ""))
        elif tag == "textarea":
            self.textarea = a["name"]
            data[a["name"]] = [""]

    def handle_data(self, text):
        if self.textarea:
            self.form["data"][self.textarea][0] += text

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select:
            name, multiple, options = self.select
            if not multiple and not self.form["data"][name] and options:
                self.form["data"][name] = options[:1]
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def data(self) -> dict:
        (form,) = [f for f in self.forms if f["action"] in ("", self.action)] or [
            max(self.forms, key=lambda f: len(f["data"]))
        ]
        return {k: v if len(v) != 1 else v[0] for k, v in form["data"].items()}


class Scenario:
    """A cohort led by `lead`, co-organized by `own` (the trainee's office) and
    `co` (trainee2's office); a completed cohort of the same offices."""

    def __init__(self):
        self.lead_office = OfficeFactory(short_code="lead")
        self.own_office = OfficeFactory(short_code="own")
        self.co_office = OfficeFactory(short_code="co")
        self.outsider_office = OfficeFactory(short_code="outsider")
        self.cohort = CohortFactory(lead_office=self.lead_office, lead_quota=5)
        for office in (self.own_office, self.co_office):
            CohortOfficeFactory(cohort=self.cohort, office=office)
        CohortFactory(lead_office=self.outsider_office)  # the outsider's own cohort
        self.draft = CohortFactory(
            lead_office=self.lead_office, status=Cohort.Status.DRAFT
        )
        trainee = UserFactory(groups=[roles.TRAINEES], email="own.nominee@example.org")
        trainee2 = UserFactory(groups=[roles.TRAINEES], email="co.nominee@example.org")
        self.enrolment = EnrolmentFactory(
            cohort=self.cohort,
            user=trainee,
            office=self.own_office,
            employer="Own Nominee Employer Ltd",
        )
        self.enrolment2 = EnrolmentFactory(
            cohort=self.cohort,
            user=trainee2,
            office=self.co_office,
            employer="Co Nominee Employer Ltd",
        )
        self.group = Group.objects.get(name=roles.PLATFORM_ADMINS)
        self.users = {
            "anonymous": None,
            "trainee": trainee,
            "trainee2": trainee2,
            "own": coordinator_of(self.own_office),
            "lead": coordinator_of(self.lead_office),
            "co": coordinator_of(self.co_office),
            "outsider": coordinator_of(self.outsider_office),
            "instructor": UserFactory(groups=[roles.INSTRUCTORS]),
            "platform_admin": UserFactory(
                is_staff=True, groups=[roles.PLATFORM_ADMINS]
            ),
            "superuser": UserFactory(is_staff=True, is_superuser=True),
        }
        self.other_superuser = UserFactory(is_staff=True, is_superuser=True)
        self._past()
        self.tokens = {
            role: office_api_token_create(office=office, name="test")[1]
            for role, office in (
                ("own", self.own_office),
                ("lead", self.lead_office),
                ("co", self.co_office),
                ("outsider", self.outsider_office),
            )
        }
        self.ids = {
            "offices": self.own_office.pk,
            "office_memberships": OfficeMembership.objects.first().pk,
            "office_api_tokens": OfficeApiToken.objects.first().pk,
        }

    def _past(self):
        """A completed cohort led by `lead` (own and co take part): both trainees
        completed it; a past session the instructor taught and one under way, a
        quiz attempt, an assignment with a file, a certificate with its PDF
        endorsed by own, an issuing batch."""
        trainee, trainee2 = self.users["trainee"], self.users["trainee2"]
        # Its history is written while it runs: a completed cohort refuses writes.
        self.past = CompletedCohortFactory(
            lead_office=self.lead_office, status=Cohort.Status.RUNNING
        )
        for office in (self.own_office, self.co_office):
            CohortOfficeFactory(cohort=self.past, office=office)
        self.past_enrolment = CompletedEnrolmentFactory(
            cohort=self.past,
            user=trainee,
            office=self.own_office,
            employer=self.enrolment.employer,
        )
        CompletedEnrolmentFactory(
            cohort=self.past,
            user=trainee2,
            office=self.co_office,
            employer=self.enrolment2.employer,
        )
        self.certificate = certificate_issue(enrolment=self.past_enrolment)
        self.certificate.pdf.save("certificate.pdf", ContentFile(PDF))
        self.session = SessionFactory(cohort=self.past)
        self.session.instructors.add(self.users["instructor"])
        now = timezone.now()
        self.live = SessionFactory(
            cohort=self.past, starts_at=now - datetime.timedelta(minutes=5)
        )
        due = now + datetime.timedelta(days=1)
        self.quiz, self.quiz2 = (
            QuizFactory(cohort=self.past, due_at=due),
            QuizFactory(cohort=self.past, due_at=due),
        )
        for quiz in (self.quiz, self.quiz2):
            question_with_choices(quiz, "single", [("Yes", True), ("No", False)])
        self.attempt = quiz_attempt_start(
            assessment=self.quiz, enrolment=self.past_enrolment
        )
        self.assignment = AssessmentFactory(cohort=self.past)
        self.survey = SurveyFactory(
            cohort=self.past, opens_on=timezone.localdate() - datetime.timedelta(days=1)
        )
        self.survey_question = SurveyQuestionFactory(survey=self.survey)
        self.submission = assignment_submit(
            assessment=self.assignment,
            enrolment=self.past_enrolment,
            file=SimpleUploadedFile("memo.pdf", PDF, "application/pdf"),
        )
        self._discussions()
        Cohort.objects.filter(pk=self.past.pk).update(status=Cohort.Status.COMPLETED)
        self.past.status = Cohort.Status.COMPLETED
        # own approves with the platform-held key: its endorsement is signed
        with TestCase.captureOnCommitCallbacks(execute=True):
            cohort_endorsement_approve(
                cohort=self.past,
                office=self.own_office,
                by=self.users["own"],
                signatory_name="Own Coordinator",
                signatory_title="",
            )
        self.batch = CertificateBatch.objects.create(
            cohort=self.past, requested_by=self.users["lead"]
        )
        self.records_archive = TrainingRecordArchive.objects.create(
            requested_by=self.users["own"],
            status=TrainingRecordArchive.Status.DONE,
            total=1,
            done=1,
        )
        zipped = io.BytesIO()
        with zipfile.ZipFile(zipped, "w") as archive:
            archive.writestr("0001-own-nominee.pdf", PDF)
        self.records_archive.file.save("records.zip", ContentFile(zipped.getvalue()))
        self.calendar_token = calendar_token_get(user=trainee).token
        # The open cohort has something to complete on (completing needs it).
        AssessmentFactory(cohort=self.cohort)
        self.course = CoursePageFactory()
        self.lesson = LessonPageFactory(parent=self.course)

    def _discussions(self):
        """The past cohort's spaces; the trainee's topic (with a PDF) in the
        whole-cohort space and one in the own office's space; a non-member
        banned (for lifting)."""
        from exchange.models import Restriction
        from exchange.selectors import member_access
        from exchange.services.posts import post_create
        from exchange.services.spaces import spaces_ensure_for_cohort

        spaces = {s.office_id: s for s in spaces_ensure_for_cohort(cohort=self.past)}
        self.whole, self.own_space = spaces[None], spaces[self.own_office.pk]
        access = member_access(self.users["trainee"], self.past)
        self.topic = post_create(
            space=self.whole,
            access=access,
            title="Claims tables",
            body="How do you prepare them?",
            attachment=SimpleUploadedFile("table.pdf", PDF, "application/pdf"),
        )
        post_create(
            space=self.own_space, access=access, title="Own office only", body="Hi"
        )
        self.restriction = Restriction.objects.create(
            cohort=self.past, user=self.users["platform_admin"], kind="ban"
        )

    def form_data(self, path) -> dict:
        """The form at `path` as the superuser's browser would submit it."""
        from django.test import Client

        browser = Client()
        browser.force_login(self.users["superuser"])
        page = browser.get(path)
        assert page.status_code == 200, (path, page.status_code)
        reader = _FormReader(path)
        reader.feed(page.content.decode())
        return reader.data()


@pytest.fixture(autouse=True)
def _files_and_keys(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.SIGNING_KEYS_DIR = str(tmp_path / "keys")
    settings.SIGNING_KEYS_AUTO_CREATE = True


def _answer(response, path, scenario) -> str:
    """How the response reads in the matrix's own terms (for failure messages)."""
    if response.status_code != 302:
        return str(response.status_code)
    for name, want in (("LOGIN", LOGIN), ("NO_ADMIN", NO_ADMIN), ("DENIED", DENIED)):
        if not _redirect_mismatch(response, want, path, scenario):
            return name
    return f"to({urlsplit(response['Location']).path!r})"


def _redirect_mismatch(response, want: Redirect, path, scenario) -> str:
    if response.status_code != 302:
        return f"status {response.status_code}"
    location = urlsplit(response["Location"])
    if location.path != want.path(scenario):
        return f"to {location.path}"
    if want.next is True and parse_qs(location.query).get("next") != [path]:
        return f"next={parse_qs(location.query).get('next')}"
    if want.next is False and "next" in parse_qs(location.query):
        return "with next="
    queued = [str(m).strip() for m in get_messages(response.wsgi_request)]
    if want.message and want.message not in queued:
        return f"messages {queued}"
    if not want.message and any(
        m in queued for m in (NO_ADMIN.message, DENIED.message)
    ):
        return f"messages {queued}"
    return ""


# Wagtail's and the Django admin's log-in URLs only hand over to allauth (or
# refuse): a redirect to one of them is followed to where it really sends you.
LOGIN_DOORS = ("/admin/login/", "/django-admin/login/")


def _through_doors(client, response, path):
    if path.startswith(LOGIN_DOORS):
        return response
    for _hop in range(2):
        if response.status_code != 302:
            break
        location = urlsplit(response["Location"])
        if location.path not in LOGIN_DOORS:
            break
        response = client.get(response["Location"])
    return response


def _request(client, row, path, data, scenario, role):
    headers = {}
    if path.startswith("/api/") and role in scenario.tokens:
        headers["Authorization"] = f"Bearer {scenario.tokens[role]}"
    if row.method == "get":
        return client.get(path, headers=headers)
    body = {
        k: SimpleUploadedFile(v[0], v[1]) if isinstance(v, tuple) else v
        for k, v in data.items()
    }
    return client.post(path, body, headers=headers)


def _check(row, response, want, path, scenario, role, changed) -> list[str]:
    problems = []
    if isinstance(want, Redirect):
        problem = _redirect_mismatch(response, want, path, scenario)
        if problem:
            problems.append(f"got {_answer(response, path, scenario)} ({problem})")
    elif response.status_code != want:
        problems.append(f"got {_answer(response, path, scenario)}")
    if row.effect is not None and changed != (role in row.writers):
        problems.append("wrote" if changed else "did not write")
    if row.body is not None and response.status_code == 200:
        try:
            row.body(response, scenario)
        except AssertionError as exc:
            problems.append(f"not the file: {exc}")
        text = _text(response)
        leaked = [d for d in _foreign_details(scenario, role) if d in text]
        if leaked:
            problems.append(f"shows another office's nominee's {leaked}")
    return problems


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_permission_matrix(client, row):
    assert row.expected is None or len(row.expected) == len(ROLES)
    assert row.expected is None or 302 not in row.expected, "give a redirect's target"
    assert set(row.writers) <= set(ROLES)
    scenario = Scenario()
    path = row.url(scenario)
    data = row.data(scenario) if row.data else {}
    mismatches, actual = [], []
    for role, want in zip(ROLES, row.expected or (None,) * len(ROLES), strict=True):
        with transaction.atomic():
            client.logout()
            cache.clear()  # rate limits count per test, not per role
            if scenario.users[role] is not None:
                client.force_login(scenario.users[role])
            before = row.effect(scenario) if row.effect else None
            response = _through_doors(
                client, _request(client, row, path, data, scenario, role), path
            )
            changed = row.effect is not None and row.effect(scenario) != before
            actual.append(_answer(response, path, scenario) + ("*" if changed else ""))
            if want is not None:
                problems = _check(row, response, want, path, scenario, role, changed)
                mismatches += [f"{role}: {p}" for p in problems]
            transaction.set_rollback(True)
    assert not mismatches, f"{row.name} {path}: " + "; ".join(mismatches)
    assert row.expected is not None, f"ACTUAL {row.name}: ({', '.join(actual)})"


def test_co_organizer_sees_roster_without_other_offices_details(client):
    s = Scenario()
    client.force_login(s.users["co"])
    page = client.get(f"/admin/cohorts/applications/{s.cohort.pk}/").content.decode()
    assert str(s.enrolment.user.get_full_name()) in page
    assert s.enrolment.employer not in page
    assert s.enrolment.user.email not in page
    assert s.enrolment2.employer in page
    for role in ("own", "lead"):
        client.force_login(s.users[role])
        page = client.get(f"/admin/cohorts/applications/{s.cohort.pk}/")
        assert s.enrolment.employer in page.content.decode()


def test_api_roster_gives_details_to_nominating_and_lead_offices_only(client):
    s = Scenario()
    url = f"/api/v1/cohorts/{s.cohort.slug}/roster/"
    seen = {}
    for role in ("own", "lead", "co"):
        response = client.get(
            url, headers={"Authorization": f"Bearer {s.tokens[role]}"}
        )
        entry = next(e for e in response.json() if e["id"] == s.enrolment.pk)
        seen[role] = entry.get("employer")
    assert seen == {
        "own": s.enrolment.employer,
        "lead": s.enrolment.employer,
        "co": None,
    }


def test_revoked_token_is_refused(client):
    s = Scenario()
    OfficeApiToken.objects.filter(office=s.lead_office).update(
        revoked_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client.get(
        "/api/v1/cohorts/", headers={"Authorization": f"Bearer {s.tokens['lead']}"}
    )
    assert response.status_code == 401


# ---- every URL has a row ----

# Open to anyone by design (verification, identities, schema, search); each is
# covered by its own tests, with rate limits where lookups are public.
PUBLIC_VIEWS = {
    "healthz",
    "did_platform",
    "did_office",
    "set_language",
    "courses:search",
    "certificates:verify_form",
    "certificates:verify",
    "certificates:verify_code",
    "certificates:status_list",
    "certificates:credential_json",
    "certificates:credential_jwt",
    "certificates:credential_refresh",
    "certificates:achievement",
    "certificates:achievement_badge",
    "certificates:issuer_image",
    # Wallet pickup: wallets hold no session; each call needs a one-time secret
    # (exchange id, pre-authorised code, access token), rate limited
    # (tests/certificates/test_wallet_pickup.py).
    "certificates:wallet_exchange",
    "certificates:oid4vci_metadata",
    "certificates:oid4vci_authorization_server",
    "certificates:oid4vci_token",
    "certificates:oid4vci_nonce",
    "certificates:oid4vci_credential",
    "api-v1:api-root",
    "api-v1:openapi-json",
    "api-v1:openapi-view",
    "api-v1:certificate_verify",
}
PROJECT_APPS = {
    "accounts", "cms", "cohorts", "courses", "certificates", "exchange", "training",
}  # fmt: skip
ADMIN_PREFIXES = ("admin/", "django-admin/")

# Admin URLs that need a row whatever else is declared: who may log in, and
# who may change people, groups and permissions.
SECURITY_RELEVANT = (
    "wagtailadmin_home",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_account",
    "wagtailusers_",
    "admin:index",
    "admin:login",
    "admin:logout",
    "admin:password_change",
    "admin:auth_",
    "admin:accounts_",
)

# Admin URLs without a row, by name prefix, each with the reason.
ADMIN_NOT_IN_MATRIX = {
    "wagtailadmin_pages:": "page editing: page permissions on the course tree "
    "(tests/courses)",
    "wagtailadmin_explore": "page explorer: page permissions, as the page editor",
    "wagtailadmin_choose_page": "page chooser: lists pages the user may choose",
    "wagtailadmin_workflows:": "Wagtail moderation workflows: its own permissions",
    "wagtailadmin_reports:": "Wagtail's reports: its own permissions",
    "wagtailadmin_collections:": "collections: Wagtail's collection permissions",
    "wagtailadmin_api:": "the admin's page/image/document API behind the editor",
    "wagtailadmin_editing_sessions:": "concurrent-editing pings of the page editor",
    "wagtailadmin_tag": "tag autocomplete for editors",
    "wagtailadmin_sprite": "static icon sprite",
    "wagtailadmin_javascript_catalog": "static translations",
    "wagtailadmin_dismissibles": "the user's own dismissed hints",
    "wagtailadmin_block_preview": "StreamField block preview for editors",
    "wagtailadmin_error_test": "deliberate 500 for monitoring, admin access only",
    "wagtail_bulk_action": "bulk actions: each action checks its object's permissions",
    "wagtailimages": "images: Wagtail's collection permissions (roles migration)",
    "wagtaildocs": "documents: Wagtail's collection permissions (roles migration)",
    "wagtailsnippets": "editorial snippets: model permissions",
    "wagtailsnippetchoosers": "snippet choosers for editors: model permissions",
    "wagtailsites:": "sites: superusers only by Wagtail's model permissions",
    "wagtaillocales:": "locales: superusers only by Wagtail's model permissions",
    "wagtailredirects:": "redirects: Wagtail's model permissions",
    "wagtailforms:": "form submissions: page permissions",
    "wagtailsettings:": "site settings: Wagtail's model permissions",
    "wagtailembeds:": "embed chooser for editors",
    "wagtail_localize": "translation workflow: page permissions",
    "courses_translation_": "translating pages (wagtail-localize's views narrowed, "
    "submit for review): page permissions (tests/courses/test_translation_admin.py)",
    "admin:": "Django admin model pages behind the index the rows check "
    "(AdminSite.has_permission guards every one)",
}


def _views(patterns, prefix="", namespaces=()):
    """(route, view name, module) of every named URL."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = (
                (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            )
            yield from _views(pattern.url_patterns, route, inner)
        elif pattern.name:
            name = ":".join((*namespaces, pattern.name))
            yield route, name, getattr(pattern.callback, "__module__", "") or ""


def _needs_row(route, name, module) -> bool:
    if route.startswith(ADMIN_PREFIXES):
        if name.startswith(SECURITY_RELEVANT):
            return True
        return not name.startswith(tuple(ADMIN_NOT_IN_MATRIX))
    return name.startswith("api-v1:") or module.split(".")[0] in PROJECT_APPS


def test_no_security_relevant_admin_url_is_declared_away():
    for prefix in ADMIN_NOT_IN_MATRIX:
        assert not prefix.startswith(SECURITY_RELEVANT), prefix


def test_every_url_is_in_the_matrix_or_declared():
    """A new view (ours, Wagtail's or Django admin's) fails here without a row."""
    scenario = Scenario()
    paths = {r.url(scenario).split("?")[0] for r in ROWS}
    covered = {resolve(path).view_name for path in paths}
    for route, name, _module in _views(get_resolver().url_patterns):
        if "<" not in route and "(" not in route and reverse(name) in paths:
            covered.add(name)  # a project view in front of the named one
    needed = {
        name
        for route, name, module in _views(get_resolver().url_patterns)
        if _needs_row(route, name, module)
    }
    missing = needed - covered - PUBLIC_VIEWS
    assert not missing, f"URLs without a permission-matrix row: {sorted(missing)}"
