"""Stage 04 (qa) on the whole real-world set, split in two: rules are written against the `dev` documents and only
measured on the `check` documents (every third document by name), so a rule tuned for one file shows up as a gap.

    docproc run --input ../shared/realworld/docs --out DIR --backend offline --quiet --stages ingest,chunk,summarize,qa
    PYTHONPATH=$PWD python bench/qa_split.py DIR [--uncovered FILE.tsv]

Prints coverage (units, covered, by kind) for dev, check and all, kept pairs, lint failures in kept pairs and
conflicting questions; `--uncovered` writes the dev documents' uncovered units (doc, chunk, kind, text) to a TSV.
"""
import argparse, json, sys
from collections import Counter
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from qa_real import measure

def split_of(doc:str, docs:list[str]) -> str:
    "`check` for every third document in name order, else `dev`."
    return 'check' if sorted(docs).index(doc) % 3 == 2 else 'dev'

def coverage(out:Path, docs:list[str]) -> dict:
    "Units and covered units by kind, summed over `docs`."
    c = Counter()
    for d in docs:
        m = json.loads((out/'qa'/d/'qa_metadata.json').read_text())['coverage']
        c['units'] += m['units']; c['covered'] += m['covered']
        for k, v in m.get('by_kind', {}).items(): c[f'{k}_units'] += v['units']; c[f'{k}_covered'] += v['covered']
    return c

def line(name:str, c:Counter) -> str:
    "One row of the printed table."
    kinds = ', '.join(f'{k} {c[k+"_covered"]}/{c[k+"_units"]}' for k in ('sentence', 'row', 'figure'))
    return f'{name:6} coverage {c["covered"]/max(c["units"], 1):6.1%} ({c["covered"]}/{c["units"]}; {kinds})'

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('out', type=Path); ap.add_argument('--uncovered', type=Path)
    a = ap.parse_args()
    docs = sorted(p.name for p in (a.out/'qa').iterdir() if (p/'qa_metadata.json').is_file())
    parts = {s: [d for d in docs if split_of(d, docs) == s] for s in ('dev', 'check')}
    for s, ds in parts.items(): print(line(s, coverage(a.out, ds)))
    print(line('all', coverage(a.out, docs)))
    r = measure(a.out)
    print(f'kept pairs {r["pairs"]}; lint failures in kept pairs {sum(r["lint_in_kept"].values())} {r["lint_in_kept"]}; '
          f'conflicting questions {r["conflicts"]}')
    print('check documents:', ' '.join(parts['check']))
    if a.uncovered:
        with a.uncovered.open('w') as f:
            for d in parts['dev']:
                m = json.loads((a.out/'qa'/d/'qa_metadata.json').read_text())
                for ch in m['chunks']:
                    for u in ch.get('uncovered') or []:
                        f.write('\t'.join([d, ch['chunk_id'], u['kind'], ' '.join(u['text'].split())]) + '\n')
