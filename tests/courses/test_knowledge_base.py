"""The knowledge base: sourced facts, reviews, corrections and the review cycle."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from accounts import roles
from accounts.models import OutboundEmail
from courses import services
from courses.models import JurisdictionCorrection, PPHPartnership, TreatyMembership
from tests.accounts.factories import UserFactory
from tests.courses.factories import (
    FieldSourceFactory,
    JurisdictionPageFactory,
    PPHPartnershipFactory,
    TreatyFactory,
    TreatyMembershipFactory,
    translate_page,
)
from training.dates import format_day

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/knowledge-base-review/"
TODAY = datetime.date.today()


@pytest.fixture
def kb_reviewer(db):
    return UserFactory(groups=[roles.KNOWLEDGE_BASE_REVIEWERS], first_name="Aigerim")


@pytest.fixture
def reviewed(kb_reviewer):
    page = JurisdictionPageFactory(
        title="Kazakhstan",
        slug="kazakhstan",
        last_reviewed_on=TODAY,
        last_reviewed_by=kb_reviewer,
    )
    TreatyMembershipFactory(
        jurisdiction=page, treaty=TreatyFactory(short_name="Budapest"), year=2002
    )
    return page


def test_verified_fact_without_source_is_refused():
    membership = TreatyMembership(state=TreatyMembership.State.MEMBER, year=2000)
    with pytest.raises(ValidationError, match="source"):
        membership.clean()
    TreatyMembership(state=TreatyMembership.State.NOT_VERIFIED).clean()


def test_suspended_partnership_needs_date_and_reason():
    partnership = PPHPartnershipFactory.build(
        state=PPHPartnership.State.SUSPENDED, suspended_on=None
    )
    with pytest.raises(ValidationError, match="date and the reason"):
        partnership.clean()


def test_jurisdiction_page_shows_review_sources_and_corrections(client, reviewed):
    FieldSourceFactory(
        jurisdiction=reviewed,
        source_title="WIPO Lex: Kazakhstan",
        source_url="https://www.wipo.int/wipolex/en/members/profile/KZ",
    )
    JurisdictionCorrection.objects.create(
        jurisdiction=reviewed,
        corrected_on=datetime.date(2026, 11, 2),
        description="Budapest membership added (in force 2002).",
    )
    html = client.get(reviewed.url).content.decode()
    assert "Last reviewed on" in html and "by Aigerim" in html
    assert "As of" in html
    assert 'href="https://www.wipo.int/wipolex/en/members/profile/KZ"' in html
    assert "Corrections" in html and "Budapest membership added" in html
    # Fields without a recorded source are marked, not presented as facts.
    assert "Not yet verified" in html


def test_unreviewed_jurisdiction_says_so(client):
    page = JurisdictionPageFactory()
    html = client.get(page.url).content.decode()
    assert "Not yet reviewed" in html


def test_compare_shows_suspended_partnership_and_as_of_in_chinese(client, reviewed):
    other = JurisdictionPageFactory(title="Egypt", slug="egypt")
    PPHPartnershipFactory(
        jurisdiction=reviewed,
        partner="USPTO",
        state=PPHPartnership.State.SUSPENDED,
        suspended_on=datetime.date(2022, 3, 15),
        suspension_reason="Suspended by the USPTO",
    )
    translate_page(reviewed.get_parent(), "zh-hans")
    translate_page(reviewed, "zh-hans", title="哈萨克斯坦")
    html = client.get("/zh-hans/regimes/compare/?j=kazakhstan&j=egypt").content.decode()
    assert "哈萨克斯坦" in html and other.title in html
    # Facts are read from the English source page, whatever the translation.
    assert "USPTO" in html and "Suspended by the USPTO" in html
    assert "Budapest" in html


def test_review_report_lists_a_fact_checked_13_months_ago(
    client, reviewed, kb_reviewer
):
    client.force_login(kb_reviewer)
    html = client.get(REPORT).content.decode()
    assert "Budapest" not in html and "Kazakhstan" not in html
    TreatyMembership.objects.filter(jurisdiction=reviewed).update(
        checked_on=TODAY - datetime.timedelta(days=13 * 31)
    )
    html = client.get(REPORT).content.decode()
    assert "Kazakhstan" in html and "Budapest" in html


def test_review_report_lists_jurisdictions_never_reviewed(client, kb_reviewer):
    JurisdictionPageFactory(title="Pakistan")
    client.force_login(kb_reviewer)
    html = client.get(REPORT).content.decode()
    assert "Pakistan" in html and "never reviewed" in html


def test_review_report_refuses_other_staff(client):
    instructor = UserFactory(groups=[roles.INSTRUCTORS])
    client.force_login(instructor)
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert "Knowledge base: due for review" not in response.content.decode()


def test_reminder_emails_reviewers_once_a_month(
    reviewed, kb_reviewer, django_capture_on_commit_callbacks
):
    UserFactory(groups=[roles.KNOWLEDGE_BASE_REVIEWERS], is_active=False)
    assert services.knowledge_base_review_remind(today=TODAY) == 0
    JurisdictionPageFactory(title="Pakistan")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.knowledge_base_review_remind(today=TODAY) == 1
        assert services.knowledge_base_review_remind(today=TODAY) == 0
    assert [m.to for m in mail.outbox] == [[kb_reviewer.email]]
    assert "1 jurisdiction has never been reviewed" in mail.outbox[0].body
    assert "/admin/reports/knowledge-base-review/" in mail.outbox[0].body
    assert OutboundEmail.objects.count() == 1


def test_page_editor_offers_the_facts(client, staff_user, reviewed):
    client.force_login(staff_user)
    html = client.get(f"/admin/pages/{reviewed.pk}/edit/").content.decode()
    for panel in ("PPH partnerships", "Sources of the fields", "Corrections (public)"):
        assert panel in html


def test_unverified_fact_names_the_source_to_check_in_arabic(client, reviewed):
    # A fact no source confirmed is marked, with the source a reviewer looked
    # at and when; its English title is isolated inside the Arabic page.
    TreatyMembershipFactory(
        jurisdiction=reviewed,
        treaty=TreatyFactory(short_name="Hague"),
        state=TreatyMembership.State.NOT_VERIFIED,
        year=None,
        source_title="WIPO Lex: Hague Agreement, contracting parties",
        source_url="https://www.wipo.int/wipolex/en/treaties/ShowResults"
        "?search_what=C&treaty_id=9",
        checked_on=datetime.date(2026, 12, 1),
    )
    JurisdictionPageFactory(title="Egypt", slug="egypt")
    translate_page(reviewed.get_parent(), "ar")
    translate_page(reviewed, "ar", title="كازاخستان")
    html = client.get("/ar/regimes/compare/?j=kazakhstan&j=egypt").content.decode()
    assert 'dir="rtl"' in html
    assert "<bdi>WIPO Lex: Hague Agreement, contracting parties</bdi>" in html
    assert "search_what=C&amp;treaty_id=9" in html
    with translation.override("ar"):
        checked = format_day(datetime.date(2026, 12, 1))
    assert checked in html
