#!/usr/bin/env python
"""Keep the nbdev invariants: docproc/ is what `nbdev_export` makes of nbs/, notebooks are clean, and
README.md is what `nbs/index.ipynb` renders to.

`python tools/nbdev_sync.py --check` (the test command) exports, cleans and renders, and fails if any
of them changed a file, naming the files: the package was out of sync with the notebooks.
`python tools/nbdev_sync.py` (no flag) does the same and just reports what it updated.
README.md is rendered without Quarto (which cannot be installed offline): nbconvert's Markdown
exporter over the notebook's source cells, with nbdev directives (`#| hide`, `#| export`, ...) honoured.
"""
from __future__ import annotations
import hashlib, re, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def _digest(paths) -> dict[str, str]:
    return {str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(paths) if p.is_file()}

def _changed(before:dict, after:dict) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))

def _directives(src:str) -> tuple[dict, str]:
    "Split nbdev `#| key: value` directives off the top of a cell."
    d, lines = {}, src.splitlines()
    while lines and lines[0].startswith('#|'):
        line = lines.pop(0)[2:].strip()
        k, _, v = line.partition(':') if ':' in line else (line, '', '')
        words = k.split()
        if words: d[words[0]] = v.strip() or ' '.join(words[1:]) or True
    return d, '\n'.join(lines)

def render_readme(nb_path:Path=ROOT/'nbs'/'index.ipynb') -> str:
    "README.md text for `nb_path`: markdown cells as they are, code cells fenced, hidden cells dropped."
    import nbformat
    from nbconvert import MarkdownExporter
    nb = nbformat.read(nb_path, as_version=4)
    keep = []
    for c in nb.cells:
        if c.cell_type == 'code':
            d, src = _directives(c.source)
            if 'hide' in d or d.get('echo') == 'false' or 'default_exp' in d or not src.strip(): continue
            c.source = src
            c.outputs = [o for o in c.get('outputs', []) if o.get('output_type') in ('stream', 'execute_result')]
        elif c.cell_type == 'raw': continue
        keep.append(c)
    nb.cells = keep
    body, _ = MarkdownExporter(exclude_input_prompt=True, exclude_output_prompt=True).from_notebook_node(nb)
    body = re.sub(r'\n{3,}', '\n\n', body).strip() + '\n'
    return '<!-- Generated from nbs/index.ipynb by tools/nbdev_sync.py: edit the notebook, not this file. -->\n\n' + body

def mixed_import_cells(nbs_dir:Path=ROOT/'nbs') -> list[str]:
    """Non-exported cells that mix imports with other code. nbdev's docs processing executes every cell
    that imports something (so `show_doc` works), out of order: such a cell then runs without the
    names earlier cells define and breaks the docs build (nbdev FAQ: keep imports in their own cell)."""
    import ast, nbformat
    out = []
    for nb_path in sorted(nbs_dir.glob('*.ipynb')):
        for i, c in enumerate(nbformat.read(nb_path, as_version=4).cells):
            if c.cell_type != 'code': continue
            d, src = _directives(c.source)
            if d.keys() & {'export', 'exports', 'exporti', 'exec_doc'} or str(d.get('eval', '')).lower() == 'false': continue
            if 'nbdev_export()' in src: continue  # nbdev never executes these while processing docs
            try: tree = ast.parse(src)
            except SyntaxError: continue
            imports = any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.walk(tree))
            other = [n for n in tree.body if not isinstance(n, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
            if imports and other:
                out.append(f'{nb_path.name} cell {i}')
    return out

def main(check:bool) -> int:
    problems = []
    lib = lambda: _digest((ROOT/'docproc').rglob('*.py'))
    nbs = lambda: _digest((ROOT/'nbs').glob('*.ipynb'))
    before = lib()
    subprocess.run(['nbdev_export'], cwd=ROOT, check=True)
    if ch := _changed(before, lib()): problems.append('nbdev_export changed (docproc/ was out of sync with nbs/): ' + ', '.join(ch))
    before = nbs()
    subprocess.run(['nbdev_clean'], cwd=ROOT, check=True)
    if ch := _changed(before, nbs()): problems.append('nbdev_clean changed (notebooks were not clean): ' + ', '.join(ch))
    readme, text = ROOT/'README.md', render_readme()
    if not readme.exists() or readme.read_text(encoding='utf-8') != text:
        readme.write_text(text, encoding='utf-8')
        problems.append('README.md was not current with nbs/index.ipynb')
    if mixed := mixed_import_cells():
        problems.append('cells mix imports with other code (move the imports to their own cell; it breaks the docs build): ' + ', '.join(mixed))
    for p in problems: print(('ERROR: ' if check else 'updated: ') + p, file=sys.stderr)
    if check and problems:
        print('The files above have now been regenerated: review and commit them.', file=sys.stderr)
        return 1
    print('nbdev sync: docproc/, nbs/ and README.md are consistent' if not problems else 'nbdev sync: updated')
    return 0

if __name__ == '__main__': sys.exit(main('--check' in sys.argv[1:]))
