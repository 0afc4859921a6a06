from __future__ import annotations

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.geography.models import District, State
from lms.geography.selectors import district_list, state_list

from .fields import OneTimeCodeField
from .models import CONTENT_LANGUAGES, Cadre, User
from .services import district_check
from .validators import NAME_MAX_LENGTH, normalise_indian_mobile, validate_person_name


class LoginForm(AllauthLoginForm):
    """allauth's sign-in form, where the login is a mobile number or an email address. A
    number is read in any common form and passed on as E.164, so that the account is found
    and the failed-attempt limits count one number however it is typed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("Mobile number or email")
        login.widget.attrs.update(
            {"placeholder": "", "autocomplete": "username", "autocapitalize": "none"}
        )

    def clean_login(self) -> str:
        login = super().clean_login()
        if "@" in login:
            return login
        try:
            return normalise_indian_mobile(login)
        except ValidationError:
            return login  # not a number: allauth answers as for any unknown login


class _TypedCode:
    """allauth's code forms, with a code typed in any script's digits (``OneTimeCodeField``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"] = OneTimeCodeField()


class ConfirmLoginCodeForm(_TypedCode, allauth_forms.ConfirmLoginCodeForm):
    pass


class VerifyPhoneForm(_TypedCode, allauth_forms.VerifyPhoneForm):
    pass


class SignupForm(AllauthSignupForm):
    # The validator checks the length (as stored, spaces normalised) with its own message.
    full_name = forms.CharField(
        label=_("Full name"),
        validators=[validate_person_name],
        help_text=_("As it should appear on your certificates."),
        widget=forms.TextInput(attrs={"autocomplete": "name", "maxlength": NAME_MAX_LENGTH}),
    )

    field_order = ["full_name", "phone", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email (optional)")
        self.fields["email"].help_text = _(
            "If you have one that you read. You can sign in with either."
        )
        self.fields["phone"].label = _("Mobile number")

    def clean_full_name(self) -> str:
        return " ".join(self.cleaned_data["full_name"].split())

    def validate_unique_email(self, value) -> str:
        # An address already registered gets the same answer as a new one (and its owner an
        # email saying so), as allauth does under mandatory verification — which is what an
        # address is held to here (lms.accounts.stages), though the setting says "optional".
        email = get_adapter().validate_unique_email(value)
        if User.objects.filter(email__iexact=email).exists():
            self.account_already_exists = True
        return email

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("phone") and not cleaned.get("email"):
            raise ValidationError(
                _("Enter your mobile number, your email address, or both."),
                code="no_identity",
            )
        return cleaned


class ProfileForm(forms.Form):
    """Cadre, designation, state and district (filtered by state), language, how notices come,
    and the data-use notice. The mobile number and email are changed on their own pages,
    which verify them by a code or a link. The district list follows the chosen state
    without a page reload (htmx), and with a "Show districts" button when scripts are off."""

    # The validator checks the length (as stored, spaces normalised) with its own message.
    full_name = forms.CharField(
        label=_("Full name"),
        validators=[validate_person_name],
        help_text=_("As it should appear on your certificates."),
        widget=forms.TextInput(attrs={"autocomplete": "name", "maxlength": NAME_MAX_LENGTH}),
    )
    cadre = forms.ModelChoiceField(
        label=_("Cadre"), queryset=Cadre.objects.all(), empty_label=_("Choose your cadre")
    )
    cadre_since = forms.DateField(
        label=_("In this role since"),
        required=False,
        help_text=_(
            "When you took up this post: the training it requires is due from then. When you "
            "change your cadre, enter the date you took up the new post; without a new date, "
            "today is taken."
        ),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    designation = forms.CharField(
        label=_("Designation"),
        max_length=150,
        help_text=_("Your post, e.g. Protection Officer (Non-Institutional Care)."),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    organisation = forms.CharField(
        label=_("Organisation or office"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    state = forms.ModelChoiceField(
        label=_("State or union territory"),
        queryset=state_list(),
        empty_label=_("Choose a state or union territory"),
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.none(),
        empty_label=_("Choose a district"),
    )
    notices_by_sms = forms.BooleanField(
        label=_("Also send me notices by SMS"),
        required=False,
        help_text=_(
            "Reminders, session notices and certificates come by email, or by SMS if you have "
            "no email. Tick to get them by SMS as well."
        ),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language for courses"), choices=CONTENT_LANGUAGES
    )
    accept_notice = forms.BooleanField(
        label=_("I have read the data-use notice and agree to my data being used as it says."),
        error_messages={"required": _("Please read and accept the data-use notice to continue.")},
    )

    def __init__(self, *args, user: User, **kwargs):
        initial = kwargs.setdefault("initial", {})
        for field in (
            "full_name",
            "designation",
            "organisation",
            "notices_by_sms",
            "preferred_language",
            "cadre_since",
        ):
            initial.setdefault(field, getattr(user, field))
        initial.setdefault("cadre", user.cadre_id)
        initial.setdefault("state", user.state_id)
        initial.setdefault("district", user.district_id)
        super().__init__(*args, **kwargs)
        self.user = user
        if not (user.email and user.phone):
            # With one way to be reached, notices go that way: there is nothing to choose.
            del self.fields["notices_by_sms"]
        self.fields["district"].queryset = district_list(state_id=self.selected_state_id())
        self.fields["state"].widget.attrs.update(
            {
                "hx-get": reverse("accounts:district_options"),
                "hx-target": "#id_district",
                "hx-trigger": "change",
                "hx-include": "this",
            }
        )

    def selected_state_id(self) -> int | None:
        raw = self.data.get("state") if self.is_bound else self.initial.get("state")
        try:
            return int(raw) if raw else None
        except (TypeError, ValueError):
            return None

    def clean_full_name(self) -> str:
        return " ".join(self.cleaned_data["full_name"].split())

    def clean_cadre_since(self):
        since = self.cleaned_data["cadre_since"]
        # Today in India (the site's time zone).
        if since is not None and since > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return since

    def clean(self):
        cleaned = super().clean()
        if "cadre" in self.changed_data and "cadre_since" not in self.changed_data:
            # The date shown was the old post's: a new cadre without a new date starts today.
            cleaned["cadre_since"] = None
        state: State | None = cleaned.get("state")
        district: District | None = cleaned.get("district")
        if state and district:
            try:
                district_check(state=state, district=district)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned
