"""The docs site builds offline from the notebooks, serves on 127.0.0.1, and works in a real headless Chromium:
pages render, search finds a function and its result leads to the function's entry, and nothing scrolls sideways."""
import http.server, json, os, re, shutil, socketserver, subprocess, sys, threading
from functools import partial
from pathlib import Path
from urllib.parse import urlparse
import pytest
from conftest import ROOT

FAKE_KEY = 'sk-or-v1-DOCSBUILDFAKEKEY1234567890'

@pytest.fixture(scope='module')
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp('site')
    env = {**os.environ, 'OPENROUTER_API_KEY': FAKE_KEY, 'HF_TOKEN': 'hf_DOCSFAKETOKEN12345678'}
    r = subprocess.run([sys.executable, 'tools/build_docs.py', '--out', str(out)], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=1200)
    assert r.returncode == 0, r.stderr[-3000:]
    return out

@pytest.fixture(scope='module')
def server(site):
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a, **k: None
    httpd = socketserver.ThreadingTCPServer(('127.0.0.1', 0), handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True); t.start()
    yield f'http://127.0.0.1:{httpd.server_address[1]}'
    httpd.shutdown(); httpd.server_close()

def chromium(tmp_path, *args, timeout=120):
    "Run headless Chromium with a fresh profile and no background network."
    exe = shutil.which('chromium') or shutil.which('chromium-browser')
    if exe is None: pytest.fail('chromium not installed: tools/setup_system.sh installs it')
    prof = tmp_path/f'chrome{len(list(tmp_path.glob("chrome*")))}'
    r = subprocess.run([exe, '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                        '--disable-component-update', '--no-first-run', '--disable-sync', f'--user-data-dir={prof}',
                        *args],
                       capture_output=True, text=True, timeout=timeout)
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout

def chromium_dom(url, tmp_path):
    "The page's DOM after its scripts ran."
    return chromium(tmp_path, '--virtual-time-budget=5000', '--dump-dom', url)

def test_pages_render_in_browser(server, tmp_path):
    dom = chromium_dom(f'{server}/index.html', tmp_path)
    assert '<title>docproc – docproc</title>' in dom and 'make test' in dom
    dom = chromium_dom(f'{server}/core.html', tmp_path)
    assert '<title>Core: configuration, files, manifests and run results – docproc</title>' in dom
    assert 'class="toc"' in dom and 'rel="next" href="llm.html"' in dom and 'rel="prev" href="index.html"' in dom
    for api in ['load_config', 'atomic_write_bytes', 'assign_slugs', 'get_encoding']:
        assert re.search(rf'<h[2-4][^>]*>\s*{api}\s*(<a [^>]*>¶</a>)?\s*</h[2-4]>', dom), api  # show_doc API entries
    assert 'hello world' in dom  # an executed example's source

def test_cli_pages_and_links(site):
    pages = {p.name for p in site.glob('*.html')}
    assert {'index.html', 'core.html', 'text.html', 'cli.html', 'cli-config.html'} <= pages
    assert 'docproc config show' in (site/'cli-config.html').read_text()
    for p in site.glob('*.html'):
        html = p.read_text()
        for href in re.findall(r'href="([^"]+)"', html):
            u = urlparse(href)
            if u.scheme or href.startswith('#') or href.startswith('mailto:'): continue
            target = (site/u.path).resolve()
            assert target.exists(), f'{p.name}: broken link {href}'
            if u.fragment and target.suffix == '.html':
                assert f'id="{u.fragment}"' in target.read_text(), f'{p.name}: broken anchor {href}'

def test_no_secrets_or_directives_in_site(site):
    for p in site.glob('*.html'):
        text = p.read_text()
        assert FAKE_KEY not in text and 'DOCSFAKETOKEN' not in text, p.name
        assert '#| export' not in text and '#| echo' not in text and 'output-file:' not in text, p.name

def test_search_finds_a_function_and_follows_it(server, tmp_path):
    "Three pages load; searching `load_config` lists its API entry first; following that link lands on the entry."
    for page in ['index.html', 'cli-run.html', 'pipeline.html']:
        assert 'action="search.html"' in chromium_dom(f'{server}/{page}', tmp_path), page
    dom = chromium_dom(f'{server}/search.html?q=load_config', tmp_path)
    hits = re.findall(r'<div class="search-hit"><a href="([^"]+)">([^<]+)</a>', dom)
    assert hits and hits[0] == ('core.html#load_config', 'load_config'), hits[:5]
    dom = chromium_dom(f'{server}/{hits[0][0]}', tmp_path)
    assert re.search(r'<h[2-4][^>]*id="load_config"', dom), 'the search result leads to the API entry'
    assert 'load_config' in dom.split('id="load_config"', 1)[1][:400]

def test_no_sideways_scroll_at_1280(server, site, tmp_path):
    "At 1280 px wide no page is wider than the window (a same-origin frame reports its scroll width)."
    probe = site/'probe.html'
    probe.write_text("""<!doctype html><body style="margin:0"><pre id="w"></pre><script>
var pages = ['index.html', 'core.html', 'cli-run.html', 'qa.html'], out = {}, k = 0;
function next() { if (k == pages.length) { document.getElementById('w').textContent = JSON.stringify(out); return; }
  var f = document.createElement('iframe'); f.style.width = '1280px'; f.style.height = '800px'; f.style.border = '0';
  f.onload = function () { var d = f.contentDocument.documentElement;
    out[pages[k]] = [d.scrollWidth, d.clientWidth]; f.remove(); k++; next(); };
  f.src = pages[k]; document.body.appendChild(f); }
next();</script></body>""")
    dom = chromium(tmp_path, '--window-size=1400,900', '--virtual-time-budget=20000', '--dump-dom',
                   f'{server}/probe.html')
    widths = json.loads(re.search(r'<pre id="w">(.*?)</pre>', dom, re.S).group(1))
    assert len(widths) == 4 and all(sw <= cw for sw, cw in widths.values()), widths

def test_api_pages_have_no_main_prefix_or_placeholder_links(site):
    for p in site.glob('*.html'):
        text = p.read_text()
        assert '__main__.' not in text, p.name
        assert 'github.com/docproc/docproc' not in text, p.name  # settings.ini's git_url is not this checkout's origin

def test_cli_pages_show_examples_with_output(site):
    text = (site/'cli-run.html').read_text()
    assert '<h2 id="examples">' in text and '$ docproc run --preview' in text and 'files by type:' in text
    assert 'stage        ok  skipped  failed' in text  # the table `docproc run` prints
