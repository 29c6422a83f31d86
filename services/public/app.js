// The page's entry point: wires the header, the product recommendations, the segmentation and the
// customers tools (a known customer, audiences, batch classification, who moved) to their elements
// in index.html.
import { createModelHeader } from './header.js'
import { setupProductSearch } from './products.js'
import { setupSegments } from './segments.js'
import { setupCustomerRecommendations } from './customers.js'
import { setupAudiences } from './audiences.js'
import { setupBatch } from './batch.js'
import { setupTransitions } from './transitions.js'

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

const customer = setupCustomerRecommendations({
  form: byId('customer-form'),
  input: byId('customer-id'),
  status: byId('customer-status'),
  result: byId('customer-result')
}, header.versionSeen)
const onCustomer = (id) => { void customer.lookUp(id) }

setupAudiences({
  form: byId('audience-form'),
  segmentSelect: byId('audience-segment'),
  sortSelect: byId('audience-sort'),
  orderSelect: byId('audience-order'),
  filters: byId('audience-filters'),
  status: byId('audience-status'),
  result: byId('audience-result')
}, { onCustomer, onVersion: header.versionSeen })

setupBatch({
  form: byId('batch-form'),
  input: byId('batch-file'),
  status: byId('batch-status'),
  result: byId('batch-result')
}, header.versionSeen)

setupTransitions({
  button: byId('transitions-button'),
  status: byId('transitions-status'),
  result: byId('transitions-result'),
  movers: byId('movers-result'),
  moversStatus: byId('movers-status')
}, { onCustomer, onVersion: header.versionSeen })
