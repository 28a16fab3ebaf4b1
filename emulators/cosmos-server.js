#!/usr/bin/env node
/*
 * Local Cosmos DB server for tests and local runs (never deployed).
 *
 * Why this exists: the official Cosmos DB emulator is a Docker image and cannot run here. The npm
 * package @vercel/cosmosdb-server is an in-memory server speaking the Cosmos REST API, good enough
 * for the Java SDK in gateway mode, except that:
 *   1. every Java SDK query first POSTs a *query plan* request to the docs feed
 *      (header `x-ms-cosmos-is-query-plan-request: True`), which the library does not implement;
 *   2. reading a missing item crashes its handler and answers 500 instead of 404;
 *   3. a query scoped to one partition (x-ms-documentdb-partitionkey header) is run over all items;
 *   4. its bundled TLS certificate expired in 2021.
 * This script starts the library's server in-process and wraps its request handler to fix those:
 *   1. the query plan is answered with an empty queryInfo (no client-side rewrite or pipeline) and
 *      one full query range. The Java SDK then sends the original query text unchanged to the one
 *      partition key range this server has, and the server's own query engine executes ORDER BY,
 *      TOP, OFFSET LIMIT, aggregates and DISTINCT and produces its own continuation tokens. That is
 *      correct because there is exactly one partition range: what a real gateway would split across
 *      partitions and merge on the client is computed whole on the server. (A real queryInfo would
 *      make the SDK send a rewritten query with `_orderByItems` / aggregate wrappers that this
 *      engine cannot execute.)
 *   2. a 500 caused by the missing-item crash becomes 404 {"code":"NotFound"}.
 *   3. a query with a partition key header only sees the items of that logical partition.
 *   4. the certificate comes from the caller (--pfx file.p12 --passphrase X, or --cert/--key PEM).
 *
 * Usage: node cosmos-server.js --port 8081 [--host 127.0.0.1] --pfx cert.p12 --passphrase secret
 * Prints `cosmos-server listening on https://HOST:PORT` once it accepts connections.
 * Known gaps (engine limits): GROUP BY, change feed, transactional batch, stored procedures,
 * throughput, TTL expiry, 429s, RU accounting.
 */
"use strict";

const fs = require("fs");
const { AsyncLocalStorage } = require("async_hooks");
const { createHttpsServer } = require("@vercel/cosmosdb-server");
const Items = require("@vercel/cosmosdb-server/lib/account/items").default;

function parseArgs(argv) {
  const opts = { host: "127.0.0.1", port: 8081 };
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i];
    const value = argv[i + 1];
    switch (name) {
      case "--port": opts.port = parseInt(value, 10); i += 1; break;
      case "--host": opts.host = value; i += 1; break;
      case "--pfx": opts.pfx = value; i += 1; break;
      case "--passphrase": opts.passphrase = value; i += 1; break;
      case "--cert": opts.cert = value; i += 1; break;
      case "--key": opts.key = value; i += 1; break;
      case "--verbose": opts.verbose = true; break;
      default:
        throw new Error(`unknown argument ${name}`);
    }
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    throw new Error("--port must be a number between 0 and 65535");
  }
  if (opts.passphrase === undefined && process.env.COSMOS_SERVER_PFX_PASSPHRASE) {
    opts.passphrase = process.env.COSMOS_SERVER_PFX_PASSPHRASE;
  }
  return opts;
}

function tlsOptions(opts) {
  if (opts.pfx) {
    // cert/key set to undefined so the library's expired bundled PEMs are not loaded alongside.
    return { pfx: fs.readFileSync(opts.pfx), passphrase: opts.passphrase, cert: undefined, key: undefined };
  }
  if (opts.cert && opts.key) {
    return { cert: fs.readFileSync(opts.cert), key: fs.readFileSync(opts.key) };
  }
  throw new Error("a certificate is required: --pfx FILE [--passphrase X] or --cert FILE --key FILE " +
    "(the library's bundled certificate expired in 2021)");
}

function isTrue(req, header) {
  const v = req.headers[header];
  return typeof v === "string" && v.toLowerCase() === "true";
}

const DOCS_FEED = /^\/dbs\/[^/]+\/colls\/[^/]+\/docs\/?$/;
const DOC_ITEM = /^\/dbs\/[^/]+\/colls\/[^/]+\/docs\/[^/]+\/?$/;
const MISSING_ITEM_CRASH = /Cannot read propert(y|ies) of (undefined|null)/;

// One full range: the server has a single partition key range ("0", "" .. "FF").
const FULL_RANGE = { min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false };

function queryPlan() {
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
      hasNonStreamingOrderBy: false
    },
    queryRanges: [FULL_RANGE]
  };
}

function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader("content-type", "application/json");
  res.setHeader("content-length", Buffer.byteLength(text));
  res.setHeader("x-ms-request-charge", "1");
  res.setHeader("x-ms-activity-id", require("crypto").randomUUID());
  res.end(text);
}

// --- 3. single-partition queries: restrict the items a query sees to one logical partition ---
const queryScope = new AsyncLocalStorage();
const originalQuery = Items.prototype.query;
Items.prototype.query = function scopedQuery(params, options) {
  const scope = queryScope.getStore();
  if (!scope || scope.partitionKey === undefined || !(this._data instanceof Map)) {
    return originalQuery.call(this, params, options);
  }
  const all = this._data;
  const wanted = scope.partitionKey;
  const inPartition = new Map();
  for (const [rid, item] of all) {
    const value = this._getPartition(item.read());
    // PartitionKey.NONE arrives as [{}]: items without a partition key value.
    const matches = wanted === null || typeof wanted === "object"
      ? value === undefined || value === null
      : value === wanted;
    if (matches) inPartition.set(rid, item);
  }
  // The query engine runs synchronously, so swapping the map for the call is safe.
  this._data = inPartition;
  try {
    return originalQuery.call(this, params, options);
  } finally {
    this._data = all;
  }
};

function partitionKeyOf(req) {
  const header = req.headers["x-ms-documentdb-partitionkey"];
  if (!header) return undefined;
  try {
    const parsed = JSON.parse(header);
    return Array.isArray(parsed) ? parsed[0] : parsed;
  } catch (err) {
    return undefined;
  }
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const server = createHttpsServer({ ...tlsOptions(opts), keepAlive: true });
  // Longer than the SDK's 60 s idle connection timeout, so the client closes idle sockets first.
  server.keepAliveTimeout = 120000;
  server.headersTimeout = 125000;

  const [libraryHandler] = server.listeners("request");
  server.removeAllListeners("request");

  server.on("request", (req, res) => {
    const path = (req.url || "").split("?")[0];
    if (opts.verbose) {
      // eslint-disable-next-line no-console
      console.log(req.method, path, JSON.stringify(req.headers));
    }

    // 1. query plan
    if (req.method === "POST" && DOCS_FEED.test(path) && isTrue(req, "x-ms-cosmos-is-query-plan-request")) {
      req.resume();
      req.on("end", () => sendJson(res, 200, queryPlan()));
      return;
    }

    // 2. missing item: the library throws a TypeError and answers 500
    if (DOC_ITEM.test(path)) {
      const end = res.end.bind(res);
      res.end = (chunk, ...rest) => {
        if (res.statusCode === 500 && !res.headersSent) {
          let message = "";
          try { message = JSON.parse(String(chunk)).message || ""; } catch (err) { /* not JSON */ }
          if (MISSING_ITEM_CRASH.test(message)) {
            res.statusCode = 404;
            return end(JSON.stringify({
              code: "NotFound",
              message: "Entity with the specified id does not exist in the system."
            }), ...rest);
          }
        }
        return end(chunk, ...rest);
      };
    }

    // 3. query scoped to one logical partition
    const isQuery = req.method === "POST" && DOCS_FEED.test(path) && isTrue(req, "x-ms-documentdb-isquery");
    const partitionKey = isQuery ? partitionKeyOf(req) : undefined;
    if (partitionKey !== undefined) {
      // The scope below restricts the items, so the library's "query must filter on the
      // partition key" check does not apply.
      req.headers["x-ms-documentdb-query-enablecrosspartition"] = "true";
    }
    queryScope.run({ partitionKey }, () => libraryHandler(req, res));
  });

  server.on("error", err => {
    // eslint-disable-next-line no-console
    console.error(`cosmos-server failed: ${err.message}`);
    process.exit(1);
  });

  server.listen(opts.port, opts.host, () => {
    const { port } = server.address();
    // eslint-disable-next-line no-console
    console.log(`cosmos-server listening on https://${opts.host}:${port}`);
  });

  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main();
