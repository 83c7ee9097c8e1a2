"""The event frames, as data: for each property, the words that trigger it, the voice they must
be in, the prepositions whose objects are its place, how its object is found and what it must
look like, and which field a lone date fills. English: a second language gets a table of its
own (frames.py walks any of them)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .kinship import KIN
from .roles import OFFICES, _INSTITUTION, _PARTY, is_party_acronym

# dependents that open a clause of their own: a date or place inside one is not the trigger's
CLAUSE_LABELS = {"advcl", "ccomp", "relcl", "conj", "parataxis", "csubj", "acl", "xcomp", "pcomp"}
KIN_NOUNS = set(KIN) | {"grandson", "granddaughter", "grandfather", "grandmother", "uncle", "aunt",
                        "nephew", "niece", "cousin", "fiancé", "fiancée", "lover", "partner"}


@dataclass(frozen=True)
class Frame:
    name: str                       # the frame's name, as `factoid explain` shows it (frame.NAME)
    property: str
    words: tuple[str, ...]          # word forms that trigger it
    voice: str = "any"              # "passive": "was tried" (not "tried to"), "active", "any"
    places: tuple[str, ...] = ("in", "at", "near")
    object: tuple[str, ...] = ()    # where its object is: "dobj", "attr", "oprd", or a preposition
    needs: str = ""                 # what the object must look like: office, institution, party, body
    person_object: bool = False     # the object is a person named in the document (a spouse)
    timing: str = "date"            # which field a lone date fills: "date", "start" or "end"
    confidence: float = 0.75
    needs_place: bool = False       # a frame that says nothing without its place ("he returned")
    needs_time: bool = False        # ... or without its time ("decided to return to Russia")
    named_place: bool = False       # only a place the document names as one ("was in Paris")
    object_optional: bool = False   # an object when there is one ("tried for treason"), else none
    holder: str = "subject"         # "dobj": the person is the verb's object ("the court sentenced him")


def _regular(*bases: str) -> tuple[str, ...]:
    """The forms of regular verbs: arrest -> arrest, arrests, arrested, arresting."""
    out = []
    for b in bases:
        stem = b[:-1] if b.endswith("e") else b
        out += [b, b + "s", stem + "ed", stem + "ing"]
    return tuple(out)


# "worked as a clerk": an occupation is employment too when the text names no employer
WORKED_AS = Frame("worked-as", "employment", _regular("work"), voice="active", places=("in", "at"), object=("as",),
                  needs="occupation", confidence=0.6)
# "took up work as a corset maker", "found a job as a clerk": a verb whose object is work
WORK_NOUNS = frozenset({"work", "job", "employment", "career", "living", "post"})
# "took command of the 3rd Army", "was given command of the Volga Military District": a verb
# whose object is command; the body commanded is what "of" names
COMMAND_NOUNS = frozenset({"command"})
TOOK_COMMAND = Frame("took-command", "position", ("took", "take", "takes", "taking", "given", "assumed", "assumes",
                                                  "assume", "assuming", "received", "receives", "gained"),
                     places=(), object=("of",), needs="named", timing="start", confidence=0.65)
# "fled abroad in 1908", "1908 – Flees abroad": an emigration with no place named (frames.py
# looks for the adverb)
WENT_ABROAD = Frame("went-abroad", "emigration", _regular("flee", "escape", "move", "travel") + (
    "fled", "went", "goes", "go", "left", "leaves", "leave", "leaving"), voice="active", places=("to",),
                    timing="date", confidence=0.7)
# "was a student at Kiev University", "while a pupil of the Tula gymnasium": a school one attended
# (frame_offices.as_students reads the noun; the frame gives its object and time)
STUDENT_NOUNS = frozenset({"student", "pupil", "undergraduate", "schoolboy", "schoolgirl"})
AS_STUDENT = Frame("as-student", "education", tuple(STUDENT_NOUNS), places=(), object=("at", "of", "in"),
                   needs="institution", confidence=0.65)
# "obtained a law degree from Kharkov University", "received his doctorate at Kazan": the school,
# when the verb's object is a degree
DEGREE_FROM = Frame("degree-from", "education", ("obtained", "received", "earned", "gained", "got", "took",
                                                         "obtaining", "receiving", "earning", "gaining"),
                    voice="active", places=("in",), object=("from", "at"), needs="institution", timing="end",
                    confidence=0.7)
DEGREE_NOUNS = frozenset({"degree", "degrees", "diploma", "doctorate", "phd", "ph.d.", "habilitation", "master's",
                          "bachelor's", "masters", "licentiate"})

FRAMES = (
    Frame("born", "birth", ("born",), confidence=0.85),
    Frame("died", "death", ("die", "died", "dies", "dying", "perished", "perish"), voice="active", confidence=0.85),
    Frame("executed", "execution", _regular("execute") + ("shot",), voice="passive", confidence=0.8),
    Frame("killed", "death", ("killed", "murdered", "assassinated", "slain", "lynched"), voice="passive",
          places=("in", "at", "near"), confidence=0.8),
    Frame("arrested", "arrest", _regular("arrest", "detain") + ("rearrested", "re-arrested"), voice="passive"),
    Frame("imprisoned", "imprisonment", _regular("imprison", "jail", "gaol", "incarcerate", "intern"),
          voice="passive", places=("in", "at")),
    # "spent 11 years in a Siberian prison", "served her sentence at the Nerchinsk camps"
    Frame("served-time", "imprisonment", ("spent", "served", "serving", "spending"), voice="active",
          places=("in", "at"), needs_place=True, needs="custody"),
    Frame("released", "imprisonment", _regular("release", "free") + ("freed",), voice="passive", places=(),
          timing="end", needs_time=True, confidence=0.7),
    Frame("exiled", "exile", _regular("exile", "deport", "banish"), voice="passive", places=("to", "in", "at")),
    Frame("emigrated", "emigration", _regular("emigrate", "immigrate"), voice="active", places=("to",)),
    # "fled to Geneva" (not "fled from exile": an escape, below; not a bare "fled in 1903")
    Frame("fled", "emigration", ("fled",), voice="active", places=("to",), needs_place=True),
    # "in 1903 he fled from exile", "escaped from prison in 1908": when the state ended
    Frame("escaped-exile", "exile", ("fled", "escaped", "escapes", "escape", "flees"), voice="active", places=(),
          object=("from",), needs="from-exile", timing="end", needs_time=True, confidence=0.7),
    Frame("escaped-prison", "imprisonment", ("fled", "escaped", "escapes", "escape", "flees"), voice="active",
          places=(), object=("from",), needs="from-prison", timing="end", needs_time=True, confidence=0.7),
    # the charge ("tried for treason"), else the court ("tried by the Military Collegium": frame_fields)
    # "was acquitted in 1909": the trial that ended so
    Frame("acquitted", "trial", ("acquitted", "acquits", "acquit"), voice="passive", places=("in", "at"),
          confidence=0.65),
    Frame("tried", "trial", ("tried",), voice="passive", places=("in", "at"), object=("for", "by"), needs="charge",
          object_optional=True, confidence=0.7),
    # "founded the paper L'Humanité", "co-founded the Left SR Party"
    Frame("founded", "founded", ("founded", "co-founded", "cofounded", "establishes", "established"), voice="active",
          places=("in",), object=("dobj",), needs="named", confidence=0.65),
    Frame("sentenced", "sentence", _regular("sentence", "condemn"), voice="passive", object=("to",), object_optional=True),
    Frame("rehabilitated", "rehabilitation", _regular("rehabilitate"), voice="passive", confidence=0.8),
    # the authority as subject, the person as object: "the Military Collegium sentenced him to
    # death", "the NKVD arrested her", "a court rehabilitated him in 1956"
    Frame("sentenced-by", "sentence", _regular("sentence", "condemn"), voice="active", object=("to",),
          object_optional=True, holder="dobj", confidence=0.7),
    Frame("arrested-by", "arrest", _regular("arrest", "detain"), voice="active", holder="dobj", confidence=0.7),
    Frame("exiled-by", "exile", _regular("exile", "deport", "banish"), voice="active", places=("to", "in", "at"),
          holder="dobj", confidence=0.7),
    Frame("rehabilitated-by", "rehabilitation", _regular("rehabilitate"), voice="active", holder="dobj",
          confidence=0.7),
    # "was cleared of all charges in 1956", "was exonerated": the verdict set aside
    Frame("cleared", "rehabilitation", ("cleared", "exonerated"), voice="passive", confidence=0.7),
    Frame("buried", "burial", ("buried", "interred"), voice="passive", places=("in", "at"), confidence=0.8),
    Frame("married", "spouse", ("married", "marries", "wed", "weds"), places=(), object=("dobj", "to"),
          person_object=True),
    Frame("graduated", "education", _regular("graduate"), voice="active", places=("in",), object=("from",),
          needs="institution", timing="end"),
    Frame("studied", "education", _regular("study", "attend") + ("studied", "studies", "educated", "trained"),
          places=("in",), object=("at", "dobj", "in"), needs="institution"),
    # "studied medicine in Zurich": a bare subject of study (no article), and where
    Frame("studied-subject", "education", ("studied", "study", "studies", "studying", "read"), voice="active",
          places=("in", "at"), object=("dobj",), needs="discipline"),
    # "was educated in Brno, Prague and Vienna", "trained scientifically in Warsaw": where one studied
    Frame("educated-in", "education", ("educated", "trained", "schooled", "study", "studied", "studying"),
          places=("in",), needs_place=True, confidence=0.65),
    # "qualified as a medical orderly": the qualification a training ended with
    Frame("qualified-as", "education", ("qualified", "qualifies", "qualify", "qualifying"), voice="active", places=("in", "at"), object=("as",),
          needs="occupation", timing="end", confidence=0.6),
    Frame("entered", "education", _regular("enter", "enrol", "enroll"), places=("in",), object=("dobj", "at"),
          needs="institution", timing="start"),
    Frame("joined", "party", ("joined", "joins", "join", "rejoined"), voice="active", places=(),
          object=("dobj",), needs="party", timing="start"),
    # "sided with the Mensheviks after the split", "defected to the Bolsheviks": a faction taken
    Frame("sided", "party", ("sided", "defected", "switched"), voice="active", places=(), object=("with", "to"),
          needs="party", timing="start", confidence=0.65),
    Frame("joined-body", "membership", ("joined", "joins", "join", "rejoined"), voice="active", places=(),
          object=("dobj",), needs="body", timing="start"),
    Frame("became-party", "party", ("became", "become", "becomes"), places=(), object=("attr",), needs="party",
          timing="start"),
    Frame("expelled", "party", _regular("expel", "purge") + ("expelled",), voice="passive", places=(), object=("from",),
          needs="party", timing="end"),
    # "expelled from the Writers' Union in 1974", "readmitted to the Union in 1989"
    Frame("expelled-body", "membership", _regular("expel") + ("expelled",), voice="passive", places=(),
          object=("from",), needs="body", timing="end"),
    Frame("admitted-body", "membership", _regular("admit", "readmit", "re-admit") + ("admitted", "readmitted"),
          voice="passive", places=(), object=("to", "into"), needs="body", timing="start"),
    Frame("admitted-party", "party", _regular("admit", "readmit", "re-admit") + ("admitted", "readmitted"),
          voice="passive", places=(), object=("to", "into"), needs="party", timing="start"),
    Frame("appointed", "position", _regular("appoint", "name", "elect", "nominate", "promote") + ("made",),
          voice="passive",
          places=(), object=("oprd", "attr", "as", "to"), needs="office", timing="start"),
    Frame("elected-to", "membership", _regular("elect", "appoint", "co-opt"), voice="passive", places=(),
          object=("to", "member-of"), needs="body", timing="start"),
    # a seat in a legislature is an office held (Wikidata's "position held"): "elected to the
    # Duma", "elected a member of the Constituent Assembly"
    Frame("elected-deputy", "position", _regular("elect", "return"), voice="passive", places=(),
          object=("to", "member-of"), needs="legislature", timing="start"),
    Frame("became", "position", ("became", "become", "becomes"), places=(), object=("attr",), needs="office",
          timing="start", confidence=0.7),
    Frame("was-office", "position", ("was", "is", "been", "were"), places=(), object=("attr",),
          needs="office-of", confidence=0.65),
    # "commanded the Western Front", "edited the Petite Republique": the body one stood at the head of
    Frame("headed", "position", ("commanded", "headed", "led", "directed", "chaired", "edited", "presided",
                                 "commands", "heads", "leads", "directs", "chairs", "edits", "presides"),
          voice="active", places=(), object=("dobj", "over"), needs="named", confidence=0.65),
    # "participated in the Jewish Bund": a named body one took part in (not an event)
    Frame("participated", "membership", ("participated", "involved", "active"), places=(), object=("in",),
          needs="named-body", confidence=0.6),
    # "held the post of rector of Tomsk University", "held the chair of geology at the Mining Academy"
    Frame("held", "position", ("held", "holds", "hold", "holding"), voice="active", places=(), object=("dobj",),
          needs="held-office", confidence=0.65),
    Frame("served", "position", _regular("serve"), voice="active", places=(), object=("as",), needs="office",
          confidence=0.7),
    Frame("worked", "employment", _regular("work", "teach", "lecture") + ("taught",), voice="active",
          places=(), object=("at", "for"), needs="employer", confidence=0.65),
    # "worked in clothing factories" (but "worked in Paris" is where, not for whom)
    Frame("worked-in", "employment", _regular("work"), voice="active", places=(), object=("in",),
          needs="workplace", confidence=0.6),
    # "was a teacher in Toulouse", "became a governess": a trade is employment
    Frame("was-trade", "employment", ("was", "is", "were", "became", "become", "becomes"), places=("in", "at"),
          object=("attr",), needs="trade", confidence=0.6),
    # "May 1917 saw her arrive in Moscow": an arrival with its time
    Frame("arrived", "residence", _regular("arrive"), voice="active", places=("in", "at"),
          confidence=0.6, needs_place=True, needs_time=True),
    # "In 1910-1912 he was in Russia": where one was at a stated time (a named place only)
    Frame("was-in", "residence", ("was", "were"), voice="active", places=("in",), confidence=0.55,
          needs_place=True, needs_time=True, named_place=True),
    # not "returned" or "moved": a visit or a plan as often as a home
    Frame("settled", "residence", _regular("settle", "relocate"), voice="active",
          places=("to", "in"), confidence=0.65, needs_place=True),
    Frame("returned", "residence", _regular("return") + ("went",), voice="active", places=("to",),
          confidence=0.6, needs_place=True, needs_time=True),
    # "his family moved to Riga when he was ten": a move is a new home, dated or not
    Frame("moved", "residence", _regular("move"), voice="active", places=("to",), confidence=0.6,
          needs_place=True),
    # "worked as a clerk": an occupation is employment too when the text names no employer
    WORKED_AS,
    Frame("lived", "residence", _regular("live", "reside") + ("grew",), voice="active", places=("in", "at"), confidence=0.65,
          needs_place=True),
    Frame("became-member", "party", ("became", "become", "becomes", "was"), places=(), object=("member-of",),
          needs="party", timing="start"),
    Frame("became-member-body", "membership", ("became", "become", "becomes", "was"), places=(),
          object=("member-of",), needs="body", timing="start"),
)

# event nouns with a possessor: "his arrest in 1912", "her marriage to X", "his death in Moscow"
NOUN_FRAMES = {
    "birth": Frame("birth-noun", "birth", ("birth",), confidence=0.8),
    "death": Frame("death-noun", "death", ("death",), confidence=0.8),
    "arrest": Frame("arrest-noun", "arrest", ("arrest",)),
    "execution": Frame("execution-noun", "execution", ("execution",), confidence=0.8),
    "trial": Frame("trial-noun", "trial", ("trial",), confidence=0.7),
    "exile": Frame("exile-noun", "exile", ("exile",), places=("to", "in", "at")),
    "emigration": Frame("emigration-noun", "emigration", ("emigration",), places=("to",)),
    "imprisonment": Frame("imprisonment-noun", "imprisonment", ("imprisonment",), places=("in", "at")),
    "rehabilitation": Frame("rehabilitation-noun", "rehabilitation", ("rehabilitation",), confidence=0.8),
    "burial": Frame("burial-noun", "burial", ("burial",), places=("in", "at")),
    "marriage": Frame("marriage-noun", "spouse", ("marriage",), places=(), object=("to", "with"), person_object=True),
}

# "was sent into internal exile", "was in Siberian exile", "in Schlusselburg prison, 1912-1915": a
# state named by a noun after "in"/"into", held by the person of the verb it hangs from
IN_STATE = {
    "exile": Frame("in-exile", "exile", (), places=("to", "at"), object=("in", "into"), needs="state", confidence=0.65),
    "banishment": Frame("in-exile", "exile", (), places=("to", "at"), object=("in", "into"), needs="state", confidence=0.65),
    "prison": Frame("in-prison", "imprisonment", (), places=("at",), object=("in", "into"), needs="state", confidence=0.65),
    "jail": Frame("in-prison", "imprisonment", (), places=("at",), object=("in", "into"), needs="state", confidence=0.65),
    "gaol": Frame("in-prison", "imprisonment", (), places=("at",), object=("in", "into"), needs="state", confidence=0.65),
    "confinement": Frame("in-prison", "imprisonment", (), places=("at",), object=("in", "into"), needs="state", confidence=0.65),
    "camp": Frame("in-prison", "imprisonment", (), places=("at",), object=("in", "into"), needs="state", confidence=0.6),
    "camps": Frame("in-prison", "imprisonment", (), places=("at",), object=("in", "into"), needs="state", confidence=0.6),
    "gulag": Frame("in-prison", "imprisonment", (), places=("at",), object=("in", "into"), needs="state", confidence=0.6),
}

# trades and occupations (general vocabulary): "was a teacher", "worked as a seamstress"; an
# office (roles.OFFICES: curator, judge, pastor, ...) is a position instead
TRADES = frozenset("""teacher schoolteacher tutor governess nurse midwife clerk typist bookkeeper accountant
seamstress dressmaker tailor shoemaker cobbler carpenter joiner locksmith blacksmith smith fitter turner
machinist mechanic metalworker welder miner weaver spinner printer typesetter compositor bookbinder baker
butcher cook waiter waitress servant maid labourer laborer worker workman farmer peasant fisherman sailor
seaman soldier lawyer attorney barrister solicitor notary physician doctor surgeon dentist pharmacist
chemist physicist engineer architect surveyor agronomist economist statistician historian philologist
journalist reporter correspondent columnist writer poet novelist playwright translator critic publisher
librarian archivist actor actress singer musician violinist pianist organist composer
painter sculptor photographer priest rabbi monk nun deacon merchant shopkeeper trader banker
salesman saleswoman masseuse zoologist biologist botanist geologist mathematician
astronomer""".split())
_WORKPLACE = re.compile(r"\b(?:factor(?:y|ies)|plants?|mills?|works|workshops?|shops?|sweatshops?|shipyards?|"
                        r"mines?|railways?|schools?|lyc[ée]es?|gymnasium|universit(?:y|ies)|institutes?|"
                        r"hospitals?|clinics?|banks?|newspapers?|journals?|magazines?|offices?|firms?|"
                        r"compan(?:y|ies)|stations?|laborator(?:y|ies)|museums?|librar(?:y|ies)|theatres?)\b", re.I)

# "Member of the Central Committee, 1921." in a terse CV: a body that is no party
AS_MEMBER = Frame("cv-member", "membership", ("member",), places=(), object=("of",), needs="body")
# "as general secretary of the Communist International (1919–26)": an office by preposition
AS_OFFICE = Frame("as-office", "position", ("as",), places=(), object=("pobj",), needs="office", confidence=0.7)

# a day and month written without a year ("on 25 November"): English month names
MONTH_DAY = re.compile(r"\b(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|"
                        r"October|November|December)(?:\s+\d{1,2})?\b")

FRAMES_BY_WORD: dict[str, list[Frame]] = {}
for _frame in FRAMES:
    for _w in _frame.words:
        FRAMES_BY_WORD.setdefault(_w, []).append(_frame)

_OFFICE = re.compile(rf"\b(?:{OFFICES})s?\b", re.I)
# a unit of a named body: "the department of physiology at the Second Moscow University"
_UNIT_OF_NAMED = re.compile(r"(?:department|laboratory|chair|faculty|division|section|clinic|observatory)\b[^.;]*?"
                            r"\b(?:at|of)\s+(?:the\s+)?[A-Z]")
# what one holds that is an office: "the post of X", "the chair of geology"
HELD_OFFICE = re.compile(r"(?:(?:post|office|position|rank|title|portfolio)\s+of\s+(?=\w)|chair\s+of\s+[a-z])", re.I)
_BODY = re.compile(r"\b(?:[Cc]ommittee|[Cc]ouncil|[Bb]ureau|[Pp]olitburo|[Oo]rgburo|[Ss]oviet|[Cc]ongress|"
                   r"[Aa]ssembly|[Dd]uma|[Pp]arliament|[Ss]enate|[Cc]hamber|[Aa]cademy|[Ss]ociety|[Uu]nion|"
                   r"[Ll]eague|[Cc]ircle|[Gg]roup|[Cc]lub|[Cc]ommission|[Ss]ecretariat|[Pp]residium|"
                   r"[Oo]pposition|[Tt]riumvirate|[Cc]abinet|[Bb]oard|[Aa]ssociation|[Oo]rgani[sz]ation)\b")
_CUSTODY = re.compile(r"\b(?:prisons?|jails?|gaols?|camps?|fortress|katorga|confinement|penitentiary|"
                      r"labou?r|cells?|dungeon|colony|Gulag)\b", re.I)
_LEGISLATURE = re.compile(r"\b(?:[Cc]hamber|[Dd]uma|[Pp]arliament|[Ss]enate|[Rr]eichstag|[Bb]undestag|[Ss]ejm|"
                          r"[Hh]ouse of (?:Commons|Representatives|Lords)|(?:[Nn]ational|[Cc]onstituent|"
                          r"[Ll]egislative) [Aa]ssembly)\b")


# office words too vague alone ("he was a leader", "was head", "was general")
_NOT_ALONE = {"member", "vice", "general", "head", "chief", "officer", "leader", "founder", "representative",
              "speaker", "delegate", "manager", "assistant"}


def object_fits(frame: Frame, phrase: str) -> bool:
    head = re.split(r"\s+of\s+", phrase)[0]
    if frame.needs == "legislature":
        return _LEGISLATURE.search(phrase) is not None
    if frame.needs == "body" and _LEGISLATURE.search(phrase):
        return False  # a seat in it is a position (elected-deputy)
    if frame.needs == "office":  # "member of X" is a membership (became-member), not an office
        return _OFFICE.search(head) is not None and not re.match(r"(?:[\w-]+\s+){0,3}members?\b", head, re.I)
    if frame.needs == "institution":
        return _INSTITUTION.search(phrase) is not None
    if frame.needs == "party":  # a party, or its acronym (Party, Partei, Partia, Parti: "RSDLP", "SPD")
        return (_PARTY.search(head) is not None or is_party_acronym(head)) and _BODY.search(head) is None
    if frame.needs == "body":  # "the party's Central Committee" is a body of the party
        return _BODY.search(head) is not None
    if frame.needs == "custody":  # a bare "in prison" names no place and nothing new
        return _CUSTODY.search(phrase) is not None and len(phrase.split()) > 1
    if frame.needs == "occupation":  # "a clerk for the local assembly" (a named employer is the object)
        words = re.split(r"\s+(?:for|of|at|in|with|on)\s+", phrase)
        return 0 < len(words[0].split()) <= 4 and all(w.isalpha() and w.islower() for w in words[0].split()) \
            and not any(w[:1].isupper() for rest in words[1:] for w in rest.split())
    if frame.needs == "trade":  # "a teacher", "a highly skilled metalworker", not "a teacher's son"
        words = re.split(r"\s+(?:for|of|at|in|with|on)\s+", phrase)[0].split()
        return 0 < len(words) <= 4 and words[-1].lower() in TRADES
    if frame.needs == "state":  # "internal exile", "Schlusselburg prison"
        return re.split(r"\s+(?:for|of|at|in|with|on)\s+", phrase)[0].split()[-1].lower() in IN_STATE
    if frame.needs in ("from-exile", "from-prison"):  # "from (Siberian) exile", "from the Butyrka prison"
        state = IN_STATE.get(re.split(r"\s+(?:for|of|at|in|with|on)\s+", phrase)[0].split()[-1].lower())
        return state is not None and state.property == ("exile" if frame.needs == "from-exile" else "imprisonment")
    if frame.needs == "workplace":
        return _WORKPLACE.search(phrase) is not None
    if frame.needs == "employer":  # a named employer, or a kind of workplace ("clothing factories")
        return phrase[:1].isupper() or any(w[:1].isupper() for w in phrase.split()[1:]) or \
            _WORKPLACE.search(phrase) is not None
    if frame.needs == "discipline":
        words = phrase.split()
        return 0 < len(words) <= 3 and all(w.isalpha() and w.islower() for w in words)
    if frame.needs == "office-of":  # "was professor of zoology (at Kazan University)", not "was a public speaker"
        at_school = re.search(r"\s+at\s+(?:the\s+)?[A-Z]", phrase) is not None and _INSTITUTION.search(phrase)
        # ("he was professor from 1929": an office alone, one a title names)
        alone = _OFFICE.fullmatch(phrase) is not None and phrase.lower().rstrip("s") not in _NOT_ALONE
        return _OFFICE.search(head) is not None and (" of " in phrase or " for " in phrase or at_school or alone) \
            and not re.match(
            r"(?:[\w-]+\s+){0,3}members?\b", head, re.I)
    if frame.needs == "named-body":
        return (phrase[:1].isupper() or any(w[:1].isupper() for w in phrase.split()[:3])) and not re.search(
            r"\b(?:[Rr]evolution|[Ww]ar|[Uu]prising|[Rr]ebellion|[Ss]trike|[Cc]onference|[Bb]attle|[Cc]ampaign|"
            r"[Ee]xhibition|[Ee]lections?|[Mm]ovement|[Aa]ssassination|[Mm]urder|[Kk]illing|[Pp]lot|[Cc]onspiracy|"
            r"[Aa]ttempt|[Cc]oup|[Tt]rial)\b", phrase)
    if frame.needs == "court":
        return re.search(r"(?i)\b(?:courts?|tribunal|collegium|college|court-martial|martial|troika|commission|"
                         r"board|assizes|conference)\b", phrase) is not None
    if frame.needs == "charge":  # "tried for treason", "for the murder of Kirov": what, not when
        return phrase[:1].islower() and len(phrase.split()) <= 8
    if frame.needs == "held-office":  # "the post of rector of X", "the chair of geology", not "held a meeting"
        return HELD_OFFICE.match(phrase) is not None or _OFFICE.match(phrase) is not None and " of " in phrase
    if frame.needs == "named":  # "led the Workers' Opposition", not "led the recapture of Siberia"
        return phrase[:1].isupper() or re.match(r"\d+(?:st|nd|rd|th)\s+[A-Z]", phrase) is not None \
            or _UNIT_OF_NAMED.match(phrase) is not None  # "the 25th Rifle ...", "the department of X at Y"
    if frame.needs == "capital":
        return phrase[:1].isupper() or any(w[:1].isupper() for w in phrase.split()[1:])
    return True


# What a sentence must contain for any frame to fire on it (frames.py): one of the trigger words
# (a verb's, an event noun's, an "in exile"/"in prison" state's, a "took up work" noun's), or an
# office or "member" for the "as secretary of ..." and terse-CV frames, which need one in their
# object. Matched anywhere, even inside a longer word, so it only ever says yes too often; a
# document sentence it says no to has nothing a frame reads, and is not parsed (the parse costs
# as much as NER: stages.py).
_TRIGGERS = sorted(set(FRAMES_BY_WORD) | set(NOUN_FRAMES) | set(IN_STATE) | WORK_NOUNS | DEGREE_NOUNS | COMMAND_NOUNS | STUDENT_NOUNS | {"member", "abroad"},
                   key=len, reverse=True)
_MAY_FRAME = re.compile("|".join(map(re.escape, _TRIGGERS)))
_MAY_HOLD_OFFICE = re.compile(rf"(?:{OFFICES})", re.I)


def may_frame(sentence: str) -> bool:
    """Could any event frame fire on this sentence's text (see above)?"""
    return _MAY_FRAME.search(sentence.lower()) is not None or _MAY_HOLD_OFFICE.search(sentence) is not None


# The same question once the sentence is tokenized, before it is parsed: frames.py compares one
# token's lowercased word with these tables ("member(s)" for the terse CV's head noun), so where
# no token is one of them and no office is named, no frame fires; it spares the parse of the
# sentences may_frame let through for a trigger inside a longer word ("led" in "called")
TRIGGER_WORDS = frozenset(_TRIGGERS) | {"members"}


def may_frame_words(sentence: str, words: list[str]) -> bool:
    """Could any event frame fire on this sentence, given its tokens' lowercased words?"""
    return not TRIGGER_WORDS.isdisjoint(words) or _MAY_HOLD_OFFICE.search(sentence) is not None
