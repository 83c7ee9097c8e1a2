"""A relation's object that the document also speaks of as a person points at that person."""
from factoid import Document, process
from factoid.pipeline import ingest
from factoid.resolve.relatives import link_relatives
from factoid import views
from factoid.store import Store, queries

TEXT = ("Pavel Andreyevich Lebedev (born 9 March 1879 in Tver) was a Russian chemist.\n\n"
        "His father, Andrei Lebedev, was the postmaster of Tver. Andrei Lebedev was born in 1846 in Rzhev "
        "and died in 1911.\n")


def test_the_lead_names_the_subject_even_when_a_relative_is_named_more_often():
    doc = process([Document(id="d", uri="lebedev.txt", raw=TEXT)])[0]
    assert doc.subject == "Pavel Andreyevich Lebedev"
    parent = [f for f in doc.factoids if f.property == "parent"]
    assert [(f.person, f.object) for f in parent] == [(doc.persons[0].id, "Andrei Lebedev")]


def test_link_relatives_needs_exactly_one_fitting_person():
    assignment = {"d:1": "p-father", "d:2": "p-uncle", "d:3": "p-sister"}
    rows = [("f1", "Andrei Lebedev", "d:1", ["Andrei Ivanovich Lebedev"]),
            ("f1", "Andrei Lebedev", "d:3", ["Vera Lebedeva"]),
            ("f2", "Lebedev", "d:1", ["Andrei Lebedev"]),      # a bare surname fits two: no link
            ("f2", "Lebedev", "d:2", ["Nikolai Lebedev"]),
            ("f3", "Vera", "d:3", ["Vera Lebedeva"]),           # a given name alone fits one
            ("f4", "Anna Lebedeva", "d:3", ["Vera Lebedeva"])]  # another given name: no link
    assert link_relatives(rows, assignment) == {"f1": "p-father", "f3": "p-sister"}


def test_ingest_links_a_parent_to_the_person_with_facts_of_his_own(tmp_path):
    (tmp_path / "lebedev.txt").write_text(TEXT)
    with Store(tmp_path / "kb.db") as store:
        ingest([tmp_path], store)
        [subject] = views.find_persons(store, "Pavel Andreyevich Lebedev")
        [father] = views.find_persons(store, "Andrei Lebedev")
        kin = queries.relations(store, subject["id"])
        assert [(k["person"], k["label"], k["kind"]) for k in kin] == [(father["id"], "parent", "kin")]
        back = queries.relations(store, father["id"])
        assert [(k["person"], k["label"]) for k in back] == [(subject["id"], "child")]
