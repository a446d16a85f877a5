// Starts @vercel/cosmosdb-server with two fixes:
// - reading a document that does not exist answers 404, as Cosmos DB does, instead of crashing into a 500 (its read
//   handler dereferences the missing document);
// - a query plan request (the .NET SDK asks for one before an ORDER BY query, having no local query engine on
//   Linux) gets a plan, instead of being run as the query itself: a "pass-through" plan over the one partition key
//   range this server has, so the SDK sends the query as it is and the server, which sorts, returns it in order.
// - database and container resource ids never contain "/" or "+": they are base64, and the SDK puts them in URL
//   paths (the partition key ranges of a query), where a "/" splits the path and the server answers 404. Without
//   this, every 256th database from the 63rd (a counter in the id) could not be queried at all.
// Usage: node scripts/cosmos-server.js --host 127.0.0.1 --port 8081
"use strict";
const path = require("path");
const lib = path.join(path.dirname(require.resolve("@vercel/cosmosdb-server/package.json")), "lib");

// Must be patched before routes.js captures the handler, i.e. before the library's entry point loads.
const readDocument = require(path.join(lib, "handler", "read-document"));
const original = readDocument.default;
readDocument.default = (account, req, res, params) => {
  try {
    return original(account, req, res, params);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    res.statusCode = 404;
    return { code: "NotFound", message: "Entity with the specified id does not exist in the system." };
  }
};

const queryDocuments = require(path.join(lib, "handler", "query-documents"));
const runQuery = queryDocuments.default;
queryDocuments.default = (account, req, res, params) => {
  if (String(req.headers["x-ms-cosmos-is-query-plan-request"]).toLowerCase() !== "true") {
    return runQuery(account, req, res, params);
  }
  return {
    partitionedQueryExecutionInfoVersion: 2,
    queryInfo: {
      distinctType: "None",
      top: null,
      offset: null,
      limit: null,
      orderBy: [],
      orderByExpressions: [],
      groupByExpressions: [],
      groupByAliases: [],
      aggregates: [],
      groupByAliasToAggregateType: {},
      rewrittenQuery: "",
      hasSelectValue: false,
      dCountInfo: null,
    },
    queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }],
  };
};

// Resource ids come from a counter per parent; skipping the counter values whose id would not survive a URL path
// keeps them unique and safe.
for (const kind of ["databases", "collections"]) {
  const Kind = require(path.join(lib, "account", kind)).default;
  const ridOf = Kind.prototype._rid;
  Kind.prototype._rid = function (id) {
    let rid = ridOf.call(this, id);
    while (/[/+]/.test(rid)) {
      this._ridCount += 1;
      rid = ridOf.call(this, this._ridCount);
    }
    return rid;
  };
}

require(path.join(lib, "cli.js"));
