"Issue 17 (session 5): the offline question writer's rules on small real snippets, through `generate_doc`."
import re
from pathlib import Path
from docproc.core import load_config
from docproc.qa import generate_doc, write_candidates, header_unit
from docproc.qa_lint import lint_question
from conftest import ROOT

def _cfg(): return load_config(ROOT/'config'/'config.json', {'llm.backend': 'offline'})

# us-006.pdf (Head Start Impact Study, third grade follow-up): key findings
FINDINGS = ('## Key Findings\n\nData collection began in fall 2002 and continued through 2008. '
            'The study was designed to separately examine two cohorts of children. '
            'However, there were no impacts on teacher-reported measures of social-emotional development. '
            'With regard to children’s social-emotional development, the results differed by age cohort.\n')
# eu-022.pdf (a student drug-use survey)
SURVEY = ('10.1% of students made use of drugs in the last month and 17.3% in the past year. '
          'About 5% of the students have also made use of tranquillisers and sleeping pills over the past year.\n')
# eu-002.pdf: a quarterly table under its caption line
ABCP = ('Table 3 - European ABCP issuance\n\n|   | Q1 | Q2 | Q3 | Q4 | Total |\n|---|---|---|---|---|---|\n'
        '| 2004 | 34.7 | 36.2 | 44.5 | 51.3 | 166.7 |\n| 2005 | 58.1 | 63.4 | 61.6 | 55.2 | 238.4 |\n')
# eu-008.pdf: a funds table whose headers carry the unit, with a TOTAL row
FUNDS = ('| Country/Heading | Cohesion Fund EURbn | Total EURbn |\n|---|---|---|\n| Bulgaria | 2.3 | 6.9 |\n'
         '| Cyprus | 0.21 | 0.8 |\n| Poland | 22 | 67.3 |\n| TOTAL | 58.99 | 145.69 |\n')
# @jupyterlab/apputils-extension/notification.json, shortened
SCHEMA = ('```json\n{\n  "title": "Notifications",\n  "properties": {\n    "checkForUpdates": {\n'
          '      "title": "Check for JupyterLab updates",\n'
          '      "description": "Whether to check for newer versions of JupyterLab or not.",\n'
          '      "type": "boolean",\n      "default": true\n    }\n  }\n}\n```\n')

def test_prose_questions_ask_for_the_predicate_not_what_is_said():
    s = generate_doc('us-006', [({'chunk_id': 'chunk_001', 'heading_path': ['Key Findings']}, FINDINGS)], _cfg(),
                     title='us-006.pdf')
    qa = {i['question']: i['answer'] for i in s.kept}
    assert not [q for q in qa if 'what is said about' in q.lower()]
    assert any(q.endswith('when did data collection begin?') and a.startswith('in fall 2002') for q, a in qa.items())
    assert any(q.endswith('what was the study designed to do?') for q in qa)
    assert any('were there impacts on teacher-reported measures' in q and a.startswith('No:') for q, a in qa.items())
    assert all(not lint_question(q, a) for q, a in qa.items())
    assert s.metadata['coverage']['ratio'] == 1.0

def test_shares_of_a_group_are_asked_with_the_share_as_answer():
    qs = {c['question']: c['answer'] for c in write_candidates(SURVEY) if c.get('kind') == 'share'}
    assert qs.get('What percentage of the students made use of drugs in the last month?') == '10.1%'
    # a leaning `also` is cut from the question (04u)
    assert qs.get('What percentage of the students have made use of tranquillisers and sleeping pills over '
                  'the past year?') == 'About 5%'

def test_table_questions_name_the_caption_and_skip_uncaptioned_year_grids():
    tq = [c['question'] for c in write_candidates(ABCP) if c['type'] == 'table']
    assert tq and all('Table 3 (European ABCP issuance)' in q for q in tq)
    assert not [c for c in write_candidates(ABCP.split('\n', 2)[2]) if c['type'] == 'table']

def test_glued_units_answered_and_total_rows_not_ranked():
    assert header_unit('Cohesion Fund EURbn') == ('Cohesion Fund', 'EURbn')
    cs = [c for c in write_candidates(FUNDS) if c['type'] == 'table']
    look = {c['question']: c['answer'] for c in cs if c['table_op']['op'] == 'lookup'}
    assert 'What is the Cohesion Fund for "Poland"?' in look
    assert look['What is the Cohesion Fund for "Poland"?'] == '22 EURbn'
    ranked = [c for c in cs if c['table_op']['op'] in ('argmax', 'argmin', 'compare_max', 'difference')]
    assert ranked and not [c for c in ranked if 'TOTAL' in c['answer'] or 'TOTAL' in c['table_op']['entities']]

def test_long_tables_compare_few_meaningful_rows():
    opens = [27.1, 27.3, 28.0, 27.9, 28.4, 28.1, 28.8, 28.5, 29.2, 26.8]        # msft.csv-like
    days = '| Date | Open |\n|---|---|\n' + ''.join(f'| {d}-Sep-03 | {o} |\n' for d, o in zip(range(10, 20), opens))
    pairs = {tuple(c['table_op']['entities']) for c in write_candidates(days)
             if c['table_op'] and c['table_op']['op'] == 'compare_max'}
    assert pairs == {('10-Sep-03', '19-Sep-03')}          # a series: its first and last day (session 6; was max/min)

def test_json_settings_get_pairs_and_full_coverage():
    s = generate_doc('notification', [({'chunk_id': 'chunk_001'}, SCHEMA)], _cfg(), title='notification.json',
                     source='notification.json')
    qa = {i['question']: i['answer'] for i in s.kept}
    assert qa.get('What is the default value of the `checkForUpdates` setting in notification.json?') == 'true'
    assert s.metadata['coverage']['ratio'] == 1.0 and not s.metadata['problems']

def test_units_that_cannot_carry_a_question_are_set_aside_with_a_reason():
    # us-002.pdf: a table legend, a repeated note, a sentence cut by a page break
    note = 'Estimates include students from the 50 states, DC, and Puerto Rico.'
    rows = [({'chunk_id': 'chunk_001'}, f'‡ Reporting standards not met (too few cases). {note}\n'),
            ({'chunk_id': 'chunk_002'},
             f'{note} For example, the price of attending might differ because of a change in the type of\n')]
    m = generate_doc('us-002', rows, _cfg(), title='us-002.pdf').metadata
    assert m['coverage']['set_aside'] == {'footnote': 1, 'fragment': 1, 'repeated': 1}
    assert m['coverage']['units'] == 1 and m['coverage']['ratio'] == 1.0

# session 5, round 2: apt's README (/usr/share/doc/apt/README.md.gz), us-006, eu-022, us-002, eu-008
APT_RESOLVER = ("## Debugging\n\nIt is the job of the `pkgProblemResolver` to decide which of two packages "
                "'wins' and can\n"
                "therefore decide what has to happen. You can see the contenders as well as their fight and\n"
                "the resulting resolution with `Debug::pkgProblemResolver`.\n")
APT_INTRO = ('# APT\n\napt is the main command-line package manager for Debian and its derivatives.\n'
             'It provides command-line tools for searching and managing as well as querying\n'
             'information about packages.\n')

def test_manual_roles_tools_and_wrapped_pronoun_subjects_are_asked():
    s = generate_doc('apt-readme', [({'chunk_id': 'chunk_001', 'heading_path': ['Debugging']}, APT_RESOLVER),
                                    ({'chunk_id': 'chunk_002', 'heading_path': ['APT']}, APT_INTRO)], _cfg(),
                     title='apt-README.md')
    qa = {i['question']: i['answer'] for i in s.kept}
    assert any(q.lower().endswith('what is the job of the `pkgproblemresolver`?') for q in qa), qa
    assert any(q.lower().endswith('what can you see with `debug::pkgproblemresolver`?') for q in qa), qa
    assert any(q.endswith('what does apt provide?') for q in qa), qa          # `It provides …` on a wrapped line
    assert s.metadata['coverage']['ratio'] == 1.0 and all(not lint_question(q, a) for q, a in qa.items())

def test_findings_evidence_and_relative_clause_groups():
    text = ('For children in the 4-year-old cohort, there were no observed impacts through the end of kindergarten but '
            'favorable impacts reported by parents emerged at the end of 1st grade. '
            'In terms of children’s well-being, there is also clear evidence that access to Head Start had an '
            'impact on children’s language development. '
            'About 8% of those who use drugs, take drugs on a daily basis while 39% do so about once a week.\n')
    qs = {c['question']: c['answer'] for c in write_candidates(text)}
    assert qs.get('For children in the 4-year-old cohort, were there observed impacts through the end of '
                  'kindergarten?') == 'No: there were no observed impacts through the end of kindergarten'
    ev = qs.get('In terms of children’s well-being, what does the evidence show?', '')
    assert ev.startswith('access to Head Start')
    assert qs.get('What percentage of those who use drugs take drugs on a daily basis?') == 'About 8%'

def test_signposts_exhortations_and_comma_cut_sentences_are_set_aside():
    rows = [({'chunk_id': 'chunk_001'}, 'The total amounts available under ERDF for 2007-2013 are summarised in '
             'tabular '
             'form below. Our bug tracker is therefore full with open bug reports which are waiting for you! '
             'Variation in graduate borrowing patterns by undergraduate major reflects, at least in part,\n')]
    m = generate_doc('mixed', rows, _cfg(), title='mixed.pdf').metadata
    assert m['coverage']['set_aside'] == {'exhortation': 1, 'fragment': 1, 'signpost': 1}

def test_vacuous_condition_and_how_answers_are_not_asked():
    qs = [c['question'] for c in write_candidates(
        'When you make changes and want to run them manually, you can just do so. Various topic branches in different '
        'stages of completion might be branched of from those, which you are encouraged to do as well.\n')]
    assert not [q for q in qs if q.startswith('What happens when you make changes') or q.startswith('How might')], qs

def test_table_caption_after_a_year_is_not_read_as_inches():
    s = generate_doc('eu-002', [({'chunk_id': 'chunk_001'}, ABCP)], _cfg(), title='eu-002.pdf')
    qa = {i['question']: i['answer'] for i in s.kept}
    assert any(q.endswith('in Table 3 (European ABCP issuance), which column has the highest value in 2004?')
               and a.startswith('Q4') for q, a in qa.items()), qa

def test_a_csv_preview_is_chunked_with_its_note_and_asked_nothing_about_the_whole_table(tmp_path):
    "matplotlib's sample data msft.csv (66 lines): text.md shows 50 of its 65 rows; a highest/average/count over the"
    " preview would be wrong for the file, so only row look-ups and row-against-row comparisons are asked."
    import matplotlib, pytest
    src = Path(matplotlib.get_data_path())/'sample_data'/'msft.csv'
    if not src.is_file(): pytest.skip('matplotlib sample data not installed')
    from docproc.ingest import ingest
    from docproc.chunk import chunk
    from docproc.qa import qa, load_qa
    from docproc.core import read_jsonl
    (tmp_path/'in').mkdir(); (tmp_path/'in'/'msft.csv').write_bytes(src.read_bytes())
    cfg = load_config(ROOT/'config'/'config.json', {'llm.backend': 'offline', 'paths.input_dir': str(tmp_path/'in'),
                      **{f'paths.{k}_dir': str(tmp_path/k) for k in ('out', 'chunks', 'summaries', 'qa', 'runs')}})
    assert ingest(cfg, progress=False).ok and chunk(cfg, progress=False).ok and qa(cfg, progress=False).ok
    chunks = list(read_jsonl(tmp_path/'chunks'/'msft'/'chunks.jsonl'))
    texts = [(tmp_path/'chunks'/'msft'/c['file']).read_text() for c in chunks]
    assert [t for t in texts if '| 2003' in t and '50 of 65 rows shown' not in t] == []     # the note travels with the table
    items = load_qa(cfg, 'msft')
    assert [i for i in items if i['type'] == 'table']                                       # look-ups are still asked
    assert not [i for i in items if re.search(r'\b(average|highest|lowest|how many)\b', i['question'], re.I)]

# apt's README.md (Debian package apt), sections "Dependency resolution", "Downloading files", "Using different state
# files" and "Unit tests", shortened; wrapped as in the file
APT_MANUAL = ('## Dependency resolution\n\nAPT works in its internal resolver in two stages: '
              'First all packages are visited\n'
              'and marked for installation, keep back or removal. Option `Debug::pkgDepCache::Marker`\nshows this.\n\n'
              '## Downloading files\n\nIf you find that the http(s) methods do not behave like they should then try to '
              'implement this behavior in webserver for simpler and more controlled testing.\n\n'
              '## Using different state files\n\nSuch a file can then be used via the option\n`dir::state::status`. '
              'Beware of different architecture settings!\n')

def test_instructions_and_back_references_in_a_manual():
    s = generate_doc('apt-readme', [({'chunk_id': 'chunk_001', 'heading_path': ['APT']}, APT_MANUAL)], _cfg(),
                     title='apt-README.md')
    qa = {i['question']: i['answer'] for i in s.kept}
    assert qa.get('What does option `Debug::pkgDepCache::Marker` show?', '').startswith('All packages are visited')
    assert any(q.endswith('what should you do if you find that the http(s) methods do not behave like they should?')
               and a.startswith('Try to implement') for q, a in qa.items())
    assert any(q.endswith('of what should you beware?') and a == 'different architecture settings'
               for q, a in qa.items())
    assert all(not lint_question(q, a) for q, a in qa.items())

def test_purpose_tells_one_use_from_another():
    "apt's README.md: `APT uses CMake.` and, under Unit tests, `… it uses various configuration options to …`."
    text = ('APT uses CMake. APT does many things, so there is no central debug mode which could be activated. '
            'Instead, it uses various configuration options to activate debug output in certain areas.\n')
    s = generate_doc('apt-readme', [({'chunk_id': 'chunk_001', 'heading_path': ['Unit tests']}, text)], _cfg(),
                     title='apt-README.md')
    qa = {i['question']: i['answer'] for i in s.kept}
    assert any(q.endswith('what does APT use to activate debug output in certain areas?')
               and a == 'various configuration options' for q, a in qa.items()), qa

def test_back_reference_and_scope_without_comma_in_reports():
    "us-006.pdf (Head Start Impact Study) and eu-008.pdf (EIB and the structural funds)."
    text = ('In contrast, the Head Start Impact Study is based on a nationally representative sample of Head Start '
            'programs and children, with a few exceptions for programs serving particular populations. This makes the '
            'study results generalizable to the vast majority of programs nationwide, not just the selected study '
            'sample. During the previous programming period the Bank had agreed a Cooperation Framework with the '
            'Commission.\n')
    s = generate_doc('us-006', [({'chunk_id': 'chunk_001', 'heading_path': ['Introduction']}, text)], _cfg(),
                     title='us-006.pdf')
    qa = {i['question']: i['answer'] for i in s.kept}
    assert any(q.endswith('what makes the study results generalizable to the vast majority of programs nationwide?')
               and a.startswith('The Head Start Impact Study is based on') for q, a in qa.items()), qa
    assert any(q.endswith('during the previous programming period, what had the Bank agreed?') or
               q.startswith('During the previous programming period, what had the Bank agreed?') for q in qa), qa
    assert all(not lint_question(q, a) for q, a in qa.items())

def test_judgements_of_what_could_be_done():
    "us-006.pdf: why the study design could not keep children out of Head Start (two sentences of its chunk_003/004)."
    text = ('It was not feasible or desirable for this study to prevent 3-year-olds from participating in Head Start '
            'for two years. Preventing families from seeking out alternative care or programs for their children is '
            'both infeasible and unethical.\n')
    s = generate_doc('us-006', [({'chunk_id': 'chunk_001', 'heading_path': ['Study design']}, text)], _cfg(),
                     title='us-006.pdf')
    qa = {i['question']: i['answer'] for i in s.kept}
    assert any(q.lower().endswith('was preventing 3-year-olds from participating in head start for two years '
                                  'feasible or desirable for the study?') and a == 'No: not feasible or desirable'
               for q, a in qa.items()), qa
    assert any('how is preventing families from seeking out alternative care' in q.lower() and
               a == 'as both infeasible and unethical' for q, a in qa.items()), qa
    assert all(not lint_question(q, a) for q, a in qa.items())
    assert s.metadata['coverage']['ratio'] == 1.0

def test_ocr_garbled_notes_of_a_scan_are_set_aside_and_clean_sentences_are_not():
    "eu-018-scan.pdf (EFSA report, scanned): the note under Table CA7 as OCR read it, `≥25` as `225`, `¹` as `!`."
    from docproc.qa import Unit, unit_aside
    note = ('| Campylobacter in fresh pig meat! at retail, sample based data, 2003-2007 Note: Data are only presented '
            'for sample size 225 1.')
    clean = 'Data from 2007 correspond to observations from the previous years (Table CA8).'
    why = lambda s, ocr: unit_aside(Unit('s1', 'sentence', 0, len(s), s), s, set(), ocr)
    assert why(note, True) == 'ocr_garbled'
    assert why(note, False) != 'ocr_garbled'                 # a born-digital document is not read as OCR
    assert why(clean, True) is None

def test_second_share_and_a_name_after_the_scope_in_reports():
    "eu-022.pdf (student drug-use survey) and eu-018-scan.pdf (EFSA report): shapes of statistical reports."
    text = ('10.1% of students made use of drugs in the last month and 17.3% in the last year. About 8% of those who '
            'use drugs, take drugs on a daily basis while 39% do so about once a week. According to the data reported '
            'from the year 2007, Hungary found 1.4% of samples positive for Campylobacter at slaughter.\n')
    s = generate_doc('eu-022', [({'chunk_id': 'chunk_001', 'heading_path': ['Drug use']}, text)], _cfg(),
                     title='eu-022.pdf')
    qa = {i['question']: i['answer'] for i in s.kept}
    assert any(q.endswith('made use of drugs in the last year (against 10.1% in the last month)?') and a == '17.3%'
               for q, a in qa.items()), qa
    assert any(q.endswith('of those who use drugs take drugs about once a week?') and a == '39%'
               for q, a in qa.items()), qa
    assert any(q.endswith('According to the data reported from the year 2007, what did Hungary find?'[1:]) and
               a.startswith('1.4% of samples') for q, a in qa.items()), qa
    assert all(not lint_question(q, a) for q, a in qa.items())

def test_this_design_reflects_asks_why():
    "us-006.pdf, chunk_001: a design sentence and the hypothesis it reflects become a why-question."
    text = ('The study was designed to separately examine two cohorts of children, newly entering 3-and 4-year-olds. '
            'This design reflects the hypothesis that different program impacts may be associated with different age '
            'of entry into Head Start.\n')
    s = generate_doc('us-006', [({'chunk_id': 'chunk_001', 'heading_path': ['Introduction']}, text)], _cfg(),
                     title='us-006.pdf')
    qa = {i['question']: i['answer'] for i in s.kept}
    assert any(q.endswith('why was the study designed to separately examine two cohorts of children?') and
               a.startswith('the hypothesis that different program impacts') for q, a in qa.items()), qa
    assert not [q for q in qa if 'this design' in q.lower()]
