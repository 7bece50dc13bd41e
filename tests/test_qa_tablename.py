"Session 8 (caption): row lookups name their table by its caption (`docproc.qa_tablename`), through `generate_doc`."
from docproc.core import load_config
from docproc.qa import generate_doc
from conftest import ROOT

def _cfg(): return load_config(ROOT/'config'/'config.json', {'llm.backend': 'offline'})

def _run(doc:str, text:str, heading:str, title:str) -> tuple[dict, dict]:
    s = generate_doc(doc, [({'chunk_id': 'chunk_001', 'heading_path': [heading]}, text)], _cfg(), title=title)
    return {i['question']: i['answer'] for i in s.kept}, s.metadata

# us-019.pdf: the measure (mean absolute percentage error) is only in the caption; the columns are lead times
US019 = ('Table A-2. Mean absolute percentage errors (MAPEs), by lead time for selected statistics in all elementary '
         'and secondary schools and postsecondary degree-granting institutions: 2012\n\n'
         '|   |   |   |   |   | Lead time (years) |   |   |   |   |   |\n'
         '|---|---|---|---|---|---|---|---|---|---|---|\n'
         '| Statistic | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 |\n'
         '| Public elementary and secondary schools |   |   |   |   |   |   |   |   |   |   |\n'
         '| Prekindergarten–12 enrollment | 0.3 | 0.6 | 0.8 | 1.1 | 1.3 | 1.4 | 1.6 | 1.9 | 2.3 | 2.6 |\n'
         '| Prekindergarten–8 enrollment | 0.3 | 0.6 | 1.0 | 1.3 | 1.4 | 1.6 | 1.9 | 2.4 | 2.8 | 3.3 |\n'
         '| 9–12 enrollment | 0.4 | 0.7 | 0.9 | 1.1 | 1.2 | 1.5 | 1.8 | 2.2 | 2.4 | 2.5 |\n')
# us-001.pdf: the caption wrapped over three lines (label, title read as a heading, unit note)
US001 = ('Table 1.\n\n# Prevalence of Disability for Selected Age Groups: 2005 and 2010\n\n(Numbers in thousands)\n\n'
         '| Category | Number | Percent |\n|---|---|---|\n| All ages | 291,099 | 100.0 |\n'
         '| With a disability | 54,425 | 18.7 |\n| Severe disability | 38,284 | 12.6 |\n')

def test_lookups_name_the_caption_that_holds_the_measure():
    kept, meta = _run('us-019', US019, 'Accuracy of the projections', 'us-019.pdf')
    looks = [q for q in kept if '“Lead time (years): ' in q]
    assert len(looks) >= 3, list(kept)[:5]
    assert all('Table A-2 (Mean absolute percentage errors (MAPEs))' in q for q in looks), looks
    row = ['0.3', '0.6', '0.8', '1.1', '1.3', '1.4', '1.6', '1.9', '2.3', '2.6']      # Prekindergarten–12, lead 1..10
    for q in (q for q in looks if '"Prekindergarten–12 enrollment' in q):
        assert kept[q] == row[int(q.split('“Lead time (years): ')[1].split('”')[0]) - 1], q
    assert meta['coverage']['by_kind']['row']['covered'] >= 3

def test_a_wrapped_caption_names_its_table():
    kept, _ = _run('us-001', US001, 'Disability', 'us-001.pdf')
    named = [q for q in kept if '291,099' == kept[q] or '54,425' == kept[q]]
    name = 'Table 1 (Prevalence of Disability for Selected Age Groups: 2005 and 2010; numbers in thousands)'  # + unit
    assert named and all(name in q for q in named), list(kept)

# us-012-scan.pdf: the scan read the exhibit's caption as the table's first ruled row
US012 = ('| Exhibit B.4 State Implementation of the “1 Percent Rule,” 2003-04 and 2005-06 (continued) '
         '|   |   |   |   |   |\n'
         '|---|---|---|---|---|---|\n'
         '|   | AYP Based on 2003-04 Testing |   | AYP Based on 2005-06 Testing |   |   |\n'
         '|   | State included scores of students taking alternate assessments | State granted exceptions to districts '
         'to exceed 1% cap | State included scores of students taking alternate assessments | State granted exceptions '
         'to districts to exceed 1% cap | Number of districts granted exceptions |\n'
         '| NC | Yes | No | Yes | Yes | 5 |\n| ND | Yes | No | Yes | No | na |\n| OH | Yes | Yes | Yes | Yes | ~100 |\n'
         '| OK | Yes | No | Yes | No | na |\n')

def test_a_caption_read_as_a_ruled_row_names_its_table():
    kept, _ = _run('us-012-scan', US012, 'Appendix B', 'us-012-scan.pdf')
    looks = [q for q in kept if '"NC"' in q or '“NC”' in q]
    assert looks, list(kept)
    name = 'Exhibit B.4 (State Implementation of the “1 Percent Rule” 2003-04 and 2005-06)'
    assert all(name in q for q in looks), looks
