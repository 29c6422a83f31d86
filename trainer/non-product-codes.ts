// Stock codes that are not products a customer chooses: postage, fees, manual adjustments,
// discounts, samples. Their revenue counts (RFM monetary), but they are never recommended and
// never used as co-purchase evidence. Override with the trainer's --non-product-codes option.
//
// Found in the UCI Online Retail data: POST (postage), DOT (dotcom postage), C2 (carriage),
// M / m (manual), D (discount), S (samples), B (adjust bad debt), BANK CHARGES, AMAZONFEE,
// CRUK (CRUK commission), PADS (pads to match all cushions, a £0.001 filler line),
// gift_0001_* (gift vouchers). DCGS* codes are kept: they are real products sold on the website.
export const DEFAULT_NON_PRODUCT_CODES: readonly string[] = [
  'POST', 'DOT', 'C2', 'M', 'D', 'S', 'B', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'PADS'
]

/** Prefixes of code families that are not products (matched on the normalised, upper-case code). */
export const DEFAULT_NON_PRODUCT_PREFIXES: readonly string[] = ['GIFT_0001_']

export interface NonProductRule {
  codes: readonly string[]
  prefixes: readonly string[]
}

export const DEFAULT_NON_PRODUCT_RULE: NonProductRule = {
  codes: DEFAULT_NON_PRODUCT_CODES,
  prefixes: DEFAULT_NON_PRODUCT_PREFIXES
}

/** The rule a run uses: `codes` replace the default list and its prefixes; none given, the defaults. */
export function nonProductRuleFor (codes: readonly string[] | undefined): NonProductRule {
  return codes === undefined ? DEFAULT_NON_PRODUCT_RULE : { codes, prefixes: [] }
}

/** `code` must already be normalised (trimmed, upper-case), as TransactionTable stores it. */
export function isNonProductCode (code: string, rule: NonProductRule = DEFAULT_NON_PRODUCT_RULE): boolean {
  if (rule.codes.includes(code)) return true
  for (const prefix of rule.prefixes) if (code.startsWith(prefix)) return true
  return false
}
