"The LLM layer's openai path against a real local HTTP server reached by the real `openai` SDK."
import asyncio, json, logging, io
from pathlib import Path
import pytest
from pydantic import BaseModel
from docproc.core import load_config, Secrets
from docproc.llm import get_llm, LLM, Usage, LLMResult, beautify_markdown
from llm_server import LLMServer, Reply, llm_server
from conftest import ROOT

KEY = 'sk-test-SECRET-0123456789abcdef'

class Fig(BaseModel):
    value: str
    unit: str

class Answer(BaseModel):
    summary: str
    figures: list[Fig]

GOOD = {'summary': 'Pump P-101A runs at 16 bar.', 'figures': [{'value': '16', 'unit': 'bar'}]}
MSGS = [{'role': 'system', 'content': 'Summarise.'}, {'role': 'user', 'content': 'Pump P-101A runs at 16 bar.'}]

def make_llm(project, srv, **over) -> LLM:
    o = {'llm.backend': 'openai', 'llm.base_url': srv.base_url, 'llm.models': {'summarize': 'test-model', 'qa': 'test-model'},
         'llm.prices': {'test-model': {'input': 1.0, 'output': 10.0}}, 'llm.timeout_s': 0.5, 'llm.max_retries': 2,
         'llm.retry_base_s': 0.01, 'llm.retry_max_s': 2.0, 'llm.concurrency': 4}
    o.update(over)
    cfg = load_config(project/'config'/'config.json', o)
    return get_llm(cfg, stage='summarize', secrets=Secrets(OPENROUTER_API_KEY=KEY))

def ask(llm, msgs=MSGS, **kw) -> LLMResult: return llm.complete('summarize_chunk', msgs, Answer, **kw)

def test_valid_json_strict_schema_and_usage(project, llm_server):
    llm_server.push(Reply.json(GOOD, prompt_tokens=1000, completion_tokens=100))
    llm = make_llm(project, llm_server)
    r = ask(llm)
    assert r.ok and r.error is None and r.value == Answer(**GOOD) and r.attempts == 1 and not r.cached
    assert (r.backend, r.model) == ('openai', 'test-model')
    assert r.usage.prompt_tokens == 1000 and r.usage.completion_tokens == 100 and r.usage.calls == 1
    assert r.usage.cost_usd == pytest.approx((1000 * 1.0 + 100 * 10.0) / 1e6)
    assert llm.usage['summarize'].calls == 1
    body = llm_server.requests[0]
    assert body['model'] == 'test-model' and body['messages'] == MSGS
    rf = body['response_format']
    assert rf['type'] == 'json_schema' and rf['json_schema']['strict'] is True
    assert rf['json_schema']['schema']['required'] == ['summary', 'figures']
    assert llm_server.auth[0] == f'Bearer {KEY}'   # the key reaches the server, and only there

def test_json_object_mode_puts_schema_in_system_message(project, llm_server):
    llm_server.push(Reply.json(GOOD))
    r = ask(make_llm(project, llm_server, **{'llm.structured_output': 'json_object'}))
    assert r.ok
    body = llm_server.requests[0]
    assert body['response_format'] == {'type': 'json_object'}
    assert body['messages'][0]['role'] == 'system' and '"summary"' in body['messages'][0]['content']

def test_429_honours_retry_after(project, llm_server):
    llm_server.push(Reply.error(429, retry_after=1.5), Reply.json(GOOD))
    llm = make_llm(project, llm_server)
    waits = []
    async def record(s): waits.append(s)
    llm.backend.sleep = record
    r = ask(llm)
    assert r.ok and llm_server.calls == 2 and waits == [1.5]

def test_500_retried_then_ok(project, llm_server):
    llm_server.push(Reply.error(500), Reply.error(503), Reply.json(GOOD))
    r = ask(make_llm(project, llm_server))
    assert r.ok and llm_server.calls == 3

def test_500_forever_is_a_counted_rejection(project, llm_server):
    llm_server.handler = lambda body: Reply.error(500)
    llm = make_llm(project, llm_server)
    r = ask(llm)
    assert not r.ok and r.error == 'http_500' and r.value is None
    assert llm_server.calls == 3                    # 1 + max_retries
    assert llm.usage['summarize'].rejected == 1 and llm.usage['summarize'].errors == {'http_500': 1}

def test_timeout_is_retried_then_rejected(project, llm_server):
    llm_server.handler = lambda body: Reply.sleep(1.5, Reply.json(GOOD))
    llm = make_llm(project, llm_server, **{'llm.timeout_s': 0.3, 'llm.max_retries': 1})
    r = ask(llm)
    assert not r.ok and r.error == 'timeout' and llm_server.calls == 2

def test_connection_reset_is_retried(project, llm_server):
    llm_server.push(Reply.reset(), Reply.json(GOOD))
    r = ask(make_llm(project, llm_server))
    assert r.ok and llm_server.calls == 2

@pytest.mark.parametrize('bad,reason', [
    (Reply.text('{"summary": "Pump runs at 16 bar", "figures": ['), 'invalid_json'),
    (Reply.json({'summary': 3, 'figures': 'none'}), 'schema_invalid'),
    (Reply.text('{"summary": "Pump runs', finish_reason='length'), 'truncated'),
])
def test_bad_answer_repaired_once(project, llm_server, bad, reason):
    llm_server.push(bad, Reply.json(GOOD))
    r = ask(make_llm(project, llm_server))
    assert r.ok and r.attempts == 2 and llm_server.calls == 2
    repair = llm_server.requests[1]['messages']
    assert repair[:2] == MSGS and repair[-2]['role'] == 'assistant' and 'rejected' in repair[-1]['content']

@pytest.mark.parametrize('bad,reason', [
    (Reply.text('Sure! Here is the summary: the pump runs at 16 bar.'), 'invalid_json'),
    (Reply.json({'summary': 'x', 'figures': [{'value': 16}]}), 'schema_invalid'),
    (Reply.text('{"summary": "Pump runs', finish_reason='length'), 'truncated'),
])
def test_bad_answer_twice_is_a_counted_rejection(project, llm_server, bad, reason):
    llm_server.handler = lambda body: bad
    llm = make_llm(project, llm_server)
    r = ask(llm)
    assert not r.ok and r.error == reason and r.attempts == 2 and llm_server.calls == 2 and r.detail
    assert llm.usage['summarize'].errors == {reason: 1} and llm.usage['summarize'].calls == 2

def test_cache_rerun_makes_zero_calls_and_holds_no_secret(project, llm_server):
    llm_server.handler = lambda body: Reply.json({'summary': body['messages'][-1]['content'], 'figures': []})
    reqs = [dict(task='summarize_chunk', messages=[{'role': 'user', 'content': f'chunk {i}'}], schema=Answer) for i in range(6)]
    first = make_llm(project, llm_server).complete_many(reqs)
    assert all(r.ok for r in first) and llm_server.calls == 6
    llm2 = make_llm(project, llm_server)                # a fresh client, as in a new process
    again = llm2.complete_many(reqs)
    assert llm_server.calls == 6 and all(r.ok and r.cached for r in again)
    assert [r.value for r in again] == [r.value for r in first]
    assert llm2.usage['summarize'].cached_calls == 6 and llm2.usage['summarize'].calls == 0
    files = list((project/'data'/'cache'/'llm').rglob('*.json'))
    assert len(files) == 6 and not any(KEY in f.read_text() for f in files)
    # a changed parameter is a different request
    make_llm(project, llm_server).complete_many([dict(reqs[0], temperature=0.9)])
    assert llm_server.calls == 7

def test_budget_cap_stops_cleanly(project, llm_server):
    llm_server.handler = lambda body: Reply.json(GOOD, prompt_tokens=10_000, completion_tokens=1000)  # 0.02 USD each
    llm = make_llm(project, llm_server, **{'llm.budget_usd': 0.03, 'llm.concurrency': 1})
    rs = llm.complete_many([dict(task='t', messages=[{'role': 'user', 'content': str(i)}], schema=Answer) for i in range(5)])
    assert [r.ok for r in rs] == [True, True, False, False, False]
    assert {r.error for r in rs[2:]} == {'budget_exceeded'} and llm_server.calls == 2
    assert llm.usage['summarize'].cost_usd == pytest.approx(0.04)

def test_secret_never_in_results_or_logs(project, llm_server):
    "A server that echoes the Authorization header in its error message: the key is masked everywhere."
    llm_server.handler = lambda body: Reply(status=401, raw=json.dumps({'error': {'message': f'bad key {llm_server.auth[-1]}'}}).encode())
    buf = io.StringIO(); h = logging.StreamHandler(buf); lg = logging.getLogger('docproc')
    from docproc.core import SecretFilter
    h.addFilter(SecretFilter()); lg.addHandler(h)
    try: r = ask(make_llm(project, llm_server))
    finally: lg.removeHandler(h)
    assert not r.ok and r.error == 'http_401' and llm_server.calls == 1   # 401 is not retried
    assert KEY not in r.model_dump_json() and KEY not in buf.getvalue() and '***' in r.detail

def test_concurrency_is_bounded(project, llm_server):
    llm_server.latency = 0.05
    llm_server.handler = lambda body: Reply.json(GOOD)
    llm = make_llm(project, llm_server, **{'llm.concurrency': 3, 'llm.cache': False})
    rs = llm.complete_many([dict(task='t', messages=[{'role': 'user', 'content': str(i)}], schema=Answer) for i in range(12)])
    assert all(r.ok for r in rs) and llm_server.calls == 12 and llm_server.max_inflight == 3

def test_complete_inside_running_loop(project, llm_server):
    "As in Jupyter: a sync call from code that runs inside an event loop."
    llm_server.handler = lambda body: Reply.json(GOOD)
    llm = make_llm(project, llm_server)
    async def cell(): return ask(llm)
    assert asyncio.run(cell()).ok

def test_beautify_keeps_facts(project, llm_server):
    raw = 'Pump  P-101A\n\nruns at 16 bar.\n'
    llm_server.push(Reply.json({'markdown': '# Pump P-101A\n\nruns at 18 bar.\n'}))   # a changed fact: rejected
    assert beautify_markdown(make_llm(project, llm_server), raw) == raw
    llm_server.push(Reply.json({'markdown': '# Pump P-101A\n\nRuns at 16 bar.\n'}))
    assert beautify_markdown(make_llm(project, llm_server, **{'llm.cache': False}), raw) == '# Pump P-101A\n\nRuns at 16 bar.\n'

def test_auto_picks_openai_when_key_is_set_and_says_so_once(project, llm_server, monkeypatch):
    from docproc.core import SecretFilter
    import docproc.llm as L
    monkeypatch.setenv('OPENROUTER_API_KEY', KEY)
    monkeypatch.setattr(L, '_NOTICED', set())
    buf = io.StringIO(); h = logging.StreamHandler(buf); h.addFilter(SecretFilter()); lg = logging.getLogger('docproc')
    lg.addHandler(h)
    try:
        cfg = load_config(project/'config'/'config.json', {'llm.base_url': llm_server.base_url})
        assert cfg.llm.backend == 'auto'
        llms = [get_llm(cfg, 'summarize', secrets=None) for _ in range(2)]   # key read from the environment
    finally: lg.removeHandler(h)
    assert all(l.backend_name == 'openai' for l in llms)
    assert buf.getvalue().count('LLM backend: openai-compatible') == 1 and KEY not in buf.getvalue()
    monkeypatch.delenv('OPENROUTER_API_KEY')
    assert get_llm(cfg, secrets=Secrets()).backend_name == 'offline'
