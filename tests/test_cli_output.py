"""What `monev refresh` prints: every rule is shown, but a national run does not flood the terminal."""

from orchestration.cli import SHOWN_PER_RULE, _finding_lines


def finding(rule: str, kode_wilayah: str) -> dict:
    return {"aturan": rule, "kode_wilayah": kode_wilayah, "tahun": 2024, "kode": None, "kolom": None,
            "diharapkan": "responden of at least 384", "ditemukan": "120", "pesan": "sample size", "dampak": "blokir"}


def test_each_rule_shows_its_first_findings_and_counts_the_rest():
    items = [finding("ikm_responden_kurang", f"73.24.{i:02d}") for i in range(1, SHOWN_PER_RULE + 3)]
    items.append(finding("capaian_di_atas_150", "73.24.01"))
    lines = _finding_lines(items)
    assert len(lines) == SHOWN_PER_RULE + 2
    assert sum(line.startswith("[ikm_responden_kurang] 73.24.") for line in lines) == SHOWN_PER_RULE
    assert "[capaian_di_atas_150] 73.24.01 2024: expected responden of at least 384, found 120" in lines[-2]
    assert lines[-1] == ("[ikm_responden_kurang] ... and 2 more of this rule "
                         "(all in marts.temuan_validasi and marts.mart_kualitas_data)")


def test_few_findings_are_all_shown():
    items = [finding("ikm_responden_kurang", "73.24.01"), finding("ikm_responden_kurang", "73.24.02")]
    assert len(_finding_lines(items)) == 2
