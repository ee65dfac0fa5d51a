/* Draws every <canvas data-chart-config="ID"> from the JSON in <script id="ID">, on page load and
   whenever htmx swaps new content in. The server builds the whole Chart.js configuration, so this
   file holds no data and no labels (a Sankey's tooltip is put together here from them). */
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
      var config = JSON.parse(source.textContent);
      var extra = config.openeip;      // ours, not Chart.js's: height and tooltip parts
      delete config.openeip;
      if (extra && extra.heightRem) {
        // set here, not in the page: the site's Content-Security-Policy refuses inline styles
        canvas.parentElement.style.height = extra.heightRem + "rem";
      }
      new Chart(canvas, withTooltips(config, extra));
    });
  }

  // A Sankey's tooltip names the two ends, not their node ids, and gives the figure in the
  // reader's locale with its unit and the link's note (what flows, its status).
  function withTooltips(config, extra) {
    if (config.type !== "sankey" || !extra) {
      return config;
    }
    var dataset = config.data.datasets[0];
    var figure = new Intl.NumberFormat(config.options.locale, {maximumFractionDigits: 1});
    config.options.plugins.tooltip = {callbacks: {label: function (item) {
      var link = item.raw;
      var names = dataset.labels || {};
      var text = (names[link.from] || link.from) + " → " + (names[link.to] || link.to) + ": " +
                 figure.format(link.flow) + " " + extra.unit;
      var note = (extra.notes || [])[item.dataIndex];
      return note ? [text, note] : text;
    }}};
    return config;
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
