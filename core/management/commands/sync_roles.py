"""Puts the editors' groups back as the apps grant them (core/roles.py); safe to run any time."""

from django.core.management.base import BaseCommand, CommandError

from core.roles import ROLES, MissingPermissions, sync_roles


class Command(BaseCommand):
    help = (
        "Create the editors' groups (core/roles.py) and give each exactly its permissions, "
        "undoing changes made by hand. Run after every migrate."
    )

    def handle(self, *args, **options):
        try:
            changes = sync_roles()
        except MissingPermissions as exc:
            raise CommandError(str(exc)) from exc
        for name in ROLES:
            if name not in changes:
                self.stdout.write(f"{name}: up to date")
                continue
            added, removed = changes[name]
            self.stdout.write(f"{name}: {len(added)} permissions given, {len(removed)} taken away")
            for codename in added:
                self.stdout.write(f"  + {codename}")
            for codename in removed:
                self.stdout.write(f"  - {codename}")
