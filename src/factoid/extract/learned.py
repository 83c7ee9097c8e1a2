"""The relation classifier's findings (relations.py) as events of the extraction stage: its
subject span becomes the holder, its value span the place or object."""
from __future__ import annotations

import re

from .grammar import Event, Occurrence
from .names import fold, looks_like_name
from .relation_features import PRODUCT

# words the classifier may give as a value: in passage mode the benchmark counts them, in a
# knowledge base they name nothing
REFERRING = {"he", "she", "his", "her", "him", "who", "whom", "where", "which", "its", "it", "they", "their",
              "them", "i", "my", "me", "we", "our", "there", "that"}


# Trained on KnowledgeNet's short modern biographies, the classifier reads every place a person
# went as a residence, every body named near a person as an employer, and anyone's nationality
# as the subject's; in long narrative documents it kept the precision a knowledge base needs only
# for the nationality the lead gives, and the lead's own words now give that (nationality.py:
# on the web set P 0.922 -> 0.927 at the same recall, BENCHMARKS.md). So documents run no
# classifier at all; passages (the benchmark's mode) get all of it.
IN_DOCUMENTS: frozenset[str] = frozenset()


LEAD_SENTENCES = 2   # a document's lead: its first two sentences (the first may be a title)


def lead_end(doc) -> int:
    """Where a document's lead ends: after its LEAD_SENTENCES-th sentence."""
    return doc.sentences[min(LEAD_SENTENCES, len(doc.sentences)) - 1].end if doc.sentences else 0


def relation_events(relations, occurrences: list[Occurrence], text: str, passage: bool,
                    lead_until: int = 0, dates=()) -> list[Event]:
    out = []
    date_at = {(d.start, d.end): d for d in dates}
    for r in relations:
        if not passage and (r.value_text.lower() in REFERRING or r.property not in IN_DOCUMENTS
                            or r.value_start >= lead_until):
            continue
        if not passage and not re.search(r"[A-Za-z]", text[r.subject_start:r.subject_end]):
            continue   # a name in its own script: in a knowledge base, an alias of the name before it
        holder = next((o for o in occurrences if o.start < r.subject_end and r.subject_start < o.end), None)
        if passage and holder is not None and holder.key == "?":
            # a pronoun the rules cannot place ("She was married to X" in a passage about X):
            # the classifier paired this mention itself, so it stands for a person of its own
            holder = Occurrence(holder.start, holder.end, holder.text, "?" + holder.text.lower(), holder.pronoun)
        if holder is None:
            word = text[r.subject_start:r.subject_end]
            if not passage and word.lower() not in REFERRING and not looks_like_name(word):
                continue  # "Kazan Governorate", "whose": a knowledge base keeps persons only
            same = None if passage else next(
                (o for o in occurrences if not o.pronoun and fold(o.text) == fold(word)), None)
            if same is not None:  # the name written elsewhere ("Nan'sen" is "Nansen")
                holder = Occurrence(r.subject_start, r.subject_end, word, same.key)
            holder = holder or Occurrence(r.subject_start, r.subject_end, word,
                                          "" if word.lower() in REFERRING else word)
        value = (r.value_start, r.value_end, r.value_text)
        start, end = min(r.subject_start, r.value_start), max(r.subject_end, r.value_end)
        if end - start > 160:  # the quote: the value alone when the pair lies far apart
            start, end = r.value_start, r.value_end
        places = (value,) if r.field == "place" else ()
        obj = value if r.field == "object" else None
        date = date_at.get((r.value_start, r.value_end)) if r.field == "date" else None
        if r.field == "date" and date is None:
            continue
        out.append(Event(PRODUCT.get(r.property, r.property), holder, date, places, start, end,
                         "relation." + r.property, round(r.confidence, 3), object=obj))
    return out
