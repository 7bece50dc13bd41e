"""Session 8 (frag): no questions from the tail of a sentence cut by a page break, from an entry of a reference list, or
with OCR debris at a sentence boundary (`docproc.qa_fragments`, 04zd), on real snippets of the real-world set."""
from docproc.core import load_config
from docproc.qa import generate_doc, unit_aside, coverage_units
from docproc.qa_lint import lint_question
from docproc.qa_fragments import reference_entry, ocr_debris, repair_debris
from conftest import ROOT

def _why(text:str) -> list[str|None]:
    return [unit_aside(u, text, set()) for u in coverage_units(text) if u.kind == 'sentence']

def _qa(doc:str, text:str):
    cfg = load_config(ROOT/'config'/'config.json', {'llm.backend': 'offline'})
    return generate_doc(doc, [({'chunk_id': 'chunk_001', 'heading_path': []}, text)], cfg, title=doc)

# us-025.pdf (CDC heart disease and stroke deaths): its reference list, each entry split at its full stops
US025 = ('1. CDC. Healthy people data 2010: the healthy people database. Atlanta, GA: US Department of Health and '
         'Human Services, CDC; 2010.\n\nAvailable at http://wonder.cdc.gov/data2010.\n\n1. US Department of Health '
         'and Human Services. Healthy people 2020. Phase I report: recommendations for the framework and format of '
         'Healthy People 2020. Section IV. Advisory committee findings and recommendations: the role and function '
         'of Healthy People 2020. Rockville, MD: US Department of Health and Human Services; 2010. Available at '
         'http://www.healthypeople.gov/hp2020/advisory/ PhaseI.\n')
# us-020.pdf (PIRLS technical notes): a body sentence with a citation in it
US020 = ('All selected classrooms participated in PIRLS yielding a classroom response rate of 100 percent (Mullis, '
         'et al. 2012, exhibit C.8).')
# eu-026.pdf (household financial losses): a sentence cut at `17%` by a paragraph break; one cut after its first word
EU026_CUT = ('and 5% (sample of 138 students at the University of Toledo). On average around 17%\n\nof the '
             'participants—mostly young university students—in his samples give three correct answers.')
EU026_JOIN = ('Overall, about 9.2% of the households lost more than 10% and about 1.8% lost more than half of '
              'their financial assets. The\n\naverage simulated loss relative to financial wealth at the end of '
              '2007 is 3.7% which is again quite close to the reported one.')
# us-006.pdf (Head Start impact study): `In` | a footnote | `contrast, …`
US006 = ('Most random assignment studies are conducted in small demonstration programs or in a small number of '
         'operating sites, usually those that volunteer to be included in the research. In\n\n3 The study design '
         'allowed 3-year-old cohort control group children to reapply to Head Start after the first year.\n\n\n'
         'contrast, the Head Start Impact Study is based on a nationally representative sample of Head Start '
         'programs and children, with a few exceptions for programs serving particular populations.')
# eu-017.pdf (EFSA zoonoses report): the chunk goes on after a chart, mid-sentence (the whole chunk)
EU017 = ('Within the EU, in 2007, children under the age of five had the highest notification rate, representing '
         '120 campylobacteriosis cases per population of 100,000. The rates for other age groups varied between 32 '
         'and 53 cases per population of 100,000 (Figure CA3).\n\nThe EFSA Journal 2009 – 223 115/312 115\n\n\n'
         'Figure CA3. | Age-specific distribution of reported confirmed cases of human campylobacteriosis, '
         'TESSy\n\n### data for reporting MSs, 2007\n\n0-4 5-14 15-24 25-44 45-64 ≥65\n\nAge Group\n\nSource: All '
         'mSs except Greece, Latvia, portugal and Romania. (n = 198,452)\n\nhigher numbers of Campylobacter cases '
         'in humans were reported during the summer months, from June to August, representing the characteristic '
         'and well-known seasonal variation for this type of infection in the warmer summer months (Figure CA4).')
# us-001-scan.pdf (disability report, OCR): a footnote mark read as `'s`
US001 = ("'s The age-adjustments presented here follow the methodology described in Anderson and Rosenberg (1998) "
         'using the year 2000 standard population in 5-year age groups from Day (1996).')

def test_reference_entries_set_aside_and_a_citing_sentence_kept():
    # the short pieces (`Healthy people 2020.`) were `label` already; the three asked before are `reference` now
    assert _why(US025) == ['reference', 'label', 'reference', 'label', 'reference', 'reference', 'label', 'reference']
    assert not reference_entry(US020) and _why(US020) == [None]

def test_a_cut_tail_is_a_fragment_and_a_tail_its_one_word_head_makes_whole_is_kept():
    assert _why(EU026_CUT)[-1] == 'fragment'
    assert _why(EU026_JOIN)[-1] is None
    assert _why(US006)[-1] is None

def test_no_pair_from_a_fragment_and_none_from_a_reference():
    s = _qa('eu-017', EU017)
    assert s.kept                                    # the facts before the chart are asked
    assert not [i for i in s.kept if i['evidence'].startswith('higher numbers')], [i['question'] for i in s.kept]
    assert s.metadata['rejections'].get('aside_fragment', 0) >= 1, s.metadata['rejections']
    s = _qa('us-025', US025)
    assert not s.kept, [i['question'] for i in s.kept]

def test_ocr_debris_repaired_in_the_question_and_linted():
    s = _qa('us-001-scan', US001)
    qs = [i['question'] for i in s.kept]
    assert 'In us-001-scan, what do the age-adjustments presented here follow?' in qs, qs
    assert not [q for q in qs if "'s The" in q or ocr_debris(q)], qs
    bad = "In us-001-scan.pdf, what do 's The age-adjustments presented here follow?"
    assert 'ocr_debris' in lint_question(bad, 'the methodology described in Anderson and Rosenberg')
    assert 'ocr_debris' not in lint_question(repair_debris(bad), 'the methodology described in Anderson and Rosenberg')
    assert not ocr_debris("In us-012.pdf, what is the state's share of the Head Start budget?")
