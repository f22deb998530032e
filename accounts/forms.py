from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cohorts.models import Office
from courses.models import IPArea
from courses.selectors import ip_area_list

from .models import (
    BIO_MAX_LENGTH,
    SPOKEN_LANGUAGE_CHOICES,
    TIME_ZONE_CHOICES,
    NetworkProfile,
    User,
)
from .selectors import network_profile_choices_for


class SignupForm(forms.Form):
    """Extra fields asked at sign-up (allauth's ACCOUNT_SIGNUP_FORM_CLASS)."""

    first_name = forms.CharField(label=_("Given name"), max_length=150)
    last_name = forms.CharField(label=_("Family name"), max_length=150)
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=TIME_ZONE_CHOICES, initial="UTC"
    )

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.time_zone = self.cleaned_data["time_zone"]
        # The language the trainee signed up in: their pages and emails follow it.
        if translation.get_language() in dict(settings.LANGUAGES):
            user.language = translation.get_language()
        user.save()


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "first_name",
            "last_name",
            "native_name",
            "time_zone",
            "language",
            "sector",
            "gender",
        ]
        widgets = {"time_zone": forms.Select(choices=TIME_ZONE_CHOICES)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, choices in (
            ("sector", User.Sector.choices),
            ("gender", User.Gender.choices),
        ):
            field = self.fields[name]
            field.required = False
            field.choices = [("", _("Not stated")), *choices]
            field.help_text = _(
                "Optional. Used only in anonymous figures; groups of fewer than "
                "5 people are never shown."
            )


# ---- alumni and expert network ----


class _CertificateChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.course_title} · {obj.cohort_title} ({obj.code})"


MAX_SPOKEN_LANGUAGES = 20


class NetworkProfileForm(forms.Form):
    """A member's network profile; the choices of cohorts and certificates are theirs."""

    opted_in = forms.BooleanField(
        label=_("List me in the alumni and expert network"),
        required=False,
        help_text=_("Unticked, your profile is removed from every page at once."),
    )
    visibility = forms.ChoiceField(
        label=_("Who may see my profile"),
        choices=NetworkProfile.Visibility.choices,
        widget=forms.RadioSelect,
    )
    expertise = forms.ModelMultipleChoiceField(
        label=_("Expertise"),
        queryset=IPArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=SPOKEN_LANGUAGE_CHOICES,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    office = forms.ModelChoiceField(
        label=_("Office"), queryset=Office.objects.none(), required=False
    )
    country = forms.CharField(
        label=_("Country or region"), max_length=100, required=False
    )
    bio = forms.CharField(
        label=_("Short bio"),
        max_length=BIO_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    shown_cohorts = forms.ModelMultipleChoiceField(
        label=_("Cohorts to show"),
        queryset=IPArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    shown_certificates = _CertificateChoiceField(
        label=_("Certificates to show (valid ones only)"),
        queryset=IPArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        choices = network_profile_choices_for(user)
        self.fields["expertise"].queryset = ip_area_list()
        self.fields["office"].queryset = Office.objects.order_by("name")
        self.fields["shown_cohorts"].queryset = choices["cohorts"]
        self.fields["shown_certificates"].queryset = choices["certificates"]

    def clean_languages(self):
        languages = self.cleaned_data["languages"]
        if len(languages) > MAX_SPOKEN_LANGUAGES:
            raise forms.ValidationError(
                _("Choose at most %(n)s languages."),
                params={"n": MAX_SPOKEN_LANGUAGES},
            )
        return languages

    @staticmethod
    def initial_for(profile: NetworkProfile) -> dict:
        if profile.pk is None:
            return {"visibility": profile.visibility}
        return {
            "opted_in": profile.opted_in,
            "visibility": profile.visibility,
            "expertise": list(profile.expertise.all()),
            "languages": profile.language_codes,
            "office": profile.office,
            "country": profile.country,
            "bio": profile.bio,
            "shown_cohorts": list(profile.shown_cohorts.all()),
            "shown_certificates": list(profile.shown_certificates.all()),
        }


class DirectoryFilterForm(forms.Form):
    """GET filters of the network directory; every field optional."""

    q = forms.CharField(label=_("Name or words"), max_length=100, required=False)
    expertise = forms.ModelChoiceField(
        label=_("Expertise"),
        queryset=IPArea.objects.none(),
        required=False,
        empty_label=_("Any"),
    )
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    office = forms.ModelChoiceField(
        label=_("Office"),
        queryset=Office.objects.none(),
        required=False,
        empty_label=_("Any"),
    )
    country = forms.ChoiceField(label=_("Country or region"), required=False)

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expertise"].queryset = ip_area_list()
        self.fields["office"].queryset = Office.objects.order_by("name")
        self.fields["language"].choices = [("", _("Any")), *SPOKEN_LANGUAGE_CHOICES]
        self.fields["country"].choices = [("", _("Any"))] + [(c, c) for c in countries]

    def filters(self) -> dict:
        """The cleaned filters for `network_profile_search`, or none when invalid."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "query": data["q"].strip(),
            "expertise": data["expertise"],
            "language": data["language"],
            "office": data["office"],
            "country": data["country"],
        }


class ContactRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        min_length=10,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Say who you are and why you would like to talk. Your email address is "
            "not shown; if they accept, you receive theirs."
        ),
    )
