# ProductClass.kind states what the class means to the class check, so behaviour no longer
# depends on the editable slugs "crm" and "sfa"; capabilities get one display order.

from django.db import migrations, models


def kind_from_slug(apps, schema_editor):
    ProductClass = apps.get_model("catalog", "ProductClass")
    for kind in ("crm", "sfa"):
        ProductClass.objects.filter(slug=kind).update(kind=kind)


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0004_product_lower_name_index'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='capability',
            options={'ordering': [models.Case(models.When(group='sales', then=models.Value(0)), models.When(group='service', then=models.Value(1)), models.When(group='marketing', then=models.Value(2)), models.When(group='process', then=models.Value(3)), models.When(group='integration', then=models.Value(4)), models.When(group='analytics', then=models.Value(5)), models.When(group='platform', then=models.Value(6)), default=models.Value(7)), 'order', 'name'], 'verbose_name': 'возможность', 'verbose_name_plural': 'возможности'},
        ),
        migrations.AlterModelOptions(
            name='productcapability',
            options={'ordering': [models.Case(models.When(capability__group='sales', then=models.Value(0)), models.When(capability__group='service', then=models.Value(1)), models.When(capability__group='marketing', then=models.Value(2)), models.When(capability__group='process', then=models.Value(3)), models.When(capability__group='integration', then=models.Value(4)), models.When(capability__group='analytics', then=models.Value(5)), models.When(capability__group='platform', then=models.Value(6)), default=models.Value(7)), 'capability__order', 'capability__name'], 'verbose_name': 'возможность продукта', 'verbose_name_plural': 'возможности продукта'},
        ),
        migrations.AddField(
            model_name='productclass',
            name='kind',
            field=models.CharField(choices=[('crm', 'CRM-система'), ('sfa', 'SFA-система'), ('other', 'другой класс')], default='other', help_text='CRM- и SFA-системы карточка проверяет по критериям CRM; у каждой из двух ролей один класс.', max_length=10, verbose_name='роль в проверке класса'),
        ),
        migrations.RunPython(kind_from_slug, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='productclass',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'other'), _negated=True), fields=('kind',), name='catalog_productclass_one_per_kind', violation_error_message='Класс с такой ролью уже есть.'),
        ),
    ]
