// Types of format.js (plain JS served to the browser), for the tests that import it.
export function formatInteger (value: number): string
export function formatMoney (value: number): string
export function formatCompactMoney (value: number): string
export function formatCompactNumber (value: number): string
export function formatScore (value: number): string
export function formatShare (share: number): string
export function formatMean (value: number): string
export function formatDate (iso: string): string
export function plural (count: number, one: string, many?: string): string
export function formatExpected (value: number): string
