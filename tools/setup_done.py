#!/usr/bin/env python
"""Exit 0 when docproc's set-up is already done for the given extras, else 1 and say what is missing.

    python tools/setup_done.py dev,train,ray

Done means: the system commands `tools/setup_system.sh` installs are present (`setup_system.sh --check`),
`import docproc` from this folder's Python finds this project's package, the `docproc` command is on
PATH, and every requirement of the core install and of the extras (settings.ini) is installed at a
matching version. `make demo` and `make test` skip `apt-get` and `pip install -e` when it is.
"""
from __future__ import annotations
import configparser, importlib.metadata as md, shutil, subprocess, sys
from pathlib import Path
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]

def requirements(extras:list[str]) -> list[str]:
    "The requirement strings of the core install and of `extras`, from settings.ini."
    cfg = configparser.ConfigParser(); cfg.read(ROOT/'settings.ini')
    d = cfg['DEFAULT']
    return d.get('requirements', '').split() + [r for e in extras if e for r in d.get(f'{e}_requirements', '').split()]

def missing_requirements(reqs:list[str]) -> list[str]:
    "The requirements not installed, or installed at a version outside their specifier."
    out = []
    for r in map(Requirement, reqs):
        try: v = md.version(r.name)
        except md.PackageNotFoundError: out.append(f'{r} (not installed)'); continue
        if r.specifier and not r.specifier.contains(v, prereleases=True): out.append(f'{r} (have {v})')
    return out

def problems(extras:list[str]) -> list[str]:
    "Everything that `make setup` would still have to do."
    out = []
    sysck = subprocess.run(['bash', str(ROOT/'tools'/'setup_system.sh'), '--check'], capture_output=True, text=True)
    if sysck.returncode: out.append(sysck.stdout.strip() or 'system packages missing')
    found = subprocess.run([sys.executable, '-c', 'import docproc; print(docproc.__file__)'], cwd='/',
                           capture_output=True, text=True)
    here = ROOT/'docproc'/'__init__.py'
    if found.returncode or Path(found.stdout.strip()).resolve() != here.resolve():
        out.append(f'`import docproc` does not find {here} (pip install -e . has not been run here)')
    if not shutil.which('docproc'): out.append('the `docproc` command is not on PATH')
    out += [f'python package: {m}' for m in missing_requirements(requirements(extras))]
    return out

if __name__ == '__main__':
    todo = problems(sys.argv[1].split(',') if len(sys.argv) > 1 else [])
    for t in todo: print(f'set-up needed: {t}')
    sys.exit(1 if todo else 0)
