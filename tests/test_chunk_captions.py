"Session 8 (caption): a table's caption travels with its table through stage 02, on real report snippets."
from docproc.chunk import chunk_markdown

# us-001.pdf (Census disability report): `Table 1.`, its title read as a heading, a unit note, then the table
US001 = ('| <factfinder2.census.gov/bkmk/table/1.0/en | 90 percent confidence level unless otherwise | section ADLs |\n'
         '|---|---|---|\n| /ACS/10_1YR/S2601A>. | noted. | on page 9. |\n\n'
         'Table 1.\n\n# Prevalence of Disability for Selected Age Groups: 2005 and 2010\n\n(Numbers in thousands)\n\n'
         '|   | 2005 |   |   | 2010 |   |\n|---|---|---|---|---|---|\n'
         '| Category | Number | Percent | Number | Percent | Number |\n'
         '| All ages . . . . . . . . . . . . | 291,099 | 100.0 | 303,858 | 100.0 | **12,760 |\n'
         '| With a disability . . . . . . . . . . . . | 54,425 | 18.7 | 56,672 | 18.7 | *2,247 |\n')
# us-019.pdf (education projections): a long caption line right above a table
US019 = ('# Accuracy of the projections\n\n' + ' '.join(['Projections are compared with actual values.'] * 40) + '\n\n'
         'Table A-2. Mean absolute percentage errors (MAPEs), by lead time for selected statistics in all elementary '
         'and secondary schools and postsecondary degree-granting institutions: 2012\n\n'
         '|   |   |   | Lead time (years) |   |\n|---|---|---|---|---|\n| Statistic | 1 | 2 | 3 | 4 |\n'
         + ''.join(f'| Prekindergarten–{k} enrollment | 0.3 | 0.6 | 0.8 | 1.1 |\n' for k in range(8, 30)))

def _with(cs, s): return [c for c in cs if s in c.text]

def test_wrapped_caption_stays_with_its_table_and_is_no_section():
    cs = chunk_markdown(US001, max_size=200, min_size=0)
    tab = _with(cs, '| All ages')[0]
    assert 'Table 1.\n' in tab.text and '(Numbers in thousands)' in tab.text
    assert tab.heading_path == []                        # the caption's title is not a heading of what follows
    assert all('Prevalence' not in ' '.join(c.heading_path) for c in cs)

def test_long_caption_joins_the_first_row_group_and_the_repeated_header():
    cs = chunk_markdown(US019, max_size=150, min_size=0, table_split='rows_with_header')
    parts = [c for c in cs if c.table_part]
    assert len(parts) >= 2, [c.table_part for c in cs]
    assert all(c.text.startswith('Table A-2. Mean absolute percentage errors') for c in parts)
    assert not any(c.text.rstrip().endswith('2012') for c in cs if not c.table_part)   # no caption left behind
    assert all(c.size <= 150 for c in parts)

def test_a_sentence_about_a_table_is_no_caption():
    md = US001.replace('Table 1.\n\n# Prevalence', 'Table 1 lists the estimates.\n\n# Prevalence')
    cs = chunk_markdown(md, max_size=200, min_size=0)
    assert any(c.heading_path and 'Prevalence' in c.heading_path[-1] for c in cs)   # a real heading stays one
