"The docs site builds offline from the notebooks, serves, and renders in a real headless browser."
import http.server, os, re, shutil, socketserver, subprocess, sys, threading
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

def chromium_dom(url, tmp_path):
    exe = shutil.which('chromium') or shutil.which('chromium-browser')
    if exe is None: pytest.fail('chromium not installed: tools/setup_system.sh installs it')
    r = subprocess.run([exe, '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                        '--disable-component-update', '--no-first-run', '--disable-sync', f'--user-data-dir={tmp_path}/chrome',
                        '--dump-dom', url], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout

def test_pages_render_in_browser(server, tmp_path):
    dom = chromium_dom(f'{server}/index.html', tmp_path)
    assert '<title>docproc – docproc</title>' in dom and 'make test' in dom
    dom = chromium_dom(f'{server}/core.html', tmp_path)
    assert '<title>core – docproc</title>' in dom
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
