"""The one page flow behind every CSV import: upload, preview, confirm.

Uploading runs the import's own validation (its dry run) and shows every row's
outcome and error; nothing is written. When every row is valid the file's bytes
are kept in the cache under an unguessable token, tied to the user, the import
and its cohort (or session), for IMPORT_PREVIEW_MINUTES. "Confirm import" posts
only the token: the real run validates again, and if what it would write is not
what the preview showed (someone changed the data meanwhile) it is rolled back
and the new preview is shown instead.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.csv_import import ImportResult, import_max_bytes
from training.exceptions import ApplicationError

_CACHE_PREFIX = "csv-import-preview:"


@dataclass
class ImportFlow:
    """One import's parts: how to run it, its page, and where a success leads."""

    kind: str  # "roster", "attendance" or "grades"
    scope: str  # the cohort (and session) the upload is for
    run: Callable[[bytes, bool], ImportResult]  # (data, dry_run) → result
    form_class: type[forms.Form]
    template: str
    render: Callable[..., HttpResponse]  # render(request, template, context, status=)
    done: Callable[[ImportResult], str]  # queue the success message, give the URL
    context: dict = field(default_factory=dict)


def _key(token: str) -> str:
    return _CACHE_PREFIX + token


def _keep(request, flow: ImportFlow, data: bytes, result: ImportResult) -> str:
    token = secrets.token_urlsafe(32)
    minutes = settings.IMPORT_PREVIEW_MINUTES
    cache.set(
        _key(token),
        {
            "user": request.user.pk,
            "kind": flow.kind,
            "scope": flow.scope,
            "data": data,
            "fingerprint": result.fingerprint(),
            "expires": timezone.now() + timedelta(minutes=minutes),
        },
        timeout=minutes * 60,
    )
    return token


def _kept(request, flow: ImportFlow, token: str) -> dict | str:
    """The kept upload for `token`, or the message saying why it cannot be used."""
    entry = cache.get(_key(token)) if 20 <= len(token) <= 100 else None
    if entry is None or timezone.now() >= entry["expires"]:
        return _(
            "This preview has expired or was already used (a preview is kept "
            "for %(minutes)s minutes). Upload the file again."
        ) % {"minutes": settings.IMPORT_PREVIEW_MINUTES}
    if (entry["user"], entry["kind"], entry["scope"]) != (
        request.user.pk,
        flow.kind,
        flow.scope,
    ):
        return _(
            "This preview belongs to another person or to another import. "
            "Upload the file here to see your own preview."
        )
    return entry


def _page(request, flow, form, result=None, token="", status=None):
    if status is None:
        status = 400 if form.errors or (result is not None and not result.ok) else 200
    context = {**flow.context, "form": form, "result": result, "token": token}
    return flow.render(request, flow.template, context, status=status)


def _upload(request, flow: ImportFlow) -> HttpResponse:
    form = flow.form_class(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, flow, form)
    # The form has checked the size; read no more than the cap all the same.
    data = form.cleaned_data["file"].read(import_max_bytes() + 1)
    try:
        result = flow.run(data, True)
    except ApplicationError as exc:
        form.add_error(None, exc.message)
        return _page(request, flow, form)
    token = _keep(request, flow, data, result) if result.ok else ""
    return _page(request, flow, flow.form_class(), result, token)


def _confirm(request, flow: ImportFlow) -> HttpResponse:
    token = request.POST["token"]
    entry = _kept(request, flow, token)
    if isinstance(entry, str):
        messages.error(request, entry)
        return redirect(request.path)
    try:
        with transaction.atomic():
            result = flow.run(entry["data"], False)
            changed = result.fingerprint() != entry["fingerprint"]
            if changed:
                # Undo the write, and the emails and tasks queued on commit.
                transaction.set_rollback(True)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(request.path)
    cache.delete(_key(token))
    if result.written and not changed:
        return redirect(flow.done(result))
    result.written = False
    if result.ok:
        messages.warning(
            request,
            _(
                "The cohort's records changed since your preview, so nothing was "
                "saved. Check the rows below again, then confirm."
            ),
        )
        token = _keep(request, flow, entry["data"], result)
        return _page(request, flow, flow.form_class(), result, token)
    messages.error(
        request,
        _(
            "The cohort's records changed since your preview and some rows are "
            "no longer valid, so nothing was saved."
        ),
    )
    return _page(request, flow, flow.form_class(), result)


def import_flow_view(request: HttpRequest, flow: ImportFlow) -> HttpResponse:
    """Answer a GET (the upload form), an upload (the preview) or a confirm."""
    if request.method != "POST":
        return _page(request, flow, flow.form_class())
    if "token" in request.POST:
        return _confirm(request, flow)
    return _upload(request, flow)
