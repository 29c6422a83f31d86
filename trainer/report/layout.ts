// The report's building blocks: sections, figures, tables, key figures. Layout only; what goes
// in them is decided by the section modules.
import { renderChartSvg, type Chart } from './chart.js'
import { html, type HtmlValue, type SafeHtml } from './html.js'

export interface Section {
  id: string
  /** heading, and the entry in the table of contents */
  title: string
  body: SafeHtml
}

export function section (id: string, title: string, ...content: HtmlValue[]): Section {
  return { id, title, body: html`<section id="${id}"><h2>${title}</h2>${content}</section>` }
}

/** A chart as a figure: title and description above, the SVG below (one SVG per figure). */
export async function figure (chart: Chart, note?: HtmlValue): Promise<SafeHtml> {
  const svg = await renderChartSvg(chart)
  return html`<figure class="chart" id="${chart.id}"><figcaption><strong>${chart.title}</strong> ${chart.description}</figcaption>${svg}${note ? html`<p class="note">${note}</p>` : ''}</figure>`
}

/** Figures side by side on a wide screen, one under the other on a narrow one. */
export function grid (...figures: HtmlValue[]): SafeHtml {
  return html`<div class="grid">${figures}</div>`
}

/** A small chart beside a wide table (the table takes the remaining width); stacked when narrow. */
export function chartBesideTable (chart: HtmlValue, tableHtml: HtmlValue): SafeHtml {
  return html`<div class="beside">${chart}${tableHtml}</div>`
}

/** Like `grid`, three abreast on a wide screen (small charts). */
export function grid3 (...figures: HtmlValue[]): SafeHtml {
  return html`<div class="grid grid3">${figures}</div>`
}

export interface Column {
  title: string
  /** numbers align right so digits line up */
  numeric?: boolean
}

export function table (caption: string, columns: readonly Column[], rows: readonly HtmlValue[][], className = ''): SafeHtml {
  return html`<div class="table-scroll"><table class="${className}"><caption>${caption}</caption><thead><tr>${columns.map(c => html`<th scope="col"${c.numeric ? html` class="num"` : ''}>${c.title}</th>`)}</tr></thead><tbody>${rows.map(row => html`<tr>${row.map((cell, i) => columns[i]?.numeric ? html`<td class="num">${cell}</td>` : html`<td>${cell}</td>`)}</tr>`)}</tbody></table></div>`
}

/** Label → value pairs shown as a compact list (input file, options). */
export function definitions (pairs: ReadonlyArray<readonly [string, HtmlValue]>, className = ''): SafeHtml {
  return html`<dl class="${['pairs', className].filter(Boolean).join(' ')}">${pairs.map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}</dl>`
}

/** The headline numbers at the top of the report. */
export function keyFigures (figures: ReadonlyArray<readonly [string, HtmlValue, HtmlValue?]>): SafeHtml {
  return html`<ul class="key-figures">${figures.map(([label, value, detail]) => html`<li><span class="value">${value}</span><span class="label">${label}</span>${detail ? html`<span class="detail">${detail}</span>` : ''}</li>`)}</ul>`
}

/** Colour swatches naming each segment, shared by the charts that colour by segment. */
export function segmentLegend (labels: readonly string[], colours: readonly string[]): SafeHtml {
  return html`<ul class="legend" aria-label="Segment colours">${labels.map((label, i) => html`<li><span class="swatch" style="background:${colours[i]}"></span>${label}</li>`)}</ul>`
}
