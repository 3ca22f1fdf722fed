#!/usr/bin/env bash
# Rewrites the two Cloudflare snippets from Cloudflare's published lists, checks the config and reloads nginx.
# Keeps the old snippets when a download fails or `nginx -t` refuses the new ones.
# Usage: update-cloudflare-ips.sh [snippets folder, default /etc/nginx/snippets]
set -euo pipefail
dir="${1:-/etc/nginx/snippets}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

curl -fsS --max-time 30 https://www.cloudflare.com/ips-v4 -o "$tmp/v4"
curl -fsS --max-time 30 https://www.cloudflare.com/ips-v6 -o "$tmp/v6"
nets="$(cat "$tmp/v4" "$tmp/v6" | tr -d '\r' | grep -E '^[0-9a-f.:]+/[0-9]+$')"
[[ $(wc -l <<<"$nets") -ge 10 ]] || { echo "suspiciously short Cloudflare list; keeping the old one" >&2; exit 1; }

{
  echo "# Cloudflare's published address ranges, written by update-cloudflare-ips.sh on $(date -u +%F)."
  while read -r net; do echo "set_real_ip_from $net;"; done <<<"$nets"
  echo "real_ip_header CF-Connecting-IP;"
} >"$tmp/cloudflare-realip.conf"
{
  echo "# \$darkroom_via_cloudflare: 1 when the TCP peer is Cloudflare, written by update-cloudflare-ips.sh on $(date -u +%F)."
  echo 'geo $realip_remote_addr $darkroom_via_cloudflare {'
  echo '    default 0;'
  while read -r net; do echo "    $net 1;"; done <<<"$nets"
  echo '}'
} >"$tmp/cloudflare-origin.conf"

for f in cloudflare-realip.conf cloudflare-origin.conf; do
  [[ -f "$dir/$f" ]] && cp "$dir/$f" "$tmp/$f.old"
  install -m 0644 "$tmp/$f" "$dir/$f"
done
if ! nginx -t -q; then
  for f in cloudflare-realip.conf cloudflare-origin.conf; do [[ -f "$tmp/$f.old" ]] && cp "$tmp/$f.old" "$dir/$f"; done
  echo "nginx -t failed with the new lists; the old ones are back" >&2
  exit 1
fi
systemctl reload nginx 2>/dev/null || nginx -s reload
