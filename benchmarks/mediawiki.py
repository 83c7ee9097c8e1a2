"""Streaming a MediaWiki dump: generates one offline (N pages of invented wikitext with an
infobox each, bz2-compressed), reads it with factoid's reader (sources/mediawiki.py) and the
wikitext converter, and reports pages per second and the peak resident memory. The reader
must stay bounded: the peak should not grow with N.

    .venv/bin/python benchmarks/mediawiki.py --pages 10000
"""
from __future__ import annotations

import argparse
import bz2
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from factoid.sources import ReadOptions, read_sources  # noqa: E402
from factoid.wikitext import to_text  # noqa: E402

PAGE = """  <page><title>Person {n}</title><ns>0</ns><id>{n}</id><revision><id>{n}</id>
    <text xml:space="preserve">{{{{Infobox person
| name = Person {n}
| birth_date = {{{{birth date|18{y:02d}|4|{d}}}}}
| birth_place = [[Town {n}]]
| office = Clerk of the [[Board {n}|board]]
| term_start = 3 March 19{y:02d}
}}}}
'''Person {n}''' ({d} (1{d}) April 18{y:02d} – 1930) was a clerk.&lt;ref&gt;note&lt;/ref&gt;
{body}
</text></revision></page>
"""


def write_dump(path: Path, pages: int) -> None:
    body = ("He worked in [[Town]] for many years and wrote about the [[railway]]. " * 40).strip()
    with bz2.open(path, "wt", encoding="utf-8") as f:
        f.write('<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/">\n')
        for n in range(pages):
            f.write(PAGE.format(n=n, y=n % 100, d=1 + n % 9, body=body))
        f.write("</mediawiki>\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "dump.xml.bz2"
        write_dump(dump, args.pages)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        pages = statements = 0
        for doc in read_sources([dump], ReadOptions()):
            pages += 1
            statements += len(doc.statements)
            to_text(doc.raw)
        took = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{pages} pages, {statements} infobox statements, "
          f"{pages / took:.0f} pages/s, peak RSS {peak / 1024:.0f} MiB (before reading {before / 1024:.0f} MiB)")


if __name__ == "__main__":
    main()
