"""Passage mode reports an employer or a school only where the value names a body, and a
value's short form in parentheses beside it."""
import json

from factoid.extract.passage import reported, short_form
from factoid.pipeline import extract_passages


def test_trades_and_fields_of_study_are_no_employer_or_school():
    assert not reported("employment", "botanist")
    assert not reported("education", "chemistry")
    assert not reported("membership", "prolific writer")
    assert reported("employment", "Yale University")
    assert reported("employment", "where") and reported("education", "its")   # referring words stand for one
    assert reported("employment", "東京大学")          # a script without case
    assert reported("occupation", "botanist") and reported("residence", "the valley")   # other properties as before


def test_a_value_cut_off_mid_phrase_is_not_reported():
    assert not reported("employment", "Professor of Greek at")
    assert not reported("membership", "the Board of Trustees of")
    assert not reported("residence", "Oslo and")
    assert not reported("employment", "Bank of") and reported("employment", "Bank of Orr")
    assert reported("spouse", "Anna")


def test_passage_mode_drops_a_trade_read_as_employment():
    text = "Ivar Dahl (March 5, 1901 – May 2, 1970) was a Norwegian botanist who worked at Bergen Museum."
    rows = list(extract_passages([json.dumps({"id": "p", "text": text})]))
    employers = {r["value"]["text"] for r in rows if r["property"] in ("employment", "membership")}
    assert "botanist" not in employers and "Bergen Museum" in employers
    assert any(r["property"] == "birth" and r["value"]["text"] == "March 5, 1901" for r in rows)


def test_a_short_form_in_parentheses_after_a_value_is_found():
    def short(text, value):
        span = short_form(text, text.index(value) + len(value))
        return span and text[span[0]:span[1]]
    assert short("He joined the Harbour Party (HP) in 1990.", "Harbour Party") == "HP"
    assert short("She studied at Northfield Polytechnic (Northfield Tech), then left.", "Polytechnic") == "Northfield Tech"
    assert short("a member of the Labour Union (LU – Liga Unida)", "Labour Union") == "LU"
    assert short("the Halden Institute (Norwegian: Haldeninstituttet)", "Institute") is None   # a language label
    assert short("at Fenwick Bank (President and CEO)", "Fenwick Bank") is None   # a phrase, not a name
    assert short("at Fenwick Bank (now part of Orr)", "Fenwick Bank") is None
    assert short("at Fenwick Bank in Orr", "Fenwick Bank") is None


def test_passage_mode_reports_the_fact_for_the_short_form_too():
    text = "Anna Reuter is a member of the Harbour Party (HP) of Lindau."
    rows = list(extract_passages([json.dumps({"id": "p", "text": text})]))
    parties = {(r["subject"]["text"], r["value"]["text"]) for r in rows if r["property"] == "party"}
    assert ("Anna Reuter", "HP") in parties and ("Anna Reuter", "the Harbour Party") in parties


def test_a_demonym_alone_is_no_party():
    assert not reported("party", "British") and not reported("party", "Polish-French")
    assert reported("party", "Welsh Labour Party") and reported("party", "Cumann Nua")
    assert reported("nationality", "British")
