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
