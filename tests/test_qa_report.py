"Issue 17 (session 6): the report forms of `docproc.qa_report` on real report snippets, through `generate_doc`."
from docproc.core import load_config
from docproc.qa import generate_doc, unit_aside, coverage_units
from docproc.qa_lint import lint_question
from conftest import ROOT

def _cfg(): return load_config(ROOT/'config'/'config.json', {'llm.backend': 'offline'})

def _kept(doc:str, text:str, heading:str, title:str) -> tuple[dict, dict]:
    s = generate_doc(doc, [({'chunk_id': 'chunk_001', 'heading_path': [heading]}, text)], _cfg(), title=title)
    return {i['question']: i['answer'] for i in s.kept}, s.metadata

# eu-008.pdf (EIB JASPERS evaluation): a scope that points back, a change, `remained`, a lead the other forms misread
JASPERS = ('## Background\n\nDuring the previous programming period the Bank had agreed a Cooperation Framework with the '
           'Commission. Under this framework, the EIB had been actively participating for many years with the provision of '
           'occasional expert appraisal advice at the request of the Commission, and it was the desire of both parties to '
           'continue to strengthen that cooperation. The reformed delivery system was intended to provide for a simpler, '
           'proportional and more decentralised management of the Structural Funds. Under the new shared management '
           'principle, the burden of justification for the use of funds shifted significantly from an ex ante to an ex post '
           'process. However, the process of confirmation of funding for major projects7 remained an ex ante case by case '
           'appraisal and the JASPERS initiative was intended to facilitate this process. According to the Regulation, the '
           'annual appropriations allocated to a Member State should be limited to a ceiling fixed with regard to its capacity '
           'for absorption.\n')
# us-002.pdf (NCES graduate borrowing): shares with no `of` whose group the previous sentence names
BORROW = ('## Combined Undergraduate and Graduate Borrowing\n\nAmong bachelor’s degree recipients who had enrolled in a '
          'graduate degree program by 2003, some 31 percent did not borrow at either the undergraduate or graduate level '
          '(table 5).\n\nAnother 24 percent borrowed only as undergraduates and 18 percent only as graduates; the remaining '
          '27 percent borrowed at both levels.\n')
# us-006.pdf (Head Start Impact Study): pronoun subjects, a comparison of cohorts, a share in words
COHORTS = ('## Study Design\n\nThe study showed that the two age cohorts varied in demographic characteristics. The '
           'racial/ethnic characteristics of newly entering children in the 3-year-old cohort were substantially '
           'different from the characteristics of children in the newly entering 4-year-old cohort. While the newly '
           'entering 3-year-olds were relatively evenly distributed between Black children and Hispanic children about '
           'half of newly entering 4-year-olds were Hispanic children (see Exhibit 1).\n')
CONTROL = ('## Caveats\n\nChildren who were placed in the control or comparison group were allowed to enroll in other '
           'non-parental care or non-Head Start child care or programs selected by their parents. They could remain at '
           'home in parent care, or enroll in a child care or preschool program.\n')
NATIONAL = ('## Caveats\n\nThe Head Start Impact Study is based on a nationally representative sample of Head Start programs '
            'and children. This makes the study results generalizable to the vast majority of programs nationwide. Unlike '
            'most studies, it examines the average impact of programs that represent the full range of intensity and '
            'quality.\n')

def test_report_leads_pointers_and_verbs_become_questions():
    qa, meta = _kept('eu-008', JASPERS, 'Background', 'eu-008.pdf')
    want = {'under the Cooperation Framework, how had the EIB been participating for many years?':
                'with the provision of occasional expert appraisal advice at the request of the Commission',
            'under the new shared management principle, how did the burden of justification for the use of funds shift?':
                'significantly from an ex ante to an ex post process',
            'what did the process of confirmation of funding for major projects remain?': 'an ex ante case by case appraisal',
            'according to the Regulation, to what should the annual appropriations allocated to a Member State be '
            'limited?': 'a ceiling fixed with regard to its capacity for absorption'}
    for q, a in want.items():
        assert any(k.lower().endswith(q.lower()) and v == a for k, v in qa.items()), q
    assert not [q for q in qa if 'this framework' in q or 'what should according' in q.lower()]
    assert all(not lint_question(q, a) for q, a in qa.items())
    assert meta['coverage']['ratio'] == 1.0

def test_shares_without_of_take_their_group_from_the_sentence_before():
    qa, meta = _kept('us-002', BORROW, 'Combined Undergraduate and Graduate Borrowing', 'us-002.pdf')
    group = 'among bachelor’s degree recipients who had enrolled in a graduate degree program by 2003, what percentage '
    shares = {'borrowed only as undergraduates': '24 percent', 'borrowed only as graduates': '18 percent',
              'borrowed at both levels': '27 percent',
              'did not borrow at either the undergraduate or graduate level': 'some 31 percent'}   # the share asked for
    asked = {q.lower().split(group)[1][:-1]: a for q, a in qa.items() if group in q.lower()}
    assert asked and all(shares[vp] == a for vp, a in asked.items()), asked     # the QA stage keeps 1 of the 3 here
    assert meta['coverage']['ratio'] == 1.0

def test_pronouns_comparisons_and_word_shares_of_a_study():
    qa = {}
    for text in (COHORTS, CONTROL, NATIONAL):
        got, meta = _kept('us-006', text, 'Caveats', 'us-006.pdf')
        qa.update({q.lower(): a for q, a in got.items()})
        assert all(not lint_question(q, a) for q, a in got.items())
        assert meta['coverage']['ratio'] == 1.0
    assert any(q.endswith('what could children who were placed in the control or comparison group do?') and
               a.startswith('remain at home in parent care, or enroll') for q, a in qa.items())
    assert any(q.endswith('unlike most studies, what does the head start impact study examine?') for q in qa)   # named
    assert any(q.endswith('compare with those of children in the newly entering 4-year-old cohort?') and
               a == 'substantially different' for q, a in qa.items())
    assert any(q.endswith('what share of newly entering 4-year-olds were hispanic children?') and a == 'about half'
               for q, a in qa.items())
    assert not [q for q in qa if ' it ' in f' {q} ' or ' they ' in f' {q} ']

def test_a_pointer_with_nothing_to_point_to_is_not_asked():
    text = ('## Policy\n\nRather, it addresses the receipt of an earlier year. This is not only important to individual '
            'families; it also answers an important policy question.\n')
    qa, _ = _kept('us-006', text, 'Policy', 'us-006.pdf')
    assert not [q for q in qa if 'important' in q.lower()]

def test_report_units_set_aside_with_their_reason():
    csv = '| a | b |\n|---|---|\n| 1 | 2 |\n\n*(50 of 65 rows shown; the full table is in the CSV file.)*\n'
    cut = ('| A | B |\n|---|---|\n| TOTAL | 58.99 |\n\nProjects whose capital cost exceeded EUR 50m (or EUR 25m in the '
           'environment sector)\n')
    scan = ('Data on meat products, mechanically separated meat, minced meat, and meat preparations are not included z Fresh '
            'bovine meat In 2007, only Italy out of the four reporting MSs found samples positive (2.4%).\n')
    full = 'Projects whose capital cost exceeded EUR 50m were appraised by the Bank under the JASPERS initiative.\n'
    why = lambda text, ocr=False: [unit_aside(u, text, set(), ocr) for u in coverage_units(text) if u.kind == 'sentence']
    assert why(csv) == ['preview_note']
    assert why(cut) == ['fragment']
    assert why(scan, ocr=True) == ['ocr_garbled'] and why(scan) == [None]
    assert why(full) == [None]
