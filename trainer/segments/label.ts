// Business labels for clusters, and the canonical order that gives segment ids.
//
// Everything is decided on the centroids in the scaled space (transformed, standardised), where
// 0 is the average customer and 1 is one standard deviation; the transform and scaling are
// monotonic, so "lower recency" means the same thing there as in days.
// value score = −recency + frequency + monetary (scaled): recent, frequent, big-spending is better.
//
// k = 4, the four business segments:
//   High-Value  the best value score
//   At-Risk     of the other three, the highest (worst) recency
//   Regular     of the last two, the higher frequency
//   Occasional  the other one
//   ids in that business order: 0 High-Value, 1 Regular, 2 Occasional, 3 At-Risk.
// k = 1: "All Customers".
// Other k: composite names from two bands, each cut at half a standard deviation from average:
//   recency  Recent (≤ −0.5) · Cooling · Lapsed (≥ 0.5)
//   value    Big Spenders ((frequency + monetary) / 2 ≥ 0.5) · Regulars · Light Buyers (≤ −0.5)
//   e.g. "Lapsed Big Spenders"; ids by value score, best first. Clusters that share a name are
//   numbered in id order ("Recent Light Buyers 1", "… 2") so every label is unique.
// Ordering never depends on K-Means' internal cluster order (ties fall back to the coordinates),
// so the same centroids always give the same ids and labels.

export interface SegmentLabel {
  label: string
  description: string
  action: string
}

export interface LabelledCluster extends SegmentLabel {
  /** index of the cluster in the clustering's centroid order */
  cluster: number
}

type Centroid = ArrayLike<number>

export const FOUR_SEGMENTS = {
  highValue: {
    label: 'High-Value',
    description: 'Bought recently, buy often and spend the most: the best customers.',
    action: 'VIP treatment: loyalty programme, early access to new products, personal thanks; no discounts needed.'
  },
  regular: {
    label: 'Regular',
    description: 'Come back repeatedly with a moderate spend: the dependable core.',
    action: 'Cross-sell and bundles based on their purchases; loyalty rewards to move them up to High-Value.'
  },
  occasional: {
    label: 'Occasional',
    description: 'Few orders and a small spend so far, but still within reach.',
    action: 'Second-purchase incentives and personalised recommendations to build a habit.'
  },
  atRisk: {
    label: 'At-Risk',
    description: 'Have not bought for a long time: about to churn, or already lost.',
    action: 'Retention / win-back campaign: a personal reminder with a time-limited offer.'
  }
} as const satisfies Record<string, SegmentLabel>

const ALL_CUSTOMERS: SegmentLabel = {
  label: 'All Customers',
  description: 'A single segment holding every customer.',
  action: 'Use product recommendations; train with k ≥ 2 to target groups differently.'
}

const BAND_CUT = 0.5
type RecencyBand = 'Recent' | 'Cooling' | 'Lapsed'
type ValueBand = 'Big Spenders' | 'Regulars' | 'Light Buyers'

const RECENCY_TEXT: Record<RecencyBand, string> = {
  Recent: 'Bought recently',
  Cooling: 'Last bought a while ago',
  Lapsed: 'Have not bought for a long time'
}
const VALUE_TEXT: Record<ValueBand, string> = {
  'Big Spenders': 'order often and spend well above average',
  Regulars: 'order and spend about as much as the average customer',
  'Light Buyers': 'few orders and a small spend'
}
const COMPOSITE_ACTIONS: Record<`${RecencyBand} ${ValueBand}`, string> = {
  'Recent Big Spenders': 'VIP treatment: loyalty programme, early access, personal thanks.',
  'Recent Regulars': 'Cross-sell and bundles; loyalty rewards to move them up.',
  'Recent Light Buyers': 'Onboarding and second-purchase incentives with recommendations.',
  'Cooling Big Spenders': 'Personal outreach before they lapse: exclusive offers, account contact.',
  'Cooling Regulars': 'Reminder campaign with recommendations from their history.',
  'Cooling Light Buyers': 'Low-cost reactivation e-mails with popular products.',
  'Lapsed Big Spenders': 'Win-back campaign with a strong incentive: worth a personal call.',
  'Lapsed Regulars': 'Win-back campaign with a time-limited offer.',
  'Lapsed Light Buyers': 'Low-cost win-back attempt, then drop from paid campaigns.'
}

export function valueScore (c: Centroid): number {
  return -c[0] + c[1] + c[2]
}

/** Total order on clusters: best value score first, then by coordinates, then by index. */
function byValue (centroids: readonly Centroid[]) {
  return (a: number, b: number): number => {
    const ca = centroids[a]
    const cb = centroids[b]
    return valueScore(cb) - valueScore(ca) || ca[0] - cb[0] || cb[1] - ca[1] || cb[2] - ca[2] || a - b
  }
}

function labelFour (centroids: readonly Centroid[]): LabelledCluster[] {
  const order = [0, 1, 2, 3].sort(byValue(centroids))
  const highValue = order[0]
  // Worst recency among the rest; byValue order breaks ties deterministically.
  const rest = order.slice(1)
  const atRisk = rest.reduce((worst, c) => (centroids[c][0] > centroids[worst][0] ? c : worst))
  const [a, b] = rest.filter(c => c !== atRisk)
  const [regular, occasional] = centroids[b][1] > centroids[a][1] ? [b, a] : [a, b]
  return [
    { cluster: highValue, ...FOUR_SEGMENTS.highValue },
    { cluster: regular, ...FOUR_SEGMENTS.regular },
    { cluster: occasional, ...FOUR_SEGMENTS.occasional },
    { cluster: atRisk, ...FOUR_SEGMENTS.atRisk }
  ]
}

function compositeLabel (c: Centroid): SegmentLabel & { name: `${RecencyBand} ${ValueBand}` } {
  const recency: RecencyBand = c[0] <= -BAND_CUT ? 'Recent' : c[0] >= BAND_CUT ? 'Lapsed' : 'Cooling'
  const spend = (c[1] + c[2]) / 2
  const value: ValueBand = spend >= BAND_CUT ? 'Big Spenders' : spend <= -BAND_CUT ? 'Light Buyers' : 'Regulars'
  const name = `${recency} ${value}` as const
  return { name, label: name, description: `${RECENCY_TEXT[recency]}; ${VALUE_TEXT[value]}.`, action: COMPOSITE_ACTIONS[name] }
}

function labelComposite (centroids: readonly Centroid[]): LabelledCluster[] {
  const order = centroids.map((_, i) => i).sort(byValue(centroids))
  const labelled = order.map(cluster => ({ cluster, ...compositeLabel(centroids[cluster]) }))
  const count = new Map<string, number>()
  for (const { name } of labelled) count.set(name, (count.get(name) ?? 0) + 1)
  const seen = new Map<string, number>()
  return labelled.map(({ name, cluster, label, description, action }) => {
    if ((count.get(name) ?? 0) < 2) return { cluster, label, description, action }
    const n = (seen.get(name) ?? 0) + 1
    seen.set(name, n)
    return { cluster, label: `${label} ${n}`, description, action }
  })
}

/**
 * Labels for clusters with these scaled centroids (recency, frequency, monetary), in canonical
 * order: element i describes segment id i.
 */
export function labelClusters (centroids: readonly Centroid[]): LabelledCluster[] {
  if (centroids.length === 0) throw new RangeError('no clusters to label')
  if (centroids.length === 1) return [{ cluster: 0, ...ALL_CUSTOMERS }]
  if (centroids.length === 4) return labelFour(centroids)
  return labelComposite(centroids)
}
