"""The learned relation classifier (factoid.extract.relations) on sentences written for these
tests, its shipped model, and the determinism of its hashed features."""
import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest

from factoid.clean import clean
from factoid.errors import FactoidError
from factoid.extract import relation_context as rc
from factoid.extract import relation_features as rf
from factoid.extract import relations
from factoid.model import Document
from factoid.nlp import annotate

KNET = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "knowledgenet" / "dev.jsonl"


def doc_of(text):
    return annotate([clean(Document(id="t", uri="t.txt", raw=text))])[0]


def found(text, threshold=0.5):
    doc = doc_of(text)
    return doc, [(doc.clean[r.subject_start:r.subject_end], r.property, r.field, r.value_text, r.confidence)
                 for r in relations.find_relations(doc, threshold)]


def has(rows, subject, prop, value):
    return any(s == subject and p == prop and v.endswith(value) and c > 0.5 for s, p, _, v, c in rows)


def test_shipped_model_loads_and_is_small():
    assert relations.MODEL_FILE.exists()
    assert relations.MODEL_FILE.stat().st_size < 50_000_000
    model = relations.load_model(relations.MODEL_FILE)
    assert model.properties == rf.NAMES
    assert model.weights.shape == (1 << rf.BITS, len(rf.NAMES))
    assert model.context.shape == (len(rf.NAMES), len(rc.CONTEXT))
    assert np.abs(model.weights).sum() > 0


def test_residence_and_spouse_for_the_name_and_the_pronoun():
    doc, rows = found("Maria Lopez lives in Denver with her husband, Carl Lopez.")
    for subject in ("Maria Lopez", "her"):
        assert has(rows, subject, "residence", "Denver"), rows
        assert has(rows, subject, "spouse", "Carl Lopez"), rows
    assert all(field == ("place" if prop == "residence" else "object") for _, prop, field, _, _ in rows)


def test_offsets_are_clean_text_offsets_of_both_mentions():
    text = "Maria Lopez lives in Denver with her husband, Carl Lopez."
    doc = doc_of(text)
    rel = next(r for r in relations.find_relations(doc) if r.property == "residence"
               and doc.clean[r.subject_start:r.subject_end] == "her")
    assert (rel.subject_start, rel.subject_end) == (text.index("her"), text.index("her") + 3)
    assert (rel.value_start, rel.value_end) == (text.index("Denver"), text.index("Denver") + 6)
    assert doc.clean[rel.value_start:rel.value_end] == rel.value_text == "Denver"
    assert 0.5 < rel.confidence <= 1.0


def test_education_party_and_parent():
    _, rows = found("He studied law at Harvard University.")
    assert has(rows, "He", "education", "Harvard University"), rows
    _, rows = found("She is a member of the Labour Party.")
    assert has(rows, "She", "party", "Labour Party"), rows
    _, rows = found("Tom Baker, son of Edith Baker, was a carpenter.")
    assert has(rows, "Tom Baker", "parent", "Edith Baker"), rows
    # the child is the subject: the parent is not said to be the child's child
    assert not has(rows, "Edith Baker", "parent", "Tom Baker"), rows


def test_nationality():
    _, rows = found("Anna Berg (born 1950) is a Norwegian painter.")
    assert has(rows, "Anna Berg", "nationality", "Norwegian"), rows


def test_negatives_stay_out():
    _, rows = found("He visited Denver in 1990.")
    assert not any(p == "residence" for _, p, _, _, _ in rows), rows
    _, rows = found("The weather in Denver was cold that winter.")
    assert rows == []
    _, rows = found("")
    assert rows == []


def test_threshold_filters_and_confidences_are_probabilities():
    doc = doc_of("Maria Lopez lives in Denver with her husband, Carl Lopez.")
    everything = relations.find_relations(doc, threshold=0.0)
    assert all(0.0 <= r.confidence <= 1.0 for r in everything)
    assert len(everything) >= len(relations.find_relations(doc, 0.5)) >= len(relations.find_relations(doc, 0.9))


def test_batch_scoring_gives_the_same_relations_as_one_by_one():
    texts = ["Maria Lopez lives in Denver with her husband, Carl Lopez.", "She is a member of the Labour Party.",
             "The weather was cold.", "Tom Baker, son of Edith Baker, was a carpenter. He lived in Leeds."]
    docs = [doc_of(t) for t in texts]
    assert relations.find_relations_many(docs) == [relations.find_relations(d) for d in docs]


def test_documents_score_only_their_lead_and_score_it_the_same(monkeypatch):
    # documents keep no finding today (IN_DOCUMENTS is empty); were one allowed, only the lead is scored
    monkeypatch.setattr(relations, "IN_DOCUMENTS", frozenset(rf.PROPERTIES))
    text = ("Maria Lopez is a Mexican painter. She lives in Denver with her husband, Carl Lopez.\n\n"
            "In 1990 she joined the Green Party and worked for the Denver Post in Boulder.")
    doc = doc_of(text)
    lead = relations.find_relations_many([doc], 0.0, lead_only=True)[0]
    full = relations.find_relations_many([doc], 0.0)[0]
    second_end = doc.sentences[1].end
    assert lead and all(r.value_start < second_end for r in lead)
    assert any(r.value_start >= second_end for r in full)  # what the lead-only pass skips
    assert lead == [r for r in full if r.value_start < second_end]


def test_feature_hashes_are_stable_crc32_not_python_hash():
    assert rf.h(("sk", "person")) == zlib.crc32(b"sk|person") & rf.MASK
    doc = doc_of("Maria Lopez lives in Denver with her husband, Carl Lopez.")
    sent, pairs = relations.candidates(doc)[0]
    here = [rf.hashed(rf.pair_features(sent, s, v)) for s, v, _ in pairs]
    code = (
        "import json; from factoid.clean import clean; from factoid.nlp import annotate; "
        "from factoid.model import Document; from factoid.extract import relations, relation_features as rf; "
        "doc = annotate([clean(Document(id='t', uri='t', raw=%r))])[0]; "
        "sent, pairs = relations.candidates(doc)[0]; "
        "print(json.dumps([rf.hashed(rf.pair_features(sent, s, v)) for s, v, _ in pairs]))"
    ) % doc.raw
    for seed in ("1", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
        assert json.loads(out.stdout.strip().splitlines()[-1]) == here


def test_run_time_needs_no_scikit_learn():
    code = ("import sys; from factoid.clean import clean; from factoid.nlp import annotate; "
            "from factoid.model import Document; from factoid.extract import relations; "
            "doc = annotate([clean(Document(id='t', uri='t', raw='She lives in Oslo.'))])[0]; "
            "relations.find_relations(doc); print('sklearn' in sys.modules, 'scipy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split()[-2:] == ["False", "False"]


def _tiny_model(path, version=rf.VERSION):
    n, k = len(rf.NAMES), len(rc.CONTEXT)
    context = np.zeros((n, k), dtype=np.float32)
    context[:, 0] = 1.0   # the second stage passes the first stage's logit through
    np.savez_compressed(path, version=np.array(version), bits=np.array(rf.BITS), properties=np.array(rf.NAMES),
                        context_names=np.array(rc.CONTEXT), rows=np.array([rf.h(("sk", "pron:she"))], dtype=np.uint32),
                        values=np.full((1, n), 5.0, dtype=np.float16), bias=np.zeros(n, dtype=np.float32),
                        context=context, context_bias=np.zeros(n, dtype=np.float32))


def test_model_path_from_environment(tmp_path, monkeypatch):
    path = tmp_path / "tiny.npz"
    _tiny_model(path)
    monkeypatch.setenv(relations.ENV, str(path))
    doc = doc_of("She lives in Oslo.")
    rows = relations.find_relations(doc)
    # the tiny model gives every "she" pair a logit of 5 for every property its value allows
    # (no kinship word in the sentence: neither parent nor spouse; no birth word: no birth place)
    assert {r.property for r in rows} == {p for p in rf.NAMES if "place" in rf.PROPERTIES[p][1]} - rf.KINSHIP - {
        "birth_place"}
    assert all(abs(r.confidence - 1 / (1 + np.exp(-5))) < 1e-3 for r in rows)


def test_a_model_for_other_features_is_refused(tmp_path):
    path = tmp_path / "old.npz"
    _tiny_model(path, version="rel-features-0")
    with pytest.raises(FactoidError, match="rebuild"):
        relations.load_model(path)
    with pytest.raises(FactoidError, match="cannot be read"):
        relations.load_model(tmp_path / "missing.npz")


@pytest.mark.skipif(not KNET.exists(), reason=f"KnowledgeNet dev file not found at {KNET} (../shared absent)")
def test_shipped_model_recovers_knowledgenet_facts():
    """Sanity check on training passages (folds 1-3): span-overlap F1 of the seven properties
    over the first 300 passages annotated for them. Held-out numbers: training/train_relations.py --cv."""
    to_ours = {"PLACE_OF_RESIDENCE": "residence", "NATIONALITY": "nationality", "EMPLOYEE_OR_MEMBER_OF": "employment",
               "EDUCATED_AT": "education", "POLITICAL_AFFILIATION": "party", "CHILD_OF": "parent", "SPOUSE": "spouse"}
    passages = []
    with open(KNET, encoding="utf-8") as handle:
        for line in handle:
            p = json.loads(line)
            if set(p["annotatedProperties"]) & set(to_ours) and len(passages) < 300:
                passages.append(p)
    docs = annotate([clean(Document(id=p["passageId"], uri="k", raw=p["passageText"])) for p in passages])
    tp = fp = fn = 0
    for p, doc, rels in zip(passages, docs, relations.find_relations_many(docs)):
        start, annotated = p["passageStart"], {to_ours[x] for x in p["annotatedProperties"] if x in to_ours}
        gold = [(to_ours[f["property"]], f["subjectStart"] - start, f["subjectEnd"] - start,
                 f["objectStart"] - start, f["objectEnd"] - start) for f in p["facts"] if f["property"] in to_ours]
        hits = set()
        for r in rels:
            if r.property not in annotated:
                continue
            s, v = doc.raw_span(r.subject_start, r.subject_end), doc.raw_span(r.value_start, r.value_end)
            match = [i for i, (prop, s0, s1, o0, o1) in enumerate(gold)
                     if prop == r.property and s.start < s1 and s0 < s.end and v.start < o1 and o0 < v.end]
            if match:
                hits.update(match)
            else:
                fp += 1
        tp += len(hits)
        fn += len(gold) - len(hits)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert 2 * precision * recall / (precision + recall) > 0.7, (precision, recall)


def _life_props(text):
    doc = doc_of(text)
    return {(doc.clean[v.start:v.end], p) for sent, pairs in relations.candidates(doc) for _, v, props in pairs
            for p in props if p in ("birth_place", "birth_date", "death_date")}


def test_birth_and_death_are_candidates_only_where_the_sentence_speaks_of_them():
    assert _life_props("Paolo Verdi opened a bakery in Turin in 1990.") == set()
    assert _life_props("Paolo Verdi died in Turin in 1990.") == {("1990", "death_date")}
    assert ("Turin", "birth_place") in _life_props("Paolo Verdi, a native of Turin, opened a bakery.")
    # life dates in parentheses need no word
    assert ("1990", "death_date") in _life_props("Paolo Verdi (1921 - 1990) was a baker.")


def test_classifier_birth_and_death_become_birth_and_death_factoids():
    from factoid.pipeline import process
    doc = process([Document(id="t", uri="t", raw="The bridge was renamed after the death of Henrik Lund in 1999.")],
                  passage=True)[0]
    deaths = [f for f in doc.factoids if f.property == "death" and f.extractor.startswith("relation.")]
    assert [(f.date.edtf, f.person_name) for f in deaths] == [("1999", "Henrik Lund")]
    assert {role for role, _, _ in deaths[0].evidence} == {"subject", "date"}


def test_listed_names_and_a_place_with_its_wider_place_are_coordinated():
    doc = doc_of("He was born in Faber, Virginia and lived with Anna Holm and Tom Reed near Oslo.")
    sent, _ = relations.candidates(doc)[0]
    text = {u.index: doc.clean[u.start:u.end] for u in sent.values}
    groups = {text[i]: sorted(text[j] for j in js) for i, js in rc.coordinated(sent).items()}
    assert groups["Faber"] == ["Virginia"] and groups["Anna Holm"] == ["Tom Reed"]
    assert "Oslo" not in groups   # "Tom Reed near Oslo": not a list


def test_features_see_word_pairs_between_and_the_cue_nearest_the_value():
    doc = doc_of("Anna Berg, a lawyer, is a senior member of the Green Party in Oslo.")
    sent, pairs = relations.candidates(doc)[0]
    subj, value = next((s, v) for s, v, _ in pairs if s.text == "Anna Berg" and v.text.endswith("Green Party"))
    feats = rf.pair_features(sent, subj, value)
    assert ("bb", ">", "member", "of") in feats
    assert ("vcueL", "member") in feats and not any(f[0] == "vcueR" for f in feats)


def test_a_name_in_its_own_script_after_the_language_is_a_subject_not_a_value():
    for text, name in (("Giorgi Beridze (Georgian: გიორგი ბერიძე; born 1985) is a Georgian chess player.",
                        "გიორგი ბერიძე"), ("Kenji Sato (佐藤 健二, born 1970) is a Japanese boxer.", "佐藤 健二")):
        sent, pairs = relations.candidates(doc_of(text))[0]
        assert [u.text for u in sent.subjects if u.kind == "native"] == [name]   # NER saw no name there
        assert not any(v.kind == "native" for _, v, _ in pairs)
    # "(in 1990)" holds no name
    sent, _ = relations.candidates(doc_of("He lived (in 1990) in Oslo with his wife Anna."))[0]
    assert all(u.kind != "native" for u in sent.subjects)


def test_names_of_one_person_are_aliases_and_others_are_not():
    doc = doc_of("Marta Lindqvist (Swedish: Марта Линдквист), also known as Tess Holm, met Jon Berg; "
                 "Lindqvist later married him.")
    sent, _ = relations.candidates(doc)[0]
    first = rc.aliases(sent)
    text = {u.index: u.text for u in sent.subjects}
    group = {text[i]: text[j] for i, j in first.items()}
    assert group["Lindqvist"] == "Marta Lindqvist"        # a shared word
    assert group["Марта Линдквист"] == "Marta Lindqvist"   # the name in its own script
    assert group["Tess Holm"] == "Marta Lindqvist"         # joined by "also known as"
    assert group["Jon Berg"] == "Jon Berg"                 # someone else


def test_a_value_held_by_one_name_lifts_the_other_name_of_that_person():
    doc = doc_of("Marta Lindqvist, a lawyer, said that Lindqvist lived in Bergen.")
    batch = relations.candidates(doc)
    sent, pairs = batch[0]
    logits = np.full((len(pairs), len(rf.NAMES)), -5.0)
    rows = {(s.text, v.text): i for i, (s, v, _) in enumerate(pairs)}
    logits[rows[("Lindqvist", "Bergen")], rf.NAMES.index("residence")] = 5.0
    feats = rc.context_features(batch, logits)
    k, res = rc.CONTEXT.index("alias_subject"), rf.NAMES.index("residence")
    assert feats[rows[("Marta Lindqvist", "Bergen")], res, k] > 0.99
    assert feats[rows[("Lindqvist", "Bergen")], res, k] < 0.01   # its own score is not borrowed


def test_reflexive_pronouns_are_subjects_and_one_persons_pronouns_are_never_spouses():
    sent, pairs = relations.candidates(doc_of("A driver himself, he moved to Lyon with his wife Ines, and she loves her town."))[0]
    assert "himself" in [u.text for u in sent.subjects]
    spouse = {(s.text, v.text) for s, v, props in pairs if "spouse" in props}
    assert ("his", "Ines") in spouse and ("himself", "Ines") in spouse
    assert not {("she", "her"), ("her", "she"), ("he", "his"), ("himself", "his")} & spouse
    assert ("his", "she") in spouse   # another person's pronoun may be the spouse


def test_features_see_what_a_bracket_follows_and_the_cue_before_the_subject():
    sent, pairs = relations.candidates(doc_of("Ivo Marek (died 1543) was a prelate who served as Bishop of Kalno (1540–1543).")
                                       )[0]
    owners = {(s.text, v.start): f[2] for s, v, _ in pairs if v.kind == "date" and s.text == "Ivo Marek"
              for f in rf.link_features(sent, s, v) if f[0] == "powner"}
    first, last = sorted(owners)[0], sorted(owners)[-1]
    assert owners[first] == "subject"          # "(died 1543)" follows the subject itself
    assert owners[last] != "subject"           # "(1540–1543)" follows the office
    sent, pairs = relations.candidates(doc_of("Ana and Tomas Berg have two children, Olivia and Rafe."))[0]
    olivia = next(s for s in sent.subjects if s.text == "Olivia")
    assert ("scueL", "children") in rf.subject_features(sent, olivia)
