// Top-selling products, by units and by distinct customers: the second ranking is the one the
// popularity fallback of the recommender uses.
import type { Catalogue } from '../../lib/artifacts/index.js'
import type { Chart } from './chart.js'
import { formatInteger } from './format.js'
import { html, type SafeHtml } from './html.js'
import { figure, grid, section, table, type Section } from './layout.js'
import { productName, topProductsByCustomers, topProductsByQuantity, type RankedProduct } from './products.js'
import { CHART_WIDTH, COLOURS, SHORT_NUMBER } from './theme.js'

const TOP = 10

function productChart (id: string, title: string, description: string, products: readonly RankedProduct[], field: 'quantity' | 'customers', axisTitle: string): Chart {
  // Descriptions are long upper-case names: each is written above its bar, across the whole
  // width, instead of squeezing the bars beside a wide axis. The rank keeps names unique.
  const values = products.map(p => ({ name: `${p.rank}. ${productName(p, 44)}`, value: p[field] }))
  const max = Math.max(1, ...values.map(v => v.value))
  const y = { field: 'name', type: 'nominal' as const, sort: null, title: null, axis: null }
  return {
    id,
    title,
    description,
    spec: {
      width: CHART_WIDTH,
      height: { step: 36 },
      data: { values },
      encoding: {
        x: { field: 'value', type: 'quantitative', title: axisTitle, scale: { domainMax: max * 1.2 }, axis: { labelExpr: SHORT_NUMBER, tickCount: 4 } }
      },
      layer: [
        { mark: { type: 'bar', color: COLOURS.accent, size: 13, yOffset: 8 }, encoding: { y } },
        { mark: { type: 'text', align: 'left', dx: 4, yOffset: 8 }, encoding: { y, text: { field: 'value', type: 'quantitative', format: ',.0f' } } },
        { mark: { type: 'text', align: 'left', baseline: 'middle', yOffset: -8, fontSize: 11.5 }, encoding: { y, x: { datum: 0 }, text: { field: 'name', type: 'nominal' } } }
      ]
    }
  }
}

function productTable (caption: string, products: readonly RankedProduct[]): SafeHtml {
  return table(caption, [{ title: '#', numeric: true }, { title: 'Description' }, { title: 'Code' }, { title: 'Units', numeric: true }, { title: 'Customers', numeric: true }],
    products.map(p => [formatInteger(p.rank), p.description || html`<em>none</em>`, p.code, formatInteger(p.quantity), formatInteger(p.customers)]))
}

export async function productsSection (catalogue: Catalogue): Promise<Section> {
  const byQuantity = topProductsByQuantity(catalogue, TOP)
  const byCustomers = topProductsByCustomers(catalogue, TOP)
  return section('products', 'Top-selling products',
    html`<p>Non-product codes (postage, fees, discounts) are left out. A product sold in bulk to a few wholesalers ranks high by units but not by customers; the recommender's popularity fallback uses the ranking by customers.</p>`,
    grid(
      await figure(productChart('products-quantity', 'By units sold', `The ${TOP} products with the most units sold.`, byQuantity, 'quantity', 'units sold')),
      await figure(productChart('products-customers', 'By customers', `The ${TOP} products bought by the most distinct customers.`, byCustomers, 'customers', 'customers'))
    ),
    grid(productTable('Top products by units sold', byQuantity), productTable('Top products by customers', byCustomers))
  )
}
