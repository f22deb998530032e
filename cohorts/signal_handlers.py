"""Receivers: one-line calls into services (connected in CohortsConfig.ready)."""


def recompute_completion_on_attendance(sender, enrolment_ids, **kwargs):
    from cohorts.services.completion import completion_recompute_many

    completion_recompute_many(list(enrolment_ids))


def page_cache_bump(**kwargs):
    """Course pages show open cohorts and their free seats."""
    from courses.services import page_cache_bump as bump

    bump()
