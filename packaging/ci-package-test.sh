#!/usr/bin/env bash
# Build the skipole .deb, lint it, and install-test it in a clean Debian chroot.
#
#   packaging/ci-package-test.sh [--suite bookworm|trixie] [--deb FILE] [--no-lintian]
#                                [--no-systemd] [--keep]
#
# 1. build: dpkg-buildpackage -us -uc -b in a copy of the working tree (git's tracked and
#    untracked-but-not-ignored files), so the checkout gets no build output; when the tree
#    has no projects/pi02 yet, the copy gets a placeholder made with `skipole new pi02`
# 2. lintian --fail-on warning; systemd-analyze verify and security on the unit as packaged
# 3. in a debootstrap'd minbase chroot of SUITE (cached as a tarball under
#    /var/cache/skipole-ci, with the downloaded .debs, so a repeated run takes seconds):
#    apt-get install ./skipole_*.deb (dependencies from the Debian archive); run the unit's
#    ExecStart as its User (setpriv: no systemd in a chroot), in a private network namespace
#    so :8000 is free; the home page answers; the first-run notice is logged; `sudo skipole
#    passwd` works and a login succeeds; an admin edit and an edited conffile survive an
#    upgrade; `skipole reset` keeps a backup; remove keeps the data; purge leaves nothing.
# 4. under systemd: a second chroot with systemd is booted with systemd-nspawn, so the unit
#    itself runs, sandbox and all: it starts on install, answers, stops cleanly, restarts on
#    upgrade and is gone after purge (skipped, with the reason, where it cannot run).
# Needs root (debootstrap, chroot, unshare). Network: the Debian mirror only.
# Environment: SKIPOLE_CI_CACHE (/var/cache/skipole-ci), SKIPOLE_CI_MIRROR
# (http://deb.debian.org/debian), SKIPOLE_CI_REBUILD=1 to remake the cached chroot.
set -euo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin      # pyenv shims must not shadow Debian's tools
export LC_ALL=C.UTF-8

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SELF="$HERE/$(basename "${BASH_SOURCE[0]}")"
CACHE=${SKIPOLE_CI_CACHE:-/var/cache/skipole-ci}
MIRROR=${SKIPOLE_CI_MIRROR:-http://deb.debian.org/debian}
# the same password in the re-executed helpers (__serve) as in the main script
export PASSWORD=${PASSWORD:-ci-password-$$-correct-horse}

log() { printf '\n== %s\n' "$*"; }
fail() { printf '\nFAIL: %s\n' "$*" >&2; exit 1; }
declare -a TIMINGS=()
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
seconds_since() { local ms=$(( $(now_ms) - $1 )); printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)); }
step_start() { STEP_NAME=$1; STEP_T0=$(now_ms); log "$1"; }
step_end() { TIMINGS+=("$(printf '%-60s %6s s' "$STEP_NAME" "$(seconds_since "$STEP_T0")")"); }

# ---- namespaced helpers: the script runs itself inside unshare for these -------------------

# __chroot ROOT APTCACHE CMD...: CMD in the chroot with /proc and the .deb cache mounted in a
# private mount namespace (the mounts vanish with it, so removing the chroot is always safe)
if [ "${1:-}" = __chroot ]; then
    root=$2 aptcache=$3; shift 3
    mount -t proc proc "$root/proc"
    mount --bind "$aptcache" "$root/var/cache/apt/archives"
    exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
        LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
fi

# __serve ROOT LOG MODE: in a private network namespace, run the unit's ExecStart as its user
# and check the site; MODE first (no password yet) or login (PASSWORD in the environment)
if [ "${1:-}" = __serve ]; then
    root=$2 out=$3 mode=$4
    ip link set lo up
    mount -t proc proc "$root/proc"
    unit="$root/lib/systemd/system/skipole.service"
    [ -f "$unit" ] || unit="$root/usr/lib/systemd/system/skipole.service"
    key() { sed -n "s/^$1=//p" "$unit"; }
    user=$(key User) workdir=$(key WorkingDirectory) umask_=$(key UMask) execstart=$(key ExecStart)
    mapfile -t envs < <(key Environment)
    echo "unit: User=$user WorkingDirectory=$workdir UMask=$umask_ ExecStart=$execstart" > "$out"
    # setpriv, not runuser: like systemd's User=, it execs the command (no PAM session, no
    # parent process in between), so the unit's KillSignal reaches skipole itself; job
    # control (set -m) keeps SIGINT from being ignored in a background command
    set -m
    chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
        /bin/sh -c "umask $umask_ && cd '$workdir' && exec setpriv --reuid='$user' --regid='$user' --init-groups -- env ${envs[*]} $execstart" \
        >> "$out" 2>&1 &
    server=$!
    set +m
    base=http://127.0.0.1:8000
    for _ in $(seq 1 100); do
        curl -fsS -o /dev/null "$base/" 2>/dev/null && break
        kill -0 $server 2>/dev/null || { cat "$out"; echo "FAIL: the service exited"; exit 1; }
        sleep 0.2
    done
    status=0
    jar=$(mktemp) page=$(mktemp)
    check() { if "$@"; then echo "ok: ${CHECK}"; else echo "FAIL: ${CHECK}"; status=1; fi; }
    CHECK="home page answers 200 on :8000"
    code=$(curl -sS -o "$page" -w '%{http_code}' "$base/") || code=000
    check [ "$code" = 200 ]
    echo "   home page: $(wc -c < "$page") bytes, title: $(grep -o '<title>[^<]*' "$page" | head -1 | cut -c8-)"
    if grep -qi 'simulated' "$page"; then echo "ok: the page says the pins are simulated"
    else echo "note: no 'simulated pins' notice on the home page (hardware layer / pi02 not in this tree?)"; fi
    CHECK="static library /lib answers"
    lib=$(grep -o '/lib/[^"]*\.css' "$page" | head -1 || true)
    check [ "$(curl -sS -o /dev/null -w '%{http_code}' "$base${lib:-/lib/css/skipole.css}")" = 200 ]
    CHECK="login page answers"
    code=$(curl -sS -c "$jar" -b "$jar" -o "$page" -w '%{http_code}' "$base/auth/login") || code=000
    check [ "$code" = 200 ]
    if [ "$mode" = first ]; then
        CHECK="login page tells how to set the first password"
        check grep -q 'sudo skipole passwd' "$page"
    else
        csrf() { grep -o 'name="csrf_token" value="[^"]*"' "$page" | head -1 | sed 's/.*value="//; s/"$//'; }
        CHECK="a wrong password is refused"
        curl -sS -c "$jar" -b "$jar" -o "$page" -H "Origin: $base" --data-urlencode "username=admin" \
            --data-urlencode "password=wrong" --data-urlencode "csrf_token=$(csrf)" "$base/auth/login" || true
        check grep -q 'sk-error' "$page"
        CHECK="login with the password set by 'skipole passwd' (303 and a session cookie)"
        headers=$(curl -sS -c "$jar" -b "$jar" -o /dev/null -D - -H "Origin: $base" \
            --data-urlencode "username=admin" --data-urlencode "password=$PASSWORD" \
            --data-urlencode "csrf_token=$(csrf)" --data-urlencode "next=/" "$base/auth/login" || true)
        check grep -q '^HTTP/1.1 303' <<<"$headers"
        CHECK="the session cookie is HttpOnly"
        check grep -qi '^set-cookie:.*httponly' <<<"$headers"
    fi
    t0=$(now_ms)
    kill -INT $server
    wait $server && rc=0 || rc=$?
    echo "   service stopped by SIGINT (the unit's KillSignal) in $(seconds_since "$t0") s, exit status $rc"
    CHECK="exit status on stop is a success for the unit (0 or SuccessExitStatus=130)"
    check test "$rc" = 0 -o "$rc" = 130
    if [ "$mode" = first ]; then
        CHECK="the service logged how to set the first password"
        check grep -q 'sudo skipole passwd' "$out"
    fi
    rm -f "$jar" "$page"
    exit $status
fi

# ---- main ------------------------------------------------------------------------------------
SUITE=bookworm DEB="" LINTIAN=yes KEEP=no SYSTEMD=auto
while [ $# -gt 0 ]; do
    case $1 in
        --suite) SUITE=$2; shift 2 ;;
        --deb) DEB=$(realpath "$2"); shift 2 ;;
        --no-lintian) LINTIAN=no; shift ;;
        --keep) KEEP=yes; shift ;;
        --no-systemd) SYSTEMD=no; shift ;;
        -h|--help) sed -n '2,20p' "$SELF"; exit 0 ;;
        *) fail "unknown argument $1 (see --help)" ;;
    esac
done
[ "$(id -u)" = 0 ] || fail "run as root (debootstrap, chroot and unshare need it)"
# the packaging tool chain, from Debian, installed when a fresh CI machine lacks it
build_packages=(debhelper dh-python pybuild-plugin-pyproject python3-all lintian debootstrap zstd curl systemd
                systemd-container)
missing=()
for pkg in "${build_packages[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "== apt-get install ${missing[*]}"
    PATH=/usr/sbin:/usr/bin:/sbin:/bin apt-get update -qq ||
        fail "apt-get update (needed to install ${missing[*]})"
    PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" \
        > /dev/null || fail "apt-get install ${missing[*]}"
fi
for tool in dpkg-buildpackage lintian debootstrap unshare chroot zstd curl python3 systemd-analyze; do
    command -v "$tool" >/dev/null || fail "$tool is missing: apt-get install debhelper dh-python pybuild-plugin-pyproject python3-all lintian debootstrap zstd curl systemd"
done
T_ALL=$(now_ms)
WORK=$(mktemp -d /tmp/skipole-ci.XXXXXX)
ROOT="$WORK/root"
cleanup() {
    # the chroot's mounts live only in the unshare'd namespaces; check anyway before deleting
    if grep -q " $ROOT" /proc/self/mountinfo; then
        echo "ci-package-test: $ROOT still has mounts, not deleting $WORK" >&2; return
    fi
    if [ "$KEEP" = yes ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# -- 1. build -----------------------------------------------------------------------------------
if [ -z "$DEB" ]; then
    step_start "build (dpkg-buildpackage -us -uc -b)"
    mkdir -p "$WORK/src/skipole"
    (cd "$REPO" && git ls-files -z -co --exclude-standard) |
        (cd "$REPO" && tar --null -T - --ignore-failed-read -cf - 2>/dev/null) |
        tar -C "$WORK/src/skipole" -xf -
    if [ ! -d "$WORK/src/skipole/projects/pi02/data" ]; then
        # not there yet, or still being written (no data/): the copy gets a placeholder
        echo "no complete projects/pi02 in the tree: packaging a placeholder made with 'skipole new pi02'"
        rm -rf "$WORK/src/skipole/projects/pi02"
        (cd "$WORK/src/skipole" && PYTHONPATH=. python3 -m skipole new pi02 projects >/dev/null)
    fi
    (cd "$WORK/src/skipole" && dpkg-buildpackage -us -uc -b) > "$WORK/build.log" 2>&1 ||
        { tail -40 "$WORK/build.log"; fail "dpkg-buildpackage failed (log above)"; }
    grep -E '^install-projects:' "$WORK/build.log" || true
    DEB=$(ls "$WORK"/src/skipole_*_all.deb)
    CHANGES=$(ls "$WORK"/src/skipole_*.changes)
    echo "built $(basename "$DEB") ($(stat -c %s "$DEB") bytes)"
    step_end
fi
VERSION=$(dpkg-deb -f "$DEB" Version)

# -- 2. lint ------------------------------------------------------------------------------------
if [ "$LINTIAN" = yes ]; then
    step_start "lintian --fail-on warning"
    lintian --fail-on warning --display-info --pedantic "${CHANGES:-$DEB}" 2>&1 |
        grep -v 'running with root privileges is not recommended' || true
    lintian --fail-on warning "${CHANGES:-$DEB}" >/dev/null 2>&1 || fail "lintian found warnings or errors"
    echo "lintian: no warnings or errors"
    step_end
fi

step_start "systemd-analyze verify / security (unit as packaged)"
mkdir -p "$WORK/unitroot"
dpkg-deb -x "$DEB" "$WORK/unitroot"
unitdir=$WORK/unitroot/lib/systemd/system
# the units skipole.service names (multi-user.target, network.target, ...) come from the host
cp -an /lib/systemd/system/. "$unitdir/"
# the man page is installed in the package root, not on this machine: checked by lintian instead
systemd-analyze verify --man=no --root="$WORK/unitroot" skipole.service ||
    fail "systemd-analyze verify found problems in the unit"
echo "systemd-analyze verify: clean"
systemd-analyze security --offline=yes --root="$WORK/unitroot" skipole.service 2>&1 | tail -1
step_end

# -- 3. the chroot ------------------------------------------------------------------------------
mkdir -p "$CACHE"
TARBALL="$CACHE/$SUITE-minbase.tar.zst"
APTCACHE="$CACHE/apt-$SUITE"
mkdir -p "$APTCACHE/partial"
in_root() { unshare --mount --propagation private -- "$SELF" __chroot "$ROOT" "$APTCACHE" "$@"; }
in_sdroot() { unshare --mount --propagation private -- "$SELF" __chroot "$SDROOT" "$APTCACHE" "$@"; }
unpack() {  # unpack DIR: a fresh copy of the cached chroot, ready for apt
    mkdir -p "$1"
    zstd -dc "$TARBALL" | tar -C "$1" --numeric-owner -xpf -
    cp -L /etc/resolv.conf "$1/etc/resolv.conf"
}

if [ "${SKIPOLE_CI_REBUILD:-}" = 1 ] || [ ! -s "$TARBALL" ] ||
   [ -n "$(find "$TARBALL" -mtime +30 2>/dev/null)" ]; then
    step_start "debootstrap --variant=minbase $SUITE (cached in $TARBALL)"
    mkdir -p "$WORK/new"
    debootstrap --variant=minbase --cache-dir="$APTCACHE" "$SUITE" "$WORK/new" "$MIRROR" \
        > "$WORK/debootstrap.log" 2>&1 || { tail -20 "$WORK/debootstrap.log"; fail "debootstrap failed"; }
    security=${MIRROR%/debian}/debian-security
    {
        echo "deb $MIRROR $SUITE main"
        echo "deb $MIRROR $SUITE-updates main"
        echo "deb $security $SUITE-security main"
    } > "$WORK/new/etc/apt/sources.list"
    rm -f "$WORK/new"/var/cache/apt/archives/*.deb
    tar -C "$WORK/new" --numeric-owner -cf - . | zstd -q -T0 -o "$TARBALL.tmp"
    mv "$TARBALL.tmp" "$TARBALL"
    rm -rf "$WORK/new"
    step_end
fi

step_start "unpack the $SUITE chroot, apt-get update"
unpack "$ROOT"
in_root apt-get update -q > "$WORK/apt-update.log" 2>&1 || { cat "$WORK/apt-update.log"; fail "apt-get update"; }
step_end

snapshot() {  # every path in the chroot but the package manager's own records and caches
    python3 - "$ROOT" > "$1" <<'EOF'
import os, sys
root = sys.argv[1]
skip = {"/proc", "/dev", "/sys", "/run", "/tmp", "/var/tmp", "/var/cache/apt", "/var/lib/apt",
        "/var/lib/dpkg", "/var/log", "/var/cache/debconf", "/var/cache/ldconfig", "/root"}
for top, dirs, files in os.walk(root):
    rel = "/" + os.path.relpath(top, root) if top != root else "/"
    dirs[:] = [d for d in dirs if os.path.join(rel, d) not in skip]
    for name in dirs + files:
        print(os.path.join(rel, name))
EOF
}
cp "$DEB" "$ROOT/tmp/skipole.deb"
# the dependencies first, from the package's own Depends field, so that the "before"
# snapshot has them and the purge check sees only what skipole itself leaves behind
step_start "apt-get install the package's dependencies ($SUITE)"
deps=$(dpkg-deb -f "$DEB" Depends | sed 's/([^)]*)//g; s/:any//g; s/|[^,]*//g; s/,/ /g')
echo "Depends: $deps"
in_root apt-get install -y -q --no-install-recommends $deps > "$WORK/deps.log" 2>&1 ||
    { tail -30 "$WORK/deps.log"; fail "apt-get install $deps"; }
grep -E '^Setting up (python3|python3-gpiozero|python3-waitress|python3-werkzeug) ' "$WORK/deps.log" | sed 's/^/   /' || true
step_end
snapshot "$WORK/before.txt"

step_start "apt-get install ./$(basename "$DEB") ($SUITE)"
in_root apt-get install -y -q --no-install-recommends /tmp/skipole.deb > "$WORK/install.log" 2>&1 ||
    { tail -30 "$WORK/install.log"; fail "apt-get install"; }
grep -E '^(Setting up|Unpacking) ' "$WORK/install.log" | sed 's/^/   /' || true
step_end

step_start "installed layout"
status=0
expect() { if "$@" >/dev/null 2>&1; then echo "ok: $WHAT"; else echo "FAIL: $WHAT"; status=1; fi; }
WHAT="user skipole exists, in groups skipole and gpio"; expect in_root sh -c 'id -nG skipole | tr " " "\n" | grep -qx gpio && id -nG skipole | tr " " "\n" | grep -qx skipole'
echo "   $(in_root id skipole)"
WHAT="/var/lib/skipole is the service user's, mode 0750"; expect test "$(in_root stat -c '%U:%G %a' /var/lib/skipole)" = "skipole:skipole 750"
WHAT="/etc/skipole/skipole.toml is a conffile"; expect grep -qx '/etc/skipole/skipole.toml' "$ROOT/var/lib/dpkg/info/skipole.conffiles"
WHAT="shipped projects are root's, read-only for the service"; expect test -z "$(find "$ROOT/usr/share/skipole/projects" ! -user root -o -perm /022)"
WHAT="project code byte-compiled at install (py3compile)"; expect test -n "$(find "$ROOT/usr/share/skipole/projects" -name '*.pyc')"
WHAT="skipole --version works for root"; expect in_root skipole --version
echo "   $(in_root skipole --version) on $(in_root python3 --version) ($SUITE)"
echo "   gpiozero $(in_root runuser -u skipole -- python3 -c 'import importlib.metadata as m; print(m.version("gpiozero"))') and waitress $(in_root python3 -c 'import importlib.metadata as m; print(m.version("waitress"))') seen by the service user"
[ $status = 0 ] || fail "installed layout"
step_end

serve() {  # serve MODE: the unit's command as its user, checks inside a private network namespace
    unshare --mount --net --propagation private -- "$SELF" __serve "$ROOT" "$WORK/serve-$1.log" "$1" ||
        { echo "--- service log:"; cat "$WORK/serve-$1.log"; fail "serving ($1)"; }
    echo "--- service log:"; sed 's/^/   /' "$WORK/serve-$1.log"
}

step_start "first run: serve as the service user, no password yet"
serve first
WHAT="first start copied the project to /var/lib/skipole/pi02 (data/ and state/, the service user's)"
status=0
expect test -f "$ROOT/var/lib/skipole/pi02/data/project.json" -a -d "$ROOT/var/lib/skipole/pi02/state"
WHAT="everything under /var/lib/skipole belongs to skipole"; expect test -z "$(in_root find /var/lib/skipole ! -user skipole)"
[ $status = 0 ] || fail "first run"
step_end

step_start "sudo skipole passwd / check, admin edit, edited conffile"
printf '%s\n' "$PASSWORD" | in_root skipole passwd || fail "skipole passwd"
in_root skipole check || fail "skipole check"
status=0
WHAT="files written by root keep the service user's ownership"; expect test -z "$(in_root find /var/lib/skipole ! -user skipole)"
# an admin edit, as skiadmin would make it (as the service user), and an edited conffile
in_root runuser -u skipole -- python3 -c '
import json; p = "/var/lib/skipole/pi02/data/project.json"
d = json.load(open(p)); d["brief"] = "edited by the owner before the upgrade"; json.dump(d, open(p, "w"))'
sed -i 's/^threads = .*/threads = 6/' "$ROOT/etc/skipole/skipole.toml"
[ $status = 0 ] || fail "passwd/check"
step_end

step_start "upgrade to $VERSION+ci.upgrade with data in place"
mkdir -p "$WORK/repack"
dpkg-deb -R "$DEB" "$WORK/repack/pkg"
sed -i "s/^Version: .*/Version: $VERSION+ci.upgrade/" "$WORK/repack/pkg/DEBIAN/control"
dpkg-deb --root-owner-group -b "$WORK/repack/pkg" "$ROOT/tmp/skipole-upgrade.deb" >/dev/null
in_root apt-get install -y -q --no-install-recommends /tmp/skipole-upgrade.deb < /dev/null > "$WORK/upgrade.log" 2>&1 ||
    { tail -30 "$WORK/upgrade.log"; fail "upgrade"; }
status=0
WHAT="upgraded to $(in_root dpkg-query -W -f '${Version}' skipole)"; expect true
WHAT="the admin edit survived the upgrade"; expect grep -q 'edited by the owner before the upgrade' "$ROOT/var/lib/skipole/pi02/data/project.json"
WHAT="the edited conffile survived the upgrade (no prompt)"; expect grep -qx 'threads = 6' "$ROOT/etc/skipole/skipole.toml"
WHAT="the password survived the upgrade"; expect test -s "$ROOT/var/lib/skipole/pi02/state/users.json"
[ $status = 0 ] || fail "upgrade"
step_end

step_start "serve after the upgrade: log in"
serve login
step_end

step_start "skipole reset pi02 (keeps a backup)"
in_root skipole reset pi02 || fail "skipole reset"
status=0
WHAT="reset data is the shipped version"; expect test -z "$(grep -l 'edited by the owner' "$ROOT/var/lib/skipole/pi02/data/project.json")"
WHAT="the edited data is in the backup"; expect grep -rq 'edited by the owner' "$ROOT/var/lib/skipole/pi02/backups"
WHAT="the password survived the reset"; expect test -s "$ROOT/var/lib/skipole/pi02/state/users.json"
WHAT="everything under /var/lib/skipole still belongs to skipole"; expect test -z "$(in_root find /var/lib/skipole ! -user skipole)"
[ $status = 0 ] || fail "reset"
step_end

step_start "apt-get remove: data, config and user stay"
in_root apt-get remove -y -q skipole > "$WORK/remove.log" 2>&1 || { tail -20 "$WORK/remove.log"; fail "remove"; }
status=0
WHAT="/var/lib/skipole kept"; expect test -f "$ROOT/var/lib/skipole/pi02/state/users.json"
WHAT="/etc/skipole/skipole.toml kept"; expect test -f "$ROOT/etc/skipole/skipole.toml"
WHAT="user skipole kept"; expect in_root id skipole
WHAT="/usr/share/skipole and /usr/bin/skipole gone (bytecode cleaned by py3clean)"; expect test ! -e "$ROOT/usr/share/skipole" -a ! -e "$ROOT/usr/bin/skipole"
[ $status = 0 ] || fail "remove"
step_end

step_start "apt-get purge: nothing left behind"
in_root apt-get purge -y -q skipole > "$WORK/purge.log" 2>&1 || { tail -20 "$WORK/purge.log"; fail "purge"; }
snapshot "$WORK/after.txt"
python3 - "$WORK/before.txt" "$WORK/after.txt" > "$WORK/leftover.txt" <<'EOF'
import sys
before, after = (set(open(f).read().split("\n")) - {""} for f in sys.argv[1:3])
# shadow's backup copies of the account files, made when the user was added: not ours
ignore = {"/etc/passwd-", "/etc/group-", "/etc/shadow-", "/etc/gshadow-"}
for path in sorted(after - before - ignore):
    print(path)
EOF
status=0
WHAT="no file or directory left behind (compared with the chroot before install)"; expect test ! -s "$WORK/leftover.txt"
[ -s "$WORK/leftover.txt" ] && sed 's/^/   left: /' "$WORK/leftover.txt"
WHAT="user and group skipole removed"; expect test -z "$(grep -h '^skipole:' "$ROOT"/etc/passwd "$ROOT"/etc/group "$ROOT"/etc/shadow "$ROOT"/etc/gshadow)"
echo "   the gpio group stays (a system group other software uses): $(grep '^gpio:' "$ROOT/etc/group" || echo none)"
[ $status = 0 ] || fail "purge"
step_end

# -- 4. under systemd: the unit itself, sandbox and all, in a booted container --------------------
systemd_skip_reason() {
    command -v systemd-nspawn >/dev/null || { echo "systemd-nspawn is missing (apt-get install systemd-container)"; return; }
    if [ "$SUITE" != bookworm ] && [ "$(stat -fc %T /sys/fs/cgroup)" != cgroup2fs ]; then
        echo "this host has cgroup v1 (hybrid); $SUITE's systemd needs the unified cgroup v2 hierarchy"
    fi
}
reason=$([ "$SYSTEMD" = no ] && echo "--no-systemd" || systemd_skip_reason)
if [ -n "$reason" ]; then
    log "skipped: the unit under systemd ($reason)"
else
    step_start "under systemd: boot a $SUITE container (systemd-nspawn) with the package"
    SDROOT="$WORK/sdroot"
    unpack "$SDROOT"
    cp "$DEB" "$SDROOT/var/tmp/skipole.deb"
    cp "$ROOT/tmp/skipole-upgrade.deb" "$SDROOT/var/tmp/skipole-upgrade.deb"
    { in_sdroot apt-get update -q && in_sdroot apt-get install -y -q --no-install-recommends \
        systemd systemd-sysv dbus curl /var/tmp/skipole.deb; } > "$WORK/sd-install.log" 2>&1 ||
        { tail -20 "$WORK/sd-install.log"; fail "installing systemd and skipole in the container"; }
    machine="skipole-ci-$$"
    systemd-nspawn -D "$SDROOT" --boot --register=no --keep-unit --private-network \
        --console=read-only -M "$machine" > "$WORK/sd-boot.log" 2>&1 &
    nspawn=$!
    stop_container() { kill "$nspawn" 2>/dev/null && wait "$nspawn" 2>/dev/null || true; }
    trap 'stop_container; cleanup' EXIT
    init=""
    for _ in $(seq 1 100); do
        init=$(pgrep -P "$nspawn" | head -1 || true)
        [ -n "$init" ] && nsenter -t "$init" -a systemctl is-active -q multi-user.target 2>/dev/null && break
        sleep 0.3
    done
    inside() { nsenter -t "$init" -a "$@"; }
    inside systemctl is-active -q multi-user.target || { tail -20 "$WORK/sd-boot.log"; fail "the container did not boot"; }
    answers() {  # answers: wait for the home page, print how long it took
        local t0; t0=$(now_ms)
        for _ in $(seq 1 100); do
            [ "$(inside curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8000/)" = 200 ] &&
                { echo "$(seconds_since "$t0")"; return 0; }
            sleep 0.1
        done
        return 1
    }
    status=0
    WHAT="skipole.service enabled and started by the package"; expect inside systemctl is-active -q skipole
    WHAT="the home page answers on :8000 (after $(answers || echo never) s)"; expect answers
    WHAT="the journal says how to set the first password"; expect sh -c "nsenter -t $init -a journalctl -u skipole --no-pager | grep -q 'sudo skipole passwd'"
    pid=$(inside systemctl show -p MainPID --value skipole)
    gpio_gid=$(inside getent group gpio | cut -d: -f3)
    WHAT="the service runs as skipole with group gpio"; expect sh -c "test \"\$(nsenter -t $init -a stat -c %U /proc/$pid)\" = skipole && nsenter -t $init -a grep -Eq '^Groups:.*\\b$gpio_gid\\b' /proc/$pid/status"
    WHAT="no capabilities, no new privileges, a seccomp filter"; expect sh -c "nsenter -t $init -a grep -q '^CapEff:.0000000000000000' /proc/$pid/status && nsenter -t $init -a grep -q '^NoNewPrivs:.1' /proc/$pid/status && nsenter -t $init -a grep -q '^Seccomp:.2' /proc/$pid/status"
    WHAT="/usr is read-only, /var/lib/skipole writable, in the service's namespace"; expect sh -c "! nsenter -t $init -a nsenter -t $pid -m touch /usr/.skipole-ci 2>/dev/null && nsenter -t $init -a nsenter -t $pid -m sh -c 'touch /var/lib/skipole/.ci && rm /var/lib/skipole/.ci'"
    printf '%s\n' "$PASSWORD" | inside skipole passwd >/dev/null
    WHAT="systemctl stop: clean (SIGINT), the unit is inactive, not failed"; expect sh -c "nsenter -t $init -a systemctl stop skipole && test \"\$(nsenter -t $init -a systemctl show -p Result --value skipole)\" = success"
    inside systemctl start skipole
    answers >/dev/null || true
    pid=$(inside systemctl show -p MainPID --value skipole)
    t0=$(now_ms)
    inside env DEBIAN_FRONTEND=noninteractive dpkg -i /var/tmp/skipole-upgrade.deb > "$WORK/sd-upgrade.log" 2>&1 || { cat "$WORK/sd-upgrade.log"; fail "upgrade under systemd"; }
    upgrade_s=$(seconds_since "$t0")
    WHAT="upgrade restarted the service (dpkg -i took $upgrade_s s; answering again after $(answers || echo never) s more)"
    expect test "$(inside systemctl show -p MainPID --value skipole)" != "$pid"
    WHAT="the password survived the upgrade"; expect test -s "$SDROOT/var/lib/skipole/pi02/state/users.json"
    inside env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q skipole > "$WORK/sd-purge.log" 2>&1 || { tail -20 "$WORK/sd-purge.log"; fail "purge under systemd"; }
    WHAT="purge stopped the service and removed its data, config and user"; expect sh -c "! nsenter -t $init -a systemctl is-active -q skipole && test ! -e $SDROOT/var/lib/skipole -a ! -e $SDROOT/etc/skipole && ! nsenter -t $init -a getent passwd skipole"
    echo "--- the service's journal:"
    inside journalctl -u skipole --no-pager -o cat | sed 's/^/   /' | tail -20
    stop_container
    trap cleanup EXIT
    [ $status = 0 ] || fail "the unit under systemd"
    step_end
fi

log "PASS: skipole $VERSION on $SUITE"
printf '%s\n' "${TIMINGS[@]}"
printf '%-60s %6s s\n' "total" "$(seconds_since "$T_ALL")"
