"""Badge images: drawn badges and Open Badges 3.0 baking. Pure, no ORM.

Baking follows Open Badges 3.0 §5.3 (PNG): one iTXt chunk with the keyword
``openbadgecredential``, uncompressed, empty language tag and translated
keyword, whose text is the signed credential's JSON; Pillow writes and reads
the chunk. Baking re-encodes the image without its earlier text chunks, so an
image never carries two credentials.
"""

import io

from PIL import Image
from PIL.PngImagePlugin import PngInfo

BAKE_KEYWORD = "openbadgecredential"
BADGE_SIZE = 400
_SMALL_WORDS = {"a", "an", "and", "for", "in", "of", "on", "the", "to", "with"}


class PngError(ValueError):
    """The bytes are not a PNG this module can read."""


def initials(title: str, *, limit: int = 3) -> str:
    """Up to `limit` capital initials of a title's significant words ("Patent
    examination for beginners" → "PEB")."""
    words = [w for w in title.replace("-", " ").split() if w[:1].isalnum()]
    significant = [w for w in words if w.lower() not in _SMALL_WORDS] or words
    return "".join(w[0].upper() for w in significant[:limit]) or "?"


def hex_rgb(colour: str) -> tuple[int, int, int]:
    """A "#rrggbb" colour as an (r, g, b) tuple."""
    value = colour.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def _mix(rgb, other, amount: float) -> tuple[int, int, int]:
    return tuple(round(a + (b - a) * amount) for a, b in zip(rgb, other, strict=True))


def badge_draw(
    *, text: str, colour: str, size: int = BADGE_SIZE, ribbon: bool = True
) -> bytes:
    """A round badge as PNG bytes: `text` (a few initials) on a disc of `colour`
    ("#rrggbb") with a lighter ring, and ribbon tails unless `ribbon` is False.

    Deterministic: the same arguments give the same bytes.
    """
    from PIL import ImageDraw, ImageFont

    scale = 2  # drawn large, then reduced: smooth edges without anti-aliasing
    big = size * scale
    base = hex_rgb(colour)
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if ribbon:
        dark = _mix(base, (0, 0, 0), 0.35)
        for side in (-1, 1):
            x = big // 2 + side * big // 6
            draw.polygon(
                [
                    (x - big // 9, big // 2),
                    (x + big // 9, big // 2),
                    (x + big // 9 + side * big // 20, big - big // 40),
                    (x + side * big // 20, big - big // 8),
                    (x - big // 9 + side * big // 20, big - big // 40),
                ],
                fill=dark,
            )
    margin = big // 12
    # The disc stays round; with a ribbon it sits higher, above the tails.
    diameter = big - 2 * margin - (big // 8 if ribbon else 0)
    left, top = (big - diameter) // 2, (margin // 2 if ribbon else margin)
    box = (left, top, left + diameter, top + diameter)
    draw.ellipse(box, fill=_mix(base, (255, 255, 255), 0.55))
    inset = big // 22
    inner = (box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset)
    draw.ellipse(inner, fill=base)
    centre = ((inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2)
    width = inner[2] - inner[0]
    font = ImageFont.load_default(size=int(width / (1.2 + 0.55 * len(text))))
    draw.text(centre, text, fill=(255, 255, 255), font=font, anchor="mm")
    image = image.resize((size, size), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _open_png(png: bytes) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(png))
        image.load()  # reads the chunks after the image data too
    except (OSError, SyntaxError, ValueError) as error:
        raise PngError("not a readable PNG") from error
    if image.format != "PNG":
        raise PngError("not a PNG")
    return image


def png_bake(png: bytes, text: str) -> bytes:
    """`png` with `text` (the signed credential) in its one uncompressed
    openbadgecredential iTXt chunk; an earlier credential is replaced."""
    image = _open_png(png)
    info = PngInfo()
    info.add_itxt(BAKE_KEYWORD, text, lang="", tkey="", zip=False)
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def png_unbake(png: bytes) -> str | None:
    """The text of the openbadgecredential iTXt chunk, or None."""
    text = _open_png(png).text.get(BAKE_KEYWORD)
    return str(text) if text is not None else None
