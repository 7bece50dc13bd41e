"Session 9 (verbs): passive and prepositional statements asked for their complement (04zk), on real sentences."
import pytest
from docproc.qa import write_candidates
from docproc.qa_verbs import verb_questions, prep_question, verb_prep_question, misread_fix

def pairs(text):
    return [(c['question'], c['answer']) for c in write_candidates(text) if c['type'] != 'table']

@pytest.mark.parametrize('text,question,answer', [
    # eu-014 (Finnish VET funding): an adjective's complement; the second clause is not part of the answer
    ('The state subsidy is payable to the education provider; it is not earmarked for a particular purpose.',
     'To whom is the state subsidy payable?', 'the education provider'),
    ('Responsibility for educational funding and capital expenditure is divided between the State and local '
     'authorities.', 'Between whom is responsibility for educational funding and capital expenditure divided?',
     'the State and local authorities'),
    ('State subsidies for operating costs (including teachers’ wages) are granted according to annual calculations per '
     'pupil, lesson or other unit.', 'According to what are state subsidies for operating costs granted?',
     'annual calculations per pupil, lesson or other unit'),
    # eu-014: an aside in the subject is left out of the question
    ('The regional and local labour administrations, under the Ministry of Labour, are responsible for purchasing '
     'training courses for the unemployed from a variety of providers.',
     'For what are the regional and local labour administrations responsible?',
     'purchasing training courses for the unemployed from a variety of providers'),
    # eu-012 (Finnish education system): a verb that takes its fact through a preposition
    ('Legislative power rests in the unicameral parliament (eduskunta, riksdag) of 200 members elected for a '
     'four-year term.', 'Where does legislative power rest?',
     'in the unicameral parliament of 200 members elected for a four-year term'),
    # eu-008 (JASPERS audit): a modal verb with its prepositional object; the second predicate is cut
    ('The cash contribution would come from the Commission and be financed by the technical assistance allocation '
     'under the ERDF funds.', 'From whom would the cash contribution come?', 'the Commission'),
    # us-025 (heart disease report): an agent that is a body; the second predicate is not part of the answer
    ('NVSS is maintained by CDC and compiles data from vital records on all deaths occurring annually in the United '
     'States (5).', 'By whom is NVSS maintained?', 'CDC'),
    ('CHD and stroke deaths were classified according to codes from the International Classification of Diseases, '
     'Tenth Revision (ICD-10) (8).', 'According to what were CHD and stroke deaths classified?',
     'codes from the International Classification of Diseases, Tenth Revision'),
    # eu-011 (CDS markets report): a modal passive, `upon` a condition
    ('Assistance to ailing states will be provided upon the presentation of a satisfactory restructuring program.',
     'On what condition will assistance to ailing states be provided?',
     'the presentation of a satisfactory restructuring program'),
    # us-028 (campus violence report): `and, of those, …` is the next clause
    ('The majority of incidents were perpetrated by one individual (n = 270) and, of those, most of the subjects were '
     'male (94 percent, n = 254).', 'By whom were the majority of incidents perpetrated?', 'one individual'),
    # eu-020 (student health survey): a counted subject names its group; a basis
    ('The 494 university students were selected evenly from the various course years.',
     'From what were the 494 university students evenly selected?', 'the various course years'),
    # eu-020 (student health survey): a basis
    ('SES was computed on the basis of father’s occupation and level of education and mother’s level of education.',
     'On what basis was SES computed?', 'father’s occupation and level of education and mother’s level of education'),
    # eu-014: a sentence in brackets is read whole
    ('(Labour market training is mainly purchased by the labour authorities.)',
     'By whom is labour market training mainly purchased?', 'the labour authorities'),
])
def test_sentence_asked(text, question, answer):
    ps = pairs(text)
    assert (question, answer) in ps, ps

def test_scope_lead_kept():
    "eu-014: the year that limits the fact stays in the question."
    c = verb_questions('In 2004, the majority of labour market training was maintained by local authorities.')
    assert [(x['question'], x['answer']) for x in c] == [
        ('In 2004, by whom was the majority of labour market training maintained?', 'local authorities')]

def test_clause_form_keeps_what_it_reads():
    "A sentence the clause form (04e) reads whole is left to it; one it misreads (a stitched answer) is not."
    assert misread_fix('Vocational teacher education is provided at five teacher education colleges.') == []
    assert [c['question'] for c in misread_fix('NVSS is maintained by CDC and compiles data from vital records.')] == [
        'By whom is NVSS maintained?']

def test_later_forms_keep_theirs():
    "eu-014: the active form of 04o/04e (`who maintained …?`) still asks what it asked before this chapter."
    ps = pairs('In 2004 the majority of labour market training was maintained by local authorities.')
    assert ('In 2004, who maintained the majority of labour market training?', 'local authorities') in ps, ps

@pytest.mark.parametrize('sent', [
    'These costs are allocated to the projects.',                            # a pointer subject
    'Efforts were made to gather information regarding the subjects who carried out the attacks.',  # names nothing
    'Each text table appears directly after the discussion of accuracy of that section’s national projections.',
    'The contrast in results is shown on the following figure.',             # the answer points elsewhere
    'One way to account for age differences is to adjust estimates to a standard age distribution.',
    'The results increased in most regions.',                                # not a verb of the closed list
    'MAPEs were calculated by computing the average of the absolute values.',  # a method: 04zb asks it
    'Financial aid is also available for study abroad.',                     # one of several: not *the* answer
    '(Calculations for table A-3 are based on unrounded numbers.)',           # whose table? the question cannot say
    'Again the deviations can be due to misreporting of the households.',  # eu-026: a connective, not the subject
    'A unique scale is used for mSs shown in the same row.',                 # which scale? a caption
    'Handguns and other weapons were used in about half of the campus murders.',   # a share: 04n's forms
])
def test_not_asked(sent):
    assert prep_question(sent) is None and verb_prep_question(sent) is None, (prep_question(sent),
                                                                              verb_prep_question(sent))

def test_whom_only_for_people():
    "`derived from the CCD`: data, asked with `what`; `targeted at young people`: people."
    assert prep_question('The school frame data are derived from the CCD and PSS.')['question'].startswith('From what')
    c = prep_question('Responsibility for schools is shared between the State and the municipalities.')
    assert c['question'].startswith('Between whom'), c

EU012_LIST = ('The development plan Education and research 2003-08 (Koulutus ja tutkimus 2003-08, Utbildning och '
              'forskning 2003-08, see Annex 3) identifies the following priorities:\n\n'
              '### Improving the education system\n\n'
              '- expand opportunities to study general and vocational subjects simultaneously in post-compulsory '
              'schooling;\n'
              '- increase cooperation between polytechnics and universities and clarify their separate roles;\n'
              '- devise ways to recognise prior learning for all levels of education.\n')

def test_list_under_lead():
    "eu-012: one question names the list by its lead and heading; its answer has every item, its evidence all of them."
    cs = [c for c in write_candidates(EU012_LIST) if c['kind'] == 'list_lead']
    assert [c['question'] for c in cs] == ['What priorities does the development plan Education and research 2003-08 '
                                           'identify under “Improving the education system”?'], cs
    assert cs[0]['answer'].split('; ') == [
        'expand opportunities to study general and vocational subjects simultaneously in post-compulsory schooling',
        'increase cooperation between polytechnics and universities and clarify their separate roles',
        'devise ways to recognise prior learning for all levels of education']
    assert cs[0]['evidence'].endswith('for all levels of education.')

def test_list_without_named_lead():
    "A lead that names nothing (`The objectives are to:`) and a numbered list (list_questions' job) are not asked."
    text = 'The objectives are to:\n\n- organise them in realistic situations;\n- improve the vocational skills.\n'
    assert [c for c in write_candidates(text) if c['kind'] == 'list_lead'] == []
