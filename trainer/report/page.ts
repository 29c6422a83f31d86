// The HTML document around the sections: head with the inline stylesheet, a header with the
// table of contents, and a footer. Nothing is loaded from anywhere.
import { html, raw, type SafeHtml } from './html.js'
import type { Section } from './layout.js'
import { REPORT_CSS } from './styles.js'

export interface PageOptions {
  title: string
  subtitle: string
  sections: readonly Section[]
  footer: SafeHtml
}

export function renderPage ({ title, subtitle, sections, footer }: PageOptions): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${title}</title>
<style>${raw(REPORT_CSS)}</style>
</head>
<body>
<header class="report"><div>
<h1>${title}</h1>
<p class="subtitle">${subtitle}</p>
<nav aria-label="Sections"><ul>${sections.map(s => html`<li><a href="#${s.id}">${s.title}</a></li>`)}</ul></nav>
</div></header>
<main>
${sections.map(s => html`${s.body}\n`)}</main>
<footer>${footer}</footer>
</body>
</html>
`.value
}
