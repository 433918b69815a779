"""A push is all or nothing, even when the server is killed in the middle of it.

A second ArcadeDB server runs in a child process; the push of a new version is interrupted
by SIGKILL after some of its batches have reached the server inside the open transaction.
After a restart the database holds the previous version, intact, and pushing the new version
then succeeds."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from bolt import BoltServer, settings_of, synthetic_plan

from graphmodel.stores.bolt import Neo4jStore
from graphmodel.stores.settings import StoreError


class KillingStore(Neo4jStore):
    """A store whose server is SIGKILLed once ``after`` write batches have been sent."""

    def __init__(self, *args: Any, server: Any, after: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.server, self.after, self.sent = server, after, 0

    def _write(self, tx: Any, query: str, rows: Sequence[Any]) -> int:
        for start in range(0, len(rows), self.batch_size):
            if self.sent == self.after:
                self.server.kill()
            tx.run(query, rows=list(rows[start : start + self.batch_size])).consume()
            self.sent += 1
        return len(rows)


@pytest.mark.timeout(600)
def test_a_push_killed_midway_leaves_the_previous_version_intact(tmp_path: Path) -> None:
    server = BoltServer(tmp_path)
    server.start()
    try:
        old = synthetic_plan(150, version=0)
        new = synthetic_plan(200, version=1)  # every action changed, 50 more
        with Neo4jStore(settings_of(server)) as store:
            store.push(old)

        store = KillingStore(settings_of(server), batch_size=20, server=server, after=8)
        with pytest.raises(StoreError):
            store.push(new)
        store.close()
        assert store.sent == 8  # the kill came in the middle of the writes, not after them

        server.start()
        with Neo4jStore(settings_of(server)) as store:
            assert store.pull(old.id) == old
            assert [p.id for p in store.plans()] == [old.id]
            store.push(new)
            assert store.pull(new.id) == new
    finally:
        server.stop()
