"""Issue 21's move table: where every exported definition of today's docproc/ goes; a check that a plan names each once.

    python tools/restructure_plan.py --tables           # print the per-target tables (Markdown) from the rules below
    python tools/restructure_plan.py --check PLAN.md    # every definition of nbs/ export cells named once in PLAN.md
    python tools/restructure_plan.py --imports          # docproc imports of private names, and imports inside functions
    python tools/restructure_plan.py --layers           # what each target module would import; cycles among them
    ... --root DIR                                      # read another checkout (e.g. a branch not merged yet)

A definition is a top-level name bound by an export cell (def, class, assignment, also inside a top-level if/try):
the same set `ast` finds in docproc/*.py (checked: the two agree). The rules map (notebook, cell index) to a target
module, with per-name exceptions; a name whose cell has no rule is reported, so new cells are noticed.
In PLAN.md a definition is named in a table row `| target | source module (notebook cell) | `a`, `b` |`.
"""
from __future__ import annotations
import ast, re, sys
from collections import Counter, defaultdict
from pathlib import Path
import nbformat

ROOT = Path(__file__).resolve().parent.parent

def _names(node) -> list[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)): return [node.name]
    if isinstance(node, ast.Assign):
        return [n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name): return [node.target.id]
    if isinstance(node, (ast.If, ast.Try)):
        body = node.body + node.orelse + [x for h in getattr(node, 'handlers', []) for x in h.body]
        return [n for b in body for n in _names(b)]
    return []

def definitions(nbs:Path=ROOT/'nbs') -> list[dict]:
    "One row per definition of an export cell: notebook, cell index, module (default_exp), name, lines."
    rows = []
    for nb in sorted(nbs.glob('*.ipynb')):
        cells = nbformat.read(nb, as_version=4).cells
        mod = next((m.group(1) for c in cells if c.cell_type == 'code'
                    for m in [re.search(r'^#\|\s*default_exp\s+(\S+)', c.source, re.M)] if m), None)
        for i, c in enumerate(cells):
            if c.cell_type != 'code' or not re.search(r'^#\|\s*exports?\b', c.source, re.M): continue
            src = '\n'.join(l for l in c.source.splitlines() if not l.startswith(('#|', '%')))
            seen, cell = set(), []
            for node in ast.parse(src).body:
                for n in _names(node):
                    if n == '__all__' or n in seen: continue
                    seen.add(n)
                    cell.append(dict(nb=nb.stem, cell=i, mod=mod, name=n, lines=node.end_lineno - node.lineno + 2))
            rows += [dict(r, first=cell[0]['name']) for r in cell]
    return rows

# (notebook, first definition of the cell) -> target module; (notebook, None): every other cell of that notebook.
# Cells are named by their first definition, not their index, so cells added elsewhere in a notebook do not shift them.
CELLS = {
    ('00_core', '_Section'): 'config', ('00_core', 'ConfigError'): 'config', ('00_core', 'SECRET_NAMES'): 'config',
    ('00_core', 'get_logger'): 'config', ('00_core', '_SLUG_MAX'): 'store', ('00_core', 'current_umask'): 'store',
    ('00_core', 'sha256_bytes'): 'store', ('00_core', '_ENCODINGS'): 'text', ('00_core', 'DocResult'): 'stage',
    ('00_core', 'write_run_summary'): 'stage',
    ('00_text', None): 'text',
    ('02b_content', None): 'text',
    ('00_llm', None): 'llm', ('00_llm', '_WORD'): 'summary_text', ('00_llm', '_context_lines'): 'summary_text',
    ('00_llm', 'pipe_tables'): 'summary_text', ('00_llm', 'BeautifiedMarkdown'): 'ingest.stage',
    ('00_llm', 'beautifier'): 'ingest.stage',
    ('00b_llm_params', None): 'llm',
    ('00c_doc_pool', None): 'stage',
    ('01_ingest', 'Block'): 'ingest.blocks', ('01_ingest', 'normalize_rows'): 'ingest.blocks',
    ('01_ingest', 'render_markdown'): 'ingest.blocks', ('01_ingest', 'merge_continued_tables'): 'ingest.blocks',
    ('01_ingest', 'fact_tokens'): 'ingest.blocks', ('01_ingest', 'IngestError'): 'ingest.formats',
    ('01_ingest', 'decode_text'): 'ingest.formats', ('01_ingest', '_md_plain'): 'ingest.formats',
    ('01_ingest', '_csv_rows'): 'ingest.formats', ('01_ingest', '_docx_table_rows'): 'ingest.formats',
    ('01_ingest', '_BULLET'): 'ingest.pdf', ('01_ingest', '_table_row_candidate'): 'ingest.pdf',
    ('01_ingest', '_gutters'): 'ingest.pdf', ('01_ingest', '_ruled_tables'): 'ingest.pdf',
    ('01_ingest', '_furniture'): 'ingest.pdf', ('01_ingest', 'pdf_native_pages'): 'ingest.pdf',
    ('01_ingest', 'join_split_paragraphs'): 'ingest.pdf', ('01_ingest', '_binarize'): 'ingest.ocr',
    ('01_ingest', '_line_positions'): 'ingest.ocr', ('01_ingest', '_tesseract_env'): 'ingest.ocr',
    ('01_ingest', 'speckle_share'): 'ingest.ocr', ('01_ingest', '_PLAIN_NUMBER'): 'ingest.ocr',
    ('01_ingest', 'PageOCR'): 'ingest.ocr', ('01_ingest', 'open_image_header'): 'ingest.ocr',
    ('01_ingest', 'extract_local'): 'ingest.stage', ('01_ingest', 'AZURE_DROP_ROLES'): 'ingest.azure',
    ('01_ingest', 'ReplayTransport'): 'testing', ('01_ingest', 'azure_client'): 'ingest.azure',
    ('01_ingest', 'write_outputs'): 'ingest.stage', ('01_ingest', 'INGEST_VERSION'): 'ingest.stage',
    ('01_ingest', 'cmd_ingest'): 'cli', ('01_ingest', 'levenshtein'): 'bench/metrics',
    ('01a_ingest_tables', None): 'ingest.tables',
    ('01b_ingest_html', None): 'ingest.html',
    ('01b_ingest_layout', None): 'ingest.layout',
    ('01c_ingest_scan', None): 'ingest.scan',
    ('01s_ingest_safety', None): 'ingest.formats',
    ('02_chunk', None): 'chunk.pack', ('02_chunk', '_CTRL'): 'store', ('02_chunk', 'PAGE_MARK'): 'chunk.blocks',
    ('02_chunk', 'Unit'): 'chunk.blocks', ('02_chunk', 'md_blocks'): 'chunk.blocks',
    ('02_chunk', 'Sizer'): 'chunk.blocks', ('02_chunk', '_CLAUSE'): 'chunk.blocks',
    ('02_chunk', '_trim_span'): 'chunk.blocks', ('02_chunk', 'CHUNKER_VERSION'): 'chunk.stage',
    ('02_chunk', 'cmd_chunk'): 'cli',
    ('02b_chunk_cap', None): 'chunk.pack',
    ('03_summarize', None): 'summarize', ('03_summarize', '_CHUNK_NAME'): 'summarize',
    ('03_summarize', 'write_chunks_for_test'): 'testing', ('03_summarize', 'cmd_summarize'): 'cli',
    ('03b_summary_text', None): 'summary_text',
    ('04_qa', 'cell_number'): 'qa.facts', ('04_qa', '_CODEISH'): 'qa.facts', ('04_qa', '_FENCE'): 'qa.facts',
    ('04_qa', 'Unit'): 'qa.units', ('04_qa', 'pair_target'): 'qa.units', ('04_qa', '_IRREGULAR_PP'): 'qa.phrasing',
    ('04_qa', '_QTY_TXT'): 'qa.writer', ('04_qa', '_DECL_VERBS'): 'qa.writer',
    ('04_qa', '_QUANTITY_WORDS'): 'qa.tables', ('04_qa', 'bridge_questions'): 'qa.code',
    ('04_qa', '_FUNCTION_WORDS'): 'qa.phrasing', ('04_qa', '_returned'): 'qa.code',
    ('04_qa', 'write_candidates'): 'qa.writer', ('04_qa', 'PROMPT_VERSION'): 'qa.prompts',
    ('04_qa', 'norm_question'): 'qa.checks', ('04_qa', '_content_words'): 'qa.checks',
    ('04_qa', '_CANDIDATES'): 'qa.writer', ('04_qa', 'DIFFICULTIES'): 'qa.units',
    ('04_qa', '_clean_heading'): 'qa.checks', ('04_qa', 'select_chunks'): 'qa.stage', ('04_qa', 'ChunkQA'): 'qa.loop',
    ('04_qa', '_CAPTION'): 'qa.units', ('04_qa', 'QASet'): 'qa.loop', ('04_qa', '_drop_items'): 'qa.checks',
    ('04_qa', 'read_chunks'): 'qa.stage', ('04_qa', '_qa_cli'): 'cli',
    ('04b_qa_lint', None): 'lint',
    ('04c_qa_grounding', None): 'qa.grounding',
    ('04d_qa_reasoning', None): 'qa.reasoning',
    ('04e_qa_clause', None): 'qa.clause', ('04e_qa_clause', 'term_question'): 'qa.sentences',
    ('04f_qa_tables', None): 'qa.tables',
    ('04g_qa_json', None): 'qa.code',
    ('04h_qa_sentences', None): 'qa.sentences',
    ('05_dataset', None): 'dataset', ('05_dataset', '_SEAL_STEPS'): 'testing',
    ('05_dataset', 'MESSAGE_KEYS'): 'dataset_check', ('05_dataset', 'CHATML_STRICT'): 'dataset_check',
    ('05_dataset', 'DatasetValidationError'): 'dataset_check', ('05_dataset', 'length_histograms'): 'dataset_card',
    ('05_dataset', 'cmd_dataset'): 'cli',
    ('05b_evalsets', None): 'evalsets',
    ('06_train', None): 'train', ('06_train', '_PUMPS'): 'testing', ('06_train', '_NUM'): 'evaluate',
    ('06_train', 'score_answers'): 'evaluate', ('06_train', 'CHATML_TEMPLATE'): 'testing',
    ('06_train', '_prompts'): 'evaluate', ('06_train', 'cmd_train'): 'cli',
    ('06b_evaluate', None): 'evaluate',
    ('07_pipeline', 'STAGES'): 'stage', ('07_pipeline', 'OUTPUT_DIRS'): 'config',
    ('07_pipeline', 'RunError'): 'pipeline', ('07_pipeline', 'STAGE_READS'): 'stage',
    ('07_pipeline', 'EXECUTOR_STAGES'): 'executors', ('07_pipeline', 'RunResult'): 'pipeline',
    ('07_pipeline', 'Preview'): 'report', ('07_pipeline', '_run_facts'): 'report', ('07_pipeline', '_png'): 'report',
    ('07_pipeline', '_ms'): 'report', ('07_pipeline', '_run_cli'): 'cli',
    ('07_pipeline', 'parse_list_param'): 'batch', ('07_pipeline', 'StageFailed'): 'batch',
    ('07_pipeline', '_batch_cli'): 'cli',
    ('07a_withdraw', None): 'pipeline',
    ('07b_run_lock', None): 'store',
    ('08_cli', None): 'cli',
    ('09_api', None): '__init__',
    # chapters of session 6's QA branches (s6-man, s6-rep, s6-use, s6-gen), merged on main
    ('04i_qa_howto', None): 'qa.howto',
    ('04j_qa_report', None): 'qa.report',
    ('04k_qa_subject', None): 'qa.subject',
    ('04l_qa_fallback', None): 'qa.fallback',   # ≈320 lines: its own module, below qa.sentences (which calls it)
    # chapters of sessions 7-8 (each its own module under the target package; qa_shape/qa_spans below the writers)
    ('01_ingest', '_GLYPH'): 'ingest.pdf', ('01_ingest', '_HANGING'): 'ingest.blocks',
    ('01d_ingest_columns', None): 'ingest.columns',
    ('02c_chunk_captions', None): 'chunk.pack',
    ('04m_qa_rows', None): 'qa.rows', ('04n_qa_figures', None): 'qa.figures', ('04o_qa_leads', None): 'qa.leads',
    ('04p_qa_plain', None): 'qa.plain', ('04q_qa_aside', None): 'qa.aside', ('04r_qa_manuals', None): 'qa.manuals',
    ('04s_qa_shape', None): 'qa.shape', ('04t_qa_tablequest', None): 'qa.tablequest', ('04u_qa_tablefix', None): 'qa.tablequest',
    ('04v_qa_tablename', None): 'qa.tablename', ('04w_qa_selfcontained', None): 'qa.selfcontained',
    ('04x_qa_generic', None): 'qa.selfcontained', ('04y_qa_vague', None): 'qa.selfcontained', ('04z_qa_spans', None): 'qa.spans',
    ('04za_qa_trends', None): 'qa.trends', ('04zb_qa_sentcover', None): 'qa.sentcover',
    ('04zc_qa_tableprefix', None): 'qa.tablename', ('04zd_qa_fragments', None): 'qa.aside', ('04ze_qa_trivia', None): 'qa.aside',
    ('04zf_qa_grammar', None): 'qa.grammar',
    # chapters of session 9: sentence forms for the writer's gaps, each its own module beside the other forms
    ('04zg_qa_numbers', None): 'qa.numbers', ('04zh_qa_when', None): 'qa.when', ('04zi_qa_causes', None): 'qa.causes',
    ('04zj_qa_openers', None): 'qa.openers', ('04zk_qa_verbs', None): 'qa.verbs',
}
# (source module, name) -> target, where a name leaves its cell's target
NAMES = {
    ('core', '_md_cell'): 'text', ('llm', 'pipe_tables'): 'summary_text',
    ('ingest', 'IngestError'): 'ingest.blocks', ('ingest', 'CODE_LANGS'): 'ingest.blocks',
    ('ingest', 'load_cv2'): 'ingest.ocr', ('ingest', 'ocr_pages'): 'ingest.ocr',
    ('ingest', 'ocr_page_stats'): 'ingest.ocr',
    ('ingest', '_open_pdfium'): 'ingest.ocr', ('ingest', '_PDFIUM'): 'ingest.ocr', ('ingest', 'scan_dpi'): 'ingest.ocr',
    ('ingest', 'join_split_paragraphs'): 'ingest.blocks', ('ingest', '_join_text'): 'ingest.blocks',
    ('summarize', 'write_chunks_for_test'): 'testing', ('summarize', '_norm_num'): 'text',
    ('qa', 'cell_number'): 'text', ('qa', 'fmt_number'): 'text', ('qa', '_numbers_in'): 'text',
    ('qa', '_FENCE'): 'text', ('qa', 'code_blocks'): 'text', ('qa', '_line_offsets'): 'text',
    ('qa', '_LIST_ITEM_RE'): 'qa.phrasing', ('qa', '_cand'): 'qa.phrasing', ('qa', '_imperative_phrase'): 'qa.phrasing',
    ('qa', '_DECL_VERBS'): 'qa.writer',
    ('qa', '_QUANTITY_WORDS'): 'qa.phrasing', ('qa', '_LENGTH_UNITS'): 'qa.phrasing',
    ('qa', '_attr_name'): 'qa.phrasing',
    ('qa', '_noun'): 'qa.phrasing', ('qa', '_entity_phrase'): 'qa.phrasing', ('qa', '_COMPARATIVES'): 'qa.phrasing',
    ('qa', '_plural'): 'qa.phrasing',
    ('qa', 'reasoning_questions'): 'qa.reasoning', ('qa', '_RANGE'): 'qa.reasoning', ('qa', '_TOL'): 'qa.reasoning',
    ('qa', 'figure_reasoning'): 'qa.reasoning', ('qa', 'list_order_questions'): 'qa.reasoning',
    ('qa', 'bridge_questions'): 'qa.writer', ('qa', 'JUDGE_PROMPT'): 'qa.prompts',
    ('qa_reasoning', 'reasoning_report'): 'qa.writer',
    ('qa', '_TABLES'): 'qa.facts', ('qa', '_chunk_tables'): 'qa.facts',
    ('qa', 'select_chunks'): 'qa.units', ('qa', 'content_meta'): 'qa.units',
    ('train', '_NUM'): 'text', ('train', '_norm_num'): 'text', ('train', 'numbers_in'): 'text',
    ('pipeline', 'apply_run_options'): 'config', ('pipeline', 'RunError'): 'stage',
    ('pipeline', 'EXECUTOR_STAGES'): 'stage',
    ('pipeline', 'stage_docs'): 'REMOVED', ('pipeline', 'stage_inputs'): 'REMOVED',
    ('pipeline', 'STAGE_READS'): 'REMOVED', ('pipeline', '_BEFORE'): 'REMOVED',
    ('qa_json', '_SCHEMA_KEYS'): 'qa.facts', ('qa_json', '_block_end'): 'qa.facts',
    ('qa_json', 'json_blocks'): 'qa.facts', ('qa_json', 'json_settings'): 'qa.facts',
    ('qa_json', 'json_units'): 'qa.units',
    ('dataset', 'DatasetError'): 'dataset_check', ('dataset', 'example_tokens'): 'dataset_check',
    ('train', 'TrainError'): 'evaluate', ('train', 'cuda_available'): 'evaluate',
    ('qa', 'unit_aside'): 'qa.aside', ('qa', 'set_aside_units'): 'qa.aside',   # set-aside rules with their helpers (no cycle)
    ('qa_rows', 'merged_table'): 'qa.facts', ('qa_tables', 'table_caption'): 'qa.facts',   # below rows and tables (no cycle)
    ('ingest', '_CAPTION_START'): 'ingest.blocks', ('ingest', '_GLYPH'): 'ingest.blocks', ('ingest', '_cut_off'): 'ingest.blocks',
    ('qa_shape', 'question_body'): 'qa.phrasing', ('qa_shape', 'broken_answer'): 'qa.phrasing',   # below shape, spans, grammar
    ('dataset', 'tiny_chat_tokenizer'): 'dataset_check', ('dataset', 'CHATML_STRICT'): 'dataset_check',
}

def module_definitions(pkg:Path|None=None) -> set[tuple[str, str]]:
    "(module, name) of every top-level definition of the generated docproc/*.py, to cross-check `definitions`."
    return {(p.stem, n) for p in (pkg or ROOT/'docproc').glob('*.py') if p.name != '_modidx.py'
            for node in ast.parse(p.read_text()).body for n in _names(node) if n != '__all__'}

def target(r:dict) -> str|None:
    return NAMES.get((r['mod'], r['name'])) or CELLS.get((r['nb'], r['first'])) or CELLS.get((r['nb'], None))

def tables(rows:list[dict]) -> str:
    "Markdown: per target, its estimated size and one row per source cell with the names it takes."
    by = defaultdict(lambda: defaultdict(list)); size = Counter()
    for r in rows:
        t = target(r) or 'UNASSIGNED'
        by[t][(r['mod'], r['nb'], r['cell'])].append(r['name']); size[t] += r['lines']
    out = []
    for t in sorted(by, key=lambda t: (t == 'REMOVED', t)):
        n = sum(map(len, by[t].values()))
        out += [f'#### `{t}` ({n} definitions, ≈{size[t]} lines)', '',
                '| target | from (module · notebook cell) | definitions |', '|---|---|---|']
        for (mod, nb, cell), names in by[t].items():
            out.append(f'| {t} | {mod} · {nb} c{cell} | ' + ', '.join(f'`{n}`' for n in names) + ' |')
        out.append('')
    return '\n'.join(out)

def check(rows:list[dict], plan:Path) -> list[str]:
    "Problems: a definition not named in `plan`, named twice, or a name in `plan` that is not a definition."
    named = Counter()
    for line in plan.read_text().splitlines():
        m = re.match(r'\|\s*([^|]+?)\s*\|\s*([\w.]+) · (\S+) c(\d+)\s*\|(.*)\|\s*$', line)
        if m: named.update((m.group(2), n) for n in re.findall(r'`([^`]+)`', m.group(5)))
    have = Counter((r['mod'], r['name']) for r in rows)
    probs = [f'not in plan: {m}.{n}' for (m, n) in have if (m, n) not in named]
    probs += [f'named {c} times: {m}.{n}' for (m, n), c in named.items() if c > 1]
    probs += [f'not a definition: {m}.{n}' for (m, n) in named if (m, n) not in have]
    return probs

def imports(pkg:Path|None=None) -> list[str]:
    "Imports of docproc that name a private name of another module, or that stand inside a function."
    out = []
    for p in sorted((pkg or ROOT/'docproc').glob('*.py')):
        if p.name == '_modidx.py': continue
        tree = ast.parse(p.read_text())
        fns = [f for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))]
        inner = {id(n): f.name for f in fns for n in ast.walk(f)}
        for n in ast.walk(tree):
            if not isinstance(n, ast.ImportFrom) or not (n.level or (n.module or '').startswith('docproc')): continue
            mod = (n.module or 'docproc').replace('docproc.', '')
            priv = [a.name for a in n.names if a.name.startswith('_') and not a.name.startswith('__')]
            where = inner.get(id(n))
            if priv or where:
                out.append(f"{p.stem}:{n.lineno} {'in ' + where if where else 'top'}: from {mod} import "
                           + ', '.join(a.name for a in n.names) + (f"  [private: {', '.join(priv)}]" if priv else ''))
    return out

def target_edges(rows:list[dict], pkg:Path|None=None) -> dict[str, dict[str, set[str]]]:
    "target -> target it would import -> the references (`mod.name->mod.name`) that make it, read from today's code."
    tgt = {(r['mod'], r['name']): target(r) for r in rows}
    edges = defaultdict(lambda: defaultdict(set))
    for p in sorted((pkg or ROOT/'docproc').glob('*.py')):
        if p.name == '_modidx.py': continue
        mod, tree = p.stem, ast.parse(p.read_text())
        imp = {a.asname or a.name: ((n.module or 'docproc').replace('docproc.', ''), a.name) for n in ast.walk(tree)
               if isinstance(n, ast.ImportFrom) and (n.level or (n.module or '').startswith('docproc'))
               for a in n.names}
        for node in tree.body:
            for name in _names(node):
                if not (src := tgt.get((mod, name))): continue
                local = {x.arg for x in ast.walk(node) if isinstance(x, ast.arg)}
                local |= {x.id for x in ast.walk(node) if isinstance(x, ast.Name) and isinstance(x.ctx, ast.Store)}
                for x in ast.walk(node):
                    if not isinstance(x, ast.Name) or x.id in local: continue
                    k = (mod, x.id) if (mod, x.id) in tgt else imp.get(x.id)
                    if k in tgt and tgt[k] != src and 'REMOVED' not in (src, tgt[k]):
                        edges[src][tgt[k]].add(f'{mod}.{name}->{k[0]}.{k[1]}')
    return edges

def layers(rows:list[dict]) -> str:
    "Each target's imports after the move (deps first), and the cycles among targets, if any."
    from graphlib import TopologicalSorter, CycleError
    edges = target_edges(rows)
    out = [f'{a} -> {", ".join(sorted(bs))}' for a, bs in sorted(edges.items())]
    priv = sorted({ref.split('->')[1] + f' ({b} from {a})' for a, bs in edges.items() for b, refs in bs.items()
                   for ref in refs if ref.split('->')[1].split('.')[1].startswith('_')
                   and not ref.split('->')[1].split('.')[1].startswith('__')})
    out += ['private names used across targets (make public or move):'] + [f'  {x}' for x in priv]
    try: out.insert(0, 'order: ' + ' '.join(TopologicalSorter({a: set(b) for a, b in edges.items()}).static_order()))
    except CycleError as e:
        cyc = e.args[1]
        out.insert(0, 'CYCLE: ' + ' -> '.join(cyc) + '\n' + '\n'.join(
            f'  {a} -> {b}: ' + ', '.join(sorted(edges[a][b])[:5]) for a, b in zip(cyc, cyc[1:])))
    return '\n'.join(out)

if __name__ == '__main__':
    if '--root' in sys.argv:   # another checkout (read only), e.g. a branch that has not landed yet
        i = sys.argv.index('--root'); ROOT = Path(sys.argv[i + 1]).resolve(); del sys.argv[i:i + 2]
    rows = definitions(ROOT/'nbs')
    if sys.argv[1:2] == ['--tables']: print(tables(rows))
    elif sys.argv[1:2] == ['--imports']: print('\n'.join(imports()))
    elif sys.argv[1:2] == ['--layers']: print(layers(rows))
    elif sys.argv[1:2] == ['--check']:
        probs = check(rows, Path(sys.argv[2]))
        unassigned = [f"{r['mod']}.{r['name']} ({r['nb']} c{r['cell']})" for r in rows if not target(r)]
        probs += [f'no rule: {u}' for u in unassigned]
        py, nb = module_definitions(), {(r['mod'], r['name']) for r in rows}
        probs += [f'in docproc/ but not in an export cell: {m}.{n}' for m, n in sorted(py - nb)]
        probs += [f'in an export cell but not in docproc/ (export first): {m}.{n}' for m, n in sorted(nb - py)]
        print('\n'.join(probs) or f'{len(rows)} definitions, each named once'); sys.exit(1 if probs else 0)
    else: print(__doc__)
