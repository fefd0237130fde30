// Follows a submission while it is validated, without a full-page refresh (a meta refresh would
// move screen-reader users back to the top every time): every 2 seconds it fetches the page
// again, updates the live progress text, and loads the report once validation has finished.
// An accepted submission is then followed until the indicator service has counted it (or could
// not), for up to two minutes. Without JavaScript the page offers a link instead.
(function () {
  var progress = document.getElementById('progress')
  if (!progress) return
  if (progress.getAttribute('data-awaiting') === 'true') {
    var tries = 0
    var awaitOutcome = function () {
      fetch(window.location.href, { headers: { Accept: 'text/html' }, credentials: 'same-origin' })
        .then(function (r) { return r.text() })
        .then(function (html) {
          var next = new DOMParser().parseFromString(html, 'text/html').getElementById('progress')
          if (next && next.getAttribute('data-awaiting') !== 'true') {
            window.location.reload()
          } else if (++tries < 60) {
            window.setTimeout(awaitOutcome, 2000)
          }
        })
        .catch(function () { if (++tries < 60) window.setTimeout(awaitOutcome, 5000) })
    }
    window.setTimeout(awaitOutcome, 2000)
    return
  }
  if (progress.getAttribute('data-working') !== 'true') return
  function poll () {
    fetch(window.location.href, { headers: { Accept: 'text/html' }, credentials: 'same-origin' })
      .then(function (r) { return r.text() })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, 'text/html').getElementById('progress')
        if (!next || next.getAttribute('data-working') !== 'true') {
          window.location.reload()
          return
        }
        var text = next.querySelector('[data-progress-text]')
        var current = progress.querySelector('[data-progress-text]')
        if (text && current && text.textContent !== current.textContent) current.textContent = text.textContent
        window.setTimeout(poll, 2000)
      })
      .catch(function () { window.setTimeout(poll, 5000) })
  }
  window.setTimeout(poll, 2000)
})()
