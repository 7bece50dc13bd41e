"Session 8 (prefix): a table question's name and prefix agree (`docproc.qa_tableprefix`), through `generate_doc`."
from docproc.core import load_config
from docproc.qa import generate_doc
from conftest import ROOT

def _cfg(): return load_config(ROOT/'config'/'config.json', {'llm.backend': 'offline'})

def _run(doc:str, text:str, heading:str, title:str) -> tuple[dict, dict]:
    s = generate_doc(doc, [({'chunk_id': 'chunk_001', 'heading_path': [heading]}, text)], _cfg(), title=title)
    return {i['question']: i['answer'] for i in s.kept}, s.metadata

# us-007.pdf: the PDF puts the heading "3-Year-Old Cohort" before Exhibit 2a, the exhibit of the 4-year-olds
US007 = ('## Exhibit 2a. Summary of ITT Cognitive Impacts for 4-Year-Olds by Year\n\n'
         '| Measure | Age 4 (Head Start Year) | K | 1 Grade |\n|---|---|---|---|\n'
         '| Color Identification | 0.16 | NA | NA |\n| Emergent Literacy Scale (parent report) | 0.31 | NA | NA |\n'
         '| Letter Naming | 0.25 |   | NA |\n| Receptive Vocabulary (PPVT) | 0.09 |   | 0.09 |\n'
         '| Letter-Word Identification (WJIII) | 0.22 |   |   |\n| Spelling (WJIII) | 0.15 |   |   |\n')
# us-009.pdf: a cost allocation that no caption names, under "Appendix 5"
US009 = ('| Cost Category | Total Costs All Funds | Less: Exclusions & Unallowables | Indirect Costs |\n'
         '|---|---|---|---|\n| Salaries (a) | 1,314,000 |   | 373,250 |\n| Fringe Benefits (b) | 352,000 |   | 99,988 |\n'
         '| Consultant Services | 26,000 |   | 14,000 |\n| Staff Travel | 94,000 |   | 20,000 |\n'
         '| Office Rent | 170,000 |   | 170,000 |\n| Telephone | 109,400 |   | 55,000 |\n')
# eu-008-photo.jpg: the allocations table; no heading, a stub header that is no noun phrase
EU008 = ('The total indicative amounts available to new Member States under ERDF and Cohesion Funds for 2007-2013 are '
         'summarised in tabular form below.\n\n'
         '| Country/Heading | Cohesion Fund EURbn | ERDF Convergence EURbn | Total ~EURbn |\n|---|---|---|---|\n'
         '| Bulgaria | 2.3 | 3.2 | 5.5 |\n| Cyprus | 0.21 | 0 | 0.21 |\n| Czech Republic | 8.8 | 13.4 | 22.2 |\n'
         '| Estonia | 1.4 | 1.9 | 3.0 |\n| Hungary | 8.6 | 11.2 | 19.8 |\n')

def test_a_caption_named_table_drops_the_section_that_contradicts_it():
    kept, meta = _run('us-007', US007, '3-Year-Old Cohort', 'us-007.pdf')
    named = [q for q in kept if 'Exhibit 2a' in q]
    assert len(named) >= 3, list(kept)
    assert all(q.startswith('In us-007.pdf, ') and '3-Year-Old' not in q for q in named), named
    letters = [q for q in named if '"Letter Naming"' in q and 'age 4' in q.lower()]
    assert letters and all(kept[q].startswith('0.25') for q in letters), letters
    assert meta['table_naming'].get('caption') == 1, meta['table_naming']
    assert meta['tables'][0]['named_by'] == 'caption'

def test_an_unnamed_table_is_named_by_its_section_and_stub_column():
    kept, meta = _run('us-009', US009, 'Appendix 5', 'us-009.pdf')
    lead = 'In us-009.pdf, in the table of cost categories under “Appendix 5”, '
    named = [q for q in kept if q.startswith(lead)]
    assert len(named) >= 3, list(kept)
    assert not [q for q in kept if q.startswith('In us-009.pdf, under “Appendix 5”')], list(kept)
    staff = [q for q in named if '"Staff Travel"' in q and 'Total Costs All Funds' in q]
    assert staff and all(kept[q] == '94,000' for q in staff), staff
    assert meta['tables'][0]['named_by'] == 'heading', meta['tables']

def test_a_table_nothing_names_is_counted_with_its_reason():
    kept, meta = _run('eu-008-photo', EU008, '', 'eu-008-photo.jpg')
    assert [q for q in kept if '"Bulgaria"' in q], list(kept)
    assert meta['table_naming'] == {'none': 1}, meta['table_naming']
    assert 'no caption' in meta['tables'][0]['reason']

# eu-003.pdf: no section heading; a plain title line above each table names it
EU003 = ('Appendix 1 – Summary of analysis of the application of the amendment to IAS 39 and IFRS 7\n\n'
         'Number of financial companies that applied the amendment to IAS 39 and IFRS 7\n\n'
         '|   | Number of financial companies | Pct of all companies analysed |\n|---|---|---|\n'
         '| 0 reclassifications | 52 | 52% |\n| 1 reclassification | 28 | 28% |\n| 2 reclassifications | 11 | 11% |\n'
         '| 3 reclassifications | 8 | 8% |\n| 4 reclassifications | 1 | 1% |\n')

def test_a_title_line_above_an_unnamed_table_names_it():
    kept, meta = _run('eu-003', EU003, '', 'eu-003.pdf')
    lead = 'In eu-003.pdf, in the table “Number of financial companies that applied the amendment to IAS 39 and IFRS 7”, '
    named = [q for q in kept if q.startswith(lead)]
    assert len(named) >= 3, list(kept)
    three = [q for q in named if '“3 reclassifications”' in q and 'Number of financial companies?' in q]
    assert three and all(kept[q] == '8' for q in three), named
    assert meta['tables'][0]['named_by'] == 'title', meta['tables']
