from factoid.nlp.sentences import split_sentences


def texts(text):
    return [text[s.start:s.end] for s in split_sentences(text)]


def test_splits_on_full_stops_before_capitals():
    assert texts("He was born in 1870. He died in 1926.") == ["He was born in 1870.", "He died in 1926."]


def test_initials_and_abbreviations_do_not_end_sentences():
    text = "He met V. I. Lenin in St. Petersburg in c. 1895. Then he left."
    assert texts(text) == ["He met V. I. Lenin in St. Petersburg in c. 1895.", "Then he left."]


def test_line_breaks_end_sentences_and_headings_stand_alone():
    assert texts("Early life\nShe was born in Kiev.") == ["Early life", "She was born in Kiev."]


def test_closing_quote_and_bracket_stay_with_their_sentence():
    assert texts('He said "No." Then (later.) It ended.') == ['He said "No."', "Then (later.)", "It ended."]


def test_offsets_point_into_text():
    text = "  One here.   Two there.  "
    for s in split_sentences(text):
        assert text[s.start:s.end].strip() == text[s.start:s.end]


def test_long_texts_reach_ner_in_pieces_cut_between_sentences():
    from factoid.nlp.entities import CHUNK, _chunks
    text = " ".join(f"Sentence number {i} names Anna Petrova in Kazan." for i in range(3000))
    pieces = _chunks(text)
    assert len(pieces) > 1 and all(len(p) <= CHUNK for _, p in pieces)
    assert "".join(p for _, p in pieces) == text and all(text[o:o + len(p)] == p for o, p in pieces)
    assert all(p.endswith(".") for _, p in pieces[:-1])  # never inside a name
