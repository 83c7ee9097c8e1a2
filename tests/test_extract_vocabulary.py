"""The biographical vocabulary beyond birth and death, on texts written for these tests."""
from factoid import Document
from factoid.extract.relative import relative_dates, yearless_date
from factoid.model import Date, Mention, Sentence
from factoid.pipeline import process

LEAD = "Pavel Ivanovich Orlov (Russian: Павел Иванович Орлов; 4 March 1881 – 9 May 1937) was a Russian engineer. "


def facts(text):
    doc = process([Document(id="t", uri="t.txt", raw=LEAD + text)])[0]
    assert doc.subject.endswith("Orlov"), doc.subject
    return [f for f in doc.factoids if f.person == doc.persons[0].id]


def one(found, prop):
    hits = [f for f in found if f.property == prop]
    assert hits, [f.property for f in found]
    return hits[0]


def edtf(d):
    return d.edtf if d else None


def test_arrest_with_date_and_place():
    f = one(facts("Orlov was arrested in Kiev in March 1905."), "arrest")
    assert (f.place, edtf(f.date)) == ("Kiev", "1905-03")


def test_exile_takes_to_place_and_narrative_time():
    found = facts("In 1908, Orlov was arrested in Odessa. After his release, he was exiled to Vologda.")
    f = one(found, "exile")
    assert (f.place, edtf(f.date)) == ("Vologda", "1908")
    assert f.confidence < one(found, "arrest").confidence  # a borrowed date counts for less


def test_narrative_time_is_borrowed_at_its_year_and_never_across_a_death():
    found = facts("In May 1908, Orlov was arrested in Odessa. After his release, he was exiled to Vologda.")
    assert edtf(one(found, "exile").date) == "1908"
    found = facts("Orlov died in Paris on 9 May 1937. Born in Tver, he emigrated to France.")
    assert one(found, "emigration").date is None


def test_sentence_keeps_the_penalty_as_its_object_and_completes_a_yearless_day():
    f = one(facts("He was arrested in July 1937, sentenced to death for treason on 25 November, and shot."),
            "sentence")
    assert (f.object, edtf(f.date)) == ("death", "1937-11-25")
    penalties = {f.object for f in facts("In 1906 he was sentenced to death, which was commuted to an indefinite "
                                         "term of hard labour.") if f.property == "sentence"}
    assert penalties == {"death", "an indefinite term of hard labour"}


def test_expelled_from_a_body_is_no_exile():
    assert not [f for f in facts("Orlov was expelled from the Institute in 1899.") if f.property == "exile"]


def test_rehabilitation_after_an_adverb():
    assert edtf(one(facts("He was rehabilitated posthumously in 1956."), "rehabilitation").date) == "1956"


def test_position_with_a_span_of_office():
    f = one(facts("Orlov served as People's Commissar of Transport from April 1920 to July 1921."), "position")
    assert (f.object, edtf(f.start), edtf(f.end)) == ("People's Commissar of Transport", "1920-04", "1921-07")


def test_position_a_year_later_and_until_death():
    found = facts("In 1924 he became ambassador to Italy. A year later, he left Rome to become ambassador to "
                  "Spain, where he remained until his death.")
    spain = [f for f in found if f.property == "position" and "Spain" in f.object][0]
    assert (edtf(spain.start), edtf(spain.end)) == ("1925", "1937-05-09")


def test_party_and_membership_are_told_apart_by_the_head_noun():
    found = facts("In 1903 he joined the Social Democratic Party. In 1919 he became a member of the "
                  "Bureau of the Party.")
    assert one(found, "party").object == "Social Democratic Party"
    assert edtf(one(found, "party").start) == "1903"
    assert one(found, "membership").object == "Bureau of the Party"


def test_education_start_and_end():
    found = facts("In 1898, Orlov enrolled at the Kazan Technical Institute. He graduated from Moscow University "
                  "in 1904.")
    spans = {f.object: (edtf(f.start), edtf(f.end)) for f in found if f.property == "education"}
    assert spans == {"Kazan Technical Institute": ("1898", None), "Moscow University": (None, "1904")}


def test_employment_is_a_named_employer_or_an_occupation():
    # the occupation counts when the text names no employer (a knowledge base has no other
    # property for it); a named employer is the object when there is one
    found = facts("He worked as an engineer for the Volga Shipping Company. He also worked as a teacher.")
    # the lead's "a Russian engineer" is the trade, without the nationality
    assert sorted(f.object for f in found if f.property == "employment") == [
        "Volga Shipping Company", "engineer", "teacher"]


def test_a_trade_a_workplace_and_a_state_after_in():
    found = facts("In 1899 he worked in the textile mills of Ivanovo. Later he was a turner. In 1906 he was sent "
                  "into internal exile. From 1908 to 1910 he was in Butyrka prison. He spent two years in exile.")
    got = {(f.property, f.object, f.place, edtf(f.date), edtf(f.start), edtf(f.end)) for f in found
           if f.property in ("employment", "exile", "imprisonment")}
    assert ("employment", "turner", None, None, None, None) in got
    assert any(p == "employment" and "textile mills" in (o or "") for p, o, *_ in got)
    assert ("exile", "internal exile", None, "1906", None, None) in got
    assert ("imprisonment", None, "Butyrka prison", None, "1908", "1910") in got
    assert not any(p == "exile" and o == "exile" for p, o, *_ in got)  # a bare "in exile" says nothing


def test_each_coordinated_trade_its_place_and_a_hyphenated_nationality():
    found = facts("He was a Polish-Lithuanian revolutionary, locksmith and chemist. From 1905 to 1907 he was "
                  "a teacher in Tver.")
    got = {(f.object, f.place, edtf(f.start), edtf(f.end)) for f in found if f.property == "employment"}
    assert ("locksmith", None, None, None) in got and ("chemist", None, None, None) in got
    assert ("teacher", "Tver", "1905", "1907") in got
    assert not any("revolutionary" in o or "Polish" in o for o, *_ in got)


def test_a_span_after_a_coordinated_verb_is_that_verbs():
    found = facts("He attended college in Kazan and was a teacher there and in Samara from 1905 to 1907.")
    school = [f for f in found if f.property == "education"]
    assert school and all(f.start is None and f.end is None and f.date is None for f in school)
    got = {(f.object, f.place, edtf(f.start), edtf(f.end)) for f in found if f.property == "employment"}
    assert ("teacher", "Samara", "1905", "1907") in got


def test_a_state_in_the_clause_of_a_birth_takes_no_date_from_it():
    # a noisy page joins the birth and the trade in one sentence: the birth date is not the trade's
    doc = process([Document(id="t", uri="t.txt", raw="Olga Petrovna Ivanova was born on 2 May, 1870 in Tula, "
                                                      "is a Russian physicist and chemist.")])[0]
    trades = [f for f in doc.factoids if f.property == "employment"]
    assert sorted(f.object for f in trades) == ["chemist", "physicist"]
    assert all(f.date is None and f.start is None for f in trades)
    assert any(f.property == "birth" and edtf(f.date) == "1870-05-02" for f in doc.factoids)


def test_an_infinitive_takes_the_time_of_its_verb_as_a_start():
    found = facts("In 1903 he decided to study law in Kazan. In 1911 he began working at the Kolomna locomotive plant.")
    study = one(found, "education")
    assert (study.place, edtf(study.date), edtf(study.start)) == ("Kazan", None, "1903")
    work = next(f for f in found if f.property == "employment" and "Kolomna" in f.object)
    assert (edtf(work.date), edtf(work.start)) == (None, "1911")


def test_a_possessive_that_opens_a_sentence_continues_the_person_the_last_one_opened_with():
    doc = process([Document(id="t", uri="t.txt", raw=(
        "Anna Petrova was born in Tver in 1869. Anna's mother Maria Orlova had been married before. Maria's "
        "second marriage was arranged by her family. Her second husband, Pavel Petrov, lost her money. Anna "
        "Petrova moved to Moscow in 1889. Her husband, Ivan Sidorov, was a teacher."))])[0]
    spouses = {(f.person_name, f.object) for f in doc.factoids if f.property == "spouse"}
    assert ("Anna Petrova", "Ivan Sidorov") in spouses
    assert not any(obj == "Pavel Petrov" and "Anna" in who for who, obj in spouses)


def test_kinship():
    found = facts("His father, Ivan Petrovich Orlov, was a priest. Sergei Orlov was one of his younger brothers. "
                  "In 1910 he married Vera Lebedeva.")
    kin = {(f.property, f.object) for f in found if f.property in ("parent", "sibling", "spouse")}
    assert kin == {("parent", "Ivan Petrovich Orlov"), ("sibling", "Sergei Orlov"), ("spouse", "Vera Lebedeva")}
    assert edtf(one(found, "spouse").date) == "1910"


def test_aliases_native_script_and_stated():
    found = facts("Orlov, whose real name was Pinkus Orlovsky, wrote under the name Ivan Gromov.")
    names = {f.object for f in found if f.property == "alias"}
    assert "Павел Иванович Орлов" in names and "Ivan Gromov" in names


def test_the_lead_full_name_and_a_pen_name_are_names_of_the_subject():
    found = facts("Orlov was also known by his pen-name Gromovoi.")
    names = {f.object for f in found if f.property == "alias"}
    assert {"Pavel Ivanovich Orlov", "Gromovoi"} <= names


def test_a_month_after_born_is_no_birth_name():
    doc = process([Document(id="t", uri="t.txt", raw="Anna Sokolova\n\nBorn Oct. 16 (28), 1884, in Tver. "
                                                      "Sokolova was a teacher.")])[0]
    assert [f.object for f in doc.factoids if f.property == "alias"] == []
    assert any(f.property == "birth" and f.place == "Tver" for f in doc.factoids)


def test_a_catalogue_heading_under_the_title_names_the_subject_in_full():
    doc = process([Document(id="t", uri="t.txt", raw="Anna Sokolova\n\nSokolova, Anna Petrovna\n\n"
                                                      "Born 1884 in Tver. Sokolova was a teacher.")])[0]
    assert doc.subject == "Anna Petrovna Sokolova"
    assert "Sokolova, Anna Petrovna" in {f.object for f in doc.factoids if f.property == "alias"}


def test_a_workplace_named_with_its_town_gives_the_town_as_place():
    found = facts("In 1901 he worked at the Morozov mill in Tver. Later he worked in village schools in Kashin.")
    places = {(f.object, f.place) for f in found if f.property == "employment"}
    assert ("Morozov mill in Tver", "Tver") in places
    assert any(place == "Kashin" for _, place in places), places


def test_relative_dates_resolve_against_the_anchor_at_its_precision():
    anchor = Mention("date", 0, 4, "x", Date("1905-10-03"))
    text = "Two weeks later he fled; the following March he returned; a month later he left."
    values = [d.date.edtf for d in relative_dates(text, 0, len(text), anchor)]
    assert values == ["1905-10-17", "1906-03", "1905-11"]
    year_only = Mention("date", 0, 4, "x", Date("1905"))
    assert [d.date.edtf for d in relative_dates("two weeks later", 0, 15, year_only)] == ["1905~"]
    assert relative_dates("the following March", 0, 19, year_only) == []


def test_yearless_day_takes_the_narrative_year_moving_forward():
    anchor = Mention("date", 0, 4, "x", Date("1937-07"))
    assert yearless_date("shot on 3 March", 0, 15, anchor).date.edtf == "1938-03-03"
    assert yearless_date("shot on 3 March 1939", 0, 20, anchor) is None


def test_a_role_only_reference_stands_for_the_subject_the_lead_describes():
    found = facts("Later the engineer was arrested in Kiev in March 1905.")
    assert one(found, "arrest").place == "Kiev"


def test_one_fact_written_twice_in_two_ways_is_kept():
    found = facts("On November 25, 1937 he was sentenced to death. He was arrested in July 1937 and "
                  "sentenced to death on 25 November.")
    sentences = [f for f in found if f.property == "sentence"]
    assert sentences and {edtf(f.date) for f in sentences} == {"1937-11-25"}


def test_an_office_under_a_named_superior_takes_none_of_his_life_dates():
    found = facts("In 1882 he became curator of the Tver Museum, under Ivan Petrovich Sazonov (1815-1894).")
    offices = [(f.object, edtf(f.start), edtf(f.end)) for f in found if f.property in ("position", "employment")]
    assert offices and not any(s == "1815" or e == "1894" for _, s, e in offices)
    assert not any(f.property == "employment" and f.object and f.object.startswith("curator") for f in found)


def test_his_wife_after_another_name_is_that_mans_wife_and_undated():
    doc = process([Document(id="t", uri="t.txt", raw=LEAD + "Orlov was born on 4 March 1881 in Tver, to the "
                            "teacher Ivan Sergeyevich Orlov and his wife Maria, a seamstress.")])[0]
    subject = doc.persons[0].id
    spouses = [f for f in doc.factoids if f.property == "spouse"]
    assert spouses and all(f.person != subject and f.date is None for f in spouses)


def test_a_marriage_bracket_dates_the_marriage_not_the_spouses_life():
    doc = process([Document(id="t", uri="t.txt", raw="Anna Orlova (1870-1930) was a chemist. Her husband was "
                                                      "Pierre Lebrun (m. 1895-1906). She was born in Kazan.")])[0]
    assert doc.subject == "Anna Orlova"
    spouse = next(f for f in doc.factoids if f.property == "spouse")
    assert (spouse.object, spouse.start.edtf, spouse.end.edtf) == ("Pierre Lebrun", "1895", "1906")
    assert not any(f.property in ("birth", "death") and f.person_name == "Pierre Lebrun" for f in doc.factoids)


def test_a_restored_reputation_is_a_rehabilitation_of_its_owner():
    found = facts("He was shot in 1937. The authorities later rehabilitated his reputation in the 1960s. "
                  "His name was cleared by Premier Ivan Petrov in 1958.")
    dates = {edtf(f.date) for f in found if f.property == "rehabilitation"}
    assert dates == {"196X", "1958"}


def test_the_lead_gives_the_nationality_not_a_movement_or_what_follows_a_preposition():
    assert {f.object for f in facts("He built bridges.") if f.property == "nationality"} == {"Russian"}
    doc = process([Document(id="t", uri="t.txt", raw="Anna Orlova (1870-1930) was a Bolshevik leader in the "
                                                      "Polish movement. She was born in Kazan.")])[0]
    assert [f.object for f in doc.factoids if f.property == "nationality"] == []


def test_a_fuller_name_in_the_lead_and_a_name_ner_cut_short_are_the_subject():
    doc = process([Document(id="t", uri="t.txt", raw="Sergei Orlov\n\nSergei Pavlovich Orlov (1886 – 18 February "
                                                      "1937) was a Georgian engineer. He built bridges.")])[0]
    assert [p.name for p in doc.persons] == ["Sergei Orlov"]
    assert {f.property for f in doc.factoids} >= {"birth", "death", "nationality"}
    # where a copy glued the given name to the word before it, NER's cut name is still his
    from factoid.extract import _occurrences
    from factoid.extract.subject import Subject
    text = "Sergei Pavlovich Orlov was an engineer. A photo of OrlovSergei Pavlovich Orlov in 1920."
    cut = text.index("Pavlovich Orlov in")
    first = text.index(".") + 1
    glued = Document(id="t", uri="t.txt", raw=text, clean=text,
                     sentences=(Sentence(0, first), Sentence(first + 1, len(text))),
                     mentions=(Mention("person", 0, 22, "Sergei Pavlovich Orlov"),
                               Mention("person", cut, cut + 15, "Pavlovich Orlov")))
    occ = _occurrences(glued, Subject("Sergei Orlov", "orlov", ("Sergei Orlov",)))
    assert all(o.key == "" for o in occ if not o.pronoun)


def test_a_date_outside_the_persons_life_is_dropped_but_the_fact_kept():
    from factoid.extract.lifespan import within_life
    from factoid.model import Factoid, Span

    def f(prop, **values):
        return Factoid("p", prop, Span("d", 0, 1), "q", "x@1", 0.8, **values)
    kept = within_life([f("birth", date=Date("1888")), f("death", date=Date("1938-03-15")),
                        f("position", object="editor", start=Date("1989")), f("arrest", date=Date("1937")),
                        f("rehabilitation", date=Date("1988")), f("exile", date=Date("1870"))])
    by = {k.property: k for k in kept}
    assert by["position"].object == "editor" and by["position"].start is None
    assert by["arrest"].date.edtf == "1937" and by["rehabilitation"].date.edtf == "1988"
    assert "exile" not in by  # nothing left of it but a wrong date


def test_found_guilty_is_a_trial_of_the_person_found_guilty():
    found = facts("In September 1937, in a closed session, the Military Collegium found Orlov guilty of sabotage.")
    assert edtf(one(found, "trial").date) == "1937-09"


def test_wives_named_after_of_a_son_after_a_possessive_and_a_marriage_before_its_subject():
    doc = process([Document(id="t", uri="t.txt", raw=LEAD + "The second wife of Orlov was Vera Lasman. Here "
                            "Orlov's son Kirill was born. Following a short marriage to Olga Petrova, he moved "
                            "to Kiev.")])[0]
    subject = doc.persons[0].id
    mine = {(f.property, f.object) for f in doc.factoids if f.person == subject}
    assert {("spouse", "Vera Lasman"), ("child", "Kirill"), ("spouse", "Olga Petrova")} <= mine


def test_a_lost_election_ends_the_seat_held_and_a_re_election_opens_it():
    doc = process([Document(id="t", uri="t.txt", raw=LEAD + "He was elected to the State Duma in 1906. He lost "
                            "the election of 1907, but was returned to office in 1912. He was defeated at the "
                            "election of 1917.")])[0]
    subject = doc.persons[0].id
    seats = sorted((f.start.edtf if f.start else "", f.end.edtf if f.end else "") for f in doc.factoids
                   if f.person == subject and f.property == "position" and f.object == "State Duma")
    assert seats == [("", "1907"), ("", "1917"), ("1906", ""), ("1912", "")]


def test_no_seat_is_lost_where_none_was_won():
    doc = process([Document(id="t", uri="t.txt", raw=LEAD + "He lost the election of 1907.")])[0]
    assert not [f for f in doc.factoids if f.property == "position"]


def test_a_companion_named_before_the_subject_is_not_the_one_executed():
    doc = process([Document(id="t", uri="t.txt", raw=LEAD + "Along with Ivan Petrov, he was found guilty and "
                            "executed on 9 May 1937.")])[0]
    executed = [f.person_name for f in doc.factoids if f.property == "execution"]
    assert executed and all("Petrov" not in name for name in executed)


def test_a_burial_with_ones_husband_at_the_cemetery_of_a_town():
    doc = process([Document(id="t", uri="t.txt", raw=LEAD + "He was buried with his wife at the cemetery of "
                            "Kashin.")])[0]
    assert [f.place for f in doc.factoids if f.property == "burial"] == ["Kashin"]


def test_a_span_of_years_dates_no_single_event_of_its_clause():
    found = facts("Between 1902 and 1917 he was arrested six times. From 1908 to 1916 he lived in Western Europe.")
    arrests = [f for f in found if f.property == "arrest"]
    assert arrests and not any(edtf(f.date) == "1917" for f in arrests)
    homes = {(f.place, edtf(f.date), edtf(f.start), edtf(f.end)) for f in found if f.property == "residence"}
    assert ("Western Europe", None, "1908", "1916") in homes
    assert not any(p == "Western Europe" and d for p, d, _, _ in homes)


def test_a_trial_or_a_congress_is_no_place():
    found = facts("At the Trial of the Sixteen in August 1936 he was sentenced to death.")
    sentence = one(found, "sentence")
    assert sentence.place is None and edtf(sentence.date) == "1936-08"


def test_an_infobox_party_row_lists_each_party_with_its_years():
    doc = process([Document(id="t", uri="t.txt", raw=(
        "Pavel Orlov\nPavel Ivanovich Orlov (4 March 1881 – 9 May 1937) was a Russian engineer.\n"
        "Born\t4 March 1881, Tver\nPolitical party\tRSDLP (Bolsheviks) (1903–1918); Communist Party (1918–1937)\n"
        "Early life\nOrlov was born in Tver. He built bridges."))])[0]
    parties = {(f.object, edtf(f.start), edtf(f.end)) for f in doc.factoids if f.property == "party"}
    assert {("RSDLP", "1903", "1918"), ("Communist Party", "1918", "1937")} <= parties
    assert not any(o == "Early life" for o, _, _ in parties)


def test_a_span_after_the_verb_and_an_office_taken_by_succeeding():
    found = facts("He was arrested repeatedly between 1906 and 1912. On 21 November 1917 he succeeded Ivan Petrov "
                  "as chairman of the Tver Soviet.")
    assert not any(f.property == "arrest" and edtf(f.date) in ("1906", "1912") for f in found)
    chair = next(f for f in found if f.property == "position" and "Tver Soviet" in (f.object or ""))
    assert (edtf(chair.date), edtf(chair.start)) == (None, "1917-11-21")


def test_a_coordinated_office_in_the_lead_takes_its_years():
    doc = process([Document(id="t", uri="t.txt", raw=(
        "Pavel Ivanovich Orlov (1881 – 1937) was a Russian engineer and chairman of the Tver Soviet from 1917 "
        "to 1919."))])[0]
    chair = next(f for f in doc.factoids if f.property == "position" and "Tver Soviet" in (f.object or ""))
    assert (edtf(chair.start), edtf(chair.end)) == ("1917", "1919")


def test_an_obituary_lead_expulsion_readmission_home_and_described_parent():
    doc = process([Document(id="o", uri="o.txt", raw=(
        "Vera Ilyinichna Sokolova, a poet who translated Heine and was expelled from the Writers' Union in 1969, "
        "died on Tuesday at her home in Komarovo. She was 81.\nMrs. Sokolova was born in Tiflis on May 2, 1911, the "
        "daughter of the painter and stage designer Ilya Sokolov. She was readmitted to the Writers' Union in "
        "1988."))])[0]
    got = {(f.property, edtf(f.date), edtf(f.start), edtf(f.end), f.place, f.object) for f in doc.factoids
           if f.person == doc.persons[0].id}
    assert ("membership", None, None, "1969", None, "Writers' Union") in got
    assert ("membership", None, "1988", None, None, "Writers' Union") in got
    assert ("death", None, None, None, "Komarovo", None) in got
    assert ("parent", None, None, None, None, "Ilya Sokolov") in got


def test_a_biography_with_a_cut_name_a_described_spouse_a_party_no_place_and_a_burial_undated():
    doc = process([Document(id="k", uri="k.txt", raw=(
        "Irina Petrovna Volkova was born on 3 April 1880 in Tver. At the age of 20 she married her cousin Boris "
        "Volkov, a surveyor. She joined the Mensheviks in 1905 but went over to the Bolsheviks in 1914. She died "
        "in Moscow on 9 June 1950 and was buried at the Vvedenskoye Cemetery."))])[0]
    mine = [f for f in doc.factoids if f.person == doc.persons[0].id]
    assert doc.persons[0].name == "Irina Petrovna Volkova"
    assert ("spouse", "Boris Volkov") in {(f.property, f.object) for f in mine}
    assert not any(f.property == "residence" and "Bolshevik" in (f.place or "") for f in mine)
    burials = [f for f in mine if f.property == "burial"]
    assert burials and all(f.date is None for f in burials) and "Vvedenskoye Cemetery" in burials[0].place


def test_a_clause_after_a_semicolon_is_about_its_own_person_and_from_opens_a_job():
    doc = process([Document(id="s", uri="s.txt", raw=(
        "Pavel Ivanovich Orlov (4 March 1881 – 9 May 1937) was a Soviet journalist. From 1922 worked for the "
        "newspaper Izvestia. His companion, the writer Marta Holz, followed him to Madrid; she was arrested in "
        "1941 and shot in 1942."))])[0]
    mine = [f for f in doc.factoids if f.person == doc.persons[0].id]
    assert not any(f.property in ("death", "execution", "arrest") and edtf(f.date) in ("1941", "1942") for f in mine)
    job = next(f for f in mine if f.property == "employment" and "newspaper" in (f.object or ""))
    assert (edtf(job.date), edtf(job.start)) == (None, "1922")


def test_perished_and_executed_by_firing_squad_at_a_place():
    found = facts("He perished in a labour camp in 1942.")
    assert ("death", "1942") in {(f.property, edtf(f.date)) for f in found}
    found = facts("He was executed by firing squad at Butovo on 3 March 1938.")
    assert ("execution", "1938-03-03", "Butovo") in {(f.property, edtf(f.date), f.place) for f in found}


def test_their_child_after_the_subjects_marriage_and_not_after_the_parents():
    doc = process([Document(id="c", uri="c.txt", raw=(
        "Anna Petrova (1870-1940) was a teacher. In 1893 she married Ivan Orlov, an engineer; their son Mikhail "
        "was born the following year."))])[0]
    assert ("child", "Mikhail") in {(f.property, f.object) for f in doc.factoids if f.person == doc.persons[0].id}
    doc = process([Document(id="d", uri="d.txt", raw=(
        "Ivan Orlov (1870-1940) was a teacher. His parents were peasants; their son Pavel became a priest."))])[0]
    assert not any(f.property == "child" for f in doc.factoids)


def test_going_abroad_is_an_emigration():
    found = facts("In 1908 he went abroad to work in French factories.")
    assert ("emigration", "1908") in {(f.property, edtf(f.date)) for f in found}
