// One string order for everything that must be the same on every machine: UTF-16 code-unit order
// (plain `<`), the order files are sorted in and ids are numbered by. localeCompare is not: its
// order depends on the ICU build.
export function compareCodeUnits (a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
