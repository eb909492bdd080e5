import os
import sys

import django
from django.core.exceptions import ImproperlyConfigured
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.utils.http import parse_header_parameters

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


class PortalWSGIRequest(WSGIRequest):
    """Django's request, except that the Content-Type's charset never changes how it is read.

    Django takes any charset codecs.lookup() knows as the request's encoding and parses the
    query string on the spot. A charset that is no text encoding (rot13, base64, zlib_codec),
    one that fails on the query (punycode, undefined), or any charset with 1,000+ query fields
    raised while the request was being built, before any middleware or error page, and the
    server answered a bare 500 on every URL. Here the charset is only recorded
    (content_params): the query string and form bodies are read as UTF-8, the portal's one
    encoding, and RejectUnreadableInputMiddleware answers 400 to a POST declared otherwise.
    (Overrides a private hook of Django's HttpRequest; tests/portal/test_bad_requests.py
    goes through this WSGI application to notice if Django renames it.)
    """

    def _set_content_type_params(self, meta):
        self.content_type, self.content_params = parse_header_parameters(
            meta.get("CONTENT_TYPE", "")
        )


class PortalWSGIHandler(WSGIHandler):
    request_class = PortalWSGIRequest


try:
    # What django.core.wsgi.get_wsgi_application() does, with the request class above.
    django.setup(set_prefix=False)
    application = PortalWSGIHandler()
except ImproperlyConfigured as exc:
    sys.exit(f"Configuration error: {exc}")
