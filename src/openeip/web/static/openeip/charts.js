/* Draws every <canvas data-chart-config="ID"> from the JSON in <script id="ID">, on page load and
   whenever htmx swaps new content in. The server builds the whole Chart.js configuration, so this
   file holds no data and no labels. */
(function () {
  "use strict";

  function draw(root) {
    if (typeof Chart === "undefined") {
      return;
    }
    root.querySelectorAll("canvas[data-chart-config]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chartConfig);
      if (!source || Chart.getChart(canvas)) {
        return;
      }
      new Chart(canvas, JSON.parse(source.textContent));
    });
  }

  // Charts about to be swapped out release their resources first.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (typeof Chart === "undefined") {
      return;
    }
    event.detail.target.querySelectorAll("canvas").forEach(function (canvas) {
      var chart = Chart.getChart(canvas);
      if (chart) {
        chart.destroy();
      }
    });
  });

  if (typeof htmx !== "undefined") {
    htmx.onLoad(draw);
  } else {
    document.addEventListener("DOMContentLoaded", function () { draw(document); });
  }
})();
