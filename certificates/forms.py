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


class EndorsementApproveForm(forms.Form):
    signatory_name = forms.CharField(
        label=_("Signatory's name"),
        max_length=200,
        help_text=_(
            "The person who signs for the office; printed on the certificates."
        ),
    )
    signatory_title = forms.CharField(
        label=_("Signatory's title"),
        max_length=200,
        required=False,
        help_text=_("e.g. Director, Training Division"),
    )


class EndorsementWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown publicly on the certificate's verification page."),
    )


MAX_BATCH_BYTES = 20 * 1024 * 1024


class SignedBatchForm(forms.Form):
    signed = forms.FileField(
        label=_("Signed batch (JSON)"),
        help_text=_("The file the offline signing tool wrote (SIGNED.json)."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/json,.json"}),
    )

    def clean_signed(self):
        import json

        upload = self.cleaned_data["signed"]
        if upload.size > MAX_BATCH_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        try:
            return json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise forms.ValidationError(_("The file is not valid JSON.")) from exc
