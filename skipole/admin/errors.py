"""The errors skiadmin's operations raise: one clear message that says what to fix."""

__all__ = ["AdminError", "Conflict", "PublishRefused", "NotFound"]


class AdminError(ValueError):
    """An operation was refused; ``str(exc)`` (also ``exc.message``) says why and what to do.

    Nothing was changed when this is raised.  ``field`` names the argument at fault when
    there is one (so a form can show the message beside that input).
    """

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(AdminError):
    """The folder, page, section, element, label or history entry named does not exist."""


class Conflict(AdminError):
    """The draft changed since the caller read it (``expected_version`` is stale).

    ``current_version`` is the version now; the caller should reload, look again and retry.
    Two admins therefore never silently overwrite each other's edits.
    """

    def __init__(self, message, current_version=None):
        super().__init__(message)
        self.current_version = current_version


class PublishRefused(AdminError):
    """Publishing was refused because the project has errors.

    ``problems`` is the full list from validation (errors and warnings, as dicts with
    ``level``, ``where``, ``message`` and, when known, ``ident``/``section``/``location``).
    """

    def __init__(self, message, problems=()):
        super().__init__(message)
        self.problems = list(problems)

    @property
    def errors(self):
        """Only the problems of level ``error``."""
        return [p for p in self.problems if p["level"] == "error"]
