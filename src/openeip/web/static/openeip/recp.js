/* RECP charts: lets a server-built Chart.js configuration give a colour per data point as a plain
   list. The Sankey plugin reads colorFrom/colorTo as one colour or a function, not a list, so a
   list is turned into a function of the point's index before the chart is first drawn. Loaded
   after Chart.js and before charts.js, which draws the charts. */
(function () {
  "use strict";

  if (typeof Chart === "undefined") {
    return;
  }

  function byIndex(colours) {
    return function (context) {
      return colours[context.dataIndex % colours.length];
    };
  }

  Chart.register({
    id: "openeipColourLists",
    beforeInit: function (chart) {
      chart.data.datasets.forEach(function (dataset) {
        ["colorFrom", "colorTo"].forEach(function (key) {
          if (Array.isArray(dataset[key])) {
            dataset[key] = byIndex(dataset[key]);
          }
        });
      });
    }
  });
})();
