"""Demo people: one account per role, email verified so they can log in at once."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts import roles

PEOPLE = [
    # key, email, first, last, native name, time zone, groups, superuser
    (
        "admin",
        "admin@example.org",
        "Amina",
        "Haddad",
        "",
        "Asia/Dubai",
        [roles.PLATFORM_ADMINS],
        True,
    ),
    (
        "instructor",
        "instructor@example.org",
        "Li",
        "Wei",
        "李伟",
        "Asia/Shanghai",
        [roles.INSTRUCTORS],
        False,
    ),
    (
        "reviewer",
        "reviewer@example.org",
        "Noa",
        "Levi",
        "נועה לוי",
        "Asia/Jerusalem",
        [roles.COURSE_REVIEWERS, roles.KNOWLEDGE_BASE_REVIEWERS],
        False,
    ),
    (
        "trainee",
        "trainee@example.org",
        "Aigerim",
        "Nurlanovna",
        "Айгерим Нурлановна",
        "Asia/Almaty",
        [roles.TRAINEES],
        False,
    ),
]


def ensure_user(
    ctx,
    *,
    email,
    first_name,
    last_name,
    native_name="",
    time_zone="UTC",
    groups=(),
    superuser=False,
):
    """Create or update a demo user with a verified primary email; return it."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "native_name": native_name,
            "time_zone": time_zone,
            "is_staff": superuser,
            "is_superuser": superuser,
        },
    )
    if created:
        user.set_password(ctx.password)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def seed(ctx):
    for key, email, first, last, native, tz, groups, superuser in PEOPLE:
        ctx.objects[f"user:{key}"] = ensure_user(
            ctx,
            email=email,
            first_name=first,
            last_name=last,
            native_name=native,
            time_zone=tz,
            groups=groups,
            superuser=superuser,
        )
        ctx.add_login(key.replace("_", " ").capitalize(), email)
    ctx.write(f"accounts: {len(PEOPLE)} role accounts ready")
