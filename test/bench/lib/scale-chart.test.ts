import t from 'tap'
import { renderScaleChart } from '../../../bench/lib/scale-chart.js'

t.test('the scale chart is a standalone SVG with both panels and every series', async (t) => {
  const svg = await renderScaleChart([
    { name: 'Online Retail', rows: 541_909, wallSeconds: 4, cpuSeconds: 6, peakRssMiB: 250, catalogue: false },
    { name: 'Online Retail II', rows: 1_067_371, wallSeconds: 5.4, cpuSeconds: 9, peakRssMiB: 300, catalogue: false },
    { name: 'synthetic 10× Online Retail', rows: 5_419_090, wallSeconds: 22, cpuSeconds: 35, peakRssMiB: 480, catalogue: false },
    { name: 'synthetic 10× Online Retail, 10× catalogue', rows: 5_419_090, wallSeconds: 30, cpuSeconds: 40, peakRssMiB: 700, catalogue: true }
  ])
  t.match(svg, /^<svg[^>]* xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, 'opens on its own')
  for (const text of ['median wall time (s)', 'median CPU time (s)', 'peak RSS (MiB)', 'Online Retail, customers cloned', 'customers and catalogue cloned', 'Online Retail II']) {
    t.ok(svg.includes(text), text)
  }
})
