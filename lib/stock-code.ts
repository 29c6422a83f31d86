// One rule for what makes two stock codes the same product, shared by the trainer (building the
// catalogue) and the service (looking a code up): trimmed, upper-case.
export function normaliseStockCode (code: string): string {
  return code.trim().toUpperCase()
}
