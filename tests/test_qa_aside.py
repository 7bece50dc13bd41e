"""Issue 17 (session 7): units that state no body fact are set aside with a counted reason (`docproc.qa_aside`, 04q), and
sentences cut by a column break or double spacing are joined at ingest, on real snippets of the real-world set."""
from docproc.core import load_config
from docproc.ingest import Block, join_split_paragraphs
from docproc.qa import generate_doc, unit_aside, coverage_units
from conftest import ROOT

def _why(text:str) -> list[str|None]:
    return [unit_aside(u, text, set()) for u in coverage_units(text) if u.kind == 'sentence']

# us-025.pdf (CDC heart disease and stroke deaths): a fact, the table's notes and their data URL
US025 = ('## Coronary Heart Disease\n\nIn 2007, coronary heart disease death rates ranged from 70.9 per 100,000 in '
         'Minnesota to 172.2 per 100,000 in the District of Columbia.\n\n*Per 100,000 U.S. standard population.\n\n'
         '† Number of deaths too small to calculate a reliable rate.\n\n'
         '(Data available at http://www.cdc.gov/nchs/data/nvsr/nvsr59/ nvsr59_02.pdf.)\n')
# us-001.pdf (Census disability report): the key to the table's symbols, a pointer, two columns read as one
US001 = ('## Notes\n\n* Denotes a statistically significant difference at the 90 percent confidence level.\n\n'
         '— Represents or rounds to zero.\n\n14 For more information on age adjustment in disability and health '
         'statistics, see page 475 of NCHS (2011).\n\nWere this population included in institutionalized population had '
         'About 12.3 million people aged the SIPP, the magnitude of the dis- a disability in 2010.9 About 38.3 6 years and '
         'older (4.4 percent) needed assistance.\n\nAbout 12.6 percent or 38.3 million people had a severe disability.\n')
# eu-017.pdf / eu-011.pdf (EFSA, CESR): chart ticks kept as a line of text
TICKS = ('## Seasonal distribution\n\nHigher numbers of cases were reported during the summer months.\n\n'
         'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec\n\n400 400 Diff 5-y CDS spread 350 350 Diff 5-y bond yield\n')
# us-012.pdf (Title I report): a table note that states a fact stays a unit
US012 = ('## Notes\n\na In Alaska, the number of districts was small, and no districts exceeded the 1 percent cap this year.\n\n'
         '2Defined as imports – exports + adjustments for Government and industry stock changes.\n')

def test_notes_references_and_pointers_are_set_aside():
    assert _why(US025) == [None, 'note', 'footnote', 'reference']     # `† …`: 04_qa's own footnote rule first
    # the splitter ends a sentence at `2010.9 About` (a year's glued footnote): the glued line's first part is set
    # aside by its line-end hyphen; its second part (`About 38.3 6 years and older …`) is not caught
    assert _why(US001) == ['symbol_key', 'symbol_key', 'footnote', 'columns_merged', None, None]

def test_chart_ticks_are_set_aside_and_facts_stay():
    assert _why(TICKS) == [None, 'chart_ticks', 'chart_ticks']
    assert _why(US012) == [None, None]

def test_set_aside_reasons_are_counted_in_the_metadata():
    cfg = load_config(ROOT/'config'/'config.json', {'llm.backend': 'offline'})
    s = generate_doc('us-025', [({'chunk_id': 'chunk_001', 'heading_path': ['Coronary Heart Disease']}, US025)], cfg,
                     title='Heart disease and stroke deaths')
    cov = s.metadata['coverage']
    assert cov['set_aside'].get('note') == 1 and cov['set_aside'].get('reference') == 1
    assert cov['by_kind']['sentence']['units'] == 1                   # the one fact stays a unit to ask about

def test_a_sentence_cut_by_a_column_break_or_double_spacing_is_joined():
    # eu-026.pdf (SAVE survey, double-spaced): every wrapped line was a paragraph of its own
    lines = ['Conditional on suffering a loss, households lost about 18.6% of their', 'gross financial wealth. The median '
             'loss is 9.5%. Overall, about 9.2% of the households', 'lost more than 10% and about 1.8% lost more than half.']
    got = join_split_paragraphs([Block('para', t, page=3) for t in lines])
    assert [b.text for b in got] == [' '.join(lines)]
    # us-007.pdf (Head Start): a list item continued after a column break
    got = join_split_paragraphs([Block('list', items=['At the end of 1st grade, there was suggestive evidence of a positive '
                                                      'impact of access'], page=2), Block('para', 'to Head Start on PPVT '
                                                      '(vocabulary) scores.', page=2)])
    assert got[0].items == ['At the end of 1st grade, there was suggestive evidence of a positive impact of access to Head '
                            'Start on PPVT (vocabulary) scores.']
    # eu-019.pdf: a chart's note before a paragraph whose capital the font lost is no cut sentence
    notes = [Block('para', '1. includes data from: BE, Fi, FR, DE (n = 532)', page=4),
             Block('para', 'nine mSs with confirmed human cases reported whether the cases were imported.', page=4)]
    assert len(join_split_paragraphs(notes)) == 2

def test_letters_lost_in_ligatures_are_restored_at_ingest():
    # us-023.pdf page 2 (CDC, Minion): `fi`/`ff`/`fl`/`ffi` glyphs were read as one letter (`diference`, `Oice`)
    from docproc.ingest import pdf_native_pages
    by_page, _ = pdf_native_pages(ROOT/'tests'/'fixtures'/'real'/'us-023-p2.pdf', [1])
    text = ' '.join(b.text or ' '.join(b.items) or ' '.join(' '.join(r) for r in b.rows) for b in by_page[1])
    assert 'fluctuated' in text and 'Office' in text and ' luctuated' not in text and 'Oice' not in text
    # one `diference` stays: its glyph is not wide enough against its font's own `f` to count as a ligature
    assert text.count('difference') >= 2 and text.count('diference') <= 1
