"""Reading articles: text files, folders, JSON Lines, CSV and standard input."""
from __future__ import annotations

import datetime as dt
import io
import json
import logging
import sys

import pytest

from conflictmap.article import Article, ArticleReader, read_articles
from conflictmap.exceptions import BadInput

from .conftest import DATA

ARTICLES = DATA / "articles"
WIRE = ARTICLES / "wire-kirkuk.txt"
FEED = ARTICLES / "feed.jsonl"
REPORTS = ARTICLES / "nested" / "reports.csv"

HEADED = "date 2022-11-20 MOSUL (AFP) - A roadside bomb went off beside a patrol on Sunday."


def _jsonl(path, *records_or_lines) -> None:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)
             for r in records_or_lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- Article.from_text ----------------------------------------------------------------------

def test_from_text_reads_the_header_and_keeps_keywords():
    article = Article.from_text(HEADED, id="x", title="Bomb", url="https://example.org/b",
                                source="Example Wire")
    assert (article.id, article.published, article.dateline, article.agency) == (
        "x", dt.date(2022, 11, 20), "MOSUL", "AFP")
    assert (article.title, article.url, article.source) == (
        "Bomb", "https://example.org/b", "Example Wire")
    assert article.text[slice(*article.dateline_span)] == "MOSUL"


def test_from_text_without_keywords_is_unchanged():
    article = Article.from_text("No header here.")
    assert article.id.startswith("article-")
    assert article.published is None and article.source == "" and article.title == ""


# --- plain text -----------------------------------------------------------------------------

def test_text_file_is_one_article_named_by_its_stem():
    (article,) = read_articles(WIRE)
    assert article.id == "wire-kirkuk"
    assert article.source_path == str(WIRE)
    assert article.published == dt.date(2023, 3, 14)
    assert (article.dateline, article.agency) == ("KIRKUK", "AFP")
    assert article.text == WIRE.read_text(encoding="utf-8")


@pytest.mark.parametrize("published", ["2024-01-02", dt.date(2024, 1, 2)])
def test_published_overrides_the_header(published):
    (article,) = read_articles(str(WIRE), published=published)
    assert article.published == dt.date(2024, 1, 2)


def test_published_supplies_a_date(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Shelling was reported overnight near the border.", encoding="utf-8")
    assert next(read_articles(path)).published is None
    assert next(read_articles(path, published="2020-02-29")).published == dt.date(2020, 2, 29)


def test_unreadable_published_argument_is_bad_input():
    with pytest.raises(BadInput, match="'29/02/2020'"):
        read_articles(WIRE, published="29/02/2020")


@pytest.mark.parametrize("content, reason", [
    (b"   \n\n", "empty file"),
    (b"\x00\x01binary\x00", "binary data"),
])
def test_unusable_text_file_is_counted_not_raised(tmp_path, caplog, content, reason):
    path = tmp_path / "odd.txt"
    path.write_bytes(content)
    reader = ArticleReader([path, WIRE])
    with caplog.at_level(logging.WARNING, logger="conflictmap.article"):
        assert [a.id for a in reader] == ["wire-kirkuk"]
    assert len(reader.bad) == 1
    where, why = reader.bad[0]
    assert where == str(path) and reason in why
    assert str(path) in caplog.text


def test_missing_path_is_bad_input(tmp_path):
    with pytest.raises(BadInput, match="no such file"):
        ArticleReader(tmp_path / "absent.txt")


def test_other_extensions_are_plain_text(tmp_path):
    path = tmp_path / "story.md"
    path.write_text(HEADED, encoding="utf-8")
    (article,) = read_articles(path)
    assert article.id == "story" and article.dateline == "MOSUL"


# --- JSON Lines -----------------------------------------------------------------------------

def test_jsonl_records_and_default_ids():
    first, second = read_articles(FEED)
    assert first.id == "feed-001"
    assert first.published == dt.date(2023, 5, 2)
    assert (first.title, first.url, first.source) == (
        "Drone downed near Erbil", "https://example.org/erbil-drone", "Example Wire")
    assert first.source_path == str(FEED)
    assert second.id == "feed:2"
    assert second.published == dt.date(2023, 5, 3)  # from its wire header
    assert second.dateline == "DEIR EZZOR"


def test_jsonl_record_date_beats_the_header(tmp_path):
    path = tmp_path / "dated.ndjson"
    _jsonl(path, {"text": HEADED, "published": "2022-11-21T06:30:00Z"})
    (article,) = read_articles(path)
    assert article.published == dt.date(2022, 11, 21)


@pytest.mark.parametrize("line, reason", [
    ('{"text": "unterminated', "not JSON"),
    ('["a list", "not an object"]', "not a JSON object"),
    ('{"id": "no-text"}', "'text' is missing"),
    ('{"text": "   "}', "'text' is empty"),
    ('{"text": 42}', "'text' is a int, not text"),
])
def test_bad_jsonl_line_is_skipped_with_its_line_number(tmp_path, caplog, line, reason):
    path = tmp_path / "mixed.jsonl"
    _jsonl(path, {"text": "Artillery fire hit a village."}, "", line,
           {"text": "A drone was intercepted."})
    reader = ArticleReader(path)
    with caplog.at_level(logging.WARNING, logger="conflictmap.article"):
        ids = [a.id for a in reader]
    assert ids == ["mixed:1", "mixed:4"]
    assert len(reader.bad) == 1
    where, why = reader.bad[0]
    assert where == f"{path}:3"
    assert reason in why
    assert f"{path}:3" in caplog.text


def test_bad_records_are_recounted_on_each_pass(tmp_path):
    path = tmp_path / "one-bad.jsonl"
    _jsonl(path, "not json", {"text": "Shots were fired."})
    reader = ArticleReader(path)
    assert len(list(reader)) == 1 and len(reader.bad) == 1
    assert len(list(reader)) == 1 and len(reader.bad) == 1


@pytest.mark.parametrize("value", ["14/03/2023", "yesterday", "2023-02-30", 20230314])
def test_unreadable_record_date_warns_and_leaves_the_article_undated(tmp_path, caplog, value):
    path = tmp_path / "dates.jsonl"
    _jsonl(path, {"id": "ok", "text": "Clashes broke out at dawn."},
           {"id": "odd", "date": value, "text": "Clashes broke out again at dusk."})
    reader = ArticleReader(path)
    with caplog.at_level(logging.WARNING, logger="conflictmap.article"):
        articles = list(reader)
    assert [a.id for a in articles] == ["ok", "odd"]
    assert articles[1].published is None
    assert reader.bad == []  # a bad date is a warning, not a lost record
    assert f"{path}:2" in caplog.text and repr(value) in caplog.text


def test_unreadable_record_date_falls_back_to_the_header(tmp_path, caplog):
    path = tmp_path / "dates.jsonl"
    _jsonl(path, {"date": "Sunday", "text": HEADED})
    with caplog.at_level(logging.WARNING, logger="conflictmap.article"):
        (article,) = read_articles(path)
    assert article.published == dt.date(2022, 11, 20)
    assert "'Sunday'" in caplog.text


def test_jsonl_text_keeps_line_separators(tmp_path):
    path = tmp_path / "sep.jsonl"
    text = "First sentence.\u2028Second sentence, same paragraph."
    _jsonl(path, {"text": text})
    (article,) = read_articles(path)
    assert article.text == text


def test_text_column_option(tmp_path):
    path = tmp_path / "body.jsonl"
    _jsonl(path, {"Body": "A checkpoint came under fire.", "text": "ignored"})
    (article,) = read_articles(path, text_column="body")
    assert article.text == "A checkpoint came under fire."


# --- CSV ------------------------------------------------------------------------------------

def test_csv_rows_keep_their_fields_and_multiline_text():
    first, second = read_articles(REPORTS)
    assert first.id == "csv-1" and first.published == dt.date(2023, 6, 10)
    assert (first.title, first.url, first.source) == (
        "Clash in Daraa", "https://example.org/daraa", "Example Daily")
    assert "\n\nTwo fighters died" in first.text
    assert second.id == "csv-2" and second.published is None and second.url == ""


def test_csv_defaults_ids_to_line_numbers_and_reads_bom_crlf(tmp_path):
    path = tmp_path / "export.csv"
    content = ('Text,Published\r\n"Mortar fire,\r\nat night",2021-01-05\r\n'
               "A sniper shot a guard.,\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"))
    first, second = read_articles(path)
    assert first.id == "export:2" and first.text == "Mortar fire,\r\nat night"
    assert first.published == dt.date(2021, 1, 5)
    assert second.id == "export:4" and second.published is None


def test_csv_without_the_text_column_names_file_and_columns(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("headline,body\nA,Some words.\n", encoding="utf-8")
    with pytest.raises(BadInput) as info:
        list(read_articles(path))
    message = str(info.value)
    assert str(path) in message and "'text'" in message
    assert "headline, body" in message


def test_csv_row_without_text_is_counted(tmp_path):
    path = tmp_path / "gaps.csv"
    path.write_text("id,text\na,Rockets fell.\nb,\nc,Two drones were shot down.\n",
                    encoding="utf-8")
    reader = ArticleReader(path)
    assert [a.id for a in reader] == ["a", "c"]
    assert reader.bad == [(f"{path}:3", "'text' is empty")]


def test_csv_bad_date_warns(tmp_path, caplog):
    path = tmp_path / "dates.csv"
    path.write_text("text,date\nRockets fell.,March 3rd\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="conflictmap.article"):
        (article,) = read_articles(path)
    assert article.published is None
    assert f"{path}:2" in caplog.text and "'March 3rd'" in caplog.text


# --- folders, several paths, standard input -------------------------------------------------

def test_folder_is_read_recursively_in_sorted_order():
    ids = [a.id for a in read_articles(ARTICLES)]
    assert ids == ["feed-001", "feed:2", "csv-1", "csv-2", "wire-kirkuk"]


def test_folder_skips_hidden_and_other_files(tmp_path, caplog):
    (tmp_path / "b.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "a.TXT").write_text("First.", encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("Hidden.", encoding="utf-8")
    assert [a.id for a in read_articles(tmp_path)] == ["a", "b"]
    empty = tmp_path / "empty"
    empty.mkdir()
    with caplog.at_level(logging.WARNING, logger="conflictmap.article"):
        assert list(read_articles(empty)) == []
    assert "no .txt" in caplog.text


def test_several_paths_in_order():
    ids = [a.id for a in read_articles([WIRE, str(FEED)])]
    assert ids == ["wire-kirkuk", "feed-001", "feed:2"]


def test_read_articles_is_lazy(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("body\nwords\n", encoding="utf-8")
    articles = read_articles(path)  # nothing read yet
    with pytest.raises(BadInput):
        next(articles)


@pytest.mark.parametrize("binary", [True, False])
def test_standard_input_is_one_article(monkeypatch, binary):
    stream = (io.TextIOWrapper(io.BytesIO(HEADED.encode("utf-8")), encoding="utf-8")
              if binary else io.StringIO(HEADED))
    monkeypatch.setattr(sys, "stdin", stream)
    (article,) = read_articles("-")
    assert (article.id, article.source_path) == ("stdin", "<stdin>")
    assert article.published == dt.date(2022, 11, 20) and article.text == HEADED


def test_empty_standard_input_is_counted(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    reader = ArticleReader("-")
    assert list(reader) == [] and reader.bad == [("<stdin>", "empty input")]


def test_duplicate_ids_warn(tmp_path, caplog):
    path = tmp_path / "dups.jsonl"
    _jsonl(path, {"id": "same", "text": "One."}, {"id": "same", "text": "Two."})
    with caplog.at_level(logging.WARNING, logger="conflictmap.article"):
        assert len(list(read_articles(path))) == 2
    assert "'same' seen before" in caplog.text
