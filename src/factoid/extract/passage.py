"""What passage mode (`factoid extract`, the KnowledgeNet benchmark's contract) reports beside
what a knowledge base keeps: the same factoids, but an employer or a school is a named body
there. A document keeps "was a Norwegian chemist" as employment and "studied law" as
education (the web gold counts trades as employment); a passage's employer and school
properties name organisations, so a value written all in lower case ("chemist", "law")
is no answer to them, while a referring word ("where", "its") still stands for one."""
from __future__ import annotations

from .learned import REFERRING

NAMED_BODIES = frozenset({"employment", "membership", "education"})


def reported(property: str, value: str) -> bool:
    """Whether passage mode reports a factoid's value for `property`."""
    if property not in NAMED_BODIES:
        return True
    # a script without case (CJK, Arabic) is no trade word: lower() == upper() there
    return value != value.lower() or value == value.upper() or value.lower() in REFERRING | {"itself"}
