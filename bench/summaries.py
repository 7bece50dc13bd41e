"""Stage 03 (summarize) on real documents: counts the summaries that break issue 17's rules, by rule.

    PYTHONPATH=$PWD python bench/summaries.py [--out DIR] [--reuse] [--show N] [--write]

Inputs: every PDF of bench/realworld/docs (text, scans) and the other kinds of bench/qa_real.py's ORIGINS (README,
licence, Python, CSV, JSON), through `docproc run --stages ingest,chunk,summarize --backend offline`. Then every chunk
summary and every document summary is checked (summary sentence = one sentence of `summary` or one key point):

- `empty`: a non-empty chunk (or document) with an empty summary;
- `page_numbers`: a sentence that is mostly bare numbers (`12 13 14`);
- `licence`: a sentence of licence or legal wording (two legal terms, or one with `redistribute`, `hereby`, `under
  the terms of` …), except the one-line label `Licence or legal text: …` of a licence;
- `fragment`: an extractive sentence that starts in the middle of a source sentence (the source has no sentence end
  before it) or starts in lower case, or any sentence without an end mark;
- `caption_or_link`: a `The text covers …` list that names a caption (`Table 5.—…`), a URL or a `References:` label;
- `ocr_noise`: a sentence a third of whose words read as OCR noise;
- `code_unnamed`: the summary of Python code that names none of the functions or classes it defines;
- `blank_columns`: a table described by a column list with blank names (`columns a, ey, , , ,`).
- `topic_debris` (session 9): a `The text covers …` item that is one of the source's headings and names no topic: it
  starts in lower case (a caption's wrapped tail, `by education system: 2011`), is a page note (`… left blank`), a
  `—Continued` caption, a line cut at `/`, or an appendix letter printed twice (`A Appendix A`); or the list has
  `and and`;
- `title_debris` (session 9): a table titled by a page marker or a cell border (`Table "<!-- page 1 -->"`);
- `table_note` (session 9): a table's rounding note or a `SOURCE:` line as a summary sentence.

--write appends (or replaces) the `## summaries: real documents (session 5)` section of bench/RESULTS.md with the
counts; `--before FILE` adds a column from a JSON file written by an earlier run (`--json FILE`).
"""
from __future__ import annotations
import argparse, ast, json, os, re, shutil, subprocess, sys, time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT/'bench')]
from docproc.content import is_legal, garbled_share, _LEGAL
from docproc.text import normalize_ws, split_sentences
from docproc.summary_text import _legalish

RULES = ('empty', 'page_numbers', 'licence', 'fragment', 'caption_or_link', 'ocr_noise', 'code_unnamed',
         'blank_columns', 'topic_debris', 'title_debris', 'table_note')
SECTION = '## summaries: real documents (session 5)'

def gather(dest:Path) -> dict[str, str]:
    "Every PDF (and the photo) of bench/realworld/docs plus qa_real's other kinds, copied into `dest`."
    import qa_real
    dest.mkdir(parents=True, exist_ok=True)
    for p in sorted((ROOT/'bench'/'realworld'/'docs').iterdir()):
        if p.suffix.lower() in ('.pdf', '.jpg', '.png'): shutil.copy(p, dest/p.name)
    qa_real.gather(dest)
    return {p.name: p.suffix for p in sorted(dest.iterdir())}

def run(inp:Path, out:Path) -> float:
    t0 = time.perf_counter()
    env = {**os.environ, 'PYTHONPATH': str(ROOT), 'HF_HUB_OFFLINE': '1', 'TOKENIZERS_PARALLELISM': 'false'}
    cli = [sys.executable, '-c', 'import sys; from docproc.cli import main; sys.exit(main())']
    subprocess.run(cli + ['run', '--input', str(inp), '--out', str(out), '--backend', 'offline', '--quiet',
                          '--stages', 'ingest,chunk,summarize'],
                   check=False, env=env, cwd=ROOT)
    return time.perf_counter() - t0

def _sentences(rec:dict) -> list[str]:
    return ([normalize_ws(s) for s in split_sentences(rec.get('summary') or '')]
            + [normalize_ws(k) for k in rec.get('key_points') or []])

_ENDS = re.compile(r'(?:[.!?:;]["”’)\]*]*,?|\))$')
_CAPTION = re.compile(r'^\W*(?:figure|fig\.|table|exhibit|chart|graph|source|note)s?\b', re.I)

def _starts_mid_sentence(s:str, source:str) -> bool:
    "Is `s` copied from `source` only from points that are not a sentence start (a page or column break in a sentence)?"
    src = '\n'.join(normalize_ws(l) for l in source.splitlines())
    ats = [m.start() for m in re.finditer(re.escape(s[:40]), src)]
    return bool(ats) and all(_mid(src[:at], s) for at in ats)   # not copied (a written sentence): not judged

def _mid(before:str, s:str) -> bool:
    if before.rstrip(' ').endswith('\n') or not before.strip():
        prev = [l for l in before.splitlines() if l and not l.startswith('<!--')]
        if not prev: return False
        p = prev[-1]
        if re.match(r'^(?:#|\||[-*+]\s|\d+[.)]\s|>)', p) or re.match(r'^(?:[-*+]|\d+[.)])\s', s) or _CAPTION.match(p):
            return False
        return not _ENDS.search(p) and not (before.endswith('\n\n') and re.match(r'^[A-Z]', s) and len(p.split()) <= 12)
    return not _ENDS.search(before.rstrip()) and not re.search(r'(?:\"\"\"|\'\'\')\s*$', before)   # a docstring's start

def _code_names(text:str) -> set[str]:
    names = set()
    for b in re.findall(r'(?ms)^[ \t]*```(?:python|py)?[^\n]*\n(.*?)^[ \t]*```', text) or [text]:
        try: names |= {n.name for n in ast.walk(ast.parse(b)) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        except SyntaxError: pass
    return names

def violations(rec:dict, source:str, kind:str='prose') -> list[tuple[str, str]]:
    "(rule, sentence) for each rule the summary `rec` of `source` breaks."
    out = []
    if source.strip() and not (rec.get('summary') or '').strip(): return [('empty', '')]
    covers = re.search(r'The text covers (.*?)\.(?:\s|$)', rec.get('summary') or '')
    if covers and re.search(r'https?://|www\.|\b(?:Table|Figure|Chart|Exhibit)\s*\d|References?:', covers.group(1)):
        out.append(('caption_or_link', covers.group(0)))
    # a `The text covers …` item that is no topic: lower-case start (a caption's tail), a cut line, a page note
    heads = [re.sub(r'^#+\s*|[*_`]', '', l).strip().rstrip(':')
             for l in source.splitlines() if re.match(r'#{1,6}\s', l)]
    debris = lambda h: (h[:1].islower() or re.search(r'(?i)left blank|[—–-]\s*continued\W*$|[/,&]$', h)
                        or re.match(r'([A-Z]) Appendix \1\b', h))
    if covers and (re.search(r'\band and\b', covers.group(1))
                   or any(h and debris(h) and re.search(rf'(?:^|, | and ){re.escape(h)}(?:,| and |$)', covers.group(1))
                          for h in heads)):
        out.append(('topic_debris', covers.group(0)))
    for s in _sentences(rec):
        toks = s.split()
        nums = sum(bool(re.fullmatch(r'[\d.,()%–-]*\d[\d.,()%–-]*', t)) for t in toks)
        if re.search(r',\s*,', s): out.append(('blank_columns', s))
        if re.match(r'Table "(?:<!--|\|)', s): out.append(('title_debris', s))   # a page marker or cell border as title
        if re.search(r'(?i)\bmay not (?:sum|add) to totals?|because of rounding|^source:\s', s):
            out.append(('table_note', s))
        if nums >= 3 and nums >= 0.5 * len(toks): out.append(('page_numbers', s))
        if not s.startswith('Licence or legal text') and (_legalish(s) or len(_LEGAL.findall(s)) >= 2):
            out.append(('licence', s))
        if s.startswith(('The text covers', 'It defines', 'A JSON document', 'Table ', 'A text headed', 'Licence or')):
            pass
        elif re.match(r'^[a-z]', s) or not re.search(r'[.!?:]["”’)*]*$', s) or _starts_mid_sentence(s, source):
            out.append(('fragment', s))
        if len(toks) >= 6 and garbled_share(s) >= 0.3 and not s.startswith(('A table', 'Table ')):
            out.append(('ocr_noise', s))
    names = _code_names(source) if kind == 'code' or '```python' in source else set()
    if names and not any(n in (rec.get('summary') or '') for n in names):
        out.append(('code_unnamed', rec.get('summary', '')[:80]))
    return out

def check(out:Path) -> dict:
    "Violations over every chunk and document summary under `out`."
    by, ex, n_chunk, n_doc, bad = Counter(), {}, 0, 0, set()
    for d in sorted(p for p in (out/'chunks').iterdir() if (p/'chunks.jsonl').is_file()):
        texts = []
        for l in (d/'chunks.jsonl').read_text().splitlines():
            if not l.strip(): continue
            row = json.loads(l); text = (d/row['file']).read_text(encoding='utf-8'); texts.append(text)
            f = out/'summaries'/'chunks'/d.name/f'{row["chunk_id"]}.json'
            rec = json.loads(f.read_text()) if f.is_file() else {}
            n_chunk += 1
            for rule, s in violations(rec, text, row.get('kind', 'prose')):
                by[rule] += 1; bad.add((d.name, row['chunk_id']))
                ex.setdefault(rule, []).append(f'{d.name}/{row["chunk_id"]}: {s[:140]}')
        f = out/'summaries'/f'{d.name}_summary.json'
        rec = json.loads(f.read_text()) if f.is_file() else {}
        n_doc += 1
        md = out/'out'/d.name/'text.md'
        src = md.read_text(encoding='utf-8') if md.is_file() else '\n\n'.join(texts)
        for rule, s in violations(rec, src, 'code' if d.name.endswith('py') or '```python' in src else 'prose'):
            by['doc_' + rule] += 1; bad.add((d.name, 'doc'))
            ex.setdefault('doc_' + rule, []).append(f'{d.name}: {s[:140]}')
    return dict(chunks=n_chunk, docs=n_doc, summaries_with_violations=len(bad), by_rule=dict(sorted(by.items())),
                examples=ex)

def report(r:dict, secs:float, before:dict|None) -> str:
    keys = [k for x in RULES for k in (x, 'doc_' + x)]
    was = lambda k: before['by_rule'].get(k, 0) if before else '—'
    rows = [f'| {k} | {was(k)} | {r["by_rule"].get(k, 0)} |' for k in keys]
    return '\n'.join([SECTION, '',
        f'`PYTHONPATH=$PWD python bench/summaries.py --write` ({time.strftime("%Y-%m-%d")}; offline backend, '
        f'{secs:.0f} s): every PDF and the photo of bench/realworld/docs and the README, licence, Python, CSV and JSON of '
        f'bench/qa_real.py ORIGINS, {r["docs"]} documents, {r["chunks"]} chunk summaries and {r["docs"]} document summaries, '
        'each sentence and key point checked by the rules in the script\'s docstring (`doc_` = a document summary).', '',
        f'Summaries breaking a rule: **{r["summaries_with_violations"]}** of {r["chunks"] + r["docs"]}'
        + (f' (before: {before["summaries_with_violations"]})' if before else '') + '.'
        + (' "Before" is main at db7d53b (stages 02-03 from `git archive` over the same stage-01 outputs, checked by this '
           'script: `--json`, then `--before`).' if before else ''), '',
        'What is left: fragments where a PDF\'s chart labels or a footnote number run into a sentence (`0 to 24 years 25 '
        'to 59 years … Source: Statistics Finland, 2006.`, `13NAEP region …`), a sentence that starts after a reference '
        '(`2009 in Bucher-Koenen and Lusardi (2010).`), a table row extracted as prose (us-025) and one reference-list '
        'line read as OCR noise. The examples of each rule are printed by the script (`--show N`).', '',
        '| rule | before | now |', '|---|---|---|', *rows, '']) + '\n'

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default='/tmp/docproc_summaries'); ap.add_argument('--reuse', action='store_true')
    ap.add_argument('--show', type=int, default=3); ap.add_argument('--json'); ap.add_argument('--before')
    ap.add_argument('--write', action='store_true')
    a = ap.parse_args()
    out = Path(a.out); inp = out.parent/(out.name + '_input')
    secs = 0.0
    if not a.reuse:
        shutil.rmtree(out, ignore_errors=True); shutil.rmtree(inp, ignore_errors=True)
        gather(inp); secs = run(inp, out)
    r = check(out)
    for k, v in r['examples'].items():
        print(f'{k}: {len(v)}'); [print('   ', x) for x in v[:a.show]]
    before = json.loads(Path(a.before).read_text()) if a.before else None
    rep = report(r, secs, before); print(rep)
    if a.json:
        Path(a.json).write_text(json.dumps({k: r[k] for k in ('chunks', 'docs', 'summaries_with_violations', 'by_rule')}))
    if a.write:
        from qa_real import write_section
        write_section(rep, name=SECTION)
