#!/usr/bin/env python
"""Reliability scenarios of issue 11, run at bench scale, and the "## reliability" section of bench/RESULTS.md.

Scenarios (all through the real `docproc` CLI in subprocesses, helpers shared with tests/test_reliability.py):
1. bad inputs: the committed corpus + the 30 MB text + the 10 MB one-line JSON beside the samples, stages 01-02,
   under an address-space limit: every bad file must fail with a reason, nothing else may fail;
2. the 30 MB text through every stage (01-05, offline), timed, under the same limit;
3. LLM faults: `docproc run --backend openai` against the scripted server injecting every fault kind, several seeds;
4. crashes: `kill -9` at seeded random moments, re-run, outputs compared byte for byte with an uninterrupted run.

5. issue 19: a 50 MB text on one line (stages 01-02), a 5 MB Markdown pipe table (01-05, and 01-02 with the hard cap off),
   and a deleted input (what is left of it after a re-run).

Usage: `PYTHONPATH=. python bench/reliability.py [--kills 10] [--fault-seeds 3] [--only bad,faults,kills,large,deleted,table5,line50] [--write]`
Round 2 (session 5; its own section): `PYTHONPATH=. python bench/reliability.py --round2 [--only table5b,scan2000,render_all]
[--table-budget 600] [--scan-limit 360] [--write]`: the 5 MB table under a per-document budget, a 2,000-page scan's peak
RSS (stopped after the limit) and the old render-every-page-first behaviour on 200 pages.
"""
from __future__ import annotations
import argparse, json, os, platform, random, re, shutil, signal, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT/'tests'), str(ROOT/'tools')]
import test_reliability as T          # noqa: E402  (helpers: docproc(), FaultyModel, comparable, ...)
from llm_server import LLMServer      # noqa: E402
from make_bad_corpus import write_large, FILES  # noqa: E402

BAD_EXPECTED_FAIL = ['empty.txt', 'zero_bytes.pdf', 'truncated.pdf', 'encrypted.pdf', 'binary_junk.txt', 'invalid.json',
                     'missing_part.docx', 'bomb.docx', 'huge_20000x20000.png', 'unsupported.xyz', 'ragged_nul.csv']

def vm_peak_run(args:list[str], mem:int) -> tuple[subprocess.CompletedProcess, float, int]:
    "Run docproc under RLIMIT_AS; returns (result, seconds, peak virtual memory in KiB from /proc, polled)."
    import resource
    e = {**os.environ, 'DOCPROC_CONFIG': str(T.CONFIG), 'OPENROUTER_API_KEY': ''}
    t = time.monotonic()
    p = subprocess.Popen([*T.CLI, *map(str, args)], env=e, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (mem, mem)))
    peak = 0
    while p.poll() is None:
        try: peak = max(peak, int(re.search(r'VmPeak:\s+(\d+)', Path(f'/proc/{p.pid}/status').read_text()).group(1)))
        except (OSError, AttributeError): pass
        time.sleep(0.2)
    out, err = p.communicate()
    return subprocess.CompletedProcess(p.args, p.returncode, out, err), time.monotonic() - t, peak

def bad_inputs(tmp:Path) -> dict:
    inp = tmp/'in'
    shutil.copytree(T.SAMPLES, inp, ignore=shutil.ignore_patterns('expected'))
    shutil.copytree(T.BAD, inp/'bad')
    large = write_large(inp)
    r, secs, peak = vm_peak_run(['run', '--input', inp, '--out', tmp/'data', '--backend', 'offline', '--quiet', '--stages', 'ingest,chunk'], T.MEM_LIMIT)
    summary = json.loads((tmp/'data'/'runs'/'last_run.json').read_text())
    failed = T.failures(tmp/'data')
    skipped = next(s for s in summary['stages'] if s['stage'] == 'ingest')['stats'].get('skipped_files', [])
    want = {Path(f).stem for f in BAD_EXPECTED_FAIL}
    return {'tried': len(FILES) + len(large), 'failed_with_reason': sum(1 for d in want if len(failed.get(d, '')) > 10),
            'expected_failures': len(want), 'unexpected_failures': sorted(set(failed) - want),
            'skipped_reported': [s['file'] for s in skipped if s['file'].startswith('bad/')],
            'exit': r.returncode, 'memory_error': 'MemoryError' in r.stdout + r.stderr, 'seconds': round(secs, 1),
            'vm_peak_mib': peak // 1024, 'limit_mib': T.MEM_LIMIT >> 20}

def large_30mb(tmp:Path) -> dict:
    inp = tmp/'in30'; inp.mkdir(parents=True)
    p = [q for q in write_large(inp) if q.name == 'large_30mb.txt'][0]
    for q in inp.iterdir():
        if q != p: q.unlink()
    r, secs, peak = vm_peak_run(['run', '--input', inp, '--out', tmp/'d30', '--backend', 'offline', '--quiet'], T.MEM_LIMIT)
    summary = json.loads((tmp/'d30'/'runs'/'last_run.json').read_text())
    return {'exit': r.returncode, 'seconds': round(secs, 1), 'vm_peak_mib': peak // 1024,
            'stages': {s['stage']: round(s['seconds'], 1) for s in summary['stages']},
            'failed': T.failures(tmp/'d30'), 'chunks': len((tmp/'d30'/'chunks'/'large_30mb'/'chunks.jsonl').read_text().splitlines())}

def faults(tmp:Path, seed:int) -> dict:
    model, out = T.FaultyModel(seed=seed), tmp/f'f{seed}'/'data'
    inp = T.quick_input(tmp/f'f{seed}')
    t = time.monotonic()
    with LLMServer(handler=model) as srv:
        r = T.docproc('run', '--input', inp, '--out', out, '--quiet', *T.openai_args(srv),
                      env={'OPENROUTER_API_KEY': 'sk-or-v1-BENCHFAULTKEY000111222333'}, timeout=600)
        calls = srv.calls
    rej = {}
    for p in (out/'qa').glob('*/qa_metadata.json'):
        for k, v in json.loads(p.read_text())['rejections'].items(): rej[k] = rej.get(k, 0) + v
    summary = json.loads((out/'runs'/'last_run.json').read_text())
    su = next(s for s in summary['stages'] if s['stage'] == 'summarize')['stats']['usage']
    return {'seed': seed, 'exit': r.returncode, 'seconds': round(time.monotonic() - t, 1), 'requests': calls,
            'injected': dict(model.injected), 'summarize_rejected_by_reason': su['errors'], 'qa_rejections': rej,
            'kept_pairs_grounded': T.grounded_pairs(out)}

def kills(tmp:Path, n:int) -> dict:
    inp = T.quick_input(tmp/'k')
    ref = tmp/'k'/'ref'
    t = time.monotonic(); T.docproc('run', '--input', inp, '--out', ref, '--backend', 'offline', '--quiet'); clean = time.monotonic() - t
    want, killed, identical, lost = T.comparable(ref), 0, 0, 0
    env = {**os.environ, 'DOCPROC_CONFIG': str(T.CONFIG), 'OPENROUTER_API_KEY': ''}
    for seed in range(1, n + 1):
        out = tmp/'k'/f's{seed}'
        delay = random.Random(seed).uniform(0.05, 0.95) * clean
        p = subprocess.Popen([*T.CLI, 'run', '--input', str(inp), '--out', str(out), '--backend', 'offline', '--quiet'],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try: p.wait(timeout=delay)
        except subprocess.TimeoutExpired: os.killpg(p.pid, signal.SIGKILL); p.wait(); killed += 1
        r = T.docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet')
        got = T.comparable(out)
        ok = r.returncode == 0 and got == want
        identical += ok
        lost += sum(len(v) for k, v in want.items() if got.get(k) != v)
        try: T.no_partial_files(out)
        except (AssertionError, ValueError): identical -= ok
        shutil.rmtree(out)
    return {'runs': n, 'killed_mid_run': killed, 'identical_after_rerun': identical, 'bytes_lost': lost, 'clean_run_s': round(clean, 1)}


ONE_LINE = 'Line {i:07d}: pump P-101A check at 16 bar and 45 m3/h. '

def _old_lookback_seconds(mb:float) -> float:
    "Seconds `text.sentence_spans` takes on an `mb` MB single line with the look-back it had before issue 19 (to the line start)."
    code = ("import time, docproc.text as T\n"
            "T._line_start = lambda text, i, within=64: text.rfind('\\n', 0, i) + 1\n"
            f"t = ''.join({ONE_LINE!r}.format(i=i) for i in range(int({mb} * 1e6) // 56))\n"
            "s = time.perf_counter(); T.sentence_spans(t); print(time.perf_counter() - s)")
    return float(subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, check=True).stdout)

def one_line_50mb(tmp:Path) -> dict:
    "Issue 19: a 50 MB text file on one line through stages 01-02 (and the old quadratic look-back, projected from 1-2 MB)."
    inp = tmp/'in50'; inp.mkdir(parents=True)
    with open(inp/'one_line_50mb.txt', 'w') as f:
        for i in range(50_000_000 // 56): f.write(ONE_LINE.format(i=i))
    r, secs, peak = vm_peak_run(['run', '--input', inp, '--out', tmp/'d50', '--backend', 'offline', '--quiet', '--stages', 'ingest,chunk'], T.MEM_LIMIT)
    summary = json.loads((tmp/'d50'/'runs'/'last_run.json').read_text())
    rows = [json.loads(l) for l in (tmp/'d50'/'chunks'/'one_line_50mb'/'chunks.jsonl').read_text().splitlines()]
    old = {mb: round(_old_lookback_seconds(mb), 2) for mb in (1, 2)}
    k = old[2] / 2 ** 2
    return {'exit': r.returncode, 'seconds': round(secs, 1), 'vm_peak_mib': peak // 1024, 'chunks': len(rows),
            'max_tokens': max(x['tokens'] for x in rows), 'stages': {s['stage']: round(s['seconds'], 1) for s in summary['stages']},
            'old_lookback_s': old, 'old_projected_50mb_min': round(k * 50 ** 2 / 60, 1)}

def _table_input(tmp:Path) -> Path:
    inp = tmp/'in5'; inp.mkdir(parents=True)
    for f in ('safety_notice.txt', 'troubleshooting_guide.md'): shutil.copy(T.SAMPLES/f, inp)
    rows, n = [], 0
    while n < 5_000_000:
        r = f'| P-{len(rows):06d} | {len(rows) % 97} bar | seal kit SK-{len(rows) % 13} | {len(rows) % 7 * 15} m3/h |'
        rows.append(r); n += len(r) + 1
    head = '# Parts\n\n| part | pressure | kit | flow |\n|---|---|---|---|\n'
    (inp/'table_5mb.md').write_text(head + '\n'.join(rows) + '\n')
    return inp

def table_5mb(tmp:Path) -> dict:
    "Issue 19: a 5 MB Markdown pipe table beside two good documents, stages 01-05; and with the hard cap off, stage 02 only."
    inp = _table_input(tmp)
    rows = [l for l in (inp/'table_5mb.md').read_text().splitlines() if l.startswith('| P-')]
    r, secs, peak = vm_peak_run(['run', '--input', inp, '--out', tmp/'d5', '--backend', 'offline', '--quiet'], T.MEM_LIMIT)
    summary = json.loads((tmp/'d5'/'runs'/'last_run.json').read_text())
    ch = [json.loads(l) for l in (tmp/'d5'/'chunks'/'table_5mb'/'chunks.jsonl').read_text().splitlines()]
    qa = {p.parent.name: json.loads(p.read_text())['pairs']['kept'] for p in (tmp/'d5'/'qa').glob('*/qa_metadata.json')}
    r2, secs2, _ = vm_peak_run(['run', '--input', inp, '--out', tmp/'d5old', '--backend', 'offline', '--quiet', '--stages', 'ingest,chunk',
                                '--set', 'chunk.hard_max_size=1000000000'], T.MEM_LIMIT)
    old = [json.loads(l) for l in (tmp/'d5old'/'chunks'/'table_5mb'/'chunks.jsonl').read_text().splitlines()]
    return {'exit': r.returncode, 'seconds': round(secs, 1), 'vm_peak_mib': peak // 1024, 'rows': len(rows), 'chunks': len(ch),
            'max_tokens': max(x['tokens'] for x in ch), 'stages': {s['stage']: round(s['seconds'], 1) for s in summary['stages']},
            'qa_pairs_kept': qa, 'failed': T.failures(tmp/'d5'), 'no_cap_max_tokens': max(x['tokens'] for x in old),
            'no_cap_chunks': len(old)}

def table_5mb_budget(tmp:Path, budget:float) -> dict:
    "Round 2 (session 5): the 5 MB table + 2 samples, stages 01-05, with run.doc_timeout_s=`budget`: how the run ends."
    inp, out = _table_input(tmp), tmp/'d5b'
    r, secs, peak = vm_peak_run(['run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet',
                                 '--set', f'run.doc_timeout_s={budget:g}'], T.MEM_LIMIT)
    summary = json.loads((out/'runs'/'last_run.json').read_text())
    st = {s['stage']: s for s in summary['stages']}
    qa = {p.parent.name: json.loads(p.read_text())['pairs']['kept'] for p in (out/'qa').glob('*/qa_metadata.json')}
    rows = sum(1 for p in (out/'dataset').rglob('*.jsonl') for _ in p.open()) if (out/'dataset').is_dir() else 0
    return {'budget_s': budget, 'exit': r.returncode, 'seconds': round(secs, 1),
            'stages': {k: round(v['seconds'], 1) for k, v in st.items()}, 'failed': T.failures(out),
            'qa_pairs_kept': qa, 'dataset_stage': st.get('dataset', {}).get('counts'), 'dataset_rows': rows,
            'stdout_failed': [l for l in r.stdout.splitlines() if l.startswith('FAILED')][:5]}

def scan_pdf(path:Path, pages:int, dpi:int=200) -> Path:
    "A `pages`-page scan, cheaply: 10 page images of text (PIL) at `dpi`, each drawn full page (reportlab embeds each once)."
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.pdfgen import canvas
    from reportlab.lib.pagesizes import letter
    path.parent.mkdir(parents=True, exist_ok=True)
    imgs, font = [], ImageFont.load_default(size=dpi // 7)
    for k in range(10):
        im = Image.new('L', (int(8.5 * dpi), int(11 * dpi)), 255); d = ImageDraw.Draw(im)
        for i in range(28):
            line = f'Section {k}.{i}: pump P-{k}{i:02d} is rated to {i + k} bar at 45 m3/h.'
            d.text((dpi // 2, dpi // 2 + i * dpi // 3), line, fill=0, font=font)
        imgs.append(str(path.parent/f'.page_{k}.png')); im.save(imgs[-1])
    c = canvas.Canvas(str(path), pagesize=letter)
    for p in range(pages): c.drawImage(imgs[p % 10], 0, 0, *letter); c.showPage()
    c.save()
    for f in imgs: os.unlink(f)
    return path

def _tree(pid:int) -> list:
    import psutil
    try: me = psutil.Process(pid); return [me, *me.children(recursive=True)]
    except psutil.Error: return []

PAGE_HOOK = """import os
if os.environ.get('DOCPROC_BENCH_PAGES'):   # bench hook: one line per page OCR'd, so a stopped run says how far it got
    import docproc.ingest as _i
    _orig = _i.ocr_image
    def ocr_image(img, *a, **kw):
        r = _orig(img, *a, **kw)
        with open(os.environ['DOCPROC_BENCH_PAGES'], 'a') as f: f.write('.')
        return r
    _i.ocr_image = ocr_image
"""

def ingest_scan(tmp:Path, pages:int, limit_s:float) -> dict:
    """`docproc run --stages ingest` on a `pages`-page scan, stopped after `limit_s`: peak RSS of the whole process tree
    (run, worker, Tesseract; psutil every 0.2 s), pages OCR'd (a hook counts them) and seconds per page."""
    import psutil
    pdf = scan_pdf(tmp/'in'/'scan.pdf', pages)
    hook, done_f = tmp/'hook', tmp/'pages.txt'; hook.mkdir(); (hook/'sitecustomize.py').write_text(PAGE_HOOK)
    e = {**os.environ, 'DOCPROC_CONFIG': str(T.CONFIG), 'OPENROUTER_API_KEY': '', 'DOCPROC_BENCH_PAGES': str(done_f),
         'PYTHONPATH': os.pathsep.join([str(hook), os.environ.get('PYTHONPATH', ''), str(ROOT)])}
    ocrd = lambda: len(done_f.read_text()) if done_f.is_file() else 0
    t = time.monotonic()
    p = subprocess.Popen([*T.CLI, 'run', '--input', str(tmp/'in'), '--out', str(tmp/'data'), '--backend', 'offline',
                          '--quiet', '--stages', 'ingest'], env=e, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         start_new_session=True)
    peak, stopped, timeline, mark = 0, False, [], time.monotonic()
    while p.poll() is None:
        procs = _tree(p.pid); rss = 0
        for q in procs:
            try:
                rss += q.memory_info().rss
            except psutil.Error: pass
        peak = max(peak, rss)
        if time.monotonic() - mark >= 30:   # (seconds, pages OCR'd so far, tree RSS MiB now)
            timeline.append((round(time.monotonic() - t), ocrd(), rss >> 20)); mark = time.monotonic()
        if time.monotonic() - t > limit_s: os.killpg(p.pid, signal.SIGKILL); stopped = True; break
        time.sleep(0.2)
    p.wait(); secs = time.monotonic() - t
    reached = ocrd()
    return {'pages': pages, 'pdf_mb': round(pdf.stat().st_size / 2**20, 1), 'seconds': round(secs, 1),
            'stopped': stopped, 'exit': p.returncode, 'pages_ocrd': reached, 'peak_rss_mib': peak >> 20,
            's_per_page': round(secs / max(1, reached), 2), 'timeline': timeline}

def render_all_first(tmp:Path, pages:int) -> dict:
    "The old behaviour, measured: render every page of a `pages`-page scan into memory before OCR; peak RSS of that."
    pdf = scan_pdf(tmp/'old'/'scan.pdf', pages)
    code = ('import resource, sys, pypdfium2 as pdfium\n'
            'from docproc.core import Config\nfrom docproc.ingest import scan_dpi\n'
            f'pdf = pdfium.PdfDocument({str(pdf)!r}); dpi = Config().ingest.ocr_dpi\n'
            'imgs = [pdf[i].render(scale=scan_dpi(pdf[i], dpi) / 72, grayscale=True).to_pil()\n'
            '        for i in range(len(pdf))]\n'
            'print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, imgs[0].size[0], imgs[0].size[1])\n')
    base = subprocess.run([sys.executable, '-c', 'import resource, pypdfium2, docproc.ingest; '
                           'print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)'],
                          capture_output=True, text=True, check=True)
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, check=True).stdout.split()
    peak, w, h = map(int, out)
    per_page = (peak - int(base.stdout)) / pages
    return {'pages': pages, 'peak_rss_mib': peak, 'import_rss_mib': int(base.stdout),
            'mib_per_page': round(per_page, 2), 'page_px': f'{w}x{h}', 'projected_2000_gib': round(per_page * 2000 / 1024, 1)}

def deleted_input(tmp:Path) -> dict:
    "Issue 19: run the quick documents, delete one input, re-run: what is left of it anywhere."
    inp, out = T.quick_input(tmp/'del'), tmp/'del'/'data'
    T.docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet')
    before = sum('safety_notice' in l for f in (out/'dataset').glob('*.jsonl') for l in f.read_text().splitlines())
    (inp/'safety_notice.txt').unlink()
    t = time.monotonic()
    r = T.docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet')
    secs = time.monotonic() - t
    left = [str(p.relative_to(out)) for p in out.rglob('*') if 'safety_notice' in p.name and 'runs' not in p.parts]
    rows = sum('"safety_notice"' in l for f in (out/'dataset').glob('*.jsonl') for l in f.read_text().splitlines())
    w = json.loads((out/'runs'/'last_run.json').read_text())['withdrawn']
    return {'exit': r.returncode, 'rerun_s': round(secs, 1), 'dataset_rows_before': before, 'dataset_rows_after': rows,
            'paths_left': left, 'withdrawn_listed': [x['doc'] for x in w]}

NOTES = """Defects these scenarios found, fixed in the stages (same machine; "before" runs were stopped, so they are lower bounds or estimates):

| defect | before | after |
|---|---|---|
| stage 03: every merge group of a long document's summary ranked all sentences of the whole document for a fallback it rarely used | 30 MB text: ~191 merge groups x ~14 s (ranking 3 MB takes 1.4 s) = ~45 min (estimate; stopped after 10 min) | fallback ranked only when a summary is ungrounded, once per source: summarize 143 s |
| stage 04: two figure-question regexes backtracked exponentially in the number of `:` in a long sentence | one 25-line sentence: > 100 s (stopped); stage stuck > 4 min on one chunk | 0.01 s; stage 04 on the 30 MB text: 25 s |
| stage 01: a 1 MB DOCX inflating to 1 GB was read whole by python-docx | peak VSZ 3.4 GB, RSS 2.2 GB (fails under the 3 GiB limit) | refused from the zip directory, before any inflation |
| stage 02: the 10 MB one-line JSON (pretty-printed by stage 01) was one code block kept whole | one 6.6-million-token chunk; stage 03 still on it after 4 min (stopped) | code blocks over 8 x max_size cut at line boundaries: 11,317 chunks of <= 615 tokens |
| `docproc run`: a stage raising (dataset with no kept pairs) ended the run with a traceback and no run summary | traceback, exit 1, no last_run.json | the stage is reported failed with its reason; run summary and report written |
| stage 01: hidden files (`..dotdot..txt`), excluded files and symlinks leaving the input folder were dropped silently (symlinks were even read) | silent | listed with a reason under the ingest stage's `skipped_files` in the run summary; links outside the input are not read |
| stage 04 (and 03): every candidate answer re-normalised its whole chunk char by char (`find_span`), and every table question rebuilt the table's DataFrame and numeric columns | 0.5 MB table (404 chunks), first 50 chunks through `generate_doc`: 75.3 s under cProfile (1.5 s per chunk); stage 03 on the whole table 7.4 s | 27.6 s, the same 1,454 pairs (measured with the bench running beside it on the 2 cores); stage 03 2.1 s |
| stages 03-04: stage 04 ran documents one at a time in the run's process with a budget checked only between rounds, stage 03 had no budget | a document whose summary or QA never ends, queued first: the run never ended (test hang guard) | each document in a forked worker, `run.workers` at a time; killed at `run.doc_timeout_s`, the good documents get their summaries and pairs (test_stage_03_04_document_past_its_budget_...) |

The 30 MB run exits 1, correctly: its 560,000 lines ("Line N: pump P-101A check at 16 bar and 45 m3/h.") give the offline
question writer nothing it can ask about, so stage 05 has no pairs and says so. Since the sentence splitter learned to end a
sentence after any number with a unit ("45 m3/h."), the file is 560,000 sentences rather than one, and stage 04 builds
coverage units for each: its memory grew to the 3 GiB limit (MemoryError, peak VSZ 3071 MiB, in one measurement). Two fixes
brought it to the figure above: QA prompts are built only when a request slot is free, and `qa_metadata.json` lists the first
10 uncovered units per chunk instead of 50 (all are counted). Stage 04's memory still grows linearly with the size of ONE
document (about 55 MB per MB of text for this file; it holds every chunk's coverage units at once); a 60 MB single document would
need a larger limit or windowing the loop over chunks.

Issue 19 (second adversarial pass): the rows "50 MB text on one line", "5 MB Markdown pipe table" and "deleted input"
measure those cases. Stages 03 and 04 now run documents in forked workers too (`run.workers` at a time, each killed past
`run.doc_timeout_s`; the LLM concurrency and rate limits are split between the workers, the answer cache on disk is shared),
so the 5 MB table no longer holds the good documents back: their QA is written while the table is still in stage 04. Stage 04
on the table stays linear in its 4,009 chunks (offline QA asks ~28 questions per 20-row group); the budget bounds it. The other defects are behaviours, each a test in tests/test_reliability.py rather than a number: a document past
`run.doc_timeout_s` is killed (stages 01-02 run each document in a forked worker) and fails with that reason while the others
finish; a path past PATH_MAX, FIFOs, sockets, device files and links to folders are listed in `skipped_files` instead of
ending stage 01; `docproc check` masks an echoed key before cutting the message (it used to show 40 of 45 characters);
formula cells in `table_N.csv` get a leading apostrophe; Ctrl-C prints one line, exits 130 and writes the run summary; a
second run on a locked output folder stops (or waits) instead of sweeping the first run's live temp files; short Shift-JIS and
BOM-less UTF-16 text decode correctly, weak guesses are warnings. The 2,000-page scan (peak memory) belongs to the OCR work.
"""

def _short(e:str) -> str: return re.sub(r'/tmp/\S+', '<out>', e)[:170]

def section(res:dict) -> str:
    b, f, k = res['bad'], res['faults'], res['kills']
    inj = {}
    for x in f:
        for kk, v in x['injected'].items(): inj[kk] = inj.get(kk, 0) + v
    rej, srej = {}, {}
    for x in f:
        for kk, v in x['qa_rejections'].items(): rej[kk] = rej.get(kk, 0) + v
        for kk, v in x['summarize_rejected_by_reason'].items(): srej[kk] = srej.get(kk, 0) + v
    rows = [('bad inputs tried', f"{b['tried']} ({len(FILES)} committed + 2 large, beside the 9 samples)",
             f"{b['failed_with_reason']}/{b['expected_failures']} bad files failed with file + reason; unexpected failures: {b['unexpected_failures'] or 'none'}; "
             f"hidden file reported as skipped: {', '.join(b['skipped_reported']) or 'none'}; exit {b['exit']}")]
    rows.append(('memory', f"RLIMIT_AS {b['limit_mib']} MiB", f"peak VSZ {b['vm_peak_mib']} MiB (bad corpus + large files, stages 01-02); MemoryError: {'yes' if b['memory_error'] else 'no'}"))
    if res.get('large'):
        L = res['large']
        rows.append(('30 MB text, stages 01-05', f"{L['chunks']} chunks", f"{L['seconds']} s wall ({', '.join(f'{s} {v}' for s, v in L['stages'].items())}); peak VSZ {L['vm_peak_mib']} MiB; "
                     f"exit {L['exit']}" + (' (' + '; '.join(d + ': ' + _short(e) for d, e in L['failed'].items()) + ')' if L['failed'] else '')))
    if res.get('line50'):
        L = res['line50']; lb = {int(k): v for k, v in L['old_lookback_s'].items()}   # JSON keys are strings
        rows.append(('50 MB text on one line, stages 01-02', f"{L['chunks']} chunks, largest {L['max_tokens']} tokens",
                     f"{L['seconds']} s wall ({', '.join(f'{s} {v}' for s, v in L['stages'].items())}); peak VSZ {L['vm_peak_mib']} MiB; exit {L['exit']}. "
                     f"Before (look-back to the line start per sentence): {lb[1]} s for 1 MB, {lb[2]} s for 2 MB "
                     f"of sentence splitting alone, quadratic: ~{L['old_projected_50mb_min']} min projected for 50 MB"))
    if res.get('table5', {}).get('note'):   # a run stopped by hand: the stages that finished, from file times
        X = res['table5']
        rows.append(('5 MB Markdown pipe table + 2 samples, stages 01-05', f"{X['chunks']} chunks ({X['row_groups']} row groups with the header), largest {X['max_tokens']} tokens",
                     f"stage seconds: {', '.join(f'{s} {v}' for s, v in X['stages_done_s'].items())}; {X['note']}. Before the hard cap: one 2,110,564-token chunk (issue 19)"))
    elif res.get('table5'):
        X = res['table5']
        rows.append(('5 MB Markdown pipe table + 2 samples, stages 01-05', f"{X['rows']} rows -> {X['chunks']} chunks, largest {X['max_tokens']} tokens",
                     f"{X['seconds']} s wall ({', '.join(f'{s} {v}' for s, v in X['stages'].items())}); peak VSZ {X['vm_peak_mib']} MiB; exit {X['exit']}; "
                     f"QA pairs kept: {X['qa_pairs_kept']}. Hard cap off (as before): {X['no_cap_chunks']} chunk(s), largest {X['no_cap_max_tokens']} tokens"))
    if res.get('deleted'):
        D = res['deleted']
        rows.append(('deleted input, re-run', f"{D['dataset_rows_before']} dataset rows of it before",
                     f"after the re-run ({D['rerun_s']} s, exit {D['exit']}): {D['dataset_rows_after']} rows, {len(D['paths_left'])} paths left "
                     f"under out/ chunks/ summaries/ qa/ dataset/; run summary lists withdrawn: {D['withdrawn_listed']}"))
    rows.append(('LLM faults injected', f"{sum(inj.values())} over {len(f)} runs ({sum(x['requests'] for x in f)} requests)",
                 ', '.join(f'{kk} {v}' for kk, v in sorted(inj.items()))))
    rows.append(('LLM fault outcome', f"{sum(1 for x in f if x['exit'] in (0, 1))}/{len(f)} runs completed",
                 f"summarize rejections by reason: {srej or 'none (all recovered by retry/repair)'}; QA rejections by reason: {rej}; "
                 f"kept pairs, all grounded: {sum(x['kept_pairs_grounded'] for x in f)}; slowest run {max(x['seconds'] for x in f)} s"))
    rows.append(('crashes (kill -9 at random moments)', f"{k['runs']} ({k['killed_mid_run']} killed mid-run; clean run {k['clean_run_s']} s)",
                 f"{k['identical_after_rerun']}/{k['runs']} re-runs byte-identical to an uninterrupted run, no temp file left, every JSON parses"))
    rows.append(('bytes lost', str(k['bytes_lost']), 'bytes of final output that differed from the uninterrupted run, summed over all crash runs'))
    tbl = '\n'.join(f'| {a} | {b_} | {c} |' for a, b_, c in rows)
    return (f"## reliability\n\n`PYTHONPATH=. python bench/reliability.py --write` ({platform.machine()}, {os.cpu_count()} CPUs, Python "
            f"{platform.python_version()}): the scenarios of tests/test_reliability.py at bench scale (the tests run smaller versions in CI: "
            f"the 30 MB text through stages 01-02 and 3 MB through 01-05, 4 kills, 1 fault seed).\n\n"
            f"| scenario | count | result |\n|---|---|---|\n{tbl}\n\n{NOTES}")

NOTES2 = """Stage 04 per chunk, profiled with cProfile on a 200 KB slice of the table (4,169 rows, 162 chunks; `generate_doc` on
the first N chunks, offline backend). The shared machine's wall clock ran 2-3x the CPU time, so CPU seconds are given;
the same code measured twice differed by ~7% (0.347 and 0.372 CPU s/chunk at 40 chunks). The near-duplicate question index
ran one MinHash LSH over all of a document's questions, and a table's templated questions ("What is the pressure of part
P-000123?") were nearly all candidates of each other, so every new question was compared with every kept one: before,
0.41 s/chunk at 40 chunks and 0.78 at 160 (wall clock, same load), 0.435 CPU s/chunk at 160. Questions are now grouped by
the numbers and part codes they name (which the index already required to match) and only a crowded group gets an LSH:
0.347 CPU s/chunk at both 40 and 160 chunks, the same 4,312 pairs; a notebook test counts the comparisons (0 instead of
1,818 for one new question among 2,000). Memoising three pure string functions that every question over a table re-ran
on the same cells (`cell_number`: 187,000 calls for 40 chunks, `header_unit`, `normalize_text`) then gave 0.310 CPU s/chunk
at 40 chunks, the same 1,170 pairs. The 5 MB table row ran at commit 16acf45 (grouped index, before the memoising): with
a budget of 600 s its stage 04 worker was stopped with the reason while the two good documents' pairs and the dataset were
written. At ~0.31 CPU s per chunk its 4,009 chunks need ~21 CPU minutes, inside the default budget of 3,600 s on an idle
core; not measured to the end here.

The scan row was not run to the end: at 1.98 s per page on the shared cores the 2,000 pages would take ~66 minutes, so the
run was stopped after 360 s (the worker dies with it since this session) at page 182, counted by a bench hook. The RSS
of the whole process tree stayed between 194 and 281 MiB in the 30 s samples from page 19 to page 168 (peak 375 MiB):
`ocr_pages` renders at most `ingest.ocr_workers` pages at a time, so memory does not grow with the page count. The "old
behaviour" row renders every page first, as stage 01 did before, on 200 pages of the same PDF (200 dpi scans) and
projects linearly to 2,000: 7.0 GiB (the issue saw 14 GB with its own scans).

Behaviours of this round, each a test rather than a number: `kill -9` of a run with a busy worker leaves no worker behind
and a re-run gets the folder lock at once (`test_kill_9_of_the_run_takes_its_busy_worker_and_frees_the_lock`; the
worker now asks for PR_SET_PDEATHSIG and forked children drop the lock descriptors); a refused key (401) in one stage 03
or 04 worker stops the stage, at most one request per worker instead of one per document
(`test_a_refused_key_in_one_worker_stops_the_stage`); one rule, `doc_pool.in_workers`, decides threads or workers in every
stage; a withdrawal's record says the LLM cache may still hold answers made from the document and how to purge them."""

ROUND2 = '## reliability (round 2, session 5)'

def section2(res:dict) -> str:
    "The round 2 rows (issue 19, session 5): the 5 MB table under a per-document budget, the 2,000-page scan's memory."
    rows = []
    if X := res.get('table5b'):
        t = X['failed'].get('table_5mb', '')
        rows.append(('5 MB Markdown pipe table + 2 samples, stages 01-05, run.doc_timeout_s=' + f"{X['budget_s']:g}",
                     f"{X['seconds']} s wall ({', '.join(f'{s} {v}' for s, v in X['stages'].items())}); exit {X['exit']}",
                     f"table_5mb: {_short(t) or 'not failed'}; failed: {sorted(X['failed'])}; QA pairs kept: {X['qa_pairs_kept']}; "
                     f"dataset stage {X['dataset_stage']}, {X['dataset_rows']} dataset rows"))
    if S := res.get('scan2000'):
        tl = '; '.join(f'{a} s: {b} pages, {c} MiB' for a, b, c in S['timeline'][::2])
        rows.append((f"{S['pages']}-page scanned PDF ({S['pdf_mb']} MB), stage 01",
                     f"{'stopped after' if S['stopped'] else 'finished in'} {S['seconds']} s at page {S['pages_ocrd']}",
                     f"peak RSS {S['peak_rss_mib']} MiB (run + worker + Tesseract); {S['s_per_page']} s per page on the shared "
                     f"2 cores; RSS over time: {tl}"))
    if O := res.get('render_all'):
        rows.append((f"old behaviour: every page rendered first ({O['pages']} pages)", f"{O['page_px']} px per page",
                     f"peak RSS {O['peak_rss_mib']} MiB ({O['mib_per_page']} MiB per page over the {O['import_rss_mib']} MiB "
                     f"of imports): {O['projected_2000_gib']} GiB projected for 2,000 pages"))
    tbl = '\n'.join(f'| {a} | {b} | {c} |' for a, b, c in rows)
    return (f"{ROUND2}\n\n`PYTHONPATH=. python bench/reliability.py --round2 --write` ({platform.machine()}, {os.cpu_count()} "
            f"CPUs shared with four other developers, Python {platform.python_version()}).\n\n"
            f"| scenario | measure | result |\n|---|---|---|\n{tbl}\n\n{NOTES2}")

def write_section(text:str, head:str='## reliability') -> None:
    p = ROOT/'bench'/'RESULTS.md'
    cur = p.read_text()
    m = re.search('^' + re.escape(head) + r'\n.*?(?=^## |\Z)', cur, flags=re.S | re.M)
    new = cur[:m.start()] + text + '\n' + cur[m.end():] if m else cur.rstrip('\n') + '\n\n' + text
    p.write_text(new)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--kills', type=int, default=10)
    ap.add_argument('--fault-seeds', type=int, default=3)
    ap.add_argument('--only', default='bad,faults,kills,large,deleted,table5,line50', help='scenarios to (re)run; the others come from bench/reliability.json')
    ap.add_argument('--write', action='store_true')
    ap.add_argument('--round2', action='store_true', help='only the round 2 scenarios (table5b, scan2000, render_all)')
    ap.add_argument('--table-budget', type=float, default=600, help='run.doc_timeout_s of the table5b scenario')
    ap.add_argument('--scan-limit', type=float, default=360, help='seconds the 2,000-page scan may run, then it is stopped')
    a = ap.parse_args()
    if a.round2: return round2(a)
    saved = ROOT/'bench'/'reliability.json'
    res = json.loads(saved.read_text()) if saved.is_file() else {}
    todo = a.only.split(',')
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        if 'bad' in todo: res['bad'] = bad_inputs(d/'bad'); print('bad inputs:', res['bad'], flush=True)
        if 'faults' in todo: res['faults'] = [faults(d/'faults', s) for s in range(11, 11 + a.fault_seeds)]; print('faults:', res['faults'], flush=True)
        if 'kills' in todo: res['kills'] = kills(d/'kills', a.kills); print('kills:', res['kills'], flush=True)
        saved.write_text(json.dumps(res, indent=1))
        if 'large' in todo: res['large'] = large_30mb(d/'large'); print('30 MB:', res['large'], flush=True)
        if 'deleted' in todo: res['deleted'] = deleted_input(d/'deleted'); print('deleted input:', res['deleted'], flush=True)
        if 'table5' in todo: res['table5'] = table_5mb(d/'table5'); print('5 MB table:', res['table5'], flush=True)
        if 'line50' in todo: res['line50'] = one_line_50mb(d/'line50'); print('50 MB line:', res['line50'], flush=True)
        saved.write_text(json.dumps(res, indent=1))
    saved.write_text(json.dumps(res, indent=1))
    text = section(res)
    print(text)
    if a.write: write_section(text)

def round2(a) -> None:
    saved = ROOT/'bench'/'reliability.json'
    res = json.loads(saved.read_text()) if saved.is_file() else {}
    todo = a.only.split(',') if a.only != ap_default() else ['table5b', 'scan2000', 'render_all']
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        if 'table5b' in todo: res['table5b'] = table_5mb_budget(d/'t5b', a.table_budget); print(res['table5b'], flush=True)
        if 'scan2000' in todo: res['scan2000'] = ingest_scan(d/'scan', 2000, a.scan_limit); print(res['scan2000'], flush=True)
        if 'render_all' in todo: res['render_all'] = render_all_first(d/'old', 200); print(res['render_all'], flush=True)
    saved.write_text(json.dumps(res, indent=1))
    text = section2(res)
    print(text)
    if a.write: write_section(text, ROUND2)

def ap_default() -> str: return 'bad,faults,kills,large,deleted,table5,line50'

if __name__ == '__main__': main()
