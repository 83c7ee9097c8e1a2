#!/usr/bin/env python3
"""Throughput of the whole pipeline against spaCy's NER alone, same text, same run.

usage: benchmarks/throughput.py [CORPUS] [--mb 2] [--jobs 2] [--lang ru]

CORPUS is a file or folder factoid can ingest. Without it, a corpus of about --mb MB is built
from the KnowledgeNet passages in ../shared (passages grouped into their documents, the set
repeated with a copy number so every document is new). With --jobs N it also ingests the same
corpus with N worker processes and prints the speed-up over one process. The last line printed
is `throughput: factoid=<words/s> spacy_ner=<words/s> spacy_ner_parse=<words/s>
ratio=<factoid/spacy_ner> ratio_parse=<factoid/spacy_ner_parse>`: spaCy's NER alone, and its
NER with the dependency parser (tok2vec + parser) that factoid also runs, over the same texts.

With --lang ru the corpus is the Russian pages of ../shared/eval/ru/docs repeated to about --mb MB
(each copy a new document), the baseline natasha's segmentation and NER alone, and the last line
`throughput: factoid=<words/s> natasha_ner=<words/s> ratio=<factoid/natasha_ner>`.

The line before the last gives the same rates per second of this process's CPU time
(`cpu: ...`): on a machine shared with other jobs the wall-clock ratio moves with their load
between the timed parts, the CPU-time ratio much less.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
KNET = HERE.parent.parent / "shared" / "eval" / "knowledgenet" / "dev.jsonl"


def build_corpus(folder: Path, megabytes: float) -> Path:
    if not KNET.exists():
        sys.exit(f"no corpus given and {KNET} is absent: pass a CORPUS path")
    docs: dict[str, list[str]] = defaultdict(list)
    with open(KNET, encoding="utf-8") as handle:
        for line in handle:
            passage = json.loads(line)
            docs[passage["documentId"]].append(passage["passageText"])
    texts = [" ".join(parts) for parts in docs.values()]
    out = folder / "corpus.jsonl"
    size, copy = 0, 0
    with open(out, "w", encoding="utf-8") as handle:
        while size < megabytes * 1_000_000:
            copy += 1
            for i, text in enumerate(texts):
                handle.write(json.dumps({"id": f"{copy}-{i}", "text": f"Copy {copy}.\n{text}"}) + "\n")
                size += len(text)
    return out


RU_DOCS = HERE.parent.parent / "shared" / "eval" / "ru" / "docs"


def build_russian_corpus(folder: Path, megabytes: float) -> Path:
    if not RU_DOCS.is_dir():
        sys.exit(f"no corpus given and {RU_DOCS} is absent: pass a CORPUS path")
    texts = [p.read_text(encoding="utf-8") for p in sorted(RU_DOCS.glob("*.txt"))]
    out = folder / "corpus-ru.jsonl"
    size, copy = 0, 0
    with open(out, "w", encoding="utf-8") as handle:
        while size < megabytes * 1_000_000:
            copy += 1
            for i, text in enumerate(texts):
                handle.write(json.dumps({"id": f"{copy}-{i}", "text": f"Копия {copy}.\n{text}"},
                                        ensure_ascii=False) + "\n")
                size += len(text)
    return out


def russian(args) -> None:
    """natasha's NER alone against the whole Russian pipeline, same texts, same run."""
    from factoid import ingest, open_store
    from factoid.model import Document
    from factoid.nlp.russian import _natasha
    from factoid.pipeline import process

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(args.corpus) if args.corpus else build_russian_corpus(Path(tmp), args.mb)
        texts = texts_of(corpus)
        words = sum(len(t.split()) for t in texts)
        print(f"corpus: {corpus} ({len(texts)} documents, {sum(map(len, texts)) / 1e6:.2f} MB, {words} words)")
        Doc, segmenter, _, ner, _, _ = _natasha()
        with Timed() as natasha:
            for text in texts:
                doc = Doc(text)
                doc.segment(segmenter)
                doc.tag_ner(ner)
        natasha_rate = words / natasha.wall
        print(f"natasha NER alone: {natasha_rate:,.0f} words/s")
        with open_store(Path(tmp) / "bench.db") as store:
            process([Document(id="warm", uri="warm", raw=texts[0])])  # models loaded outside the timing
            with Timed() as whole:
                report = ingest([corpus], store)
            factoid_rate = words / whole.wall
        print(f"factoid ingest: {factoid_rate:,.0f} words/s ({report.added} documents)")
    print(cpu_line(words, whole, natasha_ner=natasha))
    print(f"throughput: factoid={factoid_rate:.0f} natasha_ner={natasha_rate:.0f} ratio={factoid_rate / natasha_rate:.2f}")


class Timed:
    """Wall-clock and CPU seconds of a block (CPU: this process's, all its threads)."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def cpu_line(words: int, factoid: Timed, **baselines: Timed) -> str:
    """`cpu: factoid=<words per CPU second> <baseline>=... ratio=... [ratio_parse=...]`, the
    ratios named as on the last line (factoid over the first baseline, then the second's)."""
    rates = {name: words / t.cpu for name, t in baselines.items()}
    ratios = [f"{name}={words / factoid.cpu / rate:.2f}" for name, rate in zip(("ratio", "ratio_parse"), rates.values())]
    return " ".join([f"cpu: factoid={words / factoid.cpu:.0f}", *(f"{n}={r:.0f}" for n, r in rates.items()), *ratios])


def texts_of(corpus: Path) -> list[str]:
    from factoid.errors import SourceError
    from factoid.sources import read_sources
    return [d.raw for d in read_sources([corpus]) if not isinstance(d, SourceError)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?")
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--jobs", type=int, default=1, help="also measure ingest with this many processes")
    parser.add_argument("--lang", choices=("en", "ru"), default="en", help="ru: the Russian pipeline against natasha")
    args = parser.parse_args()
    if args.lang == "ru":
        russian(args)
        return

    from factoid import ingest, open_store
    from factoid.nlp.entities import MODEL
    import spacy

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(args.corpus) if args.corpus else build_corpus(Path(tmp), args.mb)
        texts = texts_of(corpus)
        words = sum(len(t.split()) for t in texts)
        print(f"corpus: {corpus} ({len(texts)} documents, {sum(map(len, texts)) / 1e6:.2f} MB, {words} words)")

        ner = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
        list(ner.pipe(texts[:20]))  # warm up
        with Timed() as alone:
            for _ in ner.pipe(texts, batch_size=32):
                pass
        spacy_rate = words / alone.wall
        print(f"spaCy NER alone: {spacy_rate:,.0f} words/s")
        del ner
        both = spacy.load(MODEL, exclude=["tagger", "attribute_ruler", "lemmatizer", "senter"])
        list(both.pipe(texts[:20]))
        with Timed() as parsed:
            for _ in both.pipe(texts, batch_size=32):
                pass
        parse_rate = words / parsed.wall
        print(f"spaCy NER + parser: {parse_rate:,.0f} words/s")
        del both

        with open_store(Path(tmp) / "bench.db") as store:
            from factoid.pipeline import process
            from factoid.model import Document
            process([Document(id="warm", uri="warm", raw=texts[0])])  # load models outside the timing
            with Timed() as whole:
                report = ingest([corpus], store)
            factoid_rate = words / whole.wall
        print(f"factoid ingest: {factoid_rate:,.0f} words/s ({report.added} documents)")
        if args.jobs > 1:
            with open_store(Path(tmp) / f"bench-{args.jobs}.db") as store:
                started = time.perf_counter()
                ingest([corpus], store, jobs=args.jobs)
                parallel_rate = words / (time.perf_counter() - started)
            print(f"factoid ingest --jobs {args.jobs}: {parallel_rate:,.0f} words/s "
                  f"(speed-up {parallel_rate / factoid_rate:.2f}x over one process)")
    print(cpu_line(words, whole, spacy_ner=alone, spacy_ner_parse=parsed))
    print(f"throughput: factoid={factoid_rate:.0f} spacy_ner={spacy_rate:.0f} spacy_ner_parse={parse_rate:.0f} "
          f"ratio={factoid_rate / spacy_rate:.2f} ratio_parse={factoid_rate / parse_rate:.2f}")


if __name__ == "__main__":
    main()
