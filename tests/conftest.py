import json, os, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT/'data'/'samples'
EXPECTED = ROOT/'data'/'expected'  # the samples' ground truth, beside (not inside) the input folder
os.environ.setdefault('HF_HUB_OFFLINE', '1')

@pytest.fixture
def project(tmp_path):
    "A throwaway project root with the repo's config, for runs that write outputs."
    (tmp_path/'config').mkdir()
    (tmp_path/'config'/'config.json').write_text((ROOT/'config'/'config.json').read_text())
    return tmp_path

def tree_files(root:Path) -> dict[str, bytes]:
    "Every file under `root`, by relative path, with its bytes."
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob('*')) if p.is_file()}

def comparable(root:Path) -> dict[str, bytes]:
    "A run's outputs minus what legitimately differs between runs: timings in raw.json, the run record, report and cache."
    out = {}
    for k, v in tree_files(root).items():
        if k.startswith(('runs/', 'cache/', 'report.html')): continue
        if k.endswith('raw.json'):
            d = json.loads(v); d.pop('seconds', None); v = json.dumps(d, sort_keys=True).encode()
        out[k] = v
    return out

def grounded_pairs(out:Path) -> int:
    "Every kept pair's evidence is verbatim in its chunk and its answer's numbers and codes are in the evidence (or a verified computation); returns how many pairs."
    from docproc.text import missing_facts, normalize_text
    n = 0
    for f in sorted((out/'qa').glob('*/chunk_*_qa.json')):
        chunk = (out/'chunks'/f.parent.name/f.name.replace('_qa.json', '.txt')).read_text(encoding='utf-8')
        for it in json.loads(f.read_text())['items']:
            n += 1
            assert normalize_text(it['evidence']) in normalize_text(chunk), it['id']
            computed = {'table_answer_verified', 'calculation_verified'} & set(it['checks'])
            assert computed or not missing_facts(it['answer'], it['evidence']), (it['id'], it['answer'])
    return n
