// The page's entry point: wires the header, the product recommendations, the segmentation and a
// known customer's recommendations to their elements in index.html.
import { createModelHeader } from './header.js'
import { setupProductSearch } from './products.js'
import { setupSegments } from './segments.js'
import { setupCustomerRecommendations } from './customers.js'

const byId = (id) => document.getElementById(id)

const header = createModelHeader({
  status: byId('model-status'),
  reportLink: byId('report-link'),
  reportMissing: byId('report-missing')
})
void header.load()

setupProductSearch({
  input: byId('product-input'),
  listbox: byId('product-options'),
  status: byId('product-status'),
  results: byId('recommendations')
}, header.versionSeen)

setupSegments({
  form: byId('segment-form'),
  status: byId('segment-status'),
  result: byId('segment-result')
}, header.versionSeen)

setupCustomerRecommendations({
  form: byId('customer-form'),
  input: byId('customer-id'),
  status: byId('customer-status'),
  result: byId('customer-result')
}, header.versionSeen)
