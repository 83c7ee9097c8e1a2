"""The cleaning stage. Fixtures are invented texts that imitate the noise of real pages;
the last tests run on ../shared/seeds when it is there."""
from __future__ import annotations

from pathlib import Path

import pytest

from factoid.clean import clean
from factoid.glosses import split_link
from factoid.model import Document
from factoid.mojibake import align

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def run(raw: str) -> Document:
    doc = clean(Document(id="t", uri="t.txt", raw=raw))
    check_offsets(doc)
    return doc


def check_offsets(doc: Document, repaired: bool = False):
    """The map has one entry per clean char plus one, never goes back, stays inside the
    raw text, and points every copied char at itself (inserted separators are whitespace)."""
    raw, text, offsets = doc.raw, doc.clean, doc.offsets
    assert len(offsets) == len(text) + 1
    assert all(a <= b for a, b in zip(offsets, offsets[1:]))
    assert 0 <= offsets[-1] <= len(raw)
    for i, ch in enumerate(text):
        assert offsets[i] < len(raw)
        if not ch.isspace() and not repaired:
            assert raw[offsets[i]] == ch, (i, ch, raw[offsets[i]])


def kinds(doc: Document, kind: str) -> list[str]:
    return [doc.raw[r.start:r.end] for r in doc.regions if r.kind == kind]


def hint(doc: Document, key: str) -> str:
    values = [h.value for h in doc.hints if h.key == key]
    assert values, f"no {key!r} hint in {doc.hints}"
    for h in doc.hints:
        assert doc.raw[h.start:h.end] == h.value
    return values[0]


# --- link glosses ---------------------------------------------------------------------------

GLOSSED = (
    "Marta Oleynik (4 May 1881 – 2 June 1950) was a teacher who spent her life in the north.\n"
    "\n"
    "Marta Oleynik was born in\n"
    "Zarechensk Zarechensk (Russian: Зареченск) is a small river port in the north of the "
    "province, known for its timber yards and ...\n"
    ",\n"
    "Olonets Province Olonets Province was an administrative unit of the old empire, created in "
    "the late eighteenth century and ...\n"
    "in\n"
    "Karelia Karelia ( ; Finnish: Karjala) is a region of forests and lakes shared by two "
    "countries, with a long and ...\n"
    ". Her uncle\n"
    "Pavel Oleynik Pavel Andreyevich Oleynik (2 (14) March 1861 – 9 October 1930) was a surveyor "
    "who mapped the coast of ...\n"
    "taught her to read. She later joined the\n"
    "Guild The Guild of Teachers was a professional body founded in the capital in 1862 and "
    "dissolved after ...\n"
    "and studied\n"
    "botany Botany is the science of plant life and a branch of biology, the study of plants "
    "and ...\n"
    "at home. In Paris she met\n"
    "Maxim Orlov Pyotr Semyonovich Volkov (1 May 1850 – 3 June 1920), better known as Maxim "
    "Orlov, was a playwright ...\n"
    "(the author of\n"
    "Winter Tales ''Winter Tales'' is a cycle of stories first printed in a weekly magazine "
    "in ...\n"
    ") and\n"
    "lived near\n"
    "Old Square Market Square or Town Square is the central square of the old town, laid out in "
    "the ...\n"
    "until the\n"
    "Great Northern War Northern War, also called the Long War, was a conflict fought around "
    "the ...\n"
    "ended.\n"
)


def test_glosses_are_removed_and_link_texts_kept():
    doc = run(GLOSSED)
    assert "Marta Oleynik was born in Zarechensk, Olonets Province in Karelia. Her uncle " \
           "Pavel Oleynik taught her to read." in doc.clean
    assert "joined the Guild and studied botany at home." in doc.clean
    assert "In Paris she met Maxim Orlov (the author of Winter Tales) and lived near Old " \
           "Square until the Great Northern War ended." in doc.clean
    labels = [r.label for r in doc.regions if r.kind == "gloss"]
    assert labels == ["Zarechensk", "Olonets Province", "Karelia", "Pavel Oleynik", "Guild",
                      "botany", "Maxim Orlov", "Winter Tales", "Old Square", "Great Northern War"]
    for gloss in kinds(doc, "gloss"):
        assert gloss.endswith("...")


def test_dates_inside_glosses_never_reach_the_clean_text():
    doc = run(GLOSSED)
    for date in ("1861", "1930", "1862", "1850", "3 June 1920"):
        assert date not in doc.clean
    assert "4 May 1881" in doc.clean       # the subject's own dates stay


@pytest.mark.parametrize("line, link", [
    ("Riga Riga is the capital of a Baltic country and its largest city, a port ...", "Riga"),
    ("Narodnik The Narodniks were members of a movement of the educated classes ...",
     "Narodnik"),
    ("Tver Governorate Tver Governorate (Russian: Тверская губерния) was a province ...",
     "Tver Governorate"),
    ("Anna Vogel Anna Maria Vogel (3 (15) April 1884, Perm – 1 May 1936) was a painter ...",
     "Anna Vogel"),
    ("Orlov Pyotr Semyonovich Volkov. ( 1850 – 3 June 1920), better known as Orlov, was ...",
     "Orlov"),
    ("People's Deputy Deputy (also delegate) names a member of an elected assembly ...",
     "People's Deputy"),
    ("Tarusa, Russia Tarusa ( ; rus, Таруса) is a small town on the Oka, known for ...",
     "Tarusa, Russia"),
    ("St. Petersburg St. Petersburg is the second city of the country, on the Neva ...",
     "St. Petersburg"),
    ("Foreign Trade International trade means buying and selling between countries ...",
     "Foreign Trade"),
])
def test_split_link_shapes(line, link):
    found = split_link(line)
    assert found is not None
    assert line[:found[0]].strip() == link


def test_a_page_that_opens_mid_sentence_keeps_its_first_fragment():
    raw = ("Lidia Gorina was born in\n"
           "Ishim Ishim is a town in the south of the western plain, founded as a fort and ...\n"
           ", a town on the\n"
           "Tobol Tobol ( ; rus, Тобол) is a river of the western plain that flows north for ...\n"
           ". She studied there.\n")
    assert run(raw).clean == "Lidia Gorina was born in Ishim, a town on the Tobol. She studied there."


def test_prose_ending_in_ellipsis_is_not_a_gloss():
    raw = ("He looked out of the window for a long time.\n"
           "Nothing moved in the yard and he said quietly that he would wait ...\n"
           "Then he left.\n")
    doc = run(raw)
    assert not kinds(doc, "gloss")
    assert "he would wait ..." in doc.clean


# --- joining, paragraphs, headings -----------------------------------------------------------

def test_line_breaks_inside_a_paragraph_become_single_spaces():
    raw = ("She lived in\nOdessa\n, then in\nKiev\n(\nUkraine\n) and wrote\n\"\nLetters\n\"\n"
           "in 1901.\n\nA new paragraph.\n")
    doc = run(raw)
    assert doc.clean == ('She lived in Odessa, then in Kiev (Ukraine) and wrote "Letters" '
                         "in 1901.\n\nA new paragraph.")


def test_headings_stand_alone_and_lose_their_markup():
    raw = ("Ivan Petrov was a clerk who worked at the town hall for many years.\n\n"
           "== Early life ==\nHe grew up by the river.\n\n"
           "Later years\n\nHe retired in 1930 and moved to the coast.\n"
           "## Family\nHe had two sons.\n"
           "Death[edit]\nHe died in 1941.\n")
    doc = run(raw)
    assert doc.clean == ("Ivan Petrov was a clerk who worked at the town hall for many years."
                         "\n\nEarly life\n\nHe grew up by the river.\n\nLater years\n\n"
                         "He retired in 1930 and moved to the coast.\n\nFamily\n\n"
                         "He had two sons.\n\nDeath\n\nHe died in 1941.")
    assert kinds(doc, "chrome") == ["[edit]"]


def test_long_lines_that_end_a_sentence_keep_their_line_break():
    first = "He was born in a village on the river and went to school in the town nearby. " * 2
    doc = run(first.strip() + "\nHe left for the capital in 1899.\n")
    assert doc.clean == first.strip() + "\nHe left for the capital in 1899."


# --- chrome and references -------------------------------------------------------------------

def test_site_navigation_and_wiki_chrome():
    raw = ("HOME\n\nSiteIndex\n\nOR:\n\nFrom Wikipedia, the free encyclopedia\n"
           "Jump to: navigation, search\n"
           "Olga Sorokina (1880–1944) was a Russian printer.[1] She ran a press in Kazan.[12][a]"
           " It was closed in 1919.[citation needed] Her son survived.[note 3]\n"
           "Sorokina_press_1910.jpg\n"
           "She died in 1944.\n")
    doc = run(raw)
    assert doc.clean == ("Olga Sorokina (1880–1944) was a Russian printer. She ran a press in "
                         "Kazan. It was closed in 1919. Her son survived.\n\nShe died in 1944.")
    chrome = kinds(doc, "chrome")
    for piece in ("HOME", "SiteIndex", "OR:", "[1]", "[12]", "[a]", "[citation needed]",
                  "[note 3]", "Sorokina_press_1910.jpg", "Jump to: navigation, search"):
        assert piece in chrome


def test_a_lead_broken_into_short_lines_by_links_is_kept_and_so_are_a_genealogys_life_lines():
    raw = ("Anna Petrovna Orlova\nHome\nAnna Petrovna Orlova, (\nMarch 3,\n1881 -\nMay 9,\n1937)\n"
           "Soviet engineer. Orlova was a member of the\nBolshevik party from its founding in\n1903, and one of\n"
           "the first women to build bridges in the country, which she did for many years in the north.\n")
    doc = run(raw)
    assert doc.clean.startswith("Anna Petrovna Orlova\n\nAnna Petrovna Orlova, (March 3, 1881 - May 9, 1937) "
                                "Soviet engineer. Orlova was a member of the Bolshevik party from its founding in 1903")
    assert "Home" in kinds(doc, "chrome")
    doc = run("Anna Petrovna Orlova\nb. 3 Mar 1881, Tver\nd. 9 May 1937, Omsk\nSee also\n\n"
              "Orlova was the daughter of a clerk and trained as an engineer in Petersburg before the war.\n")
    assert "b. 3 Mar 1881, Tver" in doc.clean and "d. 9 May 1937, Omsk" in doc.clean
    assert "See also" not in doc.clean


def test_title_line_stays_and_the_rest_of_the_head_goes():
    raw = ("Olga Sorokina\nA site about printers\n\n"
           "Olga Sorokina (1880–1944) was a Russian printer who ran a press in Kazan.\n")
    doc = run(raw)
    assert doc.clean.startswith("Olga Sorokina\n\nOlga Sorokina (1880")
    assert kinds(doc, "chrome") == ["A site about printers"]


def test_a_name_line_over_a_bracket_opens_the_first_sentence_and_a_catalogue_heading_stays():
    doc = run("A Site\n---|---|\nOlga Sorokina\n(1880-1944) was born in Kazan. She ran a press there.\n")
    assert "Olga Sorokina (1880-1944) was born" in doc.clean
    doc = run("Olga Sorokina\n\nSorokina, Olga Petrovna\n\nBorn 1880 in Kazan. Sorokina ran a press there.\n")
    assert "Sorokina, Olga Petrovna" in doc.clean
    # under a title that is itself a catalogue heading, and with a second spelling of the surname
    doc = run("Sorokina, Olga Petrovna\n\nSorokina or Sorokine, Olga Petrovna\n\n(1880-1944), a printer in Kazan.\n")
    assert "Sorokina or Sorokine, Olga Petrovna" in doc.clean


def test_reference_sections_and_footnotes_are_set_apart():
    raw = ("Pyotr Lebedev was a naval officer who served in the Baltic fleet for many years.\n\n"
           "  1. ^ a b Smirnov, A. (2004). Officers of the Fleet. Moscow. p. 12.\n"
           "  2. ^ Ibid.\n\n"
           "== References ==\nSmirnov, A. Officers of the Fleet. 2004.\n\n"
           "See also\n\n* Baltic fleet\n\n"
           "Legacy\n\nA ship was named after him in 1950, and a street in his home town bears his"
           " name.\n\n"
           "External links[edit]\n* Official page\n{{DEFAULTSORT:Lebedev}}\n")
    doc = run(raw)
    assert doc.clean == ("Pyotr Lebedev was a naval officer who served in the Baltic fleet for "
                         "many years.\n\nLegacy\n\nA ship was named after him in 1950, and a "
                         "street in his home town bears his name.")
    refs = " ".join(kinds(doc, "references"))
    for piece in ("Officers of the Fleet. Moscow", "Ibid.", "See also", "Official page"):
        assert piece in refs


def test_table_of_contents_and_windows_line_ends():
    raw = ("Boris Zaitsev was a printer who lived and worked in Tver all his life.\r\n"
           "Contents\r\n1 Early life\r\n2 Work\r\n2.1 The press\r\n\r\n"
           "Early life[edit]\r\nHe was born in 1870.\r\n")
    doc = run(raw)
    assert doc.clean == ("Boris Zaitsev was a printer who lived and worked in Tver all his life."
                         "\n\nEarly life\n\nHe was born in 1870.")
    assert kinds(doc, "chrome")[0].startswith("Contents\r\n1 Early life")


def test_markdown_links_and_emphasis():
    doc = run("*A short profile.*\n\nHe reformed the [currency](https://example.org/c) in 1924.\n")
    assert doc.clean == "A short profile.\n\nHe reformed the currency in 1924."


# --- infobox ---------------------------------------------------------------------------------

INFOBOX = (
    "Ivan Demidov\n\nFrom Wikipedia, the free encyclopedia\n"
    "Ivan Demidov\nИван Демидов\nDemidov_1910.jpg\n"
    "Chairman of the Town Council\nIn office\n3 March 1911 – 8 May 1915\n"
    "Preceded by\nSergei Lvov\nPersonal details\n"
    "Born Ivan Ilyich Demidov\n14 July 1872\nTver, Russian Empire\n"
    "Died 2 January 1931 (aged 58)\nParis, France\nSpouse(s) Olga Demidova\n\n"
    "Ivan Ilyich Demidov (14 July 1872 – 2 January 1931) was a Russian merchant and councillor.\n"
)


def test_infobox_becomes_hints():
    doc = run(INFOBOX)
    assert doc.clean == ("Ivan Demidov\n\nIvan Ilyich Demidov (14 July 1872 – 2 January 1931) "
                         "was a Russian merchant and councillor.")
    assert hint(doc, "office") == "Chairman of the Town Council"
    assert hint(doc, "in office") == "3 March 1911 – 8 May 1915"
    assert hint(doc, "preceded by") == "Sergei Lvov"
    assert hint(doc, "born") == "Ivan Ilyich Demidov\n14 July 1872\nTver, Russian Empire"
    assert hint(doc, "died") == "2 January 1931 (aged 58)\nParis, France"
    assert hint(doc, "spouse") == "Olga Demidova"
    assert hint(doc, "native name") == "Иван Демидов"
    box = kinds(doc, "infobox")
    assert len(box) == 1 and box[0].startswith("Ivan Demidov\nИван") and box[0].endswith("Demidova")


def test_labels_on_their_own_lines():
    raw = ("Anna Kern\nBorn\nAnna Petrovna Kern\n1 March 1800\nOrel\nDied\n27 May 1879\nMoscow\n"
           "Anna Petrovna Kern was a memoirist whose recollections are often quoted by others.\n")
    doc = run(raw)
    assert hint(doc, "born") == "Anna Petrovna Kern\n1 March 1800\nOrel"
    assert hint(doc, "died") == "27 May 1879\nMoscow"
    assert doc.clean.startswith("Anna Kern\n\nAnna Petrovna Kern was")


def test_a_label_we_have_no_key_for_ends_the_value_above_it():
    raw = ("Orlov Pavel Ivanovich\nBorn: 1881, Tver\nResidence: Kazan\nArrested: 3 May 1937\n"
           "Charge: sabotage\nRehabilitated: 1957\n")
    doc = run(raw)
    assert hint(doc, "residence") == "Kazan"


def test_an_entrys_dated_heading_under_the_page_title_stays_but_navigation_goes():
    doc = run("Glossary of People: O\nHome | Index | Search\nAnna Orlova (1881-1937)\n"
              "Russian engineer. Orlova built the first steel bridges on the upper Volga and taught at Tver.\n")
    assert "Anna Orlova (1881-1937)" in doc.clean
    assert "Search" not in doc.clean

def test_hard_wrapped_prose_is_not_an_infobox():
    raw = ("The family lived in a wooden house by the mill\n"
           "Born in that house, the boy spent his first years\n"
           "among millers and carters, and later said that\n"
           "Children of the mill were never idle for long\n"
           "because there was always grain to carry and\n"
           "sacks to mend before the winter came again\n")
    doc = run(raw)
    assert not doc.hints and not kinds(doc, "infobox")
    assert "Born in that house" in doc.clean


# --- mojibake and lost characters -------------------------------------------------------------

def test_mojibake_is_repaired_and_mapped_to_its_raw_bytes():
    raw = "Her name at birth was Ã‰lisabeth MÃ¼ller and she was born in ÐœÐµÐ·ÐµÐ½ÑŒ in 1870.\n"
    doc = clean(Document(id="t", uri="t", raw=raw))
    check_offsets(doc, repaired=True)
    assert doc.clean == "Her name at birth was Élisabeth Müller and she was born in Мезень in 1870."
    for i, ch in enumerate(doc.clean):
        if ch.isascii():
            assert raw[doc.offsets[i]] == ch
    e = doc.clean.index("É")
    assert raw[doc.offsets[e]:doc.offsets[e + 1]] == "Ã‰"
    m = doc.clean.index("М")
    assert raw[doc.offsets[m]:doc.offsets[m + 1]] == "Ðœ"


def test_uneven_repairs_map_exactly_and_stay_monotonic():
    rmap = align("ab\u00c3\u00a9\u00c3?cd", "ab\u00e9\ufffdcd")
    assert rmap == [0, 1, 2, 4, 6, 7, 8]   # "é" from "Ã©", the lost char from "Ã?"
    # double-encoded quotes around a word: the word maps to itself, each quote to its 7 chars
    raw = "\u00c3\u00a2\u00e2\u201a\u00ac\u00c5\u201cThe\u00c3\u00a2\u00e2\u201a\u00ac\u00c2\u009d"
    assert align(raw, "\u201cThe\u201d") == [0, 7, 8, 9, 10, 17]


def test_lost_characters_are_kept_and_marked():
    raw = "The old name of the town was \ufffd\ufffd\ufffd\ufffd, now forgotten by all.\n"
    doc = run(raw)
    assert "\ufffd\ufffd\ufffd\ufffd" in doc.clean
    assert kinds(doc, "lost") == ["\ufffd\ufffd\ufffd\ufffd"]


# --- quality ---------------------------------------------------------------------------------

def test_quality_separates_prose_from_scrambled_fragments():
    prose = run("Vera Lunina was born in Samara in 1890. She trained as a nurse in Kazan and "
                "served in a field hospital during the war. After 1920 she taught in a village "
                "school. She died in 1961.\n")
    scrambled = run("of the committee at the time. makes. He In other words, And then. the "
                    "\ufffd\ufffd\ufffd \ufffd.\ufffd. 14 May] 1890 – 2 June) was a and in "
                    "the garden of. expected. 22. to see him with a letter. (see p. 12 "
                    "Ibid., pp. only part of the. but no one has ever \ufffd\ufffd.\n")
    assert prose.quality >= 0.9
    assert scrambled.quality <= 0.4
    assert run("").quality == 0.0


@pytest.mark.parametrize("raw", [GLOSSED, INFOBOX])
def test_offsets_survive_any_line_cut(raw):
    """Cut the fixtures at arbitrary places: whatever comes out, the map holds."""
    for step in (7, 13, 31):
        for start in range(0, len(raw), step * 5):
            run(raw[start:start + step * 40])


def test_empty_and_blank_documents():
    for raw in ("", "\n\n  \n"):
        doc = run(raw)
        assert doc.clean == "" and list(doc.offsets) == [0] and doc.regions == ()


# --- the seed documents ----------------------------------------------------------------------

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(),
                                 reason=f"seed documents not found at {SEEDS} (../shared absent)")


def seed(prefix: str) -> Document:
    path = next(SEEDS.glob(prefix + "_*.txt"))
    return run(path.read_text(encoding="utf-8"))


@needs_seeds
def test_seed_glossed_page():
    doc = seed("000")
    assert "born in Kurgan, Tobolsk Governorate in Siberia" in doc.clean
    assert "tumulus" not in doc.clean
    assert "21 January 1924" not in doc.clean and "1884" not in doc.clean
    assert len(kinds(doc, "gloss")) > 50
    assert not doc.clean.startswith("HOME")


@needs_seeds
def test_seed_infobox_page():
    doc = seed("002")
    born, died = hint(doc, "born"), hint(doc, "died")
    assert "11 June 1890" in born and "Samara" in born
    assert "1 February 1937" in died and "Moscow" in died
    assert "[1]" not in doc.clean and "Jump to" not in doc.clean
    assert doc.clean.startswith("Leonid Serebryakov\n\n")


@needs_seeds
@pytest.mark.parametrize("prefix, low, high", [
    ("000", 0.6, 1.0), ("001", 0.8, 1.0), ("002", 0.7, 1.0), ("003", 0.0, 0.4)])
def test_seed_quality(prefix, low, high):
    assert low <= seed(prefix).quality <= high
