"""Russian documents: the language of each document, the Russian date grammar, the Russian stage
tuple (natasha's names and morphology, record fields, event rules) and one person across two
scripts. The people and documents are invented for these tests."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from factoid import pipeline
from factoid.cli import main
from factoid.language import detect
from factoid.model import Document
from factoid.nlp.russian_dates import find_dates
from factoid.stages import READ, for_language

RECORD = """Ломов Пётр Андреевич (1890)

  • Дата рождения: 1890 г.
  • Место рождения: г. Тверь
  • Национальность: русский
  • Партийность: член ВКП(б)
  • Дата ареста: 3 марта 1937 г.
  • Осуждение: 20 июня 1937 г.
  • Осудивший орган: ВКВС СССР
  • Приговор: ВМН (расстрел)
  • Дата расстрела: 21 июня 1937 г.
  • Дата реабилитации: 5 мая 1957 г.
"""

BIOGRAPHY = """Ломов, Пётр Андреевич

Пётр Андреевич Ломов (12 (24) марта 1890 — 21 июня 1937) — советский инженер и хозяйственник.
Родился в Твери в семье учителя. Учился в Петербургском политехническом институте. Член РСДРП с 1908 года.
В 1911 г. арестован и сослан в Вологодскую губернию. С 1912 по 1914 работал слесарем на механическом заводе (Тула).
С 1921 по 1925 председатель правления треста.
Его жена, Анна Сергеевна Ломова, родилась в 1895 году в Рязани и работала учительницей в школе. Ломов расстрелян в Москве 21 июня 1937 года.
"""

ENGLISH = ("Pyotr Andreyevich Lomov (24 March 1890 – 21 June 1937) was a Soviet engineer. "
           "Lomov was born in Tver. He was shot in Moscow in 1937.")

GERMAN = ("Karl Friedrich Brenner wurde im Jahre 1850 in einer kleinen Stadt an der Elbe geboren. Er besuchte "
          "dort die Schule und studierte später an der Universität Leipzig Rechtswissenschaft. Nach dem "
          "Studium arbeitete er viele Jahre als Richter und schrieb mehrere Bücher über die Geschichte "
          "seiner Heimat, die noch heute gelesen werden.")


def _doc(text: str, name: str = "d") -> Document:
    return Document(id=name, uri=f"/x/{name}.txt", raw=text)


def _facts(doc: Document, prop: str) -> list:
    return [f for f in doc.factoids if f.property == prop]


@pytest.fixture(scope="module")
def record():
    return pipeline.process([_doc(RECORD, "record")])[0]


@pytest.fixture(scope="module")
def biography():
    return pipeline.process([_doc(BIOGRAPHY, "bio")])[0]


# -- language -------------------------------------------------------------------------------

def test_language_is_told_by_script_and_by_the_identifier():
    assert detect(BIOGRAPHY) == "ru"
    assert detect(ENGLISH) == "en"
    assert detect(GERMAN) == "de"
    # too little text to trust the identifier: the script's default stands
    assert detect("Karl Brenner, Richter") == "en"
    assert detect("12.03.1890") == "en"  # no letters at all: read as English, as always


def test_each_language_has_one_stage_tuple_and_others_are_only_cleaned():
    assert [s.name for s in for_language("ru")] == ["clean", "annotate", "extract"]
    assert [s.name for s in for_language("en")][0] == "clean" and "parse" in [s.name for s in for_language("en")]
    assert [s.name for s in for_language("de")] == ["clean"]
    assert "de" not in READ and "ru" in READ


def test_importing_factoid_loads_neither_natasha_nor_the_identifier():
    code = "import sys, factoid, factoid.pipeline; print(sorted(m for m in ('natasha', 'py3langid') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- dates ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, edtf, julian", [
    ("родился 12 (24) марта 1890 года", "1890-03-24", "1890-03-12"),
    ("родился 19 февраля (3 марта) 1871 г.", "1871-03-03", "1871-02-19"),
    ("(19.02(03.03).1871 - 1930)", "1871-03-03", "1871-02-19"),
    ("[7(19).4. 1871 - 1930]", "1871-04-19", "1871-04-07"),
    ("в 1905 г. вступил", "1905", None),
    ("арестован в февр. 1912", "1912-02", None),
    ("в сентябре 1899 года", "1899-09", None),
    ("Дата ареста: 3 марта 1937 г.", "1937-03-03", None),
    ("нарком 14.05.22", "1922-05-14", None),
])
def test_russian_dates(text, edtf, julian):
    found = find_dates(text)
    assert found, text
    assert (found[0].date.edtf, found[0].date.julian) == (edtf, julian)
    if julian:
        assert found[0].date.calendar == "julian"


def test_two_months_of_one_year():
    found = find_dates("в июне–дек. 1918 командовал полком")
    assert [(m.text, m.date.edtf) for m in found] == [("июне", "1918-06"), ("дек. 1918", "1918-12")]


def test_words_that_begin_like_a_month_are_no_month():
    found = find_dates("о марксизме 1917 года; майор в 1920")
    assert [m.date.edtf for m in found] == ["1917", "1920"]


def test_a_number_inside_an_article_number_is_no_year():
    assert find_dates("статьи 58-1а и 58-11") == []


# -- record fields --------------------------------------------------------------------------

def test_a_memorial_record_is_read_field_by_field(record):
    assert record.language == "ru"
    assert record.subject == "Пётр Андреевич Ломов"
    by = {(f.property, f.date.edtf if f.date else None, f.place, f.object) for f in record.factoids}
    assert ("birth", "1890", None, None) in by
    assert ("birth", None, "Тверь", None) in by
    assert ("arrest", "1937-03-03", None, None) in by
    assert ("sentence", "1937-06-20", None, None) in by
    assert ("sentence", None, None, "ВКВС СССР") in by
    assert ("execution", "1937-06-21", None, None) in by
    assert ("death", "1937-06-21", None, None) in by  # the shooting is the death
    assert ("rehabilitation", "1957-05-05", None, None) in by
    assert ("nationality", None, None, "русский") in by
    assert ("party", None, None, "ВКП(б)") in by
    for f in record.factoids:  # every span points into the raw text and quotes it
        assert record.raw[f.span.start:f.span.end] == f.quote


# -- prose ----------------------------------------------------------------------------------

def test_the_lead_gives_both_calendars_and_the_death(biography):
    births = [f for f in _facts(biography, "birth") if f.date]
    assert any(f.date.edtf == "1890-03-24" and f.date.julian == "1890-03-12" for f in births)
    assert any(f.date and f.date.edtf == "1937-06-21" for f in _facts(biography, "death"))


def test_a_place_is_given_in_the_nominative(biography):
    assert "Тверь" in {f.place for f in _facts(biography, "birth")}
    assert any(f.place == "Москва" for f in _facts(biography, "execution"))


def test_party_office_arrest_exile_and_school(biography):
    party = _facts(biography, "party")
    assert any(f.object == "РСДРП" and f.start and f.start.edtf == "1908" for f in party)
    assert any(f.date and f.date.edtf == "1911" for f in _facts(biography, "arrest"))
    assert any(f.date and f.date.edtf == "1911" for f in _facts(biography, "exile"))
    offices = _facts(biography, "position")
    assert any(f.object.startswith("председатель") and f.start.edtf == "1921" and f.end.edtf == "1925"
               for f in offices)
    assert any("политехническом институте" in (f.object or "") for f in _facts(biography, "education"))


def test_work_with_its_town_and_years(biography):
    work = _facts(biography, "employment")
    assert any("слесарем" in f.object and f.place == "Тула" and (f.start.edtf, f.end.edtf) == ("1912", "1914")
               for f in work)
    assert not any("учительниц" in (f.object or "") for f in work)  # "работала": the wife's


def test_a_birth_name_in_brackets_and_a_stated_surname_are_aliases():
    text = ("Сергей Ильич (Самуил Ицкович) Вершинин (Вершин) — участник революционного движения.\n"
            "Вершинин родился в 1885 году в Гомеле; при рождении носил фамилию Вершин.")
    doc = pipeline.process([_doc(text, "alias")])[0]
    aliases = {f.object for f in _facts(doc, "alias")}
    assert {"Самуил Ицкович", "Вершин"} <= aliases
    assert any(f.date and f.date.edtf == "1885" and f.place == "Гомель" for f in _facts(doc, "birth"))


def test_a_wifes_birth_is_not_the_subjects(biography):
    """"Его жена ... родилась в 1895 году": a kin word and a feminine verb in a man's biography."""
    years = {f.date.year for f in _facts(biography, "birth") if f.date}
    assert 1895 not in years
    assert all("Рязан" not in (f.place or "") for f in biography.factoids)


def test_a_page_with_no_person_gives_no_person():
    doc = pipeline.process([_doc("Погода в городе была тёплой всю осень 1925 года, урожай собрали рано.")])[0]
    assert doc.language == "ru" and doc.persons == () and doc.factoids == ()


# -- ingest, export, resolution across scripts ----------------------------------------------

def test_ingest_says_which_documents_it_did_not_read_and_exports_every_language(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "lomov_ru.txt").write_text(BIOGRAPHY, encoding="utf-8")
    (folder / "lomov_en.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "brenner_de.txt").write_text(GERMAN, encoding="utf-8")
    db, out = tmp_path / "kb.db", tmp_path / "kb.jsonl"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    assert "1 document in German: stored, not extracted" in result.stdout
    assert CliRunner().invoke(main, ["export", "--db", str(db), "--out", str(out)]).exit_code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    languages = {r["source"]: r["language"] for r in rows if r["type"] == "source"}
    assert languages == {"lomov_ru.txt": "ru", "lomov_en.txt": "en", "brenner_de.txt": "de"}
    assert not [r for r in rows if r["type"] == "factoid" and r["source"] == "brenner_de.txt"]
    # the Russian and the English page are one person, known under both scripts
    lomov = [r for r in rows if r["type"] == "person" and "Lomov" in " ".join([r["name"], *r["aliases"]])]
    assert len(lomov) == 1
    assert any("Ломов" in a for a in lomov[0]["aliases"])
    # a German document is still searchable
    found = CliRunner().invoke(main, ["search", "Richter", "--db", str(db)])
    assert "brenner_de.txt" in found.stdout


def test_a_person_is_found_by_a_name_in_either_script(tmp_path):
    """`factoid people -s` and the API's q: a Latin needle finds a person known only in Cyrillic,
    a Cyrillic needle one known only in Latin letters."""
    from factoid import views
    from factoid.store import Store, queries
    for name, text, needle, shown in (("ru", BIOGRAPHY, "Lomov", "Ломов"), ("en", ENGLISH, "Ломов", "Lomov")):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        db = tmp_path / f"{name}.db"
        assert CliRunner().invoke(main, ["ingest", str(tmp_path / f"{name}.txt"), "--db", str(db), "-q"]).exit_code == 0
        with Store(db, readonly=True) as store:
            assert any(shown in p["name"] for p in views.people(store, needle))
            assert any(shown in p["name"] for p in queries.people_page(store, q=needle)["items"])


def test_confinement_names_its_prison_and_years():
    text = ("Глеб Аркадьевич Стужин — революционер.\n"
            "В 1907–1909 гг. Стужин содержался в Бутырской тюрьме, затем уехал в Женеву.")
    doc = pipeline.process([_doc(text, "prison")])[0]
    kept = _facts(doc, "imprisonment")
    assert any(f.place == "Бутырской тюрьме" and (f.start.edtf, f.end.edtf) == ("1907", "1909") for f in kept)


def test_names_are_put_in_the_nominative_from_their_words_alone():
    from factoid.nlp.russian import _natasha
    from factoid.nlp.russian_forms import person_form, place_form
    vocab = _natasha()[4]
    assert place_form("Вологодскую губернию", vocab) == "Вологодская губерния"
    assert place_form("Твери", vocab) == "Тверь"
    assert place_form("Донское кладбище", vocab) == "Донское кладбище"  # already a nominative
    assert person_form("Глеба", "Аркадьевича", "Стужина", vocab) == "Глеб Аркадьевич Стужин"
    # "Иона" is also the genitive of "Ион": a name that can be a nominative is kept as written
    assert person_form("Иона", "Петрович", "Вершин", vocab) == "Иона Петрович Вершин"
    assert person_form("Пётр", "Андреевич", "Ломов", vocab) == "Пётр Андреевич Ломов"


def test_the_judge_compares_places_across_scripts_and_cases():
    from factoid.judge.values import places_agree
    assert places_agree("Тверь", "Tver")
    assert places_agree("Твери", "Tver, Tver Governorate")  # an inflected form, transliterated
    assert places_agree("Вологодская губерния", "Вологодской губернии")
    assert not places_agree("Тверь", "Tula")
    assert not places_agree("Tverskoy", "Tver")  # Latin on both sides: no stem rule, as before


def test_passage_mode_reads_a_russian_passage_at_its_subjects_span():
    lines = [json.dumps({"id": "r1", "text": "Пётр Андреевич Ломов родился в 1890 году в Твери."}, ensure_ascii=False)]
    got = list(pipeline.extract_passages(lines))
    fields = {(a["property"], a["field"], a["value"]["text"]) for a in got}
    assert {("birth", "date", "1890 году"), ("birth", "place", "Твери")} <= fields
    assert all(a["subject"]["text"] == "Пётр Андреевич Ломов" for a in got)


def test_a_latin_look_alike_inside_a_cyrillic_name_is_repaired_and_matched():
    from factoid.language import repair_mixed_script
    from factoid.resolve.names import fold
    assert repair_mixed_script("Bершинин (Latin B) и London") == "Вершинин (Latin B) и London"
    assert fold("Lомов") == fold("Ломов") == "lomov"
    doc = pipeline.process([_doc("Пётр Андреевич Лoмов (1890–1937) — инженер. Родился в Твери.", "mixed")])[0]
    assert doc.subject == "Пётр Андреевич Ломов"


def test_kin_after_a_kin_word_and_parents_of_the_family_one_was_born_into():
    doc = pipeline.process([_doc(
        "Пётр Андреевич Ломов (1890 — 1937) — советский инженер.\n"
        "Родился в Твери в семье учителя Андрея (Андрона) Ломова и его жены Марии Сергеевны Ломовой.\n"
        "На снимке Ломов с маленькой дочкой Ольгой. Его сын – Сергей Петрович Ломов (1920-1990).\n"
        "Товарищи относились к нему как к сыну.", "kin")])[0]
    kin = {(f.property, f.object) for f in doc.factoids if f.property in ("parent", "child", "spouse", "sibling")}
    assert ("parent", "Андрея (Андрона) Ломова") in kin
    assert any(p == "parent" and o.startswith("Мари") for p, o in kin), kin
    assert ("child", "Сергей Петрович Ломов") in kin and any(p == "child" and o.startswith("Ольг") for p, o in kin)
    assert not any(p == "spouse" for p, _ in kin)  # "его жены" is the father's wife


def test_the_case_one_was_shot_in_is_a_trial_and_a_served_term_names_none():
    doc = pipeline.process([_doc(
        "Пётр Андреевич Ломов (1890 — 1937) — советский инженер.\n"
        "В 1912 г. отбывал каторгу по делу Тверской группы РСДРП. Расстрелян в 1937 году по «делу "
        "вредительской организации в наркомате».", "case")])[0]
    trials = [(f.object, f.date.edtf if f.date else None) for f in doc.factoids if f.property == "trial"]
    assert trials == [("делу вредительской организации в наркомате", "1937")]


def test_a_participle_in_apposition_tells_a_birth_and_a_death():
    """"Ивана Петровича Орлова, родившегося 3 мая 1890 года в Твери": the participle's clause."""
    doc = pipeline.process([_doc("Статья о судьбе Ивана Петровича Орлова, родившегося 3 мая 1890 года в Твери "
                                 "и скончавшегося 9 июня 1941 года в Казани. Его сестра, родившаяся в 1893 году, "
                                 "жила в Орле.")])[0]
    assert [(f.date.edtf, f.place) for f in _facts(doc, "birth")] == [("1890-05-03", "Тверь")]
    assert [f.date.edtf for f in _facts(doc, "death")] == ["1941-06-09"]


def test_names_are_tagged_from_windows_as_from_whole_sentences():
    """The morphology tagger reads only a window around each name (nlp/russian.py): every name
    token must get the tag that tagging its whole sentence gives, in a long sentence with names
    near both ends and two names close together, across a batch of documents."""
    from factoid.nlp.russian import _for_models, _natasha, _tag_sentences_with_names
    Doc, segmenter, morph, ner, _, _ = _natasha()
    long = ("Письмо Петра Андреевича Ломова было получено в Твери, где его ждали товарищи по партии, "
            "рабочие механического завода и учителя городской школы, а также Анна Сергеевна Ломова "
            "и её брат Николай Сергеевич Беляев, которые жили в Рязани.")
    texts = [long, BIOGRAPHY, "Сведений о людях нет.", long + " " + long]
    docs = []
    for text in texts:
        nd = Doc(_for_models(text)[0])
        nd.segment(segmenter)
        nd.tag_ner(ner)
        docs.append(nd)
    tagged = _tag_sentences_with_names(docs, morph)
    names = [t for nd in docs for sp in nd.spans for t in sp.tokens if any(id(t) in seen for seen in tagged)]
    assert len(names) > 10
    for nd, seen in zip(docs, tagged):
        sentences = [s for s in nd.sents if any(id(t) in seen for t in s.tokens)]
        for sent, markup in zip(sentences, morph.map([[t.text for t in s.tokens] for s in sentences])):
            for token, whole in zip(sent.tokens, markup.tokens):
                if any(token is t for sp in nd.spans for t in sp.tokens):
                    assert (token.pos, token.feats) == (whole.pos, whole.feats), token.text
    assert tagged[2] == set()  # no person named: nothing tagged


def test_windows_join_when_they_overlap():
    from factoid.nlp.russian import _windows
    tokens = [object() for _ in range(30)]
    wanted = {id(tokens[k]) for k in (0, 5, 6, 20)}
    pieces = _windows(tokens, wanted, 3)
    assert [(tokens.index(p[0][0]), len(p[0]), p[1]) for p in pieces] == [(0, 10, [0, 5, 6]), (17, 7, [3])]
    assert _windows(tokens, wanted, None) == [(tokens, [0, 5, 6, 20])]
    assert _windows(tokens, set(), 3) == []
