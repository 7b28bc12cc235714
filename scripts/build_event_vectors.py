"""Build src/rasd/events/data/word_vectors.tsv.gz (PPMI-SVD word vectors on the event keys) from SaudiNewsNet.

    .venv/bin/python scripts/build_event_vectors.py [--articles 12000]   # needs ../shared (or RASD_SHARED)

The vectors feed the event classifiers' training only (rasd/events/embedding.py explains the method);
SaudiNewsNet is CC BY-NC-SA 4.0 and the file keeps derived vectors only, no text.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))


def main() -> int:
    from _common import saudinewsnet

    from rasd.events.embedding import FILE, build
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=12000)
    parser.add_argument("--vocab", type=int, default=20000)
    parser.add_argument("--dims", type=int, default=64)
    args = parser.parse_args()
    out = REPO / "src/rasd/events" / FILE
    t0 = time.time()
    texts = (a["text"] for a in saudinewsnet(args.articles))
    info = build(texts, out, vocab=args.vocab, dims=args.dims,
                 source=f"SaudiNewsNet (CC BY-NC-SA 4.0), first {args.articles} articles")
    print(f"{info} in {time.time() - t0:.0f}s -> {out} ({out.stat().st_size // 1024} KB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
