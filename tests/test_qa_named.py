"Round 9 (named): questions whose subject points back (`these communities`, `the study`) named or not asked (04zn)."
import pytest
from docproc.qa import write_candidates
from docproc.qa_named import name_pointer, named_subjects

def questions(text):
    return [c['question'] for c in write_candidates(text) if c['type'] != 'table']

@pytest.mark.parametrize('text,word', [
    # eu-012 (Finnish education): `This five-year plan` is never named
    ('Every fourth year the government decides on future guidelines for education and training. This five-year plan '
     'forms the political basis for the development and reform of education in the coming years.', 'five-year plan'),
    # us-028 (campus attacks): `the subject` of one of several incidents
    ('On December 14, 1992, an 18-year-old student killed one professor, one student, and wounded four others in a '
     'random sweep across campus. The subject first approached a security-guard shack on the campus and shot the '
     'guard inside.', 'the subject'),
])
def test_pointer_never_named_not_asked(text, word):
    qs = questions(text)
    assert not [q for q in qs if word in q.lower()], qs

def test_pointer_named_from_the_sentence_before():
    # us-010 (open government plan): the communities are the Data.gov communities of the sentence before
    text = ('Launched new Data.gov communities, specialized sections of the website dedicated to bringing together '
            'data suppliers and data consumers around a specific, cross-agency topic. These active communities provide '
            'citizens with a place to find data on their topics of interest and use discussion forums.')
    qs = questions(text)
    assert any('the Data.gov communities provide' in q for q in qs), qs
    assert not [q for q in qs if 'the active communities' in q], qs

def test_programme_named_where_the_chunk_names_it():
    before = 'The Youth Guarantee programme started in 2005. Unemployment fell. '
    assert name_pointer('how many young people did the programme reach?', 'The programme reached 30 000.', before) == \
        'how many young people did the Youth Guarantee programme reach?'

def test_reports_own_study_left_to_the_document_prefix():
    # us-006 (Head Start): `this study` is the report's own; `In us-006.pdf, …` names it
    ev = 'It was not feasible or desirable for this study to prevent 3-year-olds from participating in Head Start.'
    q = 'was preventing 3-year-olds from participating in Head Start feasible or desirable for the study?'
    assert name_pointer(q, ev, '') == q

def test_named_or_qualified_subjects_kept():
    # a qualified noun says which; a heading with the noun says which; a table pair is left alone
    assert name_pointer('what does the study of reading show?', 'The study of reading shows gains.', '') == \
        'what does the study of reading show?'
    assert name_pointer('what did the subject admit?', 'The subject admitted it.', '', '## The subject') == \
        'what did the subject admit?'
    c = dict(question='what is the value?', answer='3', evidence='| a | 3 |', type='table')
    assert named_subjects([c], '| a | 3 |') == [c]

def test_two_names_is_one_of_several():
    before = 'The Youth Guarantee programme and the Sanssi Card programme were used. '
    assert name_pointer('what did the programme pay?', 'The programme paid wages.', before) is None

from docproc.qa_lint import lint_question

def test_lint_heading_echo_and_platitude():
    # eu-013 (Finnish VET teachers): the heading gives the answer away
    q = ('In eu-013.pdf, under “Special needs teacher education for vocational institutions”, in what can teachers '
         'with subject or vocational subject teacher qualifications specialise?')
    assert 'heading_echo' in lint_question(q, 'special needs education')
    assert 'heading_echo' not in lint_question(q, 'counselling of adults with learning difficulties')
    # us-036 (student loans): a class word says nothing
    q = ('In us-036.pdf, under “PREPARE—Understanding Financial Aid and Your Loan Options”, '
         'what is paying for a postsecondary education?')
    assert 'platitude' in lint_question(q, 'an investment')
    assert lint_question('In us-036.pdf, what is the maximum subsidized loan for a first-year student?',
                         '$3,500') == []

def test_lint_open_ended():
    # eu-013 (Finnish VET teachers): which universities?
    q = 'In eu-013.pdf, under “Preservice training for IVET teachers”, what do several universities have?'
    assert 'open_ended' in lint_question(q, 'programmes where students apply directly for subject teacher education')
    assert 'open_ended' not in lint_question('In eu-013.pdf, what does the University of Helsinki have?', 'programmes')
