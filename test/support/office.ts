import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/** Reads an .xlsx back with exceljs: each sheet's rows as arrays of cell texts (1-based columns → 0-based). */
export async function readXlsx(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets = wb.worksheets.map((ws) => {
    const rows: (string | number | null)[][] = [];
    ws.eachRow({ includeEmpty: true }, (r, n) => {
      const values: (string | number | null)[] = [];
      for (let i = 1; i <= ws.columnCount; i++) {
        const v = r.getCell(i).value;
        values.push(v === null || v === undefined ? null : typeof v === 'number' ? v : String(v));
      }
      rows[n - 1] = values;
    });
    return { name: ws.name, rows: Array.from(rows, (r) => r ?? []), merges: ws.model.merges, ws };
  });
  return { wb, sheets };
}

/** The text of a .docx, paragraph by paragraph, from word/document.xml; and the raw XML. */
export async function readDocx(bytes: Buffer) {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1]!)).join(''),
  );
  return { xml, paragraphs, text: paragraphs.join('\n') };
}
