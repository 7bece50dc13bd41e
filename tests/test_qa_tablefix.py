"Table lookups that mislead, on real table snippets (04u): spans kept off the whole, unnamed measures, long headers."
from docproc.text import pipe_tables
from docproc.qa import write_candidates
from docproc.qa_rows import merged_table, row_questions

# us-024.pdf (CDC, housing by characteristic): `Unhealthy housing units` heads `no.` and `(%)`, not the total
HOUSING = '''|   |   |   | 2007 |   |   |   |   | 2009 |   |   |
|---|---|---|---|---|---|---|---|---|---|---|
|   |   |   | Unhealthy housing units |   |   |   |   | Unhealthy housing units |   |   |
| Characteristic | total occupied housing units | no. | (%) | Unadjusted odds ratio | (95% CI) | total occupied housing units | no. | (%) | Unadjusted odds ratio | (95% CI) |
| Sex |   |   |   |   |   |   |   |   |   |   |
| Male | 61,206 | 14,037 | (22.9) | Ref. | — | 60,721 | 13,647 | (22.5) | Ref. | — |
| Female | 49,486 | 12,303 | (24.9) | 1.1 | (1.1–1.2) | 51,084 | 12,549 | (24.6) | 1.1 | (1.1–1.2) |
| Race/Ethnicity |   |   |   |   |   |   |   |   |   |   |
| Hispanic | 12,609 | 2,754 | (21.8) | 0.9 | (0.8–1.0) | 12,739 | 3,079 | (24.2) | 1.1 | (1.0–1.2) |
| Black, non-Hispanic | 13,437 | 3,849 | (28.6) | 1.3 | (1.2–1.4) | 13,609 | 3,847 | (28.3) | 1.3 | (1.2–1.5) |
'''

def test_span_kept_off_the_whole():
    h = merged_table(pipe_tables(HOUSING)[0]).header
    assert h[1] == '2007, total occupied housing units' and h[6] == '2009, total occupied housing units'
    assert h[2] == '2007, Unhealthy housing units, no.'                 # the label still heads its own columns
    qs = [c['question'] for c in row_questions(HOUSING)[0]]
    assert any('“2007, total occupied housing units” for "Hispanic' in q for q in qs)
    assert not any('Unhealthy housing units, total occupied' in q for q in qs)

# us-026.pdf (USGS abrasives): centred group labels over sub-headers that are no totals keep their labels
CAPACITY = '''| World Production Capacity : |   |   |   |   |
|---|---|---|---|---|
|   | Fused aluminum oxide |   |   | Silicon carbide |
|   | 2009 | 2010 | 2009 | 2010 |
| United States and Canada | 60,400 | 60,400 | 42,600 | 42,600 |
| Argentina | — | — | 5,000 | 5,000 |
'''

def test_span_over_parts_unchanged():
    h = merged_table(pipe_tables(CAPACITY)[0]).header
    assert h == ['World Production Capacity', 'Fused aluminum oxide, 2009', 'Fused aluminum oxide, 2010',
                 'Silicon carbide, 2009', 'Silicon carbide, 2010']
    from docproc.qa_tablefix import whole_of
    assert not whole_of('Men', 'Total') and not whole_of('Women', 'Total population')   # a group's own total

# us-017.pdf (NCES projections): the chunk holds only the caption's wrapped tail, the measure (enrollment) is elsewhere
GRADES = '''## through fall 2021

|   |   |   |   |   | Grade |   |   |   |   |
|---|---|---|---|---|---|---|---|---|---|
| Year | Total | PK | K | 1 | 2 | 3 | 4 | 5 | 6 |
| Actual |   |   |   |   |   |   |   |   |   |
| 1996 | 45,611 | 670 | 3,532 | 3,770 | 3,600 | 3,524 | 3,454 | 3,453 | 3,494 |
| 1997 | 46,127 | 695 | 3,503 | 3,755 | 3,689 | 3,597 | 3,507 | 3,458 | 3,492 |
| 1998 | 46,539 | 729 | 3,443 | 3,727 | 3,681 | 3,696 | 3,592 | 3,520 | 3,497 |
'''

def test_no_lookup_without_a_measure():
    qs = [c['question'] for c in write_candidates(GRADES) if c.get('table_op')]
    assert not any('Total' in q or 'Grade' in q for q in qs)

def test_lookup_with_a_caption_naming_the_measure():
    named = 'Table 1. Public school enrollment (in thousands), by grade\n\n' + GRADES.split('\n\n', 1)[1]
    qs = [c['question'] for c in write_candidates(named) if c.get('table_op')]
    assert any('Table 1' in q and '1998' in q for q in qs)

# eu-016.pdf (zoonoses, Salmonella): France reports the origin of no case
ORIGIN = '''## Salmonella

| Country | domestic (%) | Imported (%) | Unknown (%) | Total (n) |
|---|---|---|---|---|
| Austria | 86.2 | 13.8 | 0 | 3,375 |
| Belgium | 0 | 0 | 100.0 | 3,973 |
| Denmark | 3.1 | 10.2 | 86.7 | 1,662 |
| Estonia | 94.2 | 5.8 | 0 | 430 |
| France | 0 | 0 | 100.0 | 5,510 |
'''

def test_no_share_where_all_is_unknown():
    cs = [c for c in write_candidates(ORIGIN) if c.get('table_op')]
    bad = [c['question'] for c in cs if c['table_op']['attribute'] in ('domestic (%)', 'Imported (%)')
           and set(c['table_op'].get('entities') or []) & {'France', 'Belgium'}]
    assert bad == []
    assert any('Estonia' in c['question'] and 'domestic' in c['question'] for c in cs)   # a known origin is asked

# us-012.pdf (Exhibit B.4): a template header of 17 words, next to a short one
EXHIBIT = '''# Exhibit B.4 State Implementation of the “1 Percent Rule,” 2003–04 and 2005–06

|   | AYP Based on 2003–04 Testing |   | AYP Based on 2005–06 Testing |   |
|---|---|---|---|---|
|   | State included scores of students taking alternate assessments based on alternate achievement standards | Number of districts granted exceptions | State included scores of students taking alternate assessments based on alternate achievement standards | Number of districts granted exceptions |
| NC | Yes | na | Yes | 5 |
| RI | Yes | 2 | No | na |
| SD | Yes | 3 | Yes | 14 |
'''

def test_no_lookup_under_a_long_header():
    qs = [c['question'] for c in write_candidates(EXHIBIT) if c.get('table_op')]
    assert not any('alternate achievement standards' in q for q in qs)
    assert any('Number of districts granted exceptions' in q for q in qs)
