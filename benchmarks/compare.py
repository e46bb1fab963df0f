"""Coding throughput of several versions of the coder, side by side: ``python
benchmarks/compare.py REV [REV ...]`` (git revisions, or folders holding a checkout).

Single measurements of one version are not comparable across runs on a shared machine (its
speed changes by tens of percent within minutes), so the versions are measured together:
one process per version, all on the same processor, taking turns on chunks of the same
benchmark documents (``run.build_corpus``, seed 0), so that a change in the machine's speed
falls on all of them alike. Each process prepares as its version's code stage does
(``warm_up`` where the version has it, else one document coded first); the CPU time of
its turns is summed. Prints MB/s per version and its speed relative to the first.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: The process of one version: reads a chunk's first index per line, answers with the CPU
#: time and bytes of coding that chunk.
_CHILD = r"""
import os, sys, time
from pathlib import Path
root, manifest, cpu = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
if cpu >= 0 and hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {cpu})
sys.path.insert(0, str(root))
from analysis.manifest import read_manifest
from analysis.codebook import default_codebook
from analysis.coding import corpus
codebook = default_codebook()
entries, _ = read_manifest(manifest)
datas = [(e.path.read_bytes(), str(e.path), e.doc_id) for e in entries]
if hasattr(corpus, "warm_up"):
    corpus.warm_up()
corpus.code_document(*datas[0], codebook)
print("ready", flush=True)
for line in sys.stdin:
    first, size = map(int, line.split())
    chunk = datas[first:first + size]
    start = time.process_time()
    for data in chunk:
        corpus.code_document(*data, codebook)
    print(time.process_time() - start, sum(len(d[0]) for d in chunk), flush=True)
"""


def _checkout(revision: str, folder: Path) -> Path:
    """A folder holding ``revision``: itself when it is one, else a detached worktree."""
    if (Path(revision) / "analysis").is_dir():
        return Path(revision).resolve()
    target = folder / revision.replace("/", "_")
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(target), revision],
        check=True,
        capture_output=True,
    )
    return target


def compare(roots: list[Path], manifest: Path, docs: int, passes: int, chunk: int) -> list[float]:
    """MB/s of each coder, measured in turns (see the module docstring)."""
    cpu = min(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else -1
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(root), str(manifest), str(cpu)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for root in roots
    ]
    try:
        for process in processes:
            if process.stdout.readline().strip() != "ready":
                raise SystemExit("a coder failed to start (see its error above)")
        seconds, sizes = [0.0] * len(roots), [0] * len(roots)
        for _ in range(passes):
            for first in range(0, docs, chunk):
                for k, process in enumerate(processes):
                    process.stdin.write(f"{first} {min(chunk, docs - first)}\n")
                    process.stdin.flush()
                    taken, size = process.stdout.readline().split()
                    seconds[k] += float(taken)
                    sizes[k] += int(size)
    finally:
        for process in processes:
            process.stdin.close()
            process.wait()
    return [size / 1e6 / taken for size, taken in zip(sizes, seconds, strict=True)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revisions", nargs="+", help="git revisions or checkout folders")
    parser.add_argument("--docs", type=int, default=300, help="benchmark documents (300)")
    parser.add_argument("--passes", type=int, default=6, help="passes over them (6)")
    parser.add_argument("--chunk", type=int, default=50, help="documents per turn (50)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    from run import build_corpus

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        manifest = build_corpus(folder / "corpus", args.docs)
        roots = [_checkout(revision, folder) for revision in args.revisions]
        try:
            speeds = compare(roots, manifest, args.docs, args.passes, args.chunk)
        finally:
            for root in roots:
                if folder in root.parents:
                    subprocess.run(
                        ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(root)],
                        capture_output=True,
                    )
    print(f"{args.docs} documents, {args.passes} passes, turns of {args.chunk} documents")
    for revision, speed in zip(args.revisions, speeds, strict=True):
        print(f"{revision}: {speed:.2f} MB/s, {speed / speeds[0]:.3f} of {args.revisions[0]}")


if __name__ == "__main__":
    main()
