"""Every exception skipole raises or lets user code raise, in one place.

The first five keep the names and signatures of skipole 5.x, so that existing ``submit_data``
code works unchanged.  Each docstring says when the exception is raised and what to do.
"""

__all__ = [
    "SkipoleError", "FailPage", "GoTo", "ValidateError", "ServerError", "ServeFile",
    "ProjectError", "ProjectFileError", "PageError",
]


class SkipoleError(Exception):
    """Base of the exceptions that steer a call: raise a subclass from your hook code."""

    def __init__(self, message="", section="", widget="", status="500 Internal Server Error"):
        super().__init__(message)
        self.message = message
        self.section = section or ""
        self.widget = widget or ""
        self.status = status

    @property
    def errormessage(self):
        """The message, as 5.x code reads it."""
        return self.message


class FailPage(SkipoleError):
    """Raised in ``submit_data`` to show the responder's fail page with ``message`` on ``widget``.

    ``failpage`` (an ident, label or URL) overrides the responder's configured fail page.
    """

    def __init__(self, message="", section="", widget="", failpage=None):
        super().__init__(message, section, widget, status="200 OK")
        self.failpage = failpage


class GoTo(Exception):
    """Raised in ``submit_data`` or ``start_call`` to jump to another page (ident, label or URL).

    ``clear_submitted`` empties ``call_data`` of submitted form values, ``clear_page_data``
    drops the page data set so far and ``clear_errors`` forgets errors raised so far.
    """

    def __init__(self, target, clear_submitted=True, clear_page_data=True, clear_errors=True):
        super().__init__(target)
        self.target = target
        self.clear_submitted = clear_submitted
        self.clear_page_data = clear_page_data
        self.clear_errors = clear_errors


class ValidateError(SkipoleError):
    """Raised when submitted data is not acceptable: the ``validate_error`` page is shown."""

    def __init__(self, message="", section="", widget="", status="400 Bad Request"):
        super().__init__(message, section, widget, status=status)


class ServerError(SkipoleError):
    """Raised when the server cannot answer: the ``server_error`` page shows ``message`` and ``code``.

    Any other exception escaping user code is turned into a ServerError; its traceback is
    shown only when debug is on and the request comes from the loopback interface.
    """

    def __init__(self, message="", section="", widget="", status="500 Internal Server Error", code=0):
        super().__init__(message, section, widget, status=status)
        self.code = code


class ServeFile(Exception):
    """Raised in ``start_call`` or ``submit_data`` to stream ``server_file`` instead of a page.

    The file must lie under the project's ``projectfiles`` folder; anything else is refused
    with a 404 (no path escapes through ``..`` or symbolic links).
    """

    def __init__(self, server_file, status="200 OK", headers=None, enable_cache=None, mimetype=None):
        super().__init__(str(server_file))
        self.server_file = server_file
        self.status = status
        self.headers = headers
        self.enable_cache = enable_cache
        self.mimetype = mimetype


class PageError(SkipoleError):
    """Raised inside skipole when a page cannot be built from its definition (a broken ident)."""


class ProjectError(Exception):
    """Raised when a project cannot be loaded or saved: the message says what to fix."""


class ProjectFileError(ProjectError):
    """Raised when a project file is unreadable or invalid; names the file, the item and the problem."""

    def __init__(self, file, item, problem):
        self.file = str(file)
        self.item = item
        self.problem = problem
        where = f"{self.file}: {item}: " if item else f"{self.file}: "
        super().__init__(where + problem)
