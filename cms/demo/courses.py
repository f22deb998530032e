"""Demo treaties, IP regimes and courses with lessons (idempotent, by slug).

Existing pages are left as editors changed them; only missing ones are made.
Runs after `cms.demo.accounts` (needs the demo instructor).
"""

from courses.models import (
    CourseIndexPage,
    CoursePage,
    FieldSource,
    IPArea,
    JurisdictionCorrection,
    JurisdictionIndexPage,
    JurisdictionPage,
    LessonPage,
    PPHPartnership,
    Treaty,
    TreatyMembership,
)

from .course_media import course_media_add
from .courses_content import COURSES
from .regimes_content import CHECKED, JURISDICTIONS, NV, TREATIES, TREATY_SOURCES


def _sources(items):
    return [
        ("source", {"title": title, "url": url, "accessed": None})
        for title, url in items
    ]


def _publish(page, user=None):
    page.save_revision(user=user, log_action=False).publish(user=None)


def _seed_treaties():
    treaties = {}
    for order, (slug, short, name, by, url) in enumerate(TREATIES):
        treaties[slug], _created = Treaty.objects.update_or_create(
            slug=slug,
            defaults={
                "short_name": short,
                "name": name,
                "administered_by": by,
                "url": url,
                "sort_order": order,
            },
        )
    return treaties


def _source(source):
    title, url = source
    return {"source_title": title, "source_url": url, "checked_on": CHECKED}


def _add_facts(page, data, treaties):
    """Every fact of a new demo page, each with its state, source and date."""
    for order, (slug, fact) in enumerate(data["treaties"].items()):
        state, year, *rest = fact
        source = rest[1] if len(rest) > 1 else TREATY_SOURCES[slug]
        page.treaty_memberships.add(
            TreatyMembership(
                treaty=treaties[slug],
                state=state,
                year=year,
                note=rest[0] if rest else "",
                effective_date=rest[2] if len(rest) > 2 else None,
                sort_order=order,
                **_source(source),
            )
        )
    for order, item in enumerate(data["pph"]):
        page.pph_partnerships.add(
            PPHPartnership(
                partner=item["partner"],
                state=item["state"],
                effective_date=item.get("since"),
                note=item.get("note", ""),
                suspended_on=item.get("suspended_on"),
                suspension_reason=item.get("reason", ""),
                sort_order=order,
                **_source(item["source"]),
            )
        )
    overrides = data.get("field_sources", {})
    for order, field in enumerate(FieldSource.Field):
        value = data[field.value]
        state, source = overrides.get(
            field.value,
            ("verified" if value and value != NV else NV, data["lex"]),
        )
        page.field_sources.add(
            FieldSource(field=field, state=state, sort_order=order, **_source(source))
        )
    for order, text in enumerate(data.get("corrections", [])):
        page.corrections.add(
            JurisdictionCorrection(
                corrected_on=CHECKED, description=text, sort_order=order
            )
        )


def _seed_jurisdictions(ctx, index, treaties, reviewer=None):
    pages, created = {}, 0
    for data in JURISDICTIONS:
        page = (
            JurisdictionPage.objects.child_of(index).filter(slug=data["slug"]).first()
        )
        if page is None:
            page = JurisdictionPage(
                slug=data["slug"],
                title=data["title"],
                kind=data["kind"],
                summary=data["summary"],
                ip_office=data["ip_office"],
                ip_office_url=data["ip_office_url"],
                official_languages=data["official_languages"],
                pph_partners=data["pph_partners"],
                gi_protection=data["gi_protection"],
                gi_notes=data["gi_notes"],
                tk_gr_protection=data["tk_gr_protection"],
                patent_term=data["patent_term"],
                utility_model_term=data["utility_model_term"],
                design_term=data["design_term"],
                trademark_term=data["trademark_term"],
                copyright_term=data["copyright_term"],
                body=data.get("body", ""),
                sources=_sources(data["sources"]),
            )
            _add_facts(page, data, treaties)
            page.last_reviewed_on = CHECKED
            page.last_reviewed_by = reviewer
            index.add_child(instance=page)
            _publish(page)
            created += 1
        pages[data["slug"]] = page
    ctx.write(f"courses: {len(pages)} jurisdiction pages ({created} new)")
    return pages


def _lesson_body(blocks, jurisdictions):
    body = []
    for kind, value in blocks:
        if kind == "comparison":
            value = {
                **value,
                "jurisdictions": [
                    jurisdictions[slug] for slug in value["jurisdictions"]
                ],
            }
        body.append((kind, value))
    return body


def _outcomes(items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _seed_courses(ctx, catalogue, jurisdictions, instructor):
    areas = {area.code: area for area in IPArea.objects.all()}
    lessons_created = 0
    for data in COURSES:
        course = (
            CoursePage.objects.child_of(catalogue).filter(slug=data["slug"]).first()
        )
        if course is None:
            course = CoursePage(
                slug=data["slug"],
                title=data["title"],
                summary=data["summary"],
                learning_outcomes=_outcomes(data["outcomes"]),
                level=data["level"],
                language="en",
                estimated_hours=data["hours"],
                sources=_sources(data["sources"]),
                owner=instructor,
            )
            course.ip_areas = [areas[code] for code in data["areas"]]
            course.jurisdictions = [
                jurisdictions[slug] for slug in data["jurisdictions"]
            ]
            if instructor:
                course.instructors = [instructor]
            catalogue.add_child(instance=course)
            _publish(course, instructor)
        if course_media_add(course, slug=data["slug"]):
            _publish(course, instructor)
        for lesson_data in data["lessons"]:
            if (
                LessonPage.objects.child_of(course)
                .filter(slug=lesson_data["slug"])
                .exists()
            ):
                continue
            lesson = LessonPage(
                slug=lesson_data["slug"],
                title=lesson_data["title"],
                summary=lesson_data["summary"],
                estimated_minutes=lesson_data["minutes"],
                body=_lesson_body(lesson_data["body"], jurisdictions),
                sources=_sources(lesson_data["sources"]),
                owner=instructor,
            )
            course.add_child(instance=lesson)
            _publish(lesson, instructor)
            lessons_created += 1
        ctx.objects[f"course:{data['slug']}"] = course
    ctx.write(f"courses: {len(COURSES)} courses ({lessons_created} new lessons)")


def seed(ctx):
    catalogue = CourseIndexPage.objects.first()
    index = JurisdictionIndexPage.objects.first()
    if catalogue is None or index is None:
        ctx.write("courses: no catalogue or regimes index (run migrate); skipped")
        return
    instructor = ctx.objects.get("user:instructor")
    treaties = _seed_treaties()
    jurisdictions = _seed_jurisdictions(
        ctx, index, treaties, reviewer=ctx.objects.get("user:reviewer")
    )
    _seed_courses(ctx, catalogue, jurisdictions, instructor)
    ctx.notes.append(
        "\nCourses: /courses/ · IP regimes: /regimes/ · "
        "compare: /regimes/compare/?j=china&j=singapore · search: /search/"
    )
