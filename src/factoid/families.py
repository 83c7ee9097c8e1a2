"""Families of near-duplicate documents: mirrors of one encyclopedia article, the same text
saved as HTML and as plain text, a page that copies another. Five copies of one text are one
source, so the judge counts support by family, not by document.

Each document gets a MinHash signature (datasketch's, computed here) of its word shingles when it is processed,
and the signature cut into bands (locality-sensitive hashing: two texts share a band with a
probability that rises steeply with their similarity). The store keeps each band's key in an
index, so the candidates of a corpus are the documents that share a key (a join, never all
pairs); a candidate joins a family when its estimated similarity passes SAME_TEXT.

    fingerprint(text) -> bytes | None       (a document stage: per document, in any worker)
    band_keys(signature) -> [int]           (what the store indexes)
    families(groups, signature_of) -> {document id: family id}"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Callable, Iterable

import numpy as np

NUM_PERM = 32
BANDS, ROWS = 8, 4  # 8 bands of 4 hashes: pairs above ~0.6 similar are nearly always candidates
SHINGLE = 4         # words per shingle: short enough for reworded chrome, long enough for names
MIN_SHINGLES = 25   # shorter texts (a one-line record) differ in too few words to judge
SAME_TEXT = 0.6     # estimated Jaccard similarity of shingles above which two texts are copies

_WORD = re.compile(r"\w+")


# datasketch's MinHash (1.6.5, seed 1, SHA-1's first 4 bytes per shingle), written out: stored
# signatures must not change, and importing datasketch (it imports scipy) cost half a second of
# every ingest; tests/test_families.py checks the values against datasketch's own
_PRIME = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    gen = np.random.RandomState(1)  # the legacy generator: its stream never changes
    pairs = [(gen.randint(1, _PRIME, dtype=np.uint64), gen.randint(0, _PRIME, dtype=np.uint64))
             for _ in range(NUM_PERM)]
    a, b = np.array(pairs, dtype=np.uint64).T
    return a, b


def fingerprint(text: str) -> bytes | None:
    """The MinHash signature of a text's word shingles (32-bit values: datasketch keeps its
    hashes below 2**32), or None for a text too short to compare."""
    words = _WORD.findall(text.casefold())
    if len(words) - SHINGLE + 1 < MIN_SHINGLES:
        return None  # fewer shingles than that, even all different
    shingles = set(map(" ".join, zip(*(words[k:] for k in range(SHINGLE)))))
    if len(shingles) < MIN_SHINGLES:
        return None
    sha1 = hashlib.sha1
    # each digest's first 4 bytes, little-endian: every fifth 32-bit word of the digests laid end to end
    digests = b"".join([sha1(s.encode()).digest() for s in shingles])
    hv = np.frombuffer(digests, dtype="<u4")[::5].astype(np.uint64)[:, None]
    a, b = _permutations()
    return ((hv * a + b) % _PRIME & _MAX_HASH).min(axis=0).astype("<u4").tobytes()


def _values(signature: bytes) -> np.ndarray:
    return np.frombuffer(signature, dtype="<u4")


def band_keys(signature: bytes) -> list[int]:
    """One key per band: a signed 64-bit hash of its hash values (an SQLite integer)."""
    out = []
    for band in range(BANDS):
        chunk = signature[band * ROWS * 4:(band + 1) * ROWS * 4]
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        out.append(int.from_bytes(digest, "big", signed=True))
    return out


def similarity(a: bytes, b: bytes) -> float:
    """The estimated Jaccard similarity of two texts' shingles."""
    x, y = _values(a), _values(b)
    return float(np.count_nonzero(x == y)) / len(x) if len(x) == len(y) else 0.0


def families(groups: Iterable[list[str]], signature_of: Callable[[str], bytes | None]) -> dict[str, str]:
    """From groups of documents that share a band key (sorted ids), every document in a family
    of two or more, with its family's id (its smallest document id). Each member is compared
    with its group's first document only, so a large group costs its size, not its square."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for group in groups:
        first, first_sig = group[0], signature_of(group[0])
        if first_sig is None:
            continue
        for other in group[1:]:
            if root(other) == root(first):
                continue
            sig = signature_of(other)
            if sig is not None and similarity(first_sig, sig) >= SAME_TEXT:
                a, b = sorted((root(first), root(other)))
                parent[b] = a
                parent.setdefault(a, a)
    return {doc: root(doc) for doc in parent}
