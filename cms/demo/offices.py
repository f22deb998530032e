"""Demo partner offices, each with one coordinator.

Office names, seats and working languages follow the offices' own sites:
cnipa.gov.cn, gccpo.org, eapo.org, ipos.gov.sg, wipo.int; the Israel Patent
Office's site address is left empty rather than guessed.
"""

from accounts import roles
from cms.demo.accounts import ensure_user
from cohorts.models import Office, OfficeMembership

OFFICES = [
    # code, name, country or region, working language, website, coordinator
    (
        "cnipa",
        "China National Intellectual Property Administration (CNIPA)",
        "China",
        "zh-hans",
        "https://www.cnipa.gov.cn",
        ("Min", "Zhou", "周敏", "Asia/Shanghai"),
    ),
    (
        "gccpo",
        "GCC Patent Office",
        "GCC (Gulf Cooperation Council)",
        "ar",
        "https://www.gccpo.org",
        ("Huda", "Al-Sayed", "هدى السيد", "Asia/Riyadh"),
    ),
    (
        "eapo",
        "Eurasian Patent Office (EAPO)",
        "Eurasian Patent Organization",
        "ru",
        "https://www.eapo.org",
        ("Dmitry", "Volkov", "Дмитрий Волков", "Europe/Moscow"),
    ),
    (
        "ipos",
        "Intellectual Property Office of Singapore (IPOS)",
        "Singapore",
        "en",
        "https://www.ipos.gov.sg",
        ("Priya", "Nair", "", "Asia/Singapore"),
    ),
    (
        "ilpo",
        "Israel Patent Office",
        "Israel",
        "en",
        "",
        ("Yael", "Cohen", "יעל כהן", "Asia/Jerusalem"),
    ),
    (
        "wipo",
        "World Intellectual Property Organization (WIPO)",
        "International (Geneva)",
        "en",
        "https://www.wipo.int",
        ("Claire", "Martin", "", "Europe/Zurich"),
    ),
]


def seed(ctx):
    offices = {}
    for code, name, country, language, website, person in OFFICES:
        office, _ = Office.objects.update_or_create(
            short_code=code,
            defaults={
                "name": name,
                "country": country,
                "language": language,
                "website": website,
                "contact_email": f"training.{code}@example.org",
            },
        )
        first, last, native, tz = person
        email = f"coordinator.{code}@example.org"
        user = ensure_user(
            ctx,
            email=email,
            first_name=first,
            last_name=last,
            native_name=native,
            time_zone=tz,
            groups=[roles.OFFICE_COORDINATORS],
        )
        OfficeMembership.objects.update_or_create(
            office=office,
            user=user,
            defaults={
                "role": OfficeMembership.Role.COORDINATOR,
                "title": "Training coordinator",
            },
        )
        ctx.add_login(f"Coordinator {code.upper()}", email)
        offices[code] = office
    ctx.objects["offices"] = offices
    ctx.write(f"offices: {len(offices)} partner offices with one coordinator each")
