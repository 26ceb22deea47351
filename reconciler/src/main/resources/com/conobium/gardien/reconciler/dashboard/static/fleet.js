// Refreshes the fleet page's summary and rows every 5 seconds (the page reads fine without it).
"use strict";
(function () {
  var body = document.getElementById("fleet");
  if (!body || !window.fetch) {
    return;
  }
  var url = body.getAttribute("data-refresh");
  function refresh() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (response.status === 200) {
          return response.text();
        }
        if (response.status === 401) {
          window.location.reload();
        }
        return null;
      })
      .then(function (html) {
        if (html !== null) {
          body.innerHTML = html;
        }
      })
      .catch(function () { /* the next round tries again */ });
  }
  window.setInterval(refresh, 5000);
})();
