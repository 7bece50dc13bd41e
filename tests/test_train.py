"""Stage 06 train: a real LoRA run on CPU with a tiny Llama, the run folder it writes, reloading the adapter,
the chat-template handling, bad input, and the `docproc train` / `docproc serve` commands."""
import json, math, os, subprocess, sys
from pathlib import Path
import pytest

torch = pytest.importorskip('torch', reason="stage 06 needs the [train] extra (torch, transformers, trl, peft)")
pytest.importorskip('trl'); pytest.importorskip('peft')

from conftest import ROOT
from docproc.core import load_config, read_json, read_jsonl
import docproc.train as T

KNOBS = {'train.max_steps': 20, 'train.learning_rate': 1e-2, 'train.batch_size': 4, 'train.grad_accum': 1,
         'train.lora.r': 8, 'train.lora.alpha': 16, 'train.max_seq_length': 256, 'train.gradient_checkpointing': False,
         'train.logging_steps': 1, 'train.max_new_tokens': 12}

@pytest.fixture(scope='module')
def proj(tmp_path_factory):
    "A project with a stage-05-shaped dataset and a tiny local base model."
    root = tmp_path_factory.mktemp('proj')
    (root/'config').mkdir()
    (root/'config'/'config.json').write_text((ROOT/'config'/'config.json').read_text())
    tr, ev = T.write_demo_dataset(root/'data'/'dataset')
    rows = T.load_split(tr) + T.load_split(ev)
    T.tiny_model(T.dataset_texts(rows), root/'tiny')
    return root

def cfg_for(root, **over):
    return load_config(root/'config'/'config.json', overrides={**KNOBS, 'train.base_model': str(root/'tiny'), **over})

@pytest.fixture(scope='module')
def run(proj):
    "One real training run (20 LoRA steps, merge on), shared by the tests that inspect its outputs."
    return T.train(cfg_for(proj, **{'train.merge': True}), progress=False)

def test_dataset_contract(proj):
    rows = T.load_split(proj/'data'/'dataset'/'openai_instruct.train.jsonl')
    assert all([m['role'] for m in r['messages']] == ['system', 'user', 'assistant'] for r in rows)
    assert all(set(json.loads(l)) == {'messages'} for l in (proj/'data'/'dataset'/'openai_instruct.train.jsonl').read_text().splitlines())
    docs_train = {r['metadata']['doc'] for r in rows}    # the metadata come from the sidecar, line for line
    ev = T.load_split(proj/'data'/'dataset'/'openai_instruct.eval.jsonl')
    control = {r['metadata']['doc'] for r in ev if r['metadata']['eval_split'] == 'unseen_doc'}
    assert docs_train and control and not docs_train & control    # closed book: an unseen control document
    assert {r['metadata']['eval_split'] for r in ev} == {'paraphrase', 'unseen_doc'}
    (proj/'bad').mkdir(exist_ok=True)
    (proj/'bad'/'x.jsonl').write_text((proj/'data'/'dataset'/'openai_instruct.train.jsonl').read_text())
    (proj/'bad'/'x.metadata.jsonl').write_text('{"doc": "a"}\n')
    with pytest.raises(T.TrainError, match=r'x.metadata.jsonl: 1 lines but x.jsonl has 35'): T.load_split(proj/'bad'/'x.jsonl')

def test_loss_decreases_and_outputs(run):
    assert run.status == 'ok' and run.steps == 20 and run.train_examples == 35 and run.eval_examples == 12
    log = read_jsonl(run.run_dir/'train_log.jsonl')
    losses = [h['loss'] for h in log if 'loss' in h]
    assert len(losses) == 20
    assert sum(losses[-3:]) / 3 < sum(losses[:3]) / 3 - 0.02, losses
    assert run.train_tokens > 1000 and run.tokens_per_second > 0
    for f in ('adapter/adapter_model.safetensors', 'adapter/adapter_config.json', 'adapter/tokenizer.json',
              'train_log.jsonl', 'eval.json', 'docproc_config.json', 'serve.sh', 'README.md', 'merged/model.safetensors'):
        assert (run.run_dir/f).is_file(), f
    assert not (run.run_dir/'checkpoints').exists()
    assert not [p for p in run.run_dir.parent.iterdir() if p.name.startswith('.')and p.name.endswith('.tmp')]
    acfg = read_json(run.run_dir/'adapter'/'adapter_config.json')
    assert acfg['r'] == 8 and acfg['lora_alpha'] == 16 and Path(acfg['base_model_name_or_path']).name == 'tiny'
    info = read_json(run.run_dir/'docproc_config.json')
    assert info['config']['train']['lora']['r'] == 8 and info['resolved']['qlora'] is False
    assert info['resolved']['chat_template'] == 'base' and info['resolved']['versions']['trl']

def test_eval_json(run):
    ev = read_json(run.run_dir/'eval.json')
    assert math.isfinite(ev['eval_loss']) and ev['eval_loss'] > 0
    g = ev['generation']
    assert g['backend'] == 'transformers' and g['n'] == 12 and g['numeric_n'] == 12
    assert len(g['samples']) == 12
    s = next(x for x in g['samples'] if x['eval_split'] == 'unseen_doc')
    assert s['question'] == 'What is the maximum operating pressure of P-310?' and s['reference'] == '6 bar (87 psi)'
    assert isinstance(s['prediction'], str) and s['qa_id'] == 'datasheet_p-310:q01'
    assert s['numeric'] == all(n in T.numbers_in(s['prediction']) for n in ('6', '87'))
    assert g['exact_match'] == round(sum(x['exact'] for x in g['samples']) / 12, 4)

def test_base_and_tuned_per_split(run):
    "Exact, numeric and token F1 per split for base and tuned, in one run and one report; tuned beats base on trained questions."
    ev = read_json(run.run_dir/'eval.json')
    sp = ev['splits']
    assert list(sp) == ['trained', 'paraphrase', 'unseen_doc'] and [sp[k]['tuned']['n'] for k in sp] == [35, 5, 7]
    for k, d in sp.items():
        for which in ('base', 'tuned'):
            x = d[which]
            assert {'exact_match', 'numeric_accuracy', 'token_f1'} <= set(x) and len(x['samples']) == x['n'], (k, which)
            assert x['token_f1'] == round(sum(s['f1'] for s in x['samples']) / x['n'], 4)
    base, tuned = sp['trained']['base'], sp['trained']['tuned']
    assert tuned['token_f1'] > base['token_f1'] and tuned['numeric_accuracy'] >= base['numeric_accuracy'], (base['token_f1'], tuned['token_f1'])
    print('\n' + '\n'.join(f"{k}: token F1 base {d['base']['token_f1']} -> tuned {d['tuned']['token_f1']}, "
                            f"numeric {d['base']['numeric_accuracy']} -> {d['tuned']['numeric_accuracy']}" for k, d in sp.items()))  # paraphrase: reported only
    assert run.eval_splits['trained']['tuned']['token_f1'] == tuned['token_f1'] and 'samples' not in run.eval_splits['trained']['tuned']
    readme = (run.run_dir/'README.md').read_text()
    assert '| split | n | exact match (base → tuned) | numeric match | token F1 |' in readme and '| paraphrase | 5 |' in readme

def test_adapter_reloads_trained_and_generates(run, proj):
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer
    base = AutoModelForCausalLM.from_pretrained(proj/'tiny')
    m = PeftModel.from_pretrained(base, run.adapter_dir)
    lora_b = [p for n, p in m.named_parameters() if 'lora_B' in n]
    assert lora_b and any(p.abs().sum() > 0 for p in lora_b)  # B starts at zero: non-zero means it trained
    tok = AutoTokenizer.from_pretrained(run.adapter_dir)
    ids = tok.apply_chat_template([{'role': 'user', 'content': 'What is the rated flow of pump P-102?'}], add_generation_prompt=True,
                                  return_tensors='pt', return_dict=True)
    out = m.generate(**ids, max_new_tokens=6, min_new_tokens=6, do_sample=False)
    assert out.shape[1] == ids['input_ids'].shape[1] + 6
    # the merged weights compute what base + adapter compute
    merged = AutoModelForCausalLM.from_pretrained(run.run_dir/'merged')
    x = ids['input_ids']
    with torch.no_grad(): a, b = m(x).logits, merged(x).logits
    assert torch.allclose(a, b, atol=1e-4)
    with torch.no_grad(): plain = AutoModelForCausalLM.from_pretrained(proj/'tiny')(x).logits
    assert not torch.allclose(plain, b, atol=1e-4)  # ...and differ from the untrained base

def test_loss_mask_is_the_answer(proj):
    "The assistant mask TRL trains on covers the answer and its end-of-turn token, nothing of the prompt."
    from transformers import AutoTokenizer
    tok = AutoTokenizer.from_pretrained(proj/'tiny')
    row = T.load_split(proj/'data'/'dataset'/'openai_instruct.train.jsonl')[0]
    enc = tok.apply_chat_template(row['messages'], tokenize=True, return_dict=True, return_assistant_tokens_mask=True)
    masked = [i for i, m in zip(enc['input_ids'], enc['assistant_masks']) if m]
    assert tok.decode(masked) == row['messages'][-1]['content'] + '<|im_end|>'

def test_serve_sh(run, proj):
    sh = (run.run_dir/'serve.sh').read_text()
    adapter = run.run_dir/'adapter'
    assert f'vllm serve {proj/"tiny"} --enable-lora --lora-modules docproc={adapter} --max-lora-rank 8' in sh
    assert os.access(run.run_dir/'serve.sh', os.X_OK)
    readme = (run.run_dir/'README.md').read_text()
    assert 'from openai import OpenAI' in readme and 'model="docproc"' in readme and str(run.run_dir/'merged') in readme

def test_rerun_is_skipped_then_forced(run, proj):
    again = T.train(cfg_for(proj, **{'train.merge': True}), progress=False)
    assert again.status == 'skipped' and again.eval_loss == run.eval_loss and again.steps == 20

def test_patched_template_for_qwen_style_base(proj, tmp_path):
    "A base whose template has no generation markers (Qwen2.5's, as shipped): docproc trains with TRL's patched copy, says so, and ships the original."
    import trl
    from transformers import AutoTokenizer
    qwen_t = (Path(trl.__file__).parent/'chat_templates'/'qwen2_5.jinja').read_text()
    tok = AutoTokenizer.from_pretrained(proj/'tiny'); tok.chat_template = qwen_t
    assert not T._has_markers(qwen_t)
    res = T.train(cfg_for(proj, **{'train.max_steps': 3, 'train.eval_generate': False}), run_name='qwen-style', tokenizer=tok, progress=False)
    assert res.chat_template == 'trl-patched' and any('generation markers' in w for w in res.warnings)
    saved = AutoTokenizer.from_pretrained(res.adapter_dir)
    assert saved.chat_template == qwen_t
    # an unknown marker-less template is refused with what to do
    tok.chat_template = "{% for m in messages %}{{ m['role'] }}: {{ m['content'] }}\n{% endfor %}"
    with pytest.raises(T.TrainError, match='train.chat_template'):
        T.train(cfg_for(proj), run_name='unknown-template', tokenizer=tok, progress=False)

def test_packing(proj):
    res = T.train(cfg_for(proj, **{'train.packing': True, 'train.max_steps': 3, 'train.eval_generate': False}), run_name='packed', progress=False)
    assert res.steps == 3 and res.eval_loss is not None

@pytest.fixture
def no_model_load(monkeypatch):
    "Fail loudly if a test reaches the (long) model load: bad input must be refused before it."
    def boom(*a, **k): raise AssertionError('model load reached: the error should have come first')
    monkeypatch.setattr(T, 'load_base_model', boom)

def test_bad_input_before_long_work(proj, tmp_path, monkeypatch, no_model_load):
    empty = tmp_path/'p'
    (empty/'data'/'dataset').mkdir(parents=True)
    cfg = lambda root, **o: load_config(overrides={**KNOBS, 'train.base_model': str(proj/'tiny'), **o}, root=root)
    with pytest.raises(T.TrainError, match='train split not found'): T.train(cfg(empty))
    (empty/'data'/'dataset'/'openai_instruct.train.jsonl').write_text('')
    with pytest.raises(T.TrainError, match='train split is empty'): T.train(cfg(empty))
    (empty/'data'/'dataset'/'openai_instruct.train.jsonl').write_text('{"messages": [{"role": "user", "content": "Q"}, {"role": "bot", "content": "A"}]}\n')
    with pytest.raises(T.TrainError, match='line 1: every turn needs a role'): T.train(cfg(empty))
    monkeypatch.setenv('HF_HUB_OFFLINE', '1')
    with pytest.raises(T.TrainError, match=r"base model 'docproc-test/not-downloaded' cannot be loaded .*HF_HUB_OFFLINE=1"):
        T.train(cfg(proj, **{'train.base_model': 'docproc-test/not-downloaded'}))
    with pytest.raises(T.TrainError, match=r'35 example\(s\) longer than train.max_seq_length=40'):
        T.train(cfg(proj, **{'train.max_seq_length': 40}))
    if not torch.cuda.is_available():
        with pytest.raises(T.TrainError, match='train.qlora=on needs a CUDA GPU'): T.train(cfg(proj, **{'train.qlora': 'on'}))
    if not T.vllm_available():
        with pytest.raises(T.TrainError, match='train.eval_backend=vllm needs vLLM'): T.train(cfg(proj, **{'train.eval_backend': 'vllm'}))
    monkeypatch.delenv('HF_TOKEN', raising=False)
    with pytest.raises(T.TrainError, match='needs train.hub_model_id'): T.train(cfg(proj, **{'train.push_to_hub': True}))
    with pytest.raises(T.TrainError, match='needs HF_TOKEN'):
        T.train(cfg(proj, **{'train.push_to_hub': True, 'train.hub_model_id': 'me/x'}))

def _cli(*args, cwd):
    env = {**os.environ, 'PYTHONPATH': str(ROOT), 'HF_HUB_OFFLINE': '1', 'PATH': os.environ['PATH']}
    return subprocess.run([sys.executable, '-c', 'import sys; from docproc.cli import main; sys.exit(main())', *args],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=300)

def test_cli_train_and_serve(run, proj):
    sets = [a for k, v in {**KNOBS, 'train.base_model': str(proj/'tiny'), 'train.max_steps': 2, 'train.eval_generate': False}.items()
            for a in ('--set', f'{k}={v}')]
    r = _cli('train', '--run-name', 'cli-run', '--no-progress', *sets, cwd=proj)
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout[r.stdout.index('{'):])
    assert out['status'] == 'ok' and out['steps'] == 2 and (proj/'models'/'cli-run'/'adapter'/'adapter_config.json').is_file()
    r = _cli('train', '--check', *sets, cwd=proj)
    assert r.returncode == 0 and json.loads(r.stdout[r.stdout.index('{'):])['train_examples'] == 35
    r = _cli('train', '--check', *sets, cwd=proj)
    assert r.returncode == 0 and json.loads(r.stdout[r.stdout.index('{'):])['train_examples'] == 35
    r = _cli('train', *sets, '--set', 'train.max_seq_length=40', cwd=proj)
    assert r.returncode == 1 and 'longer than train.max_seq_length=40' in r.stderr
    r = _cli('serve', '--dry-run', cwd=proj)
    assert r.returncode == 0 and r.stdout.strip().startswith(f'vllm serve {proj/"tiny"} --enable-lora --lora-modules docproc=')
    r = _cli('serve', '--dry-run', '--', '--gpu-memory-utilization', '0.5', cwd=proj)
    assert r.stdout.strip().endswith('--port 8000 --gpu-memory-utilization 0.5')
    r = _cli('serve', '--merged', '--dry-run', '--port', '9000', cwd=proj)
    assert r.stdout.strip() == f'vllm serve {run.run_dir/"merged"} --served-model-name docproc --host 0.0.0.0 --port 9000'
    if not T.shutil.which('vllm'):
        r = _cli('serve', cwd=proj)
        assert r.returncode == 1 and 'vLLM is not installed' in r.stderr and 'vllm serve' in r.stdout
    r = _cli('serve', '--run-name', 'never-trained', cwd=proj)
    assert r.returncode == 1 and 'not a docproc training run' in r.stderr
