#!/usr/bin/env python
"""Generate the committed bad-input corpus (`tests/fixtures/bad/`) for the reliability suite.

Every file here is something real users drop into an input folder by accident or through a broken
export: empty and zero-byte files, truncated, encrypted and image-less PDFs, an image named `.pdf`,
binary junk named `.txt`, latin-1 and UTF-16 text, a 30 MB text file, a one-line 10 MB JSON,
invalid JSON, a ragged CSV with an embedded NUL, a DOCX with a missing part, a zip-bomb-like DOCX,
1×1 and 20000×20000 images (the 30 MB text and 10 MB JSON come from `write_large`, on demand), awkward file names (spaces, unicode, leading dash, `..`) and two files
with the same name in different folders. Deterministic: the same bytes on every run.
Usage: `python tools/make_bad_corpus.py [out_dir]`.
"""
from __future__ import annotations
import io, json, sys, zipfile, zlib
from pathlib import Path

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]/'tests'/'fixtures'/'bad'
SAMPLES = Path(__file__).resolve().parents[1]/'data'/'samples'
ZDATE = (2026, 1, 1, 0, 0, 0)

def pdf_bytes(body_ops:bytes=b'', encrypt:bool=False) -> bytes:
    "A minimal one-page PDF built with reportlab (text or nothing), optionally encrypted."
    from reportlab import rl_config
    rl_config.invariant = 1
    from reportlab.pdfgen import canvas
    from reportlab.lib import pdfencrypt
    buf = io.BytesIO()
    enc = pdfencrypt.StandardEncryption('user-pw', 'owner-pw', canPrint=0) if encrypt else None
    c = canvas.Canvas(buf, encrypt=enc)
    if body_ops: c.drawString(72, 720, body_ops.decode())
    c.showPage(); c.save()
    return buf.getvalue()

def png_bytes(w:int, h:int) -> bytes:
    "A valid 1-bit PNG of w×h white pixels, written directly so a 20000×20000 image stays a few KB."
    import struct
    def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    row = b'\x00' + b'\xff' * ((w + 7) // 8)
    comp = zlib.compressobj(9)
    raw = b''.join(comp.compress(row) for _ in range(h)) + comp.flush()
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 1, 0, 0, 0, 0)) +
            chunk(b'IDAT', raw) + chunk(b'IEND', b''))

def zip_bytes(entries:dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items(): z.writestr(zipfile.ZipInfo(name, ZDATE), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()

def docx_missing_part() -> bytes:
    "The sample DOCX with word/document.xml removed."
    z = zipfile.ZipFile(SAMPLES/'commissioning_procedure.docx')
    return zip_bytes({i.filename: z.read(i.filename) for i in z.infolist() if i.filename != 'word/document.xml'})

def docx_bomb() -> bytes:
    "A DOCX whose document.xml inflates to about 1 GB from well under 1 MB."
    z = zipfile.ZipFile(SAMPLES/'commissioning_procedure.docx')
    parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            if name == 'word/document.xml': continue
            out.writestr(zipfile.ZipInfo(name, ZDATE), data, zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo('word/document.xml', ZDATE); info.compress_type = zipfile.ZIP_DEFLATED
        with out.open(info, 'w', force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
            block = b' ' * (1 << 20)
            for _ in range(1024): f.write(block)
            f.write(b'</w:t></w:r></w:p></w:body></w:document>')
    return buf.getvalue()

FILES = {
    'empty.txt': lambda: b'',
    'zero_bytes.pdf': lambda: b'',
    'truncated.pdf': lambda: (SAMPLES/'pump_maintenance_manual.pdf').read_bytes()[:9000],
    'encrypted.pdf': lambda: pdf_bytes(b'Secret pump data P-999', encrypt=True),
    'no_text_no_images.pdf': lambda: pdf_bytes(),
    'image_named.pdf': lambda: (SAMPLES/'seal_kit_table.png').read_bytes(),
    'binary_junk.txt': lambda: bytes((i * 7919 + 13) % 256 for i in range(4096)),
    'latin1_notice.txt': lambda: 'Überdruckventil V-401: Öffnungsdruck 18 bar, Temperatur max. 95 °C.\nPrüfung alle 6 Monate.\n'.encode('latin-1'),
    'utf16_notice.txt': lambda: 'Pump P-301 rated 12 bar; seal kit SK-3001 (UTF-16 file).\n'.encode('utf-16'),
    'invalid.json': lambda: b'{"pump": "P-101A", "max_bar": 16,, }',
    'ragged_nul.csv': lambda: b'part,desc,qty\nMS-3050,seal,4\nBR-6308,bearing\nGK-2210,gasket,10,extra,cols\nXX-0\x00001,nul inside,1\n',
    'missing_part.docx': docx_missing_part,
    'bomb.docx': docx_bomb,
    'tiny_1x1.png': lambda: png_bytes(1, 1),
    'huge_20000x20000.png': lambda: png_bytes(20000, 20000),
    'unsupported.xyz': lambda: b'what is this format',
    'name with spaces.md': lambda: b'# Note\n\nValve V-310 is DN150 and tested at 16 bar.\n',
    'ünïcødé_名前.md': lambda: '# Hinweis\n\nVentil V-311 ist DN150.\n'.encode(),
    '-leading-dash.txt': lambda: b'Pump P-201 runs at 2900 rpm.\n',
    '..dotdot..txt': lambda: b'Motor M-200 draws at most 14.2 A.\n',
    'a/manual.md': lambda: b'# Manual A\n\nPump P-101A: 16 bar.\n',
    'b/manual.md': lambda: b'# Manual B\n\nPump P-102: 25 bar.\n',
}

# Large files are generated where a test needs them, not committed: they would make every checkout
# (and every copy of the tree sent to a GPU machine) 40 MB heavier for bytes a script makes in seconds.
LARGE_FILES = {
    'large_30mb.txt': lambda: b''.join(f'Line {i:07d}: pump P-101A check at 16 bar and 45 m3/h.\n'.encode() for i in range(560_000)),
    'one_line_10mb.json': lambda: json.dumps([{'id': i, 'part': f'X-{i:06d}', 'torque_nm': i % 97} for i in range(215_000)],
                                             separators=(',', ':')).encode(),
}

def write_large(folder:Path) -> list[Path]:
    "Write the large bad inputs into `folder` (used by the reliability tests)."
    out = []
    for name, make in LARGE_FILES.items():
        p = Path(folder)/name; p.write_bytes(make()); out.append(p)
    return out

def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, make in FILES.items():
        p = OUT/name; p.parent.mkdir(parents=True, exist_ok=True); p.write_bytes(make())
    print(f'wrote {len(FILES)} bad inputs to {OUT}')

if __name__ == '__main__': main()
