// Copies the built NHS.UK frontend from node_modules into the jar's static resources
// (META-INF/resources/nhsuk/, served by Quarkus at /nhsuk/...). Run by the Maven build after
// `npm ci`. Usage: node copy-assets.mjs <target dir>
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const dist = 'node_modules/nhsuk-frontend/dist/nhsuk'
const out = process.argv[2]
if (!out) {
  console.error('usage: node copy-assets.mjs <target dir>')
  process.exit(2)
}
mkdirSync(out, { recursive: true })

// The stylesheet points its icons at /assets/... (site root) and its web fonts at an NHS CDN.
// Pages must not depend on a CDN, and our assets live under /nhsuk/assets: rewrite the icon
// URLs and drop the @font-face rules (the font stack falls back to Arial, as NHS.UK intends).
const css = readFileSync(join(dist, 'nhsuk-frontend.min.css'), 'utf8')
const rewritten = css
  .replace(/@font-face\{[^}]*https:\/\/assets\.nhs\.uk[^}]*\}/g, '')
  .replaceAll('url(/assets/', 'url(/nhsuk/assets/')
if (/https?:\/\//.test(rewritten.replace(/http:\/\/www\.w3\.org\/2000\/svg/g, ''))) {
  console.error('nhsuk-frontend.min.css still references an external URL')
  process.exit(1)
}
writeFileSync(join(out, 'nhsuk-frontend.min.css'), rewritten)
cpSync(join(dist, 'nhsuk-frontend.min.js'), join(out, 'nhsuk-frontend.min.js'))
cpSync(join(dist, 'assets'), join(out, 'assets'), { recursive: true })
console.log(`NHS.UK frontend ${JSON.parse(readFileSync('node_modules/nhsuk-frontend/package.json', 'utf8')).version} copied to ${out}`)
