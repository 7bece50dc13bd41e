#!/usr/bin/env python
"""Training throughput of `docproc train` against a minimal plain-TRL script, same tiny model, same data, same run.

    PYTHONPATH=. python bench/train.py [--steps 40] [--rounds 3] [--hidden 128] [--layers 2] [--no-write]

Both sides train the same LoRA (same SFTConfig values) on the same stage-05-shaped dataset with the same tiny
Llama (`docproc.train.tiny_model`). Throughput is trained tokens (non-padding, prompt included, as TRL counts
them) per second of `trainer.train()`. Rounds alternate which side goes first; the median of each side is
compared (goal: docproc / plain >= 0.95). Results go to bench/RESULTS.md, section `## train` (replaced, other
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
    tok = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForCausalLM.from_pretrained(model_dir)
    ds = load_dataset('json', data_files=str(train_file), split='train').select_columns(['messages'])
    args = SFTConfig(output_dir=tempfile.mkdtemp(), max_steps=steps, learning_rate=knobs['lr'], per_device_train_batch_size=knobs['bs'],
                     gradient_accumulation_steps=1, max_length=knobs['max_len'], assistant_only_loss=True, gradient_checkpointing=False,
                     logging_steps=10, save_strategy='no', report_to='none', bf16=False, use_cpu=True, disable_tqdm=True, seed=42)
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
                                 'train.max_seq_length': knobs['max_len'], 'train.gradient_checkpointing': False, 'train.eval_generate': False,
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

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--steps', type=int, default=40); ap.add_argument('--rounds', type=int, default=3)
    ap.add_argument('--hidden', type=int, default=128); ap.add_argument('--layers', type=int, default=2)
    ap.add_argument('--no-write', action='store_true')
    a = ap.parse_args()
    import torch, transformers, trl, peft
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
    ratio = mo / mt
    print(f'median tokens/s: docproc {mo:,.0f}, plain TRL {mt:,.0f}, ratio {ratio:.3f}')
    md = f"""## train

`bench/train.py` (training throughput of `docproc train` vs a minimal plain-TRL script, same run, same tiny model and data).
Machine: {platform.machine()}, {os.cpu_count()} CPU cores, CPU only; torch {torch.__version__}, transformers {transformers.__version__},
trl {trl.__version__}, peft {peft.__version__}. Model: random-init Llama, hidden {a.hidden}, {a.layers} layers, BPE vocab 512 trained on the
data; LoRA r=16 on all linear layers, batch 4, {a.steps} steps, max length 256, assistant-only loss; {a.rounds} rounds, order alternating.

| side | tokens/s per round | median |
|---|---|---|
| docproc train | {', '.join(f'{x:,.0f}' for x in ours)} | {mo:,.0f} |
| plain TRL | {', '.join(f'{x:,.0f}' for x in theirs)} | {mt:,.0f} |

**ratio docproc / plain TRL: {ratio:.3f}** (goal >= 0.95). Tokens/s counts the tokens TRL trains on (prompt and answer,
no padding) over `trainer.train()` alone. docproc's whole call (checks, length scan, model load, training, eval loss, saves,
serve files) took a median {statistics.median(walls):.1f} s per run; held-out generation was off here.
"""
    if not a.no_write: write_section(md); print('wrote bench/RESULTS.md ## train')
    return 0 if ratio >= 0.95 else 1

if __name__ == '__main__':
    sys.exit(main())
