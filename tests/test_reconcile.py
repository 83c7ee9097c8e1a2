"""The reconciliation service (`/reconcile`, protocol 0.2, what OpenRefine speaks): every answer
checked against the protocol's shapes (JSON Schemas we wrote from the specification, in
tests/schemas/reconciliation/), a table of names in other spellings, scripts and
romanisations reconciled against a knowledge base built from examples/ (always present) and
from ../shared/seeds (skipped when absent), the columns data extension pulls with their
sources and quotes, the preview kept inert, and bad requests answered 400 in one line."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from web_data import EVIL, build_small_db

from factoid import ingest, open_store
from factoid.api import create_app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
SCHEMAS = Path(__file__).parent / "schemas" / "reconciliation"


def schema(name: str) -> jsonschema.protocols.Validator:
    document = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(document, format_checker=jsonschema.FormatChecker())


def valid(name: str, answer) -> None:
    errors = sorted(schema(name).iter_errors(answer), key=lambda e: list(e.path))
    assert not errors, f"{name}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def client_of(path: Path):
    with TestClient(create_app(path)) as client:
        yield client


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    yield from client_of(build_small_db(tmp_path_factory.mktemp("reconcile") / "small.db"))


@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    path = tmp_path_factory.mktemp("reconcile-examples") / "examples.db"
    with open_store(path) as store:
        ingest([ROOT / "examples"], store)
    yield from client_of(path)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not found at {SEEDS} (../shared absent)")
    path = tmp_path_factory.mktemp("reconcile-seeds") / "seeds.db"
    with open_store(path) as store:
        ingest([SEEDS], store)
    yield from client_of(path)


def reconcile(client, batch: dict, method: str = "post") -> dict:
    valid("reconciliation-query-batch", batch)  # what we send is what the protocol lets a client send
    if method == "post":
        response = client.post("/reconcile", data={"queries": json.dumps(batch)})
    else:
        response = client.get("/reconcile", params={"queries": json.dumps(batch)})
    assert response.status_code == 200, response.text
    answer = response.json()
    valid("reconciliation-result-batch", answer)
    assert set(answer) == set(batch)
    return answer


def extend(client, ids: list[str], props: list, **settings) -> dict:
    request = {"ids": ids, "properties": [{"id": p, **({"settings": settings} if settings else {})} for p in props]}
    valid("data-extension-query", request)
    response = client.post("/reconcile", data={"extend": json.dumps(request)})
    assert response.status_code == 200, response.text
    valid("data-extension-response", response.json())
    return response.json()


def strs(cells: list[dict]) -> list[str]:
    return [c["str"] for c in cells]


# -- the shapes ----------------------------------------------------------------------------

@pytest.mark.parametrize("name, wrong", [
    ("manifest", {"versions": ["0.1"], "name": "x", "identifierSpace": "http://a/", "schemaSpace": "http://a/",
                  "view": {"url": "http://a/{{id}}"}}),
    ("manifest", {"versions": ["0.2"], "name": "x", "identifierSpace": "http://a/", "schemaSpace": "http://a/",
                  "view": {"url": "http://a/"}}),
    ("reconciliation-result-batch", {"q0": {"result": [{"id": "p1", "name": "A", "score": 1}]}}),
    ("reconciliation-result-batch", {"q0": {"result": [{"id": "p1", "name": "A", "score": "1", "match": True}]}}),
    ("data-extension-response", {"meta": [], "rows": {"p1": {"birth": [{"text": "1900"}]}}}),
    ("suggest-response", {"result": [{"name": "A"}]}),
])
def test_the_schemas_refuse_what_the_protocol_does_not_allow(name, wrong):
    assert list(schema(name).iter_errors(wrong))


def test_the_manifest_describes_every_service(small):
    manifest = small.get("/reconcile").json()
    valid("manifest", manifest)
    assert manifest["versions"] == ["0.2"] and manifest["defaultTypes"] == [{"id": "person", "name": "Person"}]
    assert manifest["view"]["url"] == "http://testserver/people/{{id}}"
    # every service the manifest names answers where it says
    for part in ("entity", "property", "type"):
        service = manifest["suggest"][part]
        answer = small.get(service["service_url"] + service["service_path"], params={"prefix": "a"})
        assert answer.status_code == 200
        valid("suggest-response", answer.json())
    propose = manifest["extend"]["propose_properties"]
    answer = small.get(propose["service_url"] + propose["service_path"], params={"type": "person"})
    valid("propose-properties-response", answer.json())
    preview = small.get(manifest["preview"]["url"].replace("{{id}}", "p1"))
    assert preview.status_code == 200 and "Anna Petrova" in preview.text


def test_jsonp_wraps_the_answer_in_a_plain_function_name(small):
    answer = small.get("/reconcile", params={"callback": "jQuery123_456"})
    assert answer.headers["content-type"].startswith("application/javascript")
    assert answer.text.startswith("jQuery123_456(") and answer.text.endswith(");")
    valid("manifest", json.loads(answer.text[len("jQuery123_456("):-2]))
    assert small.get("/reconcile", params={"callback": "alert(1)//"}).status_code == 400


# -- reconciling names ----------------------------------------------------------------------

# (a row as a historian's table might spell it, a word of the name the knowledge base shows)
EXAMPLE_TABLE = [
    ("Сокольников", "Sokolnikov"), ("Grigorii Sokol'nikov", "Sokolnikov"), ("G. Y. Sokolnikov", "Sokolnikov"),
    ("Крестинский Николай Николаевич", "Krestinsky"), ("Nikolai Krestinskii", "Krestinsky"),
    ("Georgi Tschitscherin", "Chicherin"), ("Tchitchérine", "Chicherin"), ("Чичерин", "Chicherin"),
    ("Alexandra Kollontay", "Kollontai"), ("Коллонтай", "Kollontai"),
    ("Инесса Арманд", "Armand"), ("Lew Kamenew", "Kamenev"), ("Каменев", "Kamenev"),
    ("Alexei Rykow", "Rykov"), ("Алексей Рыков", "Rykov"),
]
SEED_TABLE = [
    ("Leonid Krassin", "Krasin"), ("Красин Леонид Борисович", "Krasin"),
    ("Krasnoščëkov", "Krasnoshchyokov"), ("Aleksandr Krasnoshchekov", "Krasnoshchyokov"),
    ("Краснощёков", "Krasnoshchyokov"), ("Serebrjakow", "Serebryakov"), ("Леонид Серебряков", "Serebryakov"),
    ("L. P. Serebryakov", "Serebryakov"), ("Nikolai Bucharin", "Bukharin"), ("Бухарин", "Bukharin"),
]


def check_table(client, table: list[tuple[str, str]]) -> None:
    batch = {f"q{i}": {"query": name, "type": "person"} for i, (name, _) in enumerate(table)}
    answer = reconcile(client, batch)
    wrong = []
    for i, (name, surname) in enumerate(table):
        result = answer[f"q{i}"]["result"]
        if not result or surname not in result[0]["name"] or result[0]["match"] is not True:
            wrong.append((name, [(c["name"], c["score"], c["match"]) for c in result[:2]]))
        assert [c["match"] for c in result].count(True) <= 1
        assert [c["score"] for c in result] == sorted((c["score"] for c in result), reverse=True)
    assert not wrong, wrong


def test_a_table_of_spellings_reconciles_to_the_right_person(examples):
    check_table(examples, EXAMPLE_TABLE)


def test_a_table_of_spellings_reconciles_to_the_seed_persons(seeds):
    check_table(seeds, SEED_TABLE)


def test_a_bare_surname_shared_by_relatives_is_no_match_until_a_year_tells_them_apart(seeds):
    answer = reconcile(seeds, {
        "bare": {"query": "Krasin"},
        "born": {"query": "Krasin", "properties": [{"pid": "birth_year", "v": "1870"}]},
        "died": {"query": "Krasin", "properties": [{"pid": "death_year", "v": 1926}, {"pid": "place", "v": "Kurgan"}]},
        "other": {"query": "Boris Krasin"},
    })
    assert sum(c["name"].endswith("Krasin") for c in answer["bare"]["result"]) >= 2
    assert not any(c["match"] for c in answer["bare"]["result"])
    for key in ("born", "died"):
        best = answer[key]["result"][0]
        assert best["name"] == "Leonid Borisovich Krasin" and best["match"] is True
        assert {f["id"]: f["value"] for f in best["features"]}.get("birth_year" if key == "born" else "place") == 1
    assert answer["other"]["result"][0]["name"].startswith("Boris") and answer["other"]["result"][0]["match"]


def test_a_year_that_disagrees_keeps_the_name_from_matching(small):
    answer = reconcile(small, {
        "right": {"query": "Anna Petrova", "properties": [{"pid": "birth_year", "v": "1900"}]},
        "wrong": {"query": "Anna Petrova", "properties": [{"pid": "birth_year", "v": "1850"}]},
        "reading": {"query": "Анна Петрова", "properties": [{"pid": "birth_year", "v": "1901"}]},
    })
    right, wrong, reading = (answer[k]["result"][0] for k in ("right", "wrong", "reading"))
    assert right["id"] == wrong["id"] == reading["id"] == "p1"
    assert right["match"] and not wrong["match"]
    assert {"id": "birth_year", "value": 0.0} in wrong["features"] and wrong["score"] < right["score"]
    # 1901 is what one source says (the consensus is 1900): agreement, but less than the consensus
    assert reading["match"] and reading["score"] < right["score"]


def test_get_answers_as_post_does_and_types_and_limits_are_kept(small):
    batch = {"a": {"query": "Sidorov", "limit": 1}, "b": {"query": "Anna Petrova", "type": "organisation"},
             "c": {"query": "Petrova", "type": ["person"]}}
    assert reconcile(small, batch, "get") == reconcile(small, batch, "post")
    answer = reconcile(small, batch)
    assert [c["id"] for c in answer["a"]["result"]] == ["p2"]
    assert answer["b"]["result"] == []
    assert answer["c"]["result"][0]["id"] == "p1" and answer["c"]["result"][0]["type"] == [{"id": "person",
                                                                                          "name": "Person"}]


def test_a_name_nobody_bears_has_no_candidates(small):
    assert reconcile(small, {"q": {"query": "Zebulon Quuxworth"}})["q"]["result"] == []


# -- data extension, suggest, preview -------------------------------------------------------

def test_extension_pulls_dates_places_names_and_each_value_s_source_and_quote(small):
    props = ["birth", "birth_place", "birth_source", "birth_quote", "death", "death_quote", "aliases"]
    answer = extend(small, ["p1", "nobody"], props)
    assert [m["id"] for m in answer["meta"]] == props
    anna = answer["rows"]["p1"]
    assert strs(anna["birth"]) == ["1900-05-01"] and strs(anna["birth_place"]) == ["Kazan"]
    assert "Anna Petrova (Анна Петрова) was born on 1 May 1900 in Kazan" in strs(anna["birth_quote"])
    assert "Anna Petrova, the translator, was born in 1901" not in strs(anna["birth_quote"])  # the disputed reading
    assert len(anna["birth_source"]) == len(anna["birth_quote"])
    assert "http://testserver/documents/d1#f-fa1" in strs(anna["birth_source"])
    assert sorted(strs(anna["death_quote"])) == ["She died in 1950", "died on 3 June 1950"]
    assert strs(anna["aliases"]) == ["Анна Петрова", "A. Petrova"]
    page = small.get(strs(anna["birth_source"])[0].split("#")[0])  # the source page marks the quote
    assert page.status_code == 200 and 'id="f-fa1"' in page.text
    assert all(cells == [] for cells in answer["rows"]["nobody"].values())


def test_extension_with_every_reading_gives_the_disputed_one_too(small):
    anna = extend(small, ["p1"], ["birth", "birth_quote"], readings="all")["rows"]["p1"]
    assert set(strs(anna["birth"])) == {"1900-05-01", "1901"}
    assert "Anna Petrova, the translator, was born in 1901" in strs(anna["birth_quote"])


def test_extension_gives_the_source_s_own_web_address(examples):
    best = reconcile(examples, {"q": {"query": "Lev Kamenev"}})["q"]["result"][0]
    row = extend(examples, [best["id"]], ["birth", "birth_source_url", "birth_quote"])["rows"][best["id"]]
    assert strs(row["birth"]) == ["1883-07-18"]
    assert "https://example.org/bios/lev-kamenev" in strs(row["birth_source_url"])
    assert any("1883" in q for q in strs(row["birth_quote"]))


def test_suggest_finds_names_in_either_script(small):
    for prefix in ("анна", "Petro", "sidor"):
        answer = small.get("/reconcile/suggest/entity", params={"prefix": prefix}).json()
        valid("suggest-response", answer)
        assert answer["result"] and answer["result"][0]["id"] in {"p1", "p2"}
    assert small.get("/reconcile/suggest/entity", params={"prefix": "zzz"}).json() == {"result": []}
    props = small.get("/reconcile/suggest/property", params={"prefix": "quote"}).json()
    assert {p["id"] for p in props["result"]} == {"birth_quote", "death_quote"}
    years = small.get("/reconcile/suggest/property", params={"prefix": "year"}).json()["result"]
    assert {p["id"] for p in years} == {"birth_year", "death_year"}


def test_every_property_suggested_for_a_date_place_or_name_may_be_given_in_a_query(small):
    suggested = [p["id"] for p in small.get("/reconcile/suggest/property", params={"prefix": ""}).json()["result"]]
    usable = [p for p in suggested if not p.endswith(("_source", "_source_url", "_quote"))]
    batch = {p: {"query": "Anna Petrova", "properties": [{"pid": p, "v": "1900" if "birth" in p else "Kazan"}]}
             for p in usable}
    answer = reconcile(small, batch)
    assert all(answer[p]["result"][0]["id"] == "p1" for p in usable)


def test_the_preview_is_inert_and_may_be_framed(small):
    page = small.get("/reconcile/preview", params={"id": "p3"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<script" not in page.text and "<img" not in page.text and '<a href="javascript' not in page.text
    assert EVIL not in page.text and "&lt;script&gt;" in page.text
    assert "x-frame-options" not in page.headers  # OpenRefine shows it in a frame
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert small.get("/reconcile/preview", params={"id": "nobody"}).status_code == 404


# -- bad requests ---------------------------------------------------------------------------

@pytest.mark.parametrize("params, words", [
    ({"queries": "{not json"}, "queries: not JSON"),
    ({"queries": "[1, 2]"}, "queries: must be a JSON object"),
    ({"queries": '{"q": "Krasin"}'}, "each query must be a JSON object"),
    ({"queries": '{"q": {"query": 7}}'}, "query: must be a string"),
    ({"queries": '{"q": {"query": "x", "limit": "many"}}'}, "limit: must be a positive whole number"),
    ({"queries": '{"q": {"query": "x", "properties": [{"pid": "height", "v": "2m"}]}}'}, "unknown property 'height'"),
    ({"queries": '{"q": {"query": "x", "properties": [{"pid": "birth_year"}]}}'}, "\"pid\" (a string) and \"v\""),
    ({"queries": '{"q": {}}'}, "give a name"),
    ({"queries": json.dumps({f"q{i}": {"query": "a"} for i in range(51)})}, "at most 50"),
    ({"queries": "[" * 100_000}, "queries: not JSON"),
    ({"queries": ""}, "queries: not JSON"),
    ({"queries": '{"\\ud800": {"query": "x"}}'}, "lone surrogate"),
    ({"extend": '{"ids": ["\\udfff"], "properties": [{"id": "birth"}]}'}, "lone surrogate"),
    ({"extend": "{"}, "extend: not JSON"),
    ({"extend": '{"ids": "p1", "properties": []}'}, "extend.ids: must be a list"),
    ({"extend": '{"ids": ["p1"], "properties": [{"id": "height"}]}'}, "unknown property 'height'"),
    ({"extend": '{"ids": ["p1"], "properties": [{"id": "birth", "settings": {"readings": "some"}}]}'},
     "readings: must be"),
])
def test_a_bad_request_is_a_400_in_one_line(small, params, words):
    response = small.post("/reconcile", data=params)
    assert response.status_code == 400, response.text
    detail = response.json()["detail"]
    assert words in detail and "\n" not in detail and "Traceback" not in detail


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=20)
QUERY = st.fixed_dictionaries({}, optional={"query": JSON | st.sampled_from(["Anna Petrova", "Анна", "Sidorov"]),
                                            "limit": JSON, "type": JSON, "type_strict": JSON,
                                            "properties": st.lists(st.fixed_dictionaries(
                                                {}, optional={"pid": JSON | st.sampled_from(["birth_year", "place"]),
                                                              "v": JSON}), max_size=3) | JSON})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(batch=st.dictionaries(st.text(max_size=5), QUERY, max_size=3) | JSON,
       request=st.fixed_dictionaries({}, optional={"ids": JSON | st.lists(st.sampled_from(["p1", "p2", "x"])),
                                                   "properties": JSON}) | JSON)
def test_whatever_json_arrives_the_answer_is_a_result_or_a_400(small, batch, request):
    for params in ({"queries": json.dumps(batch)}, {"extend": json.dumps(request)}):
        response = small.post("/reconcile", data=params)
        assert response.status_code in (200, 400), (params, response.text)
        if response.status_code == 400:
            assert "\n" not in response.json()["detail"]
        elif "queries" in params:
            valid("reconciliation-result-batch", response.json())
        else:
            valid("data-extension-response", response.json())


def test_a_body_that_is_not_a_form_is_refused_clearly(small):
    response = small.post("/reconcile", json={"queries": {}})
    assert response.status_code == 400 and "form-encoded" in response.json()["detail"]


@pytest.mark.parametrize("path, params, words", [
    ("/reconcile/propose_properties", {"type": "place"}, "unknown type 'place'"),
    ("/reconcile/propose_properties", {"type": "person", "limit": "some"}, "limit"),
    ("/reconcile/preview", {}, "id"),
    ("/reconcile/suggest/entity", {"prefix": "a", "callback": "x y"}, "callback"),
])
def test_bad_parameters_of_the_other_services_are_a_400_too(small, path, params, words):
    response = small.get(path, params=params)
    assert response.status_code == 400 and words in response.json()["detail"]


def test_the_service_may_be_called_from_another_origin_and_the_rest_may_not(small):
    assert small.get("/reconcile").headers["access-control-allow-origin"] == "*"
    assert "x-frame-options" in small.get("/reconcile").headers  # only the preview may be framed
    assert "access-control-allow-origin" not in small.get("/api/people").headers


def test_persons_stored_anew_are_found_by_the_next_request(tmp_path):
    from factoid.model import Person
    path = build_small_db(tmp_path / "kb.db")
    with TestClient(create_app(path)) as client:
        assert reconcile(client, {"q": {"query": "Mallory"}})["q"]["result"][0]["id"] == "p3"
        with open_store(path) as store:  # a rebuild while the server runs: her documents are now Eve's
            store.replace_resolution([Person("p9", "Eve Hacker", ("Eve Hacker", "Ева Хакер"))], {"d4:0": "p9"})
        answer = reconcile(client, {"new": {"query": "Eva Khaker"}, "old": {"query": "Mallory"}})
        assert answer["new"]["result"][0]["id"] == "p9" and answer["new"]["result"][0]["match"]
        assert answer["old"]["result"] == []


def test_both_backends_reconcile_and_extend_alike(store_target):
    """The service reads only through the store's named reads: PostgreSQL answers as SQLite."""
    from factoid.model import Person
    from factoid.reconcile import extend as extension
    from factoid.reconcile import reconcile as answer
    from factoid.store import Store, queries
    build_small_db(store_target)
    with Store(store_target, readonly=True) as store:
        first = queries.persons_version(store)
        best = answer(store, json.dumps({"q": {"query": "Anna Petrowa", "properties": [{"pid": "birth_year",
                                                                                        "v": "1900"}]}}))
        assert best["q"]["result"][0]["id"] == "p1" and best["q"]["result"][0]["match"]
        row = extension.extend(store, json.dumps({"ids": ["p1"], "properties": [{"id": "birth_quote"}]}), "")
        assert "Anna Petrova (Анна Петрова) was born on 1 May 1900 in Kazan" in strs(row["rows"]["p1"]["birth_quote"])
        assert sorted(queries.persons_by_id(store, ["p2", "p1", "nobody"])) == ["p1", "p2"]
    with Store(store_target) as store:
        store.replace_resolution([Person("p1", "Anna Petrova", ("Anna Petrova",))], {"d1:0": "p1"})
        assert first and queries.persons_version(store) not in (None, first)
