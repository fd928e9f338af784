"""Reading articles: text files, folders, JSON Lines, CSV and standard input."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import os
import sys
import zipfile

import pytest

from conflictmap import article as article_module
from conflictmap.article import Article, ArticleReader, decode, parse_header, read_articles
from conflictmap.exceptions import BadInput

from .conftest import DATA

ARTICLES = DATA / "articles"
WIRE = ARTICLES / "wire-kirkuk.txt"
FEED = ARTICLES / "feed.jsonl"
REPORTS = ARTICLES / "nested" / "reports.csv"
MIXED = ARTICLES / "mixed"  # good and damaged records side by side (see test_mixed_folder_*)

# Our own sentences; the fixtures in tests/data/articles/mixed hold them too.
AR_MARKET = "سقطت قذيفة هاون قرب سوق شعبي في الموصل صباح الأحد، وأصيب ثلاثة مدنيين."
AR_DRONE = "اعترضت الدفاعات الجوية طائرة مسيرة فوق مطار أربيل مساء الاثنين."
AR_CLASH = "اندلعت اشتباكات بين مسلحين وقوات الأمن في ريف درعا الغربي."

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
    mixed = [i for i in ids if i.startswith("mixed-")]  # tests/data/articles/mixed
    assert [i for i in ids if i not in mixed] == [
        "feed-001", "feed:2", "csv-1", "csv-2", "wire-kirkuk"]
    assert ids == ["feed-001", "feed:2", *mixed, "csv-1", "csv-2", "wire-kirkuk"]


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


# --- mixed batches: damage stays in its record -----------------------------------------------

def _rec(**fields) -> bytes:
    return json.dumps(fields, ensure_ascii=False).encode("utf-8")


def _write(path, *lines: bytes, end: bytes = b"\n") -> None:
    path.write_bytes(end.join(lines) + end)


def _read(paths, caplog, **options) -> tuple[ArticleReader, dict[str, Article]]:
    reader = ArticleReader(paths, **options)
    with caplog.at_level(logging.WARNING, logger="conflictmap.article"):
        articles = {a.id: a for a in reader}
    return reader, articles


def _writable_everywhere(article: Article) -> None:
    for value in (article.id, article.text, article.title, article.url, article.source,
                  article.source_path):
        value.encode("utf-8")  # a lone surrogate would raise UnicodeEncodeError


def test_mixed_folder_reads_every_good_record_and_reports_each_bad_one_once(caplog):
    reader, articles = _read(MIXED, caplog)
    feed, rows = MIXED / "feed.jsonl", MIXED / "rows.csv"
    assert list(articles) == [
        "mixed-ar", "mixed-byte", "mixed-surrogate", "mixed-nul", "mixed-old", "mixed-zero",
        "mixed-en", "mixed-csv-ar", "mixed-csv-byte", "mixed-csv-month", "mixed-csv-nul"]
    assert reader.bad == [
        (f"{feed}:7", "not JSON (Unterminated string starting at, column 32)"),
        (str(MIXED / "no-text.csv"), "no 'text' column; its columns are: headline, body"),
        (f"{rows}:7", "'text' is empty"),
    ]
    assert [where for where, _ in reader.repaired] == [
        f"{feed}:2", f"{feed}:3", f"{feed}:4", f"{feed}:5", f"{feed}:6",
        f"{rows}:5", f"{rows}:6", f"{rows}:8"]
    for where, _ in reader.bad + reader.repaired:
        assert caplog.text.count(f"{where}:") == 1  # one warning per record
    for article in articles.values():
        _writable_everywhere(article)


def test_mixed_folder_keeps_the_arabic_of_the_good_records(caplog):
    _, articles = _read(MIXED, caplog)
    assert articles["mixed-ar"].text == AR_MARKET
    assert articles["mixed-ar"].title == "قذيفة على سوق"
    assert articles["mixed-csv-ar"].text == AR_CLASH + "\n\nقتل مسلحان."
    # the damaged records lose their bad byte only
    assert articles["mixed-byte"].text == AR_DRONE.replace("مطار", "\ufffd")
    assert articles["mixed-csv-byte"].text == AR_MARKET.replace("شعبي", "\ufffd")


def test_mixed_folder_repairs_surrogates_nuls_and_dates(caplog):
    _, articles = _read(MIXED, caplog)
    assert articles["mixed-surrogate"].text == (
        "A drone came down \ufffd near the airfield on Monday.")
    assert articles["mixed-surrogate"].title == "Drone \ufffd down"
    assert articles["mixed-nul"].text == "Rockets hit an empty depot."
    assert articles["mixed-old"].published == dt.date(2023, 4, 10)  # from its wire header
    assert articles["mixed-zero"].published is None
    assert articles["mixed-csv-month"].published is None
    assert articles["mixed-csv-nul"].text == "A patrol was ambushed."


# --- 1. lone surrogates ---------------------------------------------------------------------

@pytest.mark.parametrize("field", ["text", "title", "url", "id", "source"])
def test_lone_surrogate_escape_is_replaced_in_any_field(tmp_path, caplog, field):
    path = tmp_path / "feed.jsonl"
    record = {"id": "bad", "title": "T", "url": "https://example.org/x", "source": "S",
              "text": "A shell landed in a field."}
    record[field] = record[field] + "\udcff"  # json.dumps writes it as the escape \udcff
    _write(path, _rec(id="first", text=AR_DRONE), json.dumps(record).encode("ascii"),
           _rec(id="last", text=AR_CLASH))
    assert b"\\udcff" in path.read_bytes()
    reader, articles = _read(path, caplog)
    assert len(articles) == 3 and reader.bad == []
    repaired = next(a for a in articles.values() if a.id.startswith("bad"))
    assert getattr(repaired, field).endswith("\ufffd")
    for article in articles.values():
        _writable_everywhere(article)
    assert reader.repaired == [(f"{path}:2", f"lone surrogates in {field} replaced with U+FFFD")]
    assert articles["first"].text == AR_DRONE and articles["last"].text == AR_CLASH
    assert f"{path}:2" in caplog.text


def test_from_text_repairs_surrogates_instead_of_failing(caplog):
    with caplog.at_level(logging.WARNING, logger="conflictmap.article"):
        article = Article.from_text("Gunfire \udcff at night.", title="x\ud800")
    assert article.text == "Gunfire \ufffd at night." and article.title == "x\ufffd"
    assert article.id.startswith("article-")  # the id hash no longer raises
    assert "lone surrogates in text, title" in caplog.text


def test_file_name_that_is_not_utf8_gives_a_clean_id(tmp_path, caplog):
    try:
        with open(os.fsencode(tmp_path) + b"/caf\xe9.txt", "wb") as fh:
            fh.write(b"A car bomb exploded near a cafe.")
    except OSError:
        pytest.skip("this file system takes only UTF-8 names")
    reader, articles = _read(tmp_path, caplog)
    (article,) = articles.values()
    assert article.id == "caf\\xe9" and reader.bad == []
    _writable_everywhere(article)


def test_text_stdin_with_surrogates_is_repaired(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Clashes \udcff near the dam."))
    reader = ArticleReader("-")
    (article,) = reader
    assert article.text == "Clashes \ufffd near the dam."
    assert reader.repaired == [("<stdin>", "lone surrogates in text replaced with U+FFFD")]


# --- 2. implausible and impossible dates ----------------------------------------------------

@pytest.mark.parametrize("value, problem", [
    ("1024-03-06", "outside the plausible range"),
    ("0001-01-01", "outside the plausible range"),
    ("1677-09-21", "outside the plausible range"),
    ("9999-12-31", "outside the plausible range"),
    ("0001-01-01T00:00:00Z", "outside the plausible range"),
    ("2022-13-45", "not a date"),
])
def test_implausible_record_date_leaves_the_article_undated(tmp_path, caplog, value, problem):
    path = tmp_path / "dates.jsonl"
    _write(path, _rec(id="ok", date="2022-11-20", text="Clashes broke out at dawn."),
           _rec(id="odd", date=value, text="Clashes broke out again at dusk."),
           _rec(id="header", date=value, text=HEADED))
    reader, articles = _read(path, caplog)
    assert articles["ok"].published == dt.date(2022, 11, 20)
    assert articles["odd"].published is None
    assert articles["header"].published == dt.date(2022, 11, 20)  # its wire header's
    assert reader.bad == []
    assert [w for w, _ in reader.repaired] == [f"{path}:2", f"{path}:3"]
    assert all(problem in why and repr(value) in why for _, why in reader.repaired)
    assert f"{path}:2" in caplog.text and repr(value) in caplog.text


@pytest.mark.parametrize("date", ["0001-01-01", "1024-03-06", "2022-13-45"])
def test_implausible_header_date_is_dropped_with_the_record_named(tmp_path, caplog, date):
    path = tmp_path / "wire.jsonl"
    _write(path, _rec(id="good", text=HEADED),
           _rec(id="bad", text=f"date {date} MOSUL (AFP) - A bomb went off on Sunday."))
    reader, articles = _read(path, caplog)
    assert articles["good"].published == dt.date(2022, 11, 20)
    assert articles["bad"].published is None and articles["bad"].dateline == "MOSUL"
    (where, why), = reader.repaired
    assert where == f"{path}:2" and f"header date {date!r}" in why


def test_implausible_dates_in_csv_and_text_files(tmp_path, caplog):
    table = tmp_path / "a.csv"
    table.write_text("id,date,text\nx,0001-01-01,Rockets fell.\ny,2023-01-02,Mortars fell.\n",
                     encoding="utf-8")
    wire = tmp_path / "b.txt"
    wire.write_text("date 0001-01-01 MOSUL (AFP) - A bomb went off.", encoding="utf-8")
    reader, articles = _read(tmp_path, caplog)
    assert (articles["x"].published, articles["y"].published) == (None, dt.date(2023, 1, 2))
    assert articles["b"].published is None
    assert [w for w, _ in reader.repaired] == [f"{table}:2", str(wire)]


def test_plausible_range_edges():
    assert Article.from_text("x", published="1900-01-01").published == dt.date(1900, 1, 1)
    next_month = dt.date.today() + dt.timedelta(days=30)
    assert Article.from_text("x", published=next_month).published == next_month
    with pytest.raises(BadInput, match="outside the plausible range"):
        Article.from_text("x", published=dt.date.today() + dt.timedelta(days=400))
    with pytest.raises(BadInput, match="'1899-12-31'"):
        Article.from_text("x", published="1899-12-31")


@pytest.mark.parametrize("value", ["0001-01-01", "1024-03-06", "2262-04-12", "2022-13-45",
                                   dt.date(1, 1, 1)])
def test_implausible_published_option_is_bad_input(value):
    with pytest.raises(BadInput) as info:
        ArticleReader(WIRE, published=value)
    assert "\n" not in str(info.value) and "published date" in str(info.value)


def test_implausible_published_on_the_command_line_is_a_one_line_error(tmp_path, capsys):
    from conflictmap.cli import main

    code = main(["extract", str(WIRE), "-o", str(tmp_path / "out.geojson"),
                 "--published", "0001-01-01", "--no-progress"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and "\n" not in err and "'0001-01-01'" in err
    assert not (tmp_path / "out.geojson").exists()


def test_parse_header_drops_an_implausible_date(caplog):
    with caplog.at_level(logging.WARNING, logger="conflictmap.article"):
        header = parse_header("date 0001-01-01 MOSUL (AFP) - A bomb.")
    assert "published" not in header and header["dateline"] == "MOSUL"
    assert "'0001-01-01'" in caplog.text


# --- 3. bytes that are not UTF-8 ------------------------------------------------------------

def test_one_bad_byte_in_jsonl_harms_only_its_record(tmp_path, caplog):
    path = tmp_path / "feed.jsonl"
    broken = _rec(id="b", text=AR_DRONE).replace("فوق".encode(), b"\xd9")
    _write(path, _rec(id="a", text=AR_MARKET), broken, _rec(id="c", text=AR_CLASH))
    reader, articles = _read(path, caplog)
    assert articles["a"].text == AR_MARKET and articles["c"].text == AR_CLASH
    assert articles["b"].text == AR_DRONE.replace("فوق", "\ufffd")
    assert reader.bad == []
    assert reader.repaired == [
        (f"{path}:2", "1 byte not UTF-8 replaced with U+FFFD (first at byte 86)")]
    assert "Windows-1252" not in caplog.text


def test_one_bad_byte_in_csv_harms_only_its_row(tmp_path, caplog):
    path = tmp_path / "rows.csv"
    _write(path, b"id,text", b"a," + AR_MARKET.encode(),
           b'b,"' + AR_DRONE.encode() + b"\n\xff\xfe " + "سطر ثان".encode() + b'"',
           b"c," + AR_CLASH.encode(),
           end=b"\r\n")
    reader, articles = _read(path, caplog)
    assert articles["a"].text == AR_MARKET
    assert articles["c"].text == AR_CLASH
    assert articles["b"].text == AR_DRONE + "\n\ufffd\ufffd سطر ثان"
    assert reader.repaired == [
        (f"{path}:3", "2 bytes not UTF-8 replaced with U+FFFD (first at byte 0)")]


def test_windows_1252_row_among_utf8_rows(tmp_path, caplog):
    path = tmp_path / "rows.csv"
    _write(path, b"id,text", b"a," + AR_CLASH.encode(),
           "b,Café owner shot in Saïda.".encode("cp1252"))
    reader, articles = _read(path, caplog)
    assert articles["a"].text == AR_CLASH
    assert articles["b"].text == "Café owner shot in Saïda."
    assert reader.repaired == [(f"{path}:3", "not UTF-8 (byte 5); read as Windows-1252")]


def test_text_file_mostly_utf8_is_repaired_not_read_as_windows_1252(tmp_path, caplog):
    path = tmp_path / "story.txt"
    path.write_bytes(f"{AR_MARKET}\n{AR_CLASH}\n".encode() + b"\x85 end\n")
    other = tmp_path / "plain.txt"
    other.write_text(AR_DRONE, encoding="utf-8")
    reader, articles = _read(tmp_path, caplog)
    assert articles["story"].text == f"{AR_MARKET}\n{AR_CLASH}\n\ufffd end\n"
    assert articles["plain"].text == AR_DRONE
    (where, why), = reader.repaired
    assert where == str(path) and "(first at line 3, byte" in why


def test_text_file_plainly_not_utf8_is_still_windows_1252(tmp_path, caplog):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\u00e9 bombing in Sa\u00efda \u2013 two dead.".encode("cp1252"))
    reader, articles = _read(path, caplog)
    assert articles["latin"].text == "Caf\u00e9 bombing in Sa\u00efda \u2013 two dead."
    assert reader.repaired == [(str(path), "not UTF-8 (byte 3); read as Windows-1252")]


def test_decode_repairs_or_falls_back(caplog):
    with caplog.at_level(logging.WARNING, logger="conflictmap.article"):
        assert decode(AR_CLASH.encode() + b"\xff", where="x") == AR_CLASH + "\ufffd"
        assert decode(b"\xef\xbb\xbfna\xefve", where="y") == "na\u00efve"
    assert "x: 1 byte not UTF-8" in caplog.text and "y: not UTF-8" in caplog.text


def test_many_repairs_in_one_file_are_listed_but_warned_in_short(tmp_path, caplog):
    path = tmp_path / "excel.csv"
    rows = [f"r{n},Caf\u00e9 number {n} was shelled.".encode("cp1252") for n in range(30)]
    _write(path, b"id,text", *rows)
    reader, articles = _read(path, caplog)
    assert len(articles) == 30 and len(reader.repaired) == 30
    warned = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warned) == 21 and "10 more records were repaired" in warned[-1].getMessage()


# --- 4. NUL bytes and binary files ----------------------------------------------------------

def test_nul_byte_in_jsonl_harms_only_its_record(tmp_path, caplog):
    path = tmp_path / "feed.jsonl"
    _write(path, _rec(id="a", text=AR_MARKET), b'{"id": "b", "text": "Mortar\x00 fire."}',
           b'\x00\x00', _rec(id="c", text=AR_CLASH))
    reader, articles = _read(path, caplog)
    assert list(articles) == ["a", "b", "c"]
    assert articles["b"].text == "Mortar fire." and articles["a"].text == AR_MARKET
    assert reader.repaired == [(f"{path}:2", "1 NUL byte removed")]
    assert reader.bad == [(f"{path}:3", "no record (2 NUL bytes removed)")]


def test_nul_escape_in_json_is_removed(tmp_path, caplog):
    path = tmp_path / "feed.jsonl"
    _write(path, b'{"id": "a", "text": "Two\\u0000 rockets."}', b'{"id": "b", "text": "\\u0000"}')
    reader, articles = _read(path, caplog)
    assert articles["a"].text == "Two rockets."
    assert reader.repaired == [(f"{path}:1", "NUL characters removed from text")]
    assert reader.bad == [(f"{path}:2", "'text' holds only NUL characters")]


def test_nul_byte_in_csv_harms_only_its_row(tmp_path, caplog):
    path = tmp_path / "rows.csv"
    _write(path, b"id,text", b"a,Shots\x00 rang out.", b"b," + AR_CLASH.encode())
    reader, articles = _read(path, caplog)
    assert articles["a"].text == "Shots rang out." and articles["b"].text == AR_CLASH
    assert reader.repaired == [(f"{path}:2", "1 NUL byte removed")]


def test_text_file_with_a_stray_nul_is_read(tmp_path, caplog):
    path = tmp_path / "story.txt"
    path.write_bytes(b"A checkpoint\x00 was attacked. " * 20)
    reader, articles = _read(path, caplog)
    assert "\x00" not in articles["story"].text
    assert reader.repaired == [(str(path), "NUL characters removed from text")]


def _zip_bytes(tmp_path) -> bytes:
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.txt", os.urandom(4000))
    return archive.read_bytes()


@pytest.mark.parametrize("kind, reason", [
    ("png", "a PNG image, not text"),
    ("zip", "a zip archive, not text"),
    ("random", "binary data ("),
    ("utf16", "UTF-16 or UTF-32 text (save it as UTF-8)"),
])
@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".txt"])
def test_really_binary_files_are_still_refused(tmp_path, caplog, kind, reason, suffix):
    content = {
        "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        "zip": _zip_bytes(tmp_path),
        "random": bytes(range(256)) * 8,
        "utf16": '{"text": "hello"}\n'.encode("utf-16"),
    }[kind]
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / f"blob{suffix}"
    path.write_bytes(content)
    _write(folder / "good.jsonl", _rec(id="good", text=AR_MARKET))
    reader, articles = _read(folder, caplog)
    assert list(articles) == ["good"] and articles["good"].text == AR_MARKET
    (where, why), = reader.bad
    assert where == str(path) and why.startswith(reason)


def test_binary_standard_input_is_counted(monkeypatch):
    stream = io.TextIOWrapper(io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(100)))
    monkeypatch.setattr(sys, "stdin", stream)
    reader = ArticleReader("-")
    assert list(reader) == [] and reader.bad == [("<stdin>", "a PNG image, not text")]


# --- 5. a CSV without the text column -------------------------------------------------------

def test_folder_with_a_csv_without_the_text_column_goes_on(tmp_path, caplog):
    (tmp_path / "a.csv").write_text("headline,Body\nA raid,Police raided a house.\n",
                                    encoding="utf-8")
    _write(tmp_path / "b.jsonl", _rec(id="b", text=AR_MARKET))
    (tmp_path / "c.csv").write_text("id,text\nc,Rockets fell.\n", encoding="utf-8")
    reader, articles = _read(tmp_path, caplog)
    assert list(articles) == ["b", "c"]
    assert reader.bad == [
        (str(tmp_path / "a.csv"), "no 'text' column; its columns are: headline, Body")]
    assert caplog.text.count("no 'text' column") == 1


def test_csv_without_the_text_column_among_several_paths_is_skipped(tmp_path, caplog):
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("headline\nA raid\n", encoding="utf-8")
    reader, articles = _read([wrong, WIRE], caplog)
    assert list(articles) == ["wire-kirkuk"]
    assert reader.bad == [(str(wrong), "no 'text' column; its columns are: headline")]


def test_csv_without_the_text_column_named_alone_is_a_one_line_error(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("headline,body\nA,Some words.\n", encoding="utf-8")
    with pytest.raises(BadInput) as info:
        list(ArticleReader(path, text_column="story"))
    assert "\n" not in str(info.value) and "'story'" in str(info.value)


def test_malformed_csv_keeps_the_rows_before_and_the_other_files(tmp_path, caplog,
                                                                 monkeypatch):
    path = tmp_path / "a.csv"
    _write(path, b"id,text", b"a,Short.", b"b," + b"x" * 200, b"c,Never read.")
    _write(tmp_path / "b.jsonl", _rec(id="d", text=AR_CLASH))
    limit = csv.field_size_limit()
    monkeypatch.setattr(article_module, "_CSV_FIELD_LIMIT", 100)
    try:
        csv.field_size_limit(100)
        reader, articles = _read(tmp_path, caplog)
    finally:
        csv.field_size_limit(limit)
    assert list(articles) == ["a", "d"]
    (where, why), = reader.bad
    assert where == f"{path}:3" and why.startswith("malformed CSV (field larger")


# --- 6. title, url and source of records ----------------------------------------------------

@pytest.mark.parametrize("url", ["https://example.org/a?b=1&c=2", "javascript:alert(1)",
                                 "ftp://example.org/x", "example.org/no-scheme", ""])
def test_jsonl_and_csv_records_pass_title_url_and_source_as_given(tmp_path, url):
    _write(tmp_path / "a.jsonl", _rec(id=17, title="Strike on a depot", url=url,
                                      source="Example Wire", text="A depot was hit."))
    with (tmp_path / "b.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["ID", "Title", "URL", "Source", "Text"],
                                  ["b1", "قصف", url, "Example Arabic", AR_MARKET]])
    first, second = read_articles(tmp_path)
    assert (first.id, first.title, first.url, first.source) == (
        "17", "Strike on a depot", url, "Example Wire")
    assert (second.id, second.title, second.url, second.source) == (
        "b1", "قصف", url, "Example Arabic")
    assert second.text == AR_MARKET


# --- 7. progress totals ---------------------------------------------------------------------

def test_total_bytes_is_the_size_of_the_inputs():
    sizes = sum(p.stat().st_size for p in ARTICLES.rglob("*") if p.is_file())
    assert ArticleReader(ARTICLES).total_bytes() == sizes
    assert ArticleReader([WIRE, FEED]).total_bytes() == (
        WIRE.stat().st_size + FEED.stat().st_size)
    assert ArticleReader([WIRE, "-"]).total_bytes() is None


def test_bytes_read_grows_record_by_record_and_ends_at_the_total(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [_rec(id=str(n), text=f"{AR_CLASH} {n}") for n in range(5)]
    _write(path, *lines, b"not json")
    (tmp_path / "z.png.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(50))
    reader = ArticleReader(tmp_path)
    total = reader.total_bytes()
    seen = [reader.bytes_read for _ in reader]
    assert seen == [sum(len(line) + 1 for line in lines[:n + 1]) for n in range(5)]
    assert reader.bytes_read == total == path.stat().st_size + 58
    assert [reader.bytes_read for _ in reader] == seen  # starts again on each pass


def test_bytes_read_counts_csv_rows_and_standard_input(tmp_path, monkeypatch):
    path = tmp_path / "rows.csv"
    _write(path, b"text", b'"two\nlines"', b"one", end=b"\r\n")
    reader = ArticleReader(path)
    assert [reader.bytes_read for _ in reader] == [6 + 13, 6 + 13 + 5]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(HEADED.encode())))
    reader = ArticleReader("-")
    list(reader)
    assert reader.bytes_read == len(HEADED.encode())
