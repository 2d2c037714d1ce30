"""The rule registry is the only place a rule is defined: models, suites, messages and the README follow it."""

import json

import pytest

from orchestration.rules.docs import README, readme_with_table
from orchestration.rules.model import Finding, render, template_fields
from orchestration.rules.registry import RULES, sql_rules
from orchestration.rules.suites import SUITES_DIR, render_suites
from orchestration.settings import DBT_PROJECT_DIR

RULE_MODELS = DBT_PROJECT_DIR / "models" / "intermediate" / "cek"


def test_every_rule_model_has_its_rule_and_every_sql_rule_its_model():
    models = {p.stem for p in RULE_MODELS.glob("int_cek__*.sql")}
    registered = {r.where for r in sql_rules() if r.where.startswith("int_cek__")}
    assert models == registered
    for rule in sql_rules():
        if rule.where.startswith("int_cek__"):
            assert rule.where == f"int_cek__{rule.code}", "a rule model is named after its rule"
            assert (RULE_MODELS / f"{rule.where}.yml").exists(), "one YAML per model"


def test_committed_suites_are_the_generated_ones():
    committed = {p.name: p.read_text() for p in SUITES_DIR.glob("*.json")}
    assert committed == render_suites(), "run: uv run python -m orchestration.rules.suites"


def test_every_suite_expectation_names_a_registered_check():
    for path in SUITES_DIR.glob("*.json"):
        suite = json.loads(path.read_text())
        for expectation in suite["expectations"]:
            rule = RULES[expectation["meta"]["aturan"]]
            assert rule.check(expectation["meta"]["cek"]).expectation["type"] == expectation["type"]


@pytest.mark.parametrize("rule", list(RULES.values()), ids=lambda r: r.code)
def test_every_message_renders_in_both_languages(rule):
    assert rule.title.id != rule.title.en
    for check in rule.checks:
        fields = template_fields(check.expected.id + check.found.id)
        assert fields == template_fields(check.expected.en + check.found.en), check.code
        params = dict.fromkeys(fields, "1")
        for lang in ("id", "en"):
            text = render(check.expected.get(lang), params, lang) + render(check.found.get(lang), params, lang)
            assert "{" not in text and "}" not in text


def test_a_finding_of_an_unregistered_check_cannot_exist():
    with pytest.raises(KeyError, match="unknown rule"):
        Finding("tidak_ada", "tidak_ada")
    with pytest.raises(KeyError, match="has no check"):
        Finding("pagu_anak_sama_induk", "pagu_anak_sama_induk.tidak_ada")


def test_a_finding_reads_in_indonesian_and_english():
    finding = Finding(
        "pagu_anak_sama_induk",
        "pagu_anak_sama_induk",
        {
            "pagu_induk": "222460600.00",
            "jumlah_anak": "177966704.00",
            "banyak_anak": 4,
            "tingkat_anak": "sub-kegiatan",
            "selisih": "44493896.00",
            "level": "kegiatan",
        },
        nama_berkas="rencana_73.24.10_2024.csv",
        baris=48,
        kode="7.01.01.2.08",
        kolom="pagu",
    )
    assert finding.baris_teks("id") == (
        "GALAT rencana_73.24.10_2024.csv, baris 48, 7.01.01.2.08, kolom pagu: pagu program/kegiatan sama dengan "
        "jumlah pagu di bawahnya: seharusnya 222.460.600, pagu kegiatan ini; ditemukan 177.966.704, jumlah 4 "
        "sub-kegiatan (selisih 44.493.896)"
    )
    assert finding.baris_teks("en") == (
        "ERROR rencana_73.24.10_2024.csv, row 48, 7.01.01.2.08, column pagu: the pagu of a program or kegiatan "
        "equals the sum of its children: expected 222.460.600, this kegiatan's pagu, found 177.966.704, the sum "
        "of 4 sub-kegiatan (difference 44.493.896)"
    )
    assert finding.dampak == "karantina" and finding.tingkat == "error"
    assert Finding.from_record(json.loads(json.dumps(finding.as_record()))) == finding


def test_impact_is_stated_once_and_gx_severity_follows_it():
    for path in SUITES_DIR.glob("*.json"):
        for expectation in json.loads(path.read_text())["expectations"]:
            impact = RULES[expectation["meta"]["aturan"]].check(expectation["meta"]["cek"]).impact
            assert expectation["severity"] == ("warning" if impact == "peringatan" else "critical")
            assert "dampak" not in expectation["meta"] and "tingkat" not in expectation["meta"]


def test_readme_rule_table_is_the_registry():
    text = README.read_text()
    assert readme_with_table(text) == text, "run: uv run python -m orchestration.rules.docs"
