/* Draws the park map: every element with data-park-map="GEOJSON-URL" gets a Leaflet map of the
   park's boundary and a marker per tenant, whose popup links the company's page. The settings and
   labels come from <script id="…" type="application/json"> (data-park-map-config); base-map tiles
   are drawn only when the server names a tile server, so by default nothing loads from elsewhere.
   The map's section stays hidden until there is something to draw: the tenants table carries the
   same information without it. */
(function () {
  "use strict";

  var BRAND = "#17603a";

  function brandColour() {
    var value = getComputedStyle(document.documentElement).getPropertyValue("--brand").trim();
    return value || BRAND;
  }

  function popupContent(properties, config) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.name;
    box.appendChild(link);
    var lines = [properties.sector];
    if (properties.employees !== null && properties.employees !== undefined) {
      lines.push(config.employees + ": " +
                 Number(properties.employees).toLocaleString(document.documentElement.lang));
    }
    lines.forEach(function (text) {
      if (text) {
        var line = document.createElement("div");
        line.textContent = text;
        box.appendChild(line);
      }
    });
    return box;
  }

  function build(element, config, collection) {
    // A page restored from htmx's history holds the markup of the earlier map but not its state.
    element.replaceChildren();
    var map = L.map(element, {
      zoomControl: false,
      attributionControl: Boolean(config.tileUrl),
      scrollWheelZoom: false
    });
    element._openeipMap = map;
    L.control.zoom({zoomInTitle: config.zoomIn, zoomOutTitle: config.zoomOut}).addTo(map);
    if (config.tileUrl) {
      L.tileLayer(config.tileUrl, {attribution: config.attribution, maxZoom: 19}).addTo(map);
    }
    var colour = brandColour();
    var boundary = L.geoJSON(collection.features.filter(function (feature) {
      return feature.properties.role === "boundary";
    }), {style: {color: colour, weight: 2, fillColor: colour, fillOpacity: 0.08}}).addTo(map);
    var tenants = L.geoJSON(collection.features.filter(function (feature) {
      return feature.properties.role === "tenant";
    }), {
      pointToLayer: function (feature, latlng) {
        var name = feature.properties.name;
        return L.marker(latlng, {title: name, alt: name, keyboard: true});
      },
      onEachFeature: function (feature, layer) {
        layer.bindPopup(popupContent(feature.properties, config));
      }
    }).addTo(map);
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", config.closePopup);
        close.title = config.closePopup;
      }
    });
    // Fitted to the park's fence; a tenant placed far outside it by a data error must not
    // shrink the park to a dot.
    var bounds = boundary.getBounds().isValid() ? boundary.getBounds() : tenants.getBounds();
    map.fitBounds(bounds, {padding: [16, 16], maxZoom: 17});
  }

  function draw(root) {
    if (typeof L === "undefined") {
      return;
    }
    root.querySelectorAll("[data-park-map]").forEach(function (element) {
      var source = document.getElementById(element.dataset.parkMapConfig);
      var section = element.closest("section");
      if (!source || element._openeipMap) {
        return;
      }
      var config = JSON.parse(source.textContent);
      fetch(element.dataset.parkMap, {
        credentials: "same-origin",
        headers: {"Accept": "application/geo+json"}
      }).then(function (response) {
        if (!response.ok) {
          throw new Error(element.dataset.parkMap + " answered " + response.status);
        }
        return response.json();
      }).then(function (collection) {
        if (!collection.features.length || element._openeipMap) {
          return;
        }
        section.hidden = false;
        build(element, config, collection);
      }).catch(function (error) {
        console.warn("The park map is left out:", error.message);
      });
    });
  }

  if (typeof htmx !== "undefined") {
    htmx.onLoad(draw);
  } else {
    document.addEventListener("DOMContentLoaded", function () { draw(document); });
  }
})();
