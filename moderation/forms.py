from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chatsite.accounts.models import Plan
from moderation.models import Action, Category, Stage
from moderation.selectors import DecisionFilter


class DecisionFilterForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), required=False,
                                 choices=[("", _("all"))] + list(Category.choices))
    stage = forms.ChoiceField(label=_("Stage"), required=False, choices=[("", _("all"))] + list(Stage.choices))
    action = forms.ChoiceField(label=_("Action"), required=False, choices=[("", _("all"))] + list(Action.choices))
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def to_filter(self, *, user_id: int | None = None) -> DecisionFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return DecisionFilter(category=data.get("category") or "", stage=data.get("stage") or "",
                              action=data.get("action") or "", date_from=data.get("date_from"),
                              date_to=data.get("date_to"), user_id=user_id)


class PlanForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.all(), empty_label=None)


class OptOutForm(forms.Form):
    artist_name = forms.CharField(label=_("Your name as an artist"), max_length=200)
    email = forms.EmailField(label=_("Email, so that we can confirm it is you"))
    website = forms.URLField(label=_("Website or portfolio"), required=False, assume_scheme="https")
    message = forms.CharField(label=_("Anything else we should know"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 4}))
