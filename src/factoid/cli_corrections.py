"""The `factoid` commands that correct the knowledge base besides merge and split: reject,
confirm, rename, forget, note, review, decisions, undo (library: corrections.py). Each is recorded
with its time and reason and applied on every later rebuild."""
from __future__ import annotations

import click

from .cli import _open, _pick, db_option, main
from .terminal import say

REASON = click.option("--reason", default="", help="Why: kept with the decision and shown with it.")


def _done(store, words: str) -> None:
    from . import pipeline
    pipeline.rebuild(store)
    say(words)


@main.command()
@click.argument("factoid_id")
@REASON
@db_option
def reject(factoid_id, reason, db):
    """Reject a factoid (its id, as `person` and `export` show it): it leaves the consensus and
    the conflicts, and stays visible, marked rejected with the reason."""
    from . import corrections
    with _open(db, create=False) as store:
        cid = corrections.reject(store, factoid_id, reason)
        _done(store, f"rejected {factoid_id} (decision c{cid}; `factoid undo c{cid}` takes it back)")


@main.command()
@click.argument("factoid_id")
@REASON
@db_option
def confirm(factoid_id, reason, db):
    """Confirm a factoid: it counts as sure in the consensus and the conflicts."""
    from . import corrections
    with _open(db, create=False) as store:
        cid = corrections.confirm(store, factoid_id, reason)
        _done(store, f"confirmed {factoid_id} (decision c{cid})")


@main.command()
@click.argument("person")
@click.argument("name")
@REASON
@db_option
def rename(person, name, reason, db):
    """Show PERSON (a name seen, or an id) under NAME, whatever name the sources prefer."""
    from . import corrections
    with _open(db, create=False) as store:
        p = _pick(store, person)
        cid = corrections.rename(store, p["id"], name, reason)
        _done(store, f"renamed {p['name']} to {' '.join(name.split())} (decision c{cid})")


@main.command()
@click.argument("person")
@REASON
@db_option
def forget(person, reason, db):
    """Forget PERSON (a name seen, or an id): not a person at all (an infobox label, a
    caption). Its documents stay; it is no longer listed, judged or exported."""
    from . import corrections
    with _open(db, create=False) as store:
        p = _pick(store, person)
        cid = corrections.forget(store, p["id"], reason)
        _done(store, f"forgot {p['name']} (decision c{cid}; `factoid undo c{cid}` brings it back)")


@main.command()
@click.argument("target")
@click.argument("text")
@db_option
def note(target, text, db):
    """Attach a note to TARGET: a factoid id, or a person (a name seen, or an id)."""
    from . import corrections
    with _open(db, create=False) as store:
        from .store import queries
        is_fact = queries.has_factoid(store, target)
        cid = corrections.note(store, target if is_fact else _pick(store, target)["id"], text)
        say(f"noted (decision c{cid})")


@main.command()
@db_option
def decisions(db):
    """List a user's decisions, oldest first: merges and splits (m ids), corrections (c ids),
    each with its time and reason; one whose factoid or person is gone is marked dangling."""
    from . import corrections
    with _open(db, readonly=True) as store:
        rows = corrections.listing(store)
    if not rows:
        say("no decisions")
    for d in rows:
        why = f"  ({d['reason']})" if d["reason"] else ""
        say(f"{d['id']:>5}  {d['created_at']}  {d['what']}{why}{'  [dangling]' if d['dangling'] else ''}")


@main.command()
@click.argument("decision_id")
@db_option
def undo(decision_id, db):
    """Undo a decision (an id from `factoid decisions`: m3, c5) and rebuild."""
    from . import corrections
    with _open(db, create=False) as store:
        what = corrections.undo(store, decision_id)
        _done(store, f"undone: {what}")


@main.command()
@click.option("--dismiss", "rank", type=int, metavar="N", help="Pair N of the list is two people: dismiss it.")
@REASON
@click.option("--limit", default=20, show_default=True, help="How many pairs to list.")
@db_option
def review(rank, reason, limit, db):
    """Possible duplicates: pairs of persons resolution left apart by a small margin, closest
    first, each with the evidence for and against. `factoid merge A B` joins a pair;
    `--dismiss N` records that pair N is two people (listed by `decisions`, undone by `undo`)."""
    from . import corrections, pipeline
    from .store import queries
    if rank is not None:
        with _open(db, create=False) as store:
            pair = corrections.dismiss(store, rank, reason)
            _done(store, f"dismissed: {pair['name_a']} and {pair['name_b']} are two people")
        return
    with _open(db, readonly=True) as store:
        pairs = queries.review(store)
        if not pairs:
            say("no possible duplicates")
        for n, p in enumerate(pairs[:limit], start=1):
            say(f"{n}. {p['name_a']} [{p['person_a']}]  ?=  {p['name_b']} [{p['person_b']}]  ({p['score']:+.1f} bits)")
            for line in pipeline.why_same(store, p["person_a"], p["person_b"])[1:6]:
                say(f"     {line}")
    if len(pairs) > limit:
        say(f"... {len(pairs) - limit} more (--limit)")
