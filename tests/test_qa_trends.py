"Session 8 (trend): reasoning pairs that reason (04za): change over time, guarded comparisons, honest cause/condition labels."
import pytest
from docproc.qa import write_candidates
from docproc.qa_trends import trend_questions, worth_comparing, honest_cause, period_of

# eu-002 (ECB paper on ABCP): Table 3, European ABCP issuance by quarter and year
ABCP = ('Thirdly, general concerns about the banking sector have caused investors to buy less bank related product.\n\n'
        'Table 3 - European ABCP issuance\n\n'
        '|   | Q1 | Q2 | Q3 | Q4 | Total |\n|---|---|---|---|---|---|\n'
        '| 2004 | 34.7 | 36.2 | 44.5 | 51.3 | 166.7 |\n| 2005 | 58.1 | 63.4 | 61.6 | 55.2 | 238.4 |\n'
        '| 2006 | 74.7 | 84.1 | 96.5 | 111.8 | 367.1 |\n| 2007 | 148.8 | 142.3 | 156.7 | 186.1 | 633.9 |\n'
        '| 2008 | 120.9 | 106 |   |   | 226.8 |\n')
# us-022 (a US attorney's district report): rows are the measures, fiscal years the columns
DOJ = ('| District Totals | FY 2007 | FY 2008 | FY 2009 | FY 2010 | FY 2011 |\n|---|---|---|---|---|---|\n'
       '| Investigative Matters Received by AUSAs | 426 | 365 | 285 | 402 | 387 |\n'
       '| Defendants Charged | 290 | 259 | 235 | 259 | 215 |\n| No Prison Term | 148 | 125 | 120 | 110 | 102 |\n'
       '| 1-12 Months | 52 | 40 | 38 | 30 | 27 |\n')
# us-026 (USGS abrasives): two products by year, header lines joined (04m)
USGS = ('| World Production Capacity : |   |   |   |   |\n|---|---|---|---|---|\n'
        '|   | Fused aluminum oxide |   |   | Silicon carbide |\n|   | 2009 | 2010 | 2009 | 2010 |\n'
        '| United States and Canada | 60,400 | 60,400 | 42,600 | 42,600 |\n| Argentina | — | — | 5,000 | 5,000 |\n'
        '| China | 700,000 | 700,000 | 455,000 | 455,000 |\n| Norway | — | — | 80,000 | 36,000 |\n')
# eu-026 (SAVE survey): numbers of correct answers are category labels, `Cum.` a cumulative column
FREQ = ('| no. of correct answers | Freq. | Percent | Cum. |\n|---|---|---|---|\n| 0 | 138 | 6.9 | 6.9 |\n'
        '| 1 | 178 | 8.8 | 15.7 |\n| 2 | 626 | 31.1 | 46.8 |\n')

def qa(text): return {c['question']: c['answer'] for c in trend_questions(text)}

def test_quarters_by_year_change_from_first_to_last_year():
    got = qa(ABCP)
    assert got['How did the European ABCP issuance in Q1 change from 2004 to 2008?'] == \
        'It rose from 34.7 to 120.9, an increase of 86.2 (248%)'
    assert set(got) == {'How did the European ABCP issuance in Q1 change from 2004 to 2008?',
                        'How did the European ABCP issuance in Q2 change from 2004 to 2008?'}, got
    # Q3, Q4: no 2008 value; `Total` is no quarter

def test_rows_that_are_measures_only_when_they_name_one():
    got = qa(DOJ)
    assert got['How did the number of defendants charged change from FY 2007 to FY 2011?'] == \
        'It fell from 290 to 215, a decrease of 75 (26%)'
    assert not [q for q in got if 'prison' in q.lower() or 'months' in q.lower()], got

def test_joined_header_years_per_product_and_unchanged_rows_not_asked():
    got = qa(USGS)
    assert got == {'How did the world production capacity for silicon carbide in Norway change from 2009 to 2010?':
                   'It fell from 80,000 to 36,000, a decrease of 44,000 (55%)'}, got

def test_no_trend_over_category_labels_or_cumulative_columns():
    # FREQ over two survey years: the numbered categories and the cumulative columns give no trend, the named row does
    t = ('Table 4. Number of loans by number of correct answers\n\n'
         '| no. of correct answers | 2007 | 2009 | Cum. 2007 | Cum. 2009 |\n|---|---|---|---|---|\n'
         '| 0 | 138 | 120 | 138 | 120 |\n| 1 | 178 | 160 | 316 | 280 |\n| Three or more | 626 | 700 | 942 | 980 |\n')
    assert qa(t) == {'How did the number of loans by number of correct answers for Three or more change from 2007 to '
                     '2009?': 'It rose from 626 to 700, an increase of 74 (12%)'}, qa(t)
    assert period_of('Projections of Education Statistics to 2017') is None     # an edition, not a period of a measure

def test_trends_are_kept_reasoning_pairs_that_pass_the_checks():
    from docproc.qa import check_pair, QAPair, QuestionIndex, table_view
    from docproc.text import pipe_tables
    cands = [c for c in write_candidates(ABCP) if c.get('kind') == 'trend']
    assert {c['question']: c['answer'] for c in cands} == qa(ABCP), cands      # the writer keeps every trend
    assert [(c['type'], c['calculation']) for c in cands] == [
        ('reasoning', {'op': 'difference', 'operands': [120.9, 34.7], 'result': 86.2}),
        ('reasoning', {'op': 'difference', 'operands': [106.0, 36.2], 'result': 69.8})]
    views = {t.index: table_view(t) for t in pipe_tables(ABCP)}
    for c in cands:                      # and every one passes the stage's hard checks
        p = QAPair(**{k: c[k] for k in ('question', 'answer', 'evidence', 'type', 'difficulty', 'calculation')})
        assert check_pair(p, ABCP, views, QuestionIndex(0.9, False))[1] is None, c

def test_stilted_comparisons_not_written():
    qs = [c['question'] for c in write_candidates(FREQ + '\nMost respondents answered two or three questions.')]
    assert not [q for q in qs if 'compare with that of' in q], qs
    assert worth_comparing({'kind': 'table_compare', 'question': 'How does the number of enquiries of "Germany" '
                            'compare with that of "Spain" in the “Treaty reform / IGC / Lisbon Treaty” table?'})

@pytest.mark.parametrize('q,a,kind', [
    # us-023: the report's own hypothetical (row 4 of the s7 judge sample)
    ('What happens if the data were available?', 'If the data were available, the indicators in this report could be '
     'compared and ranked in terms of the degree of inequality', 'condition_effect'),
    # eu-002: `these conduits` leans on the sentence before
    ('What happened when investors stopped rolling over ABCPs?', 'When investors stopped rolling over ABCPs, these '
     'conduits had to rely on guarantees provided by banks which were too large for the banks providing them',
     'condition_effect'),
    # us-020: a result, not a purpose
    ('Why was the response rate in Florida sufficiently high?', 'So that a nonresponse bias analysis was not required',
     'purpose'),
])
def test_weak_cause_pairs_not_asked(q, a, kind):
    assert honest_cause({'kind': kind, 'question': q, 'answer': a, 'type': 'reasoning'}) is None

def test_copied_conditional_is_factual_and_a_cause_stays_reasoning():
    # us-008 (Head Start): the condition's sentence copied whole
    text = ('If parents could not be reached by telephone, in-person interviews were conducted to collect this '
            'information.')
    got = {c['question']: c['type'] for c in write_candidates(text) if c.get('kind') == 'condition_effect'}
    assert got and set(got.values()) == {'factual'}, got
    # us-025 (CHD and stroke deaths): a why answered by its cause
    text = ('Age-specific rate calculations were restricted to adults aged ≥45 years because 98.1% of CHD deaths and '
            '97.6% of stroke deaths occurred among persons in this age group.')
    got = [c for c in write_candidates(text) if c.get('kind') == 'cause']
    assert got and got[0]['type'] == 'reasoning' and '98.1% of CHD deaths' in got[0]['answer']

def test_rows_that_are_years_read_by_column_and_pass_the_checks():
    # the layout of a statistical digest table: years down, measures across
    enr = ('Public school enrollment grew slowly over the period.\n\n'
           'Table 2. Public school enrollment, by level: fall 2005 to fall 2008\n\n'
           '| Year | Elementary enrollment | Secondary enrollment | Total |\n|---|---|---|---|\n'
           '| 2005 | 34,204 | 14,909 | 49,113 |\n| 2006 | 34,235 | 15,081 | 49,316 |\n| 2008 | 34,285 | 14,980 | 49,265 |\n')
    got = qa(enr)
    assert got['How did the secondary enrollment change from 2005 to 2008?'] == \
        'It rose from 14,909 to 14,980, an increase of 71 (0.5%)'
    assert not [q for q in got if 'total' in q.lower()], got
    from docproc.qa import check_pair, QAPair, QuestionIndex, table_view
    from docproc.text import pipe_tables
    views = {t.index: table_view(t) for t in pipe_tables(enr)}
    for c in trend_questions(enr):       # the difference and its rate are verified against the two cells
        p = QAPair(**{k: c[k] for k in ('question', 'answer', 'evidence', 'type', 'difficulty', 'calculation')})
        assert check_pair(p, enr, views, QuestionIndex(0.9, False))[1] is None, c
