// Lint as the Fastify ecosystem does (neostandard, TypeScript-aware), plus the project's one
// architectural rule: imports go one way.
//
//   lib/       imports nothing above it (no trainer/, services/, bench/, test/)
//   trainer/   imports lib/ (never services/, bench/, test/)
//   services/  imports lib/ (never bench/, test/); the one allowed edge into trainer/ is
//              services/train-on-start.ts, which trains on first start
//   bench/     imports anything but test/
//   test/      imports anything
import neostandard from 'neostandard'
import globals from 'globals'

/**
 * <TypedArray>.from(source, mapFn) boxes every entry on the way (2 s and a 240 MB heap spike at
 * 10M entries): fill the typed array in a loop instead (lib/typed-arrays.ts fillBy)
 */
const typedArrayFromWithMap = {
  selector: "CallExpression[callee.property.name='from'][callee.object.name=/^(Float(32|64)|Int(8|16|32)|Uint(8|16|32)|Uint8Clamped)Array$/][arguments.length>1]",
  message: '<TypedArray>.from(source, mapFn) boxes every entry through an iterator (2 s and a 240 MB heap spike at 10M): use fillBy from lib/typed-arrays.ts'
}

const layer = (message, ...folders) => ({
  patterns: folders.map((folder) => ({ group: [`**/${folder}/**`, `${folder}/**`], message: `${message} (see eslint.config.js)` }))
})

/** no-restricted-imports does not see import(): the same rule for dynamic imports */
const dynamicImports = (...folders) => folders.map((folder) => ({
  selector: `ImportExpression[source.value=/(^|\\/)${folder}\\//]`,
  message: `imports go one way: no import() of ${folder}/ from here (see eslint.config.js)`
}))

export default [
  ...neostandard({ ts: true, ignores: ['dist/**', 'coverage/**', '.tap/**', 'node_modules/**', 'bench/out/**', 'artifacts/**'] }),
  {
    rules: {
      // `void promise` marks a promise deliberately not awaited (a poll, a fire-and-forget load): as a statement only
      'no-void': ['error', { allowAsStatement: true }],
      // loops here wait on flags that callbacks and other async functions change (a poll stops when
      // a swap is seen, a reader's position moves in its helpers): the rule sees only the loop body
      'no-unmodified-loop-condition': 'off'
    }
  },
  {
    files: ['services/public/**/*.js'],
    languageOptions: { globals: globals.browser }
  },
  {
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', layer('lib/ is the bottom layer: it imports nothing above it', 'trainer', 'services', 'bench', 'test')],
      'no-restricted-syntax': ['error', typedArrayFromWithMap, ...dynamicImports('trainer', 'services', 'bench', 'test')]
    }
  },
  {
    files: ['trainer/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', layer('the trainer imports lib/ only', 'services', 'bench', 'test')],
      'no-restricted-syntax': ['error', typedArrayFromWithMap, ...dynamicImports('services', 'bench', 'test')]
    }
  },
  {
    files: ['services/**/*.ts'],
    ignores: ['services/train-on-start.ts'],
    rules: {
      'no-restricted-imports': ['error', layer('the service imports lib/ only (training on first start is services/train-on-start.ts)', 'trainer', 'bench', 'test')],
      'no-restricted-syntax': ['error', typedArrayFromWithMap, ...dynamicImports('trainer', 'bench', 'test')]
    }
  },
  {
    files: ['services/train-on-start.ts'],
    rules: {
      'no-restricted-imports': ['error', layer('the service imports lib/ only', 'bench', 'test')],
      'no-restricted-syntax': ['error', typedArrayFromWithMap, ...dynamicImports('bench', 'test')]
    }
  },
  {
    files: ['bench/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', layer('nothing imports test/ outside the tests', 'test')],
      'no-restricted-syntax': ['error', typedArrayFromWithMap]
    }
  }
]
