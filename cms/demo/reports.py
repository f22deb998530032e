"""Demo profiles and survey answers, so that every programme report shows
real figures, a suppressed "<5" cell among them.

Trainees with no sector or gender get one from a fixed pattern (a few say
nothing or prefer not to say). Each cohort that has ended gets, written by
its lead office's coordinator through the service, an anonymous reaction
survey, a knowledge test before and after and a follow-up, all closed; each
admitted trainee answers each phase once, through the service, on a day the
phase was open. Running the step again changes nothing: stated profiles,
existing surveys and answered phases are left alone.
"""

import datetime

from django.utils import timezone

from cohorts.models import (
    Enrolment,
    OfficeMembership,
    Survey,
    SurveyQuestion,
    SurveyReceipt,
    SurveyResponse,
)
from cohorts.services.surveys import survey_save, survey_submit

SECTORS = ["government"] * 6 + ["private", "private", "academia", "other", ""]
GENDERS = ["woman", "man", "woman", "man", "prefer_not_to_say", "another", ""]
DAY = datetime.timedelta(days=1)

RATING, TEXT, CHOICE = (
    SurveyQuestion.Kind.RATING,
    SurveyQuestion.Kind.TEXT,
    SurveyQuestion.Kind.CHOICE,
)
# (kind, title, questions (kind, text, options, correct), opens, post, closes)
# with days counted from the cohort's start (s) or end (e).
SURVEYS = [
    (Survey.Kind.REACTION, "End-of-cohort evaluation", [
        (RATING, "Overall, how useful was this training?", "", None),
        (RATING, "How relevant was it to your work?", "", None),
        (RATING, "How good were the trainers and the delivery?", "", None),
        (TEXT, "Anything else you would like to tell us?", "", None),
    ]),
    (Survey.Kind.KNOWLEDGE, "PPH knowledge test", [
        (CHOICE, "Which office's work does a PPH request rely on?",
         "The office of earlier examination\nThe applicant's attorney\nWIPO", 1),
        (CHOICE, "What must the claims of the later application do?",
         "Sufficiently correspond to the allowed claims\nBe identical in wording\n"
         "Be fewer than ten", 1),
        (CHOICE, "When can a PPH request be filed?",
         "Before examination of the later application has begun\nAt any time\n"
         "Only after grant", 1),
    ]),
    (Survey.Kind.FOLLOW_UP, "Three months later", [
        (CHOICE, "Did you apply what you learned at work?",
         "Yes, often\nYes, sometimes\nNot yet", None),
        (TEXT, "How did you use it?", "", None),
    ]),
]  # fmt: skip


def _windows(kind, cohort):
    """(opens_on, post_opens_on, closes_on) of a survey of this kind."""
    if kind == Survey.Kind.KNOWLEDGE:
        return cohort.start_date - 14 * DAY, cohort.end_date, cohort.end_date + 30 * DAY
    if kind == Survey.Kind.FOLLOW_UP:
        # Three to five months on: open today for the demo cohort that ended
        # about 110 days ago, so a demo login has a survey to answer.
        return cohort.end_date + 90 * DAY, None, cohort.end_date + 150 * DAY
    return cohort.end_date, None, cohort.end_date + 30 * DAY


def _survey(cohort, kind, title, questions, by) -> Survey:
    existing = Survey.objects.filter(cohort=cohort, title=title).first()
    if existing is not None:
        return existing
    opens_on, post_opens_on, closes_on = _windows(kind, cohort)
    survey = Survey(
        cohort=cohort, kind=kind, title=title, opens_on=opens_on,
        post_opens_on=post_opens_on, closes_on=closes_on,
    )  # fmt: skip
    survey.questions = [
        SurveyQuestion(
            sort_order=n, kind=k, text=text, options=options, correct_option=correct
        )
        for n, (k, text, options, correct) in enumerate(questions)
    ]
    return survey_save(survey=survey, by=by)


# Free-text answers as trainees from several offices write them.
COMMENTS = [
    "Useful for my daily work.",
    "The CNIPA and IPOS case studies on claim correspondence tables were the "
    "most practical part.",
    "Sessions at 14:00 Beijing time were late evening for colleagues in Riyadh; "
    "please rotate the hours.",
    "I would like a follow-up session on the Global PPH with more examples "
    "from GCC Patent Office files.",
    "The comparison of search reports between offices was new to me.",
]


def _value(question: SurveyQuestion, i: int, phase: str):
    """A varied, repeatable answer of trainee number `i`."""
    if question.kind == SurveyQuestion.Kind.RATING:
        return 5 - (i + question.sort_order) % 3
    if question.kind == SurveyQuestion.Kind.TEXT:
        return "" if i % 3 else COMMENTS[(i // 3) % len(COMMENTS)]
    options = len(question.option_list)
    if question.correct_option and phase == SurveyResponse.Phase.POST:
        # After the cohort most trainees know the answer.
        return question.correct_option if i % 5 else 1 + (i + 1) % options
    return 1 + (i + question.sort_order) % options


def _answer_all(survey: Survey, admitted: list[Enrolment]) -> int:
    days = [survey.opens_on]
    if survey.is_knowledge_test:
        days.append(survey.post_opens_on)
    questions = list(survey.questions.all())
    answered = set(
        SurveyReceipt.objects.filter(survey=survey).values_list("enrolment_id", "phase")
    )
    count = 0
    for day in days:
        phase = (
            SurveyResponse.Phase.PRE if survey.is_knowledge_test and day < survey.post_opens_on
            else SurveyResponse.Phase.POST if survey.is_knowledge_test
            else SurveyResponse.Phase.ONLY
        )  # fmt: skip
        for i, enrolment in enumerate(admitted):
            if (enrolment.pk, phase) in answered:
                continue
            survey_submit(
                user=enrolment.user,
                survey=survey,
                answers={q.pk: _value(q, i, phase) for q in questions},
                today=day,
            )
            count += 1
    return count


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
    demo_logins = {email for _role, email in ctx.logins}
    answered = 0
    ended = {e.cohort for e in admitted if e.cohort.end_date < today}
    for cohort in sorted(ended, key=lambda c: c.pk):
        membership = (
            OfficeMembership.objects.filter(
                office_id=cohort.lead_office_id,
                role=OfficeMembership.Role.COORDINATOR,
            )
            .select_related("user")
            .first()
        )
        if membership is None:
            continue
        trainees = [e for e in admitted if e.cohort_id == cohort.pk]
        for kind, title, questions in SURVEYS:
            survey = _survey(cohort, kind, title, questions, membership.user)
            if survey.opens_on <= today <= survey.closes_on:
                # Still open: the demo logins have yet to answer it.
                waiting = [e for e in trainees if e.user.email not in demo_logins]
                answered += _answer_all(survey, waiting)
            else:
                answered += _answer_all(survey, trainees)
    ctx.write(f"profiles filled, {answered} survey answers")
