// Types of csv.js (plain JS served to the browser), for the tests that import it.
export function csvField (value: string | number | null | undefined): string
export function toCsv (header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string
