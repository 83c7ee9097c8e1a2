"""The `factoid` command: a thin layer over the library (pipeline and store.queries)."""
from __future__ import annotations

import os
import sys
from collections import defaultdict

import click

from .errors import FactoidError
from .terminal import CommandGroup, json_line, safe, say

DB_HELP = ("SQLite database file, or a postgresql://user:password@host/name URL "
           "[default: $FACTOID_DB, else factoid.db here]")
# Exit statuses: 0 all done; 1 an error stopped the command; 2 a usage error (click's) or an
# internal error; 3 the command finished but some inputs failed (each reported on one line).
INPUTS_FAILED = 3


def _db_default() -> str:
    return os.environ.get("FACTOID_DB") or "factoid.db"


def _shown(db: str) -> str:
    """The database as messages name it: a PostgreSQL URL without its password."""
    from .store.database import shown
    return shown(db)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


# the names of sources.READERS, spelled out so that `factoid --help` need not import the readers
READ_FORMATS = ("text", "markdown", "html", "jsonl", "register", "gedcom", "mediawiki", "pdf", "docx")


def _engine_address(ctx, param, value):
    if value and not ctx.params.get("engine"):
        raise click.UsageError("--address needs --engine")
    return value


def engine_options(f):
    f = click.option("--address", default=None, metavar="ADDR", callback=_engine_address,
                     help="With --engine ray: the cluster to join (auto, HOST:6379, ray://HOST:10001); "
                          "without it a local Ray is started.")(f)
    return click.option("--engine", type=click.Choice(["ray"]), default=None, is_eager=True,
                        help="Run the document stages and resolution on a cluster (needs "
                             "pip install 'factoid[ray]'; see README).")(f)


def _engine(name: str | None, address: str | None, workers: int | None = None):
    """The engine named on the command line, started on entering; nothing imported without one."""
    if name is None:
        from contextlib import nullcontext
        return nullcontext()
    from . import engines
    return engines.start(name, address, workers)


def db_option(f):
    return click.option("--db", "db", default=_db_default, show_default=False, metavar="FILE|URL", help=DB_HELP)(f)


@click.group(cls=CommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="factoid")
def main():
    """factoid: a sourced knowledge base of the people in your documents.

    Ingest documents (text, Markdown, HTML, PDF, DOCX, JSON Lines, folders), then ask who is in them,
    what each source says about each person, and where sources disagree. Every fact keeps its
    document, character span and quote."""


def _open(db: str, readonly: bool = False, create: bool = True):
    """The store at `db`, checked (see Store); a reader is told when the persons and conflicts
    lag behind the stored documents."""
    from .store import Store, is_postgres, shown
    if (readonly or not create) and not is_postgres(db) and not os.path.exists(db):
        raise FactoidError(f"{db}: no such database (run `factoid ingest PATH --db {db}` first)")
    store = Store(db, readonly=readonly)
    db = shown(db)
    if readonly and store.resolution_stale():
        say(f"factoid: note: persons and conflicts are out of date in {db} (an ingest or a decision was "
            f"interrupted); `factoid rebuild --db {db}` refreshes them", err=True)
    return store


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--force", is_flag=True, help="Reprocess documents already in the database.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes for cleaning, NLP and extraction (the database has one writer).")
@click.option("--format", "fmt", type=click.Choice(READ_FORMATS), default=None,
              help="Read every file in this format, whatever its extension or first bytes say.")
@click.option("--mapping", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="A register's column mapping (JSON or TOML): which column is surname, given name, "
                   "birth date, arrest date, sentence, ... (docs/IMPORTS.md).")
@engine_options
def ingest(paths, db, force, quiet, jobs, fmt, mapping, engine, address):
    """Read documents under PATHS into the database and rebuild persons and conflicts.

    PATHS are files or folders (walked recursively): text (.txt, .md), web pages (.html),
    JSON Lines, registers (.csv, .tsv, .xlsx, with --mapping), GEDCOM family trees (.ged),
    MediaWiki XML dumps (plain, .bz2 or .gz), PDF (its text layer) and Word (.docx);
    a file with another extension is recognised by its first bytes. A file no reader takes
    (an image, an unknown binary), or a file or record that cannot be read, is reported on
    one line and the rest goes on; the exit status is then 3 (some inputs failed), 0 when
    all were read. Ingesting the same file twice changes nothing."""
    from tqdm import tqdm

    from . import pipeline
    from .sources import ReadOptions
    from .sources.mapping import load_mapping
    options = ReadOptions(fmt, load_mapping(mapping) if mapping else None)
    with _open(db) as store, _engine(engine, address, jobs if jobs > 1 else None) as started:
        bar = tqdm(total=pipeline.count(paths, options), unit="doc", desc="ingest", disable=quiet, file=sys.stderr)
        try:
            report = pipeline.ingest(paths, store, force=force, progress=bar.update, jobs=jobs, options=options,
                                     on_error=lambda e: tqdm.write(f"factoid: {safe(e)}", file=sys.stderr),
                                     engine=started)
        finally:
            bar.close()  # also on Ctrl-C, so the message after it starts on its own line
        from .store import queries
        c = queries.counts(store)
    counted = ", ".join(_count(c[k], k[:-1]) for k in ("documents", "persons", "factoids", "conflicts"))
    say(f"{report.added} added, {report.skipped} unchanged, {len(report.failed)} failed; {counted} in {_shown(db)}")
    if report.unparsed:
        from .nlp.syntax import MAX_CHARS
        n = report.unparsed
        say(f"{n} sentence{'s' if n != 1 else ''} over {MAX_CHARS:,} characters (lists, flattened tables) "
            f"{'were' if n != 1 else 'was'} not parsed: only the patterns read {'them' if n != 1 else 'it'}")
    if report.unread:
        from .language import name
        for code, n in sorted(report.unread.items(), key=lambda x: (-x[1], x[0])):
            say(f"{_count(n, 'document')} in {name(code)}: stored, not extracted")
    if report.failed:
        sys.exit(INPUTS_FAILED)


@main.command()
@db_option
@click.option("--search", "-s", "query", help="Only persons with a name containing this.")
@click.option("--all", "show_all", is_flag=True, help="Also persons with no dated life event.")
def people(db, query, show_all):
    """List the persons found, with life dates, fact counts and conflict counts."""
    from . import views
    with _open(db, readonly=True) as store:
        rows = views.people(store, query)
    if not show_all:
        rows = [r for r in rows if r["birth"] or r["death"] or r["conflicts"]] or rows
    if not rows:
        say("no persons")
        return
    rows = [{**r, "name": safe(r["name"])} for r in rows]  # escaped first, so the columns line up
    width = max(len(r["name"]) for r in rows)
    # an undecided date is a set ("[1939,1940]"): the columns widen to it
    born, died = (max(10, *(len(r[k] or "") for r in rows)) for k in ("birth", "death"))
    say(f"{'person':<{width}}  {'born':<{born}}  {'died':<{died}}  facts  conflicts")
    for r in sorted(rows, key=lambda r: (-r["facts"], r["name"])):
        say(f"{r['name']:<{width}}  {r['birth'] or '?':<{born}}  {r['death'] or '?':<{died}}  "
            f"{r['facts']:>5}  {r['conflicts']:>9}")


@main.command()
@click.argument("name")
@db_option
def person(name, db):
    """Show what the sources say about NAME (any name seen, or a person id): each fact with
    its source, quote and confidence, and the conflicts between sources."""
    from . import views
    with _open(db, readonly=True) as store:
        matches = views.find_persons(store, name)
        if not matches:
            raise FactoidError(f"no person named {name!r}")
        if len(matches) > 1:
            exact = [m for m in matches if m["name"].casefold() == name.casefold()]
            if len(exact) != 1:
                say(f"{len(matches)} persons match {name!r}; give one id:")
                for m in matches:
                    say(f"  {m['id']}  {m['name']}  ({m['birth'] or '?'} - {m['death'] or '?'})")
                return
            matches = exact
        detail = views.person_detail(store, matches[0]["id"])
    say(f"{detail['name']}  [{detail['id']}]")
    others = [a for a in detail["aliases"] if a != detail["name"]]
    if others:
        say("also: " + "; ".join(others))
    for n in detail["notes"]:
        say(f"note: {n}")
    _echo_consensus(detail["consensus"])
    grouped = defaultdict(list)
    for fact in detail["factoids"]:
        grouped[fact["property"]].append(fact)
    for prop, facts in grouped.items():
        say()
        say(prop)
        for f in sorted(facts, key=lambda f: -f["confidence"]):
            value = ", ".join(str(v) for v in (f["date_text"] or f["date"], f["place"], f["object"]) if v)
            marked = "".join(f"  [{k}: {f[k]}]" for k in ("rejected", "confirmed") if f.get(k))
            say(f"  {value}   ({f['id']}, {f['source']} [{f['span'][0]}:{f['span'][1]}], "
                f"confidence {f['confidence']}){marked}")
            say(f"      \"{' '.join(f['quote'].split())[:160]}\"")
            for n in f.get("notes", ()):
                say(f"      note: {n}")
    say()
    say("sources")
    for s in detail["sources"]:
        cited = ", ".join(str(s[k]) for k in ("author", "title", "kind", "date", "url") if s.get(k))
        say(f"  {s['source']}: {cited}" + (f"   (a copy of a text in family {s['family'][:8]})"
                                           if s["family"] != s["id"] else ""))
    if detail["conflicts"]:
        say()
        say("conflicts")
        for c in detail["conflicts"]:
            say(f"  [{c['kind']}] {c['explanation']}")


def _echo_consensus(summary: list[dict]) -> None:
    """Per property: the consensus value, its support and sources, what is disputed, and a
    tie said as one ("undecided: ... or ...")."""
    if not summary:
        return
    say()
    say("consensus")
    for entry in summary:
        if entry["status"] == "undecided":
            say(f"  {entry['property']}: {safe(entry['verdict'])}")
            continue
        for c in entry["clusters"]:
            if not any(c["value"][k] for k in ("date", "start", "end", "place", "object")):
                continue  # factoids that give no value (an arrest, undated) are listed above
            head = "      disputed" if c["status"] == "disputed" else f"  {entry['property']}"
            n, copies = c["independent"], len(c["sources"])
            count = (f"{n} independent" if copies == n else f"{copies} copies of one text" if n == 1
                     else f"{copies} sources, {n} independent")
            say(f"{head}: {safe(c['value']['text'])}   "
                f"({count}, support {c['confidence']}: {', '.join(c['sources'])})")


def _pick(store, name: str) -> dict:
    """The one person NAME names (a person id, or a name seen); several are a user error
    that lists them."""
    from . import views
    matches = views.find_persons(store, name)
    if len(matches) > 1:
        matches = [m for m in matches if m["name"].casefold() == name.casefold()] or matches
    if not matches:
        raise FactoidError(f"no person named {name!r}")
    if len(matches) > 1:
        listed = "; ".join(f"{m['id']} {m['name']}" for m in matches[:10])
        raise FactoidError(f"{len(matches)} persons match {name!r}, give one id: {listed}")
    return matches[0]


@main.command()
@db_option
@click.option("--person", "name", help="Only the conflicts of this person (a name seen, or an id).")
def conflicts(db, name):
    """List the contradictions between sources, each with its kind and one sentence that
    explains it: values that disagree, impossible chronology, implausible ages, an infobox
    that disagrees with its own text."""
    from .store import queries
    with _open(db, readonly=True) as store:
        person_id = _pick(store, name)["id"] if name else None
        rows = queries.conflicts(store, person_id)
        names = queries.person_names(store)
    if not rows:
        say("no conflicts")
    for c in rows:
        say(f"{names.get(c['person'], c['person'])}  [{c['kind']}: {', '.join(c['properties'])}]")
        say(f"  {c['explanation']}")


@main.command("why-same")
@click.argument("first")
@click.argument("second")
@db_option
def why_same(first, second, db):
    """Explain in words why FIRST and SECOND (names seen, or person ids) are one person: the
    chain of documents and the evidence of each link; or, when they are two, the evidence
    between them and what keeps them apart."""
    from . import pipeline
    with _open(db, readonly=True) as store:
        a, b = _pick(store, first), _pick(store, second)
        lines = pipeline.why_same(store, a["id"], b["id"], (first, second))
    for line in lines:
        say(line)


@main.command()
@click.argument("first")
@click.argument("second")
@db_option
def merge(first, second, db):
    """Record that FIRST and SECOND (names seen, or person ids) are one person. The decision
    is kept in the database and applied on every later ingest and resolution."""
    from . import pipeline
    with _open(db, create=False) as store:
        a, b = _pick(store, first), _pick(store, second)
        merged = _pick(store, pipeline.merge(store, a["id"], b["id"]))
    say(f"merged {a['name']} and {b['name']}: now {merged['id']} {merged['name']}")


@main.command()
@click.argument("person")
@click.argument("name")
@db_option
def split(person, name, db):
    """Record that the documents that call PERSON (a name seen, or an id) by NAME speak of
    someone else. The decision is kept and applied on every later ingest and resolution."""
    from . import pipeline
    with _open(db, create=False) as store:
        p = _pick(store, person)
        apart, rest = (_pick(store, pid) for pid in pipeline.split(store, p["id"], name))
    say(f"split {name!r} off {p['name']}: now {apart['id']} {apart['name']} and {rest['id']} {rest['name']}")


@main.command()
@db_option
@click.option("--full", is_flag=True,
              help="Resolve and judge everything from scratch (after the resolver itself changed).")
@engine_options
def rebuild(db, full, engine, address):
    """Re-run person resolution and source criticism over the stored documents: after an
    interrupted ingest, reading commands say the persons are out of date until this runs.
    When all that changed since the last rebuild is new documents, only the persons they can
    touch are re-resolved and re-judged (the result equals a full rebuild); a user's decision
    or correction, a document written again, or --full makes it resolve everything. With
    --engine ray the resolution is a full one, its blocking and scoring on Ray."""
    from . import pipeline
    from .store import queries
    with _open(db, create=False) as store, _engine(engine, address) as started:
        how = pipeline.rebuild(store, full=full, engine=started)
        c = queries.counts(store)
    say(f"rebuilt {_count(c['persons'], 'person')} and {_count(c['conflicts'], 'conflict')} "
        f"from {_count(c['documents'], 'document')} in {_shown(db)} ({how})")


@main.command()
@db_option
def migrate(db):
    """Upgrade the database to this version's schema. Writing commands (ingest, merge, split,
    rebuild) do it on their own; reading commands refuse an older database and name this."""
    from . import views
    with _open(db, create=False) as store:
        ran = store.migrated
        if any(name.endswith("_person_summary") for name in ran) and not store.resolution_stale():  # either backend
            views.summarize(store)  # what the people list shows, as a rebuild would store it
    say(f"{_shown(db)}: applied {', '.join(ran)}" if ran else f"{_shown(db)}: already up to date")


@main.command()
@db_option
# the names of exports.FORMATS, spelled out so that `factoid --help` need not import networkx
# (tests/test_exports.py checks the two lists agree)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "graphml", "gexf", "quickstatements", "trig",
                                                     "jsonld", "tei", "gedcom"]),
              default="jsonl", show_default=True, help="Output format (described above).")
@click.option("--out", metavar="PATH", help="Write here instead of standard output: a file, or for csv a folder "
                                            "or a FILE.zip.")
@click.option("--person", "names", multiple=True, metavar="NAME",
              help="Only this person (a name seen, or an id); repeat for several.")
@click.option("--search", "-s", "query", help="Only persons with a name containing this (as `people --search`).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Only factoids at least this confident.")
@click.option("--wikidata", "wikidata_file", metavar="FILE",
              help="Persons reconciled with Wikidata: a CSV file with the columns id and wikidata (the csv "
                   "export's persons.csv, filled in). quickstatements then adds to those items instead of "
                   "creating new ones.")
def export(db, fmt, out, names, query, min_confidence, wikidata_file):
    """Export persons, factoids, conflicts and their sources.

    \b
    jsonl            JSON Lines, one person, factoid or conflict per line (eval/README.md)
    csv              persons, factoids, conflicts and sources tables with a Frictionless
                     datapackage.json: a folder, or a zip when --out ends in .zip
    graphml, gexf    persons as nodes, kin and co-membership as edges, each with its
                     factoids, sources, quotes and start/end (Gephi's timeline)
    quickstatements  Wikidata QuickStatements v1: a CREATE block per person, each
                     statement with its own reference (URL, quote, retrieval date)
    trig, jsonld     RDF: a named graph per factoid, CIDOC-CRM events, PROV-O sources,
                     Web Annotation selectors for span and quote, EDTF dates
    tei              TEI P5: listPerson (names, birth, death, events with @source, @cert,
                     both calendars, quotes) and listBibl of the sources
    gedcom           GEDCOM 7.0: individuals, families, events with dates (Julian
                     marked), sources, each factoid a citation with PAGE and TEXT

    The output is written whole or not at all, and never over the database."""
    from . import exports
    from .store import exporting
    with _open(db, readonly=True) as store:
        ids = [_pick(store, n)["id"] for n in names] or None
        if query:
            found = exporting.person_ids(store, query)
            ids = found if ids is None else [i for i in ids if i in set(found)]
        items = exports.read_wikidata_ids(wikidata_file) if wikidata_file else None
        exports.write(exports.get(fmt), exports.snapshot(store, ids, min_confidence, items), out, database=db,
                      stdout=sys.stdout)


@main.command()
@click.option("--input", "input_path", required=True, type=click.Path(exists=True, dir_okay=False, readable=False),
              help="JSON Lines of {\"id\", \"text\"} passages.")
@click.option("--output", "output_path", required=True, type=click.Path(dir_okay=False),
              help="JSON Lines of assertions, offsets into each passage.")
def extract(input_path, output_path):
    """Passage mode: run the extractors on each passage as its own document, store nothing.

    A line that cannot be read or processed is reported on one line and skipped; the exit
    status is then 3 (some inputs failed), as it is when the input cannot be read at all."""
    from . import pipeline
    from .errors import printable
    failed = []

    def bad(message):
        failed.append(message)
        say(f"factoid: {printable(input_path)}: {message}", err=True)

    from .outputs import atomic_output
    try:
        src = open(input_path, "rb")  # lines are decoded one by one: one bad line costs that line
    except OSError as exc:
        bad(f"cannot read: {exc.strerror or exc}")
        sys.exit(INPUTS_FAILED)
    with src, atomic_output(output_path, source=input_path) as dst:
        for row in pipeline.extract_passages(src, on_error=bad):
            dst.write(json_line(row))
    if failed:
        sys.exit(INPUTS_FAILED)


@main.command()
@click.argument("factoid_id")
@db_option
def explain(factoid_id, db):
    """Show why FACTOID_ID was asserted: the sentence, the rule or model that read it, and how
    its confidence was reached."""
    from .extract.rules import describe
    from .store import queries
    from .sources.pdf import page_at
    with _open(db, readonly=True) as store:
        f = queries.factoid(store, factoid_id)
        page = page_at(queries.document_detail(store, f["document"])["metadata"], f["span"][0])
    values = [f"{k} {f[k]}" for k in ("date", "start", "end", "place", "object", "note") if f.get(k)]
    if f.get("date_julian"):
        values.append(f"Old Style {f['date_julian']}")
    say(f"{f['id']}: {f['property']} of {f['person_name']} [{f['person']}]")
    say(f"  values:     {'; '.join(values) or '(none)'}")
    say(f"  source:     {f['source']} [{f['span'][0]}:{f['span'][1]}]{f', page {page}' if page else ''}")
    say(f"  quote:      \"{' '.join(f['quote'].split())}\"")
    say(f"  sentence:   \"{' '.join(f['sentence'].split())}\"")
    say(f"  extractor:  {f['extractor']}: {describe(f['extractor'])}")
    base = f["confidence"] / (0.5 + 0.5 * f["quality"]) if f["quality"] is not None else f["confidence"]
    say(f"  confidence: {f['confidence']} (the rule's {min(base, 1):.2f}, weighed by the document's "
        f"quality {f['quality']:.2f})")


@main.command()
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True, help="At most this many documents.")
def search(query, db, limit):
    """Full-text search over the documents' text.

    Words must all occur (AND may be written); "a phrase" in this order; exil* a word starting
    so; OR between alternatives. Punctuation inside a word (Sokol'nikov) splits it into a phrase."""
    from .store import queries
    with _open(db, readonly=True) as store:
        try:
            hits = queries.search(store, query, limit)
        except ValueError as exc:
            raise FactoidError(f"bad search query {query!r}: {exc}") from None
    for hit in hits:
        say(f"{hit['uri']}: {hit['snippet']}")
    if not hits:
        say("no matches")


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (the default is reachable from this machine only).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--edit", is_flag=True, help="Allow corrections from the pages (reject, confirm, rename, forget, "
                                           "merge, dismiss): loopback only, signed in with a one-time token.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes, each with its own connections: one per core serves many readers at once "
                   "(read-only serving only).")
@click.option("--cache-mb", type=click.IntRange(0, 65536), default=32, show_default=True,
              help="Memory per process for answers kept while the database is unchanged (0: none).")
def serve(db, host, port, edit, workers, cache_mb):
    """Serve the web pages and the REST API over the database, read-only unless --edit.

    Open http://HOST:PORT/ for the people, each person's facts, sources and conflicts; the
    JSON API is under /api and described by /openapi.json; OpenRefine reconciles a column of
    names against the knowledge base at http://HOST:PORT/reconcile. With --edit the server listens on
    this machine only and prints an address with a one-time token that lets a browser edit."""
    import secrets

    import uvicorn

    from .api import create_app, serve_workers, settle_for_serving
    if edit and host not in ("127.0.0.1", "localhost", "::1"):
        raise FactoidError(f"--edit serves this machine only; {host} is not a loopback address (use 127.0.0.1)")
    if edit and workers > 1:
        raise FactoidError("--edit serves from one process (its sign-in token lives there); leave out --workers")
    _open(db, readonly=not edit, create=False).close()  # a missing, older or foreign database: one clear line
    token = secrets.token_urlsafe(18) if edit else None
    if token:
        say(f"factoid: serving {_shown(db)} for editing at http://{host}:{port}/ ; open "
            f"http://{host}:{port}/edit?token={token} to sign in (Ctrl-C to stop)", err=True)
    else:
        say(f"factoid: serving {_shown(db)} read-only at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    if workers > 1:  # each process builds its own app (api.app_from_environment) over the same database
        serve_workers(db, host, port, workers, cache_mb << 20)
    else:
        app = create_app(db, edit_token=token, cache_bytes=cache_mb << 20)
        settle_for_serving()
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


from . import cli_corrections  # noqa: E402,F401  (registers reject, confirm, rename, forget, note, decisions, undo)

if __name__ == "__main__":
    main()
