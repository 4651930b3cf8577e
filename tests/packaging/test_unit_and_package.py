"""The Debian packaging as files: the systemd unit lints clean and keeps its hardening, the
package depends on Debian packages only, and version, config and unit agree.

Building and install-testing the .deb takes a minute or more and needs root:
``packaging/ci-package-test.sh`` (bookworm) and ``packaging/trixie-install-test.sh``.
"""

import os
import re
import shutil
import subprocess
import tomllib

import pytest

from skipole import __version__
from skipole.settings import Settings
from tests.conftest import REPO

UNIT = REPO / "systemd" / "skipole.service"
CONTROL = REPO / "debian" / "control"
CONFIG = REPO / "packaging" / "skipole.toml"
#: Debian's tools, never pyenv's shims
DEBIAN_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"


def unit_entries(path=UNIT):
    """``[(section, key, value)]`` of a unit file, repeated keys kept (systemd allows them)."""
    entries, section = [], None
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        key, _, value = line.partition("=")
        entries.append((section, key.strip(), value.strip()))
    return entries


def service_values(key):
    return [v for s, k, v in unit_entries() if s == "Service" and k == key]


def service_value(key):
    values = service_values(key)
    assert values, f"{key}= is missing from {UNIT.name}"
    return values[-1]


def control_paragraphs():
    paragraphs, current, last = [], {}, None
    for line in CONTROL.read_text().splitlines():
        if not line.strip():
            if current:
                paragraphs.append(current)
            current, last = {}, None
        elif line[0] in " \t":
            current[last] += " " + line.strip()
        else:
            last, _, value = line.partition(":")
            current[last] = value.strip()
    if current:
        paragraphs.append(current)
    return paragraphs


def relation_names(field):
    """Package names in a Depends-style field: ``[[alternative, ...], ...]``, substvars kept."""
    groups = []
    for group in field.split(","):
        group = group.strip()
        if group:
            groups.append([re.sub(r"\s*[(\[<].*$", "", alt.strip()) for alt in group.split("|")])
    return groups


def binary_package():
    return next(p for p in control_paragraphs() if p.get("Package") == "skipole")


# ---- the unit -------------------------------------------------------------------------------

def test_unit_verifies_clean_with_systemd_analyze(tmp_path):
    analyze = shutil.which("systemd-analyze", path=DEBIAN_PATH)
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (apt-get install systemd)")
    # a root holding the unit, the program it runs and the units it names: verify checks
    # that ExecStart's binary exists, and /usr/bin/skipole is only there once installed
    root = tmp_path / "root"
    unitdir = root / "lib" / "systemd" / "system"
    host_units = "/lib/systemd/system"
    if os.path.isdir(host_units):
        shutil.copytree(host_units, unitdir, symlinks=True)
    unitdir.mkdir(parents=True, exist_ok=True)
    shutil.copy(UNIT, unitdir / "skipole.service")
    binary = root / "usr" / "bin" / "skipole"
    binary.parent.mkdir(parents=True)
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)
    # --man=no: the man page is checked by lintian in the package, it is not installed here
    done = subprocess.run([analyze, "verify", "--man=no", f"--root={root}", "skipole.service"],
                          capture_output=True, text=True, env={"PATH": DEBIAN_PATH, "LANG": "C.UTF-8"})
    output = (done.stdout + done.stderr).strip()
    assert done.returncode == 0 and output == "", output


def test_unit_runs_the_configured_service_as_its_own_user_in_group_gpio():
    assert service_value("ExecStart") == "/usr/bin/skipole serve --config /etc/skipole/skipole.toml"
    assert service_value("User") == "skipole"
    assert "gpio" in service_value("SupplementaryGroups").split()
    assert service_value("Restart") == "on-failure"


def test_unit_keeps_state_and_lgpio_files_in_var_lib_skipole():
    assert service_value("StateDirectory") == "skipole"
    # lgpio chdir()s into its working directory and makes its notification pipes there
    assert service_value("WorkingDirectory") == "/var/lib/skipole"
    assert "LG_WD=/var/lib/skipole" in service_values("Environment")
    assert service_value("ConfigurationDirectory") == "skipole"


@pytest.mark.parametrize("key, value", [
    ("NoNewPrivileges", "yes"),
    ("ProtectSystem", "strict"),
    ("ProtectHome", "yes"),
    ("PrivateTmp", "yes"),
    ("DevicePolicy", "closed"),
    ("ProtectKernelTunables", "yes"),
    ("ProtectKernelModules", "yes"),
    ("ProtectControlGroups", "yes"),
    ("RestrictNamespaces", "yes"),
    ("RestrictSUIDSGID", "yes"),
    ("LockPersonality", "yes"),
    ("SystemCallArchitectures", "native"),
    ("CapabilityBoundingSet", ""),
])
def test_unit_hardening_directive(key, value):
    assert service_value(key) == value


def test_unit_allows_only_the_gpio_devices():
    allowed = [v.split()[0] for v in service_values("DeviceAllow")]
    assert "char-gpiochip" in allowed                                 # lgpio, libgpiod
    assert any("gpiomem" in device for device in allowed)             # RPi.GPIO on Pi <= 4
    assert all("gpio" in device for device in allowed), allowed


def test_unit_address_families_are_the_ones_the_service_needs():
    families = " ".join(service_values("RestrictAddressFamilies")).split()
    assert sorted(families) == ["AF_INET", "AF_INET6", "AF_NETLINK", "AF_UNIX"]


@pytest.mark.parametrize("key, breaks", [
    ("PrivateDevices", "hides /dev/gpiochip*"),
    ("PrivateUsers", "unmaps the gpio group"),
    ("DynamicUser", "the package's static user owns /var/lib/skipole"),
])
def test_unit_leaves_off_what_breaks_gpio(key, breaks):
    assert service_values(key) in ([], ["no"]), f"{key}=yes {breaks}"


def test_unit_keeps_proc_files_gpiozero_reads():
    # gpiozero reads /proc/cpuinfo and /proc/device-tree to identify the board
    assert service_values("ProcSubset") in ([], ["all"])


def test_debian_installs_the_unit_from_systemd_folder():
    link = REPO / "debian" / "skipole.service"
    assert link.is_symlink() and link.resolve() == UNIT.resolve()


# ---- debian/control -------------------------------------------------------------------------

DEBIAN_NAME = re.compile(r"^[a-z0-9][a-z0-9+.-]+$")


def test_control_depends_are_debian_package_names():
    for group in relation_names(binary_package()["Depends"]):
        for name in group:
            assert name.startswith("${") or DEBIAN_NAME.match(name), name
    names = {n for g in relation_names(binary_package()["Depends"]) for n in g}
    assert {"python3-waitress", "python3-werkzeug", "python3-gpiozero",
            "${python3:Depends}", "${misc:Depends}"} <= names


def test_control_depends_are_in_the_debian_archive():
    apt_cache = shutil.which("apt-cache", path=DEBIAN_PATH)
    if apt_cache is None:
        pytest.skip("apt-cache is not installed: not a Debian machine")
    names = [n for g in relation_names(binary_package()["Depends"]) for n in g if not n.startswith("${")]
    done = subprocess.run([apt_cache, "show", "--no-all-versions", *names], capture_output=True,
                          text=True, env={"PATH": DEBIAN_PATH, "LANG": "C.UTF-8"})
    found = set(re.findall(r"^Package: (\S+)$", done.stdout, re.M))
    assert found == set(names), f"not known to apt: {sorted(set(names) - found)}"


def test_every_runtime_dependency_of_pyproject_is_a_debian_dependency():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())
    depends = {n for g in relation_names(binary_package()["Depends"]) for n in g}
    for requirement in pyproject["project"]["dependencies"]:
        name = re.split(r"[<>=!~ \[;]", requirement, maxsplit=1)[0].lower()
        assert f"python3-{name}" in depends, f"{requirement} needs python3-{name} in debian/control"


def test_gpio_backends_are_recommended_alternatives_not_depends():
    recommends = relation_names(binary_package()["Recommends"])
    assert ["python3-lgpio", "python3-rpi-lgpio", "python3-rpi.gpio"] in recommends
    depends = {n for g in relation_names(binary_package()["Depends"]) for n in g}
    assert not depends & {"python3-lgpio", "python3-rpi-lgpio", "python3-rpi.gpio"}


def test_control_is_architecture_all_with_debhelper_13_and_pybuild():
    source = control_paragraphs()[0]
    build_depends = {n for g in relation_names(source["Build-Depends"]) for n in g}
    assert binary_package()["Architecture"] == "all"
    assert {"debhelper-compat", "dh-python", "pybuild-plugin-pyproject"} <= build_depends
    assert "debhelper-compat (= 13)" in source["Build-Depends"]


def test_changelog_version_is_the_package_version():
    first = (REPO / "debian" / "changelog").read_text().splitlines()[0]
    assert re.match(rf"^skipole \({re.escape(__version__)}(-\S+)?\) ", first), first


# ---- the shipped configuration --------------------------------------------------------------

def test_shipped_config_is_valid_and_serves_pi02_on_the_lan():
    settings = Settings(config_file=str(CONFIG), environ={})
    assert settings.project == "/usr/share/skipole/projects/pi02"
    assert settings.data_dir == "/var/lib/skipole"
    assert (settings.host, settings.port) == ("0.0.0.0", 8000)
    assert settings.admin is True and settings.debug is False and settings.dev is False
    assert settings.hardware == "auto"


def test_shipped_config_is_the_file_the_unit_reads():
    install = (REPO / "debian" / "skipole.install").read_text().split()
    assert install[:2] == ["packaging/skipole.toml", "etc/skipole/"]
    assert service_value("ExecStart").endswith("--config /etc/skipole/skipole.toml")
