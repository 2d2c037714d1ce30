"""The Dagster instance's storage: Dagster's own SQLite storage (the same files under $MONEV_HOME/dagster), with
one database engine per SQLite file kept for the life of the process.

Dagster's SQLite event log opens a new SQLAlchemy engine, connects, commits and disposes of the engine for every
event it stores, twice for an asset event (the run's file and the cross-run index). A kabupaten refresh stores
about 340 events, and this open-and-close cost about 2 s of its CPU (issue 9). Here each file keeps its
engine, with one connection, reused under the storage's own lock; the last ``KEEP_ENGINES`` files used keep
theirs (the webserver reads many runs' files). Writes still commit one event at a time, so what other processes
(the daemon, the webserver) read is unchanged.

The connection of a file in WAL mode (Dagster creates its event log files so) commits with ``synchronous=normal``:
SQLite then syncs the log to disk at checkpoints rather than at every commit (1,5 s of a kabupaten refresh's
2,6 s storing events). The file cannot be damaged by a crash; a power cut may lose the last events of a run's
history. What a refresh publishes does not depend on it: the warehouse is synced by the publish itself.

The template dagster.yaml names this class (``storage: custom``). It overrides ``_connect``, a private method
of Dagster's SQLite event log (Dagster 1.13): the tests in tests/test_layanan.py fail if an upgrade changes it."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as db
from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage
from dagster._core.storage.sql import create_engine
from dagster._core.storage.sqlite_storage import DagsterSqliteStorage, _event_logs_directory
from sqlalchemy.pool import StaticPool

KEEP_ENGINES = 16
BUSY_TIMEOUT_SECONDS = 30  # as long as Dagster's own SQLite storage waits for another process's lock


class MonevSqliteStorage(DagsterSqliteStorage):
    """Dagster's SQLite storage (runs, event logs, schedules under ``base_dir``) whose event log keeps its
    engines (``EventLogKeepingEngines``)."""

    def __init__(self, base_dir: str, inst_data=None):
        super().__init__(base_dir, inst_data=inst_data)
        self._event_log_storage = EventLogKeepingEngines(_event_logs_directory(base_dir))

    @classmethod
    def from_config_value(cls, inst_data, config_value) -> MonevSqliteStorage:
        return cls.from_local(inst_data=inst_data, **config_value)


class EventLogKeepingEngines(SqliteEventLogStorage):
    """SqliteEventLogStorage whose connections come from one kept engine per SQLite file."""

    def __init__(self, base_dir: str, inst_data=None):
        self._engines: OrderedDict[str, db.engine.Engine] = OrderedDict()  # before Dagster's set-up uses it
        super().__init__(base_dir, inst_data=inst_data)

    @contextmanager
    def _connect(self, shard: str) -> Iterator[db.engine.Connection]:
        with self._db_lock:
            engine = self._engines.get(shard)
            if engine is None:
                engine = create_engine(
                    self.conn_string_for_shard(shard),
                    poolclass=StaticPool,  # one connection, used by one thread at a time (under _db_lock)
                    connect_args={"timeout": BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
                )
                if shard not in self._initialized_dbs:
                    self._initdb(engine)
                    self._initialized_dbs.add(shard)
                with engine.connect() as conn:  # the engine's one connection, from now on
                    if conn.exec_driver_sql("pragma journal_mode").scalar() == "wal":
                        conn.exec_driver_sql("pragma synchronous=normal")
                self._engines[shard] = engine
                while len(self._engines) > KEEP_ENGINES:
                    self._engines.popitem(last=False)[1].dispose()
            else:
                self._engines.move_to_end(shard)
            with engine.connect() as conn, conn.begin():
                yield conn

    def _dispose_engines(self) -> None:
        with self._db_lock:
            while self._engines:
                self._engines.popitem()[1].dispose()

    def wipe(self) -> None:
        self._dispose_engines()  # the files are removed: no connection may outlive them
        super().wipe()

    def upgrade(self) -> None:
        self._dispose_engines()
        super().upgrade()

    def dispose(self) -> None:
        self._dispose_engines()
        super().dispose()
