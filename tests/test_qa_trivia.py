"""Session 8 (echo): yes/no echoes kept for a word that is no stake, and trivia (a source line, a legend, a pointer to
an appendix table, a 100% row total) are not asked (`docproc.qa_trivia`, 04ze; `echo_yes_no`, 04x), on real snippets."""
from docproc.qa import unit_aside, coverage_units
from docproc.qa_generic import echo_yes_no, generic_subjects
from docproc.qa_trivia import trivia_aside, total_by_construction

def _why(text:str) -> list[str|None]:
    return [unit_aside(u, text, set()) for u in coverage_units(text) if u.kind == 'sentence']

def _yn(q:str, a:str) -> dict: return dict(question=q, answer=a, evidence=a[5:] + '.', type='factual')

def test_comparison_needs_a_compared_thing():
    # eu-009a: `more` in `in more detail` compares nothing
    q = ('In eu-009a.pdf, during the examination of direct assignments, did the evaluation examine in more detail '
         'the stage of the project cycle at which JASPERS became involved?')
    assert echo_yes_no(_yn(q, 'Yes: the evaluation also examined in more detail the stage of the project cycle'))
    q2 = 'In us-020.pdf, were more boys than girls enrolled in the sampled schools?'
    assert not echo_yes_no(_yn(q2, 'Yes: more boys than girls were enrolled in the sampled schools'))
    assert not echo_yes_no(_yn('Is the error rate higher for small samples?', 'Yes: the error rate is higher'))

def test_frequency_word_only_about_a_named_subject():
    # us-024: general knowledge, nothing the document names
    q = 'In us-024.pdf, under “Inadequate and Unhealthy Housing, 2007 and 2009”, is housing typically the ' \
        'greatest single expenditure for a family?'
    assert echo_yes_no(_yn(q, 'Yes: housing is typically the greatest single expenditure for a family'))
    q2 = 'In eu-013.pdf, is initial teacher training in Finland usually provided by universities?'
    assert not echo_yes_no(_yn(q2, 'Yes: initial teacher training in Finland is usually provided by universities'))

def test_all_in_a_yes_answer_is_an_echo():
    # us-020: `all` restated from the sentence
    q = ('In us-020.pdf, under “Nonresponse bias in the U.S. PIRLS sample”, in the analyses for the original '
         'sample of schools, were all substituted schools treated as nonresponding schools?')
    a = 'Yes: in the analyses for the original sample of schools, all substituted schools were treated as nonresponding'
    assert echo_yes_no(_yn(q, a))
    assert not echo_yes_no(_yn('Is vocational teacher education always consecutive?',
                               'Yes: vocational teacher education is always consecutive'))

def test_trivia_units_set_aside_with_reasons():
    # us-027, us-007, eu-026: a source line, a legend and a pointer among facts of the same chunk
    text = ('Numbers shown for 2006-08 were taken from the aggregate data for 2006-08. '
            'NA indicates that no data were collected for this outcome at this data collection point. '
            'The sociodemographic characteristics of the sample are provided in Table C1 in the appendix. '
            'Reported forcible sex offenses on campus rose 5 percent between 2006 and 2008.')
    assert _why(text) == ['source_line', 'legend', 'navigation', None]
    assert trivia_aside('Results for girls are shown in Table 3, where the gap is 12 points.') is None
    # us-007: an exhibit's shading legend; a sentence about what data indicate is a finding
    assert trivia_aside('Dark gray cell indicates a significant favorable impact (p≤ 0.10).') == 'legend'
    assert trivia_aside('Preliminary data for 2008 indicate that stroke might now be the fourth leading cause of '
                        'death in the United States.') is None

def test_row_total_of_100_percent_not_asked():
    # us-008 Exhibit 2.3: every row's Total is 100%
    ev = '| Sample Group | Some Year 1 Head Start Participation | No Year 1 Head Start Participation | Total |'
    q = ('In us-008.pdf, in Exhibit 2.3, what is the value under “Total” for '
         '"Head Start Group (3-Year-Old Cohort)"?')
    cands = [dict(question=q, answer='100%', evidence=ev, type='table'),
             dict(question=q.replace('“Total”', '“Some Year 1 Head Start Participation”'), answer='85.1%',
                  evidence=ev, type='table')]
    assert [c['answer'] for c in generic_subjects(cands, ev)] == ['85.1%']
    assert not total_by_construction(dict(question=q, answer='4,667', type='table'))

def test_trivia_candidates_not_kept():
    # us-007: the writer asks a legend even when its unit is set aside; eu-026: a pointer to an appendix table
    text = ('NA indicates that no data were collected for this outcome at this data collection point. '
            'The sociodemographic characteristics of the sample are provided in Table C1 in the appendix.')
    cands = [dict(question='In us-007.pdf, what does NA indicate?', type='factual',
                  answer='that no data were collected for this outcome at this data collection point',
                  evidence='NA indicates that no data were collected for this outcome at this data collection point.'),
             dict(question='In eu-026.pdf, where are the sociodemographic characteristics of the sample provided?',
                  answer='in Table C1 in the appendix', type='factual',
                  evidence='The sociodemographic characteristics of the sample are provided in Table C1 in the '
                           'appendix.')]
    assert generic_subjects(cands, text) == []
