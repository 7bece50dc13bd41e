#!/usr/bin/env python
"""GPU check of stage 06: QLoRA (bitsandbytes 4-bit) and bf16 LoRA through `docproc.train.train`, plus docproc vs
plain-TRL throughput, on a model with the real Qwen2 architecture (Qwen2.5-0.5B's shape) and random weights, for
machines that cannot download a real model. With `--base` a real local model folder is used instead.

    PYTHONPATH=. python bench/train_gpu.py --out /tmp/gpu [--steps 60] [--base /path/to/Qwen2.5-0.5B-Instruct]

Writes `<out>/train_gpu.json` and `<out>/train_gpu.md` (a `## train (GPU)` block for bench/RESULTS.md).
"""
from __future__ import annotations
import argparse, json, os, platform, sys, tempfile, time, traceback
from pathlib import Path

os.environ.setdefault('HF_HUB_OFFLINE', '1'); os.environ.setdefault('TOKENIZERS_PARALLELISM', 'false')
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent)); sys.path.insert(0, str(HERE))

def qwen2_shaped(texts, path:Path, layers:int=24) -> Path:
    "Random-init Qwen2ForCausalLM with Qwen2.5-0.5B's shape (vocab from a local BPE), Qwen2.5's marker-less chat template."
    import torch, trl
    from transformers import Qwen2Config, Qwen2ForCausalLM, AutoTokenizer
    from docproc.train import tiny_model
    tiny_model(texts, path, vocab_size=1024)               # tokenizer (ChatML special tokens) + a throwaway tiny model
    tok = AutoTokenizer.from_pretrained(path)
    tok.chat_template = (Path(trl.__file__).parent/'chat_templates'/'qwen2_5.jinja').read_text()  # as Qwen ships it: no markers
    tok.save_pretrained(path)
    torch.manual_seed(0)
    cfg = Qwen2Config(vocab_size=len(tok), hidden_size=896, intermediate_size=4864, num_hidden_layers=layers, num_attention_heads=14,
                      num_key_value_heads=2, max_position_embeddings=4096, rope_theta=1e6, tie_word_embeddings=True,
                      bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id)
    Qwen2ForCausalLM(cfg).to(torch.bfloat16).save_pretrained(path)
    return path

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--out', type=Path, required=True); ap.add_argument('--steps', type=int, default=60)
    ap.add_argument('--base', default=None); a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    import torch, transformers, trl, peft
    import docproc.train as T
    from docproc.core import load_config
    from importlib.metadata import version
    env = {'gpu': torch.cuda.get_device_name(0) if torch.cuda.is_available() else None, 'python': platform.python_version(),
           **{p: version(p) for p in ('torch', 'transformers', 'trl', 'peft', 'accelerate', 'datasets', 'bitsandbytes')}}
    print(env, flush=True)
    root = Path(tempfile.mkdtemp(prefix='docproc-gpu-'))
    tr, ev = T.write_demo_dataset(root/'data'/'dataset')
    base = a.base or str(qwen2_shaped(T.dataset_texts(T.load_split(tr) + T.load_split(ev)), root/'qwen2-shaped'))
    seen = {}
    real_load = T.load_base_model
    def spy(b, qlora=False):
        m = real_load(b, qlora=qlora)
        seen['is_loaded_in_4bit'] = bool(getattr(m, 'is_loaded_in_4bit', False))
        seen['linear4bit_modules'] = sum(type(x).__name__ == 'Linear4bit' for x in m.modules())
        seen['params'] = sum(p.numel() for p in m.parameters())
        return m
    T.load_base_model = spy
    knobs = {'train.base_model': base, 'train.max_steps': a.steps, 'train.learning_rate': 1e-3, 'train.batch_size': 8, 'train.grad_accum': 1,
             'train.max_seq_length': 256, 'train.logging_steps': 5, 'train.max_new_tokens': 24, 'train.lora.r': 16, 'train.lora.alpha': 32}
    results = {'env': env, 'base': base if a.base else 'random-init Qwen2 (Qwen2.5-0.5B shape, 24 layers, vocab 1024)'}
    for name, over in [('qlora', {'train.qlora': 'on', 'train.merge': True}), ('lora_bf16', {'train.qlora': 'off'})]:
        torch.cuda.reset_peak_memory_stats(); seen.clear(); t = time.perf_counter()
        try:
            r = T.train(load_config(overrides={**knobs, **over}, root=root), run_name=name, progress=False)
            results[name] = {**{k: v for k, v in r.to_dict().items() if k not in ('outputs',)}, 'outputs': r.outputs, 'load': dict(seen),
                             'peak_gpu_mem_gib': round(torch.cuda.max_memory_allocated() / 2**30, 2), 'wall_s': round(time.perf_counter() - t, 1),
                             'eval_samples': json.loads((r.run_dir/'eval.json').read_text())['generation']['samples'][:3],
                             'serve_sh': (r.run_dir/'serve.sh').read_text().splitlines()[-1]}
        except Exception as e:
            results[name] = {'error': f'{type(e).__name__}: {e}', 'trace': traceback.format_exc()[-3000:]}
        print(name, json.dumps(results[name], default=str)[:1500], flush=True)
        torch.cuda.empty_cache()
    # docproc vs plain TRL, same bf16 LoRA, same model (gradient checkpointing on for both, as TRL defaults)
    T.load_base_model = real_load
    try:
        from train import plain_trl, docproc_train
        kb = dict(lr=1e-3, bs=8, r=16, max_len=256, gc=True)
        plain_trl(Path(base), tr, 5, kb)  # warm-up
        rounds = []
        for i in range(3):
            n1, s1, _ = docproc_train(root, Path(base), a.steps, kb, i)
            n2, s2 = plain_trl(Path(base), tr, a.steps, kb)
            rounds.append({'docproc_tok_s': round(n1/s1), 'plain_tok_s': round(n2/s2)})
            print(rounds[-1], flush=True)
        import statistics
        d, p = statistics.median(r['docproc_tok_s'] for r in rounds), statistics.median(r['plain_tok_s'] for r in rounds)
        results['throughput'] = {'rounds': rounds, 'docproc_median': d, 'plain_median': p, 'ratio': round(d / p, 3)}
    except Exception as e:
        results['throughput'] = {'error': f'{type(e).__name__}: {e}', 'trace': traceback.format_exc()[-3000:]}
    (a.out/'train_gpu.json').write_text(json.dumps(results, indent=1, default=str))
    print(json.dumps(results.get('throughput'), default=str))

if __name__ == '__main__':
    main()
