"""Demo sessions and attendance for every cohort that has no sessions yet.

Completed cohorts get 6-8 past sessions marked through the attendance service
(so the history is real), with a few trainees attending too little to
complete; open and running cohorts get scheduled future sessions. The demo
instructor teaches every session. Cohorts that already have sessions are left
alone, so running the step again changes nothing.
"""

import datetime
import random
import zoneinfo

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils import timezone

from cohorts.models import AttendanceMark, Cohort, Session
from cohorts.selectors.attendance import enrolment_is_expected, enrolment_list_admitted
from cohorts.services.attendance import attendance_record_bulk

from . import running

# Generic topics of a joint patent/trademark examiner training week.
TOPICS = [
    "Opening session and programme overview",
    "Patent search strategies and databases",
    "Assessing novelty and inventive step",
    "Work sharing: the Patent Prosecution Highway",
    "Drafting and amending claims",
    "Trademark examination and oppositions",
    "Industrial design examination",
    "Case studies and closing discussion",
]
START = datetime.time(9, 30)
LENGTH = datetime.timedelta(hours=2, minutes=30)
P, L, E, A = (
    AttendanceMark.Status.PRESENT,
    AttendanceMark.Status.LATE,
    AttendanceMark.Status.EXCUSED,
    AttendanceMark.Status.ABSENT,
)


def _days(first: datetime.date, last: datetime.date, count: int) -> list[datetime.date]:
    """`count` dates spread over first..last (repeating days when the span is short)."""
    span = max((last - first).days, 0)
    return [
        first + datetime.timedelta(days=round(i * span / max(count - 1, 1)))
        for i in range(count)
    ]


def _create_sessions(cohort, days, instructor) -> list[Session]:
    zone = zoneinfo.ZoneInfo(cohort.time_zone)
    sessions, seen = [], {}
    for number, day in enumerate(days):
        # A second session on the same day is held in the afternoon.
        offset = datetime.timedelta(hours=4) * seen.get(day, 0)
        seen[day] = seen.get(day, 0) + 1
        starts = datetime.datetime.combine(day, START, tzinfo=zone) + offset
        in_person = cohort.delivery_mode != Cohort.DeliveryMode.ONLINE
        session = Session(
            cohort=cohort,
            title=TOPICS[number % len(TOPICS)],
            starts_at=starts,
            ends_at=starts + LENGTH,
            room=(cohort.location or "Training room 1") if in_person else "",
            online_url=""
            if cohort.delivery_mode == Cohort.DeliveryMode.IN_PERSON
            else f"https://meet.example.org/{cohort.slug}-{number + 1}",
        )
        session.full_clean()
        session.save()
        if instructor is not None:
            session.instructors.add(instructor)
        sessions.append(session)
    return sessions


def _mark(cohort, sessions, instructor) -> int:
    rng = random.Random(f"attendance-{cohort.slug}")  # noqa: S311 - demo data
    enrolments = list(enrolment_list_admitted(cohort))
    # About one trainee in four attends too little to complete.
    low = rng.sample(enrolments, k=len(enrolments) // 4 if len(enrolments) > 2 else 0)
    # They miss at least 40% of the sessions, so they really fall short of 80%.
    missed = {
        (enrolment.pk, session.pk)
        for enrolment in low
        for session in rng.sample(sessions, k=-(-len(sessions) * 2 // 5))
    }
    marked = 0
    for session in sessions:
        marks = {}
        for enrolment in enrolments:
            if not enrolment_is_expected(enrolment, session):
                continue
            if (enrolment.pk, session.pk) in missed:
                status = A
            else:
                status = rng.choices([P, L, E, A], weights=[86, 7, 4, 3])[0]
            note = {L: "Arrived 15 minutes late", E: "Excused: official duty"}.get(
                status, ""
            )
            marks[enrolment.pk] = (status, note)
        if marks:
            attendance_record_bulk(session=session, marks=marks, by=instructor)
            marked += len(marks)
    return marked


def seed(ctx):
    instructor = ctx.objects.get("user:instructor") or (
        get_user_model().objects.filter(email="instructor@example.org").first()
    )
    today = timezone.localdate()
    cohorts = Cohort.objects.annotate(n_sessions=Count("sessions")).filter(n_sessions=0)
    done = 0
    for cohort in cohorts.order_by("pk"):
        rng = random.Random(f"sessions-{cohort.slug}")  # noqa: S311 - demo data
        count = rng.randint(6, 8)
        if cohort.status == Cohort.Status.COMPLETED:
            last = min(cohort.end_date, today - datetime.timedelta(days=1))
            first = min(cohort.start_date, last)
            sessions = _create_sessions(cohort, _days(first, last, count), instructor)
            with running(cohort):
                marked = _mark(cohort, sessions, instructor)
            ctx.write(
                f"attendance: {cohort.slug}: {len(sessions)} past sessions, "
                f"{marked} marks"
            )
        elif cohort.status in (Cohort.Status.OPEN, Cohort.Status.RUNNING):
            first = max(cohort.start_date, today + datetime.timedelta(days=1))
            last = max(cohort.end_date, first)
            sessions = _create_sessions(cohort, _days(first, last, count), instructor)
            ctx.write(f"attendance: {cohort.slug}: {len(sessions)} scheduled sessions")
        else:
            continue
        done += 1
    if not done:
        ctx.write("attendance: no cohort without sessions; nothing to do")
