"""Demo alumni and experts: a few graduates of the completed cohort listed in
the network, the IPOS coordinator listed as an expert of IPOS (proposed by the
office, accepted by her), and one pending contact request from the demo
trainee to her.

Idempotent: profiles are saved over, the designation is proposed once, and the
contact request is only sent when the trainee has none to that expert.
"""

from accounts.models import ContactRequest, NetworkProfile
from accounts.services.network import (
    contact_request_create,
    network_profile_save,
    office_designation_answer,
    office_designation_propose,
)
from certificates.selectors import certificate_list_valid
from cohorts.models import Enrolment, Office, OfficeMembership
from courses.models import IPArea

# (email of a completed-cohort trainee, visibility, IP areas, languages, bio)
ALUMNI = [
    (
        "fang.wang@example.org",
        NetworkProfile.Visibility.PUBLIC,
        ["patents", "examination_cooperation"],
        ["zh-hans", "en"],
        "专利审查员，负责通信领域的PPH请求。欢迎交流审查协作经验。",
    ),
    (
        "fatimah.al-zahrani@example.org",
        NetworkProfile.Visibility.PUBLIC,
        ["patents", "industrial_designs"],
        ["ar", "en"],
        "فاحصة براءات اختراع في مكتب براءات الاختراع لدول الخليج، مهتمة بتبادل "
        "نتائج الفحص بين المكاتب.",
    ),
    (
        "olga.ivanova@example.org",
        NetworkProfile.Visibility.HOLDERS,
        ["patents", "enforcement"],
        ["ru", "en"],
        "Патентный эксперт: ускоренное рассмотрение заявок и защита прав.",
    ),
    (
        "rajesh.kumar@example.org",
        NetworkProfile.Visibility.PUBLIC,
        ["patents", "trademarks"],
        ["en", "ta"],
        "Examiner working on PPH requests from partner offices; happy to share "
        "practice notes.",
    ),
]

EXPERT_OFFICE = "ipos"
EXPERT_BIO = (
    "Training coordinator at IPOS. I help examiners of partner offices use each "
    "other's search and examination results."
)
CONTACT_MESSAGE = (
    "Hello, I applied to the Eurasian PPH workshop. Could you tell me how IPOS "
    "examiners prepare a PPH request?"
)


def _areas(codes):
    return list(IPArea.objects.filter(code__in=codes))


def seed(ctx):
    listed = 0
    for email, visibility, areas, languages, bio in ALUMNI:
        enrolment = (
            Enrolment.objects.filter(
                user__email=email, status=Enrolment.Status.ADMITTED
            )
            .select_related("user", "office")
            .first()
        )
        if enrolment is None:
            continue
        user = enrolment.user
        network_profile_save(
            user=user,
            opted_in=True,
            visibility=visibility,
            expertise=_areas(areas),
            languages=languages,
            office=enrolment.office,
            country=enrolment.office.country,
            bio=bio,
            shown_cohorts=[enrolment.cohort],
            shown_certificates=certificate_list_valid().filter(holder=user),
        )
        listed += 1

    office = Office.objects.filter(short_code=EXPERT_OFFICE).first()
    membership = (
        OfficeMembership.objects.filter(office=office).select_related("user").first()
    )
    if membership is None:
        ctx.write(f"network: {listed} alumni listed (no {EXPERT_OFFICE} coordinator)")
        return
    expert = membership.user
    network_profile_save(
        user=expert,
        opted_in=True,
        visibility=NetworkProfile.Visibility.PUBLIC,
        expertise=_areas(["patents", "examination_cooperation"]),
        languages=["en", "zh-hans"],
        office=office,
        country=office.country,
        bio=EXPERT_BIO,
    )
    designation = office_designation_propose(
        office=office, user=expert, kind="expert", by=expert
    )
    office_designation_answer(user=expert, designation_id=designation.pk, accept=True)

    trainee = ctx.objects.get("user:trainee")
    asked = 0
    if (
        trainee is not None
        and not ContactRequest.objects.filter(requester=trainee, expert=expert).exists()
    ):
        contact_request_create(
            requester=trainee,
            expert_profile_id=expert.network_profile.pk,
            message=CONTACT_MESSAGE,
        )
        asked = 1
    ctx.write(
        f"network: {listed} alumni and 1 expert listed"
        + (", 1 contact request sent" if asked else "")
    )
