"""A seeded random sample of kept NON-TABLE pairs from the DEV documents of a run (bench/qa_split.py's split), with
each pair's evidence, for a reader to judge (issue 17: precision of the questions already written).

    PYTHONPATH=$PWD python bench/qa_sample_prec.py RUN_DIR --seed 1 --n 40 > sample.md
"""
import argparse, json, random, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from qa_split import split_of

def dev_items(out:Path) -> list[dict]:
    "Kept non-table pairs of the dev documents of run `out`, in document and chunk order."
    docs = sorted(p.name for p in (out/'qa').iterdir() if (p/'qa_metadata.json').is_file())
    return [i for d in docs if split_of(d, docs) == 'dev' for f in sorted((out/'qa'/d).glob('chunk_*_qa.json'))
            for i in json.loads(f.read_text())['items'] if i['type'] != 'table']

def table(items:list[dict]) -> str:
    "Markdown rows, verdict column left `?`."
    cell = lambda x, k=300: ' '.join(str(x).split())[:k].replace('|', '\\|')
    return '\n'.join(f'| {k} | {i["doc"]} | {cell(i["question"])} | {cell(i["answer"], 200)} | '
                     f'{cell(i["evidence"], 200)} | ? | |' for k, i in enumerate(items, 1))

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('out', type=Path); ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--n', type=int, default=40)
    a = ap.parse_args()
    items = dev_items(a.out)
    s = random.Random(a.seed).sample(items, min(a.n, len(items)))
    print(f'seed {a.seed}, {len(s)} of {len(items)} kept non-table pairs of the dev documents of {a.out}\n')
    print('| # | doc | question | answer | evidence | useful | note |\n|---|---|---|---|---|---|---|')
    print(table(s))
