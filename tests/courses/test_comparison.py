import re

import pytest

from courses.models import TreatyMembership
from tests.courses.factories import (
    CoursePageFactory,
    JurisdictionPageFactory,
    LessonPageFactory,
    TreatyFactory,
    TreatyMembershipFactory,
)

pytestmark = pytest.mark.django_db

COMPARE = "/regimes/compare/"


@pytest.fixture
def regimes():
    pct = TreatyFactory(short_name="PCT", slug="pct", name="Patent Cooperation Treaty")
    lisbon = TreatyFactory(short_name="Lisbon", slug="lisbon")
    china = JurisdictionPageFactory(title="China", slug="china", patent_term="20 years")
    singapore = JurisdictionPageFactory(
        title="Singapore", slug="singapore", patent_term="20 years (extendable)"
    )
    israel = JurisdictionPageFactory(title="Israel", slug="israel")
    TreatyMembershipFactory(jurisdiction=china, treaty=pct, year=1994)
    TreatyMembershipFactory(jurisdiction=singapore, treaty=pct, year=1995)
    TreatyMembershipFactory(
        jurisdiction=israel, treaty=lisbon, state=TreatyMembership.State.MEMBER
    )
    return {"china": china, "singapore": singapore, "israel": israel}


def test_compare_shows_selected_jurisdictions_side_by_side(client, regimes):
    response = client.get(COMPARE + "?j=china&j=singapore")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<table" in html and "<caption" in html
    assert html.index(">China<") < html.index(">Singapore<")
    assert "20 years (extendable)" in html
    assert "1994" in html and "1995" in html
    assert ">Israel</a></th>" not in html


def test_compare_keeps_the_order_of_the_url(client, regimes):
    html = client.get(COMPARE + "?j=singapore&j=china").content.decode()
    assert html.index(">Singapore</a>") < html.index(">China</a>")


@pytest.mark.parametrize(
    "query",
    ["?j=china", "?j=china&j=china", "?j=china&j=atlantis"],
)
def test_compare_rejects_bad_selections_with_a_clear_error(client, regimes, query):
    response = client.get(COMPARE + query)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "<table" not in html


def test_compare_rejects_more_than_six(client, regimes):
    slugs = [JurisdictionPageFactory().slug for _ in range(5)] + ["china", "israel"]
    response = client.get(COMPARE + "?" + "&".join(f"j={s}" for s in slugs))
    assert response.status_code == 400
    assert "between 2 and 6" in response.content.decode()


def test_compare_without_selection_shows_the_picker(client, regimes):
    response = client.get(COMPARE)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="j"' in html and "<table" not in html


def test_lesson_block_embeds_the_same_table(client, regimes):
    lesson = LessonPageFactory(
        parent=CoursePageFactory(),
        body=[
            (
                "comparison",
                {
                    "caption": "PCT in Asia",
                    "jurisdictions": [regimes["china"], regimes["singapore"]],
                },
            )
        ],
    )
    html = client.get(lesson.url).content.decode()
    assert ">PCT in Asia</caption>" in html
    assert "20 years (extendable)" in html and "1994" in html


def test_table_scrolls_in_a_region_named_by_its_caption_with_a_hint(client, regimes):
    html = client.get(COMPARE + "?j=china&j=singapore").content.decode()
    region = re.search(r'<div class="table-wrap"[^>]*>', html).group(0)
    assert 'role="region"' in region and 'tabindex="0"' in region
    title = re.search(r'aria-labelledby="([^"]+)"', region).group(1)
    hint = re.search(r'aria-describedby="([^"]+)"', region).group(1)
    assert f'id="{title}">IP regimes compared<' in html
    assert re.search(f'id="{hint}">.*Scroll the table sideways', html)
