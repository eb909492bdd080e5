import codecs
import logging
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.core.handlers.exception import get_exception_response
from django.http.multipartparser import MultiPartParserError
from django.urls import get_resolver, get_urlconf

logger = logging.getLogger(__name__)

URLENCODED = "application/x-www-form-urlencoded"
FORM_CONTENT_TYPES = (URLENCODED, "multipart/form-data")


class PermissionsPolicyMiddleware:
    """Denies powerful browser features the portal never uses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class SessionlessVisitorMiddleware:
    """A visitor without a session cookie is anonymous: say so without opening a session.

    Django would otherwise read the (empty) session to find request.user, mark the
    response `Vary: Cookie`, and so make every page a per-visitor page that the page cache
    and shared proxies must not keep.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            request.user = AnonymousUser()
        return self.get_response(request)


class RejectUnreadableInputMiddleware:
    """Answers 400 before any view runs when the request's parameters cannot be read.

    Django parses the query string and a POST's form body on first use and raises on input
    it cannot read, so a page failed wherever it first read them, or not at all when it never
    did. Checked here, every page refuses the same input the same way, with the 400 page
    (portal.views.bad_request):

    - a query string with more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS (`?&&&…`): Django's
      TooManyFieldsSent, now also on pages that ignore their query;
    - a form body declared in a charset other than UTF-8 (utf-16, latin-1, base64, …): Django
      refuses some with BadRequest and fails with a 500 inside the multipart parser on
      others, while every form of the portal is sent in UTF-8;
    - a urlencoded body whose percent-decoded bytes are not UTF-8, which Django would quietly
      turn into U+FFFD. Multipart text fields keep Django's handling: U+FFFD;
    - a form body with more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS, or one Django cannot
      parse (a broken multipart body), which the CSRF check or the view would meet later.

    Each refusal is one warning line in the log (method, path, reason). Raised from here,
    Django would log each with a full traceback (a probe of 43 such requests wrote 43), for
    input a client chose and the portal handles as designed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            _read_input(request)
        except (BadRequest, SuspiciousOperation, MultiPartParserError) as refusal:
            return _refuse(request, refusal)
        return self.get_response(request)


def _read_input(request):
    request.GET  # noqa: B018 -- parsed now: TooManyFieldsSent
    if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
        if not _is_utf8(request.content_params.get("charset", "utf-8")):
            raise BadRequest("The form body is not declared as UTF-8.")
        if request.content_type == URLENCODED and not _is_utf8_form(request.body):
            raise BadRequest("The form body is not UTF-8.")
        request.POST  # noqa: B018 -- parsed now, as the CSRF check would: TooManyFieldsSent


def _refuse(request, refusal):
    """The 400 page (portal.views.bad_request, through the URLconf's handler400) and one line
    in the log instead of Django's traceback."""
    logger.warning(
        "Bad request refused: %s %s: %s", request.method, request.path, refusal or "unreadable"
    )
    response = get_exception_response(request, get_resolver(get_urlconf()), 400, refusal)
    # Django's handler would log "Bad Request: <path>" once more for any 4xx it returns.
    response._has_been_logged = True
    return response


def _is_utf8(charset):
    try:
        return codecs.lookup(charset).name == "utf-8"
    except LookupError:
        return False


def _is_utf8_form(body):
    try:
        unquote_to_bytes(body).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
