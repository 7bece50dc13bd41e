"Stage 02 chunk: invariants on generated Markdown (hypothesis), bad input, the stage and its CLI."
import json, shutil
from pathlib import Path
import pytest
from hypothesis import given, settings, strategies as st, HealthCheck

from conftest import SAMPLES
from docproc.core import ChunkConfig, count_tokens, load_config, read_jsonl, read_json, sha256_file
from docproc.chunk import chunk_markdown, chunk, strip_page_markers
from docproc.cli import main

# ---------------------------------------------------------------- generated Markdown
# Each generator returns (markdown, items) where items are (offset, text, what) of the pieces that must
# never be cut: sentences, tables and code blocks, with their offsets in the markdown.

WORDS = ['pump', 'seal', 'valve', 'motor', 'bearing', 'check', 'the', 'at', 'for', 'with', 'replace', 'flow',
         '3.5 bar', 'P-101.A', 'MS-3050', '14.2 A', 'e.g. Pump', 'approx. 2900 rpm', 'No. 4', 'Fig. 2',
         'i.e. the', '45 m³/h', '0.05 mm', 'V-301', 'etc. Then', 'café', 'naïve', '90 °C', 'x'*30]
CAPS = ['Check', 'Replace', 'Confirm', 'The', 'Measure', 'Open', 'Vent', 'Isolate', 'Record']

@st.composite
def sentence(draw, long=False):
    n = draw(st.integers(20, 120) if long else st.integers(2, 14))
    words = [draw(st.sampled_from(CAPS))] + [draw(st.sampled_from(WORDS)) for _ in range(n)]
    sep = [draw(st.sampled_from([' ', ' ', ' ', ', ', '; '])) for _ in range(n)] if long else [' '] * n
    body = words[0] + ''.join(s + w for s, w in zip(sep, words[1:]))
    return body + draw(st.sampled_from(['.', '.', '!', '?', '...']))

def _sentences(draw, k, items, base, joiner=' ', long_p=0.05):
    parts, pos = [], base
    for i in range(k):
        s = draw(sentence(long=draw(st.floats(0, 1)) < long_p))
        items.append((pos, s, 'sentence')); parts.append(s); pos += len(s) + len(joiner)
    return joiner.join(parts)

@st.composite
def block(draw, base):
    kind = draw(st.sampled_from(['para', 'para', 'para', 'list', 'olist', 'quote', 'heading', 'table', 'ragged',
                                 'fence', 'csv', 'html']))
    items = []
    if kind == 'para':
        md = _sentences(draw, draw(st.integers(1, 8)), items, base)
    elif kind in ('list', 'olist'):
        lines, pos = [], base
        for i in range(draw(st.integers(1, 5))):
            mark = '- ' if kind == 'list' else f'{i+1}. '
            sub = []
            txt = _sentences(draw, draw(st.integers(1, 3)), sub, pos + len(mark))
            items += sub; lines.append(mark + txt); pos += len(mark) + len(txt) + 1
        md = '\n'.join(lines)
    elif kind == 'quote':
        md = '> ' + _sentences(draw, draw(st.integers(1, 4)), items, base + 2)
    elif kind == 'heading':
        md = '#' * draw(st.integers(1, 4)) + ' ' + draw(st.sampled_from(CAPS)) + ' ' + draw(st.sampled_from(['pumps', 'seals', 'P-101 setup', 'limits']))
    elif kind in ('table', 'ragged'):
        cols, rows = draw(st.integers(2, 5)), draw(st.integers(1, 40))
        cell = st.sampled_from(['P-101', '3.5 bar', 'seal kit', '14.2 A', 'yes', 'no', '', 'MS-3050 O-ring'])
        lines = ['| ' + ' | '.join(f'col{c}' for c in range(cols)) + ' |', '|' + '---|' * cols]
        for _ in range(rows):
            n = draw(st.integers(1, cols + 1)) if kind == 'ragged' else cols
            lines.append('| ' + ' | '.join(draw(cell) for _ in range(n)) + ' |')
        md = '\n'.join(lines); items.append((base, md, 'table'))
    elif kind in ('fence', 'csv'):
        n = draw(st.integers(1, 30))
        body = '\n'.join(draw(st.sampled_from(['x = 1', 'P-101,3.5,bar', 'if ok:', '    run()', '', 'Done. Next.'])) for _ in range(n))
        md = f'```{"csv" if kind == "csv" else "python"}\n{body}\n```'; items.append((base, md, 'code'))
    else:
        rows = ''.join(f'<tr><td>P-{i}</td><td>{i}.5 bar</td></tr>\n' for i in range(draw(st.integers(1, 20))))
        md = f'<table>\n{rows}</table>'; items.append((base, md, 'table'))
    return md, items

@st.composite
def markdown_doc(draw):
    parts, items, pos = [], [], 0
    for _ in range(draw(st.integers(1, 25))):
        md, its = draw(block(pos))
        parts.append(md); items += its; pos += len(md) + 2
    doc = '\n\n'.join(parts) + draw(st.sampled_from(['', '\n']))
    for off, text, _ in items: assert doc[off:off+len(text)] == text
    return doc, items

@st.composite
def chunk_cfg(draw):
    split = draw(st.sampled_from(['never', 'never', 'rows_with_header']))
    if draw(st.booleans()):
        mx = draw(st.integers(40, 400))
        return ChunkConfig(unit='tokens', max_size=mx, min_size=draw(st.integers(0, mx // 3)), table_split=split)
    mx = draw(st.integers(150, 1500))
    return ChunkConfig(unit='chars', max_size=mx, min_size=draw(st.integers(0, mx // 3)), table_split=split)

def _size(text, cfg): return count_tokens(text, cfg.encoding) if cfg.unit == 'tokens' else len(text)
def _words(s): return ''.join(s.split())

HYP = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

@HYP
@given(markdown_doc(), chunk_cfg())
def test_invariants_on_generated_markdown(doc_items, cfg):
    md, items = doc_items
    cs = chunk_markdown(md, cfg)
    assert cs, 'a non-empty document gives chunks'
    # nothing lost or duplicated: the chunks are ordered, disjoint slices that together hold every word
    for c in cs:  # each chunk is a slice of the input; only a split table's repeated header is added
        own = md[c.start:c.end]
        assert c.text == own or (c.table_part and not c.table_part.startswith('1/') and c.text.endswith(own)
                                 and c.text[:len(c.text) - len(own)].count('\n') == 2)
    assert all(a.end <= b.start for a, b in zip(cs, cs[1:]))
    assert _words(md) == ''.join(_words(md[c.start:c.end]) for c in cs)
    assert [c.chunk_id for c in cs] == [f'chunk_{i:03d}' for i in range(1, len(cs) + 1)]
    # no boundary inside a table, a code block or a sentence (except flagged over-long sentences)
    for off, text, what in items:
        end = off + len(text.rstrip())
        inside = [c for c in cs if c.start <= off and end <= c.end]
        if not inside and what in ('table', 'code'):   # row groups / line groups (table_split, or over the hard cap)
            assert all(c.table_part for c in cs if c.start < end and off < c.end), 'table cut outside its row groups'
            continue
        if not inside:
            assert what == 'sentence', f'{what} cut: {text[:80]!r}'
            assert all(c.sentence_split for c in cs if c.start < end and off < c.end), f'sentence cut: {text!r}'
    # sizes are exact and within [min, max] except the documented cases
    for k, c in enumerate(cs):
        assert c.tokens == count_tokens(c.text, cfg.encoding)
        assert c.size == _size(c.text, cfg)
        if c.size > cfg.max_size:
            assert c.oversize and (c.kind in ('table', 'code') or c.sentence_split), c.record()
        if c.size < cfg.min_size and len(cs) > 1 and not c.table_part:   # row groups stand alone by design
            assert c.undersize
            for n in (k - 1, k + 1):   # no neighbour could have taken it
                if 0 <= n < len(cs) and not cs[n].table_part:
                    a, b = min(c.start, cs[n].start), max(c.end, cs[n].end)
                    assert _size(md[a:b], cfg) > cfg.max_size, (c.record(), cs[n].record())
    # stable: the same input gives the same chunks
    assert [c.record() for c in chunk_markdown(md, cfg)] == [c.record() for c in cs]

@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(markdown_doc(), st.integers(1, 3))
def test_overlap_repeats_whole_sentences_only(doc_items, n):
    md, _ = doc_items
    cfg = ChunkConfig(max_size=120, min_size=30, overlap_sentences=n)
    cs = chunk_markdown(md, cfg)
    assert _words(md) == ''.join(_words(c.text[c.overlap_chars:]) for c in cs)   # overlap aside, nothing lost
    for p, c in zip(cs, cs[1:]):
        if c.overlap_chars:
            assert c.text == md[c.start - c.overlap_chars:c.end]
            assert p.text.endswith(c.text[:c.overlap_chars].rstrip())          # repeated from the previous chunk
            assert c.size <= cfg.max_size or c.oversize

def test_numbered_lists_keep_markers_and_headings_give_paths():
    md = '# Pumps\n\n## Checks\n\n1. Confirm valve V-301 is open.\n2. Check gauge PG-12.\n\n### Limits\n\nMax 6.2 bar.\n'
    cs = chunk_markdown(md, min_size=0, max_size=20)
    assert cs[0].text.startswith('# Pumps\n\n## Checks\n\n1. Confirm')
    assert cs[0].heading_path == ['Pumps']
    assert cs[-1].heading_path == ['Pumps', 'Checks', 'Limits'] and cs[-1].text.startswith('### Limits')
    assert not any(c.text.strip() in ('1.', '2.') for c in cs)

def test_table_rows_with_header_keeps_every_row_once():
    rows = [f'| P-{i} | {i}.5 bar | seal kit {i} |' for i in range(400)]
    md = 'Intro sentence.\n\n| part | pressure | name |\n|---|---|---|\n' + '\n'.join(rows) + '\n\nAfter.\n'
    cs = chunk_markdown(md, max_size=300, min_size=50, table_split='rows_with_header')
    parts = [c for c in cs if c.table_part]
    assert len(parts) > 3 and all(c.tokens <= 300 for c in parts)
    assert all(c.text.startswith('| part | pressure | name |\n|---|---|---|\n') for c in parts[1:])
    got = [l for c in parts for l in c.text.splitlines() if l.startswith('| P-')]
    assert got == rows
    assert len(chunk_markdown(md, max_size=300, min_size=50, hard_max_size=10**6)) <= 3  # 'never': whole below the hard cap
    assert all(c.tokens <= 300 for c in chunk_markdown(md, max_size=300, min_size=50))  # over the cap (8 x max): split anyway

def test_page_markers_are_stripped_and_give_page_spans():
    md = '<!-- page 1 -->\n# Manual\n\n' + 'The pump runs. ' * 40 + '\n<!-- page 2 -->\n' + 'Seal MS-3050 holds. ' * 40 + '\n'
    cs = chunk_markdown(md, max_size=150, min_size=40)
    assert not any('<!--' in c.text for c in cs)
    assert cs[0].page_start == 1 and cs[-1].page_end == 2
    assert all(c.page_start <= c.page_end for c in cs)
    clean, _ = strip_page_markers(md)
    assert _words(clean) == ''.join(_words(c.text) for c in cs)

# ---------------------------------------------------------------- the stage on bad input

def _put(project, doc, name, data):
    d = project/'data'/'out'/doc; d.mkdir(parents=True, exist_ok=True)
    (d/name).write_bytes(data if isinstance(data, bytes) else data.encode())

@pytest.fixture
def bad_project(project):
    _put(project, 'guide', 'text.md', (SAMPLES/'troubleshooting_guide.md').read_bytes())
    _put(project, 'empty', 'text.md', '\n  \n')
    big = '| part | qty | note |\n|---|---|---|\n' + ''.join(f'| P-{i} | {i} | spare seal kit {i % 97} |\n' for i in range(9000))
    _put(project, 'bigtable', 'text.md', '# Parts\n\n' + big)
    _put(project, 'junk', 'text.md', bytes(range(256)) * 64)
    _put(project, 'badutf8', 'text.md', b'# Notes\n\nValve V-301 is \xff\xfe open. Pressure 3.5 bar.\n')
    _put(project, 'ragged', 'text.md', '# T\n\n| a | b |\n|---|\n| 1 | 2 | 3 |\n| 4 |\n\nAfter the table.\n')
    _put(project, 'unclosed', 'text.md', 'Intro.\n\n```python\nx = 1\n\nmore = 2\n')
    _put(project, 'rawonly', 'text.raw.md', '<!-- page 3 -->\nOnly raw text here.\n')
    return project

def test_stage_handles_bad_input_and_goes_on(bad_project):
    cfg = load_config(bad_project/'config'/'config.json')
    r = chunk(cfg, progress=False)
    assert r.counts() == {'ok': 7, 'skipped': 0, 'failed': 1}, r.to_dict()
    assert 'junk/text.md: looks like binary' in r['junk'].error
    out = bad_project/'data'/'chunks'
    assert read_jsonl(out/'empty'/'chunks.jsonl') == [] and 'empty document' in r['empty'].warnings[0]
    big = read_jsonl(out/'bigtable'/'chunks.jsonl')
    # a table over the hard cap (8 x max_size) is split into row groups, each repeating the header (issue 19)
    assert len(big) > 100 and not any(c['oversize'] for c in big) and all(c['tokens'] <= 600 for c in big)
    parts = [c for c in big if c['table_part']]
    assert len(parts) == len(big) - 1 or len(parts) == len(big)
    assert all((out/'bigtable'/c['file']).read_text().split('\n', 1)[0].endswith('| part | qty | note |') for c in parts)
    assert any('invalid UTF-8' in w for w in r['badutf8'].warnings)
    assert '\ufffd' in (out/'badutf8'/'chunk_001.txt').read_text()
    assert any('malformed pipe table at line 3' in w for w in r['ragged'].warnings)
    assert any(c['tableish'] for c in read_jsonl(out/'ragged'/'chunks.jsonl'))
    assert any('unclosed code fence at line 3' in w for w in r['unclosed'].warnings)
    raw = read_jsonl(out/'rawonly'/'chunks.jsonl')
    assert raw[0]['page_start'] == 3 and read_json(out/'rawonly'/'metadata.json')['source'] == 'text.raw.md'
    # every chunk file matches its record
    for rec in read_jsonl(out/'guide'/'chunks.jsonl'):
        assert sha256_file(out/'guide'/rec['file']) == rec['sha256']
        assert set(rec) >= {'doc', 'chunk_id', 'index', 'file', 'chars', 'tokens', 'heading_path', 'kind', 'tableish',
                            'oversize', 'page_start', 'page_end', 'sha256'}
    meta = read_json(out/'guide'/'metadata.json')
    assert meta['params']['config_hash'] and meta['n_chunks'] == len(meta['chunks'])

def test_stage_skips_current_docs_and_is_stable(bad_project):
    cfg = load_config(bad_project/'config'/'config.json', overrides={'chunk.max_size': 80, 'chunk.min_size': 20})
    chunk(cfg, docs=['guide'], progress=False)
    d = bad_project/'data'/'chunks'/'guide'
    first = {p.name: p.read_bytes() for p in d.iterdir()}
    assert chunk(cfg, docs=['guide'], progress=False)['guide'].status == 'skipped'
    assert chunk(cfg, docs=['guide'], force=True, progress=False)['guide'].status == 'ok'
    assert {p.name: p.read_bytes() for p in d.iterdir()} == first        # same ids, files and bytes
    cfg2 = load_config(bad_project/'config'/'config.json', overrides={'chunk.max_size': 200})
    assert chunk(cfg2, docs=['guide'], progress=False)['guide'].status == 'ok'  # config changed: redone
    (bad_project/'data'/'out'/'guide'/'text.md').write_text('# New\n\nChanged text.\n')
    assert chunk(cfg2, docs=['guide'], progress=False)['guide'].status == 'ok'  # input changed: redone
    assert read_jsonl(d/'chunks.jsonl')[0]['heading_path'] == ['New']

def test_cli(bad_project, capsys, monkeypatch):
    monkeypatch.chdir(bad_project)
    assert main(['chunk', '--quiet']) == 1                                   # junk failed
    assert 'failed   junk: BinaryInputError' in capsys.readouterr().out
    assert main(['chunk', '--quiet', '--only', 'guide', '--force', '--set', 'chunk.max_size=200']) == 0
    out = capsys.readouterr().out
    assert 'ok       guide' in out and '1 ok, 0 skipped, 0 failed' in out
    assert main(['chunk', '--quiet', '--only', 'nope']) == 2                # a usage error: no such document
    assert 'docproc chunk: unknown document nope: ' in capsys.readouterr().err
