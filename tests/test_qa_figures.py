"Issue 17: key figures in the sentences of real reports (04n): shares, changes, counts, amounts, items in brackets."
import pytest
from docproc.qa import write_candidates, coverage_units, covered_units, find_span
from docproc.qa_figures import figure_forms
from docproc.qa_clause import share_questions
from docproc.qa_lint import lint_question
from docproc.text import find_quantities

def pairs(sent, context=''):
    return [(c['question'], c['answer']) for c in figure_forms(sent, context)]

@pytest.mark.parametrize('sent,context,want', [
    # eu-024 (survey of students): a share and its list of further items in brackets
    ('Almost 11% of the respondents said that they were discriminated occasionally because of language, followed by '
     'social class (7.2%), physical appearance (6.2%), gender (5.9%) and age (5.1%).', '',
     ('What percentage of the respondents said that they were discriminated occasionally because of "age"?', '5.1%')),
    # eu-021: the list's measure is in a bracket two sentences back
    ('This physical symptom is followed by bronchitis, ear or sinus infection (21.1%) and allergy problems (18.8%), '
     'and anxiety (16.4%) and depression (9.7%).',
     'Back pain was the most common ailment (40.9% of all cases). This may be attributed to the long hours students '
     'spend leaning over a desk or in front of their monitors.',
     ('What percentage of all cases was accounted for by "depression"?', '9.7%')),
    # us-025 (CDC report): a measure compared across groups, each figure after its group
    ('The proportion of CHD deaths that occurred among persons aged 45–74 years was higher for black women (37.9%) '
     'than white women (19.4%) and higher for black men (61.5%) than white men (41.5%).', '',
     ('What was the proportion of CHD deaths that occurred among persons aged 45–74 years for "white women"?',
      '19.4%')),
    # eu-012 (Cedefop report on Finland): a time lead kept, the comparison asked as a whole
    ('In 2005, the unemployment rate (8.4 %) was little below EU-25 average (8.7 %).', '',
     ('In 2005, what was the unemployment rate?', '8.4 %')),
    ('In early 1990, Finland went into deep depression and unemployment rose rapidly to almost 20 %.', '',
     ('In early 1990, to what level did unemployment rise?', 'almost 20 %')),
    # us-001 (Census report): a change from one figure to another
    ('By standardizing to the year 2000 standard population (gray line), the adjusted rates showed that disability '
     'decreased from 18.6 percent to 18.1 percent, when controlled for age.', '',
     ('From what to what did disability decrease, when controlled for age?', 'from 18.6 percent to 18.1 percent')),
    # eu-017 (EFSA zoonoses report): a part of a whole, its whole named
    ('The most frequently reported Campylobacter species in 2007 was C. jejuni (44.3%), while C. coli accounted for '
     '2.7% of Campylobacter isolates.', '',
     ('What share of Campylobacter isolates was accounted for by C. coli?', '2.7%')),
    # eu-019: two parts of one whole in one clause
    ('B. melitensis represented 8% and B. abortus 4% of reported confirmed cases (n= 357).', '',
     ('What share of reported confirmed cases did B. abortus represent?', '4%')),
    # eu-020: later shares of the group the first one names
    ('46% of the selected student were single, about 31% were dating and the remaining 23% were in a long term '
     'relationship, including married persons (Figure 2.2).', '',
     ('What percentage of the selected student were dating?', 'about 31%')),
    ('36.5% came from a medium SES and 28.7% from a low SES (Figure 2.3).',
     '34.8% of the students in the sample came from a high socio economic status (SES).',
     ('What percentage of the students in the sample came from a low SES?', '28.7%')),
    # us-028 (campus attacks report): counts of people, the verb of the second count its own
    ('In the aftermath, 13 people were killed and 31 were wounded on the campus.', '',
     ('In the aftermath, how many people were wounded on the campus?', '31')),
    # eu-014: an amount with its currency and hedge
    ('In 2004, total expenditure on apprenticeship training amounted to about EUR 129 million.', '',
     ('In 2004, how large was total expenditure on apprenticeship training?', 'about EUR 129 million')),
    ('The funding of the school-based element stood at approximately EUR 61 million, accounting for almost 50 % of '
     'total expenditure.', '',
     ('What share of total expenditure was accounted for by the funding of the school-based element?', 'almost 50 %')),
    # us-022 (IP enforcement report): a change by an amount, its lead and its comparison kept
    ('− In FY 2011, ICE HSI intellectual property investigations increased by more than 17 percent in comparison to '
     'FY 2010 and 66 percent in comparison to FY 2009.', '',
     ('In FY 2011, by how much did ICE HSI intellectual property investigations increase in comparison to FY 2010?',
      'more than 17 percent')),
    # eu-019: a fraction with its exact figure
    ('Less than half (42.2%) of the infections at EU level remain of unknown geographical origin.', '',
     ('What share of the infections at EU level remain of unknown geographical origin?', 'Less than half (42.2%)')),
    # us-001: a group lead kept in the question
    ('Of individuals 55 to 64 years old and nearing retirement, about 6.0 percent needed assistance with one or more '
     'ADLs or IADLs.', '',
     ('Of individuals 55 to 64 years old and nearing retirement, what percentage needed assistance with one or more '
      'ADLs or IADLs?', 'about 6.0 percent')),
])
def test_figure_forms(sent, context, want):
    got = pairs(sent, context)
    assert want in got, got
    for q, a in got:                      # every question passes the lint; every answer's figure is in the sentence
        assert not lint_question(q, a, (), ''), (q, lint_question(q, a, (), ''))
        assert all(x.value in sent for x in find_quantities(a)), (q, a)

@pytest.mark.parametrize('sent,context', [
    ('This physical symptom is followed by anxiety (16.4%) and depression (9.7%).', ''),   # no group named anywhere
    ('36.5% came from a medium SES and 28.7% from a low SES.', ''),                         # the group is unknown
    ('These account for 10 % of average operating costs in the three previous years.', ''),  # a pronoun subject
    ('It rose to 20 % in 1990.', ''),
    ('Heart disease and stroke are the first and third leading causes of death in the United States.', ''),
    ('This is carried out in two ways; either by conducting hypothesis tests or by computing the 95% confidence '
     'intervals for population parameters.', ''),                                           # a method, not a fact
    ('with higher education will rise from 40 % to at least 50 %;', ''),      # eu-012: a list item cut, no subject
    ('- Exit status 0 means success, 1 means hunks were rejected, 2 means trouble.', ''),   # patch's README: no count
])

def test_no_question_without_referent(sent, context):
    assert pairs(sent, context) == []

def test_guards_on_real_sentences():
    "eu-022: `the substance` names nothing; `in the last year` borrows no verb (04h asks it); us-022: glued OCR text."
    s = ('19.9% of the respondents stated that they have smoked cannabis at some point in their life and 9.6% have '
         'used the substance in the last month (Table 3.3).')
    assert not [q for q, a in pairs(s) if 'substance' in q]
    assert pairs('10.1% of students made use of drugs in the last month and 17.3% in the last year.') == []
    s = ('In FY 2011, CBP made 57 seizures of pirated goods where the number of seizures increased by 16 percent over '
         'FY 2010.')
    assert not [q for q, a in pairs(s) if 'where' in q]
    # us-022: `consumer safety and critical technology merchandise` is one noun phrase: no clause starts at its `and`
    s = ('In FY 2011 The value of the seized counterfeit consumer safety and critical technology merchandise increased '
         'to over $60 million.')
    assert pairs(s) == []

def test_list_keeps_the_question_it_answers():
    "eu-021: the items answer `When asked which factors came in the way …`: the question keeps that lead."
    ctx = ('When asked to indicate which health and lifestyle factors came in the way of their academic performance, '
           'more than half of the respondents mentioned stress (Table 3.2).')
    got = pairs('This is followed by concerns over friends or family (26.8%); relationship difficulties (23.2%).', ctx)
    assert got[1] == ('When asked to indicate which health and lifestyle factors came in the way of their academic '
                      'performance, what percentage of the respondents mentioned "relationship difficulties"?', '23.2%')

def test_benchmark_and_lists():
    "eu-012: a benchmark that names itself gets its own question; eu-023-like: a share's list of states is kept whole."
    got = pairs('In 2005, the unemployment rate (8.4 %) was little below EU-25 average (8.7 %).')
    assert ('In 2005, what was the EU-25 average unemployment rate?', '8.7 %') in got
    got = pairs('About 65% stated that they are frequently tense, stressed out or overwhelmed, and approximately 60% '
                'are often exhausted.', 'Almost 20% of the students feel often left out of things.')
    assert got[0] == ('What percentage of the students stated that they are frequently tense, stressed out or '
                      'overwhelmed?', 'About 65%')

def test_a_quoted_phrase_names_no_subject():
    'A quoted list item (`"Western region"`, `"social class"`) leaves the document to be named (04k); a name stays.'
    from docproc.qa_subject import proper_subject
    assert not proper_subject('What percentage of the selected sample come from "Western region"?')
    assert not proper_subject('What percentage of the respondents were discriminated because of "social class"?')
    assert proper_subject('What is the domestic percentage for the country "Bulgaria"?')
    assert proper_subject('What does the option "--force" do?')

def test_years_are_no_figure():
    "us-024: `odds … decreased from 2007 to 2009` is a period, not a change of a value: no question."
    s = 'The odds of a Hispanic female living in inadequate housing decreased from 2007 to 2009.'
    assert pairs(s) == []

def test_a_bare_measure_is_not_asked():
    "eu-026 states `The median loss is 5,000 Euros.` and `The median loss is 9.5%.`: one question, two answers; the "\
    "second is 04_qa's (a percentage), the first is not asked again here."
    assert pairs('The median loss is 5,000 Euros.') == []
    assert pairs('The average simulated loss of households is 2,658 Euro.') == [
        ('What is the average simulated loss of households?', '2,658 Euro')]

def test_inch_is_a_preposition():
    "`0.46 in 2007` (a Gini index) and `grade 4 in the United States` hold no inches; `a 2 in pipe` does."
    assert [str(q) for q in find_quantities('Gini index of 0.46 in 2007')] == ['0.46', '2007']
    assert [str(q) for q in find_quantities('participating schools at grade 4 in the United States')] == ['4']
    assert [str(q) for q in find_quantities('compared with 8 in 10 adults')] == ['8', '10']
    assert [str(q) for q in find_quantities('a 2 in pipe')] == ['2 in']

def test_share_stops_at_the_next_share():
    "04e's share question of eu-020 asked `…were single, about 31% were dating and …?`: it ends at the next figure."
    s = ('46% of the selected student were single, about 31% were dating and the remaining 23% were in a long term '
         'relationship, including married persons (Figure 2.2).')
    assert share_questions(s)[0]['question'] == 'What percentage of the selected student were single?'
    s = 'Almost 11% of the respondents said that they were discriminated occasionally because of language, followed ' \
        'by social class (7.2%).'
    assert share_questions(s)[0]['question'].endswith('because of language?')

def test_writer_covers_the_figures_of_a_chunk():
    "Through the writer: every figure of a real survey paragraph (eu-024) is covered by some candidate."
    text = ('Almost 11% of the respondents said that they were discriminated occasionally because of language, '
            'followed by social class (7.2%), physical appearance (6.2%), gender (5.9%) and age (5.1%).')
    units = coverage_units(text)
    figs = {u.id for u in units if u.kind == 'figure'}
    assert len(figs) == 5
    got = set()
    for c in write_candidates(text):
        got |= covered_units(units, c['question'], c['answer'], *find_span(c['evidence'], text))
    assert figs <= got

def test_a_figure_named_in_the_question_is_covered():
    "us-001: `64 years` defines the group a share is about; a question naming it covers it, its answer is the share."
    text = ('Of individuals 55 to 64 years old and nearing retirement, about 6.0 percent needed assistance with one or '
            'more ADLs or IADLs.')
    units = coverage_units(text)
    fig = next(u for u in units if u.kind == 'figure')
    assert fig.text == '64 years'
    q, a = pairs(text)[0]
    assert fig.id in covered_units(units, q, a, 0, len(text))
    q, a = 'What do individuals nearing retirement need?', 'assistance'
    assert fig.id not in covered_units(units, q, a, 0, len(text))
    # a share named in a question as a contrast is no age: it is covered only by an answer holding it (eu-022)
    text = '10.1% of students made use of drugs in the last month and 17.3% in the last year.'
    units = coverage_units(text)
    q = 'What percentage of the students made use of drugs in the last year (against 10.1% in the last month)?'
    got = covered_units(units, q, '17.3%', 0, len(text))
    assert {u.text for u in units if u.kind == 'figure' and u.id in got} == {'17.3 %'}
