"Issue 17 (session 7): table rows on real report snippets (`docproc.qa_rows`), through `generate_doc`: kept pairs, coverage, set-asides."
from docproc.core import load_config
from docproc.qa import generate_doc
from docproc.qa_lint import lint_question
from conftest import ROOT

def _cfg(): return load_config(ROOT/'config'/'config.json', {'llm.backend': 'offline'})

def _run(doc:str, text:str, heading:str, title:str) -> tuple[dict, dict]:
    s = generate_doc(doc, [({'chunk_id': 'chunk_001', 'heading_path': [heading]}, text)], _cfg(), title=title)
    return {i['question']: i['answer'] for i in s.kept}, s.metadata

# us-034.pdf (sample-size lookup): `Design effect` spans the columns, `Proportion | 1.0 | …` is its header line
LOOKUP = ('Table 2. Sample sizes by design effect\n\n'
          '|   |   |   | Design effect |   |   |   |   |\n|---|---|---|---|---|---|---|---|\n'
          '| Proportion | 1.0 | 1.1 | 1.2 | 1.3 | 1.4 | 1.5 | 1.6 |\n'
          '| 0.99 | 800 | 880 | 960 | 1,040 | 1,120 | 1,200 | 1,280 |\n'
          '| 0.95 | 160 | 176 | 192 | 208 | 224 | 240 | 256 |\n'
          '| 0.90 | 80 | 88 | 96 | 104 | 112 | 120 | 128 |\n'
          '| 0.85 | 53 | 59 | 64 | 69 | 75 | 80 | 85 |\n')
# us-026.pdf (USGS abrasives): two header lines, centred group labels
CAPACITY = ('## Abrasives (Manufactured)\n\n'
            '| World Production Capacity : |   |   |   |   |\n|---|---|---|---|---|\n'
            '|   | Fused aluminum oxide |   |   | Silicon carbide |\n|   | 2009 | 2010 | 2009 | 2010 |\n'
            '| United States and Canada | 60,400 | 60,400 | 42,600 | 42,600 |\n| Argentina | — | — | 5,000 | 5,000 |\n'
            '| Australia | 50,000 | 50,000 | — | — |\n| Brazil | 50,000 | 50,000 | 43,000 | 43,000 |\n')
# eu-015.pdf: two tables with the same column, named by their header corner
ENQUIRIES = ('| Free movement of persons / workers | Enquiries |\n|---|---|\n| Spain | 153 |\n| Germany | 119 |\n'
             '| United Kingdom | 114 |\n\n'
             '| Treaty reform / IGC / Lisbon Treaty | Enquiries |\n|---|---|\n| Germany | 91 |\n| Spain | 85 |\n'
             '| United Kingdom | 74 |\n')
# us-001-scan.pdf: the scan lost the row labels; the first column is an estimate
CUT = ('| Age-adjusted disability rate |   |   |   |\n|---|---|---|---|\n| 2005 |   | 2010 |   |\n'
       '| Estimate | Margin of error (+) | Estimate | Margin of error (+) |\n| 18.6 | 0.3 | 18.1 | 0.3 |\n'
       '| 17.9 | 0.4 | 17.6 | 0.4 |\n')

def test_numeric_row_labels_say_what_the_number_is():
    kept, meta = _run('us-034', LOOKUP, 'Sample size', 'us-034.pdf')
    rows = meta['coverage']['by_kind']['row']
    assert rows == {'units': 4, 'covered': 4}, rows           # the `Proportion` header line is no data row
    assert meta['coverage']['set_aside'].get('header_row') == 1
    q = next(q for q, a in kept.items() if a == '880')
    assert 'Table 2 (Sample sizes by design effect)' in q and '“Design effect, 1.1”' in q and 'proportion is 0.99' in q, q
    assert not any(lint_question(q, a) for q, a in kept.items())
    assert not any(' 0.99 for ' in q or 'the 0.90 for' in q for q in kept)      # the old `What is the 0.90 for Design effect?`

def test_two_header_lines_join():
    kept, meta = _run('us-026', CAPACITY, 'Abrasives (Manufactured)', 'us-026.pdf')
    assert meta['coverage']['by_kind']['row'] == {'units': 4, 'covered': 4}
    assert meta['coverage']['set_aside'].get('header_row') == 2
    assert kept.get('What is the value under “Silicon carbide, 2009” for "Argentina"?') == '5,000' or \
        any('“Silicon carbide, 2009”' in q and '"Argentina"' in q and a == '5,000' for q, a in kept.items()), kept

def test_same_column_in_two_tables_is_two_questions():
    kept, meta = _run('eu-015', ENQUIRIES, 'Hot topics by country', 'eu-015.pdf')
    assert meta['coverage']['by_kind']['row'] == {'units': 6, 'covered': 6}
    assert any('Free movement' in q and '"Spain"' in q and a == '153' for q, a in kept.items())
    assert any('Treaty reform' in q and '"Spain"' in q and a == '85' for q, a in kept.items())

def test_cut_labels_set_aside_not_asked():
    kept, meta = _run('us-001-scan', CUT, 'Disability', 'us-001-scan.pdf')
    assert meta['coverage']['set_aside'].get('row_label_cut') == 2
    assert meta['coverage']['set_aside'].get('header_row') == 2
    assert not [q for q in kept if '18.6' in q or 'Estimate' in q]
