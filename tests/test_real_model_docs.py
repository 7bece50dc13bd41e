"""A real document (two pages of the GNU Libtasn1 manual, tests/fixtures/real/) through stages 01-04 with the
openai-compatible backend against the scripted real model (tests/real_model.py): content selection, the question lint,
grounding and strict JSON parsing apply to a model's output as they do to the offline writer's."""
import json, shutil
from collections import Counter
import pytest
from conftest import ROOT
from docproc.core import load_config, read_json, read_jsonl, Secrets
from docproc.ingest import ingest
from docproc.chunk import chunk
from docproc.llm import get_llm
from docproc.llm_params import undelimit
from docproc.qa_lint import answer_conflicts, lint_question
import docproc.qa as Q
from docproc.summarize import summarize
from llm_server import LLMServer
from real_model import RealModel, norm

REAL = ROOT/'tests'/'fixtures'/'real'
DOCS = ('libtasn1-p2-7.pdf', 'libtasn1-p35.pdf')   # copyright page, contents and chapters 1-2; the concept index

def _cfg(root, srv):
    return load_config(root/'config'/'config.json', {
        'llm.backend': 'openai', 'llm.base_url': srv.base_url, 'llm.provider': 'openai', 'llm.cache': False,
        'llm.models': {'qa': 'gpt-5', 'judge': 'gpt-5-mini', 'summarize': 'gpt-5'}, 'llm.retry_base_s': 0.01,
        'qa.max_iterations': 2, 'llm.timeout_s': 10}, root=root)

@pytest.fixture(scope='module')
def scripted_run(tmp_path_factory):
    "Ingest and chunk offline, then summarize and QA against `RealModel` with faulty questions and API errors."
    root = tmp_path_factory.mktemp('realdoc')
    (root/'config').mkdir(); shutil.copy(ROOT/'config'/'config.json', root/'config'/'config.json')
    src = root/'in'; src.mkdir()
    for d in DOCS: shutil.copy(REAL/d, src)
    model = RealModel(seed=3, faults=0.35, api_errors=0.4)    # few body requests: enough errors that some always occur
    with LLMServer(handler=model) as srv:
        cfg = _cfg(root, srv)
        assert ingest(cfg, src=src, progress=False).counts()['failed'] == 0
        assert chunk(cfg, progress=False).counts()['failed'] == 0
        key = Secrets(OPENROUTER_API_KEY='sk-test-not-a-real-key-0000000')
        s = summarize(cfg, llm=get_llm(cfg, 'summarize', secrets=key), progress=False)
        q = Q.qa(cfg, llm=get_llm(cfg, 'qa', secrets=key), progress=False)
        requests = list(srv.requests)
    return root/'data', model, requests, s, q

def _chunks(data):
    return {d.name: [(r, (d/r['file']).read_text(encoding='utf-8')) for r in read_jsonl(d/'chunks.jsonl')]
            for d in sorted((data/'chunks').iterdir()) if (d/'chunks.jsonl').is_file()}

def _kept(data):
    return [i for f in sorted((data/'qa').glob('*/chunk_*_qa.json')) for i in read_json(f)['items']]

def test_left_out_chunks_are_never_sent_for_questions(scripted_run):
    data, model, requests, s, q = scripted_run
    assert s.ok and q.ok, (s, q)
    cls = {t: r['content_class'] for rows in _chunks(data).values() for r, t in rows}
    assert {'legal', 'index', 'body'} <= set(cls.values())        # the real pages hold all three
    users = [b['messages'][-1]['content'] for b in requests if b['messages'][-1]['role'] == 'user']
    sent = Counter(cls.get(undelimit(u, 'chunk'), 'unknown') for u in users if undelimit(u, 'chunk'))
    assert sent and set(sent) == {'body'}, sent
    summarized = Counter(cls.get(undelimit(b['messages'][-1]['content'], 'document'), 'document') for b in requests
                         if undelimit(b['messages'][-1]['content'], 'document') is not None)
    assert set(summarized) == {'body', 'document'}, summarized   # licence text, the index: the offline label
    meta = {d.name: read_json(d/'qa_metadata.json') for d in (data/'qa').iterdir() if d.is_dir()}
    assert meta['libtasn1-p35']['content']['left_out'] == {'index': 1} and not _kept(data)[0]['doc'] == 'libtasn1-p35'
    assert meta['libtasn1-p2-7']['content']['left_out'].get('legal') == 1
    assert model.api_errors and sum(model.api_errors.values()) > 0    # retried: the stages still succeeded

def test_the_lint_rejects_the_models_faulty_questions(scripted_run):
    data, model, requests, s, q = scripted_run
    kept = _kept(data)
    assert len(kept) >= 3
    faults = {k: w for k, w in model.truth.items() if w.fault}
    assert len(faults) >= 2          # how many depends on how many requests the coverage loop sends (3 before 04zn)
    assert not [w.fault for k, w in faults.items() if k in {norm(i['question']) for i in kept}]
    meta = read_json(data/'qa'/'libtasn1-p2-7'/'qa_metadata.json')
    assert sum(meta['lint'].values()) >= 3 and any(k.startswith('lint_') for k in meta['rejections'])
    assert 'the rest of the text' not in meta['reasoning'].get('note', '')   # only the offline writer's count says so
    rows = {r['chunk_id']: r for r, _ in _chunks(data)['libtasn1-p2-7']}
    for i in kept:   # nothing the lint would reject is kept
        assert [c for c in lint_question(i['question'], i['answer'], tuple(rows[i['chunk_id']]['heading_path']))
                if c != 'unnamed_subject'] == [], i['question']
    assert answer_conflicts(kept) == {}

def test_grounding_drops_wrong_answers_and_keeps_right_ones(scripted_run):
    data, model, requests, s, q = scripted_run
    kept = {norm(i['question']) for i in _kept(data)}
    numeric = {'wrong_number', 'wrong_unit', 'wrong_code', 'swapped_row', 'invented_evidence'}
    wrong = [w.behaviour for k, w in model.truth.items() if not w.fault and w.behaviour in numeric]
    assert wrong and not [w.behaviour for k, w in model.truth.items() if w.behaviour in numeric and k in kept]
    right = [k for k, w in model.truth.items() if w.correct]
    assert sum(k in kept for k in right) >= 0.6 * len(right)

def test_summaries_parse_real_model_replies(scripted_run):
    "Fenced, `<think>`-prefixed and cut-off replies all end as strict, non-empty summaries."
    data, model, requests, s, q = scripted_run
    assert model.styles['fenced'] and model.styles['think']
    for doc, rows in _chunks(data).items():
        for r, t in rows:
            rec = read_json(data/'summaries'/'chunks'/doc/f'{r["chunk_id"]}.json')
            assert rec['status'] == 'ok' and rec['summary'].strip(), (doc, r['chunk_id'], rec.get('error'))
        assert read_json(data/'summaries'/f'{doc}_summary.json')['summary'].strip()

# Small real snippets, one per rule this path showed was missing.
EU008 = """The total indicative amounts available to new Member States under ERDF and Cohesion Funds for 2007-2013 are \
summarised in tabular form below.

| Country/Heading | Cohesion Fund EURbn | ERDF Convergence EURbn | Total EURbn |
|---|---|---|---|
| Bulgaria | 2.3 | 3.2 | 5.5 |
| Czech Republic | 8.8 | 13.4 | 22.2 |
| Estonia | 1.1 | 1.9 | 3.0 |
| TOTAL | 58.99 | 86.70 | 145.69 |
"""   # eu-008.pdf (ICDAR 2013), section 2.1, as docproc extracts it, its table cut to three countries and the total

def _pair(question, answer, evidence, **kw):
    return Q.QAPair(question=question, answer=answer, evidence=evidence, type=kw.pop('type', 'factual'),
                    difficulty='easy', **kw)

def _views(text):
    return {t.index: v for t in Q.pipe_tables(text) if (v := Q.table_view(t)) is not None}

def test_a_row_label_inside_the_column_name_is_not_a_second_row():
    op = Q.TableOp(op='lookup', table=1, attribute='Total EURbn', entities=['Czech Republic'])
    p = _pair('What is the total EURbn for the country/heading "Czech Republic"?', '22.2',
              '| Czech Republic | 8.8 | 13.4 | 22.2 |',
              type='table', table_op=op)
    assert Q.check_pair(p, EU008, _views(EU008), Q.QuestionIndex())[1] is None
    other = p.model_copy(update={'question': 'What is the total EURbn of "TOTAL" and of "Czech Republic"?'})
    assert Q.check_pair(other, EU008, _views(EU008), Q.QuestionIndex())[1] == 'table_question_mismatch'

def test_a_question_may_name_its_document_and_section():
    "The title's and heading's figures (`eu-008.pdf`, `2007-2013`) are no claims the chunk must hold."
    q = 'In eu-008.pdf, under “Structural Funds Regulations 2007-2013”, what is the total EURbn of "Estonia"?'
    op = Q.TableOp(op='lookup', table=1, attribute='Total EURbn', entities=['Estonia'])
    p = _pair(q, '3.0', '| Estonia | 1.1 | 1.9 | 3.0 |', type='table', table_op=op)
    text = EU008.replace('for 2007-2013 ', '')
    where = 'eu-008.pdf\n2. BACKGROUND\n2.1 STRUCTURAL FUNDS REGULATIONS 2007-2013'
    assert Q.check_pair(p, text, _views(text), Q.QuestionIndex())[1] == 'question_not_grounded'
    assert Q.check_pair(p, text, _views(text), Q.QuestionIndex(), where)[1] is None

def test_the_request_tells_the_model_where_the_chunk_comes_from():
    msgs = Q.build_messages(EU008, None, Q.pipe_tables(EU008), [], [], 3, {}, title='eu-008.pdf',
                            heading_path=('2. BACKGROUND', '2.1 STRUCTURAL FUNDS REGULATIONS 2007-2013'))
    where = undelimit(msgs[-1]['content'], 'where')
    assert where == 'Document: eu-008.pdf\nSection: 2. BACKGROUND > 2.1 STRUCTURAL FUNDS REGULATIONS 2007-2013'
    assert undelimit(Q.build_messages(EU008, None, [], [], [], 3, {})[-1]['content'], 'where') is None

def test_summaries_of_the_real_pages_break_no_summary_rule(scripted_run):
    "bench/summaries.py's rules (no page numbers, licence text, fragments, captions; code by its names; never empty)."
    import sys
    sys.path.insert(0, str(ROOT/'bench'))
    from summaries import violations
    data = scripted_run[0]
    bad = []
    for doc, rows in _chunks(data).items():
        for r, t in rows:
            rec = read_json(data/'summaries'/'chunks'/doc/f'{r["chunk_id"]}.json')
            bad += [(doc, r['chunk_id'], v) for v in violations(rec, t, r['kind'])]
    assert bad == []

def test_licence_wording_is_dropped_from_a_models_key_points(scripted_run):
    "A model copies the licence item of Libtasn1's feature list into the key points of its introduction: dropped."
    from docproc.summarize import enforce_grounding, SummaryContent
    rows = _chunks(scripted_run[0])['libtasn1-p2-7']
    intro = next(t for r, t in rows if r['heading_path'][-1:] == ['1 Introduction'])
    s = SummaryContent(summary='Libtasn1 provides ASN.1 parsing and DER encoding and decoding functions.', key_points=[
        'Anybody can use, modify, and redistribute the library under the terms of the GNU Lesser General Public '
        'License version 2.1 or later.',
        'No global variables are used and multiple library handles and session handles may be used in parallel.'],
        key_figures=[], entities=[], part_codes=[], table_descriptions=[])
    out, dropped = enforce_grounding(s, intro)
    assert out.key_points == s.key_points[1:] and dropped == {'key_points': 1}
