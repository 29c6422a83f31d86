// Segment colours: the same as the training report's (trainer/report/theme.ts), so "At-Risk is
// red" holds on the page and in every report. Copied rather than imported: the page has no build
// step, and the trainer's module is TypeScript.
const FIXED = {
  'High-Value': '#2e8b57',
  Regular: '#3b6fb6',
  Occasional: '#e0a100',
  'At-Risk': '#d1495b',
  'All Customers': '#4e79a7'
}
const OTHERS = ['#8e6bbf', '#17a2a6', '#a0522d', '#e377c2', '#7f7f7f', '#bcbd22', '#1f3a93', '#ff7f0e', '#6b8e23', '#b03060']

/** Colour of each segment, given their labels in segment-id order. */
export function segmentColours (labels) {
  let next = 0
  return labels.map((label) => FIXED[label] ?? OTHERS[next++ % OTHERS.length])
}
