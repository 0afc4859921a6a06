from __future__ import annotations

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.accounts.fields import IndianMobileField
from lms.accounts.models import User
from lms.core.ids import IdChoiceField, IdMultipleChoiceField
from lms.geography.models import District, State
from modules.content.models import TrainingModulePage
from modules.content.selectors import live_modules

from .models import AccreditationStandard, Cohort, TrainerGroup, TrainingSession

#: The field a trainers' form shows once a trainer it assigns turns out not to be accredited
#: (the service's ``ValidationError`` names it): the reason for assigning them anyway.
UNACCREDITED_REASON = "unaccredited_reason"


class UnaccreditedReasonMixin:
    """Adds ``unaccredited_reason``: hidden until the service asks for it (an error on it),
    or while it holds a reason typed earlier."""

    def _add_reason_field(self) -> None:
        typed = self.is_bound and self.data.get(UNACCREDITED_REASON, "").strip()
        self.fields[UNACCREDITED_REASON] = forms.CharField(
            label=_("Reason for assigning a trainer who is not accredited"),
            max_length=500,
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}) if typed else forms.HiddenInput,
            help_text=_("Shown on the cohort's page next to the trainer's name."),
        )

    def add_error(self, field, error):
        if field == UNACCREDITED_REASON:
            self.fields[field].widget = forms.Textarea(attrs={"rows": 2})
        super().add_error(field, error)


class CohortForm(UnaccreditedReasonMixin, forms.Form):
    """Choices are limited to the viewer's scope; the service checks the rules again."""

    name = forms.CharField(label=_("Name"), max_length=200)
    state = IdChoiceField(label=_("State"), queryset=State.objects.none())
    district = IdChoiceField(
        label=_("District"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("State-wide"),
    )
    trainer_group = IdChoiceField(label=_("Trainer group"), queryset=TrainerGroup.objects.none())
    trainers = IdMultipleChoiceField(
        label=_("Trainers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Members of the trainer group who run this cohort."),
    )
    modules = IdMultipleChoiceField(
        label=_("Modules"),
        queryset=TrainingModulePage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Learners added to the cohort are enrolled in these modules."),
    )
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Ends on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    mode = forms.ChoiceField(label=_("Mode"), choices=Cohort.Mode.choices)
    status = forms.ChoiceField(label=_("Status"), choices=Cohort.Status.choices)
    purpose = forms.ChoiceField(
        label=_("Purpose"),
        choices=Cohort.Purpose.choices,
        initial=Cohort.Purpose.LEARNERS,
        required=False,
        help_text=_("A training-of-trainers cohort prepares its members to become trainers."),
    )
    accreditation_standard = IdChoiceField(
        label=_("Accreditation standard"),
        queryset=AccreditationStandard.objects.none(),
        required=False,
        empty_label=_("None (not training trainers)"),
        help_text=_("For training of trainers only: the standard its members are accredited to."),
    )
    trainer_level = forms.ChoiceField(
        label=_("Members become"),
        choices=[("", _("None (not training trainers)")), *Cohort.TrainerLevel.choices],
        required=False,
        help_text=_("For training of trainers only: state core trainers or district trainers."),
    )

    def __init__(self, *args, scope, groups, editing: Cohort | None = None, **kwargs):
        if editing is not None:
            # Also when bound: the disabled state field takes its value from here.
            kwargs["initial"] = {
                "name": editing.name,
                "state": editing.state_id,
                "district": editing.district_id,
                "trainer_group": editing.trainer_group_id,
                "trainers": list(editing.trainers.values_list("pk", flat=True)),
                "modules": list(editing.cohort_modules.values_list("module_id", flat=True)),
                "starts_on": editing.starts_on,
                "ends_on": editing.ends_on,
                "mode": editing.mode,
                "status": editing.status,
                "purpose": editing.purpose,
                "accreditation_standard": editing.accreditation_standard_id,
                "trainer_level": editing.trainer_level,
            }
        super().__init__(*args, **kwargs)
        self.fields["accreditation_standard"].queryset = AccreditationStandard.objects.filter(
            is_active=True
        ).order_by("name")
        self._add_reason_field()
        states = scope.filter(State.objects.all(), "pk")
        self.fields["state"].queryset = states.order_by("name")
        self.fields["district"].queryset = (
            District.objects.filter(state__in=states, is_active=True)
            .select_related("state")
            .order_by("state__name", "name")
        )
        self.fields["district"].label_from_instance = lambda d: f"{d.name} ({d.state.name})"
        self.fields["trainer_group"].queryset = groups.select_related("state")
        self.fields["trainers"].queryset = (
            User.objects.filter(trainer_memberships__group__in=groups)
            .distinct()
            .order_by("full_name")
        )
        self.fields["trainers"].label_from_instance = lambda u: u.full_name or u.contact
        self.fields["modules"].queryset = live_modules()
        self.fields["modules"].label_from_instance = lambda m: f"{m.code} · {m.title}"
        if editing is not None:
            # A cohort's state never changes (its people and data belong to it).
            self.fields["state"].disabled = True
            self.fields["state"].required = False

    def clean_modules(self) -> list[TrainingModulePage]:
        """The modules in the order they were posted (the cohort's order)."""
        chosen = {module.pk: module for module in self.cleaned_data["modules"]}
        order = [int(pk) for pk in self.data.getlist("modules") if pk.isdigit()]
        return [chosen[pk] for pk in order if pk in chosen]

    def clean_purpose(self) -> str:
        # Left out, a cohort trains learners (the choice came after the form's first users).
        return self.cleaned_data["purpose"] or Cohort.Purpose.LEARNERS

    def clean(self):
        data = super().clean()
        trains_trainers = data.get("purpose") == Cohort.Purpose.TRAINERS
        standard, level = data.get("accreditation_standard"), data.get("trainer_level")
        if trains_trainers and standard is None and not self.has_error("accreditation_standard"):
            self.add_error(
                "accreditation_standard",
                _("Choose the standard a training-of-trainers cohort accredits against."),
            )
        if trains_trainers and not level and not self.has_error("trainer_level"):
            self.add_error(
                "trainer_level", _("Choose whether its members become state or district trainers.")
            )
        if not trains_trainers and standard is not None:
            self.add_error(
                "accreditation_standard",
                _("Only a training-of-trainers cohort has an accreditation standard."),
            )
        if not trains_trainers and level:
            self.add_error(
                "trainer_level", _("Only a training-of-trainers cohort has this choice.")
            )
        return data


class GroupForm(forms.Form):
    state = IdChoiceField(label=_("State"), queryset=State.objects.none())
    name = forms.CharField(label=_("Name"), max_length=150)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = scope.filter(State.objects.all(), "pk").order_by("name")


class InviteForm(forms.Form):
    """A person to invite: an email address, a mobile number, or both (one at least)."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Email address"), required=False)
    phone = IndianMobileField(
        required=False,
        help_text=_(
            "A 10-digit Indian mobile number, e.g. 98765 43210. Someone with no email is "
            "invited by SMS and signs in with a code sent to this number."
        ),
    )
    district = IdChoiceField(label=_("District"), queryset=District.objects.none())

    def __init__(self, *args, cohort: Cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.filter(
            state=cohort.state, is_active=True
        ).order_by("name")
        if cohort.district_id:
            self.fields["district"].initial = cohort.district_id
        # The same for every address: whether one has an account elsewhere is never shown.
        self.fields["email"].help_text = _(
            "Someone who already has an account joins only if it is registered in %(state)s; "
            "otherwise nothing changes. Ask them to choose %(state)s in their profile first."
        ) % {"state": cohort.state.name}

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        missing = not data.get("email") and not data.get("phone")
        if missing and not self.has_error("email") and not self.has_error("phone"):
            raise forms.ValidationError(
                _("Give an email address or a mobile number (or both)."), code="no_contact"
            )
        return data


class SessionForm(UnaccreditedReasonMixin, forms.Form):
    """A session of one cohort. Times are entered in the site's time zone (India, IST); the
    service checks the rules again."""

    DATETIME_FORMAT = "%Y-%m-%dT%H:%M"

    module = IdChoiceField(
        label=_("Module"),
        queryset=TrainingModulePage.objects.none(),
        empty_label=_("Choose a module"),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        help_text=_("Date and time in India (IST)."),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"),
        help_text=_("Date and time in India (IST)."),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
    )
    venue = forms.CharField(
        label=_("Venue"),
        max_length=300,
        required=False,
        help_text=_("Where learners meet, e.g. the District Child Protection Unit hall."),
    )
    online_link = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("For a live online session."),
    )
    trainers = IdMultipleChoiceField(
        label=_("Trainers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, data=None, *, cohort: Cohort, session: TrainingSession | None = None, **kwargs
    ):
        if data is None:
            kwargs["initial"] = self._initial(session)
        super().__init__(data, **kwargs)
        self.fields["module"].queryset = TrainingModulePage.objects.filter(
            pk__in=cohort.cohort_modules.values("module_id")
        ).order_by("code")
        self.fields["module"].label_from_instance = lambda m: f"{m.code} · {m.title}"
        trainers = Q(trainer_memberships__group_id=cohort.trainer_group_id)
        if cohort.trains_trainers:
            # Its trainees deliver sessions too, to be observed for their accreditation.
            trainers |= Q(cohort_memberships__cohort=cohort, cohort_memberships__removed_at=None)
        self.fields["trainers"].queryset = (
            User.objects.filter(trainers).distinct().order_by("full_name")
        )
        self.fields["trainers"].label_from_instance = lambda u: u.full_name or u.contact
        self._add_reason_field()

    @staticmethod
    def _initial(session: TrainingSession | None) -> dict:
        if session is None:
            # A sensible start: tomorrow at 10:00 in India, for three hours.
            start = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
            start += datetime.timedelta(days=1)
            return {"starts_at": start, "ends_at": start + datetime.timedelta(hours=3)}
        return {
            "module": session.module_id,
            "title": session.title,
            "starts_at": session.starts_at,
            "ends_at": session.ends_at,
            "venue": session.venue,
            "online_link": session.online_link,
            "trainers": list(session.trainers.values_list("pk", flat=True)),
        }

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The session must end after it starts."))
        if (
            not data.get("venue")
            and not data.get("online_link")
            and not self.has_error("online_link")
        ):
            self.add_error("venue", _("Give a venue, an online link, or both."))
        return data
