"""The portal's check time, for the benchmark: seconds from an upload's POST to its findings page (the redirect
followed), over real HTTP against the portal served by uvicorn in a thread, as an office's browser sees it.

A measuring account is made for the kecamatan of the file (disabled afterwards) and every upload is cancelled,
so nothing reaches the inbox."""

from __future__ import annotations

import re
import secrets
import socket
import threading
import time
from pathlib import Path

from orchestration.domain.submission import parse_file_name
from orchestration.portal import akun, server

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def waktu_periksa(home: Path, seeds: Path, berkas: Path, kali: int = 3) -> list[float]:
    """``kali`` measures of one file (named like a submission, e.g. realisasi_73.24.10_2024_tw1.csv); the first
    includes the portal process's first check."""
    import httpx

    meta = parse_file_name(berkas.name)
    if meta is None:
        raise ValueError(f"{berkas.name}: not a submission name")
    nama, sandi = f"ukur-{secrets.token_hex(3)}", secrets.token_urlsafe(24)
    akun.buat(home, nama, "kecamatan", meta["kode_wilayah"], sandi, seeds)
    port = _free_port()
    uvicorn_server = server("127.0.0.1", port, home)
    thread = threading.Thread(target=uvicorn_server.run, daemon=True)
    thread.start()
    try:
        while not uvicorn_server.started:
            time.sleep(0.05)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", follow_redirects=True, timeout=300) as client:

            def token(path: str) -> str:
                return _CSRF.search(client.get(path).text)[1]

            client.post("/masuk", data={"csrf": token("/masuk"), "nama": nama, "sandi": sandi})
            fields = {"jenis": meta["jenis"], "tahun": str(meta["tahun"]), "triwulan": str(meta["triwulan"] or "")}
            times = []
            for _ in range(kali):
                csrf = token("/kirim")
                content = berkas.read_bytes()
                start = time.perf_counter()
                page = client.post("/kirim", data={"csrf": csrf, **fields}, files={"berkas": ("f", content)})
                times.append(time.perf_counter() - start)
                if "Hasil pemeriksaan" not in page.text:
                    raise RuntimeError(f"the portal did not check {berkas.name}: HTTP {page.status_code}")
                client.post(str(page.url) + "/batal", data={"csrf": _CSRF.search(page.text)[1]})
        return times
    finally:
        uvicorn_server.should_exit = True
        thread.join(timeout=30)
        akun.nonaktifkan(home, nama)
