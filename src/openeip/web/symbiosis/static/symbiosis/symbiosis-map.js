/* Draws the symbiosis map: every element with data-symbiosis-map="GEOJSON-URL" gets a Leaflet map
   of the park's boundary, a marker per firm named to the user (its name on hover, drawn over the
   lines) and a line per exchange coloured by its status (the server puts colours, names and links
   in the GeoJSON; the page shows the key). Settings and labels come
   from <script id="…" type="application/json"> (data-map-config); base-map tiles are drawn only
   when the server names a tile server. */
(function () {
  "use strict";

  function link(url, text) {
    var anchor = document.createElement("a");
    anchor.href = url;
    anchor.textContent = text;
    return anchor;
  }

  function popup(properties) {
    var box = document.createElement("div");
    if (properties.role === "firm") {
      box.appendChild(properties.url ? link(properties.url, properties.name)
                                     : document.createTextNode(properties.name));
      var sector = document.createElement("div");
      sector.textContent = properties.sector || "";
      box.appendChild(sector);
    } else {
      box.appendChild(link(properties.url, properties.class_name));
      var status = document.createElement("div");
      status.textContent = properties.status_label;
      box.appendChild(status);
    }
    return box;
  }

  function build(element, config, collection) {
    element.replaceChildren();
    var map = L.map(element, {zoomControl: false, attributionControl: Boolean(config.tileUrl),
                              scrollWheelZoom: false});
    element._openeipMap = map;
    L.control.zoom({zoomInTitle: config.zoomIn, zoomOutTitle: config.zoomOut}).addTo(map);
    if (config.tileUrl) {
      L.tileLayer(config.tileUrl, {attribution: config.attribution, maxZoom: 19}).addTo(map);
    }
    // the firms in a pane above the lines' (400), so a click or hover on a firm finds the firm
    map.createPane("firms").style.zIndex = 650;
    var layer = L.geoJSON(collection.features, {
      style: function (feature) {
        if (feature.properties.role === "boundary") {
          return {color: "#17603a", weight: 2, fillOpacity: 0.05};
        }
        return {color: feature.properties.colour || "#2f6db5",
                weight: feature.properties.selected ? 4 : 2};
      },
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, {radius: 7, color: feature.properties.colour,
                                       weight: 2, fillOpacity: 0.9, pane: "firms"});
      },
      onEachFeature: function (feature, item) {
        if (feature.properties.role !== "boundary") {
          item.bindPopup(popup(feature.properties));
        }
        if (feature.properties.role === "firm") {
          item.bindTooltip(feature.properties.name);   // the name on hover or focus
        }
      }
    }).addTo(map);
    if (layer.getBounds().isValid()) {
      map.fitBounds(layer.getBounds(), {padding: [16, 16], maxZoom: 16});
    }
  }

  function draw(root) {
    if (typeof L === "undefined") {
      return;
    }
    root.querySelectorAll("[data-symbiosis-map]").forEach(function (element) {
      var source = document.getElementById(element.dataset.mapConfig);
      if (!source || element._openeipMap) {
        return;
      }
      var config = JSON.parse(source.textContent);
      fetch(element.dataset.symbiosisMap, {credentials: "same-origin",
                                           headers: {"Accept": "application/geo+json"}})
        .then(function (response) { return response.json(); })
        .then(function (collection) {
          if (collection.features.length && !element._openeipMap) {
            build(element, config, collection);
          }
        })
        .catch(function (error) { console.warn("The symbiosis map is left out:", error.message); });
    });
  }

  if (typeof htmx !== "undefined") {
    htmx.onLoad(draw);
  } else {
    document.addEventListener("DOMContentLoaded", function () { draw(document); });
  }
})();
