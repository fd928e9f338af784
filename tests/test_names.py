from __future__ import annotations

import pytest

from conflictmap._names import fold, is_latin


@pytest.mark.parametrize("spellings", [
    ("Ain al-Assad", "Ayn al-Asad", "Ain al-Asad", "AIN AL-ASSAD"),
    ("Al-Mayadeen", "Al Mayadin", "Mayadin", "Meyadin", "al-Mayadin"),
    ("Deir ez-Zor", "Dayr az-Zawr", "Deir Ezzor", "Deir al-Zor"),
    ("Tal Afar", "Tall Afar", "Tel Afar"),
    ("Hīt", "Hit", "HIT"),
    ("Qa'im", "Qaim", "Qa’im", "Al-Qaim"),
])
def test_spellings_of_one_name_fold_alike(spellings):
    assert len({fold(s) for s in spellings}) == 1


@pytest.mark.parametrize("a, b", [
    ("Baghdad", "Basra"), ("Homs", "Hama"), ("Hit", "Hut"), ("Raqqa", "Riqqa"),
    ("Ain al-Assad", "Ain"), ("Abu Kamal", "Kamal"),
])
def test_different_names_stay_apart(a, b):
    assert fold(a) != fold(b)


def test_article_is_kept_when_it_is_the_last_word():
    assert fold("Basra at") != fold("Basra")


def test_is_latin():
    assert is_latin("Dayr az Zawr") and is_latin("Ḩimş")
    assert not is_latin("دير الزور")
