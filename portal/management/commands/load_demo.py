"""Load the demo content (fixtures/*.json) into an empty database.

`make run` calls this on every start, so it must never overwrite what editors have changed:
a database that already has content is left alone unless --force is given.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from catalog.models import Product
from core import versions
from glossary.models import Article, Term
from polls.models import Poll


class Command(BaseCommand):
    help = "Load fixtures/*.json into an empty database (--force: reload over existing rows)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even when content exists: demo rows are reset to the fixtures.",
        )

    def handle(self, *args, force=False, **options):
        has_content = Product.objects.exists() or Term.objects.exists() or Poll.objects.exists()
        if has_content and not force:
            self.stdout.write(
                "The database already has content; demo fixtures not loaded (--force reloads them)."
            )
            return
        # One loaddata call: rows referring to other files' rows resolve within it.
        fixtures = sorted(str(path) for path in (settings.BASE_DIR / "fixtures").glob("*.json"))
        call_command("loaddata", *fixtures, verbosity=options["verbosity"])
        # loaddata saves raw rows (no search refresh per row): index them all at once.
        Product.objects.refresh_search_index()
        Term.objects.refresh_search_index()
        Article.objects.refresh_search_index()
        versions.changed()  # the indexing above is update(), which sends no signals
