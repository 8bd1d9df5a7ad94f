/**
 * LibreOffice and poppler from the tests: convert an office file to PDF (`soffice --headless`),
 * read back every word with its box (`pdftotext -bbox`), render a page (`pdftoppm`). Debian
 * packages libreoffice-writer-nogui, libreoffice-calc-nogui and poppler-utils; .ci/run installs them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface PdfWord {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

export function hasOfficeTools(): boolean {
  return ['soffice', 'pdftotext', 'pdftoppm'].every((bin) => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0);
}

/** `dir/<name>.pdf` from `file`, with a private LibreOffice profile (parallel runs do not share one). */
export function convertToPdf(file: string, dir: string): string {
  const profile = path.join(dir, 'lo-profile');
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file],
    { stdio: 'pipe', timeout: 120_000 },
  );
  const pdf = path.join(dir, `${path.basename(file, path.extname(file))}.pdf`);
  if (!fs.existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${file}`);
  return pdf;
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Every word of the PDF with its box in points, page by page (1-based). */
export function pdfWords(pdf: string): { words: PdfWord[]; pages: { width: number; height: number }[] } {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const words: PdfWord[] = [];
  const pages: { width: number; height: number }[] = [];
  for (const [, w, h, body] of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    pages.push({ width: Number(w), height: Number(h) });
    for (const m of body!.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    )) {
      words.push({
        page: pages.length,
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: unescape(m[5]!),
      });
    }
  }
  return { words, pages };
}

/** One page as a PNG at `dpi`. */
export function renderPage(pdf: string, page: number, outPng: string, dpi = 80) {
  const base = outPng.replace(/\.png$/, '');
  execFileSync(
    'pdftoppm',
    ['-r', String(dpi), '-f', String(page), '-l', String(page), '-png', '-singlefile', pdf, base],
    { stdio: 'pipe' },
  );
}
