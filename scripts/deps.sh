# Sourced by the scripts: installs the Debian 12 packages cloudcast needs, only those
# missing, so a second run costs one dpkg query. Extra packages may be passed as arguments.
cloudcast_install_deps() {
  local packages=(cmake make g++ pkg-config libeigen3-dev libfmt-dev nlohmann-json3-dev
    libboost-dev libboost-program-options-dev catch2 libnlopt-cxx-dev librandom123-dev
    libxlsxwriter-dev python3 "$@")
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
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
