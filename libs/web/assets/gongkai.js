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
  // A background job's progress (ledger import): followed here, reloaded when it is finished. Without
  // this script the page offers a link to refresh.
  document.addEventListener('DOMContentLoaded', function () {
    var box = document.querySelector('[data-ledger-progress]');
    if (!box || !window.fetch || !box.querySelector('a[href]')) {
      return;
    }
    var bar = box.querySelector('progress');
    var live = box.querySelector('[data-progress-live]');
    var lastAnnounced = -1;
    function set(selector, value) {
      var el = box.querySelector(selector);
      if (el) {
        el.textContent = value;
      }
    }
    function poll() {
      fetch(box.getAttribute('data-ledger-progress'), {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      })
        .then(function (r) {
          return r.ok ? r.json() : null;
        })
        .then(function (p) {
          if (!p) {
            return;
          }
          if (p.finished) {
            window.location.reload();
            return;
          }
          set('[data-progress-state]', p.stateLabel);
          set('[data-progress-done]', String(p.rowsDone));
          set('[data-progress-total]', String(p.rowsTotal));
          if (bar && p.rowsTotal > 0) {
            bar.max = p.rowsTotal;
            bar.value = p.rowsDone;
          }
          // Told to screen readers every quarter, not on every step.
          var quarter = p.rowsTotal > 0 ? Math.floor((p.rowsDone / p.rowsTotal) * 4) : 0;
          if (live && quarter !== lastAnnounced) {
            lastAnnounced = quarter;
            live.textContent = p.stateLabel + '：已处理 ' + p.rowsDone + ' / ' + p.rowsTotal + ' 行';
          }
          window.setTimeout(poll, 700);
        })
        .catch(function () {
          window.setTimeout(poll, 3000);
        });
    }
    poll();
  });
  // A form with a preview beside it: the preview follows the text as it is typed (the preview button
  // does the same without this script).
  document.addEventListener('DOMContentLoaded', function () {
    var form = document.querySelector('form[data-live-preview]');
    var button = form && form.querySelector('button[formtarget]');
    if (!form || !button || typeof form.requestSubmit !== 'function') {
      return;
    }
    var timer = 0;
    var leaving = false;
    form.addEventListener('input', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        if (!leaving) {
          form.requestSubmit(button);
        }
      }, 600);
    });
    // Saving leaves the page: a preview still waiting must not cut that navigation short.
    form.addEventListener('submit', function (event) {
      if (event.submitter !== button) {
        leaving = true;
        window.clearTimeout(timer);
      }
    });
  });
})();
