"""Where the PostgreSQL server is and which roles serve the marts; passwords never in the repository.

``MONEV_POSTGRES_URL`` is the loader's connection (``postgresql://monev_pemuat@host:5432/monev``); its password
comes from the URL, ``PGPASSWORD`` or, better, the loader's ``~/.pgpass`` (libpq reads both). Unset: only
DuckDB is published, nothing else changes.
"""

from __future__ import annotations

import os
import re

URL_ENV = "MONEV_POSTGRES_URL"
ADMIN_URL_ENV = "MONEV_POSTGRES_ADMIN_URL"  # only for `monev postgres siapkan` (a role with CREATEROLE)
ANALYST_ENV = "MONEV_POSTGRES_ANALIS"
LOADER_PASSWORD_ENV = "MONEV_POSTGRES_SANDI_PEMUAT"
ANALYST_PASSWORD_ENV = "MONEV_POSTGRES_SANDI_ANALIS"

DEFAULT_LOADER = "monev_pemuat"
DEFAULT_ANALYST = "monev_analis"

SCHEMA = "marts"  # what analysts read
PREVIOUS_SCHEMA = "marts_sebelumnya"  # the marts published before, like monev.previous.duckdb
NEW_PREFIX = "monev_baru_"  # a schema being loaded; left over only by a killed publish

CONNECT_TIMEOUT_S = 10
# The swap waits this long for a transaction still reading the old marts, this many times, then gives up.
# (New readers queue behind the waiting swap, so each wait is short.)
LOCK_WAIT_S = 5
LOCK_TRIES = 12

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def url() -> str | None:
    value = os.environ.get(URL_ENV, "").strip()
    return value or None


def admin_url() -> str | None:
    value = os.environ.get(ADMIN_URL_ENV, "").strip()
    return value or None


def analyst_role() -> str:
    return role_name(os.environ.get(ANALYST_ENV, "").strip() or DEFAULT_ANALYST)


def role_name(name: str) -> str:
    """A role name we can write unquoted: lower-case letters, digits and '_'."""
    if not _IDENTIFIER.match(name):
        raise ValueError(f"nama peran PostgreSQL {name!r} tidak sah: pakai huruf kecil, angka dan '_' (maks. 63)")
    return name


def new_schema(run_id: str) -> str:
    """monev_baru_<run>: the run id's hex digits (a Dagster run id is a UUID)."""
    digits = re.sub(r"[^0-9a-f]", "", run_id.lower())[:40] or "x"
    return NEW_PREFIX + digits


_URL_PASSWORD = re.compile(r"(postgres(?:ql)?://[^:/@\s]*:)\S*@", re.I)  # up to the last @ of the URL
_KV_PASSWORD = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.I)


def mask(text: str) -> str:
    """Every password in a URL or a key=value connection string replaced by ***."""
    return _KV_PASSWORD.sub(r"\1***", _URL_PASSWORD.sub(r"\1***@", text))
