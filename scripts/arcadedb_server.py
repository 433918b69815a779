"""An ArcadeDB server with its Bolt plugin, in a child process the caller controls.

ArcadeDB embedded runs inside a JVM through JPype, so the tests and ``bench/on_server.py`` run it
in a child Python process: that keeps the JVM out of the test process and lets a test
SIGKILL the server in the middle of a write. :class:`BoltServer` is the parent's handle;
run as a script this file is the child:

    python scripts/arcadedb_server.py ROOT BOLT_PORT HTTP_PORT PASSWORD [DATABASE]

which prints ``READY`` once the database accepts Bolt connections and stops when its stdin
closes. Restarted on the same ROOT it reopens the database (recovering it after a kill).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

PASSWORD = "actiongraph-test"
DATABASE = "plans"
USER = "root"
_SCRIPT = str(Path(__file__).resolve())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class BoltServer:
    """An ArcadeDB server under ``root`` on free loopback ports: :meth:`start`,
    :meth:`stop`, :meth:`kill` (SIGKILL, no shutdown), and :meth:`start` again."""

    def __init__(self, root: Path, *, database: str = DATABASE, password: str = PASSWORD):
        self.root = root.resolve()
        self.database = database
        self.password = password
        self.user = USER
        self.bolt_port = free_port()
        self.http_port = free_port()
        self.process: subprocess.Popen[str] | None = None

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    def start(self, timeout: float = 120) -> None:
        log = open(self.root / "server.log", "a")  # noqa: SIM115 -- lives with the process
        ports = [str(self.bolt_port), str(self.http_port)]
        self.process = subprocess.Popen(
            [sys.executable, _SCRIPT, str(self.root), *ports, self.password, self.database],
            cwd=self.root,  # the JVM writes its log/ folder into the working directory
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
        log.close()
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        line = self.process.stdout.readline()
        if line.strip() != "READY" or time.monotonic() > deadline:
            self.kill()
            raise RuntimeError(f"ArcadeDB did not start; see {self.root / 'server.log'}")

    def stop(self) -> None:
        """Shut down cleanly (close the child's stdin), killing it if it hangs."""
        if self.process is None:
            return
        assert self.process.stdin is not None
        self.process.stdin.close()
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.kill()
        self._close()

    def kill(self) -> None:
        """SIGKILL: the server gets no chance to finish or flush anything."""
        if self.process is None:
            return
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self._close()

    def _close(self) -> None:
        assert self.process is not None
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None and not stream.closed:
                stream.close()
        self.process = None


def main(argv: list[str]) -> None:
    import arcadedb_embedded as arcadedb

    root, bolt_port, http_port, password = argv[:4]
    database = argv[4] if len(argv) > 4 else DATABASE
    server = arcadedb.create_server(
        root_path=root,
        root_password=password,
        config={
            "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "bolt_port": int(bolt_port),
            "http_port": int(http_port),
            "host": "127.0.0.1",
        },
    )
    server.start()
    if not (Path(root) / "databases" / database).exists():
        server.create_database(database)
    print("READY", flush=True)
    sys.stdin.read()  # until the parent closes our stdin
    server.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
