// First script in <body>: lets the NHS.UK styles switch to their JavaScript-enhanced variants
// before the first paint (the inline line of NHS.UK's page template, kept external for CSP).
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' nhsuk-frontend-supported' : '')
