"""The dependency parse of the nlp stage (factoid.nlp.syntax) and the relation classifier's
features read from it (factoid.extract.relation_syntax), on sentences written for these tests."""
from factoid.clean import clean
from factoid.extract import relation_features as rf
from factoid.extract import relation_syntax as rs
from factoid.model import Document
from factoid.nlp import annotate
from factoid.pipeline import process

TEXT = "Anna Berg married Paul Weiss in 1950. They lived in Oslo. Her brother Karl taught in Bergen."


def doc_of(text, parse_first=None):
    return annotate([clean(Document(id="t", uri="t.txt", raw=text))], parse_first)[0]


def test_only_the_requested_sentences_are_parsed():
    doc = doc_of(TEXT, 2)
    assert [bool(s.tokens) for s in doc.sentences] == [True, True, False]
    assert all(not s.tokens for s in doc_of(TEXT, 0).sentences)
    assert all(s.tokens for s in doc_of(TEXT).sentences)


def test_tokens_lie_in_their_sentence_and_heads_form_a_tree():
    doc = doc_of(TEXT)
    for sent in doc.sentences:
        tokens = sent.tokens
        assert all(sent.start <= t.start < t.end <= sent.end for t in tokens)
        roots = [i for i, t in enumerate(tokens) if t.head == i]
        assert roots and all(0 <= t.head < len(tokens) for t in tokens)
        for i in range(len(tokens)):   # every token reaches a root: no cycles
            seen, k = set(), i
            while tokens[k].head != k:
                assert k not in seen
                seen.add(k)
                k = tokens[k].head
    first = doc.sentences[0]
    verb = next(t for t in first.tokens if doc.clean[t.start:t.end] == "married")
    assert verb.dep == "ROOT"


def test_the_parse_read_from_spacys_arrays_is_spacys_token_by_token():
    from factoid.model import Token
    from factoid.nlp.syntax import _plain, load_parser
    for text in (TEXT, "Dr. Ivan Petrov (1890–1950), a surgeon, taught at Kazan; he died in 1950."):
        parsed = load_parser()(text)
        assert _plain(parsed, 7) == tuple(Token(7 + t.idx, 7 + t.idx + len(t.text), t.head.i, t.dep_) for t in parsed)
    assert _plain(load_parser()("Anna  Berg left."), 0) is None  # a whitespace token: re-indexed elsewhere


def _pair(sent, subject, value):
    s = next(u for u in sent.subjects if u.text == subject)
    v = next(u for u in sent.values if u.text == value)
    return s, v


def test_the_path_runs_through_the_verb_that_joins_the_pair():
    doc = doc_of(TEXT)
    sent = next(rf.sentences(doc))
    assert sent.parse is not None
    s, v = _pair(sent, "Anna Berg", "Paul Weiss")
    feats = rs.link_features(sent.parse, s, v, v.label)
    assert ("dtop", "person", "married") in feats
    assert ("dp", "person", "nsubj^ dobjv") in feats
    # a mention's words stand as its kind, so the path generalises over names
    gov = rs.unit_features(sent.parse, v, "v", v.label)
    assert ("vgov", "person", "dobj", "married") in gov


def test_the_clause_of_a_value_says_whom_it_speaks_of():
    doc = doc_of("Maria Lind married Olaf Berg, who was born in Narvik.")
    sent = next(rf.sentences(doc))
    narvik = next(u for u in sent.values if u.text == "Narvik")

    def clause(subject):
        subj = next(u for u in sent.subjects if u.text == subject)
        feats = rs.link_features(sent.parse, subj, narvik, narvik.label)
        return next(f[2] for f in feats if f[0] == "dclause"), int(next(f[2] for f in feats if f[0] == "dlen"))
    # the relative clause speaks of Olaf Berg, through "who" and through the name it hangs from
    assert clause("who")[0] == "self"
    assert clause("Olaf Berg")[0] == "self"
    assert clause("Maria Lind")[0] == "other"
    assert clause("Olaf Berg")[1] < clause("Maria Lind")[1]


def test_without_a_parse_every_pair_says_so():
    doc = doc_of(TEXT, 0)
    sent = next(rf.sentences(doc))
    assert sent.parse is None
    s, v = _pair(sent, "Anna Berg", "Paul Weiss")
    assert rs.link_features(sent.parse, s, v, v.label) == [("dp", "person", "none")]
    assert rs.unit_features(sent.parse, v, "v", "person") == [("vgov", "person", "none")]


def test_documents_and_passages_are_parsed_but_not_overlong_sentences():
    text = "Anna Berg\nAnna Berg married Paul Weiss in 1950. They lived in Oslo. Her brother taught in Bergen."
    as_document = process([Document(id="d", uri="d.txt", raw=text)])[0]
    as_passage = process([Document(id="p", uri="p.txt", raw=text)], passage=True)[0]
    # a document's sentence no event frame could read (the title line) is not parsed
    assert [bool(s.tokens) for s in as_document.sentences] == [False, True, True, True]
    assert all(s.tokens for s in as_passage.sentences)
    names = "; ".join(f"Name{i} Surname{i}" for i in range(200))  # a list gone flat: no parse
    listed = process([Document(id="l", uri="l.txt", raw=f"Anna Berg\nThe list: {names}.")])[0]
    assert [bool(s.tokens) for s in listed.sentences if s.end - s.start > 1500] == [False]


def test_the_classifier_scores_a_sentence_with_or_without_its_parse():
    from factoid.extract import relations
    doc = doc_of("Anna Berg is a Norwegian painter who lives in Oslo with her husband, Paul Weiss.")
    model = relations.load_model()
    for parsed in (True, False):
        batch = [(s, rf.pairs(s)) for s in rf.sentences(doc, parsed=parsed)]
        probs = relations.second_stage(model, batch, relations.first_stage(model, batch))
        pairs = [(s.text, v.text) for _, ps in batch for s, v, _ in ps]
        best = probs[pairs.index(("Anna Berg", "Norwegian")), model.column["nationality"]]
        assert best > 0.6, (parsed, best)
