"""Every command in README.md runs as written, in a fresh copy of the project: the shell lines (make demo,
docproc, papermill, docproc batch with the README's runs.yaml, the Ray line with a local instance) and
the Python examples. The backend is offline (no key in the environment); the samples are small, so the
whole README runs in a few minutes.
A README command this test cannot run must be listed in NOT_RUN with the reason, and every entry there
must still match a README line."""
import os, re, shutil, subprocess, sys, tempfile
from pathlib import Path
import pytest
from conftest import ROOT

NOT_RUN = {  # a README line starting with this: why this test does not run it
    'make test': 'the whole suite, which this test is part of',
    'pip install': 'installs into the environment; `make demo` (run here) checks that the set-up is done',
    'docproc check': 'live calls to the LLM endpoint and Azure DI; tests/test_check.py',
    'docproc run --train': 'downloads and fine-tunes a base model; tests/test_train.py',
    'docproc run --executor ray --address': 'a placeholder cluster address; the local-instance line runs',
}
SECRETS = ('OPENROUTER_API_KEY', 'OPENAI_API_KEY', 'AZURE_DI_ENDPOINT', 'AZURE_DI_KEY', 'HF_TOKEN', 'RAY_ADDRESS',
           'DOCPROC_CONFIG')

def readme_blocks(text:str) -> list[tuple[str, str]]:
    "(language, body) of every fenced block of README.md, in order; Python examples are fenced without a language."
    return [(m.group(1) or 'python', m.group(2)) for m in re.finditer(r'^```(\w*)\n(.*?)^```', text, flags=re.S | re.M)]

def shell_lines(blocks) -> list[str]:
    lines = [l.strip() for lang, b in blocks if lang == 'bash' for l in b.splitlines()]
    return [l for l in lines if l and not l.startswith('#')]

def fresh_copy(dst:Path) -> Path:
    "The project's files as git sees them (committed or not, never ignored ones)."
    files = subprocess.run(['git', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split('\0')
    for f in filter(None, files):
        src = ROOT/f
        if not src.is_file(): continue
        (dst/f).parent.mkdir(parents=True, exist_ok=True); shutil.copy2(src, dst/f)
    return dst

@pytest.fixture(scope='module')
def project(tmp_path_factory):
    proj = fresh_copy(tmp_path_factory.mktemp('fresh')/'docproc')
    ray_tmp = tempfile.mkdtemp(prefix='rayr', dir='/tmp')  # a private Ray temp dir: never another session's instance
    env = {k: v for k, v in os.environ.items() if k not in SECRETS}
    env.update(PYTHONPATH=str(proj), HF_HUB_OFFLINE='1', TOKENIZERS_PARALLELISM='false', RAY_TMPDIR=ray_tmp,
               RAY_USAGE_STATS_ENABLED='0', RAY_AUTH_MODE='disabled',
               PIP=f'{sys.executable} -c "import sys; sys.exit(\'make tried pip install: set-up not seen as done\')"')
    yield proj, env
    shutil.rmtree(ray_tmp, ignore_errors=True)

def sh(line:str, proj:Path, env:dict) -> subprocess.CompletedProcess:
    return subprocess.run(['bash', '-c', line], cwd=proj, env=env, capture_output=True, text=True, timeout=900)

def test_not_run_entries_are_current():
    lines = shell_lines(readme_blocks((ROOT/'README.md').read_text()))
    for prefix in NOT_RUN:
        assert any(l.startswith(prefix) for l in lines), f'NOT_RUN entry {prefix!r} matches no README line'

def test_readme_commands_as_written(project):
    proj, env = project
    blocks = readme_blocks((proj/'README.md').read_text())
    yaml = [b for lang, b in blocks if lang == 'yaml']
    assert len(yaml) == 1 and 'runs:' in yaml[0]
    (proj/'runs.yaml').write_text(yaml[0])
    ran = []
    for line in shell_lines(blocks):
        if any(line.startswith(p) for p in NOT_RUN): continue
        r = sh(line, proj, env); ran.append(line)
        assert r.returncode == 0, f'{line}\n--- stdout\n{r.stdout[-3000:]}\n--- stderr\n{r.stderr[-3000:]}'
        if not line.startswith(('docproc batch', 'papermill')):  # Jupyter kernels may log a shutdown race of their own
            assert 'Traceback' not in r.stderr, f'{line}\n{r.stderr[-3000:]}'
    assert any(l.startswith('make demo') for l in ran) and any(l.startswith('papermill') for l in ran)
    bare = [l.split(' #')[0].strip() for l in ran]
    assert 'docproc batch runs.yaml' in bare and 'docproc run --executor ray' in bare
    batch_out = proj/'data'/'runs'/'offline-small'/'data'
    assert (batch_out/'chunks'/'safety_notice'/'chunks.jsonl').is_file()  # the batch run
    assert (proj/'runs'/'a'/'out'/'safety_notice'/'text.md').is_file()  # --out DIR is the data root
    assert (proj/'out.ipynb').is_file() and not (proj/'nbs'/'data').exists()  # papermill's out=data is <root>/data

def test_readme_python_examples(project):
    proj, env = project
    code = '\n'.join(b for lang, b in readme_blocks((proj/'README.md').read_text()) if lang == 'python')
    assert 'docproc.run(' in code
    code += '\nassert res.ok, res.table()\nprint("pairs", len(pairs))\n'
    r = subprocess.run([sys.executable, '-c', code], cwd=proj, env=env, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert int(r.stdout.split('pairs')[-1]) > 0
    assert (proj/'data'/'dataset'/'openai_instruct.jsonl').is_file()
