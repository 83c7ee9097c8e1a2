"""Template parameters dumped as lines and dated CV entries (extract/listings.py), on texts
written for these tests."""
from factoid import Document
from factoid.pipeline import process


def facts_of(raw):
    doc = process([Document(id="l", uri="l.txt", raw=raw)])[0]
    return doc, [f for f in doc.factoids if f.person == doc.persons[0].id]


def d(x):
    return x.edtf if x else None


def test_numbered_template_keys_group_an_office_with_its_term():
    raw = ("= Anna Orlova =\n\nAnna Orlova\n- Birth Place: Tver, Russian Empire\n- Office1: Minister of Bridges\n"
           "- Term Start1: 5 January 1932\n- Term End1: 18 February 1937\n- Predecessor1: Position established;\n"
           "- Office2: Chairwoman of the River Board\n- Term Start2: 1 May 1928\n- Resting Place: Novodevichy Cemetery\n\n"
           "Anna Orlova (1890 – 1950) was a Russian engineer who built many bridges across the country.")
    doc, found = facts_of(raw)
    positions = {(f.object, d(f.start), d(f.end)) for f in found if f.property == "position"}
    assert ("Minister of Bridges", "1932-01-05", "1937-02-18") in positions
    assert ("Chairwoman of the River Board", "1928-05-01", None) in positions
    assert {f.place for f in found if f.property == "birth" and f.place} == {"Tver"}
    assert {f.place for f in found if f.property == "burial"} == {"Novodevichy Cemetery"}
    minister = next(f for f in found if f.object == "Minister of Bridges")
    assert doc.raw[minister.span.start:minister.span.end].startswith("Office1:")


def test_a_dated_cv_gives_terms_foundings_and_memberships():
    raw = ("Anna Orlova\n1890 Tver\n\n1908-1912 study at the Polytechnic Institute in Riga. 1913-1920 engineer of "
           "the river works. 1921-1930 director of the Bridge Trust. 1925 founder of the journal Bridges. "
           "1931 corresponding member of the Academy of Sciences.")
    _, found = facts_of(raw)
    got = {(f.property, f.object, d(f.date), d(f.start), d(f.end)) for f in found if f.extractor.startswith("listing")}
    assert ("position", "director of the Bridge Trust", None, "1921", "1930") in got
    assert ("founded", "journal Bridges", "1925", None, None) in got
    assert ("membership", "Academy of Sciences", None, "1931", None) in got
    assert any(p == "education" and s == "1908" for p, _, _, s, _ in got)


def test_two_dated_sentences_are_no_cv():
    _, found = facts_of("Anna Orlova was a Russian engineer. 1921 was a hard year. 1922 director of nothing.")
    assert not [f for f in found if f.extractor.startswith("listing")]


def test_label_blocks_an_infobox_left_in_the_text():
    raw = ("Anna Orlova\nSpouse\nPavel Orlov (1885–1941)\nChildren\nVera Orlova (1921–2001)\nIvan Orlov\n"
           "Signature\n\nAnna Orlova (1890 – 1950) was a Russian engineer who built many bridges in the north.")
    _, found = facts_of(raw)
    got = {(f.property, f.object) for f in found if f.extractor.startswith("infobox.")}
    assert got == {("spouse", "Pavel Orlov"), ("child", "Vera Orlova"), ("child", "Ivan Orlov")}
    piped = ("Anna Orlova | |\nHusband |\nPavel Orlov (m. 1910) |\nChildren |\nVera · Ivan |\nAnna Orlova Net Worth\n"
             "Anna Orlova (1890 – 1950) was a Russian engineer who built many bridges in the north.")
    _, found = facts_of(piped)
    got = {(f.property, f.object) for f in found if f.extractor.startswith("infobox.")}
    assert got == {("spouse", "Pavel Orlov"), ("child", "Vera"), ("child", "Ivan")}


def test_a_cv_entry_from_a_year_and_cut_at_its_teachers():
    raw = ("Anna Orlova\n1890 Tver\n\nFrom 1900 curator of the Tver Museum. 1901-1903 study of drawing at the Riga "
           "Academy with Ivan Petrov and in Vilna with Pavel Sidorov. 1905 founder of the Tver Circle. "
           "1910 director of the Bridge Trust.")
    _, found = facts_of(raw)
    got = {(f.property, f.object, d(f.start), d(f.end)) for f in found if f.extractor.startswith("listing")}
    assert ("position", "curator of the Tver Museum", "1900", None) in got
    assert ("education", "study of drawing at the Riga Academy", "1901", "1903") in got


def test_a_memorial_record_page_in_english_gives_its_person_and_every_field():
    raw = ("Register of the repressed: entry\nSurname: Belova\nName: Nina\nPatronymic: Andreyevna\n"
           "Year of birth: 1899\nPlace of birth: Kaluga province, Meshchovsk district\nNationality: Russian\n"
           "Party membership: member of the VKP(b) 1920-1937\nOccupation: typist at the Moscow Tram Trust\n"
           "Date of arrest: 3 March 1938\nSentenced by: Military Collegium of the Supreme Court of the USSR, "
           "20 August 1938\nSentence: death (shooting)\nDate of execution: 21 August 1938\n"
           "Place of burial: Butovo firing range\nRehabilitated: 4 May 1958\n")
    doc, found = facts_of(raw)
    assert doc.subject == "Nina Andreyevna Belova"
    got = {(f.property, d(f.date), d(f.start), d(f.end), f.place, f.object) for f in found}
    for fact in [("birth", "1899", None, None, None, None), ("birth", None, None, None, "Kaluga province", None),
                 ("party", None, "1920", "1937", None, "VKP"), ("arrest", "1938-03-03", None, None, None, None),
                 ("trial", "1938-08-20", None, None, None, "Military Collegium of the Supreme Court of the USSR"),
                 ("sentence", None, None, None, None, "death"), ("sentence", "1938-08-20", None, None, None, None),
                 ("execution", "1938-08-21", None, None, None, None),
                 ("burial", None, None, None, "Butovo firing range", None),
                 ("rehabilitation", "1958-05-04", None, None, None, None),
                 ("employment", None, None, None, None, "typist at the Moscow Tram Trust")]:
        assert fact in got, fact
    for f in found:  # every fact quotes its own line of the raw record
        assert doc.raw[f.span.start:f.span.end] == f.quote and "\n" not in f.quote.strip()


def test_a_dated_field_may_name_its_place():
    doc, found = facts_of("Pavel Orlov\nBorn: 25 February 1881, Saratov, Russian Empire\n"
                          "Died: 15 March 1938, Moscow\n\nPavel Orlov (1881-1938) was a Russian engineer.")
    got = {(f.property, d(f.date), f.place) for f in found if f.property in ("birth", "death")}
    assert ("birth", "1881-02-25", "Saratov") in got and ("death", "1938-03-15", "Moscow") in got


def test_a_family_tree_profile_gives_dates_places_and_each_relative():
    raw = ("Olga Petrovna Lvova (1870 - 1941) - Family tree\nOlga Petrovna Lvova (Orlova)\nBirthdate: May 5, 1870\n"
           "Birthplace: Kaluga, Kaluga Governorate, Russian Empire\nDeath: Died March 2, 1941 in Ryazan, USSR\n"
           "Immediate Family: Daughter of Pyotr Ilyich Orlov and Vera Nikolaevna Orlova\n"
           "Wife of Boris Andreyevich Lvov\nMother of Igor Borisovich Lvov and Nina Borisovna Lvova\n"
           "Sister of Mikhail Petrovich Orlov\nAbout Olga Petrovna Lvova\nOlga was the second daughter of a "
           "Kaluga doctor. She taught at a village school from 1890 to 1899. In 1930 her husband was arrested; "
           "he died in a camp in 1932. Olga moved to Ryazan in 1934.")
    doc, found = facts_of(raw)
    assert doc.subject == "Olga Petrovna Lvova"
    got = {(f.property, d(f.date), d(f.start), d(f.end), f.place, f.object) for f in found}
    for fact in [("birth", "1870-05-05", None, None, None, None), ("birth", None, None, None, "Kaluga", None),
                 ("death", "1941-03-02", None, None, "Ryazan", None),
                 ("parent", None, None, None, None, "Pyotr Ilyich Orlov"),
                 ("parent", None, None, None, None, "Vera Nikolaevna Orlova"),
                 ("spouse", None, None, None, None, "Boris Andreyevich Lvov"),
                 ("child", None, None, None, None, "Igor Borisovich Lvov"),
                 ("child", None, None, None, None, "Nina Borisovna Lvova"),
                 ("sibling", None, None, None, None, "Mikhail Petrovich Orlov"),
                 ("residence", "1934", None, None, "Ryazan", None)]:
        assert fact in got, fact
    # her husband's death is not hers ("he" in a woman's family page), nor is her given name alone another woman
    assert not any(p == "death" and dt == "1932" for p, dt, *_ in got)
    assert len(doc.persons) == 1 or all(p.name != "Olga" for p in doc.persons)
    school = next(f for f in found if f.property == "employment" and "school" in (f.object or ""))
    assert (d(school.start), d(school.end)) == ("1890", "1899")


def test_a_grave_site_page_gives_birth_death_burial_and_relatives_without_their_years():
    raw = ("Pavel Ilyich Orlov (1881-1937) - Grave Memorial\nBirth\t4 Mar 1881\nTver, Tver Oblast, Russia\n"
           "Death\t9 May 1937 (aged 56)\nKazan, Tatarstan, Russia\nBurial\tArskoe Cemetery\nKazan, Tatarstan, Russia\n"
           "Engineer and bridge builder. He died of typhus in the Kazan hospital.\nFamily Members\nParents\n"
           "Ilya Petrovich Orlov 1850–1910\nSiblings\nAnna Ilyinichna Orlova 1885–1960\n")
    doc, found = facts_of(raw)
    got = {(f.property, d(f.date), f.place, f.object) for f in found}
    for fact in [("birth", "1881-03-04", "Tver", None), ("death", "1937-05-09", "Kazan", None),
                 ("burial", None, "Arskoe Cemetery", None), ("parent", None, None, "Ilya Petrovich Orlov"),
                 ("sibling", None, None, "Anna Ilyinichna Orlova"), ("death", None, "Kazan hospital", None)]:
        assert fact in got, fact


def test_an_execution_list_gives_each_entry_its_own_arrest_and_rehabilitation():
    doc = process([Document(id="x", uri="x.txt", raw=(
        "Execution list of 20 August 1938\nShot on 20 August 1938 by sentence of the Military Collegium:\n"
        "Lvov Ivan Petrovich (1890–1938), engineer of the Moscow tram depot. Arrested 3 March 1938. "
        "Rehabilitated 1956.\nGromova Anna Sergeyevna (1899–1938), typist of the Tram Trust. Arrested 15 April "
        "1938. Rehabilitated 1958.\n"))])[0]
    names = {p.id: p.name for p in doc.persons}
    got = {(names[f.person], f.property, d(f.date)) for f in doc.factoids if f.property in ("arrest", "rehabilitation")}
    assert {("Lvov Ivan Petrovich", "arrest", "1938-03-03"), ("Lvov Ivan Petrovich", "rehabilitation", "1956"),
            ("Gromova Anna Sergeyevna", "arrest", "1938-04-15"),
            ("Gromova Anna Sergeyevna", "rehabilitation", "1958")} <= got
    assert not any(n.startswith("Lvov") and dt in ("1938-04-15", "1958") for n, _, dt in got)


def test_a_memorial_records_relatives_are_named_without_their_life_years_and_read_once():
    _, facts = facts_of("Pavel Orlov\nBirth: 3 Jun 1885, Tula, Russia\n\nEngineer. He joined the union in 1905.\n\n"
                        "Family Members\nSpouse: Irina Orlova 1887–1950\nChildren: Boris Orlov 1912–1977\n")
    kin = sorted((f.property, f.object) for f in facts if f.property in ("spouse", "child"))
    assert kin == [("child", "Boris Orlov"), ("spouse", "Irina Orlova")]


def test_an_infoboxs_spouses_keep_their_marriage_years_and_children_in_one_row_are_each_a_child():
    _, facts = facts_of("Pavel Orlov\nBorn\t25 November 1887\nTula, Russian Empire\nSpouse(s)\tIrina Gorska "
                        "(m. 1912; div. 1926)\nVera Lutz (m. 1926)\nChildren\tBoris Orlov, Gleb Orlov\n\n"
                        "Pavel Ivanovich Orlov (25 November 1887 – 26 January 1943) was a Russian and Soviet "
                        "agronomist.\n")
    spouses = sorted((f.object, d(f.start), d(f.end)) for f in facts if f.property == "spouse")
    assert spouses == [("Irina Gorska", "1912", "1926"), ("Vera Lutz", "1926", None)]
    assert sorted(f.object for f in facts if f.property == "child") == ["Boris Orlov", "Gleb Orlov"]
    assert [f.object for f in facts if f.property == "employment"] == ["agronomist"]


def test_entries_of_a_time_and_a_dash_as_translated_encyclopedias_write_them():
    _, facts = facts_of(
        "Orlov Pavel Ivanovich (1881-1938) - Soviet statesman.\n\nBorn in 1881 in Tula. Since 1903 - Bolshevik. "
        "After the revolution - People's Commissar of Roads (1917). In 1918-1921 and 1923-1924 - Chairman of the "
        "Supreme Council of Roads. From 1924 to 1930 - member of the Central Committee. In Paris - Capital of "
        "the Exiles. In 1926 - the year of the strike - he wrote a book.")
    got = sorted((f.property, f.object, d(f.start), d(f.end)) for f in facts
                 if f.extractor.startswith("listing.dash"))
    assert got == [("membership", "Central Committee", "1924", "1930"), ("party", "Bolshevik", "1903", None),
                   ("position", "Chairman of the Supreme Council of Roads", "1918", "1921"),
                   ("position", "Chairman of the Supreme Council of Roads", "1923", "1924"),
                   ("position", "People's Commissar of Roads", "1917", None)]


def test_a_profiles_sections_and_a_dated_sentence_with_its_subject_is_no_cv_entry():
    _, facts = facts_of(
        "Pavel Orlov\nSoviet politician\n\nBorn: February 4, 1878, Tula, Russian Empire\n\nCareer\nFrom 1897 he took "
        "part in strikes. From 1917 to 1919 he was People's Commissar for Roads. From 1919 to 1938 he was chairman "
        "of the Tula Soviet. In 1940 he became director of the Tula Museum.\n\nConnections\nMarried Vera Fyodorovna "
        "Lutz.\n")
    positions = sorted(f.object for f in facts if f.property == "position")
    assert positions == ["People's Commissar for Roads", "chairman of the Tula Soviet", "director of the Tula Museum"]
    assert [f.object for f in facts if f.property == "spouse"] == ["Vera Fyodorovna Lutz"]
