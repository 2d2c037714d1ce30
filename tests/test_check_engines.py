"""`monev check`'s quick way (the compiled rule models and the suites as SQL, in an in-memory DuckDB) gives
exactly the findings of the refresh's way (dbt builds the models, Great Expectations runs the suites).

Each case is checked both ways and every finding is compared whole: rule, check, impact, location, both
messages and every parameter, in the order `monev check` prints them. The cases cover a plan checked as
submitted (Kalaena's document, 56 pinned messages in test_check_kalaena.py), a realisasi checked against
the plan with its corrections (Kalaena's sample TW4 with broken amounts, codes and units), every plan rule
on hand-made defects, the rules across files and kecamatan, and files of the reader's corpus.
"""

import csv
import shutil
from collections import Counter

import pytest
from conftest import GOOD_PLAN, plan_with, write_plan, write_realisasi_csv, write_realisasi_xlsx

from orchestration.settings import SEEDS_DIR
from orchestration.warehouse.check import check_files

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("check_engines")]

CORPUS = SEEDS_DIR.parent / "tests" / "corpus"


def kalaena_plan(folder):
    return [SEEDS_DIR / "dokumen" / "rencana_73.24.10_2024.csv", SEEDS_DIR / "dokumen" / "kinerja_73.24.10_2024.csv"]


def kalaena_broken_realisasi(folder):
    """Kalaena's sample TW4 with a sub-kegiatan far above its pagu (so also above its kegiatan), a code that is
    not in the plan, and a target in percent where the plan counts Dokumen."""
    with (SEEDS_DIR / "sampel" / "realisasi_73.24.10_2024_tw4.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[2]["realisasi_anggaran"] = "9.999.999.000"
    rows[3]["realisasi_target"] = "50%"
    rows.append({"kode": "7.01.01.2.01.0099", "realisasi_target": "1", "realisasi_anggaran": "1.000"})
    path = folder / "realisasi_73.24.10_2024_tw4_v2.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return [path]


PLAN_DEFECTS = {
    "73.24.01": {"7.01.03.2.01.0003": {"pagu": "800.000", "pagu_tw2": "300.000"}},
    "73.24.02": {"7.01.03": {"pagu": "1.200.000", "pagu_tw1": "600.000"}},
    "73.24.03": {"7.01.03.2.01.0003": {"pagu_tw4": "250.000"}},
    "73.24.04": {"7.01.03.2.01.0003": {"target_tw4": "2"}},
    "73.24.05": {"7.01.03.2.01": {"target_tw4": "90"}},
    "73.24.08": {"7.01.03.2.01.0001": {"kode": "7.01.03.2.01.0099"}},
    "73.24.09": {"7.01.03.2.01.0001": {"uraian": "Peningkatan Efektifitas  Kegiatan Pemberdayaan Masyarakat"}},
    "73.24.11": {"7.01.03.2.01.0003": {"pagu_akhir_tahun": "600.000", "target_akhir_tahun": "12"}},
    "73.22.01": {"7.01.03.2.01.0003": {"target_tw4": "", "pagu_tw4": ""}},
    "73.22.02": {"7.01.03.2.01.0003": {"satuan": "Dokumen", "target": "12 Dokumen"}},
    "73.22.03": {"7.01.03.2.01": {"indikator": "Persentase capaian"}},
    "99.99.99": {},
}


def plan_defects(folder):
    return [write_plan(folder / f"rencana_{kw}_2024.csv", plan_with(changes)) for kw, changes in PLAN_DEFECTS.items()]


def across_files(folder):
    """Two kecamatan send the same realisasi row for row; a third sends its version 2 as .csv and .xlsx."""
    tw1 = [
        ["7.01.03", "100", "380.000"],
        ["7.01.03.2.01", "100", "380.000"],
        ["7.01.03.2.01.0001", "5", "300.000"],
        ["7.01.03.2.01.0003", "2", "80.000"],
    ]
    files = [write_plan(folder / f"rencana_{kw}_2024.csv", GOOD_PLAN) for kw in ("73.24.01", "73.24.02", "73.24.04")]
    files += [write_realisasi_csv(folder / f"realisasi_{kw}_2024_tw1.csv", tw1) for kw in ("73.24.01", "73.24.02")]
    files.append(write_realisasi_csv(folder / "realisasi_73.24.04_2024_tw1_v2.csv", tw1[:3]))
    return [*files, write_realisasi_xlsx(folder / "realisasi_73.24.04_2024_tw1_v2.xlsx", tw1)]


def corpus(name):
    def files(folder):
        copied = []
        for path in sorted((CORPUS / name).iterdir()):
            copied.append(shutil.copy(path, folder / path.name))
        return copied

    return files


CASES = {
    "kalaena_plan": kalaena_plan,
    "kalaena_broken_realisasi": kalaena_broken_realisasi,
    "plan_defects": plan_defects,
    "across_files": across_files,
    "corpus_40_duplicate_code": corpus("40_duplicate_code"),
    "corpus_44_amount_too_large": corpus("44_amount_too_large"),
}


@pytest.fixture(scope="module", params=list(CASES))
def both(request, tmp_path_factory, monkeypatch_module):
    folder = tmp_path_factory.mktemp(request.param)
    files = [str(f) for f in CASES[request.param](folder)]
    return request.param, {e: check_files(files, SEEDS_DIR, engine=e) for e in ("duckdb", "dbt")}


@pytest.fixture(scope="module")
def monkeypatch_module(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MONEV_HOME", str(tmp_path_factory.mktemp("home")))  # an empty home: nothing archived
        yield patch


def test_both_ways_give_the_same_findings_in_the_same_order(both):
    _, reports = both
    quick, refresh = ([f.as_record() for f in r.findings] for r in (reports["duckdb"], reports["dbt"]))
    assert quick == refresh
    assert [f.baris_teks("id") for f in reports["duckdb"].findings] == [
        f.baris_teks("id") for f in reports["dbt"].findings
    ]


def test_both_ways_read_the_same_files(both):
    _, reports = both
    assert [(f.path.name, f.sha256, len(f.rows)) for f in reports["duckdb"].files] == [
        (f.path.name, f.sha256, len(f.rows)) for f in reports["dbt"].files
    ]


# What each case must find, so that "the same" is never "both empty": the rules its defects break.
RULES_FOUND = {
    "kalaena_plan": {"rencana_lengkap", "pagu_anak_sama_induk", "uraian_tidak_ganda", "target_kinerja_konsisten"},
    "kalaena_broken_realisasi": {
        "realisasi_kumulatif_dalam_pagu",
        "realisasi_anak_sama_induk",
        "realisasi_kode_dalam_rencana",
        "realisasi_satuan_sesuai_rencana",
    },
    "plan_defects": {
        "pagu_anak_sama_induk",
        "pagu_tahunan_konsisten",
        "target_tahunan_konsisten",
        "kode_dalam_nomenklatur",
        "uraian_tidak_ganda",
        "rencana_lengkap",
        "satuan_sesuai_nomenklatur",
        "indikator_tidak_ganda",
        "kecamatan_dikenal",
    },
    "across_files": {"realisasi_bukan_salinan", "versi_tidak_ganda"},
    "corpus_40_duplicate_code": {"pagu_anak_sama_induk", "uraian_tidak_ganda"},
    "corpus_44_amount_too_large": {"realisasi_anak_sama_induk"},
}


def test_each_case_finds_what_its_defects_break(both):
    name, reports = both
    found = Counter(f.aturan for f in reports["duckdb"].rule_findings)
    assert RULES_FOUND[name] <= set(found), found
    assert reports["duckdb"].findings, "every case has at least one finding"
