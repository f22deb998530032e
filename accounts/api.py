"""`/api/v1/network/profiles/`: the network directory as JSON.

The same rule as the pages (`network_profiles_visible_to`): anonymous callers
get public profiles, a logged-in session more. No email address, ever.
"""

from django.urls import reverse
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from accounts.forms import DirectoryFilterForm
from accounts.selectors import (
    network_countries,
    network_profile_search,
    network_profiles_visible_to,
)

router = Router(tags=["network"])


class OfficeOut(Schema):
    code: str
    name: str


class ProfileOut(Schema):
    id: int
    name: str
    native_name: str
    office: OfficeOut | None
    country: str
    expertise: list[str]
    languages: list[str]
    bio: str
    url: str


class DirectoryFilters(Schema):
    q: str = ""
    expertise: str = ""
    language: str = ""
    office: str = ""
    country: str = ""


def _profile(profile) -> dict:
    office = profile.office
    return {
        "id": profile.pk,
        "name": profile.user.get_full_name(),
        "native_name": profile.user.native_name,
        "office": {"code": office.short_code, "name": office.name} if office else None,
        "country": profile.country,
        "expertise": [area.code for area in profile.expertise.all()],
        "languages": profile.language_codes,
        "bio": profile.bio,
        "url": reverse("network:profile", args=[profile.pk]),
    }


@router.get(
    "/profiles/",
    response=list[ProfileOut],
    summary="Network directory",
    description="Profiles the caller may see, filtered like the directory page: "
    "`expertise` is an IP area code, `language` a language code, `office` an "
    "office's short code. Unknown filter values give an empty list.",
)
@paginate(PageNumberPagination, page_size=50)
def profile_list(request, filters: Query[DirectoryFilters]):
    visible = network_profiles_visible_to(request.user)
    data = filters.dict()
    form = DirectoryFilterForm(data, countries=network_countries(visible))
    form.fields["expertise"].to_field_name = "code"
    form.fields["office"].to_field_name = "short_code"
    if not form.is_valid():
        return []
    profiles = network_profile_search(viewer=request.user, **form.filters())
    return [_profile(p) for p in profiles]
