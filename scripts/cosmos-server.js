// Starts @vercel/cosmosdb-server with one fix: reading a document that does not exist answers 404, as Cosmos DB
// does, instead of crashing into a 500 (its read handler dereferences the missing document).
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

require(path.join(lib, "cli.js"));
