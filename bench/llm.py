#!/usr/bin/env python
"""LLM layer throughput: N structured calls through the real `openai` SDK against the local scripted server
(tests/llm_server.py) with injected latency L at concurrency C. Reports achieved calls/s against the bound C/L
(goal >= 90%), then a cached re-run with a fresh client (goal: zero calls, < 5% of the first run's time).

    PYTHONPATH=. python bench/llm.py [--n 400 --latency 0.1 --concurrency 16] [--write]

--write replaces the '## llm' section of bench/RESULTS.md.
"""
from __future__ import annotations
import argparse, os, platform, re, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT/'tests'))
from pydantic import BaseModel
from docproc.core import load_config, Secrets
from docproc.llm import get_llm

class Fig(BaseModel):
    value: str
    unit: str

class Answer(BaseModel):
    summary: str
    figures: list[Fig]

ANSWER = {'summary': 'Pump P-101A delivers 45 m³/h at 6 bar.', 'figures': [{'value': '45', 'unit': 'm³/h'}, {'value': '6', 'unit': 'bar'}]}

def start_server(latency:float):
    "The scripted server in its own process (as a real server would be: no GIL shared with the client)."
    import json, subprocess
    p = subprocess.Popen([sys.executable, str(ROOT/'tests'/'llm_server.py'), '--latency', str(latency), '--answer', json.dumps(ANSWER)],
                         stdout=subprocess.PIPE, text=True)
    port = int(p.stdout.readline())
    return p, f'http://127.0.0.1:{port}/v1'

def stats(base_url:str) -> dict:
    import json, urllib.request
    return json.loads(urllib.request.urlopen(base_url.rsplit('/v1', 1)[0] + '/stats').read())

def raw_http(base_url:str, n:int, concurrency:int) -> float:
    "Calls/s of bare async HTTP POSTs (the SDK's own httpx, no SDK, no validation) against the same server: the machine's ceiling."
    import asyncio, socket, openai
    hx = sys.modules[openai.DefaultAsyncHttpxClient.__mro__[1].__module__.split('.')[0]]
    async def main():
        sem = asyncio.Semaphore(concurrency)
        tr = hx.AsyncHTTPTransport(socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)],
                                   limits=hx.Limits(max_connections=2*concurrency, max_keepalive_connections=2*concurrency))
        async with hx.AsyncClient(transport=tr) as c:
            async def one(i):
                async with sem:
                    r = await c.post(base_url + '/chat/completions', json={'model': 'm', 'messages': [{'role': 'user', 'content': str(i)}]})
                    return r.json()
            await asyncio.gather(*(one(i) for i in range(concurrency)))
            t = time.perf_counter(); await asyncio.gather(*(one(i) for i in range(n)))
            return n / (time.perf_counter() - t)
    return asyncio.run(main())

def run(n:int, latency:float, concurrency:int) -> dict:
    proc, base_url = start_server(latency)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            cfg = load_config(ROOT/'config'/'config.json', {
                'llm.backend': 'openai', 'llm.base_url': base_url, 'llm.models': {'bench': 'bench-model'},
                'llm.concurrency': concurrency, 'llm.timeout_s': 30, 'paths.cache_dir': str(Path(tmp)/'cache')}, root=tmp)
            secrets = Secrets(OPENROUTER_API_KEY='sk-bench-not-a-real-key-000000')
            reqs = [dict(task='bench', messages=[{'role': 'user', 'content': f'Summarise part {i}.'}], schema=Answer) for i in range(n)]
            llm = get_llm(cfg, 'bench', secrets=secrets)
            llm.complete_many([dict(reqs[0], messages=[{'role': 'user', 'content': 'warm-up'}])])
            c0 = stats(base_url)['calls']
            t = time.perf_counter(); rs = llm.complete_many(reqs); first = time.perf_counter() - t
            st = stats(base_url); ok, calls_first = sum(r.ok for r in rs), st['calls'] - c0
            llm2 = get_llm(cfg, 'bench', secrets=secrets)   # a fresh client: answers must come from the disk cache
            t = time.perf_counter(); rs2 = llm2.complete_many(reqs); second = time.perf_counter() - t
            cached_calls = stats(base_url)['calls'] - st['calls']
            raw = raw_http(base_url, n, concurrency)
    finally:
        proc.terminate(); proc.wait()
    return dict(n=n, latency=latency, concurrency=concurrency, ok=ok, calls=calls_first, seconds=first,
                calls_per_s=n/first, bound=concurrency/latency, efficiency=(n/first)/(concurrency/latency),
                max_inflight=st['max_inflight'], cached_ok=sum(r.ok and r.cached for r in rs2),
                cached_calls=cached_calls, cached_seconds=second, cached_ratio=second/first, raw_calls_per_s=raw)

def report(results:list[dict]) -> str:
    lines = ['## llm', '',
             f'`python bench/llm.py --write` on {platform.machine()} / {os.cpu_count()} CPUs, Python {platform.python_version()}: '
             'N structured calls (pydantic-validated, strict JSON schema) through the real `openai` SDK (`AsyncOpenAI`, '
             'tenacity retries, disk cache on) against the local server of `tests/llm_server.py` (run as its own process) with injected latency L, '
             'at concurrency C. Bound = C/L calls/s; goal >= 90 %. Then the same N requests from a fresh client: '
             'answered from the disk cache, goal zero calls and < 5 % of the first run\'s time.', '',
             'The machine is shared (2 cores, other jobs running; load average below), so the bare-HTTP column, async POSTs with the same httpx and no SDK, validation or cache against the same server in the same minute, is this machine\'s ceiling at that moment: compare the achieved column with it.', '',
             '| N | L (s) | C | bound (calls/s) | achieved (calls/s) | of bound | bare HTTP, same server (calls/s) | max in flight | cached re-run: calls | cached re-run (s) | of first run |',
             '|---|---|---|---|---|---|---|---|---|---|---|']
    for r in results:
        lines.append(f'| {r["n"]} | {r["latency"]} | {r["concurrency"]} | {r["bound"]:.0f} | {r["calls_per_s"]:.1f} | '
                     f'{r["efficiency"]:.0%} | {r["raw_calls_per_s"]:.1f} ({r["raw_calls_per_s"]/r["bound"]:.0%}) | {r["max_inflight"]} | {r["cached_calls"]} | {r["cached_seconds"]:.3f} | {r["cached_ratio"]:.1%} |')
    return '\n'.join(lines) + '\n'

def write_section(text:str, path:Path=ROOT/'bench'/'RESULTS.md'):
    old = path.read_text() if path.is_file() else '# Benchmarks\n'
    pat = re.compile(r'^## llm\n.*?(?=^## |\Z)', re.S | re.M)
    new = pat.sub(lambda m: text + '\n', old) if pat.search(old) else old.rstrip('\n') + '\n\n' + text
    path.write_text(new)

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--n', type=int, default=400)
    ap.add_argument('--latency', type=float, nargs='*', default=[0.2, 0.1])
    ap.add_argument('--concurrency', type=int, nargs='*', default=[8, 16])
    ap.add_argument('--write', action='store_true')
    a = ap.parse_args()
    results = []
    for lat in a.latency:
        for c in a.concurrency:
            r = run(a.n, lat, c); results.append(r)
            print(f'L={lat} C={c}: {r["calls_per_s"]:.1f} calls/s of bound {r["bound"]:.0f} ({r["efficiency"]:.0%}); '
                  f'bare HTTP {r["raw_calls_per_s"]:.1f}; cached re-run {r["cached_calls"]} calls, {r["cached_seconds"]:.3f}s ({r["cached_ratio"]:.1%}); ok {r["ok"]}/{r["n"]}')
    text = report(results) + f'\nLoad average during the run: {os.getloadavg()[0]:.1f} (1 min).\n'
    print(text)
    if a.write: write_section(text)
