from factoid.judge import judge
from factoid.resolve import resolve


def fact(fid, date, doc="a", julian=None, prop="birth", person="p1"):
    return {"id": fid, "person": person, "property": prop, "date": date, "date_julian": julian,
            "date_text": date, "source": f"{doc}.txt", "document": doc}


def test_different_birth_dates_conflict_with_an_explanation():
    conflicts = judge([fact("f1", "1888-08-15", "a"), fact("f2", "1887-08-15", "b")])
    assert len(conflicts) == 1
    c = conflicts[0]
    assert c.kind == "value" and set(c.factoids) == {"f1", "f2"}
    assert "1888-08-15" in c.explanation and "b.txt" in c.explanation


def test_less_precise_date_supports_a_precise_one():
    assert judge([fact("f1", "1924-03-05"), fact("f2", "1924", "b"), fact("f3", "1924-03", "c")]) == []


def test_old_style_and_new_style_are_one_date():
    assert judge([fact("f1", "1888-10-09", julian="1888-09-27"), fact("f2", "1888-09-27", "b")]) == []


def test_different_people_never_conflict():
    assert judge([fact("f1", "1900", person="p1"), fact("f2", "1901", person="p2")]) == []


def test_resolution_joins_fuller_and_shorter_names_and_keeps_others_apart():
    persons, assignment = resolve([
        {"id": "a:0", "name": "Leonid Borisovich Krasin", "names": ["Krasin"], "is_subject": True},
        {"id": "b:0", "name": "Leonid Krasin", "names": [], "is_subject": True},
        {"id": "b:1", "name": "Boris Krasin", "names": [], "is_subject": False},
    ])
    assert assignment["a:0"] == assignment["b:0"] != assignment["b:1"]
    merged = next(p for p in persons if p.id == assignment["a:0"])
    assert "Krasin" in merged.names and merged.name == "Leonid Borisovich Krasin"
