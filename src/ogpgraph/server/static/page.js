// ogpgraph query page: YASGUI pointed at this server, with nothing fetched from another host.
// (Our own script, not vendored; YASGUI itself is yasgui.min.js, see README.md here.)
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("page-data").textContent);
  var endpoint = new URL(data.endpoint, window.location.href).href;
  document.getElementById("endpoint-url").textContent = endpoint;

  // The endpoint predeclares the project's prefixes (ogp:, skos:, dcterms:, …): teach the
  // editor's SPARQL mode the same ones, so that a query using them is not marked as an error.
  var predeclared = data.prefixes || {};
  var sparqlMode = Yasgui.Yasqe.modes.sparql11;
  if (sparqlMode) {
    Yasgui.Yasqe.defineMode("sparql11", function (config, modeConfig) {
      var mode = sparqlMode(config, modeConfig);
      var startState = mode.startState;
      mode.startState = function () {
        var state = startState.apply(this, arguments);
        // not enumerable: the checker sees them, but they are not "the query's prefixes"
        // (YASR would shorten the result's IRIs with them, and "add prefixes" would skip them)
        Object.keys(predeclared).forEach(function (prefix) {
          if (state.prefixes[prefix] === undefined) {
            Object.defineProperty(state.prefixes, prefix, {
              value: predeclared[prefix],
              enumerable: false,
              writable: true,
              configurable: true,
            });
          }
        });
        return state;
      };
      return mode;
    });
  }

  // YASQE enables every registered autocompleter by default; "class" and "property" ask
  // lov.linkeddata.es. Keep the local ones only: prefixes (bundled list, prefixCcApi unset)
  // and variables.
  var local = ["prefixes", "variables"];
  Yasgui.Yasqe.defaults.autocompleters = local.slice();
  Yasgui.Yasqe.defaults.prefixCcApi = null;

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: {
      getData: function () {
        return [{ endpoint: endpoint }];
      },
      keys: [],
    },
    corsProxy: undefined,
    persistenceId: "ogpgraph-" + window.location.host,
    populateFromUrl: true,
    yasqe: { value: data.welcome, autocompleters: local.slice(), prefixCcApi: null },
  });

  function useLocalCompleters(tab) {
    var yasqe = tab && tab.getYasqe && tab.getYasqe();
    if (!yasqe) return;
    ["class", "property"].forEach(function (name) {
      if (yasqe.autocompleters && yasqe.autocompleters[name]) yasqe.disableCompleter(name);
    });
  }

  function eachTab(fn) {
    Object.keys(yasgui._tabs || {}).forEach(function (id) {
      fn(yasgui.getTab(id));
    });
  }

  // Persisted tabs from an earlier run may name another endpoint: point them all here.
  eachTab(function (tab) {
    if (tab && tab.setEndpoint && tab.getEndpoint && tab.getEndpoint() !== endpoint) {
      tab.setEndpoint(endpoint);
    }
    useLocalCompleters(tab);
  });
  yasgui.on("tabSelect", function (_y, id) {
    setTimeout(function () {
      useLocalCompleters(yasgui.getTab(id));
    }, 0);
  });
  yasgui.on("tabAdd", function (_y, id) {
    setTimeout(function () {
      useLocalCompleters(yasgui.getTab(id));
    }, 0);
  });

  var byName = {};
  data.queries.forEach(function (q) {
    byName[q.name] = q;
  });
  document.querySelectorAll("#stored-queries button[data-query]").forEach(function (button) {
    button.addEventListener("click", function () {
      var q = byName[button.getAttribute("data-query")];
      var tab = yasgui.addTab(
        true,
        { name: q.name, yasqe: { value: q.query }, requestConfig: { endpoint: endpoint } },
        { avoidDuplicateTabs: true }
      );
      useLocalCompleters(tab);
    });
  });
  window.ogpgraphYasgui = yasgui;
})();
