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
 *   1. the query plan is answered with one full query range and a queryInfo that asks for no
 *      client-side rewrite of ORDER BY or aggregates: the Java SDK then sends the query text to the
 *      one partition key range this server has, and the server's own engine executes WHERE,
 *      ORDER BY, TOP, JOIN and aggregates and produces its own continuation tokens. That is correct
 *      because there is exactly one range: what a real gateway splits across partitions and merges
 *      on the client is computed whole on the server. (A real orderBy/aggregates queryInfo would
 *      make the SDK send a rewritten query with `_orderByItems` / aggregate wrappers that this
 *      engine cannot run.) The engine cannot parse DISTINCT nor OFFSET LIMIT: those are stripped
 *      from the query (queryInfo.rewrittenQuery) and left to the SDK's client-side pipeline
 *      (distinctType, offset, limit; TOP moves to the client when combined with DISTINCT).
 *      hasSelectValue is set for SELECT VALUE queries, or the SDK cannot unwrap scalar results.
 *   2. a 500 caused by the missing-item crash becomes 404 {"code":"NotFound"}.
 *   3. a query with a partition key header only sees the items of that logical partition.
 *   4. the certificate comes from the caller (--pfx file.p12 --passphrase X, or --cert/--key PEM).
 *
 * Usage: node cosmos-server.js --port 8081 [--host 127.0.0.1] --pfx cert.p12 --passphrase secret
 * Prints `cosmos-server listening on https://HOST:PORT` once it accepts connections.
 * Known gaps: GROUP BY (the engine cannot parse it: 400); DISTINCT without ORDER BY cannot be
 * resumed from a continuation token (a Java SDK rule, real service too); multi-field ORDER BY
 * needs a composite index, as on the real service. Reported failing in docs/toolchain.md and not
 * shimmed: transactional batch, change feed, throughput, stored procedures. No TTL expiry, no
 * 429s, no RU accounting, one partition key range.
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

const parser = require("@zeit/cosmosdb-query/lib/parser");

const OFFSET_LIMIT = /\s+OFFSET\s+(@\w+|\d+)\s+LIMIT\s+(@\w+|\d+)\s*$/i;
const DISTINCT_FIRST = /^(\s*SELECT\s+)DISTINCT\s+(?:TOP\s+(@\w+|\d+)\s+)?/i;
const TOP_FIRST = /^(\s*SELECT\s+)TOP\s+(@\w+|\d+)\s+DISTINCT\s+/i;
const SELECT_VALUE = /^\s*SELECT\s+(?:DISTINCT\s+)?(?:TOP\s+(?:@\w+|\d+)\s+)?(?:DISTINCT\s+)?VALUE\b/i;

function resolveNumber(token, parameters) {
  if (/^\d+$/.test(token)) return parseInt(token, 10);
  const param = (parameters || []).find(p => p.name === token);
  if (!param || !Number.isInteger(param.value)) {
    throw new Error(`${token} must be an integer parameter`);
  }
  return param.value;
}

/** What the engine's own parser says about the (rewritten) query; regexes if it cannot parse it. */
function shape(query) {
  try {
    const { select, orderBy } = parser.parse(query).body;
    return { selectValue: Boolean(select && select.value !== undefined), ordered: Boolean(orderBy) };
  } catch (err) {
    // the engine reports the syntax error itself when the query runs
    return { selectValue: SELECT_VALUE.test(query), ordered: /\bORDER\s+BY\b/i.test(query) };
  }
}

/**
 * The query plan for one query. The server's engine runs WHERE, ORDER BY, TOP, JOIN and
 * aggregates itself; it cannot parse DISTINCT or OFFSET LIMIT, so those are stripped from the
 * query (queryInfo.rewrittenQuery) and handed to the SDK's client-side pipeline through
 * distinctType / top / offset / limit. hasSelectValue tells the SDK to unwrap SELECT VALUE results.
 */
function queryPlan({ query, parameters }) {
  let text = query;
  let top = null;
  let offset = null;
  let limit = null;
  let distinctType = "None";

  const offsetLimit = OFFSET_LIMIT.exec(text);
  if (offsetLimit) {
    offset = resolveNumber(offsetLimit[1], parameters);
    limit = resolveNumber(offsetLimit[2], parameters);
    text = text.slice(0, offsetLimit.index);
  }
  const distinct = DISTINCT_FIRST.exec(text) || TOP_FIRST.exec(text);
  if (distinct) {
    distinctType = "Unordered"; // "Ordered" below if the query has an ORDER BY
    // TOP must count distinct results, so it moves to the client too.
    if (distinct[2] !== undefined) top = resolveNumber(distinct[2], parameters);
    text = distinct[1] + text.slice(distinct[0].length);
  }

  const { selectValue, ordered } = shape(text);
  if (distinct && ordered) {
    // As the real gateway does: with ORDER BY, duplicates arrive adjacent and the SDK's distinct
    // stage only compares with the last hash, which it can carry in a continuation token. An
    // "Unordered" DISTINCT cannot be resumed from a continuation token by the Java SDK (against
    // the real service too); iterating it in one go works.
    distinctType = "Ordered";
  }

  return {
    partitionedQueryExecutionInfoVersion: 2,
    queryInfo: {
      distinctType,
      top,
      offset,
      limit,
      orderBy: [],
      orderByExpressions: [],
      groupByExpressions: [],
      groupByAliases: [],
      aggregates: [],
      groupByAliasToAggregateType: {},
      rewrittenQuery: text === query ? "" : text,
      hasSelectValue: selectValue,
      dCountInfo: null,
      hasNonStreamingOrderBy: false
    },
    queryRanges: [FULL_RANGE]
  };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", c => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
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

// The library logs every handler exception; the missing-item crash is an expected 404 here.
const consoleError = console.error.bind(console);
console.error = (first, ...rest) => {
  if (first instanceof Error && MISSING_ITEM_CRASH.test(first.message)
      && /read-document\.js/.test(first.stack || "")) {
    return;
  }
  consoleError(first, ...rest);
};

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
      readBody(req).then(text => {
        const body = JSON.parse(text);
        if (typeof body.query !== "string") {
          sendJson(res, 400, { code: "BadRequest", message: "missing query" });
          return;
        }
        sendJson(res, 200, queryPlan(body));
      }).catch(err => sendJson(res, 400, { code: "BadRequest", message: err.message }));
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
    const isQuery = req.method === "POST" && DOCS_FEED.test(path)
      && (isTrue(req, "x-ms-documentdb-isquery") || req.headers["content-type"] === "application/query+json");
    const partitionKey = isQuery ? partitionKeyOf(req) : undefined;
    if (isQuery) {
      // The SDK has already routed the query (to the one range, or to one logical partition,
      // which the scope below enforces), so the library's "a query must filter on the partition
      // key unless cross-partition is enabled" check does not apply.
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
