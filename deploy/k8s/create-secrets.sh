#!/usr/bin/env bash
# Creates every Secret (and the two public-key ConfigMaps) Kyso's manifests read, with fresh random values:
#   deploy/k8s/create-secrets.sh <namespace> [--hsm] [--print]
# --hsm    also KYSO_PKCS11_PIN for ca-service and signing-service (from KYSO_CA_PKCS11_PIN / KYSO_SIGNING_PKCS11_PIN)
#          and kyso-hsm-client from the files in KYSO_HSM_CLIENT_DIR (the prod overlay's HSM client configuration).
# --print  writes the manifests to stdout instead of applying them (to seal them, or to store them in a vault).
# An existing Secret is never replaced: a new master key or pepper would orphan every key and PIN made under the old
# one. Rotate by hand, deliberately. SMTP relay credentials come from KYSO_SMTP_USER / KYSO_SMTP_PASSWORD if set; the
# backup object store's from KYSO_BACKUP_ACCESS_KEY_ID / KYSO_BACKUP_SECRET_ACCESS_KEY (base/postgres/backup.yaml).
# The generated values exist only in a temporary directory, removed on exit. Needs a JDK (java) and kubectl.
set -euo pipefail

NS=${1:?usage: create-secrets.sh <namespace> [--hsm] [--print]}
shift
HSM=false PRINT=false
for arg in "$@"; do
  case $arg in
    --hsm) HSM=true ;;
    --print) PRINT=true ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# The same generator ./kyso up uses: JWT and sealing key pairs (PEM), peppers, master keys, the operator's password.
java "$ROOT/deploy/local/DevSecrets.java" "$WORK" >/dev/null
# shellcheck disable=SC1091
source "$WORK/secrets.env"
KEYS="$WORK/keys"

# No reader that stops early (head -c) after a producer: under pipefail its SIGPIPE would fail the pipeline.
random() { local s; s=$(head -c "$(($1 * 2))" /dev/urandom | base64 -w0 | tr -d '/+='); printf '%s' "${s:0:$1}"; }

emit() { # kind name args...: applies (or prints) one object unless it already exists
  local kind=$1 name=$2; shift 2
  if [[ $PRINT == false ]] && kubectl -n "$NS" get "$kind" "$name" >/dev/null 2>&1; then
    echo "kept existing $kind/$name"
    return
  fi
  local manifest
  manifest=$(kubectl -n "$NS" create "$kind" "$@" --dry-run=client -o yaml)
  if [[ $PRINT == true ]]; then printf -- '---\n%s\n' "$manifest"; else printf '%s\n' "$manifest" | kubectl apply -f - >/dev/null; echo "created $kind/$name"; fi
}

# make_secret <name> <key>=<value>|<key>=@<file> ...   (one line each: the manifest test reads these lines)
make_secret() {
  local name=$1 args=() kv; shift
  for kv in "$@"; do
    if [[ ${kv#*=} == @* ]]; then args+=("--from-file=${kv%%=*}=${kv#*=@}"); else args+=("--from-literal=$kv"); fi
  done
  emit secret "$name" generic "$name" "${args[@]}"
}
make_configmap() {
  local name=$1 args=() kv; shift
  for kv in "$@"; do args+=("--from-file=${kv%%=*}=${kv#*=@}"); done
  emit configmap "$name" "$name" "${args[@]}"
}
make_db_secret() { # CloudNativePG managed role: a basic-auth Secret whose username is the role
  local role=$1
  emit secret "kyso-db-$role" generic "kyso-db-$role" --type=kubernetes.io/basic-auth \
    --from-literal=username="$role" --from-literal=password="$(random 32)"
}

make_secret kyso-jwt-signing-key jwt-private.pem=@$KEYS/jwt-private.pem jwt-public.pem=@$KEYS/jwt-public.pem
make_configmap kyso-jwt-public jwt-public.pem=@$KEYS/jwt-public.pem
make_secret kyso-notification-sealing-key notification-sealing-private.pem=@$KEYS/notification-sealing-private.pem
make_configmap kyso-notification-sealing-public notification-sealing-public.pem=@$KEYS/notification-sealing-public.pem
# Web Push's VAPID key: browsers subscribe with its public half, so it is made once and kept (a new one orphans them).
make_secret kyso-vapid-key vapid-private.pem=@$KEYS/vapid-private.pem
make_secret kyso-service-credentials activation-service=$KYSO_SERVICE_SECRET_ACTIVATION notification-service=$KYSO_SERVICE_SECRET_NOTIFICATION
# Its own Secret, so a cluster whose kyso-service-credentials predates it (kept, never replaced) gets it too.
make_secret kyso-service-credential-signing signing-service=$KYSO_SERVICE_SECRET_SIGNING
for role in account activation ca signing notification; do make_db_secret "$role"; done

make_secret account-service-config-creds KYSO_ACCOUNT_OPERATOR_PASSWORD=$KYSO_OPERATOR_PASSWORD
make_secret activation-service-config-creds KYSO_ACTIVATION_CODE_PEPPER=$KYSO_ACTIVATION_CODE_PEPPER
make_secret notification-service-config-creds KYSO_SMTP_USER=${KYSO_SMTP_USER:-} KYSO_SMTP_PASSWORD=${KYSO_SMTP_PASSWORD:-}
make_secret portal-config-creds KYSO_PORTAL_SESSION_SECRET=$KYSO_PORTAL_SESSION_SECRET
# Each auditing service's own audit key (Ed25519 seed): it signs the trail's anchors and exports.
make_secret account-service-audit-key KYSO_AUDIT_KEY_ACCOUNT=$KYSO_AUDIT_KEY_ACCOUNT
make_secret ca-service-audit-key KYSO_AUDIT_KEY_CA=$KYSO_AUDIT_KEY_CA
make_secret signing-service-audit-key KYSO_AUDIT_KEY_SIGNING=$KYSO_AUDIT_KEY_SIGNING
if [[ -z "${KYSO_BACKUP_ACCESS_KEY_ID:-}" || -z "${KYSO_BACKUP_SECRET_ACCESS_KEY:-}" ]]; then
  echo "warning: KYSO_BACKUP_ACCESS_KEY_ID / KYSO_BACKUP_SECRET_ACCESS_KEY not set: WAL archiving and backups will fail" >&2
fi
make_secret kyso-backup-store ACCESS_KEY_ID=${KYSO_BACKUP_ACCESS_KEY_ID:-} ACCESS_SECRET_KEY=${KYSO_BACKUP_SECRET_ACCESS_KEY:-}
if [[ $HSM == true ]]; then
  : "${KYSO_CA_PKCS11_PIN:?set the CA token's user PIN}" "${KYSO_SIGNING_PKCS11_PIN:?set the signing token's user PIN}"
  : "${KYSO_HSM_CLIENT_DIR:?set the directory of the HSM client configuration and certificates}"
  make_secret ca-service-config-creds KYSO_PKCS11_PIN=$KYSO_CA_PKCS11_PIN
  make_secret signing-service-config-creds KYSO_PKCS11_PIN=$KYSO_SIGNING_PKCS11_PIN KYSO_SIGNING_PIN_PEPPER=$KYSO_SIGNING_PIN_PEPPER
  emit secret kyso-hsm-client generic kyso-hsm-client --from-file="$KYSO_HSM_CLIENT_DIR"
  # With the HSM, signing-service's root key is a key inside the token, made on first start: the Secret stays empty
  # (a cluster that moves to the HSM keeps its old Secret, which then only opens what it sealed before).
  make_secret signing-service-root-key KYSO_SIGNING_ROOT_KEY=
else
  # signing-service's root key (sealing, MACs, webhook signing; docs/key-hierarchy.md): its own Secret, so clusters
  # made before it existed get one on the next run while every other Secret is kept.
  make_secret signing-service-root-key KYSO_SIGNING_ROOT_KEY=$KYSO_SIGNING_ROOT_KEY
  make_secret ca-service-config-creds KYSO_CA_MASTER_KEY=$KYSO_CA_MASTER_KEY
  make_secret signing-service-config-creds KYSO_SIGNING_MASTER_KEY=$KYSO_SIGNING_MASTER_KEY KYSO_SIGNING_PIN_PEPPER=$KYSO_SIGNING_PIN_PEPPER
fi
if [[ $PRINT == false ]]; then
  echo "Operator login: $KYSO_OPERATOR_USERNAME / (password in Secret account-service-config-creds)"
fi
