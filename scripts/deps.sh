# Sourced by the scripts: installs the Debian 12 packages cloudcast needs, only those
# missing, so a second run costs one dpkg query. Extra packages may be passed as arguments.
cloudcast_install_deps() {
  # zlib1g-dev: xlsxwriter.pc links -lz, yet libxlsxwriter-dev does not depend on it; a fresh
  # bookworm fails the link without it (scripts/fresh-debian, docs/performance.md).
  local packages=(cmake make g++ pkg-config libeigen3-dev libfmt-dev nlohmann-json3-dev
    libboost-dev libboost-program-options-dev catch2 libnlopt-cxx-dev librandom123-dev
    libxlsxwriter-dev zlib1g-dev python3 "$@")
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    # Not root: sudo, or the exact command for whoever can install (no obscure
    # "sudo: command not found" halfway through a script).
    if ! command -v sudo >/dev/null; then
      echo "cloudcast: missing Debian packages: ${missing[*]}" >&2
      echo "cloudcast: not root and no sudo; as root, run:" >&2
      echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
      echo "cloudcast: then run this script again" >&2
      return 1
    fi
    sudo="sudo"
  fi
  echo "cloudcast: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Configures the one build tree, build/ (Release, tests included), used by both scripts.
# Warnings are errors in CI only. ccache, when installed, is used as the compiler launcher.
cloudcast_configure() {
  local launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCLOUDCAST_BUILD_TESTS=ON \
    -DCLOUDCAST_WERROR="$([ -n "${CI:-}" ] && echo ON || echo OFF)" "${launcher[@]}"
}

# Configures build-sanitize/ (decision 0604): clang, -O1 -g without NDEBUG, AddressSanitizer
# and UBSan on every target, libFuzzer coverage; the tests and the fuzz targets in one tree,
# so `scripts/test --full` and scripts/fuzz share one build. libFuzzer and clang's sanitizer
# runtimes exist for clang only (libclang-rt-14-dev). No unity batches there (decision
# 0606): every file compiles alone in this tree, so a missing #include fails here.
cloudcast_configure_sanitized() {
  cloudcast_install_deps clang libclang-rt-14-dev
  local launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g" \
    -DCMAKE_CXX_COMPILER=clang++ -DCLOUDCAST_BUILD_TESTS=ON -DCLOUDCAST_SANITIZE=address,undefined \
    -DCLOUDCAST_BUILD_FUZZERS=ON -DCLOUDCAST_UNITY=OFF "${launcher[@]}"
  # A sanitizer report exits 1 by default, which is also cloudcast's "check failed": a test
  # expecting exit 1 (diff past tolerance) would pass on a leak. 99 is no exit code of ours.
  export ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=99:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-exitcode=99:print_stacktrace=1}
}
