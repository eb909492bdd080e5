# Term.illustration states which term page draws the sales funnel, instead of its slug.

from django.db import migrations, models


def funnel_from_slug(apps, schema_editor):
    Term = apps.get_model("glossary", "Term")
    Term.objects.filter(slug="voronka-prodazh").update(illustration="sales-funnel")


class Migration(migrations.Migration):

    dependencies = [
        ('glossary', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='term',
            name='illustration',
            field=models.CharField(blank=True, choices=[('', 'нет'), ('sales-funnel', 'воронка продаж: мгновенная и историческая')], default='', help_text='Рисунок портала, который показывается на странице термина.', max_length=20, verbose_name='иллюстрация'),
        ),
        migrations.RunPython(funnel_from_slug, migrations.RunPython.noop),
    ]
