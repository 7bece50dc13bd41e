"End to end: `docproc run` on the samples (offline), resume, bad inputs beside good ones, preflight errors, papermill batch."
import filecmp, json, os, shutil, subprocess, sys
from pathlib import Path
import pytest
from conftest import ROOT, SAMPLES, tree_files, comparable, grounded_pairs

SAMPLE_DOCS = sorted(p.stem for p in SAMPLES.iterdir() if p.is_file())
FAKE_KEY = 'sk-or-v1-PIPELINEFAKEKEY0123456789'

def docproc(*args, cwd=None, env=None):
    e = {**os.environ, 'DOCPROC_CONFIG': str(ROOT/'config'/'config.json'), **(env or {})}
    return subprocess.run(['docproc', *map(str, args)], capture_output=True, text=True, cwd=cwd, env=e, timeout=1500)

@pytest.fixture(scope='module')
def clean_run(tmp_path_factory):
    "One offline run of stages 01-05 on the sample corpus."
    out = tmp_path_factory.mktemp('run')/'data'
    r = docproc('run', '--input', SAMPLES, '--out', out, '--backend', 'offline', '--quiet', env={'OPENROUTER_API_KEY': ''})
    assert r.returncode == 0, r.stdout + r.stderr
    return out, r

def test_every_sample_through_every_stage(clean_run):
    out, r = clean_run
    summary = json.loads((out/'runs'/'last_run.json').read_text())
    assert summary['ok'] and [s['stage'] for s in summary['stages']] == ['ingest', 'chunk', 'summarize', 'qa', 'dataset']
    for doc in SAMPLE_DOCS:
        assert (out/'out'/doc/'text.md').is_file() and (out/'out'/doc/'raw.json').is_file(), doc
        assert (out/'chunks'/doc/'chunks.jsonl').is_file(), doc
        assert (out/'summaries'/f'{doc}_summary.json').is_file(), doc
        assert (out/'qa'/doc/'qa_metadata.json').is_file(), doc
    assert not (out/'out'/'expected').exists()  # ground truth is not a document
    ds = out/'dataset'
    for f in ['axess_rag.jsonl', 'openai_instruct.jsonl', 'openai_chat.jsonl', 'openai_instruct.train.jsonl', 'openai_instruct.eval.jsonl']:
        assert (ds/f).is_file() and (ds/f).stat().st_size > 0, f
    meta = lambda f: [json.loads(l) for l in (ds/f).read_text().splitlines()]   # the OpenAI files' metadata sidecars
    train = {m['doc'] for m in meta('openai_instruct.train.metadata.jsonl')}
    control = {m['doc'] for m in meta('openai_instruct.eval.metadata.jsonl') if m['eval_split'] == 'unseen_doc'}
    assert train and control and not train & control  # closed book: an unseen control document, never trained on
    assert 'stage' in r.stdout and 'dataset' in r.stdout  # the final table

def test_grounded_pairs_with_exact_numbers(clean_run):
    "The product's promise on the real samples: every kept answer's numbers and codes are in its evidence or a verified computation."
    out, _ = clean_run
    assert grounded_pairs(out) > 100

def test_rerun_skips_everything_and_changes_nothing(clean_run, tmp_path):
    out, _ = clean_run
    volatile = ('runs/', 'cache/', 'report.html')  # the run record and report say when and how long
    before = {k: v for k, v in tree_files(out).items() if not k.startswith(volatile)}
    r = docproc('run', '--input', SAMPLES, '--out', out, '--backend', 'offline', '--quiet')
    assert r.returncode == 0, r.stderr
    summary = json.loads((out/'runs'/'last_run.json').read_text())
    for s in summary['stages']: assert s['counts']['ok'] == 0 and s['counts']['failed'] == 0, s
    after = {k: v for k, v in tree_files(out).items() if not k.startswith(volatile)}
    assert after == before

def test_bad_inputs_beside_good_ones(clean_run, tmp_path):
    "Bad files fail with a reason; good documents' outputs equal a clean run's; exit status says so."
    out_clean, _ = clean_run
    inp = tmp_path/'in'
    shutil.copytree(SAMPLES, inp, ignore=shutil.ignore_patterns('expected'))
    shutil.copytree(ROOT/'tests'/'fixtures'/'bad', inp/'bad')
    out = tmp_path/'data'
    r = docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet')
    assert r.returncode == 1, r.stdout + r.stderr
    summary = json.loads((out/'runs'/'last_run.json').read_text())
    failed = {d['doc']: d['error'] for s in summary['stages'] for d in s['docs'] if d['status'] == 'failed'}
    for doc in ['zero_bytes', 'truncated', 'encrypted', 'binary_junk', 'invalid', 'missing_part', 'bomb', 'huge_20000x20000', 'unsupported']:
        assert doc in failed and len(failed[doc]) > 10, (doc, failed.get(doc))
    assert 'FAILED' in r.stdout
    for doc in SAMPLE_DOCS:  # the good documents are untouched by their bad neighbours
        for stage_dir in ['out', 'chunks', 'qa']:
            a, b = out_clean/stage_dir/doc, out/stage_dir/doc
            cmp = filecmp.dircmp(a, b, ignore=['raw.json'])
            assert not (cmp.left_only or cmp.right_only or cmp.diff_files), (stage_dir, doc, cmp.diff_files)
    leftovers = [p for p in out.rglob('*') if p.name.endswith(('.tmp', '.old'))]
    assert not leftovers, leftovers
    for p in out.rglob('*'):  # path safety: nothing written outside the output folder
        assert p.resolve().is_relative_to(out.resolve())

def test_preflight_errors_touch_nothing(tmp_path):
    r = docproc('run', '--input', tmp_path/'missing', '--out', tmp_path/'data')
    assert r.returncode == 2 and 'does not exist' in r.stderr
    assert not (tmp_path/'data').exists()
    ro = tmp_path/'ro'; ro.mkdir(); ro.chmod(0o500)
    try:
        if os.geteuid() != 0:  # root can write anywhere, so only meaningful for other users
            r = docproc('run', '--input', SAMPLES, '--out', ro/'data')
            assert r.returncode == 2 and 'not writable' in r.stderr
    finally: ro.chmod(0o700)
    bad = tmp_path/'c.json'; bad.write_text('{"llm": {"backend": "claude"}}')
    r = docproc('run', '--config', bad, '--input', SAMPLES, '--out', tmp_path/'data2')
    assert r.returncode == 2 and 'llm.backend' in r.stderr and not (tmp_path/'data2').exists()

def test_papermill_batch_runs_stage_notebooks(tmp_path):
    "docproc batch executes notebooks 01-05 per run, outputs kept apart, no secrets in executed notebooks."
    inp = tmp_path/'in'; inp.mkdir()
    for f in ['safety_notice.txt', 'troubleshooting_guide.md', 'spare_parts.csv']: shutil.copy(SAMPLES/f, inp)
    cfg = tmp_path/'config'/'config.json'; cfg.parent.mkdir()
    cfg.write_text(json.dumps({'paths': {'runs_dir': str(tmp_path/'runs'), 'input_dir': str(inp)}}))
    runs = tmp_path/'runs.yaml'
    runs.write_text('runs:\n  - name: small\n    parameters: {backend: offline}\n'
                    '  - name: tight\n    parameters: {backend: offline, docs: [troubleshooting_guide], overrides: ["chunk.max_size=150", "chunk.min_size=40"]}\n')
    r = docproc('batch', runs, '--config', cfg, '--nbs', ROOT/'nbs', env={'OPENROUTER_API_KEY': FAKE_KEY})
    assert r.returncode == 0, r.stdout + r.stderr
    for name in ['small', 'tight']:
        folder = tmp_path/'runs'/name
        nbs = sorted(p.name for p in folder.glob('*.ipynb'))
        assert nbs == ['01_ingest.ipynb', '02_chunk.ipynb', '03_summarize.ipynb', '04_qa.ipynb', '05_dataset.ipynb'], nbs
        for nb in folder.glob('*.ipynb'): assert FAKE_KEY not in nb.read_text()
    small, tight = tmp_path/'runs'/'small'/'data', tmp_path/'runs'/'tight'/'data'
    assert sorted(p.name for p in (small/'out').iterdir() if p.is_dir()) == ['safety_notice', 'spare_parts', 'troubleshooting_guide']
    assert sorted(p.name for p in (tight/'chunks').iterdir() if p.is_dir()) == ['troubleshooting_guide']
    n_small = len((small/'chunks'/'troubleshooting_guide'/'chunks.jsonl').read_text().splitlines())
    n_tight = len((tight/'chunks'/'troubleshooting_guide'/'chunks.jsonl').read_text().splitlines())
    assert n_tight > n_small  # the run's own override took effect, in its own folder
    for data, docs in ((small, ['safety_notice', 'spare_parts', 'troubleshooting_guide']), (tight, ['troubleshooting_guide'])):
        for doc in docs:   # every stage notebook ran its stage (an untagged parameters cell would silently skip one)
            assert (data/'summaries'/f'{doc}_summary.json').is_file() and (data/'qa'/doc/'qa_metadata.json').is_file(), (data, doc)
        assert (data/'dataset'/'openai_instruct.jsonl').is_file(), data

def test_batch_rejects_wrong_parameter_type_before_work(tmp_path):
    runs = tmp_path/'runs.yaml'; runs.write_text('- name: x\n  parameters: {docs: 5}\n')
    r = docproc('batch', runs, '--nbs', ROOT/'nbs')
    assert r.returncode == 2 and 'run x: parameters.docs' in r.stderr

@pytest.mark.parametrize('kill_when', ['out', 'chunks', 'summaries', 'qa', 'dataset'])
def test_kill_9_then_rerun_equals_uninterrupted(clean_run, tmp_path, kill_when):
    "kill -9 as a stage starts writing, then a re-run: final outputs identical to an uninterrupted run, no temp files left."
    import signal, time
    ref, _ = clean_run
    out = tmp_path/'data'
    env = {**os.environ, 'DOCPROC_CONFIG': str(ROOT/'config'/'config.json')}
    p = subprocess.Popen(['docproc', 'run', '--input', str(SAMPLES), '--out', str(out), '--backend', 'offline', '--quiet'],
                         env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    while p.poll() is None and time.monotonic() < deadline:
        d = out/kill_when
        if d.is_dir() and any(d.iterdir()): break
        time.sleep(0.005)
    killed = p.poll() is None
    if killed: os.killpg(p.pid, signal.SIGKILL)
    p.wait()
    assert killed, f'the run finished before {kill_when}/ appeared'
    r = docproc('run', '--input', SAMPLES, '--out', out, '--backend', 'offline', '--quiet')
    assert r.returncode == 0, r.stdout + r.stderr
    assert comparable(out) == comparable(ref)
    assert not [q for q in out.rglob('*') if q.name.endswith(('.tmp', '.old'))]

def test_preview_is_a_dry_run(clean_run, tmp_path):
    "--preview reports types, failing files and work to do, and writes nothing."
    out, _ = clean_run
    r = docproc('run', '--preview', '--input', SAMPLES, '--out', out)
    assert r.returncode == 0 and '0 to (re)do from ingest, 0 to finish in later stages, 9 current' in r.stdout, r.stdout + r.stderr
    inp = tmp_path/'in'; shutil.copytree(ROOT/'tests'/'fixtures'/'bad', inp)
    r = docproc('run', '--preview', '--input', inp, '--out', tmp_path/'data', env={'OPENROUTER_API_KEY': FAKE_KEY})
    assert r.returncode == 0, r.stderr
    assert "would fail: unsupported.xyz: unsupported file type '.xyz'" in r.stdout  # the name once
    assert 'would fail: truncated.pdf: unreadable PDF, truncated' in r.stdout  # the run's own PDF check
    assert 'LLM backend openai: about' in r.stdout and FAKE_KEY not in r.stdout + r.stderr
    assert not (tmp_path/'data').exists()

@pytest.mark.parametrize('nb', ['01_ingest', '02_chunk', '03_summarize', '04_qa', '05_dataset', '06_train'])
def test_every_stage_notebook_takes_papermill_parameters(nb):
    "Exactly one cell tagged `parameters` (else papermill injects above the defaults, and the defaults win) and a final run cell."
    cells = json.loads((ROOT/'nbs'/f'{nb}.ipynb').read_text())['cells']
    tagged = [c for c in cells if 'parameters' in c.get('metadata', {}).get('tags', [])]
    assert len(tagged) == 1, f'{nb}: {len(tagged)} cells tagged parameters'
    src = ''.join(tagged[0]['source'])
    for name in ('config_path', 'input_dir', 'out', 'docs', 'backend', 'overrides', 'run_stage'): assert f'\n{name} = ' in src, (nb, name)
    assert ''.join(cells[-1]['source']).startswith('if run_stage:'), nb

PREVIEW_CHANGES = [   # (what changed, config overrides, first stage that must redo every document)
    ('nothing', {}, None), ('chunk config', {'chunk.max_size': 300}, 'chunk'),
    ('summarize config', {'summarize.max_key_points': 3}, 'summarize'),
    ('LLM setting', {'llm.temperature': 0.7}, 'summarize'),
    ('qa config', {'qa.max_iterations': 2}, 'qa')]

def test_preview_agrees_with_the_run_after_each_change(tmp_path, monkeypatch):
    "After a change to each stage's config, --preview's current / to-redo documents are what the run skips / redoes."
    import docproc.qa, docproc.summarize
    from docproc.core import load_config
    from docproc.pipeline import apply_run_options, preview, run
    inp = tmp_path/'in'; inp.mkdir()
    (inp/'pump.md').write_text('# Pump P-100\n\nThe pump P-100 delivers 40 l/min at 3 bar. It weighs 12 kg.\n\n'
                               '## Service\n\nReplace the seal S-7 every 2000 hours of operation.\n')
    (inp/'valve.txt').write_text('Valve V-20 opens at 6 bar. Its body is brass and weighs 1.5 kg.\n')
    stages, overrides, both = ['ingest', 'chunk', 'summarize', 'qa'], {}, {'pump', 'valve'}
    def cfg(backend='offline'):
        c = load_config(ROOT/'config'/'config.json', overrides=dict(overrides))
        return apply_run_options(c, input=inp, out=tmp_path/'data', backend=backend)
    def preview_then_run(what, stage):
        pv = preview(cfg())
        res = run(cfg(), stages=stages, progress=False)
        assert res.ok, (what, res.table())
        redone = {d.doc for s in res.stages for d in s.docs if d.status != 'skipped'}
        assert set(pv.skip) == both - redone, (what, pv, res.table())
        assert set(pv.redo) | set(pv.partial) == redone, (what, pv, res.table())
        assert set(pv.partial) == (both if stage not in (None, 'ingest') else set()), (what, pv)
        assert set(pv.stale.values()) <= {stage}, (what, pv)
        assert len(preview(cfg()).skip) == 2, what   # and afterwards everything is current
        return pv
    assert sorted(preview(cfg()).redo) == ['pump', 'valve']
    run(cfg(), stages=stages, progress=False)
    for what, change, stage in PREVIEW_CHANGES:
        overrides.update(change); preview_then_run(what, stage)
    overrides['qa.max_iterations'] = 3   # a QA change does not concern a run of ingest and chunk only
    assert len(preview(cfg(), stages=['ingest', 'chunk']).skip) == 2 and len(preview(cfg()).partial) == 2
    preview_then_run('qa config again', 'qa')
    for mod, name, stage in [(docproc.summarize, 'PROMPT_VERSION', 'summarize'), (docproc.qa, 'PROMPT_HASH', 'qa')]:
        monkeypatch.setattr(mod, name, getattr(mod, name) + '-next'); preview_then_run(f'{name} changed', stage)
    (inp/'valve.txt').write_text('Valve V-20 opens at 7 bar.\n')
    pv = preview_then_run('one source edited', 'ingest')
    assert pv.redo == ['valve'] and pv.skip == ['pump'], pv
    monkeypatch.setenv('OPENROUTER_API_KEY', FAKE_KEY)   # another backend: its summaries and pairs are not current
    pv = preview(cfg('openai'))
    assert pv.llm_backend == 'openai' and set(pv.partial) == both and set(pv.stale.values()) == {'summarize'}, pv
