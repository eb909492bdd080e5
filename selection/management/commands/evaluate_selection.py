"""Runs the buyer case set (selection/buyer_cases.json) through the wizard and prints hit@3,
bad@5 and the failing cases (docs/selection.md, "Measured")."""

from django.core.management.base import BaseCommand
from django.http import QueryDict

from catalog.models import Capability
from selection.evaluation import Result, load_cases, query_of, summarise
from selection.ranking import ranked_slugs


def run_cases(cases=None):
    capabilities = list(Capability.objects.all())
    results = []
    for case in cases or load_cases():
        query = QueryDict(mutable=True)
        for name, value in query_of(case.answers):
            query.appendlist(name, value)
        results.append(Result(case, tuple(ranked_slugs(query, capabilities))))
    return results


class Command(BaseCommand):
    help = "Evaluate the wizard on the buyer case set: hit@3, bad@5 and the failing cases."

    def add_arguments(self, parser):
        parser.add_argument("--verbose", action="store_true", help="print every case's top five")

    def handle(self, *args, verbose=False, **options):
        results = run_cases()
        for result in results:
            if verbose or not result.passes:
                mark = "ok  " if result.passes else "FAIL"
                self.stdout.write(
                    f"{mark} {result.case.id}: hit@3 {result.hit_at_3:.2f}, "
                    f"bad@5 {result.bad_at_5 or '-'}; top 5: {', '.join(result.slugs[:5])}"
                )
        summary = summarise(results)
        self.stdout.write(
            f"{len(results)} cases: hit@3 {summary.hit_at_3:.2f}, bad@5 {summary.bad_at_5}, "
            f"failing {len(summary.failing)}"
        )
