"""``skicall.accounts``: user and API-token management for a project's own setup pages.

Everything a setup page needs without touching files: list, add and remove users, change
roles, reset passwords (ending the user's sessions), change one's own password (checking the
old one), and create, list and revoke API tokens.  Changes by anyone but an admin are refused.
"""

from .users import UserError

__all__ = ["Accounts", "UserError"]


class Accounts:
    """The account operations available to hook code during one call."""

    def __init__(self, security, request):
        self._security = security
        self._request = request

    @property
    def user(self):
        """The logged-in user of this call, or None."""
        return self._request.environ.get("skipole.user")

    @property
    def is_admin(self):
        return self._request.environ.get("skipole.role") == "admin"

    def _need_admin(self):
        if not self.is_admin:
            raise UserError("only an admin may manage users and tokens")

    # ---- users --------------------------------------------------------------------------------
    def users(self):
        """``[{"name", "role", "created", "changed"}]``"""
        return self._security.users.list()

    def add_user(self, name, password, role="user"):
        self._need_admin()
        if self._security.users.role(name) is not None:
            raise UserError(f"user {name!r} exists")
        self._security.users.set_password(name, password, role=role)

    def remove_user(self, name):
        self._need_admin()
        self._security.users.remove(name)
        self._security.sessions.revoke_user(name)

    def set_role(self, name, role):
        self._need_admin()
        self._security.users.set_role(name, role)

    def reset_password(self, name, password):
        """An admin sets another user's password; that user's sessions end."""
        self._need_admin()
        if self._security.users.role(name) is None:
            raise UserError(f"no user {name!r}")
        self._security.users.set_password(name, password)
        self._security.sessions.revoke_user(name)

    def change_password(self, old_password, new_password):
        """The logged-in user changes their own password; their other sessions end."""
        user = self.user
        if not user or user.startswith("token:"):
            raise UserError("log in to change your password")
        if not self._security.users.verify(user, old_password):
            raise UserError("the current password is wrong")
        self._security.change_password(self._request, user, new_password)

    # ---- API tokens -----------------------------------------------------------------------------
    def tokens(self):
        return self._security.tokens.list()

    def create_token(self, name, role="user"):
        """Make a token; returns its text, to show once."""
        self._need_admin()
        return self._security.tokens.create(name, role)

    def revoke_token(self, name):
        self._need_admin()
        self._security.tokens.revoke(name)
