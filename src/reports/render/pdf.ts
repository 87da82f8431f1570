import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { byText } from '../figures/figures-math';
import { ReportFigures } from '../figures/report-figures';
import { formatCell, frenchDate, frenchDateTime } from './format';
import { fill, ReportLabels, templatesDir } from './labels';
import { ReportTable } from './report-tables';

type Doc = PDFKit.PDFDocument;
const REGULAR = 'body';
const BOLD = 'bold';
/**
 * Authorities shown in the bar chart: the ones with the most planned hours. A region has hundreds
 * (838 in Île-de-France at bench scale 1): drawn in full, the chart ran 20,000 points down and spilled
 * one stray number per page over 1,660 pages. Every authority stays in the table that follows.
 */
const CHART_AUTHORITIES = 15;

/**
 * The PDF: cover, headline tables, charts (pdfkit vector primitives), then every table with its
 * header repeated on each new page, and "page X / Y" on every page. Resolves once the file is
 * completely written (the stream's 'finish'), not when doc.end() returns.
 *
 * Laid out twice: first without the table rows' text, only to count the pages (rows have a fixed
 * height, so their text never moves anything), then for real, numbering and releasing the pages as
 * each table turns one. Held until the end for their numbers, a region's thousands of authorities
 * kept a hundred pages in the worker's memory.
 */
export async function writePdf(f: ReportFigures, tables: ReportTable[], l: ReportLabels, file: string): Promise<void> {
  const total = await layOut(f, tables, l, null);
  const written = await layOut(f, tables, l, { file, total });
  if (written !== total) throw new Error(`PDF laid out on ${total} pages, written on ${written}`);
}

/** Where the pages go: a file, with the page count known; or nowhere (null), to count them. */
type Output = { file: string; total: number } | null;

async function layOut(f: ReportFigures, tables: ReportTable[], l: ReportLabels, output: Output): Promise<number> {
  const lay = l.layout;
  const doc = new PDFDocument({
    size: lay.size,
    layout: lay.layout,
    margin: lay.margin,
    bufferPages: true,
    // Fixed dates: the same figures make the same file.
    info: { Title: `${l.title} — ${f.scope.name}`, Author: 'Clausier', CreationDate: new Date(f.generatedAt), ModDate: new Date(f.generatedAt) },
  });
  const fonts = join(templatesDir(), 'fonts');
  doc.registerFont(REGULAR, join(fonts, 'DejaVuSans.ttf'));
  doc.registerFont(BOLD, join(fonts, 'DejaVuSans-Bold.ttf'));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('error', reject);
    if (!output) {
      doc.on('data', () => undefined).on('end', resolve);
      return;
    }
    const out = createWriteStream(output.file);
    out.on('finish', resolve);
    out.on('error', reject);
    doc.pipe(out);
  });
  const turnPage = () => {
    if (output) numberAndRelease(doc, l, output.total);
    doc.addPage();
  };

  cover(doc, f, l);
  const byId = new Map(tables.map((t) => [t.id, t]));
  doc.addPage();
  for (const id of ['headline', 'clauseStatuses']) drawTable(doc, byId.get(id)!, l, turnPage, output !== null);
  charts(doc, f, l);
  for (const t of tables.filter((t) => !['headline', 'clauseStatuses'].includes(t.id))) {
    // A region's contracts (15,000 in Île-de-France) would make a 400-page PDF, long and heavy to
    // lay out, for a list nobody reads on paper. They are in the spreadsheet files; the PDF says so.
    if (t.id === 'contracts' && f.scope.kind === 'region') {
      doc.moveDown(0.5);
      doc.font(REGULAR).fontSize(lay.fontSize.body).fillColor('black').text(fill(l.contractsElsewhere, { count: formatCell(f.contracts.length, 'int') }), { width: pageWidth(doc) });
      doc.moveDown(0.5);
      continue;
    }
    if (t.id === 'criterion') {
      doc.addPage();
      doc.font(REGULAR).fontSize(lay.fontSize.body).fillColor('black').text(l.breakdownNote, { width: pageWidth(doc) });
      doc.moveDown(0.5);
    }
    drawTable(doc, t, l, turnPage, output !== null);
  }
  const range = doc.bufferedPageRange();
  const pages = range.start + range.count;
  if (output) numberAndRelease(doc, l, output.total);
  doc.end();
  await done;
  return pages;
}

const pageWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom - 14; // room for the page number

function cover(doc: Doc, f: ReportFigures, l: ReportLabels): void {
  const lay = l.layout;
  doc.fillColor(lay.colours.primary).font(BOLD).fontSize(lay.fontSize.title).text(l.title, { width: pageWidth(doc) });
  doc.moveDown(0.5);
  doc.fontSize(lay.fontSize.heading).text(`${l.scopeKind[f.scope.kind]} ${f.scope.code} — ${f.scope.name}`);
  doc.moveDown(1.5);
  doc.fillColor('black').fontSize(lay.fontSize.heading - 2);
  const line = (label: string, value: string) => {
    doc.font(BOLD).text(`${label} : `, { continued: true }).font(REGULAR).text(value);
    doc.moveDown(0.3);
  };
  line(l.cover.period, fill(l.cover.periodRange, { from: frenchDate(f.period.from), to: frenchDate(f.period.to) }));
  line(l.cover.generatedAt, frenchDateTime(f.generatedAt));
  line(l.cover.dataWatermark, f.dataWatermark);
  line(l.cover.fteReference, formatCell(f.fteReferenceHours, 'int'));
  doc.moveDown(2);
  doc.font(REGULAR).fontSize(lay.fontSize.body).fillColor('#555555').text(l.cover.notice, { width: pageWidth(doc) });
}

/**
 * A table; when a row would cross the bottom margin, `turnPage` starts a new page and the header is
 * drawn again. `withRows` false: the rows take their place but their text is not drawn (counting pages).
 */
function drawTable(doc: Doc, t: ReportTable, l: ReportLabels, turnPage: () => void, withRows: boolean): void {
  const lay = l.layout;
  const x0 = doc.page.margins.left;
  const width = pageWidth(doc);
  const total = t.widths.reduce((a, b) => a + b, 0);
  const widths = t.widths.map((w) => (w / total) * width);
  const rowH = lay.rowHeight;
  const headerH = rowH * 2.2;
  if (doc.y + lay.fontSize.heading * 2 + headerH + rowH > bottom(doc)) doc.addPage();
  doc.moveDown(0.6);
  doc.font(BOLD).fontSize(lay.fontSize.heading).fillColor(lay.colours.primary).text(t.title, x0, doc.y, { width });
  doc.moveDown(0.3);

  // Numbers right-aligned, text left, by the type of the first row's cells.
  const [first] = t.rows();
  const cells = (values: string[], y: number, h: number, header: boolean) => {
    let x = x0;
    doc.font(header ? BOLD : REGULAR).fontSize(lay.fontSize.table).fillColor('black');
    values.forEach((v, i) => {
      const align = !header && first?.[i]?.type !== 'text' ? 'right' : 'left';
      doc.text(v, x + 2, y + 3, { width: widths[i] - 4, height: h - 4, align, lineBreak: header, ellipsis: true });
      x += widths[i];
    });
  };
  const header = () => {
    const y = doc.y;
    doc.rect(x0, y, width, headerH).fill(lay.colours.headerFill);
    cells(t.columns, y, headerH, true);
    doc.y = y + headerH;
  };
  header();
  for (const row of t.rows()) {
    if (doc.y + rowH > bottom(doc)) {
      turnPage();
      header();
    }
    const y = doc.y;
    if (withRows) {
      cells(row.map((c) => formatCell(c.value, c.type)), y, rowH, false);
      doc.moveTo(x0, y + rowH).lineTo(x0 + width, y + rowH).lineWidth(0.3).strokeColor(lay.colours.grid).stroke();
    }
    doc.y = y + rowH;
  }
  doc.x = x0;
}

interface Bar {
  label: string;
  values: number[];
}

/** Horizontal bar chart (one bar per series per label), scaled to the largest value. */
function barChart(doc: Doc, l: ReportLabels, title: string, bars: Bar[], series: { name: string; colour: string }[], type: 'hours' | 'int', note?: string): void {
  const lay = l.layout;
  const x0 = doc.page.margins.left;
  const width = pageWidth(doc);
  const barH = 9;
  const groupH = barH * series.length + 6;
  const height = 30 + (note ? 14 : 0) + bars.length * groupH + 14;
  if (doc.y + height > bottom(doc)) doc.addPage();
  doc.moveDown(0.6);
  doc.font(BOLD).fontSize(lay.fontSize.heading - 2).fillColor(lay.colours.primary).text(title, x0, doc.y, { width });
  if (note) doc.font(REGULAR).fontSize(lay.fontSize.table).fillColor('#555555').text(note, x0, doc.y + 2, { width });
  let y = doc.y + 4;
  // Legend.
  let lx = x0;
  doc.font(REGULAR).fontSize(lay.fontSize.table);
  for (const s of series) {
    doc.rect(lx, y, 8, 8).fill(s.colour);
    doc.fillColor('black').text(s.name, lx + 11, y, { lineBreak: false });
    lx += 11 + doc.widthOfString(s.name) + 16;
  }
  y += 14;
  const labelW = width * 0.28;
  const valueW = 70;
  const plotW = width - labelW - valueW;
  const max = Math.max(1, ...bars.flatMap((b) => b.values));
  for (const b of bars) {
    doc.fillColor('black').text(b.label, x0, y + 1, { width: labelW - 6, height: groupH, ellipsis: true, lineBreak: false });
    b.values.forEach((v, i) => {
      const w = (v / max) * plotW;
      if (w > 0) doc.rect(x0 + labelW, y + i * barH, Math.max(w, 0.5), barH - 2).fill(series[i].colour);
      doc.fillColor('black').text(formatCell(v, type), x0 + labelW + w + 4, y + i * barH, { width: valueW, lineBreak: false });
    });
    y += groupH;
  }
  doc.y = y + 4;
  doc.x = x0;
}

function charts(doc: Doc, f: ReportFigures, l: ReportLabels): void {
  const c = l.layout.colours;
  const k = l.keys;
  doc.addPage();
  const largest = [...f.contractingAuthorities]
    .sort((a, b) => b.plannedHoursAtEnd - a.plannedHoursAtEnd || b.realisedHours - a.realisedHours || byText(a.name, b.name) || byText(a.contractingAuthorityId, b.contractingAuthorityId))
    .slice(0, CHART_AUTHORITIES);
  const count = f.contractingAuthorities.length;
  barChart(
    doc, l, l.charts.authorities,
    largest.map((a) => ({ label: a.name, values: [a.plannedHoursAtEnd, a.realisedHours] })),
    [{ name: l.charts.planned, colour: c.planned }, { name: l.charts.realised, colour: c.realised }], 'hours',
    count > largest.length ? fill(l.charts.authoritiesLargest, { shown: largest.length, count: formatCell(count, 'int') }) : undefined,
  );
  barChart(
    doc, l, l.charts.modality,
    f.breakdowns.cumulative.modality.map((r) => ({ label: k.modality[r.key] ?? r.key, values: [r.hours] })),
    [{ name: l.charts.realised, colour: c.realised }], 'hours',
  );
  barChart(
    doc, l, l.charts.ageBand,
    f.breakdowns.cumulative.ageBand.map((r) => ({ label: k.ageBand[r.key] ?? r.key, values: [r.people] })),
    [{ name: l.tables.headline.rows.distinctBeneficiaries, colour: c.primary }], 'int',
  );
  barChart(
    doc, l, l.charts.sex,
    f.breakdowns.cumulative.sex.map((r) => ({ label: k.sex[r.key] ?? r.key, values: [r.people] })),
    [{ name: l.tables.headline.rows.distinctBeneficiaries, colour: c.women }], 'int',
  );
}

/**
 * "page X / Y" on every page still held, then hands them to the output: they can no longer be drawn
 * on, and their memory goes. The bottom margin is lifted so the footer adds no page.
 */
function numberAndRelease(doc: Doc, l: ReportLabels, total: number): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(REGULAR).fontSize(l.layout.fontSize.footer).fillColor('#555555')
      .text(fill(l.page, { n: i + 1, total }), doc.page.margins.left, doc.page.height - saved - 10, { width: pageWidth(doc), align: 'right', lineBreak: false });
    doc.page.margins.bottom = saved;
  }
  doc.flushPages();
}
