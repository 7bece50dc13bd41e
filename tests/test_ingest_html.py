"""HTML and XHTML through stage 01: a real page (the Node.js v20 API docs' "About this documentation", as Debian's
nodejs package installs it under /usr/share/doc/nodejs/api/; MIT licence, copyright Node.js contributors), and XHTML."""
import csv, json

from conftest import ROOT
from docproc.core import load_config
from docproc.ingest import ingest

PAGE = ROOT/'tests'/'fixtures'/'html'/'nodejs_documentation.html'

def test_real_html_page(tmp_path):
    src = tmp_path/'in'; src.mkdir()
    (src/'documentation.html').write_bytes(PAGE.read_bytes())
    cfg = load_config(None, overrides={'paths.out_dir': str(tmp_path/'out')}, root=tmp_path)
    r = ingest(cfg, src=src, progress=False)
    assert r.ok, r.failed
    out = tmp_path/'out'/'documentation'
    md, text = (out/'text.raw.md').read_text(), (out/'text.txt').read_text()
    raw = json.loads((out/'raw.json').read_text())
    assert raw['format'] == 'html' and raw['title'] == 'About this documentation | Node.js v20.20.2 Documentation'
    assert md.startswith('# About this documentation | Node.js')
    assert '## About this documentation\n' in md and '### Stability index\n' in md, 'heading levels kept, no # anchors'
    assert '- 1.1 - Active development. Experimental features at this stage are nearing minimum viability.' in md
    assert 'Node.js is a JavaScript runtime built on the V8 JavaScript engine.' in text
    # script, markup, skip link, table of contents, sidebar, page header
    for junk in ('<script', 'localStorage', '<div', 'class=', 'Skip to content', 'Table of contents',
                 'Assertion testing', 'View on single page'):
        assert junk not in md, junk
    rows = list(csv.reader(open(out/'table_1.csv', encoding='utf-8')))
    assert rows[:3] == [['API', 'Stability'], ['Assert', '(2) Stable'], ['Async hooks', '(1) Experimental']]
    assert len(rows) == 43 and all(len(r) == 2 for r in rows)
    assert '| Modules: node:module API | (1) .2 - Release candidate |' in md, 'inline <code> read as text in a cell'

def test_xhtml_and_empty_page(tmp_path):
    src = tmp_path/'in'; src.mkdir()
    (src/'kit.xhtml').write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        '<head><title>Kit</title></head><body><div role="navigation"><a href="/">Home</a></div>'
        '<h2>Seal kit SK-2040</h2><p>Rated to<br/>120 °C.</p>'
        '<table><tr><th>Size</th><th>Code</th></tr><tr><td>M12</td><td>SK-12</td></tr></table>'
        '<pre class="language-sh">make install\n  --prefix=/opt</pre></body></html>', encoding='utf-8')
    (src/'blank.html').write_text('<html><head><script>var a = 1;</script></head>'
                                  '<body><nav><a href="/">x</a></nav></body></html>')
    cfg = load_config(None, overrides={'paths.out_dir': str(tmp_path/'out')}, root=tmp_path)
    r = ingest(cfg, src=src, progress=False)
    st = {d.doc: d for d in r.docs}
    assert st['kit'].status == 'ok' and st['blank'].status == 'failed'
    assert 'blank.html' in st['blank'].error and 'no text' in st['blank'].error
    md = (tmp_path/'out'/'kit'/'text.raw.md').read_text()
    assert md == ('# Kit\n\n## Seal kit SK-2040\n\nRated to 120 °C.\n\n| Size | Code |\n|---|---|\n| M12 | SK-12 |\n\n'
                  '```sh\nmake install\n  --prefix=/opt\n```\n'), md
