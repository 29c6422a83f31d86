// The browser tests' one way to get Chromium: Debian's package driven by playwright-core, headless,
// without the sandbox (CI runs as root) or a GPU. Skipped visibly where it is not installed, and a
// failure under SHOPPER_CI=1 (see system-tools.ts).
import { chromium, type Browser } from 'playwright-core'
import { skipWithout } from './system-tools.js'

export const CHROMIUM = '/usr/bin/chromium'

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']

/** false when Chromium is installed, otherwise why the test is skipped. */
export function skipWithoutChromium (what = 'apt-get install -y chromium'): string | false {
  return skipWithout(CHROMIUM, what)
}

/** A browser closed when the test `t` ends. */
export async function launchChromium (t: { teardown: (fn: () => unknown) => void }): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  t.teardown(() => browser.close())
  return browser
}
