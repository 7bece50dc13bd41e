"""The offline question writer with lemminflect's lookups cached (`docproc.text`) against plain lemminflect, on the
same chunks in one run: the 3 MB text of tests/test_reliability.py (repeated pump lines with a notice) and the chunks
of real reports when a run directory is given.

    PYTHONPATH=$PWD python bench/qa_lemma_cache.py [RUN_DIR]     # RUN_DIR: a `docproc run` data root (chunks/)
"""
import sys, time
from pathlib import Path
import lemminflect
import docproc.text as T
from docproc import qa

ROOT = Path(__file__).resolve().parents[1]
NAMES = ('getAllLemmas', 'getLemma', 'getInflection')
CACHED = {n: getattr(T, n) for n in NAMES}      # saved before `use` points the modules elsewhere
MODULES = [m for m in sys.modules.values() if getattr(m, '__name__', '').startswith('docproc.')]

def chunks(run:Path|None) -> dict[str, list[str]]:
    "Sets of chunk texts: repeated pump lines like the 3 MB reliability text, and real chunks when `run` is given."
    notice = (ROOT/'data'/'samples'/'safety_notice.txt').read_text()
    lines = ''.join(f'Line {i:07d}: pump P-101A check at 16 bar and 45 m3/h.\n' for i in range(24))
    out = {'pump lines (3 MB reliability text)': [lines] * 100 + [notice] * 5}
    if run:
        real = [f.read_text() for f in sorted((run/'chunks').glob('*/chunk_*.txt'))]
        out[f'real-world chunks ({len(real)})'] = real[:300]
    return out

def use(cached:bool) -> None:
    "Point every docproc module's lemminflect names at the cached or the plain functions."
    for name in NAMES:
        f = CACHED[name] if cached else getattr(lemminflect, name)
        if cached: f.cache_clear()
        for m in MODULES:
            if hasattr(m, name): setattr(m, name, f)

def timed(texts:list[str]) -> float:
    t0 = time.perf_counter()
    for t in texts: qa.write_candidates(t)
    return time.perf_counter() - t0

if __name__ == '__main__':
    import docproc.qa_clause, docproc.qa_figures, docproc.qa_shape   # load the writer's chapters
    MODULES[:] = [m for m in sys.modules.values() if getattr(m, '__name__', '').startswith('docproc.')]
    run = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    print('| chunks | plain lemminflect | cached (docproc.text) | speed-up |\n|---|---|---|---|')
    for name, texts in chunks(run).items():
        use(False); qa.write_candidates(texts[0]); plain = timed(texts)
        use(True); qa.write_candidates(texts[0]); cached = timed(texts)
        print(f'| {name} | {plain:.2f} s | {cached:.2f} s | {plain / cached:.1f}x |')
