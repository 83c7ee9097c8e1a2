import factoid


def test_public_api_is_pinned():
    assert sorted(factoid.__all__) == sorted([
        "Conflict", "Date", "Document", "Factoid", "FactoidError", "Mention", "NotFound", "Person",
        "SourceError", "Span", "StoreError", "__version__", "ingest", "open_store", "process",
    ])
    for name in factoid.__all__:
        assert hasattr(factoid, name), name
