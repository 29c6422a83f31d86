// Types of rfm-input.js (plain JS served to the browser), for the tests that import it.
export type RfmField = 'recency' | 'frequency' | 'monetary'
export interface Rfm { recency: number, frequency: number, monetary: number }
export interface RfmFieldRule { name: RfmField, label: string, min: number, whole: boolean, missing: string, example: string }
export const RFM_FIELDS: readonly RfmFieldRule[]
export function parseAmount (text: string | null | undefined): number | undefined
export type RfmValidation =
  | { ok: true, value: Rfm }
  | { ok: false, errors: Partial<Record<RfmField, string>> }
export function validateRfm (texts: Partial<Record<RfmField, string>>): RfmValidation
