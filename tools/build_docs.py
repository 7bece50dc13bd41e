#!/usr/bin/env python
"""Build the documentation site from the notebooks, offline (no Quarto).

nbdev's `nbdev_docs` renders with Quarto, which cannot be installed on offline machines. This builder
uses nbdev's own notebook processing (`proc_nbs`: front matter, `show_doc` API sections, doc links)
and renders the processed notebooks with nbconvert, after executing them with the package installed:

1. `proc_nbs` writes processed notebooks to `_proc/`;
2. each notebook's Quarto front matter becomes the page title and description; `#| hide` cells are
   dropped, `#| echo: false` hides a cell's input, `#| output: asis` shows its Markdown output as
   Markdown, `#| eval: false` and test-flagged cells (slow, gpu, net) are shown but not executed;
3. notebooks execute in `nbs/` (so their relative paths work) with secrets removed from the
   environment, and every output is scrubbed of known secret values;
4. nbconvert renders each to HTML inside one page layout with a sidebar; doc links become relative;
5. one page per CLI command from the real argument parser.

Usage: `python tools/build_docs.py [--out site]` (`make docs`). Where Quarto exists, `nbdev_docs` still works.
"""
from __future__ import annotations
import argparse, html, os, re, shutil, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECRET_VARS = ('AZURE_DI_ENDPOINT', 'AZURE_DI_KEY', 'OPENROUTER_API_KEY', 'OPENAI_API_KEY', 'HF_TOKEN')
SKIP_FLAGS = {'slow', 'gpu', 'net'}

def _front_matter(nb) -> dict:
    "Title/description from the raw front-matter cell that proc_nbs writes, removing that cell."
    import yaml
    meta = {}
    if nb.cells and nb.cells[0].cell_type == 'raw' and nb.cells[0].source.lstrip().startswith('---'):
        meta = yaml.safe_load(nb.cells[0].source.strip().strip('-')) or {}
        nb.cells = nb.cells[1:]
    return meta

def _directives(src:str) -> tuple[dict, str]:
    d, keep = {}, []
    for line in src.splitlines():
        m = re.match(r'^#\|\s*([\w-]+)\s*:?\s*(.*)$', line)
        if m and not keep: d[m.group(1)] = m.group(2).strip() or True
        else: keep.append(line)
    return d, '\n'.join(keep)

def _prepare(nb) -> list[int]:
    "Apply directives; return indices of cells that must not be executed."
    skip, cells = [], []
    for c in nb.cells:
        if c.cell_type != 'code': cells.append(c); continue
        d, src = _directives(c.source)
        if 'hide' in d or 'default_exp' in d: continue
        c.metadata['_docproc'] = {k: str(v) for k, v in d.items()}
        c.source = src
        if d.get('eval') == 'false' or SKIP_FLAGS & set(d): c.metadata['_docproc']['noexec'] = 'true'
        if d.get('echo') == 'false': c.metadata.setdefault('jupyter', {})['source_hidden'] = True; c.metadata['transient'] = {'remove_source': True}
        cells.append(c)
    nb.cells = cells
    return [i for i, c in enumerate(nb.cells) if c.cell_type == 'code' and c.metadata.get('_docproc', {}).get('noexec')]

def _default_exp(src_nb:Path) -> str|None:
    "The module a source notebook exports to (its `#| default_exp`)."
    m = re.search(r'#\|\s*default_exp\s+([\w.]+)', src_nb.read_text(encoding='utf-8'))
    return m.group(1) if m else None

def _execute(nb, cwd:Path, module:str|None, timeout:int=600):
    """Run the example cells. Exported cells became `show_doc` cells (already rendered by proc_nbs), so the
    module's names, private ones included, are loaded first."""
    from nbclient import NotebookClient
    import nbformat
    noexec = {i: c.source for i, c in enumerate(nb.cells) if c.cell_type == 'code' and
              (c.metadata.get('_docproc', {}).get('noexec') or (c.get('outputs') and c.source.lstrip().startswith('show_doc(')))}
    saved = {i: nb.cells[i].outputs for i in noexec}
    for i in noexec: nb.cells[i].source = 'pass'
    setup = 'from nbdev.showdoc import show_doc'
    if module: setup += f'\nimport importlib as _il\nglobals().update({{k: v for k, v in vars(_il.import_module("docproc.{module}")).items() if not k.startswith("__")}})'
    nb.cells.insert(0, nbformat.v4.new_code_cell(setup))
    NotebookClient(nb, timeout=timeout, kernel_name='python3', resources={'metadata': {'path': str(cwd)}}).execute()
    nb.cells = nb.cells[1:]
    for i, src in noexec.items(): nb.cells[i].source = src; nb.cells[i].outputs = saved[i]

_QUARTO_ATTRS = re.compile(r'\{(?:target|\.)[^}\n]*\}')

def _scrub(nb, secrets:list[str]):
    "Mask secrets in every output; drop Quarto-only attribute syntax (`{target=...}`) from Markdown outputs."
    from docproc.core import mask_secrets
    for c in nb.cells:
        for o in c.get('outputs', []):
            if 'text' in o: o['text'] = mask_secrets(o['text'], secrets)
            for k, v in o.get('data', {}).items():
                if isinstance(v, str):
                    v = mask_secrets(v, secrets)
                    o['data'][k] = _QUARTO_ATTRS.sub('', v) if k == 'text/markdown' else v

def _render(nb) -> str:
    from nbconvert import HTMLExporter
    from traitlets.config import Config
    c = Config(); c.TemplateExporter.exclude_input_prompt = True; c.TemplateExporter.exclude_output_prompt = True
    c.TagRemovePreprocessor.enabled = False
    for cell in nb.cells:
        if cell.cell_type == 'code' and cell.metadata.get('transient', {}).get('remove_source'):
            cell.metadata['_hide_input'] = True
    ex = HTMLExporter(config=c, template_name='basic')
    body, _ = ex.from_notebook_node(_strip_hidden_inputs(nb))
    return body

def _strip_hidden_inputs(nb):
    import copy
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == 'code' and cell.metadata.get('_hide_input'):
            cell.metadata['jupyter'] = {'source_hidden': True}
            cell.source = ''
    return nb

CSS = """
body{margin:0;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1d2330;line-height:1.55}
nav{position:fixed;top:0;left:0;bottom:0;width:230px;overflow:auto;background:#f4f6fa;border-right:1px solid #dde2ea;padding:18px}
nav a{display:block;color:#1d4f91;text-decoration:none;padding:3px 0}nav a.cur{font-weight:700}
nav h3{margin:14px 0 4px;font-size:13px;text-transform:uppercase;color:#667}
main{margin-left:270px;max-width:980px;padding:10px 30px 60px}
pre{background:#f6f8fa;padding:10px;overflow:auto;border-radius:4px}
.jp-InputArea pre,.input_area pre{background:#f6f8fa}
.jp-Cell-inputWrapper[hidden-input],.jp-mod-noInput .jp-InputArea{display:none}
table{border-collapse:collapse}td,th{border:1px solid #ccd;padding:3px 8px}
.description{color:#556;font-size:1.1em;margin-top:-8px}
.jp-InputPrompt,.jp-OutputPrompt{display:none}
"""

def _page(title:str, desc:str, body:str, nav:str) -> str:
    from pygments.formatters import HtmlFormatter
    css = HtmlFormatter(style='default').get_style_defs('.highlight')
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} – docproc</title><meta name="description" content="{html.escape(desc)}">
<style>{CSS}{css}</style></head><body><nav>{nav}</nav><main>
<h1 class="title">{html.escape(title)}</h1><p class="description">{html.escape(desc)}</p>
{body}</main></body></html>"""

def _relink(body:str, base:str) -> str:
    "Make nbdev's absolute doc links relative, and heading anchors lowercase as nbdev's links expect."
    body = body.replace(base, '')
    body = re.sub(r'(<h[1-6] id=")([^"]+)(")', lambda m: m.group(1) + m.group(2).lower() + m.group(3), body)
    return re.sub(r'(class="anchor-link" href="#)([^"]+)(")', lambda m: m.group(1) + m.group(2).lower() + m.group(3), body)

def _cli_pages() -> dict[str, tuple[str, str]]:
    "One page per CLI command: name -> (title, help text)."
    from docproc.cli import build_parser
    p = build_parser(); pages = {'cli': ('docproc', p.format_help())}
    sub = next(a for a in p._actions if a.__class__.__name__ == '_SubParsersAction')
    for name, sp in sub.choices.items():
        text = sp.format_help()
        inner = [a for a in sp._actions if a.__class__.__name__ == '_SubParsersAction']
        for a in inner:
            for n2, sp2 in a.choices.items(): text += f'\n\n$ docproc {name} {n2} --help\n' + sp2.format_help()
        pages[f'cli-{name}'] = (f'docproc {name}', text)
    return pages

def _fix_anchors(pages:list[Path]) -> None:
    """nbdev links every symbol in the module index, documented or not: point a link whose anchor does not
    exist at its nearest documented parent (`cls.attr` -> `cls`), else at the page."""
    ids = {p.name: set(re.findall(r'id="([^"]+)"', p.read_text(encoding='utf-8'))) for p in pages}
    def fix(m):
        page, frag = m.group(1), m.group(2)
        have = ids.get(page or '', set()) if page else set()
        if page not in ids or frag in have: return m.group(0)
        parts = frag.split('.')
        while parts and '.'.join(parts) not in have: parts.pop()
        return f'href="{page}' + (f'#{".".join(parts)}' if parts else '') + '"'
    for p in pages:
        text = p.read_text(encoding='utf-8')
        new = re.sub(r'href="([\w.-]+\.html)#([^"]+)"', fix, text)
        if new != text: p.write_text(new, encoding='utf-8')

def build(out:Path, execute:bool=True) -> list[Path]:
    "Build the site into `out`; returns the pages written."
    import nbformat
    from nbdev.serve import proc_nbs
    from nbdev.config import get_config
    secrets = [os.environ.pop(k) for k in SECRET_VARS if os.environ.get(k)]
    cfg = get_config()
    base = f"{cfg.doc_host.rstrip('/')}{cfg.doc_baseurl.rstrip('/')}/"
    os.chdir(ROOT/'nbs')  # proc_nbs runs cells that import things; their relative paths are relative to nbs/
    proc = ROOT/'_proc'
    if proc.exists(): shutil.rmtree(proc)
    proc_nbs(path=str(ROOT/'nbs'), n_workers=0, force=True)
    nbs = sorted(p for p in proc.glob('*.ipynb'))
    nbs = sorted(nbs, key=lambda p: (p.name != 'index.ipynb', p.name))
    pages, rendered = [], []
    for p in nbs:
        nb = nbformat.read(p, as_version=4)
        meta = _front_matter(nb)
        _prepare(nb)
        if execute: _execute(nb, ROOT/'nbs', _default_exp(ROOT/'nbs'/p.name))
        _scrub(nb, secrets)
        name = 'index' if p.stem == 'index' else re.sub(r'^\d+[a-z]?_', '', p.stem)
        rendered.append((name, meta.get('title', name), meta.get('description', ''), _relink(_render(nb), base)))
    cli = _cli_pages()
    def nav(cur):
        items = ''.join(f'<a href="{n}.html" class="{"cur" if n == cur else ""}">{html.escape(t)}</a>' for n, t, _, _ in rendered)
        clis = ''.join(f'<a href="{n}.html" class="{"cur" if n == cur else ""}">{html.escape(t)}</a>' for n, (t, _) in cli.items())
        return f'<a href="index.html"><b>docproc</b></a><h3>Chapters</h3>{items}<h3>Command line</h3>{clis}'
    if out.exists(): shutil.rmtree(out)
    out.mkdir(parents=True)
    for name, title, desc, body in rendered:
        f = out/f'{name}.html'; f.write_text(_page(title, desc, body, nav(name)), encoding='utf-8'); pages.append(f)
    for name, (title, text) in cli.items():
        body = f'<pre class="cli-help">{html.escape(text)}</pre>'
        f = out/f'{name}.html'; f.write_text(_page(title, 'Command-line reference', body, nav(name)), encoding='utf-8'); pages.append(f)
    _fix_anchors(pages)
    print(f'docs: {len(pages)} pages in {out}')
    return pages

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', type=Path, default=ROOT/'site')
    ap.add_argument('--no-execute', action='store_true', help='render saved outputs only')
    a = ap.parse_args()
    build(a.out.resolve(), execute=not a.no_execute)
