"""A seeded random sample of TABLE pairs (type `table`, or a reasoning pair whose evidence is table rows) from the dev
documents of a run (`bench/qa_split.py` splits dev and check), with each pair's evidence, for a reader to judge.

    PYTHONPATH=$PWD python bench/qa_tabq_sample.py RUN_DIR --seed 1701 [--n 40] [--out FILE.md]

Verdict columns are left `?`; the judged samples of session 7 are in `bench/qa_sample_s7_tabq.md`.
"""
import argparse, json, random, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from qa_split import split_of

def table_pairs(run:Path, split:str='dev') -> list[dict]:
    "Kept table pairs of the `split` documents of `run`, in a stable order."
    docs = sorted(p.name for p in (run/'qa').iterdir() if (p/'qa_metadata.json').is_file())
    out = []
    for d in (d for d in docs if split_of(d, docs) == split):
        for f in sorted((run/'qa'/d).glob('chunk_*_qa.json')):
            out += [i for i in json.loads(f.read_text())['items']
                    if i['type'] == 'table' or i['evidence'].lstrip().startswith('|')]
    return out

def sample_md(items:list[dict], seed:int, n:int, run:Path) -> str:
    "The sample as a Markdown table, verdict columns blank."
    cell = lambda x, k=300: ' '.join(str(x).split())[:k].replace('|', '\\|')
    rows = [f'| {k} | {i["id"]} | {cell(i["question"])} | {cell(i["answer"])} | {cell(i["evidence"])} | ? | |'
            for k, i in enumerate(random.Random(seed).sample(items, min(n, len(items))), 1)]
    return (f'## {n} table pairs from the dev documents (seed {seed}, run {run}, {len(items)} table pairs)\n\n'
            '| # | id | question | answer | evidence | useful | note |\n'
            '|---|---|---|---|---|---|---|\n' + '\n'.join(rows) + '\n')

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('run', type=Path); ap.add_argument('--seed', type=int, default=1701)
    ap.add_argument('--n', type=int, default=40); ap.add_argument('--out', type=Path)
    a = ap.parse_args()
    md = sample_md(table_pairs(a.run), a.seed, a.n, a.run)
    a.out.write_text(md) if a.out else print(md)
