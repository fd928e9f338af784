/* conflictmap: the page's one view of its events (see conflictmap/maps/view.py).
 *
 * One marker cluster holds every category; its icons are donuts of the categories they
 * hold. Every control reads and writes one state (the categories switched on in the
 * layer control and a date window) and `apply` redraws from it: markers, links, heat
 * map, legend counts, the histogram and the page's URL (#from=...&to=...).
 *
 * Article text never becomes HTML: it is set with textContent (conflictmapPopup).
 */
function conflictmapView(map, config) {
    "use strict";
    var DAY = 86400000;
    // The events drawn, a column each (row i: LAT[i], LON[i], its record REC[i], its day
    // DAYS[i] or null, its category CAT[i] and geo_precision PREC[i]).
    var R = config.rows, n = R.lat.length, cats = config.categories;
    var LAT = R.lat, LON = R.lon, REC = R.record, DAYS = R.day, CAT = R.category,
        PREC = R.precision;
    function row(i) { return [LAT[i], LON[i], REC[i], DAYS[i], CAT[i], PREC[i]]; }
    // The event table, a column each: text as a list of its distinct values and a code per
    // event; the notes in a JSON element of their own, read when first needed.
    var table = config.table, columns = config.columns, notes = null, objects = [];
    function cell(k, name) {
        if (name === "notes") {
            if (notes === null) { notes = conflictmapData(config.notes); }
            return notes[k];
        }
        var column = table[name];
        return column.dict ? column.dict[column.codes[k]] : column.values[k];
    }
    // Each event's record (an object named by the table's columns), made when first needed.
    function record(k) {
        if (!objects[k]) {
            var r = {};
            for (var j = 0; j < columns.length; j++) { r[columns[j]] = cell(k, columns[j]); }
            objects[k] = r;
        }
        return objects[k];
    }
    var low = config.low, high = config.high, dated = low !== null;
    var ids = table.event_id;
    // count: the events drawn (rows); events: every event of the table (records)
    var view = {map: map, count: n, events: (ids.codes || ids.values).length, row: row,
                record: record, shown: [], markers: [], from: low, to: high, config: config};
    view.rows = function () {  // every row, as row(i) gives it
        var out = [];
        for (var i = 0; i < n; i++) { out.push(row(i)); }
        return out;
    };
    var catIndex = {};
    cats.forEach(function (c, i) { catIndex[c.key] = i; });

    function isoDay(n) { return new Date(n * DAY).toISOString().slice(0, 10); }
    function dayOf(text) {
        var t = Date.parse(String(text || "") + "T00:00:00Z");
        return isNaN(t) ? null : Math.round(t / DAY);
    }

    // -- markers ---------------------------------------------------------------------
    // A place known only roughly (geo_precision 2 or 3) is a hollow, dashed marker with
    // a ring of its uncertainty, drawn while the marker itself is on the map.
    // An event's marker: its record is made when first asked for (a popup, a search).
    var Marker = L.CircleMarker.extend({});
    Object.defineProperty(Marker.prototype, "cmRecord", {
        get: function () { return record(REC[this.cmIndex]); }});
    var RoughMarker = Marker.extend({
        onAdd: function (m) {
            Marker.prototype.onAdd.call(this, m);
            if (!this.cmRing) {  // made when first drawn: most markers never stand alone
                this.cmRing = L.circle(this.getLatLng(), {
                    radius: this.options.cmRingKm * 1000, color: this.options.color,
                    weight: 1, opacity: 0.6, dashArray: "4 4", fill: true,
                    fillOpacity: 0.04, interactive: false});
            }
            this.cmRing.addTo(m);
        },
        onRemove: function (m) {
            if (this.cmRing) { m.removeLayer(this.cmRing); }
            Marker.prototype.onRemove.call(this, m);
        }
    });
    function marker(i) {
        if (view.markers[i]) { return view.markers[i]; }
        var color = cats[CAT[i]].color, rough = config.rings[PREC[i]];
        var radius = conflictmapSize(cell(REC[i], "fatalities"));
        var made = rough
            ? new RoughMarker([LAT[i], LON[i]], {
                radius: radius, color: color, weight: 2, dashArray: "3 2",
                fillColor: "#ffffff", fillOpacity: 0.55, cmRingKm: rough})
            : new Marker([LAT[i], LON[i]], {
                radius: radius, color: "#ffffff", weight: 1, fillColor: color,
                fillOpacity: 0.85});
        made.cmIndex = i;
        made.cmCategory = cats[CAT[i]].key;
        view.markers[i] = made;
        return made;
    }
    // A popup and a tooltip are bound when first wanted, not to each of 100,000 markers.
    function bound(m) {
        if (!m.getPopup()) {
            m.bindPopup(function (layer) { return conflictmapEventPopup(layer.cmRecord); },
                        {maxWidth: 380});
            m.bindTooltip(function (layer) {
                var span = document.createElement("span");
                span.textContent = conflictmapShort(layer.cmRecord);
                return span;
            });
        }
        return m;
    }
    view.popup = function (m) { bound(m).openPopup(); return m.getPopup(); };

    // -- the cluster: a donut of the categories it holds --------------------------------
    function donut(cluster) {
        var counts = cats.map(function () { return 0; }), n = 0;
        cluster.getAllChildMarkers().forEach(function (m) {
            counts[CAT[m.cmIndex]] += 1;
            n += 1;
        });
        var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
        var r = size / 2 - 3, length = 2 * Math.PI * r, at = 0, arcs = "";
        counts.forEach(function (count, k) {
            if (!count) { return; }
            var part = length * count / n;
            arcs += '<circle r="' + r + '" cx="' + size / 2 + '" cy="' + size / 2
                + '" fill="none" stroke="' + cats[k].color + '" stroke-width="5"'
                + ' stroke-dasharray="' + part + " " + (length - part) + '"'
                + ' stroke-dashoffset="' + (-at) + '" transform="rotate(-90 ' + size / 2
                + " " + size / 2 + ')"/>';
            at += part;
        });
        var div = document.createElement("div");
        div.className = "cm-donut";
        div.style.width = div.style.height = size + "px";
        div.innerHTML = '<svg width="' + size + '" height="' + size + '">'
            + '<circle r="' + (r + 2.5) + '" cx="' + size / 2 + '" cy="' + size / 2
            + '" fill="#ffffff" fill-opacity="0.92"/>' + arcs + "</svg>";
        var label = document.createElement("span");
        label.textContent = n;
        div.appendChild(label);
        return L.divIcon({html: div, className: "conflictmap-cluster",
                          iconSize: [size, size]});
    }
    var cluster = L.markerClusterGroup({
        chunkedLoading: false, maxClusterRadius: 60, disableClusteringAtZoom: 10,
        showCoverageOnHover: false, iconCreateFunction: donut});
    cluster.onAdd = function (m) {
        if (!isFinite(m.getMaxZoom())) { m.setMaxZoom(config.maxZoom); }
        L.MarkerClusterGroup.prototype.onAdd.call(this, m);
    };
    view.cluster = cluster;
    cluster.on("click", function (e) {
        if (e.layer && e.layer.cmRecord && !e.layer.getPopup()) { view.popup(e.layer); }
    });
    cluster.on("mouseover", function (e) {
        if (e.layer && e.layer.cmRecord && !e.layer.getTooltip()) {
            bound(e.layer).openTooltip();
        }
    });

    // -- state ---------------------------------------------------------------------------
    function categoriesOn() {
        var on = cats.map(function () { return false; });
        config.toggles.forEach(function (t) {
            var layer = window[t.layer];
            if (layer && map.hasLayer(layer)) {
                t.categories.forEach(function (c) { on[catIndex[c]] = true; });
            }
        });
        return on;
    }
    function whole() { return !dated || (view.from <= low && view.to >= high); }
    function visible(i, on) {
        if (!on[CAT[i]]) { return false; }
        return whole() || (DAYS[i] !== null && DAYS[i] >= view.from && DAYS[i] <= view.to);
    }

    view.apply = function () {
        var on = categoriesOn(), shown = [], counts = {};
        for (var i = 0; i < n; i++) {
            if (visible(i, on)) {
                shown.push(i);
                counts[cats[CAT[i]].key] = (counts[cats[CAT[i]].key] || 0) + 1;
            }
        }
        view.shown = shown;
        view.counts = counts;
        cluster.clearLayers();
        cluster.addLayers(shown.map(marker));
        heat();
        if (config.links && window[config.links] && window[config.links].cmShow) {
            // A link follows the events at its ends that this map draws: it stays while
            // one of them is shown (a link between places, or to events of a layer the
            // map leaves out, always stays).
            var ids = {};
            shown.forEach(function (k) { ids[cell(REC[k], "event_id")] = true; });
            window[config.links].cmShow(function (ends) {
                var drawn = ends.filter(function (id) { return id && drawnIds[id]; });
                return !drawn.length || drawn.some(function (id) { return ids[id]; });
            });
        }
        legendCounts(counts);
        timeShow();
        writeHash();
        map.fire("conflictmap:apply", {shown: shown.length});
        return shown.length;
    };
    var drawnIds = {};  // the event ids of every row, shown or not
    REC.forEach(function (k) { drawnIds[cell(k, "event_id")] = true; });
    // The heat map follows the events shown, weighted by fatalities; while it is off, it
    // is brought up to date when it is next switched on.
    var heatShown = null;
    function heat() {
        var layer = config.heat && window[config.heat];
        if (!layer || !map.hasLayer(layer) || heatShown === view.shown) { return; }
        heatShown = view.shown;
        layer.setLatLngs(view.shown.map(function (k) {
            return [LAT[k], LON[k], 1 + (cell(REC[k], "fatalities") || 0)];
        }));
    }
    map.on("overlayadd", function (e) {
        if (config.heat && e.layer === window[config.heat]) { heat(); }
    });
    var pending = null;
    view.applySoon = function () {  // while a slider moves: at most every 150 ms
        if (pending === null) {
            pending = setTimeout(function () { pending = null; view.apply(); }, 150);
        }
    };
    map.on("overlayadd overlayremove", function (e) {
        if (e.layer && e.layer.cmCategories) { view.apply(); }
    });

    // -- the URL: #from=YYYY-MM-DD&to=YYYY-MM-DD ------------------------------------------
    function readHash() {
        if (!dated) { return; }
        var found = {};
        String(window.location.hash || "").replace(/^#/, "").split("&").forEach(
            function (part) {
                var kv = part.split("=");
                if (kv.length === 2) { found[kv[0]] = dayOf(decodeURIComponent(kv[1])); }
            });
        var from = found.from !== undefined && found.from !== null ? found.from : low;
        var to = found.to !== undefined && found.to !== null ? found.to : high;
        view.from = Math.max(low, Math.min(from, high));
        view.to = Math.min(high, Math.max(to, view.from));
    }
    function writeHash() {
        if (!dated) { return; }
        var hash = whole() ? "" : "#from=" + isoDay(view.from) + "&to=" + isoDay(view.to);
        if (hash === (window.location.hash || "")) { return; }
        var url = window.location.href.split("#")[0] + hash;
        try { window.history.replaceState(null, "", url); } catch (err) {
            window.location.replace(hash || "#");
        }
    }
    window.addEventListener("hashchange", function () {
        readHash();
        setSliders();
        view.apply();
    });

    // -- time: histogram, two handles that cannot cross, play ----------------------------
    var time = {};
    function timeControl() {
        var box = L.DomUtil.create("div", "conflictmap-filter cm-time");
        var head = L.DomUtil.create("div", "cm-time-head", box);
        time.play = L.DomUtil.create("button", "cm-play", head);
        time.play.type = "button";
        time.play.title = "Play: step the window through time";
        time.play.textContent = "▶";
        time.label = L.DomUtil.create("span", "cm-time-label", head);
        time.hist = L.DomUtil.create("canvas", "cm-hist", box);
        time.hist.width = 260;
        time.hist.height = 40;
        var range = L.DomUtil.create("div", "cm-range", box);
        time.from = L.DomUtil.create("input", "conflictmap-from", range);
        time.to = L.DomUtil.create("input", "conflictmap-to", range);
        [time.from, time.to].forEach(function (input) {
            input.type = "range"; input.min = low; input.max = high; input.step = 1;
        });
        time.from.setAttribute("aria-label", "from date");
        time.to.setAttribute("aria-label", "to date");
        time.from.addEventListener("input", function () {
            if (+time.from.value > +time.to.value) { time.from.value = time.to.value; }
            view.from = +time.from.value;
            view.applySoon();
        });
        time.to.addEventListener("input", function () {
            if (+time.to.value < +time.from.value) { time.to.value = time.from.value; }
            view.to = +time.to.value;
            view.applySoon();
        });
        time.play.addEventListener("click", togglePlay);
        bins();
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
    }
    function setSliders() {
        if (!time.from) { return; }
        time.from.value = view.from;
        time.to.value = view.to;
    }
    function bins() {
        var span = high - low + 1;
        time.size = span <= 120 ? 1 : span <= 7 * 120 ? 7 : Math.ceil(span / 120);
        time.counts = [];
        for (var k = 0; k * time.size < span; k++) { time.counts.push(0); }
        DAYS.forEach(function (day) {
            if (day !== null) { time.counts[Math.floor((day - low) / time.size)] += 1; }
        });
    }
    function timeShow() {
        if (!time.hist) { return; }
        var shown = view.shown.length;
        time.label.textContent = isoDay(view.from) + " – " + isoDay(view.to) + " · "
            + shown + (shown === 1 ? " event" : " events");
        var ctx = time.hist.getContext("2d"), w = time.hist.width, h = time.hist.height;
        var top = Math.max.apply(null, time.counts.concat([1]));
        var bar = w / time.counts.length;
        ctx.clearRect(0, 0, w, h);
        time.counts.forEach(function (count, k) {
            var start = low + k * time.size, end = start + time.size - 1;
            var inside = end >= view.from && start <= view.to;
            ctx.fillStyle = inside ? "#444444" : "#c8c8c8";
            var bh = count ? Math.max(2, (h - 2) * count / top) : 0;
            ctx.fillRect(k * bar + 0.5, h - bh, Math.max(1, bar - 1), bh);
        });
    }
    function togglePlay() {
        if (time.timer) {
            clearInterval(time.timer);
            time.timer = null;
            time.play.textContent = "▶";
            return;
        }
        var width = whole() ? Math.max(0, Math.round((high - low) / 10)) : view.to - view.from;
        if (view.to >= high || whole()) { view.from = low; view.to = low + width; }
        time.play.textContent = "⏸";
        var by = Math.max(1, time.size), started = false;
        function step() {  // show the window, then move it on by a bar of the histogram
            if (started) {
                if (view.to >= high) { togglePlay(); return; }
                view.to = Math.min(high, view.to + by);
                view.from = Math.max(low, view.to - width);
            }
            started = true;
            setSliders();
            view.apply();
        }
        step();
        time.timer = setInterval(step, 500);
    }
    view.togglePlay = togglePlay;

    // -- legend: what the marks mean, with counts that follow the state ------------------
    var legendBox = null;
    function legend() {
        var box = L.DomUtil.create("div", "conflictmap-legend");
        var details = L.DomUtil.create("details", "", box);
        details.open = true;
        var summary = L.DomUtil.create("summary", "", details);
        summary.textContent = "Legend";
        function row(swatch, text, cls) {
            var line = L.DomUtil.create("div", cls || "", details);
            var mark = L.DomUtil.create("i", swatch.cls || "", line);
            Object.keys(swatch.style || {}).forEach(function (k) { mark.style[k] = swatch.style[k]; });
            var label = L.DomUtil.create("span", "", line);
            label.textContent = text;
            return label;
        }
        var head = L.DomUtil.create("b", "", details);
        head.textContent = "Events";
        legendBox = {labels: {}};
        cats.forEach(function (c) {
            if (!config.present[c.key]) { return; }
            legendBox.labels[c.key] = row({style: {background: c.color}}, c.label,
                                          "cm-cat cm-cat-" + c.key);
        });
        row({cls: "rough"}, "hollow, dashed: place known only roughly (ring: how far off)");
        row({cls: "size"}, "size: fatalities");
        if (config.places) { row({cls: "place"}, "place mentioned"); }
        if (config.links) {
            row({cls: "line", style: {background: config.linkColors.origin}},
                "launch origin ► target");
            row({cls: "line dashed", style: {borderColor: config.linkColors.cross_border}},
                "cross-border link ►");
        }
        if (config.unlocated) {
            var note = L.DomUtil.create("div", "cm-unlocated", details);
            note.textContent = config.unlocated + (config.unlocated === 1 ? " event" : " events")
                + " without usable coordinates not shown";
        }
        if (!n && !config.links) {
            var none = L.DomUtil.create("div", "", details);
            none.innerHTML = "<b>No events to show.</b>";
        }
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
    }
    function legendCounts(counts) {
        if (!legendBox) { return; }
        cats.forEach(function (c) {
            var label = legendBox.labels[c.key];
            if (label) { label.textContent = c.label + ": " + (counts[c.key] || 0); }
        });
    }

    // -- find, full screen, take away ----------------------------------------------------
    function tools() {
        var box = L.DomUtil.create("div", "conflictmap-tools");
        var search = L.DomUtil.create("input", "cm-search", box);
        search.type = "search";
        search.placeholder = "Find a place or event";
        search.setAttribute("aria-label", "find a place or event");
        var list = L.DomUtil.create("datalist", "", box);
        list.id = "cm-names-" + L.Util.stamp(box);
        search.setAttribute("list", list.id);
        var names = {};
        var places = table.location;
        (places.dict || places.values).forEach(function (p) { if (p) { names[p] = true; } });
        (config.placeRows || []).forEach(function (p) { if (p[2]) { names[p[2]] = true; } });
        Object.keys(names).sort().slice(0, 5000).forEach(function (n) {
            var option = document.createElement("option");
            option.value = n;
            list.appendChild(option);
        });
        search.addEventListener("keydown", function (e) {
            if (e.key === "Enter") { view.find(search.value); }
        });
        search.addEventListener("change", function () { view.find(search.value); });
        var buttons = L.DomUtil.create("div", "cm-buttons", box);
        function button(text, title, action) {
            var b = L.DomUtil.create("button", "", buttons);
            b.type = "button";
            b.textContent = text;
            b.title = title;
            b.addEventListener("click", action);
            return b;
        }
        button("⤢ Full screen", "Full screen", view.fullscreen).className = "cm-fullscreen";
        button("CSV", "Download the events shown as CSV", function () {
            view.download("csv");
        }).className = "cm-download-csv";
        button("GeoJSON", "Download the events shown as GeoJSON", function () {
            view.download("geojson");
        }).className = "cm-download-geojson";
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
    }
    view.find = function (text) {
        var q = String(text || "").trim().toLowerCase();
        if (!q) { return false; }
        var hit = null;
        view.shown.some(function (k) {
            var r = record(REC[k]);
            if ((r.location || "").toLowerCase() === q) { hit = k; return true; }
            return false;
        });
        if (hit === null) {
            view.shown.some(function (k) {
                var r = record(REC[k]);
                var text = [r.location, r.admin1, r.country, r.event_type, r.sub_event_type,
                            r.actor1, r.actor2, r.event_id, r.article_title].join(" ")
                    .toLowerCase();
                if (text.indexOf(q) >= 0) { hit = k; return true; }
                return false;
            });
        }
        if (hit !== null) {
            // Past the zoom where clusters break up, the marker is on the map itself
            // (markercluster's zoomToShowLayer waits for an icon a circle never has).
            var m = marker(hit), tries = 0;
            map.setView(m.getLatLng(), Math.max(map.getZoom(), 10), {animate: false});
            (function open() {
                if (m._map) { view.popup(m); } else if (tries++ < 100) { setTimeout(open, 50); }
            })();
            return true;
        }
        var place = (config.placeRows || []).filter(function (p) {
            return String(p[2]).toLowerCase().indexOf(q) >= 0;
        })[0];
        if (place) { map.setView([place[0], place[1]], 9); return true; }
        return false;
    };
    view.fullscreen = function () {
        var box = map.getContainer();
        var done = function () { setTimeout(function () { map.invalidateSize(); }, 100); };
        if (document.fullscreenElement) {
            document.exitFullscreen().then(done, done);
        } else if (box.requestFullscreen) {
            box.requestFullscreen().then(done, function () {
                box.classList.toggle("cm-full");
                done();
            });
        } else {
            box.classList.toggle("cm-full");
            done();
        }
    };
    var at = config.columns.indexOf("location") + 1;
    var COLUMNS = config.columns.slice(0, at).concat(["latitude", "longitude"],
                                                     config.columns.slice(at));
    function rowOf(k) {
        var r = record(REC[k]);
        return COLUMNS.map(function (c) {
            return c === "latitude" ? LAT[k] : c === "longitude" ? LON[k] : r[c];
        });
    }
    view.table = function (format) {
        if (format === "geojson") {
            return JSON.stringify({type: "FeatureCollection", features: view.shown.map(
                function (k) {
                    var values = rowOf(k), properties = {};
                    COLUMNS.forEach(function (c, j) {
                        if (c !== "latitude" && c !== "longitude") { properties[c] = values[j]; }
                    });
                    return {type: "Feature", properties: properties,
                            geometry: {type: "Point", coordinates: [LON[k], LAT[k]]}};
                })});
        }
        function cell(v) {
            var s = v === null || v === undefined ? "" : String(v);
            return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
        }
        return [COLUMNS.join(",")].concat(view.shown.map(function (k) {
            return rowOf(k).map(cell).join(",");
        })).join("\r\n") + "\r\n";
    };
    view.download = function (format) {
        var type = format === "geojson" ? "application/geo+json" : "text/csv";
        var blob = new Blob([view.table(format)], {type: type + ";charset=utf-8"});
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = "conflictmap-events" + (whole() ? "" : "-" + isoDay(view.from) + "-to-"
                                               + isoDay(view.to)) + "." + format;
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    };

    // -- put together ----------------------------------------------------------------------
    if (config.places && window[config.places]) {
        config.placeRows.forEach(function (p) {
            L.circleMarker([p[0], p[1]], {radius: 3, color: "#252525", weight: 1,
                                          fillColor: "#ffffff", fillOpacity: 1})
                .bindTooltip(String(p[2] || "").replace(/[&<>"']/g, function (c) {
                    return "&#" + c.charCodeAt(0) + ";";
                })).addTo(window[config.places]);
        });
    }
    readHash();
    function control(position, make) {
        var c = L.control({position: position});
        c.onAdd = make;
        c.addTo(map);
        return c;
    }
    control("topleft", tools);
    control("bottomright", legend);
    if (dated && low < high) {
        control("bottomleft", timeControl);
        setSliders();
    }
    cluster.addTo(map);
    view.apply();
    window.conflictmap = view;
    if (window.performance && performance.mark) { performance.mark("conflictmap-ready"); }
    return view;
}

/* The page's data, from the JSON script element of that id. */
function conflictmapData(id) {
    "use strict";
    return JSON.parse(document.getElementById(id).textContent);
}

function conflictmapSize(fatalities) {
    return 5 + 2 * Math.log2(1 + Math.max(0, fatalities || 0));
}

var CONFLICTMAP_TIME = {1: "day", 2: "within a few days", 3: "month"};
var CONFLICTMAP_GEO = {1: "exact place", 2: "near a place", 3: "province or country"};

function conflictmapShort(r) {
    return [r.event_date, r.sub_event_type || r.event_type, r.location]
        .filter(function (p) { return p; }).join(" · ");
}

/* A popup: the article's title (a link when it has a web address), then date, type,
 * actors, weapon, casualties, place and precision, the evidence and the source. */
function conflictmapEventPopup(r) {
    "use strict";
    var box = document.createElement("div");
    box.className = "conflictmap-popup";
    var title = r.article_title || r.article_id || r.article_url || r.event_id;
    if (title) {
        var head = document.createElement("div");
        head.className = "cm-popup-title";
        var url = /^https?:\/\//i.test(r.article_url || "") ? r.article_url : null;
        var name = document.createElement(url ? "a" : "b");
        if (url) { name.href = url; name.target = "_blank"; name.rel = "noopener noreferrer"; }
        name.textContent = title;
        head.appendChild(name);
        box.appendChild(head);
    }
    function line(label, value) {
        if (value === null || value === undefined || value === "") { return; }
        var div = document.createElement("div");
        var b = document.createElement("b");
        b.textContent = label + ": ";
        div.appendChild(b);
        div.appendChild(document.createTextNode(value));
        box.appendChild(div);
    }
    var when = CONFLICTMAP_TIME[r.time_precision];
    line("Date", r.event_date ? r.event_date + (when ? " (" + when + ")" : "") : "undated");
    line("Type", [r.event_type, r.sub_event_type].filter(Boolean).join(": "));
    line("Actors", [r.actor1, r.actor2].filter(Boolean).join(" vs "));
    line("Weapon", r.weapon ? r.weapon + (r.munitions ? " ×" + r.munitions : "") : "");
    line("Casualties", (r.fatalities || 0) + " killed"
         + (r.injuries ? ", " + r.injuries + " injured" : ""));
    var where = [r.location, r.admin1, r.country].filter(Boolean).join(", ");
    var geo = CONFLICTMAP_GEO[r.geo_precision];
    line("Place", where ? where + (geo ? " (" + geo + ")" : "") : "");
    var notes = String(r.notes || "");
    line("Evidence", notes.length > 1200 ? notes.slice(0, 1200) + "…" : notes);
    line("Source", r.source);
    return box;
}

/* Country outlines under the tiles: land where a tile does not load. */
function conflictmapLand(map, outlines) {
    "use strict";
    var pane = map.createPane("conflictmap-land");
    pane.style.zIndex = 150;  // under the tiles (200)
    map.getContainer().classList.add("conflictmap-sea");
    L.geoJSON(outlines, {
        pane: "conflictmap-land", interactive: false, renderer: L.svg({pane: "conflictmap-land"}),
        style: {color: "#9a9a9a", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1}
    }).addTo(map);
}
