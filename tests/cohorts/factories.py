import datetime

import factory
from django.utils import timezone

from cohorts.models import (
    AcceptedAnswer,
    Assessment,
    AssignmentSubmission,
    AttendanceMark,
    Choice,
    Cohort,
    CohortOffice,
    Enrolment,
    Office,
    OfficeMembership,
    Question,
    Session,
    Survey,
    SurveyQuestion,
)
from tests.accounts.factories import UserFactory
from tests.courses.factories import CoursePageFactory


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        django_get_or_create = ("short_code",)

    name = factory.Sequence(lambda n: f"Intellectual Property Office {n}")
    short_code = factory.Sequence(lambda n: f"ipo{n}")
    country = "Singapore"


class OfficeMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficeMembership

    office = factory.SubFactory(OfficeFactory)
    user = factory.SubFactory(UserFactory, groups=["Office coordinators"])
    role = OfficeMembership.Role.COORDINATOR


def coordinator_of(office, **kwargs):
    """A user who coordinates `office`."""
    return OfficeMembershipFactory(office=office, **kwargs).user


class LeadOfficeFactory(OfficeFactory):
    """A lead office with a contact address and one coordinator: the lead-office
    emails (withdrawals) go to both."""

    name = "Lead Office"
    contact_email = "training@lead.example.org"
    coordinator = factory.RelatedFactory(
        OfficeMembershipFactory, factory_related_name="office"
    )


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    course = factory.SubFactory(CoursePageFactory)
    title = factory.Sequence(lambda n: f"Joint PPH training {n}")
    slug = factory.Sequence(lambda n: f"cohort-{n}")
    lead_office = factory.SubFactory(OfficeFactory)
    start_date = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=30)
    )
    end_date = factory.LazyAttribute(
        lambda o: o.start_date + datetime.timedelta(days=14)
    )
    applications_open_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=1)
    )
    applications_close_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=20)
    )
    time_zone = "Asia/Shanghai"
    capacity = 20
    status = Cohort.Status.OPEN

    @factory.post_generation
    def lead_quota(self, create, extracted, **kwargs):
        """The lead office takes part with a quota (default: the whole capacity)."""
        if create:
            CohortOffice.objects.get_or_create(
                cohort=self,
                office=self.lead_office,
                defaults={
                    "seat_quota": extracted if extracted is not None else self.capacity
                },
            )


class CohortOfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CohortOffice

    cohort = factory.SubFactory(CohortFactory)
    office = factory.SubFactory(OfficeFactory)
    seat_quota = 5


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """An application; the office defaults to the cohort's lead office."""

    class Meta:
        model = Enrolment

    cohort = factory.SubFactory(CohortFactory)
    user = factory.SubFactory(UserFactory)
    office = factory.LazyAttribute(lambda o: o.cohort.lead_office)
    employer = "National IP Office"
    position = "Patent examiner"
    motivation = "To learn how partner offices share examination results."
    status = Enrolment.Status.APPLIED


class AdmittedEnrolmentFactory(EnrolmentFactory):
    status = Enrolment.Status.ADMITTED
    admitted_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=60)
    )


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    cohort = factory.SubFactory(CohortFactory)
    title = factory.Sequence(lambda n: f"Session {n}: examination practice")
    starts_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=7)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    online_url = "https://meet.example.org/srip"


class AttendanceMarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttendanceMark

    session = factory.SubFactory(SessionFactory)
    enrolment = factory.SubFactory(
        AdmittedEnrolmentFactory, cohort=factory.SelfAttribute("..session.cohort")
    )
    status = AttendanceMark.Status.PRESENT


# ---- assessments ----


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    cohort = factory.SubFactory(CohortFactory)
    title = factory.Sequence(lambda n: f"Assessment {n}")
    kind = Assessment.Kind.ASSIGNMENT
    weight = 1
    max_score = 100
    due_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    required = True
    # Published: most tests are about what trainees see; drafts are opted into.
    status = Assessment.Status.PUBLISHED


class QuizFactory(AssessmentFactory):
    kind = Assessment.Kind.QUIZ
    title = factory.Sequence(lambda n: f"Quiz {n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    assessment = factory.SubFactory(QuizFactory)
    kind = Question.Kind.SINGLE
    text = factory.Sequence(lambda n: f"Question {n}?")
    order = factory.Sequence(lambda n: n)
    points = 1


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory)
    text = factory.Sequence(lambda n: f"Choice {n}")
    correct = False


def question_with_choices(assessment, kind, choices, **kwargs):
    """A question with choices given as (text, correct) pairs."""
    question = QuestionFactory(assessment=assessment, kind=kind, **kwargs)
    for order, (text, correct) in enumerate(choices):
        ChoiceFactory(question=question, text=text, correct=correct, order=order)
    return question


def short_answer_question(assessment, accepted, **kwargs):
    question = QuestionFactory(
        assessment=assessment, kind=Question.Kind.SHORT_ANSWER, **kwargs
    )
    for text in accepted:
        AcceptedAnswer.objects.create(question=question, text=text)
    return question


class AssignmentSubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssignmentSubmission

    assessment = factory.SubFactory(AssessmentFactory)
    enrolment = factory.SubFactory(
        AdmittedEnrolmentFactory, cohort=factory.SelfAttribute("..assessment.cohort")
    )
    submitted_at = factory.LazyFunction(timezone.now)


class SurveyFactory(factory.django.DjangoModelFactory):
    """An anonymous reaction survey, open from today for 30 days."""

    class Meta:
        model = Survey

    cohort = factory.SubFactory(CohortFactory)
    kind = Survey.Kind.REACTION
    title = factory.Sequence(lambda n: f"Survey {n}")
    opens_on = factory.LazyFunction(timezone.localdate)
    closes_on = factory.LazyAttribute(
        lambda o: o.opens_on + datetime.timedelta(days=30)
    )


class SurveyQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyQuestion

    survey = factory.SubFactory(SurveyFactory)
    text = factory.Sequence(lambda n: f"Question {n}?")
    kind = SurveyQuestion.Kind.RATING
    sort_order = factory.Sequence(lambda n: n)
