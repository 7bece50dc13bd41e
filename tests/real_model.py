"""A scripted model behind `LLMServer` that behaves like current strong models and knows the truth of every pair it writes.

    model = RealModel(seed=0, rules='openai')     # 'openai': gpt-5 parameter rules (400 for temperature / max_tokens)
    srv.handler = model                           # answers QA, judge and summary requests
    model.truth[norm(question)] -> Written(behaviour, correct, pair)

Its QA answers start from the offline writer's pairs (correct by construction) and change each one by a behaviour
drawn with the weights in `BEHAVIOURS` (the stated mix), among those that apply to the pair:

correct (a grounding check must keep them): `verbatim`; `paraphrase` (question reworded); `full_sentence` (the
answer as a sentence); `unit_spelling` (`2 h` -> `2 hours`, `m³/h` -> `m3/h`, `°C` -> `degrees C`, `bar` -> `bars`);
`evidence_format` (no `**`, backticks or list markers; a table row as comma-separated cells); `evidence_ellipsis`
("first words … last words"); `extra_figure` (adds a figure from the next sentence); `table_as_factual` (a table
look-up without `table_op`, the row as evidence).

wrong (must never be kept): `wrong_number`, `wrong_unit`, `wrong_code`, `swapped_row` (the value of another row,
with or without `table_op`), `invented_evidence` (a quote that is not in the chunk); and non-numeric inventions that
only a judge can see: `invented_fact` (one word of the answer replaced by another word of the chunk),
`negated` (the answer's instruction negated).

Question faults (`faults=` the share of pairs given one, default 0): what a real model writes when it forgets the
prompt's rules; the answer and evidence stay right, the question is bad training data, so the lint must reject it:
`dangling` (`What does it say about seals?`, `How does this affect pressure?`), `too_short` (`Why seals?`),
`template` (a doubled word, or the last word cut to a letter), `heading_repeat` (the section heading and nothing
more), `generic_subject` (`the document` without naming it), `identifier_comparison` (arithmetic on page numbers).
Without a fault the model names the document or section the request gives (`Where the chunk comes from`), as the
prompt asks. `api_errors=` the share of requests whose first try gets a 429, 500 or 503 (`self.api_errors` counts).

Replies: plain JSON, a preamble plus fenced JSON, a `<think>` block first, or (first try only) cut off with every
token spent on reasoning (`finish_reason: length`, empty content), in the weights of `STYLES`. The judge
(`judge_reply`) is a second, imperfect scripted model: it reads the evidence, not the truth; it misses about one
invention in ten and flags about one correct pair in fifty.
"""
from __future__ import annotations
import hashlib, json, random, re, threading
from dataclasses import dataclass
from docproc.llm_params import undelimit
from docproc.text import find_quantities, find_part_codes, fact_set, find_span, normalize_ws, sentence_spans, pipe_tables
from llm_server import Reply, openai_reasoning_rules

BEHAVIOURS = {   # name: (weight, correct)
    'verbatim': (16, True), 'paraphrase': (10, True), 'full_sentence': (8, True), 'unit_spelling': (8, True),
    'evidence_format': (10, True), 'evidence_ellipsis': (6, True), 'extra_figure': (4, True), 'table_as_factual': (6, True),
    'wrong_number': (6, False), 'wrong_unit': (5, False), 'wrong_code': (5, False), 'swapped_row': (5, False),
    'invented_evidence': (4, False), 'invented_fact': (5, False), 'negated': (3, False),
}
STYLES = {'plain': 50, 'fenced': 20, 'think': 20, 'truncated': 10}
FAULTS = {'dangling': 5, 'too_short': 3, 'template': 3, 'heading_repeat': 2, 'generic_subject': 2,
          'identifier_comparison': 1}
_SPELL = {'h': 'hours', 'min': 'minutes', 's': 'seconds', 'bar': 'bars', 'm³/h': 'm3/h', '°C': 'degrees C', 'hours': 'h'}
_OTHER_UNIT = {'bar': 'psi', 'psi': 'bar', 'h': 'min', 'hours': 'minutes', 'min': 's', 'mm': 'cm', '°C': '°F', 'm³/h': 'l/min',
               'rpm': 'Hz', 'kW': 'hp', 'kg': 'g', '%': 'ppm', 'days': 'weeks', 'mm/s': 'm/s', 'A': 'mA', 'V': 'kV', 'Nm': 'kNm',
               'N·m': 'kN', 'EUR': 'USD', 'drops/min': 'drops/h', 'K per minute': 'K per hour', 'months': 'years'}

_JUDGE_STOP = {'also', 'that', 'this', 'with', 'from', 'then', 'when', 'which', 'there', 'they', 'them', 'must', 'should'}

def norm(q:str) -> str: return normalize_ws(q).lower()

@dataclass
class Written:
    behaviour: str
    correct: bool
    pair: dict
    chunk: str = ''
    fault: str = ''      # a question fault (FAULTS), '' for none

def _rng(*parts) -> random.Random:
    return random.Random(int(hashlib.sha256('\0'.join(map(str, parts)).encode()).hexdigest()[:12], 16))

def _words(s:str) -> list[str]: return re.findall(r'[A-Za-z]{4,}', s)

class RealModel:
    "The handler: `srv.handler = RealModel()`."
    def __init__(self, seed:int=0, rules:str|None='openai', judge_miss:int=10, judge_false:int=50,
                 faults:float=0.0, api_errors:float=0.0):
        self.seed, self.rules, self.judge_miss, self.judge_false = seed, rules, judge_miss, judge_false
        self.faults, self.api_error_rate = faults, api_errors
        self.api_errors: dict[int, int] = {}
        self._tries: dict[str, int] = {}
        self.truth: dict[str, Written] = {}
        self.styles: dict[str, int] = {k: 0 for k in STYLES}
        self._seen: set[str] = set()
        self._written: set[tuple] = set()
        self._answers: dict[str, dict] = {}
        self._lock = threading.Lock()
        self.judged: dict[str, bool] = {}   # question -> passed the judge
        self.rejected_params = 0

    def __call__(self, body:dict) -> Reply:
        if self.rules == 'openai' and (r := openai_reasoning_rules(body)):
            self.rejected_params += 1; return r
        user = next((m['content'] for m in reversed(body['messages']) if m['role'] == 'user'), '')
        first_user = next((m['content'] for m in body['messages'] if m['role'] == 'user'), '')
        if (err := self._api_error(json.dumps(body['messages']))): return err
        if (pairs := undelimit(first_user, 'pairs')) is not None: return Reply.json(self.judge_reply(json.loads(pairs)))
        if (chunk := undelimit(first_user, 'chunk')) is None:
            return self._styled(self.summary(first_user), first_user, False)
        n = int(m.group(1)) if (m := re.search(r'Write (\d+) new pairs', first_user)) else 5
        kept = {norm(l[2:]) for l in (undelimit(first_user, 'kept') or '').splitlines() if l.startswith('- ')}
        where = dict(l.split(': ', 1) for l in (undelimit(first_user, 'where') or '').splitlines() if ': ' in l)
        with self._lock:   # a retry (after a client timeout) waits for the first answer and gets the same pairs
            if first_user not in self._answers: self._answers[first_user] = self.write(chunk, n, kept, where)
        return self._styled(self._answers[first_user], first_user, user is not first_user)

    def _api_error(self, key:str) -> Reply|None:
        "A 429, 500 or 503 on the first try of about `api_errors` of the requests."
        with self._lock:
            k = self._tries[key] = self._tries.get(key, 0) + 1
        rng = _rng(self.seed, 'api', key)
        if k > 1 or rng.random() >= self.api_error_rate: return None
        status = rng.choice([429, 500, 503])
        with self._lock: self.api_errors[status] = self.api_errors.get(status, 0) + 1
        return Reply.error(status, retry_after=0 if status == 429 else None)

    def summary(self, first_user:str) -> dict:
        "A summary request's answer: extractive, like the offline summarizer (a merge request merges its parts)."
        from docproc.summarize import offline_summary, offline_merge
        if (parts := undelimit(first_user, 'parts')) is not None:
            return offline_merge({'parts': [json.loads(l) for l in parts.splitlines() if l.strip()]}).model_dump()
        return offline_summary({'text': undelimit(first_user, 'document') or ''}).model_dump()

    def _styled(self, answer:dict, key:str, is_retry:bool) -> Reply:
        style = _rng(self.seed, 'style', key).choices(list(STYLES), weights=list(STYLES.values()))[0]
        js = json.dumps(answer, ensure_ascii=False)
        if style == 'truncated':
            if key not in self._seen:
                self._seen.add(key); self.styles['truncated'] += 1
                return Reply(content='', finish_reason='length', completion_tokens=4000, reasoning_tokens=4000)
            style = 'plain'
        self.styles[style] += 1
        if style == 'fenced': return Reply.text(f'Here are the question-answer pairs you asked for:\n\n```json\n{js}\n```\n')
        if style == 'think': return Reply.text(f'<think>The chunk covers {{"several": "facts"}}; I will quote the evidence.</think>\n{js}',
                                               reasoning_tokens=800, completion_tokens=1000)
        return Reply.text(js)

    def write(self, chunk:str, n:int, kept:set[str], where:dict|None=None) -> dict:
        "Up to `n` pairs for `chunk`, each changed by one behaviour (maybe with a question fault); truth recorded."
        from docproc.qa import subject_question
        where = where or {}
        title, hp = where.get('Document', ''), tuple(x for x in where.get('Section', '').split(' > ') if x)
        from docproc.qa import write_candidates
        out = []
        for c in write_candidates(chunk):
            if len(out) >= n: break
            if c.get('kind') == 'backup': continue    # 04p's second question: the offline writer's, not a model's
            base = {k: c[k] for k in ('question', 'answer', 'evidence', 'type', 'difficulty', 'table_op', 'calculation')}
            src = (hashlib.sha256(chunk.encode()).hexdigest(), base['question'])
            if norm(base['question']) in kept or src in self._written: continue   # each source pair is written once
            self._written.add(src)
            rng = _rng(self.seed, chunk[:200], base['question'])
            names = [b for b in BEHAVIOURS if _applies(b, base, chunk)]
            b = rng.choices(names, weights=[BEHAVIOURS[x][0] for x in names])[0]
            p = _apply(b, base, chunk, rng)
            if b == 'paraphrase' and title: p['question'] = p['question'].replace('the documentation', title)
            elif title or hp: p['question'] = subject_question(p['question'], hp, title)   # as the prompt asks
            fault = ''
            if rng.random() < self.faults:
                fs = [f for f in FAULTS if f != 'heading_repeat' or hp or title]
                fault = rng.choices(fs, weights=[FAULTS[f] for f in fs])[0]
                p['question'] = _fault(fault, p, hp, title, rng)
            if norm(p['question']) in self.truth or norm(p['question']) in kept: continue
            self.truth[norm(p['question'])] = Written(b, BEHAVIOURS[b][1] and not fault, p, chunk, fault)
            out.append({k: v for k, v in p.items() if not k.startswith('_')})
        return {'pairs': out}

    def judge_reply(self, pairs:list[dict]) -> dict:
        "Scores 1-5: correctness 1 when the answer negates, or adds words, that its evidence does not have; imperfect on purpose."
        scores = []
        for i, p in enumerate(pairs):
            ev, a, q = p['evidence'].lower(), p['answer'].lower(), p['question'].lower()
            bare = p['answer']
            for x in reversed(find_quantities(bare)): bare = bare[:x.start] + ' ' + bare[x.end:]   # figures are checked elsewhere
            bare = bare.lower()
            novel = [w for w in _words(bare) if w.lower() not in ev and w.lower() not in q and w.lower() not in _JUDGE_STOP]
            neg = bool(re.search(r"\b(?:not|never|no)\b|n't", a)) and not re.search(r"\b(?:not|never|no)\b|n't", ev)
            bad = neg or bool(novel)
            h = int(hashlib.sha256(p['question'].encode()).hexdigest()[:8], 16)
            if bad and h % self.judge_miss == 0: bad = False          # misses some inventions
            elif not bad and h % self.judge_false == 1: bad = True    # and doubts some correct pairs
            scores.append({'index': i, 'relevance': 5, 'correctness': 1 if bad else 5, 'clarity': 4})
            self.judged[norm(p['question'])] = not bad
        return {'scores': scores}

def _raw_evidence(p:dict, chunk:str) -> str:
    s = find_span(p['evidence'], chunk)
    return chunk[s[0]:s[1]] if s else p['evidence']

def _sentences(chunk:str) -> list[str]:
    return [chunk[a:b] for a, b in sentence_spans(chunk) if not chunk[a:b].lstrip().startswith('|')]

def _next_figure(p:dict, chunk:str) -> str|None:
    "A figure with a unit from the sentence after the evidence, that the evidence does not hold."
    sents = _sentences(chunk)
    ev = normalize_ws(_raw_evidence(p, chunk))
    for i, s in enumerate(sents[:-1]):
        if normalize_ws(s) == ev:
            have = fact_set(s)
            for q in find_quantities(sents[i + 1]):
                if q.unit and q.value not in have: return str(q)
    return None

def _applies(b:str, p:dict, chunk:str) -> bool:
    a, op, raw = p['answer'], p['table_op'], _raw_evidence(p, chunk)
    qs, codes = [q for q in find_quantities(a) if q.unit], find_part_codes(a)
    lookup = bool(op) and op['op'] == 'lookup'
    return {'verbatim': True, 'paraphrase': bool(re.match(r'(What|Which|How|When|Why|Where) ', p['question'])),
            'full_sentence': not op and not p['calculation'], 'unit_spelling': any(q.unit in _SPELL for q in qs),
            'evidence_format': '\n' not in raw.strip() and (raw.lstrip().startswith('|') or bool(re.search(r'\*\*|`|^\s*(?:[-*]|\d+\.)\s', raw, re.M))),
            'evidence_ellipsis': not raw.lstrip().startswith('|') and len(raw.split()) >= 12 and len(sentence_spans(raw)) == 1,
            'extra_figure': not op and not p['calculation'] and _next_figure(p, chunk) is not None,
            'table_as_factual': lookup, 'wrong_number': bool(find_quantities(a)), 'wrong_unit': any(q.unit in _OTHER_UNIT for q in qs),
            'wrong_code': bool(codes), 'swapped_row': lookup and _other_row(p, chunk) is not None,
            'invented_evidence': True, 'invented_fact': not op and not p['calculation'] and len(_words(a)) >= 2,
            'negated': not op and not p['calculation'] and len(a.split()) >= 2 and not re.search(r'\bnot\b', a)}[b]

def _other_row(p:dict, chunk:str) -> tuple[str, str]|None:
    "Another entity of the same table whose cell for the attribute differs: `(entity, its answer)`."
    from docproc.qa import table_view, table_answer, TableOp
    ts = pipe_tables(chunk)
    op = TableOp(**p['table_op'])
    v = next((table_view(t) for t in ts if t.index == op.table), None)
    if v is None: return None
    for e in v.entities:
        r = table_answer(v, op.model_copy(update={'entities': [e]}))
        if r and e not in op.entities and find_quantities(r[0]) and r[0] != p['answer']: return e, r[0]
    return None

def _apply(b:str, p:dict, chunk:str, rng:random.Random) -> dict:
    p, a = dict(p), p['answer']
    if b == 'paraphrase':
        m = re.match(r'(What|Which|How|When|Why|Where) (.*)\?$', p['question'])
        p['question'] = f'According to the documentation, {m.group(1).lower()} {m.group(2)}?'
    elif b == 'full_sentence':
        p['answer'] = (f'It is {a}.' if find_quantities(a) else f'{a[0].upper()}{a[1:]}.') if rng.random() < 0.5 else \
                      normalize_ws(re.sub(r'\*\*|`', '', _raw_evidence(p, chunk)))
    elif b == 'unit_spelling':
        q = next(q for q in find_quantities(a) if q.unit in _SPELL)
        p['answer'] = a[:q.start] + f'{q.value} {_SPELL[q.unit]}' + a[q.end:]
    elif b == 'evidence_format':
        raw = _raw_evidence(p, chunk)
        if raw.lstrip().startswith('|'): p['evidence'] = ', '.join(c.strip() for c in raw.strip().strip('|').split('|'))
        else: p['evidence'] = re.sub(r'^\s*(?:[-*]|\d+\.)\s+', '', re.sub(r'\*\*|`', '', raw), flags=re.M)
    elif b == 'evidence_ellipsis':
        w = _raw_evidence(p, chunk).split()
        p['evidence'] = ' '.join(w[:4]) + ' … ' + ' '.join(w[-4:])
    elif b == 'extra_figure': p['answer'] = f'{a} ({_next_figure(p, chunk)})'
    elif b == 'table_as_factual': p['table_op'], p['evidence'] = None, _raw_evidence(p, chunk)
    elif b == 'wrong_number':
        q, have = find_quantities(a)[0], fact_set(chunk)
        new = next(x for x in (str(int(float(q.value.replace(',', ''))) + d) for d in (1, 2, 3, 7, 11, 13)) if x not in have) \
            if re.fullmatch(r'\d+(?:,\d{3})*', q.value) else q.value + '5'
        p['answer'] = a[:q.start] + new + a[q.start + len(q.value):]
    elif b == 'wrong_unit':
        q = next(q for q in find_quantities(a) if q.unit in _OTHER_UNIT)
        p['answer'] = a[:q.start] + f'{q.value} {_OTHER_UNIT[q.unit]}' + a[q.end:]
    elif b == 'wrong_code':
        c, have = find_part_codes(a)[0], set(find_part_codes(_raw_evidence(p, chunk)))
        new = next(c[:-1] + x for x in 'XYZQ' if c[:-1] + x not in have)
        p['answer'] = a.replace(c, new)
    elif b == 'swapped_row':
        e, other = _other_row(p, chunk)
        p['answer'] = other
        if rng.random() < 0.5: p['table_op'], p['evidence'] = None, _raw_evidence(p, chunk)
    elif b == 'invented_evidence':
        p['evidence'] = f'The manual states that the answer to this is {a}, as confirmed by the service team.'
    elif b == 'invented_fact':
        ws, pool = _words(a), [w for w in _words(chunk) if w.lower() not in a.lower()]
        if pool:
            w = rng.choice(ws); p['answer'] = re.sub(rf'\b{re.escape(w)}\b', rng.choice(pool).lower(), a, count=1)
        else: p['answer'] = a + ' after draining the casing'
    elif b == 'negated': p['answer'] = ('Do not ' + a[0].lower() + a[1:]) if a[:1].isupper() else 'not ' + a
    return p

def _topic(p:dict, avoid:set[str]) -> str:
    "A word of the pair's evidence (not one of `avoid`) for a faulty question to be about."
    ws = [w.lower() for w in _words(p['evidence'])[:16] if w.lower() not in avoid and w.lower() not in _JUDGE_STOP]
    return max(ws, key=len) if ws else 'operation'

def _fault(f:str, p:dict, hp:tuple, title:str, rng:random.Random) -> str:
    "The question of `p` rewritten with question fault `f`."
    named = {w.lower() for h in (*hp, title) for w in _words(h)}
    t = _topic(p, named)
    if f == 'dangling':
        return rng.choice([f'What does it say about {t}?', f'How does this affect the {t}?',
                           f'What do they recommend for {t}?', f'Why is that important for the {t}?',
                           'What does this section describe?', f'What is it used for in {t}?'])
    if f == 'too_short': return rng.choice([f'Why {t}?', f'What about {t}?', f'{t.title()}?'])
    if f == 'template':
        w = p['question'].rstrip('?').split()
        if rng.random() < 0.5 and len(w) > 3: k = len(w) // 2; return ' '.join(w[:k] + [w[k]] + w[k:]) + '?'
        return ' '.join(w[:-1] + [w[-1][:1]]) + '?'
    if f == 'heading_repeat': return f'What does “{(hp[-1] if hp else title)}” cover?'
    if f == 'generic_subject': return f'What does the document say about {t}?'
    return f'How much higher is the page number of the {t} section than that of the introduction?'
