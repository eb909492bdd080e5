"""Reading the selection wizard's answers from the query string (/selection/?…).

Every answer is optional and a bad one is dropped with a Russian note, never an error page:
a shared link with a typo still shows a result.
"""

from dataclasses import dataclass

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.models import Capability, Deployment, SelectionTask
from core.params import clean_list
from selection.scoring import Need, Requirements

USERS_LIMIT = 100_000
BUDGET_LIMIT = 10_000_000
CAPABILITY_PARAMS = ("must", "nice", "integrations")
ANSWER_PARAMS = (
    "task",
    "users",
    "deployment",
    "budget",
    *CAPABILITY_PARAMS,
    "availability",
    "registry",
    "data",
)
# Tasks whose presets make the CRM criteria must-haves: they need a CRM-system.
CRM_TASKS = (SelectionTask.SERVICE, SelectionTask.LIFECYCLE)


class SelectionForm(forms.Form):
    task = forms.ChoiceField(
        label=gettext_lazy("Задача"), required=False, choices=[("", ""), *SelectionTask.choices]
    )
    users = forms.IntegerField(
        label=gettext_lazy("Число пользователей"),
        required=False,
        min_value=1,
        max_value=USERS_LIMIT,
    )
    deployment = forms.ChoiceField(
        label=gettext_lazy("Развёртывание"),
        required=False,
        choices=[("", ""), (Deployment.CLOUD, ""), (Deployment.ON_PREMISE, "")],
    )
    budget = forms.IntegerField(
        label=gettext_lazy("Бюджет, ₽ за пользователя в месяц"),
        required=False,
        min_value=0,
        max_value=BUDGET_LIMIT,
    )
    availability = forms.ChoiceField(
        label=gettext_lazy("Доступность в России"),
        required=False,
        choices=[("", ""), ("available", ""), ("any", "")],
    )
    registry = forms.ChoiceField(
        label=gettext_lazy("Реестр российского ПО"), required=False, choices=[("", ""), ("yes", "")]
    )
    data = forms.ChoiceField(
        label=gettext_lazy("Хранение данных"), required=False, choices=[("", ""), ("russia", "")]
    )


@dataclass
class Answers:
    requirements: Requirements
    notes: list
    must_slugs: set
    nice_slugs: set
    answered: bool  # any question answered: the page shows a result
    params: dict  # the valid answers as {param: [values]}: the canonical, shareable query


def _shown(value):
    return Truncator(str(value)).chars(40)


def _need(capability):
    return Need(capability.pk, capability.slug, capability.name, capability.is_crm_criterion)


def read_answers(query, capabilities):
    """The answers in `query` (a QueryDict) against the catalog's capabilities (in display
    order), as Requirements plus notes about everything that was dropped."""
    form = SelectionForm({name: query.get(name, "") for name in SelectionForm.base_fields})
    form.is_valid()
    notes = [
        _("«%(label)s»: значение «%(value)s» не подходит (%(error)s) и не учтено.")
        % {
            "label": form.fields[name].label,
            "value": _shown(query.get(name)),
            "error": " ".join(str(error).rstrip(".") for error in errors),
        }
        for name, errors in form.errors.items()
    ]
    cleaned = {name: value for name, value in form.cleaned_data.items() if value not in ("", None)}
    by_slug = {capability.slug: capability for capability in capabilities}
    chosen = {}
    for name in CAPABILITY_PARAMS:
        slugs = clean_list(query.getlist(name))
        unknown = [slug for slug in slugs if slug not in by_slug]
        if unknown:
            notes.append(
                _("Нет в каталоге и не учтено: %(values)s.")
                % {"values": ", ".join(f"«{_shown(slug)}»" for slug in unknown)}
            )
        chosen[name] = [slug for slug in slugs if slug in by_slug]
    task = cleaned.get("task", "")
    if task and not any(chosen.values()):
        chosen = _presets(task, capabilities)
    must = chosen["must"]
    nice = [slug for slug in chosen["nice"] + chosen["integrations"] if slug not in must]
    requirements = Requirements(
        task=task,
        users=cleaned.get("users"),
        deployment=cleaned.get("deployment", ""),
        budget=cleaned.get("budget"),
        must=tuple(_need(by_slug[slug]) for slug in must),
        nice=tuple(_need(by_slug[slug]) for slug in dict.fromkeys(nice)),
        only_available=cleaned.get("availability") != "any",
        registry=cleaned.get("registry") == "yes",
        data_in_russia=cleaned.get("data") == "russia",
    )
    params = {name: [str(value)] for name, value in cleaned.items()}
    params.update({name: slugs for name, slugs in chosen.items() if slugs})
    return Answers(
        requirements=requirements,
        notes=notes,
        must_slugs=set(must),
        nice_slugs=set(nice),
        answered=any(name in query for name in ANSWER_PARAMS),
        params=params,
    )


def _presets(task, capabilities):
    """The capabilities a task pre-ticks (Capability.task_presets): desired, except the CRM
    criteria of tasks that need a CRM-system, which become must-haves."""
    chosen = {"must": [], "nice": [], "integrations": []}
    for capability in capabilities:
        if task not in capability.task_presets:
            continue
        if capability.is_crm_criterion and task in CRM_TASKS:
            chosen["must"].append(capability.slug)
        elif capability.group == Capability.Group.INTEGRATION:
            chosen["integrations"].append(capability.slug)
        else:
            chosen["nice"].append(capability.slug)
    return chosen


@dataclass(frozen=True)
class CapabilityQuestion:
    """One capability row of the questionnaire: ticked as must-have, as desired, or not."""

    capability: object
    must: bool
    nice: bool
    nice_param: str  # "nice", or "integrations" for the integration capabilities

    @property
    def presets(self):
        return " ".join(self.capability.task_presets)


def capability_questions(capabilities, answers):
    """(groups, integrations): the capability rows grouped as in the catalog, and the
    integration capabilities, which the questionnaire asks about separately."""
    groups, integrations = {}, []
    for capability in capabilities:
        is_integration = capability.group == Capability.Group.INTEGRATION
        row = CapabilityQuestion(
            capability,
            must=capability.slug in answers.must_slugs,
            nice=capability.slug in answers.nice_slugs,
            nice_param="integrations" if is_integration else "nice",
        )
        if is_integration:
            integrations.append(row)
        else:
            groups.setdefault(capability.get_group_display(), []).append(row)
    return list(groups.items()), integrations
