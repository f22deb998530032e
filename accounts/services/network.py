"""Writes of the alumni and expert network: profiles, contact requests and the
offices' expert and trainer designations.

Who may see a profile is `accounts.selectors.network_profiles_visible_to`; the
services check it again, so no caller (page, API, command) can go around it.
"""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.search import index

from accounts.exceptions import (
    ContactLimitError,
    ContactNotAllowedError,
    DesignationError,
)
from accounts.models import ContactRequest, NetworkProfile, OfficeDesignation, User
from accounts.selectors import (
    CONTACT_REQUESTS_PER_DAY,
    contact_requests_sent_today,
    network_profile_choices_for,
    network_profiles_visible_to,
    office_designation_candidates,
)
from accounts.services import email_enqueue
from training import audit


def network_profile_get_or_new(*, user) -> NetworkProfile:
    """The member's profile, or an unsaved hidden one (nothing is listed by default)."""
    try:
        return user.network_profile
    except NetworkProfile.DoesNotExist:
        return NetworkProfile(user=user)


@transaction.atomic
def network_profile_save(
    *,
    user,
    opted_in: bool,
    visibility: str,
    expertise=(),
    languages=(),
    office=None,
    country: str = "",
    bio: str = "",
    shown_cohorts=(),
    shown_certificates=(),
) -> NetworkProfile:
    """Create or update the member's profile; re-index it for the directory.

    Only the member's own admitted cohorts and valid certificates can be shown
    (others are dropped). Raises ValidationError for invalid values.
    """
    # Lock the member's row: two saves at once must not both create a profile.
    User.objects.select_for_update().filter(pk=user.pk).first()
    profile = NetworkProfile.objects.filter(user=user).first() or NetworkProfile(
        user=user
    )
    profile.opted_in = opted_in
    profile.visibility = visibility
    profile.languages = NetworkProfile.join_languages(languages)
    profile.office = office
    profile.country = country.strip()
    profile.bio = bio.strip()
    profile.full_clean()
    profile.save()
    allowed = network_profile_choices_for(user)
    profile.expertise.set(expertise)
    profile.shown_cohorts.set(allowed["cohorts"].filter(pk__in=_ids(shown_cohorts)))
    profile.shown_certificates.set(
        allowed["certificates"].filter(pk__in=_ids(shown_certificates))
    )
    transaction.on_commit(lambda: index.insert_or_update_object(profile))
    return profile


def _ids(items) -> list[int]:
    return [getattr(item, "pk", item) for item in items]


# ---- contact requests ----


def _notify(*, to: User, key: str, template: str, context: dict) -> None:
    with translation.override(to.language or settings.LANGUAGE_CODE):
        context = {
            "name": to.get_full_name() or _("member"),
            "url": settings.SITE_URL + reverse("network:requests"),
            **context,
        }
        subject = render_to_string(f"network/email/{template}_subject.txt", context)
        body = render_to_string(f"network/email/{template}.txt", context)
    email_enqueue(to=[to.email], subject=" ".join(subject.split()), body=body, key=key)


@transaction.atomic
def contact_request_create(*, requester, expert_profile_id: int, message: str):
    """Send a contact request to the member whose profile `requester` can see.

    At most CONTACT_REQUESTS_PER_DAY a rolling day (ContactLimitError); one
    pending request per expert; never to oneself (ContactNotAllowedError).
    The expert is emailed, without the requester's address.
    """
    # Lock the requester's row: two tabs cannot both pass the daily count.
    User.objects.select_for_update().filter(pk=requester.pk).first()
    profile = (
        network_profiles_visible_to(requester).filter(pk=expert_profile_id).first()
    )
    if profile is None:
        raise ContactNotAllowedError(_("This profile is not available."))
    expert = profile.user
    if expert.pk == requester.pk:
        raise ContactNotAllowedError(
            _("You cannot send a contact request to yourself.")
        )
    if contact_requests_sent_today(requester) >= CONTACT_REQUESTS_PER_DAY:
        raise ContactLimitError(
            _("You can send at most %(n)s contact requests a day. Try again tomorrow.")
            % {"n": CONTACT_REQUESTS_PER_DAY}
        )
    if ContactRequest.objects.filter(
        requester=requester, expert=expert, status=ContactRequest.Status.PENDING
    ).exists():
        raise ContactNotAllowedError(
            _("You have already asked this member; wait for their answer.")
        )
    contact = ContactRequest(requester=requester, expert=expert, message=message)
    contact.full_clean()
    contact.save()
    _notify(
        to=expert,
        key=f"contact-{contact.pk}-received",
        template="contact_received",
        context={
            "requester": requester.get_full_name() or gettext_lazy("A member"),
            "message": contact.message,
        },
    )
    return contact


@transaction.atomic
def contact_request_answer(*, expert, contact_id: int, accept: bool) -> ContactRequest:
    """The expert accepts or declines a pending request addressed to them.

    Accepting emails the requester the expert's address and is audited (an
    email address is disclosed). Declining sends nothing: the requester keeps
    seeing "no answer yet". Raises ContactNotAllowedError for anything but a
    pending request to `expert`.
    """
    contact = (
        ContactRequest.objects.select_for_update()
        .select_related("requester")
        .filter(pk=contact_id, expert=expert, status=ContactRequest.Status.PENDING)
        .first()
    )
    if contact is None:
        raise ContactNotAllowedError(_("This request has already been answered."))
    contact.status = (
        ContactRequest.Status.ACCEPTED if accept else ContactRequest.Status.DECLINED
    )
    contact.answered_at = timezone.now()
    contact.save(update_fields=["status", "answered_at"])
    if accept:
        audit.audit_log(
            audit.NETWORK_CONTACT_ACCEPT,
            contact,
            user=expert,
            data={"requester": contact.requester_id, "expert": expert.pk},
        )
        _notify(
            to=contact.requester,
            key=f"contact-{contact.pk}-accepted",
            template="contact_accepted",
            context={"expert": expert.get_full_name(), "email": expert.email},
        )
    return contact


# ---- offices mark their people as experts or trainers ----


@transaction.atomic
def office_designation_propose(*, office, user, kind: str, by) -> OfficeDesignation:
    """A coordinator of `office` proposes to mark `user` as an expert or trainer.

    Nothing shows until the person accepts. Raises DesignationError when `by`
    does not coordinate the office or `user` is not one of its people.
    Audited. Idempotent per (office, user, kind): a repeated proposal returns
    the existing one.
    """
    from cohorts.selectors.scoping import office_ids_for_user

    if not by.is_superuser and office.pk not in office_ids_for_user(by):
        raise DesignationError(_("You do not coordinate this office."))
    if not office_designation_candidates(office).filter(pk=user.pk).exists():
        raise DesignationError(
            _("Only the office's own staff and nominees can be marked.")
        )
    designation, created = OfficeDesignation.objects.get_or_create(
        office=office, user=user, kind=kind, defaults={"proposed_by": by}
    )
    if created:
        audit.audit_log(
            audit.NETWORK_DESIGNATION_PROPOSE,
            designation,
            user=by,
            data={"office": office.short_code, "kind": kind},
        )
        _notify(
            to=user,
            key=f"designation-{designation.pk}-proposed",
            template="designation_proposed",
            context={
                "office": office.name,
                "kind": OfficeDesignation.Kind(kind).label,
                "url": settings.SITE_URL + reverse("network:my_profile"),
            },
        )
    return designation


@transaction.atomic
def office_designation_answer(*, user, designation_id: int, accept: bool):
    """The person consents to (or refuses) an office's designation; only then it shows.

    They may withdraw consent later by declining. Raises DesignationError for
    a designation that is not theirs.
    """
    designation = (
        OfficeDesignation.objects.select_for_update()
        .filter(pk=designation_id, user=user)
        .first()
    )
    if designation is None:
        raise DesignationError(_("This designation is not yours."))
    designation.status = (
        OfficeDesignation.Status.ACCEPTED
        if accept
        else OfficeDesignation.Status.DECLINED
    )
    designation.answered_at = timezone.now()
    designation.save(update_fields=["status", "answered_at"])
    return designation
