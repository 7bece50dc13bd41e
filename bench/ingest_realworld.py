#!/usr/bin/env python
"""Stage 01 ingest on the real-world development set (bench/realworld/).

Writes the '## ingest (real-world)' section of bench/RESULTS.md.

One run measures, per kind of document (native PDF, scanned PDF, photographed page):
- table cell F1 (bench/realworld/score.py's measure: best-matching extracted table per expected table) of docproc
  and of the tools a user would pick instead, each on the same files;
- pages per second of docproc against markitdown (native PDFs);
- whatever else a kind registers (OCR seconds per page against bare Tesseract, phrase recall, ...).

Usage: `PYTHONPATH=. python bench/ingest.py --realworld [--kinds native,scanned] [--tools docproc,camelot] [--no-write]`
       (docproc's own outputs are kept in --out, default /tmp/docproc-realworld/, so that
       `python bench/realworld/score.py /tmp/docproc-realworld/docproc` gives the same docproc figures.)

Extending: a kind is a `Kind` in `KINDS` (which files, which tools, which extra measures); a tool is a function
`tool(path) -> ToolOutput`. Register new ones with `@tool('name')` and `KINDS['scanned'] = Kind(...)`.
"""
from __future__ import annotations
import argparse, csv, importlib.util, io, json, os, platform, re, sys, time, warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT/'bench'/'realworld'
sys.path.insert(0, str(ROOT))

def _load_score():
    "bench/realworld/score.py as a module (the measure given with the set; one definition for everyone)."
    spec = importlib.util.spec_from_file_location('realworld_score', SET/'score.py')
    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m); return m

score = _load_score()

@dataclass
class ToolOutput:
    "What one tool got from one file: its tables (rows of strings), its plain text, and how long it took."
    tables: list[list[list[str]]] = field(default_factory=list)
    text: str = ''
    seconds: float = 0.0
    pages: int = 0
    error: str = ''

TOOLS: dict[str, Callable[[Path], ToolOutput]] = {}

def tool(name:str):
    "Register `fn(path) -> ToolOutput` under `name`."
    def deco(fn): TOOLS[name] = fn; return fn
    return deco

@dataclass
class Kind:
    "A kind of document in the set: which files, which tools run on them, and extra measures of that kind."
    name: str
    match: Callable[[Path], bool]                                # file -> belongs to this kind
    tools: list[str]                                             # names in TOOLS; the first is docproc
    # (files, results) -> Markdown lines
    extras: list[Callable[[list[Path], dict], list[str]]] = field(default_factory=list)

def _kind_of(p:Path) -> str: return 'scanned' if '-scan' in p.stem else 'photo' if '-photo' in p.stem else 'native'

KINDS: dict[str, Kind] = {}

# ---------------------------------------------------------------- tools
_CFG = None
def _cfg():
    global _CFG
    if _CFG is None:
        from docproc.core import Config
        _CFG = Config()
    return _CFG

def _n_pages(path:Path) -> int:
    if path.suffix.lower() != '.pdf': return 1
    import pypdfium2 as pdfium
    d = pdfium.PdfDocument(str(path)); n = len(d); d.close(); return n

OUT = Path('/tmp/docproc-realworld')

@tool('docproc')
def run_docproc(path:Path) -> ToolOutput:
    "docproc's local ingest (the same call the stage makes), outputs kept under OUT/docproc/<name>/ for score.py."
    from docproc.ingest import ingest_file
    t = time.perf_counter()
    raw = ingest_file(path, OUT/'docproc'/path.stem, _cfg(), path.stem)
    sec = time.perf_counter() - t
    folder = OUT/'docproc'/path.stem
    tabs = [score.rows(p) for p in sorted(folder.glob('table_*.csv'), key=lambda p: int(re.findall(r'\d+', p.stem)[0]))]
    text = (folder/'text.txt').read_text(encoding='utf-8') if (folder/'text.txt').exists() else ''
    return ToolOutput(tabs, text, sec, raw.get('pages') or _n_pages(path), '; '.join(raw.get('errors') or []))

@tool('pdfplumber')
def run_pdfplumber(path:Path) -> ToolOutput:
    "pdfplumber's `extract_tables()` with its defaults, every page."
    import pdfplumber
    t = time.perf_counter()
    with pdfplumber.open(str(path)) as doc:
        tabs = [[[c or '' for c in r] for r in tb] for page in doc.pages for tb in page.extract_tables()]
        n = len(doc.pages)
    return ToolOutput(tabs, '', time.perf_counter() - t, n)

def _camelot(path:Path, flavors:tuple[str, ...]) -> ToolOutput:
    import camelot
    t, tabs = time.perf_counter(), []
    for fl in flavors:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            tabs += [tb.df.astype(str).values.tolist() for tb in camelot.read_pdf(str(path), pages='all', flavor=fl)]
    return ToolOutput(tabs, '', time.perf_counter() - t, _n_pages(path))

@tool('camelot-lattice')
def run_camelot_lattice(path:Path) -> ToolOutput: return _camelot(path, ('lattice',))

@tool('camelot-stream')
def run_camelot_stream(path:Path) -> ToolOutput: return _camelot(path, ('stream',))

@tool('camelot')
def run_camelot_both(path:Path) -> ToolOutput:
    "camelot lattice and stream together (every table of both; the measure picks the best match per expected table)."
    return _camelot(path, ('lattice', 'stream'))

def pipe_tables(md:str) -> list[list[list[str]]]:
    "The pipe tables of a Markdown text, as rows of cells (separator lines dropped)."
    out, cur = [], []
    for line in md.splitlines() + ['']:
        s = line.strip()
        if s.startswith('|') and s.endswith('|') and len(s) > 1:
            cells = [c.strip() for c in s[1:-1].split('|')]
            if not all(re.fullmatch(r':?-{2,}:?', c) for c in cells if c): cur.append(cells)
        elif cur: out.append(cur); cur = []
    return out

_MID = None
@tool('markitdown')
def run_markitdown(path:Path) -> ToolOutput:
    "markitdown's `convert()`; its Markdown pipe tables count as its tables."
    global _MID
    from markitdown import MarkItDown
    _MID = _MID or MarkItDown()
    t = time.perf_counter()
    md = _MID.convert(str(path)).text_content
    return ToolOutput(pipe_tables(md), md, time.perf_counter() - t, _n_pages(path))

# ---------------------------------------------------------------- measures
def doc_f1(out:ToolOutput, path:Path) -> list[float]:
    "For each expected table of `path`, the best cell F1 over the tool's tables (score.py's rule)."
    exp = SET/'expected'/path.stem
    return [max([score.cell_f1(t, score.rows(g)) for t in out.tables] or [0.0])
            for g in sorted(exp.glob('table_*.csv'))]

def run_kind(kind:Kind, files:list[Path], tools:list[str]) -> dict:
    "{tool: {file name: (ToolOutput, [F1 per expected table])}} for the files of one kind."
    res = {}
    for name in tools:
        res[name] = {}
        for p in files:
            try: o = TOOLS[name](p)
            except Exception as e: o = ToolOutput(error=f'{type(e).__name__}: {e}'[:200], pages=_n_pages(p))
            res[name][p.name] = (o, doc_f1(o, p))
            print(f'{kind.name:8s} {name:16s} {p.name:22s} {len(o.tables):3d} tables  {o.seconds:6.2f}s  F1 '
                  + ' '.join(f'{x:.2f}' for x in res[name][p.name][1]) + (f'  ERROR {o.error}' if o.error else ''),
                  flush=True)
    return res

def mean(xs): xs = list(xs); return sum(xs) / len(xs) if xs else float('nan')

def f1_lines(kind:Kind, files:list[Path], res:dict) -> list[str]:
    "Markdown: mean cell F1 per tool, then per file."
    tools = list(res)
    n = sum(len(f) for f in res[tools[0]].values() for f in [f[1]])
    L = [f'### {kind.name}: table cell F1 ({len(files)} files, {n} expected tables)', '',
         '| tool | mean cell F1 | tables >= 0.95 | tables found |', '|---|---|---|---|']
    for t in tools:
        f1 = [x for _, f in res[t].values() for x in f]
        found = sum(len(o.tables) for o, _ in res[t].values())
        L.append(f'| {t} | **{mean(f1):.3f}** | {sum(x >= 0.95 for x in f1)} of {len(f1)} | {found} |')
    L += ['', '<details><summary>per file</summary>', '',
          '| file | ' + ' | '.join(tools) + ' |', '|---' * (len(tools) + 1) + '|']
    for p in files:
        L.append(f'| {p.name} | ' + ' | '.join(' '.join(f'{x:.2f}' for x in res[t][p.name][1]) for t in tools) + ' |')
    return L + ['', '</details>', '']

def speed_lines(files:list[Path], res:dict) -> list[str]:
    "Markdown: pages per second of every tool that ran, over the same files (one pass each)."
    L = ['### native: pages per second (same files, same run, one pass each)', '',
         '| tool | pages | seconds | pages/s |', '|---|---|---|---|']
    for t, r in res.items():
        pg, sec = sum(o.pages for o, _ in r.values()), sum(o.seconds for o, _ in r.values())
        L.append(f'| {t} | {pg} | {sec:.1f} | {pg / sec if sec else 0:.1f} |')
    return L + ['']

KINDS['native'] = Kind('native', lambda p: _kind_of(p) == 'native',
                       ['docproc', 'pdfplumber', 'camelot-lattice', 'camelot-stream', 'camelot', 'markitdown'],
                       [lambda files, res: speed_lines(files, res)])

def phrase_lines(files:list[Path], res:dict) -> list[str]:
    "Markdown: OCR phrase recall (lines of the native text layer found in the tool's text, score.py's rule)."
    L = ['| tool | phrases found |', '|---|---|']
    for t, r in res.items():
        h = n = 0
        for p in files:
            text = score.norm(r[p.name][0].text)
            for line in filter(str.strip, (SET/'expected'/p.stem/'phrases.txt').read_text().splitlines()):
                n += 1; h += score.norm(line) in text
        L.append(f'| {t} | {h}/{n} |')
    return L + ['', 'OCR time per page against bare Tesseract and the OCR candidates (img2table, rapidocr, psm '
                'modes): `bench/ocr.py`, in `## OCR (scans and photos, session 5)`.', '']

# The OCR kinds: docproc alone (camelot, pdfplumber and markitdown read no image-only page); bench/ocr.py measures
# the OCR candidates and times on the same images.
KINDS['scanned'] = Kind('scanned', lambda p: _kind_of(p) == 'scanned', ['docproc'], [phrase_lines])
KINDS['photo'] = Kind('photo', lambda p: _kind_of(p) == 'photo', ['docproc'], [phrase_lines])

NOTES = ['### notes', '',
         '- Baseline before this work (main at 2c2b6b6, same measure, same files): docproc native **0.603** over 100 '
         'tables.',
         '- Choice by the numbers: camelot is measured as the alternative. Lattice alone and stream alone are each '
         'far below docproc; "camelot" (lattice and stream together) is the union of both flavours\' tables, of which '
         'the measure '
         'picks the best match per expected table: an upper bound no single output reaches, with 2-3x as many tables '
         'as exist. docproc keeps its own method (pdfplumber words and rules, `docproc/ingest_tables.py`): one set of '
         'tables per document, no new dependency, and faster than camelot lattice.',
         '- The method is tuned for the kind of document (government statistics reports), never one file: column bands '
         'from row alignment, spanning and wrapped headers, wrapped row labels, ruled rows split per text line, outer '
         'columns beyond vertical rules, TOC/index pages not tables. Remaining misses are mostly ground-truth text '
         'quirks (us-036: `takinga`, `froms chool`), legends read as tables, and tables whose structure differs from '
         'the '
         'ground truth\'s (us-025).',
         '- pages/s: one pass per tool over the same 49 native PDFs on a 2-core machine shared with other jobs; read '
         'the '
         'ratio, not the absolute figure.',
         '- Only the native kind runs here unless others are registered: the scanned and photographed kinds are added '
         'to `KINDS` by the OCR work. The `data/samples` figures stay in `## ingest`.', '']

def write_section(text:str) -> None:
    "Replace (or append) this script's own section of bench/RESULTS.md, leaving every other section as it is."
    res = ROOT/'bench'/'RESULTS.md'
    old = res.read_text(encoding='utf-8') if res.is_file() else '# Benchmarks\n'
    head = text.split('\n', 1)[0].strip()
    kept = [p for p in re.split(r'(?m)^(?=## )', old) if p.split('\n', 1)[0].strip() != head]
    res.write_text(''.join(kept).rstrip('\n') + '\n\n' + text.rstrip('\n') + '\n', encoding='utf-8')

def main(argv:list[str]|None=None) -> int:
    global OUT
    ap = argparse.ArgumentParser(description='docproc ingest on bench/realworld/')
    ap.add_argument('--kinds', default=','.join(KINDS)); ap.add_argument('--tools', default='')
    ap.add_argument('--files', default='', help='comma-separated file stems (default: all of each kind)')
    ap.add_argument('--out', default=str(OUT)); ap.add_argument('--no-write', action='store_true')
    a = ap.parse_args(argv)
    OUT = Path(a.out)
    L = ['## ingest (real-world)', '',
         f'Run {time.strftime("%Y-%m-%d %H:%M")} on {platform.machine()}, {os.cpu_count()} cores (shared), Python '
         f'{platform.python_version()}: `PYTHONPATH=. python bench/ingest.py --realworld`. Set: bench/realworld/ '
         '(ICDAR 2013 table competition reports, see its README); measure: bench/realworld/score.py\'s cell F1.', '']
    docs = sorted(p for p in (SET/'docs').iterdir() if p.is_file())
    for kn in a.kinds.split(','):
        kind = KINDS[kn]
        files = [p for p in docs if kind.match(p) and (not a.files or p.stem in a.files.split(','))]
        tools = [t for t in kind.tools if not a.tools or t in a.tools.split(',')]
        res = run_kind(kind, files, tools)
        L += f1_lines(kind, files, res)
        for extra in kind.extras: L += extra(files, res)
    L += NOTES
    text = '\n'.join(L)
    print(text)
    if not a.no_write: write_section(text)
    return 0

if __name__ == '__main__': sys.exit(main())
