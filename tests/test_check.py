"`docproc check`: one tiny live call to the configured LLM endpoint (scripted server) and to Azure DI (fake SDK transport); keys masked."
import json
import pytest
from conftest import ROOT
from llm_server import LLMServer, Reply, llm_server
from test_pipeline import docproc
from docproc.core import load_config, Secrets
from docproc.pipeline import check_llm, check_azure
from docproc.ingest import ReplayTransport

KEY = 'sk-or-v1-CHECKFAKEKEY0123456789abcdef'
AZ_KEY = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6'

def test_check_calls_llm_once_per_model_and_masks_key(llm_server):
    r = docproc('check', '--set', 'llm.backend=openai', '--set', f'llm.base_url={llm_server.base_url}',
                '--set', 'llm.models={"summarize": "m-a", "qa": "m-b", "judge": "m-a"}', env={'OPENROUTER_API_KEY': KEY})
    assert r.returncode == 0, r.stdout + r.stderr
    assert f'ok   LLM m-a at {llm_server.base_url}: answered in' in r.stdout and 'LLM m-b' in r.stdout, r.stdout
    assert sorted(q['model'] for q in llm_server.requests) == ['m-a', 'm-b'] and all(q['max_tokens'] == 1 for q in llm_server.requests)
    assert llm_server.auth == [f'Bearer {KEY}'] * 2            # the key was sent ...
    assert KEY not in r.stdout + r.stderr                       # ... and never shown

def test_check_reports_a_failing_llm_endpoint(llm_server):
    llm_server.handler = lambda body: Reply(status=401, content=None, raw=json.dumps({'error': {'message': f'invalid key {KEY}', 'code': 401}}).encode())
    r = docproc('check', '--set', 'llm.backend=openai', '--set', f'llm.base_url={llm_server.base_url}', env={'OPENROUTER_API_KEY': KEY})
    assert r.returncode == 1, r.stdout + r.stderr
    line = next(l for l in r.stdout.splitlines() if 'LLM openai/gpt-5' in l)
    assert line.startswith('FAIL') and 'HTTP 401' in line and 'invalid key ***' in line, line
    assert KEY not in r.stdout + r.stderr
    dead = LLMServer(); url = dead.base_url; dead.httpd.server_close()   # nothing listens there any more
    cfg = load_config(None, overrides={'llm.backend': 'openai', 'llm.base_url': url})
    [(what, ok, detail)] = check_llm(cfg, secrets=Secrets(OPENROUTER_API_KEY=KEY), timeout=5)
    assert not ok and 'cannot connect' in detail, detail

class InfoTransport(ReplayTransport):
    "Answers GET /documentintelligence/info like the service: resource details, or an error status."
    def __init__(self, status=200, body=None):
        super().__init__([]); self.status = status
        self.body = body if body is not None else {'customDocumentModels': {'count': 3, 'limit': 250}}
    def send(self, request, **kw):
        self.requests.append((request.method, request.url))
        if request.method == 'GET' and '/documentintelligence/info' in request.url:
            self.headers = dict(request.headers)
            return self._respond(request, self.status, self.body)
        return self._respond(request, 404, {'error': {'code': 'NotFound', 'message': request.url}})

def azure_secrets(): return Secrets(AZURE_DI_ENDPOINT='https://docproc-test.cognitiveservices.azure.com/', AZURE_DI_KEY=AZ_KEY)

def test_check_azure_resource_details(tmp_path):
    cfg = load_config(None, overrides={'ingest.backend': 'azure'}, root=tmp_path)
    t = InfoTransport()
    [(what, ok, detail)] = check_azure(cfg, secrets=azure_secrets(), transport=t)
    assert ok and 'answered in' in detail and '3 of 250 custom models' in detail, detail
    assert what == 'Azure DI at https://docproc-test.cognitiveservices.azure.com'
    assert [m for m, _ in t.requests] == ['GET'] and t.headers.get('Ocp-Apim-Subscription-Key') == AZ_KEY

def test_check_azure_bad_key_is_reported_masked(tmp_path):
    cfg = load_config(None, root=tmp_path)
    t = InfoTransport(401, {'error': {'code': '401', 'message': f'Access denied due to invalid subscription key {AZ_KEY}.'}})
    [(what, ok, detail)] = check_azure(cfg, secrets=azure_secrets(), transport=t)
    assert not ok and 'HTTP 401' in detail and 'Access denied' in detail and AZ_KEY not in detail, detail
    assert check_azure(cfg, secrets=Secrets()) == []            # not configured, local backend: nothing to check

def test_check_calls_the_models_side_by_side(llm_server):
    "Each model's call waits until the other one has arrived: only calls made side by side both answer."
    import threading
    both = threading.Barrier(2, timeout=20)   # a guard against a hang, not a timing threshold
    def handler(body):
        both.wait(); return Reply(content='OK')
    llm_server.handler = handler
    cfg = load_config(None, overrides={'llm.backend': 'openai', 'llm.base_url': llm_server.base_url,
                                       'llm.models': {'summarize': 'm-a', 'qa': 'm-b', 'judge': 'm-a'}})
    res = check_llm(cfg, secrets=Secrets(OPENROUTER_API_KEY=KEY), timeout=30)
    assert [(w.split(' at ')[0], ok) for w, ok, _ in res] == [('LLM m-a', True), ('LLM m-b', True)], res

def test_offline_check_imports_neither_openai_nor_torch():
    "Offline with no GPU device, `docproc check` has nothing to call: the openai and torch imports (seconds) are skipped."
    import os, subprocess, sys
    from docproc.pipeline import _gpu_devices
    code = ('import sys; from docproc.cli import main; rc = main(["check"]); '
            'print("imported:", sorted(m for m in ("openai", "torch") if m in sys.modules)); sys.exit(rc)')
    env = {**os.environ, 'OPENROUTER_API_KEY': '', 'DOCPROC_CONFIG': str(ROOT/'config'/'config.json')}
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, cwd=ROOT, timeout=300, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert 'ok   LLM endpoint: not called' in r.stdout and 'ok   GPU (CUDA): ' in r.stdout, r.stdout
    assert ("imported: ['torch']" if _gpu_devices() else 'imported: []') in r.stdout, r.stdout
