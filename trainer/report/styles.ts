// The report's stylesheet, inlined into the page (the file must open offline, from disk). A
// TypeScript string rather than a .css file so the compiled trainer needs no asset copying.
import { COLOURS, FONT } from './theme.js'

export const REPORT_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:${FONT};font-size:16px;line-height:1.5;color:${COLOURS.text};background:#f5f7fa}
main{max-width:1120px;margin:0 auto;padding:0 20px 48px}
header.report{background:#fff;border-bottom:1px solid ${COLOURS.grid};margin-bottom:8px}
header.report>div{max-width:1120px;margin:0 auto;padding:20px 20px 12px}
h1{font-size:1.6rem;line-height:1.25;margin:0 0 4px}
.subtitle{margin:0 0 12px;color:#52606d}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px;font-size:.9rem}
nav a{color:${COLOURS.accent};text-decoration:none}
nav a:hover{text-decoration:underline}
section{background:#fff;border:1px solid ${COLOURS.grid};border-radius:8px;padding:16px 20px 20px;margin:20px 0}
h2{font-size:1.3rem;margin:0 0 8px;padding-bottom:6px;border-bottom:2px solid ${COLOURS.grid}}
h3{font-size:1.05rem;margin:20px 0 6px}
p{margin:8px 0;max-width:75ch}
.note{font-size:.85rem;color:#52606d}
.muted{color:#7b8794}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,460px),1fr));gap:16px 28px;align-items:start;margin:12px 0}
.beside{display:flex;flex-wrap:wrap;gap:16px 28px;align-items:flex-start;margin:12px 0}
.beside>figure{flex:0 1 auto}
.beside>.table-scroll{flex:1 1 420px;margin-top:0}
.grid3{grid-template-columns:repeat(auto-fit,minmax(min(100%,300px),1fr))}
figure.chart{margin:12px 0;min-width:0}
figure.chart figcaption{font-size:.9rem;margin-bottom:6px;color:#3e4c59}
figure.chart figcaption strong{display:block;font-size:1rem;color:${COLOURS.text}}
figure.chart svg{display:block;max-width:100%;height:auto}
.table-scroll{overflow-x:auto;margin:12px 0;min-width:0}
table{border-collapse:collapse;font-size:.9rem;width:100%}
table.narrow{width:auto}
table.narrow th,table.narrow td{padding-right:28px}
table.first-nowrap td:first-child,.nowrap{white-space:nowrap}
caption{text-align:left;font-weight:600;padding:0 0 6px}
th,td{padding:5px 10px 5px 0;border-bottom:1px solid ${COLOURS.grid};vertical-align:top;text-align:left}
th{font-weight:600;border-bottom:2px solid #cbd2d9;vertical-align:bottom}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
th.num{text-align:right;white-space:normal}
td:last-child,th:last-child{padding-right:0}
.key-figures{list-style:none;padding:0;margin:8px 0 16px;display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px}
.key-figures li{border:1px solid ${COLOURS.grid};border-radius:6px;padding:10px 12px;background:#fafbfc}
.key-figures .value{display:block;font-size:1.35rem;font-weight:650;font-variant-numeric:tabular-nums}
.key-figures .label{display:block;font-size:.85rem;color:#52606d}
.key-figures .detail{display:block;font-size:.8rem;color:#7b8794}
dl.pairs{margin:8px 0;display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:2px 16px;font-size:.92rem}
dl.pairs>div{display:contents}
dt{font-weight:600;color:#3e4c59}
dd{margin:0;min-width:0;overflow-wrap:anywhere}
dl.options{grid-template-columns:repeat(auto-fill,minmax(12rem,max-content) minmax(6rem,1fr))}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em}
code.hash{word-break:break-all}
.legend{list-style:none;padding:0;margin:8px 0;display:flex;flex-wrap:wrap;gap:4px 18px;font-size:.9rem}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.4em;vertical-align:-.05em}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,240px),1fr));gap:14px;margin:16px 0}
.card{border:1px solid ${COLOURS.grid};border-top:5px solid ${COLOURS.muted};border-radius:6px;padding:10px 14px;font-size:.92rem;background:#fff}
.card h3{margin:2px 0 2px;font-size:1.05rem}
.card .size{color:#52606d;margin:0 0 6px}
ul.verdict{list-style:none;padding:0}
ul.verdict li{margin:4px 0;padding-left:1.6em;text-indent:-1.6em}
ul.verdict li.ok::before{content:"✓";color:#2e8b57;font-weight:700;display:inline-block;width:1.6em;text-indent:0}
ul.verdict li.fail::before{content:"✗";color:#d1495b;font-weight:700;display:inline-block;width:1.6em;text-indent:0}
ul.compact{margin:4px 0;padding-left:1.2em;font-size:.9rem}
.attribution{font-size:.85rem;color:#52606d;margin-top:16px}
footer{max-width:1120px;margin:0 auto;padding:0 20px 32px;font-size:.85rem;color:#52606d}
@media (max-width:640px){
  main{padding:0 10px 32px}
  header.report>div{padding:14px 12px 10px}
  h1{font-size:1.3rem}
  section{padding:12px;margin:12px 0;border-radius:6px}
  dl.pairs{grid-template-columns:1fr}
  dl.pairs dd{margin-bottom:6px}
  dl.options{grid-template-columns:max-content 1fr}
  dl.options dd{margin-bottom:0}
  table{font-size:.82rem}
  th,td{padding-right:7px}
}
@media print{
  body{background:#fff;font-size:11pt}
  main,header.report>div,footer{max-width:none;padding:0}
  header.report{border:0}
  nav{display:none}
  section{border:0;padding:0;margin:18px 0;break-before:auto}
  figure.chart,table,.card,.key-figures li{break-inside:avoid}
  h2,h3{break-after:avoid}
  a{color:inherit;text-decoration:none}
  .table-scroll{overflow:visible}
}
`
