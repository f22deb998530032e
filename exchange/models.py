"""Discussion spaces of a cohort, their posts, follows, reports and restrictions."""

import os
import uuid

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cohorts.files import (
    ASSIGNMENT_EXTENSIONS,
    private_storage,
    validate_document_content,
    validate_upload_size,
)


class Space(models.Model):
    """Where a cohort's members talk: the whole cohort, or one office's group.

    An office's space is read by its own nominees and coordinators, the lead
    office's coordinators and the cohort's instructors (see selectors).
    """

    class Kind(models.TextChoices):
        COHORT = "cohort", _("Whole cohort")
        OFFICE = "office", _("Office")

    cohort = models.ForeignKey(
        "cohorts.Cohort",
        on_delete=models.CASCADE,
        related_name="discussion_spaces",
        verbose_name=_("cohort"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    office = models.ForeignKey(
        "cohorts.Office",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("office"),
    )
    anonymous_to_classmates = models.BooleanField(
        _("anonymous to classmates"),
        default=False,
        help_text=_(
            "New posts hide their author from other trainees; staff still see it."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("discussion space")
        verbose_name_plural = _("discussion spaces")
        ordering = ["cohort", "kind", "office__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort"],
                condition=Q(kind="cohort"),
                name="exchange_one_cohort_space",
            ),
            models.UniqueConstraint(
                fields=["cohort", "office"],
                condition=Q(kind="office"),
                name="exchange_one_space_per_office",
            ),
            models.CheckConstraint(
                condition=Q(kind="cohort", office__isnull=True)
                | Q(kind="office", office__isnull=False),
                name="exchange_space_office_matches_kind",
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.OFFICE:
            return f"{self.cohort} · {self.office}"
        return str(self.cohort)


def attachment_upload_to(instance, filename):
    """A random name per upload: the member's file name never reaches the disk."""
    ext = os.path.splitext(filename)[1].lower()
    return f"exchange/{instance.space_id}/{uuid.uuid4().hex}{ext}"


class Post(models.Model):
    """A topic (no parent) or a reply to a topic (one level only).

    `anonymous` is fixed when the post is written, so turning a space's option
    off later reveals nothing earlier. A session's thread is a topic with no
    author, created with the session.
    """

    class Status(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        HIDDEN = "hidden", _("Hidden after reports")
        REMOVED = "removed", _("Removed by a moderator")

    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, related_name="posts", verbose_name=_("space")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("topic"),
    )
    session = models.OneToOneField(
        "cohorts.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="discussion_thread",
        verbose_name=_("session"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="discussion_posts",
        verbose_name=_("author"),
    )
    anonymous = models.BooleanField(_("anonymous to classmates"), default=False)
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(_("text"), max_length=10000, blank=True)
    body_html = models.TextField(editable=False, blank=True)
    attachment = models.FileField(
        _("attachment"),
        storage=private_storage,
        upload_to=attachment_upload_to,
        blank=True,
        validators=[
            FileExtensionValidator(ASSIGNMENT_EXTENSIONS),
            validate_upload_size,
            validate_document_content,
        ],
    )
    attachment_name = models.CharField(max_length=255, blank=True, editable=False)
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.VISIBLE
    )
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)

    class Meta:
        verbose_name = _("discussion post")
        verbose_name_plural = _("discussion posts")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["space", "created_at"])]

    def __str__(self):
        return self.title or f"#{self.pk}"

    @property
    def is_topic(self) -> bool:
        return self.parent_id is None

    @property
    def topic_id(self) -> int:
        return self.parent_id or self.pk


class Report(models.Model):
    """A member's report of a post, with a reason; one per member and post."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="reports", verbose_name=_("post")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("reported by"),
    )
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"], name="exchange_one_report_per_member"
            )
        ]

    def __str__(self):
        return self.reason


class Restriction(models.Model):
    """A member muted (reads, cannot write) or banned (neither) in a cohort."""

    class Kind(models.TextChoices):
        MUTE = "mute", _("Muted (read-only)")
        BAN = "ban", _("Banned")

    cohort = models.ForeignKey(
        "cohorts.Cohort", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("restriction"), max_length=10, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "user"], name="exchange_one_restriction"
            )
        ]

    def __str__(self):
        return self.get_kind_display()


class Mode(models.TextChoices):
    INSTANT = "instant", _("Every post, as it comes")
    DAILY = "daily", _("A daily digest")
    WEEKLY = "weekly", _("A weekly digest")
    NONE = "none", _("No email")


class Preference(models.Model):
    """A member's default email mode for the spaces they have not set one for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    default_mode = models.CharField(
        _("email for discussions"),
        max_length=10,
        choices=Mode.choices,
        default=Mode.DAILY,
    )

    def __str__(self):
        return self.get_default_mode_display()


class Follow(models.Model):
    """A member's email mode for one space, or for one thread (topic) in it.

    A thread's mode overrides the space's for that thread's posts; the
    space's overrides the member's default.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="follows")
    topic = models.ForeignKey(
        Post,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("topic"),
    )
    mode = models.CharField(_("email"), max_length=10, choices=Mode.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "space"],
                condition=Q(topic__isnull=True),
                name="exchange_one_follow",
            ),
            models.UniqueConstraint(
                fields=["user", "topic"],
                condition=Q(topic__isnull=False),
                name="exchange_one_thread_follow",
            ),
        ]

    def __str__(self):
        return self.get_mode_display()
