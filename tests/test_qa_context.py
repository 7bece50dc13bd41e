"Session 9 (context): a paragraph lead's time or cohort scope carried into its later sentences' questions (04zm)."
from docproc.qa import write_candidates
from docproc.text import pipe_tables
from docproc.qa_tablename import caption_name
from docproc.qa_context import carry_scope, lead_scope, part_names, name_continued, phrase_title

# us-007 (Head Start impact study), its 4-year-old cohort's social-emotional findings: the cohort's impacts differ by
# year, and only the paragraph's first sentence says which year
HEAD_START = ('## 4-Year-Old Cohort\n\n At the end of 3rd grade, parents reported less aggressive and total problem '
              'behaviors for the Head Start group children. However, teachers reported unfavorable impacts with a '
              'higher incidence of children’s emotional symptoms, less closeness, and a less positive relationship '
              'with the Head Start children. Finally, Head Start children in the 4-year-old cohort reported less '
              'positive peer relations at school compared to the control group.')

def prose(text):
    return [c for c in write_candidates(text) if c['type'] != 'table']

def test_writer_keeps_the_grade_of_a_later_sentence():
    later = [c for c in prose(HEAD_START) if c['evidence'].startswith(('Finally', 'However'))]
    assert later, 'the writer asks about the later sentences'
    for c in later: assert c['question'].startswith('At the end of 3rd grade, '), c['question']

def test_lead_sentence_is_not_scoped_twice():
    lead = [c for c in prose(HEAD_START) if c['evidence'].startswith('At the end')]
    assert lead and all(c['question'].lower().count('end of 3rd grade') == 1 for c in lead)

def test_scope_needs_a_time():
    # us-022 (IP enforcement report): a year scope; a plain opener (`However,`) or a place is none
    assert lead_scope('In FY 2011, DOJ charged 215 defendants with intellectual property offenses.') == 'In FY 2011'
    assert lead_scope('In the United States, most cases are civil.') == ''
    assert lead_scope('However, teachers reported unfavorable impacts.') == ''

def test_no_carry_into_present_or_dated_sentence():
    text = 'In 2004, 2 246 496 people took part in training. Training is free of charge in 2005 for the unemployed.'
    c = dict(question='For whom is training free of charge?', answer='the unemployed', type='factual',
             evidence='Training is free of charge in 2005 for the unemployed.')
    assert carry_scope([c], text) == [c]


# us-020 (TIMSS/PIRLS benchmarking appendix): a table split over pages, captioned once and then `… 2011—Continued`
A2_FIRST = ('### Table A-2. Total number of schools and students, by education system: 2011\n\n'
            '| Education system | Schools in original sample | Substitute schools |\n|---|---|---|\n'
            '| Armenia | 150 | 0 |\n| Australia | 290 | 13 |\n')
A2_CONT = ('### Table A-2. Total number of schools and students, by education system: 2011—Continued\n\n'
           '| Benchmarking education systems | Schools in original sample | Substitute schools |\n|---|---|---|\n'
           '| Alberta-CAN | 150 | 2 |\n| Ontario-CAN | 200 | 3 |\n')

class _State:
    def __init__(self, text): self.text, self.tables = text, pipe_tables(text)

def test_continued_tail_dropped_and_no_title_borrowed_wrongly():
    q = ('In us-020.pdf, what is the number of schools in original sample for "Andalusia-ESP" in Table A-2 (Total '
         'number of schools and students, by education system: 2011—Continued)?')
    names = part_names([_State(A2_FIRST), _State(A2_CONT)])
    assert names['Table A-2'].startswith('Table A-2 (Total number of schools and students')
    assert 'Continued' not in name_continued(q, names)
    assert name_continued(q, names).endswith('by education system: 2011)?')

def test_untitled_continuation_named_after_first_part():
    cont = ('Table A-2 (Continued)\n\n| Benchmarking education systems | Substitute schools |\n|---|---|\n'
            '| Alberta-CAN | 2 |\n')
    names = part_names([_State(A2_FIRST), _State(cont)])
    q = 'In us-020.pdf, in Table A-2 (Continued), what is the value under “Substitute schools” for "Alberta-CAN"?'
    assert name_continued(q, names) == ('In us-020.pdf, in ' + names['Table A-2'] + ', what is the value under '
                                        '“Substitute schools” for "Alberta-CAN"?')
    assert name_continued(q, part_names([_State(cont)])) == q      # no captioned first part: as it is


def test_caption_cut_inside_a_phrase_is_cut_back_to_a_whole_one():
    # a Cedefop-style caption whose wrapped tail (`institutions in 2004`) the lines above the table no longer hold
    text = ('Table 7. Participation in non-certificate-oriented education and training in educational\n\n'
            '| | Number of participants (*) | % |\n|---|---|---|\n| Total | 2 246 496 | 66 |\n')
    name = caption_name(text, pipe_tables(text)[0])
    assert name == 'Table 7 (Participation in non-certificate-oriented education and training)', name
    whole = text.replace(' in educational\n', ' in educational institutions\n')
    assert caption_name(whole, pipe_tables(whole)[0]).endswith('training in educational institutions)')
