"""Document.with_changes: the stages' copy of a document, as dataclasses.replace makes it."""
from dataclasses import fields, replace

import pytest

from factoid.model import Document, Mention


def test_with_changes_is_replace():
    doc = Document(id="d", uri="u", raw="Lenin was born in 1870.", metadata={"a": 1}, clean="Lenin was born in 1870.")
    changes = {"subject": "Lenin", "mentions": (Mention("person", 0, 5, "Lenin"),), "unparsed": 2}
    made, expected = doc.with_changes(**changes), replace(doc, **changes)
    assert type(made) is Document and made == expected
    assert all(getattr(made, f.name) is getattr(expected, f.name) for f in fields(Document))
    assert doc.subject == "" and not doc.mentions  # the original is left as it was
    with pytest.raises(TypeError, match="no field 'subjects'"):
        doc.with_changes(subjects="Lenin")
