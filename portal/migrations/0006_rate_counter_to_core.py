"""RateCounter now belongs to core (core/0001_rate_counter_from_portal keeps its table and
rows): the portal app forgets the model without touching the database."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_merge_0004_changelog_0004_editor_roles"),
        ("core", "0001_rate_counter_from_portal"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RateCounter")],
            database_operations=[],
        )
    ]
