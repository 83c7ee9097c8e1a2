"""Birth and death extraction on small texts written for these tests."""
import pytest

from factoid import Document, process
from factoid.extract.names import clean_name, is_variant
from factoid.pipeline import process as process_passages


def facts(text, passage=False):
    doc = process_passages([Document(id="t", uri="t.txt", raw=text)], passage=passage)[0]
    return doc, [(f.person_name, f.property, f.date.edtf if f.date else None, f.place) for f in doc.factoids]


def test_lead_life_dates_belong_to_the_name_before_them():
    doc, found = facts("Pavel Ivanovich Orlov (Russian: Павел Орлов; 4 March 1881 – 9 May 1937) was an engineer.")
    assert ("Pavel Ivanovich Orlov", "birth", "1881-03-04", None) in found
    assert ("Pavel Ivanovich Orlov", "death", "1937-05-09", None) in found


def test_a_genealogys_b_and_d_lines_under_the_name_are_the_life():
    doc, found = facts("Pavel Ivanovich Orlov\nb. 12 Feb 1885, Tver, Russian Empire\nd. 30 Oct 1941, Omsk, USSR\n\n"
                       "Pavel Orlov was the eldest son of Ivan Orlov, a clerk, and his wife Vera (née Lang). "
                       "Orlov was arrested in 1937 and was cleared of all charges in 1956.")
    assert ("Pavel Ivanovich Orlov", "birth", "1885-02-12", "Tver") in found
    assert ("Pavel Ivanovich Orlov", "death", "1941-10-30", "Omsk") in found
    assert ("Pavel Ivanovich Orlov", "rehabilitation", "1956", None) in found
    kin = {(f.person_name, f.property, f.object) for f in doc.factoids if f.property in ("parent", "spouse")}
    assert {("Pavel Ivanovich Orlov", "parent", "Ivan Orlov"), ("Pavel Ivanovich Orlov", "parent", "Vera")} <= kin
    assert ("Pavel Ivanovich Orlov", "spouse", "Vera") not in kin  # his father's wife, not his


def test_a_records_lone_life_span_or_dated_place_lines_under_the_name_are_the_life():
    _, found = facts("PEOPLE\n1881–1937\nORLOVA\nANNA\nEngineer\nAnna Orlova was born in Tver. She built bridges "
                     "across the northern rivers for many years.")
    assert {(p, d) for _, p, d, _ in found if p in ("birth", "death") and d} == {("birth", "1881"), ("death", "1937")}
    _, found = facts("Pavel Orlov\n03.07.1854 Tver, Russia\n12.08.1928 Omsk (Siberia), Russia\n\n"
                     "Pavel Orlov studied at the teachers' school in Tver and taught music there until 1904.")
    assert ("Pavel Orlov", "birth", "1854-07-03", "Tver") in found
    assert ("Pavel Orlov", "death", "1928-08-12", "Omsk") in found


def test_no_entity_runs_across_a_paragraph_break():
    from factoid.nlp.entities import find_entities
    text = "Pavel Ivanovich Orlov\nb. 12 Feb 1885, Tver, Russian Empire\nd. 30 Oct 1941, Omsk, USSR\n\nPavel Orlov was a clerk."
    found = next(find_entities([text]))
    assert found and not [m.text for m in found if "\n\n" in m.text]
    assert all(text[m.start:m.end] == m.text for m in found)
    assert any(m.text == "Pavel Orlov" for m in found)


def test_old_style_birth_keeps_both_readings():
    doc, _ = facts("Pavel Orlov (3 (15) April 1884 – 1937) was an engineer. Orlov was born in Tver.")
    birth = next(f for f in doc.factoids if f.property == "birth" and f.date)
    assert (birth.date.edtf, birth.date.julian, birth.date.calendar) == ("1884-04-15", "1884-04-03", "julian")


def test_born_sentence_gives_date_and_most_specific_place():
    _, found = facts("Maria Petrova was a chemist. Petrova was born on 2 May 1901 in Kazan, Russian Empire.")
    assert ("Maria Petrova", "birth", "1901-05-02", "Kazan") in found


def test_participle_opening_attaches_to_the_main_clause_subject():
    _, found = facts("Ivan Sidorov was a printer. Born at Tula, Sidorov worked in a factory.")
    assert ("Ivan Sidorov", "birth", None, "Tula") in found


def test_birth_name_is_skipped_before_the_birth():
    _, found = facts("Lev Markov was a writer. He was born Leib Markovich on 1 June 1890 in Minsk.")
    assert ("Lev Markov", "birth", "1890-06-01", "Minsk") in found


def test_death_verbs_and_executions():
    _, found = facts("Oleg Belov was an officer. Belov was shot on 3 July 1938 at the Butovo firing range.")
    assert ("Oleg Belov", "death", "1938-07-03", "Butovo") in found
    assert ("Oleg Belov", "execution", "1938-07-03", "Butovo firing range") in found


def test_where_he_remained_until_his_death_gives_the_place():
    _, found = facts("Oleg Belov was a diplomat. In 1925 Belov moved to Rome, where he remained until his death.")
    assert ("Oleg Belov", "death", None, "Rome") in found


def test_sentenced_to_death_is_not_a_death():
    _, found = facts("Oleg Belov was a diplomat. Belov was sentenced to death in 1937.")
    assert not [f for f in found if f[1] == "death"]


def test_a_relatives_birth_is_not_the_subjects():
    _, found = facts("Oleg Belov was a diplomat. His son, born in 1920 in Kiev, became a pilot.")
    assert not [f for f in found if f[1] == "birth"]


def test_a_date_with_no_year_is_never_completed():
    _, found = facts("Oleg Belov was a diplomat. Belov died on 5 March.")
    assert not [f for f in found if f[2]]


def test_passage_mode_reports_pronoun_subjects():
    doc, found = facts("He was born in 1950 in Boston, Massachusetts.", passage=True)
    assert ("He", "birth", "1950", "Boston") in found
    roles = [role for role, *_ in doc.factoids[0].evidence]
    assert roles.count("place") == 2 and roles[0] == "subject"


def test_without_a_named_subject_pronoun_facts_are_dropped_from_documents():
    _, found = facts("He was born in 1950 in Boston.")
    assert found == []


def test_evidence_spans_point_into_raw_text():
    raw = "Anna Volkova (1 May 1900 – 2 June 1970) was a teacher [1]. Volkova was born in Kazan."
    doc, _ = facts(raw)
    for fact in doc.factoids:
        assert raw[fact.span.start:fact.span.end] == fact.quote
        for role, start, end in fact.evidence:
            assert raw[start:end].strip() == raw[start:end] and raw[start:end]


@pytest.mark.parametrize("short,full,same", [
    ("Krasin", "Leonid Borisovich Krasin", True),
    ("Leonid Krasin", "Leonid Borisovich Krasin", True),
    ("L. B. Krasin", "Leonid Borisovich Krasin", True),
    ("Boris Krasin", "Leonid Borisovich Krasin", False),
    ("Krasina", "Leonid Borisovich Krasin", False),
    # surname first, as Russian registers write it: the patronymic last, or the full name known
    ("Krasin Leonid Borisovich", "Leonid Borisovich Krasin", True),
    ("Krasin Leonid", "Leonid Borisovich Krasin", True),
    ("Krasin Boris", "Leonid Borisovich Krasin", False),
    ("Borisovich Krasin", "Leonid Krasin", True),  # NER cut the given name off
    ("Ivanovich Krasin", "Leonid Borisovich Krasin", False),
    ("Leonid Borisovich", "Leonid Borisovich Krasin", True),  # given name and patronymic
    ("Leonid Ivanovich", "Leonid Borisovich Krasin", False),
    ("Leonid Krasin Borisovich", "Leonid Borisovich Krasin", True),  # the surname told by its ending
    ("Leonid Borisovich Krasin", "Krasin Leonid Borisovich", True),
])
def test_name_variants(short, full, same):
    assert is_variant(short, full) is same


def test_clean_name_drops_titles_and_possessives():
    assert clean_name("General Ivan Petrov's") == "Ivan Petrov"


def test_public_process_runs_document_stages():
    doc = process([Document(id="x", uri="x.txt", raw="Anna Volkova (1 May 1900 – 2 June 1970) was a teacher.")])[0]
    assert doc.subject == "Anna Volkova" and doc.clean and len(doc.offsets) == len(doc.clean) + 1


def test_a_value_is_subsumed_only_by_whole_words_and_never_a_pronoun():
    from factoid.extract import _most_informative
    from factoid.model import Factoid, Span

    def fact(i, obj):
        return Factoid(person="d:1", property="spouse", span=Span("d", i, i + 5), quote="q", extractor="r",
                       confidence=0.5, object=obj, id=f"f{i}")
    kept = _most_informative([fact(0, "Stephen Holm"), fact(10, "he"), fact(20, "Ann"), fact(30, "Joanna"),
                              fact(40, "Holm")])
    assert {f.object for f in kept} == {"Stephen Holm", "he", "Ann", "Joanna"}


def test_in_passage_mode_a_factoid_is_contained_only_in_one_with_the_same_mentions():
    from factoid.extract import _most_informative
    from factoid.model import Factoid, Span

    def fact(i, obj, subject, value=None):
        return Factoid(person="d:1", property="employment", span=Span("d", i, i + 5), quote="q", extractor="r",
                       confidence=0.5, object=obj, id=f"f{i}",
                       evidence=(("subject", *subject), ("object", *(value or (i, i + 5)))))
    wide, narrow = fact(0, "Sandoz Canada", (0, 2), (0, 13)), fact(10, "Sandoz", (30, 33))
    assert _most_informative([wide, narrow]) == [wide]
    assert _most_informative([wide, narrow], passage=True) == [wide, narrow]
    inside = fact(20, "Sandoz", (0, 2), (0, 6))   # the same subject mention, the value within wide's
    assert _most_informative([wide, inside], passage=True) == [wide]
    # the same subject mention, but another mention of the value: each mention is reported
    elsewhere = fact(40, "Sandoz", (0, 2), (40, 46))
    assert _most_informative([wide, elsewhere], passage=True) == [wide, elsewhere]


def test_a_title_that_repeats_the_lead_name_does_not_double_it():
    doc = process([Document(id="x", uri="x.txt", raw="Vera Orlova\n\nVera Orlova (3 May 1901 – 9 June 1960) "
                                                      "was a Russian agronomist. Orlova taught in Voronezh.")])[0]
    assert doc.subject == "Vera Orlova"


def test_terse_reference_marks_for_birth_and_death():
    _, found = facts("PETROV, Anton Ilyich, engineer; b 4 March 1881 in Tver; d 9 May 1937 in Kazan.")
    assert ("Anton Ilyich", "birth", "1881-03-04", "Tver") in found
    assert ("Anton Ilyich", "death", "1937-05-09", "Kazan") in found
    _, found = facts("Karl Weber was a composer. His son b was a painter in 1905.")
    assert [f for f in found if f[1] == "birth"] == []  # a lone letter before no number


def test_a_dictionary_record_line_in_brackets_gives_birth_and_death():
    doc, found = facts("Orlov, Pavel (Ivanovich)\n\nbiographical name\n\n(born Feb. 16, 1881, near Tver, Russia—died "
                       "June 11, 1937) Soviet engineer. Orlov built bridges.")
    assert ("Pavel Ivanovich Orlov", "birth", "1881-02-16", "Tver") in found
    assert ("Pavel Ivanovich Orlov", "death", "1937-06-11", None) in found


def test_a_lead_whose_birth_date_a_copy_lost_still_gives_the_death():
    _, found = facts("Pavel Ivanovich Orlov (; ; – 9 May 1937) was a Russian engineer.")
    assert ("Pavel Ivanovich Orlov", "death", "1937-05-09", None) in found
    assert not any(p == "birth" for _, p, _, _ in found)


def test_the_entrys_own_heading_spelling_is_the_subjects_name():
    doc, found = facts("Reference Work/Orlov, Pavel\n\nOr'lov, Pavlo (pa' vel), a Russian engineer, was born near "
                       "Tver, Oct 10, 1861. He built bridges.")
    assert doc.subject == "Pavel Orlov"
    assert ("Pavel Orlov", "birth", "1861-10-10", "Tver") in found


def test_a_page_titles_name_and_a_maiden_name_before_the_life_dates_name_the_subject():
    # the lead names her once; her second husband is named, arrested and shot, as the agent, twice
    text = ("Anna Orlova | Russian engineer | Encyclopedia\n"
            "Anna Pavlovna Orlova, née Sokolova (born May 4, 1890, Tver, Russia—died June 2, 1950, Pskov), Russian "
            "engineer who built the first steel bridges on the upper Volga.\n"
            "She married her cousin Ivan Orlov in 1912. She studied at Riga and joined the railway board in 1919. "
            "In 1925 she married Petr Belov, an engineer. Belov was arrested in 1937 and shot later that year.")
    doc, found = facts(text)
    assert doc.subject == "Anna Orlova"
    assert ("Anna Orlova", "birth", "1890-05-04", "Tver") in found
    assert not any(n == "Anna Orlova" and p in ("arrest", "death") and d == "1937" for n, p, d, _ in found)
    for title in ("Anna Orlova - Biography\n", "Anna Orlova — Encyclopedia of Engineers\n"):
        doc, _ = facts(title + text.split("\n", 1)[1])
        assert doc.subject == "Anna Orlova"

def test_a_name_the_subject_bore_before_taking_the_one_the_page_uses_is_the_subject():
    doc, found = facts("Pavel Orlov\nIvan Petrovich Sokolov, the son of a carpenter, was born in Tver on 4 May 1881. "
                       "Sokolov joined the party in 1901 and adopted the name Orlov. Ivan attended school in Tver. "
                       "Orlov was arrested in 1906. His friend Petr Belov, who took the name Rybakov, was shot in 1919.")
    assert doc.subject == "Pavel Orlov" and [p.name for p in doc.persons][:1] == ["Pavel Orlov"]
    assert ("Pavel Orlov", "birth", "1881-05-04", "Tver") in found
    aliases = {f.object for f in doc.factoids if f.property == "alias" and f.person == doc.persons[0].id}
    assert "Sokolov" in aliases and "Orlov" not in aliases
    assert not any(n == "Pavel Orlov" and d == "1919" for n, _, d, _ in found)  # the friend's
    doc, found = facts("Pavel Orlov (born Ivan Sokolov; 1881–1937) was a Russian engineer. Sokolov grew up in Tver. "
                       "In 1906 Sokolov was arrested in Kazan.")
    assert ("Pavel Orlov", "arrest", "1906", "Kazan") in found

def test_an_english_memorial_record_under_a_site_title():
    doc, found = facts("Book of Memory of the Tver Region\nOrlova Anna Petrovna\n"
                       "Born in 1899, Tver; Russian; a teacher.\nArrested on 14 September 1937.\n"
                       "Sentenced by the troika of the NKVD on 28 November 1937.\n"
                       "Sentence: death by shooting. Shot on 29 November 1937.\nRehabilitated on 12 May 1957.")
    assert doc.subject.split()[0] in ("Orlova", "Anna") and "Petrovna" in doc.subject
    mine = {(p, d) for n, p, d, _ in found if n == doc.subject}
    assert {("birth", "1899"), ("arrest", "1937-09-14"), ("sentence", "1937-11-28"), ("execution", "1937-11-29"),
            ("rehabilitation", "1957-05-12")} <= mine
    sentence = {f.object for f in doc.factoids if f.property == "sentence" and f.object}
    assert sentence == {"death by shooting"}

def test_his_death_after_a_possessive_name_is_that_mans():
    doc, found = facts("Nikolai Orlov (1888-1938) was a revolutionary. The note was found in Ivan Petrov's desk "
                       "after his death in 1953.")
    assert not any(n == "Nikolai Orlov" and p == "death" and d == "1953" for n, p, d, _ in found)


def test_every_name_in_the_leads_brackets_in_other_scripts_and_its_romanisation():
    doc = process([Document(id="b", uri="b.txt", raw=(
        "Pavel Ivanovich Orlov (Russian: Па́вел Ива́нович Орло́в Pavel Ivanovič Orlov; Georgian: პაველ ორლოვი), "
        "generally known as Pasha Orlov (Паша Орлов); 3 March 1886 – 9 May 1937) was a Russian engineer."))])[0]
    aliases = {f.object for f in doc.factoids if f.property == "alias"}
    assert {"Павел Иванович Орлов", "Pavel Ivanovič Orlov", "პაველ ორლოვი", "Паша Орлов"} <= aliases
    assert not any(any(c.isdigit() for c in a) for a in aliases)


def test_names_stated_as_other_names_and_written_surname_first():
    doc = process([Document(id="z", uri="z.txt", raw=(
        "The Russian engineer Orlov Pavel (1881-1937) built bridges.\nEarly years\nOrlov Pavel Ivanovich was born "
        "in 1881 in Tver. According to some sources, his real name was Orlovsky Pinkhas (Pinkus) Aronovich; "
        "according to others, his name was Hirsch (Gersh) Apfel. Orlov moved to Moscow in 1905."))])[0]
    aliases = {(f.person_name, f.object) for f in doc.factoids if f.property == "alias"}
    assert {a for _, a in aliases} >= {"Orlov Pavel Ivanovich", "Orlovsky Pinkhas Aronovich", "Hirsch Apfel"}
    assert all("Orlov" in who for who, _ in aliases)


def test_a_heading_with_two_spellings_gives_each():
    doc = process([Document(id="h", uri="h.txt", raw=(
        "Orlov or Orloff, Pavel Ivanovich\n\nPavel Ivanovich Orlov (1881-1937) was a Russian engineer."))])[0]
    aliases = {f.object for f in doc.factoids if f.property == "alias"}
    assert {"Pavel Ivanovich Orlov", "Pavel Ivanovich Orloff"} <= aliases


def test_a_name_with_its_patronymic_last_is_ordered_by_which_word_is_a_surname():
    from factoid.extract.names import name_words, surname
    assert surname("Orlov Pavel Ivanovich") == "orlov"
    assert surname("Pavel Orlov Ivanovich") == "orlov"
    assert surname("Pavel Ivanovich Orlov") == "orlov"
    assert name_words("Орлов Павел Иванович") == ["павел", "иванович", "орлов"]


def test_a_dictionary_lead_with_its_full_name_and_byname_keeps_the_places_of_its_life_dates():
    doc = process([Document(id="b", uri="b.txt", raw=(
        "Ivan Petrov | Russian engineer | Encyclopedia\nIvan Petrov, in full Ivan Ivanovich Petrov, byname Batko "
        "Petrov, (born October 26 [November 7, New Style], 1888, Tver, Russian Empire—died July 25, 1934, Paris, "
        "France), engineer who built bridges. Petrov was sentenced to death in 1910."))])[0]
    got = {(f.property, f.date.edtf if f.date else None, f.place) for f in doc.factoids}
    assert ("birth", "1888-11-07", "Tver") in got and ("death", "1934-07-25", "Paris") in got
    aliases = {f.object for f in doc.factoids if f.property == "alias"}
    assert {"Ivan Ivanovich Petrov", "Batko Petrov"} <= aliases


_PIECES = ["Anna", "anna", " ", "_", "é", "1", ".", "-", "Ж", "'", "\u0301", "²", "Anna Petrova", "(", "ö"]


@pytest.mark.parametrize("seed", range(20))
def test_word_spans_finds_what_the_word_boundary_pattern_finds(seed):
    """word_spans replaces a pattern compiled per name (rf"\\b{re.escape(word)}\\b"): on texts
    made of names, letters of three scripts, digits, marks and punctuation, it must give the
    same matches, overlapping candidates included."""
    import random
    import re

    from factoid.extract.names import word_spans
    rng = random.Random(seed)
    for _ in range(2000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 10)))
        word = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 3)))
        assert word_spans(text, word) == [m.span() for m in re.finditer(rf"\b{re.escape(word)}\b", text)], (text, word)
    assert word_spans("Anna Annas Anna_ Anna", "Anna") == [(0, 4), (17, 21)]


_LEAD_PIECES = ["Anna ", "Petrova", "Petrov", " ", "\t", "Ivan", "McDonald ", "x", "Ab.", "O'", "’", "-", ",", "(",
                "Z", "é", "Éva ", "\n", "_", "1", "Petrova_", "Petrovaé"]


@pytest.mark.parametrize("surname", ["Petrova", "Petrov", "Z", "Ab.", "O'", "-x", "Anna"])
def test_the_words_before_a_surname_are_those_the_pattern_finds(surname):
    """subject._written_before replaces a pattern compiled per surname: on leads made of
    capitalised words, blanks, tabs, marks and the surname glued to other letters, it must give
    what the pattern's finditer gives, match for match."""
    import random
    import re

    from factoid.extract.subject import _written_before
    rng = random.Random(surname)
    for _ in range(3000):
        lead = "".join(rng.choice(_LEAD_PIECES) for _ in range(rng.randint(0, 12)))
        want = [m.group(1) for m in re.finditer(rf"((?:[A-Z][\w'’.-]*[ \t]+){{1,3}}){re.escape(surname)}\b", lead)]
        assert list(_written_before(lead, surname)) == want, (lead, surname)
    assert list(_written_before("By Anna Maria Petrova and Ivan Petrova", "Petrova")) == ["By Anna Maria ", "Ivan "]


def test_a_one_word_name_after_a_verb_of_going_is_a_place_and_after_the_a_body(monkeypatch):
    # the small model sometimes tags a city as a person: say it did, and check what we keep
    import spacy
    from spacy.tokens import Span
    from factoid.nlp import entities
    blank = spacy.blank("en")

    class TaggingEverythingAPerson:
        def pipe(self, items, as_tuples, batch_size):
            for text, context in items:
                doc = blank(text)
                doc.ents = [Span(doc, t.i, t.i + 1, label="PERSON") for t in doc
                            if t.text in ("Tula", "Lenin", "Okhrana")]
                yield doc, context

    monkeypatch.setattr(entities, "load_ner", lambda: TaggingEverythingAPerson())
    found = next(entities.find_entities(["In 1917 he returned to Tula and wrote to Lenin. It came to Lenin's ears. "
                                         "He was seized by the Okhrana."]))
    # (and a one-word name after "the" is a body: "seized by the Okhrana")
    assert [(m.kind, m.text) for m in found] == [("place", "Tula"), ("person", "Lenin"), ("person", "Lenin"),
                                                 ("org", "Okhrana")]


def test_a_lead_names_the_party_of_a_politician():
    text = ("John Hartley (1890–1960) was a British Labour Party politician. He was a Bolshevik "
            "revolutionary and a Dutch politician.")
    doc, _ = facts(text)
    assert [f.object for f in doc.factoids if f.property == "party"] == ["Labour Party"]


def test_a_heading_in_capitals_names_the_subject_as_names_are_written():
    doc, _ = facts("PAVEL ORLOV (1886-1944)\nBorn in Tula on 16 April 1886. Member of the union from 1903. "
                   "Orlov was arrested on 3 March 1933.")
    assert doc.subject == "Pavel Orlov"


def _parties(text, passage=False, rule="lead.party"):
    doc, _ = facts(text, passage)
    return [f.object for f in doc.factoids if f.property == "party" and f.extractor.startswith(rule)]


def test_a_party_without_the_word_party_before_a_kind_of_politician():
    assert _parties("Brendan Kilbride (born 4 May 1951) is a former Cumann Nua politician from Galway.") == ["Cumann Nua"]
    assert _parties("Roberta Haines (1901–1977) was a Democratic member of the Vermont Senate.") == ["Democratic"]
    assert _parties("Seamus Roe (born 1960) is an Irish Cumann Nua TD for Mayo.") == ["Cumann Nua"]


def test_a_demonym_a_place_or_a_kind_of_office_before_politician_is_no_party():
    assert _parties("Wanjiru Kamau (born 1970) is a Kenyan politician.") == []
    assert _parties("Dale Hobbs (born 1955) is a Texas politician.") == []
    assert _parties("Peter Lusk (1920–1990) was an Independent MP for a rural seat.") == []
    assert _parties("Alan Roper (born 1944) is a Congressional candidate and lawyer.") == []
    assert _parties("Tom Ward (born 1966) is a Board member of the Harbour Bank.") == []


def test_the_party_an_elected_office_stands_for():
    text = "Since 2004 she has been a Dunmore councillor for the Liberal Democrats, and chairs its housing panel."
    assert _parties(text, passage=True) == ["Liberal Democrats"]
    assert _parties("He was the MP for the Isle of Wight from 1990.", passage=True) == []


def test_a_party_named_before_a_lower_case_party_or_before_the_subject():
    assert _parties("In 1993 he was elected for Ardee under the Velvet Union party.", passage=True) == ["Velvet Union"]
    assert _parties("She threw a Halloween party for her friends in 1993.", passage=True) == []
    text = "Tom Rudd (1920–1990) was a farmer. A member of the Harbour Party, Rudd won the seat in 1974."
    doc, _ = facts(text)
    assert [(f.person_name, f.object) for f in doc.factoids
            if f.property == "party" and f.extractor.startswith("lead.party")] == [("Tom Rudd", "Harbour Party")]
