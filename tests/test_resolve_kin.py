"""Relatives as evidence: shared relatives support a join; a record whose relative bears the
other's name is not that person."""
from factoid.resolve import resolve
from factoid.resolve.kin import kin_bits, kin_conflict, relatives
from factoid.resolve.names import parse


def _facts(doc_person, *pairs):
    return [{"doc_person": doc_person, "property": kind, "object": name} for kind, name in pairs]


def test_relatives_keep_full_names_once():
    kin = relatives(_facts("a", ("parent", "Ivan Petrovich Orlov"), ("parent", "Ivan Petrovich Orlov"),
                           ("spouse", "Maria"), ("child", "Olga Orlova")))
    assert [(k, n.text) for k, n in kin] == [("parent", "Ivan Petrovich Orlov"), ("child", "Olga Orlova")]


def test_shared_relatives_give_bits_and_a_reason():
    w = {"orlov": 6.0, "ivan": 2.0, "zaitseva": 9.0, "anna": 3.0}
    p = relatives(_facts("a", ("parent", "Ivan Orlov"), ("spouse", "Anna Zaitseva")))
    q = relatives(_facts("b", ("parent", "Ivan Petrovich Orlov")))
    why = []
    assert kin_bits(p, q, w, why) == 4.0 and why == [(4.0, "both name a parent called Ivan Orlov")]
    other = relatives(_facts("c", ("parent", "Ivan Sergeyevich Orlov")))
    assert kin_bits(relatives(_facts("d", ("parent", "Ivan Petrovich Orlov"))), other, w) == 0.0
    assert kin_bits(p, relatives(_facts("e", ("child", "Ivan Orlov"))), w) == 0.0  # another kind


def test_a_record_is_not_its_own_parent():
    son_names, son_kin = [parse("Orlov")], relatives(_facts("a", ("parent", "Ivan Orlov")))
    assert kin_conflict(son_names, son_kin, [parse("Ivan Orlov")], ()) == \
        "one names its parent Ivan Orlov, which is the other's name"
    # a namesake son: his father's name is his own, so it tells nothing
    assert kin_conflict([parse("Ivan Orlov")], son_kin, [parse("Ivan Orlov")], ()) == ""


def test_resolution_keeps_a_son_apart_from_the_father_his_document_names():
    people = [{"id": "d1:0", "doc_id": "d1", "name": "Ivan Orlov", "names": ["Ivan Orlov"], "is_subject": True},
              {"id": "d2:0", "doc_id": "d2", "name": "Orlov", "names": ["Orlov"], "is_subject": True}]
    facts = [{"doc_person": "d1:0", "property": "birth", "date": "1850"}]
    apart = resolve(people, facts + _facts("d2:0", ("parent", "Ivan Orlov")))
    assert apart.assignment["d1:0"] != apart.assignment["d2:0"]
    joined = resolve(people, facts)
    assert joined.assignment["d1:0"] == joined.assignment["d2:0"]  # without the relative, one person
