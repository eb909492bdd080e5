"""The editors' roles: groups whose permissions are written here, in code.

A user put in a group gets exactly what the role needs and no more: never users, groups or
permissions, never deleting votes. Each app grants its own
permissions (`grant()` in its AppConfig.ready()); the data migration
`portal/0004_editor_roles` creates the groups and `manage.py sync_roles` restores them after a
change by hand (run it after every `migrate`); both call `sync_roles()`, so the two can never
disagree.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

# The portal's content editors; each app grants them what they need of its models.
EDITORS = "Редакторы"

# {group name: [app_label.codename]}, filled by the apps' AppConfig.ready() through grant().
ROLES = {}


def grant(group, permissions):
    """Give `group` these permissions ("app_label.codename"); called by the app that owns
    the models, from its AppConfig.ready(), so core never lists another app's models."""
    names = ROLES.setdefault(group, [])
    names += [name for name in permissions if name not in names]


def every_action(app_label, model_names):
    """add, change, delete and view of each model: what editors need of their content."""
    return [
        f"{app_label}.{action}_{model}"
        for model in model_names
        for action in ("add", "change", "delete", "view")
    ]


class MissingPermissions(Exception):
    pass


def sync_roles(apps=global_apps, using=DEFAULT_DB_ALIAS, skip_missing=False):
    """Creates the groups of ROLES and sets each one's permissions to exactly its list.

    `apps` is the migration's historical registry when the migration calls this. Missing
    Permission rows are created first: Django makes them only after `migrate` finishes
    (post_migrate), too late for a data migration. A permission whose model does not exist
    raises MissingPermissions, unless `skip_missing` (the migration: a model added by a
    later migration gets its permissions from the next `sync_roles`).

    Returns {group name: (added codenames, removed codenames)} for the groups it changed.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    labels = {name.split(".")[0] for names in ROLES.values() for name in names}
    for label in sorted(labels):
        # The global config passes create_permissions' models_module check; the models it
        # reads come from `apps`.
        create_permissions(global_apps.get_app_config(label), verbosity=0, using=using, apps=apps)
    changes = {}
    for group_name, names in ROLES.items():
        wanted = _permissions(Permission, names, using, skip_missing)
        group, created = Group.objects.using(using).get_or_create(name=group_name)
        current = {
            f"{p.content_type.app_label}.{p.codename}": p
            for p in group.permissions.select_related("content_type")
        }
        if current.keys() != wanted.keys() or created:
            group.permissions.set(wanted.values())
            changes[group_name] = (
                sorted(wanted.keys() - current.keys()),
                sorted(current.keys() - wanted.keys()),
            )
    return changes


def _permissions(Permission, names, using, skip_missing):
    """{"app.codename": Permission} for `names`, in one query."""
    query = Q()
    for name in names:
        app_label, codename = name.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    found = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.using(using).filter(query).select_related("content_type")
    }
    missing = sorted(set(names) - found.keys())
    if missing and not skip_missing:
        raise MissingPermissions(f"No such permissions: {', '.join(missing)}")
    return found
