/**
 * The GraphQL playground: GraphiQL 3, served from the project's own
 * node_modules (React 18 and GraphiQL UMD bundles, GraphiQL's CSS with its
 * fonts inlined), so it works with no internet. A Content-Security-Policy
 * keeps the page on this origin.
 *
 * `GET /` and a browser's `GET /graphql` (Accept prefers text/html) get the
 * page; other `GET /graphql` requests go on to Apollo. The page opens with
 * example operations (login, create a key, list keys, viewer) and a header
 * editor holding `{"Authorization": "ApiKey "}`. Links may pre-fill the
 * editors with `?query=`, `?variables=` and `?headers=` (nothing runs until
 * the user presses Run).
 *
 * GraphiQL keeps its tabs, history, headers, variables and answers in
 * `localStorage` even with `shouldPersistHeaders: false`, and those hold
 * session tokens, passwords and key secrets. The page gives it a storage
 * that writes only layout preferences (theme, pane sizes, open plugin) to
 * `localStorage`; everything else lives in the page's memory and is gone
 * when it is closed or reloaded.
 */
import path from 'node:path';
import { Router, type Request, type Response, type NextFunction } from 'express';

const ASSET_ROOT = '/playground/assets';

/** Files served under ASSET_ROOT, from installed packages only. */
const ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

function assetPath(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

const DEFAULT_HEADERS = JSON.stringify({ Authorization: 'ApiKey ' }, null, 2);

/** Example operations, one per tab, written against the API contract (DESIGN.md). */
export const EXAMPLE_OPERATIONS: { query: string; variables?: string }[] = [
  {
    query: `# Welcome to Keywarden. Put your credentials in the Headers tab:
#   {"Authorization": "ApiKey kw_..."}   an API key
#   {"Authorization": "Bearer kws_..."}  a session token (login)
#   {"Authorization": "Basic ..."}       an access key pair:
#                         base64(accessKeyId:secretAccessKey)
#
# Log in with email and password to get a session token:
mutation Login($email: String!, $password: String!) {
  login(input: { email: $email, password: $password }) {
    token
    expiresAt
    principal { id name }
  }
}
`,
    variables: JSON.stringify({ email: 'admin@localhost', password: '' }, null, 2),
  },
  {
    query: `# Creates an API key for you. The secret is shown once, in this answer: keep it.
mutation CreateApiKey($name: String!) {
  createApiKey(input: { name: $name }) {
    secret
    apiKey { id name prefix }
  }
}
`,
    variables: JSON.stringify({ name: 'my-laptop' }, null, 2),
  },
  {
    query: `# Your API keys, newest first.
query ListApiKeys {
  apiKeys(first: 20) {
    edges { node { id name prefix state expiresAt } }
  }
}
`,
  },
  {
    query: `# Who is calling.
query Viewer {
  viewer { id kind name }
}
`,
  },
];

/** Runs in the browser: mounts GraphiQL with a fetcher that posts JSON (Apollo's CSRF prevention wants content-type: application/json). */
const BOOT_SCRIPT = `'use strict';
(function () {
  var config = JSON.parse(document.getElementById('playground-config').textContent);
  var params = new URLSearchParams(window.location.search);

  // A scheme with no credential after it ("ApiKey ") is the untouched template: send nothing rather than be refused.
  function withoutEmptyAuthorization(headers) {
    var result = {};
    Object.keys(headers || {}).forEach(function (name) {
      var value = headers[name];
      if (name.toLowerCase() === 'authorization' && /^\\s*[A-Za-z]*\\s*$/.test(String(value))) return;
      result[name] = value;
    });
    return result;
  }

  function fetcher(graphQLParams, options) {
    var headers = Object.assign({ accept: 'application/json' }, withoutEmptyAuthorization(options && options.headers), {
      'content-type': 'application/json',
    });
    return fetch(config.endpoint, { method: 'POST', headers: headers, body: JSON.stringify(graphQLParams), credentials: 'omit' })
      .then(function (response) { return response.json(); });
  }

  // Only these GraphiQL keys may reach localStorage: none can hold a credential.
  var LAYOUT_KEYS = ['graphiql:theme', 'graphiql:editorFlex', 'graphiql:secondaryEditorFlex', 'graphiql:docExplorerFlex', 'graphiql:visiblePlugin'];
  var inMemory = new Map();
  var isLayout = function (key) { return LAYOUT_KEYS.indexOf(key) >= 0; };
  var storage = {
    getItem: function (key) { return isLayout(key) ? window.localStorage.getItem(key) : inMemory.has(key) ? inMemory.get(key) : null; },
    setItem: function (key, value) { if (isLayout(key)) window.localStorage.setItem(key, value); else inMemory.set(key, String(value)); },
    removeItem: function (key) { if (isLayout(key)) window.localStorage.removeItem(key); else inMemory.delete(key); },
    clear: function () { inMemory.clear(); LAYOUT_KEYS.forEach(function (key) { window.localStorage.removeItem(key); }); },
    get length() { return inMemory.size + LAYOUT_KEYS.filter(function (key) { return window.localStorage.getItem(key) !== null; }).length; },
  };
  // Pages served before this storage existed left tabs and history (with their headers) behind: remove them.
  Object.keys(window.localStorage).forEach(function (key) {
    if (key.indexOf('graphiql:') === 0 && !isLayout(key)) window.localStorage.removeItem(key);
  });

  var props = {
    fetcher: fetcher,
    storage: storage,
    defaultTabs: config.tabs,
    defaultHeaders: config.defaultHeaders,
    defaultEditorToolsVisibility: 'headers',
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
  };
  if (params.has('query')) props.query = params.get('query');
  if (params.has('variables')) props.variables = params.get('variables');
  if (params.has('headers')) props.headers = params.get('headers');

  ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, props));
})();
`;

/** JSON inside a <script> element: `<` escaped so no string can close the element. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function page(): string {
  const config = {
    endpoint: '/graphql',
    defaultHeaders: DEFAULT_HEADERS,
    tabs: EXAMPLE_OPERATIONS.map((example) => ({ ...example, headers: DEFAULT_HEADERS })),
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Keywarden GraphQL playground</title>
<link rel="stylesheet" href="${ASSET_ROOT}/graphiql.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading the playground…</div>
<script type="application/json" id="playground-config">${scriptSafeJson(config)}</script>
<script src="${ASSET_ROOT}/react.js"></script>
<script src="${ASSET_ROOT}/react-dom.js"></script>
<script src="${ASSET_ROOT}/graphiql.js"></script>
<script src="${ASSET_ROOT}/playground.js"></script>
</body>
</html>
`;
}

const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // GraphiQL and CodeMirror set inline styles
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Routes for the page and its assets; mount before Apollo's `/graphql` middleware. */
export function playgroundRouter(): Router {
  const router = Router();
  const html = page();

  const servePage = (_req: Request, res: Response) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(html);
  };

  router.get('/', servePage);
  router.get('/graphql', (req: Request, res: Response, next: NextFunction) => {
    // Browsers ask for text/html first; API clients for JSON (or anything): those go on to Apollo.
    if (req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html') return servePage(req, res);
    next();
  });

  // Browsers ask for it on every page: answer (no icon yet) rather than leave a 404 in the playground's console.
  router.get('/favicon.ico', (_req, res) => void res.setHeader('Cache-Control', 'public, max-age=86400').status(204).end());

  router.get(`${ASSET_ROOT}/playground.js`, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('text/javascript').send(BOOT_SCRIPT);
  });
  for (const [name, { pkg, file, type }] of Object.entries(ASSETS)) {
    const absolute = assetPath(pkg, file);
    router.get(`${ASSET_ROOT}/${name}`, (_req, res, next) => {
      res.type(type);
      res.sendFile(absolute, { maxAge: '1d' }, (error) => error && next(error));
    });
  }
  return router;
}
