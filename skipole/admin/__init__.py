"""skiadmin's back end: edit a project as a draft, validate it, publish it crash-safely,
keep a history to revert to, detect concurrent edits, back up and restore.

``AdminStore(projectdir, state_dir, on_publish=app.replace_project)`` is the entry point;
``AdminStore.operations()`` and ``AdminStore.queries()`` list what it can do, with help.
See docs/admin.md.
"""

from . import views  # noqa: F401  (registers the queries)
from .drafts import DEFAULT_HISTORY_LIMIT, AdminStore
from .edits import OPERATIONS, QUERIES, DraftData
from .errors import AdminError, Conflict, NotFound, PublishRefused
from .locations import format_location, parse_location
from .storage import commit_dir, recover_dir
from .validation import format_problem, validate_draft

__all__ = ["AdminStore", "AdminError", "Conflict", "NotFound", "PublishRefused", "DraftData", "OPERATIONS",
           "QUERIES", "DEFAULT_HISTORY_LIMIT", "parse_location", "format_location", "validate_draft",
           "format_problem", "commit_dir", "recover_dir"]
