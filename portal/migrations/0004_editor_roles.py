"""The groups «Редакторы» and «Модераторы опросов» (core/roles.py and the apps).

The same code as `manage.py sync_roles`, with this migration's models, so the two never
disagree. It creates the Permission rows it needs itself: Django adds them only after
`migrate` has finished.
"""

from django.db import migrations

from core.roles import sync_roles


def create_roles(apps, schema_editor):
    sync_roles(apps=apps, using=schema_editor.connection.alias, skip_missing=True)


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0003_rate_counter"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("catalog", "0010_search_columns"),
        ("glossary", "0003_search_columns"),
        ("polls", "0004_vote_protect_poll_and_choice"),
    ]

    # Rolling back keeps the groups: people are members of them.
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
