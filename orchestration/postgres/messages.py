"""What went wrong with PostgreSQL, in one line of Bahasa Indonesia; every password masked.

One place for every message of the PostgreSQL serving target: the refresh summary, the refresh report
(``reports/latest.json``, key ``postgres``) and ``monev postgres`` all print these.
"""

from __future__ import annotations

from orchestration.postgres.settings import ADMIN_URL_ENV, URL_ENV, mask

DUCKDB_KEPT = "gudang DuckDB tetap terbit; marts PostgreSQL yang lama tetap dilayani"
NOT_CONFIGURED = f"{URL_ENV} tidak diatur: hanya gudang DuckDB yang diterbitkan"


class PostgresError(RuntimeError):
    """A failure of the PostgreSQL side, already told in Indonesian (str(exc) is the message)."""


class VerificationError(PostgresError):
    """What PostgreSQL received differs from the DuckDB marts: the new schema is not swapped in."""


def target(url: str) -> str:
    """user@host:port/dbname of a connection string, without its password; the URL masked when unparsable."""
    import psycopg  # here, not at import: a refresh without PostgreSQL never loads it (~0,3 s)

    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return mask(url)
    host = info.get("host") or info.get("hostaddr") or "localhost"
    where = f"{host}:{info.get('port') or 5432}/{info.get('dbname') or info.get('user') or '?'}"
    return f"{info['user']}@{where}" if info.get("user") else where


def invalid_url(url: str, env: str = URL_ENV) -> str | None:
    """Why a connection string cannot be used, or None."""
    import psycopg

    try:
        psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        return (
            f"{env} tidak sah ({mask(url)}): {mask(first)}; "
            "contoh yang benar: postgresql://monev_pemuat@server:5432/monev"
        )
    return None


def explain(exc: BaseException, url: str, env: str = URL_ENV) -> str:
    """One Indonesian line for an error of a connection to ``url`` (wrong URL, password, server down, ...)."""
    import psycopg
    from psycopg import errors

    where = target(url)
    text = str(exc)
    lower = text.lower()
    if isinstance(exc, PostgresError):
        return mask(text)
    if isinstance(exc, psycopg.ProgrammingError) and ("conninfo" in lower or "invalid" in lower or "uri" in lower):
        return invalid_url(url, env) or f"{env} tidak sah ({mask(url)})"
    if isinstance(exc, psycopg.OperationalError):
        if "connection option" in lower or "invalid uri" in lower or "invalid connection" in lower:
            return f"{env} tidak sah ({mask(url)}): {_first_line(text.split(':', 1)[-1])}"
        if "password authentication failed" in lower or "no password supplied" in lower:
            return f"PostgreSQL menolak sandi pengguna di {where}; periksa sandi di {env}, PGPASSWORD atau ~/.pgpass"
        if "does not exist" in lower and "database" in lower:
            return f"basis data pada {where} tidak ada di server PostgreSQL; periksa nama basis data di {env}"
        if "role" in lower and "does not exist" in lower:
            return f"pengguna pada {where} tidak ada di server PostgreSQL; jalankan `monev postgres siapkan` dahulu"
        if "timeout" in lower or "timed out" in lower:
            return f"server PostgreSQL {where} tidak menjawab (batas waktu habis); periksa jaringan dan firewall"
        if "could not translate host name" in lower or "name or service not known" in lower:
            return f"nama server PostgreSQL pada {where} tidak dikenal; periksa host di {env}"
        if "connection refused" in lower or "no such file or directory" in lower or "connection failed" in lower:
            return f"server PostgreSQL {where} tidak dapat dihubungi (mati, atau host/port salah); periksa {env}"
        if "no pg_hba.conf entry" in lower:
            return f"server PostgreSQL {where} tidak mengizinkan koneksi dari mesin ini (pg_hba.conf)"
    if isinstance(exc, errors.InsufficientPrivilege):
        return (
            f"pengguna pada {where} tidak punya hak yang diperlukan ({_first_line(text)}); "
            f"jalankan `monev postgres siapkan` dengan {ADMIN_URL_ENV}"
        )
    if isinstance(exc, errors.DiskFull):
        return f"disk server PostgreSQL {where} penuh; kosongkan ruang lalu terbitkan lagi"
    if isinstance(exc, errors.LockNotAvailable | errors.QueryCanceled | errors.DeadlockDetected):
        return (
            f"marts di {where} masih dibaca oleh transaksi yang lama terbuka; pertukaran dibatalkan, "
            "coba lagi nanti (`monev postgres terbitkan`)"
        )
    if isinstance(exc, psycopg.Error):
        return f"galat PostgreSQL di {where}: {_first_line(text)}"
    return f"galat saat menerbitkan ke PostgreSQL {where}: {type(exc).__name__}: {_first_line(text)}"


def _first_line(text: str) -> str:
    return mask(text.strip().splitlines()[0] if text.strip() else "")


def failed(reason: str) -> str:
    return f"Publikasi ke PostgreSQL GAGAL: {reason}; {DUCKDB_KEPT}."


def succeeded(where: str, tables: int, seconds: float, run_id: str) -> str:
    return (
        f"Diterbitkan juga ke PostgreSQL {where}: {tables} tabel di skema marts (run {run_id[:8]}, "
        f"{str(round(seconds, 1)).replace('.', ',')} detik); yang sebelumnya disimpan di marts_sebelumnya."
    )
