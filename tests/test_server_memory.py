"""What keeps a served appliance's memory small: malloc tuning, nothing costly at import."""

import subprocess
import sys
import textwrap


def _run(code, **env):
    import os
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                         timeout=120, env={**os.environ, **env})
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def test_serving_tunes_glibc_malloc_unless_the_operator_chose():
    code = """
        from skipole.server import tune_malloc
        print(tune_malloc())
    """
    assert _run(code) == ["True"]                                   # this machine has glibc
    assert _run(code, MALLOC_MMAP_THRESHOLD_="262144") == ["False"]


def test_a_freed_scrypt_buffer_goes_back_to_the_system_once_tuned():
    code = """
        from skipole.server import tune_malloc
        from skipole.security.passwords import hash_password
        def rss():
            with open("/proc/self/status") as f:
                return next(int(l.split()[1]) for l in f if l.startswith("VmRSS"))
        tune_malloc()
        before = rss()
        for i in range(4):
            hash_password(f"password number {i}")
        print(rss() - before)
    """
    grown_kb = int(_run(code)[0])
    assert grown_kb < 4096, f"RSS grew {grown_kb} KiB after 4 password hashes (8 MiB each)"


def test_importing_the_user_store_makes_no_hash():
    code = """
        import skipole.security.users as users
        print(users._dummy_hash.cache_info().currsize)
    """
    assert _run(code) == ["0"]

