"Round 3 (vague): questions about an unnamed `the X` and vague `What is said about` (04y), on real report sentences."
import pytest
from docproc.qa import write_candidates
from docproc.qa_vague import vague_subjects, name_generic, said_topic_ok

def questions(text):
    return [c['question'] for c in write_candidates(text) if c['type'] != 'table']

@pytest.mark.parametrize('text,word', [
    # eu-014 (Finnish VET funding): `the system` is performance-based funding, never called a system before
    ('Performance-based funding was introduced in 2002 when education providers were granted separate state subsidies '
     'based on their performance. The system became a part of the unit price determination in 2006.', 'the system'),
    # eu-027 (SAVE survey appendix): `the graph` is Figure B2, not named in the text before
    ('Financial literacy is taken from SAVE 2007. N=2,012. The graph is based on one imputed data set.', 'the graph'),
    # us-030 (NREL, driving behaviour): `the final suggestion` of what?
    ('Prior to this study, several suggestions were compiled by the project team. The final suggestion discusses '
     'leveraging intelligent vehicle advancements to enable drivers to request active eco-assist from their vehicles.',
     'the final suggestion'),
    # us-031a (driver feedback): impact of what?
    ('Lack of direct vehicle interface in most cases means that actual fuel economy cannot be determined. '
     'Impact is expected to be low due to low adoption rates.', 'impact'),
])
def test_unnamed_subject_not_asked(text, word):
    qs = questions(text)
    assert not [q for q in qs if word in q.lower()], qs

def test_subject_named_from_the_sentence_before():
    text = ('The performance-based funding system was introduced in 2002 for vocational institutions. '
            'The system became a part of the unit price determination in 2006.')
    qs = questions(text)
    assert any('the performance-based funding system' in q for q in qs), qs
    assert not any(q.startswith('What did the system') for q in qs), qs

@pytest.mark.parametrize('text', [
    # us-014 (NCLB report): a count phrase
    'Three themes are apparent in state policy responses to the standards, assessment, and improvement targets '
    'required by NCLB.',
    # eu-026 (financial literacy): which two?
    'Two of the questions are classified as measuring basic financial concepts (van Rooij et al. (2007)).',
    # us-007 (Head Start): the answer is the sentence restated
    'The social-emotional domain consisted of parent-reported measures during the Head Start years, reports by both '
    'parents and teachers in all elementary school years, with child self-reports added at the end of 3rd grade.',
])
def test_no_vague_said_about(text):
    assert not [q for q in questions(text) if q.startswith('What is said about')], questions(text)

def test_said_about_a_name_or_defined_term_stays():
    assert said_topic_ok('EU aid', 'EU aid is allocated to training intended for the unemployed')
    assert said_topic_ok('PIRLS response rates', 'PIRLS response rates denoted as before replacement conform')
    assert said_topic_ok('the target population', 'The target population, the group the survey describes, is ...')
    assert not said_topic_ok('33 participants', '33 participants stated that they experienced bullying')

def test_qualified_or_compound_noun_is_not_bare():
    for q in ('According to the data reported from the year 2007, what did Hungary find?',
              'Are the qualification requirements mostly defined by law?',
              'What were the results of the 2009 survey?'):
        assert name_generic(q, 'Nothing here. ') == q

def test_table_pairs_untouched():
    c = dict(type='table', question='What is said about three themes?', answer='x', evidence='x')
    assert vague_subjects([c], 'x') == [c]
