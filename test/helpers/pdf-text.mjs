// Prints the text of every page of a PDF, one "=== page N ===" block per page.
// ESM because pdfjs-dist is ESM-only; the jest specs (CJS) run it in a child process.
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(readFileSync(process.argv[2]));
const pdf = await getDocument({ data, useSystemFonts: false, verbosity: 0 }).promise;
const out = [];
for (let i = 1; i <= pdf.numPages; i++) {
  const page = await pdf.getPage(i);
  const content = await page.getTextContent();
  out.push(`=== page ${i} ===`);
  let line = '';
  for (const item of content.items) {
    if (!('str' in item)) continue;
    line += item.str;
    if (item.hasEOL) {
      out.push(line);
      line = '';
    } else line += ' ';
  }
  if (line) out.push(line);
}
process.stdout.write(`${out.join('\n')}\n`);
