"`docproc run --executor ray --address ...` against a Ray head started by the test (2 CPUs): outputs identical to a local run."
import json, os, signal, socket, subprocess, sys, tempfile, time
from pathlib import Path
import pytest
from conftest import ROOT, SAMPLES, comparable
from test_pipeline import docproc

ray = pytest.importorskip('ray', reason='the ray extra is not installed (pip install "docproc[ray]")')

def _free_port() -> int:
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

@pytest.fixture(scope='module')
def ray_head():
    "A Ray head node with 2 CPUs in its own process group and temp dir (so other Ray instances on the machine are left alone)."
    port, tmp = _free_port(), tempfile.mkdtemp(prefix='rayt', dir='/tmp')
    env = {**os.environ, 'PYTHONPATH': os.pathsep.join([str(ROOT), os.environ.get('PYTHONPATH', '')]), 'RAY_USAGE_STATS_ENABLED': '0', 'RAY_AUTH_MODE': 'disabled'}
    p = subprocess.Popen(['ray', 'start', '--head', '--block', '--num-cpus=2', f'--port={port}', f'--temp-dir={tmp}', '--node-ip-address=127.0.0.1',
                          '--include-dashboard=false', '--object-store-memory=100000000', '--disable-usage-stats'],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    address = f'127.0.0.1:{port}'
    os.environ['RAY_AUTH_MODE'] = 'disabled'   # the docproc subprocesses inherit it (token auth is Ray's concern, not this test's)
    try:
        for line in p.stdout:   # ready once `ray start` says it now blocks
            if 'block forever' in line: break
        else: pytest.fail(f'ray start exited with {p.wait()}')
        yield address
    finally:
        for sig in (signal.SIGTERM, signal.SIGKILL):   # the head and every process it started share its process group
            try: os.killpg(p.pid, sig)
            except ProcessLookupError: break
            try: p.wait(timeout=10)
            except subprocess.TimeoutExpired: pass
        subprocess.run(['rm', '-rf', tmp]); os.environ.pop('RAY_AUTH_MODE', None)

def test_ray_executor_matches_local_run(ray_head, tmp_path):
    local, remote = tmp_path/'local', tmp_path/'ray'
    r = docproc('run', '--input', SAMPLES, '--out', local, '--backend', 'offline', '--quiet')
    assert r.returncode == 0, r.stdout + r.stderr
    r = docproc('run', '--input', SAMPLES, '--out', remote, '--backend', 'offline', '--quiet', '--executor', 'ray', '--address', ray_head)
    assert r.returncode == 0, r.stdout + r.stderr
    summary = json.loads((remote/'runs'/'last_run.json').read_text())
    for s in summary['stages'][:4]:  # ingest..qa ran as Ray tasks, one per document
        assert s['stats'].get('executor') == 'ray' and s['counts'] == {'ok': 9, 'skipped': 0, 'failed': 0}, s['stage']
    a, b = comparable(local), comparable(remote)
    assert sorted(a) == sorted(b) and len(a) > 100
    assert [k for k in a if a[k] != b[k]] == []   # byte-identical, manifests included
    assert not [q for q in remote.rglob('*') if q.name.endswith(('.tmp', '.old')) or q.name.startswith('.ray_probe')]
    # a no-change re-run on the cluster skips every document and changes nothing
    r = docproc('run', '--input', SAMPLES, '--out', remote, '--backend', 'offline', '--quiet', '--executor', 'ray', '--address', ray_head)
    assert r.returncode == 0, r.stdout + r.stderr
    for s in json.loads((remote/'runs'/'last_run.json').read_text())['stages']: assert s['counts']['ok'] == 0, s
    assert comparable(remote) == b

def test_unreachable_cluster_is_a_clear_error_before_work(tmp_path):
    r = docproc('run', '--input', SAMPLES, '--out', tmp_path/'data', '--backend', 'offline', '--executor', 'ray',
                '--address', f'127.0.0.1:{_free_port()}')
    assert r.returncode == 2 and 'cannot start or reach Ray at 127.0.0.1' in r.stderr, r.stdout + r.stderr[-2000:]
    assert not (tmp_path/'data'/'out').exists()
