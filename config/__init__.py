"""The project's top layer: settings, root URLs and the WSGI/ASGI entry points. It may import
any app; no app imports it (docs/architecture.md)."""
