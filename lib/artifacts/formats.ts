// String formats the contract's schemas use, registered once for TypeBox's checkers.
import Format from 'typebox/format'

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/
// stricter than RFC 3339's: seconds and a zone are required, and the date must exist
Format.Set('date-time', (value) => ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)))
