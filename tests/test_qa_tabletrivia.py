"""Session 9 (trivia): table cells a reader calls trivia or cannot read are not asked (`docproc.qa_tabletrivia`, 04zl):
an illustrative form, an `unknown 100%` share, a count of the analysis, opaque cycle ids, an untitled table's number;
and a chapter-numbered caption (`Table 2-1`) named whole (`text.TABLE_NUMBER`). Real chunks of dev documents."""
import re
from docproc.text import TABLE_LABEL, pipe_tables
from docproc.qa import table_view
from docproc.qa_rows import table_name
from docproc.qa_tables import placed_table_questions
from docproc.qa_tabletrivia import cell_trivia

# us-009/chunk_001 (dev document), verbatim
SAMPLE_FORM = (
    '# Appendix 5\n\n# Universal Society Sample – Non-Profit Indirect Cost Rate Proposal Simplified Al'
    'location Method FYE 12/31/04\n\n| Cost Category | Total Costs All Funds | Less: Exclusions & Unal'
    'lowables | Indirect Costs | Total Direct Costs | Federal Program | Non-Federal Programs (3) |\n|'
    '---|---|---|---|---|---|---|\n| Salaries (a) | 1,314,000 |   | 373,250 | 940,750 | 141,000 | 799'
    ',750 |\n| Fringe Benefits (b) | 352,000 |   | 99,988 | 252,012 | 37,772 | 214,240 |\n| Consultant'
    ' Services | 26,000 |   | 14,000 | 12,000 | 1,800 | 10,200 |\n| Staff Travel | 94,000 |   | 20,00'
    '0 | 74,000 | 11,100 | 62,900 |\n| Bad Debts | 10,000 | 10,000 (1) |   |   |   |   |\n| Office Ren'
    't | 170,000 |   | 170,000 | 150,000 | 22,500 | 127,500 |\n| Consumable Supplies | 161,000 |   | '
    '11,000 | 68,000 | 10,200 | 57,800 |\n| Subcontracts | 175,000 | 107,000 (2) |   |   |   |   |\n| '
    'Purchase, Equipment Lease | 82,000 | 22,100 (2) | 59,900 |   |   |   |\n| Telephone | 109,400 | '
    '  | 55,000 | 54,400 | 8,200 | 46,200 |\n| Entertainment | 1,800 | 1,800 (1) |   |   |   |   |\n| '
    'Printing & Reproduction | 48,000 |   | 11,000 | 37,000 | 5,500 | 31,500 |\n| Insurance and Bondi'
    'ng | 42,000 |   | 42,000 |   |   |   |\n| Fundraising | 120,000 |   |   | 120,000 |   | 120,000 '
    '|\n| Postage and Delivery | 34,000 |   | 5,100 | 28,900 | 4,300 | 24,600 |\n| Depreciation | 28,8'
    '00 |   | 8,800 | 20,000 | 3,000 | 17,000 |\n| Allowances | 148,000 | 148,000 (2) |   |   |   |  '
    ' |\n| Emergency Assistance | 54,000 | 54,000 (2) |   |   |   |   |\n| Training Materials | 82,000'
    ' |   |   | 82,000 | 12,300 | 69,700 |\n| Participant Support Costs | 36,000 | 36,000 (2) |   |  '
    ' |   |   |\n| Total Costs | 3,088,000 | 378,900 | 870,038 | 1,839,062 | 257,672 | 1,581,390 |')

# eu-019/chunk_003 (dev document), verbatim
BRUCELLA = (
    '#### (imported/domestic), 2007\n\n| Country | domestic (%) | Imported (%) | Unknown (%) | Total ('
    'n) |\n|---|---|---|---|---|\n| Austria | 0 | 100 | 0 | 1 |\n| Belgium | 0 | 0 | 100 | 3 |\n| Bulgar'
    'ia | 0 | 0 | 100 | 9 |\n| Finland | 0 | 0 | 100 | 2 |\n| France | 0 | 100 | 0 | 14 |\n| Germany | '
    '14.3 | 76.2 | 9.5 | 21 |\n| hungary | 0 | 100 | 0 | 1 |\n| ireland | 0 | 0 | 100 | 7 |\n| italy | '
    '0 | 0 | 100 | 76 |\n| netherlands | 0 | 80.0 | 20.0 | 5 |\n| poland | 0 | 0 | 100 | 1 |\n| portuga'
    'l | 0 | 0 | 100 | 74 |\n| Romania | 0 | 0 | 100 | 4 |\n| Slovenia | 0 | 100 | 0 | 1 |\n| Spain | 1'
    '00 | 0 | 0 | 201 |\n| Sweden | 0 | 100 | 0 | 8 |\n| United Kingdom | 0 | 46.2 | 53.9 | 13 |\n| EU '
    'Total | 46.3 | 11.6 | 42.2 | 441 |\n\nonly 12% of Brucella isolates in the EU were further specia'
    'ted. B. melitensis represented 8% and B. abortus 4% of reported confirmed cases (n= 357).')

# us-030/chunk_003 (dev document), verbatim
CYCLES = (
    'Table 2-1. Simulated fuel savings from isolated cycle improvements\n\n| Cycle Name | KI (1/km) | '
    'Distance (mi) | Percent Fuel Savings |   |   |   |\n|---|---|---|---|---|---|---|\n|   |   |   | '
    'Improved Speed | Decreased Accel | Eliminate Stops | Decreased Idle |\n| 2012_2 | 3.30 | 1.3 | 5'
    '.9% | 9.5% | 29.2% | 17.4% |\n| 2145_1 | 0.68 | 11.2 | 2.4% | 0.1% | 9.5% | 2.7% |\n| 4234_1 | 0.'
    '59 | 58.7 | 8.5% | 1.3% | 8.5% | 3.3% |\n| 2032_2 | 0.17 | 57.8 | 21.7% | 0.3% | 2.7% | 1.2% |\n|'
    ' 4171_1 | 0.07 | 173.9 | 58.1% | 1.6% | 2.1% | 0.5% |\n\nFigure 2-1 extends the analysis from eli'
    'minating stops for the five example cycles and examines the additional benefit from avoiding sl'
    'ow-and-go driving below various speed thresholds.\n\n\nThough the additional savings at any given '
    'speed threshold are not consistent across the five cycles, each cycle does show some additional'
    ' savings from reducing slow-and-go in addition to stop-and-go driving.')

# us-034/chunk_003 (dev document), verbatim
DESIGN = (
    '|   |   |   | Design effect |   |   |   |   |\n|---|---|---|---|---|---|---|---|\n| Proportion | '
    '1.7 | 1.8 | 1.9 | 2.0 | 2.5 | 3.0 | 3.5 |\n| 0.99 | 1,360 | 1,440 | 1,520 | 1,600 | 2,000 | 2,40'
    '0 | 2,800 |\n| 0.95 | 272 | 288 | 304 | 320 | 400 | 480 | 560 |\n| 0.90 | 136 | 144 | 152 | 160 |'
    ' 200 | 240 | 280 |\n| 0.85 | 91 | 96 | 101 | 107 | 133 | 160 | 187 |\n| 0.80 | 68 | 72 | 76 | 80 '
    '| 100 | 120 | 140 |\n| 0.75 | 54 | 58 | 61 | 64 | 80 | 96 | 112 |\n| 0.56-.74 | 51 | 54 | 57 | 60'
    ' | 75 | 90 | 105 |\n| 0.55 | 51 | 54 | 57 | 60 | 75 | 90 | 105 |\n| 0.50 | 51 | 54 | 57 | 60 | 75'
    ' | 90 | 105 |\n| 0.45 | 51 | 54 | 57 | 60 | 75 | 90 | 105 |\n| 0.26-.44 | 51 | 54 | 57 | 60 | 75 '
    '| 90 | 105 |\n| 0.25 | 54 | 58 | 61 | 64 | 80 | 96 | 112 |\n| 0.20 | 68 | 72 | 76 | 80 | 100 | 12'
    '0 | 140 |\n| 0.15 | 91 | 96 | 101 | 107 | 133 | 160 | 187 |\n| 0.10 | 136 | 144 | 152 | 160 | 200'
    ' | 240 | 280 |\n| 0.05 | 272 | 288 | 304 | 320 | 400 | 480 | 560 |\n| 0.01 | 1,360 | 1,440 | 1,52'
    '0 | 1,600 | 2,000 | 2,400 | 2,800 |')

# eu-003/chunk_001 (dev document), verbatim
RECLASS = (
    'Appendix 1 – Summary of analysis of the application of the amendment to IAS 39 and IFRS 7\n\nNumb'
    'er of member states where financial companies applied the amendment\n\n|   | All companies analys'
    'ed | FTSE Eurotop 100 companies analysed |\n|---|---|---|\n| Number of member states in the analy'
    'sis | 21 | 8 |\n| Number of member states where one or more of the financial companies applied t'
    'he amendment | 11 | 3 |\n\nNumber of financial companies that applied the amendment to IAS 39 and'
    ' IFRS 7\n\n|   | Number of financial companies | Pct of all companies analysed | Number of financ'
    'ial companies on FTSE Eurotop 100 | Pct of FTSE Eurotop 100 companies |\n|---|---|---|---|---|\n|'
    ' 0 reclassifications | 52 | 52% | 14 | 64% |\n| 1 reclassification | 28 | 28% | 4 | 18% |\n| 2 re'
    'classifications | 11 | 11% | 2 | 9% |\n| 3 reclassifications | 8 | 8% | 2 | 9% |\n| 4 reclassific'
    'ations | 1 | 1% | 0 | 0% |\n| Total | 100 |   | 22 |   |\n\nReclassifications by categories\n\n|   |'
    ' Reclassification from Fair value through profit and loss to loans and receivables | Reclassifi'
    'cation from Available for Sale to loans and receivables | Reclassification from Fair value thro'
    'ugh profit and loss to Available for sale | Reclassification from Fair value through profit and'
    ' loss to Held to Maturity | Total |\n|---|---|---|---|---|---|\n| Number of financial companies w'
    'ho applied the option for this category | 27 | 16 | 23 | 15 | 81 |\n| Percentage of all financia'
    'l companies analysed who applied the option for this category | 33% | 20% | 28% | 19% | 100% |\n'
    '| Number of financial companies where the disclosure requirements were stricter | 8 | 3 | 6 | 2'
    ' | 19 |')

# us-022 chunk_003 (dev document), its table verbatim
DOJ = (
    '| District Totals | FY 2007 | FY 2008 | FY 2009 | FY 2010 | FY 2011 |\n|---|---|---|---|---|---|'
    '\n| Investigative Matters Received by AUSAs | 426 | 365 | 285 | 402 | 387 |\n| Defendants Charged'
    ' | 290 | 259 | 235 | 259 | 215 |\n| Cases Charged | 217 | 197 | 173 | 177 | 168 |\n| Defendants S'
    'entenced | 287 | 242 | 223 | 207 | 208 |\n| No Prison Term | 148 | 107 | 126 | 121 | 102 |\n| 1-1'
    '2 Months | 52 | 48 | 35 | 38 | 27 |\n| 13-24 Months | 37 | 45 | 29 | 27 | 33 |\n| 25-36 Months | '
    '20 | 20 | 6 | 10 | 17 |\n| 37-60 Months | 14 | 19 | 18 | 7 | 21 |\n| 60+ Months | 16 | 3 | 9 | 4 '
    '| 8 |\n\n')

def _qs(text:str) -> list[str]: return [c['question'] for c in placed_table_questions(text)]

def test_sample_form_not_asked():
    # us-009 Appendix 5: `Universal Society Sample – … Proposal`: made-up numbers of an illustrative form
    assert [c for c in placed_table_questions(SAMPLE_FORM) if c.get('table_op')] == []
    # the same table under a plain heading is asked
    plain = SAMPLE_FORM.replace('Universal Society Sample – Non-Profit', 'Universal Society Non-Profit')
    assert any('Salaries (a)' in q for q in _qs(plain))

def test_unknown_whole_share_not_asked_but_row_kept():
    qs = _qs(BRUCELLA)
    assert not any(re.search(r'unknown', q, re.I) and '"italy"' in q for q in qs)
    assert any('"italy"' in q for q in qs)                                 # its `Total (n)` is still asked
    totals = [c for c in placed_table_questions(BRUCELLA) if '"italy"' in c['question']]
    assert all(not c['answer'].endswith(' n') for c in totals)           # `76`, not `76 n`
    v = table_view(pipe_tables(BRUCELLA)[0])
    germany = dict(question='', answer='', table_op=dict(op='lookup', table=1, attribute='Unknown (%)',
                                                         entities=['Germany']))
    assert cell_trivia(germany, v, BRUCELLA) is None                     # 9.5% unknown is a finding

def test_cycle_ids_opaque_and_table_number_whole():
    assert not any('2145_1' in q or '4171_1' in q for q in _qs(CYCLES))
    t = pipe_tables(CYCLES)[0]
    assert table_name(CYCLES, t).startswith('Table 2-1 ')
    assert re.match(TABLE_LABEL, 'Table 4-1. Savings')['n'] == '4-1'
    assert re.match(TABLE_LABEL, 'Table 3 - Issuance')['n'] == '3'

def test_untitled_table_numbers_not_asked():
    # us-034: `the value under “Design effect, 1.7” where the proportion is 0.80` never says it is a sample size
    assert not any(q.startswith('What is the value under') for q in _qs(DESIGN))

def test_analysis_count_and_this_category():
    qs = _qs(RECLASS)
    assert not any('in the analysis' in q for q in qs)
    assert not any('for this category' in q for q in qs)
    assert any('who applied the option for Reclassification' in q for q in qs)

def test_rows_that_are_different_totals_not_compared():
    # us-022 `District Totals`: matters received, defendants charged, sentence lengths: no series to rank or count
    cands = [c for c in placed_table_questions(DOJ) if c.get('table_op')]
    assert cands and all(c['table_op']['op'] not in ('compare_max', 'compare_min', 'difference', 'argmax', 'argmin',
                                                      'count') for c in cands)
    assert any('"Defendants Charged"' in c['question'] for c in cands)       # a lookup of one of them stays
