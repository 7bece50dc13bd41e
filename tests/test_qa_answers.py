"Round 2 (ansfix): broken answers. Real snippets of the real-world set whose kept pairs a reader judged broken."
import re, pytest
from docproc.text import split_sentences
from docproc.qa import coverage_units
from docproc.qa_lint import lint_question
from docproc.qa_shape import broken_answer, answer_mismatch

# us-027 and us-028: a footnote number glued after the stop hid the sentence end
US027 = ('Student enrollment in these institutions in the fall of 2006 measured 17.8 million (11.2 million in four-year '
         'institutions and 6.5 million in two-year institutions).11, 12 Of these students, 57 percent were female.')
US028 = ('The majority of incidents were perpetrated by one individual (n = 270) and, of those, most of the subjects were '
         'male (94 percent, n = 254).31 In the incidents where age was reported (n = 260), the range was 16 to 62, with '
         'an average age of 28 (Mdn = 25, mode = 20).')

@pytest.mark.parametrize('text,first,second', [
    (US027, 'in two-year institutions).', 'Of these students, 57 percent were female.'),
    (US028, '(94 percent, n = 254).', 'In the incidents where age was reported (n = 260), the range was 16 to 62, with '
                                      'an average age of 28 (Mdn = 25, mode = 20).'),
    ('Incidents also occurred throughout the calendar year (n = 270).29 Figure 2 shows a decrease.',
     'calendar year (n = 270).', 'Figure 2 shows a decrease.'),
    ('Table 2 depicts the crimes reported from 2005 through 2008.18 Data were reported by 6,000 schools.',   # us-027
     'from 2005 through 2008.', 'Data were reported by 6,000 schools.'),
])
def test_footnote_stop_ends_sentence(text, first, second):
    s = split_sentences(text)
    assert len(s) == 2 and s[0].endswith(first) and s[1] == second

@pytest.mark.parametrize('text', [
    'Source: U.S. Census Bureau, Survey of Income and Program Participation, June–September 2005.',   # us-001
    'The rate was 5.3 In 2010 it rose to 6.1 percent.',        # a decimal before a capital is no footnote
    'See the U.S.2 Census data for this.',                     # an abbreviation's stop
    'The pump in No.3 Bay was replaced.',
    'The index value was 2008.18 Then it fell.',              # a number, not a year after a preposition
])
def test_no_footnote_stop(text):
    assert split_sentences(text) == [text]

def test_units_leave_footnote_numbers_out():
    units = [u.text for u in coverage_units(US027) if u.kind == 'sentence']
    assert units[1] == 'Of these students, 57 percent were female.' and not any('.11' in u for u in units)

@pytest.mark.parametrize('answer', [
    'responses from a sample of of daily living.10',                       # us-001: doubled word, glued footnote
    '17.8 million.11, 12 Of these students',                               # us-027
    'one individual and, of those, most of the subjects were male.31 In the incidents where age was reported',
    'together using the following variables:13 community level; control of school; census region',   # us-020
    'the employee population was 46 percent male and 54 percent female.16 Age distributions were not reported',
    'a disability in 2010.8 303.9 million in the civilian non- had a severe disability',   # us-001: merged columns
    'a house, an apartment, a flat, a manufac- tured home, or one or more rooms',            # us-024: a line-end hyphen
    'in mid-January7, which is an unusual situation',                                       # eu-011: a footnote
])
def test_broken_answers(answer):
    assert broken_answer(answer)
    assert 'answer_mismatch' in lint_question('In us-027.pdf, what did student enrollment measure?', answer)

@pytest.mark.parametrize('answer', [
    'participate in in-service training',                                  # eu-013: a hyphenated word, not doubled
    'the firms had had losses before 2008',
    'a rate of 5.3 percent, as shown in Fig.3',
    'U.S. Census Bureau',
    '17.8 million',
    'pre- and post-test scores of short- and long-term programmes',
    'the index was 2008.18 in March',
    'use python3, then pip',
    # other documents of the kind (Debian READMEs): a file, a man page, a standard, a name, a command
    'binary backward compatible with the libcrypt.so.1 shipped as part of the GNU C Library',        # libcrypt-dev
    'For documentation on using tmux, see the tmux.1 manpage',                                       # tmux
    'Because POSIX.2 requires find foo to have the same effect',                                     # findutils
    'Copyright (C) 2006-2023 Antonio Diaz Diaz',                                                     # ed
    './configure make make check make install',                                                      # gnupg
    'https://sourceware.org/gdb/wiki/GDB%20Front%20Ends',                                            # gdb
])
def test_sound_answers(answer):
    assert not broken_answer(answer)

# label lines: us-001 `What is the source?` -> `U.S` (a bare label, and an abbreviation's stop cut the answer)
from docproc.qa import sentence_questions

@pytest.mark.parametrize('sent', [
    'Source: U.S. Census Bureau, Survey of Income and Program Participation, June–September 2005 and May–August 2010.',
    'SOURCE: U.S. Department of Commerce, Census Bureau, Population Estimates.',                       # us-019
    'NOTE: Graduate includes first-professional.',                                                     # us-002
    'Abbreviation: CI = conidence interval.',                                                          # us-025
    'During the same source: DeNavas-Walt, Carmen, Bernadette D. Proctor, and Jessica C. Smith, period.',  # us-023
])
def test_no_bare_label_question(sent):
    assert not any(re.match(r'What is the (?:source|note|abbreviation|during)', c['question'])
                   for c in sentence_questions(sent))

@pytest.mark.parametrize('sent,answer', [
    ('Corresponding author: Nora L. Keenan PhD, Division for Heart Disease and Stroke Prevention.',   # us-025: `Nora L`
     'Nora L. Keenan PhD, Division for Heart Disease and Stroke Prevention'),
    ('Inspector: J.R. Smith. Checked daily.', 'J.R. Smith'),
])
def test_label_value_runs_to_its_sentence_end(sent, answer):
    assert [c['answer'] for c in sentence_questions(sent)] == [answer]

# table values: eu-003-scan (judged row 35) `What is the value in the “4 reclassifications” row …?` -> `it` (OCR for 1)
from docproc.qa import table_questions
from docproc.qa_tablequest import refine_table_questions

SCAN = '''| | Number of financial companies | Pct of all companies analysed |
|---|---|---|
| 0 reclassifications | 52 | 52% |
| 1 reclassification | 28 | 28% |
| 2 reclassifications | Z | 11% |
| 3 reclassifications | 8 | 8% |
| 4 reclassifications | it | 1% |'''
WORDS = '''| Pump | Rated pressure (bar) | Seal |
|---|---|---|
| P-101A | 16 | mechanical |
| P-102 | 10 | packing |
| P-103 | 12 | mechanical |'''

def test_word_among_numbers_is_no_value():
    answers = [c['answer'] for c in refine_table_questions(table_questions(SCAN), SCAN)]
    assert 'it' not in answers and 'Z' not in answers and '28' in answers and '1%' in answers

def test_word_column_keeps_its_values():
    answers = [c['answer'] for c in refine_table_questions(table_questions(WORDS), WORDS)]
    assert 'packing' in answers and 'mechanical' in answers and '16 bar' in answers

# the fallback's answer cut (04l): an abbreviation's stop is no clause break
from docproc.qa_fallback import _clause

@pytest.mark.parametrize('s,cut', [
    ('the U.S. Census Bureau data, which is old', 'the U.S. Census Bureau data'),
    ('subjects, e.g. science and social studies. Next', 'subjects, e.g. science and social studies'),
    ('in table A-2, appendix A. SOURCE: U.S. Department of Education', 'in table A-2, appendix A'),   # us-017
    ('the pump. It runs', 'the pump'),
])
def test_clause_cut(s, cut):
    assert _clause(s) == cut
