// The header: which model version serves, and the link to its training report. Reloaded when an
// answer comes from another version (ops pinned one, or the trainer published a new one).
import { ApiError, requestJson, segment } from './api.js'
import { h, replace } from './dom.js'
import { formatDate, formatInteger } from './format.js'

const RETRY_MS = 5000

function describe (active) {
  const parts = [h('span', { className: 'label' }, 'Model '), h('code', { className: 'version' }, active.active)]
  const details = []
  if (active.createdAt) details.push(`trained ${formatDate(active.createdAt)}`)
  if (active.metrics) {
    details.push(`${formatInteger(active.metrics.customers)} customers in ${active.metrics.k} segments`)
    details.push(`${formatInteger(active.metrics.products)} products`)
  }
  if (active.following === 'pinned') details.push('pinned by ops')
  if (details.length > 0) parts.push(h('span', { className: 'details' }, ` · ${details.join(' · ')}`))
  return parts
}

async function reportAvailable (version) {
  // HEAD: whether the report exists and is intact, without downloading it
  const response = await fetch(`/models/${segment(version)}/report`, { method: 'HEAD' })
  return response.status
}

/** elements: { status, reportLink, reportMissing } */
export function createModelHeader ({ status, reportLink, reportMissing }) {
  let shown = null
  let loading = null
  let retry = null

  async function showReportLink (version) {
    reportLink.hidden = true
    reportMissing.hidden = true
    let code
    try {
      code = await reportAvailable(version)
    } catch {
      code = 0
    }
    if (version !== shown) return
    if (code === 200) {
      reportLink.href = `/models/${segment(version)}/report`
      reportLink.hidden = false
    } else {
      reportMissing.textContent = code === 404 ? 'No training report for this version' : 'Training report unavailable'
      reportMissing.hidden = false
    }
  }

  async function load () {
    clearTimeout(retry)
    try {
      const active = await requestJson('/models/active')
      shown = active.active
      status.classList.remove('is-error')
      replace(status, ...describe(active))
      await showReportLink(active.active)
    } catch (error) {
      shown = null
      status.classList.add('is-error')
      const notReady = error instanceof ApiError && error.status === 503
      status.textContent = notReady
        ? 'No model is loaded yet: the service is training or waiting for the trainer. Retrying…'
        : `${error.message} Retrying…`
      retry = setTimeout(reload, RETRY_MS)
    }
  }

  function reload () {
    loading ??= load().finally(() => { loading = null })
    return loading
  }

  return {
    load: reload,
    /** an answer came from `version`: refresh the header when it is not the one shown */
    versionSeen (version) {
      if (version && version !== shown) void reload()
    }
  }
}
