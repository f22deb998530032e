from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage, IPArea

MIN_COMPARE = 2
MAX_COMPARE = 6


class CatalogueFilterForm(forms.Form):
    """GET filters of the course catalogue; every field optional."""

    ip_area = forms.ChoiceField(
        label=_("IP area"),
        required=False,
        choices=[("", _("Any IP area")), *IPArea.Code.choices],
    )
    jurisdiction = forms.ChoiceField(label=_("Jurisdiction"), required=False)
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("Any level")), *CoursePage.Level.choices],
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Any language")), *settings.LANGUAGES],
    )

    def __init__(self, *args, **kwargs):
        from courses.selectors import jurisdiction_list

        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].choices = [
            ("", _("Any jurisdiction")),
            *jurisdiction_list(public=False).values_list("slug", "title"),
        ]


class CompareForm(forms.Form):
    """2 to 6 jurisdictions picked by slug (`?j=china&j=singapore`)."""

    j = forms.MultipleChoiceField(
        label=_("Jurisdictions to compare"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose between 2 and 6 jurisdictions to compare."),
            "invalid_choice": _(
                "“%(value)s” is not a jurisdiction in the knowledge base."
            ),
        },
    )

    def __init__(self, *args, jurisdictions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["j"].choices = [(page.slug, page.title) for page in jurisdictions]

    def clean_j(self):
        slugs = list(dict.fromkeys(self.cleaned_data["j"]))
        if not MIN_COMPARE <= len(slugs) <= MAX_COMPARE:
            raise forms.ValidationError(
                _(
                    "Choose between %(min)d and %(max)d different jurisdictions "
                    "(you chose %(count)d)."
                ),
                params={"min": MIN_COMPARE, "max": MAX_COMPARE, "count": len(slugs)},
            )
        return slugs


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
