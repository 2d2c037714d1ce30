"""Notices that reach someone: a failed run, a quarantined file version, an inbox entry refused or skipped, a
failed PostgreSQL publish.

Each notice is written to the outbox ``$MONEV_HOME/pemberitahuan/`` as two files with one name,
``<UTC time>-<jenis>-<run>``: a ``.txt`` an office or an operator reads (Bahasa Indonesia, times in WITA) and a
``.json`` with the same text, the details and what became of its e-mail. With ``MONEV_SMTP_HOST`` set it is
also mailed (stdlib smtplib; ``MONEV_SMTP_PORT``, ``MONEV_SMTP_FROM``, ``MONEV_SMTP_TO`` (comma-separated),
optional ``MONEV_SMTP_USER``/``MONEV_SMTP_PASSWORD`` and ``MONEV_SMTP_STARTTLS=1``). A mail that cannot be sent
is recorded in the notice's JSON (``surel.status = "gagal"``) and never fails the run; `monev status` counts
those. One notice per run and kind: writing it twice (the refresh command and the daemon's sensor both see a
run) writes it once. A quarantined version is told once, in the first notice after it was quarantined.
"""

from __future__ import annotations

import json
import os
import smtplib
import ssl
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from orchestration.domain.waktu import waktu_wita
from orchestration.settings import Paths

FOLDER = "pemberitahuan"
TOLD_QUARANTINED = ".karantina_diberitahukan"  # berkas_id of every quarantined version already told
SUBJECT_PREFIX = "[Monev Kinerja]"
SMTP_TIMEOUT_SECONDS = 20
SHOWN_PER_LIST = 30  # lines per list in one notice; the rest are counted (all are in the reports named)


def outbox(paths: Paths) -> Path:
    return paths.home / FOLDER


@dataclass
class Pemberitahuan:
    jenis: str  # "run_gagal" or "penyegaran"
    judul: str  # the subject, Bahasa Indonesia
    isi: str  # the text, Bahasa Indonesia
    run_id: str | None
    dibuat_pada: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    rincian: dict = field(default_factory=dict)
    surel: dict = field(default_factory=lambda: {"status": "tidak_dikonfigurasi"})

    @property
    def nama(self) -> str:
        stamp = datetime.fromisoformat(self.dibuat_pada).strftime("%Y%m%dT%H%M%SZ")
        return f"{stamp}-{self.jenis}-{(self.run_id or 'tanpa-run')[:8]}"

    def teks(self) -> str:
        return f"{self.judul}\n{'=' * len(self.judul)}\n\n{self.isi}\n"


# ---------------------------------------------------------------------------------------------------- outbox


def existing(paths: Paths, jenis: str, run_id: str | None) -> Path | None:
    folder = outbox(paths)
    if run_id is None or not folder.is_dir():
        return None
    return next(iter(sorted(folder.glob(f"*-{jenis}-{run_id[:8]}.json"))), None)


def read_all(paths: Paths) -> list[dict]:
    """Every notice in the outbox, oldest first (a damaged file is skipped)."""
    folder = outbox(paths)
    notices = []
    for path in sorted(folder.glob("[!.]*.json")) if folder.is_dir() else []:
        try:
            notices.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    return notices


def undelivered(paths: Paths) -> list[dict]:
    """Notices whose e-mail failed."""
    return [n for n in read_all(paths) if n.get("surel", {}).get("status") == "gagal"]


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def deliver(paths: Paths, notice: Pemberitahuan) -> Path | None:
    """Write the notice to the outbox (once per run and kind) and mail it when SMTP is configured. Returns the
    JSON file written, or None when this run's notice of this kind was already written."""
    if existing(paths, notice.jenis, notice.run_id) is not None:
        return None
    folder = outbox(paths)
    folder.mkdir(parents=True, exist_ok=True)
    text_file = folder / f"{notice.nama}.txt"
    json_file = folder / f"{notice.nama}.json"
    _write_atomic(text_file, notice.teks())
    notice.rincian["berkas_teks"] = str(text_file)
    _write_atomic(json_file, _as_json(notice))  # first without the mail: a crash while sending loses nothing
    config = smtp_config()
    if config is not None:
        notice.surel = send_mail(notice, config)
        _write_atomic(json_file, _as_json(notice))
    return json_file


def _as_json(notice: Pemberitahuan) -> str:
    return json.dumps(asdict(notice), ensure_ascii=False, indent=1, default=str)


# ------------------------------------------------------------------------------------------------------ mail


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    sender: str
    recipients: tuple[str, ...]
    user: str | None
    password: str | None
    starttls: bool


def smtp_config(env: dict | None = None) -> SmtpConfig | None | str:
    """The mail settings, None when MONEV_SMTP_HOST is not set, or a message saying what is missing."""
    env = os.environ if env is None else env
    host = env.get("MONEV_SMTP_HOST", "").strip()
    if not host:
        return None
    sender = env.get("MONEV_SMTP_FROM", "").strip()
    recipients = tuple(a.strip() for a in env.get("MONEV_SMTP_TO", "").split(",") if a.strip())
    port = env.get("MONEV_SMTP_PORT", "").strip() or "25"
    if not sender or not recipients:
        return "MONEV_SMTP_HOST diatur tetapi MONEV_SMTP_FROM atau MONEV_SMTP_TO kosong"
    if not port.isdigit():
        return f"MONEV_SMTP_PORT harus angka, bukan {port!r}"
    return SmtpConfig(
        host=host,
        port=int(port),
        sender=sender,
        recipients=recipients,
        user=env.get("MONEV_SMTP_USER") or None,
        password=env.get("MONEV_SMTP_PASSWORD") or None,
        starttls=env.get("MONEV_SMTP_STARTTLS", "").strip().lower() in ("1", "ya", "true", "yes"),
    )


def message(notice: Pemberitahuan, config: SmtpConfig) -> EmailMessage:
    mail = EmailMessage()
    mail["Subject"] = notice.judul
    mail["From"] = config.sender
    mail["To"] = ", ".join(config.recipients)
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = make_msgid(domain="monev-kinerja")
    mail.set_content(notice.teks(), charset="utf-8")
    return mail


def send_mail(notice: Pemberitahuan, config: SmtpConfig | str) -> dict:
    """Send one notice; what happened, for the notice's JSON. Never raises."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    if isinstance(config, str):
        return {"status": "gagal", "pesan": config, "pada": now}
    try:
        with smtplib.SMTP(config.host, config.port, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
            if config.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if config.user:
                smtp.login(config.user, config.password or "")
            smtp.send_message(message(notice, config))
    except (OSError, smtplib.SMTPException, ssl.SSLError) as exc:
        return {"status": "gagal", "pesan": f"surel tidak terkirim ke {config.host}:{config.port}: {exc}", "pada": now}
    return {"status": "terkirim", "kepada": list(config.recipients), "pada": now}


# --------------------------------------------------------------------------------------------------- notices


def run_failed(
    paths: Paths, run_id: str, job: str, steps: list[tuple[str, str]], when: str | None = None
) -> Path | None:
    """The notice of a failed run: which steps failed and why, and where to look."""
    when = when or datetime.now(UTC).isoformat(timespec="seconds")
    lines = [
        f"Run {job} {run_id[:8]} GAGAL pada {waktu_wita(when)}.",
        "",
        "Gudang data yang dipublikasikan tetap versi sebelumnya, kecuali bila hanya penulisan laporan yang gagal",
        "(lihat `monev status`).",
    ]
    if steps:
        lines += ["", "Langkah yang gagal:"]
        for step, text in steps[:SHOWN_PER_LIST]:
            lines.append(f"  - {step}: {_short(text)}")
    lines += [
        "",
        f"Rincian: Dagster UI, halaman run {run_id}; catatan run di {paths.dagster_home}.",
        "Setelah diperbaiki, jalankan `monev refresh` atau tunggu penyegaran berikutnya.",
    ]
    notice = Pemberitahuan(
        jenis="run_gagal",
        judul=f"{SUBJECT_PREFIX} Penyegaran GAGAL (run {run_id[:8]}, {waktu_wita(when)})",
        isi="\n".join(lines),
        run_id=run_id,
        rincian={"job": job, "langkah_gagal": [{"langkah": s, "pesan": t} for s, t in steps]},
    )
    return deliver(paths, notice)


def error_text(error) -> str:
    """The root of a Dagster error (a step's error wraps the user's exception as its cause)."""
    if error is None:
        return ""
    while getattr(error, "cause", None) is not None:
        error = error.cause
    return error.message.strip()


def _short(text: str, limit: int = 600) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


PUBLISHED = "gudang data dipublikasikan."
NOT_PUBLISHED = "gudang data TIDAK dipublikasikan (tetap versi sebelumnya)."


def after_refresh(paths: Paths, run_id: str) -> Path | None:
    """The notice after a refresh: versions quarantined for the first time (with their reports), inbox entries
    refused or skipped by this run, a failed PostgreSQL publish. None when there is nothing to tell."""
    from orchestration.warehouse.archive import read_intake_note

    report = _report_of(paths, run_id)
    refused, skipped = read_intake_note(paths.build_dir(run_id))
    told = _told_quarantined(paths)
    quarantined = [q for q in quarantined_versions(report) if q["berkas_id"] not in told]
    postgres = (report or {}).get("postgres") or {}
    postgres_failed = postgres.get("status") == "gagal"
    if not (quarantined or refused or skipped or postgres_failed):
        return None
    counts = []
    if quarantined:
        counts.append(f"{len(quarantined)} berkas dikarantina")
    if refused:
        counts.append(f"{len(refused)} entri kotak masuk ditolak")
    if skipped:
        counts.append(f"{len(skipped)} catatan penerimaan")
    if postgres_failed:
        counts.append("publikasi PostgreSQL gagal")
    when = (report or {}).get("published_at") or datetime.now(UTC).isoformat(timespec="seconds")
    published = bool(report and report.get("published"))
    lines = [
        f"Penyegaran run {run_id[:8]}, {waktu_wita(when)}: " + (PUBLISHED if published else NOT_PUBLISHED),
    ]
    if quarantined:
        lines += [
            "",
            f"Berkas dikarantina (tidak dipakai; perbaiki masalahnya dan kirim ulang sebagai versi baru): "
            f"{len(quarantined)}",
        ]
        for q in quarantined[:SHOWN_PER_LIST]:
            lines.append(
                f"  - {q['nama_berkas']} (kecamatan {q['kode_wilayah'] or '?'}, tahun {q['tahun'] or '?'}): "
                f"{q['masalah']} masalah, antara lain: {_short(q['contoh'], 300)}"
            )
            report_file = paths.reports / "karantina" / f"{q['nama_berkas']}.txt"
            lines.append(
                f"    Laporan lengkap: {report_file}" if report_file.exists() else "    Laporan lengkap: `monev status`"
            )
        if len(quarantined) > SHOWN_PER_LIST:
            more = len(quarantined) - SHOWN_PER_LIST
            lines.append(f"  ... dan {more} berkas lagi (lihat {paths.reports / 'karantina'})")
    if refused:
        lines += ["", f"Entri kotak masuk ditolak (tidak dibaca; catatan di {paths.rejected / 'penolakan.jsonl'}):"]
        lines += [f"  - {r.baris_teks()}" for r in refused[:SHOWN_PER_LIST]]
    if skipped:
        lines += ["", "Catatan penerimaan (berkas dilewati kali ini atau catatan yang disisihkan):"]
        lines += [f"  - {s}" for s in skipped[:SHOWN_PER_LIST]]
    if postgres_failed:
        lines += ["", f"Publikasi ke PostgreSQL GAGAL: {_short(postgres.get('pesan') or 'tanpa keterangan')}"]
    notice = Pemberitahuan(
        jenis="penyegaran",
        judul=f"{SUBJECT_PREFIX} {', '.join(counts)} (run {run_id[:8]})",
        isi="\n".join(lines),
        run_id=run_id,
        rincian={
            "dipublikasikan": published,
            "dikarantina": quarantined,
            "ditolak": [asdict(r) for r in refused],
            "catatan_penerimaan": skipped,
            "postgres": postgres or None,
        },
    )
    written = deliver(paths, notice)
    if written is not None and quarantined:
        _remember_told(paths, told | {q["berkas_id"] for q in quarantined})
    return written


def _report_of(paths: Paths, run_id: str) -> dict | None:
    path = paths.reports / "latest.json"
    try:
        report = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return report if report.get("run_id") == run_id else None


def quarantined_versions(report: dict | None) -> list[dict]:
    """The quarantined file versions of a refresh report, one entry each, in file-name order."""
    versions: dict[str, dict] = {}
    for f in (report or {}).get("findings", []):
        if f.get("dampak") != "karantina" or f.get("tingkat") != "error" or not f.get("berkas_id"):
            continue
        entry = versions.setdefault(
            f["berkas_id"],
            {
                "berkas_id": f["berkas_id"],
                "nama_berkas": f.get("nama_berkas") or f["berkas_id"],
                "kode_wilayah": f.get("kode_wilayah"),
                "tahun": f.get("tahun"),
                "masalah": 0,
                "contoh": f.get("pesan") or "",
            },
        )
        entry["masalah"] += 1
    return sorted(versions.values(), key=lambda v: (v["nama_berkas"], v["berkas_id"]))


def _told_quarantined(paths: Paths) -> set[str]:
    try:
        return set(json.loads((outbox(paths) / TOLD_QUARANTINED).read_text()))
    except (OSError, ValueError):
        return set()


def _remember_told(paths: Paths, told: set[str]) -> None:
    _write_atomic(outbox(paths) / TOLD_QUARANTINED, json.dumps(sorted(told), indent=0))


def status_lines(paths: Paths) -> list[str]:
    """For `monev status`: where the notices are and how many were not mailed."""
    notices = read_all(paths)
    if not notices:
        return []
    latest = notices[-1]
    lines = [
        f"Pemberitahuan: {len(notices)} di {outbox(paths)}; terakhir {waktu_wita(latest['dibuat_pada'])}: "
        f"{latest['judul']}"
    ]
    failed = [n for n in notices if n.get("surel", {}).get("status") == "gagal"]
    if failed:
        lines.append(
            f"  {len(failed)} pemberitahuan BELUM TERKIRIM lewat surel (terakhir: {failed[-1]['surel'].get('pesan')}); "
            "teksnya ada di folder itu"
        )
    return lines
