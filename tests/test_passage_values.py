"""Passage mode reports an employer or a school only where the value names a body."""
import json

from factoid.extract.passage import reported
from factoid.pipeline import extract_passages


def test_trades_and_fields_of_study_are_no_employer_or_school():
    assert not reported("employment", "botanist")
    assert not reported("education", "chemistry")
    assert not reported("membership", "prolific writer")
    assert reported("employment", "Yale University")
    assert reported("employment", "where") and reported("education", "its")   # referring words stand for one
    assert reported("employment", "東京大学")          # a script without case
    assert reported("occupation", "botanist") and reported("residence", "the valley")   # other properties as before


def test_passage_mode_drops_a_trade_read_as_employment():
    text = "Ivar Dahl (March 5, 1901 – May 2, 1970) was a Norwegian botanist who worked at Bergen Museum."
    rows = list(extract_passages([json.dumps({"id": "p", "text": text})]))
    employers = {r["value"]["text"] for r in rows if r["property"] in ("employment", "membership")}
    assert "botanist" not in employers and "Bergen Museum" in employers
    assert any(r["property"] == "birth" and r["value"]["text"] == "March 5, 1901" for r in rows)
