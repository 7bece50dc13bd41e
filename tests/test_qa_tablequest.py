"Table questions on real table snippets (04t): grammatical column names, two-level headers, no meaningless asks."
from docproc.text import pipe_tables
from docproc.qa import table_view, write_candidates
from docproc.qa_tablequest import resolve_header, column_phrase, refine_table_questions, section_name
from docproc.qa import table_questions

# us-020.pdf (NCES, PIRLS 2011 Table A-2), three rows
A2 = '''### Table A-2. Total number of schools and students, by education system: 2011

| Education system | Schools in original sample | Eligible schools in original sample | Substitute schools |
|---|---|---|---|
| Croatia | 152 | 152 | 2 |
| Georgia | 180 | 177 | 1 |
| Slovenia | 202 | 201 | 2 |
'''

def _qs(text): return [c for c in write_candidates(text) if c.get('table_op')]

def test_count_header_reads_as_number_of():
    q = [c['question'] for c in _qs(A2)
         if c['table_op']['op'] == 'lookup' and c['table_op']['entities'] == ['Slovenia']]
    assert 'What is the number of schools in original sample for the education system "Slovenia" in Table A-2' in q[0]
    assert not any('what is the schools' in c['question'].lower() for c in _qs(A2))

# eu-024.pdf (Maltese student survey, Table 3.5): an adverb for a header
DISC = '''Table 3.5 Perceived discrimination experienced by students

| Perceived Discrimination | Frequently | Occasionally | Never |
|---|---|---|---|
| Age | 1.5% | 3.6% | 94.9% |
| Gender | .4% | 5.5% | 94.1% |
| Religion | 0.0% | 2.3% | 97.7% |
'''

def test_non_noun_header_is_quoted():
    qs = [c['question'] for c in _qs(DISC)]
    assert any('the value in the “Frequently” column for the perceived discrimination "Gender"' in q for q in qs)
    assert not any('the frequently' in q.lower() for q in qs)

# eu-026.pdf (financial-loss survey): Freq. and Percent of one row, a placeholder cell
LOSS = '''| | Freq. | Percent | Mean Loss |
|---|---|---|---|
| I/we kept the assets | 344 | 75.2 | 12196 |
| I/we sold the assets | 114 | 24.8 | NA |
'''

def test_no_arithmetic_across_measures_or_placeholders():
    qs = refine_table_questions(table_questions(LOSS), LOSS)
    assert qs, 'lookups stay'
    assert not [c for c in qs if c['table_op']['op'] in ('difference', 'compare_max', 'argmax', 'argmin', 'mean')]
    assert not [c for c in qs if c['answer'].strip() == 'NA']

# eu-015.pdf (Europe Direct, enquiries by country): a topic over countries, a total row, a garbled total
ED = '''### Hot topics by country

| Free movement of persons / workers | Enquiries |
|---|---|
| Spain | 153 |
| Germany | 119 |
| Austria | 22 |
| Cyprus | 22 |
| Total EU-15 | 813 |
| Grand Total | 1 4.862 |
'''

def test_topic_table_totals_and_counts():
    qs = refine_table_questions(table_questions(ED), ED)
    text = [c['question'] for c in qs]
    assert 'What is the number of enquiries for "Spain" in the “Free movement of persons / workers” table?' in text
    assert not [c for c in qs if c['table_op']['op'] == 'count' and c['table_op']['entities']]   # `have a … of 22`
    assert not [c for c in qs if c['table_op']['op'] == 'argmax' and 'Total' in c['answer']]
    assert not [c for c in qs if c['answer'].startswith('1 4')]
    assert [c for c in qs if c['table_op']['op'] == 'argmax'][0]['answer'].startswith('Spain')

# us-025.pdf (CDC): two header levels; us-017.pdf (NCES): centred group labels over blocks of three
CDC = '''| | | Coronary heart disease | | | Stroke | |
|---|---|---|---|---|---|---|
| Characteristic | no. | Rate | (95% CI) | no. | Rate | (95% CI) |
| Female | 200,915 | 103.1 | (102.7–103.6) | 82,595 | 42.6 | (42.3–42.9) |
| Male | 224,510 | 176.5 | (175.7–177.2) | 54,524 | 43.9 | (43.5–44.3) |
'''
ENR = '''| | | Total | | | Public | | | Private | |
|---|---|---|---|---|---|---|---|---|---|
| Year | PK–12 | PK–8 | 9–12 | PK–12 | PK–8 | 9–12 | PK–12 | PK–8 | 9–12 |
| 1996 | 51,544 | 37,481 | 14,062 | 45,611 | 32,762 | 12,849 | 5,933 | 4,719 | 1,213 |
| 2008 | 54,973 | 38,620 | 16,353 | 49,266 | 34,286 | 14,980 | 5,707 | 4,335 | 1,373 |
'''

def test_two_level_headers_name_the_path():
    v = table_view(pipe_tables(CDC)[0])
    assert 'Stroke, Rate' in v.attrs and 'Female' in v.entities
    qs = [c['question'] for c in refine_table_questions(table_questions(CDC), CDC)]
    assert any('“Coronary heart disease, Rate”' in q for q in qs)
    assert not any('female of' in q.lower() for q in qs)
    h = resolve_header(pipe_tables(ENR)[0]).header
    assert h[:5] == ['Year', 'Total: PK–12', 'Total: PK–8', 'Total: 9–12', 'Public: PK–12']
    assert not any('column' in c['answer'] for c in table_questions(ENR))

def test_positions_are_no_answers():
    # us-034.pdf: the design-effect row was read as data; a blank header must never give `column 8`
    t = '''| | | | Design effect | | |
|---|---|---|---|---|---|
| Proportion | 1.0 | 1.1 | 1.2 | 1.3 | 1.4 |
| 0.99 | 800 | 880 | 960 | 1,040 | 1,120 |
| 0.95 | 160 | 176 | 192 | 208 | 224 |
'''
    qs = refine_table_questions(table_questions(t), t)
    assert qs and not [c for c in qs if 'column ' in c['answer'] and c['answer'].split(' (')[0].startswith('column')]
    assert any('“Design effect, 1.2”' in c['question'] for c in qs)   # 04m joins header lines with a comma

def test_plain_headers_unchanged():
    assert column_phrase('Weighted student response rate', ['97', '95']) == 'weighted student response rate'
    assert column_phrase('Mean', ['0.21', '0.40']) == 'mean'

def test_section_skips_caption_tails():
    assert section_name(('Brucella | 3.5.', '(imported/domestic), 2007')) == 'Brucella'
    assert section_name(('Installation',)) == 'Installation'

def test_total_row_is_not_compared_with_its_parts():
    # eu-019.pdf (EFSA, brucellosis cases by origin): `EU Total` is the sum of the countries above it
    t = '''| Country | domestic (%) | Imported (%) | Total (n) |
|---|---|---|---|
| Spain | 100 | 0 | 201 |
| Sweden | 0 | 100 | 8 |
| United Kingdom | 0 | 46.2 | 13 |
| EU Total | 46.3 | 11.6 | 441 |
'''
    qs = refine_table_questions(table_questions(t), t)
    assert qs and not [c for c in qs if c['table_op']['op'] in ('compare_max', 'difference', 'argmax')
                       and 'EU Total' in c['table_op'].get('entities', []) + [c['answer'].split(' (')[0]]]

def test_count_of_a_text_value_reads_naturally():
    # us-012.pdf (Exhibit B.4, states and the 1 percent rule), cut to four states
    t = '| State | Exceptions granted |\n|---|---|\n| WI | Yes |\n| NC | No |\n| TX | Yes |\n| CA | No |\n'
    qs = {c['question']: c['answer'] for c in refine_table_questions(table_questions(t), t)}
    assert qs['How many states have “Yes” in the “Exceptions granted” column?'] == '2'

def test_no_mean_or_sum_over_a_column_with_its_total_row():
    # eu-019.pdf (EFSA, brucellosis by origin): the average of `Total (n)` over "the countries listed" counted the
    # `EU Total` row with the countries (49 instead of 25.9 over the 17 countries); a reader judged it wrong
    t = '''| Country | domestic (%) | Imported (%) | Total (n) |
|---|---|---|---|
| Spain | 100 | 0 | 201 |
| Sweden | 0 | 100 | 8 |
| United Kingdom | 0 | 46.2 | 13 |
| Italy | 0 | 0 | 76 |
| EU Total | 46.3 | 11.6 | 441 |
'''
    qs = refine_table_questions(table_questions(t), t)
    assert [c for c in qs if c['table_op']['op'] == 'lookup' and c['answer'] == '76 n']       # lookups still asked
    assert not [c for c in qs if c['table_op']['op'] in ('mean', 'sum') and not c['table_op'].get('entities')], qs
    # without the total row, the mean over the countries is asked
    parts = t.replace('| EU Total | 46.3 | 11.6 | 441 |\n', '')
    assert [c['answer'] for c in refine_table_questions(table_questions(parts), parts)
            if c['table_op']['op'] == 'mean'] == ['74.5 n']
