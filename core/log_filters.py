"""Log filters of the portal's own (config/settings.py, LOGGING)."""

import logging


class OneLineSecurityEvents(logging.Filter):
    """Records of Django's `django.security.*` loggers (a Host outside ALLOWED_HOSTS, a
    request with too many fields, a tampered session) describe what a client sent and was
    answered 400 for: one line each, not a traceback of Django's own code. Behind a load
    balancer anyone can send any Host, and each one wrote a full traceback."""

    def filter(self, record):
        if record.name.startswith("django.security."):
            record.exc_info = None
            record.exc_text = None
        return True
