"""National-scale SAMPLE submissions for the first N kecamatan of Indonesia, without a published warehouse.

    monev generate --kecamatan 300 --tahun 2024 --out /tmp/sampel300 --seed 20240101
    python -m orchestration.sample.scale --kecamatan 300 --tahun 2024 --out /tmp/sampel300

Nothing written here was reported by any office: every row says ``[SAMPEL]`` and names this generator
and its seed, and the output folder gets a README saying so. Per kecamatan, in the submission formats
(``orchestration.domain.submission``, which reads every file written here without a problem):
``rencana_<kode_wilayah>_<tahun>.csv``, ``kinerja_<kode_wilayah>_<tahun>.csv``,
``realisasi_<kode_wilayah>_<tahun>_tw1.csv`` … ``_tw4.csv`` and ``ikm_<kode_wilayah>_<tahun>.csv``.

- **Kecamatan**: from ``seeds/referensi/wilayah_kecamatan.csv`` (all 7.285, Kemendagri codes):
  Kabupaten Luwu Timur (73.24) first, then the rest of Sulawesi Selatan (73), then the other provinces,
  each in code order.
- **Templates**: the committed SAMPLE plans and strategic targets of Luwu Timur 2024 (``seeds/sampel``),
  read once with the submission reader. Each kecamatan draws one of them.
- **Plan**: ``plan.derive_plan`` on the template: sub-kegiatan pagu = template pagu × budget factor (the
  kecamatan's desa + kelurahan against the template's, ±5 %) × 90–110 %, in whole thousands of rupiah,
  split over the triwulan as the template splits it; kegiatan and program pagu the exact sums of their
  children for the year and every triwulan. Money is integer arithmetic only.
- **Strategic targets**: the template's rows with the kecamatan's name, for the generated year.
- **Realisasi**: every sub-kegiatan spends 85–100 % of each quarterly pagu (whole thousands), so the
  cumulative spending never exceeds the annual pagu; kegiatan and program are the exact sums of their
  children; realised targets are the planned ones (kegiatan and program: percent of their children).
- **Survey**: 100–150 respondents on working days of the year, answers 1–4 weighted as in ``generate``.
- **Deterministic**: a kecamatan's files depend only on (seed, kode_wilayah, tahun), never on N: the same
  arguments give byte-identical files, and the first files of a large N equal those of a small one.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from orchestration.domain.numbers import format_number
from orchestration.domain.submission import read_submission
from orchestration.sample.generate import (
    IKM_COLUMNS,
    LAYANAN,
    REALISASI_COLUMNS,
    UNSUR_IKM,
    cap_to_pagu,
    parent_targets,
    planned_spending,
    roll_up,
    sub_targets,
)
from orchestration.sample.plan import (
    KINERJA_COLUMNS,
    PLAN_COLUMNS,
    QUARTERS,
    Basis,
    DerivedPlan,
    Kecamatan,
    Node,
    TargetKinerja,
    Teks,
    derive_plan,
    format_target,
    kinerja_rows,
    penanggung_jawab,
)
from orchestration.settings import SEEDS_DIR

GENERATOR = "orchestration.sample.scale"
DEFAULT_SEED = 20240101
WILAYAH_FILE = SEEDS_DIR / "referensi" / "wilayah_kecamatan.csv"
TEMPLATE_DIR = SEEDS_DIR / "sampel"
TEMPLATE_KABUPATEN = "73.24"  # Kabupaten Luwu Timur: first in the order, and its plans are the templates
TEMPLATE_TAHUN = 2024
SAMPEL = "[SAMPEL] "
RESPONDEN = (100, 150)
FILES_PER_KECAMATAN = 7  # rencana, kinerja, realisasi TW1-TW4, ikm
# Parallel writing: at most two processes, and only for runs where a second process pays off.
WORKERS = 2
PARALLEL_FROM = 500
CHUNK = 250

# Survey draws, precomputed: the answers as the text written, cumulative weights for random.choices.
_ANSWERS = ("1", "2", "3", "4")
_LAYANAN = tuple(LAYANAN)
_LAYANAN_CUM = tuple(accumulate(LAYANAN.values()))
_UNSUR_CUM = tuple(tuple(accumulate(weights)) for _, weights in UNSUR_IKM.values())


@dataclass(frozen=True)
class Wilayah:
    """One kecamatan of the reference file, with the kabupaten and province it belongs to."""

    kecamatan: Kecamatan
    kode_kabupaten: str
    kode_provinsi: str


@dataclass(frozen=True)
class Template:
    """A committed SAMPLE plan as the basis ``derive_plan`` scales, with the CSV text no kecamatan changes."""

    basis: Basis
    head: dict[str, str]  # kode -> its kode, uraian, indikator and satuan cells
    tail: dict[str, str]  # kode -> its agregasi_target and catatan cells


def csv_cells(*cells: str) -> str:
    """Cells as a fragment of one CSV line, quoted as the csv module quotes them."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(cells)
    return buffer.getvalue()


def rupiah(value: int) -> str:
    """``format_rupiah`` of whole rupiah (``1.378.000``), without its Decimal round trip: the hot path."""
    return f"{value:,}".replace(",", ".")


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """A whole CSV file with the csv module (for the few rows not built from precomputed cells)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_text(path: Path, text: str) -> None:
    """UTF-8, line ends exactly as given (``\\n``), as the committed samples are written."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)


# Targets, units and roles repeat across kecamatan: their text is formatted once.
_number = lru_cache(maxsize=None)(format_number)
_target = lru_cache(maxsize=None)(format_target)
_cell = lru_cache(maxsize=None)(csv_cells)


def scale_note(seed: int) -> str:
    """What every generated row says about itself."""
    return f"{SAMPEL}dibangkitkan oleh {GENERATOR}, seed {seed}"


def load_wilayah(path: Path = WILAYAH_FILE) -> list[Wilayah]:
    """Every kecamatan of Indonesia in the generator's order: Luwu Timur, the rest of its province, the rest."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [
            Wilayah(
                Kecamatan(r["kode_kecamatan"], r["nama_kecamatan"], int(r["jumlah_desa"]) + int(r["jumlah_kelurahan"])),
                r["kode_kabupaten"],
                r["kode_provinsi"],
            )
            for r in csv.DictReader(handle)
        ]
    provinsi = TEMPLATE_KABUPATEN.split(".")[0]
    return sorted(
        rows,
        key=lambda w: (w.kode_kabupaten != TEMPLATE_KABUPATEN, w.kode_provinsi != provinsi, w.kecamatan.kode_wilayah),
    )


def select_kecamatan(n: int, wilayah: list[Wilayah] | None = None) -> list[Wilayah]:
    """The first ``n`` kecamatan of the order; ValueError outside 1..all of them."""
    wilayah = load_wilayah() if wilayah is None else wilayah
    if not 1 <= n <= len(wilayah):
        raise ValueError(
            f"--kecamatan {n}: choose 1 to {len(wilayah)} (Indonesia has {len(wilayah)} kecamatan "
            f"in {WILAYAH_FILE.relative_to(SEEDS_DIR.parent)})"
        )
    return wilayah[:n]


def _checked(path: Path) -> list[dict]:
    parsed = read_submission(path)
    if parsed.problems:
        raise ValueError(f"template {path} is not a clean submission: {parsed.problems[0]}")
    return parsed.rows


def _whole_rupiah(text: str | None) -> int | None:
    if text is None:
        return None
    value = Decimal(text)
    if value != value.to_integral_value():
        raise ValueError(f"template money {text} is not whole rupiah")
    return int(value)


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def load_template(rencana: Path, kinerja: Path, kecamatan: Kecamatan, tahun: int, seed: int) -> Basis:
    """A committed SAMPLE plan and its strategic targets as the basis ``derive_plan`` scales, for ``tahun``."""
    nodes, teks = {}, {}
    for row in _checked(rencana):
        kode = row["kode_normal"]
        nodes[kode] = Node(
            kode,
            row["level"],
            row["kode_induk"],
            row["agregasi_target_normal"],
            Decimal(row["target_nilai"]),
            _whole_rupiah(row["pagu_nilai"]),
            tuple(_decimal(row[f"target_tw{q}_nilai"]) for q in QUARTERS),
            tuple(_whole_rupiah(row[f"pagu_tw{q}_nilai"]) for q in QUARTERS),
        )
        teks[kode] = Teks(row["uraian"], row["indikator"], row["satuan"])
    note = f"dibangkitkan oleh {GENERATOR}, seed {seed}"
    targets = [
        TargetKinerja(
            row["tabel"],
            int(row["no"]),
            row["tujuan"],
            row["sasaran"],
            row["indikator"],
            row["satuan"],
            row["formulasi"],
            f"{row['sumber_data'].removeprefix(SAMPEL)}; {note}",
            row["penanggung_jawab"],
            tahun,
            Decimal(row["target_nilai"]),
        )
        for row in _checked(kinerja)
    ]
    return Basis(kecamatan, tahun, nodes, teks, targets)


def template(basis: Basis, seed: int) -> Template:
    """Precompute the plan cells that only depend on the template (and the run's seed)."""
    catatan = f"{scale_note(seed)}; diturunkan dari rencana sampel {basis.kecamatan.nama} {TEMPLATE_TAHUN}"
    return Template(
        basis,
        {kode: csv_cells(kode, t.uraian, t.indikator, t.satuan) for kode, t in basis.teks.items()},
        {kode: csv_cells(node.agregasi, catatan) for kode, node in basis.nodes.items()},
    )


def load_templates(tahun: int, seed: int, wilayah: list[Wilayah]) -> list[Template]:
    """Every committed SAMPLE plan of Luwu Timur that has its companion strategic targets, in code order."""
    by_kode = {w.kecamatan.kode_wilayah: w.kecamatan for w in wilayah}
    templates = []
    for rencana in sorted(TEMPLATE_DIR.glob(f"rencana_{TEMPLATE_KABUPATEN}.??_{TEMPLATE_TAHUN}.csv")):
        kode_wilayah = rencana.name.split("_")[1]
        kinerja = rencana.with_name(f"kinerja_{kode_wilayah}_{TEMPLATE_TAHUN}.csv")
        if kinerja.is_file() and kode_wilayah in by_kode:
            templates.append(template(load_template(rencana, kinerja, by_kode[kode_wilayah], tahun, seed), seed))
    if not templates:
        raise ValueError(
            f"no template plan rencana_{TEMPLATE_KABUPATEN}.xx_{TEMPLATE_TAHUN}.csv with its "
            f"kinerja file in {TEMPLATE_DIR}"
        )
    return templates


def workdays(tahun: int) -> list[str]:
    """Monday to Friday of the year, as written in the survey (``2024-03-15``)."""
    first = date(tahun, 1, 1)
    days = (first + timedelta(days=i) for i in range(366))
    return [d.isoformat() for d in days if d.year == tahun and d.weekday() < 5]


def realisasi(nodes: dict[str, Node], rng: random.Random) -> tuple[dict[str, list[int]], dict[str, list[Decimal]]]:
    """Per node and triwulan: spending (85–100 % of the quarterly pagu, parents the sums) and realised target."""
    subs = [node for node in nodes.values() if node.level == "sub_kegiatan"]
    spending = {node.kode: cap_to_pagu(planned_spending(node, rng), node.pagu) for node in subs}
    targets = parent_targets(nodes, {node.kode: sub_targets(node, None) for node in subs})
    return roll_up(nodes, spending), targets


def plan_text(plan: DerivedPlan, template: Template) -> str:
    """The plan file: ``plan.PLAN_COLUMNS``, one row per node in plan order."""
    lines = [",".join(PLAN_COLUMNS)]
    for kode, node in plan.nodes.items():
        quarters = ",".join(f"{_number(node.target_tw[i])},{rupiah(node.pagu_tw[i])}" for i in range(len(QUARTERS)))
        target = _target(node.target, template.basis.teks[kode].satuan)
        lines.append(
            f"{template.head[kode]},{_cell(target)},{rupiah(node.pagu)},{quarters},"
            f"{_cell(penanggung_jawab(node, plan.kecamatan))},{template.tail[kode]}"
        )
    return "\n".join(lines) + "\n"


def realisasi_text(anggaran: dict[str, list[int]], target: dict[str, list[Decimal]], q: int, note: str) -> str:
    """The realisasi file of triwulan ``q`` (that triwulan alone): one row per node, nothing to report."""
    tail = f"{_cell(note)},,"
    lines = [",".join(REALISASI_COLUMNS)]
    lines += [
        f"{kode},{_number(target[kode][q - 1])},{rupiah(spent[q - 1])},{tail}" for kode, spent in anggaran.items()
    ]
    return "\n".join(lines) + "\n"


def survey_text(rng: random.Random, days: list[str], note: str) -> str:
    """IKM answers drawn one unsur at a time for all respondents (fast); respondents numbered by date."""
    n = rng.randint(*RESPONDEN)
    tanggal = sorted(rng.choices(days, k=n))
    layanan = rng.choices(_LAYANAN, cum_weights=_LAYANAN_CUM, k=n)
    answers = [rng.choices(_ANSWERS, cum_weights=cum, k=n) for cum in _UNSUR_CUM]
    tail = _cell(note)
    lines = [",".join(IKM_COLUMNS)]
    lines += [
        ",".join((str(i + 1), tanggal[i], _cell(layanan[i]), *(column[i] for column in answers), tail))
        for i in range(n)
    ]
    return "\n".join(lines) + "\n"


def kecamatan_files(
    kecamatan: Kecamatan, tahun: int, seed: int, templates: list[Template], days: list[str]
) -> dict[str, str]:
    """File name -> content of one kecamatan; depends only on (seed, kode_wilayah, tahun) and the templates."""
    kw = kecamatan.kode_wilayah
    key = f"{seed} {kw} {tahun}"
    note = scale_note(seed)
    chosen = templates[random.Random(f"template {key}").randrange(len(templates))]
    plan = derive_plan(chosen.basis, kecamatan, key)
    files = {
        f"rencana_{kw}_{tahun}.csv": plan_text(plan, chosen),
        f"kinerja_{kw}_{tahun}.csv": csv_text(KINERJA_COLUMNS, kinerja_rows(plan)),
    }
    anggaran, target = realisasi(plan.nodes, random.Random(f"realisasi {key}"))
    for q in QUARTERS:
        files[f"realisasi_{kw}_{tahun}_tw{q}.csv"] = realisasi_text(anggaran, target, q, note)
    files[f"ikm_{kw}_{tahun}.csv"] = survey_text(random.Random(f"ikm {key}"), days, note)
    return files


def readme(chosen: list[Wilayah], tahun: int, seed: int, templates: list[Template]) -> str:
    """The README of the output folder; no path in it, so two output folders of one command are identical."""
    first, last = chosen[0].kecamatan, chosen[-1].kecamatan
    provinsi = len({w.kode_provinsi for w in chosen})
    kabupaten = len({w.kode_kabupaten for w in chosen})
    files = FILES_PER_KECAMATAN * len(chosen)
    names = ", ".join(f"{t.basis.kecamatan.kode_wilayah} {t.basis.kecamatan.nama}" for t in templates)
    return f"""# GENERATED SAMPLE DATA — nothing in this folder is real

These files were generated by `{GENERATOR}`; they were not reported or published by any
kecamatan office. Every row says so: its `catatan`, `keterangan` or `sumber_data` starts with
`[SAMPEL]` and names the generator and the seed.

Regenerate (the same arguments give byte-identical files):

```bash
monev generate --kecamatan {len(chosen)} --tahun {tahun} --out <folder> --seed {seed}
```

- Kecamatan: {len(chosen)} ({kabupaten} kabupaten/kota, {provinsi} province(s)), {first.kode_wilayah} {first.nama} to
  {last.kode_wilayah} {last.nama}, in the order of `seeds/referensi/wilayah_kecamatan.csv`: Kabupaten Luwu Timur
  first, then the rest of Sulawesi Selatan, then the other provinces, each in code order.
- Year {tahun}, seed {seed}. A kecamatan's files depend only on the seed, its kode_wilayah and the year.
- Per kecamatan {FILES_PER_KECAMATAN} files ({files} in all): `rencana_<kode>_{tahun}.csv` (plan),
  `kinerja_<kode>_{tahun}.csv` (strategic targets), `realisasi_<kode>_{tahun}_tw1.csv` … `_tw4.csv` (each
  triwulan alone, not cumulative) and `ikm_<kode>_{tahun}.csv` (IKM survey).
- Plans: scaled from one of the SAMPLE plans of {TEMPLATE_TAHUN} in `seeds/sampel` ({names}).
  Sub-kegiatan pagu × budget factor (desa + kelurahan against the template's, ±5 %) × 90–110 %, in
  whole thousands of rupiah, split over the triwulan like the template; kegiatan and program pagu
  are the exact sums of their children, the annual pagu the exact sum of the triwulan.
- Realisasi: every sub-kegiatan spends 85–100 % of each quarterly pagu, so the cumulative spending
  never exceeds the annual pagu; kegiatan and program spending are exact sums.
- Surveys: 100–150 respondents on working days of {tahun}, answers 1–4 to the nine unsur.
"""


# The state a worker process writes with (set once per process; see ``write_kecamatan``).
_worker: dict = {}


def _init_worker(out: Path, tahun: int, seed: int, templates: list[Template], days: list[str]) -> None:
    _worker.update(out=out, tahun=tahun, seed=seed, templates=templates, days=days)


def write_kecamatan(chunk: list[Kecamatan]) -> int:
    """Write the files of some kecamatan with the state of ``_init_worker``; the number of files."""
    count = 0
    for kecamatan in chunk:
        files = kecamatan_files(kecamatan, _worker["tahun"], _worker["seed"], _worker["templates"], _worker["days"])
        for name, text in files.items():
            write_text(_worker["out"] / name, text)
        count += len(files)
    return count


def generate(n: int, tahun: int, out: Path, seed: int = DEFAULT_SEED) -> int:
    """Write the SAMPLE files of the first ``n`` kecamatan and a README into ``out``; the number of files.

    Kecamatan are independent: from ``PARALLEL_FROM`` on they are written by ``WORKERS`` processes, in
    chunks; the files are the same either way.
    """
    if not 1000 <= tahun <= 9999:
        raise ValueError(f"--tahun {tahun}: a four-digit year such as 2024")
    wilayah = load_wilayah()
    chosen = select_kecamatan(n, wilayah)
    state = (Path(out), tahun, seed, load_templates(tahun, seed, wilayah), workdays(tahun))
    state[0].mkdir(parents=True, exist_ok=True)
    kecamatan = [w.kecamatan for w in chosen]
    workers = min(WORKERS, os.cpu_count() or 1)
    if n < PARALLEL_FROM or workers < 2:
        _init_worker(*state)
        count = write_kecamatan(kecamatan)
    else:
        chunks = [kecamatan[i : i + CHUNK] for i in range(0, n, CHUNK)]
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=state) as pool:
            count = sum(pool.map(write_kecamatan, chunks))
    write_text(state[0] / "README.md", readme(chosen, tahun, seed, state[3]))
    return count + 1


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m orchestration.sample.scale", description=__doc__.splitlines()[0])
    parser.add_argument("--kecamatan", type=int, required=True, help="how many kecamatan (1 to 7285)")
    parser.add_argument("--tahun", type=int, required=True, help="the year of the plans and realisasi")
    parser.add_argument("--out", type=Path, required=True, help="folder to write to")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"default {DEFAULT_SEED}")
    args = parser.parse_args(argv)
    try:
        count = generate(args.kecamatan, args.tahun, args.out, args.seed)
    except ValueError as exc:
        parser.error(str(exc))
    print(f"{count} files written to {args.out}")


if __name__ == "__main__":
    main()
