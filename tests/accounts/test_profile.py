"""Optional sector and gender on the trainee's profile page."""

import pytest

pytestmark = pytest.mark.django_db

PROFILE = "/accounts/profile/"
BASE = {"first_name": "Ana", "last_name": "Lima", "time_zone": "UTC"}


def test_profile_offers_sector_and_gender_with_prefer_not_to_say(client, user):
    client.force_login(user)
    html = client.get(PROFILE).content.decode()
    assert '<label for="id_sector">' in html and '<label for="id_gender">' in html
    assert html.count('value="prefer_not_to_say"') == 2
    assert "Academia" in html


def test_profile_saves_sector_and_gender(client, user):
    client.force_login(user)
    response = client.post(
        PROFILE, {**BASE, "sector": "academia", "gender": "prefer_not_to_say"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.sector, user.gender) == ("academia", "prefer_not_to_say")


def test_profile_saves_without_sector_or_gender(client, user):
    user.sector, user.gender = "government", "woman"
    user.save()
    client.force_login(user)
    response = client.post(PROFILE, BASE)
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.sector, user.gender) == ("", "")


def test_profile_rejects_an_unknown_sector(client, user):
    client.force_login(user)
    response = client.post(PROFILE, {**BASE, "sector": "pirates"})
    assert response.status_code == 200
    assert "sector" in response.context["form"].errors
