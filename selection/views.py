from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from catalog import compare
from catalog.filters import DEPLOYMENT_CHOICES
from catalog.models import Capability, SelectionTask
from core.breadcrumbs import breadcrumbs
from selection import scoring, selectors
from selection.forms import BUDGET_LIMIT, USERS_LIMIT, capability_questions, read_answers


class SelectionView(TemplateView):
    """/selection/: the questionnaire, and under it the ranked, explained result."""

    template_name = "selection/wizard.html"
    shown_results = 10
    compared_results = 3

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        capabilities = list(Capability.objects.select_related("term"))
        answers = read_answers(self.request.GET, capabilities)
        groups, integrations = capability_questions(capabilities, answers)
        context.update(
            answers=answers,
            requirements=answers.requirements,
            capability_groups=groups,
            integration_questions=integrations,
            tasks=SelectionTask.choices,
            deployment_choices=DEPLOYMENT_CHOICES,
            limits={"users": USERS_LIMIT, "budget": BUDGET_LIMIT},
            notes=answers.notes,
            breadcrumbs=breadcrumbs((_("Подбор CRM"), None)),
        )
        if answers.answered:
            context.update(self._result(answers))
        return context

    def _result(self, answers):
        requirements = answers.requirements
        params = scoring.filter_params(requirements)
        asked = [need.pk for need in (*requirements.must, *requirements.nice)]
        ranked = scoring.rank(selectors.candidates(params, asked), requirements)
        top = ranked[: self.shown_results]
        details = selectors.shown_products(top, asked)
        results = []
        for candidate in top:
            product = details[candidate.pk]
            candidate = candidate._replace(
                unknown=product.unknown_ids or (), price_checked_on=product.price_checked_on
            )
            results.append((product, scoring.explain(candidate, requirements)))
        first = [product.slug for product, _match in results[: self.compared_results]]
        return {
            "results": results,
            "found": len(ranked),
            "catalog_url": _url("catalog:product-list", params),
            "compare_url": f"{reverse('catalog:compare')}?products={','.join(first)}"
            if len(first) >= compare.MIN_PRODUCTS
            else "",
            "relaxation": None if ranked else self._relaxation(answers),
        }

    def _relaxation(self, answers):
        best = selectors.best_relaxation(answers)
        if best is None:
            return None
        return {
            "constraint": best.constraint,
            "count": best.count,
            "url": _url("selection:wizard", best.params),
        }


def _url(name, params):
    return f"{reverse(name)}?{selectors.as_query(params).urlencode()}"
