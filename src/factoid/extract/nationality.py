"""The nationality a lead gives its subject: "X (1886-1937) was a Georgian Bolshevik", "is a
Polish-French physicist", "X (1859 - 1914), French Socialist leader": a nationality adjective
(a general list) among the first words after "was a" or after the name's apposition, before any
preposition; a movement, a faith or a state's adjective ("Bolshevik", "Catholic", "Soviet") is
not in the list."""
from __future__ import annotations

import re

from .grammar import Event, holder_after, holder_before, within
from .roles import _PARTY, is_party_acronym
from .context import Context

# the nationality adjectives (general knowledge); two joined by a hyphen ("Polish-French") are one
DEMONYMS = frozenset("""afghan albanian algerian american argentine argentinian armenian australian austrian
azerbaijani bavarian belarusian belgian bohemian bolivian bosnian brazilian british bulgarian byelorussian
canadian catalan chechen chilean chinese colombian croatian cuban czech czechoslovak danish dutch egyptian
english estonian ethiopian finnish flemish french galician georgian german greek hungarian icelandic indian
iranian iraqi irish israeli italian japanese kazakh korean kyrgyz latvian lebanese lithuanian luxembourgish
macedonian mexican moldavian moldovan mongolian montenegrin moravian norwegian ossetian ottoman persian
peruvian polish portuguese prussian romanian russian scottish serbian silesian slovak slovenian spanish
swedish swiss syrian tajik tatar turkish turkmen ukrainian uruguayan uzbek venezuelan welsh yugoslav""".split())

# where the lead says what its subject was
_COPULA = re.compile(r"\b(?:was|is)\s+(?:an?|the|one\s+of\s+the)\s+")
_APPOSITION = re.compile(r"\s*,\s*(?:an?\s+|the\s+)?(?=[A-Z])")
_WORD = re.compile(r"[A-Z][\w-]*")
_REACH = 60  # the demonym stands among the first words after "was a"
# "was a leader in the Russian movement": the demonym of what follows a preposition is not his
_BETWEEN = re.compile(r"[.;(]|\b(?:in|of|at|for|from|with|to|on|by)\b")


def _is_demonym(word: str) -> bool:
    return all(part.lower() in DEMONYMS for part in word.split("-"))


def lead_nationality(ctx: Context) -> list[Event]:
    if ctx.passage or not ctx.doc.sentences:
        return []
    text = ctx.doc.clean
    for sent in ctx.doc.sentences[:12]:
        named = [o for o in within(ctx.occurrences, sent.start, sent.end) if o.key == "" and not o.pronoun]
        if not named:
            continue
        copula = _COPULA.search(text, named[0].end, sent.end)
        if copula is None or copula.start() - named[0].end > 400:
            # a dictionary's apposition: "X (1859 - 1914), French Socialist leader, was born ...",
            # "X, a Norwegian Arctic explorer, was born ..."
            copula = _APPOSITION.match(text, _after_brackets(text, named[0].end, sent.end), sent.end)
        if copula is None:
            continue
        for w in _WORD.finditer(text, copula.end(), min(sent.end, copula.end() + _REACH)):
            if _BETWEEN.search(text, copula.end(), w.start()):
                break
            if _is_demonym(w.group()):
                start = named[0].start if copula.start() - named[0].end <= 40 else copula.start()
                return [Event("nationality", named[0], None, (), start, w.end(), "lead.nationality", 0.75,
                              object=(w.start(), w.end(), w.group()))]
        return []  # only the first sentence that says what the subject was
    return []


def _after_brackets(text: str, pos: int, end: int) -> int:
    """Past the parentheses right after a name (its other scripts, its life dates)."""
    while True:
        m = re.match(r"\s*\(", text[pos:end])
        if m is None:
            return pos
        depth, i = 0, pos + m.end() - 1
        while i < end:
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
            if depth == 0:
                break
        if depth:
            return pos
        pos = i


# "was a British Labour Party politician", "is a former Fine Gael politician", "was a Democratic
# member of the House": the party the lead names between the demonym and the kind of politician
_ELECTED = (r"politician|activist|member\s+of\s+parliament|MP|MEP|MLA|MSP|MPP|TD|senator|deputy|legislator|"
            r"councillor|councilor|candidate")
_PARTY_POLITICIAN = re.compile(
    r"\b(?:was|is)\s+an?\s+(?:(?:former|retired|longtime|prominent|leading|senior)\s+)?(?:[A-Z][\w-]*\s+){0,2}?"
    r"(?P<party>(?:[A-Z][\w'’-]*\s+){0,3}?[A-Z][\w'’-]*)\s+(?:(?P<elected>" + _ELECTED + r")|member(?=\s+of\b))\b")
# "a councillor for the Liberal Democrats", "a TD for the National League Party": the party after
# an elected office and "for the" (a place there is the seat: "MP for the Isle of Wight")
_FOR_PARTY = re.compile(r"\b(?:" + _ELECTED + r"|member)\s+for\s+the\s+(?P<party>(?:[A-Z][\w'’-]*\s+){0,3}?[A-Z][\w'’-]*)"
                        r"(?![\w'’-]|\s+[A-Z])")
# "under the Bloc Populaire party", "founded the Civic Forum political party": a name before a
# lower-case "party", in a passage's sentence about politics (not "a Halloween party")
_NAMED_PARTY = re.compile(r"\b(?:the|an?)\s+(?P<party>(?:[A-Z][\w'’-]*\s+){0,3}?[A-Z][\w'’-]*)\s+(?:political\s+)?"
                          r"party\b")
_POLITICS = re.compile(r"\b(?:elect\w*|member|joined|founded|leader|candidate|politic\w*|vote[sd]?|seat|"
                       r"parliament\w*|congress\w*|ran|won|lost|stood)\b", re.IGNORECASE)
# "A member of the Liberal Party, he won the seat", "As a member of Fianna Nua, Ryan was mayor":
# the party of the name or pronoun after the comma
_MEMBER_FIRST = re.compile(r"(?:As\s+)?[Aa]n?\s+(?:(?:former|founding|lifelong|longtime|leading|prominent)\s+)?"
                           r"member\s+of\s+(?:the\s+)?(?P<party>(?:[A-Z][\w'’-]*\s+){0,3}?[A-Z][\w'’-]*)"
                           r"(?:\s+(?:from|since)\s+(?P<year>\d{4}))?\s*,")  # ("A member of the RSDLP from 1897, he")
# words of a party's name that a demonym-like or descriptive word test would reject
_PARTY_ADJECTIVE = re.compile(r"^(?:Democratic|Republican|Tory|Green|Greens|Unionist|Nationalist|Progressive|"
                              r"Federalist|Populist|Libertarian|Radical|Centrist)$")
# a capitalised word before "politician" that says what kind, not which party: "an Independent
# MP", "a Congressional candidate", "a State senator", "a City councillor", "a Soviet politician"
_NO_PARTY = re.compile(r"^(?:Independent|Nonpartisan|Non-partisan|State|City|County|Town|Local|Senate|House|"
                       r"Congress|Parliament|Assembly|Council|Federal|Provincial|Municipal|Regional|National|"
                       r"Presidential|Mayoral|Senatorial|Gubernatorial|Congressional|Parliamentary|Former|"
                       r"Retired|Veteran|Young|Leading|Senior|Prominent|Controversial|Notable|Elected|"
                       r"Soviet|Imperial|Royal|Confederate|Union|Tsarist)$")
# the endings of nationality and other adjectives ("Kenyan", "Bangladeshi", "Icelandic", "Colonial")
_ADJECTIVE = re.compile(r"(?:an|ese|ish|i|ic|al|ary)$")


def _party_name(words: list[str], span: tuple[int, int], places) -> bool:
    """Whether capitalised words before a kind of politician name a party: a word of a party's
    name ("Labour Party", "Republican"), or a name that is no place, no demonym and no
    descriptive adjective ("Fine Gael", "Sinn Féin")."""
    if any(_PARTY.search(w) or _PARTY_ADJECTIVE.match(w) for w in words):
        return True
    if any(p.start < span[1] and span[0] < p.end for p in places):
        return False   # "a Texas politician", "a New Zealand MP"
    return not all(_NO_PARTY.match(w) or _ADJECTIVE.search(w) for w in words)


def party_politician(ctx: Context) -> list[Event]:
    text, out = ctx.doc.clean, []
    for sent in ctx.doc.sentences if ctx.passage else ctx.doc.sentences[:12]:
        found = list(_PARTY_POLITICIAN.finditer(text, sent.start, sent.end))
        found += [m for m in _FOR_PARTY.finditer(text, sent.start, sent.end)
                  if _PARTY.search(m.group("party").split()[-1])]
        if ctx.passage and _POLITICS.search(text, sent.start, sent.end):   # a document's gloss of
            # another person can share the sentence ("... Khrushchev, first secretary of the X party")
            found += _NAMED_PARTY.finditer(text, sent.start, sent.end)
        first = _MEMBER_FIRST.match(text, sent.start, sent.end)
        if first and (_PARTY.search(first.group("party")) or is_party_acronym(first.group("party"))):
            found.append(first)
        for m in found:
            words = m.group("party").split()
            while words and _is_demonym(words[0]):
                words.pop(0)  # "British Labour Party": the party is what follows the demonym
            party = " ".join(words)
            start = m.end("party") - len(party)
            if not words:
                continue
            if m.re is _PARTY_POLITICIAN and (m.group("elected") is None and _PARTY.search(words[-1]) is None
                                              and not _PARTY_ADJECTIVE.match(words[-1])):
                continue   # "a Board member of": a member of a party names it
            if not _party_name(words, (start, m.end("party")), ctx.places):
                continue
            occurrences = within(ctx.occurrences, sent.start, sent.end)
            holder = (holder_after(occurrences, m.end(), sent.end) if m.re is _MEMBER_FIRST
                      else holder_before(occurrences, text, sent.start, m.start()))
            if holder is None:
                continue
            since = next((d for d in ctx.dates if m.re is _MEMBER_FIRST and m.group("year")
                          and d.start == m.start("year") and d.date), None)
            out.append(Event("party", holder, None, (), min(holder.start, m.start()), m.end(), "lead.party", 0.7,
                             object=(start, m.end("party"), party), begin=since))
    return out
