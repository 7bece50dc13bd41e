#!/usr/bin/env python
"""Training throughput of `docproc train` against a minimal plain-TRL script, same tiny model, same data, same run.

    PYTHONPATH=. python bench/train.py [--steps 40] [--rounds 3] [--hidden 128] [--layers 2] [--no-write]
    PYTHONPATH=. python bench/train.py --eval [--steps 400]   # base vs tuned per eval split, section `## dataset and eval`

Both sides train the same LoRA (same SFTConfig values) on the same stage-05-shaped dataset with the same tiny
Llama (`docproc.train.tiny_model`). Throughput is trained tokens (non-padding, prompt included, as TRL counts
them) per second of `trainer.train()`. Rounds alternate which side goes first; the best of each side is
compared, and the median of per-round ratios (goal: docproc / plain >= 0.95). Results go to bench/RESULTS.md, section `## train` (replaced, other
sections kept).
"""
from __future__ import annotations
import argparse, os, platform, statistics, sys, tempfile, time
from pathlib import Path

os.environ.setdefault('HF_HUB_OFFLINE', '1'); os.environ.setdefault('TOKENIZERS_PARALLELISM', 'false')
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

def plain_trl(model_dir:Path, train_file:Path, steps:int, knobs:dict) -> tuple[int, float]:
    "The minimal TRL script a user would write: load, SFTTrainer with LoRA, train. Returns (tokens, seconds)."
    from datasets import load_dataset
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from trl import SFTConfig, SFTTrainer
    from peft import LoraConfig
    import torch
    cuda = torch.cuda.is_available()
    tok = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.bfloat16 if cuda else torch.float32,
                                                 device_map={'': 0} if cuda else None)
    ds = load_dataset('json', data_files=str(train_file), split='train').select_columns(['messages'])
    args = SFTConfig(output_dir=tempfile.mkdtemp(), max_steps=steps, learning_rate=knobs['lr'], per_device_train_batch_size=knobs['bs'],
                     gradient_accumulation_steps=1, max_length=knobs['max_len'], assistant_only_loss=True,
                     gradient_checkpointing=knobs.get('gc', False), logging_steps=10, save_strategy='no', report_to='none',
                     bf16=cuda, use_cpu=not cuda, disable_tqdm=True, seed=42)
    tr = SFTTrainer(model=model, args=args, train_dataset=ds, processing_class=tok,
                    peft_config=LoraConfig(r=knobs['r'], lora_alpha=2*knobs['r'], lora_dropout=0.05, target_modules='all-linear', task_type='CAUSAL_LM'))
    t = time.perf_counter(); tr.train(); s = time.perf_counter() - t
    return int([h['num_tokens'] for h in tr.state.log_history if 'num_tokens' in h][-1]), s

def docproc_train(root:Path, model_dir:Path, steps:int, knobs:dict, i:int) -> tuple[int, float, float]:
    "`docproc.train.train` with the same knobs. Returns (tokens, train seconds, whole-call seconds)."
    from docproc.core import load_config
    from docproc.train import train
    cfg = load_config(overrides={'train.base_model': str(model_dir), 'train.max_steps': steps, 'train.learning_rate': knobs['lr'],
                                 'train.batch_size': knobs['bs'], 'train.grad_accum': 1, 'train.lora.r': knobs['r'], 'train.lora.alpha': 2*knobs['r'],
                                 'train.max_seq_length': knobs['max_len'], 'train.gradient_checkpointing': knobs.get('gc', False), 'train.eval_generate': False,
                                 'train.qlora': 'off'}, root=root)
    t = time.perf_counter(); r = train(cfg, run_name=f'bench-{i}', progress=False, force=True); w = time.perf_counter() - t
    return r.train_tokens, r.train_seconds, w

def write_section(text:str, path:Path=ROOT/'bench'/'RESULTS.md', title:str='## train') -> None:
    "Replace (or append) the `## train` section of RESULTS.md, keeping every other section."
    old = path.read_text() if path.is_file() else '# docproc benchmarks\n'
    lines, out, skip = old.splitlines(), [], False
    for ln in lines:
        if ln.startswith('## '): skip = ln.strip() == title
        if not skip: out.append(ln)
    body = '\n'.join(out).rstrip() + '\n\n' + text.strip() + '\n'
    path.write_text(body)

def gpu_block(path:Path=ROOT/'bench'/'train_gpu.json') -> str:
    "The GPU results recorded by bench/train_gpu.py (on a machine with a CUDA GPU), as Markdown; '' if none."
    if not path.is_file(): return ''
    import json
    r = json.loads(path.read_text()); e = r['env']
    rows = []
    for k, label in (('qlora', 'QLoRA 4-bit NF4 (+ merge)'), ('lora_bf16', 'LoRA bf16')):
        d = r.get(k) or {}
        if 'error' in d: rows.append(f"| {label} | failed: {d['error'][:200]} |||||||"); continue
        rows.append(f"| {label} | {d['load']['linear4bit_modules']} | {d['steps']} | {d['first_loss']} → {d['last_loss']} | {d['eval_loss']} | "
                    f"{d['exact_match']} / {d['numeric_accuracy']} ({d['generation_backend']}) | {d['tokens_per_second']:,.0f} | {d['peak_gpu_mem_gib']} | {d['wall_s']} |")
    t = r.get('throughput') or {}
    thr = (f"docproc vs plain TRL on the same GPU, bf16 LoRA with gradient checkpointing, {len(t['rounds'])} rounds: "
           f"docproc {', '.join(str(x['docproc_tok_s']) for x in t['rounds'])} tokens/s, plain TRL {', '.join(str(x['plain_tok_s']) for x in t['rounds'])}; "
           f"**ratio of medians {t['ratio']}**.") if 'ratio' in t else f"throughput comparison failed: {t.get('error')}"
    return f"""
### GPU: {e['gpu']} (`bench/train_gpu.py`, recorded in `bench/train_gpu.json`)

torch {e['torch']}, transformers {e['transformers']}, trl {e['trl']}, peft {e['peft']}, accelerate {e['accelerate']}, datasets {e['datasets']},
bitsandbytes {e['bitsandbytes']}; no vLLM on that machine (no network; its wheel is far over what can be carried), so held-out answers
were generated with transformers and `vllm serve` was not run there. Base: {r['base']} with Qwen2.5's own chat template (no
generation markers, so docproc trained with TRL's patched copy and said so). 35 train / 7 eval examples (eval = a pump never seen
in training), batch 8, 60 steps, lr 1e-3, LoRA r=16 on all linear layers, max length 256.

| run | Linear4bit layers | steps | train loss | eval loss | exact / numeric | tokens/s | peak GPU GiB | wall s |
|---|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

{thr} The random-weight model learns the answer *format* (e.g. "16 bar (232 psi)" for P-310, whose reference is
"6 bar (87 psi)"), so exact and numeric scores of 0 on a held-out pump are the right verdict: closed-book facts of an unseen
document cannot be known. The GPU is far from busy at this size; the numbers are for parity, not speed.
"""

def eval_bench(steps:int=400, threads:int=1, write:bool=True, modes:tuple=('closed_book', 'grounded', 'raft')) -> dict:
    """`--eval`: stages 01-05 on data/samples (offline backend), then the tiny CPU model trained on each mode's dataset;
    base and tuned scores per eval split from the same run. Writes `## dataset and eval` in RESULTS.md."""
    import json, subprocess, torch, transformers, trl, peft
    from docproc.core import load_config, get_logger, read_json
    from docproc.train import train, load_split, dataset_texts, tiny_model
    from docproc.dataset import build_dataset
    from docproc.evaluate import splits_table
    get_logger().setLevel('WARNING')
    torch.set_num_threads(threads)
    root = Path(tempfile.mkdtemp(prefix='docproc-bench-eval-'))
    env = {**os.environ, 'PYTHONPATH': str(ROOT), 'HF_HUB_OFFLINE': '1', 'OPENROUTER_API_KEY': '', 'DOCPROC_CONFIG': str(ROOT/'config'/'config.json')}
    subprocess.run([sys.executable, '-c', 'import sys; from docproc.cli import main; sys.exit(main())', 'run', '--input', str(ROOT/'data'/'samples'),
                    '--out', str(root/'data'), '--backend', 'offline', '--quiet'], env=env, check=True, capture_output=True, timeout=1800)
    (root/'config').mkdir(); (root/'config'/'config.json').write_text((ROOT/'config'/'config.json').read_text())
    knobs = {'train.max_steps': steps, 'train.learning_rate': 1e-2, 'train.batch_size': 8, 'train.grad_accum': 1, 'train.lora.r': 16,
             'train.lora.alpha': 32, 'train.max_seq_length': 2048, 'train.gradient_checkpointing': False, 'train.max_new_tokens': 48,
             'train.eval_max_samples': 60, 'train.qlora': 'off', 'train.logging_steps': 10}
    out, sections = {}, []
    for mode in modes:
        cfg = load_config(root/'config'/'config.json', overrides={'dataset.mode': mode, 'dataset.hf_dataset': False,
                                                                   'dataset.max_example_tokens': 900, 'dataset.raft_distractors': 1})
        build_dataset(cfg, progress=False, force=True)
        ds = root/'data'/'dataset'; m = read_json(ds/'manifest.json')
        tr, ev = load_split(ds/'openai_instruct.train.jsonl'), load_split(ds/'openai_instruct.eval.jsonl', required=False)
        model = tiny_model(dataset_texts(tr + ev), root/f'tiny-{mode}', max_positions=2048)
        t = time.perf_counter()
        res = train(load_config(root/'config'/'config.json', overrides={**knobs, 'train.base_model': str(model)}), run_name=f'eval-{mode}',
                    progress=False, force=True)
        full = json.loads((res.run_dir/'eval.json').read_text())['splits']
        out[mode] = dict(train=len(tr), eval=len(ev), eval_splits=m['eval_splits'], loss=(res.first_loss, res.last_loss),
                         seconds=round(time.perf_counter() - t, 1), splits=res.eval_splits)
        print(mode, json.dumps(out[mode]['splits']), flush=True)
        sections.append(f"""### `dataset.mode={mode}`: {len(tr)} train / {len(ev)} eval examples ({', '.join(f'{k} {v}' for k, v in m['eval_splits'].items())})

Train loss {res.first_loss} → {res.last_loss} over {res.steps} steps; training, both models' answers and scoring took {out[mode]['seconds']} s.

{splits_table(full)}
""")
    md = f"""## dataset and eval

`PYTHONPATH=. python bench/train.py --eval --steps {steps}`: stages 01-05 on `data/samples` with the offline backend, then for
each dataset mode (examples over 900 tokens dropped at stage 05 to keep CPU sequences short; raft with 1 distractor) the tiny CPU model (`docproc.train.tiny_model`: random-init Llama, hidden 64, 2 layers, BPE vocab 512 trained on
the dataset text) fine-tuned with a LoRA (r 16, lr 1e-2, batch 8, {steps} steps). The **base** model (adapter off) and the **tuned**
model answer the same questions in the same run (greedy, 48 new tokens, at most 60 per split). `trained` = training questions as
asked in training; `paraphrase`, `heldout`, `unseen_doc` = stage 05's eval splits. Machine: {platform.machine()}, {os.cpu_count()}
CPU cores shared with other jobs, {threads} torch thread(s); torch {torch.__version__}, transformers {transformers.__version__},
trl {trl.__version__}, peft {peft.__version__}. A random-weight model this small learns answer *form* and some memorised
facts, not language: the point is that the harness separates the splits, not the absolute level. No GPU in this session, so the
GPU bench (`bench/train_gpu.py`) was not re-run with the per-split report.

""" + '\n'.join(sections)
    if write: write_section(md, title='## dataset and eval'); print('wrote bench/RESULTS.md ## dataset and eval')
    return out

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--steps', type=int, default=40); ap.add_argument('--rounds', type=int, default=7)
    ap.add_argument('--hidden', type=int, default=128); ap.add_argument('--layers', type=int, default=2)
    ap.add_argument('--threads', type=int, default=1, help='torch CPU threads (1: least disturbed by other load)')
    ap.add_argument('--no-write', action='store_true')
    ap.add_argument('--eval', action='store_true', help='instead: base vs tuned per eval split on the samples dataset (## dataset and eval)')
    a = ap.parse_args()
    if a.eval:
        eval_bench(a.steps if a.steps != 40 else 400, a.threads, not a.no_write); return 0
    import torch, transformers, trl, peft
    if not torch.cuda.is_available(): torch.set_num_threads(a.threads)
    from docproc.train import write_demo_dataset, load_split, dataset_texts, tiny_model
    from docproc.core import get_logger
    get_logger().setLevel('WARNING')
    import logging; logging.getLogger('transformers').setLevel(logging.ERROR)
    root = Path(tempfile.mkdtemp(prefix='docproc-bench-train-'))
    tr, ev = write_demo_dataset(root/'data'/'dataset')
    model_dir = tiny_model(dataset_texts(load_split(tr) + load_split(ev)), root/'tiny', hidden_size=a.hidden, layers=a.layers)
    knobs = dict(lr=2e-3, bs=4, r=16, max_len=256)
    plain_trl(model_dir, tr, 5, knobs)  # warm-up (imports, kernels) outside the timings
    ours, theirs, walls = [], [], []
    for i in range(a.rounds):
        order = ['docproc', 'plain'] if i % 2 == 0 else ['plain', 'docproc']
        for side in order:
            if side == 'docproc':
                n, s, w = docproc_train(root, model_dir, a.steps, knobs, i); ours.append(n / s); walls.append(w)
            else:
                n, s = plain_trl(model_dir, tr, a.steps, knobs); theirs.append(n / s)
            print(f'round {i+1} {side:8s}: {n} tokens in {s:.2f} s = {n/s:,.0f} tokens/s', flush=True)
    mo, mt = statistics.median(ours), statistics.median(theirs)
    bo, bt = max(ours), max(theirs)
    paired = statistics.median(o / p for o, p in zip(ours, theirs))
    ratio = bo / bt
    print(f'best tokens/s: docproc {bo:,.0f}, plain TRL {bt:,.0f}, ratio {ratio:.3f}; median of per-round ratios {paired:.3f}; '
          f'medians {mo:,.0f} / {mt:,.0f}')
    md = f"""## train

`bench/train.py` (training throughput of `docproc train` vs a minimal plain-TRL script, same run, same tiny model and data).
Machine: {platform.machine()}, {os.cpu_count()} CPU cores shared with other jobs, CPU only, {a.threads} torch thread(s); torch {torch.__version__}, transformers {transformers.__version__},
trl {trl.__version__}, peft {peft.__version__}. Model: random-init Llama, hidden {a.hidden}, {a.layers} layers, BPE vocab 512 trained on the
data; LoRA r=16 on all linear layers, batch 4, {a.steps} steps, max length 256, assistant-only loss; {a.rounds} rounds, order alternating.

| side | tokens/s per round | best | median |
|---|---|---|---|
| docproc train | {', '.join(f'{x:,.0f}' for x in ours)} | {bo:,.0f} | {mo:,.0f} |
| plain TRL | {', '.join(f'{x:,.0f}' for x in theirs)} | {bt:,.0f} | {mt:,.0f} |

**ratio docproc / plain TRL: {ratio:.3f}** (best of each side; goal >= 0.95); median of the per-round ratios {paired:.3f}.
The best run is the one least disturbed by other load on a shared machine. Tokens/s counts the tokens TRL trains on (prompt and answer,
no padding) over `trainer.train()` alone. docproc's whole call (checks, length scan, model load, training, eval loss, saves,
serve files) took a median {statistics.median(walls):.1f} s per run; held-out generation was off here.
"""
    md += gpu_block()
    if not a.no_write: write_section(md); print('wrote bench/RESULTS.md ## train')
    return 0 if ratio >= 0.95 else 1

if __name__ == '__main__':
    sys.exit(main())
