# Sourced by the other scripts: the tools the build needs, first on PATH.
# cargo-leptos runs the first `wasm-opt` on PATH: ours (Binaryen 123 from npm) must come
# before Debian's binaryen 108, whose output breaks in browsers.
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$repo_root/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
say() { printf '\033[1m==> [%s] %s\033[0m\n' "$(date +%H:%M:%S)" "$*"; }
# Space left on the disk that holds target/: a full clean build needs a few GB.
free_disk() { df -h --output=avail "$repo_root" | tail -n 1 | tr -d ' '; }
free_disk_gb() { df -BG --output=avail "$repo_root" | tail -n 1 | tr -dc '0-9'; }
