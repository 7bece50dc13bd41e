"Stage 05 dataset: outputs read by the real consumers (datasets, a tokenizer's chat template), the no-leak split, validators, bad input."
import json, shutil
from pathlib import Path
import pytest
from docproc.core import load_config, read_json, read_jsonl, atomic_write_jsonl, sha256_file
from docproc.dataset import (make_fixture_project, build_dataset, validate_dataset, tiny_chat_tokenizer, check_chat_template,
                             check_openai_example, check_alpaca, check_sharegpt, DatasetError, DatasetValidationError, VIEWS,
                             metadata_file)
from docproc.cli import main

DOCS = ['commissioning_procedure', 'pump_maintenance_manual', 'troubleshooting_guide']

def _cfg(root, **over):
    return load_config(make_fixture_project(root) if not (Path(root)/'config'/'config.json').exists() else Path(root)/'config'/'config.json',
                       overrides={f'dataset.{k}': v for k, v in over.items()})

@pytest.fixture(scope='module')
def built(tmp_path_factory):
    "One full build of the fixture project with every export switched on."
    root = tmp_path_factory.mktemp('ds')
    cfg = _cfg(root, alpaca=True, sharegpt=True)
    res = build_dataset(cfg, progress=False)
    return root/'data'/'dataset', res, cfg

@pytest.fixture(scope='module')
def grounded(tmp_path_factory):
    "The fixture project built in grounded mode (split by document)."
    root = tmp_path_factory.mktemp('dsg')
    cfg = _cfg(root, mode='grounded', hf_dataset=False)
    return root/'data'/'dataset', build_dataset(cfg, progress=False), cfg

def _meta(path):
    "The metadata of each line of an OpenAI-format file (its sidecar), or the records themselves (RAG)."
    path = Path(path)
    return read_jsonl(metadata_file(path)) if path.name.startswith('openai_') else read_jsonl(path)

def _docs_in(path):
    return {r.get('doc') for r in _meta(path)}

def test_outputs_load_with_datasets(built):
    out, res, _ = built
    from datasets import load_dataset, load_from_disk, DatasetDict
    m = read_json(out/'manifest.json')
    assert res.ok and res.counts() == {'ok': 3, 'skipped': 0, 'failed': 0}
    for view in ('instruct', 'chat', 'rag', 'alpaca', 'sharegpt', 'sharegpt_chat'):
        stem = VIEWS[view]
        ds = load_dataset('json', data_files={'train': str(out/f'{stem}.train.jsonl'), 'eval': str(out/f'{stem}.eval.jsonl')})
        assert ds['train'].num_rows == m['counts'][view]['train'] > 0, view
        assert ds['eval'].num_rows == m['counts'][view]['eval'] > 0, view
        full = load_dataset('json', data_files=str(out/f'{stem}.jsonl'), split='train')
        assert full.num_rows == m['counts'][view]['all'] == ds['train'].num_rows + ds['eval'].num_rows
    hf = load_from_disk(str(out/'hf'))
    assert isinstance(hf, DatasetDict) and set(hf) == {'train', 'eval'}
    assert hf['train'].num_rows == m['counts']['instruct']['train'] and hf['eval'].num_rows == m['counts']['instruct']['eval']
    ex = hf['train'][0]
    assert [x['role'] for x in ex['messages']] == ['system', 'user', 'assistant'] and ex['doc'] in m['splits']['train']['docs']
    # the metadata are HF columns, row for row the sidecar's
    assert {'doc', 'chunk_id', 'qa_id', 'type', 'difficulty', 'section', 'question', 'split', 'eval_split'} <= set(hf['train'].column_names)
    assert hf['eval']['qa_id'] == [r['qa_id'] for r in _meta(out/'openai_instruct.eval.jsonl')]
    rag = load_dataset('json', data_files=str(out/'axess_rag.jsonl'), split='train')
    r = next(r for r in rag if r['id'] == 'pump_maintenance_manual:chunk_001')
    assert r['page_start'] == 1 and r['source_file'] == 'data/samples/pump_maintenance_manual.pdf' and len(r['source_sha256']) == 64
    assert r['chunk_summary'] and r['doc_summary'].startswith('Maintenance manual') and r['heading_path'][-1] == 'Specifications'
    assert '| Rated flow | 45 m³/h |' in r['text']

def test_every_example_renders_with_a_chat_template(built):
    "TRL conversational format: a locally built tokenizer's chat template renders and tokenizes every example as loaded by datasets."
    out, _, _ = built
    from datasets import load_dataset
    texts = [m['content'] for r in read_jsonl(out/'openai_instruct.jsonl') for m in r['messages']]
    tok = tiny_chat_tokenizer(texts)
    n = 0
    for stem in ('openai_instruct', 'openai_chat'):
        for ex in load_dataset('json', data_files=str(out/f'{stem}.jsonl'), split='train'):
            assert check_chat_template(ex, tok) == [], ex
            rendered = tok.apply_chat_template(ex['messages'], tokenize=False)
            assert rendered.endswith(ex['messages'][-1]['content'] + '<|im_end|>\n')
            enc = tok.apply_chat_template(ex['messages'], tokenize=True, return_dict=True, return_assistant_tokens_mask=True)
            masked = [i for i, keep in zip(enc['input_ids'], enc['assistant_masks']) if keep]
            assert ex['messages'][-1]['content'] in tok.decode(masked)   # the answer is what the loss is computed on
            n += 1
    m = read_json(out/'manifest.json')
    assert n == m['counts']['instruct']['all'] + m['counts']['chat']['all'] > 30
    # unicode, code and the very long answer made it through intact
    inst = read_jsonl(out/'openai_instruct.jsonl')
    answers = [r['messages'][-1]['content'] for r in inst]
    assert '≥ 100 MΩ, measured at 500 V DC.' in answers and any('```text\n2026-05-06T10:14:03Z PC-9 ALARM 0x2A' in a for a in answers)
    assert max(len(a) for a in answers) > 3000

def test_grounded_split_never_shares_a_document(grounded):
    out, res, _ = grounded
    m = read_json(out/'manifest.json')
    tr, ev = set(m['splits']['train']['docs']), set(m['splits']['eval']['docs'])
    assert tr | ev == set(DOCS) and not tr & ev and len(ev) == 1
    for stem in ('axess_rag', 'openai_instruct', 'openai_chat'):
        assert _docs_in(out/f'{stem}.train.jsonl') <= tr and _docs_in(out/f'{stem}.eval.jsonl') <= ev
    # the cross-stage line shape: {"messages": [...]}, and the metadata {doc, chunk_id, qa_id(s)} in the sidecar
    for r in read_jsonl(out/'openai_instruct.jsonl'): assert set(r) == {'messages'}
    assert all({'doc', 'chunk_id', 'qa_id'} <= set(r) for r in _meta(out/'openai_instruct.jsonl'))
    assert all({'doc', 'chunk_id', 'qa_ids'} <= set(r) for r in _meta(out/'openai_chat.jsonl'))
    # chat conversations stay inside one document and one section
    for r in _meta(out/'openai_chat.jsonl'):
        assert 2 <= r['turns'] <= 3 and all(q.startswith(r['doc']) for q in r['qa_ids'])
    assert {r['eval_split'] for r in _meta(out/'openai_instruct.eval.jsonl')} == {'unseen_doc'}
    assert m['config_hash'] and set(m['input_hashes']) == set(DOCS)

def test_split_with_many_documents_is_seeded_and_leak_free(tmp_path):
    cfg = _cfg(tmp_path, eval_ratio=0.5, hf_dataset=False, mode='grounded')
    for sub in ('chunks', 'qa', 'out', 'summaries/chunks'):
        for d in DOCS:
            for k in (2, 3): shutil.copytree(tmp_path/'data'/sub/d, tmp_path/'data'/sub/f'{d}_{k}')
    for d in DOCS:
        for k in (2, 3): shutil.copy(tmp_path/'data'/'summaries'/f'{d}_summary.json', tmp_path/'data'/'summaries'/f'{d}_{k}_summary.json')
    build_dataset(cfg, progress=False)
    out = tmp_path/'data'/'dataset'
    m = read_json(out/'manifest.json')
    ev, tr = set(m['splits']['eval']['docs']), set(m['splits']['train']['docs'])
    assert len(ev) == 4 and len(tr) == 5 and not ev & tr   # round(9 * 0.5) = 4
    assert not _docs_in(out/'openai_instruct.train.jsonl') & _docs_in(out/'openai_instruct.eval.jsonl')
    cfg2 = load_config(tmp_path/'config'/'config.json', overrides={'dataset.eval_ratio': 0.5, 'dataset.hf_dataset': False, 'dataset.seed': 7,
                                                                    'dataset.mode': 'grounded'})
    build_dataset(cfg2, progress=False)
    assert set(read_json(out/'manifest.json')['splits']['eval']['docs']) != ev   # another seed, another split
    build_dataset(cfg, progress=False)
    assert set(read_json(out/'manifest.json')['splits']['eval']['docs']) == ev   # same seed, same split

def test_single_document_warns_and_has_no_eval(tmp_path):
    root = tmp_path
    make_fixture_project(root, docs=['pump_maintenance_manual'])
    res = build_dataset(load_config(root/'config'/'config.json'), progress=False)   # closed book: held-out facts and paraphrases
    assert any('no unseen-document control' in w for w in res['pump_maintenance_manual'].warnings)
    out = root/'data'/'dataset'
    assert {r['eval_split'] for r in _meta(out/'openai_instruct.eval.jsonl')} == {'heldout', 'paraphrase'}
    make_fixture_project(root, docs=['troubleshooting_guide'])
    res = build_dataset(load_config(root/'config'/'config.json', overrides={'dataset.mode': 'grounded'}), docs=['troubleshooting_guide'],
                        progress=False)
    out = root/'data'/'dataset'
    assert any('no eval split' in w for w in res['troubleshooting_guide'].warnings)
    assert not list(out.glob('*.eval.jsonl')) and (out/'openai_instruct.train.jsonl').is_file()
    from datasets import load_from_disk
    assert set(load_from_disk(str(out/'hf'))) == {'train'}
    assert 'No eval split' in (out/'README.md').read_text()

def test_grounded_mode_and_token_limit(tmp_path):
    cfg = _cfg(tmp_path, mode='grounded', max_example_tokens=700, hf_dataset=False, alpaca=True)
    res = build_dataset(cfg, progress=False)
    out = tmp_path/'data'/'dataset'
    m = read_json(out/'manifest.json')
    assert m['dropped']['over_token_limit'] == 1   # the very long seal answer, not truncated
    for r, meta in zip(read_jsonl(out/'openai_instruct.jsonl'), _meta(out/'openai_instruct.jsonl')):
        u = r['messages'][1]['content']
        assert u.startswith(f"Context ({meta['doc']}") and u.endswith(f"\n\nQuestion: {meta['question']}")
        assert check_openai_example(r, 700) == []
    for r, meta in zip(read_jsonl(out/'openai_chat.jsonl'), _meta(out/'openai_chat.jsonl')):
        users = [x['content'] for x in r['messages'] if x['role'] == 'user']
        assert sum(u.startswith('Context (') for u in users) == len(meta['chunk_ids'])   # each chunk shown once
    assert all(a['input'].startswith('Context (') for a in read_jsonl(out/'alpaca.jsonl'))

BROKEN = {
    'wrong role order': ([{'role': 'system', 'content': 's'}, {'role': 'assistant', 'content': 'a'}, {'role': 'user', 'content': 'q'},
                          {'role': 'assistant', 'content': 'a'}], 'must alternate'),
    'empty content': ([{'role': 'user', 'content': 'q'}, {'role': 'assistant', 'content': ''}], 'empty content'),
    'unknown key': ([{'role': 'user', 'content': 'q', 'source': 'x'}, {'role': 'assistant', 'content': 'a'}], "unknown key(s) ['source']"),
    'over-long': ([{'role': 'user', 'content': 'q'}, {'role': 'assistant', 'content': 'pump ' * 5000}], '> max_example_tokens 4096'),
    'assistant not last': ([{'role': 'user', 'content': 'q'}, {'role': 'assistant', 'content': 'a'}, {'role': 'user', 'content': 'q2'}],
                           'the assistant must be last'),
    'bad role': ([{'role': 'user', 'content': 'q'}, {'role': 'tool', 'content': 'a'}], "role 'tool'"),
}

@pytest.mark.parametrize('case', list(BROKEN))
def test_validator_rejects_broken_examples(built, tmp_path, case):
    out, _, cfg = built
    d = tmp_path/'ds'; shutil.copytree(out, d)
    msgs, needle = BROKEN[case]
    rows = read_jsonl(d/'openai_instruct.jsonl')
    rows[4] = {'messages': msgs}
    atomic_write_jsonl(d/'openai_instruct.jsonl', rows)
    assert validate_dataset(out, 4096, tokenizer=None)   # the real output is valid
    with pytest.raises(DatasetValidationError) as e: validate_dataset(d, 4096)
    assert f'openai_instruct.jsonl:5: ' in str(e.value) and needle in str(e.value), str(e.value)

def test_validator_catches_leak_bad_json_and_miscount(grounded, built, tmp_path):
    out, _, _ = grounded
    d = tmp_path/'ds'; shutil.copytree(out, d)
    for f in (d/'openai_chat.train.jsonl', metadata_file(d/'openai_chat.train.jsonl')):   # an eval document's conversation in train
        ev = read_jsonl(Path(str(f).replace('.train', '.eval'))); atomic_write_jsonl(f, read_jsonl(f)[:-1] + [ev[0]])
    with d.joinpath('axess_rag.jsonl').open('a') as f: f.write('{"id": "x", \n')
    atomic_write_jsonl(d/'openai_instruct.train.jsonl', read_jsonl(d/'openai_instruct.train.jsonl')[1:])  # a line lost
    with pytest.raises(DatasetValidationError) as e: validate_dataset(d, 4096)
    msg = str(e.value)
    assert 'openai_chat: document(s)' in msg and 'in both train and eval' in msg
    assert 'axess_rag.jsonl:8: not valid JSON' in msg and 'openai_instruct: train (14) + eval (7) != all (22)' in msg
    assert 'openai_instruct.train.metadata.jsonl: 15 lines but openai_instruct.train.jsonl has 14' in msg
    # closed book: the same documents on both sides are fine, the same question text is not
    out, _, _ = built
    d = tmp_path/'cb'; shutil.copytree(out, d)
    assert validate_dataset(d, 4096)
    f, ev = metadata_file(d/'openai_instruct.train.jsonl'), _meta(d/'openai_instruct.eval.jsonl')
    held = next(r for r in ev if r['eval_split'] == 'heldout')
    tr = read_jsonl(f); tr[0] = dict(tr[0], question=held['question']); atomic_write_jsonl(f, tr)
    with pytest.raises(DatasetValidationError, match=r"openai_instruct: eval question\(s\) of .* asked in training"): validate_dataset(d, 4096)
    assert check_alpaca({'instruction': 'q', 'input': '', 'output': ' '}) and check_sharegpt({'conversations': [{'from': 'human', 'value': 'q'}]})

def test_failed_validation_keeps_previous_dataset(tmp_path):
    """The base model's own tokenizer (here a local folder as train.base_model) rejects the system role: the stage
    fails loudly and the last good dataset stays in place."""
    cfg = _cfg(tmp_path, hf_dataset=False)
    build_dataset(cfg, progress=False)
    out = tmp_path/'data'/'dataset'
    before = {p.name: sha256_file(p) for p in out.iterdir() if p.is_file()}
    no_system = "{% for m in messages %}{% if m['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}{{ m['content'] }}{% endfor %}"
    tiny_chat_tokenizer(['pump 16 bar'], chat_template=no_system).save_pretrained(tmp_path/'base_model')
    strict = load_config(tmp_path/'config'/'config.json', overrides={'dataset.hf_dataset': False, 'train.base_model': str(tmp_path/'base_model')})
    with pytest.raises(DatasetValidationError, match='System role not supported'): build_dataset(strict, progress=False)
    assert {p.name: sha256_file(p) for p in out.iterdir() if p.is_file()} == before
    assert not list(tmp_path.glob('data/.dataset.*'))   # no temp folder left behind
    # without a system prompt the same tokenizer accepts every example, and the manifest names it
    ok = load_config(tmp_path/'config'/'config.json', overrides={'dataset.hf_dataset': False, 'dataset.system_prompt': '',
                                                                  'train.base_model': str(tmp_path/'base_model')})
    (tmp_path/'data'/'.dataset.abc123.tmp').mkdir()           # what a run killed mid-write leaves
    assert build_dataset(ok, progress=False).ok
    assert read_json(out/'manifest.json')['validation']['chat_template'].endswith('(local cache)')
    assert not list(tmp_path.glob('data/.dataset.*'))

def test_document_without_qa_gives_rag_records_only(tmp_path):
    cfg = _cfg(tmp_path, hf_dataset=False)
    shutil.rmtree(tmp_path/'data'/'qa'/'commissioning_procedure')
    res = build_dataset(cfg, progress=False)
    assert res.ok and any('RAG records only' in w for w in res['commissioning_procedure'].warnings)
    m = read_json(tmp_path/'data'/'dataset'/'manifest.json')
    assert m['docs']['commissioning_procedure']['split'] == 'train' and 'commissioning_procedure' in _docs_in(tmp_path/'data'/'dataset'/'axess_rag.train.jsonl')
    assert 'commissioning_procedure' not in _docs_in(tmp_path/'data'/'dataset'/'openai_instruct.jsonl')

def test_skip_force_and_rebuild_on_change(tmp_path):
    cfg = _cfg(tmp_path, hf_dataset=False, mode='grounded')
    assert build_dataset(cfg, progress=False).counts()['ok'] == 3
    assert build_dataset(cfg, progress=False).counts()['skipped'] == 3
    assert build_dataset(cfg, force=True, progress=False).counts()['ok'] == 3
    q = tmp_path/'data'/'qa'/'troubleshooting_guide'/'chunk_001_qa.json'
    data = read_json(q); data['items'] = data['items'][:2]; q.write_text(json.dumps(data))
    assert build_dataset(cfg, progress=False).counts()['ok'] == 3
    assert read_json(tmp_path/'data'/'dataset'/'manifest.json')['counts']['instruct']['all'] == 21  # 3rd item and the duplicate gone
    # the rebuild after one document changed builds the unchanged ones too: byte-identical to a forced full build
    out = tmp_path/'data'/'dataset'
    incremental = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert build_dataset(cfg, force=True, progress=False).counts()['ok'] == 3
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == incremental
    cfg2 = load_config(tmp_path/'config'/'config.json', overrides={'dataset.hf_dataset': False, 'dataset.mode': 'raft'})
    assert build_dataset(cfg2, progress=False).counts()['ok'] == 3

def test_corrupt_qa_fails_that_document_only(tmp_path, capsys):
    cp = make_fixture_project(tmp_path)
    (tmp_path/'data'/'qa'/'pump_maintenance_manual'/'chunk_002_qa.json').write_text('{"doc": "pump_maintenance_manual", "items": [{"id": "x"')
    rc = main(['dataset', '--config', str(cp), '--no-progress', '--set', 'dataset.hf_dataset=false'])
    err = capsys.readouterr().err
    assert rc == 1 and 'FAILED pump_maintenance_manual' in err and 'chunk_002_qa.json: malformed JSON' in err
    m = read_json(tmp_path/'data'/'dataset'/'manifest.json')
    assert m['docs']['pump_maintenance_manual']['status'] == 'failed' and not m['ok']
    assert _docs_in(tmp_path/'data'/'dataset'/'openai_instruct.jsonl') == {'commissioning_procedure', 'troubleshooting_guide'}
    assert 'Failed documents' in (tmp_path/'data'/'dataset'/'README.md').read_text()

def test_no_kept_pairs_names_stage_04(tmp_path, capsys):
    cp = make_fixture_project(tmp_path)
    for f in (tmp_path/'data'/'qa').rglob('chunk_*_qa*.json'):
        d = read_json(f); d['items'] = [dict(i, answer='') for i in d['items']]; f.write_text(json.dumps(d))
    with pytest.raises(DatasetError, match=r'no kept QA pairs.*stage 04 qa.*empty_answer'):
        build_dataset(load_config(cp), progress=False)
    rc = main(['dataset', '--config', str(cp), '--no-progress'])
    assert rc == 1 and 'stage 04 qa' in capsys.readouterr().err
    assert not (tmp_path/'data'/'dataset').exists()

def test_cli_docs_subset(tmp_path, capsys):
    cp = make_fixture_project(tmp_path)
    rc = main(['dataset', 'troubleshooting_guide', 'commissioning_procedure', '--config', str(cp), '--no-progress',
               '--set', 'dataset.hf_dataset=false', '--set', 'dataset.sharegpt=true', '--set', 'dataset.mode=grounded'])
    out = capsys.readouterr().out
    assert rc == 0 and 'openai_instruct.jsonl: 12' in out and 'sharegpt_chat.jsonl' in out
    assert set(read_json(tmp_path/'data'/'dataset'/'manifest.json')['docs']) == {'troubleshooting_guide', 'commissioning_procedure'}

# ---- issue 18: kept pairs only, portable outputs, OpenAI keys, eval sets per mode, chats, system prompt

def _all_meta(out):
    return {stem: _meta(out/f'{stem}.jsonl') for stem in ('openai_instruct', 'openai_chat')}

def _kept_and_dropped(qa_dir):
    "Pair ids stage 04 kept (`_qa.json`) and dropped (in `_qa_combined.json` only), per document."
    kept, dropped = set(), set()
    for f in sorted(Path(qa_dir).glob('*/chunk_*_qa.json')):
        ids = {(f.parent.name, i['id']) for i in read_json(f)['items']}
        comb = f.with_name(f.name.replace('_qa.json', '_qa_combined.json'))
        kept |= ids
        if comb.is_file(): dropped |= {(f.parent.name, i['id']) for i in read_json(comb)['items']} - ids
    return kept, dropped

def assert_kept_pairs_only(data):
    "Every pair stage 04 kept (less those stage 05 itself dropped, each listed with its reason) is in the dataset once; no pair QA dropped is."
    out = data/'dataset'; m = read_json(out/'manifest.json')
    kept, dropped = _kept_and_dropped(data/'qa')
    ours = {(x['doc'], x['id']) for x in m['dropped_items'] if x['reason'] != 'qa_mix_rebalance'}
    assert {(x['doc'], x['id']) for x in m['dropped_items'] if x['reason'] == 'qa_mix_rebalance'} == dropped
    inst = [r for r in _meta(out/'openai_instruct.jsonl') if r['eval_split'] != 'paraphrase']
    got = [(r['doc'], r['qa_id']) for r in inst]
    assert len(got) == len(set(got)) and set(got) == kept - ours
    in_chats = {(r['doc'], q) for r in _meta(out/'openai_chat.jsonl') for q in r['qa_ids']}
    assert not dropped & (set(got) | in_chats) and in_chats <= set(got)
    trained = {(r['doc'], r['qa_id']) for r in _meta(out/'openai_instruct.train.jsonl')}
    assert trained == {k for k, r in zip(got, inst) if r['split'] == 'train'} and not dropped & trained
    card = (out/'README.md').read_text()
    assert f"qa_mix_rebalance: {len(dropped)}" in card if dropped else True
    return kept, dropped

def test_every_kept_pair_and_no_dropped_pair(built):
    out, _, _ = built
    kept, dropped = assert_kept_pairs_only(out.parent)
    assert len(dropped) == 1 and len(kept) == 25
    card = (out/'README.md').read_text()
    assert '| pump_maintenance_manual | chunk_001 | What is the rated head of P-101A? | qa_mix_rebalance |' in card
    assert '| commissioning_procedure | chunk_002 | What pressure does P-101B reach at shut-off? | evidence_not_in_chunk |' in card

def test_openai_lines_hold_only_defined_keys(built):
    out, _, _ = built
    n = 0
    for f in sorted(out.glob('openai_*.jsonl')):
        if f.name.endswith('.metadata.jsonl'): continue
        rows, side = read_jsonl(f), read_jsonl(metadata_file(f))
        assert len(rows) == len(side) > 0, f.name
        for r, meta in zip(rows, side):
            assert set(r) == {'messages'} and all(set(x) == {'role', 'content'} for x in r['messages']), f.name
            assert check_openai_example(r) == [] and meta['split'] in f.name + 'train eval'
            n += 1
    assert n > 60
    # same line order: the sidecar's question is the user turn's question
    for r, meta in zip(read_jsonl(out/'openai_instruct.jsonl'), _meta(out/'openai_instruct.jsonl')):
        assert r['messages'][-2]['content'] == meta['question']

def test_closed_book_eval_sets(built):
    "Eval asks about trained documents (paraphrases, held-out facts) plus an unseen control; no eval question text is trained on."
    out, _, _ = built
    m = read_json(out/'manifest.json')
    tr, ev = _meta(out/'openai_instruct.train.jsonl'), _meta(out/'openai_instruct.eval.jsonl')
    by = lambda s: [r for r in ev if r['eval_split'] == s]
    assert set(m['eval_splits']) == {'paraphrase', 'heldout', 'unseen_doc'} and all(m['eval_splits'].values())
    trained_ids = {(r['doc'], r['qa_id']) for r in tr}
    trained_q = {r['question'] for r in tr}
    assert all((r['doc'], r['qa_id']) in trained_ids and r['question'] not in trained_q for r in by('paraphrase'))
    assert not {(r['doc'], r['qa_id']) for r in by('heldout')} & trained_ids
    assert {r['doc'] for r in by('heldout')} <= {r['doc'] for r in tr}          # held-out facts of trained documents
    control = {r['doc'] for r in by('unseen_doc')}
    assert len(control) == 1 and not control & {r['doc'] for r in tr}          # a small unseen-document control
    from docproc.evalsets import question_key
    assert not {question_key(r['question']) for r in ev} & {question_key(q) for q in trained_q}
    # the paraphrase's reference is the trained answer
    ans = {(r['doc'], r['qa_id']): x['messages'][-1]['content'] for r, x in zip(tr, read_jsonl(out/'openai_instruct.train.jsonl'))}
    for r, x in zip(ev, read_jsonl(out/'openai_instruct.eval.jsonl')):
        if r['eval_split'] == 'paraphrase': assert x['messages'][-1]['content'] == ans[(r['doc'], r['qa_id'])]
    assert 'Mode **closed_book**' in (out/'README.md').read_text()

def _flag_low_quality(root, doc, chunk_id):
    f = root/'data'/'chunks'/doc/'chunks.jsonl'
    atomic_write_jsonl(f, [dict(r, content_class='low_quality_ocr' if r['chunk_id'] == chunk_id else 'body') for r in read_jsonl(f)])

@pytest.mark.parametrize('mode', ['closed_book', 'grounded', 'raft'])
def test_low_quality_chunks_never_enter_eval(tmp_path, mode):
    cfg = _cfg(tmp_path, mode=mode, hf_dataset=False, heldout_ratio=0.5, eval_ratio=0.5)
    for doc in DOCS: _flag_low_quality(tmp_path, doc, 'chunk_001')
    build_dataset(cfg, progress=False)
    out = tmp_path/'data'/'dataset'
    ev = _meta(out/'openai_instruct.eval.jsonl')
    assert ev and not [r for r in ev if r['chunk_id'] == 'chunk_001']
    assert not [r for r in _meta(out/'openai_chat.eval.jsonl') if 'chunk_001' in r['chunk_ids']] if (out/'openai_chat.eval.jsonl').is_file() else True
    assert not [r for r in read_jsonl(out/'axess_rag.eval.jsonl') if r['chunk_id'] == 'chunk_001']
    if mode == 'raft': assert not [r for r in ev if any(c.endswith(':chunk_001') for c in r['context_chunks'])]
    assert assert_kept_pairs_only(tmp_path/'data')

def test_raft_mode(tmp_path):
    cfg = _cfg(tmp_path, mode='raft', hf_dataset=False, raft_distractors=2, raft_no_oracle=0.25)
    build_dataset(cfg, progress=False)
    out = tmp_path/'data'/'dataset'
    m = read_json(out/'manifest.json')
    tr_docs, ev_docs = set(m['splits']['train']['docs']), set(m['splits']['eval']['docs'])
    assert ev_docs and not tr_docs & ev_docs                                 # split by document
    rows, meta = read_jsonl(out/'openai_instruct.jsonl'), _meta(out/'openai_instruct.jsonl')
    chunks = {f"{r['doc']}:{r['chunk_id']}": r for r in read_jsonl(out/'axess_rag.jsonl')}
    n_side = {s: len(read_jsonl(out/f'axess_rag.{s}.jsonl')) for s in ('train', 'eval')}
    for r, x in zip(rows, meta):
        user, answer = r['messages'][-2]['content'], r['messages'][-1]['content']
        ctx, n = x['context_chunks'], min(3, n_side[x['split']])    # 2 distractors (+ the oracle), as far as the split has chunks
        assert len(ctx) == n == user.count('Document [') and len(set(ctx)) == n and user.endswith(f"Question: {x['question']}")
        assert x['oracle'] == (f"{x['doc']}:{x['chunk_id']}" in ctx)
        side = tr_docs if x['split'] == 'train' else ev_docs
        assert {c.split(':')[0] for c in ctx} <= side                       # distractors from the same split of the corpus
        assert all(chunks[c]['text'].strip() in user for c in ctx)
        assert '\n\nEvidence (' in answer                                    # the answer cites its evidence, verbatim
        ev = answer.split('): "', 1)[1].rstrip('"')
        assert ' '.join(chunks[f"{x['doc']}:{x['chunk_id']}"]['text'].split()).find(ev) >= 0
    assert sum(not x['oracle'] for x in meta) == round(len(meta) * 0.25)     # the configured share has no oracle
    assert 'Mode **raft**' in (out/'README.md').read_text()

def test_chats_stay_in_one_section_and_take_a_check(tmp_path):
    "Chats never cross sections, add no stitched connectives, and leave out pairs a (lint-shaped) check flags."
    cfg = _cfg(tmp_path, hf_dataset=False, mode='grounded')
    chunks = {(r['doc'], r['chunk_id']): tuple(r['heading_path']) for d in DOCS for r in read_jsonl(tmp_path/'data'/'chunks'/d/'chunks.jsonl')}
    calls = []
    def vague(question, answer='', heading_path=(), title=''):
        "A small real check: a question that names no part code, number or unit is flagged, unless its section says what it is about."
        calls.append((heading_path, title))
        import re
        return [] if re.search(r'[A-Z]+-\d|\d', question) else ['no_subject']
    build_dataset(cfg, progress=False, chat_check=vague)
    out = tmp_path/'data'/'dataset'
    assert calls and all(t and h for h, t in calls) and ('P-101A Maintenance Manual', 'Specifications') in {h for h, _ in calls}
    m = read_json(out/'manifest.json')
    inst = {(r['doc'], r['qa_id']): r for r in _meta(out/'openai_instruct.jsonl')}
    assert m['chat_check'] == {'no_subject': sum(bool(vague(r['question'])) for r in inst.values())} and m['chat_check']['no_subject'] >= 2
    for r, x in zip(read_jsonl(out/'openai_chat.jsonl'), _meta(out/'openai_chat.jsonl')):
        secs = {chunks[(x['doc'], inst[(x['doc'], q)]['chunk_id'])] for q in x['qa_ids']}
        assert len(secs) == 1                                                # one section
        users = [t['content'].split('Question: ')[-1] for t in r['messages'] if t['role'] == 'user']
        assert users == [inst[(x['doc'], q)]['question'] for q in x['qa_ids']]   # each turn is the pair's own question
        assert not any(u.startswith(('Related to that', 'And ', 'Also, ', 'Next, ')) for u in users)
        assert not any(vague(u) for u in users)

def test_system_prompt_is_neutral_and_names_the_corpus(tmp_path):
    cfg = _cfg(tmp_path, hf_dataset=False)   # a fresh project: no system_prompt set
    build_dataset(cfg, progress=False)
    out = tmp_path/'data'/'dataset'
    sys_ = {r['messages'][0]['content'] for r in read_jsonl(out/'openai_instruct.jsonl')}
    assert len(sys_) == 1 and 'Axess' not in (s := sys_.pop())
    assert '"Commissioning procedure — P-101B"' in s and '"P-101A Maintenance Manual"' in s and read_json(out/'manifest.json')['system_prompt'] == s
    build_dataset(load_config(tmp_path/'config'/'config.json', overrides={'dataset.corpus_name': 'the Acme pump manuals', 'dataset.hf_dataset': False}),
                  progress=False)
    assert read_jsonl(out/'openai_instruct.jsonl')[0]['messages'][0]['content'].startswith('You are a precise technical assistant for the Acme pump manuals.')

REALWORLD = Path(__file__).parent/'fixtures'/'realworld'   # three ICDAR 2013 PDFs (see its README)

@pytest.mark.parametrize('corpus', ['samples', 'realworld'])
def test_byte_identical_from_two_locations(tmp_path, corpus):
    "Stages 01-05 in two folders (offline backend): the same bytes, no machine path, and only the pairs QA kept."
    import os, subprocess, sys
    from conftest import ROOT, SAMPLES, comparable
    src = SAMPLES if corpus == 'samples' else REALWORLD
    runs = []
    for where in (tmp_path/'a', tmp_path/'deeper'/'b'):
        shutil.copytree(src, where/'samples', ignore=shutil.ignore_patterns('README.md'))
        env = {**os.environ, 'PYTHONPATH': str(ROOT), 'HF_HUB_OFFLINE': '1', 'OPENROUTER_API_KEY': '', 'DOCPROC_CONFIG': str(ROOT/'config'/'config.json')}
        r = subprocess.run([sys.executable, '-c', 'import sys; from docproc.cli import main; sys.exit(main())', 'run', '--input', str(where/'samples'),
                            '--out', str(where/'data'), '--backend', 'offline', '--quiet'], env=env, capture_output=True, text=True, timeout=900)
        assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
        runs.append((where, comparable(where/'data')))
    (a, fa), (b, fb) = runs
    assert fa.keys() == fb.keys() and any(k.startswith('dataset/') for k in fa)
    assert [k for k in fa if fa[k] != fb[k]] == []
    for where, files in runs:
        leaked = [k for k, v in files.items() if str(where).encode() in v or str(tmp_path).encode() in v]
        assert leaked == [], leaked
    rag = read_jsonl(a/'data'/'dataset'/'axess_rag.jsonl')
    want = {'pump_maintenance_manual.pdf', 'troubleshooting_guide.md'} if corpus == 'samples' else {'us-034.pdf', 'us-009.pdf', 'eu-008.pdf'}
    assert {r['source_file'] for r in rag} >= want
    kept, dropped = assert_kept_pairs_only(a/'data')
    if corpus == 'samples': assert len(kept) > 150 and dropped, (len(kept), len(dropped))   # the samples' QA drops pairs when it rebalances
    else: assert len(kept) > 10, len(kept)
