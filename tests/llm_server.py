"""A scriptable OpenAI-compatible server for tests and benches: POST /v1/chat/completions on 127.0.0.1.

Script it per test:

    srv.push(Reply.json({'summary': 'x'}), Reply.error(429, retry_after=0), ...)  # answered in order
    srv.handler = lambda req: Reply.json(...)        # used once the queue is empty (req: the parsed body)

Every request is recorded (`srv.requests`, bodies as dicts; `srv.calls` counts them, `srv.auth` holds
Authorization headers). `Reply.json(obj)` valid JSON content; `Reply.text(s)` arbitrary (malformed)
content; `Reply.error(status, retry_after=None)`; `Reply.sleep(s)` answers after `s` seconds (a
timeout for a short client timeout); `finish_reason='length'` for truncation. `latency` delays every
answer (benches).

    with LLMServer() as srv: ...          # or the pytest fixture `llm_server`
"""
from __future__ import annotations
import json, threading, time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

@dataclass
class Reply:
    status: int = 200
    content: str | None = '{}'
    finish_reason: str = 'stop'
    headers: dict = field(default_factory=dict)
    delay: float = 0.0
    prompt_tokens: int = 100
    completion_tokens: int = 20
    raw: bytes | None = None   # send these bytes as the body instead of a chat completion
    reasoning_tokens: int = 0  # reported in usage.completion_tokens_details (a reasoning model's hidden tokens)
    usage_extra: dict = field(default_factory=dict)   # more usage fields, e.g. OpenRouter's {'cost': 0.0012}
    drop: bool = False         # close the connection without answering (a connection reset)

    @classmethod
    def json(cls, obj:Any, **kw) -> 'Reply': return cls(content=json.dumps(obj), **kw)
    @classmethod
    def text(cls, s:str, **kw) -> 'Reply': return cls(content=s, **kw)
    @classmethod
    def error(cls, status:int, retry_after:float|None=None, message:str|None=None, **kw) -> 'Reply':
        h = {'Retry-After': str(retry_after)} if retry_after is not None else {}
        body = {'error': {'message': message or f'scripted {status}', 'code': status}}
        return cls(status=status, content=None, headers=h, raw=json.dumps(body).encode(), **kw)
    @classmethod
    def reset(cls) -> 'Reply': return cls(drop=True)
    @classmethod
    def sleep(cls, seconds:float, then:'Reply|None'=None) -> 'Reply':
        r = then or cls(); r.delay = seconds; return r

class LLMServer:
    "An OpenAI-compatible chat completions server in a thread, on an ephemeral port."
    def __init__(self, latency:float=0.0, handler:Callable[[dict], Reply]|None=None):
        self.latency, self.handler = latency, handler
        self.queue: deque[Reply] = deque()
        self.requests: list[dict] = []
        self.auth: list[str] = []
        self._lock = threading.Lock()
        self.inflight = self.max_inflight = 0
        srv = self
        class H(BaseHTTPRequestHandler):
            protocol_version = 'HTTP/1.1'
            disable_nagle_algorithm = True   # else Nagle + delayed ACK add ~40 ms to every keep-alive answer
            def log_message(self, *a): pass
            def do_GET(self):
                "GET /stats: calls and max in-flight (for a server run as a separate process)."
                with srv._lock: data = json.dumps({'calls': srv.calls, 'max_inflight': srv.max_inflight}).encode()
                self._send(200, data, {})
            def do_POST(self):
                n = int(self.headers.get('Content-Length') or 0)
                body = json.loads(self.rfile.read(n) or b'{}')
                if not self.path.rstrip('/').endswith('/chat/completions'):
                    return self._send(404, b'{"error": {"message": "not found"}}', {})
                with srv._lock:
                    srv.requests.append(body); srv.auth.append(self.headers.get('Authorization', ''))
                    r = srv.queue.popleft() if srv.queue else None
                    srv.inflight += 1; srv.max_inflight = max(srv.max_inflight, srv.inflight)
                try: self._answer(body, r)
                finally:
                    with srv._lock: srv.inflight -= 1
            def _answer(self, body, r):
                if r is None: r = srv.handler(body) if srv.handler else Reply()
                if srv.latency or r.delay: time.sleep(srv.latency + r.delay)
                if r.drop:
                    self.close_connection = True
                    import socket
                    try: self.connection.shutdown(socket.SHUT_RDWR)
                    except OSError: pass
                    return
                if r.raw is not None and r.status != 200: return self._send(r.status, r.raw, r.headers)
                out = r.raw if r.raw is not None else json.dumps({
                    'id': f'chatcmpl-{len(srv.requests)}', 'object': 'chat.completion', 'created': int(time.time()),
                    'model': body.get('model', 'test'),
                    'choices': [{'index': 0, 'finish_reason': r.finish_reason,
                                 'message': {'role': 'assistant', 'content': r.content}}],
                    'usage': {'prompt_tokens': r.prompt_tokens, 'completion_tokens': r.completion_tokens,
                              'total_tokens': r.prompt_tokens + r.completion_tokens,
                              'completion_tokens_details': {'reasoning_tokens': r.reasoning_tokens}, **r.usage_extra}}).encode()
                self._send(r.status, out, r.headers)
            def _send(self, status, data, headers):
                try:
                    self.send_response(status)
                    self.send_header('Content-Type', 'application/json'); self.send_header('Content-Length', str(len(data)))
                    for k, v in headers.items(): self.send_header(k, v)
                    self.end_headers(); self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError): pass   # the client gave up (timeout)
        class S(ThreadingHTTPServer):
            daemon_threads, block_on_close, request_queue_size = True, False, 256
        self.httpd = S(('127.0.0.1', 0), H)
        self.port = self.httpd.server_address[1]
        self.base_url = f'http://127.0.0.1:{self.port}/v1'
        self._thread = None

    @property
    def calls(self) -> int: return len(self.requests)
    def push(self, *replies:Reply) -> 'LLMServer':
        "Queue replies, answered in order before `handler` is used."
        with self._lock: self.queue.extend(replies)
        return self
    def reset(self):
        with self._lock: self.queue.clear(); self.requests.clear(); self.auth.clear(); self.max_inflight = 0
    def start(self) -> 'LLMServer':
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={'poll_interval': 0.05}, daemon=True)
        self._thread.start(); return self
    def stop(self):
        self.httpd.shutdown(); self.httpd.server_close()
    def __enter__(self): return self.start()
    def __exit__(self, *a): self.stop()

def openai_reasoning_rules(body:dict) -> Reply|None:
    "What OpenAI's API answers a gpt-5 / o-series request that has `temperature` or `max_tokens`: a 400 (else None)."
    for k in ('temperature', 'max_tokens'):
        if k in body and not (k == 'temperature' and body[k] == 1):
            return Reply.error(400, message=f"Unsupported parameter: '{k}' is not supported with this model."
                               + (" Use 'max_completion_tokens' instead." if k == 'max_tokens' else ''))
    return None

def serve_main(argv=None):
    "`python tests/llm_server.py --latency 0.1 --answer '{...}'`: print the port, then answer every request with `answer`."
    import argparse, sys
    ap = argparse.ArgumentParser()
    ap.add_argument('--latency', type=float, default=0.0)
    ap.add_argument('--answer', default='{}')
    a = ap.parse_args(argv)
    srv = LLMServer(latency=a.latency, handler=lambda body: Reply(content=a.answer))
    print(srv.port, flush=True)
    try: srv.httpd.serve_forever(poll_interval=0.05)
    except KeyboardInterrupt: pass

if __name__ == '__main__': serve_main()

try:
    import pytest
    @pytest.fixture
    def llm_server():
        "A running `LLMServer`; stopped after the test."
        with LLMServer() as srv: yield srv
except ImportError: pass
