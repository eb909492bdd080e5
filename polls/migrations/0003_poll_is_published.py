# One word for "visible to visitors" across the portal: is_published / published().

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("polls", "0002_vote_created_index_named"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="poll", name="polls_poll_active_opens_idx"),
        migrations.RenameField(model_name="poll", old_name="is_active", new_name="is_published"),
        migrations.AddIndex(
            model_name="poll",
            index=models.Index(
                fields=["is_published", "opens_at"], name="polls_poll_pub_opens_idx"
            ),
        ),
    ]
