#!/usr/bin/env bash
# A private CA and the broker's TLS keystore for Kafka's WORKERS listener (remote transcode nodes connect to
# <private IP>:9094 with TLS + SCRAM). Idempotent: keeps an existing CA, re-issues the broker certificate.
# Usage: deploy/kafka/make-certs.sh 10.0.0.2 [keystore password, default $KAFKA_KEYSTORE_PASSWORD]
set -euo pipefail
ip="${1:?usage: make-certs.sh <private IP> [keystore password]}"
password="${2:-${KAFKA_KEYSTORE_PASSWORD:?pass the keystore password or set KAFKA_KEYSTORE_PASSWORD}}"
dir="$(cd "$(dirname "$0")" && pwd)/secrets"
cd "$dir"
umask 077

if [[ ! -f ca.key ]]; then
  openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/CN=Darkroom Kafka CA" -keyout ca.key -out ca.pem
fi
openssl req -newkey rsa:3072 -nodes -subj "/CN=kafka" -keyout broker.key -out broker.csr
printf 'subjectAltName=IP:%s,DNS:kafka\nextendedKeyUsage=serverAuth\n' "$ip" > broker.ext
openssl x509 -req -in broker.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 825 -extfile broker.ext -out broker.pem
openssl pkcs12 -export -name kafka -inkey broker.key -in broker.pem -certfile ca.pem \
  -passout "pass:${password}" -out kafka.keystore.p12
rm -f broker.csr broker.ext broker.key
# The container's user (appuser, uid 1000) reads the keystore through the read-only bind mount.
chmod 0644 ca.pem kafka.keystore.p12
echo "wrote $dir/kafka.keystore.p12 (broker, IP $ip) and $dir/ca.pem (give this to workers)"
