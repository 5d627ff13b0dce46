#!/usr/bin/env bash
# Pins the prod overlay's images (and the ops Job's) to the digests of the images Jib just pushed, so what is applied is
# exactly what was built and scanned, never whatever a tag points at later:
#   ./mvnw package -DskipTests -Dquarkus.container-image.build=true -Dquarkus.package.jar.aot.enabled=false \
#       -Dquarkus.container-image.registry=<registry>
#   deploy/k8s/pin-images.sh
# Jib leaves each image's digest in <module>/target/jib-image.digest; every module that has one gets its image entry's
# digest rewritten (its tag is dropped: a digest names one image). Arguments, for tests: kustomization files, root.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
FILES=("$ROOT/deploy/k8s/overlays/prod/kustomization.yaml" "$ROOT/deploy/k8s/ops/kustomization.yaml")
if (( $# )); then ROOT=${!#}; FILES=("${@:1:$#-1}"); fi

pinned=0
for digest_file in "$ROOT"/*/target/jib-image.digest; do
  [[ -f "$digest_file" ]] || continue
  module=$(basename "$(dirname "$(dirname "$digest_file")")")
  digest=$(tr -d ' \n' <"$digest_file")
  [[ "$digest" =~ ^sha256:[0-9a-f]{64}$ ]] || { echo "pin-images: $digest_file holds no sha256 digest" >&2; exit 1; }
  image="kyso/$module"
  [[ "$module" == dead-letter-tool ]] && image="kyso/dead-letters"
  for file in "${FILES[@]}"; do
    grep -q "^  - name: $image\$" "$file" || continue
    # Within the entry for this image: replace its digest (or tag) line by the new digest.
    awk -v image="$image" -v digest="$digest" '
      /^  - name: / { inside = ($0 == "  - name: " image) }
      inside && /^    (newTag|digest): / { print "    digest: " digest; next }
      { print }
    ' "$file" >"$file.pinned" && mv "$file.pinned" "$file"
    echo "pinned $image to $digest in ${file#"$ROOT"/}"
    pinned=$((pinned + 1))
  done
done
(( pinned )) || { echo "pin-images: no <module>/target/jib-image.digest found: build the images first" >&2; exit 1; }
