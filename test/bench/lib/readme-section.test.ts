import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import t from 'tap'
import { replaceSection, sectionMarkers, writeReadmeSection } from '../../../bench/lib/readme-section.js'

const start = '<!-- bench:train:start -->'
const end = '<!-- bench:train:end -->'

t.test('replaces only the text between the markers', async (t) => {
  const before = `# Title\n\nintro\n\n${start}\nold table\n${end}\n\n## After\ntext\n`
  const after = replaceSection(before, 'train', '| new |\n')
  t.equal(after, `# Title\n\nintro\n\n${start}\n| new |\n${end}\n\n## After\ntext\n`)
  t.equal(replaceSection(after, 'train', '| new |'), after, 'idempotent')
})

t.test('appends a marked section when absent, leaving other sections alone', async (t) => {
  const text = `# Title\n${start}\nx\n${end}\n`
  const after = replaceSection(text, 'scale', 'scale table')
  t.equal(after, `${text}\n<!-- bench:scale:start -->\nscale table\n<!-- bench:scale:end -->\n`)
  t.equal(replaceSection('', 'scale', 't'), '<!-- bench:scale:start -->\nt\n<!-- bench:scale:end -->\n')
  t.equal(replaceSection('no newline', 'scale', 't'), 'no newline\n\n<!-- bench:scale:start -->\nt\n<!-- bench:scale:end -->\n')
})

t.test('refuses unbalanced, reversed or duplicated markers and bad names', async (t) => {
  t.throws(() => replaceSection(`${start}\nno end`, 'train', 'x'), /unbalanced/)
  t.throws(() => replaceSection(`${end}\n${start}`, 'train', 'x'), /unbalanced/)
  t.throws(() => replaceSection(`${start}${end}${start}${end}`, 'train', 'x'), /more than once/)
  t.throws(() => sectionMarkers('Train!'), RangeError)
})

t.test('writeReadmeSection edits the file in place and creates it when missing', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'readme-section-'))
  t.teardown(async () => { await import('node:fs/promises').then(async (fs) => await fs.rm(dir, { recursive: true, force: true })) })
  const readme = path.join(dir, 'README.md')
  await writeReadmeSection('train', 'first', readme)
  t.equal(await readFile(readme, 'utf8'), `${start}\nfirst\n${end}\n`)
  await writeFile(readme, `# Hand-written\n\n${start}\nfirst\n${end}\n\nmore prose\n`)
  await writeReadmeSection('train', 'second', readme)
  t.equal(await readFile(readme, 'utf8'), `# Hand-written\n\n${start}\nsecond\n${end}\n\nmore prose\n`)
})
