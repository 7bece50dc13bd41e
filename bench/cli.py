"""Bench the CLI's start-up: `docproc --help` and every `docproc <command> --help`, against `python -c pass`
(the floor: starting the interpreter) and against the eager parser docproc had before (importing every
stage module to build it), in the same run. Then `docproc check`, offline and against an LLM endpoint that
accepts connections but never answers (two models configured), against the `docproc check` of commit
855466a (sequential probes, 20 s timeout per model, openai and torch always imported), extracted with
`git archive` and run by the same interpreter.

    PYTHONPATH=. python bench/cli.py [--repeat 7] [--write]

Each command is started `--repeat` times as a fresh process with the same interpreter; the median wall
time is reported. `--write` replaces the `## cli` section of bench/RESULTS.md.
"""
from __future__ import annotations
import argparse, os, platform, re, socket, statistics, subprocess, sys, tempfile, threading, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from docproc.cli import COMMANDS  # noqa: E402

MAIN = 'import sys; from docproc.cli import main; sys.exit(main())'
EAGER = ('import importlib, sys\n'
         'for m in ("ingest", "chunk", "llm", "summarize", "qa", "dataset", "train", "pipeline"):\n'
         '    importlib.import_module("docproc." + m)\n'
         'from docproc.cli import main; sys.exit(main())')

BEFORE_CHECK = '855466a'   # the last commit with the sequential `docproc check`

def wall(argv:list[str], repeat:int, env:dict|None=None, pythonpath:Path=ROOT) -> float:
    "Median wall seconds of `argv` started `repeat` times in `pythonpath` (with `-c`, the working folder comes first)."
    env = {**os.environ, 'PYTHONPATH': str(pythonpath), 'HF_HUB_OFFLINE': '1', **(env or {})}
    ts = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(argv, cwd=pythonpath, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)

def silent_endpoint() -> str:
    "The base URL of a local server that accepts connections and never answers (a hung endpoint)."
    srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(64); held = []
    def accept():
        while True: held.append(srv.accept()[0])
    threading.Thread(target=accept, daemon=True).start()
    return f'http://127.0.0.1:{srv.getsockname()[1]}/v1'

def check_rows(repeat:int) -> list[tuple[str, float, str]]:
    "`docproc check` now and at BEFORE_CHECK: offline (no key), and with a key against a silent endpoint."
    old = Path(tempfile.mkdtemp(prefix='docproc-before-'))
    subprocess.run(f'git archive {BEFORE_CHECK} docproc | tar -x -C {old}', shell=True, cwd=ROOT, check=True)
    conf = {'DOCPROC_CONFIG': str(ROOT/'config'/'config.json')}
    offline = {**conf, 'OPENROUTER_API_KEY': ''}
    hung = {**conf, 'OPENROUTER_API_KEY': 'sk-or-v1-BENCHFAKEKEY0123456789'}
    url = silent_endpoint()
    sets = ['--set', 'llm.backend=openai', '--set', f'llm.base_url={url}',
            '--set', 'llm.models={"summarize": "m-a", "qa": "m-b", "judge": "m-a"}']
    py, rows = sys.executable, []
    cases = [('offline, no key', [], offline, repeat), ('2 models, endpoint never answers', sets, hung, 1)]
    for label, args, env, n in cases:
        rows.append((f'docproc check ({label})', wall([py, '-c', MAIN, 'check', *args], n, env), ''))
        before = wall([py, '-c', MAIN, 'check', *args], n, env, old)
        rows.append((f'docproc check ({label})', before, f'before, {BEFORE_CHECK}'))
    return rows

def main(repeat:int=7, write:bool=False) -> str:
    py = sys.executable
    rows = [('python -c pass', wall([py, '-c', 'pass'], repeat), '')]
    rows.append(('docproc --help', wall([py, '-c', MAIN, '--help'], repeat), ''))
    for name, *_ in COMMANDS:
        rows.append((f'docproc {name} --help', wall([py, '-c', MAIN, name, '--help'], repeat), ''))
    rows.append(('docproc config show --help', wall([py, '-c', MAIN, 'config', 'show', '--help'], repeat), ''))
    eager = wall([py, '-c', EAGER, '--help'], repeat)
    rows.append(('eager parser (all stage modules imported): docproc --help', eager, 'before'))
    checks = check_rows(repeat)
    floor = rows[0][1]
    load = os.getloadavg()[0]
    lines = ['## cli', '',
             f'`PYTHONPATH=. python bench/cli.py --repeat {repeat}` on {platform.machine()}, {os.cpu_count()} CPUs, '
             f'Python {platform.python_version()}, load average {load:.1f} at the start (the machine is shared). '
             'Median wall seconds of a fresh process, the same interpreter for every row.', '',
             '| command | median s | over `python -c pass` |', '|---|---:|---:|']
    lines += [f'| `{n}`{" (" + note + ")" if note else ""} | {t:.3f} | {t - floor:+.3f} |'
              for n, t, note in rows + checks]
    worst = max(t for n, t, note in rows[1:-1])
    lines += ['', f'Slowest `--help` of the lazy parser: {worst:.3f} s, {worst - floor:+.3f} s over the interpreter\'s '
              f'start; the eager parser this replaces: {rows[-1][1]:.3f} s.',
              f'`docproc check` offline: {checks[0][1]:.2f} s (before: {checks[1][1]:.2f} s); with two models and an '
              f'endpoint that never answers: {checks[2][1]:.2f} s (before: {checks[3][1]:.2f} s), one run each.', '']
    text = '\n'.join(lines)
    if write:
        res = ROOT/'bench'/'RESULTS.md'
        old = res.read_text()
        if '\n## cli\n' in old: new = re.sub(r'^## cli\n.*?(?=^## |\Z)', text + '\n', old, flags=re.S | re.M)
        else: new = old.rstrip() + '\n\n' + text
        res.write_text(new)
    return text

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--repeat', type=int, default=7)
    ap.add_argument('--write', action='store_true')
    a = ap.parse_args()
    print(main(a.repeat, a.write))
