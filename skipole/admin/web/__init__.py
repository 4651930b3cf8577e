"""skiadmin's web interface: the admin application served at ``/skiadmin`` by the project it edits.

``make_admin(app, projectdir, state_dir)`` returns the handler ``WSGIApplication._route``
calls for ``/skiadmin`` and every path under it (``load_project`` does this when the
``admin`` setting is on).  Screens are plain HTML forms that work without JavaScript and on
a 390 px phone; every change is a POST carrying the CSRF token and the draft version.
See docs/admin.md ("The web admin").
"""

from . import bindings  # noqa: F401  (registers the binding operations)
from .site import AdminSite

__all__ = ["make_admin", "AdminSite"]


def make_admin(app, projectdir, state_dir):
    """The admin of ``app`` (a ``WSGIApplication``) for the project in ``projectdir``, keeping
    its drafts and history in ``state_dir``; called with a ``Request``, returns a ``Response``."""
    return AdminSite(app, projectdir, state_dir)
