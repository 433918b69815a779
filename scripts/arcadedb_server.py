"""Run an ArcadeDB server with its Bolt plugin until stdin closes or the process is killed.

The tests and ``bench/neo4j.py`` start it as a child process (the embedded server runs inside
a JVM through JPype, so a child process is the only way to SIGKILL it mid-write):

    python scripts/arcadedb_server.py ROOT BOLT_PORT HTTP_PORT PASSWORD [DATABASE]

It prints ``READY`` on stdout once the database accepts Bolt connections. Restarted on the
same ROOT it opens the existing database (recovering it from its journal after a kill).
"""

from __future__ import annotations

import sys


def main(argv: list[str]) -> None:
    import arcadedb_embedded as arcadedb

    root, bolt_port, http_port, password = argv[:4]
    database = argv[4] if len(argv) > 4 else "plans"
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
    try:
        server.get_database(database)
    except Exception:
        server.create_database(database)
    print("READY", flush=True)
    sys.stdin.read()  # until the parent closes our stdin
    server.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
