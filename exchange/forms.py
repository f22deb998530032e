from django import forms
from django.utils.translation import gettext_lazy as _

from exchange.models import Mode, Post

BODY_HELP = _(
    "Markdown: **bold**, *italic*, [link](https://…), lists. Mention a member "
    "with @ and their handle."
)


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=BODY_HELP,
    )
    attachment = forms.FileField(
        label=_("Attachment (PDF, DOCX or ODT)"),
        required=False,
        validators=Post._meta.get_field("attachment").validators,
    )


class TopicForm(ReplyForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    field_order = ["title", "body", "attachment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("Your message")


class EditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Text"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=BODY_HELP,
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this post?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FollowForm(forms.Form):
    mode = forms.ChoiceField(label=_("Email me"), choices=Mode.choices)


class ThreadFollowForm(forms.Form):
    # "space": no mode of its own, the thread follows its space's.
    AS_SPACE = "space"
    mode = forms.ChoiceField(
        label=_("Email me about this thread"),
        choices=[(AS_SPACE, _("As for its space")), *Mode.choices],
    )


class PreferenceForm(forms.Form):
    default_mode = forms.ChoiceField(
        label=_("For the spaces I have not set, email me"), choices=Mode.choices
    )
