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
4. nbconvert renders each to HTML inside one page layout with a sidebar, a search box, the page's table of
   contents and previous/next links; doc links become relative, `__main__.` prefixes go, and "source" links
   point at the repository only when settings.ini's `git_url` is this checkout's `origin` (else there are none);
5. one page per CLI command from the real argument parser, with its examples and the output they print,
   run offline on a scratch copy of the samples;
6. `search-index.js` (every page's headings, API names and text) and `search.html`, which reads `?q=`.

Usage: `python tools/build_docs.py [--out site]` (`make docs`). Where Quarto exists, `nbdev_docs` still works.
"""
from __future__ import annotations
import argparse, html, json, os, re, shutil, subprocess, sys, tempfile
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
    from docproc.pipeline import ipc_kernel_manager  # no "kernel running over TCP" warning per notebook
    NotebookClient(nb, timeout=timeout, kernel_name='python3', resources={'metadata': {'path': str(cwd)}},
                   kernel_manager_class=ipc_kernel_manager()).execute()
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
body>nav{position:fixed;top:0;left:0;bottom:0;width:230px;overflow:auto;background:#f4f6fa;border-right:1px solid #dde2ea;padding:18px}
body>nav a{display:block;color:#1d4f91;text-decoration:none;padding:3px 0}body>nav a.cur{font-weight:700}
body>nav h3{margin:14px 0 4px;font-size:13px;text-transform:uppercase;color:#667}
main{margin-left:266px;max-width:min(980px,calc(100vw - 266px));box-sizing:border-box;padding:10px 28px 60px;
overflow-wrap:anywhere}
pre{background:#f6f8fa;padding:10px;overflow:auto;border-radius:4px;max-width:100%;white-space:pre}
img{max-width:100%}table{display:block;overflow-x:auto;max-width:100%}
body>nav form input{width:100%;box-sizing:border-box;padding:4px 6px;margin:6px 0 2px}
.toc{border:1px solid #dde2ea;border-radius:4px;padding:6px 14px;margin:10px 0 18px;background:#fafbfd}
.toc ul{margin:4px 0;padding-left:18px}.toc li.h3{margin-left:14px;font-size:.95em}
.pager{display:flex;justify-content:space-between;gap:12px;border-top:1px solid #dde2ea;margin-top:40px;
padding-top:10px}
.search-hit{margin:10px 0}.search-hit small{color:#667}
.jp-InputArea pre,.input_area pre{background:#f6f8fa}
.jp-Cell-inputWrapper[hidden-input],.jp-mod-noInput .jp-InputArea{display:none}
table{border-collapse:collapse}td,th{border:1px solid #ccd;padding:3px 8px}
.description{color:#556;font-size:1.1em;margin-top:-8px}
.jp-InputPrompt,.jp-OutputPrompt{display:none}
"""

def _page(title:str, desc:str, body:str, nav:str, pager:str='', toc:str='', script:str='') -> str:
    from pygments.formatters import HtmlFormatter
    css = HtmlFormatter(style='default').get_style_defs('.highlight')
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} – docproc</title><meta name="description" content="{html.escape(desc)}">
<style>{CSS}{css}</style></head><body><nav>{nav}</nav><main>
<h1 class="title">{html.escape(title)}</h1><p class="description">{html.escape(desc)}</p>
{toc}{body}{pager}</main>{script}</body></html>"""

_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_text = lambda h: re.sub(r'\s+', ' ', html.unescape(re.sub(r'<[^>]+>', ' ', h))).replace('¶', '').strip()

def _toc(body:str) -> str:
    "The page's table of contents: its h2 and h3 headings, linked."
    items = [(lv, i, _text(t)) for lv, i, t in _HEADING.findall(body)]
    if len(items) < 2: return ''
    lis = ''.join(f'<li class="h{lv}"><a href="#{html.escape(i)}">{html.escape(t)}</a></li>' for lv, i, t in items)
    return f'<nav class="toc" aria-label="On this page"><b>On this page</b><ul>{lis}</ul></nav>'

def _pager(order:list[tuple[str, str]], name:str) -> str:
    "Previous / next links, in the sidebar's order."
    k = [n for n, _ in order].index(name)
    prev = f'<a rel="prev" href="{order[k-1][0]}.html">← {html.escape(order[k-1][1])}</a>' if k else '<span></span>'
    nxt = (f'<a rel="next" href="{order[k+1][0]}.html">{html.escape(order[k+1][1])} →</a>' if k + 1 < len(order)
           else '<span></span>')
    return f'<nav class="pager">{prev}{nxt}</nav>'

def _norm_repo(url:str) -> str:
    url = url.strip().removesuffix('/').removesuffix('.git')
    m = re.match(r'^git@([^:]+):(.+)$', url)
    return f'https://{m.group(1)}/{m.group(2)}' if m else url

def source_base(git_url:str) -> str|None:
    "settings.ini's `git_url` when it is this checkout's `origin` remote (a real repository), else None."
    r = subprocess.run(['git', 'remote', 'get-url', 'origin'], cwd=ROOT, capture_output=True, text=True)
    return git_url if git_url and r.returncode == 0 and _norm_repo(r.stdout) == _norm_repo(git_url) else None

def _clean_api(body:str, git_url:str, real:str|None) -> str:
    "No `__main__.` in signatures; nbdev's source links kept only for a real repository."
    body = body.replace('__main__.', '')
    if real: return body
    return re.sub(r'<a [^>]*href="' + re.escape(git_url.rstrip('/')) + r'/[^"]*"[^>]*>\s*source\s*</a>', '', body)

def _relink(body:str, base:str) -> str:
    "Make nbdev's absolute doc links relative, and heading anchors lowercase as nbdev's links expect."
    body = body.replace(base, '')
    body = re.sub(r'(<h[1-6] id=")([^"]+)(")', lambda m: m.group(1) + m.group(2).lower() + m.group(3), body)
    return re.sub(r'(class="anchor-link" href="#)([^"]+)(")', lambda m: m.group(1) + m.group(2).lower() + m.group(3), body)

def _cli_pages() -> dict[str, tuple[str, str]]:
    "One page per CLI command: name -> (title, help text)."
    from docproc.cli import build_parser
    p = build_parser(); pages = {'cli-docproc': ('docproc', p.format_help())}  # cli.html is the 08_cli chapter
    sub = next(a for a in p._actions if a.__class__.__name__ == '_SubParsersAction')
    for name, sp in sub.choices.items():
        text = sp.format_help()
        inner = [a for a in sp._actions if a.__class__.__name__ == '_SubParsersAction']
        for a in inner:
            for n2, sp2 in a.choices.items(): text += f'\n\n$ docproc {name} {n2} --help\n' + sp2.format_help()
        pages[f'cli-{name}'] = (f'docproc {name}', text)
    return pages

CLI_EXECUTED = ('run', 'ingest', 'chunk', 'summarize', 'qa', 'dataset', 'report', 'config')
CLI_NOT_EXECUTED = {'train': 'needs the train extra and a base model',
                    'serve': 'needs a trained run (and vLLM on a GPU)',
                    'check': 'makes live calls to the LLM endpoint and Azure DI',
                    'batch': 'executes the stage notebooks (minutes)'}

def _tidy(text:str, scratch:str) -> str:
    "A command's output as a terminal leaves it: progress bars gone, the scratch folder shown as `~/docproc`."
    lines = [l.rsplit('\r', 1)[-1].rstrip() for l in text.replace(scratch, '~/docproc').splitlines()]
    lines = [l for l in lines if l.strip() and not re.search(r'\d+%\|', l)]
    return '\n'.join(lines[:30] + (['…'] if len(lines) > 30 else []))

def cli_examples() -> dict[str, list[tuple[str, str|None]]]:
    """Each command's examples (from `docproc.cli.COMMANDS`) with the output they print, run offline in order in a
    scratch project (the config and the samples); None for the commands that are not run here."""
    import shlex
    from docproc.cli import COMMANDS
    ex = {name: examples for name, _, _, _, examples in COMMANDS}
    ex['config'] = ['docproc config show --set chunk.max_size=500', 'docproc config check']
    out, main = {}, 'import sys; from docproc.cli import main; sys.exit(main())'
    with tempfile.TemporaryDirectory(prefix='docproc-docs-') as d:
        shutil.copytree(ROOT/'config', Path(d)/'config')
        shutil.copytree(ROOT/'data'/'samples', Path(d)/'data'/'samples')
        env = {k: v for k, v in os.environ.items() if k not in SECRET_VARS}
        env.update(PYTHONPATH=str(ROOT), HF_HUB_OFFLINE='1', TOKENIZERS_PARALLELISM='false',
                   DOCPROC_CONFIG=str(Path(d)/'config'/'config.json'))
        for name, cmds in ex.items():
            out[name] = []
            for cmd in cmds:
                if name not in CLI_EXECUTED: out[name].append((cmd, None)); continue
                r = subprocess.run([sys.executable, '-c', main, *shlex.split(cmd)[1:]], cwd=d, env=env,
                                   capture_output=True, text=True, timeout=900)
                status = f'\n(exit status {r.returncode})' if r.returncode else ''
                out[name].append((cmd, _tidy(r.stderr + r.stdout, d) + status))  # logs come while it runs
    return out

def _cli_body(help_text:str, examples:list[tuple[str, str|None]], name:str) -> str:
    body = f'<h2 id="usage">Usage</h2><pre class="cli-help">{html.escape(help_text)}</pre>'
    if not examples: return body
    body += '<h2 id="examples">Examples</h2>'
    for cmd, output in examples:
        if output is None:
            why = CLI_NOT_EXECUTED.get(name, '')
            body += f'<pre><code>$ {html.escape(cmd)}</code></pre><p>(not run while building the docs: {why})</p>'
        else: body += f'<pre><code>$ {html.escape(cmd)}</code>\n{html.escape(output)}</pre>'
    return body

SEARCH_JS = """(function(){
var q=(new URLSearchParams(location.search).get('q')||'').trim(), out=document.getElementById('results');
document.getElementById('q').value=q;
var say=function(t){var p=document.createElement('p'); p.textContent=t; out.appendChild(p);};
if(!q){say('Type a function, a command or a word.');return;}
var terms=q.toLowerCase().split(/\\s+/), hits=[];
window.DOCPROC_SEARCH.forEach(function(e){var t=e.t.toLowerCase(), x=(e.x||'').toLowerCase(), s=0;
 terms.forEach(function(w){s+= t===w?20:(t.indexOf(w)>=0?6:(x.indexOf(w)>=0?1:-1000));}); if(s>0)hits.push([s,e]);});
hits.sort(function(a,b){return b[0]-a[0];});
if(!hits.length){say('No results for '+q+'.');return;}
hits.slice(0,40).forEach(function(h){var e=h[1], d=document.createElement('div'), a=document.createElement('a'),
 m=document.createElement('small');
 d.className='search-hit'; a.href=e.u; a.textContent=e.t; m.textContent=e.p;
 d.appendChild(a); d.appendChild(document.createTextNode(' ')); d.appendChild(m); out.appendChild(d);});
})();"""

def search_index(pages:list[tuple[str, str, str]]) -> list[dict]:
    "One entry per page and per h2-h4 heading (API entries included): title, url, page, a little text."
    out = []
    for name, title, body in pages:
        out.append({'t': title, 'u': f'{name}.html', 'p': title, 'x': _text(body)[:3000]})
        parts = re.split(r'(<h[2-4] id="[^"]+"[^>]*>.*?</h[2-4]>)', body, flags=re.S)
        for k in range(1, len(parts), 2):
            m = re.match(r'<h[2-4] id="([^"]+)"[^>]*>(.*?)</h[2-4]>', parts[k], re.S)
            out.append({'t': _text(m.group(2)), 'u': f'{name}.html#{m.group(1)}', 'p': title,
                        'x': _text(parts[k + 1])[:300]})
    return out

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
    git_url = cfg.get('git_url', ''); real = source_base(git_url)
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
        name = 'index' if p.stem == 'index' else re.sub(r'^\d+[a-z]*_', '', p.stem)
        body = _clean_api(_relink(_render(nb), base), git_url, real)
        rendered.append((name, meta.get('title', name), meta.get('description', ''), body))
    cli, examples = _cli_pages(), cli_examples() if execute else {}
    for n, (t, text) in cli.items():
        cmd = n.removeprefix('cli-')
        rendered.append((n, t, 'Command-line reference: usage, examples and what they print',
                         _cli_body(text, examples.get(cmd, []), cmd)))
    order = [(n, t) for n, t, _, _ in rendered]
    def nav(cur):
        link = lambda n, t: f'<a href="{n}.html" class="{"cur" if n == cur else ""}">{html.escape(t)}</a>'
        items = ''.join(link(n, t) for n, t in order if not n.startswith('cli'))
        clis = ''.join(link(n, t) for n, t in order if n.startswith('cli'))
        form = ('<form action="search.html" role="search">'
                '<input name="q" id="nav-q" placeholder="Search the docs" aria-label="Search"></form>')
        return f'<a href="index.html"><b>docproc</b></a>{form}<h3>Chapters</h3>{items}<h3>Command line</h3>{clis}'
    if out.exists(): shutil.rmtree(out)
    out.mkdir(parents=True)
    for name, title, desc, body in rendered:
        f = out/f'{name}.html'; pages.append(f)
        f.write_text(_page(title, desc, body, nav(name), _pager(order, name), _toc(body)), encoding='utf-8')
    index = search_index([(n, t, b) for n, t, _, b in rendered])
    js = 'window.DOCPROC_SEARCH = ' + json.dumps(index, ensure_ascii=False) + ';\n'
    (out/'search-index.js').write_text(js, encoding='utf-8')
    body = '<div id="results"></div>'
    script = f'<script src="search-index.js"></script><script>{SEARCH_JS}</script>'
    page = _page('Search', 'Functions, commands and words across every page', body, nav('search'), script=script)
    (out/'search.html').write_text(page.replace('id="nav-q"', 'id="q"'), encoding='utf-8')
    pages.append(out/'search.html')
    _fix_anchors(pages)
    print(f'docs: {len(pages)} pages in {out}')
    return pages

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', type=Path, default=ROOT/'site')
    ap.add_argument('--no-execute', action='store_true', help='render saved outputs only')
    a = ap.parse_args()
    build(a.out.resolve(), execute=not a.no_execute)
