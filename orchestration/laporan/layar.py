"""The HTML reports in a real browser: headless Chromium (Debian's /usr/bin/chromium) at A4 width (794 CSS px).

`python -m orchestration.laporan.layar LAPORAN.html ... [--png FOLDER]` prints, per report, the page's
scroll width against the window and any element that sticks out to the right, and with --png writes a
screenshot of the top of each report; exit 1 on any horizontal overflow. `make laporan-layar` runs it on
the reports of the latest triwulan.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

A4_PX = 794  # 210 mm at 96 CSS px per inch
A4_TINGGI_PX = 1123
CHROMIUM = os.environ.get("MONEV_CHROMIUM", "/usr/bin/chromium")

# Run after layout: the document's width against the window, and the elements whose right edge passes it.
UKUR = """<script>
window.addEventListener('load', () => {
  const lebar = document.documentElement.clientWidth;
  const lewat = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > lebar + 1) lewat.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
  }
  const hasil = {scrollWidth: document.documentElement.scrollWidth, clientWidth: lebar, lewat: lewat.slice(0, 20)};
  const pre = document.createElement('pre'); pre.id = 'hasil-ukur'; pre.textContent = JSON.stringify(hasil);
  document.body.appendChild(pre);
});
</script>"""


def _chromium(args: list[str], timeout: int = 120) -> subprocess.CompletedProcess:
    profile = tempfile.mkdtemp(prefix="monev-chromium-")
    try:
        return subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                f"--window-size={A4_PX},{A4_TINGGI_PX}",
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def ukur(html: Path) -> dict:
    """Lay the report out in Chromium at A4 width; {scrollWidth, clientWidth, lewat: [elements past the edge]}."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / html.name
        copy.write_text(html.read_text(encoding="utf-8").replace("</body>", UKUR + "</body>"), encoding="utf-8")
        run = _chromium(["--virtual-time-budget=5000", "--dump-dom", copy.as_uri()])
    found = re.search(r'<pre id="hasil-ukur">(.*?)</pre>', run.stdout, re.S)
    if not found:
        raise RuntimeError(f"Chromium tidak mengukur {html}: {run.returncode} {run.stderr[-1000:]}")
    import html as html_module

    return json.loads(html_module.unescape(found.group(1)))


def potret(html: Path, png: Path) -> Path:
    """A screenshot of the top of the report at A4 width (one A4 page tall)."""
    png.parent.mkdir(parents=True, exist_ok=True)
    run = _chromium([f"--screenshot={png}", html.resolve().as_uri()])
    if not png.exists():
        raise RuntimeError(f"Chromium tidak memotret {html}: {run.returncode} {run.stderr[-1000:]}")
    return png


def main(argv: list[str]) -> int:
    png_folder = None
    if "--png" in argv:
        i = argv.index("--png")
        png_folder = Path(argv[i + 1])
        argv = argv[:i] + argv[i + 2 :]
    if not argv:  # the reports of the latest triwulan under $MONEV_HOME/laporan
        from orchestration.settings import paths

        folders = sorted((paths().home / "laporan").glob("*/tw*"), key=lambda f: (int(f.parent.name), int(f.name[2:])))
        if not folders:
            print("belum ada laporan: jalankan `monev laporan` dulu", file=sys.stderr)
            return 1
        argv = [str(f) for f in sorted(folders[-1].glob("*.html"))]
    gagal = 0
    for arg in argv:
        html = Path(arg)
        hasil = ukur(html)
        ok = hasil["scrollWidth"] <= hasil["clientWidth"] and not hasil["lewat"]
        gagal += not ok
        print(f"{'OK ' if ok else 'LEWAT'} {html.name}: lebar {hasil['scrollWidth']} / {hasil['clientWidth']} px")
        for item in hasil["lewat"]:
            print(f"    {item}")
        if png_folder:
            print(f"    {potret(html, png_folder / (html.name.removesuffix('.html') + '.png'))}")
    return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
