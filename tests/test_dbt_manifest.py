"""The dbt manifest a process builds with: parsed once, pickled, and loaded back only while the project is the
one it was parsed from (orchestration/warehouse/dbt.py)."""

import json
import shutil

import pytest

from orchestration.settings import DBT_PROJECT_DIR
from orchestration.warehouse import dbt

VARS = json.dumps(dbt.dbt_vars(apply_corrections=True))


@pytest.fixture()
def project(tmp_path):
    """A copy of the dbt project with dbt's own output folders in it."""
    copy = tmp_path / "dbt_project"
    shutil.copytree(DBT_PROJECT_DIR, copy, ignore=shutil.ignore_patterns("target", "logs"))
    (copy / "target").mkdir()
    (copy / "logs").mkdir()
    return copy


def test_the_key_changes_with_what_the_parse_reads_and_not_with_dbt_output(project):
    key = dbt.manifest_key(VARS, project)
    (project / "target" / "run_results.json").write_text("{}")
    (project / "logs" / "dbt.log").write_text("a log line\n")
    assert dbt.manifest_key(VARS, project) == key  # dbt's output is not read by a parse

    assert dbt.manifest_key(json.dumps(dbt.dbt_vars(apply_corrections=False)), project) != key

    model = project / "models" / "marts" / "dim_periode.sql"
    text = model.read_text()
    model.write_text(text + "\n")
    assert dbt.manifest_key(VARS, project) != key
    model.write_text(text)
    assert dbt.manifest_key(VARS, project) == key

    (project / "macros" / "baru.sql").write_text("{% macro baru() %}1{% endmacro %}\n")
    assert dbt.manifest_key(VARS, project) != key


def test_a_pickled_manifest_is_loaded_only_under_its_key_and_environment(tmp_path, monkeypatch):
    from dbt.contracts.graph.manifest import Manifest

    manifest = Manifest()
    manifest.env_vars = {"MONEV_UJI_PARSE": "satu"}  # a variable the parse read, with the value it read
    path = tmp_path / "manifest.pickle"
    assert dbt._write_pickled(path, "kunci-a", manifest)
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.pickle"]  # no scratch file left behind
    (tmp_path / "berkas").write_text("not a folder")
    assert not dbt._write_pickled(tmp_path / "berkas" / "manifest.pickle", "kunci-a", manifest)  # no exception

    monkeypatch.setenv("MONEV_UJI_PARSE", "satu")
    assert dbt._load_pickled(path, "kunci-a").env_vars == {"MONEV_UJI_PARSE": "satu"}
    assert dbt._load_pickled(path, "kunci-b") is None
    monkeypatch.setenv("MONEV_UJI_PARSE", "dua")
    assert dbt._load_pickled(path, "kunci-a") is None
    monkeypatch.delenv("MONEV_UJI_PARSE")
    assert dbt._load_pickled(path, "kunci-a") is None

    path.write_bytes(b"kunci-a\nnot a pickle")
    assert dbt._load_pickled(path, "kunci-a") is None
    assert dbt._load_pickled(tmp_path / "missing.pickle", "kunci-a") is None


def test_a_new_process_with_an_unchanged_project_loads_the_pickle_instead_of_parsing(monkeypatch):
    """Every dbt parse writes its timings (perf_info.json); loading the pickle writes nothing."""
    first = dbt.parsed_manifest(VARS)  # parses only if the project changed since the pickle was made
    monkeypatch.setattr(dbt, "_MANIFESTS", {})  # as in a new process
    folder = dbt.parse_cache_dir() / "parse-apply_corrections-True"
    written = {name: (folder / name).stat().st_mtime_ns for name in ("perf_info.json", "manifest.pickle")}

    again = dbt.parsed_manifest(VARS)

    assert {name: (folder / name).stat().st_mtime_ns for name in written} == written
    assert again is not first and sorted(again.nodes) == sorted(first.nodes)
    assert (folder / "manifest.pickle").read_bytes().split(b"\n", 1)[0].decode() == dbt.manifest_key(VARS)


def test_a_manifest_whose_lookups_were_built_compiles_its_refs_and_sources_after_the_round_trip(tmp_path):
    """A parse may leave the manifest's lookups built; dbt's own pickling (Manifest.__reduce_ex__) would put each
    in the next one's place, and every ref and source would then fail to compile."""
    manifest = dbt.parsed_manifest(VARS)
    manifest.ref_lookup, manifest.source_lookup, manifest.doc_lookup, manifest.disabled_lookup  # noqa: B018
    path = tmp_path / "manifest.pickle"
    dbt._write_pickled(path, "kunci", manifest)

    loaded = dbt._load_pickled(path, "kunci")

    model = loaded.ref_lookup.find("dim_periode", None, None, loaded)
    assert model is not None and model.unique_id == "model.monev.dim_periode"
    source = loaded.source_lookup.find("referensi.wilayah", None, loaded)
    assert source is not None and source.unique_id == "source.monev.referensi.wilayah"
    assert sorted(loaded.nodes) == sorted(manifest.nodes) and sorted(loaded.macros) == sorted(manifest.macros)
