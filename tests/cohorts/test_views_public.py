import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from cohorts.models import Cohort, Enrolment
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    CohortFactory,
    CohortOfficeFactory,
    EnrolmentFactory,
    OfficeFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    lead = OfficeFactory(name="Eurasian Patent Office", short_code="eapo")
    cohort = CohortFactory(lead_office=lead, lead_quota=3, title="PPH in practice")
    CohortOfficeFactory(
        cohort=cohort, office=OfficeFactory(name="WIPO", short_code="wipo")
    )
    return cohort


def test_open_cohorts_list_shows_seats_left_per_office(client, cohort):
    EnrolmentFactory(cohort=cohort, status=Enrolment.Status.NOMINATED)
    CohortFactory(status=Cohort.Status.DRAFT, title="Secret draft")
    response = client.get(reverse("cohorts:list"))
    body = response.content.decode()
    assert "PPH in practice" in body
    assert "Secret draft" not in body
    assert ">2</span>" in body  # EAPO: quota 3, one nominee holds a seat
    assert "WIPO" in body


def test_draft_cohort_detail_is_404(client):
    draft = CohortFactory(status=Cohort.Status.DRAFT)
    assert client.get(reverse("cohorts:detail", args=[draft.slug])).status_code == 404


def test_apply_requires_login(client, cohort):
    response = client.get(reverse("cohorts:apply", args=[cohort.slug]))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_trainee_applies_through_a_participating_office(
    client, cohort, django_capture_on_commit_callbacks
):
    trainee = UserFactory()
    client.force_login(trainee)
    url = reverse("cohorts:apply", args=[cohort.slug])
    page = client.get(url).content.decode()
    assert "Eurasian Patent Office" in page and "WIPO" in page
    wipo = cohort.participations.get(office__short_code="wipo").office
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "office": wipo.pk,
                "employer": "Kazpatent",
                "position": "Examiner",
                "motivation": "Work-sharing between offices.",
            },
            follow=True,
        )
    enrolment = Enrolment.objects.get(user=trainee)
    assert enrolment.office == wipo
    assert "Your application has been sent" in response.content.decode()
    assert len(mail.outbox) == 1


def test_second_application_redirects_with_clear_message(client, cohort):
    enrolment = EnrolmentFactory(cohort=cohort)
    client.force_login(enrolment.user)
    response = client.get(reverse("cohorts:apply", args=[cohort.slug]), follow=True)
    assert "already applied" in response.content.decode()


def test_closed_cohort_refuses_applications(client, cohort):
    cohort.applications_open_at = timezone.now() - datetime.timedelta(days=10)
    cohort.applications_close_at = timezone.now() - datetime.timedelta(days=1)
    cohort.save()
    client.force_login(UserFactory())
    response = client.get(reverse("cohorts:apply", args=[cohort.slug]), follow=True)
    assert "not taking applications" in response.content.decode()


def test_my_learning_lists_applications_and_sessions_in_own_time_zone(client, cohort):
    trainee = UserFactory(time_zone="Asia/Almaty")
    EnrolmentFactory(user=trainee, status=Enrolment.Status.WAITLISTED)
    EnrolmentFactory(user=trainee, cohort=cohort, status=Enrolment.Status.ADMITTED)
    starts = datetime.datetime(2030, 3, 4, 6, 0, tzinfo=datetime.UTC)
    SessionFactory(
        cohort=cohort,
        title="Search strategies",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    client.force_login(trainee)
    body = client.get(reverse("learning:home")).content.decode()
    assert "Wait-listed" in body
    assert "PPH in practice" in body
    assert "Search strategies" in body
    assert "11:00" in body  # 06:00 UTC is 11:00 in Almaty (UTC+5)


def test_course_cohorts_tag_lists_open_cohorts_of_the_course(cohort):
    from django.template import Context, Template

    html = Template("{% load cohorts_tags %}{% course_cohorts course %}").render(
        Context({"course": cohort.course})
    )
    assert "PPH in practice" in html


def test_trainee_withdraws_own_application(client, cohort):
    enrolment = EnrolmentFactory(cohort=cohort, status=Enrolment.Status.ADMITTED)
    client.force_login(enrolment.user)
    assert "Withdraw" in client.get(reverse("learning:home")).content.decode()
    response = client.post(reverse("cohorts:withdraw", args=[cohort.slug]))
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.WITHDRAWN


def test_arabic_cohort_pages_isolate_english_names(client, cohort):
    # English names inside Arabic sentences keep their own order: "led by
    # <bdi>Eurasian Patent Office</bdi>", not the words reordered around it.
    cohort.location = "Moscow, Russia"
    cohort.save()
    with translation.override("ar"):
        listing = client.get(reverse("cohorts:list")).content.decode()
        detail = client.get(reverse("cohorts:detail", args=[cohort.slug]))
    assert '<html lang="ar" dir="rtl">' in listing
    assert f"<bdi>{cohort.course.title}</bdi>" in listing
    assert "<bdi>Eurasian Patent Office</bdi>" in listing
    assert "<bdi>Moscow, Russia</bdi>" in listing
    assert f'dir="auto">{cohort.title}</a>' in listing

    detail = detail.content.decode()
    assert '<h1 dir="auto">PPH in practice</h1>' in detail
    assert "<dd><bdi>Eurasian Patent Office</bdi></dd>" in detail
    # The footer's sentence keeps its full stop at its end whatever its language.
    assert '<footer class="site-footer">\n  <p dir="auto">' in detail


def test_my_learning_lists_deadlines_and_sessions_in_date_order(client, cohort):
    from tests.cohorts.factories import AssessmentFactory, QuizFactory

    trainee = UserFactory(time_zone="Asia/Almaty")
    EnrolmentFactory(user=trainee, cohort=cohort, status=Enrolment.Status.ADMITTED)
    day = datetime.datetime(2030, 3, 4, 6, 0, tzinfo=datetime.UTC)
    AssessmentFactory(
        cohort=cohort,
        title="Office action reply",
        due_at=day + datetime.timedelta(days=2),
    )
    QuizFactory(cohort=cohort, title="Claims quiz", due_at=day)
    SessionFactory(
        cohort=cohort,
        title="Search strategies",
        starts_at=day + datetime.timedelta(days=1),
    )
    QuizFactory(cohort=cohort, title="Draft quiz", due_at=day, status="draft")
    QuizFactory(
        cohort=cohort,
        title="Past quiz",
        due_at=timezone.now() - datetime.timedelta(days=1),
    )
    QuizFactory(title="Other cohort's quiz", due_at=day)
    client.force_login(trainee)
    page = client.get(reverse("learning:home")).content.decode()
    body = page[page.index("Upcoming deadlines") : page.index("My applications")]
    assert (
        body.index("Claims quiz")
        < body.index("Search strategies")
        < body.index("Office action reply")
    )
    assert "Quiz due" in body and "Assignment due" in body
    # 06:00 UTC shown in the trainee's zone, named with its offset.
    assert "11:00" in body and "Kazakhstan Time (GMT+05:00)" in body
    for hidden in ("Draft quiz", "Past quiz", "Other cohort"):
        assert hidden not in body


def test_my_learning_deadlines_empty_state_and_arabic(client, cohort):
    trainee = UserFactory()
    EnrolmentFactory(user=trainee, cohort=cohort, status=Enrolment.Status.ADMITTED)
    client.force_login(trainee)
    body = client.get(reverse("learning:home")).content.decode()
    assert "Nothing is due and no session is planned in your cohorts." in body
    from tests.cohorts.factories import QuizFactory

    QuizFactory(cohort=cohort, title="Claims quiz")
    with translation.override("ar"):
        url = reverse("learning:home")
    response = client.get(url)
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()
    assert "Claims quiz" in response.content.decode()
