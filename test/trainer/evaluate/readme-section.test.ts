import t from 'tap'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { EVALUATION_MARKERS, replaceEvaluationSection, writeEvaluationSection } from '../../../trainer/evaluate/readme-section.js'

const { start, end } = EVALUATION_MARKERS

t.test('replaces only what is between the markers', async (t) => {
  const text = `# Title\n\nintro\n\n${start}\nold table\n${end}\n\n## Benchmarks\nkeep\n`
  t.equal(replaceEvaluationSection(text, '\nnew table\n'), `# Title\n\nintro\n\n${start}\nnew table\n${end}\n\n## Benchmarks\nkeep\n`)
})

t.test('without markers, the section goes before "## Benchmarks", or at the end', async (t) => {
  t.equal(replaceEvaluationSection('# T\n\ntext\n\n## Benchmarks\nb\n', 'X'), `# T\n\ntext\n\n${start}\nX\n${end}\n\n## Benchmarks\nb\n`)
  t.equal(replaceEvaluationSection('# T\n', 'X'), `# T\n\n${start}\nX\n${end}\n`)
  t.equal(replaceEvaluationSection('', 'X'), `${start}\nX\n${end}\n`)
})

t.test('broken markers are refused rather than guessed', async (t) => {
  t.throws(() => replaceEvaluationSection(`${start}\nno end\n`, 'X'), /unbalanced/)
  t.throws(() => replaceEvaluationSection(`${end}\n${start}\n`, 'X'), /unbalanced/)
  t.throws(() => replaceEvaluationSection(`${start}\n${end}\n${start}\n${end}\n`, 'X'), /more than once/)
})

t.test('writes the file in place, idempotently', async (t) => {
  const file = path.join(t.testdir({ 'README.md': '# T\n\n## Benchmarks\n' }), 'README.md')
  await writeEvaluationSection(file, 'table 1')
  await writeEvaluationSection(file, 'table 2')
  t.equal(await readFile(file, 'utf8'), `# T\n\n${start}\ntable 2\n${end}\n\n## Benchmarks\n`)
})
