"""Stage 01 ingest: the whole stage on the sample corpus, its ground truth, bad inputs, the CLI and the Azure path (offline)."""
import csv, json, os, struct, zlib
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, EXPECTED

from docproc.core import load_config
from docproc.ingest import (ingest, ReplayTransport, azure_client, extract_azure, cell_accuracy, char_error_rate,
                            fact_check, render_markdown)

FIXTURES = ROOT/'tests'/'fixtures'/'azure'
FACTS = json.loads((EXPECTED/'facts.json').read_text(encoding='utf-8'))
EXACT = ['pump_maintenance_manual', 'commissioning_procedure', 'troubleshooting_guide', 'spare_parts', 'pump_specs']
OCR = ['valve_inspection_scan', 'seal_kit_table']

def rows(p): return list(csv.reader(open(p, encoding='utf-8', newline='')))

def cfg_for(project, **over):
    return load_config(project/'config'/'config.json', overrides={'paths.input_dir': str(SAMPLES), **over})

@pytest.fixture(scope='module')
def sample_run(tmp_path_factory):
    "Ingest the whole sample corpus once (local backend)."
    proj = tmp_path_factory.mktemp('proj')
    (proj/'config').mkdir(); (proj/'config'/'config.json').write_text((ROOT/'config'/'config.json').read_text())
    cfg = load_config(proj/'config'/'config.json', overrides={'paths.input_dir': str(SAMPLES)})
    res = ingest(cfg, progress=False)
    return cfg, res, cfg.path('out_dir')

def test_every_sample_ingested(sample_run):
    cfg, res, out = sample_run
    expected_docs = {'pump_maintenance_manual', 'valve_inspection_scan', 'seal_kit_table', 'commissioning_procedure',
                     'troubleshooting_guide', 'safety_notice', 'pump_controller', 'spare_parts', 'pump_specs'}
    assert {d.doc for d in res.docs} == expected_docs, 'expected/ must be excluded and every sample found'
    assert res.ok, [(d.doc, d.error) for d in res.failed]
    for doc in expected_docs:
        names = {p.name for p in (out/doc).iterdir()}
        assert {'text.txt', 'text.raw.md', 'text.md', 'raw.json'} <= names, (doc, names)
        raw = json.loads((out/doc/'raw.json').read_text())
        for k in ('doc', 'source', 'sha256', 'format', 'backend', 'pages', 'paragraphs', 'tables', 'ocr_pages', 'chars', 'seconds', 'warnings', 'errors'):
            assert k in raw, (doc, k)
        assert raw['errors'] == [] and raw['tables'] == len([n for n in names if n.startswith('table_')])
        assert (out/doc/'text.md').read_text() == (out/doc/'text.raw.md').read_text()
    assert not [p for p in out.iterdir() if p.name.endswith(('.tmp', '.old'))], 'no temp folders left behind'

@pytest.mark.parametrize('doc', EXACT)
def test_tables_exact(sample_run, doc):
    _, _, out = sample_run
    exp = sorted((EXPECTED/doc).glob('table_*.csv'))
    got = sorted((out/doc).glob('table_*.csv'))
    assert [p.name for p in got] == [p.name for p in exp]
    for e, g in zip(exp, got): assert rows(g) == rows(e), (doc, e.name)

def test_table_across_page_break_is_one_table(sample_run):
    _, _, out = sample_run
    t2 = rows(out/'pump_maintenance_manual'/'table_2.csv')
    assert len(t2) == 27 and t2.count(t2[0]) == 1, 'repeated header dropped, both pages merged'
    md = (out/'pump_maintenance_manual'/'text.raw.md').read_text()
    assert md.count('| Task | Part code |') == 1
    assert 'Page 1' not in md and 'Page 2' not in md and 'AFS-MM-101 Rev C' not in md, 'running header and page numbers removed'
    assert '## 1 Scope and safety' in md and md.startswith('<!-- page 1 -->\n\n# Centrifugal Pump Series P-100')
    assert md.count('<!-- page 2 -->') == 1, 'one marker where page 2 starts'
    assert '- Isolate motor M-200 at circuit breaker CB-14 and lock it out.' in md

@pytest.mark.parametrize('doc', OCR)
def test_ocr_tables_quality(sample_run, doc):
    _, res, out = sample_run
    e, g = rows(EXPECTED/doc/'table_1.csv'), rows(out/doc/'table_1.csv')
    acc, cer = cell_accuracy(g, e), char_error_rate(g, e)
    print(f'{doc}: cell accuracy {acc:.3f}, CER {cer:.4f}')
    assert acc >= 0.95 and cer <= 0.02, (acc, cer)
    raw = json.loads((out/doc/'raw.json').read_text())
    assert raw['ocr_pages'] == 1

@pytest.mark.parametrize('doc', sorted(FACTS))
def test_facts_in_text(sample_run, doc):
    _, _, out = sample_run
    text = (out/doc/'text.txt').read_text(encoding='utf-8')
    missing = [f for f in FACTS[doc] if f not in text]
    assert not missing, missing

def test_formats_markdown(sample_run):
    _, _, out = sample_run
    assert (out/'pump_controller'/'text.raw.md').read_text().startswith('```python\n')
    specs = (out/'pump_specs'/'text.raw.md').read_text()
    assert '```json' in specs and '| model | type |' in specs
    docx_md = (out/'commissioning_procedure'/'text.raw.md').read_text()
    assert docx_md.index('## Acceptance criteria') < docx_md.index('| Check |') < docx_md.index('If any limit is exceeded')
    assert '1. Verify the suction strainer ST-0801' in docx_md

def test_rerun_skips_unchanged(sample_run):
    cfg, _, out = sample_run
    r = ingest(cfg, docs=['safety_notice', 'spare_parts'], progress=False)
    assert r.counts() == {'ok': 0, 'skipped': 2, 'failed': 0}
    r = ingest(cfg, docs=['safety_notice'], force=True, progress=False)
    assert r.counts()['ok'] == 1

# ------------------------------------------------------------------ bad input

def _png_header_only(w, h):
    chunk = lambda t, d: struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 0, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(b'\x00' * 64)) + chunk(b'IEND', b''))

@pytest.fixture(scope='module')
def bad_run(tmp_path_factory):
    from PIL import Image
    from reportlab.pdfgen import canvas
    src = tmp_path_factory.mktemp('bad_src')
    manual = (SAMPLES/'pump_maintenance_manual.pdf').read_bytes()
    (src/'empty.txt').write_bytes(b'')
    (src/'zero.pdf').write_bytes(b'')
    (src/'truncated.pdf').write_bytes(manual[:len(manual) // 2])
    (src/'corrupt.pdf').write_bytes(b'%PDF-1.7\n' + os.urandom(3000))
    c = canvas.Canvas(str(src/'encrypted.pdf'), encrypt='secret'); c.drawString(100, 700, 'P-101A rated 16 bar'); c.save()
    (src/'scan_named.pdf').write_bytes((SAMPLES/'seal_kit_table.png').read_bytes())
    (src/'junk.txt').write_bytes(bytes(range(256)) * 16)
    Image.new('L', (800, 600), 255).save(src/'blank.png')
    Image.new('L', (1, 1), 0).save(src/'one_pixel.png')
    (src/'bomb.png').write_bytes(_png_header_only(20000, 20000))
    (src/'thing.xyz').write_bytes(b'hello')
    (src/'legacy.doc').write_bytes(b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + b'\x00' * 512)
    (src/'good.txt').write_text('Pump P-101A is rated 16 bar.\n', encoding='utf-8')
    (src/'latin1.txt').write_bytes('Max 90 °C on pump P-102.'.encode('latin-1'))
    (src/'utf16.md').write_bytes('# Hi\n\nSeal SK-2040 at 120 °C.\n'.encode('utf-16'))
    proj = tmp_path_factory.mktemp('bad_proj')
    cfg = load_config(None, overrides={'paths.out_dir': str(proj/'out')}, root=proj)
    return ingest(cfg, src=src, progress=False), proj/'out'

FAILS = {'empty': 'empty file', 'zero': 'empty file', 'truncated': 'truncated', 'corrupt': 'unreadable PDF',
         'encrypted': 'encrypted PDF', 'junk': 'binary data, not text', 'bomb': 'decompression bomb',
         'thing': 'unsupported file type', 'legacy': 'LibreOffice'}

@pytest.mark.parametrize('doc,reason', sorted(FAILS.items()))
def test_bad_input_fails_clearly(bad_run, doc, reason):
    res, out = bad_run
    d = res[doc]
    assert d.status == 'failed' and reason in d.error, d.error
    assert Path(d.source).name in d.error, 'the error names the file'
    raw = json.loads((out/doc/'raw.json').read_text())
    assert raw['status'] == 'failed' and reason in raw['errors'][0]
    assert sorted(p.name for p in (out/doc).iterdir()) == ['raw.json'], 'no half-written artifacts'

@pytest.mark.parametrize('doc,warning', [('blank', 'no text found'), ('one_pixel', 'no text found'), ('scan_named', 'content is PNG')])
def test_bad_input_warns(bad_run, doc, warning):
    res, out = bad_run
    d = res[doc]
    assert d.status == 'ok' and any(warning in w for w in d.warnings), d.warnings
    assert warning in ' '.join(json.loads((out/doc/'raw.json').read_text())['warnings'])

def test_bad_inputs_do_not_stop_good_ones(bad_run):
    res, out = bad_run
    assert res['good'].status == 'ok' and 'P-101A' in (out/'good'/'text.txt').read_text()
    assert '90 °C' in (out/'latin1'/'text.txt').read_text()
    assert 'SK-2040 at 120 °C' in (out/'utf16'/'text.txt').read_text()
    assert rows(out/'scan_named'/'table_1.csv')[0] == rows(EXPECTED/'seal_kit_table'/'table_1.csv')[0]
    assert not res.ok

def test_cli_exit_codes(tmp_path):
    from docproc.cli import main
    (tmp_path/'bad.pdf').write_bytes(b'')
    out = tmp_path/'out'
    assert main(['ingest', str(SAMPLES/'safety_notice.txt'), '--set', f'paths.out_dir={out}', '--quiet', '--workers', '1']) == 0
    assert (out/'safety_notice'/'text.txt').is_file()
    assert main(['ingest', str(tmp_path/'bad.pdf'), '--set', f'paths.out_dir={out}', '--quiet']) == 1
    assert main(['ingest', str(SAMPLES), '--only', 'pump_specs', '--set', f'paths.out_dir={out}', '--quiet']) == 0
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith('.')) == ['bad', 'pump_specs', 'safety_notice']

def test_beautify_hook(tmp_path):
    cfg = load_config(None, overrides={'paths.out_dir': str(tmp_path/'out')}, root=tmp_path)
    src = SAMPLES/'safety_notice.txt'
    ingest(cfg, src=src, progress=False, beautify=lambda md: md.replace('SAFETY NOTICE', 'Safety notice'))
    raw = json.loads((tmp_path/'out'/'safety_notice'/'raw.json').read_text())
    assert raw['text_md'] == {'source': 'beautified'} and 'Safety notice' in (tmp_path/'out'/'safety_notice'/'text.md').read_text()
    ingest(cfg, src=src, progress=False, force=True, beautify=lambda md: md.replace('40 ml/min', '4 ml/min'))
    raw = json.loads((tmp_path/'out'/'safety_notice'/'raw.json').read_text())
    assert raw['text_md']['source'] == 'raw' and '40' in raw['text_md']['beautify_rejected']
    assert (tmp_path/'out'/'safety_notice'/'text.md').read_text() == (tmp_path/'out'/'safety_notice'/'text.raw.md').read_text()
    assert not fact_check('Pump P-101A', 'Pump P-101B')

# ------------------------------------------------------------------ Azure, offline through the real SDK

def _client(cfg, results, **kw):
    t = ReplayTransport(results, **kw)
    return azure_client(cfg, transport=t, endpoint='https://docproc-test.cognitiveservices.azure.com/', key='0' * 32), t

def test_azure_backend_via_sdk_fixture(tmp_path):
    cfg = load_config(None, overrides={'paths.out_dir': str(tmp_path/'out'), 'ingest.backend': 'azure'}, root=tmp_path)
    res = json.loads((FIXTURES/'pump_maintenance_manual.layout.json').read_text(encoding='utf-8'))
    client, t = _client(cfg, res, running_polls=2, fail_first=1)
    r = ingest(cfg, src=SAMPLES/'pump_maintenance_manual.pdf', azure_client=client, progress=False)
    assert r.ok, r.failed
    methods = [m for m, _ in t.requests]
    assert methods == ['POST', 'POST', 'GET', 'GET', 'GET'], 'retry on 503, then the operation polled until it succeeded'
    assert ':analyze' in t.requests[0][1] and 'prebuilt-layout' in t.requests[0][1]
    out = tmp_path/'out'/'pump_maintenance_manual'
    for e in sorted((EXPECTED/'pump_maintenance_manual').glob('table_*.csv')):
        assert rows(out/e.name) == rows(e), e.name
    md = (out/'text.raw.md').read_text()
    assert md.startswith('<!-- page 1 -->\n\n# Centrifugal Pump Series P-100 Maintenance Manual') and '## 3 Maintenance intervals' in md
    assert 'Page 1' not in md and 'AFS-MM-101 Rev C' not in md
    assert md.count('| Task | Part code |') == 1 and md.count('| BR-6308 | Lithium EP2 |') == 1, 'table cells not repeated as prose'
    raw = json.loads((out/'raw.json').read_text())
    assert raw['backend'] == 'azure' and raw['pages'] == 2 and raw['tables'] == 3
    text = (out/'text.txt').read_text()
    assert all(f in text for f in FACTS['pump_maintenance_manual'])

def test_azure_spans_and_page_ranges(tmp_path):
    cfg = load_config(None, overrides={'ingest.azure_pages_per_request': 1}, root=tmp_path)
    res = json.loads((FIXTURES/'merged_cells.layout.json').read_text(encoding='utf-8'))
    client, t = _client(cfg, [res, {'content': '', 'pages': [{'pageNumber': 2}], 'paragraphs': [], 'tables': []}], running_polls=0)
    x = extract_azure(SAMPLES/'pump_maintenance_manual.pdf', cfg, client)
    posts = [u for m, u in t.requests if m == 'POST']
    assert len(posts) == 2 and 'pages=1-1' in posts[0] and 'pages=2-2' in posts[1], posts
    assert x.tables[0].rows == rows(EXPECTED/'commissioning_procedure'/'table_1.csv'), 'rowSpan cell repeated in each covered row'
    assert 'Confidential' not in render_markdown(x.blocks)

def test_azure_missing_keys_is_clear_error(tmp_path, monkeypatch):
    for k in ('AZURE_DI_ENDPOINT', 'AZURE_DI_KEY'): monkeypatch.delenv(k, raising=False)
    cfg = load_config(None, overrides={'paths.out_dir': str(tmp_path/'out'), 'ingest.backend': 'azure'}, root=tmp_path)
    r = ingest(cfg, src=SAMPLES/'pump_maintenance_manual.pdf', progress=False)
    assert not r.ok and 'AZURE_DI_KEY' in r.docs[0].error
    r = ingest(cfg, src=SAMPLES/'safety_notice.txt', progress=False)
    assert r.ok, 'text formats are read locally even with the azure backend'

# ------------------------------------------------------------------ more formats

def test_docx_horizontal_merge_and_order(tmp_path):
    import docx
    d = docx.Document()
    d.add_heading('Torque table', level=1)
    t = d.add_table(rows=3, cols=3)
    for i, r in enumerate([['Bolt', 'Size', 'Torque'], ['Foundation', 'M20', '350 N·m'], ['Casing', 'M12', '85 N·m']]):
        for j, v in enumerate(r): t.cell(i, j).text = v
    m = t.cell(2, 1).merge(t.cell(2, 2)); m.text = 'see drawing D-17'
    d.add_paragraph('After the table.')
    d.add_paragraph('First bullet', style='List Bullet')
    d.save(tmp_path/'torque.docx')
    cfg = load_config(None, overrides={'paths.out_dir': str(tmp_path/'out')}, root=tmp_path)
    assert ingest(cfg, src=tmp_path/'torque.docx', progress=False).ok
    out = tmp_path/'out'/'torque'
    assert rows(out/'table_1.csv') == [['Bolt', 'Size', 'Torque'], ['Foundation', 'M20', '350 N·m'],
                                      ['Casing', 'see drawing D-17', 'see drawing D-17']]
    md = (out/'text.raw.md').read_text()
    assert md.index('# Torque table') < md.index('| Bolt |') < md.index('After the table.') < md.index('- First bullet')

def test_multipage_tiff(tmp_path):
    from PIL import Image
    page1 = Image.open(SAMPLES/'seal_kit_table.png').convert('L')
    page2 = Image.new('L', page1.size, 255)
    page1.save(tmp_path/'scan.tiff', save_all=True, append_images=[page2], compression='tiff_lzw')
    cfg = load_config(None, overrides={'paths.out_dir': str(tmp_path/'out')}, root=tmp_path)
    r = ingest(cfg, src=tmp_path/'scan.tiff', progress=False)
    assert r.ok
    raw = json.loads((tmp_path/'out'/'scan'/'raw.json').read_text())
    assert raw['pages'] == 2 and raw['ocr_pages'] == 2 and raw['tables'] == 1
    assert cell_accuracy(rows(tmp_path/'out'/'scan'/'table_1.csv'), rows(EXPECTED/'seal_kit_table'/'table_1.csv')) >= 0.95

def test_large_csv_preview(tmp_path):
    src = tmp_path/'big.csv'
    src.write_text('code,value\n' + ''.join(f'X-{i},{i}\n' for i in range(500)), encoding='utf-8')
    cfg = load_config(None, overrides={'paths.out_dir': str(tmp_path/'out'), 'ingest.csv_preview_rows': 10}, root=tmp_path)
    assert ingest(cfg, src=src, progress=False).ok
    assert len(rows(tmp_path/'out'/'big'/'table_1.csv')) == 501, 'the CSV keeps every row'
    md = (tmp_path/'out'/'big'/'text.raw.md').read_text()
    assert '| X-9 | 9 |' in md and '| X-10 |' not in md and '10 of 500 rows shown' in md

SPEC_RTF = (r'{\rtf1\ansi\deff0{\fonttbl{\f0 Helvetica;}}'
            r'\pard\b Seal kit specification\b0\par'
            r'\pard Seal kit SK-2040 is rated to 120 \u176?C and costs 185.00 EUR.\par'
            r'\trowd\cellx2500\cellx5000\cellx7500\intbl Kit\cell Pump\cell Max temperature\cell\row'
            r'\trowd\cellx2500\cellx5000\cellx7500\intbl SK-2040\cell P-101A\cell 120 \u176?C\cell\row'
            r'\trowd\cellx2500\cellx5000\cellx7500\intbl SK-2045\cell P-102\cell 140 \u176?C\cell\row'
            r'\pard Replace the kit every 8000 h.\par}')

def test_legacy_office_formats_through_libreoffice(tmp_path):
    "RTF, ODT and DOC (the latter two made from the RTF by LibreOffice itself) keep their text, figures and table, converted in parallel."
    import shutil, subprocess
    exe = shutil.which('soffice')
    assert exe, 'LibreOffice (soffice) is missing: tools/setup_system.sh installs it (apt libreoffice-writer-nogui)'
    src = tmp_path/'in'; src.mkdir()
    (src/'kit_rtf.rtf').write_text(SPEC_RTF, encoding='ascii')
    for fmt in ('odt', 'doc'):
        made = tmp_path/fmt; made.mkdir()
        subprocess.run([exe, f'-env:UserInstallation={(tmp_path/"profile").as_uri()}', '--headless', '--convert-to', fmt,
                        '--outdir', str(made), str(src/'kit_rtf.rtf')], check=True, capture_output=True, timeout=120)
        (made/f'kit_rtf.{fmt}').rename(src/f'kit_{fmt}.{fmt}')
    out = tmp_path/'out'
    cfg = load_config(None, overrides={'paths.out_dir': str(out), 'ingest.workers': 2}, root=tmp_path)
    res = ingest(cfg, src=src, progress=False)
    assert res.counts() == {'ok': 3, 'skipped': 0, 'failed': 0}, [d.error for d in res.docs]
    for doc in ('kit_rtf', 'kit_odt', 'kit_doc'):
        assert rows(out/doc/'table_1.csv') == [['Kit', 'Pump', 'Max temperature'], ['SK-2040', 'P-101A', '120 °C'], ['SK-2045', 'P-102', '140 °C']], doc
        md = (out/doc/'text.md').read_text(encoding='utf-8')
        for fact in ('SK-2040', '120 °C', '185.00 EUR', '8000 h', '| SK-2045 | P-102 | 140 °C |'): assert fact in md, (doc, fact)
        assert any('LibreOffice' in w for w in res[doc].warnings)
