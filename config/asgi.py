"""ASGI entry point, for servers that speak ASGI. Production runs gunicorn's sync workers
through config.wsgi (docs/deploy.md); this module exists so an ASGI server can be tried
without code changes."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_asgi_application()
