"Session 8 (sent): copula statements and a study's method, asked where no earlier form asks (04zb), on real sentences."
import pytest
from docproc.qa import write_candidates
from docproc.qa_sentcover import copula_question, method_question, passive_question, sentcover_questions

def pairs(text):
    return [(c['question'], c['answer']) for c in write_candidates(text) if c['type'] != 'table']

@pytest.mark.parametrize('text,question,answer', [
    # eu-014 (Finnish VET funding): `training` is a noun here, not the verb that splits the sentence
    ('The targets of labour market training are to balance the supply and demand of the labour force, to meet the '
     'demands of the labour force, and to prevent unemployment.', 'What are the targets of labour market training?',
     'to balance the supply and demand of the labour force, to meet the demands of the labour force, and to prevent '
     'unemployment'),
    # us-023 (health disparities report): a purpose with a possessive subject
    ('One of NPA’s five objectives is to ensure the availability of health data for all racial/ethnic minority '
     'populations.', 'What is one of NPA’s five objectives?',
     'to ensure the availability of health data for all racial/ethnic minority populations'),
    # us-001 (disability report): `one way to …`
    ('One way to account for age differences is to adjust estimates to a standard age distribution using a common '
     'methodology in the presentation of health statistics.', 'What is one way to account for age differences?',
     'to adjust estimates to a standard age distribution using a common methodology in the presentation of health '
     'statistics'),
    # eu-012 (Finnish education system): `has been` + a purpose
    ('One of the main policy aims over the decades has been to give everyone the opportunity to study to achieve the '
     'best use of human resources for the nation.', 'What has been one of the main policy aims over the decades?',
     'to give everyone the opportunity to study to achieve the best use of human resources for the nation'),
    # eu-026 (financial literacy paper): a study's method, its manner the answer
    ('We measure losses due to the financial crisis by directly asking households.',
     'How do the authors measure losses due to the financial crisis?', 'by directly asking households'),
    ('We divide financial losses by households’ total financial wealth at the end of 2007.',
     'By what do the authors divide financial losses?', 'households’ total financial wealth at the end of 2007'),
    ('We use the answers to the financial quiz from the SAVE survey in 2007 because the financial crisis might have '
     'changed financial knowledge of households.',
     'Why do the authors use the answers to the financial quiz from the SAVE survey in 2007?',
     'because the financial crisis might have changed financial knowledge of households'),
    # passives: their source or method asked (04zb `passive_question`)
    # us-020 (PIRLS technical notes): the source of a data set
    ('The school frame data are derived from the CCD and PSS.', 'From what are the school frame data derived?',
     'the CCD and PSS'),
    # us-023 (health disparities): the manner, a one-word capitalised subject
    ('Disparities are most often presented as a series of pair-wise comparisons: strata of a particular variable '
     'compared with a referent group.', 'How are disparities most often presented?',
     'as a series of pair-wise comparisons: strata of a particular variable compared with a referent group'),
])
def test_sentence_asked(text, question, answer):
    ps = pairs(text)
    assert (question, answer) in ps, ps

@pytest.mark.parametrize('text', [
    # eu-012: a pointing subject (`another`), a count of unnamed things, a `but` that joins two clauses
    'Another recent development is performance-based funding for education providers.',
    'Three major export sectors today are electronics, metal and engineering, and wood and paper.',
    'In the 1980s growth was stable but, at the beginning of the 1990s, the Finnish national economy was hit by the '
    'worst depression since the war.',
    # eu-021: `an interesting observation` names nothing
    'An interesting observation is that few participants mentioned that difficulties related to alcohol use affected '
    'their academic performance.',
    # gcc's README.Bugs: `for this` points back; the answer is a clause
    'The most important prerequisite for this is that the report must be complete and self-contained.',
    # zstd's README: a passive (`is split up into`), not a noun phrase
    'Zstandard CI testing is split up into three sections: short, medium, and long tests.',
    # dconf's README: an adjective, not a noun phrase
    'Layering of preferences is possible using multiple files.',
    # Python's difflib / configparser docstrings: `optional arg b` of which function?
    'Optional arg b is the second of two sequences to be compared.',
    'Optional second argument is the `source` specifying the name of the file being read.',
    # yajl's README: `such` points back
    'The included JSON pretty printer is an example of such a filter program.',
    # pstats: the complement is a clause
    'The big change from the previous Profiler is that an "add" method has been provided to combine Stats.',
    # timeit: a clause with no noun phrase to ask for
    'The advantage over the standard traceback is source lines in the compiled template will be displayed.',
    # pathlib: an imperative, no subject
    'Note the order of arguments is the reverse of os.symlink.',
])
def test_copula_not_asked(text):
    assert copula_question(text) is None

@pytest.mark.parametrize('text', [
    'We will comment on the deviation in more details below.',                 # no method
    'We find that the average loss of households who kept their assets is little over 12,000 Euros.',
    'We would like somehow to include that, the students passing all five in the accountability some way.',
    'We construct an index taking values 0 to 3 according to the number of correct answers given by each respondent.',
])
def test_method_not_asked(text):
    assert method_question(text) is None

def test_only_where_nothing_else_asks():
    # 04e's clause form asks this one already: this chapter adds nothing
    text = 'A margin of error is a measure of an estimate’s variability.'
    assert not [c for c in write_candidates(text) if c['kind'] in ('copula', 'method')]
    assert sentcover_questions('The prime aim of the programme is to raise the educational level of adults.')

@pytest.mark.parametrize('text', [
    # libgmp's README: `it` is no subject, and the answer joins a second predicate
    'It is composed from the file doc/gmp.texi, and can be displayed on the screen or printed.',
    # tcl's README.Debian: a second predicate after `and`
    'The current version of Tcl/Tk policy is included into tcl-doc binary package and can be found in the directory.',
    # eu-013: `the former` points back
    'The role of the former is to support education providers in evaluation matters.',
])
def test_pointer_or_two_predicates_not_asked(text):
    assert not sentcover_questions(text)

def test_a_comparison_is_no_copula_answer():
    # us-024: `1.2 times higher` answers `how much higher`, not `what was the odds`
    assert copula_question('For households with a disabled person, the odds of living in inadequate housing was '
                           '1.2 times higher compared with other households.') is None

def test_passive_source_not_a_list_lead():
    # us-024 (housing report): the fact is the list of living quarters, not `from the sample`
    assert passive_question('Second, certain types of living quarters were excluded from the sample, including '
                            'transient accommodations, barracks for workers, and institutional accommodations.') is None

def test_passive_method():
    # us-020 (PIRLS technical notes): a long subject with its test named
    c = passive_question('The hypothesis of independence between a given school characteristic and the response status '
                         '(whether or not the school participated) was tested using a Rao-Scott modified chi-square '
                         'statistic.')
    assert c['question'] == ('How was the hypothesis of independence between a given school characteristic and the '
                             'response status tested?'), c
    assert c['answer'] == 'using a Rao-Scott modified chi-square statistic'
    # us-019: `these numbers` points back
    assert passive_question('The MAPE for a lead time of 2 years was then calculated by taking the average of these '
                            'numbers, or 0.5.') is None
