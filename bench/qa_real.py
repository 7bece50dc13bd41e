"""Stage 04 (qa) on real documents: pairs per document, lint counts, conflicting identical questions, reasoning share,
chunks left out by kind, body-unit coverage; and a seeded random sample of kept pairs for a reader to judge.

    # --write: '## qa: real documents' in bench/RESULTS.md
    PYTHONPATH=$PWD python bench/qa_real.py [--out DIR] [--write]
                                                                     # and the sample with verdicts in bench/qa_sample.md
    # --backend scripted --write: '## qa: real documents, scripted real model (session 5)'
    PYTHONPATH=$PWD python bench/qa_real.py --backend scripted [--seed 0] [--faults 0.25] [--api-errors 0.05] [--write]

Inputs (copied into a fresh input folder): six PDFs of ../shared/realworld/docs (one a scan), and real files of other
kinds gathered from this machine, each with its origin (ORIGINS below). The whole pipeline runs through `docproc run`
with the offline backend. Verdicts on the sample are a reader's judgement, kept in bench/qa_verdicts.json by item id
(question text checked): the script never judges; an unjudged pair shows as `?`.

`--backend scripted`: stages 01-02 offline as above, then stages 03-04 through `docproc run --backend openai` against
the scripted real model of tests/real_model.py (gpt-5 parameter rules, chatty and fenced replies, reasoning tokens,
truncation, wrong answers, faulty questions, API errors) served by tests/llm_server.py in this process. Every request
the server gets is recorded: QA requests are counted per content class of the chunk they carry (left-out classes must
get none), the model's truth is joined with the kept pairs (wrong answers kept, faulty questions kept, both 0).
"""
from __future__ import annotations
import argparse, gzip, json, os, random, re, shutil, subprocess, sys, sysconfig, time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]
from docproc.qa_lint import lint_question, answer_conflicts

REAL = ROOT.parent.parent/'shared'/'realworld'/'docs'
if not REAL.is_dir(): REAL = Path('/work/shared/realworld/docs')
PDFS = ['eu-002.pdf', 'eu-008.pdf', 'eu-018-scan.pdf', 'eu-022.pdf', 'us-002.pdf', 'us-006.pdf']

def _mpl_csv() -> Path|None:
    try:
        import matplotlib
        p = Path(matplotlib.get_data_path())/'sample_data'/'msft.csv'
        return p if p.is_file() else None
    except Exception: return None

def _jlab_json() -> Path|None:
    p = Path(sys.prefix)/'share'/'jupyter'/'lab'/'schemas'/'@jupyterlab'/'apputils-extension'/'notification.json'
    return p if p.is_file() else None

ORIGINS = {   # file name in the input folder -> (how to get it, where it comes from)
    'apt-README.md': (lambda: Path('/usr/share/doc/apt/README.md.gz'), 'Debian package apt: /usr/share/doc/apt/README.md.gz'),
    'Apache-2.0.txt': (lambda: Path('/usr/share/common-licenses/Apache-2.0'), 'Debian base-files: /usr/share/common-licenses/Apache-2.0'),
    'colorsys.py': (lambda: Path(sysconfig.get_paths()['stdlib'])/'colorsys.py', 'CPython standard library: colorsys.py'),
    'msft.csv': (_mpl_csv, 'matplotlib sample data: mpl-data/sample_data/msft.csv'),
    'jupyterlab-notification.json': (_jlab_json, 'JupyterLab settings schema: @jupyterlab/apputils-extension/notification.json'),
}

def gather(dest:Path) -> dict[str, str]:
    "Copy the inputs into `dest`; returns file name -> origin (files missing on this machine are left out)."
    dest.mkdir(parents=True, exist_ok=True)
    got = {}
    for n in PDFS:
        if (REAL/n).is_file(): shutil.copy(REAL/n, dest/n); got[n] = f'realworld/docs/{n}'
    for n, (where, origin) in ORIGINS.items():
        src = where()
        if not src or not src.is_file(): continue
        data = gzip.decompress(src.read_bytes()) if src.suffix == '.gz' else src.read_bytes()
        (dest/n).write_bytes(data); got[n] = origin
    return got

def run_pipeline(inp:Path, out:Path) -> float:
    t0 = time.perf_counter()
    env = {**os.environ, 'PYTHONPATH': str(ROOT), 'HF_HUB_OFFLINE': '1', 'TOKENIZERS_PARALLELISM': 'false'}
    subprocess.run([sys.executable, '-c', 'import sys; from docproc.cli import main; sys.exit(main())', 'run', '--input', str(inp), '--out', str(out), '--backend', 'offline',
                    '--quiet', '--stages', 'ingest,chunk,summarize,qa'], check=False, env=env, cwd=ROOT)
    return time.perf_counter() - t0

def run_scripted(inp:Path, out:Path, seed:int=0, faults:float=0.25, api_errors:float=0.05) -> tuple[float, object, list[dict]]:
    "Stages 01-02 offline, then 03-04 through `docproc run --backend openai` against `RealModel`: (seconds, model, requests)."
    sys.path[:0] = [str(ROOT/'tests')]
    from llm_server import LLMServer
    from real_model import RealModel
    t0 = time.perf_counter()
    env = {**os.environ, 'PYTHONPATH': str(ROOT), 'HF_HUB_OFFLINE': '1', 'TOKENIZERS_PARALLELISM': 'false',
           'OPENROUTER_API_KEY': 'sk-bench-not-a-real-key-000000'}
    cli = [sys.executable, '-c', 'import sys; from docproc.cli import main; sys.exit(main())', 'run', '--input', str(inp),
           '--out', str(out), '--quiet']
    subprocess.run(cli + ['--backend', 'offline', '--stages', 'ingest,chunk'], check=False, env=env, cwd=ROOT)
    model = RealModel(seed=seed, faults=faults, api_errors=api_errors)
    with LLMServer(handler=model) as srv:
        sets = {'llm.base_url': srv.base_url, 'llm.provider': 'openai', 'llm.cache': 'false', 'llm.retry_base_s': '0.01',
                'llm.models': json.dumps({'qa': 'gpt-5', 'judge': 'gpt-5-mini', 'summarize': 'gpt-5'}),
                'llm.prices': json.dumps({'gpt-5': {'input': 1.25, 'output': 10.0}, 'gpt-5-mini': {'input': 0.25, 'output': 2.0}}),
                'qa.max_iterations': '2', 'llm.timeout_s': '30'}
        subprocess.run(cli + ['--backend', 'openai', '--stages', 'summarize,qa'] + [a for k, v in sets.items() for a in ('--set', f'{k}={v}')],
                       check=False, env=env, cwd=ROOT)
        requests = list(srv.requests)
    return time.perf_counter() - t0, model, requests

def scripted_figures(out:Path, model, requests:list[dict], r:dict) -> dict:
    "Requests per content class and kind, and the model's truth joined with the kept pairs."
    from docproc.llm_params import undelimit
    from docproc.qa import subject_question
    from real_model import norm
    cls = {}
    for f in (out/'chunks').glob('*/chunks.jsonl'):
        for l in f.read_text().splitlines():
            if l.strip(): row = json.loads(l); cls[(f.parent/row['file']).read_text(encoding='utf-8')] = row.get('content_class', '?')
    asked, summarized, judged, other = Counter(), Counter(), 0, 0
    for b in requests:
        u = next((m['content'] for m in b['messages'] if m['role'] == 'user'), '')
        if (c := undelimit(u, 'chunk')) is not None: asked[cls.get(c, 'unknown')] += 1
        elif (d := undelimit(u, 'document')) is not None: summarized[cls.get(d, 'document or piece')] += 1
        elif undelimit(u, 'pairs') is not None: judged += 1
        else: other += 1
    kept = {norm(i['question']): i for i in r['items']}
    named = 0
    for i in r['items']:   # names its subject: docproc's own naming would leave it as it is
        try: title = json.loads((out/'out'/i['doc']/'raw.json').read_text()).get('title') or ''
        except Exception: title = ''
        title = title or Path(json.loads((out/'out'/i['doc']/'raw.json').read_text()).get('source', i['doc'])).name
        row = next((json.loads(l) for l in (out/'chunks'/i['doc']/'chunks.jsonl').read_text().splitlines()
                    if l.strip() and json.loads(l)['chunk_id'] == i['chunk_id']), {})
        named += title.lower() in i['question'].lower() or \
                 subject_question(i['question'], tuple(row.get('heading_path') or ()), title) == i['question']
    written, faults, wrong = Counter(), Counter(), Counter()
    for q, w in model.truth.items():
        written['fault' if w.fault else 'right' if w.correct else 'wrong'] += 1
        if w.fault: faults[w.fault] += 1
        elif not w.correct: wrong[w.behaviour] += 1
    kept_fault = [(w.fault, q) for q, w in model.truth.items() if w.fault and q in kept]
    kept_wrong = [(w.behaviour, q) for q, w in model.truth.items() if not w.fault and not w.correct and q in kept]
    right = [q for q, w in model.truth.items() if w.correct and not w.fault]
    return dict(qa_requests=dict(asked), summary_requests=dict(summarized), judge_requests=judged, merge_requests=other,
                written=dict(written), faults=dict(faults), wrong=dict(wrong), kept_fault=kept_fault, kept_wrong=kept_wrong,
                right_kept=sum(q in kept for q in right), right=len(right), named=named, api_errors=dict(model.api_errors),
                styles=dict(model.styles), rejected_params=model.rejected_params)

def measure(out:Path) -> dict:
    "Figures over every document's qa_metadata.json and kept pairs."
    docs, items, left, lint_kept = {}, [], Counter(), Counter()
    units = covered = 0
    for d in sorted(p for p in (out/'qa').iterdir() if (p/'qa_metadata.json').is_file()):
        m = json.loads((d/'qa_metadata.json').read_text())
        rows = {json.loads(l)['chunk_id']: json.loads(l) for l in (out/'chunks'/d.name/'chunks.jsonl').read_text().splitlines() if l}
        title = d.name
        kept = [i for f in sorted(d.glob('chunk_*_qa.json')) for i in json.loads(f.read_text())['items']]
        for i in kept:
            codes = lint_question(i['question'], i['answer'], tuple(rows.get(i['chunk_id'], {}).get('heading_path') or ()))
            lint_kept.update(c for c in codes if c != 'unnamed_subject')
        items += kept
        left.update(m.get('content', {}).get('left_out', {}))
        units += m['coverage']['units']; covered += m['coverage']['covered']
        t = Counter(i['type'] for i in kept)
        docs[d.name] = dict(pairs=len(kept), units=m['coverage']['units'], coverage=m['coverage']['ratio'],
                            reasoning=t['reasoning'], factual=t['factual'], table=t['table'],
                            left_out=m.get('content', {}).get('left_out', {}), lint=m.get('lint', {}), rejections=m.get('rejections', {}),
                            problems=m.get('problems', []), note=m.get('content', {}).get('note', ''))
    t = Counter(i['type'] for i in items)
    lint_rej = sum((Counter(v['lint']) for v in docs.values()), Counter())
    conf = answer_conflicts(items)
    rejections = sum((Counter(v['rejections']) for v in docs.values()), Counter())
    return dict(docs=docs, pairs=len(items), items=items, lint_rejected=dict(lint_rej), lint_in_kept=dict(lint_kept),
                rejections=dict(rejections.most_common()),
                conflicts=len(conf), conflict_examples=[g[0]['question'] for g in list(conf.values())[:5]],
                reasoning_share=round(t['reasoning'] / max(1, t['reasoning'] + t['factual']), 3),
                left_out=dict(left), body_units=units, body_covered=covered, body_coverage=round(covered / max(1, units), 4))

NOTES = """**Session 5, round 3** (figures above; `PYTHONPATH=$PWD python bench/qa_real.py --write`, seed 5052, branch
s5-qa3). Body-unit coverage **82.3%** (214 of 260 units), up from 76.3% (200 of 262) on main at the start of the round
(main had moved on from round 2's recorded 76.6%: the msft preview note and a second low-OCR chunk); kept pairs 189 -> 201;
lint failures in kept pairs 0; conflicting answers 0; reasoning share 12%. Goal >= 95% **not met**: 46 units are left (17
apt-README, 11 us-006, 5 eu-008, 5 us-002, 4 eu-018-scan). What round 3 added (`docproc.qa_sentences`, chapter 04h):
instructions of manuals (*If X then try Y* / *In case X, you can Y* -> *What should/can you do if/in case X?*; *Beware of
X!* -> *Of what should you beware?*; *Note that you have to V X to Y* -> *What do you have to do to Y?*; *Use X to Y*),
back-references whose answer is the previous sentence (*Option `X` shows this.* -> *What does option `X` show?*; *This
makes X Y* -> *What makes X Y?*; *S was designed to X. This design reflects Y* -> *Why was S designed to
X?*), judgements (*It was not feasible for this study to X* -> *Was Xing feasible … for the
study?*; a gerund subject *Preventing X is both infeasible and unethical* -> *How is preventing X described?*), a scope
with no comma (*During the previous programming period the Bank had agreed …*) or with a name after it (*According to …,
Hungary found …*), the second share of a clause (*… and 17.3% in the last year*, *… while 39% do so about once a week*,
naming the first figure so the near-duplicate check keeps it), and `X uses Y to Z` asked with its purpose: *What does APT
use?* in apt-README chunk_005 was rejected as an exact `duplicate` because the same bare question (*APT uses CMake.*) was
already kept from chunk_002, and the document-level index compares questions before the heading is prefixed; it is now
*What does APT use to activate debug output in certain areas?*. Set aside: OCR-garbled figure notes of a scan
(`ocr_garbled`, 2: lines that start with `|` or hold `Note:` and carry an OCR mark such as `meat! at` or `225` for
`>=25`); nothing else. Removed: *When did according to the data report?* (`According` is no longer read as a subject); *What did the design
use?* -> *here answers …* is now *What does the design used here answer?* (a participle before `here` qualifies the subject).
Usefulness of the NEW pairs (the 14 the round-3 rules added, judged in `bench/qa_verdicts.json`, notes `round 3`):
**12 of 14 useful**; not useful: *During the previous programming period, what had the Bank agreed?* and *According to
the data reported from the year 2007, what did Hungary find?* (neither names the document, so *the Bank* and *the data*
are unplaced; the QA stage did not prefix them because a capitalised name reads as a named subject). The seeded sample
of 50 is a new draw (the item list changed, so seed 5052 picks other pairs): 18 pairs had no verdict and were judged on
this output (11 useful), giving **35 of 50 useful (70%), below the 75% goal on this draw** (72% on the
earlier draw of 200 pairs); the two sampled pairs from round-3 rules are useful; the not-useful ones are older classes (a stitched answer that drops a relative clause, *what do
the credit derivatives markets comprise?* -> *a number of instruments*, unnamed table comparisons, *what is said about
dependencies?*). The new rules fire rarely outside this set: over nine Debian READMEs (adduser, bash, coreutils, cpp,
cscope, at-spi2-core, base-files, ca-certificates, dash) and two samples they wrote one question, with a dangling
`this`, now refused. Still uncovered, by class: second sentences of manuals that use `you can`/`then` with no object to ask
(*Then you can use make as you normally would*), demonstrative noun subjects (*These effects, albeit modest, were found …*), clause subjects with a relative or participle (*Projects whose capital cost exceeded …*,
*Given enough time …*), passives and perfect progressives the clause rules do not read (*had been actively
participating*, *shifted significantly from an ex ante to an ex post process*), shares without `of` (*Another 24 percent
borrowed only as undergraduates*), and 4 scan units whose sentence the OCR glued to the next one.

**Session 5, round 2** (kept 187, coverage 76.6% (200 of 261), 39 of 50 useful; `PYTHONPATH=$PWD python
bench/qa_real.py --write`, fresh seed 5052; round 1
drew seed 505: 72% useful, coverage 69.2%, sample kept in `bench/qa_sample_s5r1.md`). Goals (issue 17): no lint failures
in kept pairs (met), >= 75% of the sample useful (**met on this sample: 39 of 50, 78%**), no conflicting answers (met),
body-unit coverage >= 95% (**not met: 76.6%**, up from 69.2%). What round 2 added (branch s5-qa): roles and tools of a
manual (*What is the job of the `pkgProblemResolver`?*, *What can you see with `Debug::pkgProblemResolver`?*), findings
stated as evidence under a scope (*In terms of children's well-being, what does the evidence show?*), `there were no X but
Y` asked up to `but`, shares of a group with a relative clause (*What percentage of those who use drugs take drugs on a
daily basis?*), phrasal verbs (*what does the regulation set out?*), `at the end of …` as a time, and a fix for README
sentences wrapped over lines (a pronoun subject was never resolved there). A table caption after a trailing year leads the
question (`… in 2004 in Table 3` read as 2004 inches and was rejected as ungrounded: eu-002 went from 71% to 93%). Long
tables compare only the highest row against the lowest (first against last read as an arbitrary pair); `How …?` is asked
only for an answer of manner (not `How might X be branched?` -> `of from those`), and `When X, you can just do so` is not
asked. Set aside with counted reasons, new in round 2 (`coverage.set_aside`): `signpost` (2: *… are summarised in tabular
form below*, *The following describes …*), `exhortation` (1: *… bug reports which are waiting for you!*) and more
`fragment`s (+2: sentences cut at a comma or at `not` by a page break); nothing else was set aside, and no sentence with a
fact. How the sample was judged: a pair's verdict is reused when its id and question are unchanged (18 of 50 from round
1's verdicts, 18 from earlier draws of seed 5052 during round 2); 14 were judged new on the final output. Caveat: the weak
classes fixed in round 2 were seen in earlier draws of this seed, so 78% is somewhat optimistic.
Not useful or marginal in the sample: `What is said about` pairs with vague subjects, `what did the study show?`, a
share asked as its object (*what did some 31 percent not borrow?*), an unnamed `the regulation`, a `the dates listed`
average over the 50 rows the ingest keeps of msft.csv's 65 (wrong for the file: the chunk does not carry the
`50 of 65 rows shown` note, a cross-stage fix), footnote digits glued to words (`paper43`). What keeps coverage at 77%
(61 units left, 19 in apt-README, 15 in us-006): pronoun or demonstrative subjects whose antecedent is a whole sentence
(*This also decides …*, *These effects, albeit modest, were found …*, *Option `X` shows this.*), clause subjects and
gerunds (*Preventing families from … is both infeasible and unethical*), lead phrases without a comma (*During the previous
programming period the Bank had agreed …*), imperatives (*Beware of different architecture settings!*), OCR-garbled notes
of the scan (6), and conditional instructions (*If you find that …, then try …*).

Round 1 (session 5): What changed in session 5 (branch
s5-qa): `What is said about <topic>?` is now the last resort and only for a topic that is the sentence's grammatical
subject; before it the offline writer asks about the predicate (`docproc.qa_clause`: *When did data collection begin?*,
*What does CMake automatically insert?*, *Where is APT maintained?*, *What percentage of the students made use of drugs in
the last month?*, yes/no questions for findings such as *there were no impacts on …*, list items *What is the purpose of
apt-get?*, a pronoun subject read as the previous sentence's). Table questions name their caption (*in Table 3 (European
ABCP issuance)*; `docproc.qa_tables`), an uncaptioned grid with only years for a header is not asked about, long tables
compare first/last and highest/lowest rows instead of every adjacent pair, `Total` rows are not ranked, headers with a
glued unit (`Cohesion Fund EURbn`) give answers with the unit. JSON settings get units and questions (`docproc.qa_json`).
Footnotes, sentences cut off by a page break and notes repeated under every table are set aside with counted reasons
(`coverage.set_aside`). What keeps usefulness below 75%, from the sample: table comparisons of arbitrary rows
(first against last country), subjects left vague once their antecedent is gone (`some conduits`, `data from 2007`,
`the study`), lists cut at a comma, ungrammatical source sentences, notes and URLs, and the remaining `What is said about`
pairs (one of them with a dangling `them` in its answer). Coverage went
*down* from 72.3% (session 4, same inputs) to 69%: dropping the vague-topic questions cost more units than the new
forms won, and the JSON schema's 3 units are new. What keeps coverage near 70%: sentences the rules cannot turn into a question (pronoun or clause subjects such as *This also
decides …*, *It is the job of …*, *You can see …*, relative clauses before the verb, *Among X, those whose …*), most
of them in apt-README, us-002 and us-006. The reasoning share stays near 10%: the offline writer finds few facts that
belong together and joins no unrelated ones; each document's `qa_metadata.json` says why (`reasoning.note`,
`rebalance.note`). The scripted real-model path was not run on these documents in this slice.

The session-4 figures (seed 17, 48% useful, 72% coverage) are in the section `## qa: real documents` above, with their
sample in `bench/qa_sample_s4.md`."""

SEED = 2026         # session 6 on merged main: bench/qa_sample.md (seed 1201 on f319913: qa_sample_s6_seed1201.md)
# s6-use drew 6017, 6029 and 6043 (bench/qa_sample_s6_seed*.md); session 5 drew 5052 (qa_sample_s5.md) and 505
# (qa_sample_s5r1.md); session 4 drew 17 (qa_sample_s4.md)
SECTION = 'qa: real documents (session 5)'

def sample(items:list[dict], n:int=50, seed:int=SEED) -> list[dict]:
    return random.Random(seed).sample(items, min(n, len(items)))

def verdicts(path:Path=ROOT/'bench'/'qa_verdicts.json') -> dict:
    return json.loads(path.read_text()) if path.is_file() else {}

def sample_md(s:list[dict], v:dict) -> str:
    cell = lambda x, k=220: (x if len(x) <= k else x[:k-1] + '…').replace('|', '\\|').replace('\n', ' ')
    rows = []
    for k, i in enumerate(s, 1):
        j = v.get(i['id'], {}) if v.get(i['id'], {}).get('question') == i['question'] else {}
        rows.append(f'| {k} | {i["doc"]} | {i["type"]} | {cell(i["question"])} | {cell(i["answer"], 160)} | '
                    f'{j.get("natural", "?")} | {j.get("correct", "?")} | {j.get("useful", "?")} | {cell(j.get("note", ""), 120)} |')
    useful = sum(1 for i in s if v.get(i['id'], {}).get('question') == i['question'] and v[i['id']].get('useful') == 'yes')
    judged = sum(1 for i in s if v.get(i['id'], {}).get('question') == i['question'])
    head = (f'# qa: a seeded random sample of {len(s)} kept pairs from real documents (seed {SEED}), judged by a reader\n\n'
            'Columns: natural and self-contained? correct against the source? useful for teaching the document\'s facts?\n\n'
            f'**Useful: {useful} of {judged} judged ({useful / max(1, judged):.0%}).**\n\n'
            '| # | doc | type | question | answer | natural | correct | useful | note |\n|---|---|---|---|---|---|---|---|---|\n')
    return head + '\n'.join(rows) + '\n'

def doc_table(r:dict) -> list[str]:
    "The per-document Markdown table of a `measure()` result (both reports end with it)."
    out = ['| document | pairs | factual | reasoning | table | units | coverage | left out | lint rejections | problem |',
           '|---|---|---|---|---|---|---|---|---|---|']
    for d, x in r['docs'].items():
        prob = '; '.join(x['problems']) or x['note'] or '—'
        out.append(f'| {d} | {x["pairs"]} | {x["factual"]} | {x["reasoning"]} | {x["table"]} | {x["units"]} | '
                   f'{x["coverage"]:.0%} | {x["left_out"] or "—"} | {x["lint"] or "—"} | {prob[:90]} |')
    return out

def report(r:dict, origins:dict, secs:float, s:list[dict], v:dict) -> str:
    judged = [i for i in s if v.get(i['id'], {}).get('question') == i['question']]
    useful = sum(v[i['id']].get('useful') == 'yes' for i in judged)
    out = [f'## {SECTION}', '',
           f'`PYTHONPATH=$PWD python bench/qa_real.py --write` ({time.strftime("%Y-%m-%d")}; offline backend, whole pipeline '
           f'ingest → qa through `docproc run`, {secs:.0f} s on the shared 2-core machine). Inputs: '
           + '; '.join(f'`{n}` ({o})' for n, o in origins.items()) + '.', '',
           f'- kept pairs: **{r["pairs"]}**; lint failures among kept pairs: **{sum(r["lint_in_kept"].values())}** '
           f'{r["lint_in_kept"] or ""}; pairs the lint rejected in the QA stage: {r["lint_rejected"]}',
           f'- questions asked with conflicting answers across the corpus: **{r["conflicts"]}**',
           f'- reasoning share (reasoning / (factual + reasoning)): **{r["reasoning_share"]:.0%}** (requested 30%)',
           f'- chunks left out, by kind: {r["left_out"] or "none"}',
           f'- body-unit coverage: **{r["body_coverage"]:.1%}** ({r["body_covered"]} of {r["body_units"]} units of the chunks asked about)',
           f'- sample: {len(s)} kept pairs (seed {SEED}), {len(judged)} judged, **{useful} useful ({useful / max(1, len(judged)):.0%})**; '
           'verdicts in `bench/qa_sample.md` and `bench/qa_verdicts.json`', '',
           NOTES, '',
           *doc_table(r)]
    return '\n'.join(out) + '\n'

SCRIPTED = '## qa: real documents, scripted real model (session 5)'

SCRIPTED_NOTES = """Before this branch (main at db7d53b, with this branch's scripted model and this script, run once from `git
archive`; not re-run by `--write`): 112 kept, of which only 53 (47%) named their subject (the request did not say which
document or section the chunk is from, so a model could not name it); **4 faulty questions kept** (`How does this affect
the configuration?`, `Why is that important for the dependencies?`: demonstratives the lint did not see); lint
rejections {'dangling_reference': 7, 'template_debris': 13, 'too_short': 5, 'unnamed_subject': 5,
'identifier_comparison': 3}; wrong answers kept 1; conflicting questions 0; QA requests {'body': 65}, none for a
left-out chunk. Midway (the request naming the document and section, the package otherwise unchanged), a model that did
name them lost 63 pairs to `question_not_grounded` (the figures of `eu-022.pdf` or of a heading `2007-2013` are not in
the chunk) and two documents (eu-018-scan, eu-022) failed with 0 pairs; the check now grounds a question's figures
against the title and heading path as well. Six right table look-ups were rejected as `table_question_mismatch`
because the row label `TOTAL` occurs in the column name `Total EURbn` (offline writer's pairs too); fixed. On the
offline path the same fixes give (the same inputs, `bench/qa_real.py --out DIR` without `--write`, so its own section
stays as recorded): kept pairs 183 -> 188 (eu-008 28 -> 33: those look-ups), lint rejections 26 -> 31 (doubled
hyphenated words, demonstratives), conflicting questions 0 -> 0, body-unit coverage 72.3% -> 72.3%.

What this does not show: coverage (36%) and the reasoning share (1%) on this path are the scripted model's, which
rewrites the offline writer's candidates and asks each once; a real model writes more, so these two figures say
nothing about the stage. The kept invented fact is the scripted judge's designed miss rate (about 1 in 10 of the
inventions the hard checks cannot see). Summary requests: before this branch every chunk was sent, licence, furniture
and low-quality OCR ones included (7 here); now those chunks, and documents without a body chunk, get the offline
summary (a label such as `Licence or legal text: Apache License.`) and no request."""

def report_scripted(r:dict, f:dict, a, secs:float) -> str:
    "The scripted-model section of RESULTS.md."
    grounding = {k: v for k, v in r['rejections'].items() if not k.startswith('lint_')}
    out = [SCRIPTED, '',
           f'`PYTHONPATH=$PWD python bench/qa_real.py --backend scripted --seed {a.seed} --faults {a.faults} '
           f'--api-errors {a.api_errors} --write` ({time.strftime("%Y-%m-%d")}, {secs:.0f} s on the shared 2-core machine): '
           'the same eleven inputs as `## qa: real documents`, stages 01-02 offline, stages 03-04 through `docproc run '
           '--backend openai` against `tests/real_model.py` (model `gpt-5` with OpenAI\'s parameter rules, judge `gpt-5-mini`, '
           '2 coverage iterations). The model starts from the offline writer\'s candidates, names the document or section the '
           'request gives, then changes each pair by a behaviour (right: paraphrase, reformatted numbers and evidence, …; wrong: '
           f'wrong number/unit/code/row, invented evidence or fact, negation) and gives {a.faults:.0%} of its questions a fault '
           '(dangling pronoun, too short, template debris, heading repeated, `the document` unnamed, arithmetic on page '
           f'numbers); {a.api_errors:.0%} of first tries get a 429/500/503; replies are plain, fenced, `<think>`-prefixed or '
           'cut off by reasoning.', '',
           f'- QA requests by content class of the chunk sent: **{f["qa_requests"]}** (left out by the stage: {r["left_out"] or "none"}); '
           f'summary requests by class: {f["summary_requests"]}; judge requests: {f["judge_requests"]}; merge requests: {f["merge_requests"]}',
           f'- API errors injected (status: count): {f["api_errors"] or "none"}; reply styles: {f["styles"]}; '
           f'400s from parameters: {f["rejected_params"]}',
           f'- pairs written by the model: {f["written"]}; kept after the stage: **{r["pairs"]}**, of which {f["named"]} '
           f'({f["named"] / max(1, r["pairs"]):.0%}) name their subject (a code, a quoted term, the document or the section)',
           f'- faulty questions written, by fault: {f["faults"]}; **kept: {len(f["kept_fault"])}**'
           + (f' ({f["kept_fault"][:5]})' if f['kept_fault'] else ''),
           f'- lint rejections in the QA stage, by reason: {r["lint_rejected"]}; lint failures among kept pairs: '
           f'**{sum(r["lint_in_kept"].values())}** {r["lint_in_kept"] or ""}',
           f'- wrong answers written, by behaviour: {f["wrong"]}; **kept: {len(f["kept_wrong"])}**'
           + (f' ({f["kept_wrong"][:5]})' if f['kept_wrong'] else '') + f'; other rejections in the stage (grounding, judge, '
           f'duplicates): {grounding}',
           f'- right pairs (no fault) kept: {f["right_kept"]} of {f["right"]} (the rest, from one in-process run with '
           'reasons recorded: mix rebalancing about 12, the judge\'s doubts about 5, near duplicates 3)',
           f'- questions asked with conflicting answers across the corpus: **{r["conflicts"]}**',
           f'- reasoning share: {r["reasoning_share"]:.0%}; body-unit coverage: {r["body_coverage"]:.1%} '
           f'({r["body_covered"]} of {r["body_units"]} units)', '', SCRIPTED_NOTES, '',
           *doc_table(r)]
    return '\n'.join(out) + '\n'

def write_section(text:str, path:Path=ROOT/'bench'/'RESULTS.md', name:str=f'## {SECTION}') -> None:
    "Replace (or append) this script's own section of RESULTS.md; the other sections stay as they are."
    old = path.read_text(encoding='utf-8')
    parts = re.split(r'(?m)^(?=## )', old)
    at = [k for k, p in enumerate(parts) if p.startswith(name + '\n')]
    if at: parts[at[0]] = text + ('\n' if at[0] < len(parts) - 1 else '')
    else: parts.append(('\n' if not parts[-1].endswith('\n\n') else '') + text)
    path.write_text(''.join(parts), encoding='utf-8')

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default='/tmp/docproc_qa_real'); ap.add_argument('--write', action='store_true')
    ap.add_argument('--reuse', action='store_true', help='measure an existing --out without running the pipeline')
    ap.add_argument('--backend', choices=['offline', 'scripted'], default='offline')
    ap.add_argument('--seed', type=int, default=0); ap.add_argument('--faults', type=float, default=0.25)
    ap.add_argument('--api-errors', type=float, default=0.05)
    ap.add_argument('--sample-seed', type=int, default=SEED, help='seed of the judged sample (session 6, merged main: 2026)')
    a = ap.parse_args()
    SEED = a.sample_seed
    if a.backend == 'scripted':
        out = Path(a.out if a.out != '/tmp/docproc_qa_real' else '/tmp/docproc_qa_real_scripted')
        inp = out.parent/(out.name + '_input')
        shutil.rmtree(out, ignore_errors=True); shutil.rmtree(inp, ignore_errors=True); gather(inp)
        secs, model, requests = run_scripted(inp, out, a.seed, a.faults, a.api_errors)
        r = measure(out)
        rep = report_scripted(r, scripted_figures(out, model, requests, r), a, secs)
        print(rep)
        if a.write: write_section(rep, name=SCRIPTED)
        sys.exit(0)
    out = Path(a.out)
    inp = out.parent/(out.name + '_input')
    if not a.reuse:
        shutil.rmtree(out, ignore_errors=True); shutil.rmtree(inp, ignore_errors=True)
    origins = gather(inp) if not a.reuse or not inp.is_dir() else {p.name: 'see ORIGINS' for p in sorted(inp.iterdir())}
    secs = run_pipeline(inp, out) if not a.reuse else 0.0
    r = measure(out)
    s, v = sample(r['items'], seed=SEED), verdicts()
    rep = report(r, origins, secs, s, v)
    print(rep)
    (out/'qa_sample_draft.md').write_text(sample_md(s, v))
    print(f'sample -> {out/"qa_sample_draft.md"}')
    if a.write:
        write_section(rep); (ROOT/'bench'/'qa_sample.md').write_text(sample_md(s, v))
