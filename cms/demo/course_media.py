"""Demo course images and instructors, drawn locally (nothing is downloaded).

Each course gets a cover (an abstract pattern in its IP areas' colours), a badge
(its initials on a disc of its first area's colour, as the certificates draw
them) and two instructors with portraits (initials on a plain colour).
Idempotent: an image is found by its title before it is drawn, and a course
only gets what its editors left empty.
"""

import hashlib
import io
import random

from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from certificates.badges import badge_draw, hex_rgb, initials
from courses.models import CourseInstructor, IPArea

TEAMS = {
    "patent-prosecution-highway": [
        (
            "Li Wei",
            "Senior patent examiner and PPH coordinator",
            "Examined invention patents in electrical engineering for twelve years "
            "and now coordinates Patent Prosecution Highway requests with partner "
            "offices.",
        ),
        (
            "Aigerim Sultanova",
            "Head of international cooperation, patent office",
            "Negotiated two PPH pilot agreements and trains examiners in using "
            "the work products of other offices.",
        ),
    ],
    "gi-tk-genetic-resources": [
        (
            "Nomvula Dlamini",
            "Legal adviser on traditional knowledge",
            "Advises community organisations on documenting traditional "
            "knowledge and on access and benefit-sharing agreements.",
        ),
        (
            "Rustam Karimov",
            "Registrar of geographical indications",
            "Runs the national register of geographical indications and has "
            "helped producer groups from three regions file their applications.",
        ),
    ],
    "cross-border-enforcement": [
        (
            "Elena Petrova",
            "Judge, intellectual property court",
            "Hears patent and trademark infringement cases and lectures on "
            "cross-border evidence and the recognition of judgments.",
        ),
        (
            "Omar Farouk",
            "Customs enforcement officer",
            "Leads border measures against counterfeit goods and trains customs "
            "staff in working with right holders' recordations.",
        ),
    ],
    "ip-information-services": [
        (
            "Chen Jing",
            "Patent information specialist",
            "Builds search tools and training on patent databases for examiners, "
            "universities and small firms.",
        ),
        (
            "Siti Rahmawati",
            "Data-sharing programme manager",
            "Manages the exchange of bibliographic and legal-status data between "
            "partner offices.",
        ),
    ],
}


def _png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _cover_draw(slug: str, colours: list[str]) -> bytes:
    """A 1440×600 abstract cover: bands and circles, the same for the same slug."""
    from PIL import Image, ImageDraw

    seed = int(hashlib.sha256(slug.encode()).hexdigest()[:8], 16)
    rng = random.Random(seed)  # noqa: S311 (a drawing, not a secret)
    width, height = 1440, 600
    first = hex_rgb(colours[0])
    image = Image.new("RGB", (width, height), first)
    draw = ImageDraw.Draw(image, "RGBA")
    for step in range(height):  # a soft vertical gradient towards white
        shade = tuple(round(c + (255 - c) * step / height * 0.35) for c in first)
        draw.line([(0, step), (width, step)], fill=shade)
    for number in range(14):
        colour = hex_rgb(colours[number % len(colours)])
        radius = rng.randint(60, 260)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            fill=(*colour, 90),
            outline=(255, 255, 255, 120),
            width=4,
        )
    for number in range(3):
        y = rng.randint(80, height - 80)
        draw.rectangle((0, y, width, y + 18 + 6 * number), fill=(255, 255, 255, 60))
    return _png(image)


def _portrait_draw(name: str) -> bytes:
    """A 384×384 portrait placeholder: the person's initials on a plain colour."""
    from PIL import Image, ImageDraw, ImageFont

    palette = list(IPArea.COLOURS.values())
    colour = palette[int(hashlib.sha256(name.encode()).hexdigest(), 16) % len(palette)]
    image = Image.new("RGB", (384, 384), hex_rgb(colour))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=150)
    draw.text((192, 192), initials(name, limit=2), fill="white", font=font, anchor="mm")
    return _png(image)


def _image(title: str, description: str, draw) -> object:
    """The demo image called `title`, drawn by `draw()` the first time."""
    image_model = get_image_model()
    image = image_model.objects.filter(title=title).first()
    if image is None:
        name = hashlib.sha1(title.encode(), usedforsecurity=False).hexdigest()[:12]
        image = image_model(title=title, description=description)
        image.file = ImageFile(io.BytesIO(draw()), name=f"demo-{name}.png")
        image.save()
    return image


def course_media_add(course, *, slug: str) -> bool:
    """Give a demo course what it lacks of cover, badge and instructors.

    Returns True when something was added (the caller publishes the course).
    """
    changed = False
    areas = list(course.ip_areas.all())
    colours = [area.colour for area in areas] or [IPArea.DEFAULT_COLOUR]
    names = ", ".join(str(area) for area in areas)
    if course.cover_image_id is None:
        course.cover_image = _image(
            f"Cover: {course.title}",
            f"Abstract pattern of overlapping circles in the colours of {names}",
            lambda: _cover_draw(slug, colours),
        )
        course.cover_image_alt = (
            f"Abstract pattern of overlapping circles in the colours of {names}"
        )
        changed = True
    if course.badge_image_id is None:
        course.badge_image = _image(
            f"Badge: {course.title}",
            f"Round badge with the initials {initials(course.title)}",
            lambda: badge_draw(text=initials(course.title), colour=colours[0]),
        )
        changed = True
    if not course.teaching_team.exists():
        for order, (name, role, bio) in enumerate(TEAMS.get(slug, [])):
            photo = _image(
                f"Portrait: {name}",
                f"Initials of {name}",
                lambda name=name: _portrait_draw(name),
            )
            course.teaching_team.add(
                CourseInstructor(
                    name=name, role=role, bio=bio, photo=photo, sort_order=order
                )
            )
            changed = True
    return changed
