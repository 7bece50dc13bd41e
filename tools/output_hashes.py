"""Hashes of every pipeline output, so a change that must not alter behaviour (issue 21's restructuring) can prove it.

    python tools/output_hashes.py DATA_ROOT [--write FILE | --check FILE]

DATA_ROOT is a `docproc run --out DATA_ROOT` folder. Every file under its stage folders (out/, chunks/, summaries/,
qa/, dataset/) is hashed; run summaries and the HTML report are left out (they record when and how long), and in JSON
and JSONL files the keys that hold timings are dropped before hashing. `--write` stores the hashes, `--check` compares
against stored ones and exits 1 naming every file that was added, removed or changed.
"""
from __future__ import annotations
import hashlib, json, sys
from pathlib import Path

STAGE_DIRS = ('out', 'chunks', 'summaries', 'qa', 'dataset')
VOLATILE_KEYS = {'seconds', 'started', 'finished', 'elapsed', 'duration_s', 'created_at', 'timestamp'}

def _stable(obj):
    "`obj` with every timing key removed, at any depth."
    if isinstance(obj, dict): return {k: _stable(v) for k, v in obj.items() if k not in VOLATILE_KEYS}
    if isinstance(obj, list): return [_stable(v) for v in obj]
    return obj

def file_hash(p:Path) -> str:
    "sha256 of a file's content, with timing keys dropped from JSON and JSONL."
    data = p.read_bytes()
    try:
        if p.suffix == '.json': data = json.dumps(_stable(json.loads(data)), sort_keys=True).encode()
        elif p.suffix == '.jsonl':
            data = b'\n'.join(json.dumps(_stable(json.loads(l)), sort_keys=True).encode() for l in data.splitlines() if l.strip())
    except (ValueError, UnicodeDecodeError): pass
    return hashlib.sha256(data).hexdigest()

def output_hashes(root:Path) -> dict[str, str]:
    "Relative path -> hash for every file under `root`'s stage folders."
    return {str(p.relative_to(root)): file_hash(p) for d in STAGE_DIRS if (root/d).is_dir()
            for p in sorted((root/d).rglob('*')) if p.is_file()}

def compare(stored:dict, now:dict) -> list[str]:
    "One line per file added, removed or changed."
    return ([f'added: {k}' for k in sorted(now.keys() - stored.keys())] +
            [f'removed: {k}' for k in sorted(stored.keys() - now.keys())] +
            [f'changed: {k}' for k in sorted(now.keys() & stored.keys()) if now[k] != stored[k]])

if __name__ == '__main__':
    root, mode, f = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    now = output_hashes(root)
    if mode == '--write': f.write_text(json.dumps(now, indent=0, sort_keys=True) + '\n'); print(f'{len(now)} hashes -> {f}')
    else:
        diff = compare(json.loads(f.read_text()), now)
        print('\n'.join(diff) or f'{len(now)} files: identical'); sys.exit(1 if diff else 0)
