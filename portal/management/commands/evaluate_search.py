"""Runs the query set (portal/search_queries.json) through /search/'s own code and prints
precision at 3, mean reciprocal rank and the failing queries, overall and per kind
(docs/search.md, "Measured")."""

from django.core.management.base import BaseCommand

from portal.search_evaluation import Result, by_kind, load_queries, summarise
from portal.search_page import search_page


def key_of(row):
    """A result's key as the query set writes it: product:<slug>, term:<slug>, …"""
    return f"{row._meta.model_name}:{row.slug}"


def shown_keys(text):
    """What /search/?q=text shows, in its order: the answers, then each kind's results."""
    page = search_page(text)
    keys = [answer.key for answer in page.answers]
    for group in page.groups:
        keys += [key_of(hit.obj) for hit in group.hits]
    return tuple(dict.fromkeys(keys))


def run_queries(queries=None):
    return [Result(query, shown_keys(query.text)) for query in queries or load_queries()]


class Command(BaseCommand):
    help = "Evaluate site search on the query set: P@3, MRR and the failing queries."

    def add_arguments(self, parser):
        parser.add_argument("--verbose", action="store_true", help="print every query's top 3")

    def handle(self, *args, verbose=False, **options):
        results = run_queries()
        for result in results:
            if verbose or not result.passes:
                mark = "ok  " if result.passes else "FAIL"
                self.stdout.write(
                    f"{mark} [{result.query.kind}] «{result.query.text}»: "
                    f"P@3 {result.precision_at_3:.2f}; top 3: "
                    f"{', '.join(result.shown[:3]) or '(nothing)'}; "
                    f"expected: {', '.join(result.query.expect) or '(nothing)'}"
                )
        self.stdout.write("")
        for kind, summary in by_kind(results).items():
            self.stdout.write(self._line(kind, summary))
        self.stdout.write(self._line("all", summarise(results)))

    @staticmethod
    def _line(label, summary):
        return (
            f"{label:<11} {summary.count:>3} queries: P@3 {summary.precision_at_3:.2f}, "
            f"MRR {summary.mrr:.2f}, empty {summary.empty_misses}, "
            f"failing {len(summary.failing)}"
        )
