"""Reading order across columns on the real-world set: how many sentences of the extracted text are glued across
columns, in docproc's ingest output and in the text of a named alternative measured in the same run.

    docproc run --input ../shared/realworld/docs --out DIR --backend offline --quiet --stages ingest
    PYTHONPATH=$PWD python bench/columns.py DIR [--docs ../shared/realworld/docs]

A sentence counts as glued when the QA stage's own detectors flag it: `qa_aside.columns_merged` (a line-end hyphen
before the other column's word, glued footnote marks) or `qa_shape.broken_answer` (`non- had`, `of of`, a footnote
number glued to a year). The alternatives read the same native PDFs' text layers: pdfplumber's `extract_text()`
(line by line across the page) and PyMuPDF's `get_text(sort=True)` when PyMuPDF is installed. Scanned and photo
inputs are counted for docproc only (the alternatives have no OCR).
"""
import argparse, re, sys
from collections import Counter
from pathlib import Path
from docproc.qa_aside import columns_merged
from docproc.qa_shape import broken_answer
from docproc.text import split_sentences

def glued(text:str) -> int:
    "Sentences of `text` (paragraphs split at blank lines; table rows and comments left out) flagged as glued."
    n = 0
    for para in re.split(r'\n\s*\n', text):
        if para.lstrip().startswith(('|', '<!--')): continue
        n += sum(columns_merged(s) or broken_answer(s) for s in split_sentences(para.replace('\n', ' ')))
    return n

def alternatives(pdf:Path) -> dict[str, str]:
    "The text layer of `pdf` as the alternatives read it."
    import pdfplumber
    with pdfplumber.open(str(pdf)) as p: out = {'pdfplumber': '\n\n'.join(pg.extract_text() or '' for pg in p.pages)}
    try: import fitz
    except ImportError: return out
    with fitz.open(str(pdf)) as d: out['pymupdf'] = '\n\n'.join(pg.get_text(sort=True) for pg in d)
    return out

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('out'); ap.add_argument('--docs', default='../shared/realworld/docs')
    a = ap.parse_args()
    tot, per = Counter(), {}
    for src in sorted(Path(a.docs).iterdir()):
        md = Path(a.out)/'out'/src.stem/'text.raw.md'
        if not md.exists(): continue
        row = {'docproc': glued(md.read_text(encoding='utf-8'))}
        if src.suffix == '.pdf' and '-scan' not in src.stem: row |= {k: glued(v) for k, v in alternatives(src).items()}
        tot.update(row); per[src.stem] = row
    for d, row in per.items():
        if any(row.values()): print(f'{d:14s} ' + '  '.join(f'{k} {v}' for k, v in row.items()))
    print('glued sentences, all inputs:', '  '.join(f'{k} {v}' for k, v in tot.items()))
