"""Stage 04 (qa) quality on the sample corpus: groundedness, numeric fidelity, near-duplicates, coverage, mix error,
tables asked about; offline backend and the openai-compatible backend against the scripted local server.

    PYTHONPATH=$PWD:$PWD/tests python bench/qa.py [--write]     # --write updates the '## qa' section of bench/RESULTS.md

Inputs: if `docproc.ingest` and `docproc.chunk` are importable, the samples are ingested and chunked by their entry
points; otherwise the samples are chunked by `tests/qa_fixtures.write_sample_corpus` (the Markdown/text samples split at
headings, every `data/expected/*/table_*.csv` as a pipe-table chunk, and the hand-made pump-manual fixture that
mirrors pump_maintenance_manual.pdf). Summaries come from `docproc.summarize` (offline) when it is importable.
"""
from __future__ import annotations
import argparse, difflib, json, platform, re, sys, tempfile, time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT/'tests')]
from docproc.core import load_config, read_json, Secrets
from docproc.text import find_span, missing_facts, find_part_codes, find_quantities
from docproc.qa import qa, load_qa, norm_question, offline_qa, coverage_units, QABatch, MIX_MIN_PAIRS
from docproc.llm import get_llm

def near_dup_share(qs:list[str]) -> float:
    "Questions with another one naming the same numbers/codes whose content words overlap >= 80% (Jaccard), as a share."
    stop = {'the', 'a', 'an', 'of', 'for', 'in', 'on', 'at', 'to', 'is', 'are', 'does', 'do', 'what', 'which', 'how', 'pump'}
    key = lambda q: (sorted(find_part_codes(q)), sorted(x.value for x in find_quantities(q)), sorted(re.findall(r'"([^"]+)"', q)))
    w = [set(norm_question(q).split()) - stop for q in qs]
    d = sum(any(j != i and key(qs[i]) == key(qs[j]) and len(w[i] & w[j]) / max(1, len(w[i] | w[j])) >= 0.8 for j in range(len(qs)))
            for i in range(len(qs)))
    return d / max(1, len(qs))

def prepare(root:Path) -> tuple[list[str], str]:
    cfg = load_config(root/'config'/'config.json', {'llm.backend': 'offline', 'paths.input_dir': str(ROOT/'data'/'samples')})
    try:
        from docproc.ingest import ingest
        from docproc.chunk import chunk
        ingest(cfg, progress=False); chunk(cfg, progress=False)
        how = 'stage 01 ingest + stage 02 chunk entry points on data/samples'
    except ImportError:
        from qa_fixtures import write_sample_corpus
        write_sample_corpus(root, ROOT/'data'/'samples')
        how = 'tests/qa_fixtures.write_sample_corpus (stages 01/02 are not on this branch)'
    try:
        from docproc.summarize import summarize
        summarize(cfg, level='doc', progress=False); how += '; summaries by docproc.summarize (offline)'
    except ImportError: how += '; no summaries'
    docs = sorted(d.name for d in (root/'data'/'chunks').iterdir() if (d/'chunks.jsonl').is_file())
    return docs, how

def measure(root:Path, cfg, docs:list[str]) -> dict:
    rows, tot = [], Counter()
    for doc in docs:
        meta = read_json(root/'data'/'qa'/doc/'qa_metadata.json')
        items = load_qa(cfg, doc)
        g = in_ev = verified = 0
        for i in items:
            text = (root/'data'/'chunks'/doc/f'{i["chunk_id"]}.txt').read_text(encoding='utf-8')
            g += text[i['evidence_start']:i['evidence_end']] == i['evidence'] and find_span(i['evidence'], text) is not None
            if not missing_facts(i['answer'], i['evidence']): in_ev += 1
            elif {'table_answer_verified', 'calculation_verified'} & set(i['checks']): verified += 1
        nd = near_dup_share([i['question'] for i in items])
        tabs = meta['tables']
        rows.append(dict(doc=doc, pairs=len(items), grounded=g, in_evidence=in_ev, verified=verified, near_dup=nd,
                         units=meta['coverage']['units'], covered=meta['coverage']['covered'], mix_error=meta['mix_error_points'],
                         tables=len(tabs), tables_asked=sum(t['questions'] > 0 for t in tabs), rejected=meta['rejections'],
                         achieved=meta['achieved_mix'], judged=meta.get('mix_judged', True), notes=[c['note'] for c in meta['chunks'] if c['note']] + ([meta['rebalance']['note']] if meta['rebalance']['note'] else []),
                         calls=meta['tokens']['calls'], tokens=meta['tokens']['prompt'] + meta['tokens']['completion'], cost=meta['cost_usd'],
                         all_items=items))
        for k in ('pairs', 'grounded', 'in_evidence', 'verified', 'units', 'covered', 'tables', 'tables_asked', 'calls', 'tokens'): tot[k] += rows[-1][k]
        tot['near_dup_n'] += round(nd * len(items))
    allq = [i for r in rows for i in r['all_items']]
    pooled = Counter(i['difficulty'] for i in allq)
    tt = Counter(i['type'] for i in allq)
    q = cfg.qa
    pooled_err = max([abs(100 * (pooled[d] / max(1, len(allq)) - q.difficulty_mix[d])) for d in ('easy', 'medium', 'hard')] +
                     [abs(100 * (tt['reasoning'] / max(1, tt['reasoning'] + tt['factual']) - q.reasoning_ratio))])
    judged = [r['mix_error'] for r in rows if r['pairs'] >= MIX_MIN_PAIRS]
    return dict(rows=rows, tot=tot, pooled_mix_error=round(pooled_err, 1), judged_max=max(judged, default=0.0), n_judged=len(judged),
                pooled_mix={**{d: pooled[d] / max(1, len(allq)) for d in ('easy', 'medium', 'hard')}, 'reasoning': tt['reasoning'] / max(1, tt['reasoning'] + tt['factual'])},
                rejections=sum((Counter(r['rejected']) for r in rows), Counter()))

def scripted_handler(noise_every:int=2):
    "A model behind the scripted server: answers like the offline writer, and every other reply adds an invented number and a repeat."
    from llm_server import Reply
    state = {'n': 0}
    def handler(body):
        state['n'] += 1
        user = body['messages'][-1]['content']
        from docproc.llm_params import undelimit
        text = undelimit(user, 'chunk')
        kept = re.findall(r'^- (.+)$', undelimit(user, 'kept') or '', re.M)
        ids = set(re.findall(r'^- \[(\w+)\]', undelimit(user, 'units') or '', re.M))
        n = int(re.search(r'Write (\d+) new pairs', user).group(1))
        unc = [u.__dict__ for u in coverage_units(text) if u.id in ids]
        mw = re.search(r'Wanted mix: ([^.]+)\.', user)
        want = {k: int(v) for k, v in re.findall(r'(\w+): (\d+)', mw.group(1))} if mw else {}
        ms = re.search(r'^Source file \(name it in questions about its code\): (.+)$', user, re.M)
        pairs = offline_qa({'text': text, 'source': ms.group(1) if ms else '', 'kept': kept, 'uncovered': unc, 'n': n, 'want': want}, QABatch).model_dump()['pairs']
        if pairs and state['n'] % noise_every == 0:
            p = dict(pairs[0]); nums = re.findall(r'\d+', p['answer'])
            if nums: p['answer'] = p['answer'].replace(nums[0], str(int(nums[0]) + 7), 1); p['table_op'] = None; p['calculation'] = None; pairs.append(p)
            if kept: pairs.append(dict(pairs[0], question=kept[0]))
        return Reply.json({'pairs': pairs}, prompt_tokens=len(user) // 4, completion_tokens=len(json.dumps(pairs)) // 4)
    return handler

def run(backend:str) -> dict:
    root = Path(tempfile.mkdtemp(prefix=f'bench_qa_{backend}_'))
    (root/'config').mkdir(); (root/'config'/'config.json').write_text((ROOT/'config'/'config.json').read_text())
    docs, how = prepare(root)
    srv = None
    if backend == 'offline':
        cfg = load_config(root/'config'/'config.json', {'llm.backend': 'offline'}); llm = None
    else:
        from llm_server import LLMServer
        srv = LLMServer(handler=scripted_handler()).start()
        cfg = load_config(root/'config'/'config.json', {'llm.backend': 'openai', 'llm.base_url': srv.base_url, 'llm.cache': False,
                                                         'llm.models': {'qa': 'scripted-model'}, 'llm.prices': {'scripted-model': {'input': 1.25, 'output': 10.0}}})
        llm = get_llm(cfg, stage='qa', secrets=Secrets(OPENROUTER_API_KEY='sk-bench-0000000000000000'))
    t0 = time.perf_counter()
    res = qa(cfg, progress=False, llm=llm)
    secs = time.perf_counter() - t0
    if srv: srv.stop()
    assert res.ok, [d.error for d in res.failed]
    m = measure(root, cfg, docs); m.update(backend=backend, seconds=round(secs, 2), inputs=how, docs=len(docs))
    return m

def pct(a, b): return f'{100 * a / b:.1f}%' if b else '—'

def report(ms:list[dict]) -> str:
    out = ['## qa', '', '`bench/qa.py` (stage 04). Inputs: ' + ms[0]['inputs'] + '. Default `qa` config '
           '(difficulty 40/40/20, reasoning ratio 0.3, coverage target 0.95, max 4 iterations, near-duplicate threshold 0.8). '
           'Groundedness: evidence equals the chunk text at its offsets and `find_span` finds it. Numeric fidelity: every '
           'number/unit/part code of the answer occurs in the evidence, or the answer is a computation the stage recomputed '
           '(pandas table op, or checked arithmetic). Near-duplicates are measured independently of the stage\'s MinHash: '
           'word-set Jaccard >= 0.8 (function words removed) between questions naming the same numbers, codes and quoted names. Mix error: largest gap in '
           'points between requested and achieved shares (difficulty shares, and the reasoning share of factual+reasoning pairs), '
           f'per document (max over all documents, and max over the documents with >= {MIX_MIN_PAIRS} pairs, where one pair moves a share '
           f'by at most {100 // MIX_MIN_PAIRS} points) and pooled over the run. '
           f'Machine: {platform.machine()}, Python {platform.python_version()}, 2 shared cores.', '']
    out += ['| backend | docs | pairs | grounded | numeric fidelity (in evidence + verified) | near-dup questions | coverage of units | mix error max all docs / max docs >= 10 pairs / pooled (points) | tables asked | LLM calls | tokens | seconds |',
            '|---|---|---|---|---|---|---|---|---|---|---|---|']
    for m in ms:
        t = m['tot']
        out.append(f'| {m["backend"]} | {m["docs"]} | {t["pairs"]} | {pct(t["grounded"], t["pairs"])} | '
                   f'{pct(t["in_evidence"] + t["verified"], t["pairs"])} ({t["in_evidence"]} + {t["verified"]}) | {pct(t["near_dup_n"], t["pairs"])} | '
                   f'{pct(t["covered"], t["units"])} ({t["covered"]}/{t["units"]}) | {max(r["mix_error"] for r in m["rows"])} / {m["judged_max"]} ({m["n_judged"]} docs) / {m["pooled_mix_error"]} | '
                   f'{t["tables_asked"]}/{t["tables"]} | {t["calls"]} | {t["tokens"]} | {m["seconds"]} |')
    for m in ms:
        rej = ', '.join(f'{k} {v}' for k, v in sorted(m['rejections'].items())) or 'none'
        out.append(f'\nRejected by reason ({m["backend"]}): {rej}.')
    out.append('\nThe openai row runs the real client path (AsyncOpenAI, strict JSON schema, validation) against '
               '`tests/llm_server.py`; the scripted model answers like the offline writer and every other reply adds a pair with an '
               'invented number and a repeat of a kept question, which the checks reject (counted above). The mix is reached per document: '
               'the offline writer has hard and reasoning candidates in every kind of chunk (two facts asked together, range widths and '
               'tolerances, table differences/averages and two-step look-ups, code thresholds computed from constants), a mix iteration '
               'asks for the kinds a document lacks, and rebalancing picks the kept set by dropping surplus pairs (never the last one '
               'covering a unit or a table), adding mix extras, or swapping. A document that still misses the mix says why in '
               '`qa_metadata.json` (`rebalance.note`, `mix_judged`).')
    for m in ms:
        pm = m['pooled_mix']
        out.append(f'\nPooled mix ({m["backend"]}): easy {100 * pm["easy"]:.1f}%, medium {100 * pm["medium"]:.1f}%, hard {100 * pm["hard"]:.1f}%, '
                   f'reasoning {100 * pm["reasoning"]:.1f}% of factual+reasoning (requested 40/40/20, 30%).')
    for m in ms:
        out += ['', f'Per document ({m["backend"]}):', '', '| doc | pairs | coverage | easy / medium / hard | reasoning share | mix error (points) | tables asked | rejections | notes |', '|---|---|---|---|---|---|---|---|---|']
        for r in m['rows']:
            rej = ', '.join(f'{k} {v}' for k, v in sorted(r['rejected'].items())) or '—'
            a = r['achieved']; d = a['difficulty']; ty = a['types']
            rs = f'{100 * a["reasoning_ratio"]:.0f}% ({ty["reasoning"]}/{ty["reasoning"] + ty["factual"]})' if ty['reasoning'] + ty['factual'] else '— (tables only)'
            mark = '' if r['pairs'] >= MIX_MIN_PAIRS else f' (< {MIX_MIN_PAIRS} pairs)'
            out.append(f'| {r["doc"]} | {r["pairs"]} | {pct(r["covered"], r["units"])} | {100 * d["easy"]:.0f} / {100 * d["medium"]:.0f} / {100 * d["hard"]:.0f} | {rs} | '
                       f'{r["mix_error"]}{mark} | {r["tables_asked"]}/{r["tables"]} | {rej} | {"; ".join(r["notes"]) or "—"} |')
    return '\n'.join(out) + '\n'

def write_section(text:str, path:Path=ROOT/'bench'/'RESULTS.md') -> None:
    old = path.read_text(encoding='utf-8') if path.is_file() else '# Benchmarks\n'
    parts = re.split(r'(?m)^(?=## )', old)
    at = [i for i, p in enumerate(parts) if p.startswith('## qa\n')]
    if at: parts[at[0]] = text + ('\n' if at[0] < len(parts) - 1 else '')      # in place: the other sections stay as they are
    else: parts.append(('\n' if not parts[-1].endswith('\n\n') else '') + text)
    path.write_text(''.join(p for i, p in enumerate(parts) if i not in at[1:]), encoding='utf-8')

if __name__ == '__main__':
    ap = argparse.ArgumentParser(); ap.add_argument('--write', action='store_true'); a = ap.parse_args()
    ms = [run('offline'), run('openai')]
    rep = report(ms)
    print(rep)
    if a.write: write_section(rep)
