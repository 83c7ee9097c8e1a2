"""Whether two written places can be one place, as a careful reader decides it.

A place is read as its parts, most specific first ("Romny, Poltava Governorate, Russian
Empire"). Two places agree when
- one's most specific part is one of the other's parts ("Poltava Governorate" and "Romny,
  Poltava Governorate"; "Kazan" and "Kazan Governorate" by their words);
- the names are spellings of one name: transliterations differ by a letter or two
  ("Cherkasy"/"Cherkassy", "Frøen"/"Froen"), or the city was renamed (a general table);
- one names only a country or a region and the other a place the text does not put anywhere:
  that is a place at a lower precision, as 1924 is a date at a lower precision than
  1924-03-05. Where both put the place in different regions, they disagree."""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

# letters NFKD does not take apart
_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "ß": "ss", "þ": "th",
                          "ı": "i", "ʹ": "", "ʼ": "", "'": "", "’": ""})

# words that say what kind of place a part is, or where near it: not which place
_KIND = frozenset("""governorate governate gubernia guberniya province oblast krai region district uyezd uezd
county okrug raion rayon village town city hamlet estate settlement near outside the of in on at
state republic empire kingdom duchy grand principality territory ssr assr soviet socialist autonomous
now today present day modern former formerly then""".split())
_REGION_WORDS = frozenset("""governorate governate gubernia guberniya province oblast krai region district
uyezd uezd county okrug raion rayon state republic empire kingdom duchy principality territory ssr assr""".split())

# countries and historical states: a place named only by one of these is a place at low precision
COUNTRIES = frozenset(" ".join(n.split()) for n in """russia|russian empire|soviet union|ussr|rsfsr|georgia|armenia|
azerbaijan|ukraine|belarus|byelorussia|poland|congress poland|kingdom of poland|lithuania|latvia|estonia|finland|
grand duchy of finland|moldova|bessarabia|kazakhstan|uzbekistan|turkmenistan|kyrgyzstan|tajikistan|siberia|caucasus|
transcaucasia|crimea|france|germany|prussia|austria|austria hungary|hungary|bohemia|moravia|czechoslovakia|
czech republic|czechia|slovakia|switzerland|italy|spain|portugal|england|scotland|wales|ireland|great britain|
united kingdom|britain|netherlands|holland|belgium|luxembourg|denmark|norway|sweden|iceland|romania|bulgaria|
serbia|yugoslavia|croatia|slovenia|bosnia|montenegro|greece|albania|turkey|ottoman empire|persia|iran|china|
japan|korea|mongolia|india|united states|usa|america|canada|mexico|brazil|argentina|chile|australia|
new zealand|egypt|palestine|israel|galicia|lapland|manchuria""".replace("\n", " ").split("|"))

# one city under the names it has had (general knowledge; each line one city)
# each line one city under its former names and its names in other languages (exonyms)
_RENAMED = """saint petersburg|st petersburg|petersburg|petrograd|leningrad
tsaritsyn|stalingrad|volgograd
yekaterinburg|ekaterinburg|sverdlovsk
nizhny novgorod|nizhni novgorod|gorky|gorki
samara|kuybyshev|kuibyshev
yelisavetgrad|elisavetgrad|elizavetgrad|yelysavethrad|zinovyevsk|zinovievsk|kirovo|kirovograd|kirovohrad|kropyvnytskyi
yekaterinoslav|ekaterinoslav|dnepropetrovsk|dnipropetrovsk|dnipro
vyatka|khlynov|kirov
perm|molotov
simbirsk|ulyanovsk
tver|kalinin
konigsberg|kaliningrad
vilna|wilno|vilnius|vilnyus
lemberg|lwow|lvov|lviv
reval|revel|tallinn
helsingfors|helsinki
christiania|kristiania|oslo
pressburg|pozsony|bratislava
danzig|gdansk
breslau|wroclaw
yuzovka|hughesovka|stalino|donetsk
vladikavkaz|ordzhonikidze|dzaudzhikau
lugansk|luhansk|voroshilovgrad
kiev|kyiv
kharkov|kharkiv
odessa|odesa
tsarskoye selo|detskoye selo|pushkin
gatchina|trotsk
verny|alma ata|almaty
pishpek|frunze|bishkek
stalinabad|dushanbe
ashkhabad|poltoratsk|ashgabat
mariupol|zhdanov
novonikolayevsk|novosibirsk
yekaterinodar|ekaterinodar|krasnodar
elisavetpol|yelisavetpol|ganja|ganca|kirovabad
petrovsk port|makhachkala
orenburg|chkalov
izhevsk|ustinov
stavropol|voroshilovsk
dorpat|yuryev|yuriev|tartu
mitau|jelgava
dunaburg|dvinsk|daugavpils
kovno|kaunas
brest litovsk|brest
constantinople|istanbul
peking|peiping|beijing
canton|guangzhou
bombay|mumbai
madras|chennai
calcutta|kolkata
batavia|jakarta
saigon|ho chi minh city
warsaw|warszawa|warschau|varshava
vienna|wien|vena
prague|praha|prag
munich|munchen|monaco di baviera
cologne|koln
moscow|moskva|moskau|moscou
cracow|krakow|krakau
copenhagen|kobenhavn
geneva|geneve|genf
zurich|zuerich
rome|roma
florence|firenze
naples|napoli
venice|venezia
milan|milano
turin|torino
lisbon|lisboa
brussels|bruxelles|brussel
the hague|den haag|s gravenhage
antwerp|antwerpen|anvers
athens|athinai
bucharest|bucuresti
belgrade|beograd
tiflis|tbilisi|tiflisi"""


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_LETTERS)
    return " ".join(re.sub(r"[^\w\s,]", " ", text).replace("_", " ").split())


_CITY = {name: i for i, line in enumerate(_RENAMED.splitlines()) for name in line.split("|")}


def _words(part: str) -> tuple[str, ...]:
    return tuple(w for w in part.replace(",", " ").split() if w not in _KIND)


@lru_cache(maxsize=100_000)
def parts(place: str) -> tuple[tuple[tuple[str, ...], bool], ...]:
    """The place's parts, most specific first: each its naming words, and whether it is a
    region (a country, or a part whose own words say so: "Tambov Governorate")."""
    out = []
    for part in fold(place).split(","):
        words = _words(part)
        if words:
            out.append((words, " ".join(words) in COUNTRIES or bool(set(part.split()) & _REGION_WORDS)))
    return tuple(out)


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or a[0] != b[0]:
        return False  # short names differ in a letter; and a transliteration keeps the first
    return SequenceMatcher(None, a, b).ratio() >= 0.8


def same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two parts name one place: one's words inside the other's (spelling aside), or one
    city under two of its names."""
    x, y = " ".join(a), " ".join(b)
    if x in _CITY and y in _CITY:
        return _CITY[x] == _CITY[y]
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return all(any(_same_word(w, v) for v in long) for w in short)


@lru_cache(maxsize=100_000)
def agree(a: str, b: str) -> bool:
    pa, pb = parts(a), parts(b)
    if not pa or not pb:
        return True  # nothing to compare
    if any(same_name(pa[0][0], q) for q, _ in pb) or any(same_name(pb[0][0], q) for q, _ in pa):
        return True
    # a place named only by its region: lower precision, unless the other puts itself in
    # another region
    for p, q in ((pa, pb), (pb, pa)):
        if len(p) == 1 and p[0][1]:
            regions = [words for words, region in q[1:] if region]
            if not regions or any(same_name(p[0][0], r) for r in regions):
                return True
    return False
