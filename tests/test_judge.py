"""Source criticism: consensus per property, and the conflicts a careful reader notices (and
those that are none: two calendars, a less precise date, offices held at different times)."""
import pytest

from factoid.judge import consensus, judge
from factoid.judge.dates import agree, bounds


def fact(fid, prop, doc="a", person="p1", extractor="text.rule@1", confidence=0.8, **values):
    return {"id": fid, "person": person, "property": prop, "source": f"{doc}.txt", "document": doc,
            "extractor": extractor, "confidence": confidence, **values}


def kinds(facts):
    return sorted((c.kind, c.properties) for c in judge(facts))


# -- dates --------------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("1924", "1924-03-05"), ("1924-03", "1924-03-05"), ("1888-10-09", "1888-09-27"),  # 12 days, 19th century
    ("1918-02-14", "1918-02-01"),  # 13 days, 20th century
    ("1892~", "1893"), ("1920/1924", "1922-05"),
])
def test_dates_that_are_one_date(a, b):
    assert agree(a, b) and agree(b, a)


@pytest.mark.parametrize("a, b", [("1888-10-09", "1888-09-26"), ("1924", "1925"), ("1918-02-14", "1918-02-02")])
def test_dates_that_are_two(a, b):
    assert not agree(a, b)


def test_seasons_and_nonsense():
    assert bounds("1918-22")[0].month == 6  # summer
    assert bounds("soon") is None and agree("soon", "1900")


# -- value disagreements -------------------------------------------------------------------------

def test_different_birth_dates_conflict_with_an_explanation():
    conflicts = judge([fact("f1", "birth", "a", date="1888-08-15", date_text="15 August 1888"),
                       fact("f2", "birth", "b", date="1887-08-15")])
    c, = conflicts
    assert c.kind == "value" and c.properties == ("birth",) and set(c.factoids) == {"f1", "f2"}
    assert "15 August 1888" in c.explanation and "b.txt" in c.explanation and c.explanation.endswith(".")


def test_no_value_conflict_for_calendars_or_precision():
    facts = [fact("f1", "birth", "a", date="1888-10-09", date_julian="1888-09-27"),
             fact("f2", "birth", "b", date="1888-09-27"),  # the Julian day written as a plain date
             fact("f3", "birth", "c", date="1888"), fact("f4", "birth", "d", date="1888-10")]
    c, = judge(facts)  # one source leaves the calendar unsaid: shown, but as a calendar question
    assert c.kind == "calendar" and set(c.factoids) == {"f1", "f2"} and "b.txt" in c.explanation
    marked = [facts[0], fact("f2", "birth", "b", date="1888-10-09"), *facts[2:]]
    assert judge(marked) == []


def test_a_plain_day_the_calendar_gap_later_is_no_calendar_question_inside_one_document():
    assert judge([fact("f1", "birth", "a", date="1888-10-09", date_julian="1888-09-27"),
                  fact("f2", "birth", "a", date="1888-09-27")]) == []


def test_two_sources_date_the_start_of_one_office_a_year_apart():
    facts = [fact("f1", "party", "a", object="RSDLP", start="1901"),
             fact("f2", "party", "b", object="RSDLP", start="1902"),
             fact("f3", "party", "b", object="Communist Party", start="1918")]
    c, = judge(facts)
    assert c.kind == "value" and set(c.factoids) == {"f1", "f2"} and "began" in c.explanation
    # a later term one source alone mentions is another term, not a dispute
    assert judge([facts[0], fact("f2", "party", "b", object="RSDLP", start="1901"),
                  fact("f4", "party", "b", object="RSDLP", start="1912")]) == []


def test_a_party_and_its_acronym_are_one_body_whose_start_two_sources_date_apart():
    found = judge([fact("f1", "party", "a", object="RSDLP", start="1901"),
                   fact("f2", "party", "b", object="Russian Social Democratic Workers' Party", start="1902")])
    assert [c.properties for c in found] == [("party",)]
    # an acronym of other words is another body
    assert judge([fact("f1", "party", "a", object="NKVD", start="1901"),
                  fact("f2", "party", "b", object="Russian Social Democratic Workers' Party", start="1902")]) == []


def test_a_seat_told_as_an_office_and_as_a_membership_is_one_term_and_numbered_seats_are_two():
    c, = judge([fact("f1", "position", "a", object="Member of the 10th Secretariat", start="1920-04-05"),
                fact("f2", "membership", "b", object="Secretariat of the Central Committee", start="1919")])
    assert c.properties == ("membership", "position") and set(c.factoids) == {"f1", "f2"}
    # the 14th and the 16th Politburo are two seats: their ends are no dispute, the 14th's are
    seats = [fact("f1", "position", "a", object="Candidate member of the 14th Politburo", end="1927-11-03"),
             fact("f2", "position", "a", object="Full member of the 16th Politburo", end="1937-02-18"),
             fact("f3", "position", "b", object="Candidate member of the 14th Politburo", end="1926-11-03"),
             fact("f4", "position", "b", object="Full member of the 16th Politburo", end="1937-02-18")]
    c, = judge(seats)
    assert set(c.factoids) == {"f1", "f3"} and "ended" in c.explanation


def test_rehabilitation_dates_that_never_meet_disagree():
    assert kinds([fact("f1", "rehabilitation", "a", date="1958"),
                  fact("f2", "rehabilitation", "b", date="1988")]) == [("value", ("rehabilitation",))]
    assert judge([fact("f1", "rehabilitation", "a", date="1958"),
                  fact("f2", "rehabilitation", "b", date="1958-01-31")]) == []


def test_two_sources_that_both_tell_the_years_disagree_on_the_first_arrest():
    early = [fact("a1", "arrest", "a", date="1897"), fact("a2", "education", "a", date="1895")]
    late = [fact("b0", "party", "b", start="1898"), fact("b1", "arrest", "b", date="1899"),
            fact("b2", "arrest", "b", date="1908")]
    conflicts = judge(early + late)
    assert [(c.kind, c.properties, sorted(c.factoids)) for c in conflicts] == [("value", ("arrest",), ["a1", "b1"])]
    assert "first arrest: 1897 (a.txt) against 1899 (b.txt)" in conflicts[0].explanation


def test_a_source_silent_on_the_early_years_or_sharing_an_arrest_is_no_first_arrest_dispute():
    early = [fact("a1", "arrest", "a", date="1897")]
    # b tells nothing before its first arrest: it may simply begin later
    assert judge(early + [fact("b1", "arrest", "b", date="1899"), fact("b0", "birth", "b", date="1870")]) == []
    # b has the 1897 arrest too, and a later one: they agree on the first
    assert judge(early + [fact("b0", "party", "b", start="1895"), fact("b1", "arrest", "b", date="1897-05"),
                          fact("b2", "arrest", "b", date="1899")]) == []
    # far apart: more likely two arrests, one of them omitted
    assert judge(early + [fact("b0", "party", "b", start="1898"), fact("b1", "arrest", "b", date="1905")]) == []
    # copies of one text are one source
    assert judge([fact("a1", "arrest", "a", date="1897", family="t"), fact("b0", "party", "b", start="1898", family="t"),
                  fact("b1", "arrest", "b", date="1899", family="t")]) == []


def test_different_places_of_birth_conflict_but_a_fuller_place_agrees():
    romny = fact("f1", "birth", "a", place="Romny")
    assert judge([romny, fact("f2", "birth", "b", place="Romny, Poltava Governorate")]) == []
    assert kinds([romny, fact("f2", "birth", "b", place="Kiev")]) == [("value", ("birth",))]


def test_different_people_never_conflict():
    assert judge([fact("f1", "birth", person="p1", date="1900"), fact("f2", "birth", person="p2", date="1901")]) == []


def test_offices_at_different_times_are_no_conflict():
    assert judge([fact("f1", "position", "a", object="People's Commissar of Finance", start="1922", end="1926"),
                  fact("f2", "position", "b", object="ambassador to London", start="1929", end="1932"),
                  fact("f3", "position", "c", object="People's Commissar of Finance", start="1922-11")]) == []


# -- chronology ---------------------------------------------------------------------------------

def life(*more):
    return [fact("b", "birth", date="1880-10-10"), fact("d", "death", date="1937-11-26"), *more]


def test_event_before_birth_or_after_death():
    assert kinds(life(fact("x", "arrest", date="1875"))) == [("chronology", ("arrest", "birth"))]
    after = fact("x", "position", start="1940", object="director")
    assert kinds(life(after)) == [("chronology", ("position", "death"))]


def test_posthumous_events_are_no_conflict():
    assert judge(life(fact("x", "rehabilitation", date="1956"), fact("y", "burial", date="1937-12-01"))) == []


def test_old_style_death_day_is_not_after_death():
    assert judge(life(fact("x", "execution", date="1937-11-26"), fact("y", "sentence", date="1937-11-13"))) == []


def test_trial_before_the_arrest_it_follows():
    facts = life(fact("a1", "arrest", date="1918-22"), fact("a2", "arrest", date="1924-09-19"),
                 fact("t", "trial", date="1924-03"))
    c, = judge(facts)
    assert (c.kind, c.properties, c.factoids) == ("chronology", ("trial", "arrest"), ("t", "a2"))
    assert "before the arrest" in c.explanation


def test_a_trial_that_follows_its_arrest_is_fine_even_with_later_arrests():
    assert judge(life(fact("a1", "arrest", date="1923-12"), fact("t", "trial", date="1924-03"),
                      fact("a2", "arrest", date="1924-09-19"))) == []


def test_sentence_before_trial_and_execution_before_sentence():
    assert kinds(life(fact("t", "trial", date="1937-01"), fact("s", "sentence", date="1936-12"))) == [
        ("chronology", ("sentence", "trial"))]
    assert kinds(life(fact("s", "sentence", date="1937-11-25"), fact("e", "execution", date="1937-10-01"))) == [
        ("chronology", ("execution", "sentence"))]


def test_office_ending_before_it_starts():
    backwards = fact("x", "position", object="editor", start="1930", end="1925")
    assert kinds(life(backwards)) == [("chronology", ("position",))]


def test_implausible_ages():
    assert kinds(life(fact("x", "position", object="minister", start="1885"))) == [("age", ("position", "birth"))]
    assert kinds([fact("b", "birth", date="1800"), fact("d", "death", date="1930")]) == [("age", ("birth", "death"))]


# -- an infobox against its own text ------------------------------------------------------------------

def infobox(fid, prop, doc="a", **values):
    return fact(fid, prop, doc, extractor=f"infobox.{prop}@1", confidence=0.85, **values)


def test_infobox_disagreeing_with_its_text():
    facts = [infobox("i", "position", object="Member of the 10th Secretariat", start="1920-04-05", end="1921-03-16"),
             fact("t", "membership", object="Secretariat of the Central Committee", start="1919")]
    c, = judge(facts)
    assert c.kind == "infobox" and "position" in c.properties and set(c.factoids) == {"i", "t"}
    assert "infobox" in c.explanation and "1919" in c.explanation


def test_infobox_agreeing_with_its_text_or_about_another_office():
    assert judge([infobox("i", "position", object="Secretariat", start="1920-04-05"),
                  fact("t", "position", object="the Secretariat", start="1920")]) == []
    assert judge([infobox("i", "position", object="Secretariat", start="1920-04-05"),
                  fact("t", "position", object="Orgburo", start="1919")]) == []


def test_infobox_life_dates_against_the_text():
    facts = [fact("i", "birth", extractor="life.infobox@1", date="1890-06-11"), fact("t", "birth", date="1891")]
    assert kinds(facts) == [("infobox", ("birth",))]  # one document: not a disagreement between sources
    other = [fact("i", "birth", "a", extractor="life.infobox@1", date="1890-06-11"),
             fact("t", "birth", "b", date="1891")]
    assert kinds(other) == [("value", ("birth",))]


# -- consensus ---------------------------------------------------------------------------------

def test_consensus_with_support_and_disputes():
    facts = [fact("f1", "death", "a", date="1940-05-21", date_text="21 May 1940", place="Verkhneuralsk"),
             fact("f2", "death", "b", date="1940", confidence=0.9),
             fact("f3", "death", "c", date="1939-05-21", confidence=0.6),
             fact("o1", "position", "a", object="People's Commissar of Finance", start="1922"),
             fact("o2", "position", "b", object="ambassador to London", start="1929")]
    summary = {entry["property"]: entry for entry in consensus(facts)}
    death = summary["death"]
    best, other = death["clusters"]
    assert death["disputed"] and (best["status"], other["status"]) == ("consensus", "disputed")
    assert best["value"]["date"] == "1940-05-21" and best["value"]["text"].startswith("21 May 1940")
    assert best["value"]["place"] == "Verkhneuralsk" and best["sources"] == ["a.txt", "b.txt"]
    assert best["confidence"] == pytest.approx(1 - 0.2 * 0.1) and best["support"] == 2
    assert other["value"]["date"] == "1939-05-21"
    positions = summary["position"]
    assert not positions["disputed"] and [c["status"] for c in positions["clusters"]] == ["consensus", "consensus"]


def test_one_source_against_one_is_undecided_and_says_so():
    facts = [fact("f1", "death", "a", date="1940"), fact("f2", "death", "b", date="1939-05-21", confidence=0.9)]
    [death] = consensus(facts)
    assert death["status"] == "undecided" and death["value"] is None and death["disputed"]
    assert [c["status"] for c in death["clusters"]] == ["undecided", "undecided"]
    assert death["verdict"].startswith("undecided: ") and "a.txt" in death["verdict"] and "b.txt" in death["verdict"]
    # three independent sources against two: still no clear margin; four against two is one
    three = [fact(f"x{i}", "death", f"d{i}", date="1940") for i in range(3)]
    two = [fact(f"y{i}", "death", f"e{i}", date="1939") for i in range(2)]
    assert consensus(three + two)[0]["status"] == "undecided"
    four = three + [fact("x9", "death", "d9", date="1940")]
    [death] = consensus(four + two)
    assert death["status"] == "disputed" and death["value"]["date"] == "1940"
    assert [c["status"] for c in death["clusters"]] == ["consensus", "disputed"]


def test_copies_of_one_text_count_once_for_the_margin():
    facts = [fact("f1", "death", "a", date="1940", family="fam1"), fact("f2", "death", "b", date="1940", family="fam1"),
             fact("f3", "death", "c", date="1939")]
    [death] = consensus(facts)
    assert death["status"] == "undecided" and death["clusters"][0]["independent"] == 1


def test_two_memberships_are_not_fused_into_one():
    """A party named without a date and a date given without a party are not one fact; nor an
    exile's place and a prison term's date."""
    facts = [fact("p1", "party", "a", object="Social Democratic Party of Germany"),
             fact("p2", "party", "b", start="1917"),
             fact("s1", "sentence", "a", date="1937-01"), fact("s2", "sentence", "b", place="Siberia"),
             fact("s3", "sentence", "c", date="1937-01-30", place="Moscow")]
    summary = {e["property"]: e for e in consensus(facts)}
    assert sorted(c["factoids"] for c in summary["party"]["clusters"]) == [["p1"], ["p2"]]
    assert sorted(c["factoids"] for c in summary["sentence"]["clusters"]) == [["s1", "s3"], ["s2"]] or \
        sorted(c["factoids"] for c in summary["sentence"]["clusters"]) == [["s2"], ["s3", "s1"]]


def test_consensus_keeps_factoids_without_a_value_apart():
    """An undated arrest neither supports nor disputes a dated one; a stored conflict that
    names a value of a property held many times makes it disputed."""
    facts = [fact("a1", "arrest", "a", date="1921"), fact("a2", "arrest", "b"),
             fact("a3", "arrest", "c", date="1937", confidence=0.6)]
    [arrests] = consensus(facts, in_conflict={"a3"})
    assert [(c["factoids"], c["status"]) for c in arrests["clusters"]] == [
        (["a1"], "consensus"), (["a3"], "disputed"), (["a2"], "also")]
    assert arrests["disputed"]


def test_grouping_repeated_values_matches_checking_every_member():
    """group() compares distinct values only; it must group exactly as comparing a factoid
    with every member of every group would."""
    import random

    from factoid.judge.values import agree as facts_agree, group

    rng = random.Random(7)
    dates = [None, "1870", "1870-04-22", "1870-04-10", "1871", "1870-04"]
    places = [None, "Simbirsk", "Simbirsk, Russian Empire", "Kazan"]
    facts = [{"id": f"f{i:03d}", "property": "birth", "date": rng.choice(dates), "place": rng.choice(places),
              "confidence": rng.choice([0.5, 0.7, 0.9]), "source": f"s{rng.randrange(6)}"} for i in range(300)]
    naive: list[list[dict]] = []
    for f in sorted(facts, key=lambda f: (-f["confidence"], f["id"])):
        if not (f["date"] or f["place"]):
            continue
        home = next((g for g in naive if all(facts_agree(f, m) for m in g)), None)
        home.append(f) if home is not None else naive.append([f])
    got = group(facts)
    assert sorted(tuple(f["id"] for f in g.factoids) for g in got) == sorted(tuple(f["id"] for f in g) for g in naive)
    assert len(got) > 1  # the data holds real disagreements


def test_a_source_giving_two_values_supports_neither():
    both = [fact("a1", "death", "a", date="1940"), fact("a2", "death", "a", date="1939", place="Kazan")]
    # a, b, d say 1940 and a, c say 1939: without a, two against one, a clear margin
    entry, = consensus(both + [fact("b1", "death", "b", date="1940"), fact("c1", "death", "c", date="1939"),
                               fact("d1", "death", "d", date="1940")])
    assert entry["status"] == "disputed" and entry["value"]["date"] == "1940"
    assert "a.txt also giving another" in entry["verdict"]
    # a document that contradicts itself alone decides nothing
    alone, = consensus(both)
    assert alone["status"] == "undecided" and alone["value"] is None


@pytest.mark.parametrize("a, b, same", [
    ("Warsaw", "Warschau", True), ("Vienna", "Wien, Austria", True), ("Kiev Governorate", "Cherkasy, Kiev Governorate", True),
    ("Christiania", "Oslo", True), ("Store Frøen", "Froen", True), ("Tiflis", "Kutais", False),
    ("Vienna", "Prague", False), ("Baku", "Kremlin Wall Necropolis, Moscow", False),
])
def test_places_agree_by_containment_spelling_and_other_names(a, b, same):
    from factoid.judge.places import agree as places_agree
    assert places_agree(a, b) is same and places_agree(b, a) is same


def test_two_sources_that_put_a_person_in_two_countries_at_once():
    c, = judge([fact("f1", "residence", "a", place="Western Europe", start="1908", end="1916"),
                fact("f2", "residence", "b", place="Russia", date="1914"),
                fact("f3", "residence", "c", place="France", date="1912")])
    assert c.properties == ("residence",) and set(c.factoids) == {"f1", "f2"} and "two places" in c.explanation
    assert judge([fact("f1", "residence", "a", place="Germany", start="1908", end="1916"),
                  fact("f2", "residence", "a", place="Russia", date="1914")]) == []  # one source's own story


def test_a_source_that_reports_disagreement_itself_raises_a_reported_conflict():
    """"According to some sources ..., but other sources state ...": the two readings of one
    document are shown as the conflict the source points out; facts outside the hedge are not."""
    from factoid import Document, process
    doc = process([Document(id="h", uri="h.txt", raw=(
        "Pavel Ivanovich Orlov (3 March 1886 – 9 May 1937) was a Russian engineer.\n\n"
        "According to some sources he graduated as a doctor from the Tver Medical School, but other sources "
        "state that he qualified only as a medical orderly. In 1910 he studied at the Kazan University."))])[0]
    notes = {f.object: f.note for f in doc.factoids if f.property == "education"}
    assert notes["Tver Medical School"] == "According to some sources"
    assert notes["medical orderly"] == "other sources"
    assert notes.get("Kazan University") is None
    facts = [{"id": f"f{i}", "person": "p", "property": f.property, "object": f.object, "note": f.note,
              "document": "h", "source": "h.txt", "date": None} for i, f in enumerate(doc.factoids)]
    reported = [c for c in judge(facts) if c.kind == "reported"]
    assert len(reported) == 1 and reported[0].properties == ("education",)
    assert "medical orderly" in reported[0].explanation and "Tver Medical School" in reported[0].explanation


def test_two_lengths_of_one_prison_term_disagree_and_other_terms_are_not_compared():
    from factoid import Document, process
    told = process([Document(id="a", uri="a.txt", raw=(
        "Anna Orlova (1869–1940) was an anarchist.\n\nShe did receive a year in Tver Prison on a charge of "
        "inciting a riot."))])[0]
    dated = process([Document(id="b", uri="b.txt", raw=(
        "Anna Orlova (1869–1940) was an anarchist.\n\nIn 1893 she was gaoled in Tver for inciting a riot. "
        "Released 2 years later, Orlova embarked on lecture tours."))])[0]
    assert [f.note for f in told.factoids if f.property == "imprisonment"] == ["a year"]
    assert "2 years later" in [f.note for f in dated.factoids if f.property == "imprisonment" and f.end]

    def rows(doc, source):
        return [{"id": f"{source}{i}", "person": "p", "property": f.property, "place": f.place, "note": f.note,
                 "date": f.date and f.date.edtf, "start": f.start and f.start.edtf, "end": f.end and f.end.edtf,
                 "document": source, "source": source} for i, f in enumerate(doc.factoids)]
    facts = rows(told, "a.txt") + rows(dated, "b.txt")
    lengths = [c for c in judge(facts) if "how long" in c.explanation]
    assert len(lengths) == 1 and "1 year (a.txt)" in lengths[0].explanation and "2 years (b.txt)" in lengths[0].explanation
    elsewhere = [dict(f, place="Kazan") if f["source"] == "a.txt" and f["property"] == "imprisonment" else f
                 for f in facts]
    assert not [c for c in judge(elsewhere) if "how long" in c.explanation]


def test_an_office_held_for_forty_years_from_its_start_ends_apart_from_a_stated_end():
    facts = [{"id": "a", "person": "p", "property": "position", "object": "director of the Brno Conservatory",
              "start": "1881", "end": "1919", "document": "d1", "source": "one.txt", "confidence": 0.7},
             {"id": "b", "person": "p", "property": "position", "object": "Brno Organ School",
              "start": "1881", "end": "1921~", "document": "d2", "source": "two.txt", "confidence": 0.6}]
    ends = [c for c in judge(facts) if c.properties == ("position",)]
    assert ends and "1919" in ends[0].explanation and "1921" in ends[0].explanation
