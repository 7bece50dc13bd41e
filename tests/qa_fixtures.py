"""Realistic stage-02/03 outputs for stage 04 (qa) tests, the 04_qa notebook and bench/qa.py.

`write_pump_manual(root)` writes `data/chunks/pump_manual/` (chunks.jsonl + chunk_###.txt, per the
cross-stage shapes in COMMON.md), `data/out/pump_manual/table_N.csv` and
`data/summaries/pump_manual_summary.json` under `root`: prose full of numbers, units and part codes,
pipe tables, a numbered procedure, a heading-only chunk and a German chunk.
`write_chunks(root, doc, texts)` writes any list of chunk texts the same way (bad-input tests).
"""
from __future__ import annotations
import hashlib, json, re
from pathlib import Path

PUMP_MANUAL = [
# chunk_001: a heading only (no facts)
"""# Centrifugal Pump Series P-100 Maintenance Manual""",
# chunk_002: scope and safety prose with a list
"""## 1 Scope and safety

Document AFS-MM-101, revision C, was issued by Axess Flow Systems, Plant Engineering. This manual covers the end-suction centrifugal pumps P-101A and P-101B and the split-case pump P-102.

The maximum operating pressure of pump P-101A is 16 bar (232 psi). The pumps are rated for a maximum operating pressure of 16 bar for P-101B and 25 bar for P-102. The permitted fluid temperature range is -10 °C to 120 °C. P-102 with the FKM seal kit SK-2045 is rated to 140 °C. The impeller of P-101A weighs 6.4 kg.

Before any maintenance work, observe the following precautions:

1. Isolate motor M-200 at circuit breaker CB-14 and lock it out.
2. Relieve system pressure to 0 bar through drain valve V-301.
3. Allow the casing to cool below 40 °C before opening it.
4. Wear cut-resistant gloves when handling the impeller.""",
# chunk_003: operating limits: intro, pipe table, prose after it
"""## 2 Operating limits

Table 1 lists the operating limits of each model. Operation outside these limits voids the warranty and shortens seal life.

| Parameter | P-101A | P-101B | P-102 |
|---|---|---|---|
| Max. operating pressure (bar) | 16 | 16 | 25 |
| Rated flow (m³/h) | 45 | 60 | 90 |
| Speed (rpm) | 2900 | 2900 | 1450 |
| Motor power (kW) | 7.5 | 11 | 18.5 |
| Max. fluid temperature (°C) | 120 | 120 | 140 |
| Min. NPSH required (m) | 2.8 | 3.4 | 4.1 |

The minimum continuous flow is 25 % of rated flow. Below that flow, recirculation raises the fluid temperature by up to 8 K per minute and damages the mechanical seal MS-3050.""",
# chunk_004: a table chunk (maintenance intervals)
"""## 3 Maintenance intervals

| Task | Part code | Interval (h) | Torque (N·m) |
|---|---|---|---|
| Check mechanical seal for leakage | MS-3050 | 250 | - |
| Inspect coupling alignment | CP-1120 | 500 | 45 |
| Re-grease drive-end bearing | BR-6308 | 2000 | - |
| Tighten foundation bolts | FB-M20 | 4000 | 350 |
| Replace casing gasket | GK-2210 | 8000 | 85 |
| Replace mechanical seal | MS-3050 | 16000 | 25 |
| Check motor terminal torque | MT-0400 | 4000 | 2.5 |
| Replace shaft sleeve | SS-7720 | 24000 | 60 |""",
# chunk_005: a procedure with a lubrication table
"""## 4 Lubrication and reassembly

Grease the bearings with the quantities below. Do not mix lithium and polyurea greases.

| Bearing | Grease | Quantity (g) | Interval (h) |
|---|---|---|---|
| BR-6308 | Lithium EP2 | 18 | 2000 |
| BR-6306 | Lithium EP2 | 12 | 2000 |
| MB-4410 | Polyurea PU-3 | 25 | 3000 |

Over-greasing raises the bearing temperature by 10 to 15 °C. After replacing the mechanical seal, set the seal compression to 7.5 mm ± 0.5 mm. The axial shaft play must not exceed 0.15 mm. Record every intervention in the maintenance log form AFS-F-17.""",
# chunk_006: German
"""## 6 Hinweise für den Betrieb

Der maximale Betriebsdruck der Pumpe P-101A beträgt 16 bar. Die Nenndrehzahl der Pumpe P-102 beträgt 1450 rpm. Vor dem Öffnen des Gehäuses muss die Pumpe auf unter 40 °C abkühlen. Die Gleitringdichtung MS-3050 ist alle 16000 h zu ersetzen.""",
]

PUMP_SUMMARY = {
    'doc': 'pump_manual',
    'summary': 'Maintenance manual AFS-MM-101 for the P-100 series centrifugal pumps P-101A, P-101B and P-102: operating limits, maintenance intervals, lubrication and reassembly.',
    'key_points': ['The maximum operating pressure of pump P-101A is 16 bar (232 psi).',
                   'The minimum continuous flow is 25 % of rated flow.'],
    'key_figures': [{'value': '16', 'unit': 'bar', 'context': 'maximum operating pressure of P-101A'},
                    {'value': '0.15', 'unit': 'mm', 'context': 'axial shaft play'}],
    'entities': ['Axess Flow Systems'], 'part_codes': ['P-101A', 'P-101B', 'P-102', 'MS-3050', 'AFS-F-17'],
    'table_descriptions': [{'table': 1, 'description': 'operating limits per pump model'}],
    'backend': 'offline', 'model': 'offline-extractive', 'prompt_version': 'fixture',
}

_TABLE_LINE = re.compile(r'^\s*\|.*\|\s*$')

def _kind(text:str) -> str:
    lines = [l for l in text.splitlines() if l.strip() and not l.lstrip().startswith('#')]
    if not lines: return 'prose'
    t = sum(bool(_TABLE_LINE.match(l)) for l in lines)
    return 'table' if t == len(lines) else 'mixed' if t else 'prose'

def _tables(text:str) -> list[list[list[str]]]:
    out, cur = [], []
    for l in text.splitlines() + ['']:
        if _TABLE_LINE.match(l): cur.append([c.strip() for c in l.strip().strip('|').split('|')])
        elif cur: out.append([r for r in cur if not all(re.fullmatch(r':?-{3,}:?', c) for c in r)]); cur = []
    return out

def write_chunks(root, doc:str, texts:list[str], summary:dict|None=None, pages:list|None=None) -> Path:
    "Write `texts` as the chunks of `doc` under `root/data/chunks/<doc>/` (+ table CSVs, + summary if given)."
    import csv, io
    root = Path(root); d = root/'data'/'chunks'/doc; d.mkdir(parents=True, exist_ok=True)
    rows, heading, ntab = [], [], 0
    for i, t in enumerate(texts, 1):
        cid = f'chunk_{i:03d}'
        (d/f'{cid}.txt').write_text(t, encoding='utf-8')
        hs = [l.lstrip('#').strip() for l in t.splitlines() if l.startswith('#')]
        if hs: heading = hs[:1]
        kind = _kind(t)
        pg = pages[i-1] if pages else None
        rows.append(dict(doc=doc, chunk_id=cid, index=i, file=f'{cid}.txt', chars=len(t), tokens=len(t.split()),
                         heading_path=heading, kind=kind, tableish=kind != 'prose', oversize=False,
                         page_start=pg, page_end=pg, sha256=hashlib.sha256(t.encode()).hexdigest()))
        for tab in _tables(t):
            ntab += 1; out = root/'data'/'out'/doc; out.mkdir(parents=True, exist_ok=True)
            buf = io.StringIO(); csv.writer(buf, lineterminator='\n').writerows(tab)
            (out/f'table_{ntab}.csv').write_text(buf.getvalue(), encoding='utf-8')
    (d/'chunks.jsonl').write_text(''.join(json.dumps(r, ensure_ascii=False) + '\n' for r in rows), encoding='utf-8')
    (d/'metadata.json').write_text(json.dumps({'doc': doc, 'chunks': len(rows)}), encoding='utf-8')
    if summary is not None:
        s = root/'data'/'summaries'; s.mkdir(parents=True, exist_ok=True)
        (s/f'{doc}_summary.json').write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding='utf-8')
    return d

def write_pump_manual(root, doc:str='pump_manual') -> Path:
    "The pump-manual fixture (6 chunks: heading only, prose, prose+table, table, procedure+table, German)."
    return write_chunks(root, doc, PUMP_MANUAL, {**PUMP_SUMMARY, 'doc': doc}, pages=[1, 1, 1, 1, 2, 2])

def huge_table(n:int=400) -> str:
    "One chunk that is one huge pipe table of `n` rows."
    rows = ['| Tag | Service | Flow (m³/h) | Head (m) |', '|---|---|---|---|']
    rows += [f'| P-{1000+i} | Service line {i} | {10 + (i*7) % 90} | {20 + (i*13) % 60} |' for i in range(n)]
    return '\n'.join(rows)

# --- the sample corpus, chunked without stage 01/02 (for bench/qa.py when those stages are absent) ---
def _split_md(text:str) -> list[str]:
    "Split Markdown at level-1/2 headings (a stand-in for stage 02)."
    parts, cur = [], []
    for l in text.splitlines():
        if re.match(r'#{1,2} ', l) and cur: parts.append('\n'.join(cur).strip()); cur = []
        cur.append(l)
    if cur: parts.append('\n'.join(cur).strip())
    return [p for p in parts if p]

def _csv_to_md(path) -> str:
    import csv
    rows = list(csv.reader(open(path, encoding='utf-8')))
    esc = lambda c: c.replace('|', '\\|')
    out = ['| ' + ' | '.join(map(esc, rows[0])) + ' |', '|' + '---|' * len(rows[0])]
    out += ['| ' + ' | '.join(map(esc, r)) + ' |' for r in rows[1:]]
    return '\n'.join(out)

def write_sample_corpus(root, samples) -> list[str]:
    "Chunks for the text-born samples (Markdown, text) and every expected sample table; returns the doc slugs."
    samples = Path(samples); docs = []
    write_pump_manual(root); docs.append('pump_manual')
    tg = _split_md((samples/'troubleshooting_guide.md').read_text(encoding='utf-8'))
    write_chunks(root, 'troubleshooting_guide', tg); docs.append('troubleshooting_guide')
    sn = (samples/'safety_notice.txt').read_text(encoding='utf-8').strip().split('\n\n')
    write_chunks(root, 'safety_notice', ['\n\n'.join(sn[:3]), '\n\n'.join(sn[3:])]); docs.append('safety_notice')
    for d in sorted((samples.parent/'expected').iterdir()):  # data/expected: ground truth beside the samples
        if not d.is_dir() or d.name in ('pump_maintenance_manual', 'troubleshooting_guide'): continue
        texts = [f'## {d.name.replace("_", " ").title()}\n\n' + _csv_to_md(f) for f in sorted(d.glob('table_*.csv'))]
        write_chunks(root, d.name, texts); docs.append(d.name)
    return docs
