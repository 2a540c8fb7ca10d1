#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with small seeds taken from corpora/ and core/rules/ (nothing
# big is committed: the corpora are regenerated here on every run). Existing corpus files,
# which libFuzzer grew in earlier runs, are kept. Usage: fuzz/seed.sh [TARGET...]
set -eu  # no pipefail: `head` closing a pipe early is not an error here
cd "$(dirname "$0")"
root=..
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(redact_bytes stream_vs_whole stream_pieces parse_rules structured simd_classes keyword_prefilter anchors)

# Text seeds: 20-line slices of the planted and decoy corpora, and the rule files themselves
# (their examples are realistic secrets in realistic context).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
for f in "$root"/corpora/secrets/planted.txt "$root"/corpora/pii/planted.txt \
         "$root"/corpora/secrets/decoy.txt "$root"/corpora/pii/decoy-lognoise.txt; do
  [ -f "$f" ] || continue
  # The first 400 lines of each, in slices of 20 lines, each slice at most 4 KiB.
  head -n 400 "$f" | split -l 20 - "$tmp/text-$n-"
  n=$((n + 1))
done
for f in "$root"/core/rules/*.toml; do
  [ -f "$f" ] || continue
  grep -h -A3 '^examples' "$f" | head -c 4096 > "$tmp/examples-$(basename "$f" .toml)" || true
done
for f in "$tmp"/*; do
  [ -s "$f" ] || { rm -f "$f"; continue; }
  head -c 4096 "$f" > "$f.cut" && mv "$f.cut" "$f"
done

for t in "${targets[@]}"; do
  dir=corpus/$t
  mkdir -p "$dir"
  case $t in
    redact_bytes)
      cp "$tmp"/* "$dir"/
      ;;
    stream_vs_whole | stream_pieces)
      # Header: one byte for the piece size (stream_pieces only), then the chunk sizes
      # (first byte: how many, minus one; then one byte each).
      for f in "$tmp"/*; do
        {
          [ "$t" = stream_pieces ] && printf '\001'
          printf '\002\007\001\100'
          cat "$f"
        } > "$dir/$(basename "$f")"
      done
      ;;
    simd_classes)
      # Raw bytes: the text samples and JSON lines (quotes, escapes, `=`, `:` and blanks).
      cp "$tmp"/* "$dir"/
      ;;
    anchors)
      # Raw bytes: the text samples, and slices of match-dense text (IPs, cards, phones,
      # IBANs ... on most lines), where the anchors of keyword-less rules are.
      cp "$tmp"/* "$dir"/
      dense=$root/corpora/generated/dense.txt
      if [ -f "$dense" ]; then head -n 400 "$dense" | split -l 20 - "$dir/dense-"; fi
      ;;
    keyword_prefilter)
      # Header byte 0x80: the built-in catalog's keywords; then the text samples.
      for f in "$tmp"/*; do
        { printf '\200'; cat "$f"; } > "$dir/$(basename "$f")"
      done
      ;;
    structured)
      # Header: the format (0 auto, 1 json, 2 logfmt), then the chunk sizes as above.
      json=$root/corpora/generated/jsonl.txt
      if [ -f "$json" ]; then head -n 200 "$json" | split -l 10 - "$tmp/json-"; fi
      printf '%s\n' '{"user":"ann","password":"hunter2-Xq9","nested":{"api_key":"AKIAZ3MHKEY7PQ4XW2LN"},"list":["ann@example.com",1,true,null]}' \
        '{"msg":"login ok for ann@example.com \u00e9\n","token":"tok\"en"}' '[1,2,{"secret":"s3cr3t"}]' > "$tmp/json-hand"
      printf '%s\n' 'level=info user=ann password=hunter2-Xq9 msg="login ok" email=ann@example.com' \
        'Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345' 'GET /cb?code=abc123&state=x&access_token=zzz HTTP/1.1' > "$tmp/logfmt-hand"
      i=0
      for f in "$tmp"/json-* "$tmp"/logfmt-* "$tmp"/text-0-aa "$tmp"/text-1-aa; do
        [ -f "$f" ] || continue
        case $f in */logfmt-*) fmt='\002' ;; */text-*) fmt='\000' ;; *) fmt='\00'$((i % 2)) ;; esac
        { printf "$fmt"; printf '\002\007\001\100'; cat "$f"; } > "$dir/$(basename "$f")"
        i=$((i + 1))
      done
      ;;
    parse_rules)
      # Mode 0: each [[rule]] table of the catalog as a rule file of its own.
      for f in "$root"/core/rules/*.toml; do
        [ -f "$f" ] || continue
        awk -v dir="$tmp" -v base="$(basename "$f" .toml)" '
          /^\[\[rule\]\]/ { n++; out = sprintf("%s/rule-%s-%03d", dir, base, n) }
          n > 0 { print > out }
        ' "$f"
      done
      for f in "$tmp"/rule-*; do
        [ -f "$f" ] || continue
        { printf '\000'; cat "$f"; } > "$dir/$(basename "$f")"
        rm -f "$f"
      done
      # Mode 3: patterns alone, including shapes known to be hard for backtracking engines.
      grep -h "^pattern = '''" "$root"/core/rules/*.toml 2>/dev/null | head -n 60 | sed "s/^pattern = '''//; s/'''\$//" |
        awk -v dir="$dir" '{ out = sprintf("%s/pattern-%03d", dir, NR); printf "\003%s", $0 > out }'
      for p in '(a+)+b' '(a|aa)*c' '(x+x+)+y' '(?i)pass(?:word)?\s*[:=]\s*(?P<secret>\S{6,40})' '[\s\S]{1,64}' '\bfoo\b'; do
        printf '\003%s' "$p" > "$dir/hard-$(printf %s "$p" | cksum | cut -d' ' -f1)"
      done
      # Mode 1: the rest of a rule after `pattern = '''`.
      printf "\001\\\\btok_[A-Za-z0-9]{16}\\\\b'''\nkeywords = [\"tok_\"]\nexamples = [\"tok_ABCDEFGH12345678\"]\n" > "$dir/tail-tok"
      printf "\001-----BEGIN KEY-----[\\\\s\\\\S]*?-----END KEY-----'''\nkeywords = [\"-----BEGIN\"]\nmultiline = true\nmax_len = 300\n" > "$dir/tail-pem"
      printf "\001(?P<secret>[0-9]{6,12})'''\nvalidators = [\"luhn\"]\nwindow = 8\nkeywords = [\"card\"]\n" > "$dir/tail-luhn"
      # Mode 2: gitleaks shape.
      printf "\002(?i)(?:key|secret)[\\\\s=:]+([a-z0-9]{32})'''\nkeywords = [\"key\", \"secret\"]\nsecretGroup = 1\nentropy = 3.5\n[rules.allowlist]\nregexes = ['''^x+\$''']\n" > "$dir/gitleaks-1"
      ;;
    *)
      echo "unknown target $t" >&2
      exit 2
      ;;
  esac
  echo "seeded $dir: $(ls "$dir" | wc -l) files"
done
