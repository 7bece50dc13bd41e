#!/usr/bin/env python
"""Benchmark stage 01 ingest; writes the '## ingest' section of bench/RESULTS.md.

1. Native PDF pages/s: docproc's local backend vs markitdown (`pip install markitdown`, bench only) on the
   same files in the same run: the sample manual, plus real public PDFs found on the machine (Debian docs).
2. OCR pages/s: docproc's OCR path (deskew, table-grid detection, one Tesseract pass, rebuild) vs the bare
   `tesseract IMG stdout` command on the same page images.
3. Table cells: docproc's default table extraction vs pdfplumber's out-of-the-box `extract_tables()`,
   F1 of (column, cell text) pairs against data/expected/, plus OCR cell accuracy / CER.

Usage: `PYTHONPATH=. python bench/ingest.py [--repeat N]`; the real-world set: `PYTHONPATH=. python bench/ingest.py --realworld`
(see bench/ingest_realworld.py, which writes '## ingest (real-world)').
"""
from __future__ import annotations
import argparse, csv, os, platform, re, shutil, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from docproc.core import Config
from docproc.ingest import extract_local, table_cells_f1, cell_accuracy, char_error_rate, render_markdown

SAMPLES, EXPECTED = ROOT/'data'/'samples', ROOT/'data'/'expected'
PUBLIC_PDFS = [Path('/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf'), Path('/usr/share/doc/libtasn1-doc/libtasn1.pdf')]

def rows(p): return list(csv.reader(open(p, encoding='utf-8', newline='')))

def timed_pair(fa, fb, repeat):
    "Best-of-`repeat` seconds of `fa` and `fb`, alternating runs so both see the same machine load."
    ba = bb = float('inf')
    for _ in range(repeat):
        t = time.perf_counter(); fa(); ba = min(ba, time.perf_counter() - t)
        t = time.perf_counter(); fb(); bb = min(bb, time.perf_counter() - t)
    return ba, bb

def n_pages(pdf):
    import pypdfium2 as pdfium
    d = pdfium.PdfDocument(str(pdf)); n = len(d); d.close(); return n

def bench_native(cfg, repeat):
    from markitdown import MarkItDown
    md = MarkItDown()
    out = []
    for pdf in [SAMPLES/'pump_maintenance_manual.pdf'] + [p for p in PUBLIC_PDFS if p.is_file()]:
        n = n_pages(pdf)
        ours, theirs = timed_pair(lambda: extract_local(pdf, cfg), lambda: md.convert(str(pdf)), repeat)
        out.append((pdf.name, n, n / ours, n / theirs))
    return out

def bench_ocr(cfg, repeat, tmp):
    import pypdfium2 as pdfium
    pages = []
    d = pdfium.PdfDocument(str(SAMPLES/'valve_inspection_scan.pdf'))
    img = d[0].render(scale=cfg.ingest.ocr_dpi / 72, grayscale=True).to_pil(); d.close()
    p = tmp/'valve_inspection_scan_p1.png'; img.save(p); pages.append(p)
    pages.append(SAMPLES/'seal_kit_table.png')
    out = []
    c1 = cfg.model_copy(deep=True); c1.ingest.ocr_workers = 1
    env_default = {k: v for k, v in os.environ.items() if k != 'OMP_THREAD_LIMIT'}
    env_one = {**env_default, 'OMP_THREAD_LIMIT': '1'}
    for p in pages:
        cmd = ['tesseract', str(p), 'stdout', '-l', cfg.ingest.ocr_lang]
        ours, bare1 = timed_pair(lambda: extract_local(p, c1), lambda: subprocess.run(cmd, capture_output=True, check=True, env=env_one), repeat)
        _, bare = timed_pair(lambda: None, lambda: subprocess.run(cmd, capture_output=True, check=True, env=env_default), repeat)
        out.append((p.name, 1 / ours, 1 / bare1, 1 / bare))
    return out

def plumber_tables(pdf):
    import pdfplumber
    with pdfplumber.open(str(pdf)) as doc:
        return [[[c or '' for c in r] for r in t] for page in doc.pages for t in page.extract_tables()]

def bench_tables(cfg):
    out = []
    for doc, src in [('pump_maintenance_manual', 'pump_maintenance_manual.pdf'), ('valve_inspection_scan', 'valve_inspection_scan.pdf')]:
        exp = [rows(p) for p in sorted((EXPECTED/doc).glob('table_*.csv'))]
        ours = [t.rows for t in extract_local(SAMPLES/src, cfg).tables]
        base = plumber_tables(SAMPLES/src)
        exact = lambda got: sum(any(g == e for g in got) for e in exp)
        out.append((src, table_cells_f1(ours, exp), table_cells_f1(base, exp), len(ours), len(base), len(exp), exact(ours), exact(base)))
    return out

def bench_ocr_quality(cfg):
    out = []
    for doc, src in [('valve_inspection_scan', 'valve_inspection_scan.pdf'), ('seal_kit_table', 'seal_kit_table.png')]:
        e = rows(EXPECTED/doc/'table_1.csv')
        g = extract_local(SAMPLES/src, cfg).tables[0].rows
        out.append((src, cell_accuracy(g, e), char_error_rate(g, e)))
    return out

_MEM_CHILD = '''
import resource, sys, shutil
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from docproc.core import Config
from docproc.ingest import ingest
src, out, copies = Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
corpus = out.parent/'corpus'; corpus.mkdir(parents=True, exist_ok=True)
for k in range(copies):
    for f in src.iterdir():
        if f.is_file(): shutil.copy(f, corpus/f'{f.stem}_{k}{f.suffix}')
cfg = Config(); cfg._root = out.parent
cfg.paths.out_dir = str(out)
r = ingest(cfg, src=corpus, progress=False)
assert r.ok, r.failed
print(len(r.docs), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
'''

def bench_memory(tmp):
    "Peak RSS of a whole ingest run (fresh process) on the sample corpus copied 1x and 4x."
    out = []
    for copies in (1, 4):
        d = tmp/f'mem{copies}'; d.mkdir()
        r = subprocess.run([sys.executable, '-c', _MEM_CHILD, str(ROOT), str(SAMPLES), str(d/'out'), str(copies)],
                           capture_output=True, text=True, check=True)
        n, rss, child = r.stdout.split()
        out.append((int(n), float(rss), float(child)))
    return out

def write_section(text):
    res = ROOT/'bench'/'RESULTS.md'
    old = res.read_text(encoding='utf-8') if res.is_file() else '# Benchmarks\n'
    parts = re.split(r'(?m)^(?=## )', old)
    head = text.split('\n', 1)[0].strip()
    kept = [p for p in parts if p.split('\n', 1)[0].strip() != head]
    res.write_text(''.join(kept).rstrip('\n') + '\n\n' + text.rstrip('\n') + '\n', encoding='utf-8')

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--repeat', type=int, default=3)
    ap.add_argument('--realworld', action='store_true', help='measure the real-world set instead (bench/ingest_realworld.py)')
    a, rest = ap.parse_known_args()
    if a.realworld:
        from ingest_realworld import main as realworld_main
        return realworld_main(rest)
    cfg = Config()
    tess = subprocess.run(['tesseract', '--version'], capture_output=True, text=True).stdout.splitlines()[0]
    with tempfile.TemporaryDirectory() as td:
        native, ocr = bench_native(cfg, a.repeat), bench_ocr(cfg, a.repeat, Path(td))
        mem = bench_memory(Path(td))
    tables, quality = bench_tables(cfg), bench_ocr_quality(cfg)
    L = ['## ingest', '',
         f'Run {time.strftime("%Y-%m-%d %H:%M")} on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, '
         f'{tess}; best of {a.repeat} alternating runs; `PYTHONPATH=. python bench/ingest.py`. The machine is shared with other '
         'jobs: speed ratios moved by up to about ±30% between runs, so read them as "about the same speed", not to the percent.', '',
         '### Native PDF: pages/s, docproc local vs markitdown (same files, same run)', '',
         '| file | pages | docproc pages/s | markitdown pages/s | docproc / markitdown |', '|---|---|---|---|---|']
    L += [f'| {n} | {p} | {o:.1f} | {m:.1f} | {o/m:.2f} |' for n, p, o, m in native]
    L += ['', 'docproc does more per page (ruled and unruled tables, headings, lists, running headers removed); markitdown '
          '(pdfminer text only) finds no tables.', '',
          '### OCR: pages/s, docproc vs the bare `tesseract IMG stdout` command on the same page image (one page at a time)', '',
          '| page image | docproc pages/s | bare tesseract, OMP_THREAD_LIMIT=1 | docproc overhead vs that | bare tesseract, default threads |',
          '|---|---|---|---|---|']
    L += [f'| {n} | {o:.2f} | {b1:.2f} | {(b1/o - 1)*100:+.0f}% | {b:.2f} |' for n, o, b1, b in ocr]
    L += ['', 'docproc runs Tesseract with one OpenMP thread (and parallelises across pages instead); the like-for-like '
          'baseline is the bare command with the same setting. Overhead = extra wall time per page for deskew search, '
          'ruling-line detection and erasure, TSV word boxes and the table/paragraph rebuild; docproc also upscales small '
          'print (the photo: characters ~20 px -> ~40 px) before OCR, which is most of its overhead on that image. Bare '
          'Tesseract with its default OpenMP threading is shown for reference: on this 2-core machine it is slower.', '',
          '### Table cells: docproc default vs pdfplumber `extract_tables()` out of the box', '',
          '| file | docproc P / R / F1 | pdfplumber P / R / F1 | tables found (docproc / pdfplumber / expected) | expected tables recovered exactly (docproc / pdfplumber) |', '|---|---|---|---|---|']
    f = lambda d: f"{d['precision']:.3f} / {d['recall']:.3f} / **{d['f1']:.3f}**"
    L += [f'| {n} | {f(o)} | {f(b)} | {no} / {nb} / {ne} | {xo} / {xb} of {ne} |' for n, o, b, no, nb, ne, xo, xb in tables]
    allc = lambda i: sum(t[i]['f1'] for t in tables) / len(tables)
    L += ['', f'Mean cell F1 over these files: docproc **{allc(1):.3f}**, pdfplumber **{allc(2):.3f}**.']
    L += ['', 'Cells are (column, text) pairs matched as multisets against `data/expected/`, so the baseline is not '
          'penalised in F1 for splitting the table that crosses the page break (the exact-table column is); its 3 tables on the '
          'manual are table 1 and the two halves of table 2, so it misses the unruled table 3; it has no OCR for scanned pages.', '',
          '### OCR table quality against ground truth', '', '| file | cell accuracy | character error rate |', '|---|---|---|']
    L += [f'| {n} | {acc:.3f} | {cer:.4f} |' for n, acc, cer in quality]
    L += ['', '### Memory: peak RSS of one `ingest` run (fresh process, workers=2) vs number of documents', '',
          '| documents | peak RSS of the python process (MiB) | largest child process, Tesseract (MiB) |', '|---|---|---|']
    L += [f'| {n} | {rss:.0f} | {child:.0f} |' for n, rss, child in mem]
    text = '\n'.join(L)
    write_section(text); print(text)

if __name__ == '__main__': main()
