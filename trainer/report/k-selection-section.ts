// How many segments: the K-Means sweep's elbow curve (inertia by k) and silhouette by k, the
// chosen k marked on both, as the notebook plotted them before fixing k.
import type { ManifestDraft, SweepPoint } from '../../lib/artifacts/index.js'
import type { Chart } from './chart.js'
import { AUTO_K_RULE } from '../segments/choose-k.js'
import { formatInteger, formatNumber, formatPercent, formatSignificant } from './format.js'
import { html } from './html.js'
import { figure, grid, section, table, type Section } from './layout.js'
import { CHART_WIDTH, COLOURS, SHORT_NUMBER } from './theme.js'

type Segmentation = ManifestDraft['segmentation']

function sweepChart (id: string, title: string, description: string, sweep: readonly SweepPoint[], field: 'inertia' | 'silhouette', chosenK: number): Chart {
  const values = sweep
    .filter(p => p[field] !== null)
    .map(p => ({ k: p.k, value: p[field] as number, chosen: p.k === chosenK, label: p.k === chosenK ? `k = ${p.k}` : '' }))
  const ks = values.map(v => v.k)
  return {
    id,
    title,
    description,
    spec: {
      width: CHART_WIDTH - 70,
      height: 200,
      data: { values },
      encoding: {
        x: { field: 'k', type: 'quantitative', title: 'k (number of segments)', scale: { domain: [Math.min(...ks) - 0.5, Math.max(...ks) + 0.5], nice: false }, axis: { values: ks, format: 'd', grid: false } },
        y: { field: 'value', type: 'quantitative', title: field, scale: { zero: field === 'inertia' }, axis: { tickCount: 5, ...(field === 'inertia' ? { labelExpr: SHORT_NUMBER } : { format: '.2f' }) } }
      },
      layer: [
        { mark: { type: 'line', color: COLOURS.accent } },
        { mark: { type: 'point', filled: true, size: 40, opacity: 1, color: COLOURS.accent } },
        { transform: [{ filter: 'datum.chosen' }], mark: { type: 'point', filled: true, size: 160, opacity: 1, color: COLOURS.highlight } },
        {
          transform: [{ filter: 'datum.chosen' }],
          mark: { type: 'text', align: 'left', dx: 8, dy: -12, fontWeight: 'bold', color: COLOURS.highlight },
          encoding: { text: { field: 'label', type: 'nominal' } }
        }
      ]
    }
  }
}

function howKWasChosen (segmentation: Segmentation): string {
  if (segmentation.kSelection === 'auto') {
    return `k = ${segmentation.k} was chosen automatically from the sweep: among the k ≥ ${AUTO_K_RULE.minK} that cut inertia by at least ${formatPercent(AUTO_K_RULE.minInertiaDrop, 0)} from k − 1, the one with the best silhouette.`
  }
  return `k = ${segmentation.k} was set by the k option; the sweep is shown for comparison.`
}

export async function kSelectionSection (segmentation: Segmentation): Promise<Section> {
  const { sweep, k } = segmentation
  const inSweep = sweep.some(p => p.k === k)
  const intro = html`<p>K-Means on the scaled RFM features for each k of the sweep, keeping the best of several restarts. Inertia (within-cluster sum of squares) always falls as k grows; the elbow is where it stops falling fast. Silhouette (−1 to 1) measures how well separated the segments are. ${howKWasChosen(segmentation)}${inSweep ? '' : ` k = ${k} is outside the sweep.`}</p>`
  if (sweep.length === 0) {
    return section('k-selection', 'Choosing the number of segments', intro, html`<p class="note">No sweep was run for this version.</p>`)
  }
  const hasSilhouette = sweep.some(p => p.silhouette !== null)
  return section('k-selection', 'Choosing the number of segments',
    intro,
    grid(
      await figure(sweepChart('elbow', 'Elbow curve', 'Inertia by k, the chosen k marked.', sweep, 'inertia', k)),
      hasSilhouette
        ? await figure(sweepChart('silhouette', 'Silhouette by k', 'Mean silhouette by k (higher is better separated), the chosen k marked.', sweep, 'silhouette', k))
        : html`<p class="note">Silhouette could not be computed for this data.</p>`
    ),
    table('The sweep', [{ title: 'k', numeric: true }, { title: 'Inertia', numeric: true }, { title: 'Silhouette', numeric: true }],
      sweep.map(p => {
        const cells = [formatInteger(p.k), formatSignificant(p.inertia, 5), p.silhouette === null ? '–' : formatNumber(p.silhouette, 4)]
        return p.k === k ? cells.map(c => html`<strong>${c}</strong>`) : cells
      }), 'narrow')
  )
}
