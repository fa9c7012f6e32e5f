#!/bin/sh
# Runs one Gongkai process: portal, console, worker, migrate (one-off), keys-rotate [BATCH] (one-off,
# docs/operations.md "Keys"), proxy (PROXY_LISTEN, PROXY_UPSTREAMS), or health PORT (probe).
set -eu
case "${1:-}" in
  portal | console | worker)
    exec node "dist/apps/$1/src/main.js"
    ;;
  migrate)
    exec node dist/scripts/migrate.js run
    ;;
  keys-rotate)
    exec node dist/scripts/rotate-keys.js "${2:-500}"
    ;;
  proxy)
    exec node dist/scripts/proxy.js
    ;;
  health)
    exec node -e "fetch('http://127.0.0.1:' + process.argv[1] + '/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "${2:?port}"
    ;;
  *)
    echo "usage: gongkai portal|console|worker|migrate|keys-rotate [BATCH]|proxy|health PORT" >&2
    exit 64
    ;;
esac
