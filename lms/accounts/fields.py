"""Form fields for what people type about themselves."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .validators import INDIC_DIGITS, normalise_indian_mobile


class IndianMobileField(forms.CharField):
    """An Indian mobile number typed any common way (spaces, dashes, +91 or 0 in front,
    Devanagari or Bengali-Assamese digits), cleaned to E.164: ``+919876543210``. allauth asks
    for numbers through this field (``AccountAdapter.phone_form_field``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Mobile number"))
        kwargs.setdefault("help_text", _("A 10-digit Indian mobile number, e.g. 98765 43210."))
        kwargs.setdefault("max_length", 24)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"autocomplete": "tel-national", "inputmode": "tel", "type": "tel"}
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_indian_mobile(value) if value else value


class OneTimeCodeField(forms.CharField):
    """A code sent by SMS or email, as a phone's keyboard types it: Devanagari or
    Bengali-Assamese digits read as 0-9, spaces ignored. Offers the number pad."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Code"))
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": 12}
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return "".join(value.translate(INDIC_DIGITS).split())
