from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from catalog import compare
from catalog.apps import CATALOG_PAGE_AREAS
from catalog.conditions import DEPLOYMENT_CHOICES
from catalog.filters import Match
from catalog.models import Capability, SelectionTask
from core import page_cache
from core.breadcrumbs import breadcrumbs
from selection import relaxation, scoring, selectors, summary
from selection.forms import BUDGET_LIMIT, USERS_LIMIT, from_controls, questions, read_answers
from selection.ranking import ranked


@page_cache.shows(*CATALOG_PAGE_AREAS)
class SelectionView(TemplateView):
    """/selection/: with answers, the ranked result first — the products that meet every
    hard requirement, then those that may (нет данных) — and the questions below it."""

    template_name = "selection/wizard.html"
    shown_results = 10
    compared_results = 3

    def get(self, request, *args, **kwargs):
        # The questionnaire sends one control per capability; the shareable address is the
        # short canonical one (must=…&nice=…).
        canonical = from_controls(request.GET)
        if canonical is not None:
            return redirect(f"{reverse('selection:wizard')}?{canonical.urlencode()}")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        capabilities = list(Capability.objects.select_related("term"))
        answers = read_answers(self.request.GET, capabilities)
        context.update(
            answers=answers,
            requirements=answers.requirements,
            question_groups=questions(capabilities, answers),
            tasks=SelectionTask.choices,
            deployment_choices=DEPLOYMENT_CHOICES,
            limits={"users": USERS_LIMIT, "budget": BUDGET_LIMIT},
            notes=answers.notes,
            breadcrumbs=breadcrumbs((_("Подбор CRM"), None)),
        )
        if answers.answered:
            context["summary"] = summary.describe(answers.requirements)
            context.update(self._result(answers, capabilities))
        return context

    def _result(self, answers, capabilities):
        requirements = answers.requirements
        ranking = ranked(requirements, capabilities)
        params, rates, matches, maybes = (
            ranking.params,
            ranking.rates,
            ranking.matches,
            ranking.maybes,
        )
        shown = matches[: self.shown_results]
        shown_maybes = maybes[: max(0, self.shown_results - len(shown))]
        details = selectors.shown_products([c.pk for c in (*shown, *shown_maybes)])

        def explained(rows):
            return [(details[c.pk], scoring.explain(c, requirements, rates)) for c in rows]

        results, maybe_results = explained(shown), explained(shown_maybes)
        first = [product.slug for product, _match in results[: self.compared_results]]
        best_fit = results[0][1].fit if results else None
        offers = []
        if relaxation.needs_relaxing(len(matches), best_fit):
            counts = selectors.relaxation_counts(requirements)
            offers = relaxation.suggestions(counts, len(matches), answers.params)
        return {
            "results": results,
            "maybe_results": maybe_results,
            "found": len(matches),
            "found_maybe": len(maybes),
            "catalog_url": _url("catalog:product-list", params),
            "catalog_maybe_url": _url(
                "catalog:product-list", {**params, "match": [Match.POSSIBLE]}
            ),
            "compare_url": f"{reverse('catalog:compare')}?products={','.join(first)}"
            if len(first) >= compare.MIN_PRODUCTS
            else "",
            "compare_count": len(first),
            "relaxations": [(offer, _url("selection:wizard", offer.params)) for offer in offers],
            "explains_crm": bool(requirements.crm_criteria_asked),
        }


def _url(name, params):
    return f"{reverse(name)}?{selectors.as_query(params).urlencode()}"
