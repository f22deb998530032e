from django import forms
from django.utils.translation import gettext_lazy as _

from .models import TIME_ZONE_CHOICES, User


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
        user.save()


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "native_name", "time_zone", "language"]
        widgets = {"time_zone": forms.Select(choices=TIME_ZONE_CHOICES)}
