"""Seeds the wizard's editor data on an existing database (the demo fixtures carry the same):
which tasks each kind of class suits, and telephony as one need met by either the PBX
integration or built-in telephony. Editors change both in the admin afterwards."""

from django.db import migrations

TASKS_BY_KIND = {
    # A CRM-system does everything an SFA-system does, and service and the whole strategy.
    "crm": ["sales", "service", "marketing", "lifecycle", "field"],
    "sfa": ["sales", "marketing", "field"],
}
TELEPHONY = {"pbx-integration", "built-in-telephony"}


def forwards(apps, schema_editor):
    ProductClass = apps.get_model("catalog", "ProductClass")
    Capability = apps.get_model("catalog", "Capability")
    for kind, tasks in TASKS_BY_KIND.items():
        ProductClass.objects.filter(kind=kind, tasks=[]).update(tasks=tasks)
    Capability.objects.filter(slug__in=TELEPHONY, need="").update(
        need="telephony", need_label="Телефония: интеграция с АТС или встроенная"
    )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0016_wizard_needs_class_tasks_free_users")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
