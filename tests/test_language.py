"""Language identification: plainly English prose is told without py3langid (language.py), and
that shortcut gives the identifier's verdict, on English, on other languages and on mixtures."""
from __future__ import annotations

import random
import unicodedata

import pytest

from factoid import language
from factoid.language import detect, plainly_english, script_counts

ENGLISH = [
    "Anna Ivanovna Petrova (12 March 1890 – 3 May 1950) was a Russian teacher. She was born in Kazan, "
    "studied at Kazan University and later taught in Moscow, where she died.",
    "John Edward Smith was an English engineer. After his apprenticeship in Leeds he became the chief "
    "engineer of the Great Northern Railway, and he held that post until his death in 1885.",
    "Dugan found it during his time at the Königstuhl Observatory with Max Wolf in Heidelberg. "
    "At the time he was working on his Ph.D., which he received from the university in 1905.",
    "Prior to joining Infront, Jean-François Morel was Senior Vice President at Sportfive France, where "
    "he was responsible for sales and marketing of the company's football rights between 1998 and 2004.",
    "The company was founded in 1969 by Peter Kilham, who invented the first tubular bird feeder. "
    "It has been owned by the Kilham family since then and is based in Cranston, Rhode Island.",
]
OTHER = {
    "de": "Karl Friedrich Brenner wurde am 3. März 1890 in Leipzig geboren. Er studierte Rechtswissenschaft an "
          "der Universität Berlin und war später Richter am Landgericht. Nach dem Krieg zog er mit seiner "
          "Familie nach München, wo er 1961 starb.",
    "fr": "Jean-Baptiste Moreau est né le 12 avril 1875 à Lyon. Il fit ses études au lycée Ampère puis à "
          "l'École normale supérieure, avant de devenir professeur de lettres. Il mourut à Paris en 1948.",
    "es": "María Fernández nació en Sevilla en 1902. Estudió medicina en la Universidad de Madrid y trabajó "
          "durante muchos años en un hospital de Barcelona. Se casó con el pintor Luis Ortega y murió en 1977.",
    "it": "Giovanni Bianchi nacque a Torino nel 1881. Dopo gli studi di ingegneria al Politecnico lavorò per "
          "la Fiat e divenne direttore della fabbrica del Lingotto. Morì a Genova nel 1953.",
    "pt": "Joaquim Pereira nasceu em Coimbra em 1865. Estudou direito na universidade da cidade e foi deputado "
          "durante vários anos. Casou com Maria da Silva, de quem teve quatro filhos, e morreu em Lisboa em 1931.",
    "nl": "Pieter van Dijk werd in 1879 in Utrecht geboren. Hij studeerde theologie aan de universiteit en werd "
          "predikant in Zwolle. Later verhuisde hij met zijn gezin naar Amsterdam, waar hij in 1950 overleed.",
    "pl": "Władysław Kowalski urodził się w 1888 roku w Krakowie. Studiował prawo na Uniwersytecie "
          "Jagiellońskim, a następnie pracował jako adwokat w Warszawie. Zmarł w 1956 roku w Łodzi.",
    "sv": "Erik Lindqvist föddes 1871 i Uppsala. Han studerade vid universitetet och blev sedan lärare vid "
          "läroverket i Västerås. Han gifte sig med Anna Berg och dog i Stockholm 1940.",
    "da": "Hans Christian Møller blev født i Odense i 1866. Han læste jura ved Københavns Universitet og blev "
          "senere dommer. Han døde i Aarhus i 1938 efter en lang sygdom.",
    "cs": "Josef Novák se narodil roku 1884 v Brně. Vystudoval práva na Karlově univerzitě a pracoval jako "
          "soudce v Praze. Zemřel v roce 1951 v Olomouci.",
    "fi": "Matti Virtanen syntyi Tampereella vuonna 1890. Hän opiskeli Helsingin yliopistossa ja toimi "
          "myöhemmin opettajana Turussa. Hän kuoli vuonna 1962.",
    "hu": "Kovács János 1876-ban született Debrecenben. A budapesti egyetemen tanult jogot, majd ügyvédként "
          "dolgozott Szegeden. 1944-ben halt meg Budapesten.",
    "ro": "Ion Popescu s-a născut în 1880 la Iași. A studiat dreptul la Universitatea din București și a fost "
          "judecător la Cluj. A murit în 1949.",
    "la": "Marcus Tullius Cicero natus est Arpini anno ante Christum natum centesimo sexto. Romae studuit et "
          "consul factus est; multas orationes scripsit quae hodie leguntur.",
}
ENGLISH_SENTENCES = [
    "He later moved to London, where he worked for the British Museum.",
    "She married the painter Thomas Hale in 1912, and they had two sons.",
    "The family then lived in Boston until the war, when they returned to Europe.",
    "His brother, who was also a lawyer, died during the siege of the city.",
]


def _identifier_alone(text: str) -> str:
    """detect's verdict without the shortcut: the script's default or py3langid's."""
    sample = language._URL.sub(" ", text[:language._SAMPLE])
    cyr, lat = script_counts(sample)
    default, langs = ("ru", language._CYRILLIC_LANGS) if cyr > lat else ("en", language._LATIN_LANGS)
    if max(cyr, lat) < language.MIN_LETTERS:
        return default
    return language.identified(sample, langs, default)


def _mixtures() -> list[str]:
    """Each other language's text with one to four English sentences among its own."""
    out = []
    for text in OTHER.values():
        own = text.split(". ")
        for n in range(1, len(ENGLISH_SENTENCES) + 1):
            out.append(". ".join(own[:1] + ENGLISH_SENTENCES[:n] + own[1:]))
            out.append(" ".join(ENGLISH_SENTENCES[:n]) + " " + text)
    return out


def test_english_prose_takes_the_shortcut_and_the_identifier_agrees():
    for text in ENGLISH:
        assert plainly_english(text), text
        assert detect(text) == _identifier_alone(text) == "en"


@pytest.mark.parametrize("code", sorted(OTHER))
def test_other_languages_go_to_the_identifier(code):
    text = OTHER[code]
    assert not plainly_english(text)
    assert detect(text) == _identifier_alone(text)


def test_a_text_mixing_in_english_gets_the_identifiers_verdict():
    mixtures = _mixtures()
    assert all(not plainly_english(text) for text in mixtures)
    assert [detect(t) for t in mixtures] == [_identifier_alone(t) for t in mixtures]
    assert {detect(t) for t in mixtures} - {"en"}  # the identifier still names the other language


def test_script_counts_count_each_letter_as_before():
    def one_by_one(text: str) -> tuple[int, int]:
        cyr = lat = 0
        for ch in text:
            if ch.isalpha():
                if "\u0400" <= ch <= "\u04ff":
                    cyr += 1
                elif ch.isascii() or unicodedata.name(ch, "").startswith("LATIN"):
                    lat += 1
        return cyr, lat

    rnd = random.Random(3)
    pool = [chr(c) for c in [*range(0x250), *range(0x370, 0x530), *range(0x1e00, 0x1f00), 0x3042, 0xfb01, 0x1d400]]
    texts = ["".join(rnd.choice(pool) for _ in range(rnd.randint(0, 60))) for _ in range(3000)]
    for text in texts + ENGLISH + list(OTHER.values()):
        assert script_counts(text) == one_by_one(text), text
