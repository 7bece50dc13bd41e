"""Stage 04 (qa) on the whole real-world set, split in two: rules are written against the `dev` documents and only
measured on the `check` documents (every third document by name), so a rule tuned for one file shows up as a gap.

    docproc run --input ../shared/realworld/docs --out DIR --backend offline --quiet --stages ingest,chunk,summarize,qa
    PYTHONPATH=$PWD python bench/qa_split.py DIR [--uncovered FILE.tsv]

Prints coverage (units, covered, by kind) for dev, check and all, kept pairs, lint failures in kept pairs and
conflicting questions; `--uncovered` writes the dev documents' uncovered units (doc, chunk, kind, text) to a TSV;
`--sample SEED --sample-out FILE.md` draws a seeded random sample of 50 kept pairs over the whole set, with each pair's
evidence, for a reader to judge (verdict columns left `?`).
"""
import argparse, json, sys
from collections import Counter
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from qa_real import measure, sample

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

def sample_for_judge(items:list[dict], seed:int, run:Path) -> str:
    "A Markdown table of a seeded sample of 50 kept pairs with their evidence, verdict columns blank."
    cell = lambda x, k=400: ' '.join(str(x).split())[:k].replace('|', '\\|')
    rows = [f'| {k} | {i["id"]} | {i["type"]} | {cell(i["question"])} | {cell(i["answer"])} | {cell(i["evidence"])} '
            f'| ? | ? | ? | |' for k, i in enumerate(sample(items, 50, seed), 1)]
    return (f'# qa: a seeded random sample of 50 kept pairs over the whole real-world set (seed {seed}, run {run})\n\n'
            'Columns: natural and self-contained? correct against the source? useful for teaching the document\'s facts?\n\n'
            '| # | id | type | question | answer | evidence | natural | correct | useful | note |\n'
            '|---|---|---|---|---|---|---|---|---|---|\n' + '\n'.join(rows) + '\n')

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('out', type=Path); ap.add_argument('--uncovered', type=Path)
    ap.add_argument('--sample', type=int); ap.add_argument('--sample-out', type=Path)
    a = ap.parse_args()
    docs = sorted(p.name for p in (a.out/'qa').iterdir() if (p/'qa_metadata.json').is_file())
    parts = {s: [d for d in docs if split_of(d, docs) == s] for s in ('dev', 'check')}
    for s, ds in parts.items(): print(line(s, coverage(a.out, ds)))
    print(line('all', coverage(a.out, docs)))
    r = measure(a.out)
    print(f'kept pairs {r["pairs"]}; lint failures in kept pairs {sum(r["lint_in_kept"].values())} {r["lint_in_kept"]}; '
          f'conflicting questions {r["conflicts"]}')
    print('check documents:', ' '.join(parts['check']))
    if a.sample is not None and a.sample_out: a.sample_out.write_text(sample_for_judge(r['items'], a.sample, a.out))
    if a.uncovered:
        with a.uncovered.open('w') as f:
            for d in parts['dev']:
                m = json.loads((a.out/'qa'/d/'qa_metadata.json').read_text())
                for ch in m['chunks']:
                    for u in ch.get('uncovered') or []:
                        f.write('\t'.join([d, ch['chunk_id'], u['kind'], ' '.join(u['text'].split())]) + '\n')
