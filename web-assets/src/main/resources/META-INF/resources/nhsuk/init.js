// Starts the NHS.UK components (header menu, error summary focus, character counts...).
// A module, so browsers too old for the components skip it and keep the plain HTML.
import { initAll } from './nhsuk-frontend.min.js'

initAll()
