"""Receivers: a change to who holds which permission retires the permission
sets kept in the cache (accounts.backends)."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save


def permissions_changed(**kwargs):
    from accounts.backends import permissions_generation_bump

    if kwargs.get("action", "post_").startswith("post_"):
        # Now for this request, and again once the change is committed, so
        # no other request can keep the old set from before the commit.
        permissions_generation_bump()
        transaction.on_commit(permissions_generation_bump)


def connect():
    from accounts.models import User

    for through in (
        User.groups.through,
        User.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(
            permissions_changed,
            sender=through,
            dispatch_uid=f"accounts_permissions_{through._meta.label}",
        )
    for model in (Group, Permission):
        for name, signal in (("saved", post_save), ("deleted", post_delete)):
            signal.connect(
                permissions_changed,
                sender=model,
                dispatch_uid=f"accounts_permissions_{model._meta.label}_{name}",
            )
