"""Demo cohorts: one completed (lead CNIPA with IPOS and the GCC Patent Office)
and one open for applications (lead EAPO with WIPO).

Trainee names are invented; dates are relative to today so the open cohort
stays open and the completed one stays in the past.
"""

import datetime

from django.utils import timezone
from wagtail.models import Site

from accounts import roles
from cms.demo.accounts import ensure_user
from cohorts.models import Cohort, CohortOffice, Enrolment, Office, Session
from courses.models import CourseIndexPage, CoursePage

COURSE_SLUG = "patent-prosecution-highway"

# (first, last, native name, time zone, office code)
COMPLETED_TRAINEES = [
    ("Fang", "Wang", "王芳", "Asia/Shanghai", "cnipa"),
    ("Na", "Li", "李娜", "Asia/Shanghai", "cnipa"),
    ("Wei", "Zhang", "张伟", "Asia/Shanghai", "cnipa"),
    ("Jing", "Chen", "陈静", "Asia/Shanghai", "cnipa"),
    ("Yang", "Liu", "刘洋", "Asia/Shanghai", "cnipa"),
    ("Min", "Zhao", "赵敏", "Asia/Shanghai", "cnipa"),
    ("Lei", "Sun", "孙磊", "Asia/Shanghai", "cnipa"),
    ("Xiaoyu", "Huang", "黄晓宇", "Asia/Shanghai", "cnipa"),
    ("Fatimah", "Al-Zahrani", "فاطمة الزهراني", "Asia/Riyadh", "gccpo"),
    ("Mohammed", "Al-Otaibi", "محمد العتيبي", "Asia/Riyadh", "gccpo"),
    ("Noura", "Al-Qahtani", "نورة القحطاني", "Asia/Riyadh", "gccpo"),
    ("Khalid", "Al-Harbi", "خالد الحربي", "Asia/Kuwait", "gccpo"),
    ("Maryam", "Al-Kaabi", "مريم الكعبي", "Asia/Dubai", "gccpo"),
    ("Abdullah", "Al-Mansouri", "عبدالله المنصوري", "Asia/Qatar", "gccpo"),
    ("Wei Ling", "Tan", "陈慧玲", "Asia/Singapore", "ipos"),
    ("Nur Aisyah", "Rahman", "", "Asia/Singapore", "ipos"),
    ("Rajesh", "Kumar", "ராஜேஷ் குமார்", "Asia/Singapore", "ipos"),
    ("Jia Hui", "Lim", "林佳慧", "Asia/Singapore", "ipos"),
    ("Olga", "Ivanova", "Ольга Иванова", "Asia/Singapore", "ipos"),
    ("Sergei", "Petrov", "Сергей Петров", "Asia/Singapore", "ipos"),
]

# (first, last, native name, time zone, office code, status)
OPEN_APPLICANTS = [
    ("Aibek", "Sadykov", "Айбек Садыков", "Asia/Bishkek", "eapo", "nominated"),
    ("Tatiana", "Smirnova", "Татьяна Смирнова", "Europe/Moscow", "eapo", "applied"),
    ("Armen", "Hakobyan", "Արմեն Հակոբյան", "Asia/Yerevan", "eapo", "waitlisted"),
    ("Lucía", "Fernández", "", "America/Lima", "wipo", "applied"),
    ("Kwame", "Mensah", "", "Africa/Accra", "wipo", "nominated"),
]


def _course(ctx) -> CoursePage:
    provided = ctx.objects.get("courses")
    if isinstance(provided, dict):
        provided = provided.get(COURSE_SLUG) or next(iter(provided.values()), None)
    elif isinstance(provided, list | tuple):
        provided = next(iter(provided), None)
    if isinstance(provided, CoursePage):
        return provided
    existing = CoursePage.objects.filter(slug=COURSE_SLUG).first()
    if existing:
        return existing
    catalogue = CourseIndexPage.objects.filter(slug="courses").first()
    if catalogue is None:
        home = Site.objects.get(is_default_site=True).root_page
        catalogue = home.add_child(
            instance=CourseIndexPage(title="Courses", slug="courses")
        )
    return catalogue.add_child(
        instance=CoursePage(
            title="Patent Prosecution Highway in practice",
            slug=COURSE_SLUG,
            summary="How offices reuse each other's search and examination "
            "results to speed up patent grants.",
            estimated_hours=24,
        )
    )


def _cohort(course, slug, lead, quotas, **fields) -> Cohort:
    cohort, _ = Cohort.objects.update_or_create(
        slug=slug, defaults={"course": course, "lead_office": lead, **fields}
    )
    for office, quota in quotas:
        CohortOffice.objects.update_or_create(
            cohort=cohort, office=office, defaults={"seat_quota": quota}
        )
    return cohort


def _trainee(ctx, first, last, native, tz):
    email = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
    return ensure_user(
        ctx,
        email=f"{email}@example.org",
        first_name=first,
        last_name=last,
        native_name=native,
        time_zone=tz,
        groups=[roles.TRAINEES],
    )


def _enrol(cohort, user, office, status, **extra):
    Enrolment.objects.update_or_create(
        cohort=cohort,
        user=user,
        defaults={
            "office": office,
            "status": status,
            "employer": extra.get("employer", office.name),
            "position": extra.get("position", "Patent examiner"),
            "motivation": extra.get(
                "motivation",
                "To use partner offices' search and examination results in my "
                "own examination work.",
            ),
            "admitted_at": extra.get("admitted_at"),
        },
    )


def seed(ctx):
    offices = ctx.objects.get("offices") or {
        o.short_code: o for o in Office.objects.all()
    }
    course = _course(ctx)
    today = timezone.localdate()
    now = timezone.now()

    start = today - datetime.timedelta(days=120)
    completed = _cohort(
        course,
        "pph-cnipa-ipos-gccpo",
        offices["cnipa"],
        [(offices["cnipa"], 8), (offices["ipos"], 6), (offices["gccpo"], 6)],
        title="PPH in practice: CNIPA, IPOS and GCC Patent Office",
        start_date=start,
        end_date=start + datetime.timedelta(days=11),
        applications_open_at=now - datetime.timedelta(days=200),
        applications_close_at=now - datetime.timedelta(days=150),
        time_zone="Asia/Shanghai",
        delivery_mode=Cohort.DeliveryMode.HYBRID,
        location="Beijing and online",
        language="en",
        capacity=20,
        status=Cohort.Status.COMPLETED,
    )
    admitted_at = now - datetime.timedelta(days=140)
    for first, last, native, tz, code in COMPLETED_TRAINEES:
        user = _trainee(ctx, first, last, native, tz)
        _enrol(
            completed,
            user,
            offices[code],
            Enrolment.Status.ADMITTED,
            admitted_at=admitted_at,
        )

    open_start = today + datetime.timedelta(days=60)
    open_cohort = _cohort(
        course,
        "pph-eapo-wipo",
        offices["eapo"],
        [(offices["eapo"], 12), (offices["wipo"], 8)],
        title="Eurasian PPH workshop with WIPO",
        start_date=open_start,
        end_date=open_start + datetime.timedelta(days=11),
        applications_open_at=now - datetime.timedelta(days=10),
        applications_close_at=now + datetime.timedelta(days=30),
        time_zone="Europe/Moscow",
        delivery_mode=Cohort.DeliveryMode.ONLINE,
        location="",
        language="ru",
        capacity=20,
        status=Cohort.Status.OPEN,
    )
    for first, last, native, tz, code, status in OPEN_APPLICANTS:
        _enrol(
            open_cohort, _trainee(ctx, first, last, native, tz), offices[code], status
        )
    trainee = ctx.objects.get("user:trainee")
    if trainee is not None:
        _enrol(
            open_cohort,
            trainee,
            offices["eapo"],
            Enrolment.Status.APPLIED,
            employer="National Institute of Intellectual Property, Kazakhstan",
            position="Patent examiner",
        )
    for day, title in enumerate(
        ["Opening: how PPH requests work", "Reading the partner office's file"],
        start=0,
    ):
        starts = timezone.make_aware(
            datetime.datetime.combine(
                open_start + datetime.timedelta(days=day), datetime.time(7, 0)
            ),
            datetime.UTC,
        )
        Session.objects.update_or_create(
            cohort=open_cohort,
            title=title,
            defaults={
                "starts_at": starts,
                "ends_at": starts + datetime.timedelta(hours=2),
                "online_url": "https://meet.example.org/pph-eapo-wipo",
            },
        )
    ctx.objects["cohorts"] = {"completed": completed, "open": open_cohort}
    ctx.write(
        f"cohorts: {completed.title} ({len(COMPLETED_TRAINEES)} admitted), "
        f"{open_cohort.title} ({open_cohort.enrolments.count()} applications)"
    )
