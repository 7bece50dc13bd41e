"""Pages set in columns read column by column (docproc.ingest_columns), on real pages (tests/fixtures/real/, licences
in its README; tests/fixtures/ocr/us-001_columns_scan.png: the top of the real-world set's us-001-scan.pdf, page 1)
and on a two-column page drawn here and read by Tesseract."""
import csv, shutil
from pathlib import Path
import pdfplumber
import pytest
from PIL import Image, ImageDraw, ImageFont

from conftest import ROOT
from docproc.core import Config
from docproc.ingest import ingest, ocr_image, join_split_paragraphs, Block, _page_words, _group_lines
from docproc.ingest_columns import column_order

REAL, OCR = ROOT/'tests'/'fixtures'/'real', ROOT/'tests'/'fixtures'/'ocr'

def _ingest(tmp_path, *files) -> Path:
    src = tmp_path/'in'; src.mkdir()
    for f in files: shutil.copy(f, src)
    cfg = Config(); cfg._root = tmp_path
    r = ingest(cfg, src=src, progress=False)
    assert r.counts()['failed'] == 0, r
    return tmp_path/'data'/'out'

def test_native_columns_above_a_table(tmp_path):
    """us-001 p1 (Census): three columns of prose above Table 1 (the page is not in columns as a whole): each column is
    read top to bottom, the table stays one table below them, with the columns' text in none of its cells."""
    out = _ingest(tmp_path, REAL/'us-001-p1.pdf')/'us-001-p1'
    text = (out/'text.txt').read_text(encoding='utf-8')
    assert 'Were this population included in the SIPP, the magnitude of the dis' in text
    assert '303.9 million in the civilian non- institutionalized population had a disability in 2010' in text
    assert 'had a severe disability (Table 1). About 12.3 million people aged 6 years and older' in text
    assert 'included in institutionalized' not in text and 'non- had' not in text
    assert text.index('on page 9.') < text.index('Prevalence of Disability for Selected Age Groups')
    cells = [c for p in out.glob('table_*.csv') for r in csv.reader(open(p, encoding='utf-8', newline='')) for c in r]
    assert any('291,099' in c for c in cells) and not any('statistical testing' in c for c in cells)

def test_scanned_columns(tmp_path):
    "The same columns on a real scan (200 dpi grey, skewed, noisy): Tesseract's lines across the page are cut apart."
    out = _ingest(tmp_path, OCR/'us-001_columns_scan.png')
    text = (out/'us-001_columns_scan'/'text.txt').read_text(encoding='utf-8')
    assert 'quarters had a disability in 2010.8 Were this population included in the SIPP, the magnitude' in text
    assert '303.9 million in the civilian noninstitutionalized population had a disability' in text
    assert 'included in institutionalized' not in text
    assert text.index('report would likely be larger.') < text.index('303.9 million') < text.index('had a severe')

LEFT = ['The survey was sent to four hundred', 'farms in the northern valley during',
        'the spring of the year, and most of', 'them answered within a month.',
        'Answers came by post and by phone', 'from owners and from tenants alike.']
RIGHT = ['Wheat yields were lower than in the', 'years before because the summer was',
         'dry and hot in most of the valley,', 'while barley did rather better.',
         'Prices rose a little in the autumn', 'as stocks were drawn down slowly.']

def _two_column_page(drift:int=0) -> Image.Image:
    "A page drawn at 200 dpi: a heading across the page, two columns of prose below (the right one `drift` px lower)."
    font = ImageFont.truetype('/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf', 28)
    img = Image.new('L', (1700, 700), 255); d = ImageDraw.Draw(img)
    d.text((120, 60), 'Harvest report of the northern valley for the year', font=font, fill=0)
    for i, (a, b) in enumerate(zip(LEFT, RIGHT)):
        d.text((120, 170 + 44 * i), a, font=font, fill=0); d.text((900, 170 + drift + 44 * i), b, font=font, fill=0)
    return img

@pytest.mark.parametrize('drift', [0, 22])
def test_drawn_two_columns_read_in_order(drift):
    """A page nobody tuned for: the heading first, then the left column's sentences, then the right column's; also when
    the columns' baselines do not line up (22 px: half a line, so Tesseract's lines alternate between the columns)."""
    text = ' '.join(b.text for b in ocr_image(_two_column_page(drift)).blocks)
    text = ' '.join(t for t in text.split() if any(c.isalnum() for c in t))   # Tesseract's stray `.` and `;` marks
    assert text.startswith('Harvest report of the northern valley')
    assert ' '.join(LEFT) in text and ' '.join(RIGHT) in text
    assert text.index('answered within a month.') < text.index('Wheat yields')

@pytest.mark.parametrize('name', ['eu-008-p1.pdf', 'gcrypt-p85.pdf', 'libtasn1-p35.pdf', 'us-034-p2.pdf',
                                  'us-014-p2.pdf'])
def test_pages_not_in_columns_keep_their_order(name):
    """Real pages in one column, with tables, or with a two-column list of terms and their wrapped descriptions (a
    table, not two columns of prose): no line is moved."""
    with pdfplumber.open(str(REAL/name)) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            lines = [l.words for l in _group_lines(_page_words(page), n)]
            assert not any(k[2] for k, _ in column_order(lines)), (name, n)

def test_small_capitals_caption_is_not_joined_to_a_paragraph():
    "us-025: `tABLE 6. number of deaths …` opens page 4 below a paragraph cut at page 3's end; it is no continuation."
    blocks = [Block('para', 'Research examining health', page=3),
              Block('para', 'tABLE 6. number of deaths and age-adjusted death rates', page=4),
              Block('para', 'disparities in heart disease and stroke', page=4)]
    got = join_split_paragraphs(blocks)
    assert [b.text for b in got] == [b.text for b in blocks]
    got = join_split_paragraphs([blocks[0], blocks[2]])           # without the caption between: one paragraph
    assert [b.text for b in got] == ['Research examining health disparities in heart disease and stroke']
