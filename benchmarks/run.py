"""Benchmark of the code stage: ``python benchmarks/run.py`` (``make benchmark``).

Builds a synthetic corpus from the real documents in ``data/raw/`` under
``benchmarks/corpus/`` (git-ignored; each copy gets another prefecture and province, and a
unique line), then measures and writes ``benchmarks/results.md``:

* coding throughput in one process (MB/s of raw text and documents/s) with a cProfile of
  the hot spots;
* the whole code stage on the corpus with all cores (``code_corpus``, cold cache);
* peak memory of the code stage at two corpus sizes (one process, so the numbers are the
  coder's and not a sum over workers);
* rebuild times: nothing changed, one document changed, one document added;
* the five-document pipeline up to the clean panel (``python -m analysis code`` and
  ``panel`` in a scratch copy of the project's data).

``--docs N`` sets the corpus size (default 10,000; about 10 minutes on 2 cores), ``--quick``
runs a small version (200 documents) to check that the benchmark itself works.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import hashlib
import io
import json
import os
import platform
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from analysis import paths  # noqa: E402
from analysis.manifest import COLUMNS, read_manifest  # noqa: E402

CORPUS = HERE / "corpus"
RESULTS = HERE / "results.md"
#: Runs of the one-process throughput measurement; the median is reported.
RUNS = 3


# -- the corpus ---------------------------------------------------------------------------


def _prefectures() -> list[tuple[str, str, str, str]]:
    """(name, short name, province, province short name) of every prefecture."""
    with open(paths.PACKAGE_DATA / "gazetteer.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    shorts = {r["name"]: (r["short_names"] or "").split(";")[0] for r in rows}
    return [
        (r["name"], shorts[r["name"]], r["parent"], shorts.get(r["parent"], ""))
        for r in rows
        if r["level"] == "prefecture" and r["parent"] and shorts[r["name"]]
    ]


def _templates() -> list[dict[str, str]]:
    entries, _ = read_manifest(paths.MANIFEST)
    return [
        {"text": e.path.read_text(encoding="utf-8"), "place": e.jurisdiction, "suffix": ".txt"}
        for e in entries
    ]


def build_corpus(folder: Path, n: int, seed: int = 0) -> Path:
    """Write ``n`` documents and their manifest under ``folder``; return the manifest."""
    raw = folder / "raw"
    if raw.exists():
        shutil.rmtree(raw)
    raw.mkdir(parents=True)
    rng = random.Random(seed)
    places = _prefectures()
    templates = _templates()
    with open(paths.PACKAGE_DATA / "gazetteer.csv", encoding="utf-8", newline="") as handle:
        gaz = {r["name"]: r for r in csv.DictReader(handle)}
    rows = []
    for i in range(n):
        template = templates[i % len(templates)]
        text = template["text"]
        place = template["place"]
        if ";" not in place and place in gaz and gaz[place]["level"] == "prefecture":
            name, short, province, province_short = rng.choice(places)
            old = gaz[place]
            old_short = (old["short_names"] or "").split(";")[0]
            old_province = old["parent"]
            old_province_short = (gaz[old_province]["short_names"] or "").split(";")[0]
            for a, b in (
                (place, name),
                (old_province, province),
                (old_short, short),
                (old_province_short, province_short),
            ):
                if a and b:
                    text = text.replace(a, b)
        text = f"{text}\n(文档编号 BENCH-{i:06d})\n"
        doc_id = f"bench_{i:06d}"
        data = text.encode("utf-8")
        (raw / f"{doc_id}.txt").write_bytes(data)
        rows.append(
            {
                "doc_id": doc_id,
                "file": f"{doc_id}.txt",
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        )
    manifest = raw / "manifest.csv"
    with open(manifest, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in COLUMNS})
    (raw / "overrides.csv").write_text(
        "doc_id,jurisdiction,variable,value,reason\n", encoding="utf-8"
    )
    return manifest


# -- measurements -------------------------------------------------------------------------


def single_process(manifest: Path, sample: int) -> dict:
    """Throughput of ``code_document`` in this process (median of :data:`RUNS` runs, wall
    clock and CPU time), and a profile of its hot spots."""
    from analysis.codebook import default_codebook
    from analysis.coding.corpus import code_document, warm_up

    codebook = default_codebook()
    entries, _ = read_manifest(manifest)
    entries = entries[:sample]
    datas = [(e.path.read_bytes(), str(e.path), e.doc_id) for e in entries]
    warm_up()  # as the code stage does: compile the codebook, load the gazetteer
    code_document(*datas[0], codebook)  # and warm the caches of the documents' paths
    walls, cpus = [], []
    for _ in range(RUNS):
        start, cpu = time.perf_counter(), time.process_time()
        characters = 0
        for data, name, doc_id in datas:
            result = code_document(data, name, doc_id, codebook)
            characters += len(result.text or "")
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    seconds, cpu = statistics.median(walls), statistics.median(cpus)
    size = sum(len(d) for d, _, _ in datas)
    profile = cProfile.Profile()
    profile.enable()
    for data, name, doc_id in datas[:25]:
        code_document(data, name, doc_id, codebook)
    profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(12)
    return {
        "documents": len(datas),
        "bytes": size,
        "characters": characters,
        "seconds": seconds,
        "mb_per_s": size / 1e6 / seconds,
        "cpu_mb_per_s": size / 1e6 / cpu,
        "mchars_per_s": characters / 1e6 / seconds,
        "docs_per_s": len(datas) / seconds,
        "profile": _trim_profile(out.getvalue()),
    }


def _trim_profile(text: str) -> str:
    lines = [line.rstrip() for line in text.splitlines()]
    start = next(i for i, line in enumerate(lines) if "ncalls" in line)
    return "\n".join(line.replace(str(ROOT) + "/", "") for line in lines[start:] if line)


_CHILD = """
import json, resource, sys, time
from pathlib import Path
from analysis.coding.corpus import code_corpus
manifest, work, jobs, cache = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
start = time.perf_counter()
manifest = Path(manifest)
written = code_corpus(manifest=manifest, clean_dir=work / "clean", interim_dir=work / "interim",
                      overrides=manifest.parent / "overrides.csv", jobs=jobs,
                      log=lambda *a, **k: None, cache_dir=Path(cache))
seconds = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_rss_mb": own / 1024,
                  "peak_child_rss_mb": children / 1024, "files": len(written)}))
"""


def code_stage(manifest: Path, work: Path, jobs: int, cache: Path) -> dict:
    """Run ``code_corpus`` in a fresh process; its time and peak memory (own and workers)."""
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(manifest), str(work), str(jobs), str(cache)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["wall_seconds"] = time.perf_counter() - start  # including interpreter start
    return result


def _append_document(manifest: Path, source: Path, doc_id: str) -> None:
    data = source.read_bytes() + "\n(追加的文档)\n".encode()
    (manifest.parent / f"{doc_id}.txt").write_bytes(data)
    with open(manifest, "a", encoding="utf-8") as handle:
        handle.write(f"{doc_id},{doc_id}.txt,,,,,,{hashlib.sha256(data).hexdigest()}\n")


def _change_document(manifest: Path, doc_id: str) -> None:
    path = manifest.parent / f"{doc_id}.txt"
    old = hashlib.sha256(path.read_bytes()).hexdigest()
    data = path.read_bytes() + "\n(修改)\n".encode()
    path.write_bytes(data)
    text = manifest.read_text(encoding="utf-8").replace(old, hashlib.sha256(data).hexdigest())
    manifest.write_text(text, encoding="utf-8")


def five_document_pipeline(scratch: Path) -> dict:
    """``python -m analysis code`` then ``panel`` on the real five documents (scratch copy)."""
    root = scratch / "project"
    shutil.copytree(paths.RAW, root / "data" / "raw")
    env = {**os.environ, "RECTIFY_ROOT": str(root), "PYTHONPATH": str(ROOT), "CI": "1"}
    times = {}
    for label in ("cold", "warm"):
        start = time.perf_counter()
        for stage in (["code"], ["panel"]):
            subprocess.run(
                [sys.executable, "-m", "analysis", *stage],
                check=True,
                capture_output=True,
                cwd=ROOT,
                env=env,
            )
        times[label] = time.perf_counter() - start
    return times


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024**2:.1f} GB RAM"
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


# -- report -------------------------------------------------------------------------------


def render(r: dict) -> str:
    one, full = r["single"], r["full"]
    corpus_mb = r["corpus_bytes"] / 1e6
    lines = [
        "# Benchmark of the code stage",
        "",
        f"Run with `make benchmark` (`python benchmarks/run.py --docs {r['docs']}`) on "
        f"{r['date']}.",
        "",
        f"Machine: {r['machine']}.",
        "",
        f"Corpus: {r['docs']:,} documents, {corpus_mb:.1f} MB of UTF-8 text (mean "
        f"{r['corpus_bytes'] / r['docs'] / 1e3:.1f} kB), built from the 5 real documents "
        "in `data/raw/` with the prefecture and province varied (`benchmarks/corpus/`, "
        "git-ignored). MB = 10^6 bytes of raw document; 1 character of Chinese is 3 bytes.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| coding throughput, 1 process ({one['documents']} documents, median of {RUNS} "
        "runs) | "
        f"{one['mb_per_s']:.2f} MB/s, {one['docs_per_s']:.1f} documents/s, "
        f"{one['mchars_per_s']:.2f} M characters/s; {one['cpu_mb_per_s']:.2f} MB/s of CPU time |",
        f"| code stage, {r['docs']:,} documents, all {r['jobs']} cores, cold cache | "
        f"{full['seconds']:.0f} s: {corpus_mb / full['seconds']:.2f} MB/s, "
        f"{r['docs'] / full['seconds']:.1f} documents/s |",
        f"| peak memory of that run | main process {full['peak_rss_mb']:.0f} MB, "
        f"largest worker {full['peak_child_rss_mb']:.0f} MB |",
    ]
    for size, run in r["memory"]:
        lines.append(
            f"| peak memory, 1 process, {size:,} documents | {run['peak_rss_mb']:.0f} MB "
            f"({run['seconds']:.0f} s, {size / run['seconds']:.1f} documents/s) |"
        )
    lines += [
        f"| rebuild, nothing changed ({r['docs']:,} documents) | {r['noop']['seconds']:.1f} s |",
        f"| rebuild, one document changed | {r['changed']['seconds']:.1f} s |",
        f"| rebuild, one document added | {r['added']['seconds']:.1f} s |",
        f"| five real documents, `code` + `panel`, cold cache | {r['pipeline']['cold']:.1f} s |",
        f"| five real documents, `code` + `panel`, warm cache | {r['pipeline']['warm']:.1f} s |",
        "",
        "Times of the code stage are inside `code_corpus` (verify checksums, code or load from "
        "the cache, write the five tables as CSV and Parquet and the interim texts); the "
        "five-document pipeline times are wall-clock times of the two commands, including "
        "interpreter start and imports.",
        "",
        "## Hot spots (cProfile, 25 documents, sorted by own time)",
        "",
        "```",
        one["profile"],
        "```",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000, help="corpus size")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--sample", type=int, default=300, help="documents for 1-process speed")
    parser.add_argument("--quick", action="store_true", help="200 documents, a smoke test")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.quick:
        args.docs, args.sample = 200, 50
    small = max(50, args.docs // 10)
    medium = max(small * 2, args.docs * 4 // 10)

    say = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    results: dict = {"docs": args.docs, "jobs": args.jobs, "machine": machine()}
    results["date"] = time.strftime("%Y-%m-%d")
    say(f"building a corpus of {args.docs:,} documents in {CORPUS} ...")
    manifest = build_corpus(CORPUS, args.docs)
    results["corpus_bytes"] = sum(p.stat().st_size for p in manifest.parent.glob("*.txt"))

    say(f"coding {args.sample} documents in one process ...")
    results["single"] = single_process(manifest, args.sample)
    say(f"  {results['single']['mb_per_s']:.2f} MB/s")

    with tempfile.TemporaryDirectory(prefix="bench-", dir=CORPUS) as scratch:
        scratch = Path(scratch)
        results["memory"] = []
        for size in (small, medium):
            sub = build_corpus(scratch / f"mem{size}", size)
            say(f"peak memory, {size:,} documents, one process ...")
            run = code_stage(sub, scratch / f"mem{size}", 1, scratch / f"mem{size}" / "cache")
            results["memory"].append((size, run))
            say(f"  {run['peak_rss_mb']:.0f} MB in {run['seconds']:.0f} s")
        work, cache = scratch / "full", scratch / "full" / "cache"
        say(f"code stage, {args.docs:,} documents, {args.jobs} processes, cold cache ...")
        results["full"] = code_stage(manifest, work, args.jobs, cache)
        say(f"  {results['full']['seconds']:.0f} s")
        say("rebuilds ...")
        results["noop"] = code_stage(manifest, work, args.jobs, cache)
        _change_document(manifest, "bench_000003")
        results["changed"] = code_stage(manifest, work, args.jobs, cache)
        _append_document(manifest, manifest.parent / "bench_000001.txt", "bench_added")
        results["added"] = code_stage(manifest, work, args.jobs, cache)
        say("five-document pipeline ...")
        results["pipeline"] = five_document_pipeline(scratch)
    args.output.write_text(render(results), encoding="utf-8")
    (CORPUS / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    say(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
