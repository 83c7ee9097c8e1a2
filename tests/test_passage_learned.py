"""Passage mode reports the relation classifier's findings as it found them: one per pair of
mentions, beside the rules' readings of the same words."""
from factoid.extract import _Builder, _most_informative
from factoid.extract.grammar import Occurrence
from factoid.extract.learned import relation_events
from factoid.extract.relations import Relation
from factoid.model import Document, Factoid, Span
from factoid.pipeline import process


def _fact(i, obj, subject, value, extractor):
    return Factoid(person="d:1", property="education", span=Span("d", 0, 60), quote="q", extractor=extractor,
                   confidence=0.7, object=obj, id=f"f{i}", evidence=(("subject", *subject), ("object", *value)))


def test_a_learned_value_inside_a_rules_list_is_kept_in_passage_mode():
    # "He studied at Tarn College and Elm College": a rule reads the list whole, the classifier each name
    whole = _fact(0, "Tarn College and Elm College", (0, 2), (14, 42), "role.education@1")
    learned = _fact(1, "Elm College", (0, 2), (31, 42), "relation.education@1")
    ruled = _fact(2, "Elm College", (0, 2), (31, 42), "role.education@1")
    assert _most_informative([whole, learned], passage=True) == [whole, learned]
    assert _most_informative([whole, ruled], passage=True) == [whole]   # a rule's part of its own list: as before
    assert _most_informative([whole, learned]) == [whole]               # documents: as before


def test_one_reading_of_two_subject_mentions_is_two_assertions_in_passage_mode():
    name = _fact(0, "Elm College", (0, 12), (31, 42), "relation.education@1")
    pronoun = _fact(1, "Elm College", (50, 52), (31, 42), "relation.education@1")
    assert _most_informative([name, pronoun], passage=True) == [name, pronoun]
    assert len(_most_informative([name, pronoun])) == 1


def test_the_builder_keeps_a_learned_finding_a_rule_read_of_another_mention():
    text = "Tomas Wendt sang with them until his death in March 1990."
    doc = process([Document(id="d", uri="d.txt", raw=text)], passage=True)[0]
    for passage, expected in ((True, 2), (False, 1)):
        builder = _Builder(doc, None, passage=passage)
        person = builder.person_for(Occurrence(0, 11, "Tomas Wendt", "tomas wendt"))
        span = (33, 56)   # "his death in March 1990", read by a rule and by the classifier
        builder.add(person, "death", *span, "life.death@1", 0.8, evidence=[("subject", 0, 11), ("date", 46, 56)])
        builder.add(person, "death", *span, "relation.death_date@1", 0.9,
                    evidence=[("subject", 33, 36), ("date", 46, 56)])
        assert len(builder.factoids) == expected


def test_a_pronoun_the_rules_cannot_place_holds_the_classifiers_finding_in_passage_mode():
    text = "She was married to the sculptor Henrik Aalto until 1990."
    she = Occurrence(0, 3, "She", "?", pronoun=True)
    aalto = Occurrence(32, 44, "Henrik Aalto", "", pronoun=False)
    found = Relation("spouse", "object", 0, 3, 32, 44, "Henrik Aalto", 0.9)
    (event,) = relation_events([found], [she, aalto], text, passage=True)
    assert event.holder.key not in ("?", "") and (event.holder.start, event.holder.end) == (0, 3)
    assert relation_events([found], [she, aalto], text, passage=False) == []   # documents keep none
