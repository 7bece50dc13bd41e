"Session 9 (why): cause and effect sentences asked as `Why …?` / `What did X cause?` (04zi), on real snippets."
import pytest
from docproc.qa import write_candidates
from docproc.qa_causes import invert, cause_questions, result_questions, linked_cause

def pairs(text):
    return {c['question']: (c['answer'], c['type']) for c in write_candidates(text) if c['type'] != 'table'}

@pytest.mark.parametrize('text,question,answer', [
    # us-025 (stroke report): a long named subject, the cause after `because`
    ('Research examining the promotion of cardiovascular health through preventing onset of hypertension and '
     'atherosclerosis should be given priority because major disparities exist in the prevalence of cardiovascular '
     'risk factors among population groups at early ages (23–25).',
     'Why should research examining the promotion of cardiovascular health through preventing onset of hypertension '
     'and atherosclerosis be given priority?',
     'Because major disparities exist in the prevalence of cardiovascular risk factors among population groups at '
     'early ages'),
    # us-023 (health disparities report): the cause first
    ('Because of limits on data availability and optimal size of the report, certain topics of potential interest in '
     'the health disparities literature have been excluded.',
     'Why have certain topics of potential interest in the health disparities literature been excluded?',
     'Because of limits on data availability and optimal size of the report'),
    # eu-026 (financial literacy paper): a two-word cause first, `do`-less passive
    ('Due to item non-response, the SAVE data set is imputed using an iterative multiple imputation procedure based on '
     'a Markov-Chain Monte-Carlo method (Schunk (2008)).',
     'Why is the SAVE data set imputed using an iterative multiple imputation procedure based on a Markov-Chain '
     'Monte-Carlo method?', 'Due to item non-response'),
    # us-020 (PIRLS methods): `did` kept from the source, the lead `However,` dropped
    ('However, the United States did include substitute schools because its school-level response rate was less than '
     '85 percent.', 'Why did the United States include substitute schools?',
     'Because its school-level response rate was less than 85 percent'),
])
def test_cause_in_sentence(text, question, answer):
    c = cause_questions(text)
    assert c and (c[0]['question'], c[0]['answer'], c[0]['type']) == (question, answer, 'factual'), c

@pytest.mark.parametrize('sent', [
    # us-022: the increases were due to the enforcement, not the reporting of them
    '− ICE HSI reported significant benchmark increases due to its enforcement activities, including a 17 percent '
    'increase in opened intellectual property cases.',
    # us-006: the growing availability explains the enrollment, not the interest
    'Differential impacts are of particular interest in light of a trend of increased enrollment of the 3-year-olds in '
    'some grantee/delegate agencies presumably due to the growing availability of preschool options for 4-year-olds.',
    # eu-026: `and Mitchell …` is no subject
    'This makes a comparison with the results of Lusardi and Mitchell and van Rooij et al. difficult due to the '
    'missing “do not know” option in SAVE.',
])
def test_cause_of_a_noun_not_asked(sent):
    assert cause_questions(sent) == []

def test_invert_supplies_do():
    # us-022: no auxiliary, `did` supplied; a leading dash dropped
    assert invert('− ICE HSI reported significant benchmark increases') == ('', 'did ICE HSI report significant '
                                                                               'benchmark increases')

def test_due_to_predicate():
    # eu-026: `can be due to` is the predicate: asked as `What … due to?`
    c = cause_questions('Again the deviations can be due to misreporting of the households as well as due to the '
                        'imprecise estimation of simulated returns to wealth during 2008.')
    assert c[0]['question'] == 'What can the deviations be due to?'
    assert c[0]['answer'].startswith('misreporting of the households')

def test_result_verbs():
    # us-026 (USGS abrasives): an aside cause cut from the question, the time lead kept
    c = result_questions('During 2009, downturns in the U.S. manufacturing sector, owing to the impacts of the global '
                         'economic recession, caused modest decreases in U.S. manufactured abrasives production, but '
                         'significant decreases in consumption.')
    assert c[0]['question'] == 'During 2009, what did downturns in the U.S. manufacturing sector cause?'
    # eu-008-photo (JASPERS): `…, leading to Y` after a passive
    c = result_questions('Extensive discussions were held in 2005, leading eventually to the establishment of the '
                         'JASPERS initiative.')
    assert (c[0]['question'], c[0]['answer']) == ('What did the extensive discussions held in 2005 eventually lead to?',
                                                  'the establishment of the JASPERS initiative')

@pytest.mark.parametrize('clause', [
    'These MAPEs are different from the MAPEs elsewhere in this report',        # us-019: a pointer subject
    'his publication is focused on loans',                                       # us-036: OCR lost the `T` of `This`
    'Exact expressions for sampling errors are often not available and approximations must be used',  # two clauses
    'The conceptual framework for PRO instruments intended to measure a general concept will be complex',  # participle
])
def test_unsure_subjects_not_inverted(clause):
    assert invert(clause) is None

def test_linked_cause_is_reasoning():
    # us-024 (American Housing Survey): `Therefore` links the sentence before; the participle tail is cut
    before = ('AHS has attempted to survey the same, or nearly the same, sample of houses for each cycle since the '
              'survey began. ')
    sent = ('Therefore, the survey administrators are persistent in their efforts to contact residents, substantially '
            'reducing typical non- response problems associated with phone surveys.')
    c = linked_cause(sent, before)[0]
    assert c['question'] == 'Why are the survey administrators persistent in their efforts to contact residents?'
    assert c['answer'].startswith('Because AHS has attempted to survey the same') and c['type'] == 'reasoning'
    assert before.strip() in c['evidence'] and sent in c['evidence']

@pytest.mark.parametrize('sent,before', [
    # us-001: a figure's reading is the evidence for `Consequently`, not the cause
    ('Consequently, a greater proportion of the population had aged into older groups with higher risks of disability.',
     'The 2010 population (light purple line) appears “shifted” to the right of the 2005 population (dark purple '
     'line), illuminating the aging of the baby-boom cohort. '),
    # us-034: an example is no cause
    ('Thus, the distinction between long-run and one-day distributions of dietary intakes must be made clear.',
     'For example, estimated percentiles for one-day dietary intakes can be misleading. '),
])
def test_linked_cause_guarded(sent, before):
    assert linked_cause(sent, before) == []

def test_writer_offers_cause_pairs():
    # us-019 (education projections): `This is because …` answers the sentence before, through the whole writer
    text = ('Projections of time series usually differ from the final reported data due to errors from many sources. '
            'This is because of the inherent nature of the statistical universe from which the basic data are obtained '
            'and the properties of projection methodologies, which depend on the validity of many assumptions.\n')
    ps = pairs(text)
    q = 'Why do projections of time series usually differ from the final reported data?'
    assert q in ps and ps[q][1] == 'reasoning' and ps[q][0].startswith('Because of the inherent nature'), ps

def test_linked_cause_us030():
    # us-030 (fuel economy): the brief's example; the cause sentence has its own `because`: the answer states it whole
    before = ('High speeds contribute to very high fuel use because aerodynamic drag increases with the square of '
              'vehicle velocity. ')
    sent = ('As a result, even more modest reductions from high speeds to around 60 mph still result in significant '
            'fuel savings.')
    c = linked_cause(sent, before)[0]
    assert c['question'] == ('Why do even more modest reductions from high speeds to around 60 mph still result in '
                             'significant fuel savings?')
    assert c['answer'] == before.strip().rstrip('.') and c['type'] == 'reasoning'

def test_writer_drops_04d_noun_cause():
    # us-006 (Head Start): 04d's `cause` pair read the enrollment's cause as the interest's; kept on main, now dropped
    text = ('Differential impacts are of particular interest in light of a trend of increased enrollment of the '
            '3-year-olds in some grantee/delegate agencies presumably due to the growing availability of preschool '
            'options for 4-year-olds.\n')
    assert not [q for q in pairs(text) if q.startswith('Why are differential impacts')], pairs(text)
