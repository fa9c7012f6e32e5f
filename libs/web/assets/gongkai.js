// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // A form is sent once: later clicks while it is on its way are ignored (the server is idempotent too).
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) {
      return;
    }
    // A submission into another window (a preview) leaves this page where it is: nothing to guard.
    var submitter = event.submitter;
    if ((submitter && submitter.getAttribute('formtarget')) || form.getAttribute('target')) {
      return;
    }
    if (form.getAttribute('data-sending') === 'yes') {
      event.preventDefault();
      return;
    }
    form.setAttribute('data-sending', 'yes');
    window.setTimeout(function () {
      form.removeAttribute('data-sending');
    }, 8000);
  });
  // After a refused form, move the focus to the summary of problems so it is read out first.
  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.querySelector('[data-error-summary]');
    if (summary) {
      summary.focus();
    }
  });
})();
