"""RateCounter moves from the portal app to core: the table the portal app created
(portal/0003_rate_counter) becomes core's, rows included."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("portal", "0003_rate_counter")]

    operations = [
        # The table exists: only Django's picture of it changes hands here.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RateCounter",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("key", models.CharField(max_length=120)),
                        ("window_start", models.DateTimeField()),
                        ("hits", models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        "db_table": "portal_ratecounter",
                        "indexes": [
                            models.Index(fields=["window_start"], name="portal_ratecounter_window_idx")
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("key", "window_start"), name="portal_ratecounter_once"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        # Then the table, its index and its constraint take core's names.
        migrations.AlterModelTable(name="ratecounter", table=None),
        migrations.RenameIndex(
            model_name="ratecounter",
            new_name="core_ratecounter_window_idx",
            old_name="portal_ratecounter_window_idx",
        ),
        migrations.RemoveConstraint(model_name="ratecounter", name="portal_ratecounter_once"),
        migrations.AddConstraint(
            model_name="ratecounter",
            constraint=models.UniqueConstraint(
                fields=("key", "window_start"), name="core_ratecounter_once"
            ),
        ),
    ]
