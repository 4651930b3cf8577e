"""Every tunable setting, declared once with its converter and help (as waitress's adjustments).

The command line, ``skipole.toml``, environment variables and keyword arguments to
``load_project`` all pass through ``Settings``, so an invalid value is refused in one place
with one clear message.  Precedence: keyword/command line > environment > config file > default.
"""

import os
import tomllib

__all__ = ["Settings", "SettingsError", "SETTINGS"]


class SettingsError(ValueError):
    """Raised when a setting has an invalid value; the message names the setting and the source."""


def _bool(value):
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError("expected true or false")


def _port(value):
    port = int(value)
    if not 0 <= port <= 65535:
        raise ValueError("expected a port number 0-65535")
    return port


def _threads(value):
    n = int(value)
    if not 1 <= n <= 256:
        raise ValueError("expected 1-256 threads")
    return n


def _list(value):
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).split(",") if v.strip()]


def _hardware(value):
    value = str(value).strip().lower()
    if value not in ("auto", "mock", "lgpio", "rpigpio"):
        raise ValueError("expected auto, mock, lgpio or rpigpio")
    return value


def _path(value):
    return os.path.abspath(os.path.expanduser(str(value))) if value not in (None, "") else None


def _size(value):
    n = int(value)
    if n < 1024:
        raise ValueError("expected at least 1024 bytes")
    return n


#: name: (default, converter, environment variable, help)
SETTINGS = {
    "project": (None, _path, "SKIPOLE_PROJECT", "the project directory (PROJECTFILES/NAME)"),
    "host": ("127.0.0.1", str, "SKIPOLE_HOST", "address to listen on"),
    "port": (8000, _port, "SKIPOLE_PORT", "port to listen on"),
    "threads": (16, _threads, "SKIPOLE_THREADS", "waitress worker threads (two are kept free of live updates)"),
    "state_dir": (None, _path, "SKIPOLE_STATE_DIR", "where the running appliance writes (default PROJECTDIR/state)"),
    "data_dir": (None, _path, "SKIPOLE_DATA_DIR", "appliance layout: the project's data and state in DATA_DIR/NAME, its code where installed"),
    "hardware": ("auto", _hardware, "SKIPOLE_HARDWARE", "pin backend: auto, mock, lgpio, rpigpio"),
    "admin": (False, _bool, "SKIPOLE_ADMIN", "serve skiadmin at /skiadmin"),
    "dev": (False, _bool, "SKIPOLE_DEV", "development mode: debug on loopback, admin on, one-time password"),
    "debug": (False, _bool, "SKIPOLE_DEBUG", "show debug details (to loopback clients only)"),
    "allowed_hosts": ([], _list, "SKIPOLE_ALLOWED_HOSTS", "extra Host names accepted (DNS rebinding guard)"),
    "trusted_proxies": ([], _list, "SKIPOLE_TRUSTED_PROXIES", "proxy addresses whose X-Forwarded-For is believed"),
    "max_body": (1024 * 1024, _size, "SKIPOLE_MAX_BODY", "largest accepted form body in bytes"),
    "lib_url": ("/lib", str, None, "where the static library is mounted"),
    "compress": (True, _bool, "SKIPOLE_COMPRESS", "gzip pages and JSON answers for browsers that accept it"),
}


class Settings:
    """Validated settings; attributes are the names in ``SETTINGS``."""

    def __init__(self, config_file=None, environ=None, **given):
        values = {name: spec[0] for name, spec in SETTINGS.items()}
        self.sources = {name: "default" for name in SETTINGS}
        if config_file:
            for name, value in self._read_config(config_file).items():
                self._set(values, name, value, f"config file {config_file}")
        env = os.environ if environ is None else environ
        for name, (_d, _c, var, _h) in SETTINGS.items():
            if var and var in env and env[var] != "":
                self._set(values, name, env[var], f"environment {var}")
        for name, value in given.items():
            if value is None:
                continue
            if name not in SETTINGS:
                raise SettingsError(f"unknown setting {name!r}")
            self._set(values, name, value, "argument")
        if values["dev"]:
            if self.sources["admin"] == "default":
                values["admin"] = True
            if self.sources["debug"] == "default":
                values["debug"] = True
        self.__dict__.update(values)

    def _set(self, values, name, value, source):
        _default, convert, _var, _help = SETTINGS[name]
        try:
            values[name] = convert(value)
        except (TypeError, ValueError) as exc:
            raise SettingsError(f"{name} = {value!r} from {source}: {exc}") from None
        self.sources[name] = source

    @staticmethod
    def _read_config(path):
        try:
            with open(path, "rb") as f:
                data = tomllib.load(f)
        except FileNotFoundError:
            raise SettingsError(f"config file {path} not found") from None
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"config file {path}: {exc}") from None
        section = data.get("skipole", data)
        unknown = [k for k in section if k not in SETTINGS]
        if unknown:
            raise SettingsError(f"config file {path}: unknown setting(s) {', '.join(sorted(unknown))}")
        return section

    def as_dict(self):
        return {name: getattr(self, name) for name in SETTINGS}
