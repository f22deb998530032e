"""Django's ModelBackend, with each user's permissions kept in the cache.

Every logged-in page asks for a permission (the header's admin link): Django
answers with two queries per request, user and group permissions. They change
only when a user's groups or permissions, a group's permissions, or a
permission itself change; those changes move a generation kept in the shared
cache (accounts.signal_handlers), which retires every kept set on every node
at once. A kept set also expires after PERMISSIONS_CACHE_SECONDS; 0 (the
default without Redis, where each process has a cache of its own and would
not see another's change) asks the database every time, as Django does.

Listed first in AUTHENTICATION_BACKENDS: it fills `user._perm_cache`, which
allauth's backend (a ModelBackend too) then reads instead of querying again.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

GENERATION_KEY = "accounts:permissions:generation"


def permissions_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = time.time_ns()
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def permissions_generation_bump() -> None:
    """Retire every kept permission set (called on commit by the receivers)."""
    cache.set(GENERATION_KEY, time.time_ns(), None)


class CachedPermissionsBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not settings.PERMISSIONS_CACHE_SECONDS:
            return super().get_all_permissions(user_obj)
        if not hasattr(user_obj, "_perm_cache"):
            # is_superuser is in the key: a superuser holds every permission.
            key = (
                f"accounts:permissions:{user_obj.pk}:{int(user_obj.is_superuser)}"
                f":{permissions_generation()}"
            )
            permissions = cache.get(key)
            if permissions is None:
                permissions = super().get_all_permissions(user_obj)
                cache.set(key, permissions, settings.PERMISSIONS_CACHE_SECONDS)
            user_obj._perm_cache = permissions
        return user_obj._perm_cache
