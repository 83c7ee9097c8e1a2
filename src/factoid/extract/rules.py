"""What each extraction rule reads, in words, for `factoid explain`. Keys are the extractor
names factoids carry (without the "@version"); a family prefix explains its members."""
from __future__ import annotations

RULES = {
    "life.lead-dates": "the two dates in parentheses right after a person's name, as an encyclopedia "
                       "lead writes them: '(birth – death)'",
    "life.birth-verb": "'born' followed by a date and/or 'in/at PLACE', about the person the clause speaks of",
    "life.death-verb": "'died', 'was shot', 'was executed' ... followed by a date and/or a place",
    "life.execution-verb": "'was shot' or 'was executed' with a date or place, or with the date of its clause",
    "life.possessive-death": "'his death in DATE' or 'NAME's death on DATE'",
    "life.until-death": "'PLACE, where he remained until his death'",
    "event": "a verb of the event ('arrested', 'exiled', 'emigrated', 'sentenced', ...) followed by "
             "'in/at/to PLACE' and a date; with no date in the clause, the paragraph's narrative time",
    "role": "a verb that opens or names a role ('joined', 'became', 'served as', 'studied at', ...) and the "
            "noun phrase it governs, with its time ('from A to B', 'until his death', the clause's date)",
    "kin": "a kinship phrase: 'his father, X', 'X was one of his brothers', 'son of X', 'married X', "
           "a list of children",
    "alias.native-script": "the name in another script inside the parentheses after the person's name",
    "alias.stated": "a name the text gives as another name: 'real name X', 'born X', 'known as X', ...",
    "alias.lead": "the subject's name in full (three words or more) at the head of the lead or alone on the title line",
    "alias.heading": "a dictionary heading 'Surname, Given' and the other forms it lists",
    "lead.party": "the party a 'was a ... politician' names ('was a British Labour Party politician')",
    "lead.nationality": "the demonym among the first words after the lead's 'was a' ('was a Georgian engineer')",
    "infobox": "a row of a flattened infobox (born, died, an office and its term, spouse, ...)",
    "relation": "a statistical classifier over a person and a name in one sentence, trained on KnowledgeNet",
    # the Russian rules (extract/russian.py, extract/russian_records.py)
    "ru.record": "a labelled field of a Russian record or infobox ('Дата ареста: ...', 'Место рождения: ...')",
    "ru.record.execution": "a record's date of shooting, which is also the date of death",
    "ru.lead": "the dates (and places) in brackets right after the person's name at the head of a Russian page",
    "ru.event": "a Russian verb of the event ('родился', 'арестован', 'расстрелян', 'реабилитирован', ...) with "
                "the date of its clause and 'в/на PLACE' after it, unless a kin word, another name or a verb of "
                "the other gender says it is someone else's",
    "ru.party": "'член РСДРП с 1905', 'вступил в партию в 1905', 'исключён из партии в 1927'",
    "ru.office": "an office or body ('председатель ...', 'член ЦК', 'нарком ...') with the dates of its clause",
    "ru.work": "'работал', 'служил' and what follows: the works or the trade, the town, the dates of the clause",
    "ru.prison": "a verb of confinement ('заключён', 'содержался', 'отбывал каторгу') and the prison or camp it names",
    "ru.education": "'учился в', 'окончил' and the school's name",
    "ru.event.trial": "'расстрелян (осуждён, арестован) по делу X': the case one was tried in",
    "ru.kin": "a kin word and the name right after it ('сын – ...', 'с дочкой ...'), and the parents of 'в семье X и его жены Y'",
    "ru.alias": "'наст. фам.', 'урожд.', 'псевд.', 'партийное имя' and the name that follows",
}


def describe(extractor: str) -> str:
    """The words for an extractor name such as 'event.arrest@1'."""
    name = extractor.split("@")[0]
    while name:
        if name in RULES:
            return RULES[name]
        name = name.rpartition(".")[0]
    return "no description"
