"""Azure backend details, offline through the real SDK and the replay transport: selection marks and figures."""
from conftest import SAMPLES

from docproc.core import load_config
from docproc.ingest import ReplayTransport, azure_client, extract_azure, render_markdown, render_text

# A one-page form in the service's REST shape: a check-box list, a chart with tick labels and a caption, and a
# table whose cells hold selection marks. Offsets index `content`, as the service's spans do.
PARTS = [('p', 'Inspection form'), ('p', ':selected: Pump ready'), ('p', ':unselected: Seal changed'),
         ('f', '0'), ('f', '50'), ('f', '100'), ('c', 'Figure 1: Flow rate over a day'),
         ('t', 'Done'), ('t', ':selected:'),
         ('p', 'Signed off by the shift lead.')]

def form_result() -> dict:
    content, spans = '', []
    for kind, text in PARTS:
        spans.append((kind, text, len(content))); content += text + '\n'
    sp = lambda o, t: [{'offset': o, 'length': len(t)}]
    paras = [{'content': t, 'spans': sp(o, t), 'boundingRegions': [{'pageNumber': 1}]}
             for k, t, o in spans if k in 'pfc']
    paras[0]['role'] = 'title'
    fig = [(o, t) for k, t, o in spans if k in 'fc']
    cap = next((o, t) for k, t, o in spans if k == 'c')
    cells = [(o, t) for k, t, o in spans if k == 't']
    return {'content': content, 'pages': [{'pageNumber': 1}], 'paragraphs': paras,
            'figures': [{'spans': [{'offset': fig[0][0], 'length': fig[-1][0] + len(fig[-1][1]) - fig[0][0]}],
                         'boundingRegions': [{'pageNumber': 1}], 'caption': {'content': cap[1], 'spans': sp(*cap)}}],
            'tables': [{'rowCount': 1, 'columnCount': 2, 'boundingRegions': [{'pageNumber': 1}],
                        'spans': [{'offset': cells[0][0], 'length': cells[1][0] + len(cells[1][1]) - cells[0][0]}],
                        'cells': [{'rowIndex': 0, 'columnIndex': j, 'content': t} for j, (_, t) in enumerate(cells)]}]}

def test_selection_marks_and_figures(tmp_path):
    cfg = load_config(None, root=tmp_path)
    t = ReplayTransport(form_result(), running_polls=0)
    client = azure_client(cfg, transport=t, endpoint='https://docproc-test.cognitiveservices.azure.com/', key='0' * 32)
    x = extract_azure(SAMPLES/'pump_maintenance_manual.pdf', cfg, client)
    md, text = render_markdown(x.blocks), render_text(x.blocks)
    assert ':selected:' not in md + text and ':unselected:' not in md + text
    assert '☒ Pump ready' in text and '☐ Seal changed' in text
    assert x.tables[0].rows == [['Done', '☒']]
    lines = [l.strip() for l in text.splitlines()]
    assert not {'0', '50', '100'} & set(lines), 'tick labels inside the figure are not body text'
    assert 'Figure 1: Flow rate over a day' in text and text.count('Figure 1: Flow rate') == 1, 'the caption once'
    assert text.index('Seal changed') < text.index('Figure 1') < text.index('Signed off'), 'reading order kept'
