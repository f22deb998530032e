"""Demo profiles and evaluation answers, so that every programme report shows
real figures, a suppressed "<5" cell among them.

Trainees with no sector or gender get one from a fixed pattern (a few say
nothing or prefer not to say); each admitted trainee of a cohort that has
ended answers its evaluation once, through the service, as on its last day.
Running the step again changes nothing: stated profiles and answered
evaluations are left alone.
"""

from django.utils import timezone

from cohorts.models import Enrolment
from cohorts.services.evaluations import evaluation_submit

SECTORS = ["government"] * 6 + ["private", "private", "academia", "other", ""]
GENDERS = ["woman", "man", "woman", "man", "prefer_not_to_say", "another", ""]


def seed(ctx) -> None:
    admitted = (
        Enrolment.objects.filter(status=Enrolment.Status.ADMITTED)
        .select_related("user", "cohort")
        .order_by("pk")
    )
    for i, enrolment in enumerate(admitted):
        user = enrolment.user
        if not user.sector and not user.gender:
            user.sector = SECTORS[i % len(SECTORS)]
            user.gender = GENDERS[i % len(GENDERS)]
            user.save(update_fields=["sector", "gender"])
    today = timezone.localdate()
    answered = 0
    for i, enrolment in enumerate(
        admitted.filter(cohort__end_date__lt=today, evaluation_receipt__isnull=True)
    ):
        evaluation_submit(
            user=enrolment.user,
            cohort=enrolment.cohort,
            overall=5 - i % 3,
            relevance=4 - i % 2,
            delivery=5 - i % 4 // 2,
            comment="",
            today=enrolment.cohort.end_date,
        )
        answered += 1
    ctx.write(f"profiles filled, {answered} evaluation answers")
