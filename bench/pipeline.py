"""Bench the whole pipeline (stages 01-05, offline LLM backend): documents/min and peak RSS at 10 and 200 documents,
a no-change re-run, and the local executor vs Ray with two workers.

    PYTHONPATH=. python bench/pipeline.py [--sizes 10,200] [--ray-size 200] [--write]

Corpus: the sample documents (data/samples, without expected/) copied round-robin until there are N files; copy k of a
file is renamed `<stem>_k<ext>` and, for text formats, its first number is raised by k, so no two documents are
identical. Every measurement is a fresh `docproc run` subprocess; peak RSS is that process's maximum resident set
(`getrusage(RUSAGE_CHILDREN)` of a wrapper process that runs only it). For Ray the driver's RSS is reported; the workers
are separate processes. `--write` replaces the `## pipeline` section of bench/RESULTS.md.
"""
from __future__ import annotations
import argparse, json, os, platform, re, shutil, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT/'data'/'samples'
TEXT = {'.md', '.txt', '.csv', '.json', '.py'}

MEASURE = r'''
import json, resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
print(json.dumps({'rc': r.returncode, 'seconds': time.perf_counter() - t,
                  'rss_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 'stderr': r.stderr[-2000:]}))
'''

def make_corpus(n:int, dest:Path) -> Path:
    "N documents: the samples round-robin, renamed and (text formats) with one number changed per copy."
    files = sorted(p for p in SAMPLES.iterdir() if p.is_file())
    dest.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        src, k = files[i % len(files)], i // len(files)
        out = dest/(src.name if k == 0 else f'{src.stem}_{k}{src.suffix}')
        if k and src.suffix in TEXT:
            t = src.read_text(encoding='utf-8')
            out.write_text(re.sub(r'\d+', lambda m: str(int(m.group()) + k), t, count=1), encoding='utf-8')
        else: shutil.copyfile(src, out)
    return dest

def measure(inp:Path, out:Path, *extra:str) -> dict:
    cmd = ['docproc', 'run', '--input', str(inp), '--out', str(out), '--backend', 'offline', '--quiet', *extra]
    env = {**os.environ, 'DOCPROC_CONFIG': str(ROOT/'config'/'config.json'), 'PYTHONPATH': str(ROOT), 'RAY_USAGE_STATS_ENABLED': '0'}
    r = subprocess.run([sys.executable, '-c', MEASURE, *cmd], capture_output=True, text=True, env=env)
    m = json.loads(r.stdout.strip().splitlines()[-1])
    if m['rc'] != 0: raise SystemExit(f'{" ".join(extra)} run on {inp} failed (rc {m["rc"]}): {m["stderr"][-1500:]}')
    summary = json.loads((out/'runs'/'last_run.json').read_text())
    m['stages'] = {s['stage']: (s['counts'], s['seconds']) for s in summary['stages']}
    return m

def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument('--sizes', default='10,200')
    ap.add_argument('--ray-size', type=int, default=200, help='corpus size for local vs Ray (0: skip)')
    ap.add_argument('--write', action='store_true')
    a = ap.parse_args(argv)
    sizes = [int(x) for x in a.sizes.split(',')]
    work = Path(tempfile.mkdtemp(prefix='docproc-bench-pipeline-'))
    res: dict = {'sizes': {}, 'machine': f'{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}'}
    try:
        for n in sizes:
            inp = make_corpus(n, work/f'in{n}')
            first = measure(inp, work/f'out{n}')
            again = measure(inp, work/f'out{n}')
            res['sizes'][n] = {'first': first, 'rerun': again}
            print(f'{n} docs: {first["seconds"]:.1f} s ({60 * n / first["seconds"]:.1f} docs/min), peak RSS {first["rss_mb"]:.0f} MB; '
                  f'no-change re-run {again["seconds"]:.1f} s ({100 * again["seconds"] / first["seconds"]:.1f}%)', flush=True)
        if a.ray_size:
            n = a.ray_size
            inp = work/f'in{n}' if (work/f'in{n}').is_dir() else make_corpus(n, work/f'in{n}')
            local = res['sizes'][n]['first'] if n in res['sizes'] else measure(inp, work/f'outl{n}')
            ray = measure(inp, work/f'outr{n}', '--executor', 'ray', '--set', 'run.ray_num_cpus=2')
            res['ray'] = {'n': n, 'local': local, 'ray': ray}
            print(f'ray ({n} docs, 2 workers): {ray["seconds"]:.1f} s vs local {local["seconds"]:.1f} s '
                  f'(local/ray = {local["seconds"] / ray["seconds"]:.2f})', flush=True)
    finally: shutil.rmtree(work, ignore_errors=True)
    (ROOT/'bench'/'pipeline.json').write_text(json.dumps(res, indent=1, default=str))
    if a.write: write_results(res)
    return res

def _stage_line(m:dict) -> str:
    return ', '.join(f'{s} {sec:.1f}' for s, (_, sec) in m['stages'].items())

def write_results(res:dict) -> None:
    rows = ['| documents | first run (s) | docs/min | peak RSS (MB) | no-change re-run (s) | re-run / first |', '|---|---|---|---|---|---|']
    for n, r in res['sizes'].items():
        f, g = r['first'], r['rerun']
        rows.append(f'| {n} | {f["seconds"]:.1f} | {60 * int(n) / f["seconds"]:.1f} | {f["rss_mb"]:.0f} | {g["seconds"]:.1f} | {100 * g["seconds"] / f["seconds"]:.1f}% |')
    ns = list(res['sizes'])
    lines = ['## pipeline', '', f'`bench/pipeline.py` ({res["machine"]}, shared machine; offline LLM backend, stages 01-05, '
             'one fresh `docproc run` subprocess per measurement).', ''] + rows + ['']
    if len(ns) >= 2:
        a, b = res['sizes'][ns[0]]['first'], res['sizes'][ns[-1]]['first']
        lines.append(f'Peak RSS {ns[-1]} vs {ns[0]} documents: {b["rss_mb"] / a["rss_mb"]:.2f}× (goal ≤ 1.2×). '
                     f'Stage seconds at {ns[-1]}: {_stage_line(b)}.')
    if 'ray' in res:
        r = res['ray']; l, y = r['local'], r['ray']
        lines += ['', f'Local executor vs Ray (local instance, 2 workers) on {r["n"]} documents: local {l["seconds"]:.1f} s, '
                  f'Ray {y["seconds"]:.1f} s (local/Ray {l["seconds"] / y["seconds"]:.2f}; Ray includes ~10-15 s starting its instance). '
                  f'Ray stage seconds: {_stage_line(y)}. Driver peak RSS with Ray: {y["rss_mb"]:.0f} MB.']
    lines.append('')
    p = ROOT/'bench'/'RESULTS.md'
    text = p.read_text(encoding='utf-8') if p.exists() else '# Bench results\n'
    sec = '\n'.join(lines)
    m = re.search(r'^## pipeline\n.*?(?=^## |\Z)', text, flags=re.S | re.M)
    text = text[:m.start()] + sec + '\n' + text[m.end():] if m else text.rstrip('\n') + '\n\n' + sec
    p.write_text(text, encoding='utf-8')

if __name__ == '__main__': main()
