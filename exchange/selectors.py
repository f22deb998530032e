"""Who reads which space, and what a reader is shown of a post.

The one rule, used by every page, download and email: a cohort's members are
its admitted trainees (by the office that nominated them), the coordinators
of its taking-part offices (`cohorts.selectors.scoping`) and its instructors.
The whole-cohort space is read by all of them; an office's space by that
office's nominees and coordinators plus the lead office's coordinators and the
instructors. Moderators are the lead office's coordinators and the cohort's
instructors (the same people who write its assessments). Staff (coordinators,
instructors, superusers) see who wrote an anonymous post; trainees do not.
A banned member reads nothing; a muted one reads but does not write.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cohorts.models import Cohort, CohortOffice, Enrolment, OfficeMembership, Session
from cohorts.selectors.assessments import (
    author_ids_by_cohort,
    cohort_list_for_author,
)
from cohorts.selectors.scoping import office_ids_by_user, office_ids_for_user
from cohorts.services.cohorts import CLOSED_STATUSES
from exchange.exceptions import MemberBannedError
from exchange.models import Follow, Mode, Post, Preference, Restriction, Space


@dataclass
class Access:
    """What one person may do in one cohort's discussions."""

    cohort: Cohort
    user: object
    trainee_office_id: int | None = None
    coordinated: set[int] = field(default_factory=set)  # taking-part offices
    # Lead office coordinators, instructors, superusers: the people who write
    # the cohort's assessments (`user_can_author`) moderate its discussions.
    moderates: bool = False
    superuser: bool = False
    restriction: str = ""

    @property
    def staff(self) -> bool:
        """Sees who wrote anonymous posts."""
        return self.moderates or bool(self.coordinated)

    @property
    def banned(self) -> bool:
        return self.restriction == Restriction.Kind.BAN and not self.superuser

    @property
    def muted(self) -> bool:
        return self.restriction == Restriction.Kind.MUTE and not self.superuser

    @property
    def member(self) -> bool:
        return not self.banned and (self.staff or self.trainee_office_id is not None)

    @property
    def closed(self) -> bool:
        """The cohort is completed or archived: its spaces are read-only."""
        return self.cohort.status in CLOSED_STATUSES

    @property
    def may_write(self) -> bool:
        return self.member and not self.muted and not self.closed

    def reads(self, space: Space) -> bool:
        if not self.member or space.cohort_id != self.cohort.pk:
            return False
        if space.kind == Space.Kind.COHORT or self.moderates:
            return True
        return space.office_id in (self.coordinated | {self.trainee_office_id})


def member_access(user, cohort: Cohort) -> Access:
    """The Access of `user` (anonymous users: nothing) in `cohort`."""
    if not user.is_authenticated:
        return Access(cohort=cohort, user=user)
    return member_accesses([user], [cohort])[(user.pk, cohort.pk)]


def member_accesses(users, cohorts) -> dict[tuple[int, int], Access]:
    """{(user id, cohort id): Access} for every pair of (authenticated) `users`
    and `cohorts`, in six queries however many there are."""
    users, cohorts = list(users), list(cohorts)
    user_ids = [user.pk for user in users]
    cohort_ids = [cohort.pk for cohort in cohorts]
    enrolled = {}
    for user_id, cohort_id, office_id in (
        Enrolment.objects.filter(
            cohort_id__in=cohort_ids,
            user_id__in=user_ids,
            status=Enrolment.Status.ADMITTED,
        )
        .order_by("-pk")
        .values_list("user_id", "cohort_id", "office_id")
    ):
        enrolled[(user_id, cohort_id)] = office_id
    mine = office_ids_by_user(user_ids)
    taking_part = defaultdict(set)
    for cohort_id, office_id in CohortOffice.objects.filter(
        cohort_id__in=cohort_ids
    ).values_list("cohort_id", "office_id"):
        taking_part[cohort_id].add(office_id)
    authors = author_ids_by_cohort(cohorts, user_ids)
    restrictions = {}
    for user_id, cohort_id, kind in (
        Restriction.objects.filter(cohort_id__in=cohort_ids, user_id__in=user_ids)
        .order_by("-pk")
        .values_list("user_id", "cohort_id", "kind")
    ):
        restrictions[(user_id, cohort_id)] = kind
    return {
        (user.pk, cohort.pk): Access(
            cohort=cohort,
            user=user,
            superuser=user.is_superuser,
            trainee_office_id=enrolled.get((user.pk, cohort.pk)),
            coordinated=mine[user.pk] & taking_part[cohort.pk],
            moderates=user.is_superuser or user.pk in authors[cohort.pk],
            restriction=restrictions.get((user.pk, cohort.pk), ""),
        )
        for user in users
        for cohort in cohorts
    }


def _refuse(access: Access, space: Space | None = None):
    """Why `access`'s holder may not read (the cohort, or `space`).

    A banned member who would otherwise read gets MemberBannedError (they
    know they were a member; telling them why is no disclosure); everyone
    else gets Http404, so nobody learns a space or cohort exists.
    """
    if access.banned:
        unbanned = replace(access, restriction="")
        if unbanned.member and (space is None or unbanned.reads(space)):
            return MemberBannedError(
                _("A moderator has banned you from the discussions of “%(cohort)s”.")
                % {"cohort": access.cohort.title}
            )
    return Http404()


def cohort_get_for_member(user, slug: str) -> tuple[Cohort, Access]:
    """The cohort and the user's Access; Http404 unless they are a member,
    MemberBannedError when a moderator banned them from it."""
    cohort = (
        Cohort.objects.select_related("lead_office", "course").filter(slug=slug).first()
    )
    if cohort is None:
        raise Http404
    access = member_access(user, cohort)
    if not access.member:
        raise _refuse(access)
    return cohort, access


def space_get_for_reader(user, pk: int) -> tuple[Space, Access]:
    """The space and the user's Access; Http404 unless they may read it,
    MemberBannedError when only a moderator's ban keeps them out."""
    space = Space.objects.select_related("cohort", "office").filter(pk=pk).first()
    if space is None:
        raise Http404
    access = member_access(user, space.cohort)
    if not access.reads(space):
        raise _refuse(access, space)
    return space, access


def post_get_for_reader(user, pk: int) -> tuple[Post, Access]:
    """The post and the user's Access; Http404 unless they may read its space,
    MemberBannedError when only a moderator's ban keeps them out."""
    post = (
        Post.objects.select_related("space__cohort", "space__office", "author")
        .filter(pk=pk)
        .first()
    )
    if post is None:
        raise Http404
    access = member_access(user, post.space.cohort)
    if not access.reads(post.space):
        raise _refuse(access, post.space)
    return post, access


def space_list_for_access(access: Access) -> list[Space]:
    """The cohort's spaces the member reads, the whole-cohort space first."""
    spaces = Space.objects.filter(cohort=access.cohort).select_related("office")
    return [s for s in spaces if access.reads(s)]


def cohort_list_for_member(user) -> QuerySet[Cohort]:
    """Cohorts whose discussions the user reads: admitted trainees and staff."""
    if not user.is_authenticated:
        return Cohort.objects.none()
    admitted = Enrolment.objects.filter(
        user=user, status=Enrolment.Status.ADMITTED
    ).values("cohort_id")
    taught = Session.objects.filter(instructors=user).values("cohort_id")
    qs = Cohort.objects.exclude(status=Cohort.Status.DRAFT)
    if not user.is_superuser:
        qs = qs.filter(
            Q(pk__in=admitted)
            | Q(pk__in=taught)
            | Q(participations__office_id__in=office_ids_for_user(user))
        ).exclude(
            pk__in=Restriction.objects.filter(
                user=user, kind=Restriction.Kind.BAN
            ).values("cohort_id")
        )
    return qs.distinct().order_by("-start_date")


def cohort_list_for_moderator(user) -> QuerySet[Cohort]:
    """Cohorts the user moderates (lead office coordinators, instructors)."""
    return cohort_list_for_author(user)


def space_reader_ids(space: Space) -> set[int]:
    """Ids of the people who read `space` (superusers only when they follow it)."""
    return space_reader_ids_by_space([space])[space.pk]


def space_reader_ids_by_space(spaces) -> dict[int, set[int]]:
    """{space id: ids of its readers} for many spaces (with their cohorts
    loaded), in five queries however many there are."""
    spaces = list(spaces)
    cohort_ids = {space.cohort_id for space in spaces}
    trainees = defaultdict(set)  # cohort id → {(user id, office id)}
    for cohort_id, user_id, office_id in Enrolment.objects.filter(
        cohort_id__in=cohort_ids, status=Enrolment.Status.ADMITTED
    ).values_list("cohort_id", "user_id", "office_id"):
        trainees[cohort_id].add((user_id, office_id))
    taking_part = defaultdict(set)
    for cohort_id, office_id in CohortOffice.objects.filter(
        cohort_id__in=cohort_ids
    ).values_list("cohort_id", "office_id"):
        taking_part[cohort_id].add(office_id)
    coordinators = defaultdict(set)  # office id → user ids
    for office_id, user_id in OfficeMembership.objects.filter(
        office_id__in=set().union(*taking_part.values()),
        role=OfficeMembership.Role.COORDINATOR,
    ).values_list("office_id", "user_id"):
        coordinators[office_id].add(user_id)
    instructors = defaultdict(set)
    for cohort_id, user_id in Session.objects.filter(
        cohort_id__in=cohort_ids
    ).values_list("cohort_id", "instructors"):
        instructors[cohort_id].add(user_id)
    banned = defaultdict(set)
    for cohort_id, user_id in Restriction.objects.filter(
        cohort_id__in=cohort_ids, kind=Restriction.Kind.BAN
    ).values_list("cohort_id", "user_id"):
        banned[cohort_id].add(user_id)
    readers = {}
    for space in spaces:
        cohort_id = space.cohort_id
        offices = taking_part[cohort_id]
        ids = {user_id for user_id, office_id in trainees[cohort_id]}
        if space.kind == Space.Kind.OFFICE:
            ids = {
                user_id
                for user_id, office_id in trainees[cohort_id]
                if office_id == space.office_id
            }
            offices = offices & {space.office_id, space.cohort.lead_office_id}
        for office_id in offices:
            ids |= coordinators[office_id]
        ids |= instructors[cohort_id]
        ids.discard(None)
        readers[space.pk] = ids - banned[cohort_id]
    return readers


def mode_for(user_id: int, space: Space, topic_id: int | None = None) -> str:
    """The member's email mode for `space` (or for the thread `topic_id` in it):
    their choice for the thread, else for the space, else their default."""
    if topic_id is not None:
        chosen = thread_mode_for(user_id, topic_id)
        if chosen:
            return chosen
    return space_modes([user_id], [space])[(user_id, space.pk)]


def space_modes(user_ids, spaces) -> dict[tuple[int, int], str]:
    """{(user id, space id): mode} of every pair: the member's choice for the
    space, else their default; at most two queries however many there are."""
    user_ids, space_ids = list(user_ids), [space.pk for space in spaces]
    chosen = {
        (user_id, space_id): mode
        for user_id, space_id, mode in Follow.objects.filter(
            user_id__in=user_ids, space_id__in=space_ids, topic__isnull=True
        ).values_list("user_id", "space_id", "mode")
    }
    pairs = [(user_id, space_id) for user_id in user_ids for space_id in space_ids]
    defaults = default_modes(
        {user for user, space in pairs if not chosen.get((user, space))}
    )
    return {pair: chosen.get(pair) or defaults[pair[0]] for pair in pairs}


def thread_mode_for(user_id: int, topic_id: int) -> str:
    """The mode the member chose for one thread, or "" (it follows its space)."""
    return thread_modes([topic_id], user_ids=[user_id]).get((user_id, topic_id), "")


def thread_modes(topic_ids, user_ids=None) -> dict[tuple[int, int], str]:
    """{(user id, topic id): mode} of the threads members follow on their own."""
    follows = Follow.objects.filter(topic_id__in=topic_ids)
    if user_ids is not None:
        follows = follows.filter(user_id__in=user_ids)
    return {
        (user_id, topic_id): mode
        for user_id, topic_id, mode in follows.values_list(
            "user_id", "topic_id", "mode"
        )
    }


def default_mode_for(user_id: int) -> str:
    return default_modes([user_id])[user_id]


def default_modes(user_ids) -> dict[int, str]:
    """{user id: default email mode} (daily unless they chose), in one query."""
    modes = dict.fromkeys(user_ids, Mode.DAILY)
    if modes:
        modes |= {
            user_id: mode
            for user_id, mode in Preference.objects.filter(
                user_id__in=modes
            ).values_list("user_id", "default_mode")
            if mode
        }
    return modes


# ---- what a reader is shown ----


def member_name(user) -> str:
    """A person's name as discussions show it: never their email address."""
    if user is None:
        return _("Academy")
    return user.get_full_name() or _("Member %(number)s") % {"number": user.pk}


def mention_handle(user) -> str:
    """The @handle other members type to mention `user` (from the name, not email)."""
    return slugify(user.get_full_name()) or f"member-{user.pk}"


def space_label(space: Space) -> str:
    """The space's name within its cohort: "Whole cohort" or "<office> group"."""
    if space.kind == Space.Kind.OFFICE:
        return _("%(office)s group") % {"office": space.office.name}
    return _("Whole cohort")


def author_label(post: Post, access: Access) -> str:
    """Who wrote `post`, as `access`'s holder may know it."""
    if post.author_id is None:
        return member_name(None)
    if post.anonymous and not access.staff:
        if post.author_id == getattr(access.user, "pk", None):
            return _("You (anonymous to classmates)")
        return _("Anonymous classmate")
    return member_name(post.author)


def post_content_shown(post: Post, access: Access) -> bool:
    """Whether the reader sees the text of `post` (not a placeholder)."""
    if post.deleted_at is not None or post.status == Post.Status.REMOVED:
        return False
    if post.status == Post.Status.HIDDEN:
        return access.moderates or post.author_id == getattr(access.user, "pk", None)
    return True


def topic_list_for_space(space: Space) -> QuerySet[Post]:
    """The space's topics, newest activity first, with their authors."""
    return (
        Post.objects.filter(space=space, parent__isnull=True)
        .select_related("author", "session")
        .order_by("-created_at", "-pk")
    )


def reply_list_for_topic(topic: Post) -> QuerySet[Post]:
    return Post.objects.filter(parent=topic).select_related("author")


def mentionable_members(space: Space) -> list:
    """The people who read `space`, with their @handles (names only)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(pk__in=space_reader_ids(space))
    return sorted(
        ((mention_handle(u), member_name(u), u.pk) for u in users),
        key=lambda item: item[1],
    )


def report_queue_for_moderator(user, cohort: Cohort | None = None) -> QuerySet[Post]:
    """Posts hidden by reports or with open reports, in cohorts the user moderates."""
    cohorts = cohort_list_for_moderator(user)
    if cohort is not None:
        cohorts = cohorts.filter(pk=cohort.pk)
    return (
        Post.objects.filter(space__cohort__in=cohorts.values("pk"))
        .filter(
            Q(status=Post.Status.HIDDEN)
            | Q(reports__resolved_at__isnull=True, reports__isnull=False)
        )
        .exclude(status=Post.Status.REMOVED)
        .select_related("space__cohort", "space__office", "author")
        .prefetch_related("reports")
        .distinct()
        .order_by("-hidden_at", "-created_at")
    )


@dataclass
class PostRow:
    """A post as one reader sees it: the author they may know, what they may do."""

    post: Post
    author: str
    shown: bool
    mine: bool
    can_edit: bool
    can_delete: bool
    can_restore: bool
    can_report: bool


def post_rows(posts, access: Access) -> list[PostRow]:
    """PostRows of `posts` for `access`'s holder (no query per post)."""
    me = getattr(access.user, "pk", None)
    rows = []
    for post in posts:
        mine = post.author_id is not None and post.author_id == me
        removed = post.status == Post.Status.REMOVED
        deleted = post.deleted_at is not None
        rows.append(
            PostRow(
                post=post,
                author=author_label(post, access),
                shown=post_content_shown(post, access),
                mine=mine,
                can_edit=access.may_write and mine and not deleted and not removed,
                can_delete=access.may_write
                and (mine or access.moderates)
                and post.author_id is not None
                and not deleted,
                can_restore=access.may_write
                and (mine or access.moderates)
                and deleted
                and not removed,
                can_report=access.member
                and not mine
                and post.author_id is not None
                and not deleted
                and post.status == Post.Status.VISIBLE,
            )
        )
    return rows
