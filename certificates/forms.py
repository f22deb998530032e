from django import forms
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate

MAX_PDF_BYTES = 20 * 1024 * 1024


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=64,
        help_text=_("As printed on the certificate, e.g. SRIP-7K3M-Q9WD-X2HT-AB4C."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "characters",
            }
        ),
    )


class PdfCheckForm(forms.Form):
    pdf = forms.FileField(
        label=_("Certificate PDF"),
        help_text=_("The file you were given; it is compared and not stored."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        if upload.size > MAX_PDF_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revocation"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown publicly on the verification page."),
    )


class CorrectForm(forms.Form):
    holder_name = forms.CharField(
        label=_("Corrected name as it should be printed"),
        max_length=Certificate._meta.get_field("holder_name").max_length,
    )
