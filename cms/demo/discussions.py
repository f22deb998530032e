"""Demo discussions in the completed cohort, written while it ran.

Topics and replies in English, Chinese, Arabic and Russian in the whole-cohort
space, a session's thread, an office group whose posts are anonymous to
classmates (one anonymous post), and one post hidden after three members
reported it. Everything goes through the exchange services. A cohort whose
whole-cohort space already has members' posts is left alone, so running the
step again changes nothing.
"""

from cohorts.models import Cohort, Enrolment, OfficeMembership
from exchange.models import Post
from exchange.selectors import member_access
from exchange.services.moderation import report_create
from exchange.services.posts import post_create
from exchange.services.spaces import space_set_anonymity, spaces_ensure_for_cohort

from . import running

COHORT_SLUG = "pph-cnipa-ipos-gccpo"


def _say(cohort, user, space, body, *, title="", parent=None):
    return post_create(
        space=space,
        access=member_access(user, cohort),
        title=title,
        body=body,
        parent=parent,
    )


def seed(ctx):
    cohort = Cohort.objects.filter(slug=COHORT_SLUG).first()
    if cohort is None:
        ctx.write("discussions: the demo cohort is missing, skipped")
        return
    spaces = {
        (s.office.short_code if s.office_id else ""): s
        for s in spaces_ensure_for_cohort(cohort=cohort)
    }
    whole = spaces[""]
    if Post.objects.filter(space__cohort=cohort, author__isnull=False).exists():
        ctx.write("discussions: already seeded")
        return
    people = {
        e.user.first_name: e.user
        for e in Enrolment.objects.filter(
            cohort=cohort, status=Enrolment.Status.ADMITTED
        ).select_related("user")
    }
    instructor = ctx.objects.get("user:instructor")
    lead = (
        OfficeMembership.objects.filter(office=cohort.lead_office)
        .select_related("user")
        .first()
    )
    fang, fatimah, olga = people["Fang"], people["Fatimah"], people["Olga"]
    with running(cohort):
        topic = _say(
            cohort,
            fang,
            whole,
            "我们在 PPH 请求中如何准备**权利要求对应表**？"
            "CNIPA 的做法是逐项对照，欢迎大家分享各自局的经验。",
            title="PPH 请求中的权利要求对应表",
        )
        _say(
            cohort,
            people["Wei Ling"],
            whole,
            "At IPOS we attach the table as a separate PDF and cite the "
            "partner office's *allowed* claims by number. @fang-wang, do you "
            "accept machine translations of the claims?",
            parent=topic,
        )
        _say(
            cohort,
            fatimah,
            whole,
            "في مكتب براءات الاختراع لدول الخليج نطلب ترجمة عربية للمطالبات "
            "المقبولة، ويكفي جدول مقارنة بسيط.",
            parent=topic,
        )
        _say(
            cohort,
            olga,
            whole,
            "Спасибо! В ЕАПО таблица соответствия тоже обязательна; "
            "машинный перевод допускается, если заявитель его заверяет.",
            parent=topic,
        )
        thread = (
            Post.objects.filter(session__cohort=cohort)
            .order_by("session__starts_at")
            .first()
        )
        if thread is not None and instructor is not None:
            _say(
                cohort,
                instructor,
                whole,
                "The slides of this session are in the course, lesson 2. "
                "Questions welcome here.",
                parent=thread,
            )
            _say(
                cohort,
                people["Rajesh"],
                whole,
                "Thank you. Could we get the exercise on search reports too?",
                parent=thread,
            )
        gcc = spaces.get("gccpo")
        if gcc is not None and lead is not None:
            space_set_anonymity(
                space=gcc,
                by=lead.user,
                anonymous=True,
                access=member_access(lead.user, cohort),
            )
            _say(
                cohort,
                people["Noura"],
                gcc,
                "أجد صعوبة في فهم معايير الخطوة الابتكارية لدى المكاتب الشريكة. "
                "هل يمكن تخصيص جلسة إضافية لذلك؟",
                title="سؤال حول الخطوة الابتكارية",
            )
        spam = _say(
            cohort,
            people["Sergei"],
            whole,
            "Selling last year's exam answers, write to me privately.",
            title="Exam answers for sale",
        )
        for name in ("Na", "Khalid", "Jia Hui"):
            report_create(
                post=spam,
                access=member_access(people[name], cohort),
                reason="Spam / dishonest offer",
            )
    ctx.write(
        f"discussions: {Post.objects.filter(space__cohort=cohort).count()} posts "
        f"in {cohort.title}, one hidden after reports, one anonymous"
    )
