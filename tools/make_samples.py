#!/usr/bin/env python
"""Generate docproc's sample corpus and its ground truth (`data/samples/`, `data/expected/`).

One fictional company, Axess Flow Systems, and its pump and valve documentation: a native PDF manual
with a table that spans a page break, a scanned inspection record, a photographed table, a Word
commissioning procedure, a Markdown troubleshooting guide, a text notice, controller source code, a
spare-parts CSV and a JSON spec list. Every table is also written to `data/expected/<file stem>/table_N.csv`
and the key facts each document must yield to `data/expected/facts.json`.

Deterministic: run it twice and the bytes are the same. Needs reportlab, pypdfium2, pillow, numpy and
python-docx (the `dev` extra) and a TrueType font (DejaVu Sans from Debian's fonts-dejavu-core, else
reportlab's bundled Vera). Usage: `python tools/make_samples.py [out_dir]`.
"""
from __future__ import annotations
import csv, io, json, sys, random
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageFilter

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]/'data'/'samples'
EXP = OUT.parent/'expected'  # ground truth beside the samples, not where ingest reads

def _font_paths():
    dv = Path('/usr/share/fonts/truetype/dejavu')
    if (dv/'DejaVuSans.ttf').exists(): return dv/'DejaVuSans.ttf', dv/'DejaVuSans-Bold.ttf'
    import reportlab
    rl = Path(reportlab.__file__).parent/'fonts'
    return rl/'Vera.ttf', rl/'VeraBd.ttf'
FONT, FONT_BOLD = _font_paths()

def write_csv(path:Path, rows:list[list[str]]):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, 'w', newline='', encoding='utf-8') as f: csv.writer(f, lineterminator='\n').writerows(rows)

# ---------------------------------------------------------------- the facts and tables
OPERATING_LIMITS = [
    ['Parameter', 'P-101A', 'P-101B', 'P-102'],
    ['Max. operating pressure (bar)', '16', '16', '25'],
    ['Rated flow (m³/h)', '45', '60', '90'],
    ['Speed (rpm)', '2900', '2900', '1450'],
    ['Motor power (kW)', '7.5', '11', '18.5'],
    ['Max. fluid temperature (°C)', '120', '120', '140'],
    ['Min. NPSH required (m)', '2.8', '3.4', '4.1'],
]
_TASKS = [
    ('Check mechanical seal for leakage', 'MS-3050', '250', '-'),
    ('Inspect coupling alignment', 'CP-1120', '500', '45'),
    ('Re-grease drive-end bearing', 'BR-6308', '2000', '-'),
    ('Re-grease non-drive-end bearing', 'BR-6306', '2000', '-'),
    ('Measure vibration at bearing housing', 'VS-0090', '500', '-'),
    ('Tighten foundation bolts', 'FB-M20', '4000', '350'),
    ('Replace casing gasket', 'GK-2210', '8000', '85'),
    ('Inspect impeller wear ring clearance', 'WR-1450', '8000', '-'),
    ('Replace impeller wear ring', 'WR-1450', '16000', '-'),
    ('Replace mechanical seal', 'MS-3050', '16000', '25'),
    ('Replace drive-end bearing', 'BR-6308', '24000', '-'),
    ('Replace non-drive-end bearing', 'BR-6306', '24000', '-'),
    ('Check motor terminal torque', 'MT-0400', '4000', '2.5'),
    ('Clean suction strainer', 'ST-0801', '1000', '-'),
    ('Replace strainer screen', 'ST-0802', '8000', '-'),
    ('Verify pressure gauge PG-12', 'PG-0012', '4000', '-'),
    ('Calibrate flow transmitter FT-07', 'FT-0007', '8000', '-'),
    ('Check discharge check valve V-305', 'CV-0305', '4000', '120'),
    ('Inspect shaft sleeve', 'SS-7720', '8000', '-'),
    ('Replace shaft sleeve', 'SS-7720', '24000', '60'),
    ('Replace coupling insert', 'CP-1125', '16000', '-'),
    ('Check motor insulation resistance', 'MT-0410', '8000', '-'),
    ('Replace volute casing O-ring', 'OR-0275', '16000', '-'),
    ('Inspect baseplate grout', 'BP-0001', '24000', '-'),
    ('Flush seal chamber', 'MS-3055', '2000', '-'),
    ('Replace motor fan cover screws', 'MT-0420', '24000', '4'),
]
MAINTENANCE = [['Task', 'Part code', 'Interval (h)', 'Torque (N·m)']] + [list(t) for t in _TASKS]
LUBRICATION = [
    ['Bearing', 'Grease', 'Quantity (g)', 'Interval (h)'],
    ['BR-6308', 'Lithium EP2', '18', '2000'],
    ['BR-6306', 'Lithium EP2', '12', '2000'],
    ['MB-4410', 'Polyurea PU-3', '25', '3000'],
]
VALVE_RECORD = [
    ['Valve tag', 'Type', 'Size', 'Test pressure (bar)', 'Leakage (ml/min)', 'Result'],
    ['V-301', 'Ball', 'DN50', '24', '0.0', 'Pass'],
    ['V-302', 'Gate', 'DN80', '24', '0.4', 'Pass'],
    ['V-303', 'Globe', 'DN40', '24', '2.6', 'Fail'],
    ['V-305', 'Check', 'DN80', '24', '0.8', 'Pass'],
    ['V-310', 'Butterfly', 'DN150', '16', '1.2', 'Pass'],
    ['V-311', 'Butterfly', 'DN150', '16', '0.0', 'Pass'],
]
SEAL_KITS = [
    ['Kit code', 'Pump', 'Elastomer', 'Max temp (°C)', 'Price (EUR)'],
    ['SK-2040', 'P-101A', 'EPDM', '120', '185.00'],
    ['SK-2041', 'P-101B', 'EPDM', '120', '198.50'],
    ['SK-2045', 'P-102', 'FKM', '140', '264.00'],
    ['SK-2046', 'P-102', 'FFKM', '200', '912.00'],
    ['SK-2050', 'P-201', 'NBR', '90', '142.75'],
]
COMMISSIONING_ACCEPTANCE = [
    ['Check', 'Measurement', 'Acceptance limit'],
    ['Vibration', 'Drive-end bearing', '≤ 2.8 mm/s'],
    ['Vibration', 'Non-drive-end bearing', '≤ 2.8 mm/s'],
    ['Bearing temperature', 'Drive-end bearing', '≤ 80 °C'],
    ['Seal leakage', 'Mechanical seal MS-3050', '≤ 5 drops/min'],
    ['Motor current', 'Motor M-200 at rated flow', '≤ 14.2 A'],
]
TROUBLESHOOTING = [
    ['Symptom', 'Likely cause', 'Action'],
    ['Low discharge pressure', 'Worn wear ring WR-1450', 'Measure clearance; replace above 0.6 mm'],
    ['High vibration', 'Coupling misalignment', 'Realign CP-1120 to within 0.05 mm'],
    ['Seal leakage', 'Dry running', 'Check suction level; replace MS-3050'],
    ['Motor overload', 'Flow above 110 % of rated', 'Throttle discharge valve V-302'],
]
SPARE_PARTS = [['part_code', 'description', 'pump', 'qty_on_hand', 'unit_price_eur', 'lead_time_days']] + [
    ['MS-3050', 'Mechanical seal 35 mm', 'P-101A', '4', '420.00', '21'],
    ['MS-3055', 'Seal flush plan 11 kit', 'P-101A', '2', '96.40', '14'],
    ['BR-6308', 'Deep groove ball bearing 6308-2Z', 'P-101A', '6', '38.90', '7'],
    ['BR-6306', 'Deep groove ball bearing 6306-2Z', 'P-101A', '6', '29.50', '7'],
    ['WR-1450', 'Impeller wear ring 145 mm', 'P-101B', '3', '154.00', '28'],
    ['GK-2210', 'Casing gasket, aramid fibre', 'P-101B', '10', '12.80', '5'],
    ['CP-1120', 'Coupling hub set', 'P-102', '1', '310.00', '35'],
    ['CP-1125', 'Coupling elastomer insert', 'P-102', '5', '44.20', '10'],
    ['SS-7720', 'Shaft sleeve, duplex steel', 'P-102', '2', '268.00', '42'],
    ['OR-0275', 'O-ring 275 x 3.5 mm, FKM', 'P-102', '12', '6.75', '5'],
    ['ST-0802', 'Strainer screen 40 mesh', 'P-101A', '4', '58.00', '14'],
    ['SK-2040', 'Seal kit EPDM', 'P-101A', '3', '185.00', '21'],
    ['SK-2045', 'Seal kit FKM', 'P-102', '2', '264.00', '21'],
    ['MT-0410', 'Insulation tester adapter', 'M-200', '1', '75.00', '10'],
    ['VS-0090', 'Vibration sensor 100 mV/g', 'P-101A', '2', '189.00', '18'],
]
PUMP_SPECS = [
    {'model': 'P-101A', 'type': 'end-suction centrifugal', 'max_pressure_bar': 16, 'rated_flow_m3h': 45, 'speed_rpm': 2900, 'motor_kw': 7.5, 'impeller_mm': 210, 'seal_kit': 'SK-2040', 'weight_kg': 148},
    {'model': 'P-101B', 'type': 'end-suction centrifugal', 'max_pressure_bar': 16, 'rated_flow_m3h': 60, 'speed_rpm': 2900, 'motor_kw': 11, 'impeller_mm': 232, 'seal_kit': 'SK-2041', 'weight_kg': 171},
    {'model': 'P-102', 'type': 'split-case centrifugal', 'max_pressure_bar': 25, 'rated_flow_m3h': 90, 'speed_rpm': 1450, 'motor_kw': 18.5, 'impeller_mm': 315, 'seal_kit': 'SK-2045', 'weight_kg': 356},
    {'model': 'P-201', 'type': 'vertical inline', 'max_pressure_bar': 10, 'rated_flow_m3h': 30, 'speed_rpm': 2900, 'motor_kw': 4, 'impeller_mm': 160, 'seal_kit': 'SK-2050', 'weight_kg': 92},
]

# ---------------------------------------------------------------- native PDF
def make_manual_pdf(path:Path):
    from reportlab import rl_config
    rl_config.invariant = 1
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import SimpleDocTemplate, Paragraph, Spacer, Table, TableStyle, ListFlowable, ListItem
    pdfmetrics.registerFont(TTFont('Sans', str(FONT))); pdfmetrics.registerFont(TTFont('Sans-Bold', str(FONT_BOLD)))
    body = ParagraphStyle('body', fontName='Sans', fontSize=10, leading=13.5, spaceAfter=6)
    h1 = ParagraphStyle('h1', fontName='Sans-Bold', fontSize=18, leading=22, spaceAfter=10)
    h2 = ParagraphStyle('h2', fontName='Sans-Bold', fontSize=13, leading=16, spaceBefore=10, spaceAfter=6)
    cell = ParagraphStyle('cell', fontName='Sans', fontSize=9, leading=11)
    def grid(rows, widths, repeat=0):
        t = Table(rows, colWidths=[w*mm for w in widths], repeatRows=repeat)
        t.setStyle(TableStyle([('FONT', (0, 0), (-1, -1), 'Sans', 9), ('FONT', (0, 0), (-1, 0), 'Sans-Bold', 9),
                               ('GRID', (0, 0), (-1, -1), 0.6, colors.black), ('BACKGROUND', (0, 0), (-1, 0), colors.HexColor('#dddddd')),
                               ('VALIGN', (0, 0), (-1, -1), 'MIDDLE'), ('TOPPADDING', (0, 0), (-1, -1), 3), ('BOTTOMPADDING', (0, 0), (-1, -1), 3)]))
        return t
    def plain(rows, widths):
        t = Table(rows, colWidths=[w*mm for w in widths])
        t.setStyle(TableStyle([('FONT', (0, 0), (-1, -1), 'Sans', 9), ('FONT', (0, 0), (-1, 0), 'Sans-Bold', 9),
                               ('LINEBELOW', (0, 0), (-1, 0), 0.6, colors.black), ('TOPPADDING', (0, 0), (-1, -1), 2)]))
        return t
    P = lambda t, s=body: Paragraph(t, s)
    story = [
        P('Centrifugal Pump Series P-100 Maintenance Manual', h1),
        P('Document AFS-MM-101, revision C, issued 2026-03-14 by Axess Flow Systems, Plant Engineering. '
          'This manual covers the P-100 series end-suction centrifugal pumps P-101A and P-101B and the split-case pump P-102. '
          'It applies to pumps with serial numbers from 24-0001 onwards.'),
        P('1 Scope and safety', h2),
        P('The pumps are rated for a maximum operating pressure of 16 bar (232 psi) for P-101A and P-101B and 25 bar for P-102. '
          'The permitted fluid temperature range is -10 °C to 120 °C; P-102 with the FKM seal kit SK-2045 is rated to 140 °C. '
          'Before any maintenance work, observe the following precautions:'),
        ListFlowable([ListItem(P(t), leftIndent=12) for t in [
            'Isolate motor M-200 at circuit breaker CB-14 and lock it out.',
            'Relieve system pressure to 0 bar through drain valve V-301.',
            'Allow the casing to cool below 40 °C before opening it.',
            'Wear cut-resistant gloves when handling the impeller (weight 6.4 kg on P-101A).',
        ]], bulletType='bullet', start='•', leftIndent=12),
        P('2 Operating limits', h2),
        P('Table 1 lists the operating limits of each model. Operation outside these limits voids the warranty and shortens seal life.'),
        grid(OPERATING_LIMITS, [62, 30, 30, 30]),
        Spacer(1, 6),
        P('The minimum continuous flow is 25 % of rated flow. Below that, recirculation raises the fluid temperature by up to 8 K per minute '
          'and damages the mechanical seal MS-3050.'),
        P('3 Maintenance intervals', h2),
        P('Table 2 gives the preventive maintenance schedule in operating hours. Intervals assume clean water at 20 °C; halve them for '
          'abrasive media with more than 2 % solids by weight. Tighten fasteners to the torque listed; a dash means no torque applies.'),
        grid(MAINTENANCE, [78, 28, 26, 26], repeat=1),
        Spacer(1, 6),
        P('4 Lubrication', h2),
        P('Grease the bearings with the quantities below. Do not mix lithium and polyurea greases: purge the old grease completely '
          'when changing type. Over-greasing raises bearing temperature by 10 to 15 °C.'),
        plain(LUBRICATION, [40, 40, 30, 30]),
        Spacer(1, 6),
        P('5 Reassembly', h2),
        P('After replacing the mechanical seal, set the seal compression to 7.5 mm ± 0.5 mm and run the pump for 30 minutes at '
          '50 % flow before returning it to service. The axial shaft play must not exceed 0.15 mm. '
          'Record every intervention in the maintenance log form AFS-F-17.'),
    ]
    def decorate(canvas, doc):
        canvas.saveState(); canvas.setFont('Sans', 8)
        canvas.drawString(20*mm, A4[1]-12*mm, 'Axess Flow Systems · AFS-MM-101 Rev C')
        canvas.drawRightString(A4[0]-20*mm, 12*mm, f'Page {doc.page}')
        canvas.restoreState()
    d = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20*mm, rightMargin=20*mm, topMargin=22*mm, bottomMargin=22*mm,
                          title='P-100 Maintenance Manual', author='Axess Flow Systems')
    d.build(story, onFirstPage=decorate, onLaterPages=decorate)

# ---------------------------------------------------------------- raster helpers
def _font(size, bold=False): return ImageFont.truetype(str(FONT_BOLD if bold else FONT), size)

def draw_table_image(rows, col_w, row_h=54, font_size=26, title=None, text=None, width=1700, margin=80):
    "Render a ruled table (plus optional title and paragraph) to a white grayscale page."
    height = margin*2 + (90 if title else 0) + (len(text)*40+30 if text else 0) + row_h*len(rows)
    img = Image.new('L', (width, height), 255); d = ImageDraw.Draw(img)
    y = margin
    if title: d.text((margin, y), title, font=_font(40, True), fill=0); y += 90
    for line in text or []: d.text((margin, y), line, font=_font(font_size), fill=0); y += 40
    if text: y += 30
    x0 = margin; xs = [x0]
    for w in col_w: xs.append(xs[-1]+w)
    for i, row in enumerate(rows):
        for j, cellv in enumerate(row):
            d.text((xs[j]+12, y+i*row_h+(row_h-font_size)//2-2), cellv, font=_font(font_size, bold=(i == 0)), fill=0)
    for i in range(len(rows)+1): d.line([(xs[0], y+i*row_h), (xs[-1], y+i*row_h)], fill=0, width=3)
    for x in xs: d.line([(x, y), (x, y+row_h*len(rows))], fill=0, width=3)
    return img

def degrade(img:Image.Image, angle:float, noise:float, seed:int, blur:float=0.6, shade:bool=False) -> Image.Image:
    "Make a clean render look scanned or photographed: rotation, blur, noise, optional uneven lighting."
    rng = np.random.default_rng(seed)
    img = img.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(blur))
    a = np.asarray(img).astype(np.float32)
    if shade:
        h, w = a.shape
        gx = np.linspace(0.82, 1.0, w)[None, :]; gy = np.linspace(1.0, 0.9, h)[:, None]
        a = a*gx*gy + 8
    a = a + rng.normal(0, noise, a.shape)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))

def make_scan_pdf(path:Path):
    text = ['Inspection of isolation and check valves on the P-100 pump skid, 2026-05-06.',
            'Inspector: R. Okafor. Seat leakage test to ISO 5208 rate A at 1.5 x rated pressure.',
            'Valve V-303 exceeded the allowed leakage and is tagged out for repair.']
    img = draw_table_image(VALVE_RECORD, [220, 230, 190, 330, 330, 180], title='Valve Inspection Record VIR-2291', text=text)
    page = Image.new('L', (1700, 2200), 255); page.paste(img, (0, 60))
    scan = degrade(page, angle=1.2, noise=9, seed=7, blur=0.7)
    scan = scan.resize((1700, 2200)).convert('RGB')
    buf = io.BytesIO(); scan.save(buf, format='PDF', resolution=200.0)
    path.write_bytes(buf.getvalue())

def make_photo_png(path:Path):
    img = draw_table_image(SEAL_KITS, [210, 200, 230, 260, 240], title='Seal kit selection - P-100 / P-200 series', width=1300)
    photo = degrade(img, angle=-1.8, noise=7, seed=11, blur=0.9, shade=True)
    photo.save(path, format='PNG', optimize=True)

# ---------------------------------------------------------------- DOCX
def make_docx(path:Path):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    d.core_properties.author = 'Axess Flow Systems'; d.core_properties.title = 'Commissioning Procedure CP-7'
    import datetime as dt
    d.core_properties.created = d.core_properties.modified = dt.datetime(2026, 4, 2, 9, 0, 0)
    d.add_heading('Commissioning Procedure CP-7 for Pump P-101A', level=1)
    d.add_paragraph('This procedure commissions a new or overhauled P-101A pump with motor M-200. It takes about 4 hours '
                    'and requires two technicians. Complete form AFS-F-21 and keep it with the pump file.')
    d.add_heading('Preparation', level=2)
    for t in ['Verify the suction strainer ST-0801 is clean and the screen ST-0802 is fitted.',
              'Fill the casing and vent it through vent plug VP-3 until no air escapes.',
              'Check the direction of rotation: clockwise viewed from the drive end.',
              'Set the discharge valve V-302 to 25 % open.']:
        d.add_paragraph(t, style='List Number')
    d.add_heading('Start-up', level=2)
    d.add_paragraph('Start the motor and open V-302 slowly over 60 seconds until the flow reaches 45 m³/h. '
                    'The discharge pressure must settle between 5.5 bar and 6.2 bar. Run for 2 hours and record readings every 15 minutes.')
    d.add_heading('Acceptance criteria', level=2)
    rows = COMMISSIONING_ACCEPTANCE
    t = d.add_table(rows=len(rows), cols=3); t.style = 'Table Grid'
    for i, r in enumerate(rows):
        for j, v in enumerate(r): t.cell(i, j).text = v
    a = t.cell(1, 0).merge(t.cell(2, 0)); a.text = 'Vibration'  # vertically merged cell
    d.add_paragraph('If any limit is exceeded, stop the pump, report to the maintenance planner and do not hand over the pump.')
    d.save(path)
    # python-docx writes the zip with the current time: pin it so the file is reproducible
    import zipfile
    src = zipfile.ZipFile(path); items = [(i.filename, src.read(i.filename)) for i in src.infolist()]; src.close()
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in items: z.writestr(zipfile.ZipInfo(name, (2026, 4, 2, 9, 0, 0)), data, zipfile.ZIP_DEFLATED)

# ---------------------------------------------------------------- text formats
def md_table(rows):
    out = ['| ' + ' | '.join(rows[0]) + ' |', '|' + '|'.join('---' for _ in rows[0]) + '|']
    return '\n'.join(out + ['| ' + ' | '.join(r) + ' |' for r in rows[1:]])

TROUBLE_MD = f"""# Troubleshooting Guide for P-100 Pumps

Document AFS-TG-04. Use this guide before calling Axess Flow Systems field service on +49 40 5550 1234.

## Quick checks

1. Confirm the suction valve V-301 is fully open.
2. Confirm the discharge pressure on gauge PG-12 is between 5.5 bar and 6.2 bar at 45 m³/h.
3. Check the motor current of M-200: it must not exceed 14.2 A.

## Symptoms and actions

{md_table(TROUBLESHOOTING)}

## Reading the controller log

The pump controller PC-9 writes one line per alarm. A typical overload entry looks like this:

```text
2026-05-06T10:14:03Z PC-9 ALARM 0x2A motor_current=15.1A limit=14.2A pump=P-101A
```

Alarm code 0x2A means motor overload; code 0x31 means seal chamber temperature above 90 °C.
Reset an alarm only after the cause is removed.
"""

SAFETY_TXT = """AXESS FLOW SYSTEMS - SAFETY NOTICE SN-2026-07

Subject: Mechanical seal MS-3050 on pumps P-101A and P-101B

Date: 2026-06-18

A batch of mechanical seals MS-3050 (lot 24-117, delivered between 2026-02-01 and 2026-03-15) may have
an under-torqued set screw. Under pressure above 12 bar the rotating face can slip, causing leakage of up
to 40 ml/min.

Required action: check the set screw torque of every seal from lot 24-117 and tighten to 4.5 N·m.
Seals that leak more than 5 drops/min after tightening must be replaced with kit SK-2040.

Contact the plant engineering hotline on extension 4417 with questions.
"""

CONTROLLER_PY = '''"""Pump controller PC-9 logic for P-100 series pumps (Axess Flow Systems)."""
from dataclasses import dataclass

MAX_MOTOR_CURRENT_A = 14.2      # motor M-200 overload trip
MAX_SEAL_TEMP_C = 90.0          # alarm 0x31 above this
MIN_FLOW_FRACTION = 0.25        # of rated flow; below this recirculation heats the fluid
RATED_FLOW_M3H = {"P-101A": 45.0, "P-101B": 60.0, "P-102": 90.0}

@dataclass
class Reading:
    pump: str
    flow_m3h: float
    motor_current_a: float
    seal_temp_c: float

def alarms(r: Reading) -> list[int]:
    """Return the alarm codes raised by reading `r`."""
    codes = []
    if r.motor_current_a > MAX_MOTOR_CURRENT_A:
        codes.append(0x2A)
    if r.seal_temp_c > MAX_SEAL_TEMP_C:
        codes.append(0x31)
    if r.flow_m3h < MIN_FLOW_FRACTION * RATED_FLOW_M3H[r.pump]:
        codes.append(0x12)  # minimum-flow alarm
    return codes
'''

FACTS = {
    'pump_maintenance_manual': ['16 bar (232 psi)', 'P-101A', 'MS-3050', 'CB-14', '7.5 mm ± 0.5 mm', '0.15 mm', 'AFS-F-17', '25 %'],
    'valve_inspection_scan': ['VIR-2291', 'V-303', 'ISO 5208'],
    'seal_kit_table': ['SK-2046', 'FFKM', '912.00'],
    'commissioning_procedure': ['CP-7', 'ST-0801', '45 m³/h', '5.5 bar', '6.2 bar', 'AFS-F-21'],
    'troubleshooting_guide': ['AFS-TG-04', 'PG-12', '14.2 A', '0x2A', '90 °C'],
    'safety_notice': ['SN-2026-07', '24-117', '4.5 N·m', '40 ml/min', 'SK-2040'],
    'pump_controller': ['MAX_MOTOR_CURRENT_A = 14.2', '0x31'],
    'spare_parts': ['MS-3050', '420.00', 'SS-7720'],
    'pump_specs': ['P-201', 'SK-2050', '356'],
}

def main():
    OUT.mkdir(parents=True, exist_ok=True)
    make_manual_pdf(OUT/'pump_maintenance_manual.pdf')
    make_scan_pdf(OUT/'valve_inspection_scan.pdf')
    make_photo_png(OUT/'seal_kit_table.png')
    make_docx(OUT/'commissioning_procedure.docx')
    (OUT/'troubleshooting_guide.md').write_text(TROUBLE_MD, encoding='utf-8')
    (OUT/'safety_notice.txt').write_text(SAFETY_TXT, encoding='utf-8')
    (OUT/'pump_controller.py').write_text(CONTROLLER_PY, encoding='utf-8')
    write_csv(OUT/'spare_parts.csv', SPARE_PARTS)
    (OUT/'pump_specs.json').write_text(json.dumps(PUMP_SPECS, indent=2, ensure_ascii=False) + '\n', encoding='utf-8')
    tables = {
        'pump_maintenance_manual': [OPERATING_LIMITS, MAINTENANCE, LUBRICATION],
        'valve_inspection_scan': [VALVE_RECORD],
        'seal_kit_table': [SEAL_KITS],
        'commissioning_procedure': [COMMISSIONING_ACCEPTANCE],
        'troubleshooting_guide': [TROUBLESHOOTING],
        'spare_parts': [SPARE_PARTS],
        'pump_specs': [[list(PUMP_SPECS[0])] + [[str(v) for v in r.values()] for r in PUMP_SPECS]],
    }
    for doc, ts in tables.items():
        for i, t in enumerate(ts, 1): write_csv(EXP/doc/f'table_{i}.csv', t)
    (EXP/'facts.json').write_text(json.dumps(FACTS, indent=2, ensure_ascii=False) + '\n', encoding='utf-8')
    print(f'wrote samples to {OUT}')

if __name__ == '__main__': main()
