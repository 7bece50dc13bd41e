"Issue 17: sentences that open with a connective, a scope lead or a pointer (04o), on real report sentences."
import pytest
from docproc.qa_leads import led_questions, scope_lead, peel_connective, antecedent, when_question
from docproc.qa_clause import prose_questions

def qa(sent, before=''):
    out = prose_questions(sent, False, False, before)
    return (out[0]['question'], out[0]['answer']) if out else None

@pytest.mark.parametrize('sent,before,q,a', [
    # eu-012 (Eurydice, Finland): a date lead answers `When`
    ('In 2006 Ms Tarja Halonen was re-elected as president of the country.', '',
     'When was Ms Tarja Halonen re-elected as president of the country?', 'In 2006'),
    # eu-012: the second clause (`and unemployment rose …`) is not asked with the first
    ('In early 1990, Finland went into deep depression and unemployment rose rapidly to almost 20 %.', '',
     'When did Finland go into deep depression?', 'In early 1990'),
    # eu-014 (Cedefop, Finland): the year limits the fact and stays in the question
    ('In 2004 the majority of labour market training was maintained by local authorities; 54 200 people completed a '
     'labour market training.', '', 'In 2004, who maintained the majority of labour market training?',
     'local authorities'),
    # eu-017 (EFSA zoonoses report): two scope leads, both kept
    ('Within the EU, in 2007, children under the age of five had the highest notification rate, representing 120 '
     'campylobacteriosis cases per population of 100,000.', '',
     'Within the EU, in 2007, what did children under the age of five have?',
     'the highest notification rate, representing 120 campylobacteriosis cases per population of 100,000'),
    # eu-011 (CESR report): a date lead with a participle phrase after it
    ('On 10 May 2010, following the escalation of tensions in Euro sovereign debt markets, European finance ministers '
     'unveiled a European Financial Stabilisation Mechanism (EFSM).', '',
     'On 10 May 2010, following the escalation of tensions in Euro sovereign debt markets, what did European finance '
     'ministers unveil?', 'a European Financial Stabilisation Mechanism'),
    # eu-019 (EFSA report): a connective without a comma goes
    ('Also Germany and the netherlands reported most of their cases as imported.', '',
     'What did Germany and the netherlands report?', 'most of their cases as imported'),
    # us-014: a date lead stays in front of the clause question (not a `When` question that gives the content away)
    ('In 2006–07, a majority of both district administrators and principals agreed that having a state or district '
     'program in addition to NCLB gives a more complete picture of effectiveness.', '',
     'In 2006–07, what did a majority of both district administrators and principals agree?',
     'having a state or district program in addition to NCLB gives a more complete picture of effectiveness'),
    # eu-014: `amounted to` is asked as `What were …?` (a question ending in `to?` is template debris to the lint)
    ('In 2004, total operating costs of vocational institutions amounted to EUR 1 107 million: the average unit cost '
     'per student was EUR 8 467.', '', 'In 2004, what were total operating costs of vocational institutions?',
     'EUR 1 107 million'),
    ('In 2004, total expenditure on apprenticeship training amounted to about EUR 129 million.', '',
     'In 2004, what was total expenditure on apprenticeship training?', 'about EUR 129 million'),
    # us-020 (PIRLS report): a passive with `as` asks for its subject
    ('In the case of NAEP region, “West” was used as the reference group.', '',
     'In the case of NAEP region, what was used as the reference group?', '“West”'),
    # us-001 (Census report): a group lead and a share
    ('Of individuals 55 to 64 years old and nearing retirement, about 6.0 percent needed assistance with one or more '
     'ADLs or IADLs.', '',
     'Of individuals 55 to 64 years old and nearing retirement, what percentage needed assistance with one or more '
     'ADLs or IADLs?', 'about 6.0 percent'),
    # eu-026 (SAVE survey paper): `This table` is the caption above it
    ('This table contains the frequency and the proportion of respondents who were able to answer zero to three '
     'questions on the financial literacy task.', 'Table 2: Financial Literacy 2007\n\n',
     'What does Table 2 (Financial Literacy 2007) contain?',
     'the frequency and the proportion of respondents who were able to answer zero to three questions on the '
     'financial literacy task'),
])
def test_led_sentence_asked(sent, before, q, a):
    assert qa(sent, before) == (q, a)

def test_connective_dropped_evidence_whole_sentence():
    # eu-014: the connective goes, the total is asked, the evidence is the whole sentence
    out = led_questions('In addition, private funding totals an estimated EUR 460 million.')
    assert [(c['question'], c['answer'], c['evidence']) for c in out] == \
        [('What does private funding total?', 'an estimated EUR 460 million',
          'In addition, private funding totals an estimated EUR 460 million.')]

@pytest.mark.parametrize('sent,before', [
    # eu-011: the lead points at something before (`this latter case`): not asked
    ('In this latter case, their trades are based on believes about the future evolution of the issuer default risk.',
     'Market participants in sovereign CDS markets may not only trade to insure against a default. '),
    # us-001 (Census report): a pointer to another document, no fact
    ('For more information about the source and accuracy of the estimates, including margins of error, see the Source '
     'and Accuracy Statement.', ''),
    # eu-026: `This table` with no caption before it names nothing
    ('This table contains the frequency and the proportion of respondents who gave the respective answers.',
     'We find that the average loss of households who kept their assets is little over 12,000 Euros. '),
    # eu-026: after the connective, `these households` names nothing in the sentence before
    ('Thus, these households reported paper losses.',
     '75.2% responded that they kept the loser assets in their\n\nportfolio. '),
    # us-015 (FDA guidance): `that single responsive item` points back: not `the single responsive item`
    ('However, that single responsive item or domain may support a claim specific to that item or domain.',
     'For example, if improvement in a score for a general concept is driven by a single responsive item. '),
    # us-024 (CDC report): a second clause (`and 23.4 million are …`) is not stitched into the question
    ('Among the approximately 110 million housing units in the United States, approximately 5.8 million are '
     'classified as inadequate and 23.4 million are considered unhealthy.', ''),
    # us-014 (NCLB report): `states had …` misread as the verb `state`: the answer opens with a verb, so no question
    ('By 2006–07, a total of 27 states had accountability requirements that went beyond what is required under NCLB.',
     ''),
])
def test_led_sentence_not_asked(sent, before):
    assert led_questions(sent, before) == []

def test_scope_lead_limits():
    assert scope_lead('In 2005, the unemployment rate (8.4 %) was little below EU-25 average (8.7 %).') == \
        ('In 2005', 'the unemployment rate (8.4 %) was little below EU-25 average (8.7 %).')
    assert scope_lead('In the 1980s growth was stable but, at the beginning of the 1990s, the economy was hit.') is None
    assert scope_lead('In order to support its members, Euro area governments agreed to a mechanism.') is None
    assert peel_connective('However, for both gender groups, the difference was not significant.') == \
        'for both gender groups, the difference was not significant.'

def test_pointer_antecedents():
    assert antecedent('This table', 'Table 1: Households’ Reaction to Financial Losses\n\n') == \
        'Table 1 (Households’ Reaction to Financial Losses)'
    assert antecedent('Its goal', 'The Open Government Initiative was launched in 2009. ') == \
        'the goal of the Open Government Initiative'
    assert antecedent('Its goal', 'It was launched in 2009. ') is None
    assert when_question('In international comparisons', 'the level of education of the Finns is high.') is None
