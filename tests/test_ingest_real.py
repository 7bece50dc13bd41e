"Stage 01 on real pages nobody on the project wrote (tests/fixtures/real/, licences in its README), through stage 02."
import csv, json, re, shutil
from collections import Counter
from pathlib import Path
import pytest

from conftest import ROOT
from docproc.core import Config, read_jsonl
from docproc.ingest import ingest
from docproc.chunk import chunk

REAL = ROOT/'tests'/'fixtures'/'real'

def rows(p): return list(csv.reader(open(p, encoding='utf-8', newline='')))

def cell_f1(got, exp):
    "F1 of the multisets of non-empty cell texts (bench/realworld/score.py's table measure)."
    norm = lambda c: re.sub(r'\s+', ' ', c).strip().lower()
    g = Counter(norm(c) for r in got for c in r if norm(c)); e = Counter(norm(c) for r in exp for c in r if norm(c))
    tp = sum((g & e).values())
    return 2 * tp / (sum(g.values()) + sum(e.values())) if tp else 0.0

@pytest.fixture(scope='module')
def real_run(tmp_path_factory):
    "Ingest and chunk the real pages once, as `docproc ingest` and `docproc chunk` would."
    root = tmp_path_factory.mktemp('real')
    src = root/'in'; src.mkdir()
    for p in REAL.glob('*.pdf'): shutil.copy(p, src)
    cfg = Config(); cfg._root = root
    r = ingest(cfg, src=src, progress=False)
    assert r.counts()['failed'] == 0, r
    c = chunk(cfg, progress=False)
    assert c.counts()['failed'] == 0, c
    return root/'data'/'out', root/'data'/'chunks'

def _md(out, doc): return (out/doc/'text.raw.md').read_text(encoding='utf-8')
def _raw(out, doc): return json.loads((out/doc/'raw.json').read_text())

def test_lines_join_into_paragraphs(real_run):
    out, _ = real_run
    paras = _md(out, 'libtasn1-p2-7').split('\n\n')
    intro = [p for p in paras if p.startswith('This document describes the Libtasn1 library')]
    assert len(intro) == 1 and intro[0].endswith('encoding and decoding functions.'), 'four PDF lines, one paragraph'
    assert '\nparsing and structures' not in intro[0]

def test_line_end_hyphenation_undone_real_hyphens_kept(real_run):
    out, _ = real_run
    md = _md(out, 'libtasn1-p2-7')
    assert 'Distinguished Encoding Rules (DER) manipulation.' in md and 'manip-' not in md
    assert 'structures management, and' in md and 'man-agement' not in md
    assert 'On-line ASN.1 structure management' in md and 'Front-Cover Texts' in md, 'real hyphens stay'

def test_running_headers_and_page_numbers_removed(real_run):
    out, _ = real_run
    md = _md(out, 'libtasn1-p2-7')
    assert 'Chapter 2: ASN.1 structure handling' not in md, 'running head of pages 5 and 6 (Chapter 2 ... 3, ... 4)'
    assert not re.search(r'(?m)^(- )?([0-9]{1,3}|[ivx]{1,4})$', md), 'no page number left as its own paragraph or item'
    assert _raw(out, 'libtasn1-p2-7')['furniture_lines'] >= 4

def test_unruled_table_with_spanning_headers(real_run):
    out, _ = real_run
    got = rows(out/'us-024-p2'/'table_1.csv')
    assert cell_f1(got, rows(REAL/'us-024-p2.table_1.csv')) >= 0.95
    assert len({len(r) for r in got}) == 1 and len(got[0]) == 11, 'one rectangle, no duplicated columns'
    assert ['American Indian/Alaska Native', '707', '51', '(7.2)', '1.8', '(1.0–3.5)', '730', '55', '(7.5)', '1.9',
            '(1.1–3.4)'] in got, 'a wrapped row label is one cell of its row'
    assert _raw(out, 'us-024-p2')['tables'] == 1

def test_ruled_table_one_row_per_table_row(real_run):
    out, _ = real_run
    got, exp = rows(out/'eu-008-p1'/'table_1.csv'), rows(REAL/'eu-008-p1.table_1.csv')
    assert len(got) == len(exp) and cell_f1(got, exp) >= 0.95
    us017 = rows(out/'us-017-p2'/'table_1.csv')
    assert cell_f1(us017, rows(REAL/'us-017-p2.table_1.csv')) >= 0.95

def test_toc_and_index_pages_are_not_tables(real_run):
    out, _ = real_run
    raw = _raw(out, 'libtasn1-p2-7')
    assert raw['toc_pages'] == [2] and raw['index_pages'] == [] and raw['tables'] == 0
    md = _md(out, 'libtasn1-p2-7')
    assert '- 2.1 ASN.1 syntax ... 2' in md and '|' not in md.split('<!-- page 2 -->')[1].split('<!-- page 3 -->')[0]
    idx = _raw(out, 'libtasn1-p35')
    assert idx['index_pages'] == [1] and idx['tables'] == 0

def test_code_stays_fenced_prose_does_not(real_run):
    out, _ = real_run
    md = _md(out, 'libtasn1-p2-7')
    fences = re.findall(r'```\n(.*?)\n```', md, re.S)
    assert any('Version ::= INTEGER' in f for f in fences)
    assert not any('The parser is case sensitive' in f for f in fences)

def test_every_block_and_chunk_keeps_its_page(real_run):
    out, chunks = real_run
    md = _md(out, 'libtasn1-p2-7')
    assert [int(n) for n in re.findall(r'<!-- page (\d+) -->', md)] == [1, 2, 3, 4, 5, 6]
    for doc in ['libtasn1-p2-7', 'us-024-p2', 'eu-008-p1']:
        recs = read_jsonl(chunks/doc/'chunks.jsonl')
        assert recs and all(r['page_start'] and r['page_end'] and r['page_start'] <= r['page_end'] for r in recs), doc
    recs = read_jsonl(chunks/'libtasn1-p2-7'/'chunks.jsonl')
    assert recs[0]['page_start'] == 1 and recs[-1]['page_end'] == 6

def test_table_ends_at_its_footnotes(real_run):
    "us-025 p2: two unruled tables, each closed by `Abbreviation: ...` / `*Per ...`, above two columns of prose."
    out, _ = real_run
    assert _raw(out, 'us-025-p2')['tables'] == 2
    for k in (1, 2):
        got = rows(out/'us-025-p2'/f'table_{k}.csv')
        assert cell_f1(got, rows(REAL/f'us-025-p2.table_{k}.csv')) >= 0.95, k
        assert not any('Statistics System' in c or 'median' in c for r in got for c in r), 'no caption line, no prose'

def _best(out, doc, exp):
    "The extracted table of `doc` that matches the expected CSV best, and its cell F1."
    got = [rows(p) for p in sorted((out/doc).glob('table_*.csv'))]
    return max(((cell_f1(g, rows(REAL/exp)), g) for g in got), default=(0.0, []), key=lambda x: x[0])

def test_typewritten_table_leaders_and_typed_rules(real_run):
    "us-034 p2 (Courier): dot leaders between label and values, `-----` under the header, numbers one space apart."
    out, _ = real_run
    for k in (1, 2):
        f1, got = _best(out, 'us-034-p2', f'us-034-p2.table_{k}.csv')
        assert f1 >= 0.95, (k, f1)
        assert not any(re.search(r'\.{3}|---', c) for r in got for c in r), 'no leader dots, no typed rule in a cell'
        assert len(got) == 19, 'two header rows and 17 body rows: the two tables stay apart'
    first = _best(out, 'us-034-p2', 'us-034-p2.table_1.csv')[1]
    assert ['0.99', '800', '880', '960', '1,040', '1,120', '1,200', '1,280'] in first

def test_ruled_table_outer_column_beyond_vertical_rules(real_run):
    "us-001 p1 (Census): the last column has no vertical rule on its right; the horizontal rules run on to it."
    out, _ = real_run
    f1, got = _best(out, 'us-001-p1', 'us-001-p1.table_1.csv')
    assert f1 >= 0.95, f1
    assert ['All ages . . . . . . . . . . . .', '291,099', '*****', '100.0', '(X)', '303,858', '*****', '100.0', '(X)',
            '**12,760', '(X)'] in got

def test_values_centred_on_a_wrapped_label_are_one_row(real_run):
    "us-023 p2 (AHRQ): `Between-state income inequality (Gini` / values / `index)` is one row."
    out, _ = real_run
    f1, got = _best(out, 'us-023-p2', 'us-023-p2.table_1.csv')
    assert f1 >= 0.95, f1
    assert [r[:2] for r in got if r[0].startswith('Between-state income')] == [
        ['Between-state income inequality (Gini index)', '0.0628']]
    assert not any(r[0] == 'index)' for r in got)

def test_columns_of_prose_are_not_a_table(real_run):
    "us-001 p1: three columns of prose above Table 1 align like a table; they stay text, Table 1 stays a table."
    out, _ = real_run
    tables = [rows(p) for p in sorted((out/'us-001-p1').glob('table_*.csv'))]
    assert tables and not any('disability in 2010' in c for t in tables for r in t for c in r)
    assert 'quarters had a disability in 2010' in (out/'us-001-p1'/'text.txt').read_text(encoding='utf-8')

def test_contents_running_over_pages_is_contents(real_run):
    "gnuplot manual pp. 2-4: a contents list over three pages, titled `Contents` only on the first: no tables."
    out, _ = real_run
    raw = _raw(out, 'gnuplot-p2-4')
    assert raw['toc_pages'] == [1, 2, 3] and raw['index_pages'] == [] and raw['tables'] == 0

def test_wrapped_text_cell_is_one_cell(real_run):
    "Libgcrypt manual p. 85: a two-column list whose descriptions wrap; each wrapped description is one cell."
    out, _ = real_run
    cells = [c for p in sorted((out/'gcrypt-p85').glob('table_*.csv')) for r in rows(p) for c in r]
    assert 'Switch to unsigned integer mode. The expected argument is address of a unsigned int variable.' in cells
    assert 'unsigned int variable.' not in cells

def test_three_columns_of_prose_read_column_by_column(real_run):
    "us-001 p3 (Census): prose set in three columns is read down each column, not across the page."
    out, _ = real_run
    text = (out/'us-001-p3'/'text.txt').read_text(encoding='utf-8')
    assert 'oldest group, more than half (55.8 percent) had a severe disability. Of individuals 55 to 64' in text
    assert 'rates for older age groups, and and females' not in text

def test_alternating_running_heads_removed(real_run):
    """eu-021 pp. 1-6: `Presentation of Findings` heads odd pages, `Healthy Students Healthy Lives` even ones, each over
    a rule typed as underscores; neither is body text, nor are the typed rules."""
    out, _ = real_run
    text = (out/'eu-021-p1-6'/'text.txt').read_text(encoding='utf-8')
    assert 'Healthy Students Healthy Lives' not in text and 'Presentation of Findings' not in text
    assert '_____' not in text
    assert 'syndrome (Figure 3.6).' in text, 'the body stays'

def test_caption_and_notes_inside_the_ruled_box_are_text(real_run):
    "us-014 p2 (US Dept. of Education): `Exhibit 19 ...` and `Exhibit reads: ... Source: ...` are ruled rows of the box."
    out, _ = real_run
    got = [c for p in sorted((out/'us-014-p2').glob('table_*.csv')) for r in rows(p) for c in r]
    assert got and not any(c.startswith(('Exhibit', 'Source')) for c in got)
    text = (out/'us-014-p2'/'text.txt').read_text(encoding='utf-8')
    assert 'Exhibit 19' in text and 'Exhibit reads: Thirty-four percent' in text, 'caption and notes stay text'

def test_unit_note_survives(real_run):
    "`[In thousands]` under each caption of us-017 repeats at the top of every page, yet it is the tables' unit."
    out, chunks = real_run
    md = _md(out, 'us-017-p2-3')
    notes = [l.strip() for l in md.splitlines() if 'thousands' in l]
    assert notes == ['[In thousands]', '[In thousands]'], notes
    # each note sits between its caption and its table, and travels in the table's chunk
    assert len(re.findall(r'Table \d+\. [^\n]*\n\n\[In thousands\]\n\n\|', md)) == 2
    assert sum((p.read_text().count('[In thousands]') for p in (chunks/'us-017-p2-3').glob('chunk_*.txt'))) == 2
