"Real-model behaviour of the LLM layer: parameters per model family, fail-fast errors, chatty JSON, money and keys."
import json
import pytest
from pydantic import BaseModel
from docproc.core import load_config, Secrets
from docproc.llm import get_llm, LLM, LLMResult
from llm_server import LLMServer, Reply, llm_server, openai_reasoning_rules

KEY = 'sk-test-SECRET-0123456789abcdef'

class Answer(BaseModel):
    summary: str

GOOD = {'summary': 'Pump P-101A runs at 16 bar.'}

def make_llm(project, srv, model='gpt-5', **over) -> LLM:
    o = {'llm.backend': 'openai', 'llm.base_url': srv.base_url, 'llm.models': {'summarize': model, 'qa': model},
         'llm.prices': {model: {'input': 1.0, 'output': 10.0}}, 'llm.timeout_s': 2, 'llm.max_retries': 1,
         'llm.retry_base_s': 0.01, 'llm.concurrency': 1}
    o.update(over)
    cfg = load_config(project/'config'/'config.json', o)
    return get_llm(cfg, stage='summarize', secrets=Secrets(OPENROUTER_API_KEY=KEY))

def ask(llm, i=0, **kw) -> LLMResult:
    return llm.complete('summarize_chunk', [{'role': 'user', 'content': f'Summarise part {i}.'}], Answer, **kw)

def test_gpt5_through_openai_gets_its_parameters(project, llm_server):
    llm_server.handler = lambda body: openai_reasoning_rules(body) or Reply.json(GOOD)
    llm = make_llm(project, llm_server, **{'llm.provider': 'openai'})
    r = ask(llm, max_tokens=1500)
    assert r.ok and llm_server.calls == 1
    body = llm_server.requests[0]
    assert 'temperature' not in body and 'max_tokens' not in body
    assert body['max_completion_tokens'] == 1500 + llm.cfg.llm.reasoning_tokens and body['reasoning_effort'] == 'low'

def test_openrouter_reasoning_effort_require_parameters_and_cost(project, llm_server):
    llm_server.handler = lambda body: Reply.json(GOOD, prompt_tokens=1000, completion_tokens=3000, reasoning_tokens=2500,
                                                 usage_extra={'cost': 0.0123})
    llm = make_llm(project, llm_server, model='openai/gpt-5', **{'llm.provider': 'openrouter', 'llm.reasoning_effort': 'medium'})
    r = ask(llm)
    body = llm_server.requests[0]
    assert body['reasoning'] == {'effort': 'medium'} and body['provider'] == {'require_parameters': True}
    assert 'max_tokens' in body and 'temperature' not in body and body['usage'] == {'include': True}
    assert r.usage.cost_usd == pytest.approx(0.0123)        # the provider's cost, not the price table's
    assert r.usage.reasoning_tokens == 2500 and '2,500' in r.usage._repr_markdown_() and '2,500' in llm.usage._repr_markdown_()
    assert llm.usage['summarize'].reasoning_tokens == 2500

def test_model_override_table(project, llm_server):
    llm_server.handler = lambda body: Reply.json(GOOD)
    llm = make_llm(project, llm_server, model='my-model', **{'llm.model_params': {'my-model': {
        'temperature': 0.0, 'max_tokens': 777, 'structured_output': 'json_object'}}})
    assert ask(llm).ok
    body = llm_server.requests[0]
    assert (body['temperature'], body['max_tokens'], body['response_format']) == (0.0, 777, {'type': 'json_object'})

@pytest.mark.parametrize('reply,needle', [
    (Reply.error(400, message="Unsupported parameter: 'max_tokens' is not supported with this model."), 'llm.model_params["gpt-5"]'),
    (Reply.error(401, message='Incorrect API key provided'), 'OPENROUTER_API_KEY'),
    (Reply.error(403, message='Forbidden'), 'llm.api_key_env'),
    (Reply.error(404, message='The model `gpt-5` does not exist'), 'llm.models'),
])
def test_configuration_errors_stop_at_the_first(project, llm_server, reply, needle):
    llm_server.handler = lambda body: reply
    llm = make_llm(project, llm_server)
    rs = llm.complete_many([dict(task='t', messages=[{'role': 'user', 'content': str(i)}], schema=Answer) for i in range(5)])
    assert llm_server.calls == 1 and not any(r.ok for r in rs)          # one request sent, not five, and no retry
    assert llm.fatal and needle in llm.fatal[1] and all(needle in r.detail for r in rs)

def test_context_length_400_is_per_request(project, llm_server):
    llm_server.push(Reply.error(400, message="This model's maximum context length is 128000 tokens"))
    llm_server.handler = lambda body: Reply.json(GOOD)
    llm = make_llm(project, llm_server)
    assert not ask(llm, 0).ok and ask(llm, 1).ok and llm.fatal is None

def test_reasoning_truncation_retries_with_more_room(project, llm_server):
    llm_server.push(Reply(content='', finish_reason='length', completion_tokens=5000, reasoning_tokens=5000), Reply.json(GOOD))
    llm = make_llm(project, llm_server, **{'llm.provider': 'openai'})
    r = ask(llm, max_tokens=1000)
    first, second = (b['max_completion_tokens'] for b in llm_server.requests)
    assert r.ok and r.attempts == 2 and second == 2 * first

@pytest.mark.parametrize('content', [
    '<think>The user wants a summary. {maybe json?}</think>\n{"summary": "Pump P-101A runs at 16 bar."}',
    'Here is the JSON you asked for:\n\n```json\n{"summary": "Pump P-101A runs at 16 bar."}\n```',
    '<think>hmm</think>Sure! ```\n{"summary": "Pump P-101A runs at 16 bar."}\n``` Anything else?',
])
def test_think_blocks_and_preambles_cost_no_repair(project, llm_server, content):
    llm_server.push(Reply.text(content))
    r = ask(make_llm(project, llm_server))
    assert r.ok and r.attempts == 1 and llm_server.calls == 1 and r.value.summary == GOOD['summary']

def test_cache_key_holds_base_url_and_parameters(project):
    with LLMServer(handler=lambda b: Reply.json(GOOD)) as a, LLMServer(handler=lambda b: Reply.json(GOOD)) as b:
        assert ask(make_llm(project, a)).ok and ask(make_llm(project, a)).cached
        assert not ask(make_llm(project, b)).cached and b.calls == 1               # another server: another answer
        assert not ask(make_llm(project, a, **{'llm.reasoning_effort': 'high'})).cached and a.calls == 2

def test_budget_with_unpriced_model_stops_before_asking(project, llm_server, caplog):
    llm_server.handler = lambda body: Reply.json(GOOD)
    llm = make_llm(project, llm_server, **{'llm.prices': {}, 'llm.budget_usd': 1.0})
    r = ask(llm)
    assert not r.ok and r.error == 'no_price' and llm_server.calls == 0 and 'llm.prices["gpt-5"]' in r.detail
    assert not ask(llm, 1).ok and llm_server.calls == 0
    # OpenRouter returns the cost: an unpriced model runs, capped by what the provider says it cost
    llm_server.handler = lambda body: Reply.json(GOOD, usage_extra={'cost': 0.6})
    llm = make_llm(project, llm_server, **{'llm.prices': {}, 'llm.budget_usd': 1.0, 'llm.provider': 'openrouter'})
    rs = [ask(llm, i) for i in range(4)]
    assert [r.ok for r in rs] == [True, True, False, False] and rs[2].error == 'budget_exceeded' and llm_server.calls == 2

def test_any_api_key_env_name_is_read(project, llm_server, monkeypatch):
    monkeypatch.setenv('MY_GATEWAY_TOKEN', KEY)
    llm_server.handler = lambda body: Reply.json(GOOD)
    cfg = load_config(project/'config'/'config.json', {'llm.base_url': llm_server.base_url, 'llm.api_key_env': 'MY_GATEWAY_TOKEN',
                                                       'llm.models': {'summarize': 'm'}})
    llm = get_llm(cfg, 'summarize', secrets=Secrets())
    assert llm.backend_name == 'openai' and ask(llm).ok and llm_server.auth[0] == f'Bearer {KEY}'
    monkeypatch.delenv('MY_GATEWAY_TOKEN')
    (project/'.env').write_text(f'MY_GATEWAY_TOKEN={KEY}\n')
    assert get_llm(cfg, 'summarize', secrets=Secrets()).backend_name == 'openai'

def test_check_probe_uses_the_model_family_parameters(llm_server):
    from docproc.pipeline import check_llm
    llm_server.handler = lambda body: openai_reasoning_rules(body) or Reply.json(GOOD)
    cfg = load_config(None, overrides={'llm.backend': 'openai', 'llm.base_url': llm_server.base_url, 'llm.provider': 'openai',
                                       'llm.models': {'qa': 'gpt-5'}})
    [(what, ok, detail)] = check_llm(cfg, secrets=Secrets(OPENROUTER_API_KEY=KEY), timeout=5)
    assert ok, detail
    assert 'max_completion_tokens' in llm_server.requests[0] and 'max_tokens' not in llm_server.requests[0]
