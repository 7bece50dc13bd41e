"""The code-shape figures issue 21 asks to record before and after a restructuring, measured the same way each time.

    python tools/sizes.py [--json]

Reports, for `docproc/` (generated modules) and `nbs/` (their source):
- lines per module (largest first) and the package total;
- functions over 60 lines (name, module, length) and lines over 120 characters per module;
- export cells, definitions per export cell (mean and max) and the longest export cell;
- prose share: markdown lines / all notebook lines.
"""
from __future__ import annotations
import ast, json, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def module_figures(pkg:Path=ROOT/'docproc') -> dict:
    "Lines, long functions and long lines of every generated module under `pkg`."
    mods, long_fns, long_lines = {}, [], {}
    for p in sorted(pkg.rglob('*.py')):
        if p.name == '_modidx.py': continue
        name, src = str(p.relative_to(pkg)), p.read_text()
        lines = src.splitlines()
        mods[name] = len(lines)
        long_lines[name] = sum(len(l) > 120 for l in lines)
        for n in ast.walk(ast.parse(src)):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno - n.lineno + 1 > 60:
                long_fns.append((name, n.name, n.end_lineno - n.lineno + 1))
    return dict(modules=dict(sorted(mods.items(), key=lambda kv: -kv[1])), total=sum(mods.values()),
                long_functions=sorted(long_fns, key=lambda t: -t[2]), long_lines={k: v for k, v in long_lines.items() if v})

def _defs(src:str) -> int:
    try: tree = ast.parse('\n'.join(l for l in src.splitlines() if not l.lstrip().startswith(('#|', '%', '!'))))
    except SyntaxError: return 0
    return sum(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) for n in tree.body)

def notebook_figures(nbs:Path=ROOT/'nbs') -> dict:
    "Export cells, definitions per export cell and prose share over every notebook in `nbs`."
    cells, prose, total, longest = [], 0, 0, (0, '')
    for p in sorted(nbs.glob('*.ipynb')):
        for c in json.loads(p.read_text())['cells']:
            src = ''.join(c['source']); n = len(src.splitlines())
            total += n
            if c['cell_type'] == 'markdown': prose += n
            elif src.lstrip().startswith('#| export'):
                cells.append(_defs(src))
                if n > longest[0]: longest = (n, p.name)
    return dict(export_cells=len(cells), definitions=sum(cells), defs_per_cell=round(sum(cells)/max(len(cells), 1), 2),
                max_defs_in_cell=max(cells, default=0), longest_export_cell=dict(lines=longest[0], notebook=longest[1]),
                prose_share=round(prose/max(total, 1), 3))

if __name__ == '__main__':
    figs = dict(package=module_figures(), notebooks=notebook_figures())
    if '--json' in sys.argv: print(json.dumps(figs, indent=1)); sys.exit()
    m, nb = figs['package'], figs['notebooks']
    print(f"package: {m['total']} lines in {len(m['modules'])} modules")
    for k, v in list(m['modules'].items())[:12]: print(f'  {v:6d}  {k}  ({m["long_lines"].get(k, 0)} lines > 120 chars)')
    print(f"functions over 60 lines: {len(m['long_functions'])}")
    for mod, fn, n in m['long_functions'][:12]: print(f'  {n:4d}  {mod}:{fn}')
    print(f"lines over 120 chars: {sum(m['long_lines'].values())}")
    print(f"export cells: {nb['export_cells']}, definitions: {nb['definitions']} ({nb['defs_per_cell']} per cell, "
          f"max {nb['max_defs_in_cell']}); longest export cell {nb['longest_export_cell']}; prose share {nb['prose_share']:.1%}")
