"""Person resolution: names (folding, transliteration, patronymics, order, feminine forms),
evidence and contradictions, bare names, aliases, a user's decisions, blocking, and the seeds."""
import importlib.util
import json
import random
from pathlib import Path

import pytest

from factoid import views
from factoid.resolve import explain, fold, parse, resolve
from factoid.resolve.clustering import candidate_pairs, threshold
from factoid.resolve.names import feminine_pair, sound_key
from factoid.resolve.profile import build_profiles

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def dp(pid, name, *names, subject=False):
    return {"id": pid, "doc_id": pid.split(":")[0], "name": name, "names": list(names), "is_subject": subject}


def fact(person, prop, **values):
    return {"doc_person": person, "property": prop, **values}


def together(result, *ids):
    return len({result.assignment[i] for i in ids}) == 1


def apart(result, *ids):
    return len({result.assignment[i] for i in ids}) == len(ids)


# -- names ------------------------------------------------------------------------------------

@pytest.mark.parametrize("spellings", [
    ("Krasnoshchyokov", "Krasnoshchekov", "Krasnoščëkov", "Краснощёков"),
    ("Yenukidze", "Enukidze", "Енукидзе"),
    ("Preobrazhensky", "Preobrazhenskiĭ", "Preobraschenski", "Preobrazhenskii", "Преображенский"),
    ("Sokol'nikov", "Sokolʹnikov", "Sokolnikov"),
    ("Yury", "Yuriy", "Iurii"),
])
def test_spellings_of_one_name_share_a_key(spellings):
    keys = {parse(s).surname for s in spellings}
    assert len(keys) == 1, {s: parse(s).surname for s in spellings}


def test_a_given_name_first_before_a_trailing_patronymic_keeps_the_surname_in_the_middle():
    assert parse("Mikhail Kalinin Ivanovich").surname == parse("Kalinin").surname
    assert parse("Kalinin Mikhail Ivanovich").surname == parse("Kalinin").surname


def test_one_birth_year_and_place_bring_two_spellings_together():
    people = build_profiles([dp("a:0", "Leoš Háček", subject=True), dp("b:0", "Leos Hácek", subject=True)],
                            [fact("a:0", "birth", date="1851", place="Kralupy"),
                             fact("b:0", "birth", date="1851", place="Kralupy")])
    pairs = {tuple(sorted(p)) for p in candidate_pairs(people)}
    assert (0, 1) in pairs


def test_different_names_keep_different_keys():
    assert sound_key(fold("Krasin")) != sound_key(fold("Krasina"))
    assert sound_key(fold("Petrov")) != sound_key(fold("Petrova"))
    assert parse("Ivan Petrov").surname != parse("Ivan Popov").surname


@pytest.mark.parametrize("text", ["Mikhail Ivanovich Kalinin", "Kalinin, Mikhail Ivanovich",
                                  "Kalinin Mikhail Ivanovich", "Михаил Иванович Калинин",
                                  "Mikhail Ivanovič Kalinin", "M. I. Kalinin"])
def test_name_parts_whatever_the_order_and_script(text):
    name = parse(text)
    assert name.surname == parse("Kalinin").surname
    assert name.first[:1] == "m"
    assert name.patronymic in ("", parse("Mikhail Ivanovich Kalinin").patronymic)


def test_nicknames_and_other_languages_share_a_given_name():
    assert parse("Tom Jones").first == parse("Thomas Jones").first
    assert parse("Iosif Stern").first == parse("Joseph Stern").first
    assert parse("Volodya Rakov").first == parse("Vladimir Rakov").first


def test_titles_ordinals_and_particles_are_not_names():
    name = parse("Sir Charles Grey, 2nd Earl Grey")
    assert name.first == parse("Charles").surname and name.surname == parse("Grey").surname
    assert parse("Martin Luther King").surname == parse("King").surname


def test_feminine_forms():
    assert feminine_pair(parse("Serebryakova").surname, parse("Serebryakov").surname)
    assert feminine_pair(parse("Trotskaya").surname, parse("Trotsky").surname)
    assert not feminine_pair(parse("Ivanov").surname, parse("Ivanova").surname + "x")


# -- evidence ---------------------------------------------------------------------------------

def test_patronymic_is_optional_but_must_agree():
    r = resolve([dp("a:0", "Mikhail Ivanovich Kalinin", subject=True), dp("b:0", "Mikhail Kalinin", subject=True),
                 dp("c:0", "Mikhail Ivanovič Kalinin"), dp("d:0", "M. I. Kalinin")])
    assert together(r, "a:0", "b:0", "c:0", "d:0")
    r = resolve([dp("a:0", "Mikhail Ivanovich Kalinin"), dp("c:0", "Mikhail Petrovich Kalinin")])
    assert apart(r, "a:0", "c:0")  # two fathers' sons


def test_cyrillic_and_latin_are_one_person():
    r = resolve([dp("a:0", "Михаил Иванович Калинин", subject=True), dp("b:0", "Mikhail Kalinin", subject=True)])
    assert together(r, "a:0", "b:0")
    person = next(p for p in r.persons if p.id == r.assignment["a:0"])
    assert person.name == "Mikhail Kalinin"  # a Latin name is preferred for display


def test_never_on_a_shared_surname_or_given_name_alone():
    r = resolve([dp("a:0", "Boris Rakov"), dp("b:0", "Leonid Rakov"), dp("c:0", "Leonid Sorin"),
                 dp("d:0", "Leonid")])
    assert apart(r, "a:0", "b:0", "c:0", "d:0")


def test_feminine_surname_is_another_person():
    r = resolve([dp("a:0", "Galina Serova"), dp("b:0", "Galina Serov"), dp("c:0", "Galina Serova")])
    assert together(r, "a:0", "c:0") and apart(r, "a:0", "b:0")


def test_same_name_different_birth_years_stay_apart():
    r = resolve([dp("a:1", "Pavel Rakov"), dp("b:0", "Pavel Rakov", subject=True), dp("c:0", "Pavel Rakov")],
                [fact("a:1", "birth", date="1842"), fact("b:0", "birth", date="1884-04-15"),
                 fact("c:0", "birth", date="1884")])
    assert apart(r, "a:1", "b:0") and together(r, "b:0", "c:0")


def test_old_style_birth_year_is_no_contradiction():
    r = resolve([dp("a:0", "Pavel Rakov"), dp("b:0", "Pavel Rakov")],
                [fact("a:0", "birth", date="1901-01-05", date_julian="1900-12-23"),
                 fact("b:0", "birth", date="1900")])
    assert together(r, "a:0", "b:0")


def test_a_less_specific_name_between_two_people_is_not_guessed():
    """Father and son of one name: the bare name with no dates could be either."""
    people = [dp("a:1", "Boris Ivanovich Rakov"), dp("a:2", "Boris Borisovich Rakov"), dp("b:0", "Boris Rakov")]
    r = resolve(people)
    assert apart(r, "a:1", "a:2", "b:0")
    # a birth date that fits only the son decides it
    r = resolve(people, [fact("a:1", "birth", date="1846"), fact("a:2", "birth", date="1884-04-15"),
                         fact("b:0", "birth", date="1884")])
    assert together(r, "a:2", "b:0") and apart(r, "a:1", "a:2")


def test_bare_surname_joins_the_one_full_name_not_one_of_several():
    r = resolve([dp("a:0", "Nikolai Ivanovich Rakov", subject=True), dp("b:0", "Rakov", subject=True),
                 dp("c:0", "Rakov"), dp("d:0", "Sorin"), dp("e:0", "Ivan Sorin"), dp("f:0", "Pyotr Sorin")])
    assert together(r, "a:0", "b:0", "c:0")
    assert apart(r, "d:0", "e:0", "f:0")


def test_stated_aliases_link_names():
    r = resolve([dp("a:0", "Lipin", subject=True), dp("b:0", "Vasily Ignatov"), dp("c:0", "Vasily Petrovich Ignatov")],
                [fact("a:0", "alias", object="Vasily Petrovich Ignatov")])
    assert together(r, "a:0", "b:0", "c:0")
    person = next(p for p in r.persons if p.id == r.assignment["a:0"])
    assert {"Lipin", "Vasily Ignatov", "Vasily Petrovich Ignatov"} <= set(person.names)


def test_each_join_records_its_score_and_reasons():
    r = resolve([dp("a:0", "Mikhail Ivanovich Kalinin"), dp("b:0", "Mikhail Kalinin")],
                [fact("a:0", "birth", date="1875-11-19", place="Verkhnyaya Troitsa"),
                 fact("b:0", "birth", date="1875", place="Verkhnyaya Troitsa")])
    link, = r.links
    assert link.score > threshold(2) and link.kind == "evidence"
    text = " ".join(link.reasons)
    assert "same surname Kalinin" in text and "same given name Mikhail" in text and "birth dates agree" in text


def test_explain_says_why_two_are_apart():
    people = [dp("a:0", "Galina Serova"), dp("b:0", "Galina Serov")]
    lines = explain(people, [], {"a:0"}, {"b:0"})
    assert "feminine" in " ".join(lines)


def test_ids_are_stable_and_namesakes_get_their_own():
    people = [dp("a:0", "Pavel Rakov"), dp("b:0", "Pavel Rakov")]
    facts = [fact("a:0", "birth", date="1842"), fact("b:0", "birth", date="1884")]
    first, second = resolve(people, facts), resolve(list(reversed(people)), facts)
    assert first.assignment == second.assignment
    assert len(set(first.assignment.values())) == 2


# -- a user's decisions -----------------------------------------------------------------------

def test_user_merge_and_split_are_applied_and_the_latest_wins():
    people = [dp("a:0", "Lipin"), dp("b:0", "Vasily Ignatov"), dp("c:0", "Vasily Ignatov")]
    merge = {"kind": "merge", "a": [["a", "Lipin"]], "b": [["b", "Vasily Ignatov"]]}
    split = {"kind": "split", "a": [["c", "Vasily Ignatov"]], "b": [["b", "Vasily Ignatov"]]}
    assert together(resolve(people), "b:0", "c:0")
    r = resolve(people, [], [merge])
    assert together(r, "a:0", "b:0") and r.links[0].kind == "user"
    r = resolve(people, [], [merge, split])
    assert together(r, "a:0", "b:0") and apart(r, "b:0", "c:0")
    r = resolve(people, [], [split, {"kind": "merge", "a": [["c", "Vasily Ignatov"]], "b": [["b", "Vasily Ignatov"]]}])
    assert together(r, "b:0", "c:0")  # merged again after the split


def test_a_decision_about_a_vanished_document_is_ignored():
    r = resolve([dp("a:0", "Lipin")], [], [{"kind": "merge", "a": [["a", "Lipin"]], "b": [["gone", "X"]]}])
    assert len(r.persons) == 1


# -- scale --------------------------------------------------------------------------------------

def _population(n, seed=7):
    rng = random.Random(seed)
    given = ["Ivan", "Pyotr", "Anna", "Maria", "Sergei", "Olga", "Nikolai", "Elena", "Dmitri", "Vera"]
    syllables = ["ra", "ko", "vin", "mel", "sor", "tan", "pe", "lu", "gri", "bo", "zan", "dal"]
    people, facts = [], []
    for i in range(n):
        name = f"{rng.choice(given)} {''.join(rng.choice(syllables) for _ in range(4)).title()}ov"
        year = str(rng.randint(1800, 1950))
        for copy in range(2):
            pid = f"d{i}-{copy}:0"
            people.append(dp(pid, name))
            facts.append(fact(pid, "birth", date=year))
    return people, facts


def test_blocking_grows_near_linearly():
    """Even when every record shares a surname and a birth year (one huge block), each is
    compared with a bounded number of others, never with all."""
    for n in (1000, 4000):
        people = [dp(f"d{i}:0", f"Given{i:05d} Smith") for i in range(n)]
        facts = [fact(f"d{i}:0", "birth", date="1900") for i in range(n)]
        pairs = len(candidate_pairs(build_profiles(people, facts)))
        assert pairs < 20 * n < n * (n - 1) / 2


def test_duplicates_in_a_population_are_found():
    people, facts = _population(300)
    r = resolve(people, facts)
    pairs = sum(together(r, f"d{i}-0:0", f"d{i}-1:0") for i in range(300))
    assert pairs >= 295


def test_resolve_leaves_the_garbage_collector_as_it_found_it():
    import gc
    people, facts = _population(20)
    assert gc.isenabled()
    resolve(people, facts)
    assert gc.isenabled()
    gc.disable()
    try:
        resolve(people, facts)
        assert not gc.isenabled()
    finally:
        gc.enable()


# -- the seed documents ---------------------------------------------------------------------------

needs_seeds = pytest.mark.skipif(not (SHARED / "seeds").is_dir(),
                                 reason="../shared/seeds is absent (only CI and developers have it)")


@pytest.fixture(scope="module")
def seeds_export(tmp_path_factory):
    from factoid import ingest, open_store
    from factoid.store import queries
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with open_store(path) as store:
        ingest([SHARED / "seeds"], store)
        return list(queries.export_rows(store))


@needs_seeds
def test_seeds_resolve_without_splits_or_merges(seeds_export):
    spec = importlib.util.spec_from_file_location("seed_score", SHARED / "eval" / "seeds" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = score.Gold(SHARED / "eval" / "seeds")
    split, merged = score.resolution({r["id"]: r for r in seeds_export if r["type"] == "person"}, gold)
    assert split == [] and merged == []


@needs_seeds
def test_seed_export_has_conflict_lines_per_the_contract(seeds_export):
    conflicts = [r for r in seeds_export if r["type"] == "conflict"]
    persons = {r["id"] for r in seeds_export if r["type"] == "person"}
    facts = {r["id"] for r in seeds_export if r["type"] == "factoid"}
    assert conflicts
    for c in conflicts:
        assert c["person"] in persons and set(c["factoids"]) <= facts
        assert c["kind"] in ("value", "chronology", "age", "infobox") and c["properties"]
        assert c["explanation"].endswith(".") and json.dumps(c)


# -- stored: links, decisions that outlive re-ingest, and the commands ------------------------------

def _document(doc_id, persons, facts=()):
    """A processed document as the document stages would leave it (no NLP needed here).
    persons: [(name, [other names])], the first the subject; facts: (person index, property, values)."""
    from factoid.model import Date, Document, Factoid, Person, Span
    text = " ".join(name for name, _ in persons) + "."
    people = tuple(Person(f"{doc_id}:{i}", name, tuple(others)) for i, (name, others) in enumerate(persons))
    factoids = tuple(Factoid(person=people[i].id, property=prop, span=Span(doc_id, 0, len(text)), quote=text,
                             extractor=values.pop("extractor", "test@1"), confidence=0.9,
                             date=Date(values.pop("date")) if "date" in values else None, id=f"{doc_id}-f{n}",
                             start=Date(values.pop("start")) if "start" in values else None, **values)
                     for n, (i, prop, values) in enumerate((i, p, dict(v)) for i, p, v in facts))
    return Document(id=doc_id, uri=f"/corpus/{doc_id}.txt", raw=text, clean=text, offsets=tuple(range(len(text) + 1)),
                    subject=persons[0][0], persons=people, factoids=factoids)


CORPUS = [
    _document("one", [("Vasily Petrovich Ignatov", ["Ignatov"]), ("Lipin", [])],
              [(0, "birth", {"date": "1880-10-10"}), (0, "arrest", {"date": "1924-09-19"}),
               (0, "trial", {"date": "1924-03"})]),
    _document("two", [("Vasily Ignatov", [])], [(0, "birth", {"date": "1880"})]),
    _document("three", [("Ignatov", [])], [(0, "birth", {"date": "1881", "extractor": "infobox.birth@1"}),
                                          (0, "birth", {"date": "1880"})]),
]


@pytest.fixture()
def kb(tmp_path):
    from factoid import pipeline
    from factoid.store import Store
    path = tmp_path / "kb.db"
    with Store(path) as store:
        for doc in CORPUS:
            store.write_document(doc)
        pipeline.rebuild(store)
    return path


def _cli(*args):
    from click.testing import CliRunner

    from factoid.cli import main
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result


def test_links_are_stored_and_explained(kb):
    from factoid.store import Store, queries
    with Store(kb, readonly=True) as store:
        person = views.find_persons(store, "Vasily Petrovich Ignatov")[0]
        links = queries.person_links(store, person["id"])
        assert len(queries.person_members(store, person["id"])) == 3 and len(links) == 2
        assert all(link["reasons"] and link["a_source"].endswith(".txt") for link in links)
    out = _cli("why-same", "Vasily Ignatov", "Vasily Petrovich Ignatov", "--db", kb)
    assert out.exit_code == 0, out.output
    assert "one person" in out.output and "two.txt" in out.output and "same surname Ignatov" in out.output
    out = _cli("why-same", "Lipin", "Ignatov", "--db", kb)
    assert "two persons" in out.output and "different surnames" in out.output


def test_conflicts_command_and_export_lines(kb):
    out = _cli("conflicts", "--db", kb)
    assert out.exit_code == 0, out.output
    assert "[chronology: trial, arrest]" in out.output and "[infobox: birth]" in out.output
    assert "no conflicts" in _cli("conflicts", "--person", "Lipin", "--db", kb).output
    lines = [json.loads(x) for x in _cli("export", "--db", kb).output.splitlines()]
    conflict = next(x for x in lines if x["type"] == "conflict" and x["kind"] == "chronology")
    assert conflict["properties"] == ["trial", "arrest"] and len(conflict["factoids"]) == 2


def test_person_shows_consensus_and_disputes(kb):
    out = _cli("person", "Vasily Petrovich Ignatov", "--db", kb)
    assert out.exit_code == 0, out.output
    assert "consensus" in out.output and "birth: 1880-10-10" in out.output and "disputed: 1881" in out.output


def test_merge_and_split_outlive_reingest(kb):
    from factoid import pipeline
    from factoid.store import Store, queries
    out = _cli("merge", "Lipin", "Vasily Petrovich Ignatov", "--db", kb)
    assert out.exit_code == 0, out.output
    out = _cli("split", "Lipin", "Vasily Ignatov", "--db", kb)
    assert out.exit_code == 0, out.output
    with Store(kb) as store:
        for doc in CORPUS:  # re-ingest: every document written again
            store.write_document(doc)
        pipeline.rebuild(store)
        lipin = views.find_persons(store, "Lipin")[0]
        members = {m["doc_id"] for m in queries.person_members(store, lipin["id"])}
        assert "one" in members and "two" not in members
        assert [d["kind"] for d in queries.decisions(store)] == ["merge", "split"]
    assert "never called" in _cli("split", "Lipin", "Nobody", "--db", kb).output
