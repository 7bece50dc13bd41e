#!/usr/bin/env bash
# Install the system packages docproc uses, if missing: Tesseract (OCR), poppler (PDF tools),
# LibreOffice without GUI (.doc/.odt/.rtf), DejaVu fonts, and Chromium for the docs-site browser test. Needs root (or sudo) for apt-get.
# `setup_system.sh --check` only reports: exit 1 (naming them) if any is missing.
set -euo pipefail
need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr tesseract-ocr-eng)
command -v pdftoppm  >/dev/null 2>&1 || need+=(poppler-utils)
command -v soffice   >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ "${DOCPROC_BROWSER:-1}" = 1 ]; then command -v chromium >/dev/null 2>&1 || need+=(chromium); fi
if [ ${#need[@]} -eq 0 ]; then echo "system packages: all present"; exit 0; fi
if [ "${1:-}" = --check ]; then echo "system packages missing: ${need[*]}"; exit 1; fi
echo "system packages: installing ${need[*]}"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: apt-get not found; install ${need[*]} with your package manager" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "system packages: installed ${need[*]}"
