"""Quarantine reports speak Bahasa Indonesia: every expected/found text the reader writes for the
bad-input corpus has an Indonesian form, and values quoted from the file are left as they are."""

from pathlib import Path

import pytest

from orchestration.domain.submission import read_submission
from orchestration.warehouse.bahasa import indonesia

CORPUS = Path(__file__).parent / "corpus"


def reader_texts() -> set[str]:
    texts = set()
    for path in sorted(CORPUS.rglob("*")):
        if path.is_file():
            for problem in read_submission(path).problems:
                texts.update(t for t in (problem.expected, problem.found) if t)
    return texts


def is_value(text: str) -> bool:
    """A cell value or a count quoted from the file: shown as found, never translated."""
    return text.startswith("'") or text.replace(".", "").isdigit()


def test_every_reader_text_of_the_corpus_has_an_indonesian_form():
    texts = [t for t in reader_texts() if not is_value(t)]
    assert len(texts) > 40
    untranslated = sorted(t for t in texts if indonesia(t) == t)
    assert untranslated == []


@pytest.mark.parametrize(("english", "bahasa"), [
    ("rupiah such as 1.378.000 or 1.378.000,00 (groups of three digits after each '.', not '00')",
     "rupiah seperti 1.378.000 atau 1.378.000,00 (tiga angka setelah setiap '.', bukan '00')"),
    ("each code once (first at row 4)", "setiap kode sekali saja (pertama di baris 4)"),
    ("missing pagu_tw3, penanggung_jawab", "tidak ada pagu_tw3, penanggung_jawab"),
    ("at most 300.000", "paling besar 300.000"),
    ("a value in uraian_rencana", "isian pada uraian_rencana"),
    ("(empty)", "(kosong)"),
    ("'38.290.00'", "'38.290.00'"),  # a value from the file stays as it was written
    ("400.000", "400.000"),
])
def test_known_texts(english, bahasa):
    assert indonesia(english) == bahasa
