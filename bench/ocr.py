#!/usr/bin/env python
"""Benchmark OCR of scans and photos on the real-world set; prints the '## ingest: scans and photos' figures.

All in one run, on the image-only documents of the set (`*-scan.pdf`, `*-photo.jpg`; see the set's README.md):
1. Time per page: docproc's `ocr_image` against bare `tesseract IMG stdout` (psm 3, its default) on the same page
   image (a scanned PDF page rendered at the scan's own resolution, as docproc renders it), alternating per page.
2. Text: phrase recall (lines of the native text layer found in the text) of docproc's text.txt against bare
   Tesseract's output on the same images.
3. Tables: cell F1 by kind (scanned, photo) with the set's scorer, for docproc at each Tesseract psm measured
   (the default is the best of these).
4. Memory: peak address space (VmPeak) of ingesting an image-only PDF of 1, 4 and 16 copies of a real scanned page.
5. Candidates on the same page images (issue 15): bare Tesseract at psm 3, 4, 6 and 11 (phrases, s/page);
   rapidocr-onnxruntime (its wheel's PP-OCRv4 models; phrases, s/page); img2table with Tesseract (cell F1, s/page).
   Each is skipped, and says so, when it is not installed; img2table needs OpenCV's contrib modules
   (`cv2.ximgproc`): give a folder holding opencv-contrib-python-headless with `--contrib-cv2 DIR`
   (`pip install --no-deps --target DIR opencv-contrib-python-headless==<the installed opencv version>`), so the
   shared OpenCV install is left alone.

The time ratio is measured `--rounds` times (default 3) in the same run, each round alternating bare Tesseract and
docproc page by page. Bench-only packages: rapidocr-onnxruntime, img2table (`pip install --no-deps`, plus pyclipper,
shapely, xlsxwriter); neither is a docproc dependency.

Usage: `PYTHONPATH=. python bench/ocr.py [--set bench/realworld] [--psm 3,6] [--rounds 3] [--contrib-cv2 DIR]
[--json bench/ocr.json]`
"""
from __future__ import annotations
import argparse, json, os, re, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from docproc.core import load_config
from docproc.ingest import ingest, ocr_image, scan_dpi

def page_images(doc:Path) -> list:
    "The page images docproc OCRs: each scanned page at the scan's own resolution; an image file as it is."
    from PIL import Image
    if doc.suffix.lower() != '.pdf': return [Image.open(doc).convert('L')]
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(doc))
    out = [pdf[i].render(scale=scan_dpi(pdf[i], 300) / 72, grayscale=True).to_pil() for i in range(len(pdf))]
    pdf.close()
    return out

def bare_tesseract(img, psm:int=3) -> tuple[str, float]:
    "Text and seconds of the bare `tesseract IMG stdout` command (one OpenMP thread, as docproc runs it)."
    with tempfile.TemporaryDirectory() as td:
        p = os.path.join(td, 'page.pnm'); img.save(p)
        t = time.perf_counter()
        r = subprocess.run(['tesseract', p, 'stdout', '--psm', str(psm)], capture_output=True, text=True,
                           env={**os.environ, 'OMP_THREAD_LIMIT': '1'})
        return r.stdout, time.perf_counter() - t

def phrase_hits(text:str, phrases:Path, norm) -> tuple[int, int]:
    ph = [l for l in phrases.read_text(encoding='utf-8').splitlines() if l.strip()]
    t = norm(text)
    return sum(norm(p) in t for p in ph), len(ph)

def timing_and_text(docs:list[Path], S:Path, norm, psm:int) -> dict:
    "Per page: bare Tesseract then docproc's ocr_image on the same image; phrase recall of bare Tesseract's text."
    pages, bare_hits, total = [], 0, 0
    for d in docs:
        text = ''
        for k, img in enumerate(page_images(d), 1):
            out, tb = bare_tesseract(img)
            t = time.perf_counter(); ocr_image(img, psm=psm); td = time.perf_counter() - t
            pages.append({'doc': d.name, 'page': k, 'pixels': img.size[0] * img.size[1], 'tesseract_s': round(tb, 2),
                          'docproc_s': round(td, 2)})
            text += '\n' + out
        h, n = phrase_hits(text, S/'expected'/d.stem/'phrases.txt', norm); bare_hits += h; total += n
    tb, td = sum(p['tesseract_s'] for p in pages), sum(p['docproc_s'] for p in pages)
    return {'pages': pages, 'tesseract_s_per_page': round(tb / len(pages), 2),
            'docproc_s_per_page': round(td / len(pages), 2), 'ratio': round(td / tb, 2),
            'bare_phrases': f'{bare_hits}/{total}'}

def docproc_scores(docs:list[Path], S:Path, score, psm:int) -> dict:
    "Ingest the image-only documents with docproc (one document, one OCR worker at a time) and score them."
    with tempfile.TemporaryDirectory() as td:
        src, out = Path(td)/'in', Path(td)/'out'; src.mkdir()
        for d in docs: (src/d.name).write_bytes(d.read_bytes())
        cfg = load_config(None, overrides={'paths.out_dir': str(out), 'ingest.workers': 1, 'ingest.ocr_workers': 1,
                                           'ingest.ocr_psm': psm}, root=Path(td))
        t = time.perf_counter(); r = ingest(cfg, src=src, progress=False, force=True); secs = time.perf_counter() - t
        od = score.outputs(out)
        f1 = {'scanned': [], 'photo': []}; hits = total = 0
        for d in docs:
            o, exp = od.get(d.name), S/'expected'/d.stem
            tabs = [score.rows(t) for t in sorted(o.glob('table_*.csv'))] if o else []
            kind = 'scanned' if '-scan' in d.stem else 'photo'
            f1[kind] += [max([score.cell_f1(t, score.rows(g)) for t in tabs] or [0.0])
                         for g in sorted(exp.glob('table_*.csv'))]
            text = (o/'text.txt').read_text(encoding='utf-8') if o and (o/'text.txt').exists() else ''
            h, n = phrase_hits(text, exp/'phrases.txt', score.norm); hits += h; total += n
        return {'psm': psm, 'failed': [x.doc for x in r.failed], 'seconds': round(secs, 1),
                'phrases': f'{hits}/{total}',
                **{f'{k}_cell_f1': round(sum(v) / len(v), 3) for k, v in f1.items() if v},
                **{f'{k}_tables': len(v) for k, v in f1.items()}}

def bare_psm_candidates(docs:list[Path], S:Path, norm, psms=(3, 4, 6, 11)) -> list[dict]:
    "Bare `tesseract IMG stdout --psm N` on the same page images: phrases found and mean s/page, per psm."
    imgs = {d: page_images(d) for d in docs}
    out = []
    for psm in psms:
        hits = total = 0; secs = []
        for d in docs:
            text = ''
            for img in imgs[d]:
                t, s = bare_tesseract(img, psm); text += '\n' + t; secs.append(s)
            h, n = phrase_hits(text, S/'expected'/d.stem/'phrases.txt', norm); hits += h; total += n
        out.append({'tool': f'tesseract --psm {psm}', 'phrases': f'{hits}/{total}',
                    's_per_page': round(sum(secs) / len(secs), 2)})
    return out

def rapidocr_candidate(docs:list[Path], S:Path, norm) -> dict:
    "rapidocr-onnxruntime (the models its wheel ships) on the same page images: phrases and s/page."
    try:
        import numpy as np
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as e: return {'tool': 'rapidocr-onnxruntime', 'skipped': f'not installed ({e})'}
    eng, hits, total, secs = RapidOCR(), 0, 0, []
    for d in docs:
        text = ''
        for img in page_images(d):
            t = time.perf_counter(); res, _ = eng(np.asarray(img.convert('RGB'))); secs.append(time.perf_counter() - t)
            text += '\n' + '\n'.join(r[1] for r in (res or []))
        h, n = phrase_hits(text, S/'expected'/d.stem/'phrases.txt', norm); hits += h; total += n
    return {'tool': 'rapidocr-onnxruntime', 'phrases': f'{hits}/{total}', 's_per_page': round(sum(secs) / len(secs), 2)}

IMG2TABLE_CHILD = r'''
import io, json, sys, time
sys.path.insert(0, sys.argv[2])
from ocr import page_images
from pathlib import Path
from img2table.document import Image
from img2table.ocr import TesseractOCR
ocr, out, errors = TesseractOCR(n_threads=1, lang='eng'), {}, []
for d in sys.argv[3:]:
    tabs, secs = [], []
    for img in page_images(Path(d)):
        b = io.BytesIO(); img.save(b, 'PNG'); t = time.perf_counter()
        try: got = Image(src=b.getvalue()).extract_tables(ocr=ocr, implicit_rows=True, borderless_tables=True)
        except Exception as e: got = []; errors.append(f'{Path(d).name}: {type(e).__name__}: {e}'[:200])
        secs.append(time.perf_counter() - t)
        tabs += [[['' if v is None else str(v) for v in row] for row in x.df.values.tolist()] for x in got]
    out[Path(d).name] = {'tables': tabs, 'secs': secs}
print(json.dumps({'docs': out, 'errors': errors}))
'''

def img2table_candidate(docs:list[Path], S:Path, score, contrib_cv2:str|None) -> dict:
    "img2table (Tesseract OCR, bordered and borderless tables) on the same page images, in a child process."
    env = {**os.environ, 'PYTHONPATH': os.pathsep.join(filter(None, [contrib_cv2, str(ROOT)])), 'OMP_THREAD_LIMIT': '1'}
    r = subprocess.run([sys.executable, '-c', IMG2TABLE_CHILD, '', str(ROOT/'bench')] + [str(d) for d in docs],
                       capture_output=True, text=True, env=env)
    if r.returncode: return {'tool': 'img2table', 'skipped': r.stderr.strip().splitlines()[-1][:200]}
    res = json.loads(r.stdout.strip().splitlines()[-1]); got = res['docs']
    f1 = {'scanned': [], 'photo': []}
    for d in docs:
        tabs, kind = got[d.name]['tables'], 'scanned' if '-scan' in d.stem else 'photo'
        f1[kind] += [max([score.cell_f1(t, score.rows(g)) for t in tabs] or [0.0])
                     for g in sorted((S/'expected'/d.stem).glob('table_*.csv'))]
    secs = [s for v in got.values() for s in v['secs']]
    return {'tool': 'img2table', **{f'{k}_cell_f1': round(sum(v) / len(v), 3) for k, v in f1.items() if v},
            's_per_page': round(sum(secs) / len(secs), 2), 'errors': res['errors']}

MEM_CHILD = r'''
import json, sys
from pathlib import Path
from docproc.core import Config
from docproc.ingest import ingest_file
raw = ingest_file(Path(sys.argv[1]), Path(sys.argv[2]), Config(), 'doc')
peak = int(open('/proc/self/status').read().split('VmPeak:')[1].split()[0]) // 1024
print(json.dumps({'status': raw['status'], 'ocr_pages': raw['ocr_pages'], 'peak_mb': peak, 'seconds': raw['seconds']}))
'''

def memory_by_pages(scan:Path, counts=(1, 4, 16)) -> list[dict]:
    "Peak memory of ingesting image-only PDFs of N copies of a real scanned page, each in a fresh process."
    img = page_images(scan)[0]
    out = []
    with tempfile.TemporaryDirectory() as td:
        for n in counts:
            pdf = Path(td)/f'scan{n}.pdf'
            img.save(pdf, 'PDF', resolution=200, save_all=True, append_images=[img] * (n - 1))
            r = subprocess.run([sys.executable, '-c', MEM_CHILD, str(pdf), str(Path(td)/f'out{n}')],
                               capture_output=True, text=True, env={**os.environ, 'PYTHONPATH': str(ROOT)})
            out.append({'pages': n, **json.loads(r.stdout.strip().splitlines()[-1])})
    return out

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--set', default=str(ROOT/'bench'/'realworld'))  # the project's copy of the real-world set
    ap.add_argument('--psm', default='3,6')
    ap.add_argument('--json', default=str(ROOT/'bench'/'ocr.json'))
    ap.add_argument('--rounds', type=int, default=3)
    ap.add_argument('--contrib-cv2', default=None, help='folder with opencv-contrib-python-headless, for img2table')
    a = ap.parse_args()
    S = Path(a.set); sys.path.insert(0, str(S))
    import score
    docs = sorted(p for p in (S/'docs').iterdir() if re.search(r'-(scan|photo)\.', p.name))
    psms = [int(x) for x in a.psm.split(',')]
    cfg_psm = load_config(None).ingest.ocr_psm
    res = {'docs': [d.name for d in docs], 'cpus': os.cpu_count(), 'load_before': os.getloadavg()}
    save = lambda: Path(a.json).write_text(json.dumps(res, indent=1) + '\n')  # after each part: a long run keeps it
    rounds = res['timing_rounds'] = []
    for _ in range(a.rounds):
        rounds.append(timing_and_text(docs, S, score.norm, cfg_psm)); res['timing'] = rounds[0]; save()
    res['docproc'] = [docproc_scores(docs, S, score, p) for p in psms]; save()
    res['candidates'] = bare_psm_candidates(docs, S, score.norm); save()
    res['candidates'] += [img2table_candidate(docs, S, score, a.contrib_cv2), rapidocr_candidate(docs, S, score.norm)]
    res['memory'] = memory_by_pages(next(d for d in docs if d.suffix == '.pdf'))
    res['load_after'] = os.getloadavg(); save()
    for k, t in enumerate(rounds, 1):
        print(f"round {k}: OCR s/page (mean over {len(t['pages'])} pages): docproc {t['docproc_s_per_page']} vs bare "
              f"tesseract {t['tesseract_s_per_page']} (ratio {t['ratio']}); bare tesseract phrases {t['bare_phrases']}")
    print('| docproc psm | scanned cell F1 | photo cell F1 | phrases | seconds |\n|---|---|---|---|---|')
    for r in res['docproc']:
        print(f"| {r['psm']} | {r.get('scanned_cell_f1')} ({r['scanned_tables']} tables) | {r.get('photo_cell_f1')} | "
              f"{r['phrases']} | {r['seconds']} |")
    print('| candidate | scanned cell F1 | photo cell F1 | phrases | s/page |\n|---|---|---|---|---|')
    for c in res['candidates']:
        if 'skipped' in c: print(f"| {c['tool']} | skipped: {c['skipped']} | | | |"); continue
        print(f"| {c['tool']} | {c.get('scanned_cell_f1', '(no tables)')} | {c.get('photo_cell_f1', '(no tables)')} | "
              f"{c.get('phrases', '(not measured)')} | {c['s_per_page']} |")
    print('| pages | peak MiB | seconds |\n|---|---|---|')
    for m in res['memory']: print(f"| {m['pages']} | {m['peak_mb']} | {m['seconds']} |")

if __name__ == '__main__':
    main()
