"""StreamField blocks instructors use in lessons and pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class SourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=255)
    url = blocks.URLBlock(label=_("link"), required=False)
    accessed = blocks.DateBlock(label=_("accessed on"), required=False)

    class Meta:
        icon = "link"
        label = _("Source")
        template = "blocks/source_block.html"


class SourceStreamBlock(blocks.StreamBlock):
    source = SourceBlock()


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=255)
    size = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section (H2)")), ("h3", _("Subsection (H3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=255)
    attribution = blocks.CharBlock(label=_("credit"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "blocks/captioned_image_block.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("video URL"), help_text=_("YouTube, Vimeo, …"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=255)
    transcript = blocks.RichTextBlock(
        label=_("transcript"), required=False, features=["bold", "italic", "link"]
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"),
        required=False,
        help_text=_("Defaults to the document title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Downloadable document")
        template = "blocks/document_block.html"


class KeyPointBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), default=_("Key point"), max_length=120)
    text = blocks.RichTextBlock(
        label=_("text"), features=["bold", "italic", "link", "ul", "ol"]
    )

    class Meta:
        icon = "warning"
        label = _("Key-point callout")
        template = "blocks/key_point_block.html"


class GlossaryTermBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("term"), max_length=120)
    definition = blocks.RichTextBlock(
        label=_("definition"), features=["bold", "italic", "link"]
    )

    class Meta:
        icon = "help"
        label = _("Glossary term")
        template = "blocks/glossary_term_block.html"


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"), max_length=255)
    correct = blocks.BooleanBlock(label=_("correct"), required=False)


class KnowledgeCheckBlock(blocks.StructBlock):
    """One question with instant, ungraded feedback."""

    question = blocks.CharBlock(label=_("question"), max_length=500)
    choices = blocks.ListBlock(ChoiceBlock(), label=_("answers"), min_num=2)
    explanation = blocks.RichTextBlock(
        label=_("explanation"), features=["bold", "italic", "link"]
    )

    class Meta:
        icon = "tick-inverse"
        label = _("Knowledge check")
        template = "blocks/knowledge_check_block.html"

    def clean(self, value):
        from django.core.exceptions import ValidationError

        value = super().clean(value)
        if not any(choice["correct"] for choice in value["choices"]):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "choices": ValidationError(_("Mark at least one answer correct."))
                }
            )
        return value


class JurisdictionComparisonBlock(blocks.StructBlock):
    """The comparison table of the /regimes/compare/ page for a fixed selection."""

    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=255)
    jurisdictions = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="courses.JurisdictionPage"),
        label=_("jurisdictions"),
        min_num=2,
        max_num=6,
    )

    class Meta:
        icon = "table"
        label = _("Jurisdiction comparison")
        template = "blocks/jurisdiction_comparison_block.html"

    def get_context(self, value, parent_context=None):
        from courses.selectors import jurisdiction_comparison

        context = super().get_context(value, parent_context=parent_context)
        pages = [page for page in value["jurisdictions"] if page and page.live]
        context["comparison"] = jurisdiction_comparison(
            slugs=[page.slug for page in pages]
        )
        return context


class LessonStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Rich text"),
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        features=["bold", "italic", "link", "ol", "ul", "h3", "h4", "blockquote"],
    )
    image = CaptionedImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    key_point = KeyPointBlock()
    glossary_term = GlossaryTermBlock()
    knowledge_check = KnowledgeCheckBlock()
    comparison = JurisdictionComparisonBlock()
