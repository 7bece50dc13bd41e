"""Reliability and security of the whole pipeline (issue 11): large and bad inputs under an address-space limit, LLM
faults end to end through the scripted server, `kill -9` at random moments, secrets, and path safety.

Every test drives the real `docproc` CLI in a subprocess (bounded by a timeout, so nothing can hang the suite)."""
import json, os, random, re, resource, shutil, signal, subprocess, sys, threading, time
from pathlib import Path
import pytest
from conftest import ROOT, SAMPLES, comparable, grounded_pairs
from llm_server import LLMServer, Reply

sys.path.insert(0, str(ROOT/'tools'))
from make_bad_corpus import write_large

BAD = ROOT/'tests'/'fixtures'/'bad'
CONFIG = ROOT/'config'/'config.json'
# Address-space limit of a run. Measured peak virtual size (VmPeak) of `docproc run`, offline: ~1.2 GiB on the samples
# (numpy, pandas, tiktoken, pdfium, threads' stacks), ~1.8 GiB on samples + bad corpus + 30 MB text + 10 MB JSON
# (stages 01-02), ~1.9 GiB for the 30 MB text through every stage. Before the zip-bomb guard the bad corpus alone
# peaked at 3.4 GB (bomb.docx inflated in memory). 3 GiB leaves room for honest work, not for a stage that
# inflates a bomb or holds a large file several times over.
MEM_LIMIT = 3 << 30
# Small documents without OCR: runs of a few seconds, for the tests that run the pipeline many times.
QUICK = ['safety_notice.txt', 'troubleshooting_guide.md', 'spare_parts.csv', 'pump_specs.json', 'commissioning_procedure.docx']
CLI = [sys.executable, '-c', 'import sys; from docproc.cli import main; sys.exit(main())']

def docproc(*args, env=None, cwd=None, mem:int|None=None, timeout:float=600) -> subprocess.CompletedProcess:
    "`docproc ARGS` in a subprocess (same interpreter), optionally under an address-space limit; never hangs the suite."
    e = {**os.environ, 'DOCPROC_CONFIG': str(CONFIG), 'OPENROUTER_API_KEY': '', 'OPENAI_API_KEY': '', **(env or {})}
    pre = (lambda: resource.setrlimit(resource.RLIMIT_AS, (mem, mem))) if mem else None
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, cwd=cwd or ROOT, env=e,
                          timeout=timeout, preexec_fn=pre)

def failures(out:Path) -> dict[str, str]:
    s = json.loads((out/'runs'/'last_run.json').read_text())
    return {d['doc']: d['error'] for st in s['stages'] for d in st['docs'] if d['status'] == 'failed'}

def no_partial_files(out:Path) -> None:
    "No temp files left, and every JSON / JSON Lines output parses (nothing half-written)."
    left = [p for p in out.rglob('*') if p.name.endswith(('.tmp', '.old')) or '.tmp' in p.name]
    assert not left, left
    for p in out.rglob('*.json'): json.loads(p.read_text(encoding='utf-8'))
    for p in out.rglob('*.jsonl'):
        for line in p.read_text(encoding='utf-8').splitlines(): json.loads(line)

def quick_input(tmp:Path) -> Path:
    inp = tmp/'in'; inp.mkdir(parents=True)
    for f in QUICK: shutil.copy(SAMPLES/f, inp)
    return inp

# ---------------------------------------------------------------------------------------------------------------
# Large and bad inputs, memory bounded

@pytest.fixture(scope='module')
def large(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp('large')
    return {p.name: p for p in write_large(d)}

def test_large_and_bad_inputs_under_address_space_limit(large, tmp_path):
    """Samples + the bad corpus + a 30 MB text + a one-line 10 MB JSON, stages 01-02, under RLIMIT_AS: the run completes,
    bad files are reported with a reason, the large files are chunked, and no MemoryError anywhere."""
    inp = tmp_path/'in'
    shutil.copytree(SAMPLES, inp, ignore=shutil.ignore_patterns('expected'))
    shutil.copytree(BAD, inp/'bad')
    for p in large.values(): shutil.copy(p, inp)
    out = tmp_path/'data'
    r = docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet', '--stages', 'ingest,chunk', mem=MEM_LIMIT)
    assert r.returncode == 1, r.stdout[-3000:] + r.stderr[-3000:]
    assert 'MemoryError' not in r.stdout + r.stderr
    failed = failures(out)
    for doc in ['zero_bytes', 'truncated', 'encrypted', 'binary_junk', 'invalid', 'missing_part', 'bomb', 'huge_20000x20000', 'unsupported', 'empty']:
        assert doc in failed and len(failed[doc]) > 10, (doc, failed.get(doc))
    assert 'zip bomb' in failed['bomb'] and 'max_image_pixels' in failed['huge_20000x20000']
    assert set(failed) & {'large_30mb', 'one_line_10mb'} == set()
    rows = (out/'chunks'/'large_30mb'/'chunks.jsonl').read_text().splitlines()
    assert len(rows) > 20000 and all(json.loads(l)['tokens'] <= 600 for l in rows)
    rows = [json.loads(l) for l in (out/'chunks'/'one_line_10mb'/'chunks.jsonl').read_text().splitlines()]
    assert len(rows) > 1000 and max(r['tokens'] for r in rows) <= 8 * 600   # the 15 MB pretty-printed JSON is cut, not one chunk
    no_partial_files(out)

def test_3mb_text_through_every_stage_under_limit(large, tmp_path):
    """3 MB of the 30 MB text's lines, with a real notice every 300 KB (so stage 04 has questions to ask), through
    stages 01-05 under RLIMIT_AS. The whole 30 MB file takes ~4-5 min through every stage on 2 cores, too long for CI:
    bench/reliability.py runs it."""
    inp = tmp_path/'in'; inp.mkdir()
    notice = (SAMPLES/'safety_notice.txt').read_text()
    with open(large['large_30mb.txt'], 'rb') as f: lines = f.read(3_000_000).decode().splitlines(keepends=True)
    parts = [''.join(lines[i:i + 5400]) + '\n' + notice + '\n' for i in range(0, len(lines), 5400)]
    (inp/'large_3mb.txt').write_text(''.join(parts))
    out = tmp_path/'data'
    r = docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet', mem=MEM_LIMIT)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    n = len((out/'chunks'/'large_3mb'/'chunks.jsonl').read_text().splitlines())
    assert n > 2000
    assert len(list((out/'summaries'/'chunks'/'large_3mb').glob('chunk_*.json'))) == n
    doc = json.loads((out/'summaries'/'large_3mb_summary.json').read_text())
    assert doc['status'] == 'ok' and doc['summary'] and doc['method'] == 'hierarchical'
    meta = json.loads((out/'qa'/'large_3mb'/'qa_metadata.json').read_text())
    assert meta['pairs']['kept'] > 0
    assert (out/'dataset'/'axess_rag.jsonl').stat().st_size > 0
    no_partial_files(out)

def test_question_writer_does_not_backtrack_on_long_sentences():
    """Regression (found on the 30 MB text): a 40-line "sentence" with a colon per line made stage 04's figure-question
    regexes backtrack exponentially (25 lines: > 100 s). A hang guard, not a timing threshold: it finishes in well under a second."""
    code = ("from docproc.qa import write_candidates\n"
            "t = ' pump P-101A check at 16 bar and 45 m3/h.\\n' + ''.join(f'Line {i:07d}: pump P-101A check at 16 bar and 45 m3/h.\\n' for i in range(40))\n"
            "write_candidates(t)\n")
    subprocess.run([sys.executable, '-c', code], check=True, timeout=120, env={**os.environ})

# ---------------------------------------------------------------------------------------------------------------
# LLM faults end to end

def _between(s:str, a:str, b:str) -> str|None:
    i = s.find(a)
    if i < 0: return None
    j = s.find(b, i + len(a))
    return s[i + len(a): j if j >= 0 else None]

def faithful_answer(body:dict) -> dict:
    "What a faithful model would answer: the offline backend's extractive answer to the same request."
    from docproc.summarize import offline_summary
    from docproc.qa import offline_qa, offline_judge
    first_user = next(m['content'] for m in body['messages'] if m['role'] == 'user')
    from docproc.llm_params import undelimit
    if (src := undelimit(first_user, 'document')) is not None:
        return offline_summary({'text': src}).model_dump()
    if (parts := undelimit(first_user, 'parts')) is not None:
        return json.loads(parts.splitlines()[0])
    if (chunk := undelimit(first_user, 'chunk')) is not None:
        n = int(m.group(1)) if (m := re.search(r'Write (\d+) new pairs', first_user)) else 6
        kept = [l[2:] for l in (undelimit(first_user, 'kept') or '').splitlines() if l.startswith('- ')]
        return offline_qa({'text': chunk, 'n': n, 'kept': kept}).model_dump()
    return offline_judge({'pairs': []}).model_dump()

def invent_number(ans:dict) -> dict:
    "Tamper with a faithful answer: change every digit 1-8 in answers and key figures (a model inventing numbers)."
    bump = lambda s: re.sub(r'[1-8]', lambda m: str(int(m.group()) + 1), s)
    ans = json.loads(json.dumps(ans))
    for p in ans.get('pairs', []): p['answer'] = bump(p['answer'])
    for f in ans.get('key_figures', []): f['value'] = bump(f['value'])
    ans['summary'] = bump(ans.get('summary', '')) if 'summary' in ans else None
    if ans.get('summary') is None: ans.pop('summary', None)
    return ans

FAULTS = ['429', '500', 'timeout', 'reset', 'malformed', 'schema_invalid', 'truncated', 'invented']

class FaultyModel:
    """A faithful model behind a flaky API: every `every`-th summarize request and every `every`-th QA request gets a
    fault, each kind of request cycling through `FAULTS` in a seeded order (so both stages see every fault)."""
    def __init__(self, seed:int, every:int=2):
        order = list(FAULTS); random.Random(seed).shuffle(order)
        self.order, self.every, self.lock = order, every, threading.Lock()
        self.n, self.injected, self.log, self.owed = {'summarize': 0, 'qa': 0}, {f: 0 for f in FAULTS}, [], False
    def __call__(self, body:dict) -> Reply:
        kind = 'qa' if any('<chunk-' in str(m.get('content')) for m in body['messages']) else 'summarize'
        with self.lock:
            self.n[kind] += 1; n = self.n[kind]
            fault = self.order[(n // self.every) % len(self.order)] if n % self.every == 0 else None
            if kind == 'qa' and n == 1: fault = 'invented'   # first QA request (iteration 1: it has pairs): at least one tampered answer
            if fault: self.injected[fault] += 1; self.log.append((kind, n, fault))
        if fault == '429': return Reply.error(429, retry_after=0.05)
        if fault == '500': return Reply.error(500)
        if fault == 'timeout': return Reply.sleep(2.0)      # client timeout is 0.5 s
        if fault == 'reset': return Reply.reset()
        if fault == 'malformed': return Reply.text('{"pairs": [ {"question": "What')
        if fault == 'schema_invalid': return Reply.json({'answer': 'not the schema', 'items': 3})
        ans = faithful_answer(body)
        if kind == 'qa' and (fault == 'invented' or (fault is None and self.owed)):
            with self.lock:   # an answer with no pairs has no number to invent: tamper with the next one that has
                self.owed = not ans.get('pairs')
                if fault and self.owed: self.injected['invented'] -= 1; self.log[-1] = (kind, n, 'invented (postponed)')
                elif not fault and not self.owed: self.injected['invented'] += 1; self.log.append((kind, n, 'invented'))
            fault = None if self.owed else 'invented'
        if fault == 'truncated': return Reply.text(json.dumps(ans)[:40], finish_reason='length')
        if fault == 'invented': return Reply.json(invent_number(ans))
        return Reply.json(ans)

def openai_args(srv:LLMServer) -> list[str]:
    sets = {'llm.base_url': srv.base_url, 'llm.models': json.dumps({'summarize': 'm', 'qa': 'm', 'judge': 'm', 'beautify': 'm'}),
            'llm.timeout_s': '0.5', 'llm.max_retries': '2', 'llm.retry_base_s': '0.01', 'llm.retry_max_s': '0.1',
            'llm.concurrency': '8', 'qa.max_iterations': '2', 'llm.prices': json.dumps({'m': {'input': 1.0, 'output': 2.0}})}
    return ['--backend', 'openai', *[a for k, v in sets.items() for a in ('--set', f'{k}={v}')]]

def test_llm_faults_end_to_end(tmp_path):
    """`docproc run --backend openai` over quick samples while the server injects every fault kind: the run completes,
    rejections are counted by reason, it never hangs (subprocess timeout), and every kept pair is grounded."""
    model = FaultyModel(seed=11)
    out = tmp_path/'data'
    with LLMServer(handler=model) as srv:
        r = docproc('run', '--input', quick_input(tmp_path), '--out', out, '--quiet', *openai_args(srv),
                    env={'OPENROUTER_API_KEY': 'sk-or-v1-FAULTTESTKEY000111222333'}, timeout=240)
        calls = srv.calls
    assert r.returncode in (0, 1), r.stdout[-3000:] + r.stderr[-3000:]
    report = tmp_path/'faults.json'
    report.write_text(json.dumps({'injected': model.injected, 'calls': calls, 'requests': model.n, 'log': model.log}))
    assert all(model.injected[f] > 0 for f in FAULTS), (model.injected, calls, r.stdout[-2000:], r.stderr[-3000:])
    summary = json.loads((out/'runs'/'last_run.json').read_text())
    assert [s['stage'] for s in summary['stages']] == ['ingest', 'chunk', 'summarize', 'qa', 'dataset']
    su = next(s for s in summary['stages'] if s['stage'] == 'summarize')['stats']['usage']
    metas = [json.loads(p.read_text()) for p in (out/'qa').glob('*/qa_metadata.json')]
    assert len(metas) == len(QUICK)
    rejections = {}
    for m in metas:
        for k, v in m['rejections'].items(): rejections[k] = rejections.get(k, 0) + v
    llm_errors = {}
    for m in metas:
        for c in m['chunks']:
            for it in c['iterations']:
                if it.get('error'): llm_errors[it['error']] = llm_errors.get(it['error'], 0) + 1
    assert set(rejections) & {'answer_not_grounded', 'table_answer_mismatch'}, rejections   # invented numbers: rejected, counted by reason
    assert su['calls'] > 0 and calls > su['calls']                          # retries happened
    assert grounded_pairs(out) > 20
    for s in (out/'summaries').rglob('*.json'):
        d = json.loads(s.read_text())
        if d.get('status') == 'ok': assert d['backend'] == 'openai'
    no_partial_files(out)
    report.write_text(json.dumps({'injected': model.injected, 'calls': calls, 'requests': model.n, 'summarize_errors': su['errors'],
                                  'qa_rejections': rejections, 'qa_llm_errors': llm_errors, 'exit': r.returncode}))

def test_persistent_llm_faults_are_counted_failures_not_hangs(tmp_path):
    """A server that never answers usefully (summaries: malformed JSON every time; QA: HTTP 500 every time): the run
    ends in bounded time with exit 1, every rejection counted by reason, the dataset stage reported as failed (not a
    traceback), and no partial files."""
    inp = tmp_path/'in'; inp.mkdir()
    for f in ['safety_notice.txt', 'spare_parts.csv']: shutil.copy(SAMPLES/f, inp)
    def broken(body):
        if any('<chunk-' in str(m.get('content')) for m in body['messages']): return Reply.error(500)
        return Reply.text('{"summary": "unterminated')
    out = tmp_path/'data'
    with LLMServer(handler=broken) as srv:
        r = docproc('run', '--input', inp, '--out', out, '--quiet', *openai_args(srv),
                    env={'OPENROUTER_API_KEY': 'sk-or-v1-FAULTTESTKEY000111222333'}, timeout=240)
    assert r.returncode == 1, r.stdout[-3000:] + r.stderr[-3000:]
    assert 'Traceback' not in r.stderr, r.stderr[-3000:]
    summary = json.loads((out/'runs'/'last_run.json').read_text())
    st = {s['stage']: s for s in summary['stages']}
    assert st['summarize']['stats']['usage']['errors'].get('invalid_json', 0) >= 3, st['summarize']['stats']['usage']
    assert st['summarize']['counts']['failed'] == 2
    errs = [it['error'] for p in (out/'qa').glob('*/qa_metadata.json') for c in json.loads(p.read_text())['chunks'] for it in c['iterations']]
    assert errs and set(errs) == {'http_500'}, errs
    assert st['dataset']['counts']['failed'] == 1 and 'no kept QA pairs' in st['dataset']['docs'][0]['error']
    assert 'FAILED dataset' in r.stdout
    no_partial_files(out)

@pytest.mark.parametrize('stage', ['summarize', 'qa'])
def test_a_refused_key_in_one_worker_stops_the_stage(tmp_path, stage):
    """Stages 03 and 04 run documents in worker processes, each with its own LLM. A 401 (a refused key: an error every
    request would get) in one worker stops the stage as it does in one process: the run stops the other workers and
    starts no more documents, so the server sees at most one request per worker, not one per document (before: each
    worker's fresh LLM sent its own request, 5 for 5 documents), and every document fails naming the key."""
    out = tmp_path/'data'
    with LLMServer(handler=lambda body: Reply.error(401, message='Incorrect API key provided')) as srv:
        r = docproc('run', '--input', quick_input(tmp_path), '--out', out, '--quiet', *openai_args(srv),
                    '--stages', f'ingest,chunk,{stage}', '--set', 'run.workers=2',
                    '--set', 'llm.concurrency=2',   # shared out: one request in flight per worker, so the bound is exact
                    env={'OPENROUTER_API_KEY': 'sk-or-v1-REFUSEDKEY000111222333'}, timeout=240)
        calls = srv.calls
    assert r.returncode == 1, r.stdout[-3000:] + r.stderr[-3000:]
    st = {s['stage']: s for s in json.loads((out/'runs'/'last_run.json').read_text())['stages']}
    docs = st[stage]['docs']
    assert len(docs) == len(QUICK) and all(d['status'] == 'failed' for d in docs), docs
    assert all('OPENROUTER_API_KEY' in d['error'] for d in docs), [d['error'] for d in docs]
    assert calls <= 2, calls
    assert sum('not run, the LLM stopped' in d['error'] for d in docs) >= len(QUICK) - 2, [d['error'] for d in docs]

# ---------------------------------------------------------------------------------------------------------------
# kill -9 at random moments

@pytest.fixture(scope='module')
def quick_ref(tmp_path_factory):
    "One uninterrupted offline run on the quick documents, timed."
    tmp = tmp_path_factory.mktemp('ref')
    inp, out = quick_input(tmp), tmp/'data'
    t = time.monotonic()
    r = docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet')
    assert r.returncode == 0, r.stdout + r.stderr
    return inp, out, time.monotonic() - t

@pytest.mark.parametrize('seed', [1, 2, 3, 4])
def test_kill_9_at_random_moment_then_rerun_is_identical(quick_ref, tmp_path, seed):
    "kill -9 after a seeded random delay in (0, clean run time), then a re-run: outputs byte-identical, nothing half-written."
    inp, ref, seconds = quick_ref
    delay = random.Random(seed).uniform(0.05, 0.95) * seconds
    out = tmp_path/'data'
    env = {**os.environ, 'DOCPROC_CONFIG': str(CONFIG), 'OPENROUTER_API_KEY': ''}
    p = subprocess.Popen([*CLI, 'run', '--input', str(inp), '--out', str(out), '--backend', 'offline', '--quiet'],
                         env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try: p.wait(timeout=delay)
    except subprocess.TimeoutExpired: os.killpg(p.pid, signal.SIGKILL); p.wait()
    r = docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet')
    assert r.returncode == 0, r.stdout + r.stderr
    assert comparable(out) == comparable(ref)
    no_partial_files(out)

# ---------------------------------------------------------------------------------------------------------------
# Secrets

SECRETS = {'OPENROUTER_API_KEY': 'sk-or-v1-RELIABILITYENVKEY0123456789abcdef',
           'OPENAI_API_KEY': 'sk-test-RELIABILITYOPENAI0123456789',
           'AZURE_DI_KEY': 'azkeyRELIABILITY0123456789abcdef0123',
           'HF_TOKEN': 'hf_RELIABILITYTOKEN0123456789'}
DOTENV = {'OPENROUTER_API_KEY': 'sk-or-v1-RELIABILITYDOTENVKEY9876543210fedcba',
          'AZURE_DI_KEY': 'azkeyDOTENV9876543210fedcba98765432',
          'HF_TOKEN': 'hf_DOTENVTOKEN9876543210'}

def find_secrets(root:Path, values) -> list[str]:
    "Files under `root` that contain any of `values` (bytes search, every file, binary or not)."
    hits = []
    for p in root.rglob('*'):
        if p.is_file():
            data = p.read_bytes()
            hits += [f'{p}: {v[:10]}…' for v in values if v.encode() in data]
    return hits

def project_with_dotenv(tmp:Path) -> Path:
    proj = tmp/'proj'; (proj/'config').mkdir(parents=True)
    (proj/'config'/'config.json').write_text(CONFIG.read_text())
    (proj/'.env').write_text(''.join(f'{k}={v}\n' for k, v in DOTENV.items()))
    return proj

def test_secrets_from_dotenv_and_environment_never_reach_outputs(tmp_path):
    """Keys in `.env` (the openai backend really uses the .env key) and others in the environment: run, config show,
    and the papermill batch; no key in any output, cache, log, run record, report or executed notebook."""
    proj = project_with_dotenv(tmp_path)
    cfgp = proj/'config'/'config.json'
    env = {'DOCPROC_CONFIG': str(cfgp), 'OPENAI_API_KEY': SECRETS['OPENAI_API_KEY'], 'HF_TOKEN': SECRETS['HF_TOKEN'],
           'AZURE_DI_KEY': SECRETS['AZURE_DI_KEY']}
    env['OPENROUTER_API_KEY'] = ''   # the .env one is used
    values = [*SECRETS.values(), *DOTENV.values()]
    out = tmp_path/'data'
    with LLMServer(handler=lambda body: Reply.json(faithful_answer(body))) as srv:
        r = docproc('run', '--config', cfgp, '--input', quick_input(tmp_path), '--out', out, '--quiet', *openai_args(srv),
                    env=env, cwd=proj, timeout=240)
        auth = set(srv.auth)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert auth == {f'Bearer {DOTENV["OPENROUTER_API_KEY"]}'}             # the key was used, so it was in memory
    logs = r.stdout + r.stderr
    assert not [v for v in values if v in logs]
    assert not find_secrets(out, values) and not find_secrets(proj/'config', values)
    # config show: which secrets are set, never their values
    r = docproc('config', 'show', '--config', cfgp, env=env, cwd=proj)
    assert r.returncode == 0 and not [v for v in values if v in r.stdout + r.stderr], r.stdout
    shown = json.loads(r.stdout)['secrets']
    assert shown['OPENROUTER_API_KEY'].startswith('set') and shown['OPENAI_API_KEY'].startswith('set') and shown['AZURE_DI_KEY'].startswith('set')
    # the papermill batch: executed notebooks, their data and logs
    bcfg = proj/'config'/'batch.json'
    inp = tmp_path/'bin'; inp.mkdir(); shutil.copy(SAMPLES/'safety_notice.txt', inp)
    bcfg.write_text(json.dumps({'paths': {'runs_dir': str(tmp_path/'runs'), 'input_dir': str(inp)}}))
    runs = tmp_path/'runs.yaml'; runs.write_text('runs:\n  - name: s\n    parameters: {backend: offline}\n')
    r = docproc('batch', runs, '--config', bcfg, '--nbs', ROOT/'nbs', env=env, cwd=proj, timeout=400)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert len(list((tmp_path/'runs'/'s').glob('*.ipynb'))) == 5
    assert not find_secrets(tmp_path/'runs', values)
    assert not [v for v in values if v in r.stdout + r.stderr]

# ---------------------------------------------------------------------------------------------------------------
# Path safety

def test_no_input_name_writes_outside_the_output_folder(tmp_path):
    """Names with `..`, leading dashes, spaces, unicode, an absolute-looking name, symlinks to a file and a folder
    outside the input: every write stays in the output folder; hidden files are reported as skipped, not silently."""
    inp = tmp_path/'in'; inp.mkdir()
    outside = tmp_path/'outside'; outside.mkdir()
    (outside/'secret_notes.txt').write_text('Pump P-900 outside the input folder: 99 bar.\n')
    (outside/'sub').mkdir(); (outside/'sub'/'more.txt').write_text('Valve V-900 outside: 12 bar.\n')
    names = ['..dotdot..txt', '-leading-dash.txt', '--help.txt', 'name with spaces.md', 'ünïcødé_名前.md', '....txt',
             '..txt', '%2e%2e%2fescape.txt', 'a..b..c.md', '..\\..\\evil.txt', 'C:\\Windows\\evil.txt', '~root.txt']
    for n in names: (inp/n).write_text(f'# {n}\n\nPump P-101A is rated to 16 bar.\n')
    deep = inp/'x'/'..'/'y'; (inp/'x').mkdir(); (inp/'y').mkdir(); (inp/'y'/'z.md').write_text('# z\n\nValve V-1 is DN50.\n')
    (inp/'link_file.txt').symlink_to(outside/'secret_notes.txt')
    (inp/'link_dir').symlink_to(outside/'sub', target_is_directory=True)
    (inp/'dangling.txt').symlink_to(tmp_path/'nowhere.txt')
    out = tmp_path/'work'/'data'
    before = {p: p.lstat().st_mtime_ns for p in tmp_path.rglob('*') if not p.is_relative_to(tmp_path/'work')}
    r = docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet', cwd=tmp_path)
    assert r.returncode in (0, 1), r.stdout[-3000:] + r.stderr[-3000:]
    after = {p: p.lstat().st_mtime_ns for p in tmp_path.rglob('*') if not p.is_relative_to(tmp_path/'work')}
    assert after == before                                                 # nothing created or changed outside
    for p in (tmp_path/'work').rglob('*'):
        assert not p.is_symlink() and p.resolve().is_relative_to(out.resolve()), p
    docs = {p.name for p in (out/'out').iterdir() if p.is_dir()}
    assert all(not d.startswith(('-', '.')) and '/' not in d for d in docs), docs
    texts = ''.join(p.read_text() for p in (out/'out').glob('*/text.txt'))
    assert 'P-900' not in texts and 'V-900' not in texts                  # symlinks out of the input are not followed
    summary = json.loads((out/'runs'/'last_run.json').read_text())
    skipped = {d['doc']: d for s in summary['stages'] if s['stage'] == 'ingest' for d in s['docs'] if d['status'] == 'skipped'}
    reported = json.dumps(summary)
    assert '..dotdot..txt' in reported and 'link_file.txt' in reported, skipped   # not silently dropped
    assert not find_secrets(out, ['P-900'])

def test_docs_build_with_dotenv_and_environment_keys_has_no_secrets(tmp_path):
    """The docs build executes every notebook: with keys in the environment *and* in the project's `.env` (which the
    notebooks' `load_secrets` would read), no key value appears in the built site. Built from a copy of the project so
    the test never writes a `.env` into a real checkout."""
    proj = tmp_path/'proj'
    skip = {'.git', 'site', '_proc', '_docs', '.pytest_cache', '.hypothesis', '.benchmarks', '__pycache__', 'models'}
    shutil.copytree(ROOT, proj, ignore=lambda d, names: [n for n in names if n in skip or n == '.env'
                                                         or (Path(d) == ROOT/'data' and n not in ('samples', 'expected'))])
    (proj/'.env').write_text(''.join(f'{k}={v}\n' for k, v in DOTENV.items()))
    env = {**os.environ, **SECRETS, 'PYTHONPATH': str(proj), 'DOCPROC_CONFIG': str(proj/'config'/'config.json')}
    r = subprocess.run([sys.executable, 'tools/build_docs.py', '--out', str(tmp_path/'site')], cwd=proj, env=env,
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    assert len(list((tmp_path/'site').glob('*.html'))) > 10
    values = [*SECRETS.values(), *DOTENV.values()]
    assert not find_secrets(tmp_path/'site', values)
    assert not find_secrets(proj/'nbs', values) and not find_secrets(proj/'_proc', values)
    assert not [v for v in values if v in r.stdout + r.stderr]

# ---------------------------------------------------------------------------------------------------------------
# Issue 19: withdrawn documents, bad paths, CSV injection, key masking, special files, encodings, stalls, Ctrl-C

def _dataset_docs(out:Path) -> dict[str, set]:
    "The documents each dataset file has rows of."
    docs = {}
    for f in (out/'dataset').glob('*.jsonl'):
        rows = [json.loads(l) for l in f.read_text().splitlines() if l.strip()]
        docs[f.name] = {r.get('doc') or r.get('metadata', {}).get('doc') for r in rows}
    return docs

def _doc_outputs(out:Path, doc:str) -> list[Path]:
    cands = [out/'out'/doc, out/'chunks'/doc, out/'summaries'/f'{doc}_summary.json', out/'summaries'/'chunks'/doc, out/'qa'/doc]
    return [p for p in cands if p.exists()]

def test_withdrawn_document_leaves_every_output_and_the_datasets(tmp_path):
    """A file deleted from the input, then a re-run: its outputs leave out/, chunks/, summaries/, qa/ and every dataset
    file, the manifests forget it, and the run summary lists it. In trash mode they move to a dated trash folder."""
    inp, out = quick_input(tmp_path), tmp_path/'data'
    r = docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet')
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert len(_doc_outputs(out, 'safety_notice')) == 5 and 'safety_notice' in _dataset_docs(out)['openai_instruct.metadata.jsonl']
    (inp/'safety_notice.txt').unlink()
    r = docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet')
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert _doc_outputs(out, 'safety_notice') == []
    assert all('safety_notice' not in d for d in _dataset_docs(out).values()), _dataset_docs(out)
    for m in ('out', 'chunks', 'summaries', 'qa'):
        assert not [k for k in json.loads((out/m/'.manifest.json').read_text())['docs'] if k.split('#')[0] == 'safety_notice']
    summary = json.loads((out/'runs'/'last_run.json').read_text())
    assert [w['doc'] for w in summary['withdrawn']] == ['safety_notice'] and summary['withdrawn'][0]['action'] == 'removed'
    assert 'WITHDRAWN safety_notice' in r.stdout
    assert len(_dataset_docs(out)['openai_instruct.metadata.jsonl']) == len(QUICK) - 1
    # trash mode: moved, not deleted
    (inp/'spare_parts.csv').unlink()
    r = docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet', '--set', 'run.withdrawn=trash')
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert _doc_outputs(out, 'spare_parts') == [] and all('spare_parts' not in d for d in _dataset_docs(out).values())
    trash = [p for p in (out/'trash').iterdir() if p.is_dir()]
    assert len(trash) == 1 and (trash[0]/'out'/'spare_parts'/'raw.json').is_file() and (trash[0]/'qa'/'spare_parts').is_dir()
    assert 'spare_parts' in (trash[0]/'dataset'/'openai_instruct.jsonl').read_text()
    summary = json.loads((out/'runs'/'last_run.json').read_text())
    assert [(w['doc'], w['action']) for w in summary['withdrawn']] == [('spare_parts', 'moved to trash')]
    # an unchanged re-run withdraws nothing and the trash is not read as input
    r = docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet')
    assert r.returncode == 0 and json.loads((out/'runs'/'last_run.json').read_text())['withdrawn'] == []

FORMULAS = ['=HYPERLINK("http://evil.example/?x","click")', "=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(A1:A9)', '\t=1+1']

def test_csv_exports_neutralise_formulas_but_text_keeps_them(tmp_path):
    """A CSV input and a Markdown table with formula cells (OWASP's list, a tab before `=`): table_N.csv cells get a
    leading apostrophe (plain negative numbers do not), text.raw.md and text.txt keep the cells as written; off with ''."""
    inp = tmp_path/'in'; inp.mkdir()
    with open(inp/'parts.csv', 'w', newline='') as f:
        import csv
        w = csv.writer(f); w.writerow(['part', 'note', 'delta']); w.writerows([[f'P-{i}', v, f'-{i}'] for i, v in enumerate(FORMULAS)])
    (inp/'sheet.md').write_text('# Parts\n\n| part | note |\n|---|---|\n| P-1 | =1+2 |\n| P-2 | @A1 |\n')
    out = tmp_path/'data'
    r = docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet', '--stages', 'ingest')
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    import csv
    rows = list(csv.reader((out/'out'/'parts'/'table_1.csv').open(newline='')))
    assert [r[1] for r in rows[1:]] == ["'" + v.strip() for v in FORMULAS], rows
    assert [r[2] for r in rows[1:]] == [f'-{i}' for i in range(len(FORMULAS))]    # numbers stay numbers
    assert not any(c.startswith(('=', '+', '@', '\t', '\r')) for r in rows for c in r)
    md = (out/'out'/'parts'/'text.raw.md').read_text()
    assert '| =cmd\\|\' /C calc\'!A0 |' in md and '=HYPERLINK(' in md and "'=" not in md
    rows = list(csv.reader((out/'out'/'sheet'/'table_1.csv').open(newline='')))
    assert rows[1:] == [['P-1', "'=1+2"], ['P-2', "'@A1"]]
    out2 = tmp_path/'data2'
    r = docproc('run', '--input', inp, '--out', out2, '--backend', 'offline', '--quiet', '--stages', 'ingest', '--set', 'ingest.csv_formula_prefix=')
    assert r.returncode == 0 and list(csv.reader((out2/'out'/'sheet'/'table_1.csv').open(newline='')))[1] == ['P-1', '=1+2']

def _key_fragments(text:str, key:str, n:int=8) -> list[str]:
    "Every run of `n` or more characters of `key` that `text` shows."
    return [key[i:i+n] for i in range(len(key) - n + 1) if key[i:i+n] in text]

def test_check_masks_keys_an_endpoint_echoes_even_when_cut(tmp_path):
    """An LLM endpoint and an Azure DI endpoint that echo the key back many times at shifting offsets, so one copy always
    straddles the 300-character cut of the detail: `docproc check` shows no 8-character piece of either key."""
    key = 'sk-or-v1-ECHOKEY0123456789abcdefghijklmnopq'   # 45 characters
    echo = ' '.join('.' * i + key for i in range(12))
    with LLMServer(handler=lambda body: Reply(status=401, content=None, raw=json.dumps({'error': {'message': echo}}).encode())) as srv:
        r = docproc('check', '--set', 'llm.backend=openai', '--set', f'llm.base_url={srv.base_url}', env={'OPENROUTER_API_KEY': key})
    line = next(l for l in r.stdout.splitlines() if 'LLM openai/gpt-5' in l)
    assert line.startswith('FAIL') and 'HTTP 401' in line and '***' in line, line
    assert not _key_fragments(r.stdout + r.stderr, key), (_key_fragments(r.stdout + r.stderr, key), line)
    sys.path.insert(0, str(ROOT/'tests'))
    from test_check import InfoTransport
    from docproc.core import load_config, Secrets
    from docproc.pipeline import check_azure
    az = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6'
    t = InfoTransport(401, {'error': {'code': '401', 'message': ' '.join('.' * i + az for i in range(12))}})
    [(what, ok, detail)] = check_azure(load_config(None, root=tmp_path), timeout=5, transport=t,
                                       secrets=Secrets(AZURE_DI_ENDPOINT='https://x.cognitiveservices.azure.com/', AZURE_DI_KEY=az))
    assert not ok and '***' in detail and not _key_fragments(detail, az), detail

def _path_past_path_max(folder:Path) -> None:
    "Nested folders (and a file at the bottom) whose full path is longer than PATH_MAX, built with dir_fd."
    fd = os.open(folder, os.O_RDONLY)
    for _ in range(20):
        os.mkdir('d' * 250, dir_fd=fd); nfd = os.open('d' * 250, os.O_RDONLY, dir_fd=fd); os.close(fd); fd = nfd
    with open(os.open('deep.txt', os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), 'w') as f: f.write('Pump P-1 deep.\n')
    os.close(fd)

def test_bad_paths_and_special_files_are_reported_and_the_rest_ingested(tmp_path, monkeypatch):
    """A path longer than PATH_MAX, a named pipe, a socket, a device file (where the system allows one), a link to a
    folder, an unreadable folder: stage 01 ingests the good documents (exit 0), lists each of those in `skipped_files`
    with its reason, and never blocks on the pipe."""
    import socket, stat as st
    inp = quick_input(tmp_path)
    _path_past_path_max(inp)
    os.mkfifo(inp/'pipe.txt')
    monkeypatch.chdir(inp); sock = socket.socket(socket.AF_UNIX); sock.bind('sock.txt')   # AF_UNIX paths are short
    try: os.mknod(inp/'dev.txt', st.S_IFCHR | 0o600, os.makedev(1, 3)); dev = True
    except OSError: dev = False
    (tmp_path/'elsewhere').mkdir(); (tmp_path/'elsewhere'/'x.md').write_text('# x\n\nValve V-9.\n')
    (inp/'linked').symlink_to(tmp_path/'elsewhere', target_is_directory=True)
    out = tmp_path/'data'
    try:
        r = docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet', '--stages', 'ingest', timeout=120)
    finally:
        sock.close(); shutil.rmtree(inp/('d' * 250))
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    summary = json.loads((out/'runs'/'last_run.json').read_text())
    ing = summary['stages'][0]
    assert ing['counts']['ok'] == len(QUICK), ing['counts']
    left = {f['file'].split('/')[0]: f['reason'] for f in ing['stats']['skipped_files']}
    assert 'named pipe' in left['pipe.txt'] and 'socket' in left['sock.txt'] and 'link to a folder' in left['linked'], left
    assert not dev or 'device file' in left['dev.txt'], left
    assert 'File name too long' in left['d' * 250], left
    assert 'LEFT OUT pipe.txt' in r.stdout

def test_duplicate_json_keys_mislabelled_docx_and_lying_page_count_say_so(tmp_path):
    """JSON with a repeated key: ingested, with a warning naming the key. A DOCX named .pdf: "this is a Word document
    (DOCX) named .pdf; rename it …", not "ZIP data". A PDF whose page tree claims 9 pages for 1: a message that says so."""
    sys.path.insert(0, str(ROOT/'tools'))
    from make_bad_corpus import pdf_bytes
    inp = tmp_path/'in'; inp.mkdir()
    (inp/'pump.json').write_text('{"pump": "P-101A", "pressure": "16 bar", "pressure": "10 bar", "flow": {"max": 1, "max": 2}}')
    shutil.copy(SAMPLES/'commissioning_procedure.docx', inp/'procedure.pdf')
    (inp/'lying.pdf').write_bytes(pdf_bytes(b'Pump P-101A is rated to 16 bar.').replace(b'/Count 1', b'/Count 9'))
    out = tmp_path/'data'
    r = docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet', '--stages', 'ingest')
    assert r.returncode == 1, r.stdout[-3000:] + r.stderr[-3000:]
    ing = json.loads((out/'runs'/'last_run.json').read_text())['stages'][0]
    docs = {d['doc']: d for d in ing['docs']}
    assert docs['pump']['status'] == 'ok' and any("'pressure'" in w and "'max'" in w and 'last value' in w for w in docs['pump']['warnings']), docs['pump']
    assert 'this is a Word document (DOCX) named .pdf; rename it to procedure.docx' in docs['procedure']['error'], docs['procedure']
    assert 'ZIP data' not in docs['procedure']['error']
    assert 'says it has 9 pages but only 1 can be read' in docs['lying']['error'], docs['lying']

def test_second_run_on_a_locked_output_folder_stops_or_waits_and_never_sweeps_live_work(tmp_path):
    """While another process holds the output folders' locks (as a running `docproc run` does): a second run exits 2 with a
    message naming the folder and deletes none of the first run's live temp files, and a stage's own start-up sweep skips
    the folder; with `run.lock_wait_s` the second run waits for the lock and then runs."""
    from docproc.run_lock import folder_locks
    inp, out = quick_input(tmp_path), tmp_path/'data'
    live = out/'chunks'/'.guide.abc123.tmp'; live.mkdir(parents=True); (live/'chunk_001.txt').write_text('in progress')
    folders = [out/k for k in ('out', 'chunks', 'summaries', 'qa', 'dataset', 'runs')]
    with folder_locks(folders):
        r = docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet', timeout=60)
        assert r.returncode == 2, r.stdout[-3000:] + r.stderr[-3000:]
        assert 'another docproc run is working in' in r.stderr and 'Traceback' not in r.stderr, r.stderr
        assert (live/'chunk_001.txt').is_file()
        code = f'from docproc.core import clean_stale_temps; print(clean_stale_temps({str(out/"chunks")!r}))'
        swept = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, timeout=60)
        assert swept.stdout.strip() == '0' and (live/'chunk_001.txt').is_file(), swept.stdout + swept.stderr
        p = subprocess.Popen([*CLI, 'run', '--input', str(inp), '--out', str(out), '--backend', 'offline', '--quiet',
                              '--set', 'run.lock_wait_s=120'], env={**os.environ, 'DOCPROC_CONFIG': str(CONFIG), 'OPENROUTER_API_KEY': ''},
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(3)
        assert p.poll() is None          # waiting for the lock
    so, se = p.communicate(timeout=240)
    assert p.returncode == 0, so[-3000:] + se[-3000:]
    assert not live.exists()             # swept once no run held the folder: it was an interrupted run's leftover
    assert len(json.loads((out/'runs'/'last_run.json').read_text())['stages'][0]['docs']) == len(QUICK)

def test_short_shift_jis_and_bomless_utf16_decode_and_weak_guesses_warn(tmp_path):
    """A 100-byte Shift-JIS note decodes to the right Japanese text (not mojibake); UTF-16LE without a BOM is text, not
    "binary"; a short file whose encoding cannot be told is ingested with a low-confidence warning in the run summary."""
    inp = tmp_path/'in'; inp.mkdir()
    ja = 'ポンプP-101Aの定格圧力は16 barです。点検は毎月行ってください。\n安全弁V-20を確認すること。\n'
    (inp/'notice_ja.txt').write_bytes(ja.encode('shift_jis'))
    (inp/'notice_u16.txt').write_bytes('Pump P-101A is rated to 16 bar at 45 °C.\n'.encode('utf-16-le'))
    (inp/'notice_ru.txt').write_bytes('Насос P-101A: 16 бар.\n'.encode('cp1251'))
    out = tmp_path/'data'
    r = docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet', '--stages', 'ingest')
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert (out/'out'/'notice_ja'/'text.txt').read_text().strip() == ja.strip()
    assert 'rated to 16 bar at 45 °C' in (out/'out'/'notice_u16'/'text.txt').read_text()
    docs = {d['doc']: d for d in json.loads((out/'runs'/'last_run.json').read_text())['stages'][0]['docs']}
    assert not any('low-confidence' in w for w in docs['notice_ja']['warnings'] + docs['notice_u16']['warnings']), docs
    assert any('low-confidence encoding guess' in w for w in docs['notice_ru']['warnings']), docs['notice_ru']

def test_pipe_table_over_the_hard_cap_becomes_row_groups_with_the_header(tmp_path):
    """A 20,000-row Markdown pipe table (the 5 MB table of issue 19, scaled down): before the hard cap it was one
    ~250,000-token chunk that stalled stage 04; now every chunk is a row group within max_size, each repeating the
    header, every row exactly once."""
    inp = tmp_path/'in'; inp.mkdir()
    rows = [f'| P-{i:05d} | {i % 97} bar | seal kit SK-{i % 13} |' for i in range(20_000)]
    (inp/'parts.md').write_text('# Parts\n\n| part | pressure | kit |\n|---|---|---|\n' + '\n'.join(rows) + '\n')
    out = tmp_path/'data'
    r = docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet', '--stages', 'ingest,chunk', timeout=300)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    recs = [json.loads(l) for l in (out/'chunks'/'parts'/'chunks.jsonl').read_text().splitlines()]
    assert len(recs) > 100 and max(c['tokens'] for c in recs) <= 600, max(c['tokens'] for c in recs)
    texts = [(out/'chunks'/'parts'/c['file']).read_text() for c in recs]
    assert all('| part | pressure | kit |\n|---|---|---|\n' in t for t in texts if '| P-' in t)
    got = [l for t in texts for l in t.splitlines() if l.startswith('| P-')]
    assert got == rows

def test_one_line_of_16mb_is_split_in_linear_time():
    """A 16 MB text on one line (600,000 sentences, no newline): sentence splitting used to look back to the line start
    for every sentence (quadratic: ~4 minutes here, the 50 MB file 20-30 minutes in stage 02). A hang guard, not a
    timing threshold: it finishes well inside the subprocess timeout (about 7 s on 2 cores)."""
    code = ("from docproc.text import sentence_spans\n"
            "t = 'Pump P-101A is rated to 16 bar. Check the seal weekly. ' * 300_000\n"
            "assert len(sentence_spans(t)) == 600_000\n")
    subprocess.run([sys.executable, '-c', code], check=True, timeout=90, env={**os.environ})

STUCK_HOOK = '''import os
if os.environ.get('DOCPROC_TEST_STUCK'):   # test hook: chunking this document never ends (a pure-Python loop)
    import docproc.chunk as _c
    _orig = _c.chunk_markdown
    def chunk_markdown(md, cfg=None, doc='doc', **kw):
        if doc == os.environ['DOCPROC_TEST_STUCK']:
            while True: pass
        return _orig(md, cfg, doc=doc, **kw)
    _c.chunk_markdown = chunk_markdown
'''

def stuck_env(tmp:Path, doc:str) -> dict:
    "Environment for a docproc subprocess in which stage 02 loops forever on `doc` (via a sitecustomize hook)."
    hook = tmp/'hook'; hook.mkdir(exist_ok=True); (hook/'sitecustomize.py').write_text(STUCK_HOOK)
    return {'PYTHONPATH': os.pathsep.join([str(hook), os.environ.get('PYTHONPATH', ''), str(ROOT)]), 'DOCPROC_TEST_STUCK': doc}

def test_document_past_its_time_budget_fails_and_the_rest_go_on(tmp_path):
    """A document whose chunking never ends (a pure-Python infinite loop, which no thread can be stopped from): with
    `run.doc_timeout_s=5` its worker process is killed, it fails with a reason naming the budget, and every other
    document is chunked (stage 02 runs documents in parallel worker processes)."""
    inp = quick_input(tmp_path); (inp/'stuck.md').write_text('# Stuck\n\nPump P-1 is rated to 16 bar.\n')
    out = tmp_path/'data'
    r = docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet', '--stages', 'ingest,chunk',
                '--set', 'run.doc_timeout_s=5', env=stuck_env(tmp_path, 'stuck'), timeout=300)
    assert r.returncode == 1, r.stdout[-3000:] + r.stderr[-3000:]
    failed = failures(out)
    assert list(failed) == ['stuck'] and 'time budget of 5 s' in failed['stuck'], failed
    assert all((out/'chunks'/Path(f).stem/'chunks.jsonl').is_file() for f in QUICK)
    assert 'FAILED chunk/stuck' in r.stdout

def _alive(pid:int) -> bool:
    "Is process `pid` running (a zombie waiting to be reaped counts as gone)?"
    try: return Path(f'/proc/{pid}/stat').read_text().rsplit(')', 1)[-1].split()[0] != 'Z'
    except (FileNotFoundError, ProcessLookupError): return False

def _children(pid:int) -> list[int]:
    "The processes whose parent is `pid` (from /proc)."
    kids = []
    for st in Path('/proc').glob('[0-9]*/stat'):
        try: fields = st.read_text().rsplit(')', 1)[-1].split()
        except OSError: continue
        if int(fields[1]) == pid: kids.append(int(st.parent.name))
    return kids

def test_kill_9_of_the_run_takes_its_busy_worker_and_frees_the_lock(tmp_path):
    """kill -9 of a run (the parent only) while its forked worker is busy on a document: the worker goes too, and a new
    run on the same output folder gets the lock at once (run.lock_wait_s=0) and finishes. Before, the worker sat in its
    own process group, lived on, kept its inherited copy of the folder lock's descriptor, and the re-run found the folder
    busy (exit 2), which is how the kill -9 test failed once in CI."""
    inp = quick_input(tmp_path); (inp/'stuck.md').write_text('# Stuck\n\nPump P-1 is rated to 16 bar.\n')
    out, env = tmp_path/'data', stuck_env(tmp_path, 'stuck')
    p = subprocess.Popen([*CLI, 'run', '--input', str(inp), '--out', str(out), '--backend', 'offline', '--quiet',
                          '--stages', 'ingest,chunk'], env={**os.environ, 'DOCPROC_CONFIG': str(CONFIG), **env},
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers = []
    try:
        for _ in range(1200):    # hang guard: wait until stage 02 runs the stuck document in a worker
            kids = _children(p.pid)
            if kids and (out/'chunks').is_dir() and len(list((out/'chunks').iterdir())) >= len(QUICK):
                workers = kids; break
            time.sleep(0.1)
        assert workers, 'stage 02 never reached the stuck document'
        os.kill(p.pid, signal.SIGKILL); p.wait()
        for _ in range(300):     # hang guard: the kernel kills the workers as their parent dies
            if not any(map(_alive, workers)): break
            time.sleep(0.1)
        assert not any(map(_alive, workers)), f'workers {workers} outlived the killed run'
        r = docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet', '--stages', 'ingest',
                    timeout=120)
        assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    finally:
        for w in workers:
            if _alive(w): os.kill(w, signal.SIGKILL)

STUCK_LATE_HOOK = '''import os
if os.environ.get('DOCPROC_TEST_STUCK_LATE'):   # test hook: stage 03 or 04 never ends on one document (pure Python)
    doc, stage = os.environ['DOCPROC_TEST_STUCK_LATE'].split(':')
    if stage == 'summarize':
        import docproc.summarize as _s
        _orig = _s._summarize_doc
        async def _summarize_doc(cfg, llm, d, *a):
            while d == doc: pass
            return await _orig(cfg, llm, d, *a)
        _s._summarize_doc = _summarize_doc
    else:
        import docproc.qa as _q
        _orig = _q.generate_doc
        def generate_doc(d, *a, **kw):
            while d == doc: pass
            return _orig(d, *a, **kw)
        _q.generate_doc = generate_doc
'''

@pytest.mark.parametrize('stage', ['summarize', 'qa'])
def test_stage_03_04_document_past_its_budget_fails_and_good_ones_finish(tmp_path, stage):
    """Stages 03 and 04 (issue 19): a document queued first whose summary or QA never ends (a pure-Python loop, as the
    5 MB table's 4,009 chunks were in practice: one QA round over them ran for 18 minutes, and the budget was only
    checked between rounds). With `run.doc_timeout_s=5` its worker is killed, it fails naming the budget, and every good
    document gets its summary and QA pairs. Before, stage 03 had no budget and stage 04 ran documents one at a time in
    this process: the run never ended (the subprocess timeout is a hang guard)."""
    inp = quick_input(tmp_path); (inp/'a_stuck.md').write_text('# Stuck\n\nPump P-1 is rated to 16 bar.\n')
    hook = tmp_path/'hook'; hook.mkdir(); (hook/'sitecustomize.py').write_text(STUCK_LATE_HOOK)
    env = {'PYTHONPATH': os.pathsep.join([str(hook), os.environ.get('PYTHONPATH', ''), str(ROOT)]),
           'DOCPROC_TEST_STUCK_LATE': f'a_stuck:{stage}'}
    out = tmp_path/'data'
    r = docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet',
                '--stages', 'ingest,chunk,summarize,qa', '--set', 'run.doc_timeout_s=5', '--set', 'run.workers=2',
                env=env, timeout=300)
    assert r.returncode == 1, r.stdout[-3000:] + r.stderr[-3000:]
    st = {s['stage']: s for s in json.loads((out/'runs'/'last_run.json').read_text())['stages']}
    failed = {d['doc']: d['error'] for d in st[stage]['docs'] if d['status'] == 'failed'}
    assert list(failed) == ['a_stuck'] and 'time budget of 5 s' in failed['a_stuck'], failed
    assert f'FAILED {stage}/a_stuck' in r.stdout
    good = [Path(f).stem for f in QUICK]
    assert all((out/'summaries'/f'{d}_summary.json').is_file() for d in good)
    assert all(json.loads((out/'qa'/d/'qa_metadata.json').read_text())['pairs']['kept'] > 0 for d in good)

def test_ctrl_c_prints_one_line_exits_130_and_writes_the_summary(tmp_path):
    """Ctrl-C (SIGINT) while stage 02 is stuck on one document: one line saying the run was interrupted and how to
    resume, exit 130, no traceback, and the run summary and report written for what finished; a re-run resumes."""
    inp = quick_input(tmp_path); (inp/'stuck.md').write_text('# Stuck\n\nPump P-1 is rated to 16 bar.\n')
    out = tmp_path/'data'
    env = {**os.environ, 'DOCPROC_CONFIG': str(CONFIG), 'OPENROUTER_API_KEY': '', **stuck_env(tmp_path, 'stuck')}
    p = subprocess.Popen([*CLI, 'run', '--input', str(inp), '--out', str(out), '--backend', 'offline', '--quiet'], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        t = time.monotonic()
        while not all((out/'chunks'/Path(f).stem/'chunks.jsonl').is_file() for f in QUICK):
            assert p.poll() is None and time.monotonic() - t < 180, 'the run ended or never chunked the other documents'
            time.sleep(0.3)
        time.sleep(0.5)
        p.send_signal(signal.SIGINT)
        so, se = p.communicate(timeout=60)
    finally:
        if p.poll() is None: p.kill()
    assert p.returncode == 130, (p.returncode, so[-2000:], se[-3000:])
    assert 'Traceback' not in se and 'KeyboardInterrupt' not in se, se[-3000:]
    lines = [l for l in se.splitlines() if 'interrupted' in l]
    assert len(lines) == 1 and 'during stage chunk' in lines[0] and 'again to resume' in lines[0], se[-3000:]
    summary = json.loads((out/'runs'/'last_run.json').read_text())
    assert summary['interrupted'] == 'chunk' and [s['stage'] for s in summary['stages']] == ['ingest', 'chunk']
    assert summary['stages'][0]['counts']['ok'] == len(QUICK) + 1 and summary['stages'][1]['counts']['ok'] == len(QUICK)
    assert (out/'report.html').is_file()
    r = docproc('run', '--input', inp, '--out', out, '--backend', 'offline', '--quiet')   # resume, without the hook
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    s = json.loads((out/'runs'/'last_run.json').read_text())['stages']
    assert s[0]['counts']['skipped'] == len(QUICK) + 1 and s[1]['counts'] == {'ok': 1, 'skipped': len(QUICK), 'failed': 0}
